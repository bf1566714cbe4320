#pragma once
// Draws a Scene with OpenGL 3.3 core: fills, screen-width antialiased lines with dashes,
// hatching, point symbols, and highlights. Free of ImGui and GLFW; needs a current GL context.
#include <cstdint>
#include <vector>

#include "geo/viewport.h"
#include "render/gl.h"
#include "render/scene.h"
#include "render/style.h"

namespace bm::render {

// A rectangle of the framebuffer in pixels, origin at the top left (as the window reports it).
struct PixelRect {
    int x = 0, y = 0, width = 0, height = 0;
};

class MapRenderer {
  public:
    // Compiles the shaders; false (with the log on stderr) if the driver rejects them.
    bool init();
    // Uploads the scene's buffers (the upload half of build_scene → upload). Keeps a copy of
    // the per-feature styles for highlights and layer settings.
    void upload(const Scene& scene, const Style& style);

    void set_layer_visible(size_t layer, bool visible);
    void set_layer_opacity(size_t layer, float opacity);
    // Global feature indexes (Scene::features); -1 for none.
    void set_highlight(int hovered, int selected, const std::vector<int>& related = {});

    // Draws the map into `rect` of a framebuffer `fb_height` pixels tall. `pixel_ratio`
    // scales widths and symbol sizes (HiDPI displays, export --scale).
    void draw(const geo::Viewport& view, PixelRect rect, int fb_height, float pixel_ratio);

    const Scene* scene() const { return scene_; }

  private:
    void update_feature_textures();
    void bind_segments(uint32_t first);
    void bind_points(uint32_t first);

    const Scene* scene_ = nullptr;
    const Style* style_ = nullptr;
    Program fill_prog_, line_prog_, point_prog_;
    VertexArray fill_vao_, line_vao_, point_vao_;
    Buffer fill_vbo_, fill_ibo_, seg_vbo_, point_vbo_, quad_vbo_;
    Texture fill_tex_, stroke_tex_, params_tex_;
    std::vector<SceneLayer> layers_;
    int hovered_ = -1, selected_ = -1;
    std::vector<int> related_;
    bool textures_dirty_ = true;
};

}  // namespace bm::render
