#pragma once
// An offscreen OpenGL 3.3 core context through EGL on Mesa's surfaceless platform: no X server,
// no window, no GPU needed (llvmpipe). Renders into a framebuffer object that can be read back.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "render/gl.h"

namespace bm::exporter {

class HeadlessContext {
  public:
    // Creates the context and makes it current; nullptr with `error` filled on failure.
    static std::unique_ptr<HeadlessContext> create(std::string* error);
    ~HeadlessContext();
    HeadlessContext(const HeadlessContext&) = delete;
    HeadlessContext& operator=(const HeadlessContext&) = delete;

    std::string renderer() const;  // GL_RENDERER, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)"

  private:
    HeadlessContext() = default;
    void* display_ = nullptr;
    void* context_ = nullptr;
};

// An RGBA8 framebuffer of a given size for offscreen drawing. Bind it, draw, read it back.
class OffscreenTarget {
  public:
    bool create(int width, int height, std::string* error);
    void bind() const;
    int width() const { return width_; }
    int height() const { return height_; }
    // Top-to-bottom rows of RGBA bytes (flipped from GL's bottom-up order).
    std::vector<uint8_t> read_rgba() const;
    // The same into `px`, reusing its memory when it already has the size.
    void read_rgba(std::vector<uint8_t>& px) const;

  private:
    render::Framebuffer fbo_;
    render::Renderbuffer color_;
    int width_ = 0, height_ = 0;
};

}  // namespace bm::exporter
