// ViewState: layers resolved against a scene by id (unknown ids kept, new layers in their
// default place), and the JSON fragments the session and the sidecar share.
#include "document/view_state.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "render/scene.h"

using namespace bm;

namespace {
render::Scene scene_of(std::vector<std::string> ids) {
    render::Scene s;
    for (size_t i = 0; i < ids.size(); ++i) {
        render::SceneLayer l;
        l.id = l.name = ids[i];
        l.source = int(i);
        s.layers.push_back(l);
    }
    return s;
}
}  // namespace

TEST(ViewState, ResolvesLayersByIdAndKeepsNewOnesInTheirDefaultPlace) {
    const render::Scene sc = scene_of({"countries", "admin1", "x.gpx#routes", "places"});
    ViewState vs;
    // Saved before x.gpx was added: places under admin1, admin1 half transparent, and a
    // layer this load lacks.
    vs.layers = {{"countries", true, 1},
                 {"places", false, 1},
                 {"gone.gpkg#roads", true, 1},
                 {"admin1", true, 0.5f}};
    const LayerTable t = resolve_layers(vs, sc);
    EXPECT_EQ(t.order, (std::vector<size_t>{0, 3, 1, 2}));
    EXPECT_FALSE(t.visible[3]);
    EXPECT_FALSE(t.shown(3));
    EXPECT_FLOAT_EQ(t.opacity[1], 0.5f);
    EXPECT_TRUE(t.shown(2));
    normalise_layers(vs, sc);
    ASSERT_EQ(vs.layers.size(), 5u);
    EXPECT_EQ(vs.layers[0].id, "countries");
    EXPECT_EQ(vs.layers[1].id, "places");
    EXPECT_EQ(vs.layers[3].id, "x.gpx#routes");
    EXPECT_EQ(vs.layers[4].id, "gone.gpkg#roads");  // kept for a later load that has it
    EXPECT_EQ(resolve_layers(vs, sc).order, t.order);
    // An empty state is the scene's own order, everything shown.
    EXPECT_EQ(resolve_layers(ViewState{}, sc).order, (std::vector<size_t>{0, 1, 2, 3}));
}

TEST(ViewState, JsonFragmentsRoundTrip) {
    ViewState vs;
    vs.layers = {{"places", true, 0.25f}, {"countries", false, 1}};
    vs.filter.hidden_outlets = {"OC Media", "Eurasianet"};
    vs.filter.to = "2024-04-20";
    vs.output.title = "Lachin";
    vs.output.subtitle = "Briefing";
    vs.output.credit = "Map: J. Doe / Newsroom";
    vs.output.width = 1000;
    nlohmann::json l, f, e;
    layers_to_json(vs, l);
    filter_to_json(vs.filter, f);
    export_settings_to_json(vs.output, e);
    ViewState back;
    layers_from_json(nlohmann::json::parse(l.dump()), back);
    filter_from_json(nlohmann::json::parse(f.dump()), back.filter);
    export_settings_from_json(nlohmann::json::parse(e.dump()), back.output);
    EXPECT_EQ(back, vs);
}

TEST(ViewState, WrongTypesAndValuesAreErrorsThatNameTheField) {
    ViewState vs;
    auto why = [&](const char* kind, const char* text) -> std::string {
        try {
            const auto j = nlohmann::json::parse(text);
            if (std::string(kind) == "layers") layers_from_json(j, vs);
            if (std::string(kind) == "filter") filter_from_json(j, vs.filter);
            if (std::string(kind) == "export") export_settings_from_json(j, vs.output);
        } catch (const std::exception& e) {
            return e.what();
        }
        return "";
    };
    EXPECT_NE(why("layers", "[]").find("layers"), std::string::npos);
    EXPECT_NE(why("layers", R"({"a":{"opacity":"x"}})").find("layers.a"), std::string::npos);
    EXPECT_NE(why("filter", R"({"from":"2024-13"})").find("filter.from"), std::string::npos);
    EXPECT_NE(why("filter", R"({"hidden_outlets":[1]})").find("hidden_outlets"), std::string::npos);
    EXPECT_NE(why("export", R"({"width":1e300})").find("export.width"), std::string::npos);
    EXPECT_NE(why("export", R"({"scale":0})").find("scale"), std::string::npos);
    EXPECT_EQ(why("filter", R"({"from":"","to":null})"), "");
}
