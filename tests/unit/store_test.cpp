// The workspace store (src/store): round trip, idempotent import, updates, and every way a file
// can fail to be a workspace we may write.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "corpus/article_id.h"
#include "geo/load.h"
#include "store/import.h"
#include "store/workspace.h"

namespace fs = std::filesystem;
using namespace bm;
using namespace bm::store;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::string t = (fs::temp_directory_path() / "briefmap-store-XXXXXX").string();
        path = mkdtemp(t.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::permissions(path, fs::perms::owner_all, ec);
        fs::remove_all(path, ec);
    }
    std::string operator/(const std::string& n) const { return (path / n).string(); }
};

void write(const std::string& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

corpus::Article article(const std::string& title, const std::string& url,
                        std::vector<std::string> paragraphs) {
    corpus::Article a;
    a.title = title;
    a.outlet = "Example Wire";
    a.date = "2023-12-08";
    a.url = url;
    a.paragraphs = std::move(paragraphs);
    return a;
}

void sql(const std::string& file, const char* statement) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, statement, nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_close(db);
}

const char* kArticle =
    "---\ntitle: Talks in Yerevan\noutlet: Example Wire\ndate: 2023-12-08\n---\n\n"
    "Officials met in Yerevan on Friday.\n\nA second round is planned in Baku.\n";

}  // namespace

TEST(Store, CreatesAGeoPackageWithAUserPlacesLayerGdalReads) {
    TempDir d;
    Problem err;
    auto ws = open_workspace(d / "sub/ws.gpkg", OpenMode::Create, &err);
    ASSERT_TRUE(ws) << err.to_string();
    EXPECT_EQ(ws->article_count(), 0u);
    ws.reset();
    GDALAllRegister();
    GDALDatasetUniquePtr ds(
        GDALDataset::Open((d / "sub/ws.gpkg").c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr));
    ASSERT_TRUE(ds);
    EXPECT_STREQ(ds->GetDriver()->GetDescription(), "GPKG");
    OGRLayer* l = ds->GetLayerByName("user_places");
    ASSERT_NE(l, nullptr);
    EXPECT_EQ(wkbFlatten(l->GetGeomType()), wkbPoint);
    EXPECT_GE(l->GetLayerDefn()->GetFieldIndex("name"), 0);
    // The briefmap tables are registered as GeoPackage attribute tables.
    EXPECT_NE(ds->GetLayerByName("briefmap_articles"), nullptr);
    // No temporary file is left beside it.
    size_t n = 0;
    for (auto& e : fs::directory_iterator(d.path / "sub")) n += !e.path().string().empty();
    EXPECT_EQ(n, 1u);
}

TEST(Store, ArticlesRoundTrip) {
    TempDir d;
    Problem err;
    auto ws = open_workspace(d / "ws.gpkg", OpenMode::Create, &err);
    ASSERT_TRUE(ws) << err.to_string();
    Change c;
    auto a =
        article("Talks in Yerevan", "https://example.org/a", {"One «Yerevan».", "Two\nlines."});
    a.byline = "By A. Writer";
    c.articles.push_back({a, "/data/a.md", 0});
    c.articles.push_back({article("No URL", "", {"Just text in Goris."}), "/data/b.md", 0});
    ChangeResult r;
    Problems ps;
    ASSERT_TRUE(ws->apply(c, r, ps)) << (ps.empty() ? "" : ps[0].to_string());
    EXPECT_EQ(r.imported, 2u);
    ws.reset();

    auto again = open_workspace(d / "ws.gpkg", OpenMode::ReadOnly, &err);
    ASSERT_TRUE(again) << err.to_string();
    EXPECT_TRUE(again->read_only());
    auto stored = again->articles(ps);
    ASSERT_EQ(stored.size(), 2u);
    EXPECT_EQ(stored[0].article.id, corpus::article_key(a));
    EXPECT_EQ(stored[0].article.title, a.title);
    EXPECT_EQ(stored[0].article.outlet, a.outlet);
    EXPECT_EQ(stored[0].article.date, a.date);
    EXPECT_EQ(stored[0].article.byline, a.byline);
    EXPECT_EQ(stored[0].article.url, a.url);
    EXPECT_EQ(stored[0].article.paragraphs, a.paragraphs);
    EXPECT_EQ(stored[0].content_hash, content_hash(a));
    EXPECT_EQ(stored[0].origin, "/data/a.md");
    EXPECT_EQ(stored[0].article.source_file, "/data/a.md");
    EXPECT_EQ(stored[0].imported_at.size(), 20u);  // 2026-12-02T03:00:00Z
    EXPECT_TRUE(stored[0].updated_at.empty());
    EXPECT_EQ(stored[1].article.id[0], 't');  // no URL: the text's hash
    // A read-only workspace refuses changes and says so.
    ps.clear();
    EXPECT_FALSE(again->apply(c, r, ps));
    ASSERT_EQ(ps.size(), 1u);
    EXPECT_EQ(ps[0].code, Problem::Code::ReadOnly);
}

TEST(Store, ViewStateViewsDecisionsAndPlacesRoundTrip) {
    TempDir d;
    Problem err;
    Problems ps;
    {
        auto ws = open_workspace(d / "ws.gpkg", OpenMode::Create, &err);
        ASSERT_TRUE(ws);
        EXPECT_FALSE(ws->view_state());
        EXPECT_TRUE(ws->save_view_state(R"({"selected":"jermuk"})", ps));
        EXPECT_TRUE(ws->save_view_state(R"({"selected":"goris"})", ps));  // replaces
        EXPECT_TRUE(ws->save_view("Syunik", R"({"selected":"syunik"})", ps));
        EXPECT_TRUE(ws->add_link_decision({"u1:3", "Agarak", "agarak_syunik", "relink", ""}, ps));
        EXPECT_TRUE(ws->add_link_decision({"u1:4", "Lachin", "", "reject", ""}, ps));
        EXPECT_TRUE(ws->add_user_place(
            {"my:1", "Kornidzor checkpoint", "checkpoint", {"Kornidzor post"}, 46.31, 39.43}, ps));
        EXPECT_TRUE(ps.empty()) << ps[0].to_string();
    }
    auto ws = open_workspace(d / "ws.gpkg", OpenMode::ReadWrite, &err);
    ASSERT_TRUE(ws);
    EXPECT_EQ(ws->view_state().value_or(""), R"({"selected":"goris"})");
    ASSERT_EQ(ws->views().size(), 1u);
    EXPECT_EQ(ws->views()[0].first, "Syunik");
    auto dec = ws->link_decisions();
    ASSERT_EQ(dec.size(), 2u);
    EXPECT_EQ(dec[0].place_id, "agarak_syunik");
    EXPECT_EQ(dec[1].action, "reject");
    EXPECT_TRUE(dec[1].place_id.empty());
    // The user's place is a real point layer: briefmap's own loader reads it as a place.
    auto [src, layer] = ws->user_places_layer();
    auto layers = geo::load_named_layer(src, layer, ps);
    ASSERT_EQ(layers.size(), 1u);
    ASSERT_EQ(layers[0].features.size(), 1u);
    EXPECT_EQ(layers[0].features[0].name, "Kornidzor checkpoint");
    EXPECT_NEAR(layers[0].features[0].geom.points.at(0).x, 46.31, 1e-9);
}

TEST(Store, ImportingTheSameArticleTwiceIsANoOpAndAChangedFileUpdates) {
    TempDir d;
    Problem err;
    auto ws = open_workspace(d / "ws.gpkg", OpenMode::Create, &err);
    ASSERT_TRUE(ws);
    write(d / "a.md", kArticle);
    auto s1 = import_paths(*ws, {d / "a.md"});
    ASSERT_TRUE(s1.committed);
    EXPECT_EQ(s1.result.imported, 1u);
    EXPECT_EQ(s1.result.sources_added, 1u);

    auto s2 = import_paths(*ws, {d / "a.md"});
    EXPECT_EQ(s2.result.imported, 0u);
    EXPECT_EQ(s2.result.updated, 0u);
    EXPECT_EQ(s2.result.unchanged, 1u);
    EXPECT_EQ(s2.result.sources_known, 1u);
    EXPECT_EQ(describe(s2),
              "0 articles imported, 0 updated, 1 unchanged, 0 layers added, 0 problems");
    EXPECT_EQ(ws->article_count(), 1u);

    // The file edited in place: no URL, so its id changes, but it is the same article.
    std::string edited = kArticle;
    edited.replace(edited.find("Friday"), 6, "Saturday");
    write(d / "a.md", edited);
    auto s3 = import_paths(*ws, {d / "a.md"});
    EXPECT_EQ(s3.result.updated, 1u);
    EXPECT_EQ(s3.result.imported, 0u);
    Problems ps;
    auto stored = ws->articles(ps);
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_NE(stored[0].article.paragraphs[0].find("Saturday"), std::string::npos);
    EXPECT_FALSE(stored[0].updated_at.empty());
}

TEST(Store, ImportReadsFoldersRecursivelyAndLayersAndReportsProblems) {
    TempDir d;
    Problem err;
    auto ws = open_workspace(d / "ws.gpkg", OpenMode::Create, &err);
    ASSERT_TRUE(ws);
    fs::create_directories(d.path / "news/week2");
    write(d / "news/one.md", kArticle);
    write(
        d / "news/week2/more.jsonl",
        R"({"title":"A","outlet":"X","date":"2023-12-07","url":"https://x.org/1","text":"In Goris."})"
        "\n"
        R"({"title":"B","outlet":"X","date":"2023-12-07","url":"https://x.org/2","text":"In Kapan."})"
        "\n");
    write(
        d / "pts.geojson",
        R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Hill 1"},"geometry":{"type":"Point","coordinates":[45.5,40.1]}}]})");
    write(d / "bad.geojson", "{ not json");
    auto s = import_paths(*ws, {d / "news", d / "pts.geojson", d / "missing.md"});
    ASSERT_TRUE(s.committed);
    EXPECT_EQ(s.result.imported, 3u);
    EXPECT_EQ(s.files, 2u);
    EXPECT_EQ(s.result.layers_added, 1u);
    ASSERT_FALSE(s.problems.empty());
    EXPECT_EQ(s.problems.back().file, d / "missing.md");
    EXPECT_EQ(s.problems.back().code, Problem::Code::NotFound);
    Problems ps;
    auto srcs = ws->sources(ps);
    ASSERT_EQ(srcs.size(), 2u);
    EXPECT_EQ(srcs[0].kind, Source::Kind::Articles);
    EXPECT_EQ(srcs[1].kind, Source::Kind::Layer);
    EXPECT_EQ(srcs[1].path, d / "pts.geojson");

    // A layer that does not load is a problem naming the file, and nothing is added.
    auto bad = import_paths(*ws, {d / "bad.geojson"}, ImportAs::Layers);
    EXPECT_EQ(bad.result.layers_added, 0u);
    ASSERT_FALSE(bad.problems.empty());
    EXPECT_EQ(bad.problems[0].file, d / "bad.geojson");
    EXPECT_EQ(ws->sources(ps).size(), 2u);
}

TEST(Store, FilesThatAreNotWorkspacesAreRefusedWithTheReason) {
    TempDir d;
    Problem err;
    EXPECT_FALSE(open_workspace(d / "none.gpkg", OpenMode::ReadWrite, &err));
    EXPECT_EQ(err.code, Problem::Code::NotFound);
    EXPECT_EQ(err.file, d / "none.gpkg");

    write(d / "text.gpkg", "hello, not a database\n");
    EXPECT_FALSE(open_workspace(d / "text.gpkg", OpenMode::ReadOnly, &err));
    EXPECT_EQ(err.code, Problem::Code::Unsupported);
    EXPECT_NE(err.why.find("not a GeoPackage"), std::string::npos) << err.why;

    write(d / "empty.gpkg", "");
    EXPECT_FALSE(open_workspace(d / "empty.gpkg", OpenMode::Create, &err));
    EXPECT_EQ(err.code, Problem::Code::Empty);

    // A plain SQLite database (not a GeoPackage).
    sql(d / "plain.db", "CREATE TABLE notes (a TEXT); INSERT INTO notes VALUES ('x')");
    EXPECT_FALSE(open_workspace(d / "plain.db", OpenMode::ReadOnly, &err));
    EXPECT_EQ(err.code, Problem::Code::Unsupported);
    EXPECT_NE(err.why.find("not a GeoPackage"), std::string::npos) << err.why;

    // A GeoPackage that is not a workspace (someone's layer).
    {
        GDALAllRegister();
        GDALDatasetUniquePtr ds(GetGDALDriverManager()->GetDriverByName("GPKG")->Create(
            (d / "layer.gpkg").c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        ds->CreateLayer("roads", nullptr, wkbLineString, nullptr);
    }
    EXPECT_FALSE(open_workspace(d / "layer.gpkg", OpenMode::ReadWrite, &err));
    EXPECT_EQ(err.code, Problem::Code::Unsupported);
    EXPECT_NE(err.why.find("not a briefmap workspace"), std::string::npos) << err.why;
}

TEST(Store, ANewerSchemaIsRefusedAndLeftUntouched) {
    TempDir d;
    Problem err;
    ASSERT_TRUE(open_workspace(d / "ws.gpkg", OpenMode::Create, &err));
    sql(d / "ws.gpkg", "UPDATE briefmap_meta SET value = '99' WHERE key = 'schema_version'");
    const auto before = fs::last_write_time(d.path / "ws.gpkg");
    EXPECT_FALSE(open_workspace(d / "ws.gpkg", OpenMode::ReadWrite, &err));
    EXPECT_EQ(err.code, Problem::Code::NewerVersion);
    EXPECT_NE(err.why.find("schema 99"), std::string::npos) << err.why;
    EXPECT_EQ(fs::last_write_time(d.path / "ws.gpkg"), before);
}

TEST(Store, AReadOnlyFileOpensForReadingOnly) {
    if (geteuid() == 0) GTEST_SKIP() << "root writes read-only files";
    TempDir d;
    Problem err;
    {
        auto ws = open_workspace(d / "ws.gpkg", OpenMode::Create, &err);
        Change c;
        c.articles.push_back({article("T", "https://e.org/1", {"In Jermuk."}), "/x.md", 0});
        ChangeResult r;
        Problems ps;
        ASSERT_TRUE(ws->apply(c, r, ps));
    }
    chmod((d / "ws.gpkg").c_str(), 0444);
    EXPECT_FALSE(open_workspace(d / "ws.gpkg", OpenMode::ReadWrite, &err));
    EXPECT_EQ(err.code, Problem::Code::ReadOnly);
    EXPECT_NE(err.why.find("read-only"), std::string::npos);
    auto ws = open_workspace(d / "ws.gpkg", OpenMode::ReadOnly, &err);
    ASSERT_TRUE(ws) << err.to_string();
    EXPECT_EQ(ws->article_count(), 1u);
}

TEST(Store, ASecondWriterIsToldTheWorkspaceIsLocked) {
    TempDir d;
    Problem err;
    auto ws = open_workspace(d / "ws.gpkg", OpenMode::Create, &err);
    ASSERT_TRUE(ws);
    // Another connection holds the write lock (as another briefmap import would).
    sqlite3* other = nullptr;
    ASSERT_EQ(sqlite3_open((d / "ws.gpkg").c_str(), &other), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
    Change c;
    c.articles.push_back({article("T", "https://e.org/1", {"In Jermuk."}), "/x.md", 0});
    ChangeResult r;
    Problems ps;
    EXPECT_FALSE(ws->apply(c, r, ps));
    ASSERT_EQ(ps.size(), 1u);
    EXPECT_EQ(ps[0].code, Problem::Code::Busy);
    EXPECT_NE(ps[0].why.find("locked"), std::string::npos);
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    ps.clear();
    EXPECT_TRUE(ws->apply(c, r, ps));
    EXPECT_EQ(ws->article_count(), 1u);
}

TEST(Store, OneUrlInTwoFilesIsOneArticleAndStaysUnchanged) {
    TempDir d;
    Problem err;
    auto ws = open_workspace(d / "ws.gpkg", OpenMode::Create, &err);
    ASSERT_TRUE(ws);
    Change c;
    c.articles.push_back({article("Saved once", "https://e.org/same", {"In Goris."}), "/a.md", 0});
    c.articles.push_back(
        {article("Saved again", "https://e.org/same", {"In Goris, later."}), "/b.md", 0});
    ChangeResult r;
    Problems ps;
    ASSERT_TRUE(ws->apply(c, r, ps));
    EXPECT_EQ(r.imported, 1u);
    EXPECT_EQ(r.unchanged, 1u);
    ASSERT_TRUE(ws->apply(c, r, ps));
    EXPECT_EQ(r.imported + r.updated, 0u);
    EXPECT_EQ(r.unchanged, 2u);
    auto stored = ws->articles(ps);
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].article.title, "Saved once");
}

TEST(Store, ContentHashSeparatesFields) {
    auto a = article("AB", "", {"C"});
    auto b = article("A", "", {"BC"});
    EXPECT_NE(content_hash(a), content_hash(b));
    EXPECT_EQ(content_hash(a).size(), 64u);
    EXPECT_EQ(content_hash(a), content_hash(article("AB", "", {"C"})));
}

TEST(Store, DefaultPathFollowsXdgDataHome) {
    const char* old = std::getenv("XDG_DATA_HOME");
    std::string saved = old ? old : "";
    setenv("XDG_DATA_HOME", "/tmp/xdg-data", 1);
    EXPECT_EQ(default_workspace_path(), "/tmp/xdg-data/briefmap/workspace.gpkg");
    unsetenv("XDG_DATA_HOME");
    setenv("HOME", std::getenv("HOME") ? std::getenv("HOME") : "/root", 1);
    EXPECT_TRUE(default_workspace_path().ends_with("/.local/share/briefmap/workspace.gpkg"));
    if (old) setenv("XDG_DATA_HOME", saved.c_str(), 1);
}

TEST(Store, WatchedFoldersAreSourcesAndASchema1FileIsMigrated) {
    TempDir d;
    Problem err;
    {
        auto ws = open_workspace(d / "ws.gpkg", OpenMode::Create, &err);
        ASSERT_TRUE(ws);
        Change c;
        c.sources = {{Source::Kind::Articles, "/data/news", "", ""}};
        ChangeResult r;
        Problems ps;
        ASSERT_TRUE(ws->apply(c, r, ps));
    }
    // As briefmap with schema 1 made it: the CHECK knows no 'watched'.
    sql(d / "ws.gpkg",
        "CREATE TABLE s1 (fid INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL CHECK (kind "
        "IN ('layer', 'articles')), path TEXT NOT NULL, style TEXT, added_at TEXT NOT NULL, "
        "UNIQUE (kind, path))");
    sql(d / "ws.gpkg", "INSERT INTO s1 SELECT * FROM briefmap_sources");
    sql(d / "ws.gpkg", "DROP TABLE briefmap_sources");
    sql(d / "ws.gpkg", "ALTER TABLE s1 RENAME TO briefmap_sources");
    // ... and without schema 2's decision columns and aliases table.
    sql(d / "ws.gpkg", "ALTER TABLE briefmap_link_decisions DROP COLUMN to_place_id");
    sql(d / "ws.gpkg", "ALTER TABLE briefmap_link_decisions DROP COLUMN scope");
    sql(d / "ws.gpkg", "DROP TABLE briefmap_aliases");
    sql(d / "ws.gpkg", "DELETE FROM gpkg_contents WHERE table_name = 'briefmap_aliases'");
    sql(d / "ws.gpkg", "UPDATE briefmap_meta SET value = '1' WHERE key = 'schema_version'");
    {
        auto ro = open_workspace(d / "ws.gpkg", OpenMode::ReadOnly, &err);
        ASSERT_TRUE(ro) << err.to_string();  // read as it is
    }
    auto ws = open_workspace(d / "ws.gpkg", OpenMode::ReadWrite, &err);
    ASSERT_TRUE(ws) << err.to_string();
    Change c;
    c.sources = {{Source::Kind::Watched, "/data/inbox", "", ""}};
    ChangeResult r;
    Problems ps;
    ASSERT_TRUE(ws->apply(c, r, ps)) << (ps.empty() ? "" : ps[0].to_string());
    auto sources = ws->sources(ps);
    ASSERT_EQ(sources.size(), 2u);
    EXPECT_EQ(sources[0].kind, Source::Kind::Articles);
    EXPECT_EQ(sources[0].path, "/data/news");  // kept through the migration
    EXPECT_EQ(sources[1].kind, Source::Kind::Watched);
    EXPECT_EQ(sources[1].path, "/data/inbox");
    ws.reset();
    // GDAL still opens it as a GeoPackage with the table listed.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((d / "ws.gpkg").c_str(), &db), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT (SELECT value FROM briefmap_meta WHERE key='schema_version'), "
                       "(SELECT count(*) FROM gpkg_contents WHERE table_name='briefmap_sources')",
                       -1, &st, nullptr);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "2");
    EXPECT_EQ(sqlite3_column_int(st, 1), 1);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

TEST(Store, SaveCopyWritesAWholeWorkspaceAndRefusesToOverwrite) {
    TempDir d;
    Problem err;
    auto ws = open_workspace(d / "ws.gpkg", OpenMode::Create, &err);
    ASSERT_TRUE(ws);
    write(d / "a.md", kArticle);
    ASSERT_TRUE(import_paths(*ws, {d / "a.md"}).committed);
    Problems ps;
    ASSERT_TRUE(ws->save_view_state("{\"selected\":\"goris\"}", ps));
    ASSERT_TRUE(ws->save_copy(d / "sub/copy.gpkg", ps)) << ps[0].to_string();
    auto copy = open_workspace(d / "sub/copy.gpkg", OpenMode::ReadWrite, &err);
    ASSERT_TRUE(copy) << err.to_string();
    EXPECT_EQ(copy->article_count(), 1u);
    EXPECT_EQ(copy->sources(ps).size(), 1u);
    EXPECT_EQ(copy->view_state().value_or(""), "{\"selected\":\"goris\"}");
    EXPECT_TRUE(ps.empty());
    // The original goes on by itself.
    write(d / "b.md",
          std::string(kArticle).replace(std::string(kArticle).find("Friday"), 6, "Monday"));
    EXPECT_TRUE(import_paths(*ws, {d / "b.md"}).committed);
    EXPECT_EQ(copy->article_count(), 1u);
    EXPECT_FALSE(ws->save_copy(d / "sub/copy.gpkg", ps));
    ASSERT_EQ(ps.size(), 1u);
    EXPECT_EQ(ps[0].file, d / "sub/copy.gpkg");
    EXPECT_NE(ps[0].why.find("exists"), std::string::npos);
}

namespace {

TEST(StoreReview, DecisionsKeepScopeAndTargetAndUserPlacesEditAndDelete) {
    TempDir d;
    Problem err;
    Problems ps;
    {
        auto ws = open_workspace(d / "ws.gpkg", OpenMode::Create, &err);
        ASSERT_TRUE(ws);
        LinkDecision r{"u1:3", "Agarak", "agarak_syunik", "relink", "", "agarak_lori", "all"};
        EXPECT_TRUE(ws->add_link_decision(r, ps));
        EXPECT_TRUE(ws->add_user_place(
            {"user:akhavno", "Akhavno", "village", {"Aghavno"}, 46.5, 39.5, ""}, ps));
        EXPECT_TRUE(ws->add_user_place({"user:b", "Bhill", "hill", {}, 46.0, 39.0, ""}, ps));
        EXPECT_TRUE(ps.empty()) << ps[0].to_string();
        // The same id twice is refused and says so.
        EXPECT_FALSE(ws->add_user_place({"user:b", "Other", "hill", {}, 1, 2, ""}, ps));
        ASSERT_EQ(ps.size(), 1u);
        EXPECT_NE(ps[0].why.find("'user:b' exists already"), std::string::npos) << ps[0].why;
        ps.clear();
        UserPlace moved{"user:akhavno", "Akhavno", "town", {"Aghavno", "Aghavnatun"},
                        46.6,           39.6,      ""};
        EXPECT_TRUE(ws->update_user_place(moved, ps));
        EXPECT_TRUE(ws->remove_user_place("user:b", ps));
        EXPECT_TRUE(ps.empty()) << ps[0].to_string();
        EXPECT_FALSE(ws->remove_user_place("user:b", ps));
        EXPECT_FALSE(ws->update_user_place({"user:none", "X", "", {}, 0, 0, ""}, ps));
        ASSERT_EQ(ps.size(), 2u);
        EXPECT_NE(ps[0].why.find("no user place with id 'user:b'"), std::string::npos);
        EXPECT_EQ(ps[1].code, Problem::Code::NotFound);
    }
    auto ws = open_workspace(d / "ws.gpkg", OpenMode::ReadOnly, &err);
    ASSERT_TRUE(ws);
    auto dec = ws->link_decisions();
    ASSERT_EQ(dec.size(), 1u);
    EXPECT_EQ(dec[0].to_place_id, "agarak_lori");
    EXPECT_EQ(dec[0].scope, "all");
    EXPECT_FALSE(dec[0].decided_at.empty());
    auto places = ws->user_places();
    ASSERT_EQ(places.size(), 1u);
    EXPECT_EQ(places[0].kind, "town");
    EXPECT_NEAR(places[0].lon, 46.6, 1e-9);
    EXPECT_EQ(places[0].aliases, (std::vector<std::string>{"Aghavno", "Aghavnatun"}));
    // The edit is in the layer that QGIS and briefmap's loader read.
    auto [src, layer] = ws->user_places_layer();
    auto layers = geo::load_named_layer(src, layer, ps);
    ASSERT_EQ(layers.size(), 1u);
    ASSERT_EQ(layers[0].features.size(), 1u);
    EXPECT_EQ(layers[0].features[0].kind, "town");
}

TEST(StoreReview, AliasesOfExistingPlaces) {
    TempDir d;
    Problem err;
    Problems ps;
    auto ws = open_workspace(d / "ws.gpkg", OpenMode::Create, &err);
    ASSERT_TRUE(ws);
    EXPECT_TRUE(ws->add_alias({"aghavno", "Akhavno", ""}, ps));
    EXPECT_TRUE(ws->add_alias({"aghavno", "Akhavno", ""}, ps));  // twice: one kept
    EXPECT_TRUE(ws->add_alias({"goris", "Gorisi", ""}, ps));
    EXPECT_TRUE(ps.empty()) << ps[0].to_string();
    ASSERT_EQ(ws->aliases().size(), 2u);
    EXPECT_EQ(ws->aliases()[0].alias, "Akhavno");
    EXPECT_TRUE(ws->remove_alias({"goris", "Gorisi", ""}, ps));
    EXPECT_FALSE(ws->remove_alias({"goris", "Gorisi", ""}, ps));
    ASSERT_EQ(ps.size(), 1u);
    EXPECT_NE(ps[0].why.find("no alias 'Gorisi'"), std::string::npos) << ps[0].why;
    EXPECT_FALSE(ws->add_alias({"goris", "", ""}, ps));
    EXPECT_EQ(ws->aliases().size(), 1u);
}

TEST(StoreReview, ASchemaOneWorkspaceIsReadAndMigratedOnWrite) {
    TempDir d;
    Problem err;
    { ASSERT_TRUE(open_workspace(d / "ws.gpkg", OpenMode::Create, &err)); }
    // Back to what a schema-1 briefmap wrote.
    sql(d / "ws.gpkg",
        "ALTER TABLE briefmap_link_decisions DROP COLUMN to_place_id; ALTER TABLE "
        "briefmap_link_decisions DROP COLUMN scope; DROP TABLE briefmap_aliases; DELETE FROM "
        "gpkg_contents WHERE table_name = 'briefmap_aliases'; UPDATE briefmap_meta SET value = "
        "'1' WHERE key = 'schema_version'; INSERT INTO briefmap_link_decisions (passage_id, "
        "mention, place_id, action, decided_at) VALUES ('u1:2', 'Lachin', 'lachin', 'reject', "
        "'2026-01-01T00:00:00Z')");
    {
        auto ro = open_workspace(d / "ws.gpkg", OpenMode::ReadOnly, &err);
        ASSERT_TRUE(ro) << err.to_string();
        auto dec = ro->link_decisions();
        ASSERT_EQ(dec.size(), 1u);
        EXPECT_EQ(dec[0].scope, "passage");
        EXPECT_TRUE(ro->aliases().empty());
    }
    auto ws = open_workspace(d / "ws.gpkg", OpenMode::ReadWrite, &err);
    ASSERT_TRUE(ws) << err.to_string();
    Problems ps;
    EXPECT_TRUE(ws->add_alias({"aghavno", "Akhavno", ""}, ps));
    EXPECT_TRUE(ws->add_link_decision(
        {"u1:2", "Lachin", "lachin", "relink", "", "lachin-district", "article"}, ps));
    EXPECT_TRUE(ps.empty()) << ps[0].to_string();
    auto dec = ws->link_decisions();
    ASSERT_EQ(dec.size(), 2u);
    EXPECT_EQ(dec[0].action, "reject");
    EXPECT_EQ(dec[1].scope, "article");
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((d / "ws.gpkg").c_str(), &db), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT value FROM briefmap_meta WHERE key = 'schema_version'", -1, &st,
                       nullptr);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "2");
    sqlite3_finalize(st);
    sqlite3_close(db);
}

}  // namespace
