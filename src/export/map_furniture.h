#pragma once
// What the export and the window both draw over a map: the legend (one entry per distinct look
// among the features in view, by style.json's "legend" rules, plus the selected place's
// highlight), its swatches drawn by the map renderer itself so they are the map's own symbols,
// and the scale bar (laid out by export/layout.h's layout_scale_bar). The export puts the
// legend in its side panel (compose.cpp); MapFurniture puts it in the window's map, bottom left,
// with the scale bar bottom right.
//   Coordinates: pixels of the target, origin top left, y down. Needs a current GL context.
#include <string>
#include <vector>

#include "document/document.h"
#include "export/layout.h"
#include "geo/viewport.h"
#include "render/labels.h"
#include "render/map_renderer.h"
#include "render/text.h"

namespace bm::exporter {

inline const render::Rgba kInk{0.13f, 0.13f, 0.13f, 1};
inline const render::Rgba kGrey{0.38f, 0.38f, 0.38f, 1};

// Premultiplied-colour triangles in pixels: panels, the scale bar, the north arrow.
class Overlay {
  public:
    bool init();
    void tri(geo::Vec2 a, geo::Vec2 b, geo::Vec2 c, const render::Rgba& col);
    void rect(double x, double y, double w, double h, const render::Rgba& col);
    void frame(double x, double y, double w, double h, double t, const render::Rgba& col);
    void flush(const render::PixelRect& rect, int fb_height);

  private:
    struct V {
        float x, y, r, g, b, a;
    };
    render::Program prog_;
    render::VertexArray vao_;
    render::Buffer vbo_;
    std::vector<V> v_;
};

struct LegendEntry {
    std::string text;
    std::string layer;
    geo::GeomKind kind = geo::GeomKind::None;
    geo::Feature sample;     // props decide the style
    bool selection = false;  // the selected feature's highlight
};

// The legend of what is drawn: the visible (not `hidden`) layers' features inside `extent`,
// one entry per distinct text; areas, then lines, then symbols. `logical_res`: map units per
// logical pixel; a feature whose style hides it there (max_res) is not on the map, so it is not
// in the legend either. `selected` (global scene feature, -1 none) adds "Selected place" last,
// drawn highlighted, while its layer is shown.
std::vector<LegendEntry> legend_entries(const Document& doc, const std::vector<bool>& hidden,
                                        const geo::Box& extent, double logical_res,
                                        int selected = -1);

// The entries' swatches as a scene of their own (entry i at x = i * 1000), kept with the
// renderer it was uploaded to.
class LegendSwatches {
  public:
    // Builds the swatches `sw` x `sh` pixels at scale `s` and uploads them to `r`.
    void upload(const Document& doc, const std::vector<LegendEntry>& entries, float sw, float sh,
                float s, const std::string& country_layer, render::MapRenderer& r);
    // Draws swatch i into rects[i] of the bound framebuffer (`fb_height` tall).
    void draw(render::MapRenderer& r, const std::vector<Rect>& rects, int fb_height, float s);

  private:
    std::vector<geo::Layer> layers_;
    render::Scene scene_;
    std::vector<int> highlight_;  // per entry: the swatch feature to highlight, or -1
    float sw_ = 0, sh_ = 0;
};

// The scale bar's bar: four alternating segments in a dark frame (its box and text are the
// caller's).
void paint_scale_bar(Overlay& ov, const ScaleBarLayout& b, float fs);
// Queues text runs laid out by export/layout.h.
void put_runs(render::TextRenderer& text, const std::vector<TextRun>& runs);
MeasureText measurer(render::Fonts& fonts);

// The window's legend and scale bar over the map.
class MapFurniture {
  public:
    bool init();  // compiles the overlay and the swatches' shaders; false when they fail
    // Lays out the legend and the scale bar for `view` (the map rectangle's size, in pixels)
    // and returns their boxes (view pixels), for the labels to keep clear of.
    std::vector<render::LabelBox> layout(const Document& doc, const std::vector<bool>& hidden,
                                         const geo::Viewport& view, float pixel_ratio, int selected,
                                         render::Fonts& fonts);
    // Draws what layout() placed into `rect` of the bound framebuffer, its text with `text`.
    void draw(const render::PixelRect& rect, int fb_height, render::TextRenderer& text);
    const std::vector<std::string>& legend() const { return shown_; }  // rows drawn
    const MapLegendLayout& legend_layout() const { return legend_; }
    const ScaleBarLayout& scale_bar() const { return bar_; }

  private:
    Overlay ov_;
    const Document* doc_ = nullptr;  // of the last layout()
    render::MapRenderer swatch_renderer_;
    LegendSwatches swatches_;
    std::vector<LegendEntry> entries_;
    std::string uploaded_key_;  // the entries the swatches were built for
    std::vector<std::string> shown_;
    MapLegendLayout legend_;
    ScaleBarLayout bar_;
    float scale_ = 1;
    bool ready_ = false;
};

}  // namespace bm::exporter
