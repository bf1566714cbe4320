#pragma once
// What the panels show and what the user asked for this frame. Panels read the Document and
// this state, and write requests; the app carries them out through the Controller
// (selection, fly-to) and writes the session.
#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "corpus/corpus.h"
#include "document/controller.h"
#include "document/document.h"
#include "document/view_state.h"
#include "linker/unknown_names.h"

namespace bm::ui {

constexpr size_t kNone = kNoPlace;

using PassageRef = bm::PassageRef;

// Screen rectangles of the passages shown this frame (window pixels), for the session file:
// end-to-end tests click them.
struct PassageRect {
    PassageRef ref;
    float x, y, w, h;
    std::string source = {};  // the source line drawn above it ("Outlet · 2023-12-08 · p. 2")
};

// The selection, hover, layers and filter (document/controller.h: the Controller changes
// them), plus what only the panels need.
struct State : Interaction {
    std::optional<int> reader_article;
    std::string search;
    bool focus_search = false;
    int sort = 1;  // 0 by name, 1 by passages
    std::vector<PassageRect> passage_rects;
    int right_tab = 0;              // 0 passages, 1 article
    bool right_tab_forced = false;  // switch tabs this frame (after a request)
    // Unknown names panel: the list (computed when first shown) and its passages on screen.
    std::optional<std::vector<linker::UnknownName>> unknown_names;
    std::vector<PassageRect> unknown_rects;
    bool open_unknown_names = false;  // select its tab this frame (Ctrl+U)
};

struct Requests {
    std::optional<size_t> select;  // a place (kNone clears)
    bool fly_to_selection = false;
    std::optional<PassageRef> activate_passage;
    std::optional<std::string> open_url;
    std::optional<int> read_article;
    bool layers_changed = false;
    bool filter_changed = false;
};

// Passages of `place` that pass the filter.
std::vector<const linker::Passage*> visible_passages(const Document& doc, const State& st,
                                                     size_t place);

}  // namespace bm::ui
