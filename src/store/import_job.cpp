#include "store/import_job.h"

namespace bm::store {

ImportJob::ImportJob(Request request) : request_(std::move(request)) {
    thread_ = std::thread([this] { run(); });
}

ImportJob::~ImportJob() {
    cancel_ = true;
    if (thread_.joinable()) thread_.join();
}

ImportJob::Progress ImportJob::progress() const {
    std::lock_guard lock(mutex_);
    return progress_;
}

Problems ImportJob::take_problems() {
    std::lock_guard lock(mutex_);
    Problems out;
    out.swap(problems_);
    return out;
}

void ImportJob::run() {
    ImportSummary s;
    Problem err;
    auto ws = open_workspace(request_.workspace, OpenMode::Create, &err);
    if (!ws) {
        s.problems.push_back(err);
        std::lock_guard lock(mutex_);
        problems_.push_back(err);
    } else {
        ImportControl control;
        control.batch_files = request_.batch_files;
        control.empty_folder_ok = request_.empty_folder_ok;
        control.cancel = &cancel_;
        control.progress = [this](size_t done, size_t total, const std::string& current) {
            {
                std::lock_guard lock(mutex_);
                progress_ = {done, total, current};
            }
            if (request_.item_delay.count() > 0 && done < total)
                std::this_thread::sleep_for(request_.item_delay);
        };
        control.problem = [this](const Problem& p) {
            std::lock_guard lock(mutex_);
            problems_.push_back(p);
        };
        if (!request_.paths.empty()) s = import_paths(*ws, request_.paths, request_.as, &control);
        if (!request_.articles.empty() && !cancel_) {
            ImportSummary a = import_articles(*ws, std::move(request_.articles));
            {
                std::lock_guard lock(mutex_);
                problems_.insert(problems_.end(), a.problems.begin(), a.problems.end());
            }
            s.problems.insert(s.problems.end(), a.problems.begin(), a.problems.end());
            s.result.imported += a.result.imported;
            s.result.updated += a.result.updated;
            s.result.unchanged += a.result.unchanged;
            s.committed = a.committed && (request_.paths.empty() || s.committed);
        }
    }
    summary_ = std::move(s);
    finished_ = true;
}

}  // namespace bm::store
