#pragma once
// Map labels for countries, provinces, places, areas and routes: which features get one, with
// which text, and where they go without overlapping (greedy by priority), then drawn with the
// text renderer.
//   Priority: countries, then national capitals, then places by how many passages of the
//   sources mention them (then provincial capitals, then population), then areas and routes
//   (after the places the sources name, before the others), then provinces. The
//   caller passes the mention count per scene feature, so this file knows nothing of articles.
//   Second names: a place shows "Name / Other" when its feature has an `alt_name` field, or
//   when style.json's labels.second_name maps its id to one of its aliases
//   ({"stepanakert": "Khankendi"}); an alias not in the feature's aliases is ignored.
//   Zoom: provinces are labelled only below labels.province_max_res map units per logical
//   pixel (view.res * pixel_ratio), unmentioned villages only below labels.village_max_res, and
//   a place whose style has max_res (small places, by rank) only below that, as its symbol.
//   Areas and routes: every named polygon or line of any other layer (the default areas and
//   routes, a user's own layers). An area is labelled at its pole of inaccessibility
//   (geo::Feature::label_point) once the label fits inside its on-screen extent; a route along
//   a smooth stretch of its line, glyph by glyph, upright (route_label_paths). They obey the
//   same collision rules as area labels: no overlap with a label, cover no symbol.
//   The selected feature's label (set_selected) is placed first at every zoom.
// place_labels() is a pure function of screen-space boxes, testable without GL.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/problem.h"
#include "geo/layer.h"
#include "geo/viewport.h"
#include "render/scene.h"
#include "render/style.h"
#include "render/text.h"

namespace bm::render {

struct PixelRect;

enum class LabelKind : uint8_t { Country, Province, Place, Area, Route };

// The label settings of style.json beyond render::LabelStyle (which holds sizes and colours).
struct LabelConfig {
    std::string country_layer = "countries", province_layer = "admin1", place_layer = "places";
    float province_font_size = 11;
    float halo_width = 1.6f;        // logical pixels
    float padding = 3;              // logical pixels kept free around each label
    double province_max_res = 250;  // map units per logical pixel
    double village_max_res = 300;
    Rgba province_color{0.45f, 0.4f, 0.33f, 1};
    Rgba area_color{0.45f, 0.13f, 0.1f, 1};          // areas and routes (labels.area_color)
    std::map<std::string, std::string> second_name;  // place id -> alias

    // Reads the "labels" object of a style document; bad entries are reported and skipped.
    static LabelConfig parse(std::string_view style_json, const std::string& file,
                             Problems& problems);
    static LabelConfig builtin(Problems& problems);  // the embedded assets/style.json
};

// One labelled feature, independent of the view.
struct LabelFeature {
    int feature = -1;  // global scene feature index
    int layer = -1;    // scene layer index (for visibility)
    LabelKind kind = LabelKind::Place;
    std::string text;
    geo::Vec2 pos;          // projected: the point, or the polygon's label point
    double priority = 0;    // higher is placed first
    float symbol_size = 0;  // logical pixels (points); 0 for polygons
    bool bold = false;
    bool minor = false;           // unmentioned village: only when zoomed in
    float max_res = 0;            // the feature's style max_res: no label above it (0: none)
    geo::Box extent;              // Area: the projected extent the label must fit in on screen
    geo::Polygon area;            // Area: its largest part, projected (the label stays inside)
    std::vector<geo::Vec2> path;  // Route: the projected line (its longest part)
};

// The labels of a scene: `projected` are the layers the scene was built from,
// `mentions[feature]` the number of passages naming each global feature (may be shorter).
std::vector<LabelFeature> collect_labels(const Scene& scene,
                                         const std::vector<geo::Layer>& projected,
                                         const LabelConfig& config,
                                         const std::vector<double>& mentions);

// The text a place label shows: "Stepanakert / Khankendi" or just the name.
std::string place_label_text(const geo::Feature& f, const LabelConfig& config);

// Screen-space placement (pixels, origin top left, y down).
struct LabelBox {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool overlaps(const LabelBox& o) const {
        return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1;
    }
};
struct LabelCandidate {
    geo::Vec2 anchor;  // screen pixels
    float width = 0, height = 0;
    float offset = 0;     // points: gap from the anchor (symbol radius + margin); < 0: centred
    double priority = 0;  // higher first; ties keep input order
    // The point's own symbol (screen pixels), if any. Labels of lower priority never cover it;
    // a more important label may cover a less important place's symbol (Stepanakert's name
    // over a hamlet's dot rather than no Stepanakert at all).
    bool has_symbol = false;
    LabelBox symbol;
    // A label along a line: the ways it may lie, each as the boxes of its glyphs, tried in
    // order instead of the positions around `anchor` (route_label_paths).
    std::vector<std::vector<LabelBox>> paths;
    // An area or route label: like a place's, it may cover the symbols of less important
    // places (not of more important ones); other centred labels (countries, provinces) cover
    // none.
    bool covers_lesser_symbols = false;
};
enum class LabelPosition : uint8_t {
    Center,
    Right,
    Left,
    Above,
    Below,
    AboveRight,
    BelowRight,
    AboveLeft,
    BelowLeft,
    Path
};
struct PlacedLabel {
    size_t candidate = 0;  // index into the candidates
    LabelBox box;          // the text box (without padding); a path label's glyphs' bounds
    LabelPosition position = LabelPosition::Center;
    int path = -1;  // which of the candidate's paths (Path only: a route's, or an area's spot)
};

// A glyph laid along a line: its pen position on the baseline (screen pixels) and the
// baseline's direction (radians, clockwise from the +x axis: screen y is down).
struct GlyphPlace {
    float x = 0, y = 0, angle = 0;
};
struct LabelPath {
    std::vector<GlyphPlace> glyphs;
    std::vector<LabelBox> boxes;  // each glyph's cell, rotated, as an axis-aligned box
};
// The ways a label of glyphs with `advances` (pixels) can follow `line` (screen pixels): its
// middle at the middle of the line first, then further along either way. Each keeps the text
// upright (read left to right: the line is followed backwards where it runs leftwards), on a
// smooth stretch (no glyph turns more than ~22 degrees from the previous one, nor the whole
// label more than ~45), centred on the line, and inside the width x height screen. Empty when
// the line is shorter than the label.
std::vector<LabelPath> route_label_paths(const std::vector<geo::Vec2>& line,
                                         const std::vector<float>& advances, float ascent,
                                         float descent, float width, float height);
// Greedy: candidates in priority order, each at the first position (right, left, above, below,
// then the four diagonals for points; centred for polygons; its paths for lines) whose box (all
// of a path's glyph boxes), grown by `padding`, stays
// inside the width x height screen and overlaps neither an already placed label nor an obstacle
// (point symbols). Candidates with no free position are dropped.
std::vector<PlacedLabel> place_labels(const std::vector<LabelCandidate>& candidates, float width,
                                      float height, float padding,
                                      const std::vector<LabelBox>& obstacles = {});

// Lays out and draws the labels of a view. One per window (or export); needs a GL context.
class LabelRenderer {
  public:
    bool init();
    void set_labels(std::vector<LabelFeature> labels, const Style& style, LabelConfig config);
    // Places and draws the labels visible in `view` into `rect` of the bound framebuffer.
    // `hidden_layers[i]` true hides the labels of scene layer i. Returns what was placed
    // (candidate = index into labels()).
    // `obstacles`: screen boxes (view pixels) no label may cover, e.g. an export's legend.
    const std::vector<PlacedLabel>& draw(const geo::Viewport& view, const PixelRect& rect,
                                         int fb_height, float pixel_ratio,
                                         const std::vector<bool>& hidden_layers = {},
                                         const std::vector<LabelBox>& obstacles = {});
    // The placement alone, without GL: for tests and hit testing.
    std::vector<PlacedLabel> layout(const geo::Viewport& view, float pixel_ratio,
                                    const std::vector<bool>& hidden_layers = {},
                                    const std::vector<LabelBox>& obstacles = {});
    const std::vector<LabelFeature>& labels() const { return labels_; }
    // The selected feature (global scene index, -1 none): its label goes first, at every zoom.
    void set_selected(int feature) { selected_ = feature; }
    // The glyphs of each label of the last layout() or draw(), in the same order (empty but
    // for route labels).
    const std::vector<LabelPath>& placed_paths() const { return placed_paths_; }
    TextRenderer& text() { return text_; }
    float font_px(const LabelFeature& l, float pixel_ratio) const;

  private:
    TextRenderer text_;
    std::vector<LabelFeature> labels_;
    std::vector<std::string> shown_;  // display text (countries upper-cased)
    LabelStyle style_;
    LabelConfig config_;
    std::vector<PlacedLabel> placed_;
    std::vector<size_t> cand_label_;  // candidate index -> label index, of the last layout
    std::vector<std::vector<LabelPath>> cand_paths_;  // per candidate: its paths (routes)
    std::vector<LabelPath> placed_paths_;             // per placed label: the path it took
    int selected_ = -1;
    // Measured sizes at the last pixel ratio.
    float measured_ratio_ = 0;
    std::vector<TextMetrics> metrics_;
    std::vector<std::vector<float>> advances_;  // Route labels: each glyph's advance
};

}  // namespace bm::render
