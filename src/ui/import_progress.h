#pragma once
// The bar shown over the map's foot while an import runs: files done of the total, the file
// being read, and Cancel. The map stays usable around it.
#include <cstddef>
#include <string>

#include "ui/state.h"

namespace bm::ui {

struct ImportProgressView {
    std::string label;  // "Importing news/"
    size_t done = 0, total = 0;
    std::string current;  // the file being read
    size_t queued = 0;    // imports waiting behind this one
    size_t problems = 0;  // found so far (they are in the Problems tab)
    bool cancelling = false;
};

// Draws the bar at the foot of the map's rectangle (logical pixels); true when Cancel is
// pressed. Its rectangles go into st.controls ("import-progress", "import-cancel").
bool draw_import_progress(const ImportProgressView& v, float map_x, float map_bottom, float map_w,
                          State& st);

}  // namespace bm::ui
