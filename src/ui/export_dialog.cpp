#include "ui/export_dialog.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "document/reading.h"

namespace bm::ui {

bool draw_export_dialog(ExportForm& f, const std::string& selected_name, int view_w, int view_h,
                        std::map<std::string, std::array<float, 4>>* controls) {
    auto record = [&](const std::string& name) {
        if (!controls) return;
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        (*controls)["export:" + name] = {a.x, a.y, b.x - a.x, b.y - a.y};
    };
    if (f.open) {
        ImGui::OpenPopup("Export image");
        f.open = false;
    }
    bool go = false;
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 34, 0), ImGuiCond_Appearing);
    if (ImGui::BeginPopupModal("Export image", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextDisabled(
            "A PNG for briefings, with legend, scale bar, north arrow, sources and a sidecar "
            ".json");
        const float label_w = ImGui::GetFontSize() * 5;
        auto label = [&](const char* text) {
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(text);
            ImGui::SameLine(label_w);
        };
        label("File");
        const float choose_w = ImGui::CalcTextSize("Choose\u2026").x +
                               ImGui::GetStyle().FramePadding.x * 2 +
                               ImGui::GetStyle().ItemSpacing.x;
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24 -
                                (f.save_dialog_available ? choose_w : 0));
        ImGui::InputText("##file", &f.path);
        if (f.save_dialog_available) {
            ImGui::SameLine();
            ImGui::BeginDisabled(f.save_dialog_running);
            if (ImGui::Button("Choose\u2026")) f.choose_file = true;
            record("choose");
            ImGui::EndDisabled();
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
                ImGui::SetTooltip("Pick the file in a save dialog");
        }
        label("Title");
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24);
        ImGui::InputText("##title", &f.title);
        label("Subtitle");
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24);
        ImGui::InputTextWithHint("##subtitle", "today's date", &f.subtitle);
        label("Credit");
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24);
        ImGui::InputTextWithHint("##credit", "e.g. Map: J. Doe / Newsroom", &f.credit);
        record("credit");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Printed before the data's attribution, and kept in the sidecar");

        label("Size");
        ImGui::BeginGroup();
        const auto& presets = export_size_presets();
        for (size_t i = 0; i < presets.size(); ++i)
            ImGui::RadioButton(presets[i].name, &f.size_preset, int(i)),
                record("preset:" + std::to_string(i));
        ImGui::EndGroup();
        const int custom = int(presets.size()) - 1;
        if (f.size_preset < 0 || f.size_preset > custom) f.size_preset = 1;
        if (f.size_preset == 0) {
            f.width = view_w, f.height = view_h;
        } else if (f.size_preset != custom) {
            f.width = presets[size_t(f.size_preset)].width;
            f.height = presets[size_t(f.size_preset)].height;
        }
        ImGui::Dummy(ImVec2(label_w - ImGui::GetStyle().ItemSpacing.x, 0));
        ImGui::SameLine(label_w);
        if (f.size_preset == custom) {
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
            ImGui::InputInt("##w", &f.width, 0);
            ImGui::SameLine();
            ImGui::TextUnformatted("\u00d7");
            ImGui::SameLine();
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
            ImGui::InputInt("##h", &f.height, 0);
        } else {
            ImGui::TextDisabled("%d \u00d7 %d pixels", f.width, f.height);
        }
        label("Scale");
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
        ImGui::SliderInt("##scale", &f.scale, 1, 4, "%d\u00d7");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Text and line widths; 2\u00d7 is crisp on slides");
        ImGui::Checkbox("Current view", &f.current_view);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Off: the home view of the region");
        if (!selected_name.empty()) {
            const std::string text = "Highlight " + selected_name + " and cite its passages";
            ImGui::Checkbox(text.c_str(), &f.include_selection);
        }
        const bool valid =
            f.width > 0 && f.height > 0 && f.width <= 16384 && f.height <= 16384 && !f.path.empty();
        if (!valid)
            ImGui::TextColored(ImVec4(0.75f, 0.2f, 0.1f, 1),
                               "Width and height must be 1\u201316384 and a file given.");
        if (!valid) ImGui::BeginDisabled();
        if (ImGui::Button("Export")) go = true;
        record("export");
        if (!valid) ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button("Close") ||
            (!f.save_dialog_running && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))))
            ImGui::CloseCurrentPopup();
        record("close");
        if (!f.last_result.empty()) {
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
            ImGui::TextWrapped("%s", f.last_result.c_str());
            ImGui::PopTextWrapPos();
        }
        ImGui::EndPopup();
    }
    return go;
}

}  // namespace bm::ui
