// Style rules that are not drawing: the legend's words and the attribution, read from style.json.
#include "render/style.h"

#include <gtest/gtest.h>

using namespace bm;

namespace {
geo::Feature feature(std::string name, std::string kind, std::map<std::string, std::string> props) {
    geo::Feature f;
    f.name = std::move(name);
    f.kind = std::move(kind);
    f.props = std::move(props);
    return f;
}
}  // namespace

TEST(StyleLegend, ValuesThenDefaultWithTheFeaturesWords) {
    Problems ps;
    auto st = render::Style::parse(
        R"({"layers":[{"layer":"places","attribution":"places GeoNames",
             "legend":{"field":"capital","values":{"national":"National capital"},
                       "default":"{kind} of the region"}},
            {"layer":"countries","legend":{"field":"iso_a3","values":{"ARM":"{name}"},
                                          "default":"Other country"}}]})",
        "t", ps);
    ASSERT_TRUE(ps.empty()) << ps.front().to_string();
    bool by_default = true;
    EXPECT_EQ(st.legend_text("places", feature("Yerevan", "city", {{"capital", "national"}}),
                             &by_default),
              "National capital");
    EXPECT_FALSE(by_default);
    // The default is capitalised after "{kind}" is filled in.
    EXPECT_EQ(st.legend_text("places", feature("Goris", "town", {}), &by_default),
              "Town of the region");
    EXPECT_FALSE(by_default);  // "{kind}" names one look, not several
    EXPECT_EQ(
        st.legend_text("countries", feature("Iran", "country", {{"iso_a3", "IRN"}}), &by_default),
        "Other country");
    EXPECT_TRUE(by_default);  // a literal default stands for several looks
    EXPECT_EQ(st.legend_text("countries", feature("Armenia", "country", {{"iso_a3", "ARM"}})),
              "Armenia");
    EXPECT_EQ(st.legend_text("countries", feature("Iran", "country", {{"iso_a3", "IRN"}})),
              "Other country");
    // No rule, no words: the caller falls back to the feature's kind.
    EXPECT_EQ(st.legend_text("routes", feature("Lachin corridor", "corridor", {})), "");
    EXPECT_EQ(st.attribution("places"), "places GeoNames");
    EXPECT_EQ(st.attribution("countries"), "");
}

TEST(StyleLegend, MalformedRulesAreReportedNotFatal) {
    Problems ps;
    auto st = render::Style::parse(
        R"({"layers":[{"layer":"places","legend":"towns","attribution":7},
                      {"layer":"admin1","legend":{"field":"kind","values":{"province":3}}}]})",
        "style.json", ps);
    ASSERT_EQ(ps.size(), 3u);
    for (const auto& p : ps) EXPECT_EQ(p.file, "style.json");
    EXPECT_EQ(st.legend_text("places", feature("Goris", "town", {})), "");
    EXPECT_EQ(st.attribution("places"), "");
}

TEST(StyleLegend, TheEmbeddedStyleCreditsEveryDefaultDataLayerThatIsCredited) {
    Problems ps;
    auto st = render::Style::builtin(ps);
    ASSERT_TRUE(ps.empty());
    EXPECT_NE(st.attribution("countries").find("OpenStreetMap"), std::string::npos);
    EXPECT_NE(st.attribution("places").find("GeoNames"), std::string::npos);
    EXPECT_EQ(st.legend_text("places", feature("Goris", "town", {{"capital", "provincial"}})),
              "Provincial capital");
    // A list of matches, first hit wins, then the default with the feature's kind.
    EXPECT_EQ(st.legend_text("places", feature("Tegh", "village", {})), "Town or village");
    EXPECT_EQ(st.legend_text("places", feature("Dadivank", "monastery", {})), "Monastery");
}

TEST(StyleLegend, DefaultLayersHaveTitlesForPeople) {
    Problems ps;
    auto st = render::Style::builtin(ps);
    ASSERT_TRUE(ps.empty());
    EXPECT_EQ(st.title("admin1"), "Provinces and districts");
    EXPECT_EQ(st.title("places"), "Places");
    EXPECT_EQ(st.title("no-such-layer"), "");
    auto bad = render::Style::parse(R"({"layers":[{"layer":"x","title":["X"]}]})", "s.json", ps);
    ASSERT_EQ(ps.size(), 1u);
    EXPECT_EQ(bad.title("x"), "");
}
