// Unknown names: the names the articles use as places that no place on the map matches
// (linker::unknown_names), most used first, each with the passages that use it. Click a
// passage to read it in the Article tab and to highlight (and fly to) the known places it
// names: where the unknown place lies is usually near them.
#include <imgui.h>

#include <string>

#include "linker/unknown_names.h"
#include "ui/panels.h"
#include "ui/rich_text.h"

namespace bm::ui {

void draw_unknown_names_panel(const Document& doc, State& st, Requests& req) {
    st.unknown_rects.clear();
    // Computed once, when the panel is first shown: the document does not change under it.
    if (!st.unknown_names)
        st.unknown_names = linker::unknown_names(doc.corpus, doc.gazetteer, &doc.index);
    const auto& names = *st.unknown_names;
    if (names.empty()) {
        ImGui::TextWrapped("Every name the articles use as a place is on the map.");
        return;
    }
    ImGui::TextWrapped(
        "%zu name%s the articles use as places that no place on the map matches, most used "
        "first. Click a passage to read it and see the places it names.",
        names.size(), names.size() == 1 ? "" : "s");
    ImGui::Separator();
    ImGui::BeginChild("unknown");
    for (size_t i = 0; i < names.size(); ++i) {
        const linker::UnknownName& u = names[i];
        ImGui::PushID(int(i));
        if (i < 3) ImGui::SetNextItemOpen(true, ImGuiCond_Once);
        const bool open = ImGui::TreeNode("name", "%s  (%zu)", u.name.c_str(), u.count);
        std::string cues;
        for (const auto& c : u.cues) cues += (cues.empty() ? "" : ", ") + c;
        ImGui::SameLine();
        ImGui::TextDisabled("%s", cues.c_str());
        if (open) {
            for (size_t k = 0; k < u.mentions.size();) {
                const auto& m = u.mentions[k];
                std::vector<Mark> marks;
                // Every mention of the name in this paragraph.
                for (; k < u.mentions.size() && u.mentions[k].article == m.article &&
                       u.mentions[k].paragraph == m.paragraph;
                     ++k)
                    marks.push_back(
                        {u.mentions[k].span.start, u.mentions[k].span.end, PlaceId::none()});
                if (!doc.corpus.contains(m.article)) continue;
                const corpus::Article& a = doc.corpus[m.article];
                if (m.paragraph >= a.paragraphs.size()) continue;
                ImGui::PushID(int(k));
                const PassageRef ref = m.ref();
                const ImVec2 top = ImGui::GetCursorScreenPos();
                ImGui::TextDisabled("%s%s%s", a.title.c_str(), a.outlet.empty() ? "" : " · ",
                                    a.outlet.c_str());
                const auto r = rich_text("p", a.paragraphs[m.paragraph], marks);
                const ImVec2 bottom = ImGui::GetItemRectMax();
                if (r.clicked >= 0 || r.clicked_text) {
                    req.activate_passage = ref;
                    req.read_article = m.article;
                }
                st.unknown_rects.push_back({ref, top.x, top.y, bottom.x - top.x, bottom.y - top.y});
                ImGui::Spacing();
                ImGui::PopID();
            }
            ImGui::TreePop();
        }
        ImGui::PopID();
    }
    ImGui::EndChild();
}

}  // namespace bm::ui
