// Any file a user hands briefmap: no crash, no hang, no lost work (issue 13). One test per case
// of tests/fixtures/bad/{hang,network,lost} and the new corpus, session and sidecar cases (see
// tests/fixtures/bad/README.md); cases that need a FIFO, a symlink or a loop are made here.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "common/atomic_file.h"
#include "common/file_walk.h"
#include "common/problem.h"
#include "corpus/corpus.h"
#include "document/session.h"
#include "document/session_file.h"
#include "export/compose.h"
#include "export/export_pair.h"
#include "export/png.h"
#include "geo/load.h"

using namespace bm;
namespace fs = std::filesystem;

namespace {

const std::string kBad = std::string(BRIEFMAP_SOURCE_DIR) + "/tests/fixtures/bad";
const std::string kOut = std::string(BRIEFMAP_TEST_OUTPUT_DIR) + "/robust";
constexpr auto E = Problem::Severity::Error;
constexpr auto W = Problem::Severity::Warning;

std::string all(const Problems& ps) {
    std::string s;
    for (const auto& p : ps) s += "  " + p.to_string() + "\n";
    return s.empty() ? "  (no problems)\n" : s;
}

::testing::AssertionResult has(const Problems& ps, Problem::Severity sev, const std::string& file,
                               const std::string& where, const std::string& why) {
    for (const auto& p : ps)
        if (p.severity == sev && p.file == file && p.where.find(where) != std::string::npos &&
            p.why.find(why) != std::string::npos)
            return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "no problem with file '" << file << "', where ~ '"
                                         << where << "', why ~ '" << why << "' among:\n"
                                         << all(ps);
}

// A fresh folder for one test (ctest runs tests in parallel).
std::string scratch(const std::string& name) {
    const std::string p = kOut + "/" + name;
    std::error_code ec;
    fs::remove_all(p, ec);
    fs::create_directories(p);
    return p;
}

std::string slurp(const std::string& path) {
    std::string s;
    read_file(path, s);
    return s;
}

const geo::Feature* find_feature(const std::vector<geo::Layer>& layers, const std::string& id) {
    for (const auto& l : layers)
        for (const auto& f : l.features)
            if (f.id == id) return &f;
    return nullptr;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Hangs: every file GDAL opens is checked, not only the one given.

TEST(Hang, ShapefileWhoseDbfIsAFifo) {
    const std::string dir = scratch("shp-fifo");
    for (const char* ext : {".shp", ".shx", ".prj"})
        fs::copy_file(kBad + "/hang/shp/points" + ext, dir + "/points" + ext);
    ASSERT_EQ(mkfifo((dir + "/points.dbf").c_str(), 0644), 0);
    Problems ps;
    auto layers = geo::load_dataset(dir + "/points.shp", ps);  // blocked forever before
    EXPECT_TRUE(has(ps, W, dir + "/points.shp", "", "points.dbf: not a regular file"));
}

TEST(Hang, VrtWhoseSourceIsAFifo) {
    const std::string dir = scratch("vrt-fifo");
    fs::copy_file(kBad + "/hang/vrt-fifo-source.vrt", dir + "/v.vrt");
    fs::copy_file(kBad + "/hang/good.csv", dir + "/good.csv");
    ASSERT_EQ(mkfifo((dir + "/fifo.csv").c_str(), 0644), 0);
    Problems ps;
    auto layers = geo::load_dataset(dir + "/v.vrt", ps);
    EXPECT_TRUE(has(ps, W, dir + "/v.vrt", "", "fifo.csv: not a regular file"));
    EXPECT_NE(find_feature(layers, "goris-csv"), nullptr) << all(ps);  // the rest still loads
}

TEST(Hang, VrtWhoseSourceIsAProcFile) {
    const std::string f = kBad + "/hang/vrt-proc-source.vrt";
    Problems ps;
    auto layers = geo::load_dataset(f, ps);
    EXPECT_TRUE(has(ps, W, f, "", "/proc/self/status: a kernel file"));
    EXPECT_NE(find_feature(layers, "goris-csv"), nullptr) << all(ps);
}

TEST(Hang, KernelFilesAreNotReadAsArticles) {
    for (const char* f : {"/proc/kmsg", "/proc/self/status", "/sys/kernel/notes"}) {
        std::error_code ec;
        if (!fs::exists(f, ec)) continue;  // (a container may lack some)
        Problems ps;
        EXPECT_TRUE(corpus::read(f, ps).articles.empty());
        EXPECT_TRUE(has(ps, E, f, "", "kernel file")) << f;
    }
    Problems ps;
    EXPECT_TRUE(corpus::read("/proc", ps).articles.empty());
    EXPECT_TRUE(has(ps, E, "/proc", "", "kernel folder"));
}

TEST(Hang, ReadFileCapsTheSize) {
    const std::string dir = scratch("cap");
    write_file_atomic(dir + "/big.txt", std::string(4096, 'x'));
    std::string out;
    Problem p;
    EXPECT_FALSE(read_file(dir + "/big.txt", out, &p, 1024));
    EXPECT_NE(p.why.find("larger than"), std::string::npos) << p.why;
    EXPECT_TRUE(read_file(dir + "/big.txt", out, &p, 4096));
}

// ---------------------------------------------------------------------------------------------
// Network: opening a file never reaches it.

TEST(Network, VrtSourcesOnTheNetworkAreRefused) {
    const std::string f = kBad + "/network/vrt-vsicurl-source.vrt";
    Problems ps;
    auto layers = geo::load_dataset(f, ps);
    EXPECT_TRUE(has(ps, W, f, "", "/vsicurl/http://127.0.0.1:9/"));
    EXPECT_TRUE(has(ps, W, f, "", "http://127.0.0.1:9/briefmap-must-not-fetch.geojson"));
    EXPECT_TRUE(has(ps, W, f, "", "does not reach the network"));
    EXPECT_NE(find_feature(layers, "goris-csv"), nullptr) << all(ps);
}

// ---------------------------------------------------------------------------------------------
// Uncaught exceptions: folder walks never throw.

TEST(Walk, SymlinkLoopInACorpusFolder) {
    const std::string dir = scratch("loop");
    write_file_atomic(dir + "/a.txt", "Title\n\nDec 8 2023\n\nJermuk is quiet.\n");
    fs::create_symlink("loop.txt", dir + "/loop.txt");  // points at itself
    fs::create_directory(dir + "/sub");
    fs::create_directory_symlink("..", dir + "/sub/up");  // a folder loop
    Problems ps;
    auto c = corpus::read(dir, ps);
    EXPECT_EQ(c.articles.size(), 1u) << all(ps);
    std::vector<std::string> files;
    EXPECT_TRUE(list_files(dir, files));
    EXPECT_EQ(files, std::vector<std::string>{"a.txt"});
    EXPECT_FALSE(exporter::sha256_path(dir).empty());
}

TEST(Walk, RootAndProcAreNotWalked) {
    std::vector<std::string> files;
    std::string why;
    EXPECT_FALSE(list_files("/proc", files, &why));
    EXPECT_NE(why.find("kernel"), std::string::npos);
    EXPECT_EQ(exporter::sha256_path("/proc"), "");
    EXPECT_FALSE(list_files("/", files, &why, {100, 16}));  // stops at the limit
    EXPECT_LE(files.size(), 100u);
}

TEST(Walk, SidecarNamingRootAndProcDoesNotThrow) {
    exporter::ExportOptions opt;
    Problems warns;
    Problem p;
    ASSERT_TRUE(exporter::options_from_sidecar(kBad + "/sidecar/root-paths.json", opt, warns, &p))
        << p.to_string();
    EXPECT_EQ(opt.corpus, "/proc");
}

// ---------------------------------------------------------------------------------------------
// Lost work: an unreadable session file is kept; a symlinked one stays a symlink.

TEST(LostWork, UnparsableSessionsAreSetAsideNotOverwritten) {
    for (const char* name : {"nan.json", "bad-utf8.json", "truncated.json", "number-overflow.json",
                             "not-object.json", "version-string.json"}) {
        SCOPED_TRACE(name);
        const std::string dir = scratch(std::string("aside-") + name);
        const std::string path = dir + "/session.json";
        fs::copy_file(kBad + "/session/" + name, path);
        const std::string before = slurp(path);
        Session s;
        Problem p;
        std::string aside;
        EXPECT_EQ(open_session(path, s, &p, &aside), SessionOpen::SetAside) << p.to_string();
        EXPECT_EQ(p.file, path);
        EXPECT_NE(p.why.find("kept as " + aside), std::string::npos) << p.why;
        EXPECT_FALSE(fs::exists(path));
        EXPECT_EQ(slurp(aside), before);  // every byte kept
        EXPECT_NE(aside.find("session.json.bad-"), std::string::npos);
    }
}

TEST(LostWork, SessionFromANewerVersionIsLeftAlone) {
    const std::string dir = scratch("newer");
    const std::string path = dir + "/session.json";
    fs::copy_file(kBad + "/session/future-version.json", path);
    Session s;
    Problem p;
    EXPECT_EQ(open_session(path, s, &p), SessionOpen::Newer);
    EXPECT_TRUE(fs::exists(path));
}

TEST(LostWork, MissingAndGoodSessions) {
    const std::string dir = scratch("good-session");
    Session s;
    Problem p;
    EXPECT_EQ(open_session(dir + "/none.json", s, &p), SessionOpen::Missing);
    Session good;
    good.state.selected = "jermuk";
    ASSERT_TRUE(save_session(dir + "/s.json", good, &p));
    EXPECT_EQ(open_session(dir + "/s.json", s, &p), SessionOpen::Loaded);
    EXPECT_EQ(s.state.selected, "jermuk");
}

TEST(LostWork, FifoSessionIsNotReadNorMoved) {
    const std::string dir = scratch("fifo-session");
    const std::string path = dir + "/session.json";
    ASSERT_EQ(mkfifo(path.c_str(), 0644), 0);
    Session s;
    Problem p;
    EXPECT_EQ(open_session(path, s, &p), SessionOpen::Unusable);
    EXPECT_TRUE(fs::is_fifo(path));
}

TEST(LostWork, WriteThroughASymlinkKeepsTheLink) {
    const std::string dir = scratch("symlink");
    fs::create_directory(dir + "/dotfiles");
    write_file_atomic(dir + "/dotfiles/session.json", "old");
    fs::create_symlink("dotfiles/session.json", dir + "/session.json");
    ASSERT_TRUE(write_file_atomic(dir + "/session.json", "new"));
    EXPECT_TRUE(fs::is_symlink(dir + "/session.json"));
    EXPECT_EQ(slurp(dir + "/dotfiles/session.json"), "new");
    // A dangling link: the file it names is created.
    fs::create_symlink("dotfiles/later.json", dir + "/later.json");
    ASSERT_TRUE(write_file_atomic(dir + "/later.json", "made"));
    EXPECT_TRUE(fs::is_symlink(dir + "/later.json"));
    EXPECT_EQ(slurp(dir + "/dotfiles/later.json"), "made");
    // A loop is refused, not followed forever.
    fs::create_symlink("loop-b", dir + "/loop-a");
    fs::create_symlink("loop-a", dir + "/loop-b");
    Problem p;
    EXPECT_FALSE(write_file_atomic(dir + "/loop-a", "x", &p));
    EXPECT_TRUE(fs::is_symlink(dir + "/loop-a"));
    // An unparsable symlinked session: its target is set aside, the link stays for the new one.
    write_file_atomic(dir + "/dotfiles/session.json", "{ truncated");
    Session s;
    std::string aside;
    EXPECT_EQ(open_session(dir + "/session.json", s, &p, &aside), SessionOpen::SetAside);
    EXPECT_EQ(fs::path(aside).parent_path().filename(), "dotfiles");
    EXPECT_TRUE(fs::is_symlink(dir + "/session.json"));
}

TEST(LostWork, AtomicWriteLeavesNoTemporaryFiles) {
    const std::string dir = scratch("no-temps");
    for (int i = 0; i < 20; ++i) ASSERT_TRUE(write_file_atomic(dir + "/f", std::to_string(i)));
    size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir)) n += e.path().filename() != "f";
    EXPECT_EQ(n, 0u);
}

// ---------------------------------------------------------------------------------------------
// Lost text: keep what can be read.

TEST(LostText, EmptyTitleKeepsTheFirstParagraph) {
    const std::string f = kBad + "/corpus/empty-title.md";
    Problems ps;
    auto c = corpus::read(f, ps);
    ASSERT_EQ(c.articles.size(), 1u);
    EXPECT_EQ(c.articles[0].title, "");
    ASSERT_EQ(c.articles[0].paragraphs.size(), 2u) << all(ps);
    EXPECT_NE(c.articles[0].paragraphs[0].find("Goris"), std::string::npos);
    EXPECT_TRUE(has(ps, W, f, "", "empty title"));
}

TEST(LostText, ControlCharactersCostCharactersNotTheFile) {
    const std::string f = kBad + "/corpus/control-chars.txt";
    Problems ps;
    auto c = corpus::read(f, ps);
    ASSERT_EQ(c.articles.size(), 1u) << all(ps);
    EXPECT_EQ(c.articles[0].title, "Convoy reaches Goris");
    ASSERT_EQ(c.articles[0].paragraphs.size(), 2u) << all(ps);
    EXPECT_EQ(c.articles[0].paragraphs[1], "The convoy reached Goris at dawn.");
    // Reported once per run, with the byte offset of its first character.
    const size_t at = slurp(f).find('\x01');
    EXPECT_TRUE(has(ps, W, f, "byte " + std::to_string(at), "control character U+0001"));
    for (char ch : c.articles[0].paragraphs[0]) EXPECT_GE(static_cast<unsigned char>(ch), 0x20);
}

TEST(LostText, PasswdIsNotEchoed) {
    Problems ps;
    corpus::read("/etc/passwd", ps);
    for (const Problem& p : ps) EXPECT_EQ(p.to_string().find("root:"), std::string::npos) << p.why;
}

// ---------------------------------------------------------------------------------------------
// Names: aliases as a JSON array, or a string holding one.

TEST(Aliases, RealJsonArrayAndStringOfJson) {
    const std::string f = kBad + "/names/aliases-array.geojson";
    Problems ps;
    auto layers = geo::load_dataset(f, ps);
    const geo::Feature* k = find_feature(layers, "kirants");
    ASSERT_NE(k, nullptr);
    EXPECT_EQ(k->aliases, (std::vector<std::string>{"Կիրանց", "Kirants village"})) << all(ps);
    const geo::Feature* b = find_feature(layers, "berd");
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(b->aliases, std::vector<std::string>{"Բերդ"});
    for (const Problem& p : ps) EXPECT_EQ(p.why.find("aliases"), std::string::npos) << p.why;
}

// ---------------------------------------------------------------------------------------------
// Absurd numbers and the export pair.

TEST(Sidecar, AbsurdCentreOrResolutionIsRefused) {
    for (const char* name : {"huge-center.json", "huge-res.json"}) {
        exporter::ExportOptions opt;
        Problems warns;
        Problem p;
        const std::string f = kBad + "/sidecar/" + name;
        EXPECT_FALSE(exporter::options_from_sidecar(f, opt, warns, &p)) << name;
        EXPECT_EQ(p.file, f);
        EXPECT_NE(p.why.find("view"), std::string::npos) << p.why;
    }
    exporter::ExportOptions opt;
    Problem p;
    opt.state.view = geo::Box{-1e308, -1e308, 1e308, 1e308};
    EXPECT_FALSE(exporter::view_is_sane(opt, &p));
}

TEST(ExportPair, RecipeRoundTripsThroughThePng) {
    const std::string recipe = R"({"version": 1, "title": "Կիրանց"})";
    const std::string png = exporter::encode_png(std::vector<uint8_t>(16, 200).data(), 2, 2, true);
    const std::string with = exporter::add_png_itxt(png, exporter::kRecipeKey, recipe);
    ASSERT_GT(with.size(), png.size());
    std::string back;
    ASSERT_TRUE(exporter::find_png_itxt(with, exporter::kRecipeKey, back));
    EXPECT_EQ(back, recipe);
    EXPECT_FALSE(exporter::find_png_itxt(png, exporter::kRecipeKey, back));
    std::string damaged = with;
    damaged[damaged.size() - 20] ^= 1;  // inside the iTXt chunk: CRC fails
    EXPECT_FALSE(exporter::find_png_itxt(damaged, exporter::kRecipeKey, back));
    EXPECT_FALSE(exporter::find_png_itxt(with.substr(0, with.size() / 2), exporter::kRecipeKey,
                                         back));  // truncated
}

TEST(ExportPair, StaleSidecarIsRefusedThePngStillReproduces) {
    const std::string dir = scratch("pair");
    const std::string png = exporter::encode_png(std::vector<uint8_t>(16, 9).data(), 2, 2, true);
    ASSERT_TRUE(exporter::write_export_pair(dir + "/out.png", png,
                                            R"({"version": 1, "image": "out.png", "n": 1})"
                                            "\n",
                                            nullptr));
    std::string json;
    Problems warns;
    Problem p;
    EXPECT_TRUE(exporter::read_recipe(dir + "/out.json", json, warns, &p)) << p.to_string();
    const std::string old_sidecar = slurp(dir + "/out.json");
    // Interrupted between the two files: a new PNG beside the old sidecar.
    ASSERT_TRUE(exporter::write_export_pair(dir + "/out.png", png,
                                            R"({"version": 1, "image": "out.png", "n": 2})"
                                            "\n",
                                            nullptr));
    write_file_atomic(dir + "/out.json", old_sidecar);
    EXPECT_FALSE(exporter::read_recipe(dir + "/out.json", json, warns, &p));
    EXPECT_NE(p.why.find("--from " + dir + "/out.png"), std::string::npos) << p.why;
    ASSERT_TRUE(exporter::read_recipe(dir + "/out.png", json, warns, &p)) << p.to_string();
    EXPECT_NE(json.find("\"n\": 2"), std::string::npos) << json;
}

TEST(ExportPair, LeftoverTemporaryFilesAreRemoved) {
    const std::string dir = scratch("litter");
    write_file_atomic(dir + "/out.png.tmp-AbC123", "x");
    write_file_atomic(dir + "/out.json.tmp-ZyX987", "x");
    write_file_atomic(dir + "/other.png.tmp-AbC123", "x");
    const std::string png = exporter::encode_png(std::vector<uint8_t>(16, 9).data(), 2, 2, true);
    ASSERT_TRUE(exporter::write_export_pair(dir + "/out.png", png, "{\"version\": 1}\n", nullptr));
    EXPECT_FALSE(fs::exists(dir + "/out.png.tmp-AbC123"));
    EXPECT_FALSE(fs::exists(dir + "/out.json.tmp-ZyX987"));
    EXPECT_TRUE(fs::exists(dir + "/other.png.tmp-AbC123"));  // not ours
}
