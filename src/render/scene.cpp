#include "render/scene.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bm::render {

int Scene::find(const std::string& layer, int feature) const {
    for (const SceneLayer& l : layers)
        if (l.name == layer) {
            for (uint32_t i = l.features.first; i < l.features.first + l.features.count; ++i)
                if (features[i].feature == feature) return int(i);
        }
    return -1;
}

namespace {

geo::GeomKind dominant_kind(const geo::Layer& l) {
    size_t n[4] = {0, 0, 0, 0};
    for (auto& f : l.features) n[int(f.geom.kind)]++;
    return geo::GeomKind(std::max_element(n + 1, n + 4) - n);
}

void add_line(Scene& s, const std::vector<geo::Vec2>& pts, bool closed, uint32_t feature) {
    const size_t n = pts.size();
    if (n < 2) return;
    double dist = 0;
    const size_t segs = closed ? n : n - 1;
    for (size_t i = 0; i < segs; ++i) {
        const geo::Vec2& a = pts[i];
        const geo::Vec2& b = pts[(i + 1) % n];
        if (!std::isfinite(a.x) || !std::isfinite(b.x)) continue;
        s.segments.push_back({float(a.x - s.origin.x), float(a.y - s.origin.y),
                              float(b.x - s.origin.x), float(b.y - s.origin.y), float(dist),
                              feature});
        dist += std::hypot(b.x - a.x, b.y - a.y);
    }
}

}  // namespace

Scene build_scene(const std::vector<geo::Layer>& layers, const Style& style) {
    Scene s;
    geo::Box all;
    for (auto& l : layers) all.add(l.bbox);
    s.origin = all.empty() ? geo::Vec2{} : all.center();

    std::vector<size_t> order(layers.size());
    std::iota(order.begin(), order.end(), 0);
    std::vector<geo::GeomKind> kinds;
    for (auto& l : layers) kinds.push_back(dominant_kind(l));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return style.order(layers[a].name, kinds[a]) < style.order(layers[b].name, kinds[b]);
    });

    geo::Triangles tri;
    for (size_t li : order) {
        const geo::Layer& src = layers[li];
        SceneLayer sl;
        sl.name = src.name;
        sl.kind = kinds[li];
        sl.order = style.order(src.name, sl.kind);
        sl.features.first = uint32_t(s.features.size());
        sl.fill.first = uint32_t(s.fill_indices.size());
        sl.segments.first = uint32_t(s.segments.size());
        sl.points.first = uint32_t(s.points.size());
        for (size_t fi = 0; fi < src.features.size(); ++fi) {
            const geo::Feature& f = src.features[fi];
            const uint32_t gid = uint32_t(s.features.size());
            SceneFeature sf{int(s.layers.size()), int(fi), {}, {}, {}, style.resolve(src.name, f)};
            sf.fill.first = uint32_t(s.fill_indices.size());
            sf.segments.first = uint32_t(s.segments.size());
            sf.points.first = uint32_t(s.points.size());
            if (!sf.style.hidden) {
                for (const geo::Polygon& poly : f.geom.polygons) {
                    tri.vertices.clear();
                    tri.indices.clear();
                    if (!geo::tessellate(poly, tri)) {
                        ++s.tessellation_failures;
                        continue;
                    }
                    const uint32_t base = uint32_t(s.fill_vertices.size());
                    for (auto& v : tri.vertices)
                        s.fill_vertices.push_back(
                            {float(v.x - s.origin.x), float(v.y - s.origin.y), gid});
                    for (uint32_t idx : tri.indices) s.fill_indices.push_back(base + idx);
                    for (const geo::Ring& r : poly) add_line(s, r, true, gid);
                }
                for (const geo::LineString& l : f.geom.lines) add_line(s, l, false, gid);
                for (const geo::Vec2& p : f.geom.points)
                    s.points.push_back({float(p.x - s.origin.x), float(p.y - s.origin.y), gid,
                                        uint32_t(sf.style.symbol), sf.style.point_size});
            }
            sf.fill.count = uint32_t(s.fill_indices.size()) - sf.fill.first;
            sf.segments.count = uint32_t(s.segments.size()) - sf.segments.first;
            sf.points.count = uint32_t(s.points.size()) - sf.points.first;
            s.features.push_back(std::move(sf));
        }
        sl.features.count = uint32_t(s.features.size()) - sl.features.first;
        sl.fill.count = uint32_t(s.fill_indices.size()) - sl.fill.first;
        sl.segments.count = uint32_t(s.segments.size()) - sl.segments.first;
        sl.points.count = uint32_t(s.points.size()) - sl.points.first;
        s.layers.push_back(std::move(sl));
    }
    return s;
}

}  // namespace bm::render
