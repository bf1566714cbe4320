#pragma once
// Wrapped UTF-8 text with highlighted, clickable spans (the mentions in a paragraph).
#include <imgui.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gazetteer/gazetteer.h"

namespace bm::ui {

struct Mark {
    uint32_t start, end;  // byte offsets into the text
    PlaceId place;        // what the span names (none: a name the map does not know)
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
                         PlaceId emphasis = PlaceId::none());

}  // namespace bm::ui
