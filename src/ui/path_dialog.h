#pragma once
// The form behind File → New workspace…, Open workspace…, Import articles… and Add layer…: the
// path typed (or filled in by the desktop's file chooser, which the app runs when asked).
#include <string>
#include <vector>

namespace bm::ui {

struct PathForm {
    enum class Kind { NewWorkspace, OpenWorkspace, ImportArticles, AddLayer, WatchFolder, SaveAs };
    Kind kind = Kind::ImportArticles;
    bool open = false;
    // The workspace to use: shown (and asked for) when none is open, or for New/Open.
    bool ask_workspace = false;
    std::string workspace;
    std::string path;  // what to import or add (ImportArticles, AddLayer)
    // Files and folders dropped on the window (imported as the command line's `import` does:
    // articles or layers by what they are); shown instead of the path field.
    std::vector<std::string> dropped;
    std::string message;      // the last result or error, shown under the fields
    bool can_browse = false;  // a desktop file chooser is there (zenity)
    // Set by draw_path_dialog for the app to act on this frame.
    enum class Browse { None, Workspace, File, Folder };
    Browse browse = Browse::None;
    bool accepted = false;
    // Set by the caller: Enter was pressed this frame (from its own key queue: ImGui 1.86 can
    // lose a press and release that fall between two frames, as scripted input does).
    bool enter_pressed = false;
};

// Draws the form while form.open; sets form.accepted when OK is pressed (or Enter in a field).
void draw_path_dialog(PathForm& form);

}  // namespace bm::ui
