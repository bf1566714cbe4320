#include "geo/map_data.h"

#include <cmath>

namespace bm::geo {

Box project_box(const Projection& proj, const Box& b) {
    Box out;
    constexpr int kSteps = 16;
    for (int i = 0; i <= kSteps; ++i) {
        double t = double(i) / kSteps;
        double x = b.minx + (b.maxx - b.minx) * t, y = b.miny + (b.maxy - b.miny) * t;
        for (Vec2 p : {Vec2{x, b.miny}, Vec2{x, b.maxy}, Vec2{b.minx, y}, Vec2{b.maxx, y}}) {
            Vec2 q = proj.forward(p);
            if (std::isfinite(q.x) && std::isfinite(q.y)) out.add(q);
        }
    }
    return out;
}

MapData make_map_data(std::vector<Layer> lonlat, const Projection& proj, const Box& home_lonlat) {
    MapData m;
    m.lonlat = std::move(lonlat);
    for (const Layer& l : m.lonlat) {
        m.projected.push_back(proj.project(l));
        m.extent.add(m.projected.back().bbox);
    }
    m.home = home_lonlat.empty() ? m.extent : project_box(proj, home_lonlat);
    if (m.home.empty()) m.home = m.extent;
    return m;
}

}  // namespace bm::geo
