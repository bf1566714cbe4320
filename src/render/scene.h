#pragma once
// The CPU side of the map: projected layers tessellated and flattened into arrays ready for
// upload (maplibre's "bucket" step). No GL here, so tests can check it without a context.
//   Coordinates: projected map units minus `origin` (floats keep ~cm precision near the origin).
//   Features: numbered globally across layers (Scene::features), the index the shaders use to
//   look up per-feature colours and widths.
#include <cstdint>
#include <string>
#include <vector>

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
};

struct Range {
    uint32_t first = 0, count = 0;
};

struct SceneFeature {
    int layer;       // index into Scene::layers
    int feature;     // index into the source layer's features
    Range fill;      // into fill_indices
    Range segments;  // into segments
    Range points;    // into points
    FeatureStyle style;
};

struct SceneLayer {
    std::string name;
    geo::GeomKind kind = geo::GeomKind::None;  // dominant kind
    int order = 0;
    bool visible = true;
    float opacity = 1;
    Range features;  // into Scene::features
    Range fill, segments, points;
};

struct Scene {
    geo::Vec2 origin;
    std::vector<FillVertex> fill_vertices;
    std::vector<uint32_t> fill_indices;
    std::vector<Segment> segments;
    std::vector<PointInstance> points;
    std::vector<SceneLayer> layers;      // in draw order
    std::vector<SceneFeature> features;  // global feature index -> where its parts are
    size_t tessellation_failures = 0;

    // Global feature index of (source layer name, feature index), or -1.
    int find(const std::string& layer, int feature) const;
};

// Builds the scene from projected layers (geo::Projection::project) with the given style.
Scene build_scene(const std::vector<geo::Layer>& projected, const Style& style);

}  // namespace bm::render
