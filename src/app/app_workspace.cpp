// File → New workspace…, Open workspace…, Recent, Import articles…, Add layer…: the form
// (ui/path_dialog), the desktop's file chooser when there is one (zenity), the store calls, and
// the reload request that window_app carries out (the document is loaded again from the
// workspace and the renderers get the new scene).
// app.h first: it brings glad, which must come before GLFW.
#include "app/app.h"
// clang-format off
#include <GLFW/glfw3.h>
// clang-format on
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "store/import.h"

namespace bm::app {

namespace {

bool have_zenity() {
    static const bool found = [] {
        if (std::getenv("BRIEFMAP_NO_FILE_CHOOSER")) return false;  // tests: the typed path
        const char* path = std::getenv("PATH");
        std::string p = path ? path : "/usr/bin:/bin";
        for (size_t at = 0; at <= p.size();) {
            size_t end = p.find(':', at);
            if (end == std::string::npos) end = p.size();
            const std::string dir = p.substr(at, end - at);
            if (!dir.empty() && access((dir + "/zenity").c_str(), X_OK) == 0) return true;
            at = end + 1;
        }
        return false;
    }();
    return found;
}

// zenity's answer (one path), or "" when cancelled. Blocks the window while the chooser is up.
std::string run_zenity(const std::string& args) {
    std::string cmd = "zenity --file-selection " + args + " 2>/dev/null";
    FILE* f = popen(cmd.c_str(), "r");
    if (!f) return "";
    std::string out;
    std::array<char, 4096> buf{};
    while (size_t n = fread(buf.data(), 1, buf.size(), f)) out.append(buf.data(), n);
    pclose(f);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

}  // namespace

std::string short_name(const std::string& path) {
    std::string p = path;
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    const auto slash = p.find_last_of('/');
    return slash == std::string::npos ? p : p.substr(slash + 1);
}

std::string dropped_label(const std::vector<std::string>& paths) {
    return paths.size() == 1 ? "Importing " + short_name(paths[0])
                             : "Importing " + std::to_string(paths.size()) + " dropped items";
}

void App::note_recent(const std::string& path) {
    std::error_code ec;
    const std::string abs = std::filesystem::absolute(path, ec).lexically_normal().string();
    const std::string& p = ec ? path : abs;
    std::erase(recent_, p);
    recent_.insert(recent_.begin(), p);
    if (recent_.size() > 8) recent_.resize(8);
}

void App::open_path_form(ui::PathForm::Kind kind) {
    using K = ui::PathForm::Kind;
    path_form_ = {};
    path_form_.kind = kind;
    path_form_.open = true;
    path_form_.can_browse = have_zenity();
    const bool writable = doc_.workspace && !doc_.workspace->read_only();
    path_form_.ask_workspace =
        kind == K::NewWorkspace || kind == K::OpenWorkspace || kind == K::SaveAs || !writable;
    // The first import asks where to keep the workspace, offering the usual place.
    path_form_.workspace = kind == K::OpenWorkspace && !recent_.empty()
                               ? recent_.front()
                               : store::default_workspace_path();
}

void App::handle_workspace_menu(const FrameInput& in) {
    using K = ui::PathForm::Kind;
    if (menu_.new_workspace) open_path_form(K::NewWorkspace);
    if (menu_.open_workspace) open_path_form(K::OpenWorkspace);
    if (menu_.import_articles) open_path_form(K::ImportArticles);
    if (menu_.add_layer) open_path_form(K::AddLayer);
    if (menu_.watch_folder) open_path_form(K::WatchFolder);
    if (menu_.save_as && doc_.workspace) {
        open_path_form(K::SaveAs);
        path_form_.workspace = "";
    }
    if (menu_.open_recent >= 0 && size_t(menu_.open_recent) < recent_.size()) {
        Problem err;
        const std::string path = recent_[size_t(menu_.open_recent)];
        if (store::open_workspace(path, store::OpenMode::ReadWrite, &err) ||
            err.code == Problem::Code::ReadOnly)
            reload_ = Reload{path, {}, "Opened " + path};
        else
            doc_.problems.push_back(err);
    }

    path_form_.enter_pressed = false;
    for (const KeyPress& k : in.keys)
        path_form_.enter_pressed |= k.key == GLFW_KEY_ENTER || k.key == GLFW_KEY_KP_ENTER;
    ui::draw_path_dialog(path_form_);
    ui::PathForm& f = path_form_;
    switch (f.browse) {
        case ui::PathForm::Browse::None:
            break;
        case ui::PathForm::Browse::Workspace:
            if (auto p = run_zenity(f.kind == K::OpenWorkspace
                                        ? "--title='Open workspace' --file-filter='*.gpkg'"
                                        : "--save --confirm-overwrite --title='New workspace'");
                !p.empty())
                f.workspace = p;
            break;
        case ui::PathForm::Browse::File:
            if (auto p = run_zenity("--title='Choose a file'"); !p.empty()) f.path = p;
            break;
        case ui::PathForm::Browse::Folder:
            if (auto p = run_zenity("--directory --title='Choose a folder'"); !p.empty())
                f.path = p;
            break;
    }
    if (!f.accepted) return;

    Problem err;
    const bool importing =
        f.kind == K::ImportArticles || f.kind == K::AddLayer || f.kind == K::WatchFolder;
    if (f.ask_workspace && f.workspace.empty()) {
        f.message = "Give the workspace file's path.";
        return;
    }
    if (importing && f.path.empty() && f.dropped.empty()) {
        f.message = "Give the path of what to import.";
        return;
    }
    if (f.kind == K::NewWorkspace && std::filesystem::exists(f.workspace)) {
        f.message = f.workspace + " exists already: use File → Open workspace… for it.";
        return;
    }
    if (f.kind == K::NewWorkspace || f.kind == K::OpenWorkspace) {
        auto ws = store::open_workspace(
            f.workspace,
            f.kind == K::NewWorkspace ? store::OpenMode::Create : store::OpenMode::ReadWrite, &err);
        if (!ws && !(f.kind == K::OpenWorkspace && err.code == Problem::Code::ReadOnly)) {
            f.message = err.to_string();
            return;
        }
        reload_ = Reload{
            f.workspace, {}, (f.kind == K::NewWorkspace ? "Created " : "Opened ") + f.workspace};
        f.open = false;
        return;
    }
    if (f.kind == K::WatchFolder) {
        watch_folder(f);
        return;
    }
    if (f.kind == K::SaveAs) {
        save_as(f);
        return;
    }
    // Import into the open workspace, or into the one just named (created if missing), on a
    // worker thread: the form closes and the bar over the map shows the progress.
    std::string target;
    if (!f.ask_workspace) {
        target = doc_.workspace->location();
    } else {
        // Checked here, so a path that cannot be a workspace is said in the form.
        if (!store::open_workspace(f.workspace, store::OpenMode::Create, &err)) {
            f.message = err.to_string();
            return;
        }
        target = f.workspace;
    }
    store::ImportJob::Request r;
    r.workspace = target;
    if (!f.dropped.empty()) {
        r.paths = f.dropped;
        r.as = store::ImportAs::Any;
        submit_import(std::move(r), dropped_label(f.dropped));
        f.open = false;
        return;
    }
    r.paths = {f.path};
    r.as = f.kind == K::AddLayer ? store::ImportAs::Layers : store::ImportAs::Articles;
    submit_import(std::move(r),
                  (f.kind == K::AddLayer ? "Adding " : "Importing ") + short_name(f.path));
    f.open = false;
}

// File → Save workspace as…: a copy of the workspace as it is now (the view saved into it
// first), then the window goes on in the copy; the original stays as it was.
void App::save_as(ui::PathForm& f) {
    if (intake_->busy()) {
        f.message = "An import is running into this workspace: wait for it or cancel it first.";
        return;
    }
    std::error_code ec;
    std::string target = std::filesystem::absolute(f.workspace, ec).lexically_normal().string();
    if (ec) target = f.workspace;
    if (target == doc_.workspace->location()) {
        f.message = "That is this workspace's own file: give a new one.";
        return;
    }
    save_session_if_changed(true);
    Problems ps;
    if (!doc_.workspace->save_copy(target, ps)) {
        f.message = ps.empty() ? "Not saved." : ps.front().to_string();
        return;
    }
    reload_ = Reload{target, {}, "Saved as " + target + "; working in it now"};
    f.open = false;
}

// File → Watch folder…: the folder becomes a source of kind watched in the workspace (the one
// open, or the one named, which is then opened), and is watched from now on and whenever the
// workspace opens.
void App::watch_folder(ui::PathForm& f) {
    std::error_code ec;
    const std::string folder = std::filesystem::absolute(f.path, ec).lexically_normal().string();
    std::string dir = ec ? f.path : folder;
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    if (!std::filesystem::is_directory(dir, ec)) {
        f.message = dir + " is not a folder.";
        return;
    }
    Problem err;
    std::shared_ptr<store::Workspace> ws = doc_.workspace;
    if (f.ask_workspace) {
        ws = store::open_workspace(f.workspace, store::OpenMode::Create, &err);
        if (!ws) {
            f.message = err.to_string();
            return;
        }
    }
    store::Change c;
    c.sources.push_back({store::Source::Kind::Watched, dir, "", ""});
    store::ChangeResult r;
    Problems ps;
    if (!ws->apply(c, r, ps)) {
        f.message = ps.empty() ? "The workspace was not written." : ps.front().to_string();
        return;
    }
    f.open = false;
    if (ws != doc_.workspace) {
        reload_ = Reload{ws->location(), {}, "Watching " + dir};
        return;
    }
    arm_watches();
    status_message_ = "Watching " + dir + ": its new article files are imported as they come";
    status_until_ = time_ + 10;
}

std::optional<App::Reload> App::take_reload() {
    auto r = std::move(reload_);
    reload_.reset();
    return r;
}

void App::after_reload(Problems problems, const std::string& message) {
    const bool any = !problems.empty();
    for (auto& p : problems) doc_.problems.push_back(std::move(p));
    status_message_ = message + (any ? " (see the Problems tab)" : "");
    status_until_ = time_ + 10;
}

}  // namespace bm::app
