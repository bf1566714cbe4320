// Bad input never crashes briefmap: one test or table row per case of tests/fixtures/bad/ (see
// its README), each checking that the message names the file, where in it (line, feature or byte
// offset) when that applies, and the reason, and that whatever else the input held still loads.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "common/atomic_file.h"
#include "common/problem.h"
#include "corpus/corpus.h"
#include "document/session.h"
#include "export/compose.h"
#include "gazetteer/gazetteer.h"
#include "geo/load.h"
#include "linker/linker.h"

using namespace bm;
namespace fs = std::filesystem;

namespace {

const std::string kBad = std::string(BRIEFMAP_SOURCE_DIR) + "/tests/fixtures/bad";
const std::string kOut = std::string(BRIEFMAP_TEST_OUTPUT_DIR) + "/bad_input";

std::string all(const Problems& ps) {
    std::string s;
    for (const auto& p : ps) s += "  " + p.to_string() + "\n";
    return s.empty() ? "  (no problems)\n" : s;
}

// A problem of this severity whose file equals `file` and whose where and why contain the given
// parts ("" matches anything for `where`; `why` must always be given).
::testing::AssertionResult has(const Problems& ps, Problem::Severity sev, const std::string& file,
                               const std::string& where, const std::string& why) {
    for (const auto& p : ps)
        if (p.severity == sev && p.file == file && p.where.find(where) != std::string::npos &&
            p.why.find(why) != std::string::npos)
            return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << "no " << (sev == Problem::Severity::Error ? "error" : "warning") << " with file '"
           << file << "', where ~ '" << where << "', why ~ '" << why << "' among:\n"
           << all(ps);
}
constexpr auto E = Problem::Severity::Error;
constexpr auto W = Problem::Severity::Warning;

bool any_error(const Problems& ps) {
    for (const auto& p : ps)
        if (p.severity == E) return true;
    return false;
}

size_t feature_count(const std::vector<geo::Layer>& layers) {
    size_t n = 0;
    for (const auto& l : layers) n += l.features.size();
    return n;
}

const geo::Feature* find_feature(const std::vector<geo::Layer>& layers, const std::string& id) {
    for (const auto& l : layers)
        for (const auto& f : l.features)
            if (f.id == id) return &f;
    return nullptr;
}

std::string scratch(const std::string& name) {
    fs::create_directories(kOut);
    std::string p = kOut + "/" + name;
    std::error_code ec;
    fs::remove_all(p, ec);
    return p;
}

void write(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Geodata files

TEST(BadGeo, NotGeodataAtAll) {
    Problems ps;
    const std::string f = kBad + "/geo/not-geodata.geojson";
    EXPECT_TRUE(geo::load_dataset(f, ps).empty());
    ASSERT_EQ(ps.size(), 1u) << all(ps);
    EXPECT_EQ(ps[0].severity, E);
    EXPECT_EQ(ps[0].file, f);
    EXPECT_FALSE(ps[0].why.empty());
}

TEST(BadGeo, LayerWithoutCrsIsAssumedLonLat) {
    Problems ps;
    const std::string f = kBad + "/geo/no-crs/places.shp";
    auto layers = geo::load_dataset(f, ps);
    EXPECT_TRUE(has(ps, W, f, "layer places", "has no CRS; assuming WGS 84"));
    EXPECT_FALSE(any_error(ps)) << all(ps);
    const geo::Feature* goris = find_feature(layers, "goris");
    ASSERT_NE(goris, nullptr);
    EXPECT_NEAR(goris->geom.points.at(0).x, 46.3367, 1e-6);
    EXPECT_NEAR(goris->geom.points.at(0).y, 39.5111, 1e-6);
}

TEST(BadGeo, LayerInAnotherCrsIsReprojected) {
    Problems ps;
    const std::string f = kBad + "/geo/other-crs.geojson";
    auto layers = geo::load_dataset(f, ps);
    EXPECT_TRUE(ps.empty()) << all(ps);
    const geo::Feature* yerevan = find_feature(layers, "yerevan-utm");
    const geo::Feature* stepanakert = find_feature(layers, "stepanakert-utm");
    ASSERT_NE(yerevan, nullptr);
    ASSERT_NE(stepanakert, nullptr);
    EXPECT_NEAR(yerevan->geom.points.at(0).x, 44.5152, 1e-5);
    EXPECT_NEAR(yerevan->geom.points.at(0).y, 40.1872, 1e-5);
    EXPECT_NEAR(stepanakert->geom.points.at(0).x, 46.7528, 1e-5);
    EXPECT_NEAR(stepanakert->geom.points.at(0).y, 39.8153, 1e-5);
}

// ---------------------------------------------------------------------------------------------
// Geometries

TEST(BadGeometry, SelfIntersectingPolygonIsRepaired) {
    Problems ps;
    const std::string f = kBad + "/geo/self-intersecting.geojson";
    auto layers = geo::load_dataset(f, ps);
    EXPECT_TRUE(has(ps, W, f, "feature 0 (id=bowtie)", "repaired with MakeValid"));
    const geo::Feature* bowtie = find_feature(layers, "bowtie");
    ASSERT_NE(bowtie, nullptr);
    EXPECT_EQ(bowtie->geom.kind, geo::GeomKind::Polygon);
    EXPECT_EQ(bowtie->geom.polygons.size(), 2u);  // the two triangles of the bow tie
}

TEST(BadGeometry, UnclosedRingIsClosed) {
    Problems ps;
    const std::string f = kBad + "/geo/unclosed.geojson";
    auto layers = geo::load_dataset(f, ps);
    EXPECT_TRUE(has(ps, W, f, "feature 0 (id=open-ring)", "ring not closed; closed it"));
    EXPECT_FALSE(any_error(ps)) << all(ps);
    EXPECT_NE(find_feature(layers, "closed"), nullptr);
    const geo::Feature* open = find_feature(layers, "open-ring");
    ASSERT_NE(open, nullptr);
    ASSERT_EQ(open->geom.polygons.size(), 1u);
    EXPECT_EQ(open->geom.polygons[0][0].size(),
              4u);  // the square's corners (closing point dropped)
}

// ---------------------------------------------------------------------------------------------
// Corpus files

TEST(BadCorpus, InvalidUtf8IsReplacedWithOffsets) {
    Problems ps;
    const std::string f = kBad + "/corpus/invalid-utf8.txt";
    auto c = corpus::read(f, ps);
    ASSERT_EQ(c.articles.size(), 1u);
    // "Broken bytes in Goris\n\nTest Wire\nDec 8 2023\n\nGoris" is 50 bytes.
    EXPECT_TRUE(has(ps, W, f, "byte 50", "invalid UTF-8"));
    EXPECT_TRUE(has(ps, W, f, "byte 51", "invalid UTF-8"));
    ASSERT_EQ(c.articles[0].paragraphs.size(), 2u);
    EXPECT_EQ(c.articles[0].paragraphs[0], "Goris\uFFFD\uFFFD is quiet.");
    EXPECT_EQ(c.articles[0].date, "2023-12-08");
}

TEST(BadCorpus, NulBytesAreReplacedWithOffsets) {
    Problems ps;
    const std::string f = kBad + "/corpus/nul-bytes.txt";
    auto c = corpus::read(f, ps);
    ASSERT_EQ(c.articles.size(), 1u);
    // "NUL bytes in Kapan\n\nTest Wire\nDec 8 2023\n\nKapan" is 47 bytes.
    EXPECT_TRUE(has(ps, W, f, "byte 47", "NUL byte"));
    EXPECT_TRUE(has(ps, W, f, "byte 52", "NUL byte"));
    ASSERT_EQ(c.articles[0].paragraphs.size(), 1u);
    EXPECT_EQ(c.articles[0].paragraphs[0], "Kapan\uFFFD and\uFFFD Goris.");
}

TEST(BadCorpus, FiftyMegabyteParagraph) {
    const std::string f = scratch("50mb-line.txt");
    {
        std::ofstream out(f, std::ios::binary);
        out << "One enormous paragraph\n\nTest Wire\nDec 8 2023\n\nGoris ";
        const std::string chunk = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do ";
        for (size_t n = 0; n <= (50u << 20) / chunk.size(); ++n) out << chunk;
        out << "and at the very end Kapan.\n";
    }
    ASSERT_GE(fs::file_size(f), 50u << 20);
    const auto t0 = std::chrono::steady_clock::now();
    Problems ps;
    auto c = corpus::read(f, ps);
    EXPECT_TRUE(ps.empty()) << all(ps);
    ASSERT_EQ(c.articles.size(), 1u);
    ASSERT_EQ(c.articles[0].paragraphs.size(), 1u);
    const std::string& para = c.articles[0].paragraphs[0];
    EXPECT_GE(para.size(), 50u << 20);
    EXPECT_TRUE(para.ends_with("Kapan."));
    // The linker finds the names at both ends of the paragraph.
    gazetteer::Gazetteer g;
    g.add({"goris", "Goris", {}, "town", "places", 46.34, 39.51, 0});
    g.add({"kapan", "Kapan", {}, "town", "places", 46.41, 39.21, 1});
    auto idx = linker::Index::build(g, c);
    ASSERT_EQ(idx.passages_of(PlaceId(0)).size(), 1u);
    ASSERT_EQ(idx.passages_of(PlaceId(1)).size(), 1u);
    EXPECT_EQ(idx.passages_of(PlaceId(1))[0].spans.at(0).end, para.size() - 1);
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    // Linear work: seconds even under a sanitizer, never minutes.
    EXPECT_LT(secs, 120.0);
    fs::remove(f);
}

TEST(BadCorpus, ArticleWithoutDate) {
    Problems ps;
    const std::string f = kBad + "/corpus/no-date.txt";
    auto c = corpus::read(f, ps);
    ASSERT_EQ(c.articles.size(), 1u);
    EXPECT_EQ(c.articles[0].date, "");
    EXPECT_TRUE(has(ps, W, f, "line 1", "has no date"));
}

TEST(BadCorpus, FrontMatterWithoutDate) {
    Problems ps;
    const std::string f = kBad + "/corpus/no-date.md";
    auto c = corpus::read(f, ps);
    ASSERT_EQ(c.articles.size(), 1u);
    EXPECT_EQ(c.articles[0].date, "");
    EXPECT_EQ(c.articles[0].paragraphs.size(), 1u);
    EXPECT_TRUE(has(ps, W, f, "line 1", "has no date"));
}

TEST(BadCorpus, ImpossibleDateInText) {
    Problems ps;
    const std::string f = kBad + "/corpus/impossible-date.txt";
    auto c = corpus::read(f, ps);
    ASSERT_EQ(c.articles.size(), 1u);
    EXPECT_EQ(c.articles[0].date, "");
    EXPECT_EQ(c.articles[0].outlet, "Test Wire");
    ASSERT_EQ(c.articles[0].paragraphs.size(), 1u);  // the date line is not a paragraph
    EXPECT_TRUE(has(ps, W, f, "line 4", "impossible date \"Feb 30 2023\""));
}

TEST(BadCorpus, ImpossibleDatesInJsonLines) {
    Problems ps;
    const std::string f = kBad + "/corpus/impossible-date.jsonl";
    auto c = corpus::read(f, ps);
    ASSERT_EQ(c.articles.size(), 3u);
    EXPECT_EQ(c.articles[0].date, "");
    EXPECT_EQ(c.articles[1].date, "");
    EXPECT_EQ(c.articles[2].date, "2024-02-29");
    EXPECT_TRUE(has(ps, W, f, "line 1", "impossible date \"2023-02-29\""));
    EXPECT_TRUE(has(ps, W, f, "line 2", "impossible date \"2023-13-01\""));
    EXPECT_EQ(ps.size(), 2u) << all(ps);
}

TEST(BadCorpus, DateValidation) {
    EXPECT_EQ(corpus::parse_date("Feb 30 2023"), "");
    EXPECT_EQ(corpus::parse_date("Feb 29 2023"), "");
    EXPECT_EQ(corpus::parse_date("Feb 29 2024"), "2024-02-29");
    EXPECT_EQ(corpus::parse_date("Feb 29 1900"), "");
    EXPECT_EQ(corpus::parse_date("29 February 2000"), "2000-02-29");
    EXPECT_EQ(corpus::parse_date("April 31, 2023"), "");
    EXPECT_EQ(corpus::parse_date("Dec 0 2023"), "");
    EXPECT_EQ(corpus::parse_date("2023-13-01"), "");
    EXPECT_EQ(corpus::parse_date("2023-00-10"), "");
    EXPECT_EQ(corpus::parse_date("2023-12-32"), "");
    EXPECT_EQ(corpus::parse_date("----------"), "");
    EXPECT_EQ(corpus::parse_date("2023-12-31"), "2023-12-31");
    EXPECT_TRUE(corpus::is_impossible_date("Feb 30 2023"));
    EXPECT_TRUE(corpus::is_impossible_date("2023-02-30"));
    EXPECT_FALSE(corpus::is_impossible_date("Feb 28 2023"));
    EXPECT_FALSE(corpus::is_impossible_date("Talks in Kapan"));
}

TEST(BadCorpus, BrokenJsonLinesKeepTheGoodLines) {
    Problems ps;
    const std::string f = kBad + "/corpus/broken.jsonl";
    auto c = corpus::read(f, ps);
    EXPECT_TRUE(has(ps, E, f, "line 2", "bad JSON"));
    EXPECT_TRUE(has(ps, E, f, "line 3", "not a JSON object"));
    EXPECT_TRUE(has(ps, W, f, "line 4", "no \"text\""));
    EXPECT_TRUE(has(ps, E, f, "line 6", "not a JSON object"));
    std::vector<std::string> titles;
    for (const auto& a : c.articles) titles.push_back(a.title);
    // Line 4 has metadata but no text; line 5 has text but a numeric title.
    EXPECT_EQ(titles, (std::vector<std::string>{"Good one", "No text", "", "Also good"}));
    EXPECT_EQ(c.articles[2].paragraphs.at(0), "Wrong types, still text about Goris.");
    EXPECT_EQ(c.articles[3].date, "2023-12-09");
}

// The file still gives what it can (not in the table: something loads).
TEST(BadCorpus, UnclosedFrontMatter) {
    Problems ps;
    const std::string f = kBad + "/corpus/unclosed-front-matter.md";
    corpus::read(f, ps);
    EXPECT_TRUE(has(ps, E, f, "line 1", "front matter not closed"));
}

TEST(BadCorpus, DirectoryWhereAnArticleFileIsExpected) {
    Problems ps;
    const std::string d = kBad + "/corpus/folder-with-dir";
    auto c = corpus::read(d, ps);
    ASSERT_EQ(c.articles.size(), 1u);
    EXPECT_EQ(c.articles[0].title, "A good article");
    EXPECT_TRUE(has(ps, W, d + "/subdir.txt", "", "is a directory, expected an article file"));
}

TEST(BadCorpus, UnreadableFile) {
    if (geteuid() == 0)
        GTEST_SKIP() << "running as root: permission bits do not stop root from reading, so "
                        "chmod 000 cannot make a file unreadable (FifoDoesNotHang covers an "
                        "unreadable path)";
    const std::string f = scratch("unreadable.txt");
    write(f, "Title\n\nDec 8 2023\n\nText.\n");
    ASSERT_EQ(chmod(f.c_str(), 0), 0);
    Problems ps;
    EXPECT_TRUE(corpus::read(f, ps).articles.empty());
    EXPECT_TRUE(has(ps, E, f, "", "Permission denied"));
}

// ---------------------------------------------------------------------------------------------
// Names and ids

TEST(BadNames, DuplicateIds) {
    Problems ps;
    const std::string f = kBad + "/names/duplicate-ids.geojson";
    auto layers = geo::load_dataset(f, ps);
    auto g = gazetteer::Gazetteer::build(layers, ps);
    EXPECT_EQ(g.size(), 2u);
    EXPECT_TRUE(has(ps, W, f, "feature 1 (id=goris)", "duplicate id; first one (Goris"));
    EXPECT_EQ(g[g.find_id("goris")].name, "Goris");
}

TEST(BadNames, AliasSharedByTwoPlacesIsAmbiguous) {
    Problems ps;
    const std::string f = kBad + "/names/ambiguous-alias.geojson";
    auto layers = geo::load_dataset(f, ps);
    auto g = gazetteer::Gazetteer::build(layers, ps);
    EXPECT_EQ(g.size(), 2u);
    EXPECT_TRUE(has(ps, W, f, "id=aghdam-district", "\"Akna\" also names id=aghdam-town"));
    EXPECT_TRUE(has(ps, W, f, "", "ambiguous"));
    EXPECT_EQ(g.find("Akna").size(), 2u);
}

TEST(BadNames, AliasesThatAreNotAJsonArray) {
    Problems ps;
    const std::string f = kBad + "/names/bad-aliases.geojson";
    auto layers = geo::load_dataset(f, ps);
    EXPECT_TRUE(has(ps, W, f, "(id=shusha)", "aliases is not a JSON array"));
    ASSERT_NE(find_feature(layers, "shusha"), nullptr);
}

TEST(BadNames, RegexMetacharactersMatchLiterally) {
    Problems ps;
    auto layers = geo::load_dataset(kBad + "/names/regex-names.geojson", ps);
    auto g = gazetteer::Gazetteer::build(layers, ps);
    auto c = corpus::read(kBad + "/names/regex-names.txt", ps);
    EXPECT_FALSE(any_error(ps)) << all(ps);
    ASSERT_EQ(g.size(), 12u);
    ASSERT_EQ(c.articles.size(), 1u);
    ASSERT_EQ(c.articles[0].paragraphs.size(), 2u);
    auto idx = linker::Index::build(g, c);
    size_t found = 0;
    for (PlaceId p : g.ids())
        for (const auto& ps2 : idx.passages_of(p)) {
            // Nothing in the second paragraph spells any of the names.
            EXPECT_EQ(ps2.paragraph, 0u) << g[p].name;
            for (const auto& s : ps2.spans) {
                const std::string text =
                    c.articles[0].paragraphs[ps2.paragraph].substr(s.start, s.end - s.start);
                EXPECT_EQ(gazetteer::fold_key(text), gazetteer::fold_key(g[p].name));
                ++found;
            }
        }
    // "(Shusha)", "C++", "Kapan (town)", "a.*b" and "$^|" are spelt out in the first paragraph.
    EXPECT_GE(found, 3u);
    EXPECT_EQ(idx.passages_of(g.find_id("re2")).size(), 0u);  // "[x]+?"
    EXPECT_EQ(idx.passages_of(g.find_id("re3")).size(), 0u);  // "\d{3}" vs "123"
    EXPECT_EQ(idx.passages_of(g.find_id("re7")).size(), 0u);  // "Go{2,}ris" vs "Gooooris"
}

// ---------------------------------------------------------------------------------------------
// Paths

TEST(BadPaths, SpacesAndNonAsciiLetters) {
    const std::string dir = kBad + "/paths/dir with spaces";
    const std::string data = dir + "/Ереван данные.geojson";
    const std::string text = dir + "/статья Երևան 1.txt";
    Problems ps;
    auto layers = geo::load_dataset(data, ps);
    ASSERT_EQ(feature_count(layers), 1u) << all(ps);
    EXPECT_EQ(layers[0].source, data);
    auto g = gazetteer::Gazetteer::build(layers, ps);
    auto c = corpus::read(text, ps);
    EXPECT_TRUE(ps.empty()) << all(ps);
    ASSERT_EQ(c.articles.size(), 1u);
    EXPECT_EQ(c.articles[0].source_file, text);
    auto idx = linker::Index::build(g, c);
    ASSERT_EQ(idx.passages_of(PlaceId(0)).size(), 1u);
    EXPECT_EQ(idx.passages_of(PlaceId(0))[0].spans.size(), 2u);  // "Yerevan" and "Երևան"
    // The folder reads the same file.
    Problems ps2;
    EXPECT_EQ(corpus::read(dir, ps2).articles.size(), 1u);
}

TEST(BadPaths, DirectoryWithoutGeodata) {
    Problems ps;
    const std::string d = kBad + "/session";
    EXPECT_EQ(feature_count(geo::load_dataset(d, ps)), 0u);
    EXPECT_TRUE(any_error(ps)) << all(ps);
    for (const auto& p : ps) EXPECT_EQ(p.file, d);
}

TEST(BadPaths, UnreadableDataFile) {
    if (geteuid() == 0)
        GTEST_SKIP() << "running as root: chmod 000 does not stop root from reading "
                        "(DataFifoDoesNotHang covers an unreadable path)";
    const std::string f = scratch("unreadable.geojson");
    fs::copy_file(kBad + "/geo/other-crs.geojson", f);
    ASSERT_EQ(chmod(f.c_str(), 0), 0);
    Problems ps;
    EXPECT_TRUE(geo::load_dataset(f, ps).empty());
    EXPECT_TRUE(any_error(ps)) << all(ps);
    EXPECT_EQ(ps.at(0).file, f);
}

// ---------------------------------------------------------------------------------------------
// Session files

TEST(BadSession, FromAFutureVersionIsRefusedAndKept) {
    const std::string f = scratch("future-session.json");
    fs::copy_file(kBad + "/session/future-version.json", f);
    std::string before;
    ASSERT_TRUE(read_file(f, before));
    Session s;
    Problem p;
    EXPECT_FALSE(load_session(f, s, &p));
    EXPECT_TRUE(has({p}, E, f, "version", "newer briefmap (session version 7"));
    std::string after;
    ASSERT_TRUE(read_file(f, after));
    EXPECT_EQ(before, after);
}

// ---------------------------------------------------------------------------------------------
// Export sidecars (`briefmap export --from`)

TEST(BadSidecar, ChecksumMismatchesAreWarnings) {
    const std::string f = kBad + "/sidecar/good.json";
    exporter::ExportOptions opt;
    Problem p;
    Problems w;
    ASSERT_TRUE(exporter::options_from_sidecar(f, opt, w, &p)) << p.to_string();
    EXPECT_EQ(opt.state.output.width, 800);
    EXPECT_EQ(opt.state.selected, "jermuk");
    ASSERT_NE(opt.state.layer("places"), nullptr);
    EXPECT_FALSE(opt.state.layer("places")->visible);
    EXPECT_TRUE(has(w, W, f, "data", "embedded GeoPackage differs"));
}

// ---------------------------------------------------------------------------------------------
// The table: inputs a loader refuses (nothing loads, one problem names the file, where and why)
// and geodata whose bad features are skipped while the good one loads. One row per fixture of
// tests/fixtures/bad/ (or a FIFO made for the test, which would block a naive open()).

namespace {

enum class Loader { geo, corpus, session, sidecar };

struct Refusal {
    const char* name;  // the test's name
    Loader loader;
    const char* path;  // under tests/fixtures/bad/; "fifo:NAME": a FIFO made in the scratch folder
    Problem::Severity severity;
    const char* where;          // "" matches anything
    const char* why;            // part of the reason
    const char* also_why = "";  // another part of it, where the reason has two
    bool only_problem = false;  // and nothing else is reported (one message, not one per byte)
};

const Refusal kRefusals[] = {
    // Geodata (geo::load_dataset): no features.
    {"GeoEmptyGeoPackage", Loader::geo, "geo/empty.gpkg", E, "", "empty file (0 bytes)"},
    {"GeoPackageWithoutLayers", Loader::geo, "geo/no-layers.gpkg", E, "",
     "GeoPackage database with no vector layers"},
    {"GeoTruncatedGeoPackage", Loader::geo, "geo/truncated.gpkg", E, "", "malformed"},
    {"GeoJsonCutOff", Loader::geo, "geo/syntax-truncated.geojson", E, "line 4, character 1",
     "Unterminated array"},
    {"GeoJsonBadToken", Loader::geo, "geo/syntax-bad-token.geojson", E, "line 4, character 23",
     "Unexpected character"},
    {"GeoMissingPath", Loader::geo, "geo/no such file.gpkg", E, "", "no such file or directory"},
    {"GeoFifoDoesNotHang", Loader::geo, "fifo:fifo.geojson", E, "", "not a regular file"},
    // Articles (corpus::read): no articles.
    {"CorpusZeroByteFile", Loader::corpus, "corpus/empty.txt", W, "", "empty file"},
    {"CorpusBinaryGarbage", Loader::corpus, "corpus/garbage.txt", E, "", "not UTF-8 text", "",
     true},
    {"CorpusMissingPath", Loader::corpus, "corpus/does-not-exist.txt", E, "",
     "no such file or folder"},
    {"CorpusFifoDoesNotHang", Loader::corpus, "fifo:fifo.txt", E, "", "not a regular file"},
    // Session files (load_session): refused.
    {"SessionCutOffJsonNamesTheByte", Loader::session, "session/truncated.json", E, "byte ",
     "not valid JSON"},
    {"SessionWrongFieldTypes", Loader::session, "session/wrong-types.json", E, "",
     "unexpected field type"},
    {"SessionVersionNotAnInteger", Loader::session, "session/version-string.json", E, "version",
     "not an integer"},
    {"SessionEmptyView", Loader::session, "session/empty-view.json", E, "view",
     "empty or non-finite extent"},
    {"SessionNotAnObject", Loader::session, "session/not-object.json", E, "", "not a JSON object"},
    {"SessionDirectory", Loader::session, "session", E, "", "is a directory"},
    {"SessionMissingFile", Loader::session, "session/none.json", E, "",
     "No such file or directory"},
    {"SessionFifoDoesNotHang", Loader::session, "fifo:fifo-session.json", E, "",
     "not a regular file"},
    // Fuzz regressions (tests/fuzz): "222222222222222222222E22222" made nlohmann::json throw
    // out_of_range, which escaped and ended the process; a double far beyond int went through a
    // float-to-int conversion that is undefined behaviour (numbers are now range-checked,
    // common/json_number.h, and the field is named).
    {"SessionFuzzNumberOverflow", Loader::session, "session/fuzz-number-overflow.bin", E, "",
     "not valid JSON", "number overflow"},
    {"SessionNumberOverflow", Loader::session, "session/number-overflow.json", E, "",
     "not valid JSON", "number overflow"},
    {"SessionIntOverflow", Loader::session, "session/fuzz-int-overflow.json", E, "",
     "passages[].paragraph"},
    {"SessionHugeWindow", Loader::session, "session/huge-window.json", E, "", "window.width"},
    {"SessionHugeOpacity", Loader::session, "session/huge-opacity.json", E, "",
     "layers.places.opacity"},
    {"SessionVersionWraps", Loader::session, "session/version-wraps.json", E, "",
     "version: 4294967297 is out of range"},
    // Export sidecars (exporter::options_from_sidecar, `briefmap export --from`): refused.
    {"SidecarFromAFutureVersion", Loader::sidecar, "sidecar/future-version.json", E, "",
     "unsupported sidecar version 9"},
    {"SidecarVersionNotAnInteger", Loader::sidecar, "sidecar/version-string.json", E, "",
     "version: missing or not an integer"},  // used to escape as nlohmann::json::type_error
    {"SidecarMissingView", Loader::sidecar, "sidecar/missing-view.json", E, "",
     "missing or malformed field"},
    {"SidecarWrongFieldTypes", Loader::sidecar, "sidecar/wrong-types.json", E, "",
     "malformed number: size.width: not a number"},
    {"SidecarLayersAsAnArray", Loader::sidecar, "sidecar/layers-array.json", E, "",
     "layers: not an object"},
    {"SidecarCutOffJsonNamesTheByte", Loader::sidecar, "sidecar/truncated.json", E, "byte ",
     "not valid JSON"},
    {"SidecarDirectory", Loader::sidecar, "sidecar", E, "", "is a directory"},
    {"SidecarNumberOverflow", Loader::sidecar, "sidecar/number-overflow.json", E, "",
     "number overflow"},
    {"SidecarHugeWidth", Loader::sidecar, "sidecar/huge-width.json", E, "", "malformed number",
     "out of range"},
    {"SidecarHugeScale", Loader::sidecar, "sidecar/huge-scale.json", E, "", "malformed number",
     "out of range"},
};

class Refused : public ::testing::TestWithParam<Refusal> {};

TEST_P(Refused, NothingLoadsAndTheProblemNamesFileWhereAndWhy) {
    const Refusal& r = GetParam();
    std::string f = kBad + "/" + r.path;
    if (std::string_view(r.path).starts_with("fifo:")) {
        f = scratch(r.path + 5);
        ASSERT_EQ(mkfifo(f.c_str(), 0644), 0);
    }
    Problems ps;
    switch (r.loader) {
        case Loader::geo:
            EXPECT_EQ(feature_count(geo::load_dataset(f, ps)), 0u);
            break;
        case Loader::corpus:
            EXPECT_TRUE(corpus::read(f, ps).articles.empty());
            break;
        case Loader::session: {
            Session s;
            Problem p;
            EXPECT_FALSE(load_session(f, s, &p));
            ps.push_back(p);
            break;
        }
        case Loader::sidecar: {
            exporter::ExportOptions opt;
            Problem p;
            EXPECT_FALSE(exporter::options_from_sidecar(f, opt, ps, &p));
            ps.push_back(p);
            break;
        }
    }
    EXPECT_TRUE(has(ps, r.severity, f, r.where, r.why));
    if (*r.also_why) {
        EXPECT_TRUE(has(ps, r.severity, f, r.where, r.also_why));
    }
    if (r.only_problem) {
        EXPECT_EQ(ps.size(), 1u) << all(ps);
    }
}

INSTANTIATE_TEST_SUITE_P(BadInput, Refused, ::testing::ValuesIn(kRefusals),
                         [](const auto& info) { return std::string(info.param.name); });

struct Skipped {
    const char* name;
    const char* path;  // under tests/fixtures/bad/geo/
    struct Expect {
        Problem::Severity severity;
        const char* id;  // the skipped feature
        const char* why;
    };
    std::vector<Expect> skipped;
    const char* kept;  // the one good feature, which loads
};

const Skipped kSkipped[] = {
    {"EmptyGeometries",
     "empty-geometries.geojson",
     {{W, "null-geom", "empty geometry; skipped"},
      {W, "empty-poly", "empty geometry; skipped"},
      {W, "empty-line", "empty geometry; skipped"}},
     "goris"},
    {"NaNAndInfinity",
     "nan.geojson",
     {{W, "nan-point", "empty geometry; skipped"},  // OGR reads a NaN point as POINT EMPTY
      {E, "nan-line", "non-finite"},
      {E, "nan-poly", "non-finite"},
      {E, "inf-point", "non-finite"}},
     "goris"},
    {"HugeCoordinates",
     "huge.geojson",
     {{E, "huge-point", "out-of-range"},
      {E, "huge-poly", "out-of-range"},
      {E, "overflow", "out-of-range"}},
     "kapan"},
    {"HugeProjectedCoordinates",
     "huge-projected.geojson",
     {{E, "far-away", "skipped"}},
     "yerevan-utm"},
};

class SkippedFeatures : public ::testing::TestWithParam<Skipped> {};

TEST_P(SkippedFeatures, EachIsReportedByIdAndTheGoodOneLoads) {
    const Skipped& s = GetParam();
    const std::string f = kBad + "/geo/" + s.path;
    Problems ps;
    auto layers = geo::load_dataset(f, ps);
    for (const auto& e : s.skipped)
        EXPECT_TRUE(has(ps, e.severity, f, std::string("(id=") + e.id + ")", e.why)) << e.id;
    EXPECT_EQ(feature_count(layers), 1u);
    EXPECT_NE(find_feature(layers, s.kept), nullptr);
}

INSTANTIATE_TEST_SUITE_P(BadGeometry, SkippedFeatures, ::testing::ValuesIn(kSkipped),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace

// ---------------------------------------------------------------------------------------------
// Regressions found by the fuzz targets (tests/fuzz)

// fuzz_session: "222222222222222222222E22222" made nlohmann::json throw out_of_range (number
// overflow), which escaped session_from_json and terminated the process.
// fuzz_session: {"paragraph": 1444…443} (a double far beyond int) went through nlohmann's
// get<int>(), a float-to-int conversion that is undefined behaviour (UBSan). Numbers are now
// range-checked (common/json_number.h) and the field is named.
// fuzz_corpus: a JSON Lines "text" with escaped control characters ("\r", "\u0000") gave
// paragraphs holding a CR (raw text files turn CR into LF) and could hold NUL. Decoded JSON
// strings now get the same line-ending and NUL treatment as text files.
TEST(FuzzRegression, JsonLinesEscapedControlsAreNormalised) {
    const std::string f = kBad + "/corpus/fuzz-escaped-controls.jsonl";
    Problems ps;
    corpus::Corpus c = corpus::read(f, ps);
    ASSERT_EQ(c.articles.size(), 1u);
    const auto& paras = c.articles[0].paragraphs;
    ASSERT_GE(paras.size(), 3u);
    for (const std::string& p : paras) {
        EXPECT_EQ(p.find('\r'), std::string::npos) << p;
        EXPECT_EQ(p.find('\0'), std::string::npos) << p;
    }
    EXPECT_NE(paras.back().find("\xEF\xBF\xBD"), std::string::npos);  // the NUL became U+FFFD
    bool warned = false;
    for (const Problem& p : ps) warned |= p.file == f && p.why.find("NUL") != std::string::npos;
    EXPECT_TRUE(warned);
}
