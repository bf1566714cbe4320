#pragma once
#include <string>
#include <vector>
namespace bm::ui {
struct MenuActions {
    // File → New workspace…, Open workspace…, Recent, Import articles…, Add layer…
    bool new_workspace = false, open_workspace = false, import_articles = false, add_layer = false;
    bool save_as = false;             // File → Save workspace as… (enabled when one is open)
    bool can_save_as = false;         // set by the caller
    bool paste_article = false;       // File → Paste article (Ctrl+V)
    bool watch_folder = false;        // File → Watch folder…
    std::vector<std::string> recent;  // set by the caller: workspaces, most recent first
    int open_recent = -1;             // the one chosen this frame
    bool reset_view = false, zoom_in = false, zoom_out = false, quit = false, export_image = false;
    bool back = false, forward = false;              // through the selection history
    bool can_back = false, can_forward = false;      // set by the caller before drawing
    bool toggle_left = false, toggle_right = false;  // fold or unfold a side panel
    bool left_shown = true, right_shown = true;      // set by the caller before drawing
    bool legend = false;  // View > Legend and scale bar: in, whether shown; out, as toggled
};
// Draws the main menu bar; returns its height in ImGui (logical) pixels.
float draw_menu_bar(MenuActions& actions);
}  // namespace bm::ui
