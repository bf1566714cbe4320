#pragma once
// Polygon tessellation on the CPU (upload is a separate step in render/). Uses the GLU
// tessellator (libglu, Debian's Mesa GLU): robust with holes, multipolygons, touching rings and
// self-intersections (the odd winding rule), and needs no GL context.
#include <cstdint>
#include <vector>

#include "geo/layer.h"

namespace bm::geo {

struct Triangles {
    std::vector<Vec2> vertices;     // input vertices plus any created at intersections
    std::vector<uint32_t> indices;  // three per triangle; 32-bit: large countries exceed 65535

    double area() const;  // summed absolute triangle area
};

// Appends the triangles of `poly` to `out`. Rings with fewer than 3 distinct points and
// non-finite vertices are skipped. Returns false if GLU reported an error for this polygon.
bool tessellate(const Polygon& poly, Triangles& out);

// Shoelace area of a polygon: |exterior| - sum |holes| (for valid polygons).
double polygon_area(const Polygon& poly);

}  // namespace bm::geo
