#pragma once
// Draws a Scene with OpenGL 3.3 core: fills, screen-width antialiased lines with dashes,
// hatching, point symbols, and highlights. Free of ImGui and GLFW; needs a current GL context.
// The layers are drawn in order, each through the renderer of every kind of content it has
// (render/layer_renderer.h); the window's pan cache is render/pan_cache.h.
#include <array>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "geo/viewport.h"
#include "render/gl.h"
#include "render/layer_renderer.h"
#include "render/pan_cache.h"
#include "render/scene.h"
#include "render/style.h"

namespace bm::render {

class MapRenderer {
  public:
    // Compiles the shaders; false (with the log on stderr) if the driver rejects them.
    bool init();
    // Draws a tiny built-in scene once through every path (opaque and blended fills,
    // hatching, lines, points, highlights, the pan cache unless `pan_cache` is false) into a
    // corner of the bound framebuffer, `fb_height` tall. llvmpipe JIT-compiles shader variants
    // on first use (tens of ms each); doing it while the data loads on another core takes them
    // off the path to the first frame.
    void warm_up(int fb_height, bool pan_cache = true);

    // Uploads the scene's points and per-feature styles. `scene`, `style` and `projected` (the
    // layers the scene was built from) must outlive the renderer (or the next upload).
    // Geometry comes per level of detail through upload_lod; `projected` gives the whole
    // outline of a highlighted feature that leaves shared borders to its neighbours.
    void upload(const Scene& scene, const Style& style,
                const std::vector<geo::Layer>* projected = nullptr);
    // Uploads one level of detail (the upload half of build_lod → upload_lod) and keeps its
    // chunk table for culling.
    void upload_lod(int level, LodGeometry lod);
    bool has_lod(int level) const;
    // The level draw() will use at `res`: the wanted one if uploaded, else the nearest uploaded.
    int lod_in_use(double res) const;

    void set_layer_visible(size_t layer, bool visible);
    void set_layer_opacity(size_t layer, float opacity);
    // Draw order as scene layer indexes, bottom first (default: the scene's order).
    void set_layer_order(const std::vector<size_t>& order);
    // Global feature indexes (Scene::features); -1 for none.
    void set_highlight(int hovered, int selected, const std::vector<int>& related = {});

    // Draws the map into `rect` of the bound framebuffer, `fb_height` pixels tall.
    // `pixel_ratio` scales widths and symbol sizes (HiDPI displays, export --scale).
    // `clear`: fill `rect` with the background first. A caller that cleared the whole
    // framebuffer to background() passes false: llvmpipe clears a whole framebuffer lazily per
    // tile but a scissored rectangle by drawing it (~15 ms at 4K).
    void draw(const geo::Viewport& view, PixelRect rect, int fb_height, float pixel_ratio,
              bool clear = true);
    // The style's background (sea) colour, or a default before upload().
    Rgba background() const;

    // The same picture for an interactive window: the base map is rendered into an offscreen
    // cache larger than the view and panning only shifts it (llvmpipe redraws ~100k triangles
    // in tens of milliseconds; a shifted copy takes one). Highlights are drawn on top each
    // frame. The view's centre may be snapped by under half a pixel so the copy stays sharp;
    // returns the view actually drawn (use it for screen<->map conversions of this frame).
    geo::Viewport draw_cached(const geo::Viewport& view, PixelRect rect, int fb_height,
                              float pixel_ratio);
    void invalidate_cache() { cache_.invalidate(); }
    int cache_renders() const { return cache_.renders(); }  // for benchmarks and tests

    const Scene* scene() const { return scene_; }
    // Raster textures uploaded since init (each raster once, whatever the frames drawn).
    size_t raster_uploads() const { return raster_.uploads(); }

  private:
    void update_feature_textures();
    FrameParams frame_for(const geo::Viewport& view, PixelRect rect, int fb_height,
                          float pixel_ratio) const;
    DrawContext context(const GpuLod& lod, const FrameParams& f) const;
    void draw_base(const GpuLod& lod, const FrameParams& f);
    // A layer under full opacity: drawn opaque into group_ (the bound viewport's size), then
    // composited at its opacity, so it fades as a whole.
    void draw_translucent(const DrawContext& c, size_t li, const SceneLayer& l);
    void draw_highlights(const GpuLod& lod, const FrameParams& f) const;
    const GpuLod* lod_for_view(double res) const;

    const Scene* scene_ = nullptr;
    const std::vector<geo::Layer>* projected_ = nullptr;
    MapResources res_;  // res_.style is the uploaded style
    // One renderer per kind, in the order a layer's content is drawn: fills, lines, points.
    std::array<std::unique_ptr<LayerRenderer>, 3> kinds_{std::make_unique<FillRenderer>(),
                                                         std::make_unique<LineRenderer>(),
                                                         std::make_unique<PointRenderer>()};
    RasterRenderer raster_;  // raster layers, drawn between kinds (draw_base)
    std::vector<GpuLod> lods_;
    std::vector<SceneLayer> layers_;
    std::vector<size_t> order_;
    int hovered_ = -1, selected_ = -1;
    std::vector<int> related_;
    bool textures_dirty_ = true;
    PanCache cache_;
    struct Group {
        Framebuffer fbo;
        Texture tex;
        int width = 0, height = 0;
        Program composite;
        GLint u_layer = -1, u_origin = -1, u_opacity = -1;
        VertexArray vao;  // empty: the triangle comes from gl_VertexID
    } group_;
};

}  // namespace bm::render
