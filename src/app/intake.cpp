#include "app/intake.h"

#include <cstdlib>

namespace bm::app {

void Intake::submit(store::ImportJob::Request r, std::string label) {
    if (const char* d = std::getenv("BRIEFMAP_IMPORT_DELAY_MS"))
        r.item_delay = std::chrono::milliseconds(std::atoi(d));
    queue_.push_back({std::move(r), std::move(label)});
    if (!job_) start_next();
}

void Intake::start_next() {
    if (queue_.empty()) return;
    Queued q = std::move(queue_.front());
    queue_.pop_front();
    label_ = std::move(q.label);
    job_ = std::make_unique<store::ImportJob>(std::move(q.request));
}

Problems Intake::take_problems() {
    return job_ ? job_->take_problems() : Problems{};
}

std::optional<Intake::Finished> Intake::poll() {
    if (!job_ || !job_->finished()) return std::nullopt;
    Finished f;
    f.summary = job_->summary();
    f.workspace = job_->request().workspace;
    f.label = label_;
    const store::ChangeResult& r = f.summary.result;
    f.changed = r.imported + r.updated + r.removed + r.sources_added > 0;
    job_.reset();  // joins the finished thread
    start_next();
    return f;
}

store::ImportJob::Progress Intake::progress() const {
    return job_ ? job_->progress() : store::ImportJob::Progress{};
}

void Intake::cancel() {
    queue_.clear();
    if (job_) job_->cancel();
}

}  // namespace bm::app
