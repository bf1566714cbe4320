// The whole article, with every mention highlighted and clickable.
#include <imgui.h>

#include "common/open_url.h"
#include "ui/panels.h"
#include "ui/rich_text.h"

namespace bm::ui {

void draw_article_panel(const Document& doc, State& st, Requests& req) {
    if (!st.reader_article || !doc.corpus.contains(*st.reader_article)) {
        ImGui::TextWrapped("Choose \"Read article\" on a passage, or an article in Sources.");
        return;
    }
    const ArticleId ai = *st.reader_article;
    const corpus::Article& a = doc.corpus[ai];
    ImGui::PushFont(ImGui::GetIO().Fonts->Fonts.Size > 1 ? ImGui::GetIO().Fonts->Fonts[1]
                                                         : nullptr);
    ImGui::TextWrapped("%s", a.title.c_str());
    ImGui::PopFont();
    ImGui::TextDisabled("%s%s%s%s%s", a.outlet.empty() ? "unknown outlet" : a.outlet.c_str(),
                        a.date.empty() ? "" : " · ", a.date.c_str(), a.byline.empty() ? "" : " · ",
                        a.byline.c_str());
    if (!a.url.empty() && is_safe_web_url(a.url)) {
        if (ImGui::SmallButton("Open source")) req.open_url = a.url;
        ImGui::SameLine();
        ImGui::TextDisabled("%s", a.url.c_str());
    }
    filter_notice(doc, st, req, "article");
    ImGui::Separator();
    // One child per article: each opens at its own scroll position (the top, or the passage).
    ImGui::BeginChild(ImGui::GetID(("article" + std::to_string(ai.index())).c_str()));
    {  // the visible part of the article, for tests: is the passage read on screen?
        const ImVec2 p = ImGui::GetWindowPos(), sz = ImGui::GetWindowSize();
        st.controls["reader-view"] = {p.x, p.y, sz.x, sz.y};
    }
    for (size_t k = 0; k < a.paragraphs.size(); ++k) {
        ImGui::PushID(int(k));
        const PassageRef ref{ai, uint32_t(k)};
        const auto marks = paragraph_marks(doc, ref);
        const bool active = st.active_passage && *st.active_passage == ref;
        const bool read = st.reader_paragraph && *st.reader_paragraph == int(k);
        // The passage "Read article" came from: scrolled to (a fifth from the top, so the
        // paragraph before gives context) and on a pale background.
        if (read && st.reader_scroll) {
            ImGui::SetScrollHereY(0.2f);
            --st.reader_scroll;
        }
        const ImVec2 top = ImGui::GetCursorScreenPos();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        if (read) dl->ChannelsSplit(2), dl->ChannelsSetCurrent(1);
        auto r = rich_text("p", a.paragraphs[k], marks, st.selected);
        if (read) {
            const ImVec2 bottom = ImGui::GetItemRectMax();
            dl->ChannelsSetCurrent(0);
            dl->AddRectFilled(ImVec2(top.x - 4, top.y - 2), ImVec2(bottom.x + 2, bottom.y + 2),
                              IM_COL32(255, 236, 179, 255), 4);
            dl->AddRectFilled(ImVec2(top.x - 4, top.y - 2), ImVec2(top.x - 1, bottom.y + 2),
                              IM_COL32(211, 84, 0, 255));
            dl->ChannelsMerge();
            st.controls["reader-passage"] = {top.x, top.y, bottom.x - top.x, bottom.y - top.y};
        }
        if (active) {
            const ImVec2 bottom = ImGui::GetItemRectMax();
            ImGui::GetWindowDrawList()->AddRect(ImVec2(top.x - 4, top.y - 2),
                                                ImVec2(bottom.x + 2, bottom.y + 2),
                                                IM_COL32(211, 84, 0, 255), 4, 0, 2);
        }
        if (r.clicked >= 0) {
            req.select = marks[size_t(r.clicked)].place;
            req.fly_to_selection = true;
        } else if (r.clicked_text && !marks.empty()) {
            req.activate_passage = ref;
        }
        if (r.hovered >= 0) st.hovered_place = marks[size_t(r.hovered)].place;
        ImGui::Spacing();
        ImGui::PopID();
    }
    ImGui::EndChild();
}

}  // namespace bm::ui
