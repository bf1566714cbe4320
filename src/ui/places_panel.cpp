// Places: searchable, sortable by name or by number of passages; click to select and fly.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "document/reading.h"
#include "ui/panels.h"

namespace bm::ui {

namespace {
// The list shown, rebuilt only when its inputs change (search text, sort, source filter).
struct PlacesCache {
    std::string search;
    int sort = -1;
    SourceFilter filter;  // the counts' (rows follow the counts when sorted by passages)
    const Document* doc = nullptr;
    std::vector<PlaceId> rows;
    std::vector<int> counts;  // per gazetteer place, passages passing the filter
};
}  // namespace

void draw_places_panel(const Document& doc, State& st, Requests& req) {
    static PlacesCache cache;
    if (st.focus_search) {
        ImGui::SetKeyboardFocusHere();
        st.focus_search = false;
    }
    auto refresh = [&] {
        if (cache.doc == &doc && cache.search == st.search && cache.sort == st.sort &&
            cache.filter == st.view.filter)
            return;
        if (cache.doc != &doc || cache.filter != st.view.filter) {  // not on each key typed
            cache.counts.assign(doc.gazetteer.size(), 0);
            for (PlaceId i : doc.gazetteer.ids())
                cache.counts[i.index()] = int(visible_passages(doc, st, i).size());
        }
        cache.doc = &doc;
        cache.search = st.search;
        cache.sort = st.sort;
        cache.filter = st.view.filter;
        cache.rows = search_places(doc.gazetteer, st.search, cache.counts, st.sort);
    };
    ImGui::SetNextItemWidth(-1);
    // Enter selects the first place listed; Esc empties the box (ImGui would only undo the
    // last edit). Both are read while the box has the keyboard.
    const bool enter = ImGui::InputTextWithHint("##search", "Search places (Ctrl+F)", &st.search,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    record_control(st, "search");
    if (ImGui::IsItemActive() || ImGui::IsItemDeactivated()) {
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) st.search.clear();
    }
    if (enter) {
        refresh();
        if (!cache.rows.empty()) {
            req.select = cache.rows.front();
            req.fly_to_selection = true;
        }
    }
    ImGui::TextDisabled("Sort:");
    ImGui::SameLine();
    ImGui::RadioButton("by name", &st.sort, 0);
    ImGui::SameLine();
    ImGui::RadioButton("by passages", &st.sort, 1);
    filter_notice(doc, st, req, "places");
    refresh();

    ImGui::TextDisabled("%zu of %zu places", cache.rows.size(), doc.gazetteer.size());
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV;
    if (ImGui::BeginTable("places", 3, flags)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Place", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6);
        ImGui::TableSetupColumn("Passages", ImGuiTableColumnFlags_WidthFixed,
                                ImGui::GetFontSize() * 4);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(int(cache.rows.size()));
        while (clipper.Step())
            for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
                const PlaceId i = cache.rows[size_t(r)];
                const auto& p = doc.gazetteer[i];
                ImGui::PushID(int(i.index()));
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                const bool selected = st.selected == i;
                if (ImGui::Selectable(p.name.c_str(), selected,
                                      ImGuiSelectableFlags_SpanAllColumns)) {
                    req.select = i;
                    req.fly_to_selection = true;
                }
                if (ImGui::IsItemHovered()) {
                    st.hovered_place = i;
                    if (!p.aliases.empty()) {
                        std::string al;
                        for (auto& a : p.aliases) al += (al.empty() ? "" : ", ") + a;
                        ImGui::SetTooltip("Also: %s", al.c_str());
                    }
                }
                ImGui::TableNextColumn();
                ImGui::TextDisabled("%s",
                                    p.kind.c_str());  // (style: dark enough on a selected row)
                ImGui::TableNextColumn();
                if (cache.counts[i.index()])
                    ImGui::Text("%d", cache.counts[i.index()]);
                else
                    ImGui::TextDisabled("0");
                ImGui::PopID();
            }
        ImGui::EndTable();
    }
}

}  // namespace bm::ui
