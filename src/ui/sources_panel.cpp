// Sources: the articles with outlet and date; filtering by outlet and date range narrows the
// places, passages and highlights everywhere else.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <set>

#include "document/reading.h"
#include "ui/panels.h"

namespace bm::ui {

namespace {

// The date range: two fields (empty: open, the corpus' first and last dates as hints),
// presets, and a slider over the dates the articles have.
void date_range(const Document& doc, State& st, Requests& req) {
    SourceFilter& f = st.view.filter;
    static const Document* cached_for = nullptr;
    static std::vector<std::string> dates;  // the corpus' dates, oldest first
    if (cached_for != &doc) dates = corpus_dates(doc.corpus), cached_for = &doc;
    if (dates.empty()) {
        ImGui::TextDisabled("No article has a date.");
        return;
    }
    // The fields edit a copy: a half-typed date is shown (in red) but not applied.
    static std::string from_text, to_text, from_seen = "?", to_seen = "?";
    if (f.from != from_seen) from_text = from_seen = f.from;
    if (f.to != to_seen) to_text = to_seen = f.to;
    const float field_w =
        ImGui::CalcTextSize("0000-00-00").x + ImGui::GetStyle().FramePadding.x * 4;
    auto field = [&](const char* id, const std::string& hint, std::string& text, std::string& value,
                     std::string& seen) {
        const bool bad = !text.empty() && !is_iso_date(text);
        if (bad) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.1f, 0.1f, 1));
        ImGui::SetNextItemWidth(field_w);
        if (ImGui::InputTextWithHint(id, hint.c_str(), &text) &&
            (text.empty() || is_iso_date(text))) {
            value = seen = text;
            req.filter_changed = true;
        }
        if (bad) ImGui::PopStyleColor();
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(bad ? "Not a date: YYYY-MM-DD" : "YYYY-MM-DD; empty: no limit");
    };
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("From");
    ImGui::SameLine();
    field("##from", dates.front(), from_text, f.from, from_seen);
    ImGui::SameLine();
    ImGui::TextUnformatted("to");
    ImGui::SameLine();
    field("##to", dates.back(), to_text, f.to, to_seen);

    // The slider's ends are the dates present (a typed date between two snaps to the nearer
    // one on the slider only, the filter keeps it).
    auto index_of = [&](const std::string& d, int open) {
        if (d.empty()) return open;
        auto it = std::lower_bound(dates.begin(), dates.end(), d);
        return int(std::min<size_t>(size_t(it - dates.begin()), dates.size() - 1));
    };
    const int last = int(dates.size()) - 1;
    int lo = index_of(f.from, 0), hi = index_of(f.to, last);
    const float w = ImGui::GetContentRegionAvail().x;
    ImGui::SetNextItemWidth(w * 0.5f - ImGui::GetStyle().ItemSpacing.x / 2);
    if (ImGui::SliderInt("##lo", &lo, 0, last, dates[size_t(lo)].c_str(),
                         ImGuiSliderFlags_AlwaysClamp)) {
        f.from = lo == 0 ? "" : dates[size_t(lo)];
        if (hi < lo) f.to = dates[size_t(lo)];
        req.filter_changed = true;
    }
    record_control(st, "date-slider-from");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    if (ImGui::SliderInt("##hi", &hi, 0, last, dates[size_t(hi)].c_str(),
                         ImGuiSliderFlags_AlwaysClamp)) {
        f.to = hi == last ? "" : dates[size_t(hi)];
        if (lo > hi) f.from = dates[size_t(hi)];
        req.filter_changed = true;
    }
    record_control(st, "date-slider-to");
    if (ImGui::SmallButton("All dates")) f.from.clear(), f.to.clear(), req.filter_changed = true;
    record_control(st, "dates-all");
    for (int days : {7, 30}) {
        ImGui::SameLine();
        const std::string label = "Last " + std::to_string(days) + " days";
        if (ImGui::SmallButton(label.c_str())) {
            filter_last_days(doc.corpus, days, f);
            req.filter_changed = true;
        }
        record_control(st, "dates-last-" + std::to_string(days));
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("The last %d days of the articles (to %s)", days,
                              dates.back().c_str());
    }
}

}  // namespace

void draw_sources_panel(const Document& doc, State& st, Requests& req) {
    std::set<std::string> outlets;
    for (const auto& a : doc.corpus.articles) outlets.insert(a.outlet);
    filter_notice(doc, st, req, "sources");
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
        record_control(st, "outlet:" + o);
    }
    ImGui::TextDisabled("Dates");
    date_range(doc, st, req);
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
            record_control(st, "source:" + std::to_string(i.index()));
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
