// Source URLs are opened without a shell, http/https only.
#include "common/open_url.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

using bm::is_safe_web_url;

TEST(OpenUrl, AcceptsOrdinaryWebLinks) {
    EXPECT_TRUE(is_safe_web_url("https://www.foreignaffairs.com/armenia/armenia-under-gun"));
    EXPECT_TRUE(is_safe_web_url("http://example.org/a?b=c&d=e#f"));
    EXPECT_TRUE(is_safe_web_url("HTTPS://EXAMPLE.ORG/"));
}

TEST(OpenUrl, RefusesHostileLinks) {
    for (const char* url :
         {"file:///etc/passwd", "javascript:alert(1)", "data:text/html,<b>x</b>",
          "ftp://example.org/", "https://example.org/$(touch /tmp/pwned)`x`",
          "https://example.org/a b", "https://example.org/\nrm -rf /", "https://ex'ample.org",
          "--help", "-e https://example.org", "https:///nohost", "http://", "mailto:a@b.c",
          "  https://example.org", "https://example.org/\x01"}) {
        std::string why;
        EXPECT_FALSE(is_safe_web_url(url, &why)) << url;
        EXPECT_FALSE(why.empty()) << url;
    }
}

TEST(OpenUrl, SpawnsTheOpenerWithTheUrlAsOneArgumentAndNoShell) {
    namespace fs = std::filesystem;
    fs::path dir = fs::path(BRIEFMAP_TEST_OUTPUT_DIR) / "open_url";
    fs::create_directories(dir);
    fs::path log = dir / "argv.txt";
    fs::remove(log);
    fs::path opener = dir / "fake-opener";
    {
        std::ofstream f(opener);
        f << "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" << log.string()
          << "'\n";
    }
    fs::permissions(opener, fs::perms::owner_all);
    const std::string url = "https://example.org/a?x=1&y=$HOME;echo";
    std::string why;
    ASSERT_TRUE(bm::open_url(url, &why, opener.c_str())) << why;
    for (int i = 0; i < 100 && !fs::exists(log); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::ifstream in(log);
    std::string line, all;
    int lines = 0;
    while (std::getline(in, line)) all = line, ++lines;
    EXPECT_EQ(lines, 1);
    EXPECT_EQ(all, url);  // passed verbatim: $HOME not expanded, ; not a command separator
    EXPECT_FALSE(bm::open_url("javascript:alert(1)", &why, opener.c_str()));
}
