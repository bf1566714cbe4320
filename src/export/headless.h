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
    // Makes the context that was current before create() current again, and terminates the
    // display only if create() initialised it: another surfaceless context in the process
    // (a test fixture's, a second export's) shares the display and must survive.
    ~HeadlessContext();
    HeadlessContext(const HeadlessContext&) = delete;
    HeadlessContext& operator=(const HeadlessContext&) = delete;

    std::string renderer() const;  // GL_RENDERER, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)"

  private:
    HeadlessContext() = default;
    void* display_ = nullptr;
    void* context_ = nullptr;
    bool owns_display_ = false;
    void* prev_display_ = nullptr;
    void* prev_context_ = nullptr;
    void* prev_draw_ = nullptr;
    void* prev_read_ = nullptr;
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
    // `count` top-to-bottom rows from row `first` (0 = top) into dst (count * width * 4 bytes).
    void read_rows(int first, int count, uint8_t* dst) const;

  private:
    render::Framebuffer fbo_;
    render::Renderbuffer color_;
    int width_ = 0, height_ = 0;
};

}  // namespace bm::exporter
