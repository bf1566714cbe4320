#include "ui/path_dialog.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace bm::ui {

namespace {

// A text field over a std::string (ImGui 1.86 has no std::string overload without misc/).
bool path_field(const char* label, std::string& s) {
    std::vector<char> buf(s.size() + 4096);
    std::memcpy(buf.data(), s.data(), s.size());
    buf[s.size()] = 0;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 32);
    const bool enter =
        ImGui::InputText(label, buf.data(), buf.size(), ImGuiInputTextFlags_EnterReturnsTrue);
    s = buf.data();
    return enter;
}

const char* title(PathForm::Kind k) {
    switch (k) {
        case PathForm::Kind::NewWorkspace:
            return "New workspace###pathform";
        case PathForm::Kind::OpenWorkspace:
            return "Open workspace###pathform";
        case PathForm::Kind::ImportArticles:
            return "Import articles###pathform";
        case PathForm::Kind::SaveAs:
            return "Save workspace as###pathform";
        case PathForm::Kind::WatchFolder:
            return "Watch folder###pathform";
        case PathForm::Kind::AddLayer:
            return "Add layer###pathform";
    }
    return "###pathform";
}

}  // namespace

void draw_path_dialog(PathForm& f) {
    f.browse = PathForm::Browse::None;
    f.accepted = false;
    if (!f.open) return;
    if (!ImGui::IsPopupOpen("###pathform")) ImGui::OpenPopup("###pathform");
    if (!ImGui::BeginPopupModal(title(f.kind), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    bool enter = false;
    const bool importing = f.kind == PathForm::Kind::ImportArticles ||
                           f.kind == PathForm::Kind::AddLayer ||
                           f.kind == PathForm::Kind::WatchFolder;
    if (f.ask_workspace) {
        ImGui::TextUnformatted(importing ? "Keep what you import in this workspace (a GeoPackage):"
                               : f.kind == PathForm::Kind::SaveAs
                                   ? "A new file: a copy of this workspace, which you then work in:"
                                   : "Workspace file (a GeoPackage):");
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        enter |= path_field("##workspace", f.workspace);
        if (f.can_browse) {
            ImGui::SameLine();
            if (ImGui::Button("Browse…##ws")) f.browse = PathForm::Browse::Workspace;
        }
    }
    if (importing && !f.dropped.empty()) {
        ImGui::TextUnformatted("Dropped on the window (articles and layers):");
        const size_t shown = std::min<size_t>(f.dropped.size(), 8);
        for (size_t i = 0; i < shown; ++i) ImGui::BulletText("%s", f.dropped[i].c_str());
        if (f.dropped.size() > shown)
            ImGui::TextDisabled("… and %zu more", f.dropped.size() - shown);
    } else if (importing) {
        ImGui::TextUnformatted(
            f.kind == PathForm::Kind::AddLayer
                ? "Layer: any file GDAL/OGR reads (GeoPackage, GeoJSON, …):"
            : f.kind == PathForm::Kind::WatchFolder
                ? "Folder to watch: what it holds and every article file saved into it later:"
                : "Article file or folder (read recursively):");
        if (!f.ask_workspace && ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        enter |= path_field("##path", f.path);
        if (f.can_browse) {
            ImGui::SameLine();
            if (f.kind != PathForm::Kind::WatchFolder && ImGui::Button("File…"))
                f.browse = PathForm::Browse::File;
            if (f.kind != PathForm::Kind::AddLayer) {
                ImGui::SameLine();
                if (ImGui::Button("Folder…")) f.browse = PathForm::Browse::Folder;
            }
        }
    }
    if (!f.message.empty()) ImGui::TextWrapped("%s", f.message.c_str());
    if (ImGui::Button("OK") || enter || f.enter_pressed) f.accepted = true;
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        f.open = false;
        ImGui::CloseCurrentPopup();
    }
    if (!f.open) f.message.clear();
    ImGui::EndPopup();
}

}  // namespace bm::ui
