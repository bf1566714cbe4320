#pragma once
// Text for the map and the export: FreeType faces from the embedded Noto fonts (Latin with
// Azerbaijani ə, curly quotes, dashes, NBSP; Cyrillic; Armenian through a fallback face),
// glyphs rasterised on demand at the exact pixel size asked for (a 2x export gets 2x glyphs,
// not scaled bitmaps), packed into one R8 atlas and drawn as instanced quads. Map labels get a
// halo: the glyph outline stroked by FreeType, drawn under every glyph of the batch.
//   Coordinates: pixels of a PixelRect, origin at its top left, y down; `y` of add() is the
//   baseline. Input is UTF-8; invalid bytes show as U+FFFD.
//   Fonts (measurement, wrapping) needs no GL context; TextRenderer does.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "render/gl.h"
#include "render/style.h"

namespace bm::render {

struct PixelRect;
struct GlyphPlace;  // render/labels.h

enum class FontWeight : uint8_t { Regular = 0, Bold = 1 };

struct TextMetrics {
    float width = 0;    // advance width of the whole string, pixels
    float ascent = 0;   // above the baseline (positive)
    float descent = 0;  // below the baseline (positive)
    float height() const { return ascent + descent; }
};

// The embedded Noto faces with fallback chains, and a cache of glyph advances. Not thread-safe.
class Fonts {
  public:
    Fonts();
    ~Fonts();
    Fonts(const Fonts&) = delete;
    Fonts& operator=(const Fonts&) = delete;
    bool ok() const { return ok_; }

    TextMetrics measure(std::string_view utf8, float px, FontWeight w = FontWeight::Regular);
    // Greedy line breaking at ASCII spaces (never at U+00A0) so each line fits `max_width`;
    // a single word wider than that gets a line of its own.
    std::vector<std::string> wrap(std::string_view utf8, float px, FontWeight w, float max_width);
    // True when some face of the chain has a glyph for `cp` (for tests).
    bool has_glyph(char32_t cp, FontWeight w = FontWeight::Regular);

    // A glyph as laid out: which face and glyph index, its advance at the size.
    struct Shaped {
        uint8_t face;
        uint32_t index;
        float advance;
    };
    std::vector<Shaped> shape(std::string_view utf8, float px, FontWeight w);

    // A rendered glyph bitmap (8-bit coverage), `left`/`top` from the pen position (top is
    // up, FreeType convention). `halo` > 0: the outline stroked with that radius (pixels).
    struct Bitmap {
        int width = 0, height = 0, left = 0, top = 0;
        std::vector<uint8_t> pixels;
    };
    Bitmap rasterize(uint8_t face, uint32_t index, float px, float halo);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    bool ok_ = false;
};

// Draws text with OpenGL 3.3 core. Queue with add(), draw with flush().
class TextRenderer {
  public:
    TextRenderer();
    ~TextRenderer();
    // Compiles the shaders and creates the atlas; false (logged) on failure.
    bool init();
    Fonts& fonts() { return *fonts_; }

    struct Run {
        float px = 13;
        FontWeight weight = FontWeight::Regular;
        Rgba color{0, 0, 0, 1};
        float halo = 0;  // pixels; 0 = none
        Rgba halo_color{1, 1, 1, 0.8f};
    };
    // Queues `utf8` with its baseline starting at (x, y). Returns the advance width.
    float add(std::string_view utf8, float x, float y, const Run& run);
    // Queues `utf8` glyph by glyph at `places` (pen positions on the baseline and the
    // baseline's angle, one per code point: route labels, render/labels.h). Glyphs beyond the
    // places given are dropped.
    void add_along(std::string_view utf8, const std::vector<GlyphPlace>& places, const Run& run);
    // Draws everything queued into `rect` of the bound framebuffer (`fb_height` tall), halos
    // first, then clears the queue.
    void flush(const PixelRect& rect, int fb_height);

    size_t atlas_glyphs() const { return cache_.size(); }  // for tests

  private:
    struct Instance {
        float x0, y0, x1, y1;  // pixels in the rect
        float u0, v0, u1, v1;  // atlas texels, normalised
        float r, g, b, a;      // premultiplied
        // Turned by the angle (cos, sin) about the pivot (the pen position); 1, 0: upright.
        float px = 0, py = 0, cs = 1, sn = 0;
    };
    struct Entry {
        int x = 0, y = 0, w = 0, h = 0, left = 0, top = 0;
    };
    const Entry* glyph(uint8_t face, uint32_t index, float px, float halo);
    bool alloc(int w, int h, int& x, int& y);
    void reset_atlas();

    std::unique_ptr<Fonts> fonts_;
    Program prog_;
    VertexArray vao_;
    Buffer quad_vbo_, inst_vbo_;
    Texture atlas_;
    int atlas_size_ = 2048;
    int shelf_x_ = 0, shelf_y_ = 0, shelf_h_ = 0;
    std::unordered_map<uint64_t, Entry> cache_;
    std::vector<Instance> halos_, glyphs_;
};

}  // namespace bm::render
