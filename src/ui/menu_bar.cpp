#include "ui/menu_bar.h"

#include <imgui.h>

namespace bm::ui {

float draw_menu_bar(MenuActions& a) {
    float h = 0;
    static bool show_about = false;
    if (ImGui::BeginMainMenuBar()) {
        if (ImGui::BeginMenu("File")) {
            if (ImGui::MenuItem("New workspace…")) a.new_workspace = true;
            if (ImGui::MenuItem("Open workspace…")) a.open_workspace = true;
            if (ImGui::BeginMenu("Recent", !a.recent.empty())) {
                for (size_t i = 0; i < a.recent.size(); ++i)
                    if (ImGui::MenuItem(a.recent[i].c_str())) a.open_recent = int(i);
                ImGui::EndMenu();
            }
            if (ImGui::MenuItem("Save workspace as…", nullptr, false, a.can_save_as))
                a.save_as = true;
            ImGui::Separator();
            if (ImGui::MenuItem("Import articles…")) a.import_articles = true;
            if (ImGui::MenuItem("Add layer…")) a.add_layer = true;
            if (ImGui::MenuItem("Paste article", "Ctrl+V")) a.paste_article = true;
            if (ImGui::MenuItem("Watch folder…")) a.watch_folder = true;
            ImGui::Separator();
            if (ImGui::MenuItem("Export image…", "Ctrl+E")) a.export_image = true;
            ImGui::Separator();
            if (ImGui::MenuItem("Quit", "Ctrl+Q")) a.quit = true;
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu("View")) {
            if (ImGui::MenuItem("Zoom in", "+")) a.zoom_in = true;
            if (ImGui::MenuItem("Zoom out", "-")) a.zoom_out = true;
            if (ImGui::MenuItem("Reset view", "Home")) a.reset_view = true;
            ImGui::MenuItem("Legend and scale bar", nullptr, &a.legend);
            ImGui::Separator();
            if (ImGui::MenuItem("Back", "Alt+Left", false, a.can_back)) a.back = true;
            if (ImGui::MenuItem("Forward", "Alt+Right", false, a.can_forward)) a.forward = true;
            ImGui::Separator();
            if (ImGui::MenuItem("Places, layers, sources", "Ctrl+[", a.left_shown))
                a.toggle_left = true;
            if (ImGui::MenuItem("Passages and article", "Ctrl+]", a.right_shown))
                a.toggle_right = true;
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu("Help")) {
            if (ImGui::MenuItem("About briefmap")) show_about = true;
            ImGui::EndMenu();
        }
        // Back and forward as buttons too, where a reader looks for them.
        ImGui::Separator();
        ImGui::BeginDisabled(!a.can_back);
        if (ImGui::ArrowButton("##back", ImGuiDir_Left)) a.back = true;
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
            ImGui::SetTooltip("Back to the previous place (Alt+Left)");
        ImGui::BeginDisabled(!a.can_forward);
        if (ImGui::ArrowButton("##forward", ImGuiDir_Right)) a.forward = true;
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
            ImGui::SetTooltip("Forward (Alt+Right)");
        h = ImGui::GetWindowSize().y;
        ImGui::EndMainMenuBar();
    }
    if (show_about) {
        ImGui::OpenPopup("About briefmap");
        show_about = false;
    }
    if (ImGui::BeginPopupModal("About briefmap", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::Text("briefmap %s", BRIEFMAP_VERSION);
        ImGui::TextUnformatted("A map of the Armenia–Azerbaijan conflict linked to news passages.");
        ImGui::Separator();
        ImGui::TextUnformatted("Borders: © OpenStreetMap contributors (ODbL).");
        ImGui::TextUnformatted("Provinces: Natural Earth (public domain).");
        ImGui::TextUnformatted("Places: GeoNames (CC BY 4.0) and the references cited per place.");
        ImGui::TextUnformatted("Nagorno-Karabakh boundary and corridors: approximate.");
        if (ImGui::Button("Close") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
            ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    return h;
}

}  // namespace bm::ui
