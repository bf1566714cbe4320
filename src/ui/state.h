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

namespace bm::ui {

constexpr size_t kNone = size_t(-1);

struct PassageRef {
    int article = 0, paragraph = 0;
    bool operator==(const PassageRef&) const = default;
};

// Narrows everything to some outlets and a date range (ISO strings compare in date order).
struct SourceFilter {
    std::set<std::string> hidden_outlets;
    std::string from, to;  // "YYYY-MM-DD" or "" (open)
    bool accepts(const corpus::Article& a) const {
        if (hidden_outlets.count(a.outlet)) return false;
        if (!from.empty() && (a.date.empty() || a.date < from)) return false;
        if (!to.empty() && (a.date.empty() || a.date > to)) return false;
        return true;
    }
    bool active() const { return !hidden_outlets.empty() || !from.empty() || !to.empty(); }
};

struct LayerUi {
    bool visible = true;
    float opacity = 1;
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
    SourceFilter filter;
    std::vector<LayerUi> layers;      // per scene layer
    std::vector<size_t> layer_order;  // draw order: scene layer indexes, bottom first
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
