#pragma once
// A watched folder (File → Watch folder…): inotify on the folder and its subfolders; article
// files written (closed after writing) or moved into it are collected on a thread and handed
// over once the folder has been quiet for a moment (a copy of many files comes as one batch).
#include <atomic>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "common/problem.h"

namespace bm::store {

class FolderWatcher {
  public:
    // Starts watching `folder`; `wake` is called from the watcher's thread when files are
    // ready (the window posts itself an event). ok() false with the reason in `problems`.
    FolderWatcher(std::string folder, std::function<void()> wake, Problems& problems);
    ~FolderWatcher();
    FolderWatcher(const FolderWatcher&) = delete;
    FolderWatcher& operator=(const FolderWatcher&) = delete;

    bool ok() const { return fd_ >= 0; }
    const std::string& folder() const { return folder_; }
    // The article files that changed and have been quiet since (absolute paths, sorted).
    std::vector<std::string> take_changed();

  private:
    void run();
    void add_tree(const std::string& dir, bool collect);
    std::string folder_;
    std::function<void()> wake_;
    int fd_ = -1, stop_fd_ = -1;
    std::mutex mutex_;
    std::set<std::string> pending_, ready_;
    std::vector<std::pair<int, std::string>> dirs_;  // watch descriptor → folder
    std::thread thread_;
};

}  // namespace bm::store
