// Passages of the selected place: article, outlet and date, and the paragraph with every
// mention highlighted. Click a mention to go to that place; click the passage to highlight
// every place it names and fit the map to them.
#include <imgui.h>

#include "common/open_url.h"
#include "document/reading.h"
#include "ui/panels.h"
#include "ui/rich_text.h"

namespace bm::ui {

std::vector<Mark> paragraph_marks(const Document& doc, PassageRef passage) {
    std::vector<Mark> marks;
    for (const linker::Hit& h : doc.index.links_in(passage)) {
        const bool counted = h.confidence >= doc.index.threshold();
        marks.push_back({h.span.start, h.span.end, h.place,
                         h.confidence < linker::kSure || !h.candidates.empty(), counted,
                         linker::describe(h, doc.gazetteer, doc.index.threshold())});
    }
    return marks;
}

namespace {

// One passage: title, outlet and date, the paragraph with its marks, the buttons.
void draw_passage(const Document& doc, State& st, Requests& req, const linker::Passage& p, int k) {
    const corpus::Article& a = doc.corpus[p.article];
    const PassageRef ref = p.ref();
    const bool active = st.active_passage && *st.active_passage == ref;
    ImGui::PushID(k);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    ImGui::BeginGroup();
    ImGui::TextWrapped("%s", a.title.empty() ? "(untitled)" : a.title.c_str());
    // A PDF's passage says its page beside the source: "Outlet · 2023-12-08 · p. 12".
    const std::string page = a.page_label(p.paragraph);
    std::string source = a.outlet.empty() ? "unknown outlet" : a.outlet;
    for (const std::string* part : {&a.date, &page})
        if (!part->empty()) source += " · " + *part;
    ImGui::TextDisabled("%s", source.c_str());
    const auto marks = paragraph_marks(doc, ref);
    auto r = rich_text("para", a.paragraphs[p.paragraph], marks, st.selected);
    if (r.clicked >= 0) {
        req.select = marks[size_t(r.clicked)].place;
        req.fly_to_selection = true;
    } else if (r.clicked_text) {
        req.activate_passage = ref;
    }
    if (r.hovered >= 0) st.hovered_place = marks[size_t(r.hovered)].place;
    if (ImGui::SmallButton("Highlight places")) req.activate_passage = ref;
    ImGui::SameLine();
    if (ImGui::SmallButton("Read article")) {
        req.read_article = p.article;
        req.read_paragraph = int(p.paragraph);
    }
    const std::string key = std::to_string(p.article.index()) + ":" + std::to_string(p.paragraph);
    record_control(st, "read:" + key);
    std::string why;
    if (!a.url.empty()) {
        ImGui::SameLine();
        const bool safe = is_safe_web_url(a.url, &why);
        if (!safe) ImGui::BeginDisabled();
        if (ImGui::SmallButton("Open source")) req.open_url = a.url;
        if (!safe) ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
            ImGui::SetTooltip("%s%s%s", a.url.c_str(),
                              safe ? "" : "\nnot opened: ", safe ? "" : why.c_str());
    }
    // For a briefing: the citation (outlet, date, title, URL), the passage quoted with its
    // short citation, or the URL alone.
    ImGui::TextDisabled("Copy");
    ImGui::SameLine();
    if (ImGui::SmallButton("citation")) req.copy = citation(a), req.copied = "citation";
    record_control(st, "copy-citation:" + key);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Outlet, date, title and URL");
    ImGui::SameLine();
    if (ImGui::SmallButton("quote")) req.copy = quote(a, p.paragraph), req.copied = "quote";
    record_control(st, "copy-quote:" + key);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The paragraph in quotes, outlet and date");
    if (!a.url.empty()) {
        ImGui::SameLine();
        if (ImGui::SmallButton("URL")) req.copy = a.url, req.copied = "URL";
        record_control(st, "copy-url:" + key);
    }
    ImGui::EndGroup();
    const ImVec2 bottom = ImGui::GetItemRectMax();
    if (active)
        ImGui::GetWindowDrawList()->AddRect(ImVec2(top.x - 4, top.y - 2),
                                            ImVec2(bottom.x + 2, bottom.y + 2),
                                            IM_COL32(211, 84, 0, 255), 4, 0, 2);
    st.passage_rects.push_back({ref, top.x, top.y, bottom.x - top.x, bottom.y - top.y, source});
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::PopID();
}

}  // namespace

void draw_passages_panel(const Document& doc, State& st, Requests& req) {
    st.passage_rects.clear();
    if (!doc.gazetteer.contains(st.selected)) {
        ImGui::TextWrapped(
            "Click a place on the map or in the Places list to read what the sources say about "
            "it.");
        return;
    }
    const auto& place = doc.gazetteer[st.selected];
    ImGui::PushFont(ImGui::GetIO().Fonts->Fonts.Size > 1 ? ImGui::GetIO().Fonts->Fonts[1]
                                                         : nullptr);
    ImGui::TextWrapped("%s", place.name.c_str());
    ImGui::PopFont();
    if (!place.aliases.empty()) {
        std::string al;
        for (auto& a : place.aliases) al += (al.empty() ? "" : " · ") + a;
        ImGui::TextDisabled("also %s", al.c_str());
    }
    const auto passages = visible_passages(doc, st, st.selected);
    ImGui::TextDisabled("%s · %zu passage%s", place.kind.c_str(), passages.size(),
                        passages.size() == 1 ? "" : "s");
    filter_notice(doc, st, req, "passages");
    ImGui::Separator();
    ImGui::BeginChild("passages");
    if (passages.empty())
        ImGui::TextWrapped("No article in the loaded sources mentions this place.");
    for (size_t k = 0; k < passages.size(); ++k) draw_passage(doc, st, req, *passages[k], int(k));
    // Mentions the linker doubts (a person's name, a common word, another place of the name):
    // shown apart, not counted, each mark with its reason.
    std::vector<const linker::Passage*> unsure;
    for (const linker::Passage& p : doc.index.uncertain_passages_of(st.selected))
        if (doc.corpus.contains(p.article) && st.view.filter.accepts(doc.corpus[p.article]))
            unsure.push_back(&p);
    if (!unsure.empty()) {
        ImGui::PushID("unsure");
        if (ImGui::CollapsingHeader(
                ("Uncertain mentions (" + std::to_string(unsure.size()) + ")###unsure").c_str()))
            for (size_t k = 0; k < unsure.size(); ++k)
                draw_passage(doc, st, req, *unsure[k], int(k));
        ImGui::PopID();
    }
    ImGui::EndChild();
}

}  // namespace bm::ui
