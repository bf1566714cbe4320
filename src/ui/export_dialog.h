#pragma once
// File → Export image: the form. The app renders and writes the image (panels draw no GL).
#include <string>

namespace bm::ui {

struct ExportForm {
    bool open = false;
    std::string path;
    std::string title = "Armenia and Azerbaijan";
    std::string subtitle;  // "" = today's date
    int size_preset = 1;   // 0 current view, 1 1920x1080, 2 3840x2160, 3 custom
    int width = 1920, height = 1080;
    int scale = 2;
    bool current_view = true;
    bool include_selection = true;
    std::string last_result;  // shown under the buttons
};

// Draws the modal when `form.open`; returns true when the user pressed Export.
bool draw_export_dialog(ExportForm& form, const std::string& selected_name, int view_w, int view_h);

}  // namespace bm::ui
