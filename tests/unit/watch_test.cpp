// The watched folder (store/watch.h): article files written or moved into the folder or a new
// subfolder are handed over once quiet; other files, and a file still being written, are not.
#include "store/watch.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

namespace fs = std::filesystem;
using namespace bm;

namespace {
struct TempDir {
    fs::path path;
    TempDir() {
        std::string t = (fs::temp_directory_path() / "briefmap-watch-XXXXXX").string();
        path = mkdtemp(t.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::vector<std::string> wait_changed(store::FolderWatcher& w, size_t want) {
    std::vector<std::string> all;
    for (int i = 0; i < 500 && all.size() < want; ++i) {
        auto got = w.take_changed();
        all.insert(all.end(), got.begin(), got.end());
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::sort(all.begin(), all.end());
    return all;
}
}  // namespace

TEST(FolderWatcher, HandsOverArticleFilesWrittenOrMovedIn) {
    TempDir d;
    const std::string dir = d.path.string();
    std::atomic<int> wakes{0};
    Problems ps;
    store::FolderWatcher w(
        dir, [&] { ++wakes; }, ps);
    ASSERT_TRUE(w.ok()) << (ps.empty() ? "" : ps[0].to_string());
    std::ofstream(dir + "/a.md") << "x";
    std::ofstream(dir + "/notes.xyz-unknown") << "x";  // not an article file
    {
        std::ofstream(d.path.parent_path() / (d.path.filename().string() + "-b.html")) << "<p>x";
        fs::rename(d.path.parent_path() / (d.path.filename().string() + "-b.html"),
                   d.path / "b.html");  // a browser's save: written elsewhere, moved in
    }
    // A folder copied in whole: its files arrive before its watch exists.
    const fs::path staging = d.path.parent_path() / (d.path.filename().string() + "-sub");
    fs::create_directories(staging);
    std::ofstream(staging / "c.txt") << "x";
    fs::rename(staging, d.path / "sub");
    auto got = wait_changed(w, 3);
    EXPECT_EQ(got, (std::vector<std::string>{dir + "/a.md", dir + "/b.html", dir + "/sub/c.txt"}));
    EXPECT_GE(wakes.load(), 1);
    // Later files in the new subfolder are seen too.
    std::ofstream(dir + "/sub/d.md") << "x";
    EXPECT_EQ(wait_changed(w, 1), (std::vector<std::string>{dir + "/sub/d.md"}));
}

TEST(FolderWatcher, AMissingFolderIsAProblem) {
    Problems ps;
    store::FolderWatcher w("/nonexistent/briefmap-watch", nullptr, ps);
    EXPECT_FALSE(w.ok());
    ASSERT_EQ(ps.size(), 1u);
    EXPECT_EQ(ps[0].file, "/nonexistent/briefmap-watch");
    EXPECT_EQ(ps[0].code, Problem::Code::NotFound);
}
