#include "render/map_renderer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>

namespace bm::render {

namespace {
constexpr int kTexWidth = 1024;  // feature index i lives at texel (i % 1024, i / 1024)

std::array<uint8_t, 4> rgba8(const Rgba& c) {
    auto q = [](float v) { return uint8_t(std::clamp(v, 0.f, 1.f) * 255.f + 0.5f); };
    return {q(c[0]), q(c[1]), q(c[2]), q(c[3])};
}

void tex_params() {
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
}

// Unit quad corners for instanced lines (x along 0..1, y across -1..1) and points (-1..1).
constexpr float kQuad[] = {0, -1, 1, -1, 0, 1, 1, 1, -1, -1, 1, -1, -1, 1, 1, 1};
}  // namespace

bool MapRenderer::init() {
    fill_prog_ = load_program("fill.vert", "fill.frag");
    fill_opaque_prog_ = load_program("fill.vert", "fill_opaque.frag");
    line_prog_ = load_program("line.vert", "line.frag");
    point_prog_ = load_program("point.vert", "point.frag");
    if (!fill_prog_ || !fill_opaque_prog_ || !line_prog_ || !point_prog_) return false;
    point_vao_ = make_vao();
    point_vbo_ = make_buffer();
    quad_vbo_ = make_buffer();
    fill_tex_ = make_texture();
    stroke_tex_ = make_texture();
    params_tex_ = make_texture();
    glBindBuffer(GL_ARRAY_BUFFER, quad_vbo_.id());
    glBufferData(GL_ARRAY_BUFFER, sizeof kQuad, kQuad, GL_STATIC_DRAW);
    return true;
}

void MapRenderer::upload(const Scene& scene, const Style& style,
                         const std::vector<geo::Layer>* projected) {
    scene_ = &scene;
    style_ = &style;
    projected_ = projected;
    outlines_.clear();
    layers_ = scene.layers;
    order_.resize(layers_.size());
    for (size_t i = 0; i < order_.size(); ++i) order_[i] = i;
    lods_.clear();
    lods_.resize(scene.lod_tolerances.size());

    glBindVertexArray(point_vao_.id());
    glBindBuffer(GL_ARRAY_BUFFER, quad_vbo_.id());
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, reinterpret_cast<void*>(8 * sizeof(float)));
    glBindBuffer(GL_ARRAY_BUFFER, point_vbo_.id());
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(scene.points.size() * sizeof(PointInstance)),
                 scene.points.data(), GL_STATIC_DRAW);
    for (GLuint a = 1; a <= 4; ++a) {
        glEnableVertexAttribArray(a);
        glVertexAttribDivisor(a, 1);
    }
    bind_points(0);
    glBindVertexArray(0);

    for (auto* t : {&fill_tex_, &stroke_tex_, &params_tex_}) {
        glBindTexture(GL_TEXTURE_2D, t->id());
        tex_params();
    }
    textures_dirty_ = true;
}

void MapRenderer::upload_lod(int level, LodGeometry lod) {
    if (level < 0 || size_t(level) >= lods_.size()) return;
    GpuLod& g = lods_[size_t(level)];
    g.fill_vao = make_vao();
    g.line_vao = make_vao();
    g.fill_vbo = make_buffer();
    g.fill_ibo = make_buffer();
    g.seg_vbo = make_buffer();

    glBindVertexArray(g.fill_vao.id());
    glBindBuffer(GL_ARRAY_BUFFER, g.fill_vbo.id());
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(lod.fill_vertices.size() * sizeof(FillVertex)),
                 lod.fill_vertices.data(), GL_STATIC_DRAW);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, g.fill_ibo.id());
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(lod.fill_indices.size() * sizeof(uint32_t)),
                 lod.fill_indices.data(), GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(FillVertex), nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribIPointer(1, 1, GL_UNSIGNED_INT, sizeof(FillVertex),
                           reinterpret_cast<void*>(offsetof(FillVertex, feature)));

    glBindBuffer(GL_ARRAY_BUFFER, g.seg_vbo.id());
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(lod.segments.size() * sizeof(Segment)),
                 lod.segments.data(), GL_STATIC_DRAW);
    setup_line_vao(g.line_vao, g.seg_vbo);
    std::erase_if(outlines_, [&](const Outline& o) { return o.level == level; });

    // The GPU has the vertices now; keep only the tables that culling and highlights need.
    lod.fill_vertices = {};
    lod.fill_indices = {};
    lod.segments = {};
    g.cpu = std::move(lod);
    g.ready = true;
}

void MapRenderer::warm_up(int fb_height, bool pan_cache) {
    geo::Layer layer, opaque;
    layer.name = "warm-up";
    opaque.name = "warm-up-opaque";
    geo::Feature area, line, point;
    area.geom.kind = geo::GeomKind::Polygon;
    area.geom.polygons = {{{{0, 0}, {10, 0}, {10, 10}}}};
    line.geom.kind = geo::GeomKind::Line;
    line.geom.lines = {{{0, 0}, {10, 10}}};
    point.geom.kind = geo::GeomKind::Point;
    point.geom.points = {{5, 5}};
    for (auto* f : {&area, &line, &point}) {
        for (auto& p : f->geom.points) f->geom.bbox.add(p);
        for (auto& l : f->geom.lines)
            for (auto& p : l) f->geom.bbox.add(p);
        for (auto& poly : f->geom.polygons)
            for (auto& p : poly[0]) f->geom.bbox.add(p);
        layer.bbox.add(f->geom.bbox);
        layer.features.push_back(*f);
    }
    opaque.features.push_back(area);
    opaque.bbox = area.geom.bbox;
    Problems ignored;
    const Style style = Style::parse(
        R"({"layers":[{"layer":"warm-up","fill":"#80808080","hatch":true,"stroke":"#000","width":2,"dash":[4,2]},
                      {"layer":"warm-up-opaque","fill":"#808080"}]})",
        "warm-up", ignored);
    const Scene scene = build_scene({layer, opaque}, style);
    upload(scene, style);
    upload_lod(0, build_lod(scene, {layer, opaque}, 0));
    geo::Viewport view{{5, 5}, 0.1, 2, 2};
    set_highlight(0, 1, {2});
    draw(view, {0, 0, 2, 2}, fb_height, 1);
    if (pan_cache) draw_cached(view, {0, 0, 2, 2}, fb_height, 1);
    set_highlight(-1, -1, {});
    scene_ = nullptr;
    style_ = nullptr;
    projected_ = nullptr;
    outlines_.clear();
    lods_.clear();
    layers_.clear();
    cache_valid_ = false;
    cache_fbo_.reset();
    cache_tex_.reset();
    cache_w_ = cache_h_ = 0;
    cache_renders_ = 0;
    glFinish();
}

bool MapRenderer::has_lod(int level) const {
    return level >= 0 && size_t(level) < lods_.size() && lods_[size_t(level)].ready;
}

int MapRenderer::lod_in_use(double res) const {
    if (!scene_) return -1;
    const int want = scene_->lod_for(res);
    for (int d = 0; d < int(lods_.size()); ++d) {
        // Prefer the finer neighbour: never draw coarser than the eye can see if avoidable.
        if (has_lod(want - d)) return want - d;
        if (has_lod(want + d)) return want + d;
    }
    return -1;
}

// GL 3.3 has no base-instance draws, so a sub-range of instances is drawn by pointing the
// instance attributes at its first element. The LOD's line VAO must be bound.
void MapRenderer::setup_line_vao(const VertexArray& vao, const Buffer& segments) const {
    glBindVertexArray(vao.id());
    glBindBuffer(GL_ARRAY_BUFFER, quad_vbo_.id());
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    for (GLuint a = 1; a <= 4; ++a) {
        glEnableVertexAttribArray(a);
        glVertexAttribDivisor(a, 1);
    }
    bind_segments(segments, 0);
    glBindVertexArray(0);
}

const MapRenderer::Outline* MapRenderer::outline_for(int feature, const GpuLod& lod) const {
    const int level = int(&lod - lods_.data());
    for (const Outline& o : outlines_)
        if (o.feature == feature && o.level == level) return &o;
    if (!projected_) return nullptr;
    const std::vector<Segment> segs =
        outline_segments(*scene_, *projected_, uint32_t(feature), lod.cpu.tolerance);
    if (outlines_.size() >= 8) outlines_.erase(outlines_.begin());
    Outline& o = outlines_.emplace_back();
    o.feature = feature;
    o.level = level;
    o.vao = make_vao();
    o.vbo = make_buffer();
    o.count = GLsizei(segs.size());
    glBindBuffer(GL_ARRAY_BUFFER, o.vbo.id());
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(segs.size() * sizeof(Segment)), segs.data(),
                 GL_STATIC_DRAW);
    setup_line_vao(o.vao, o.vbo);
    return &o;
}

void MapRenderer::bind_segments(const Buffer& segments, uint32_t first) const {
    glBindBuffer(GL_ARRAY_BUFFER, segments.id());
    const size_t base = size_t(first) * sizeof(Segment);
    auto at = [&](size_t off) { return reinterpret_cast<void*>(base + off); };
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(Segment), at(offsetof(Segment, x0)));
    glVertexAttribPointer(2, 2, GL_FLOAT, GL_FALSE, sizeof(Segment), at(offsetof(Segment, x1)));
    glVertexAttribPointer(3, 1, GL_FLOAT, GL_FALSE, sizeof(Segment), at(offsetof(Segment, dist0)));
    glVertexAttribIPointer(4, 1, GL_UNSIGNED_INT, sizeof(Segment), at(offsetof(Segment, feature)));
}

void MapRenderer::bind_points(uint32_t first) const {
    glBindBuffer(GL_ARRAY_BUFFER, point_vbo_.id());
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
}

void MapRenderer::set_layer_visible(size_t layer, bool visible) {
    if (layer < layers_.size()) layers_[layer].visible = visible;
}
void MapRenderer::set_layer_opacity(size_t layer, float opacity) {
    if (layer < layers_.size()) layers_[layer].opacity = std::clamp(opacity, 0.f, 1.f);
}

void MapRenderer::set_layer_order(const std::vector<size_t>& order) {
    std::vector<size_t> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    for (size_t i = 0; i < sorted.size(); ++i)
        if (sorted[i] != i) return;  // not a permutation of the layers: ignore
    if (sorted.size() == layers_.size()) order_ = order;
}

void MapRenderer::set_highlight(int hovered, int selected, const std::vector<int>& related) {
    hovered_ = hovered;
    selected_ = selected;
    related_ = related;
}

void MapRenderer::update_feature_textures() {
    const size_t n = scene_->features.size();
    const int rows = int(std::max<size_t>(1, (n + kTexWidth - 1) / kTexWidth));
    std::vector<std::array<uint8_t, 4>> fill(size_t(rows) * kTexWidth), stroke(fill.size());
    std::vector<std::array<float, 4>> params(fill.size());
    for (size_t i = 0; i < n; ++i) {
        const SceneFeature& f = scene_->features[i];
        const FeatureStyle& s = f.style;
        const bool point = f.points.count > 0;
        fill[i] = rgba8(point ? s.point_fill : s.fill);
        stroke[i] = rgba8(point ? s.point_stroke : s.stroke);
        params[i] = {s.width, s.dash[0], s.dash[1], s.hatch ? 1.f : 0.f};
    }
    glBindTexture(GL_TEXTURE_2D, fill_tex_.id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, kTexWidth, rows, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                 fill.data());
    glBindTexture(GL_TEXTURE_2D, stroke_tex_.id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, kTexWidth, rows, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                 stroke.data());
    glBindTexture(GL_TEXTURE_2D, params_tex_.id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA32F, kTexWidth, rows, 0, GL_RGBA, GL_FLOAT,
                 params.data());
    textures_dirty_ = false;
}

struct MapRenderer::Frame {
    float cx, cy, sx, sy;  // view centre (scene coordinates) and clip scale
    float width, height, res, ratio;
    float vx0, vy0, vx1, vy1;  // visible window in scene coordinates, for culling
    float hatch_offset;        // see fill.frag
};

MapRenderer::Frame MapRenderer::frame_for(const geo::Viewport& view, PixelRect rect, int fb_height,
                                          float ratio) const {
    Frame f;
    f.cx = float(view.center.x - scene_->origin.x);
    f.cy = float(view.center.y - scene_->origin.y);
    f.sx = float(2.0 / (view.res * rect.width));
    f.sy = float(2.0 / (view.res * rect.height));
    f.width = float(rect.width);
    f.height = float(rect.height);
    f.res = float(view.res);
    f.ratio = ratio;
    // Grown by the widest stroke so lines just outside the edge still draw their inner half.
    const float margin = float(view.res * 12 * ratio);
    f.vx0 = f.cx - float(view.res * rect.width / 2) - margin;
    f.vx1 = f.cx + float(view.res * rect.width / 2) + margin;
    f.vy0 = f.cy - float(view.res * rect.height / 2) - margin;
    f.vy1 = f.cy + float(view.res * rect.height / 2) + margin;
    // Map pixel = fragment pixel - viewport centre + view centre / res, along x and along y;
    // in double and reduced modulo the spacing so the float uniform stays exact when far out.
    const int gl_y = fb_height - rect.y - rect.height;
    const double off =
        ((view.center.x - scene_->origin.x) - (view.center.y - scene_->origin.y)) / view.res -
        (rect.x + rect.width / 2.0) + (gl_y + rect.height / 2.0);
    const double spacing = style_ ? double(style_->hatch_spacing) * ratio : 1.0;
    f.hatch_offset = spacing > 0 ? float(std::fmod(off, spacing) + spacing) : 0.f;
    return f;
}

void MapRenderer::use_program(const Program& p, const Texture& colors, const Frame& f,
                              float opacity) const {
    const GLuint id = p.id();
    glUseProgram(id);
    glUniform2f(glGetUniformLocation(id, "u_center"), f.cx, f.cy);
    glUniform2f(glGetUniformLocation(id, "u_scale"), f.sx, f.sy);
    glUniform2f(glGetUniformLocation(id, "u_viewport"), f.width, f.height);
    glUniform1f(glGetUniformLocation(id, "u_res"), f.res);
    glUniform1f(glGetUniformLocation(id, "u_pixel_ratio"), f.ratio);
    glUniform1f(glGetUniformLocation(id, "u_opacity"), opacity);
    glUniform1i(glGetUniformLocation(id, "u_override"), 0);
    glUniform1f(glGetUniformLocation(id, "u_hatch_spacing"), style_->hatch_spacing * f.ratio);
    glUniform1f(glGetUniformLocation(id, "u_hatch_width"), style_->hatch_width * f.ratio);
    glUniform1f(glGetUniformLocation(id, "u_hatch_offset"), f.hatch_offset);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, colors.id());
    glUniform1i(glGetUniformLocation(id, "u_colors"), 0);
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, params_tex_.id());
    glUniform1i(glGetUniformLocation(id, "u_params"), 1);
    glActiveTexture(GL_TEXTURE2);
    glBindTexture(GL_TEXTURE_2D, stroke_tex_.id());
    glUniform1i(glGetUniformLocation(id, "u_strokes"), 2);
}

void MapRenderer::draw_fill(const GpuLod& lod, Range r) const {
    if (!r.count) return;
    glBindVertexArray(lod.fill_vao.id());
    glDrawElements(GL_TRIANGLES, GLsizei(r.count), GL_UNSIGNED_INT,
                   reinterpret_cast<void*>(size_t(r.first) * sizeof(uint32_t)));
}

// Draws the visible chunks of `chunks`, merging runs of consecutive segments into one call.
void MapRenderer::draw_lines(const GpuLod& lod, const Frame& f, Range chunks) const {
    if (!chunks.count) return;
    glBindVertexArray(lod.line_vao.id());
    uint32_t run_first = 0, run_count = 0;
    auto flush = [&] {
        if (!run_count) return;
        bind_segments(lod.seg_vbo, run_first);
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, GLsizei(run_count));
        run_count = 0;
    };
    for (uint32_t i = chunks.first; i < chunks.first + chunks.count; ++i) {
        const Chunk& c = lod.cpu.chunks[i];
        if (c.maxx < f.vx0 || c.minx > f.vx1 || c.maxy < f.vy0 || c.miny > f.vy1) continue;
        if (run_count && run_first + run_count == c.segments.first) {
            run_count += c.segments.count;
        } else {
            flush();
            run_first = c.segments.first;
            run_count = c.segments.count;
        }
    }
    flush();
}

void MapRenderer::draw_points(Range r) const {
    if (!r.count) return;
    glBindVertexArray(point_vao_.id());
    bind_points(r.first);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, GLsizei(r.count));
}

void MapRenderer::draw_base(const GpuLod& lod, const Frame& f) const {
    for (size_t li : order_) {
        const SceneLayer& l = layers_[li];
        if (!l.visible || l.opacity <= 0) continue;
        if (!l.fills_transparent && lod.cpu.layer_fill[li].count) {
            // Opaque fills replace what is below: without blending llvmpipe skips reading the
            // framebuffer back (the country fills cover the whole map: ~30% of a 4K export).
            const bool opaque = l.fills_opaque && l.opacity >= 1;
            use_program(opaque ? fill_opaque_prog_ : fill_prog_, fill_tex_, f, l.opacity);
            if (opaque) glDisable(GL_BLEND);
            draw_fill(lod, lod.cpu.layer_fill[li]);
            if (opaque) glEnable(GL_BLEND);
        }
        if (lod.cpu.layer_chunks[li].count) {
            use_program(line_prog_, stroke_tex_, f, l.opacity);
            draw_lines(lod, f, lod.cpu.layer_chunks[li]);
        }
        if (l.points.count) {
            use_program(point_prog_, fill_tex_, f, l.opacity);
            draw_points(l.points);
        }
    }
}

void MapRenderer::draw_highlights(const GpuLod& lod, const Frame& f) const {
    const Highlight& h = style_->highlight;
    struct Item {
        int id;
        Rgba fill, stroke;
        float width;
    };
    std::vector<Item> items;
    for (int id : related_)
        items.push_back({id, h.related_fill, h.related_stroke, h.selected_width * 0.8f});
    if (hovered_ >= 0 && hovered_ != selected_)
        items.push_back({hovered_, h.hover_fill, h.hover_stroke, 0});
    if (selected_ >= 0)
        items.push_back({selected_, h.selected_fill, h.selected_stroke, h.selected_width});
    for (const Item& it : items) {
        if (it.id < 0 || size_t(it.id) >= scene_->features.size()) continue;
        const SceneFeature& sf = scene_->features[size_t(it.id)];
        if (!layers_[size_t(sf.layer)].visible) continue;
        const float width = it.width > 0 ? it.width : sf.style.width + 1.0f;
        const Rgba tint{it.fill[0], it.fill[1], it.fill[2], 0.45f};
        if (lod.cpu.feature_fill[size_t(it.id)].count) {
            use_program(fill_prog_, fill_tex_, f, 1);
            glUniform1i(glGetUniformLocation(fill_prog_.id(), "u_override"), 1);
            glUniform4fv(glGetUniformLocation(fill_prog_.id(), "u_override_fill"), 1, tint.data());
            draw_fill(lod, lod.cpu.feature_fill[size_t(it.id)]);
        }
        const bool own_chunks = lod.cpu.feature_chunks[size_t(it.id)].count > 0;
        const Outline* outline =
            own_chunks || sf.edges_drawn.empty() ? nullptr : outline_for(it.id, lod);
        if (own_chunks || (outline && outline->count)) {
            use_program(line_prog_, stroke_tex_, f, 1);
            glUniform1i(glGetUniformLocation(line_prog_.id(), "u_override"), 1);
            glUniform4fv(glGetUniformLocation(line_prog_.id(), "u_override_stroke"), 1,
                         it.stroke.data());
            glUniform1f(glGetUniformLocation(line_prog_.id(), "u_override_width"), width);
            if (own_chunks) {
                draw_lines(lod, f, lod.cpu.feature_chunks[size_t(it.id)]);
            } else {
                glBindVertexArray(outline->vao.id());
                glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, outline->count);
            }
        }
        if (sf.points.count) {
            use_program(point_prog_, fill_tex_, f, 1);
            glUniform1i(glGetUniformLocation(point_prog_.id(), "u_override"), 1);
            glUniform4fv(glGetUniformLocation(point_prog_.id(), "u_override_fill"), 1,
                         it.fill.data());
            glUniform4fv(glGetUniformLocation(point_prog_.id(), "u_override_stroke"), 1,
                         it.stroke.data());
            draw_points(sf.points);
        }
    }
}

const MapRenderer::GpuLod* MapRenderer::lod_for_view(double res) const {
    const int level = lod_in_use(res);
    return level < 0 ? nullptr : &lods_[size_t(level)];
}

namespace {
void begin_pass(render::PixelRect rect, int fb_height, const Rgba& bg, bool clear) {
    const int gl_y = fb_height - rect.y - rect.height;  // GL's origin is bottom left
    glViewport(rect.x, gl_y, rect.width, rect.height);
    glEnable(GL_SCISSOR_TEST);
    glScissor(rect.x, gl_y, rect.width, rect.height);
    if (clear) {
        glClearColor(bg[0], bg[1], bg[2], 1);
        glClear(GL_COLOR_BUFFER_BIT);
    }
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // shaders output premultiplied colour
}
}  // namespace

Rgba MapRenderer::background() const {
    return style_ ? style_->background : Rgba{0.66f, 0.8f, 0.89f, 1};
}

void MapRenderer::draw(const geo::Viewport& view, PixelRect rect, int fb_height, float pixel_ratio,
                       bool clear) {
    begin_pass(rect, fb_height, background(), clear);
    const GpuLod* lod = scene_ ? lod_for_view(view.res) : nullptr;
    if (lod) {
        if (textures_dirty_) update_feature_textures();
        const Frame f = frame_for(view, rect, fb_height, pixel_ratio);
        draw_base(*lod, f);
        draw_highlights(*lod, f);
    }
    glBindVertexArray(0);
    glDisable(GL_SCISSOR_TEST);
}

geo::Viewport MapRenderer::draw_cached(const geo::Viewport& view, PixelRect rect, int fb_height,
                                       float pixel_ratio) {
    const GpuLod* lod = scene_ ? lod_for_view(view.res) : nullptr;
    if (!lod) {
        draw(view, rect, fb_height, pixel_ratio);
        return view;
    }
    if (textures_dirty_) {
        update_feature_textures();
        cache_valid_ = false;
    }
    const int margin = int(256 * pixel_ratio);
    const int cw = rect.width + 2 * margin, ch = rect.height + 2 * margin;
    // The offset of the view in the cache, in whole pixels.
    const double ox = (view.center.x - cache_view_.center.x) / view.res;
    const double oy = (view.center.y - cache_view_.center.y) / view.res;
    std::vector<std::pair<bool, float>> layer_state;
    for (auto& l : layers_) layer_state.emplace_back(l.visible, l.opacity);
    const bool reusable = cache_valid_ && cache_view_.res == view.res &&
                          cache_ratio_ == pixel_ratio && cache_w_ == cw && cache_h_ == ch &&
                          std::abs(ox) <= margin && std::abs(oy) <= margin &&
                          cache_level_ == lod_in_use(view.res) &&
                          layer_state == cache_layer_state_ && order_ == cache_order_;
    GLint target = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &target);
    if (!reusable) {
        if (!cache_fbo_ || cache_w_ != cw || cache_h_ != ch) {
            GLuint fb = 0;
            glGenFramebuffers(1, &fb);
            cache_fbo_ = Framebuffer(fb);
            cache_tex_ = make_texture();
            glBindTexture(GL_TEXTURE_2D, cache_tex_.id());
            glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, cw, ch, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
            tex_params();
            glBindFramebuffer(GL_FRAMEBUFFER, fb);
            glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D,
                                   cache_tex_.id(), 0);
            cache_w_ = cw;
            cache_h_ = ch;
        }
        glBindFramebuffer(GL_FRAMEBUFFER, cache_fbo_.id());
        geo::Viewport cv = view;
        cv.width = cw;
        cv.height = ch;
        begin_pass({0, 0, cw, ch}, ch, style_->background, true);
        draw_base(*lod, frame_for(cv, {0, 0, cw, ch}, ch, pixel_ratio));
        cache_view_ = view;
        cache_ratio_ = pixel_ratio;
        cache_level_ = lod_in_use(view.res);
        cache_layer_state_ = layer_state;
        cache_order_ = order_;
        cache_valid_ = true;
        ++cache_renders_;
    }
    // Snap to whole pixels so the copy is exact, then copy the window onto the target.
    const int ix = int(std::lround((view.center.x - cache_view_.center.x) / view.res));
    const int iy = int(std::lround((view.center.y - cache_view_.center.y) / view.res));
    geo::Viewport drawn = view;
    drawn.center = {cache_view_.center.x + ix * view.res, cache_view_.center.y + iy * view.res};
    glBindFramebuffer(GL_READ_FRAMEBUFFER, cache_fbo_.id());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, GLuint(target));
    const int gl_y = fb_height - rect.y - rect.height;
    glDisable(GL_SCISSOR_TEST);
    // Cache pixel (margin + ix, margin + iy) from its bottom left lands on the rect's corner.
    glBlitFramebuffer(margin + ix, margin + iy, margin + ix + rect.width, margin + iy + rect.height,
                      rect.x, gl_y, rect.x + rect.width, gl_y + rect.height, GL_COLOR_BUFFER_BIT,
                      GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, GLuint(target));
    begin_pass(rect, fb_height, style_->background, false);
    draw_highlights(*lod, frame_for(drawn, rect, fb_height, pixel_ratio));
    glBindVertexArray(0);
    glDisable(GL_SCISSOR_TEST);
    return drawn;
}

}  // namespace bm::render
