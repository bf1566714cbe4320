#pragma once
// An import off the window's thread (File → Import articles…, Add layer…, files dropped on the
// window, a pasted article, a watched folder): its own connection to the workspace (the
// window keeps writing its view state through its own; SQLite's locking orders the two), the
// progress for a bar, Cancel, and the problems as they are found. It never touches the
// window's Document: the window loads the workspace again when the job is done and swaps the
// result in on its own thread.
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/problem.h"
#include "store/import.h"
#include "store/workspace.h"

namespace bm::store {

class ImportJob {
  public:
    struct Request {
        std::string workspace;  // the file; created when missing
        std::vector<std::string> paths;
        ImportAs as = ImportAs::Any;
        std::vector<ArticleInput> articles;  // given whole (a pasted article), after `paths`
        size_t batch_files = 10;             // files per transaction
        bool empty_folder_ok = false;        // a watched folder may hold nothing yet
        // Waits this long before each file: only for tests that must see a long import.
        std::chrono::milliseconds item_delay{0};
    };
    struct Progress {
        size_t done = 0, total = 0;
        std::string current;  // the file being read
    };

    explicit ImportJob(Request request);  // starts the thread
    ~ImportJob();                         // cancels and waits for it
    ImportJob(const ImportJob&) = delete;
    ImportJob& operator=(const ImportJob&) = delete;

    Progress progress() const;
    // The problems found since the last call.
    Problems take_problems();
    // Stops before the next file; what was read is committed, the rest not begun.
    void cancel() { cancel_ = true; }
    bool cancelling() const { return cancel_; }
    bool finished() const { return finished_; }
    // Once finished(): what the import did (its problems are also given by take_problems).
    const ImportSummary& summary() const { return summary_; }
    const Request& request() const { return request_; }

  private:
    void run();

    Request request_;
    std::atomic<bool> cancel_{false}, finished_{false};
    mutable std::mutex mutex_;  // guards progress_ and problems_
    Progress progress_;
    Problems problems_;
    ImportSummary summary_;  // written by the thread before finished_
    std::thread thread_;
};

}  // namespace bm::store
