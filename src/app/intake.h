#pragma once
// What brings material into the workspace while the window runs, kept across the window's
// reloads (an App lasts one document; this outlives it): imports on a worker thread, one at a
// time in the order asked, with progress and Cancel. The App shows the progress, moves the
// problems into the Problems tab and asks the window to load the workspace again when a job
// has changed it.
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "store/import_job.h"

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

  private:
    void start_next();
    struct Queued {
        store::ImportJob::Request request;
        std::string label;
    };
    std::deque<Queued> queue_;
    std::unique_ptr<store::ImportJob> job_;
    std::string label_;
};

}  // namespace bm::app
