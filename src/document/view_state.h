#pragma once
// ViewState: what the user is looking at, in one place. The window keeps one, the session file
// and the export sidecar both serialise it (view_state_to_json), and `briefmap export` draws
// from one. It refers to things by stable id (layer ids, place ids), never by position, so it
// survives a reload and the addition of other sources.
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "corpus/corpus.h"
#include "geo/layer.h"

namespace bm {

namespace render {
struct Scene;
}

struct LayerView {
    std::string id;  // render::SceneLayer::id (geo::Layer::id)
    bool visible = true;
    float opacity = 1;  // [0, 1]
    bool operator==(const LayerView&) const = default;
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
    bool operator==(const SourceFilter&) const = default;
};

// How an image is exported: its size and texts.
struct ExportSettings {
    int width = 3840, height = 2160;
    float scale = 2;  // pixel ratio: text, line widths and symbols
    std::string title = "Armenia and Azerbaijan";
    std::optional<std::string> subtitle;  // default: today's date
    std::string credit;  // the user's credit line ("Map: J. Doe / Outlet"), before the data's
    bool operator==(const ExportSettings&) const = default;
};

struct ViewState {
    geo::Box view;         // projected extent shown; empty: the document's home view
    std::string selected;  // place id ("" none); `briefmap export --select` may put a name here
    // Draw order, bottom first. Scene layers it does not name are drawn in their default place
    // (resolve_layers); ids of layers not loaded are kept so a later load finds them again.
    std::vector<LayerView> layers;
    SourceFilter filter;
    ExportSettings output;
    bool operator==(const ViewState&) const = default;

    const LayerView* layer(std::string_view id) const;
    LayerView* layer(std::string_view id);
};

// The scene's layers as a ViewState puts them: draw order (scene layer indexes, bottom first),
// visibility and opacity per scene layer.
struct LayerTable {
    std::vector<size_t> order;
    std::vector<bool> visible;
    std::vector<float> opacity;
    bool shown(size_t scene_layer) const {
        return scene_layer < visible.size() && visible[scene_layer] && opacity[scene_layer] > 0;
    }
};
LayerTable resolve_layers(const ViewState& vs, const render::Scene& scene);
// Makes vs.layers list every scene layer once, in resolve_layers' order (ids the scene lacks
// are kept after them), so a panel can edit it directly.
void normalise_layers(ViewState& vs, const render::Scene& scene);

// JSON fragments shared by the session and the sidecar:
//   "layers": {"<id>": {"visible", "opacity", "order"}}
//   "filter": {"hidden_outlets": [..], "from": "YYYY-MM-DD" | "", "to": ...}
//   "export": {"width", "height", "scale", "title", "subtitle" | null, "credit"}
void layers_to_json(const ViewState& vs, nlohmann::json& j);
void filter_to_json(const SourceFilter& f, nlohmann::json& j);
void export_settings_to_json(const ExportSettings& e, nlohmann::json& j);
// Read what is there; throw nlohmann::json::exception or JsonNumberError on a wrong type, and
// std::invalid_argument with a message on a value out of range.
void layers_from_json(const nlohmann::json& j, ViewState& vs);
void filter_from_json(const nlohmann::json& j, SourceFilter& f);
void export_settings_from_json(const nlohmann::json& j, ExportSettings& e);

}  // namespace bm
