#pragma once
// One window's routing: ImGui panels, map input (pan, zoom, and hover and click, which the
// document's Controller interprets), and the session file. What a click, a selection or a
// passage means, and the fly-to animation, are in document/controller.h. The GLFW/ImGui set-up
// and the frame loop are in window_app.cpp.
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/intake.h"
#include "document/controller.h"
#include "document/document.h"
#include "document/session.h"
#include "export/map_furniture.h"
#include "render/labels.h"
#include "render/map_renderer.h"
#include "ui/export_dialog.h"
#include "ui/menu_bar.h"
#include "ui/paste_dialog.h"
#include "ui/path_dialog.h"
#include "ui/state.h"

namespace bm::app {

// The last part of a path ("news" for "/data/news/"), and "Importing 3 dropped items".
std::string short_name(const std::string& path);
std::string dropped_label(const std::vector<std::string>& paths);

// A key press as GLFW reported it (queued by window_app's key callback: ImGui 1.86 drops a press
// and release that arrive between two frames, as scripted input and fast typists produce).
struct KeyPress {
    int key = 0;   // GLFW_KEY_*
    int mods = 0;  // GLFW_MOD_*
};

struct FrameInput {
    std::vector<KeyPress> keys;
    int window_w = 0, window_h = 0;  // logical (window) pixels
    int fb_w = 0, fb_h = 0;          // framebuffer pixels
    float pixel_ratio = 1;
    double mouse_x = 0, mouse_y = 0;   // window pixels
    double time = 0;                   // seconds
    std::vector<std::string> dropped;  // files and folders dropped on the window this frame
};

class App {
  public:
    App(Document& doc, render::MapRenderer& renderer, render::LabelRenderer* labels,
        std::string session_path);

    // Restores view, selection, layers and filters from the session file if it exists and
    // can be read; reports why not otherwise. Call once before the first frame.
    void restore_session();

    // Lays out and handles one frame: ImGui windows (call between ImGui::NewFrame and
    // ImGui::Render), map input and state. Returns the map's rectangle in framebuffer pixels.
    render::PixelRect update(const FrameInput& in);
    // Draws the map (after update, before the ImGui draw data). `first` draws directly.
    void draw_map(const FrameInput& in, bool first);
    // Writes the session file if the state changed (atomically).
    void save_session_if_changed(bool force = false);

    bool quit_requested() const { return menu_.quit; }
    // Something changed this frame that ImGui shows only in a later one (a tab selected, a
    // scroll, a focus): draw again without waiting for input.
    bool wants_another_frame() const { return more_frames_ > 0; }
    // Keys typed after Ctrl+F wait until the search box has the focus (ImGui gives it a frame
    // or two later, and drops characters typed while no text field is active).
    bool holds_keys() const { return hold_keys_ > 0; }

    // A workspace to (re)load: after File → New/Open/Recent, or an import into it. The window
    // saves this App's session, loads the document again with `workspace`, and makes a new App
    // that calls restore_session() and then after_reload() with what the import reported.
    struct Reload {
        std::string workspace;
        Problems problems;
        std::string message;  // for the status bar: "3 articles imported, ..."
    };
    std::optional<Reload> take_reload();
    void after_reload(Problems problems, const std::string& message);
    bool animating() const { return ctl_.animating(); }
    // An import runs: the window wakes often enough to move its bar without input.
    bool working() const { return intake_->busy(); }
    Document& doc() { return doc_; }
    ui::State& state() { return st_; }
    Controller& controller() { return ctl_; }
    // The imports in progress and the watched folders: handed from one App to the next when
    // the window reloads, so they go on across it.
    std::shared_ptr<Intake> intake() const { return intake_; }
    void adopt_intake(std::shared_ptr<Intake> i) { intake_ = std::move(i); }

  private:
    void handle_map_input(const FrameInput& in);
    void apply(const ui::Requests& req);
    void select(PlaceId place, bool fly);  // and show the Passages tab
    void fit_box_now(const geo::Box& box);
    void draw_tooltip();
    void sync_renderer();
    void run_export();
    void poll_save_dialog();
    // File menu: workspaces and imports (app_workspace.cpp).
    void handle_workspace_menu(const FrameInput& in);
    void open_path_form(ui::PathForm::Kind kind);
    void note_recent(const std::string& path);
    // Imports in the background, drops, paste, watched folders (app_intake.cpp).
    void handle_intake(const FrameInput& in);
    void submit_import(store::ImportJob::Request r, std::string label);
    void open_paste_form();
    void watch_folder(ui::PathForm& form);
    void save_as(ui::PathForm& form);
    void arm_watches();  // the workspace's watched folders (app_intake.cpp)
    void accept_paste();

    Document& doc_;
    render::MapRenderer& renderer_;
    render::LabelRenderer* labels_;
    ui::ExportForm export_form_;
    bool export_pending_ = false;
    std::string session_path_;
    ui::State st_;
    Controller ctl_;  // changes st_ (its Interaction part)
    ui::MenuActions menu_;
    bool show_legend_ = false;          // the map's legend and scale bar (View menu, session)
    exporter::MapFurniture furniture_;  // made when first shown
    bool furniture_tried_ = false, furniture_ok_ = false;
    render::PixelRect rect_;  // map rectangle, framebuffer pixels
    float ratio_ = 1;
    int window_w_ = 0, window_h_ = 0;
    // Panel widths the user dragged with the splitters (logical pixels); 0: the default.
    float left_w_ = 0, right_w_ = 0;
    bool left_collapsed_ = false, right_collapsed_ = false;  // folded to a strip
    int more_frames_ = 0;
    int hold_keys_ = 0;  // frames left to keep keys queued
    std::string dialog_;
    bool modal_at_start_ = false;
    std::string crs_def_, crs_brief_;  // the status bar's projection, computed once  // the modal
                                       // open at the end of the last frame ("export", "about")
    std::optional<std::future<std::optional<std::string>>> save_dialog_;
    double time_ = 0;

    // Mouse on the map: press position for click-versus-drag, last position for panning.
    bool pressed_on_map_ = false, dragging_ = false;
    double press_x_ = 0, press_y_ = 0, last_x_ = 0, last_y_ = 0;
    std::optional<geo::Box> pending_view_;
    bool view_initialised_ = false;  // from the session, applied once the rect is known
    std::optional<Session> restored_;
    std::vector<std::string> recent_;  // workspaces, most recent first (in the session file)
    ui::PathForm path_form_;
    std::optional<Reload> reload_;
    std::shared_ptr<Intake> intake_ = std::make_shared<Intake>();
    ui::PasteForm paste_form_;
    bool watches_armed_ = false;
    size_t job_problems_ = 0;  // found by the running import so far

    std::string last_saved_;
    double last_save_time_ = -1, last_check_time_ = -1;
    std::string status_message_;
    double status_until_ = 0;
};

}  // namespace bm::app
