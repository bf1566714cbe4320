#include "ui/status_bar.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "common/utf8.h"

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

bool draw_status_bar(const StatusInfo& info,
                     std::map<std::string, std::array<float, 4>>* controls) {
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
    const ImGuiStyle& style = ImGui::GetStyle();
    const float gap = ImGui::GetFontSize() * 1.5f;
    const float width = ImGui::GetContentRegionAvail().x;
    auto text_w = [](const std::string& t) { return ImGui::CalcTextSize(t.c_str()).x; };

    // The parts, in the order shown; `drop` says which go first when the window is narrow.
    struct Part {
        std::string name, text;
        ImVec4 colour;
        int drop;     // lower goes first; 99 never
        float w = 0;  // measured
        bool shown = true;
    };
    const ImVec4 normal = style.Colors[ImGuiCol_Text], dim = style.Colors[ImGuiCol_TextDisabled];
    const char* no_cursor = "\u2014";
    std::vector<Part> parts;
    // The cursor's position at a fixed width ("45.1234°N  145.1234°E"): the rest does not jump.
    parts.push_back(
        {"lonlat", info.has_cursor ? format_lonlat(info.lonlat) : no_cursor, normal, 3});
    parts.back().w = text_w("00.0000\u00b0N  000.0000\u00b0E");
    parts.push_back({"scale", "Scale " + format_scale(info.scale_denominator), normal, 4});
    if (!info.filter.empty())
        parts.push_back(
            {"filter", "Sources filtered: " + info.filter, ImVec4(0.62f, 0.32f, 0, 1), 99});
    parts.push_back({"features", std::to_string(info.feature_count) + " features", dim, 1});
    if (!info.message.empty())
        parts.push_back({"message", info.message, ImVec4(0.75f, 0.2f, 0.1f, 1), 99});
    else if (info.problem_count)
        parts.push_back({"problems",
                         std::to_string(info.problem_count) + " problem(s) while loading",
                         ImVec4(0.7f, 0.3f, 0, 1), 2});
    const float clear_w = text_w("Clear") + style.FramePadding.x * 2 + style.ItemSpacing.x;
    for (Part& p : parts) {
        if (p.w == 0) p.w = text_w(p.text);
        if (p.name == "filter") p.w += clear_w;
    }
    const float crs_w = text_w(info.crs);
    auto total = [&] {
        float t = crs_w;
        for (const Part& p : parts) t += p.shown ? p.w + gap : 0;
        return t;
    };
    for (int level = 0; level < 99 && total() > width; ++level)
        for (Part& p : parts)
            if (p.drop == level && total() > width) p.shown = false;
    bool clear = false;
    float x = ImGui::GetCursorPosX();
    auto record = [&](const std::string& name) {
        if (!controls) return;
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        (*controls)["status:" + name] = {a.x, a.y, b.x - a.x, b.y - a.y};
    };
    const float right_edge = ImGui::GetCursorPosX() + width - crs_w - gap;
    for (Part& p : parts) {
        if (!p.shown) continue;
        ImGui::SetCursorPosX(x);
        ImGui::PushStyleColor(ImGuiCol_Text, p.colour);
        if (p.name == "message" || p.name == "filter") {
            // What is left before the projection; a message longer than that is cut ("…").
            float room = right_edge - x - (p.name == "filter" ? clear_w : 0);
            std::string t = p.text;
            if (text_w(t) > room) {
                while (!t.empty() && text_w(t + "\u2026") > room) {
                    size_t len = 1;  // whole code points
                    utf8::decode_before(t, t.size(), len);
                    t.resize(t.size() - len);
                }
                if (text_w(t) < text_w(p.text)) t += "\u2026";
            }
            ImGui::TextUnformatted(t.c_str());
            if (t != p.text && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", p.text.c_str());
        } else {
            ImGui::TextUnformatted(p.text.c_str());
        }
        ImGui::PopStyleColor();
        record(p.name);
        if (p.name == "filter") {
            ImGui::SameLine();
            if (ImGui::SmallButton("Clear##status")) clear = true;
            record("filter-clear");
        }
        x += p.w + gap;
        ImGui::SameLine();
    }
    ImGui::SetCursorPosX(std::max(x, ImGui::GetWindowWidth() - crs_w - style.WindowPadding.x));
    ImGui::TextDisabled("%s", info.crs.c_str());
    record("crs");
    if (ImGui::IsItemHovered() && !info.crs_full.empty()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
        ImGui::TextUnformatted(info.crs_full.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
    ImGui::End();
    ImGui::PopStyleVar(2);
    return clear;
}

}  // namespace bm::ui
