#pragma once
// The window's offscreen base map (MapRenderer::draw_cached): rendered larger than the view by
// a margin, then only shifted while the view pans (llvmpipe redraws ~100k triangles in tens of
// milliseconds; a shifted copy takes one). It knows what the picture depends on, not how to
// draw it.
#include <cstddef>
#include <utility>
#include <vector>

#include "geo/viewport.h"
#include "render/gl.h"
#include "render/layer_renderer.h"

namespace bm::render {

class PanCache {
  public:
    // Everything the cached picture depends on but its centre.
    struct Key {
        double res = 0;
        float pixel_ratio = 0;
        int width = 0, height = 0;  // the cache's size: the view's plus twice the margin
        int level = -1;             // of detail
        std::vector<std::pair<bool, float>> layers;  // visible, opacity per scene layer
        std::vector<size_t> order;
        bool operator==(const Key&) const = default;
    };

    // Whether the cache holds `key`'s picture with `view`'s centre within `margin` pixels of
    // the centre it was drawn at.
    bool covers(const geo::Viewport& view, const Key& key, int margin) const;
    // Binds the cache's framebuffer for drawing, (re)made at the key's size.
    void bind_for_drawing(const Key& key);
    // After drawing into it: the cache now holds `view` under `key`.
    void drawn(const geo::Viewport& view, Key key);
    // Copies the part under `view`, its centre snapped to whole cache pixels, onto `rect` of
    // framebuffer `target` (`fb_height` tall) and leaves `target` bound; returns the view that
    // was copied (use it for everything drawn on top and for screen<->map conversions).
    geo::Viewport copy_to(const geo::Viewport& view, PixelRect rect, int fb_height, int margin,
                          GLuint target) const;

    void invalidate() { valid_ = false; }
    // Frees the GL objects and forgets everything (after warm-up).
    void release();
    int renders() const { return renders_; }  // how often it was redrawn

  private:
    Framebuffer fbo_;
    Texture tex_;
    int width_ = 0, height_ = 0;  // of tex_
    bool valid_ = false;
    geo::Viewport view_;
    Key key_;
    int renders_ = 0;
};

}  // namespace bm::render
