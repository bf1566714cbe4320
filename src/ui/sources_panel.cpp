// Sources: the articles with outlet and date; filtering by outlet and date range narrows the
// places, passages and highlights everywhere else.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <set>

#include "ui/panels.h"

namespace bm::ui {

void draw_sources_panel(const Document& doc, State& st, Requests& req) {
    std::set<std::string> outlets, dates;
    for (const auto& a : doc.corpus.articles) {
        outlets.insert(a.outlet);
        if (!a.date.empty()) dates.insert(a.date);
    }
    ImGui::TextDisabled("Outlets");
    for (const std::string& o : outlets) {
        bool shown = !st.view.filter.hidden_outlets.count(o);
        if (ImGui::Checkbox(o.empty() ? "(no outlet)" : o.c_str(), &shown)) {
            if (shown)
                st.view.filter.hidden_outlets.erase(o);
            else
                st.view.filter.hidden_outlets.insert(o);
            req.filter_changed = true;
        }
    }
    ImGui::TextDisabled("Dates");
    auto date_combo = [&](const char* label, std::string& value) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        if (ImGui::BeginCombo(label, value.empty() ? "any" : value.c_str())) {
            if (ImGui::Selectable("any", value.empty())) value.clear(), req.filter_changed = true;
            for (const std::string& d : dates)
                if (ImGui::Selectable(d.c_str(), value == d)) value = d, req.filter_changed = true;
            ImGui::EndCombo();
        }
    };
    date_combo("from", st.view.filter.from);
    ImGui::SameLine();
    date_combo("to", st.view.filter.to);
    if (st.view.filter.active()) {
        ImGui::SameLine();
        if (ImGui::SmallButton("Clear")) {
            st.view.filter = {};
            req.filter_changed = true;
        }
    }
    ImGui::Separator();
    if (ImGui::BeginTable("articles", 3, ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Article", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Outlet", ImGuiTableColumnFlags_WidthFixed,
                                ImGui::GetFontSize() * 7);
        ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthFixed,
                                ImGui::GetFontSize() * 5.5f);
        ImGui::TableHeadersRow();
        for (ArticleId i : doc.corpus.ids()) {
            const auto& a = doc.corpus[i];
            const bool shown = st.view.filter.accepts(a);
            ImGui::PushID(int(i.index()));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (!shown)
                ImGui::PushStyleColor(ImGuiCol_Text,
                                      ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            if (ImGui::Selectable(a.title.c_str(), st.reader_article == i,
                                  ImGuiSelectableFlags_SpanAllColumns))
                req.read_article = i;
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", a.title.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(a.outlet.empty() ? "—" : a.outlet.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(a.date.empty() ? "—" : a.date.c_str());
            if (!shown) ImGui::PopStyleColor();
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
}

}  // namespace bm::ui
