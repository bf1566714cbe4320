// Layers: visibility, opacity and drawing order.
#include <imgui.h>

#include <algorithm>
#include <filesystem>

#include "geo/raster.h"
#include "ui/panels.h"

namespace bm::ui {

std::string layer_title(const Document& doc, size_t scene_layer) {
    const render::SceneLayer& l = doc.scene.layers[scene_layer];
    // A default layer by its title in style.json; a user's layer by its name and its file.
    if (l.id == l.name) {
        const std::string t = doc.style.title(l.name);
        return t.empty() ? l.name : t;
    }
    const geo::Layer* src = doc.scene.source_of(l, doc.map.projected);
    if (!src) return l.name;
    return l.name + " \u2014 " + std::filesystem::path(src->source).filename().string();
}

void draw_layers_panel(const Document& doc, State& st, Requests& req) {
    ImGui::TextDisabled("Top layer first; drawn bottom up.");
    const auto& layers = doc.scene.layers;
    std::vector<LayerView>& order = st.view.layers;  // normalised by the app: draw order
    // Show top first: reverse of the draw order. Ids the scene lacks (kept from a session
    // with other sources) are not shown.
    for (int k = int(order.size()) - 1; k >= 0; --k) {
        LayerView& lv = order[size_t(k)];
        const int li = doc.scene.find_layer(lv.id);
        if (li < 0) continue;
        ImGui::PushID(lv.id.c_str());
        if (ImGui::Checkbox("##visible", &lv.visible)) req.layers_changed = true;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show or hide");
        ImGui::SameLine();
        ImGui::TextUnformatted(layer_title(doc, size_t(li)).c_str());
        if (ImGui::IsItemHovered())  // which layer of which source
            ImGui::SetTooltip("%s", lv.id.c_str());
        ImGui::SameLine();
        const geo::Layer* src = doc.scene.source_of(layers[size_t(li)], doc.map.projected);
        if (src && src->raster)  // what the raster is and how many pixels it shows
            ImGui::TextDisabled(
                "(%s %d\u00d7%d)",
                src->raster->kind == geo::Raster::Kind::Dem ? "hillshade" : "raster",
                src->raster->image ? src->raster->image->width : 0,
                src->raster->image ? src->raster->image->height : 0);
        else
            ImGui::TextDisabled("(%u)", layers[size_t(li)].features.count);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
        if (ImGui::SliderFloat("##opacity", &lv.opacity, 0.f, 1.f, "opacity %.2f"))
            req.layers_changed = true;
        ImGui::SameLine();
        if (k + 1 >= int(order.size())) ImGui::BeginDisabled();
        if (ImGui::ArrowButton("##up", ImGuiDir_Up)) {
            std::swap(order[size_t(k)], order[size_t(k) + 1]);
            req.layers_changed = true;
        }
        if (k + 1 >= int(order.size())) ImGui::EndDisabled();
        ImGui::SameLine();
        if (k == 0) ImGui::BeginDisabled();
        if (ImGui::ArrowButton("##down", ImGuiDir_Down)) {
            std::swap(order[size_t(k)], order[size_t(k) - 1]);
            req.layers_changed = true;
        }
        if (k == 0) ImGui::EndDisabled();
        ImGui::Separator();
        ImGui::PopID();
    }
}

}  // namespace bm::ui
