#include "ui/export_dialog.h"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace bm::ui {

bool draw_export_dialog(ExportForm& f, const std::string& selected_name, int view_w, int view_h) {
    if (f.open) {
        ImGui::OpenPopup("Export image");
        f.open = false;
    }
    bool go = false;
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 32, 0), ImGuiCond_Appearing);
    if (ImGui::BeginPopupModal("Export image", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextDisabled(
            "A PNG for briefings, with legend, scale bar, north arrow, sources and a sidecar "
            ".json");
        ImGui::InputText("File", &f.path);
        ImGui::InputText("Title", &f.title);
        ImGui::InputTextWithHint("Subtitle", "today's date", &f.subtitle);
        const char* presets[] = {"Map view size", "1920 × 1080", "3840 × 2160 (4K)", "Custom"};
        ImGui::Combo("Size", &f.size_preset, presets, 4);
        if (f.size_preset == 0) f.width = view_w, f.height = view_h;
        if (f.size_preset == 1) f.width = 1920, f.height = 1080;
        if (f.size_preset == 2) f.width = 3840, f.height = 2160;
        if (f.size_preset == 3) {
            ImGui::InputInt("Width", &f.width);
            ImGui::InputInt("Height", &f.height);
        } else {
            ImGui::TextDisabled("%d × %d pixels", f.width, f.height);
        }
        ImGui::SliderInt("Scale", &f.scale, 1, 4, "%d×");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Text and line widths; 2× is crisp on slides");
        ImGui::Checkbox("Current view", &f.current_view);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Off: the home view of the region");
        if (!selected_name.empty()) {
            const std::string label = "Highlight " + selected_name + " and cite its passages";
            ImGui::Checkbox(label.c_str(), &f.include_selection);
        }
        const bool valid =
            f.width > 0 && f.height > 0 && f.width <= 16384 && f.height <= 16384 && !f.path.empty();
        if (!valid)
            ImGui::TextColored(ImVec4(0.75f, 0.2f, 0.1f, 1),
                               "Width and height must be 1–16384 and a file given.");
        if (!valid) ImGui::BeginDisabled();
        if (ImGui::Button("Export")) go = true;
        if (!valid) ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button("Close") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
            ImGui::CloseCurrentPopup();
        if (!f.last_result.empty()) ImGui::TextWrapped("%s", f.last_result.c_str());
        ImGui::EndPopup();
    }
    return go;
}

}  // namespace bm::ui
