// Problems: what could not be loaded, and why (file, line/feature/byte, reason). Everything
// that did load stays usable; this panel never blocks.
#include <imgui.h>

#include "ui/panels.h"

namespace bm::ui {

void draw_problems_panel(const Document& doc, State&, Requests&) {
    if (doc.problems.empty()) {
        ImGui::TextWrapped("Everything loaded without problems.");
        return;
    }
    size_t errors = 0;
    for (const Problem& p : doc.problems) errors += p.severity == Problem::Severity::Error;
    ImGui::TextWrapped("%zu error%s and %zu warning%s while loading; what did load is on the map.",
                       errors, errors == 1 ? "" : "s", doc.problems.size() - errors,
                       doc.problems.size() - errors == 1 ? "" : "s");
    ImGui::Separator();
    ImGui::BeginChild("problems");
    ImGuiListClipper clipper;
    clipper.Begin(int(doc.problems.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Problem& p = doc.problems[size_t(i)];
            ImGui::PushID(i);
            const bool err = p.severity == Problem::Severity::Error;
            ImGui::TextColored(err ? ImVec4(0.75f, 0.15f, 0.1f, 1) : ImVec4(0.6f, 0.42f, 0, 1),
                               "%s", err ? "error" : "warning");
            ImGui::SameLine();
            ImGui::TextWrapped("%s", p.what.c_str());
            if (!p.file.empty())
                ImGui::TextDisabled("%s%s%s", p.file.c_str(), p.where.empty() ? "" : " · ",
                                    p.where.c_str());
            ImGui::TextWrapped("%s", p.why.c_str());
            ImGui::Separator();
            ImGui::PopID();
        }
    ImGui::EndChild();
}

}  // namespace bm::ui
