#pragma once
// Ctrl+V: an article pasted from the clipboard, in a form prefilled with the guesses of
// corpus::guess_pasted (title, outlet, date, URL, text) for the user to correct; Import stores
// it in the workspace (the app does, in the background) and links it.
#include <string>

#include "corpus/paste.h"
#include "ui/state.h"

namespace bm::ui {

struct PasteForm {
    bool open = false;
    corpus::PastedFields fields;
    // No workspace open: where to keep it (the first import asks).
    bool ask_workspace = false;
    std::string workspace;
    std::string message;    // why Import did nothing (no title, no text)
    bool accepted = false;  // set by draw_paste_dialog: Import pressed this frame
};

// Draws the form while form.open. Controls: "paste-title", "paste-outlet", "paste-date",
// "paste-url", "paste-text", "paste-import", "paste-cancel".
void draw_paste_dialog(PasteForm& form, State& st);

}  // namespace bm::ui
