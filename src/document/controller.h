#pragma once
// The window's interaction logic without the window: what a click on the map picks, what
// selecting a place or activating a passage changes and where the view flies, hover, the
// layers and the source filter, and the view state an export draws from. The app routes
// GLFW/ImGui input here; tests drive it with screen points and place ids, no GL or ImGui.
// Screen points are framebuffer pixels of the map rectangle (origin top left, y down), as in
// geo::Viewport.
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "document/document.h"
#include "document/session.h"
#include "document/view_state.h"
#include "geo/pick.h"
#include "geo/viewport.h"

namespace bm {

// What the user has selected and sees. The window's ui::State extends it with panel state.
struct Interaction {
    PlaceId selected;
    PlaceId hovered_place;  // from a panel row (reset each frame by the app)
    std::optional<PassageRef> active_passage;
    std::vector<PlaceId> related;  // places named by the active passage
    // Layers (normalised: every scene layer once, draw order), filter and export settings.
    // Its `view` and `selected` are filled from the live viewport and `selected` when the
    // session is written.
    ViewState view;
    LayerTable layers;  // resolved from view.layers (Controller::refresh_layers)
};

// A fly-to animation: from one view to another over `duration` seconds from `start`.
struct Flight {
    geo::Viewport from, to;
    double start = 0, duration = 0.45;
};
// The view `e` of the way (0..1, already eased) from `from` to `to`: the centre moves
// linearly, the resolution geometrically (a zoom feels even); size is `to`'s.
geo::Viewport interpolate_view(const geo::Viewport& from, const geo::Viewport& to, double e);
// The flight's view at time `now` (smoothstep easing; `to` once it is over).
geo::Viewport flight_view(const Flight& f, double now);

// Passages of `place` whose article passes `filter`.
std::vector<const linker::Passage*> visible_passages(const Document& doc,
                                                     const SourceFilter& filter, PlaceId place);

// The keys that move the view (the app maps its keys to these).
enum class ViewKey { left, right, up, down, zoom_in, zoom_out, home };

// What of the session is the window's, not the interaction's: sizes in window pixels, the
// map's rectangle, the panel widths and the place search.
struct WindowLayout {
    int window_width = 0, window_height = 0;
    int viewport_x = 0, viewport_y = 0, viewport_width = 0, viewport_height = 0;
    float left_panel = 0, right_panel = 0;
    bool left_collapsed = false, right_collapsed = false;  // folded to a strip
    bool legend = false;                                   // the map's legend and scale bar
    std::string search;
};

// Scene features to highlight.
struct Highlights {
    FeatureId hovered, selected;
    std::vector<FeatureId> related;
};

class Controller {
  public:
    // Both must outlive the controller; `doc` keeps its layers while it lives (the pick index
    // points into them).
    Controller(Document& doc, Interaction& st);

    // Once a frame, before input: the clock (seconds) for animations and the framebuffer
    // pixels per logical pixel (pick tolerances and fly-to margins are in logical pixels).
    void begin_frame(double now, float pixel_ratio);

    // Selects `place` (none clears), dropping the active passage. With `fly`, the view
    // flies to it (fly_target). A place other than the current one is recorded in the history.
    void select(PlaceId place, bool fly);
    // Back and forward through the places selected (as a browser does through pages): back
    // from a cleared selection returns to the last place; each flies there.
    bool can_go_back() const;
    bool can_go_forward() const;
    void go_back();
    void go_forward();
    // Makes a passage active: its places are related and the view flies to fit them.
    // Ignored for an article that does not exist.
    void activate_passage(PassageRef ref);
    // A click at a screen point: selects the place drawn on top there, or clears the selection.
    // Another click on the same spot (within 4 logical pixels, same features under it) selects
    // the next place there (a town, its district, Nagorno-Karabakh, the country), round again.
    void click(geo::Vec2 screen);
    // The cursor at a screen point over the map, or nowhere (nullopt).
    void hover(std::optional<geo::Vec2> screen);
    FeatureId hovered_feature() const { return hovered_feature_; }
    // Every feature under the cursor, top first (what hover() found; for the tooltip).
    const std::vector<FeatureId>& hovered_stack() const { return hovered_stack_; }

    // The scene feature under a screen point, or none. Features of hidden layers (not visible or
    // opacity 0) and of hidden styles cannot be picked.
    FeatureId feature_at(geo::Vec2 screen) const;
    // Every scene feature under a screen point, as drawn: the top layer of the draw order
    // first; within a layer points, then lines (nearest first), then polygons (smallest first).
    std::vector<FeatureId> features_at(geo::Vec2 screen) const;

    // Layers and filter. After editing st.view.layers directly (the layers panel), call
    // refresh_layers.
    void set_layer_visible(std::string_view layer_id, bool visible);
    void set_layer_opacity(std::string_view layer_id, float opacity);
    void refresh_layers();
    void set_filter(const SourceFilter& f) { st_.view.filter = f; }
    std::vector<const linker::Passage*> visible_passages(PlaceId place) const {
        return bm::visible_passages(doc_, st_.view.filter, place);
    }

    // The target view of a fly to `place`'s feature from `from`: a point (a box under one map
    // unit) is centred at a regional zoom, no farther in than `from`; an area or route is
    // fitted with a margin, no closer in than 40 map units per logical pixel.
    static geo::Viewport fly_target(const geo::Viewport& from, const geo::Box& feature_box,
                                    float pixel_ratio);
    void fly_to(const geo::Box& box, double min_res);  // min_res per logical pixel
    bool animating() const { return flight_.has_value(); }
    const std::optional<Flight>& flight() const { return flight_; }
    void cancel_fly() { flight_.reset(); }
    // Moves the document's view along the flight (size kept); ends it when it arrives.
    void step_fly();

    Highlights highlights() const;

    // Keyboard: an arrow moves the view by kKeyPan of its width or height towards that side,
    // but never takes its centre farther outside the data's extent (a drag may have left it
    // outside: then only towards the data); + and - zoom by kKeyZoom about the centre, within
    // geo::Viewport's resolution limits; Home shows the home view. Each stops a flight.
    static constexpr double kKeyPan = 0.1, kKeyZoom = 1.5;
    void view_key(ViewKey k);

    // The session file's content: the view, the selection with its visible passages, the
    // active passage (with its article's stable id), the places it highlights, layers, filter
    // and export settings, where the data came from, and the window's layout.
    Session make_session(const WindowLayout& window) const;
    // Restores what a session holds of the interaction: the selection (by place id), layers,
    // filter and export settings, the active passage (by its article's id; by position for
    // sessions written before ids) and its related places. The view is the caller's: it needs
    // the map's rectangle first.
    void restore(const Session& s);

    // The view state an export draws from: layers, order, filter and export settings; the
    // live view's extent or the home view; the selected place's id or none.
    ViewState export_state(bool current_view, bool include_selection) const;

    Interaction& state() { return st_; }
    const Interaction& state() const { return st_; }

  private:
    Document& doc_;
    Interaction& st_;
    geo::PickIndex pick_;
    std::vector<int> layer_first_;  // projected layer -> first scene feature (-1: none)
    double now_ = 0;
    float ratio_ = 1;
    FeatureId hovered_feature_;
    std::vector<FeatureId> hovered_stack_;
    // The last click, for cycling through the places under one spot.
    struct LastClick {
        geo::Vec2 screen;
        std::vector<FeatureId> stack;  // features with a place, top first
        size_t index = 0;
    };
    std::optional<LastClick> last_click_;
    std::vector<PlaceId> history_;  // places selected, oldest first
    size_t at_ = 0;                 // history_[at_] is the current (or last) place
    bool navigating_ = false;       // select() from go_back/go_forward: not recorded
    std::optional<Flight> flight_;
};

}  // namespace bm
