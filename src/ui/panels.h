#pragma once
// The panels, one file each (places_panel.cpp, passages_panel.cpp, article_panel.cpp,
// layers_panel.cpp, sources_panel.cpp, problems_panel.cpp,
// unknown_names_panel.cpp). Each draws inside the current ImGui
// window or tab.
#include "document/document.h"
#include "ui/state.h"

namespace bm::ui {

void draw_places_panel(const Document& doc, State& st, Requests& req);
void draw_passages_panel(const Document& doc, State& st, Requests& req);
void draw_article_panel(const Document& doc, State& st, Requests& req);
void draw_layers_panel(const Document& doc, State& st, Requests& req);
// A layer's name for people: style.json's title for a default layer ("Provinces and
// districts" for admin1), "<name> — <file>" for a user's.
std::string layer_title(const Document& doc, size_t scene_layer);
void draw_sources_panel(const Document& doc, State& st, Requests& req);
void draw_problems_panel(const Document& doc, State& st, Requests& req);
void draw_unknown_names_panel(const Document& doc, State& st, Requests& req);

// Marks for every place named in a paragraph (from the linker index).
std::vector<struct Mark> paragraph_marks(const Document& doc, PassageRef passage);

}  // namespace bm::ui
