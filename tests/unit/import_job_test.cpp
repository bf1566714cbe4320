// The background import (store/import_job.h, store::ImportControl): progress over every file,
// Cancel midway leaving a workspace that opens and holds exactly the files read before it, the
// rest imported by a second run; problems handed over as they are found.
#include "store/import_job.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include "store/import.h"
#include "store/workspace.h"

namespace fs = std::filesystem;
using namespace bm;
using namespace bm::store;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::string t = (fs::temp_directory_path() / "briefmap-job-XXXXXX").string();
        path = mkdtemp(t.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string operator/(const std::string& n) const { return (path / n).string(); }
};

// `n` articles, one a file, each with its own URL.
std::string make_folder(const TempDir& d, int n) {
    const std::string dir = d / "news";
    fs::create_directories(dir);
    for (int i = 0; i < n; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "a%03d.md", i);
        std::ofstream(dir + "/" + name)
            << "---\ntitle: Report " << i << "\noutlet: Test Wire\ndate: 2023-12-0" << 1 + i % 9
            << "\nurl: https://example.org/r/" << i
            << "\n---\n\nShelling was reported near Goris, item " << i << ".\n";
    }
    return dir;
}

bool wait_until(const std::function<bool()>& f) {
    for (int i = 0; i < 3000 && !f(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return f();
}

size_t sources_in(const std::string& ws_path) {
    Problem err;
    auto ws = open_workspace(ws_path, OpenMode::ReadOnly, &err);
    Problems ps;
    return ws ? ws->sources(ps).size() : 0;
}

}  // namespace

TEST(ImportControl, ReportsEveryFileAndCommitsInBatches) {
    TempDir d;
    const std::string dir = make_folder(d, 7);
    Problem err;
    auto ws = open_workspace(d / "ws.gpkg", OpenMode::Create, &err);
    ASSERT_TRUE(ws);
    std::vector<size_t> done;
    size_t total = 0;
    ImportControl c;
    c.batch_files = 3;
    c.progress = [&](size_t k, size_t t, const std::string&) {
        done.push_back(k);
        total = t;
    };
    auto s = import_paths(*ws, {dir, d / "missing.md"}, ImportAs::Articles, &c);
    EXPECT_TRUE(s.committed);
    EXPECT_FALSE(s.cancelled);
    EXPECT_EQ(total, 7u);
    EXPECT_EQ(done, (std::vector<size_t>{0, 1, 2, 3, 4, 5, 6, 7}));
    EXPECT_EQ(s.result.imported, 7u);
    EXPECT_EQ(s.result.sources_added, 1u);  // the folder, with its last batch
    EXPECT_EQ(ws->article_count(), 7u);
    ASSERT_EQ(s.problems.size(), 1u);
    EXPECT_EQ(s.problems[0].code, Problem::Code::NotFound);
}

TEST(ImportJob, CancelMidwayLeavesAConsistentWorkspace) {
    TempDir d;
    const int n = 40;
    const std::string dir = make_folder(d, n);
    ImportJob::Request r;
    r.workspace = d / "ws.gpkg";
    r.paths = {dir};
    r.as = ImportAs::Articles;
    r.batch_files = 4;
    r.item_delay = std::chrono::milliseconds(20);
    ImportJob job(r);
    ASSERT_TRUE(wait_until([&] { return job.progress().done >= 6 || job.finished(); }));
    ASSERT_FALSE(job.finished()) << "the import ended before it could be cancelled";
    const auto p = job.progress();
    EXPECT_EQ(p.total, size_t(n));
    EXPECT_NE(p.current.find("news/a0"), std::string::npos) << p.current;
    job.cancel();
    ASSERT_TRUE(wait_until([&] { return job.finished(); }));
    const ImportSummary& s = job.summary();
    EXPECT_TRUE(s.cancelled);
    EXPECT_TRUE(s.committed);
    // Every file read before Cancel is in (its batch committed), none after it begun.
    EXPECT_GE(s.files, 6u);
    EXPECT_LT(s.files, size_t(n));
    EXPECT_EQ(s.result.imported, s.files);

    // Another connection sees exactly that, and the file is a sound SQLite database.
    Problem err;
    auto ws = open_workspace(r.workspace, OpenMode::ReadWrite, &err);
    ASSERT_TRUE(ws) << err.to_string();
    EXPECT_EQ(ws->article_count(), s.files);
    Problems ps;
    for (const auto& a : ws->articles(ps)) {
        ASSERT_EQ(a.article.paragraphs.size(), 1u) << a.origin;
        EXPECT_NE(a.article.paragraphs[0].find("Goris"), std::string::npos);
    }
    EXPECT_TRUE(ps.empty());
    EXPECT_EQ(sources_in(r.workspace), 0u);  // the folder was not imported whole
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(r.workspace.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "ok");
    sqlite3_finalize(st);
    sqlite3_close(db);
    ws.reset();

    // Importing again brings the rest; what was there stays as it was.
    r.item_delay = {};
    ImportJob again(r);
    ASSERT_TRUE(wait_until([&] { return again.finished(); }));
    EXPECT_FALSE(again.summary().cancelled);
    EXPECT_EQ(again.summary().result.imported, size_t(n) - s.files);
    EXPECT_EQ(again.summary().result.unchanged, s.files);
    EXPECT_EQ(sources_in(r.workspace), 1u);
}

TEST(ImportJob, HandsOverProblemsAndPastedArticles) {
    TempDir d;
    std::ofstream(d / "empty.md") << "";
    ImportJob::Request r;
    r.workspace = d / "sub/ws.gpkg";  // created, with its folder
    r.paths = {d / "nothing-here.txt", d / "empty.md"};
    ArticleInput pasted;
    pasted.article.title = "Pasted";
    pasted.article.outlet = "Clipboard Daily";
    pasted.article.paragraphs = {"Talks in Goris went on."};
    pasted.origin = "clipboard:1";
    r.articles = {pasted};
    ImportJob job(r);
    ASSERT_TRUE(wait_until([&] { return job.finished(); }));
    const Problems ps = job.take_problems();
    ASSERT_FALSE(ps.empty());
    EXPECT_EQ(ps[0].file, d / "nothing-here.txt");
    EXPECT_EQ(ps[0].code, Problem::Code::NotFound);
    EXPECT_TRUE(job.take_problems().empty());  // handed over once
    EXPECT_EQ(job.summary().result.imported, 1u);
    Problem err;
    auto ws = open_workspace(r.workspace, OpenMode::ReadOnly, &err);
    ASSERT_TRUE(ws);
    Problems read;
    auto stored = ws->articles(read);
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].article.outlet, "Clipboard Daily");
    EXPECT_EQ(stored[0].origin, "clipboard:1");
}

TEST(ImportJob, AWorkspaceThatCannotBeOpenedIsAProblemNotACrash) {
    TempDir d;
    std::ofstream(d / "not.gpkg") << "this is not SQLite";
    ImportJob::Request r;
    r.workspace = d / "not.gpkg";
    r.paths = {d / "x.md"};
    ImportJob job(r);
    ASSERT_TRUE(wait_until([&] { return job.finished(); }));
    EXPECT_FALSE(job.summary().committed);
    const Problems ps = job.take_problems();
    ASSERT_EQ(ps.size(), 1u);
    EXPECT_EQ(ps[0].file, d / "not.gpkg");
}
