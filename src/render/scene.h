#pragma once
// The CPU side of the map: projected layers tessellated and flattened into arrays ready for
// upload (maplibre's "bucket" step). No GL here, so tests can check it without a context.
//   Coordinates: projected map units minus `origin` (floats keep ~cm precision near the origin).
//   Features: numbered globally across layers (Scene::features), the index the shaders use to
//   look up per-feature colours and widths.
//   Levels of detail: polygons and lines are simplified at a few tolerances (Douglas–Peucker
//   in map units) so a zoomed-out frame does not push sub-pixel detail through the GPU. The
//   view draws the coarsest level whose tolerance is under half a pixel: never visible.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/id.h"
#include "geo/layer.h"
#include "geo/tessellate.h"
#include "render/style.h"

namespace bm::render {

struct FillVertex {
    float x, y;
    uint32_t feature;
};
struct Segment {
    float x0, y0, x1, y1;
    float dist0;  // map units along the line (or ring) up to (x0, y0), for dash continuity
    uint32_t feature;
};
struct PointInstance {
    float x, y;
    uint32_t feature;
    uint32_t symbol;
    float size;
    float max_res;  // FeatureStyle::max_res: hidden above it (map units per logical pixel)
};

struct Range {
    uint32_t first = 0, count = 0;
};

// A run of consecutive segments of one feature with their bbox (scene coordinates), so long
// borders are culled piecewise when zoomed in.
struct Chunk {
    Range segments;
    float minx, miny, maxx, maxy;
    uint32_t feature;
};

}  // namespace bm::render

namespace bm {
// A feature of the scene: its position in Scene::features (every layer's, in draw order).
using FeatureId = Id<struct FeatureTag>;
}  // namespace bm

namespace bm::render {

struct SceneFeature {
    int layer;     // index into Scene::layers
    int feature;   // index into the source layer's features
    Range points;  // into Scene::points
    FeatureStyle style;
    geo::Box bbox;  // projected
    // Neighbouring polygons share most of their outline; the base pass draws a shared edge
    // once. Per edge of every ring (polygon by polygon, ring by ring, edge i from point i to
    // i + 1, closing edge last): whether this feature draws it. Empty: it draws them all.
    std::vector<bool> edges_drawn{};
};

struct SceneLayer {
    std::string id;    // geo::Layer::id (its name where the layer has none): what sessions keep
    std::string name;  // geo::Layer::name, for display and style rules
    int source = -1;   // index of the layer in the vector build_scene was given
    geo::GeomKind kind = geo::GeomKind::None;  // dominant kind
    int order = 0;
    bool visible = true;
    float opacity = 1;
    bool fills_transparent = true;  // every fill has alpha 0 and no hatch: draw only highlights
    bool fills_opaque = true;       // every fill has alpha 1 and no hatch: no blending needed
    Range features;                 // into Scene::features
    Range points;
    // A raster layer (geo::Layer::raster): no features; drawn as one textured quad over the
    // fills of the layer beneath it (map_renderer.h). `shade`: a hillshade, multiplied in.
    bool raster = false;
    bool shade = false;
};

// One level of detail: the tessellated fills and the line segments at a tolerance.
struct LodGeometry {
    double tolerance = 0;  // map units; 0 = full detail
    std::vector<FillVertex> fill_vertices;
    std::vector<uint32_t> fill_indices;
    std::vector<Segment> segments;
    std::vector<Chunk> chunks;          // segments of each layer, in layer order
    std::vector<Range> feature_fill;    // per global feature, into fill_indices
    std::vector<Range> feature_chunks;  // per global feature, into chunks
    std::vector<Range> layer_fill;      // per scene layer: visible fills only (see build_lod)
    std::vector<Range> layer_chunks;    // per scene layer
    size_t tessellation_failures = 0;
};

struct Scene {
    geo::Vec2 origin;
    std::vector<PointInstance> points;
    std::vector<SceneLayer> layers;      // in draw order
    std::vector<SceneFeature> features;  // global feature index -> where its parts are
    std::vector<double> lod_tolerances;  // ascending; [0] == 0 (full detail)

    // Global feature index of (index of the source layer, feature index), or -1.
    int find(int source_layer, int feature) const;
    // Scene layer of a layer id, or -1.
    int find_layer(std::string_view id) const;
    // The source layer a scene layer was built from (in the vector build_scene was given, or
    // the same layers projected/unprojected), or null.
    const geo::Layer* source_of(const SceneLayer& l, const std::vector<geo::Layer>& layers) const {
        return l.source >= 0 && size_t(l.source) < layers.size() ? &layers[size_t(l.source)]
                                                                 : nullptr;
    }
    // The level to draw at `res` map units per pixel: the coarsest with tolerance <= res / 2.
    int lod_for(double res) const;
};

// Builds the scene skeleton (features, styles, points) from projected layers
// (geo::Projection::project); geometry comes per level from build_lod.
Scene build_scene(const std::vector<geo::Layer>& projected, const Style& style);

// What of a level to build. The window builds everything (any view, any highlight); an export
// knows its one view and its one highlighted feature, and skips the rest.
// The whole outline of one feature at a tolerance, as segments (for highlighting a feature
// whose level of detail holds only the runs of its border it draws itself).
std::vector<Segment> outline_segments(const Scene& scene, const std::vector<geo::Layer>& projected,
                                      uint32_t feature, double tolerance);

struct LodScope {
    geo::Box clip;                // projected; fills are clipped to it and features wholly
                                  // outside it left out. Empty: no clipping
    bool invisible_fills = true;  // tessellate alpha-0 fills too (for hover/selection tints)
    int keep_fill = -1;           // a global feature whose fill is built even when invisible
};

// Tessellates and flattens level `level` of the scene. Thread-safe (no shared state), so
// levels can be built in the background while the first frame shows. A feature that leaves
// shared borders to a neighbour (SceneFeature::edges_drawn) has only its own runs in the level
// and an empty feature_chunks: its whole outline, for a highlight, comes from outline_segments.
LodGeometry build_lod(const Scene& scene, const std::vector<geo::Layer>& projected, int level,
                      const LodScope& scope = {});

}  // namespace bm::render
