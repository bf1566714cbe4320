// Layers: visibility, opacity and drawing order.
#include <imgui.h>

#include <algorithm>

#include "ui/panels.h"

namespace bm::ui {

void draw_layers_panel(const Document& doc, State& st, Requests& req) {
    ImGui::TextDisabled("Top layer first; drawn bottom up.");
    const auto& layers = doc.scene.layers;
    // Show top first: reverse of the draw order.
    for (int k = int(st.layer_order.size()) - 1; k >= 0; --k) {
        const size_t li = st.layer_order[size_t(k)];
        if (li >= layers.size() || li >= st.layers.size()) continue;
        LayerUi& ui = st.layers[li];
        ImGui::PushID(int(li));
        if (ImGui::Checkbox("##visible", &ui.visible)) req.layers_changed = true;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show or hide");
        ImGui::SameLine();
        ImGui::Text("%s", layers[li].name.c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("(%u)", layers[li].features.count);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
        if (ImGui::SliderFloat("##opacity", &ui.opacity, 0.f, 1.f, "opacity %.2f"))
            req.layers_changed = true;
        ImGui::SameLine();
        if (k + 1 >= int(st.layer_order.size())) ImGui::BeginDisabled();
        if (ImGui::ArrowButton("##up", ImGuiDir_Up)) {
            std::swap(st.layer_order[size_t(k)], st.layer_order[size_t(k) + 1]);
            req.layers_changed = true;
        }
        if (k + 1 >= int(st.layer_order.size())) ImGui::EndDisabled();
        ImGui::SameLine();
        if (k == 0) ImGui::BeginDisabled();
        if (ImGui::ArrowButton("##down", ImGuiDir_Down)) {
            std::swap(st.layer_order[size_t(k)], st.layer_order[size_t(k) - 1]);
            req.layers_changed = true;
        }
        if (k == 0) ImGui::EndDisabled();
        ImGui::Separator();
        ImGui::PopID();
    }
}

}  // namespace bm::ui
