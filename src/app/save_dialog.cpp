#include "app/save_dialog.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>
#include <vector>

extern char** environ;

namespace bm::app {

bool save_dialog_available() {
    const char* path = std::getenv("PATH");
    if (!path) return false;
    std::stringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':'))
        if (!dir.empty() && ::access((dir + "/zenity").c_str(), X_OK) == 0) return true;
    return false;
}

std::future<std::optional<std::string>> run_save_dialog(const std::string& suggested) {
    return std::async(std::launch::async, [suggested]() -> std::optional<std::string> {
        int fd[2];
        if (::pipe(fd) != 0) return std::nullopt;
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
        posix_spawn_file_actions_addclose(&fa, fd[0]);
        posix_spawn_file_actions_addclose(&fa, fd[1]);
        // No shell: the path is one argument whatever it holds.
        const std::string name = "--filename=" + suggested;
        std::vector<std::string> args = {"zenity",
                                         "--file-selection",
                                         "--save",
                                         "--confirm-overwrite",
                                         "--title=Export image",
                                         name,
                                         "--file-filter=PNG images | *.png"};
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        pid_t pid = 0;
        const int rc = posix_spawnp(&pid, "zenity", &fa, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&fa);
        ::close(fd[1]);
        std::string out;
        if (rc == 0) {
            char buf[4096];
            ssize_t n;
            while ((n = ::read(fd[0], buf, sizeof buf)) > 0) out.append(buf, size_t(n));
        }
        ::close(fd[0]);
        if (rc != 0) return std::nullopt;
        int status = 0;
        ::waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;  // cancelled
        while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
        if (out.empty()) return std::nullopt;
        if (out.find('.', out.find_last_of('/') + 1) == std::string::npos) out += ".png";
        return out;
    });
}

}  // namespace bm::app
