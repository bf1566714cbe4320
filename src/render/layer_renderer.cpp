#include "render/layer_renderer.h"

#include <algorithm>
#include <cstddef>

#include "geo/raster.h"

namespace bm::render {

namespace {
// Unit quad corners for instanced lines (x along 0..1, y across -1..1) and points (-1..1).
constexpr float kQuad[] = {0, -1, 1, -1, 0, 1, 1, 1, -1, -1, 1, -1, -1, 1, 1, 1};

void draw_fill(const GpuLod& lod, Range r) {
    if (!r.count) return;
    glBindVertexArray(lod.fill_vao.id());
    glDrawElements(GL_TRIANGLES, GLsizei(r.count), GL_UNSIGNED_INT,
                   reinterpret_cast<void*>(size_t(r.first) * sizeof(uint32_t)));
}
}  // namespace

// ---- shared resources ------------------------------------------------------------------------

void MapResources::init() {
    point_vao = make_vao();
    point_vbo = make_buffer();
    quad_vbo = make_buffer();
    fill_tex = make_texture();
    stroke_tex = make_texture();
    params_tex = make_texture();
    glBindBuffer(GL_ARRAY_BUFFER, quad_vbo.id());
    glBufferData(GL_ARRAY_BUFFER, sizeof kQuad, kQuad, GL_STATIC_DRAW);
}

void MapResources::use(const MapProgram& p, const Texture& colors, const FrameParams& f,
                       float opacity) const {
    const MapUniforms& u = p.u();
    glUseProgram(p.id());
    glUniform2f(u.center, f.cx, f.cy);
    glUniform2f(u.scale, f.sx, f.sy);
    glUniform2f(u.viewport, f.width, f.height);
    glUniform1f(u.res, f.res);
    glUniform1f(u.pixel_ratio, f.ratio);
    glUniform1f(u.opacity, opacity);
    glUniform1i(u.override_, 0);
    glUniform1f(u.hatch_spacing, style->hatch_spacing * f.ratio);
    glUniform1f(u.hatch_width, style->hatch_width * f.ratio);
    glUniform1f(u.hatch_offset, f.hatch_offset);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, colors.id());
    glUniform1i(u.colors, 0);
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, params_tex.id());
    glUniform1i(u.params, 1);
    glActiveTexture(GL_TEXTURE2);
    glBindTexture(GL_TEXTURE_2D, stroke_tex.id());
    glUniform1i(u.strokes, 2);
}

void MapResources::bind_segments(const Buffer& segments, uint32_t first) const {
    glBindBuffer(GL_ARRAY_BUFFER, segments.id());
    const size_t base = size_t(first) * sizeof(Segment);
    auto at = [&](size_t off) { return reinterpret_cast<void*>(base + off); };
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(Segment), at(offsetof(Segment, x0)));
    glVertexAttribPointer(2, 2, GL_FLOAT, GL_FALSE, sizeof(Segment), at(offsetof(Segment, x1)));
    glVertexAttribPointer(3, 1, GL_FLOAT, GL_FALSE, sizeof(Segment), at(offsetof(Segment, dist0)));
    glVertexAttribIPointer(4, 1, GL_UNSIGNED_INT, sizeof(Segment), at(offsetof(Segment, feature)));
}

void MapResources::bind_points(uint32_t first) const {
    glBindBuffer(GL_ARRAY_BUFFER, point_vbo.id());
    const size_t base = size_t(first) * sizeof(PointInstance);
    auto at = [&](size_t off) { return reinterpret_cast<void*>(base + off); };
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(PointInstance),
                          at(offsetof(PointInstance, x)));
    glVertexAttribIPointer(2, 1, GL_UNSIGNED_INT, sizeof(PointInstance),
                           at(offsetof(PointInstance, feature)));
    glVertexAttribIPointer(3, 1, GL_UNSIGNED_INT, sizeof(PointInstance),
                           at(offsetof(PointInstance, symbol)));
    glVertexAttribPointer(4, 1, GL_FLOAT, GL_FALSE, sizeof(PointInstance),
                          at(offsetof(PointInstance, size)));
    glVertexAttribPointer(5, 1, GL_FLOAT, GL_FALSE, sizeof(PointInstance),
                          at(offsetof(PointInstance, max_res)));
}

void MapResources::setup_line_vao(const VertexArray& vao, const Buffer& segments) const {
    glBindVertexArray(vao.id());
    glBindBuffer(GL_ARRAY_BUFFER, quad_vbo.id());
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    for (GLuint a = 1; a <= 4; ++a) {
        glEnableVertexAttribArray(a);
        glVertexAttribDivisor(a, 1);
    }
    bind_segments(segments, 0);
    glBindVertexArray(0);
}

// ---- fills -----------------------------------------------------------------------------------

bool FillRenderer::init() {
    const bool a = blended_.load("fill.vert", "fill.frag");
    const bool b = opaque_.load("fill.vert", "fill_opaque.frag");
    return a && b;
}

void FillRenderer::draw_layer(const DrawContext& c, size_t index, const SceneLayer& l) const {
    if (l.fills_transparent || !c.lod.cpu.layer_fill[index].count) return;
    // Opaque fills replace what is below: without blending llvmpipe skips reading the
    // framebuffer back (the country fills cover the whole map: ~30% of a 4K export).
    const bool opaque = l.fills_opaque && l.opacity >= 1;
    c.res.use(opaque ? opaque_ : blended_, c.res.fill_tex, c.frame, l.opacity);
    if (opaque) glDisable(GL_BLEND);
    draw_fill(c.lod, c.lod.cpu.layer_fill[index]);
    if (opaque) glEnable(GL_BLEND);
}

void FillRenderer::draw_highlight(const DrawContext& c, size_t index, const SceneFeature&,
                                  const HighlightPaint& paint) const {
    const Range r = c.lod.cpu.feature_fill[index];
    if (!r.count) return;
    const Rgba tint{paint.fill[0], paint.fill[1], paint.fill[2], 0.45f};
    c.res.use(blended_, c.res.fill_tex, c.frame, 1);
    glUniform1i(blended_.u().override_, 1);
    glUniform4fv(blended_.u().override_fill, 1, tint.data());
    draw_fill(c.lod, r);
}

// ---- lines -----------------------------------------------------------------------------------

bool LineRenderer::init() {
    return program_.load("line.vert", "line.frag");
}

void LineRenderer::level_uploaded(int level) {
    std::erase_if(outlines_, [&](const Outline& o) { return o.level == level; });
}

// Draws the visible chunks of `chunks`, merging runs of consecutive segments into one call.
void LineRenderer::draw_chunks(const DrawContext& c, Range chunks) const {
    if (!chunks.count) return;
    const GpuLod& lod = c.lod;
    const FrameParams& f = c.frame;
    glBindVertexArray(lod.line_vao.id());
    uint32_t run_first = 0, run_count = 0;
    auto flush = [&] {
        if (!run_count) return;
        c.res.bind_segments(lod.seg_vbo, run_first);
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, GLsizei(run_count));
        run_count = 0;
    };
    for (uint32_t i = chunks.first; i < chunks.first + chunks.count; ++i) {
        const Chunk& ch = lod.cpu.chunks[i];
        if (ch.maxx < f.vx0 || ch.minx > f.vx1 || ch.maxy < f.vy0 || ch.miny > f.vy1) continue;
        if (run_count && run_first + run_count == ch.segments.first) {
            run_count += ch.segments.count;
        } else {
            flush();
            run_first = ch.segments.first;
            run_count = ch.segments.count;
        }
    }
    flush();
}

void LineRenderer::draw_layer(const DrawContext& c, size_t index, const SceneLayer& l) const {
    const Range chunks = c.lod.cpu.layer_chunks[index];
    if (!chunks.count) return;
    c.res.use(program_, c.res.stroke_tex, c.frame, l.opacity);
    draw_chunks(c, chunks);
}

const LineRenderer::Outline* LineRenderer::outline_for(const DrawContext& c, int feature) const {
    for (const Outline& o : outlines_)
        if (o.feature == feature && o.level == c.level) return &o;
    if (!c.projected) return nullptr;
    const std::vector<Segment> segs =
        outline_segments(c.scene, *c.projected, uint32_t(feature), c.lod.cpu.tolerance);
    if (outlines_.size() >= 8) outlines_.erase(outlines_.begin());
    Outline& o = outlines_.emplace_back();
    o.feature = feature;
    o.level = c.level;
    o.vao = make_vao();
    o.vbo = make_buffer();
    o.count = GLsizei(segs.size());
    glBindBuffer(GL_ARRAY_BUFFER, o.vbo.id());
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(segs.size() * sizeof(Segment)), segs.data(),
                 GL_STATIC_DRAW);
    c.res.setup_line_vao(o.vao, o.vbo);
    return &o;
}

void LineRenderer::draw_highlight(const DrawContext& c, size_t index, const SceneFeature& sf,
                                  const HighlightPaint& paint) const {
    const Range chunks = c.lod.cpu.feature_chunks[index];
    const bool own_chunks = chunks.count > 0;
    const Outline* outline =
        own_chunks || sf.edges_drawn.empty() ? nullptr : outline_for(c, int(index));
    if (!own_chunks && !(outline && outline->count)) return;
    const MapUniforms& u = program_.u();
    c.res.use(program_, c.res.stroke_tex, c.frame, 1);
    glUniform1i(u.override_, 1);
    glUniform4fv(u.override_stroke, 1, paint.stroke.data());
    glUniform1f(u.override_width, paint.width);
    if (own_chunks) {
        draw_chunks(c, chunks);
    } else {
        glBindVertexArray(outline->vao.id());
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, outline->count);
    }
}

// ---- points ----------------------------------------------------------------------------------

bool PointRenderer::init() {
    return program_.load("point.vert", "point.frag");
}

void PointRenderer::draw_points(const DrawContext& c, Range r) const {
    if (!r.count) return;
    glBindVertexArray(c.res.point_vao.id());
    c.res.bind_points(r.first);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, GLsizei(r.count));
}

void PointRenderer::draw_layer(const DrawContext& c, size_t, const SceneLayer& l) const {
    if (!l.points.count) return;
    c.res.use(program_, c.res.fill_tex, c.frame, l.opacity);
    draw_points(c, l.points);
}

void PointRenderer::draw_highlight(const DrawContext& c, size_t, const SceneFeature& sf,
                                   const HighlightPaint& paint) const {
    if (!sf.points.count) return;
    const MapUniforms& u = program_.u();
    c.res.use(program_, c.res.fill_tex, c.frame, 1);
    glUniform1i(u.override_, 1);
    glUniform4fv(u.override_fill, 1, paint.fill.data());
    glUniform4fv(u.override_stroke, 1, paint.stroke.data());
    draw_points(c, sf.points);
}

}  // namespace bm::render

// ---- rasters ---------------------------------------------------------------------------------

namespace bm::render {

bool RasterRenderer::init() {
    if (!program_.load("raster.vert", "raster.frag")) return false;
    u_box_ = glGetUniformLocation(program_.id(), "u_box");
    u_image_ = glGetUniformLocation(program_.id(), "u_image");
    vao_ = make_vao();
    return true;
}

void RasterRenderer::draw_layer(const DrawContext& c, size_t index, const SceneLayer& l) const {
    if (!l.raster || !c.projected) return;
    if (textures_.size() < c.scene.layers.size()) textures_.resize(c.scene.layers.size());
    if (index >= textures_.size()) return;
    const geo::Layer* src = c.scene.source_of(l, *c.projected);
    const geo::RasterImage* img =
        src && src->raster && src->raster->image ? src->raster->image.get() : nullptr;
    if (!img || img->empty()) return;
    Image& t = textures_[index];
    if (!t.tex && !t.tried) {
        t.tried = true;
        GLint max_size = 0;
        glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_size);
        if (img->width > max_size || img->height > max_size ||
            img->rgba.size() != size_t(img->width) * size_t(img->height) * 4)
            return;
        // Premultiplied, so that mipmaps average colour and coverage together.
        std::vector<uint8_t> pm(img->rgba.size());
        for (size_t i = 0; i < pm.size(); i += 4) {
            const unsigned a = img->rgba[i + 3];
            for (size_t k = 0; k < 3; ++k) pm[i + k] = uint8_t((img->rgba[i + k] * a + 127) / 255);
            pm[i + 3] = uint8_t(a);
        }
        t.tex = make_texture();
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, t.tex.id());
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, img->width, img->height, 0, GL_RGBA,
                     GL_UNSIGNED_BYTE, pm.data());
        glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
        // The mipmap chain is the pyramid for zoomed-out views.
        glGenerateMipmap(GL_TEXTURE_2D);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        ++uploads_;
    }
    if (!t.tex) return;
    const geo::Box& b = img->box;
    const geo::Vec2 o = c.scene.origin;
    if (float(b.maxx - o.x) < c.frame.vx0 || float(b.minx - o.x) > c.frame.vx1 ||
        float(b.maxy - o.y) < c.frame.vy0 || float(b.miny - o.y) > c.frame.vy1)
        return;  // off the view
    const MapUniforms& u = program_.u();
    glUseProgram(program_.id());
    glUniform2f(u.center, c.frame.cx, c.frame.cy);
    glUniform2f(u.scale, c.frame.sx, c.frame.sy);
    glUniform1f(u.opacity, std::clamp(l.opacity, 0.f, 1.f));
    glUniform4f(u_box_, float(b.minx - o.x), float(b.miny - o.y), float(b.maxx - o.x),
                float(b.maxy - o.y));
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, t.tex.id());
    glUniform1i(u_image_, 0);
    // A hillshade multiplies: dst * (shade * a + 1 - a); an image covers: src + dst * (1 - a).
    if (l.shade) glBlendFuncSeparate(GL_DST_COLOR, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE);
    glBindVertexArray(vao_.id());
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    if (l.shade) glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
}

}  // namespace bm::render
