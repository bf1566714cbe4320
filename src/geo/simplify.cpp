#include "geo/simplify.h"

#include <cmath>

namespace bm::geo {

namespace {

double seg_dist2(Vec2 p, Vec2 a, Vec2 b) {
    double dx = b.x - a.x, dy = b.y - a.y;
    double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
    return ex * ex + ey * ey;
}

// Iterative (explicit stack) so long coastlines cannot overflow the call stack.
void dp(const std::vector<Vec2>& pts, size_t first, size_t last, double tol2,
        std::vector<char>& keep) {
    std::vector<std::pair<size_t, size_t>> stack{{first, last}};
    while (!stack.empty()) {
        auto [i, j] = stack.back();
        stack.pop_back();
        if (j <= i + 1) continue;
        double best = -1;
        size_t idx = i;
        for (size_t k = i + 1; k < j; ++k) {
            double d = seg_dist2(pts[k], pts[i], pts[j]);
            if (d > best) best = d, idx = k;
        }
        if (best > tol2) {
            keep[idx] = 1;
            stack.push_back({i, idx});
            stack.push_back({idx, j});
        }
    }
}

}  // namespace

std::vector<Vec2> simplify(const std::vector<Vec2>& pts, double tolerance) {
    if (tolerance <= 0 || pts.size() <= 2) return pts;
    std::vector<char> keep(pts.size(), 0);
    keep.front() = keep.back() = 1;
    dp(pts, 0, pts.size() - 1, tolerance * tolerance, keep);
    std::vector<Vec2> out;
    for (size_t i = 0; i < pts.size(); ++i)
        if (keep[i]) out.push_back(pts[i]);
    return out;
}

Ring simplify_ring(const Ring& ring, double tolerance) {
    if (tolerance <= 0 || ring.size() <= 3) return ring;
    size_t far = 0;
    double best = -1;
    for (size_t k = 1; k < ring.size(); ++k) {
        double dx = ring[k].x - ring[0].x, dy = ring[k].y - ring[0].y;
        if (dx * dx + dy * dy > best) best = dx * dx + dy * dy, far = k;
    }
    std::vector<char> keep(ring.size() + 1, 0);
    std::vector<Vec2> closed(ring.begin(), ring.end());
    closed.push_back(ring[0]);
    keep[0] = keep[far] = keep[ring.size()] = 1;
    const double tol2 = tolerance * tolerance;
    dp(closed, 0, far, tol2, keep);
    dp(closed, far, ring.size(), tol2, keep);
    Ring out;
    for (size_t i = 0; i < ring.size(); ++i)
        if (keep[i]) out.push_back(ring[i]);
    return out;
}

}  // namespace bm::geo
