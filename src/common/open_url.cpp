#include "common/open_url.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <ctime>

extern char** environ;

namespace bm {

bool is_safe_web_url(std::string_view url, std::string* why) {
    auto no = [&](const char* reason) {
        if (why) *why = reason;
        return false;
    };
    if (url.size() > 4096) return no("URL is too long");
    for (unsigned char c : url)
        if (c <= 0x20 || c == 0x7f || c == '"' || c == '\'' || c == '\\' || c == '`' || c == '<' ||
            c == '>')
            return no("URL contains whitespace, control characters or quotes");
    std::string lower;
    for (size_t i = 0; i < url.size() && i < 8; ++i)
        lower += char(std::tolower((unsigned char)url[i]));
    size_t rest;
    if (lower.rfind("https://", 0) == 0)
        rest = 8;
    else if (lower.rfind("http://", 0) == 0)
        rest = 7;
    else
        return no("only http and https links are opened");
    if (rest >= url.size() || url[rest] == '/' || url[rest] == '@' || url[rest] == ':')
        return no("URL has no host");
    return true;
}

bool open_url(const std::string& url, std::string* why, const char* opener) {
    if (!is_safe_web_url(url, why)) return false;
    // argv[1] is the URL itself: it starts with "http", so it cannot be taken for an option.
    std::string prog = opener;
    char* argv[] = {prog.data(), const_cast<char*>(url.c_str()), nullptr};
    pid_t pid = 0;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    int rc = posix_spawnp(&pid, prog.c_str(), &fa, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        if (why) *why = "cannot start " + prog + ": " + std::strerror(rc);
        return false;
    }
    // Reap it without blocking the UI: xdg-open returns quickly after handing off.
    for (int i = 0; i < 50; ++i) {
        int status = 0;
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid || r < 0) break;
        struct timespec ts {
            0, 10 * 1000 * 1000
        };
        nanosleep(&ts, nullptr);
    }
    return true;
}

}  // namespace bm
