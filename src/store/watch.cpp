#include "store/watch.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "corpus/formats/format.h"

namespace bm::store {

namespace {
constexpr uint32_t kMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE_SELF;
constexpr int kQuietMs = 200;  // a batch is handed over after this long without events
}  // namespace

FolderWatcher::FolderWatcher(std::string folder, std::function<void()> wake, Problems& problems)
    : folder_(std::move(folder)), wake_(std::move(wake)) {
    std::error_code ec;
    if (!std::filesystem::is_directory(folder_, ec)) {
        problems.push_back(error("watch folder", folder_, "", "not a folder (missing or moved?)",
                                 Problem::Code::NotFound));
        return;
    }
    fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    stop_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (fd_ < 0 || stop_fd_ < 0) {
        problems.push_back(
            error("watch folder", folder_, "", std::string("inotify: ") + std::strerror(errno)));
        if (fd_ >= 0) close(fd_);
        fd_ = -1;
        return;
    }
    add_tree(folder_, false);
    if (dirs_.empty()) {
        problems.push_back(error("watch folder", folder_, "",
                                 std::string("cannot watch it: ") + std::strerror(errno)));
        close(fd_);
        fd_ = -1;
        return;
    }
    thread_ = std::thread([this] { run(); });
}

FolderWatcher::~FolderWatcher() {
    if (thread_.joinable()) {
        const uint64_t one = 1;
        (void)!write(stop_fd_, &one, sizeof one);
        thread_.join();
    }
    if (fd_ >= 0) close(fd_);
    if (stop_fd_ >= 0) close(stop_fd_);
}

// Watches `dir` and the folders under it; with `collect`, their article files are changes (a
// folder moved or copied in arrives whole before its watch exists).
void FolderWatcher::add_tree(const std::string& dir, bool collect) {
    const int wd = inotify_add_watch(fd_, dir.c_str(), kMask | IN_ONLYDIR);
    if (wd < 0) return;
    dirs_.emplace_back(wd, dir);
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator(dir, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
        if (it->is_symlink(ec)) continue;
        if (it->is_directory(ec))
            add_tree(it->path().string(), collect);
        else if (collect && corpus::formats::is_article_file(it->path().string()))
            pending_.insert(it->path().string());
    }
}

void FolderWatcher::run() {
    using Clock = std::chrono::steady_clock;
    Clock::time_point last_event{};
    alignas(inotify_event) char buf[8192];
    for (;;) {
        pollfd fds[2] = {{fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
        bool have_pending;
        {
            std::lock_guard lock(mutex_);
            have_pending = !pending_.empty();
        }
        const int n = ::poll(fds, 2, have_pending ? kQuietMs / 4 : -1);
        if (n < 0 && errno != EINTR) return;
        if (fds[1].revents) return;
        if (n > 0 && (fds[0].revents & POLLIN)) {
            for (;;) {
                const ssize_t len = read(fd_, buf, sizeof buf);
                if (len <= 0) break;
                std::lock_guard lock(mutex_);
                for (ssize_t at = 0; at < len;) {
                    const auto* e = reinterpret_cast<const inotify_event*>(buf + at);
                    at += ssize_t(sizeof(inotify_event) + e->len);
                    auto d = std::find_if(dirs_.begin(), dirs_.end(),
                                          [&](const auto& p) { return p.first == e->wd; });
                    if (d == dirs_.end()) continue;
                    if (e->mask & (IN_DELETE_SELF | IN_IGNORED)) {
                        dirs_.erase(d);
                        continue;
                    }
                    if (!e->len) continue;
                    const std::string path = d->second + "/" + e->name;
                    if (e->mask & IN_ISDIR) {
                        if (e->mask & (IN_CREATE | IN_MOVED_TO)) add_tree(path, true);
                    } else if ((e->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) &&
                               corpus::formats::is_article_file(path)) {
                        pending_.insert(path);
                    }
                }
                last_event = Clock::now();
            }
        }
        bool handed = false;
        {
            std::lock_guard lock(mutex_);
            if (!pending_.empty() &&
                Clock::now() - last_event >= std::chrono::milliseconds(kQuietMs)) {
                ready_.insert(pending_.begin(), pending_.end());
                pending_.clear();
                handed = true;
            }
        }
        if (handed && wake_) wake_();
    }
}

std::vector<std::string> FolderWatcher::take_changed() {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out(ready_.begin(), ready_.end());
    ready_.clear();
    return out;
}

}  // namespace bm::store
