#pragma once
// File → Export image: the form. The app renders and writes the image (panels draw no GL) and
// runs the desktop's save dialog (zenity) when the form asks for one.
#include <array>
#include <map>
#include <string>

namespace bm::ui {

struct ExportForm {
    bool open = false;
    std::string path;  // default: <working directory or ~>/briefmap-<time>.png
    std::string title = "Armenia and Azerbaijan";
    std::string subtitle;  // "" = today's date
    std::string credit;    // the user's credit line, before the data's attribution
    int size_preset = 1;   // index into document/reading.h's export_size_presets()
    int width = 1920, height = 1080;
    int scale = 2;
    bool current_view = true;
    bool include_selection = true;
    bool save_dialog_available = false;  // zenity is on the PATH
    bool save_dialog_running = false;    // the app is waiting for it
    bool choose_file = false;            // out: the user pressed "Choose…"
    std::string last_result;             // shown under the buttons
};

// Draws the modal when `form.open`; returns true when the user pressed Export. Esc closes it.
// Its controls' rectangles go into `controls` ("export:choose", "export:preset:3", …) for tests.
bool draw_export_dialog(ExportForm& form, const std::string& selected_name, int view_w, int view_h,
                        std::map<std::string, std::array<float, 4>>* controls = nullptr);

}  // namespace bm::ui
