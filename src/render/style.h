#pragma once
// The map's style, read from one JSON file (assets/style.json, embedded). Widths and sizes are
// logical pixels; the renderer multiplies them by the pixel ratio (HiDPI) or export scale.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/problem.h"
#include "geo/layer.h"

namespace bm::render {

using Rgba = std::array<float, 4>;  // straight (not premultiplied) alpha, 0..1

std::optional<Rgba> parse_color(std::string_view s);  // "#rgb", "#rrggbb", "#rrggbbaa"

// Capital: a square with a dot (national capitals); Ring: a circle with a dot (provincial).
enum class Symbol : uint32_t { Circle = 0, Capital = 1, Square = 2, Diamond = 3, Ring = 4 };

// What one feature looks like after applying the layer's rule and any matching override.
struct FeatureStyle {
    Rgba fill{0, 0, 0, 0};
    Rgba stroke{0, 0, 0, 1};
    float width = 1;
    std::array<float, 2> dash{0, 0};  // pixels; dash 0 = solid
    bool hatch = false;
    bool hidden = false;
    Rgba point_fill{1, 1, 1, 1};
    Rgba point_stroke{0, 0, 0, 1};
    float point_size = 6;
    Symbol symbol = Symbol::Circle;
    // Drawn (and labelled, and pickable) only at or below this resolution, in map units per
    // logical pixel (view.res * pixel ratio); 0: at every zoom. Small places appear as one
    // zooms in (style.json keys it on the places' `rank`).
    float max_res = 0;
};

struct Highlight {
    Rgba hover_fill{1, 0.88f, 0.54f, 1}, hover_stroke{0.78f, 0.47f, 0, 1};
    Rgba selected_fill{1, 0.78f, 0.34f, 1}, selected_stroke{0.83f, 0.33f, 0, 1};
    Rgba related_fill{1, 0.89f, 0.66f, 1}, related_stroke{0.9f, 0.49f, 0.13f, 1};
    float selected_width = 3.5f;
};

struct LabelStyle {
    float font_size = 13, country_font_size = 16;
    Rgba halo{1, 1, 1, 0.8f}, color{0.13f, 0.13f, 0.13f, 1}, country_color{0.33f, 0.33f, 0.33f, 1};
};

class Style {
  public:
    // Parses style JSON; unknown or malformed entries are reported and fall back to defaults.
    static Style parse(std::string_view json, const std::string& file, Problems& problems);
    static Style builtin(Problems& problems);  // the embedded assets/style.json

    Rgba background{0.66f, 0.8f, 0.89f, 1};
    Highlight highlight;
    LabelStyle labels;
    float hatch_spacing = 7, hatch_width = 1.6f;

    // Draw order of a layer: its position in the style; unknown layers after, polygons first.
    int order(const std::string& layer, geo::GeomKind kind) const;
    FeatureStyle resolve(const std::string& layer, const geo::Feature& f) const;
    // The legend's words for a feature of `layer`, from the rule's "legend" ({"field", "values",
    // "default"}; "{name}" and "{kind}" in a text are the feature's): "" when the rule has none.
    // `by_default` (when given) says the text is the rule's "default", not one of its values.
    std::string legend_text(const std::string& layer, const geo::Feature& f,
                            bool* by_default = nullptr) const;
    // The rule's "attribution" for `layer`: the credit a layer without its own metadata gets.
    std::string attribution(const std::string& layer) const;
    // The rule's "title": the layer's name for people ("Provinces" for admin1); "" when none.
    std::string title(const std::string& layer) const;

  private:
    struct Rule;
    struct Patch {
        std::optional<Rgba> fill, stroke, point_fill, point_stroke;
        std::optional<float> width, point_size, max_res;
        std::optional<std::array<float, 2>> dash;
        std::optional<bool> hatch, hidden;
        std::optional<Symbol> symbol;
        void apply(FeatureStyle& s) const;
    };
    struct Match {
        std::string field;
        std::vector<std::pair<std::string, Patch>> values;
    };
    struct LegendMatch {
        std::string field;
        std::vector<std::pair<std::string, std::string>> values;  // field value -> words
    };
    struct Rule {
        std::string layer;
        Patch base;
        std::vector<Match> matches;  // "match": one object or an array of them, applied in order
        std::vector<LegendMatch> legend;  // tried in order; the first value that matches wins
        std::string legend_default, attribution, title;
    };
    FeatureStyle defaults_;
    std::vector<Rule> rules_;
};

}  // namespace bm::render
