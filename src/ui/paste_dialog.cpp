#include "ui/paste_dialog.h"

#include <imgui.h>

#include <cstring>
#include <vector>

namespace bm::ui {

namespace {

// A text field over a std::string (ImGui 1.86 has no std::string overload without misc/).
void field(const char* label, const char* id, std::string& s, State& st, const char* control,
           bool multiline = false) {
    std::vector<char> buf(s.size() + (multiline ? 65536 : 4096));
    std::memcpy(buf.data(), s.data(), s.size());
    buf[s.size()] = 0;
    ImGui::TextUnformatted(label);
    const float w = ImGui::GetFontSize() * 36;
    if (multiline)
        ImGui::InputTextMultiline(id, buf.data(), buf.size(),
                                  ImVec2(w, ImGui::GetTextLineHeight() * 12));
    else {
        ImGui::SetNextItemWidth(w);
        ImGui::InputText(id, buf.data(), buf.size());
    }
    record_control(st, control);
    s = buf.data();
}

}  // namespace

void draw_paste_dialog(PasteForm& f, State& st) {
    f.accepted = false;
    if (!f.open) return;
    if (!ImGui::IsPopupOpen("Paste article")) ImGui::OpenPopup("Paste article");
    if (!ImGui::BeginPopupModal("Paste article", nullptr, ImGuiWindowFlags_AlwaysAutoResize))
        return;
    ImGui::TextDisabled("From the clipboard: check the guesses, then Import.");
    if (f.ask_workspace)
        field("Keep it in this workspace (a GeoPackage):", "##paste-ws", f.workspace, st,
              "paste-workspace");
    field("Title", "##paste-title", f.fields.title, st, "paste-title");
    field("Outlet", "##paste-outlet", f.fields.outlet, st, "paste-outlet");
    field("Date (YYYY-MM-DD, 8 December 2023, …)", "##paste-date", f.fields.date, st, "paste-date");
    field("URL", "##paste-url", f.fields.url, st, "paste-url");
    field("Text", "##paste-text", f.fields.text, st, "paste-text", true);
    if (!f.message.empty())
        ImGui::TextColored(ImVec4(0.75f, 0.15f, 0.1f, 1), "%s", f.message.c_str());
    if (ImGui::Button("Import")) f.accepted = true;
    record_control(st, "paste-import");
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        f.open = false;
        ImGui::CloseCurrentPopup();
    }
    record_control(st, "paste-cancel");
    ImGui::EndPopup();
}

}  // namespace bm::ui
