#pragma once
// The session file: what the user was looking at, restored on start and read by
// `briefmap export --session`. Written atomically whenever the state changes.
//   {"version": 1, "crs": "<PROJ string>", "view": {"minx","miny","maxx","maxy"} (projected
//    extent shown in `viewport`), "window": {"width","height"} (window pixels),
//    "viewport": {"x","y","width","height"} (the map's rectangle in window pixels, origin top
//    left), "selected": "<place id>" | null, "passages": [{"article","paragraph"}] (as in
//    `briefmap mentions --json`), "layers": {"<layer id>": {"visible","opacity","order"}},
//    "filter": {"hidden_outlets": [...], "from", "to"}, "export": {"width", "height", "scale",
//    "title", "subtitle"}, "recent_workspaces": [...]}. view, selected, layers, filter and export
//    are the ViewState (document/view_state.h), written by the same code as the export sidecar's.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/problem.h"
#include "document/view_state.h"
#include "geo/layer.h"

namespace bm {

struct Session {
    static constexpr int kVersion = 1;
    int version = kVersion;
    std::string crs;
    ViewState state;  // view (projected extent), selection, layers, filter, export settings
    int window_width = 0, window_height = 0;
    int viewport_x = 0, viewport_y = 0, viewport_width = 0, viewport_height = 0;
    struct PassageRef {
        int article = 0, paragraph = 0;  // position in the corpus as loaded (for tests)
        std::string article_id{};        // the article's stable id: what restoring follows
    };
    std::vector<PassageRef> passages;
    // Extra fields (the contract welcomes them): where the data and articles came from, the
    // passage the user clicked last, and the place search text.
    std::vector<std::string> data;
    std::string corpus;
    std::optional<PassageRef> active_passage;
    std::string search;
    // Workspaces opened, most recent first (File → Recent); kept in the session file only.
    std::vector<std::string> recent_workspaces;
    // Panel widths the user dragged (logical pixels); 0: the default.
    float left_panel = 0, right_panel = 0;
    bool left_collapsed = false, right_collapsed = false;  // folded to a strip (small windows)
    bool legend = false;  // the map's legend and scale bar (View menu)
    // Written for end-to-end tests, not read back: the passages' rectangles on screen (window
    // pixels) and the places highlighted for the active passage.
    struct PassageRect {
        int article = 0, paragraph = 0;
        float x = 0, y = 0, width = 0, height = 0;
        std::string source = {};  // the passage's source line as drawn (with "p. N" for a PDF)
    };
    std::vector<PassageRect> passage_rects;
    std::vector<std::string> highlighted;
    // Also for tests: named controls' rectangles on screen (window pixels: x, y, width,
    // height; "tab:Places", "read:3:7", "filter-clear:status") and facts about the panels
    // ("right_tab", "dialog", "export_path", "reader"), under "ui".
    std::map<std::string, std::array<float, 4>> controls;
    std::map<std::string, std::string> facts;
};

std::string session_to_json(const Session& s);
// Parses a session; false with *problem naming the file and the reason. A file from a newer
// version is refused (the user's file is left untouched).
bool session_from_json(std::string_view json, const std::string& file, Session& out,
                       Problem* problem);

bool load_session(const std::string& path, Session& out, Problem* problem);
bool save_session(const std::string& path, const Session& s, Problem* problem);

// $XDG_STATE_HOME/briefmap/session.json, or ~/.local/state/briefmap/session.json.
std::string default_session_path();

}  // namespace bm
