// Picking: points first, then lines, then the smallest containing polygon; holes excluded.
#include "geo/pick.h"

#include <gtest/gtest.h>

using namespace bm::geo;

namespace {
Feature poly(const std::string& id, Polygon p) {
    Feature f;
    f.id = id;
    f.geom.kind = GeomKind::Polygon;
    for (auto& r : p)
        for (auto& v : r) f.geom.bbox.add(v);
    f.geom.polygons = {std::move(p)};
    return f;
}
Ring square(double x0, double y0, double x1, double y1) {
    return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
}

std::vector<Layer> world() {
    Layer countries{"countries", "", {}, {}};
    countries.features.push_back(poly("big", {square(0, 0, 100, 100)}));
    // A province with a hole (an enclave that belongs to nobody in this layer).
    Layer provinces{"admin1", "", {}, {}};
    provinces.features.push_back(poly("ring", {square(10, 10, 50, 50), square(20, 20, 30, 30)}));
    provinces.features.push_back(poly("enclave", {square(22, 22, 28, 28)}));
    Layer routes{"routes", "", {}, {}};
    Feature r;
    r.id = "road";
    r.geom.kind = GeomKind::Line;
    r.geom.lines = {{{60, 60}, {90, 60}}};
    r.geom.bbox.add(Vec2{60, 60});
    r.geom.bbox.add(Vec2{90, 60});
    routes.features.push_back(r);
    Layer places{"places", "", {}, {}};
    Feature town;
    town.id = "town";
    town.geom.kind = GeomKind::Point;
    town.geom.points = {{40, 40}};
    town.geom.bbox.add(Vec2{40, 40});
    places.features.push_back(town);
    return {countries, provinces, routes, places};
}
}  // namespace

TEST(Pick, PointBeatsPolygonsWithinTolerance) {
    auto layers = world();
    PickIndex idx;
    idx.build(layers);
    auto hit = idx.pick({41, 40.5}, 2, 2);
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->layer, 3);
    auto miss = idx.pick({45, 45}, 2, 2);  // far from the town: the province
    ASSERT_TRUE(miss);
    EXPECT_EQ(layers[size_t(miss->layer)].features[size_t(miss->feature)].id, "ring");
}

TEST(Pick, LineBeatsPolygonNearTheLine) {
    auto layers = world();
    PickIndex idx;
    idx.build(layers);
    auto hit = idx.pick({75, 61}, 2, 2);
    ASSERT_TRUE(hit);
    EXPECT_EQ(layers[size_t(hit->layer)].features[size_t(hit->feature)].id, "road");
    auto off = idx.pick({75, 70}, 2, 2);
    ASSERT_TRUE(off);
    EXPECT_EQ(layers[size_t(off->layer)].features[size_t(off->feature)].id, "big");
}

TEST(Pick, SmallestContainingPolygonAndHoles) {
    auto layers = world();
    PickIndex idx;
    idx.build(layers);
    auto name = [&](Vec2 p) {
        auto h = idx.pick(p, 1, 1);
        return h ? layers[size_t(h->layer)].features[size_t(h->feature)].id : std::string("none");
    };
    EXPECT_EQ(name({15, 15}), "ring");     // province inside country: smaller wins
    EXPECT_EQ(name({25, 25}), "enclave");  // inside the hole, the enclave
    EXPECT_EQ(name({21, 21}), "big");      // in the hole but not the enclave: the country
    EXPECT_EQ(name({95, 5}), "big");
    EXPECT_EQ(name({150, 150}), "none");
}

TEST(Pick, FilterSkipsHiddenLayers) {
    auto layers = world();
    PickIndex idx;
    idx.build(layers);
    auto hit = idx.pick({15, 15}, 1, 1, [](FeatureRef r) { return r.layer != 1; });
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->layer, 0);
}

TEST(Pick, PickAllListsEveryFeatureUnderThePointInPickOrder) {
    auto layers = world();
    PickIndex idx;
    idx.build(layers);
    auto ids = [&](Vec2 p) {
        std::vector<std::string> out;
        for (FeatureRef r : idx.pick_all(p, 2, 2))
            out.push_back(layers[size_t(r.layer)].features[size_t(r.feature)].id);
        return out;
    };
    // The town, then the province its point lies in, then the country.
    EXPECT_EQ(ids({41, 40.5}), (std::vector<std::string>{"town", "ring", "big"}));
    EXPECT_EQ(ids({25, 25}), (std::vector<std::string>{"enclave", "big"}));  // not the holed ring
    EXPECT_EQ(ids({75, 61}), (std::vector<std::string>{"road", "big"}));
    EXPECT_TRUE(ids({150, 150}).empty());
    // pick() is pick_all's first, filters included.
    auto filtered = idx.pick_all({41, 40.5}, 2, 2, [](FeatureRef r) { return r.layer != 3; });
    ASSERT_EQ(filtered.size(), 2u);
    EXPECT_EQ(filtered.front(),
              *idx.pick({41, 40.5}, 2, 2, [](FeatureRef r) { return r.layer != 3; }));
}
