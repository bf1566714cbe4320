#include "geo/map_data.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "geo/raster.h"

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

MapData make_map_data(std::vector<Layer> lonlat, const Projection& proj, const Box& home_lonlat,
                      Problems* problems) {
    MapData m;
    m.lonlat = std::move(lonlat);
    Box vectors;
    for (const Layer& l : m.lonlat) {
        m.projected.push_back(proj.project(l));
        if (!l.raster) vectors.add(m.projected.back().bbox);
    }
    // Rasters are warped within three times the home view each way (the vectors' extent
    // without a home; nothing when there are no vectors): a world image in a regional conic
    // would otherwise spend its pixels on the far side of the globe.
    const Box near = home_lonlat.empty() ? vectors : project_box(proj, home_lonlat);
    Box clip;
    if (!near.empty()) {
        const double g = std::max(near.maxx - near.minx, near.maxy - near.miny) * 3;
        clip = Box{near.minx - g, near.miny - g, near.maxx + g, near.maxy + g};
    }
    Problems local;
    for (Layer& l : m.projected) {
        if (!l.raster) continue;
        auto r = std::make_shared<Raster>(*l.raster);
        r->image = warp_raster(*r, proj, problems ? *problems : local, kMaxRasterSide, clip);
        l.bbox = r->image ? r->image->box : Box{};
        l.raster = std::move(r);
    }
    for (const Layer& l : m.projected) m.extent.add(l.bbox);
    m.home = home_lonlat.empty() ? m.extent : project_box(proj, home_lonlat);
    if (m.home.empty()) m.home = m.extent;
    return m;
}

}  // namespace bm::geo
