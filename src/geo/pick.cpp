#include "geo/pick.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "geo/tessellate.h"

namespace bm::geo {

void PickIndex::build(const std::vector<Layer>& layers) {
    layers_ = &layers;
    entries_.clear();
    extent_ = Box{};
    for (size_t li = 0; li < layers.size(); ++li)
        for (size_t fi = 0; fi < layers[li].features.size(); ++fi) {
            const Feature& f = layers[li].features[fi];
            if (f.geom.bbox.empty()) continue;
            Entry e{{int(li), int(fi)}, f.geom.bbox, 0, f.geom.kind};
            if (f.geom.kind == GeomKind::Polygon)
                for (const Polygon& p : f.geom.polygons) e.area += polygon_area(p);
            // A polygon the projection could not take whole (Antarctica in a conic
            // projection) has non-finite vertices: test it last, never as "the smallest".
            if (!std::isfinite(e.area)) e.area = INFINITY;
            entries_.push_back(e);
            extent_.add(f.geom.bbox);
        }
    // About 4 entries per cell on average for small features; big ones span many cells.
    const int g = std::clamp(int(std::sqrt(double(entries_.size()) / 4.0)) * 2, 1, 256);
    gx_ = gy_ = g;
    cell_w_ = std::max((extent_.maxx - extent_.minx) / gx_, 1e-9);
    cell_h_ = std::max((extent_.maxy - extent_.miny) / gy_, 1e-9);
    cells_.assign(size_t(gx_) * size_t(gy_), {});
    for (uint32_t i = 0; i < entries_.size(); ++i) {
        int x0, y0, x1, y1;
        cell_range(entries_[i].bbox, x0, y0, x1, y1);
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x) cells_[size_t(y) * size_t(gx_) + size_t(x)].push_back(i);
    }
}

void PickIndex::cell_range(const Box& b, int& x0, int& y0, int& x1, int& y1) const {
    auto cx = [&](double x) {
        return std::clamp(int(std::floor((x - extent_.minx) / cell_w_)), 0, gx_ - 1);
    };
    auto cy = [&](double y) {
        return std::clamp(int(std::floor((y - extent_.miny) / cell_h_)), 0, gy_ - 1);
    };
    x0 = cx(b.minx);
    x1 = cx(b.maxx);
    y0 = cy(b.miny);
    y1 = cy(b.maxy);
}

bool PickIndex::contains(const Polygon& poly, Vec2 p) {
    bool inside = false;
    for (const Ring& r : poly) {
        const size_t n = r.size();
        for (size_t i = 0, j = n - 1; i < n; j = i++) {
            const Vec2 &a = r[i], &b = r[j];
            if (!std::isfinite(a.x + a.y + b.x + b.y)) continue;  // unprojectable vertex
            if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x)
                inside = !inside;
        }
    }
    return inside;
}

double PickIndex::distance_to_line(const LineString& line, Vec2 p) {
    double best = INFINITY;
    for (size_t i = 0; i + 1 < line.size(); ++i) {
        const Vec2 a = line[i], b = line[i + 1];
        const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
        double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
        t = std::clamp(t, 0.0, 1.0);
        best = std::min(best, std::hypot(a.x + t * dx - p.x, a.y + t * dy - p.y));
    }
    return best;
}

std::optional<FeatureRef> PickIndex::pick(Vec2 p, double point_tol, double line_tol,
                                          const std::function<bool(FeatureRef)>& pickable) const {
    std::vector<FeatureRef> all = pick_all(p, point_tol, line_tol, pickable);
    if (all.empty()) return std::nullopt;
    return all.front();
}

std::vector<FeatureRef> PickIndex::pick_all(Vec2 p, double point_tol, double line_tol,
                                            const std::function<bool(FeatureRef)>& pickable) const {
    std::vector<FeatureRef> out;
    if (!layers_ || entries_.empty()) return out;
    const double tol = std::max(point_tol, line_tol);
    const Box probe{p.x - tol, p.y - tol, p.x + tol, p.y + tol};
    if (!probe.intersects(extent_)) return out;
    int x0, y0, x1, y1;
    cell_range(probe, x0, y0, x1, y1);

    // A big feature sits in many cells; visit each entry once.
    thread_local std::vector<uint32_t> cand;
    cand.clear();
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            const auto& cell = cells_[size_t(y) * size_t(gx_) + size_t(x)];
            cand.insert(cand.end(), cell.begin(), cell.end());
        }
    if (x1 > x0 || y1 > y0) {
        std::sort(cand.begin(), cand.end());
        cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
    }
    std::vector<std::pair<double, FeatureRef>> points, lines;
    thread_local std::vector<uint32_t> polys;
    polys.clear();
    for (uint32_t i : cand) {
        const Entry& e = entries_[i];
        const Box& b = e.bbox;
        if (p.x < b.minx - tol || p.x > b.maxx + tol || p.y < b.miny - tol || p.y > b.maxy + tol)
            continue;
        if (e.kind == GeomKind::Polygon) {
            if (b.contains(p)) polys.push_back(i);
            continue;
        }
        if (pickable && !pickable(e.ref)) continue;
        const Feature& f = (*layers_)[size_t(e.ref.layer)].features[size_t(e.ref.feature)];
        double best = std::numeric_limits<double>::infinity();
        if (e.kind == GeomKind::Point) {
            for (const Vec2& q : f.geom.points)
                best = std::min(best, std::hypot(q.x - p.x, q.y - p.y));
            if (best <= point_tol) points.emplace_back(best, e.ref);
        } else if (e.kind == GeomKind::Line) {
            for (const LineString& l : f.geom.lines) best = std::min(best, distance_to_line(l, p));
            if (best <= line_tol) lines.emplace_back(best, e.ref);
        }
    }
    auto nearest = [](const auto& a, const auto& b) {
        return a.first < b.first ||
               (a.first == b.first &&
                (a.second.layer < b.second.layer ||
                 (a.second.layer == b.second.layer && a.second.feature < b.second.feature)));
    };
    std::sort(points.begin(), points.end(), nearest);
    std::sort(lines.begin(), lines.end(), nearest);
    for (const auto& [d, r] : points) out.push_back(r);
    for (const auto& [d, r] : lines) out.push_back(r);
    // Smallest first; the point-in-polygon test runs only on boxes that hold the point.
    std::sort(polys.begin(), polys.end(), [&](uint32_t a, uint32_t b) {
        return entries_[a].area < entries_[b].area ||
               (entries_[a].area == entries_[b].area && a < b);
    });
    for (uint32_t i : polys) {
        const Entry& e = entries_[i];
        if (pickable && !pickable(e.ref)) continue;
        const Feature& f = (*layers_)[size_t(e.ref.layer)].features[size_t(e.ref.feature)];
        for (const Polygon& poly : f.geom.polygons)
            if (contains(poly, p)) {
                out.push_back(e.ref);
                break;
            }
    }
    return out;
}

}  // namespace bm::geo
