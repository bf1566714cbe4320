#include "render/text.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_GLYPH_H
#include FT_STROKER_H

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "common/resources.h"
#include "common/utf8.h"
#include "render/labels.h"
#include "render/map_renderer.h"

namespace bm::render {

// ---------------------------------------------------------------------------------------------
// Fonts

namespace {
// Faces by index; the chains list which faces to try, in order, for each weight.
constexpr const char* kFaceFiles[] = {"fonts/NotoSans-Regular.ttf",
                                      "fonts/NotoSansArmenian-Regular.ttf",
                                      "fonts/NotoSans-Bold.ttf", "fonts/NotoSansArmenian-Bold.ttf"};
constexpr uint8_t kChains[2][2] = {{0, 1}, {2, 3}};
constexpr int kFaces = 4;

int to26_6(float px) {
    return std::max(64, int(std::lround(px * 64)));
}
}  // namespace

struct Fonts::Impl {
    FT_Library lib = nullptr;
    FT_Face faces[kFaces] = {};
    int face_size[kFaces] = {};  // current char size (26.6) of each face, to skip resizing
    FT_Stroker stroker = nullptr;
    // (weight, code point) -> (face, glyph index)
    std::unordered_map<uint64_t, std::pair<uint8_t, uint32_t>> cmap;
    // (face, glyph, size 26.6) -> advance in pixels
    std::unordered_map<uint64_t, float> advances;

    bool set_size(uint8_t face, int size) {
        if (!faces[face]) return false;
        if (face_size[face] == size) return true;
        if (FT_Set_Char_Size(faces[face], 0, size, 72, 72)) return false;
        face_size[face] = size;
        return true;
    }
    std::pair<uint8_t, uint32_t> lookup(char32_t cp, FontWeight w) {
        const uint64_t key = (uint64_t(w) << 32) | cp;
        auto it = cmap.find(key);
        if (it != cmap.end()) return it->second;
        std::pair<uint8_t, uint32_t> r{kChains[int(w)][0], 0};  // .notdef of the first face
        for (uint8_t f : kChains[int(w)]) {
            if (!faces[f]) continue;
            if (FT_UInt g = FT_Get_Char_Index(faces[f], cp)) {
                r = {f, g};
                break;
            }
        }
        // U+00A0 is a space that must not break; a face without it still has the space.
        if (r.second == 0 && cp == 0xA0) r = lookup(U' ', w);
        cmap.emplace(key, r);
        return r;
    }
    float advance(uint8_t face, uint32_t glyph, int size) {
        const uint64_t key = (uint64_t(face) << 56) | (uint64_t(glyph) << 24) | uint64_t(size);
        auto it = advances.find(key);
        if (it != advances.end()) return it->second;
        float a = 0;
        if (set_size(face, size) && !FT_Load_Glyph(faces[face], glyph, FT_LOAD_TARGET_LIGHT))
            a = float(faces[face]->glyph->advance.x) / 64.0f;
        advances.emplace(key, a);
        return a;
    }
};

Fonts::Fonts() : impl_(std::make_unique<Impl>()) {
    if (FT_Init_FreeType(&impl_->lib)) {
        std::fprintf(stderr, "briefmap: FreeType failed to initialise\n");
        return;
    }
    for (int i = 0; i < kFaces; ++i) {
        auto bytes = resource(kFaceFiles[i]);
        if (!bytes) continue;  // fallback faces are optional
        if (FT_New_Memory_Face(impl_->lib, reinterpret_cast<const FT_Byte*>(bytes->data()),
                               FT_Long(bytes->size()), 0, &impl_->faces[i]))
            impl_->faces[i] = nullptr;
    }
    FT_Stroker_New(impl_->lib, &impl_->stroker);
    ok_ = impl_->faces[0] != nullptr;
    if (!ok_) std::fprintf(stderr, "briefmap: embedded font %s missing\n", kFaceFiles[0]);
}

Fonts::~Fonts() {
    if (impl_->stroker) FT_Stroker_Done(impl_->stroker);
    for (FT_Face f : impl_->faces)
        if (f) FT_Done_Face(f);
    if (impl_->lib) FT_Done_FreeType(impl_->lib);
}

std::vector<Fonts::Shaped> Fonts::shape(std::string_view utf8, float px, FontWeight w) {
    std::vector<Shaped> out;
    if (!ok_) return out;
    const int size = to26_6(px);
    for (char32_t cp : utf8::decode_all(utf8)) {
        if (cp == '\n' || cp == '\r' || cp == '\t') cp = ' ';
        auto [face, glyph] = impl_->lookup(cp, w);
        out.push_back({face, glyph, impl_->advance(face, glyph, size)});
    }
    return out;
}

TextMetrics Fonts::measure(std::string_view utf8, float px, FontWeight w) {
    TextMetrics m;
    if (!ok_) return m;
    for (const Shaped& s : shape(utf8, px, w)) m.width += s.advance;
    const uint8_t f = kChains[int(w)][0];
    if (impl_->set_size(f, to26_6(px))) {
        const FT_Size_Metrics& sm = impl_->faces[f]->size->metrics;
        m.ascent = float(sm.ascender) / 64.0f;
        m.descent = float(-sm.descender) / 64.0f;
    }
    return m;
}

bool Fonts::has_glyph(char32_t cp, FontWeight w) {
    return ok_ && impl_->lookup(cp, w).second != 0;
}

std::vector<std::string> Fonts::wrap(std::string_view utf8, float px, FontWeight w,
                                     float max_width) {
    std::vector<std::string> lines;
    std::string line;
    float line_w = 0;
    const float space = measure(" ", px, w).width;
    size_t i = 0;
    while (i <= utf8.size()) {
        size_t j = utf8.find(' ', i);
        if (j == std::string_view::npos) j = utf8.size();
        std::string_view word = utf8.substr(i, j - i);
        if (!word.empty()) {
            const float ww = measure(word, px, w).width;
            if (!line.empty() && line_w + space + ww > max_width) {
                lines.push_back(std::move(line));
                line.clear();
                line_w = 0;
            }
            if (!line.empty()) {
                line += ' ';
                line_w += space;
            }
            line += word;
            line_w += ww;
        }
        i = j + 1;
    }
    if (!line.empty()) lines.push_back(std::move(line));
    return lines;
}

Fonts::Bitmap Fonts::rasterize(uint8_t face, uint32_t index, float px, float halo) {
    Bitmap b;
    if (face >= kFaces || !impl_->set_size(face, to26_6(px))) return b;
    FT_Face f = impl_->faces[face];
    if (FT_Load_Glyph(f, index, FT_LOAD_TARGET_LIGHT | (halo > 0 ? FT_LOAD_NO_BITMAP : 0)))
        return b;
    FT_Glyph g = nullptr;
    if (FT_Get_Glyph(f->glyph, &g)) return b;
    if (halo > 0 && g->format == FT_GLYPH_FORMAT_OUTLINE) {
        // Both sides of the outline: with the fill drawn on top, no seam can show between the
        // halo and the glyph's antialiased edge.
        FT_Stroker_Set(impl_->stroker, FT_Fixed(std::lround(halo * 64)), FT_STROKER_LINECAP_ROUND,
                       FT_STROKER_LINEJOIN_ROUND, 0);
        FT_Glyph_Stroke(&g, impl_->stroker, 1);
    }
    if (FT_Glyph_To_Bitmap(&g, FT_RENDER_MODE_NORMAL, nullptr, 1)) {
        FT_Done_Glyph(g);
        return b;
    }
    auto* bg = reinterpret_cast<FT_BitmapGlyph>(g);
    const FT_Bitmap& bm = bg->bitmap;
    b.width = int(bm.width);
    b.height = int(bm.rows);
    b.left = bg->left;
    b.top = bg->top;
    b.pixels.resize(size_t(b.width) * size_t(b.height));
    for (int y = 0; y < b.height; ++y)
        std::copy_n(bm.buffer + ptrdiff_t(y) * bm.pitch, b.width,
                    b.pixels.begin() + ptrdiff_t(y) * b.width);
    FT_Done_Glyph(g);
    return b;
}

// ---------------------------------------------------------------------------------------------
// TextRenderer

TextRenderer::TextRenderer() : fonts_(std::make_unique<Fonts>()) {}
TextRenderer::~TextRenderer() = default;

bool TextRenderer::init() {
    if (!fonts_->ok()) return false;
    prog_ = load_program("text.vert", "text.frag");
    if (!prog_) return false;
    vao_ = make_vao();
    quad_vbo_ = make_buffer();
    inst_vbo_ = make_buffer();
    glBindVertexArray(vao_.id());
    const float quad[] = {0, 0, 1, 0, 0, 1, 1, 1};
    glBindBuffer(GL_ARRAY_BUFFER, quad_vbo_.id());
    glBufferData(GL_ARRAY_BUFFER, sizeof quad, quad, GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    glBindBuffer(GL_ARRAY_BUFFER, inst_vbo_.id());
    for (GLuint a = 0; a < 4; ++a) {
        glEnableVertexAttribArray(1 + a);
        glVertexAttribPointer(1 + a, 4, GL_FLOAT, GL_FALSE, sizeof(Instance),
                              reinterpret_cast<void*>(sizeof(float) * 4 * a));
        glVertexAttribDivisor(1 + a, 1);
    }
    glBindVertexArray(0);
    atlas_ = make_texture();
    glBindTexture(GL_TEXTURE_2D, atlas_.id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, atlas_size_, atlas_size_, 0, GL_RED, GL_UNSIGNED_BYTE,
                 nullptr);
    // Upright glyphs are drawn at whole pixels, texel for pixel, where linear filtering reads
    // each texel alone; turned ones (route labels) need it to stay smooth.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    reset_atlas();
    return true;
}

void TextRenderer::reset_atlas() {
    cache_.clear();
    shelf_x_ = shelf_y_ = shelf_h_ = 0;
    // A cleared texture, so the 1-texel padding around glyphs reads as empty.
    std::vector<uint8_t> zero(size_t(atlas_size_) * size_t(atlas_size_), 0);
    glBindTexture(GL_TEXTURE_2D, atlas_.id());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, atlas_size_, atlas_size_, GL_RED, GL_UNSIGNED_BYTE,
                    zero.data());
}

bool TextRenderer::alloc(int w, int h, int& x, int& y) {
    // Shelf packing with one texel of padding.
    if (shelf_x_ + w + 1 > atlas_size_) {
        shelf_y_ += shelf_h_ + 1;
        shelf_x_ = 0;
        shelf_h_ = 0;
    }
    if (shelf_y_ + h + 1 > atlas_size_ || w + 1 > atlas_size_) return false;
    x = shelf_x_;
    y = shelf_y_;
    shelf_x_ += w + 1;
    shelf_h_ = std::max(shelf_h_, h);
    return true;
}

const TextRenderer::Entry* TextRenderer::glyph(uint8_t face, uint32_t index, float px, float halo) {
    const uint64_t key = (uint64_t(face) << 60) | (uint64_t(index & 0xFFFFF) << 40) |
                         (uint64_t(to26_6(px)) << 16) |
                         uint64_t(std::lround(std::max(0.0f, halo) * 64) & 0xFFFF);
    auto it = cache_.find(key);
    if (it != cache_.end()) return &it->second;
    Fonts::Bitmap b = fonts_->rasterize(face, index, px, halo);
    Entry e;
    e.w = b.width;
    e.h = b.height;
    e.left = b.left;
    e.top = b.top;
    if (e.w > 0 && e.h > 0) {
        if (!alloc(e.w, e.h, e.x, e.y)) {
            static bool warned = false;
            if (!warned) std::fprintf(stderr, "briefmap: glyph atlas full; some text is missing\n");
            warned = true;
            return nullptr;
        }
        glBindTexture(GL_TEXTURE_2D, atlas_.id());
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexSubImage2D(GL_TEXTURE_2D, 0, e.x, e.y, e.w, e.h, GL_RED, GL_UNSIGNED_BYTE,
                        b.pixels.data());
    }
    return &cache_.emplace(key, e).first->second;
}

float TextRenderer::add(std::string_view utf8, float x, float y, const Run& run) {
    // Whole-pixel pen positions keep glyph texels on pixels: crisp at every scale.
    float pen = std::round(x);
    const float base = std::round(y);
    const float inv = 1.0f / float(atlas_size_);
    auto push = [&](std::vector<Instance>& to, const Entry& e, float px0, const Rgba& c) {
        if (e.w == 0 || e.h == 0) return;
        const float x0 = std::round(px0) + float(e.left), y0 = base - float(e.top);
        to.push_back({x0, y0, x0 + float(e.w), y0 + float(e.h), float(e.x) * inv, float(e.y) * inv,
                      float(e.x + e.w) * inv, float(e.y + e.h) * inv, c[0] * c[3], c[1] * c[3],
                      c[2] * c[3], c[3]});
    };
    for (const Fonts::Shaped& s : fonts_->shape(utf8, run.px, run.weight)) {
        if (run.halo > 0)
            if (const Entry* h = glyph(s.face, s.index, run.px, run.halo))
                push(halos_, *h, pen, run.halo_color);
        if (const Entry* g = glyph(s.face, s.index, run.px, 0)) push(glyphs_, *g, pen, run.color);
        pen += s.advance;
    }
    return pen - std::round(x);
}

void TextRenderer::add_along(std::string_view utf8, const std::vector<GlyphPlace>& places,
                             const Run& run) {
    const float inv = 1.0f / float(atlas_size_);
    size_t k = 0;
    for (const Fonts::Shaped& s : fonts_->shape(utf8, run.px, run.weight)) {
        if (k >= places.size()) break;
        const GlyphPlace& at = places[k++];
        const float cs = std::cos(at.angle), sn = std::sin(at.angle);
        auto push = [&](std::vector<Instance>& to, const Entry& e, const Rgba& c) {
            if (e.w == 0 || e.h == 0) return;
            // Laid out upright at the pen position, then turned about it in the shader.
            const float x0 = at.x + float(e.left), y0 = at.y - float(e.top);
            to.push_back({x0, y0, x0 + float(e.w), y0 + float(e.h), float(e.x) * inv,
                          float(e.y) * inv, float(e.x + e.w) * inv, float(e.y + e.h) * inv,
                          c[0] * c[3], c[1] * c[3], c[2] * c[3], c[3], at.x, at.y, cs, sn});
        };
        if (run.halo > 0)
            if (const Entry* h = glyph(s.face, s.index, run.px, run.halo))
                push(halos_, *h, run.halo_color);
        if (const Entry* g = glyph(s.face, s.index, run.px, 0)) push(glyphs_, *g, run.color);
    }
}

void TextRenderer::flush(const PixelRect& rect, int fb_height) {
    if ((halos_.empty() && glyphs_.empty()) || !prog_) {
        halos_.clear();
        glyphs_.clear();
        return;
    }
    const int gl_y = fb_height - rect.y - rect.height;
    glViewport(rect.x, gl_y, rect.width, rect.height);
    glEnable(GL_SCISSOR_TEST);
    glScissor(rect.x, gl_y, rect.width, rect.height);
    glDisable(GL_DEPTH_TEST);
    glEnable(GL_BLEND);
    glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // premultiplied, like the map
    glUseProgram(prog_.id());
    glUniform2f(glGetUniformLocation(prog_.id(), "u_viewport"), float(rect.width),
                float(rect.height));
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, atlas_.id());
    glUniform1i(glGetUniformLocation(prog_.id(), "u_atlas"), 0);
    glBindVertexArray(vao_.id());
    glBindBuffer(GL_ARRAY_BUFFER, inst_vbo_.id());
    for (std::vector<Instance>* list : {&halos_, &glyphs_}) {
        if (list->empty()) continue;
        glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(list->size() * sizeof(Instance)), list->data(),
                     GL_STREAM_DRAW);
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, GLsizei(list->size()));
        list->clear();
    }
    glBindVertexArray(0);
    glDisable(GL_SCISSOR_TEST);
}

}  // namespace bm::render
