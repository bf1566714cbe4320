// write_file_atomic under SIGKILL: a child process rewrites a large file in a loop and is killed
// at varying moments; afterwards the target must hold either the old content or one complete new
// version, never a mix or a prefix, and the temporary files left behind must not be taken for it.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "common/atomic_file.h"
#include "document/session.h"

using namespace bm;
namespace fs = std::filesystem;

namespace {

const std::string kDir = std::string(BRIEFMAP_TEST_OUTPUT_DIR) + "/atomic_write";
constexpr size_t kSize = 4u << 20;  // large enough that a write takes a while

// Version k: a header line, then kSize bytes of one letter, then a trailer.
std::string version(int k) {
    std::string s = "version " + std::to_string(k) + "\n";
    s.append(kSize, char('a' + k % 26));
    s += "\nend " + std::to_string(k) + "\n";
    return s;
}

// The version number `bytes` is a complete copy of, or -1.
int which_version(const std::string& bytes) {
    if (!bytes.starts_with("version ")) return -1;
    const int k = std::atoi(bytes.c_str() + 8);
    return bytes == version(k) ? k : -1;
}

}  // namespace

TEST(AtomicWrite, SigkillMidWriteLeavesOldOrNewNeverPartial) {
    // Each test has its own folder: ctest runs them in parallel.
    const std::string dir = kDir + "/sigkill";
    std::error_code ec;
    fs::remove_all(dir, ec);
    fs::create_directories(dir);
    const std::string target = dir + "/target.bin";
    ASSERT_TRUE(write_file_atomic(target, version(0)));

    int seen_old = 0, seen_new = 0;
    for (int round = 0; round < 12; ++round) {
        const pid_t pid = fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            // Child: rewrite forever with growing version numbers; only SIGKILL ends it.
            for (int k = 1;; ++k) write_file_atomic(target, version(k));
        }
        // Kill at a different point of the write/fsync/rename cycle each round.
        usleep(useconds_t(2000 + round * 7919 % 60000));
        ASSERT_EQ(kill(pid, SIGKILL), 0);
        int status = 0;
        ASSERT_EQ(waitpid(pid, &status, 0), pid);
        ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

        std::string bytes;
        ASSERT_TRUE(read_file(target, bytes));
        const int k = which_version(bytes);
        ASSERT_GE(k, 0) << "round " << round << ": target is partial or mixed (" << bytes.size()
                        << " bytes)";
        (k == 0 ? seen_old : seen_new)++;
        // Start the next round from a known old version.
        ASSERT_TRUE(write_file_atomic(target, version(0)));
    }
    // Leftovers of killed writes are named target.bin.tmp-XXXXXX, never target.bin itself.
    int temps = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (name == "target.bin") continue;
        EXPECT_TRUE(name.starts_with("target.bin.tmp-")) << name;
        ++temps;
    }
    RecordProperty("old_after_kill", seen_old);
    RecordProperty("new_after_kill", seen_new);
    RecordProperty("temp_files_left", temps);
    EXPECT_EQ(seen_old + seen_new, 12);
}

TEST(AtomicWrite, SessionSurvivesAKilledSave) {
    std::error_code ec;
    const std::string dir = kDir + "/session";
    fs::remove_all(dir, ec);
    fs::create_directories(dir);
    const std::string path = dir + "/session.json";
    Session old;
    old.crs = "EPSG:3857";
    old.state.selected = "jermuk";
    ASSERT_TRUE(save_session(path, old, nullptr));

    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        Session s;
        s.crs = "EPSG:3857";
        s.search = std::string(8u << 20, 'x');  // a big session: the write takes a while
        for (;;) save_session(path, s, nullptr);
    }
    usleep(30000);
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);

    Session back;
    Problem p;
    ASSERT_TRUE(load_session(path, back, &p)) << p.to_string();
    EXPECT_EQ(back.crs, "EPSG:3857");
    // Either the old session or a complete new one.
    EXPECT_TRUE((back.state.selected == "jermuk" && back.search.empty()) ||
                (back.state.selected.empty() && back.search.size() == (8u << 20)));
}
