#pragma once
// The briefing image's layout: every box of an export (map rectangle, title, north arrow, scale
// bar, attribution, side panel with the selected place's heading, count and numbered
// citations, legend) and every text run in them, computed without GL. Text is measured
// through MeasureText, so tests can pass a fake and the export the FreeType measurer
// (render::Fonts, which needs no context); a painter (GL today, cairo later) draws the result
// as it is and decides nothing.
//   Coordinates: image pixels, origin at the top left, y down. A run's `y` is the top of its
//   line; its baseline is `y + ascent`.
//   What fits: titles, subtitles, headings and citations wrap (words wider than their box are
//   broken between characters), then shrink, then are cut with an ellipsis; every box lies
//   inside the image, and the boxes of one group (see furniture() and panel_boxes()) are
//   pairwise disjoint.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bm::exporter {

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    float right() const { return x + w; }
    float bottom() const { return y + h; }
    bool empty() const { return !(w > 0 && h > 0); }
    // With a tolerance of a hundredth of a pixel (float sums).
    bool contains(const Rect& r) const;
    bool overlaps(const Rect& r) const;  // interiors intersect
};

struct TextSize {
    float width = 0, ascent = 0, descent = 0;
    float height() const { return ascent + descent; }
};
// Measures UTF-8 text at a pixel size, bold or regular.
using MeasureText = std::function<TextSize(std::string_view utf8, float px, bool bold)>;

enum class Ink : uint8_t { Text, Muted, Link };

struct TextRun {
    std::string text;
    float x = 0, y = 0;  // top left of the line
    float px = 13;
    bool bold = false;
    Ink ink = Ink::Text;
    float width = 0, ascent = 0, descent = 0;  // as measured
    Rect box() const { return {x, y, width, ascent + descent}; }
};

struct CitationText {
    int number = 0;
    std::string outlet, date, title, url;
    std::vector<std::string> excerpts;
};

struct LayoutInput {
    int width = 0, height = 0;  // the image
    float scale = 1;            // the export's scale factor (2 = twice the pixels per point)
    std::string title, subtitle;
    std::string attribution;
    std::vector<std::string> legend;  // entry texts, in order
    // Ground metres per map pixel at the view centre, for the scale bar.
    double meters_per_pixel = 0;
    // With a selected place: its heading, the count line and the citations, in order.
    bool selection = false;
    std::string heading, count;
    std::vector<CitationText> citations;
    // The selected feature's box in pixels of the map rectangle, when it has one.
    std::optional<Rect> selection_box;
};

struct ScaleBarLayout {
    Rect box;
    double meters = 0;           // ground length of the bar
    double length = 0;           // its length in pixels
    float x0 = 0, y = 0, h = 0;  // where it starts, its top, its height
    std::vector<TextRun> runs;   // caption, "0", the half, the full length
};

struct LegendRow {
    Rect swatch;
    TextRun label;
};

struct CitationLayout {
    int number = 0;
    Rect box;
    std::vector<TextRun> runs;
    bool cut = false;  // did not fit whole: its last run ends with an ellipsis
};

struct BriefingLayout {
    Rect image, map;
    // The part of the map that no furniture covers (between the top and bottom bands).
    Rect visible_map;
    // How far to move the map's content on screen, in pixels (x right, y down), so the
    // selection lies inside visible_map: geo::Viewport::pan_pixels(shift_x, shift_y).
    float shift_x = 0, shift_y = 0;
    float map_scale = 1;    // the scale the furniture over the map is drawn at (<= scale)
    float panel_scale = 1;  // the side panel's

    Rect title_box;
    std::vector<TextRun> title_runs;  // title lines, then subtitle lines

    Rect arrow_box;
    float arrow_cx = 0, arrow_cy = 0, arrow_r = 0;  // the dart's centre and radius
    TextRun north_label;

    ScaleBarLayout scale_bar;

    Rect attribution_box;
    std::vector<TextRun> attribution_runs;

    Rect panel;  // the side panel, right of the map
    Rect rule;   // its left edge

    Rect heading_box;  // heading and count
    std::vector<TextRun> heading_runs;
    std::vector<CitationLayout> citations;  // those shown, in order
    std::optional<TextRun> more;            // "… and N more articles"

    Rect legend_box;
    float legend_scale = 1;  // the scale the swatches are drawn at
    std::optional<TextRun> legend_heading;
    std::vector<LegendRow> legend;  // rows shown (the first legend_rows entries)

    // Over the map, pairwise disjoint and inside `map`: title, arrow, scale bar, attribution.
    std::vector<Rect> furniture() const;
    // In the side panel, pairwise disjoint and inside `panel`: heading, each citation, the
    // "more" line, the legend.
    std::vector<Rect> panel_boxes() const;
};

// The side panel beside the map holds the legend and the selected place's citations, so
// neither ever covers the map (a legend over the bottom left hid Yerevan at small sizes). Its
// width: a quarter of the image, at least 230 and at most 600 points, never more than half.
int side_panel_width(int width, float scale);

BriefingLayout layout_briefing(const LayoutInput& in, const MeasureText& measure);

// A legend over a map (the window's): "Legend" and a row per entry, a 34 x 16 swatch and its
// text at the same sizes as the export's, in a box whose bottom left corner is at (x, bottom),
// at most max_w wide (texts cut with an ellipsis) and max_h tall (the last rows left out).
struct MapLegendLayout {
    Rect box;
    std::optional<TextRun> heading;
    std::vector<LegendRow> rows;
};
MapLegendLayout layout_map_legend(const std::vector<std::string>& texts, float x, float bottom,
                                  float max_w, float max_h, float fs, const MeasureText& measure);

// The scale bar (its white box, the bar, "Scale at map centre" and the 0 / half / full ticks)
// for a map `map_width` pixels wide at `meters_per_pixel`: about a sixth of the map at a round
// length, halved until the box is at most `max_width`; the box's bottom right corner at
// (right, bottom); `fs` the furniture's scale. The export and the window's map both draw it.
ScaleBarLayout layout_scale_bar(double meters_per_pixel, float map_width, float max_width,
                                float right, float bottom, float fs, const MeasureText& measure);

// Greedy line breaking at ASCII spaces (never at U+00A0) to `max_width`; a word wider than
// that is broken between code points.
std::vector<std::string> wrap_text(std::string_view utf8, float px, bool bold, float max_width,
                                   const MeasureText& measure);

// A cited article's title in quotation marks: “title”. A title already enclosed in quotation
// marks (“…”, "…", «…», ‘…’) gets ours instead of its own; one that starts with a quotation
// (“We will return,” says mayor) is shown as it is, not quoted twice.
std::string quote_title(std::string_view title);

}  // namespace bm::exporter
