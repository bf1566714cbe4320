// Places: searchable, sortable by name or by number of passages; click to select and fly.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "ui/panels.h"

namespace bm::ui {

namespace {
// The list shown, rebuilt only when its inputs change (search text, sort, source filter).
struct PlacesCache {
    std::string search;
    int sort = -1;
    std::set<std::string> hidden;
    std::string from, to;
    const Document* doc = nullptr;
    std::vector<PlaceId> rows;
    std::vector<int> counts;  // per gazetteer place, passages passing the filter
};

bool matches(const gazetteer::Place& p, const std::string& needle) {
    if (needle.empty()) return true;
    if (gazetteer::fold_key(p.name).find(needle) != std::string::npos) return true;
    for (auto& a : p.aliases)
        if (gazetteer::fold_key(a).find(needle) != std::string::npos) return true;
    return p.id.find(needle) != std::string::npos;
}
}  // namespace

void draw_places_panel(const Document& doc, State& st, Requests& req) {
    static PlacesCache cache;
    if (st.focus_search) {
        ImGui::SetKeyboardFocusHere();
        st.focus_search = false;
    }
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##search", "Search places (Ctrl+F)", &st.search);
    ImGui::TextDisabled("Sort:");
    ImGui::SameLine();
    ImGui::RadioButton("by name", &st.sort, 0);
    ImGui::SameLine();
    ImGui::RadioButton("by passages", &st.sort, 1);

    if (cache.doc != &doc || cache.search != st.search || cache.sort != st.sort ||
        cache.hidden != st.view.filter.hidden_outlets || cache.from != st.view.filter.from ||
        cache.to != st.view.filter.to) {
        cache.doc = &doc;
        cache.search = st.search;
        cache.sort = st.sort;
        cache.hidden = st.view.filter.hidden_outlets;
        cache.from = st.view.filter.from;
        cache.to = st.view.filter.to;
        cache.counts.assign(doc.gazetteer.size(), 0);
        for (PlaceId i : doc.gazetteer.ids())
            cache.counts[i.index()] = int(visible_passages(doc, st, i).size());
        const std::string needle = gazetteer::fold_key(st.search);
        cache.rows.clear();
        for (PlaceId i : doc.gazetteer.ids())
            if (matches(doc.gazetteer[i], needle)) cache.rows.push_back(i);
        auto by_name = [&](PlaceId a, PlaceId b) {
            return doc.gazetteer[a].name < doc.gazetteer[b].name;
        };
        if (st.sort == 0)
            std::stable_sort(cache.rows.begin(), cache.rows.end(), by_name);
        else
            std::stable_sort(cache.rows.begin(), cache.rows.end(), [&](PlaceId a, PlaceId b) {
                const int ca = cache.counts[a.index()], cb = cache.counts[b.index()];
                if (ca != cb) return ca > cb;
                return by_name(a, b);
            });
    }

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
                ImGui::TextDisabled("%s", p.kind.c_str());
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
