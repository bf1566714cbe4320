#include "geo/clip.h"

namespace bm::geo {

namespace {

// One pass against the half-plane coordinate[axis] >= bound (keep_above) or <= bound.
void clip_edge(const Ring& in, Ring& out, int axis, double bound, bool keep_above) {
    out.clear();
    const size_t n = in.size();
    if (n == 0) return;
    auto coord = [axis](const Vec2& p) { return axis == 0 ? p.x : p.y; };
    auto inside = [&](const Vec2& p) { return keep_above ? coord(p) >= bound : coord(p) <= bound; };
    auto crossing = [&](const Vec2& a, const Vec2& b) {
        const double t = (bound - coord(a)) / (coord(b) - coord(a));
        Vec2 p{a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
        (axis == 0 ? p.x : p.y) = bound;  // exactly on the edge despite rounding
        return p;
    };
    Vec2 prev = in[n - 1];
    bool prev_in = inside(prev);
    for (const Vec2& cur : in) {
        const bool cur_in = inside(cur);
        if (cur_in) {
            if (!prev_in) out.push_back(crossing(prev, cur));
            out.push_back(cur);
        } else if (prev_in) {
            out.push_back(crossing(prev, cur));
        }
        prev = cur;
        prev_in = cur_in;
    }
}

}  // namespace

Ring clip_ring(const Ring& ring, const Box& box) {
    Ring a = ring, b;
    clip_edge(a, b, 0, box.minx, true);
    clip_edge(b, a, 0, box.maxx, false);
    clip_edge(a, b, 1, box.miny, true);
    clip_edge(b, a, 1, box.maxy, false);
    return a;
}

bool clip_polygon(const Polygon& poly, const Box& box, Polygon& out) {
    out.clear();
    for (size_t i = 0; i < poly.size(); ++i) {
        Ring r = clip_ring(poly[i], box);
        if (r.size() >= 3)
            out.push_back(std::move(r));
        else if (i == 0)
            return false;
    }
    return !out.empty();
}

}  // namespace bm::geo
