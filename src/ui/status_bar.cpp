#include "ui/status_bar.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace bm::ui {

float status_bar_height() {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y;
}

namespace {
// 1:1,234,567 → rounded to 3 significant digits, with thousands separators.
std::string format_scale(double n) {
    if (!(n > 0) || !std::isfinite(n)) return "–";
    double mag = std::pow(10.0, std::floor(std::log10(n)) - 2);
    long long r = (long long)(std::round(n / mag) * mag);
    std::string digits = std::to_string(r), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return "1:" + out;
}
std::string format_lonlat(geo::Vec2 p) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.4f°%c  %.4f°%c", std::fabs(p.y), p.y >= 0 ? 'N' : 'S',
                  std::fabs(p.x), p.x >= 0 ? 'E' : 'W');
    return buf;
}
}  // namespace

void draw_status_bar(const StatusInfo& info) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float h = status_bar_height();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x, vp->Pos.y + vp->Size.y - h));
    ImGui::SetNextWindowSize(ImVec2(vp->Size.x, h));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 3));
    ImGui::Begin("##status", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                     ImGuiWindowFlags_NoNav);
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%s", info.has_cursor ? format_lonlat(info.lonlat).c_str() : "—");
    ImGui::SameLine(260);
    ImGui::Text("Scale %s", format_scale(info.scale_denominator).c_str());
    ImGui::SameLine(430);
    ImGui::Text("%zu features", info.feature_count);
    if (!info.message.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.75f, 0.2f, 0.1f, 1), "  %s", info.message.c_str());
    } else if (info.problem_count) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.7f, 0.3f, 0, 1), "  %zu problem(s) while loading",
                           info.problem_count);
    }
    ImGui::SameLine(
        std::max(560.f, ImGui::GetWindowWidth() - ImGui::CalcTextSize(info.crs.c_str()).x - 16));
    ImGui::TextDisabled("%s", info.crs.c_str());
    ImGui::End();
    ImGui::PopStyleVar(2);
}

}  // namespace bm::ui
