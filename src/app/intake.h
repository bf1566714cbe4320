#pragma once
// What brings material into the workspace while the window runs, kept across the window's
// reloads (an App lasts one document; this outlives it): imports on a worker thread, one at a
// time in the order asked, with progress and Cancel. The App shows the progress, moves the
// problems into the Problems tab and asks the window to load the workspace again when a job
// has changed it.
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "store/import_job.h"
#include "store/watch.h"

namespace bm::app {

class Intake {
  public:
    // Runs `r` now, or after the running job. `label` says what it is ("Importing news/").
    // BRIEFMAP_IMPORT_DELAY_MS (tests only) slows each file down so a test can see the bar.
    void submit(store::ImportJob::Request r, std::string label);

    struct Finished {
        store::ImportSummary summary;
        std::string workspace, label;
        bool changed = false;  // anything written: the document must be loaded again
    };
    // Each frame: the problems found since the last call (running job), and the job that has
    // finished, if any (the next queued one starts).
    Problems take_problems();
    std::optional<Finished> poll();

    bool busy() const { return job_ != nullptr; }
    size_t queued() const { return queue_.size(); }
    const std::string& label() const { return label_; }
    store::ImportJob::Progress progress() const;
    bool cancelling() const { return job_ && job_->cancelling(); }
    void cancel();  // the running job, and what waits behind it
    // "running 3/40", "done 40/40", "done 12/40 cancelled": the session's test-facing extra,
    // kept across reloads.
    std::string fact;

    // The watched folders of `workspace`: starts those not watched yet, each with an import of
    // what it holds now (files that came while briefmap was closed; unchanged ones cost a read
    // and nothing else), and stops those of another workspace. `wake` is called from a
    // watcher's thread when files arrive.
    void arm(const std::string& workspace, const std::vector<std::string>& folders,
             const std::function<void()>& wake, Problems& problems);
    // Each frame: an import of the files the watchers found since.
    void pump();
    std::vector<std::string> watched() const;

  private:
    void start_next();
    struct Queued {
        store::ImportJob::Request request;
        std::string label;
    };
    std::deque<Queued> queue_;
    std::unique_ptr<store::ImportJob> job_;
    std::string label_;
    std::string watch_workspace_;
    std::vector<std::unique_ptr<store::FolderWatcher>> watchers_;
};

}  // namespace bm::app
