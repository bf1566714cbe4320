#pragma once
// The map view: which projected point is at the centre and how many map units one pixel spans.
// Screen coordinates are framebuffer pixels with the origin at the top left, y down (as in GLFW,
// ImGui and the session file); map coordinates are projected units with y up.
#include <algorithm>
#include <cmath>

#include "geo/layer.h"

namespace bm::geo {

struct Viewport {
    Vec2 center;          // projected units
    double res = 1000;    // projected units per framebuffer pixel
    double width = 1600;  // framebuffer pixels of the map area
    double height = 1000;

    Vec2 to_screen(Vec2 m) const {
        return {(m.x - center.x) / res + width / 2, height / 2 - (m.y - center.y) / res};
    }
    Vec2 to_map(Vec2 s) const {
        return {center.x + (s.x - width / 2) * res, center.y + (height / 2 - s.y) * res};
    }
    Box extent() const {
        return {center.x - width / 2 * res, center.y - height / 2 * res, center.x + width / 2 * res,
                center.y + height / 2 * res};
    }
    // Fits `box` (projected) into the view with `margin` pixels on each side.
    void fit(const Box& box, double margin = 20) {
        if (box.empty()) return;
        center = box.center();
        double w = std::max(1.0, width - 2 * margin), h = std::max(1.0, height - 2 * margin);
        res = std::max((box.maxx - box.minx) / w, (box.maxy - box.miny) / h);
        if (!(res > 0)) res = 1;
    }
    // Zooms by `factor` (>1 zooms in) keeping the map point under screen point `s` fixed.
    void zoom_at(Vec2 s, double factor) {
        Vec2 before = to_map(s);
        res = std::clamp(res / factor, kMinRes, kMaxRes);
        Vec2 after = to_map(s);
        center.x += before.x - after.x;
        center.y += before.y - after.y;
    }
    void pan_pixels(double dx, double dy) {
        center.x -= dx * res;
        center.y += dy * res;
    }
    static constexpr double kMinRes = 0.5;    // half a metre per pixel: street level
    static constexpr double kMaxRes = 50000;  // whole hemisphere
};

}  // namespace bm::geo
