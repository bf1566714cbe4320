#pragma once
// Clipping projected rings to a rectangle (Sutherland–Hodgman), so an export tessellates only
// the part of a large country it shows. Written here rather than through GEOS (OGR's
// Intersection) because it runs in the export's start-up path on already-projected rings and
// only feeds the fill tessellator, whose odd winding rule is indifferent to the zero-width
// edges this leaves along the rectangle.
#include "geo/layer.h"

namespace bm::geo {

// The part of closed ring `ring` inside `box`, as a closed ring (no repeated closing point).
// Fewer than 3 points when nothing of it is inside. A ring around the box becomes the box.
Ring clip_ring(const Ring& ring, const Box& box);

// Clips every ring of `poly` (exterior first, then holes); false when the exterior vanished.
bool clip_polygon(const Polygon& poly, const Box& box, Polygon& out);

}  // namespace bm::geo
