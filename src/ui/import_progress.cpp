#include "ui/import_progress.h"

#include <imgui.h>

#include <algorithm>
#include <filesystem>

namespace bm::ui {

bool draw_import_progress(const ImportProgressView& v, float map_x, float map_bottom, float map_w,
                          State& st) {
    const float w = std::min(map_w - 16, ImGui::GetFontSize() * 34);
    ImGui::SetNextWindowPos(ImVec2(map_x + map_w / 2, map_bottom - 8), ImGuiCond_Always,
                            ImVec2(0.5f, 1));
    ImGui::SetNextWindowSize(ImVec2(w, 0));
    ImGui::SetNextWindowBgAlpha(0.95f);
    ImGui::Begin("##import-progress", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                     ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::TextUnformatted(v.label.c_str());
    if (v.queued) {
        ImGui::SameLine();
        ImGui::TextDisabled("(%zu more waiting)", v.queued);
    }
    const float frac = v.total ? float(v.done) / float(v.total) : 0.f;
    char overlay[64];
    std::snprintf(overlay, sizeof overlay, "%zu of %zu", v.done, v.total);
    const float cancel_w = ImGui::CalcTextSize("Cancel").x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::ProgressBar(frac, ImVec2(-cancel_w - ImGui::GetStyle().ItemSpacing.x, 0), overlay);
    record_control(st, "import-progress");
    ImGui::SameLine();
    ImGui::BeginDisabled(v.cancelling);
    const bool cancel = ImGui::Button("Cancel");
    ImGui::EndDisabled();
    record_control(st, "import-cancel");
    const std::string name = v.cancelling
                                 ? std::string("Cancelling: the files read so far are kept…")
                                 : std::filesystem::path(v.current).filename().string();
    ImGui::TextDisabled("%s", name.c_str());
    if (v.problems) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.75f, 0.15f, 0.1f, 1), "%zu problem%s (Problems tab)",
                           v.problems, v.problems == 1 ? "" : "s");
    }
    ImGui::End();
    return cancel;
}

}  // namespace bm::ui
