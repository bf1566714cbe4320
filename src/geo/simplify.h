#pragma once
// Douglas–Peucker simplification of projected rings and lines, for levels of detail. Written
// here rather than through GEOS because it runs on already-projected coordinates in the
// start-up path; a round trip through OGR geometries would cost more than the simplification.
#include "geo/layer.h"

namespace bm::geo {

// Keeps the points that deviate more than `tolerance` (map units) from the simplified line.
// Endpoints are always kept. tolerance <= 0 returns the input.
std::vector<Vec2> simplify(const std::vector<Vec2>& pts, double tolerance);

// A closed ring (no repeated closing point): split at the point farthest from the first, so
// both halves are simplified as open lines. Returns fewer than 3 points if the ring vanishes.
Ring simplify_ring(const Ring& ring, double tolerance);

}  // namespace bm::geo
