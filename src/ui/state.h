#pragma once
// What the panels show and what the user asked for this frame. Panels read the Document and
// this state, and write requests; the app carries them out through the Controller
// (selection, fly-to) and writes the session.
#include <array>
#include <cstddef>
#include <map>
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
    std::optional<ArticleId> reader_article;
    std::optional<int> reader_paragraph;  // the passage "Read article" came from: highlighted
    int reader_scroll = 0;  // frames left to scroll the Article tab to it (ImGui clamps the
                            // first to the content size it knew before)
    std::string search;
    bool focus_search = false;  // Ctrl+F: focus the search box (the Places tab shows)
    bool show_places = false;   // select the Places tab this frame
    int sort = 1;               // 0 by name, 1 by passages
    std::vector<PassageRect> passage_rects;
    int right_tab = 0;              // 0 passages, 1 article
    bool right_tab_forced = false;  // switch tabs this frame (after a request)
    // Unknown names panel: the list (computed when first shown) and its passages on screen.
    std::optional<std::vector<linker::UnknownName>> unknown_names;
    std::vector<PassageRect> unknown_rects;
    bool open_unknown_names = false;  // select its tab this frame (Ctrl+U)
    // Named controls drawn this frame (window pixels), for the session's test-facing extras.
    std::map<std::string, std::array<float, 4>> controls;
};

struct Requests {
    std::optional<PlaceId> select;  // a place (none clears)
    bool fly_to_selection = false;
    std::optional<PassageRef> activate_passage;
    std::optional<std::string> open_url;
    std::optional<ArticleId> read_article;
    std::optional<int> read_paragraph;  // with read_article: the passage to scroll to
    std::optional<std::string> copy;    // text for the clipboard
    std::string copied;                 // what it is, for the status bar ("citation")
    bool clear_filter = false;
    bool layers_changed = false;
    bool filter_changed = false;
};

// Records the last item's rectangle under `name` in st.controls.
void record_control(State& st, const std::string& name);
// "Sources: 3 of 9 articles [Clear]" when the source filter is on (nothing otherwise); `where`
// names the Clear button's control ("filter-clear:<where>").
void filter_notice(const Document& doc, State& st, Requests& req, const char* where);

// Passages of `place` that pass the filter.
std::vector<const linker::Passage*> visible_passages(const Document& doc, const State& st,
                                                     PlaceId place);

}  // namespace bm::ui
