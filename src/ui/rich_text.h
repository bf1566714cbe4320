#pragma once
// Wrapped UTF-8 text with highlighted, clickable spans (the mentions in a paragraph).
#include <imgui.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bm::ui {

struct Mark {
    uint32_t start, end;  // byte offsets into the text
    size_t place;         // what the span names
    bool unsure = false;  // drawn with a dotted underline and a "?"
    bool counted = true;  // false: under the threshold, drawn pale
    std::string note;     // tooltip: confidence, reason, other candidates
};

struct RichTextResult {
    int hovered = -1;  // index into marks
    int clicked = -1;
    bool clicked_text = false;  // a click on the text outside any mark
};

// Draws `text` wrapped to the available width, marks on a coloured background. `emphasis`
// draws marks of that place stronger (the selected place). Unsure marks get a dotted underline
// and a small "?"; hovering one shows its note.
RichTextResult rich_text(const char* id, std::string_view text, const std::vector<Mark>& marks,
                         size_t emphasis = size_t(-1));

}  // namespace bm::ui
