#include "render/scene.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

#include "geo/clip.h"
#include "geo/raster.h"
#include "geo/simplify.h"

namespace bm::render {

int Scene::find(int source_layer, int feature) const {
    // build_scene keeps every feature of a layer, in source order.
    for (const SceneLayer& l : layers)
        if (l.source == source_layer) {
            if (feature < 0 || uint32_t(feature) >= l.features.count) return -1;
            const uint32_t g = l.features.first + uint32_t(feature);
            return features[g].feature == feature ? int(g) : -1;
        }
    return -1;
}

int Scene::find_layer(std::string_view id) const {
    for (size_t i = 0; i < layers.size(); ++i)
        if (layers[i].id == id) return int(i);
    return -1;
}

int Scene::lod_for(double res) const {
    int best = 0;
    for (size_t i = 0; i < lod_tolerances.size(); ++i)
        if (lod_tolerances[i] <= res * 0.5) best = int(i);
    return best;
}

namespace {

geo::GeomKind dominant_kind(const geo::Layer& l) {
    size_t n[4] = {0, 0, 0, 0};
    for (auto& f : l.features) n[int(f.geom.kind)]++;
    return geo::GeomKind(std::max_element(n + 1, n + 4) - n);
}

constexpr uint32_t kChunkSegments = 256;

struct LodBuilder {
    const Scene& scene;
    LodGeometry& lod;

    void add_line(const std::vector<geo::Vec2>& pts, bool closed, uint32_t feature) {
        const size_t n = pts.size();
        if (n < 2) return;
        const geo::Vec2 o = scene.origin;
        double dist = 0;
        const size_t segs = closed ? n : n - 1;
        Chunk c{{uint32_t(lod.segments.size()), 0}, 1e30f, 1e30f, -1e30f, -1e30f, feature};
        auto flush = [&] {
            c.segments.count = uint32_t(lod.segments.size()) - c.segments.first;
            if (c.segments.count) lod.chunks.push_back(c);
            c = Chunk{{uint32_t(lod.segments.size()), 0}, 1e30f, 1e30f, -1e30f, -1e30f, feature};
        };
        for (size_t i = 0; i < segs; ++i) {
            const geo::Vec2& a = pts[i];
            const geo::Vec2& b = pts[(i + 1) % n];
            if (!std::isfinite(a.x) || !std::isfinite(b.x)) continue;
            Segment s{float(a.x - o.x), float(a.y - o.y), float(b.x - o.x),
                      float(b.y - o.y), float(dist),      feature};
            lod.segments.push_back(s);
            c.minx = std::min({c.minx, s.x0, s.x1});
            c.miny = std::min({c.miny, s.y0, s.y1});
            c.maxx = std::max({c.maxx, s.x0, s.x1});
            c.maxy = std::max({c.maxy, s.y0, s.y1});
            dist += std::hypot(b.x - a.x, b.y - a.y);
            if (lod.segments.size() - c.segments.first >= kChunkSegments) flush();
        }
        flush();
    }
};

bool same_stroke(const FeatureStyle& a, const FeatureStyle& b) {
    return a.stroke == b.stroke && a.width == b.width && a.dash == b.dash;
}

// The first feature (lowest global index) with each polygon edge of a layer, at full detail;
// an edge is its two end points, either way round (Natural Earth and OSM neighbours share their
// border vertices exactly). Open addressing on a 64-bit hash of the edge: a collision (odds
// ~1e-9 for the default data) would at worst hide one edge of one outline.
class EdgeOwners {
  public:
    explicit EdgeOwners(size_t edges) {
        size_t cap = 16;
        while (cap < edges * 2) cap *= 2;
        slots_.assign(cap, {0, 0});
    }
    void add(uint64_t h, uint32_t gid) {
        for (size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
            if (slots_[i].first == h) return;  // an earlier feature has it
            if (slots_[i].first == 0) {
                slots_[i] = {h, gid};
                return;
            }
        }
    }
    uint32_t owner(uint64_t h) const {
        for (size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1))
            if (slots_[i].first == h || slots_[i].first == 0) return slots_[i].second;
    }
    static uint64_t hash(geo::Vec2 a, geo::Vec2 b) {
        if (b.x < a.x || (b.x == a.x && b.y < a.y)) std::swap(a, b);
        uint64_t h = 0x9e3779b97f4a7c15ull;
        for (double d : {a.x, a.y, b.x, b.y}) {
            uint64_t v;
            std::memcpy(&v, &d, sizeof v);
            h = (h ^ v) * 0xff51afd7ed558ccdull;  // murmur3-style mixing
            h ^= h >> 33;
        }
        return h | 1;  // 0 marks an empty slot
    }

  private:
    std::vector<std::pair<uint64_t, uint32_t>> slots_;
};

// Fills SceneFeature::edges_drawn for one layer's polygon features (see scene.h).
void mark_shared_edges(Scene& s, const SceneLayer& sl, const geo::Layer& src) {
    auto geom = [&](uint32_t gid) -> const geo::Geometry& {
        return src.features[size_t(s.features[gid].feature)].geom;
    };
    size_t edges = 0;
    for (uint32_t gid = sl.features.first; gid < sl.features.first + sl.features.count; ++gid)
        for (const geo::Polygon& poly : geom(gid).polygons)
            for (const geo::Ring& r : poly) edges += r.size();
    if (edges == 0) return;
    EdgeOwners owners(edges);
    auto each_edge = [&](uint32_t gid, const auto& fn) {
        for (const geo::Polygon& poly : geom(gid).polygons)
            for (const geo::Ring& r : poly)
                for (size_t i = 0, n = r.size(); i < n; ++i)
                    fn(EdgeOwners::hash(r[i], r[(i + 1) % n]));
    };
    for (uint32_t gid = sl.features.first; gid < sl.features.first + sl.features.count; ++gid)
        if (!s.features[gid].style.hidden) each_edge(gid, [&](uint64_t h) { owners.add(h, gid); });
    for (uint32_t gid = sl.features.first; gid < sl.features.first + sl.features.count; ++gid) {
        SceneFeature& sf = s.features[gid];
        if (sf.style.hidden) continue;
        std::vector<bool> drawn;
        bool all = true;
        each_edge(gid, [&](uint64_t h) {
            const uint32_t o = owners.owner(h);
            // Drawn here unless an earlier neighbour strokes it the same way (if not, both
            // draw it, the later on top, as without sharing).
            const bool d = o == gid || !same_stroke(s.features[o].style, sf.style);
            drawn.push_back(d);
            all = all && d;
        });
        if (!all) sf.edges_drawn = std::move(drawn);
    }
}

// Calls out(run) for each maximal run of consecutive edges of ring `r` that draws[first + i]
// marks, as an open line of points. A ring drawn whole is not a run (the caller draws it
// closed); neither is one with no edge drawn.
template <class Out>
void for_each_run(const geo::Ring& r, const std::vector<bool>& draws, size_t first,
                  const Out& out) {
    const size_t n = r.size();
    if (n < 2) return;
    size_t start = 0;  // an edge that is not drawn, so no run wraps past the start
    while (start < n && draws[first + start]) ++start;
    if (start == n) return;
    std::vector<geo::Vec2> run;
    for (size_t k = 1; k <= n; ++k) {
        const size_t i = (start + k) % n;
        if (k < n && draws[first + i]) {
            if (run.empty()) run.push_back(r[i]);
            run.push_back(r[(i + 1) % n]);
        } else if (!run.empty()) {
            out(run);
            run.clear();
        }
    }
}

}  // namespace

Scene build_scene(const std::vector<geo::Layer>& layers, const Style& style) {
    Scene s;
    geo::Box all;
    for (auto& l : layers) all.add(l.bbox);
    s.origin = all.empty() ? geo::Vec2{} : all.center();
    // Full detail, then doubling tolerances from 25 map units (metres in the default CRS).
    s.lod_tolerances = {0};
    for (double t = 25; t <= 25 * 256; t *= 2) s.lod_tolerances.push_back(t);

    std::vector<size_t> order(layers.size());
    std::iota(order.begin(), order.end(), 0);
    std::vector<geo::GeomKind> kinds;
    for (auto& l : layers) kinds.push_back(dominant_kind(l));
    // A raster goes just above the style's first layer (the land under everything else), so
    // the land's fill does not hide it and every other vector is drawn over it.
    auto key = [&](size_t i) {
        return layers[i].raster ? 0.5 : double(style.order(layers[i].name, kinds[i]));
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return key(a) < key(b); });

    for (size_t li : order) {
        const geo::Layer& src = layers[li];
        SceneLayer sl;
        sl.id = src.id.empty() ? src.name : src.id;
        sl.name = src.name;
        sl.source = int(li);
        sl.kind = kinds[li];
        sl.order = style.order(src.name, sl.kind);
        if (src.raster) {
            sl.kind = geo::GeomKind::None;
            sl.order = 0;
            sl.raster = true;
            sl.shade = src.raster->kind == geo::Raster::Kind::Dem;
        }
        sl.features.first = uint32_t(s.features.size());
        sl.points.first = uint32_t(s.points.size());
        for (size_t fi = 0; fi < src.features.size(); ++fi) {
            const geo::Feature& f = src.features[fi];
            const uint32_t gid = uint32_t(s.features.size());
            SceneFeature sf{
                int(s.layers.size()), int(fi), {}, style.resolve(src.name, f), f.geom.bbox};
            if (f.geom.kind == geo::GeomKind::Polygon && (sf.style.fill[3] > 0 || sf.style.hatch) &&
                !sf.style.hidden)
                sl.fills_transparent = false;
            if (f.geom.kind == geo::GeomKind::Polygon && !sf.style.hidden &&
                (sf.style.fill[3] < 1 || sf.style.hatch))
                sl.fills_opaque = false;

            sf.points.first = uint32_t(s.points.size());
            if (!sf.style.hidden)
                for (const geo::Vec2& p : f.geom.points)
                    s.points.push_back({float(p.x - s.origin.x), float(p.y - s.origin.y), gid,
                                        uint32_t(sf.style.symbol), sf.style.point_size,
                                        sf.style.max_res});
            sf.points.count = uint32_t(s.points.size()) - sf.points.first;
            s.features.push_back(std::move(sf));
        }
        sl.features.count = uint32_t(s.features.size()) - sl.features.first;
        sl.points.count = uint32_t(s.points.size()) - sl.points.first;
        mark_shared_edges(s, sl, src);
        s.layers.push_back(std::move(sl));
    }
    return s;
}

LodGeometry build_lod(const Scene& scene, const std::vector<geo::Layer>& layers, int level,
                      const LodScope& scope) {
    LodGeometry lod;
    lod.tolerance = scene.lod_tolerances.at(size_t(level));
    lod.feature_fill.resize(scene.features.size());
    lod.feature_chunks.resize(scene.features.size());
    LodBuilder b{scene, lod};
    geo::Triangles tri;
    const bool clipping = !scope.clip.empty();
    geo::Polygon clipped;
    auto tessellate = [&](uint32_t gid, const std::vector<geo::Polygon>& polys) {
        Range ff{uint32_t(lod.fill_indices.size()), 0};
        for (const geo::Polygon& poly : polys) {
            const geo::Polygon* part = &poly;
            if (clipping) {
                geo::Box b;
                for (const geo::Vec2& p : poly[0]) b.add(p);
                if (!b.intersects(scope.clip)) continue;
                const bool inside = b.minx >= scope.clip.minx && b.maxx <= scope.clip.maxx &&
                                    b.miny >= scope.clip.miny && b.maxy <= scope.clip.maxy;
                if (!inside) {
                    if (!geo::clip_polygon(poly, scope.clip, clipped)) continue;
                    part = &clipped;
                }
            }
            tri.vertices.clear();
            tri.indices.clear();
            if (!geo::tessellate(*part, tri)) {
                ++lod.tessellation_failures;
                continue;
            }
            const uint32_t base = uint32_t(lod.fill_vertices.size());
            for (auto& v : tri.vertices)
                lod.fill_vertices.push_back(
                    {float(v.x - scene.origin.x), float(v.y - scene.origin.y), gid});
            for (uint32_t idx : tri.indices) lod.fill_indices.push_back(base + idx);
        }
        ff.count = uint32_t(lod.fill_indices.size()) - ff.first;
        lod.feature_fill[gid] = ff;
    };
    std::vector<geo::Polygon> simplified;
    // Features whose fill is invisible (alpha 0, no hatch: most provinces) are tessellated after
    // the layer's visible fills and left out of its fill range, so the base pass never rasterises
    // them (a 4K export spent ~25 ms on them); highlights still draw them by feature.
    std::vector<std::pair<uint32_t, std::vector<geo::Polygon>>> invisible;
    // Neighbouring polygons share most of their outline (~70% of the edges of the default
    // provinces and countries). The base pass draws a shared edge once, from the first feature
    // with it (if their strokes look the same; see build_scene); a highlight of a feature that
    // leaves some to neighbours builds its whole outline on demand (outline_segments).
    auto drawn = [&](const SceneFeature& sf) {
        return !sf.style.hidden && (!clipping || sf.bbox.intersects(scope.clip));
    };
    for (const SceneLayer& sl : scene.layers) {
        Range lf{uint32_t(lod.fill_indices.size()), 0}, lc{uint32_t(lod.chunks.size()), 0};
        const geo::Layer* src = scene.source_of(sl, layers);
        invisible.clear();
        for (uint32_t gid = sl.features.first; gid < sl.features.first + sl.features.count; ++gid) {
            const SceneFeature& sf = scene.features[gid];
            Range fc{uint32_t(lod.chunks.size()), 0};
            lod.feature_fill[gid] = {uint32_t(lod.fill_indices.size()), 0};
            const bool whole_outline = sf.edges_drawn.empty();
            if (src && drawn(sf)) {
                const geo::Feature& f = src->features[size_t(sf.feature)];
                simplified.clear();
                for (const geo::Polygon& poly : f.geom.polygons) {
                    geo::Polygon sp;
                    for (const geo::Ring& r : poly) {
                        geo::Ring s = geo::simplify_ring(r, lod.tolerance);
                        if (s.size() >= 3)
                            sp.push_back(std::move(s));
                        else if (sp.empty())
                            break;  // exterior vanished: so does the polygon
                    }
                    if (sp.empty()) continue;
                    simplified.push_back(std::move(sp));
                }
                if (whole_outline) {
                    for (const geo::Polygon& sp : simplified)
                        for (const geo::Ring& r : sp) b.add_line(r, true, gid);
                } else {
                    // The runs of edges this feature draws, simplified as open lines; rings
                    // it draws whole (islands) as before.
                    size_t first = 0;  // of the ring's edges in edges_drawn
                    for (const geo::Polygon& poly : f.geom.polygons)
                        for (const geo::Ring& r : poly) {
                            const auto from = sf.edges_drawn.begin() + std::ptrdiff_t(first);
                            if (std::find(from, from + std::ptrdiff_t(r.size()), false) !=
                                from + std::ptrdiff_t(r.size())) {
                                for_each_run(r, sf.edges_drawn, first,
                                             [&](const std::vector<geo::Vec2>& run) {
                                                 b.add_line(geo::simplify(run, lod.tolerance),
                                                            false, gid);
                                             });
                            } else if (geo::Ring s = geo::simplify_ring(r, lod.tolerance);
                                       s.size() >= 3) {
                                b.add_line(s, true, gid);
                            }
                            first += r.size();
                        }
                }
                if (sf.style.fill[3] > 0 || sf.style.hatch)
                    tessellate(gid, simplified);
                else if (!simplified.empty() &&
                         (scope.invisible_fills || int(gid) == scope.keep_fill))
                    invisible.emplace_back(gid, std::move(simplified));
                for (const geo::LineString& l : f.geom.lines)
                    b.add_line(geo::simplify(l, lod.tolerance), false, gid);
            }
            fc.count = uint32_t(lod.chunks.size()) - fc.first;
            // (A feature drawn in runs has no whole outline here: see outline_segments.)
            lod.feature_chunks[gid] = whole_outline ? fc : Range{fc.first, 0};
        }
        lf.count = uint32_t(lod.fill_indices.size()) - lf.first;
        for (auto& [gid, polys] : invisible) tessellate(gid, polys);
        lc.count = uint32_t(lod.chunks.size()) - lc.first;
        lod.layer_fill.push_back(lf);
        lod.layer_chunks.push_back(lc);
    }
    return lod;
}

std::vector<Segment> outline_segments(const Scene& scene, const std::vector<geo::Layer>& projected,
                                      uint32_t feature, double tolerance) {
    LodGeometry lod;
    if (feature >= scene.features.size()) return {};
    const SceneFeature& sf = scene.features[feature];
    const geo::Layer* l = scene.source_of(scene.layers[size_t(sf.layer)], projected);
    if (l && size_t(sf.feature) < l->features.size()) {
        LodBuilder b{scene, lod};
        for (const geo::Polygon& poly : l->features[size_t(sf.feature)].geom.polygons)
            for (const geo::Ring& r : poly) {
                geo::Ring s = geo::simplify_ring(r, tolerance);
                if (s.size() >= 3) b.add_line(s, true, feature);
            }
    }
    return std::move(lod.segments);
}

}  // namespace bm::render
