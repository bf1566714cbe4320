// A user's layers named like the default ones (places, routes, countries, admin1, areas; every
// GPX file has "routes") and two user sources with the same layer name: the scene keeps them
// apart by id (source + name), every one is drawn, and the export's sidecar keeps them apart.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "document/document.h"
#include "export/compose.h"
#include "headless_fixture.h"

using namespace bm;
namespace fs = std::filesystem;

namespace {

const std::string kLayers = std::string(BRIEFMAP_SOURCE_DIR) + "/tests/fixtures/layers/";
const std::vector<std::string> kUser = {
    kLayers + "same-names/places.geojson",    kLayers + "same-names/routes.geojson",
    kLayers + "same-names/countries.geojson", kLayers + "same-names/admin1.geojson",
    kLayers + "same-names/areas.geojson",     kLayers + "other/routes.geojson"};

const Document& doc() {
    static Document* d = [] {
        auto* x = new Document;
        DocumentOptions o;
        o.data = {"default"};
        o.data.insert(o.data.end(), kUser.begin(), kUser.end());
        EXPECT_TRUE(x->load(o));
        return x;
    }();
    return *d;
}

exporter::ExportOptions opts() {
    exporter::ExportOptions o;
    o.state.output.width = 640;
    o.state.output.height = 400;
    o.state.output.scale = 1;
    o.state.output.subtitle = "test";
    o.bbox_lonlat = geo::Box{44.2, 39.1, 46.5, 41.0};
    return o;
}

class UserLayersTest : public HeadlessGlTest {};

}  // namespace

TEST(UserLayers, SameNamesAreDistinctLayersWithTheirOwnPlaces) {
    const Document& d = doc();
    for (const std::string& f : kUser) {
        const std::string name = fs::path(f).stem().string();
        const int li = d.scene.find_layer(f + "#" + name);
        ASSERT_GE(li, 0) << f;
        EXPECT_EQ(d.scene.layers[size_t(li)].name, name);
        EXPECT_EQ(d.scene.layers[size_t(li)].features.count, name == "places" ? 2u : 1u) << f;
        // The default layer of that name is still there, under its own id.
        ASSERT_GE(d.scene.find_layer(name), 0) << name;
        const auto& def = d.scene.layers[size_t(d.scene.find_layer(name))];
        EXPECT_GT(def.features.count, 0u) << name;
        EXPECT_EQ(d.scene.source_of(def, d.map.lonlat)->source, "assets/briefmap.gpkg");
    }
    // Each user place is linked to the feature of its own layer, not to a default one.
    for (const char* id :
         {"user-zorakert", "user-road", "user-zone", "user-district", "user-area", "other-road"}) {
        const PlaceId p = d.gazetteer.find_id(id);
        ASSERT_TRUE(p) << id;
        const FeatureId g = d.feature_of_place(p);
        ASSERT_TRUE(g) << id;
        const auto& sf = d.scene.features[g.index()];
        const geo::Layer* src = d.scene.source_of(d.scene.layers[size_t(sf.layer)], d.map.lonlat);
        ASSERT_NE(src, nullptr);
        EXPECT_EQ(src->features[size_t(sf.feature)].id, id);
        EXPECT_NE(src->source, "assets/briefmap.gpkg") << id;
    }
}

TEST(UserLayers, TheSameSourceTwiceGetsUniqueIds) {
    Document d;
    DocumentOptions o;
    o.data = {kUser[1], kUser[1]};
    ASSERT_TRUE(d.load(o));
    ASSERT_EQ(d.scene.layers.size(), 2u);
    EXPECT_NE(d.scene.layers[0].id, d.scene.layers[1].id);
}

TEST_F(UserLayersTest, EveryUserLayerIsDrawnAndTheSidecarNamesEachOne) {
    const Document& d = doc();
    exporter::ExportOptions base = opts();
    exporter::Image all;
    exporter::ExportInfo info;
    Problem p;
    ASSERT_TRUE(exporter::render_export(d, base, all, &info, &p)) << p.to_string();
    // Hiding one user layer changes pixels inside its feature's box, and only that layer's.
    for (const std::string& f : kUser) {
        const std::string id = f + "#" + fs::path(f).stem().string();
        SCOPED_TRACE(id);
        exporter::ExportOptions o = base;
        o.state.layers = {{id, false, 1}};
        exporter::Image img;
        exporter::ExportInfo i2;
        ASSERT_TRUE(exporter::render_export(d, o, img, &i2, &p)) << p.to_string();
        const auto& sl = d.scene.layers[size_t(d.scene.find_layer(id))];
        geo::Box b = d.scene.features[sl.features.first].bbox;
        for (uint32_t g = sl.features.first; g < sl.features.first + sl.features.count; ++g)
            b.add(d.scene.features[g].bbox);
        const geo::Vec2 lo = info.view.to_screen({b.minx, b.maxy}),
                        hi = info.view.to_screen({b.maxx, b.miny});
        size_t changed = 0;
        for (int y = std::max(0, int(lo.y) - 3); y <= std::min(all.height - 1, int(hi.y) + 3); ++y)
            for (int x = std::max(0, int(lo.x) - 3);
                 x <= std::min(int(info.view.width) - 1, int(hi.x) + 3); ++x) {
                const size_t k = (size_t(y) * size_t(all.width) + size_t(x)) * 4;
                changed += all.rgba[k] != img.rgba[k] || all.rgba[k + 1] != img.rgba[k + 1] ||
                           all.rgba[k + 2] != img.rgba[k + 2];
            }
        EXPECT_GT(changed, 10u);
    }
    const std::string sidecar = exporter::sidecar_json(d, base, info, "x.png");
    const auto j = nlohmann::json::parse(sidecar);
    for (const std::string& f : kUser)
        EXPECT_TRUE(j["layers"].contains(f + "#" + fs::path(f).stem().string())) << f;
    EXPECT_TRUE(j["layers"].contains("routes"));
}

TEST_F(UserLayersTest, SidecarRoundTripKeepsLayerOrderAndTheFilter) {
    fs::create_directories(BRIEFMAP_TEST_OUTPUT_DIR);
    const std::string out = std::string(BRIEFMAP_TEST_OUTPUT_DIR) + "/user_layers.png";
    exporter::ExportOptions o = opts();
    // Provinces on top of places, a user layer half transparent, one outlet hidden.
    o.state.layers = {{"places", true, 1}, {"admin1", true, 0.5f}, {kUser[4] + "#areas", false, 1}};
    o.state.filter.hidden_outlets = {"Eurasianet"};
    o.state.filter.from = "2023-01-01";
    o.data = {"default"};
    o.data.insert(o.data.end(), kUser.begin(), kUser.end());
    Problem p;
    ASSERT_TRUE(exporter::export_image(doc(), o, out, nullptr, &p)) << p.to_string();
    exporter::ExportOptions back;
    Problems w;
    ASSERT_TRUE(exporter::options_from_sidecar(exporter::sidecar_path(out), back, w, &p))
        << p.to_string();
    EXPECT_EQ(back.state.filter, o.state.filter);
    EXPECT_EQ(back.data, o.data);
    // Every scene layer is in the sidecar, in the order drawn: the three named ones keep
    // their relative order and settings.
    ASSERT_EQ(back.state.layers.size(), doc().scene.layers.size());
    auto pos = [&](const std::string& id) {
        for (size_t k = 0; k < back.state.layers.size(); ++k)
            if (back.state.layers[k].id == id) return int(k);
        return -1;
    };
    EXPECT_LT(pos("places"), pos("admin1"));
    EXPECT_FLOAT_EQ(back.state.layer("admin1")->opacity, 0.5f);
    EXPECT_FALSE(back.state.layer(kUser[4] + "#areas")->visible);
    EXPECT_EQ(resolve_layers(back.state, doc().scene).order,
              resolve_layers(o.state, doc().scene).order);
}

TEST_F(UserLayersTest, CitationsFollowTheSourceFilter) {
    Document d;
    ASSERT_TRUE(d.load({}));
    const PlaceId place = d.find_place("Armenia");
    ASSERT_TRUE(place);
    exporter::ExportOptions o = opts();
    o.state.selected = "Armenia";
    exporter::Image img;
    exporter::ExportInfo all, some;
    Problem p;
    ASSERT_TRUE(exporter::render_export(d, o, img, &all, &p)) << p.to_string();
    ASSERT_GE(all.citations.size(), 2u);
    const std::string hidden = all.citations[0].outlet;
    o.state.filter.hidden_outlets = {hidden};
    ASSERT_TRUE(exporter::render_export(d, o, img, &some, &p)) << p.to_string();
    EXPECT_LT(some.citations.size(), all.citations.size());
    for (const auto& c : some.citations) EXPECT_NE(c.outlet, hidden);
}
