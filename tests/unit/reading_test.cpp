// The reader's logic without a window (document/reading.h): place search, citations and
// quotes, the filter's summary and date presets, the projection's short name, export sizes
// and the default export folder.
#include "document/reading.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

using namespace bm;

namespace {

corpus::Article article(std::string outlet, std::string date, std::string title = "T",
                        std::string url = "") {
    corpus::Article a;
    a.outlet = std::move(outlet);
    a.date = std::move(date);
    a.title = std::move(title);
    a.url = std::move(url);
    a.paragraphs = {"First paragraph.", "Shelling near Tegh, the village of Syunik."};
    return a;
}

// Sets an environment variable and the working directory for one test, then puts them back.
struct Env {
    std::string old_home;
    bool had_home;
    std::filesystem::path old_cwd = std::filesystem::current_path();
    Env() : had_home(std::getenv("HOME") != nullptr) {
        if (had_home) old_home = std::getenv("HOME");
    }
    ~Env() {
        if (had_home)
            setenv("HOME", old_home.c_str(), 1);
        else
            unsetenv("HOME");
        std::filesystem::current_path(old_cwd);
    }
};

}  // namespace

TEST(Reading, CitationHasOutletDateTitleAndUrl) {
    const auto a = article("OC Media", "2023-09-20", "Karabakh talks", "https://oc-media.org/x");
    EXPECT_EQ(citation(a),
              "OC Media, 2023-09-20, \u201cKarabakh talks\u201d, https://oc-media.org/x");
    // What an article lacks is left out, not printed empty.
    EXPECT_EQ(citation(article("", "", "Untitled notes")), "\u201cUntitled notes\u201d");
}

TEST(Reading, QuoteIsTheParagraphInQuotesWithTheShortCitation) {
    const auto a = article("Eurasianet", "2024-01-05", "T", "https://eurasianet.org/y");
    EXPECT_EQ(quote(a, 1),
              "\u201cShelling near Tegh, the village of Syunik.\u201d (Eurasianet, 2024-01-05)");
    EXPECT_EQ(quote(article("", ""), 0), "\u201cFirst paragraph.\u201d (unknown outlet)");
    EXPECT_EQ(quote(a, 9), "\u201c\u201d (Eurasianet, 2024-01-05)");  // no such paragraph
}

TEST(Reading, FilterSummaryCountsTheArticlesLetThrough) {
    corpus::Corpus c;
    c.articles = {article("A", "2024-01-01"), article("A", "2024-01-09"), article("B", ""),
                  article("C", "2024-02-01")};
    SourceFilter f;
    auto s = summarise_filter(c, f);
    EXPECT_FALSE(s.active);
    EXPECT_EQ(s.text(), "4 of 4 articles");
    f.hidden_outlets = {"A"};
    s = summarise_filter(c, f);
    EXPECT_TRUE(s.active);
    EXPECT_EQ(s.text(), "2 of 4 articles");
    f = {};
    f.from = "2024-01-05";
    EXPECT_EQ(summarise_filter(c, f).text(), "2 of 4 articles");  // undated articles drop out
}

TEST(Reading, DatePresetsAreTheLastDaysOfTheCorpus) {
    corpus::Corpus c;
    c.articles = {article("A", "2024-02-20"), article("A", "2024-03-01"), article("B", ""),
                  article("C", "2023-12-31")};
    EXPECT_EQ(corpus_dates(c),
              (std::vector<std::string>{"2023-12-31", "2024-02-20", "2024-03-01"}));
    SourceFilter f;
    f.hidden_outlets = {"B"};
    filter_last_days(c, 7, f);
    EXPECT_EQ(f.from, "2024-02-24");  // 2024 is a leap year: Feb has 29 days
    EXPECT_EQ(f.to, "2024-03-01");
    EXPECT_EQ(f.hidden_outlets.size(), 1u);  // outlets kept
    filter_last_days(c, 30, f);
    EXPECT_EQ(f.from, "2024-02-01");
    EXPECT_EQ(summarise_filter(c, f).shown, 2u);
    SourceFilter none;
    filter_last_days(corpus::Corpus{}, 7, none);
    EXPECT_EQ(none, SourceFilter{});
}

TEST(Reading, DatesAreCheckedAndMoved) {
    EXPECT_TRUE(is_iso_date("2024-02-29"));
    EXPECT_FALSE(is_iso_date("2023-02-29"));
    EXPECT_FALSE(is_iso_date("2024-13-01"));
    EXPECT_FALSE(is_iso_date("2024-1-01"));
    EXPECT_FALSE(is_iso_date("last week"));
    EXPECT_EQ(add_days("2024-01-01", -1), "2023-12-31");
    EXPECT_EQ(add_days("2023-12-31", 61), "2024-03-01");
    EXPECT_EQ(add_days("nonsense", 3), "");
}

TEST(Reading, ProjectionInAFewWords) {
    EXPECT_EQ(crs_brief("+proj=lcc +lat_0=40 +lon_0=46 +lat_1=38 +lat_2=42 +datum=WGS84 +units=m"),
              "LCC 40\u00b0N 46\u00b0E");
    EXPECT_EQ(crs_brief("+proj=laea +lat_0=40 +lon_0=45 +datum=WGS84 +units=m"),
              "LAEA 40\u00b0N 45\u00b0E");
    EXPECT_EQ(crs_brief("EPSG:32638"), "UTM 38N");
    EXPECT_EQ(crs_brief("EPSG:4326"), "WGS 84 lon/lat");
    EXPECT_EQ(crs_brief("+proj=tmerc +lat_0=0 +lon_0=-44.5 +datum=WGS84"),
              "TM 0\u00b0N 44.50\u00b0W");
    EXPECT_EQ(crs_brief("not a projection"), "not a projection");  // as given: never empty
}

TEST(Reading, SearchMatchesNamesAndAliasesInListOrder) {
    Document doc;
    ASSERT_TRUE(doc.load({}));
    std::vector<int> counts(doc.gazetteer.size(), 0);
    const PlaceId shusha = doc.find_place("Shusha");
    ASSERT_TRUE(shusha.valid());
    // An alias, without its diacritics and in another case, finds the place.
    auto rows = search_places(doc.gazetteer, "SUSA", counts, 0);
    EXPECT_NE(std::find(rows.begin(), rows.end(), shusha), rows.end());
    // Sorted by passages, the most cited match comes first: what Enter selects.
    const auto by_name = search_places(doc.gazetteer, "a", counts, 0);
    ASSERT_GT(by_name.size(), 2u);
    counts[by_name[2].index()] = 5;
    const auto by_count = search_places(doc.gazetteer, "a", counts, 1);
    EXPECT_EQ(by_count.front(), by_name[2]);
    EXPECT_EQ(by_count.size(), by_name.size());
    EXPECT_TRUE(search_places(doc.gazetteer, "zzzzqqq", counts, 1).empty());
}

TEST(Reading, ExportSizePresets) {
    const auto& p = export_size_presets();
    ASSERT_EQ(p.size(), 6u);
    EXPECT_EQ(size_preset_for(1920, 1080), 1u);
    EXPECT_EQ(size_preset_for(2048, 2048), 3u);
    EXPECT_EQ(p[size_preset_for(3508, 2480)].width, 3508);  // A4 landscape at 300 dpi
    EXPECT_EQ(size_preset_for(1000, 700), p.size() - 1);    // custom
    EXPECT_EQ(size_preset_for(0, 0), p.size() - 1);         // never the map view's
}

TEST(Reading, DefaultExportFolderIsTheWorkingDirectoryOrHome) {
    Env env;
    const auto tmp = std::filesystem::temp_directory_path() / "briefmap_reading_test";
    std::filesystem::create_directories(tmp / "home");
    setenv("HOME", (tmp / "home").c_str(), 1);
    std::filesystem::current_path(tmp);
    EXPECT_EQ(default_export_dir(), tmp.string());
    // "/" (a desktop launcher's working directory) and a /root that is not home: home.
    std::filesystem::current_path("/");
    EXPECT_EQ(default_export_dir(), (tmp / "home").string());
    if (std::filesystem::is_directory("/root") && ::access("/root", X_OK) == 0) {
        std::filesystem::current_path("/root");
        EXPECT_EQ(default_export_dir(), (tmp / "home").string());
        setenv("HOME", "/root", 1);
        EXPECT_EQ(default_export_dir(), "/root");  // unless it is home
    }
    std::filesystem::remove_all(tmp);
}
