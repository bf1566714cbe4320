#pragma once
#include <array>
#include <cstddef>
#include <map>
#include <string>

#include "geo/layer.h"

namespace bm::ui {
struct StatusInfo {
    bool has_cursor = false;
    geo::Vec2 lonlat;
    double scale_denominator = 0;
    size_t feature_count = 0;
    size_t problem_count = 0;
    std::string crs;       // brief: "LCC 40°N 46°E"
    std::string crs_full;  // the definition, in the tooltip
    std::string filter;    // "3 of 9 articles" when the source filter is on, else ""
    std::string message;   // transient: a link that was not opened, a file not written
};
float status_bar_height();  // logical pixels
// Draws the bar: its parts left to right, the projection at the right; in a narrow window the
// least needed parts are left out and a long message is cut, so nothing overlaps. Returns true
// when the filter's Clear was pressed. Each part's rectangle goes into `controls`
// ("status:<part>") when given.
bool draw_status_bar(const StatusInfo& info,
                     std::map<std::string, std::array<float, 4>>* controls = nullptr);
}  // namespace bm::ui
