#include "ui/rich_text.h"

#include <algorithm>

namespace bm::ui {

namespace {
struct Piece {
    uint32_t start, end;
    int mark;  // -1: plain
    bool space;
};
}  // namespace

RichTextResult rich_text(const char* id, std::string_view text, const std::vector<Mark>& marks_in,
                         PlaceId emphasis) {
    RichTextResult res;
    ImGui::PushID(id);
    std::vector<Mark> marks = marks_in;
    std::sort(marks.begin(), marks.end(),
              [](const Mark& a, const Mark& b) { return a.start < b.start; });

    // Split into words and spaces, and at mark boundaries, so wrapping never breaks a word and
    // a mark keeps its own background.
    std::vector<Piece> pieces;
    size_t mi = 0;
    uint32_t i = 0;
    const uint32_t n = uint32_t(text.size());
    while (i < n) {
        while (mi < marks.size() && marks[mi].end <= i) ++mi;
        if (mi < marks.size() && marks[mi].start <= i && i < marks[mi].end) {
            pieces.push_back({i, marks[mi].end, int(mi), false});
            i = marks[mi].end;
            continue;
        }
        const bool sp = text[i] == ' ';
        uint32_t j = i;
        while (j < n && (text[j] == ' ') == sp &&
               !(mi < marks.size() && j == marks[mi].start && j != i))
            ++j;
        if (j == i) j = i + 1;
        pieces.push_back({i, j, -1, sp});
        i = j;
    }

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float wrap = std::max(50.f, ImGui::GetContentRegionAvail().x);
    const float line_h = ImGui::GetTextLineHeightWithSpacing();
    const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 mark_bg = IM_COL32(255, 214, 120, 150),
                mark_bg_strong = IM_COL32(255, 170, 60, 220);
    const ImU32 mark_hover = IM_COL32(255, 140, 0, 255);
    const ImU32 mark_bg_pale = IM_COL32(200, 200, 200, 90);
    float x = 0, y = 0;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    // Wrap by whole words: a word and the mark glued to it ("Armenia's") move together.
    for (size_t k = 0; k < pieces.size(); ++k) {
        const Piece& p = pieces[k];
        const char* b = text.data() + p.start;
        const char* e = text.data() + p.end;
        ImVec2 sz = ImGui::CalcTextSize(b, e);
        if (p.space) {
            if (x > 0) x += sz.x;
            continue;
        }
        // Width of the unbroken run starting here.
        float run = sz.x;
        for (size_t m = k + 1; m < pieces.size() && !pieces[m].space; ++m)
            run +=
                ImGui::CalcTextSize(text.data() + pieces[m].start, text.data() + pieces[m].end).x;
        const bool at_run_start = k == 0 || pieces[k - 1].space;
        if (at_run_start && x > 0 && x + run > wrap) {
            x = 0;
            y += line_h;
        }
        const ImVec2 pos(origin.x + x, origin.y + y);
        if (p.mark >= 0) {
            const ImVec2 br(pos.x + sz.x, pos.y + ImGui::GetTextLineHeight());
            const bool hover = ImGui::IsWindowHovered() && mouse.x >= pos.x && mouse.x < br.x &&
                               mouse.y >= pos.y && mouse.y < br.y;
            const Mark& m = marks[size_t(p.mark)];
            dl->AddRectFilled(ImVec2(pos.x - 1, pos.y), ImVec2(br.x + 1, br.y),
                              hover                 ? mark_hover
                              : !m.counted          ? mark_bg_pale
                              : m.place == emphasis ? mark_bg_strong
                                                    : mark_bg,
                              3);
            // Report the index in the caller's order.
            int orig = int(
                std::find_if(marks_in.begin(), marks_in.end(),
                             [&](const Mark& o) { return o.start == m.start && o.end == m.end; }) -
                marks_in.begin());
            if (m.unsure) {  // dotted underline, and a "?" after the name
                const float y = br.y - 1;
                for (float dx = pos.x; dx < br.x; dx += 4)
                    dl->AddRectFilled(ImVec2(dx, y), ImVec2(std::min(dx + 2, br.x), y + 1.5f),
                                      IM_COL32(150, 60, 0, 255));
                dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 0.7f, ImVec2(br.x, pos.y),
                            IM_COL32(150, 60, 0, 255), "?");
            }
            if (hover) {
                if (!m.note.empty()) ImGui::SetTooltip("%s", m.note.c_str());
                res.hovered = orig;
                ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
                if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) res.clicked = orig;
            }
        }
        dl->AddText(pos, text_col, b, e);
        x += sz.x;
    }
    const ImVec2 size(wrap, y + line_h);
    ImGui::InvisibleButton("##text", size);
    if (ImGui::IsItemClicked() && res.clicked < 0) res.clicked_text = true;
    ImGui::PopID();
    return res;
}

}  // namespace bm::ui
