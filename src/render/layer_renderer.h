#pragma once
// How MapRenderer draws a layer: through one renderer per kind of content (fills, lines, point
// symbols, rasters; annotations later), each owning its shaders. MapRenderer walks the
// layers in draw order and, for each, asks every kind in turn (fills, then lines, then points)
// to draw what that layer has of it; highlights go through the same renderers feature by
// feature. A renderer knows nothing of layer names or styles' lookup: it gets the scene's
// layer and the frame.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "geo/layer.h"
#include "render/gl.h"
#include "render/program.h"
#include "render/scene.h"
#include "render/style.h"

namespace bm::render {

// A rectangle of the framebuffer in pixels, origin at the top left (as the window reports it).
struct PixelRect {
    int x = 0, y = 0, width = 0, height = 0;
};

// One pass's view, in the form the shaders take it.
struct FrameParams {
    float cx, cy, sx, sy;  // view centre (scene coordinates) and clip scale
    float width, height, res, ratio;
    float vx0, vy0, vx1, vy1;  // visible window in scene coordinates, for culling
    float hatch_offset;        // see fill.frag
};

// A level of detail on the GPU.
struct GpuLod {
    LodGeometry cpu;  // ranges and chunks (vertex arrays are cleared after upload)
    VertexArray fill_vao, line_vao;
    Buffer fill_vbo, fill_ibo, seg_vbo;
    bool ready = false;
};

// What every kind's renderer shares: the per-feature style textures (index i at texel
// (i % 1024, i / 1024)), the unit quad of instanced draws, the point instances.
struct MapResources {
    Texture fill_tex, stroke_tex, params_tex;
    Buffer quad_vbo, point_vbo;
    VertexArray point_vao;
    const Style* style = nullptr;

    void init();
    // Binds `p` with the frame's uniforms, `colors` on unit 0, params on 1, strokes on 2.
    void use(const MapProgram& p, const Texture& colors, const FrameParams& f, float opacity) const;
    // GL 3.3 has no base-instance draws, so a sub-range of instances is drawn by pointing the
    // instance attributes at its first element (the VAO to change must be bound).
    void bind_segments(const Buffer& segments, uint32_t first) const;
    void bind_points(uint32_t first) const;
    // A line VAO: the quad plus per-instance segments of `segments`.
    void setup_line_vao(const VertexArray& vao, const Buffer& segments) const;
};

// What one draw of the map (or of its cache) hands to the renderers.
struct DrawContext {
    const MapResources& res;
    const Scene& scene;
    const std::vector<geo::Layer>* projected;  // the layers the scene was built from, or null
    const GpuLod& lod;
    int level;  // of `lod`
    const FrameParams& frame;
};

// A feature drawn over the map in the highlight's colours (hover, selection, related places).
struct HighlightPaint {
    Rgba fill, stroke;
    float width;  // line width in logical pixels
};

class LayerRenderer {
  public:
    virtual ~LayerRenderer() = default;
    // Compiles the kind's shaders; false (with the log on stderr) if the driver rejects them.
    virtual bool init() = 0;
    // What layer `index` has of this kind, in its own style and opacity.
    virtual void draw_layer(const DrawContext& c, size_t index, const SceneLayer& layer) const = 0;
    // What feature `index` has of this kind, in a highlight's colours.
    virtual void draw_highlight(const DrawContext& c, size_t index, const SceneFeature& feature,
                                const HighlightPaint& paint) const = 0;
    // A new scene was uploaded / a level of detail was (re)uploaded: drop what was derived.
    virtual void scene_changed() {}
    virtual void level_uploaded(int /*level*/) {}
};

// Triangulated polygon fills with hatching; opaque layers without blending.
class FillRenderer final : public LayerRenderer {
  public:
    bool init() override;
    void draw_layer(const DrawContext& c, size_t index, const SceneLayer& layer) const override;
    void draw_highlight(const DrawContext& c, size_t index, const SceneFeature& feature,
                        const HighlightPaint& paint) const override;

  private:
    MapProgram blended_, opaque_;
};

// Screen-width antialiased instanced line segments with dashes, culled by chunk.
class LineRenderer final : public LayerRenderer {
  public:
    bool init() override;
    void draw_layer(const DrawContext& c, size_t index, const SceneLayer& layer) const override;
    void draw_highlight(const DrawContext& c, size_t index, const SceneFeature& feature,
                        const HighlightPaint& paint) const override;
    void scene_changed() override { outlines_.clear(); }
    void level_uploaded(int level) override;

  private:
    // A highlighted feature's whole outline at a level, built on first use (scene.h): for
    // features that leave their shared borders to a neighbour.
    struct Outline {
        int feature = -1, level = -1;
        VertexArray vao;
        Buffer vbo;
        GLsizei count = 0;
    };
    const Outline* outline_for(const DrawContext& c, int feature) const;
    void draw_chunks(const DrawContext& c, Range chunks) const;

    MapProgram program_;
    mutable std::vector<Outline> outlines_;  // a few, most recent last
};

// SDF point symbols, instanced.
class PointRenderer final : public LayerRenderer {
  public:
    bool init() override;
    void draw_layer(const DrawContext& c, size_t index, const SceneLayer& layer) const override;
    void draw_highlight(const DrawContext& c, size_t index, const SceneFeature& feature,
                        const HighlightPaint& paint) const override;

  private:
    void draw_points(const DrawContext& c, Range r) const;
    MapProgram program_;
};

// A raster layer (SceneLayer::raster): its reprojected image (geo::Raster::image) as one
// texture, uploaded on its first draw and kept until the scene changes, drawn as one quad.
class RasterRenderer final : public LayerRenderer {
  public:
    bool init() override;
    void draw_layer(const DrawContext& c, size_t index, const SceneLayer& layer) const override;
    void draw_highlight(const DrawContext&, size_t, const SceneFeature&,
                        const HighlightPaint&) const override {}
    void scene_changed() override { textures_.clear(); }
    size_t uploads() const { return uploads_; }  // for tests: textures made since init

  private:
    struct Image {
        Texture tex;
        bool tried = false;  // no image (warp failed) or not uploadable: do not retry each frame
    };
    MapProgram program_;
    GLint u_box_ = -1, u_image_ = -1;
    VertexArray vao_;
    mutable std::vector<Image> textures_;  // by scene layer
    mutable size_t uploads_ = 0;
};

}  // namespace bm::render
