#pragma once
// Picking: which feature is under the cursor. A uniform grid over feature bounding boxes finds
// candidates; exact tests decide: points within a few pixels first, then lines, then the
// smallest polygon that contains the cursor (so a town beats its province, a province its
// country, and a hole is not inside its polygon). Coordinates are projected map units.
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "geo/layer.h"

namespace bm::geo {

struct FeatureRef {
    int layer = -1;    // index into the layers given to build()
    int feature = -1;  // index into that layer's features
    bool operator==(const FeatureRef&) const = default;
};

class PickIndex {
  public:
    // `layers` must outlive the index (it keeps pointers to their geometry).
    void build(const std::vector<Layer>& layers);

    // `point_tol`, `line_tol`: map units (pixels × resolution). `pickable` filters layers and
    // features (hidden layers, hidden styles); null accepts all.
    std::optional<FeatureRef> pick(Vec2 p, double point_tol, double line_tol,
                                   const std::function<bool(FeatureRef)>& pickable = nullptr) const;

    // Every pickable feature under `p`: points within `point_tol` and lines within `line_tol`
    // (nearest first), then the polygons that contain it (smallest first). `pick` is the first.
    std::vector<FeatureRef> pick_all(
        Vec2 p, double point_tol, double line_tol,
        const std::function<bool(FeatureRef)>& pickable = nullptr) const;

    // Even-odd point-in-polygon over all rings (holes excluded).
    static bool contains(const Polygon& poly, Vec2 p);
    static double distance_to_line(const LineString& line, Vec2 p);

  private:
    struct Entry {
        FeatureRef ref;
        Box bbox;
        double area = 0;  // polygons: for "smallest containing"
        GeomKind kind = GeomKind::None;
    };
    const std::vector<Layer>* layers_ = nullptr;
    std::vector<Entry> entries_;
    Box extent_;
    int gx_ = 0, gy_ = 0;
    double cell_w_ = 1, cell_h_ = 1;
    std::vector<std::vector<uint32_t>> cells_;  // entry indexes per cell
    void cell_range(const Box& b, int& x0, int& y0, int& x1, int& y1) const;
};

}  // namespace bm::geo
