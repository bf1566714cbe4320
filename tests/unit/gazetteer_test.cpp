// Gazetteer from hand-built layers (no GDAL): names, aliases, kinds, points; duplicates and
// ambiguous aliases reported.
#include "gazetteer/gazetteer.h"

#include <gtest/gtest.h>

#include "gazetteer/unicode.h"

using namespace bm;

namespace {

geo::Feature feature(std::string id, std::string name, std::vector<std::string> aliases,
                     std::string kind, double lon, double lat) {
    geo::Feature f;
    f.id = std::move(id);
    f.name = std::move(name);
    f.aliases = std::move(aliases);
    f.kind = std::move(kind);
    f.label_point = {lon, lat};
    return f;
}

std::vector<geo::Layer> layers() {
    geo::Layer countries{"countries", "test.gpkg", {}, {}};
    countries.features.push_back(feature("AM", "Armenia", {}, "country", 44.9, 40.2));
    countries.features.push_back(feature("AZ", "Azerbaijan", {}, "country", 47.5, 40.3));
    geo::Layer places{"places", "test.gpkg", {}, {}};
    places.features.push_back(
        feature("stepanakert", "Stepanakert", {"Khankendi", "Xankəndi"}, "city", 46.75, 39.82));
    places.features.push_back(feature("unnamed", "", {}, "town", 0, 0));
    places.features.push_back(feature("AM", "Duplicate Armenia", {}, "city", 1, 1));
    places.features.push_back(feature("khankendi-dup", "Other", {"KHANKENDI"}, "town", 2, 2));
    return {countries, places};
}

}  // namespace

TEST(Gazetteer, BuildsPlacesFromLayers) {
    Problems ps;
    auto g = gazetteer::Gazetteer::build(layers(), ps);
    ASSERT_EQ(g.size(), 4u);  // unnamed skipped, duplicate id dropped
    const auto& s = g[g.find_id("stepanakert")];
    EXPECT_EQ(s.name, "Stepanakert");
    EXPECT_EQ(s.kind, "city");
    EXPECT_EQ(s.layer, "places");
    EXPECT_DOUBLE_EQ(s.lon, 46.75);
    EXPECT_DOUBLE_EQ(s.lat, 39.82);
    ASSERT_EQ(s.aliases.size(), 2u);
    EXPECT_EQ(g[g.find_id("AM")].name, "Armenia");
    EXPECT_FALSE(g.find_id("nope"));
}

TEST(Gazetteer, ReportsDuplicateIdsAndAmbiguousNames) {
    Problems ps;
    auto g = gazetteer::Gazetteer::build(layers(), ps);
    ASSERT_EQ(ps.size(), 2u);
    EXPECT_EQ(ps[0].severity, Problem::Severity::Warning);
    EXPECT_NE(ps[0].why.find("duplicate id"), std::string::npos);
    EXPECT_NE(ps[0].where.find("id=AM"), std::string::npos);
    EXPECT_NE(ps[1].why.find("ambiguous"), std::string::npos);
    EXPECT_NE(ps[1].why.find("stepanakert"), std::string::npos);
}

TEST(Gazetteer, FindIgnoresCaseAndSeparators) {
    Problems ps;
    auto g = gazetteer::Gazetteer::build(layers(), ps);
    EXPECT_EQ(g.find("armenia").size(), 1u);
    EXPECT_EQ(g.find("ARMENIA").size(), 1u);
    EXPECT_EQ(g.find("am").size(), 1u);         // by id
    EXPECT_EQ(g.find("XANKƏNDI").size(), 1u);   // non-ASCII capital folds too
    EXPECT_EQ(g.find("khankendi").size(), 2u);  // ambiguous: both
    EXPECT_TRUE(g.find("Atlantis").empty());
    EXPECT_EQ(gazetteer::fold_key("Nagorno\u00A0Karabakh"),
              gazetteer::fold_key("nagorno-karabakh"));
    EXPECT_EQ(gazetteer::fold_key("Nagorno \u2013 Karabakh"), "nagorno karabakh");
}

TEST(Gazetteer, UnicodeClasses) {
    namespace uni = gazetteer::uni;
    EXPECT_TRUE(uni::is_word(U'ə'));
    EXPECT_TRUE(uni::is_word(U'Ж'));
    EXPECT_TRUE(uni::is_word(U'Ս'));
    EXPECT_FALSE(uni::is_word(U'\u2019'));
    EXPECT_FALSE(uni::is_word(U'\u00A0'));
    EXPECT_FALSE(uni::is_word(U'\u2013'));
    EXPECT_TRUE(uni::is_upper(U'Ş'));
    EXPECT_FALSE(uni::is_upper(U'ş'));
    EXPECT_EQ(uni::to_lower(U'Ə'), U'ə');
    EXPECT_EQ(uni::to_upper(U'ս'), U'Ս');
    EXPECT_EQ(uni::to_lower(U'Ё'), U'ё');
}

// The default data shares thousands of village names by design; only a user's layers are told.
TEST(Gazetteer, AmbiguityWithinTheDefaultDataIsNotReported) {
    geo::Layer def{"places", geo::kDefaultDataSource, {}, {}};
    def.features.push_back(feature("agarak", "Agarak", {}, "town", 46.19, 38.88));
    def.features.push_back(feature("gn-617018", "Agarak", {}, "village", 44.47, 41.01));
    geo::Layer mine{"places", "mine.geojson", {}, {}};
    mine.features.push_back(feature("my-agarak", "Agarak", {}, "village", 44.3, 40.3));
    Problems ps;
    auto g = gazetteer::Gazetteer::build({def}, ps);
    EXPECT_EQ(g.size(), 2u);
    EXPECT_TRUE(ps.empty()) << ps.front().why;
    EXPECT_EQ(g.find("Agarak").size(), 2u);  // both keep the name
    ps.clear();
    g = gazetteer::Gazetteer::build({def, mine}, ps);
    ASSERT_EQ(ps.size(), 1u);  // the user's place against the first default one
    EXPECT_EQ(ps[0].file, "mine.geojson");
    EXPECT_NE(ps[0].why.find("ambiguous"), std::string::npos);
    EXPECT_EQ(g.find("Agarak").size(), 3u);
}
