// Getting material in while the window runs: imports on a worker thread with the progress bar
// and Cancel (app/intake.h, store/import_job.h), their problems into the Problems tab as they
// are found, and the reload (window_app) once a job has changed the workspace.
#include "app/app.h"
// clang-format off
#include <GLFW/glfw3.h>
// clang-format on
#include <imgui.h>

#include <filesystem>

#include "store/import.h"
#include "ui/import_progress.h"

namespace bm::app {

void App::submit_import(store::ImportJob::Request r, std::string label) {
    intake_->submit(std::move(r), std::move(label));
}

void App::open_paste_form() {
    const char* clip = ImGui::GetClipboardText();  // GLFW's: the desktop's CLIPBOARD
    paste_form_ = {};
    paste_form_.open = true;
    paste_form_.fields = corpus::guess_pasted(clip ? clip : "");
    paste_form_.ask_workspace = !doc_.workspace || doc_.workspace->read_only();
    paste_form_.workspace = store::default_workspace_path();
}

void App::accept_paste() {
    ui::PasteForm& f = paste_form_;
    corpus::Article a = corpus::pasted_article(f.fields);
    if (a.title.empty()) {
        f.message = "Give the article a title.";
        return;
    }
    if (a.paragraphs.empty()) {
        f.message = "There is no text to import.";
        return;
    }
    if (!f.fields.date.empty() && a.date.empty()) {
        f.message =
            "\"" + f.fields.date + "\" is not a date briefmap reads (2023-12-08, 8 December 2023).";
        return;
    }
    std::string target;
    if (f.ask_workspace) {
        Problem err;
        if (!store::open_workspace(f.workspace, store::OpenMode::Create, &err)) {
            f.message = err.to_string();
            return;
        }
        target = f.workspace;
    } else {
        target = doc_.workspace->location();
    }
    // Its own origin, so that two pasted articles are never taken for one file's positions.
    store::ArticleInput in;
    in.origin = "clipboard:" + store::content_hash(a).substr(0, 16);
    in.article = std::move(a);
    store::ImportJob::Request r;
    r.workspace = target;
    r.articles.push_back(std::move(in));
    submit_import(std::move(r), "Importing the pasted article");
    f.open = false;
}

void App::arm_watches() {
    watches_armed_ = true;
    if (!doc_.workspace || doc_.workspace->read_only()) return;
    std::vector<std::string> folders;
    Problems ps;
    for (const auto& s : doc_.workspace->sources(ps))
        if (s.kind == store::Source::Kind::Watched) folders.push_back(s.path);
    intake_->arm(
        doc_.workspace->location(), folders, [] { glfwPostEmptyEvent(); }, ps);
    for (auto& p : ps) doc_.problems.push_back(std::move(p));
}

void App::handle_intake(const FrameInput& in) {
    if (!watches_armed_) arm_watches();
    intake_->pump();
    // Ctrl+V outside a text field (in one, ImGui pastes into it).
    bool paste = menu_.paste_article;
    for (const KeyPress& k : in.keys)
        paste |= k.key == GLFW_KEY_V && (k.mods & GLFW_MOD_CONTROL) &&
                 !ImGui::GetIO().WantTextInput && !paste_form_.open && !path_form_.open;
    if (paste) open_paste_form();
    ui::draw_paste_dialog(paste_form_, st_);
    if (paste_form_.accepted) accept_paste();
    if (!in.dropped.empty()) {
        // Dropped files and folders: into the open workspace at once, decided by what each is
        // (store::ImportAs::Any, as `briefmap import`); without one, the form asks where.
        if (doc_.workspace && !doc_.workspace->read_only()) {
            store::ImportJob::Request r;
            r.workspace = doc_.workspace->location();
            r.paths = in.dropped;
            r.as = store::ImportAs::Any;
            submit_import(std::move(r), dropped_label(in.dropped));
        } else {
            open_path_form(ui::PathForm::Kind::ImportArticles);
            path_form_.dropped = in.dropped;
        }
    }
    for (auto& p : intake_->take_problems()) {
        doc_.problems.push_back(std::move(p));
        ++job_problems_;
    }
    if (auto done = intake_->poll()) {
        job_problems_ = 0;
        const store::ImportSummary& s = done->summary;
        std::string msg = store::describe(s);
        if (s.cancelled)
            msg = "Import cancelled after " + std::to_string(s.files) + " of " +
                  std::to_string(s.items) + " files: " + msg;
        if (done->changed && !reload_) {
            // The document is loaded again from the workspace (off this thread) and swapped in
            // by window_app; this App's problems go with it.
            reload_ = Reload{done->workspace, s.problems, msg};
        } else {
            status_message_ = s.cancelled || done->changed ? msg
                              : s.problems.empty()
                                  ? "Nothing new: " + msg
                                  : "Nothing imported: " + s.problems.front().to_string();
            if (!s.problems.empty()) status_message_ += " (see the Problems tab)";
            status_until_ = time_ + 10;
        }
        intake_->fact = "done " + std::to_string(s.files) + "/" + std::to_string(s.items) +
                        (s.cancelled ? " cancelled" : "");
    }
    if (!intake_->busy()) return;
    const auto p = intake_->progress();
    ui::ImportProgressView v;
    v.label = intake_->label();
    v.done = p.done;
    v.total = p.total;
    v.current = p.current;
    v.queued = intake_->queued();
    v.problems = job_problems_;
    v.cancelling = intake_->cancelling();
    intake_->fact = "running " + std::to_string(p.done) + "/" + std::to_string(p.total);
    if (ui::draw_import_progress(v, float(rect_.x) / ratio_, float(rect_.y + rect_.height) / ratio_,
                                 float(rect_.width) / ratio_, st_))
        intake_->cancel();
}

}  // namespace bm::app
