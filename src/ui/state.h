#pragma once
// What the panels show and what the user asked for this frame. Panels read the Document and
// this state, and write requests; the app carries them out (selection, fly-to, session).
#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "corpus/corpus.h"
#include "document/document.h"
#include "document/view_state.h"

namespace bm::ui {

constexpr size_t kNone = size_t(-1);

struct PassageRef {
    int article = 0, paragraph = 0;
    bool operator==(const PassageRef&) const = default;
};

// Screen rectangles of the passages shown this frame (window pixels), for the session file:
// end-to-end tests click them.
struct PassageRect {
    PassageRef ref;
    float x, y, w, h;
};

struct State {
    size_t selected = kNone;       // gazetteer place
    size_t hovered_place = kNone;  // from a panel row or the map
    std::optional<PassageRef> active_passage;
    std::vector<size_t> related;  // places named by the active passage
    std::optional<int> reader_article;
    std::string search;
    bool focus_search = false;
    int sort = 1;  // 0 by name, 1 by passages
    // Layers (normalised: every scene layer once, draw order), filter and export settings.
    // Its `view` and `selected` are filled from the live viewport and `selected` when the
    // session is written.
    ViewState view;
    LayerTable layers;  // resolved from view.layers; App refreshes it when they change
    std::vector<PassageRect> passage_rects;
    int right_tab = 0;              // 0 passages, 1 article
    bool right_tab_forced = false;  // switch tabs this frame (after a request)
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
