#pragma once
#include <cstddef>
#include <string>

#include "geo/layer.h"

namespace bm::ui {
struct StatusInfo {
    bool has_cursor = false;
    geo::Vec2 lonlat;
    double scale_denominator = 0;
    size_t feature_count = 0;
    size_t problem_count = 0;
    std::string crs;
    std::string message;  // transient: a link that was not opened, a file not written
};
float status_bar_height();  // logical pixels
void draw_status_bar(const StatusInfo& info);
}  // namespace bm::ui
