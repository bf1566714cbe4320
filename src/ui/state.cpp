#include "ui/state.h"

#include <imgui.h>

#include "document/reading.h"

namespace bm::ui {

std::vector<const linker::Passage*> visible_passages(const Document& doc, const State& st,
                                                     PlaceId place) {
    return bm::visible_passages(doc, st.view.filter, place);
}

void record_control(State& st, const std::string& name) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    st.controls[name] = {a.x, a.y, b.x - a.x, b.y - a.y};
}

void filter_notice(const Document& doc, State& st, Requests& req, const char* where) {
    if (!st.view.filter.active()) return;
    const FilterSummary f = summarise_filter(doc.corpus, st.view.filter);
    // Amber, as a warning that the lists are narrowed, in every panel that is.
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.62f, 0.32f, 0.0f, 1));
    ImGui::AlignTextToFramePadding();
    ImGui::Text("Sources filtered: %s", f.text().c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (ImGui::SmallButton((std::string("Clear##filter-") + where).c_str()))
        req.clear_filter = true;
    record_control(st, std::string("filter-clear:") + where);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show every outlet and date again");
}

}  // namespace bm::ui
