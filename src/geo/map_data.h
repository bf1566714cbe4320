#pragma once
// The map's data after loading: layers in lon/lat and the same layers projected for drawing and
// picking, plus the home extent the app opens on.
#include <vector>

#include "common/problem.h"
#include "geo/layer.h"
#include "geo/projection.h"

namespace bm::geo {

// The South Caucasus with Nakhchivan, Syunik, Karabakh and the capitals in view (lon/lat).
inline constexpr Box kSouthCaucasus{43.2, 38.4, 50.6, 42.0};

struct MapData {
    std::vector<Layer> lonlat;
    std::vector<Layer> projected;
    Box extent;  // projected bbox of all layers
    Box home;    // projected extent to open on
};

// Projects every layer and warps every raster layer into the projection (geo/raster.h; its
// problems go to `problems`). `home_lonlat` empty: the data's own extent.
MapData make_map_data(std::vector<Layer> lonlat, const Projection& proj, const Box& home_lonlat,
                      Problems* problems = nullptr);

// Projected bbox of a lon/lat box, sampled along its edges (a straight lon/lat edge is curved
// after projection).
Box project_box(const Projection& proj, const Box& lonlat);

}  // namespace bm::geo
