#pragma once
// The desktop's save dialog for the export: `zenity --file-selection --save`, run on a thread
// so the window keeps drawing. Where zenity is missing, the Export form's path field is all.
#include <future>
#include <optional>
#include <string>

namespace bm::app {

// zenity is an executable file in a folder of $PATH.
bool save_dialog_available();
// Shows the dialog at `suggested` (a file path); the file chosen, or nullopt when cancelled
// or when zenity could not be run.
std::future<std::optional<std::string>> run_save_dialog(const std::string& suggested);

}  // namespace bm::app
