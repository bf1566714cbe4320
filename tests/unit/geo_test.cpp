// Projection, tessellation and GDAL loading, without any window or GL context.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "geo/clip.h"
#include "geo/load.h"
#include "geo/map_data.h"
#include "geo/projection.h"
#include "geo/tessellate.h"
#include "geo/viewport.h"

using namespace bm::geo;

namespace {
Projection default_projection() {
    bm::Problem p;
    auto proj = Projection::create(kDefaultCrs, &p);
    EXPECT_TRUE(proj) << p.to_string();
    return std::move(*proj);
}
}  // namespace

TEST(Projection, RoundTripsKnownPlaces) {
    Projection proj = default_projection();
    const Vec2 places[] = {{44.5152, 40.1872} /*Yerevan*/,
                           {49.8671, 40.4093} /*Baku*/,
                           {45.4089, 39.2089} /*Nakhchivan*/,
                           {45.7622, 39.8155} /*Jermuk*/,
                           {46.7518, 39.8153} /*Stepanakert*/,
                           {36.0, 34.0},
                           {54.0, 46.0}};
    for (Vec2 p : places) {
        Vec2 q = proj.forward(p);
        ASSERT_TRUE(std::isfinite(q.x) && std::isfinite(q.y));
        Vec2 r = proj.inverse(q);
        EXPECT_NEAR(r.x, p.x, 1e-9);
        EXPECT_NEAR(r.y, p.y, 1e-9);
    }
}

TEST(Projection, CentralMeridianAndOriginMapToZero) {
    Projection proj = default_projection();
    Vec2 o = proj.forward({46.0, 40.0});
    EXPECT_NEAR(o.x, 0, 1e-6);
    EXPECT_NEAR(o.y, 0, 1e-6);
    // North is up along the central meridian.
    EXPECT_GT(proj.forward({46.0, 41.0}).y, 100000);
    EXPECT_NEAR(proj.forward({46.0, 41.0}).x, 0, 1e-6);
}

TEST(Projection, IsConformalWithSmallScaleErrorInRegion) {
    Projection proj = default_projection();
    // Yerevan–Baku: projected distance within 0.5% of the geodesic distance.
    Vec2 a{44.5152, 40.1872}, b{49.8671, 40.4093};
    Vec2 pa = proj.forward(a), pb = proj.forward(b);
    double projected = std::hypot(pb.x - pa.x, pb.y - pa.y);
    double geodesic = Projection::geodesic_distance(a, b);
    EXPECT_NEAR(geodesic, 455000, 10000);  // ~455 km
    EXPECT_NEAR(projected / geodesic, 1.0, 0.005);
    EXPECT_NEAR(proj.ground_scale(proj.forward({46, 40})), 1.0, 0.005);
}

TEST(Projection, AcceptsEpsgAndRejectsGarbage) {
    EXPECT_TRUE(Projection::create("EPSG:3857"));
    bm::Problem p;
    EXPECT_FALSE(Projection::create("+proj=nonsense", &p));
    EXPECT_NE(p.to_string().find("nonsense"), std::string::npos);
}

TEST(Tessellate, SquareWithHoleAreaMatches) {
    Polygon poly = {{{0, 0}, {10, 0}, {10, 10}, {0, 10}}, {{2, 2}, {4, 2}, {4, 4}, {2, 4}}};
    Triangles t;
    ASSERT_TRUE(tessellate(poly, t));
    EXPECT_NEAR(t.area(), 96.0, 96.0 * 1e-6);
    EXPECT_NEAR(polygon_area(poly), 96.0, 1e-9);
}

TEST(Tessellate, MultiPolygonWithHolesAreaMatchesRelative1e6) {
    // A concave "C" shape with two holes, and a second part far away (a multipolygon).
    Polygon c = {{{0, 0}, {30, 0}, {30, 8}, {10, 8}, {10, 22}, {30, 22}, {30, 30}, {0, 30}},
                 {{2, 2}, {6, 2}, {6, 6}, {2, 6}},
                 {{2, 24}, {8, 24}, {5, 28}}};
    Polygon island;
    for (int i = 0; i < 64; ++i) {  // a 64-gon, like a real coastline: many vertices
        double a = i * 2 * M_PI / 64, r = (i % 2 ? 40 : 50);
        island.resize(1);
        island[0].push_back({1000 + r * std::cos(a), 500 + r * std::sin(a)});
    }
    Triangles t;
    ASSERT_TRUE(tessellate(c, t));
    ASSERT_TRUE(tessellate(island, t));
    double expected = polygon_area(c) + polygon_area(island);
    EXPECT_NEAR(t.area(), expected, expected * 1e-6);
    EXPECT_EQ(t.indices.size() % 3, 0u);
}

TEST(Tessellate, WindingDoesNotMatterAndDegenerateRingsAreSkipped) {
    Polygon cw = {{{0, 0}, {0, 5}, {5, 5}, {5, 0}}, {{1, 1}, {2, 1}}};  // hole has 2 points
    Triangles t;
    ASSERT_TRUE(tessellate(cw, t));
    EXPECT_NEAR(t.area(), 25.0, 25e-6);
}

TEST(Viewport, ZoomKeepsPointUnderCursor) {
    Viewport v;
    v.center = {1000, 2000};
    v.res = 100;
    v.width = 800;
    v.height = 600;
    Vec2 s{123, 456};
    Vec2 before = v.to_map(s);
    v.zoom_at(s, 2.0);
    EXPECT_NEAR(v.res, 50, 1e-9);
    Vec2 after = v.to_map(s);
    EXPECT_NEAR(after.x, before.x, 1e-6);
    EXPECT_NEAR(after.y, before.y, 1e-6);
    Vec2 back = v.to_screen(after);
    EXPECT_NEAR(back.x, s.x, 1e-9);
    EXPECT_NEAR(back.y, s.y, 1e-9);
}

TEST(Load, GeoJsonFromOtherCrsIsReprojectedAndInvalidRepaired) {
    std::string dir = BRIEFMAP_TEST_OUTPUT_DIR;
    std::string cmd = "mkdir -p '" + dir + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    std::string path = dir + "/geo_test_3857.geojson";
    std::ofstream(path) << R"({"type":"FeatureCollection",
      "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},
      "features":[
       {"type":"Feature","properties":{"id":"yvn","name":"Yerevan","kind":"city"},
        "geometry":{"type":"Point","coordinates":[4955565.24,4892614.80]}},
       {"type":"Feature","properties":{"id":"bowtie","name":"Bow tie"},
        "geometry":{"type":"Polygon","coordinates":[[[0,0],[100000,100000],[100000,0],[0,100000],[0,0]]]}}
      ]})";
    bm::Problems problems;
    auto layers = load_dataset(path, problems);
    ASSERT_EQ(layers.size(), 1u);
    ASSERT_EQ(layers[0].features.size(), 2u);
    const Feature& y = layers[0].features[0];
    EXPECT_EQ(y.id, "yvn");
    EXPECT_EQ(y.kind, "city");
    ASSERT_EQ(y.geom.kind, GeomKind::Point);
    EXPECT_NEAR(y.geom.points[0].x, 44.5166, 1e-3);
    EXPECT_NEAR(y.geom.points[0].y, 40.1833, 1e-3);
    const Feature& b = layers[0].features[1];
    EXPECT_EQ(b.geom.kind, GeomKind::Polygon);
    EXPECT_EQ(b.kind, layers[0].name);  // no kind field: the layer name
    bool repaired = false;
    for (auto& p : problems)
        if (p.why.find("MakeValid") != std::string::npos &&
            p.where.find("bowtie") != std::string::npos)
            repaired = true;
    EXPECT_TRUE(repaired);
}

TEST(Load, MissingFileIsOneClearError) {
    bm::Problems problems;
    auto layers = load_dataset("/nonexistent/dir/nothing.gpkg", problems);
    EXPECT_TRUE(layers.empty());
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].file, "/nonexistent/dir/nothing.gpkg");
    EXPECT_NE(problems[0].why.find("no such file"), std::string::npos);
}

TEST(Load, DefaultDatasetIsEmbeddedWithItsLayers) {
    bm::Problems problems;
    auto layers = load_default_dataset(problems);
    if (layers.empty()) GTEST_SKIP() << "default GeoPackage not built into this binary yet";
    std::vector<std::string> names;
    for (auto& l : layers) names.push_back(l.name);
    for (const char* want : {"countries", "admin1"})
        EXPECT_NE(std::find(names.begin(), names.end(), want), names.end()) << want;
    for (auto& l : layers) EXPECT_FALSE(l.features.empty()) << l.name;
}

TEST(Projection, DropsPartsItCannotProject) {
    // Antarctica's ring reaches the pole opposite the conic's apex: PROJ gives no finite
    // coordinates there. The part is dropped, not drawn (or picked) as a map-wide polygon.
    Projection proj = default_projection();
    Layer l;
    l.name = "world";
    Feature ant;
    ant.id = "aq";
    ant.geom.kind = GeomKind::Polygon;
    ant.geom.polygons = {{{{-180, -90}, {180, -90}, {180, -65}, {-180, -65}}}};
    Feature arm;
    arm.id = "am";
    arm.geom.kind = GeomKind::Polygon;
    arm.geom.polygons = {{{{44, 39}, {46, 39}, {46, 41}, {44, 41}}}};
    l.features = {ant, arm};
    Layer p = proj.project(l);
    EXPECT_TRUE(p.features[0].geom.polygons.empty());
    EXPECT_TRUE(p.features[0].geom.bbox.empty());
    ASSERT_EQ(p.features[1].geom.polygons.size(), 1u);
    EXPECT_FALSE(p.features[1].geom.bbox.empty());
    EXPECT_LT(p.bbox.maxx - p.bbox.minx, 500000);  // the layer's extent is Armenia's box only
}

// --- Clipping rings to a rectangle (for exports' fills).

TEST(Clip, RingInsideStaysOutsideVanishesAroundBecomesTheBox) {
    const Box box{0, 0, 10, 10};
    const Ring inside = {{2, 2}, {8, 2}, {8, 8}, {2, 8}};
    const Ring same = clip_ring(inside, box);
    ASSERT_EQ(same.size(), inside.size());
    for (size_t i = 0; i < same.size(); ++i) {
        EXPECT_EQ(same[i].x, inside[i].x);
        EXPECT_EQ(same[i].y, inside[i].y);
    }
    const Ring outside = {{20, 20}, {30, 20}, {30, 30}};
    EXPECT_LT(clip_ring(outside, box).size(), 3u);
    const Ring around = {{-5, -5}, {15, -5}, {15, 15}, {-5, 15}};
    const Ring r = clip_ring(around, box);
    EXPECT_NEAR(polygon_area({r}), 100, 1e-9);
    for (const Vec2& p : r) EXPECT_TRUE(box.contains(p));
}

TEST(Clip, ConcaveRingKeepsExactlyTheAreaInside) {
    // A U opening upwards, cut by the box's top edge through both arms: the fill (odd rule)
    // covers exactly the U's area inside the box, bridge along the edge or not.
    const Ring u = {{0, 0}, {9, 0}, {9, 20}, {6, 20}, {6, 3}, {3, 3}, {3, 20}, {0, 20}};
    const Box box{-1, -1, 10, 10};
    const Ring r = clip_ring(u, box);
    Triangles t;
    ASSERT_TRUE(tessellate({r}, t));
    // Inside the box: the bottom bar 9x3 plus two arms 3x7.
    EXPECT_NEAR(t.area(), 27 + 2 * 21, 1e-6);
}

TEST(Clip, PolygonHolesAreClippedTooAndALostExteriorDropsIt) {
    const Polygon donut = {{{0, 0}, {10, 0}, {10, 10}, {0, 10}}, {{4, 4}, {6, 4}, {6, 6}, {4, 6}}};
    Polygon out;
    ASSERT_TRUE(clip_polygon(donut, {5, -1, 11, 11}, out));
    ASSERT_EQ(out.size(), 2u);  // the hole's right half stays a hole
    Triangles t;
    ASSERT_TRUE(tessellate(out, t));
    EXPECT_NEAR(t.area(), 50 - 2, 1e-6);
    EXPECT_FALSE(clip_polygon(donut, {20, 20, 30, 30}, out));
}
