// Levels of detail and simplification: no GL needed.
#include "render/scene.h"

#include <gtest/gtest.h>

#include <cmath>

#include "geo/simplify.h"
#include "geo/tessellate.h"
#include "render/labels.h"
#include "render/style.h"

using namespace bm;

TEST(Simplify, KeepsEndpointsAndDropsPointsWithinTolerance) {
    std::vector<geo::Vec2> line;
    for (int i = 0; i <= 100; ++i) line.push_back({double(i), std::sin(i * 0.5) * 0.1});
    auto s = geo::simplify(line, 0.5);
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s.front().x, 0);
    EXPECT_EQ(s.back().x, 100);
    auto same = geo::simplify(line, 0);
    EXPECT_EQ(same.size(), line.size());
    std::vector<geo::Vec2> corner = {{0, 0}, {5, 0.01}, {10, 0}, {10, 10}};
    EXPECT_EQ(geo::simplify(corner, 1).size(), 3u);  // the corner stays
}

TEST(Simplify, RingKeepsItsShapeWithinTolerance) {
    geo::Ring circle;
    for (int i = 0; i < 720; ++i)
        circle.push_back({1000 * std::cos(i * M_PI / 360), 1000 * std::sin(i * M_PI / 360)});
    geo::Ring s = geo::simplify_ring(circle, 5);
    EXPECT_LT(s.size(), circle.size() / 4);
    EXPECT_GE(s.size(), 8u);
    // Every original point lies within the tolerance of the simplified ring: area barely changes.
    double a0 = geo::polygon_area({circle}), a1 = geo::polygon_area({s});
    EXPECT_NEAR(a1 / a0, 1.0, 0.01);
}

TEST(Scene, LevelsOfDetailShrinkAndKeepEveryFeature) {
    geo::Layer l;
    l.name = "countries";
    geo::Feature f;
    f.id = "blob";
    f.geom.kind = geo::GeomKind::Polygon;
    geo::Ring r;
    for (int i = 0; i < 2000; ++i) {
        double a = i * 2 * M_PI / 2000, rad = 100000 + 300 * std::sin(i * 0.7);
        r.push_back({rad * std::cos(a), rad * std::sin(a)});
        f.geom.bbox.add(r.back());
    }
    f.geom.polygons = {{r}};
    l.features.push_back(f);
    l.bbox = f.geom.bbox;
    Problems probs;
    render::Style st =
        render::Style::parse(R"({"layers":[{"layer":"countries","fill":"#ff0000"}]})", "t", probs);
    render::Scene scene = render::build_scene({l}, st);
    ASSERT_GE(scene.lod_tolerances.size(), 3u);
    size_t prev = SIZE_MAX;
    for (size_t level = 0; level < scene.lod_tolerances.size(); ++level) {
        render::LodGeometry g = render::build_lod(scene, {l}, int(level));
        EXPECT_LE(g.segments.size(), prev);
        prev = g.segments.size();
        EXPECT_EQ(g.feature_fill.size(), 1u);
        EXPECT_GT(g.feature_fill[0].count, 0u) << "level " << level;
        // Chunks cover the feature's segments exactly once.
        uint32_t covered = 0;
        for (auto& c : g.chunks) covered += c.segments.count;
        EXPECT_EQ(covered, g.segments.size());
    }
    // Zoomed far in: full detail; zoomed out: coarser.
    EXPECT_EQ(scene.lod_for(1.0), 0);
    EXPECT_GT(scene.lod_for(5000), 0);
    EXPECT_LE(scene.lod_tolerances[size_t(scene.lod_for(5000))], 2500);
}

TEST(Scene, InvisibleFillsStayOutOfTheLayerRangeButKeepTheirTriangles) {
    // Three squares; the middle one has the layer's transparent fill, the others a colour
    // through a match. The layer's fill range holds only the visible two (the base pass never
    // rasterises the invisible one), yet every feature keeps its triangles for highlights.
    geo::Layer l;
    l.name = "admin1";
    for (int i = 0; i < 3; ++i) {
        geo::Feature f;
        f.id = i == 1 ? "plain" : "coloured";
        f.kind = i == 1 ? "province" : "autonomous republic";
        f.geom.kind = geo::GeomKind::Polygon;
        const double x = i * 20;
        f.geom.polygons = {{{{x, 0}, {x + 10, 0}, {x + 10, 10}, {x, 10}}}};
        for (auto& p : f.geom.polygons[0][0]) f.geom.bbox.add(p);
        l.bbox.add(f.geom.bbox);
        l.features.push_back(f);
    }
    Problems probs;
    render::Style st = render::Style::parse(
        R"({"layers":[{"layer":"admin1","fill":"#00000000","stroke":"#000",
            "match":{"field":"kind","values":{"autonomous republic":{"fill":"#00ff00"}}}}]})",
        "t", probs);
    ASSERT_TRUE(probs.empty());
    render::Scene scene = render::build_scene({l}, st);
    render::LodGeometry g = render::build_lod(scene, {l}, 0);
    ASSERT_EQ(g.layer_fill.size(), 1u);
    const render::Range lf = g.layer_fill[0];
    for (uint32_t gid = 0; gid < 3; ++gid) {
        const render::Range ff = g.feature_fill[gid];
        EXPECT_EQ(ff.count, 6u) << gid;  // two triangles each
        const bool inside = ff.first >= lf.first && ff.first + ff.count <= lf.first + lf.count;
        EXPECT_EQ(inside, gid != 1) << gid;
    }
    EXPECT_EQ(lf.count, 12u);
    // Lines keep the source order: feature 1's outline comes between 0's and 2's.
    EXPECT_LT(g.feature_chunks[0].first, g.feature_chunks[1].first);
    EXPECT_LT(g.feature_chunks[1].first, g.feature_chunks[2].first);
}

TEST(Scene, AScopedLevelClipsFillsToItsBoxAndKeepsOnlyTheInvisibleFillAsked) {
    // Two big squares (one coloured, one with an invisible fill) and a third far away.
    geo::Layer l;
    l.name = "admin1";
    auto square = [&](double x0, double y0, double size, const char* kind) {
        geo::Feature f;
        f.kind = kind;
        f.geom.kind = geo::GeomKind::Polygon;
        f.geom.polygons = {{{{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}}}};
        for (auto& p : f.geom.polygons[0][0]) f.geom.bbox.add(p);
        l.bbox.add(f.geom.bbox);
        l.features.push_back(f);
    };
    square(0, 0, 100, "autonomous republic");
    square(0, 0, 100, "province");
    square(1000, 1000, 10, "autonomous republic");
    Problems probs;
    render::Style st = render::Style::parse(
        R"({"layers":[{"layer":"admin1","fill":"#00000000","stroke":"#000",
            "match":{"field":"kind","values":{"autonomous republic":{"fill":"#00ff00"}}}}]})",
        "t", probs);
    render::Scene scene = render::build_scene({l}, st);
    auto fill_area = [&](const render::LodGeometry& g, render::Range r) {
        double a = 0;
        for (uint32_t i = r.first; i + 2 < r.first + r.count; i += 3) {
            const auto &p = g.fill_vertices[g.fill_indices[i]],
                       &q = g.fill_vertices[g.fill_indices[i + 1]],
                       &s = g.fill_vertices[g.fill_indices[i + 2]];
            a += std::fabs((q.x - p.x) * (s.y - p.y) - (s.x - p.x) * (q.y - p.y)) / 2;
        }
        return a;
    };
    render::LodScope scope;
    scope.clip = {10, 20, 50, 60};  // 40 x 40 inside the first two squares
    scope.invisible_fills = false;
    render::LodGeometry g = render::build_lod(scene, {l}, 0, scope);
    EXPECT_NEAR(fill_area(g, g.feature_fill[0]), 1600, 1e-3);
    EXPECT_EQ(g.feature_fill[1].count, 0u);  // invisible, not asked for
    EXPECT_EQ(g.feature_fill[2].count, 0u);  // outside the box
    EXPECT_EQ(g.feature_chunks[2].count, 0u);
    EXPECT_GT(g.feature_chunks[0].count, 0u);  // outlines stay whole (culled when drawn)
    scope.keep_fill = 1;
    g = render::build_lod(scene, {l}, 0, scope);
    EXPECT_NEAR(fill_area(g, g.feature_fill[1]), 1600, 1e-3);
    // Unscoped: everything, unclipped.
    g = render::build_lod(scene, {l}, 0);
    EXPECT_NEAR(fill_area(g, g.feature_fill[0]), 10000, 1e-3);
    EXPECT_GT(g.feature_fill[1].count, 0u);
    EXPECT_GT(g.feature_fill[2].count, 0u);
}

namespace {
// Segments of `chunks` (a range into g.chunks) that lie on the line x == at (both ends).
int segments_on_x(const render::LodGeometry& g, render::Range chunks, float at,
                  const render::Scene& scene) {
    int n = 0;
    for (uint32_t c = chunks.first; c < chunks.first + chunks.count; ++c)
        for (uint32_t i = g.chunks[c].segments.first;
             i < g.chunks[c].segments.first + g.chunks[c].segments.count; ++i) {
            const render::Segment& s = g.segments[i];
            const float x = at - float(scene.origin.x);
            if (std::fabs(s.x0 - x) < 1e-3f && std::fabs(s.x1 - x) < 1e-3f) ++n;
        }
    return n;
}
}  // namespace

TEST(Scene, SharedBordersAreDrawnOnceButEveryOutlineStaysWholeForHighlights) {
    // Two squares side by side share the edge x = 10 (and a third square, alone).
    auto layer = [](const char* kind_b) {
        geo::Layer l;
        l.name = "admin1";
        const double xs[] = {0, 10, 40};
        const char* kinds[] = {"province", kind_b, "province"};
        for (int i = 0; i < 3; ++i) {
            geo::Feature f;
            f.kind = kinds[i];
            f.geom.kind = geo::GeomKind::Polygon;
            const double x = xs[i];
            f.geom.polygons = {{{{x, 0}, {x + 10, 0}, {x + 10, 10}, {x, 10}}}};
            for (auto& p : f.geom.polygons[0][0]) f.geom.bbox.add(p);
            l.bbox.add(f.geom.bbox);
            l.features.push_back(f);
        }
        return l;
    };
    Problems probs;
    const render::Style st = render::Style::parse(
        R"({"layers":[{"layer":"admin1","fill":"#00000000","stroke":"#000000","width":1,
            "match":{"field":"kind","values":{"special":{"stroke":"#ff0000"}}}}]})",
        "t", probs);
    ASSERT_TRUE(probs.empty());
    {
        const geo::Layer l = layer("province");
        const render::Scene scene = render::build_scene({l}, st);
        const render::LodGeometry g = render::build_lod(scene, {l}, 0);
        // The base pass has the shared edge once, from the first square.
        EXPECT_EQ(segments_on_x(g, g.layer_chunks[0], 10, scene), 1);
        EXPECT_EQ(segments_on_x(g, g.feature_chunks[0], 10, scene), 1);
        // 4 edges per square, 11 segments in the base pass (12 less 1).
        auto count = [&](render::Range r) {
            uint32_t n = 0;
            for (uint32_t c = r.first; c < r.first + r.count; ++c) n += g.chunks[c].segments.count;
            return n;
        };
        EXPECT_EQ(count(g.feature_chunks[0]), 4u);  // it draws all its edges: outline = its runs
        EXPECT_EQ(g.feature_chunks[1].count, 0u);   // it leaves one to feature 0
        EXPECT_EQ(count(g.feature_chunks[2]), 4u);
        EXPECT_EQ(count(g.layer_chunks[0]), 11u);
        // Its whole outline, for a highlight, is built on demand.
        const std::vector<render::Segment> outline =
            render::outline_segments(scene, {l}, 1, g.tolerance);
        EXPECT_EQ(outline.size(), 4u);
        int on_shared = 0;
        for (const render::Segment& s : outline)
            if (std::fabs(s.x0 - (10 - float(scene.origin.x))) < 1e-3f &&
                std::fabs(s.x1 - (10 - float(scene.origin.x))) < 1e-3f)
                ++on_shared;
        EXPECT_EQ(on_shared, 1);
    }
    {
        // Neighbours stroked differently both draw the edge, as without sharing.
        const geo::Layer l = layer("special");
        const render::Scene scene = render::build_scene({l}, st);
        const render::LodGeometry g = render::build_lod(scene, {l}, 0);
        EXPECT_EQ(segments_on_x(g, g.layer_chunks[0], 10, scene), 2);
    }
}

// style.json's "match" may be a list, applied in order; a rank's max_res reaches the point
// instances (the shader hides them zoomed out) and the labels.
TEST(Scene, MatchListsApplyInOrderAndMaxResReachesPointsAndLabels) {
    geo::Layer l;
    l.name = "places";
    l.id = "places";
    auto place = [&](std::string id, std::string capital, std::string rank, double x) {
        geo::Feature f;
        f.id = id;
        f.name = id;
        f.kind = "village";
        f.geom.kind = geo::GeomKind::Point;
        f.geom.points = {{x, 0}};
        f.geom.bbox.add(geo::Vec2{x, 0});
        f.props["capital"] = capital;
        f.props["rank"] = rank;
        l.bbox.add(geo::Vec2{x, 0});
        l.features.push_back(f);
    };
    place("capital", "national", "1", 0);
    place("hamlet", "", "6", 1000);
    place("town", "provincial", "4", 2000);
    Problems probs;
    const render::Style st = render::Style::parse(R"({"layers":[{"layer":"places","point_size":6,
        "match":[{"field":"capital","values":{"national":{"point_size":11},"provincial":{"point_size":8}}},
                 {"field":"rank","values":{"4":{"max_res":300,"point_size":5},"6":{"max_res":220}}}]}]})",
                                                  "t", probs);
    EXPECT_TRUE(probs.empty());
    const render::Scene scene = render::build_scene({l}, st);
    ASSERT_EQ(scene.points.size(), 3u);
    EXPECT_FLOAT_EQ(scene.points[0].size, 11);
    EXPECT_FLOAT_EQ(scene.points[0].max_res, 0);  // at every zoom
    EXPECT_FLOAT_EQ(scene.points[1].size, 6);
    EXPECT_FLOAT_EQ(scene.points[1].max_res, 220);
    EXPECT_FLOAT_EQ(scene.points[2].size, 5);  // the later match wins over the capital's 8
    EXPECT_FLOAT_EQ(scene.points[2].max_res, 300);

    Problems lp;
    const auto labels = render::collect_labels(scene, {l}, render::LabelConfig{}, {});
    ASSERT_EQ(labels.size(), 3u);
    EXPECT_FLOAT_EQ(labels[0].max_res, 0);
    EXPECT_FLOAT_EQ(labels[1].max_res, 220);
    EXPECT_FLOAT_EQ(labels[2].max_res, 300);

    // A malformed entry of the list is reported and the others still apply.
    Problems bad;
    const render::Style st2 = render::Style::parse(
        R"({"layers":[{"layer":"places","match":[{"values":{}},{"field":"rank","values":{"6":{"max_res":99}}}]}]})",
        "style.json", bad);
    ASSERT_EQ(bad.size(), 1u);
    EXPECT_NE(bad[0].where.find("match[0]"), std::string::npos);
    EXPECT_FLOAT_EQ(st2.resolve("places", l.features[1]).max_res, 99);
}

// The embedded style hides the small places of the default data at the home view's resolution
// (~800 map units per logical pixel) and shows them at a province's (~170).
TEST(Scene, BuiltinStyleShowsSmallPlacesOnlyZoomedIn) {
    Problems probs;
    const render::Style st = render::Style::builtin(probs);
    geo::Feature f;
    f.kind = "village";
    f.geom.kind = geo::GeomKind::Point;
    for (const char* r : {"2", "3", "4", "5", "6"}) {
        f.props["rank"] = r;
        const float m = st.resolve("places", f).max_res;
        EXPECT_GT(m, 0) << "rank " << r;
        EXPECT_LT(m, 800) << "rank " << r << " would show at the home view";
        EXPECT_GE(m, 170) << "rank " << r << " would not show with Syunik filling the window";
    }
    f.props["rank"] = "1";
    EXPECT_FLOAT_EQ(st.resolve("places", f).max_res, 0);
}
