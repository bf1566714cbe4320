#include "app/intake.h"

#include <algorithm>
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

void Intake::arm(const std::string& workspace, const std::vector<std::string>& folders,
                 const std::function<void()>& wake, Problems& problems) {
    if (workspace != watch_workspace_) watchers_.clear();
    watch_workspace_ = workspace;
    std::erase_if(watchers_, [&](const auto& w) {
        return std::find(folders.begin(), folders.end(), w->folder()) == folders.end();
    });
    for (const std::string& f : folders) {
        if (std::any_of(watchers_.begin(), watchers_.end(),
                        [&](const auto& w) { return w->folder() == f; }))
            continue;
        auto w = std::make_unique<store::FolderWatcher>(f, wake, problems);
        if (!w->ok()) continue;
        watchers_.push_back(std::move(w));
        store::ImportJob::Request r;
        r.workspace = workspace;
        r.paths = {f};
        r.as = store::ImportAs::Articles;
        r.empty_folder_ok = true;
        submit(std::move(r), "Reading the watched folder " + f);
    }
}

void Intake::pump() {
    for (const auto& w : watchers_) {
        auto files = w->take_changed();
        if (files.empty()) continue;
        store::ImportJob::Request r;
        r.workspace = watch_workspace_;
        r.paths = std::move(files);
        r.as = store::ImportAs::Articles;
        const size_t n = r.paths.size();
        std::string label = n == 1 ? "New in " + w->folder() + ": " +
                                         r.paths[0].substr(r.paths[0].find_last_of('/') + 1)
                                   : std::to_string(n) + " new files in " + w->folder();
        submit(std::move(r), std::move(label));
    }
}

std::vector<std::string> Intake::watched() const {
    std::vector<std::string> out;
    for (const auto& w : watchers_) out.push_back(w->folder());
    return out;
}

void Intake::cancel() {
    queue_.clear();
    if (job_) job_->cancel();
}

}  // namespace bm::app
