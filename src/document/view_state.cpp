#include "document/view_state.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "common/json_number.h"
#include "render/scene.h"

namespace bm {

using nlohmann::json;

const LayerView* ViewState::layer(std::string_view id) const {
    for (const LayerView& l : layers)
        if (l.id == id) return &l;
    return nullptr;
}

LayerView* ViewState::layer(std::string_view id) {
    for (LayerView& l : layers)
        if (l.id == id) return &l;
    return nullptr;
}

LayerTable resolve_layers(const ViewState& vs, const render::Scene& scene) {
    const size_t n = scene.layers.size();
    LayerTable t;
    t.visible.assign(n, true);
    t.opacity.assign(n, 1.f);
    // Position of each scene layer: where the state lists it, else its default position among
    // the layers the state lists (a layer new to this session keeps the style's order relative
    // to its neighbours).
    std::vector<int> rank(n, -1);
    for (size_t k = 0; k < vs.layers.size(); ++k) {
        const int li = scene.find_layer(vs.layers[k].id);
        if (li < 0 || rank[size_t(li)] >= 0) continue;
        rank[size_t(li)] = int(k);
        t.visible[size_t(li)] = vs.layers[k].visible;
        t.opacity[size_t(li)] = std::clamp(vs.layers[k].opacity, 0.f, 1.f);
    }
    std::vector<size_t> listed, unlisted;
    for (size_t i = 0; i < n; ++i) (rank[i] >= 0 ? listed : unlisted).push_back(i);
    std::stable_sort(listed.begin(), listed.end(),
                     [&](size_t a, size_t b) { return rank[a] < rank[b]; });
    // An unlisted layer goes right after the layer before it in the scene's own order (the
    // style's order), wherever the state put that one; the first layer goes to the bottom.
    t.order = listed;
    for (size_t u : unlisted) {
        auto at = t.order.begin();
        if (u > 0) at = std::find(t.order.begin(), t.order.end(), u - 1) + 1;
        t.order.insert(at, u);
    }
    return t;
}

void normalise_layers(ViewState& vs, const render::Scene& scene) {
    const LayerTable t = resolve_layers(vs, scene);
    std::vector<LayerView> out;
    for (size_t li : t.order) out.push_back({scene.layers[li].id, t.visible[li], t.opacity[li]});
    for (const LayerView& l : vs.layers)
        if (scene.find_layer(l.id) < 0) out.push_back(l);
    vs.layers = std::move(out);
}

void layers_to_json(const ViewState& vs, json& j) {
    j = json::object();
    for (size_t k = 0; k < vs.layers.size(); ++k) {
        const LayerView& l = vs.layers[k];
        j[l.id] = {{"visible", l.visible}, {"opacity", l.opacity}, {"order", int(k)}};
    }
}

void layers_from_json(const json& j, ViewState& vs) {
    vs.layers.clear();
    if (!j.is_object()) throw std::invalid_argument("layers: not an object");
    std::vector<std::pair<int, LayerView>> ranked;
    for (auto& [id, l] : j.items()) {
        if (!l.is_object()) throw std::invalid_argument("layers." + id + ": not an object");
        LayerView v{id, true, 1};
        if (l.contains("visible")) {
            if (!l["visible"].is_boolean())
                throw std::invalid_argument("layers." + id + ".visible: not true or false");
            v.visible = l["visible"].get<bool>();
        }
        v.opacity = std::clamp(json_field(l, "opacity", 1.0f, "layers." + id), 0.f, 1.f);
        ranked.emplace_back(json_field(l, "order", int(ranked.size()), "layers." + id),
                            std::move(v));
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [rank, v] : ranked) vs.layers.push_back(std::move(v));
}

void filter_to_json(const SourceFilter& f, json& j) {
    j = {{"hidden_outlets", f.hidden_outlets}, {"from", f.from}, {"to", f.to}};
}

namespace {
bool iso_date_or_empty(const std::string& s) {
    if (s.empty()) return true;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}
}  // namespace

void filter_from_json(const json& j, SourceFilter& f) {
    f = {};
    if (!j.is_object()) throw std::invalid_argument("filter: not an object");
    if (j.contains("hidden_outlets")) {
        if (!j["hidden_outlets"].is_array())
            throw std::invalid_argument("filter.hidden_outlets: not an array");
        for (const json& o : j["hidden_outlets"]) {
            if (!o.is_string())
                throw std::invalid_argument("filter.hidden_outlets: not an array of strings");
            f.hidden_outlets.insert(o.get<std::string>());
        }
    }
    for (auto [key, out] : {std::pair{"from", &f.from}, std::pair{"to", &f.to}}) {
        if (!j.contains(key) || j[key].is_null()) continue;
        if (!j[key].is_string() || !iso_date_or_empty(j[key].get<std::string>()))
            throw std::invalid_argument(std::string("filter.") + key + ": not a YYYY-MM-DD date");
        *out = j[key].get<std::string>();
    }
}

void export_settings_to_json(const ExportSettings& e, json& j) {
    j = {{"width", e.width},
         {"height", e.height},
         {"scale", e.scale},
         {"title", e.title},
         {"subtitle", e.subtitle ? json(*e.subtitle) : json(nullptr)},
         {"credit", e.credit}};
}

void export_settings_from_json(const json& j, ExportSettings& e) {
    if (!j.is_object()) throw std::invalid_argument("export: not an object");
    ExportSettings d;
    d.width = json_field(j, "width", d.width, "export");
    d.height = json_field(j, "height", d.height, "export");
    d.scale = json_field(j, "scale", d.scale, "export");
    if (d.width < 1 || d.width > 16384 || d.height < 1 || d.height > 16384)
        throw std::invalid_argument("export: size must be 1..16384 pixels");
    if (!(d.scale > 0 && d.scale <= 16))
        throw std::invalid_argument("export.scale: not in (0, 16]");
    if (j.contains("title")) {
        if (!j["title"].is_string()) throw std::invalid_argument("export.title: not a string");
        d.title = j["title"].get<std::string>();
    }
    if (j.contains("subtitle") && !j["subtitle"].is_null()) {
        if (!j["subtitle"].is_string())
            throw std::invalid_argument("export.subtitle: not a string or null");
        d.subtitle = j["subtitle"].get<std::string>();
    }
    if (j.contains("credit") && !j["credit"].is_null()) {
        if (!j["credit"].is_string()) throw std::invalid_argument("export.credit: not a string");
        d.credit = j["credit"].get<std::string>();
    }
    e = std::move(d);
}

}  // namespace bm
