// The session file: round trip, contract fields, refusal of newer versions and bad input.
#include "document/session.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace bm;

TEST(Session, RoundTripsTheContractFields) {
    Session s;
    s.crs = "+proj=lcc +lat_1=38 +lat_2=42";
    s.state.view = {-100, -50, 300, 250};
    s.window_width = 1600;
    s.window_height = 1000;
    s.viewport_x = 330;
    s.viewport_y = 20;
    s.viewport_width = 800;
    s.viewport_height = 950;
    s.state.selected = "jermuk";
    s.passages = {{1, 12}, {3, 4}};
    s.state.layers = {{"countries", true, 1}, {"places", false, 0.5f}};
    s.state.filter.hidden_outlets = {"Eurasianet"};
    s.state.filter.from = "2023-09-01";
    s.state.output.title = "Lachin corridor";
    s.state.output.width = 1200;
    s.left_panel = 420;
    s.right_collapsed = true;
    s.state.output.credit = "Map: J. Doe";
    const std::string text = session_to_json(s);
    auto j = nlohmann::json::parse(text);
    for (const char* k :
         {"version", "crs", "view", "window", "viewport", "selected", "passages", "layers"})
        EXPECT_TRUE(j.contains(k)) << k;
    EXPECT_EQ(j["version"], 1);
    EXPECT_EQ(j["passages"][0]["paragraph"], 12);
    Session back;
    Problem p;
    ASSERT_TRUE(session_from_json(text, "s.json", back, &p)) << p.to_string();
    EXPECT_EQ(back.crs, s.crs);
    EXPECT_EQ(back.state.view.maxx, 300);
    EXPECT_EQ(back.state.selected, "jermuk");
    ASSERT_EQ(back.passages.size(), 2u);
    EXPECT_EQ(back.passages[1].article, 3);
    // The whole ViewState comes back: layers in order, filter, export settings.
    EXPECT_EQ(back.state, s.state);
    ASSERT_EQ(back.state.layers.size(), 2u);
    EXPECT_EQ(back.state.layers[1].id, "places");
    EXPECT_FALSE(back.state.layers[1].visible);
    EXPECT_FLOAT_EQ(back.state.layers[1].opacity, 0.5f);
    EXPECT_EQ(j["filter"]["hidden_outlets"][0], "Eurasianet");
    EXPECT_FLOAT_EQ(back.left_panel, 420);
    EXPECT_FLOAT_EQ(back.right_panel, 0);  // not dragged: the default
    EXPECT_FALSE(back.left_collapsed);
    EXPECT_TRUE(back.right_collapsed);
    EXPECT_EQ(back.state.filter.from, "2023-09-01");  // the filter is restored with the session
    EXPECT_EQ(back.state.output.credit, "Map: J. Doe");
    EXPECT_FALSE(nlohmann::json::parse(session_to_json(Session{})).contains("panels"));
    Session none;
    ASSERT_TRUE(session_from_json(R"({"version":1,"selected":null})", "s.json", none, &p));
    EXPECT_TRUE(none.state.selected.empty());
}

TEST(Session, KeepsTheLegendChoiceAndDefaultsToOff) {
    Session s;
    s.crs = "EPSG:3857";
    s.legend = true;
    Session back;
    Problem p;
    ASSERT_TRUE(session_from_json(session_to_json(s), "s.json", back, &p)) << p.to_string();
    EXPECT_TRUE(back.legend);
    // Older files have no "legend"; a wrong type is not taken for true.
    Session old;
    ASSERT_TRUE(session_from_json(R"({"version": 1, "crs": "x"})", "old.json", old, &p));
    EXPECT_FALSE(old.legend);
    Session odd;
    ASSERT_TRUE(
        session_from_json(R"({"version": 1, "crs": "x", "legend": "yes"})", "odd.json", odd, &p));
    EXPECT_FALSE(odd.legend);
}

TEST(Session, RefusesNewerVersionsAndSaysWhy) {
    Session s;
    Problem p;
    EXPECT_FALSE(session_from_json(R"({"version": 7, "crs": "x"})", "future.json", s, &p));
    EXPECT_EQ(p.file, "future.json");
    EXPECT_NE(p.why.find("newer briefmap"), std::string::npos) << p.to_string();
    EXPECT_EQ(p.code, Problem::Code::NewerVersion);  // what callers act on, not the words
    EXPECT_FALSE(session_from_json("{", "bad.json", s, &p));
    EXPECT_EQ(p.code, Problem::Code::Syntax);
}

TEST(Session, BadInputIsAnErrorNotACrash) {
    Session s;
    Problem p;
    for (const char* bad :
         {"", "{", "[]", R"({"version":"1"})",
          R"({"version":1,"view":{"minx":5,"miny":0,"maxx":1,"maxy":1}})",
          R"({"version":1,"passages":[{"article":"x"}]})", R"({"version":1,"view":{"minx":0}})",
          R"({"version":1,"filter":{"from":"last week"}})",
          R"({"version":1,"filter":{"hidden_outlets":"BBC"}})",
          R"({"version":1,"panels":{"left_collapsed":"yes"}})",
          R"({"version":1,"export":{"credit":7}})",
          R"({"version":1,"layers":{"places":{"visible":"no"}}})",
          R"({"version":1,"export":{"width":0}})"}) {
        EXPECT_FALSE(session_from_json(bad, "bad.json", s, &p)) << bad;
        EXPECT_FALSE(p.why.empty());
    }
}

TEST(Session, SaveCreatesDirectoriesAndReplacesAtomically) {
    namespace fs = std::filesystem;
    fs::path dir = fs::path(BRIEFMAP_TEST_OUTPUT_DIR) / "session_test" / "nested" / "state";
    fs::remove_all(dir.parent_path().parent_path());
    Session s;
    s.state.selected = "baku";
    Problem p;
    ASSERT_TRUE(save_session((dir / "session.json").string(), s, &p)) << p.to_string();
    Session back;
    ASSERT_TRUE(load_session((dir / "session.json").string(), back, &p));
    EXPECT_EQ(back.state.selected, "baku");
    for (auto& e : fs::directory_iterator(dir))
        EXPECT_EQ(e.path().filename(), "session.json");  // no temp left
}
