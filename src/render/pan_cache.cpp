#include "render/pan_cache.h"

#include <cmath>

namespace bm::render {

bool PanCache::covers(const geo::Viewport& view, const Key& key, int margin) const {
    if (!valid_ || width_ != key.width || height_ != key.height) return false;
    // The offset of the view in the cache, in pixels.
    const double ox = (view.center.x - view_.center.x) / view.res;
    const double oy = (view.center.y - view_.center.y) / view.res;
    return std::abs(ox) <= margin && std::abs(oy) <= margin && key == key_;
}

void PanCache::bind_for_drawing(const Key& key) {
    if (!fbo_ || width_ != key.width || height_ != key.height) {
        GLuint fb = 0;
        glGenFramebuffers(1, &fb);
        fbo_ = Framebuffer(fb);
        tex_ = make_texture();
        glBindTexture(GL_TEXTURE_2D, tex_.id());
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, key.width, key.height, 0, GL_RGBA,
                     GL_UNSIGNED_BYTE, nullptr);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glBindFramebuffer(GL_FRAMEBUFFER, fb);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex_.id(), 0);
        width_ = key.width;
        height_ = key.height;
    }
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_.id());
}

void PanCache::drawn(const geo::Viewport& view, Key key) {
    view_ = view;
    key_ = std::move(key);
    valid_ = true;
    ++renders_;
}

geo::Viewport PanCache::copy_to(const geo::Viewport& view, PixelRect rect, int fb_height,
                                int margin, GLuint target) const {
    // Snap to whole pixels so the copy is exact, then copy the window onto the target.
    const int ix = int(std::lround((view.center.x - view_.center.x) / view.res));
    const int iy = int(std::lround((view.center.y - view_.center.y) / view.res));
    geo::Viewport copied = view;
    copied.center = {view_.center.x + ix * view.res, view_.center.y + iy * view.res};
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_.id());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, target);
    const int gl_y = fb_height - rect.y - rect.height;
    glDisable(GL_SCISSOR_TEST);
    // Cache pixel (margin + ix, margin + iy) from its bottom left lands on the rect's corner.
    glBlitFramebuffer(margin + ix, margin + iy, margin + ix + rect.width, margin + iy + rect.height,
                      rect.x, gl_y, rect.x + rect.width, gl_y + rect.height, GL_COLOR_BUFFER_BIT,
                      GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, target);
    return copied;
}

void PanCache::release() {
    valid_ = false;
    fbo_.reset();
    tex_.reset();
    width_ = height_ = 0;
    key_ = {};
    renders_ = 0;
}

}  // namespace bm::render
