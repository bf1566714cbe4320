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
}  // namespace

bool MapRenderer::init() {
    bool ok = true;
    for (auto& k : kinds_) ok = k->init() && ok;  // every kind, so that every log is shown
    ok = raster_.init() && ok;
    group_.composite = load_program("composite.vert", "composite.frag");
    if (!group_.composite) return false;
    if (!ok) return false;
    group_.u_layer = glGetUniformLocation(group_.composite.id(), "u_layer");
    group_.u_origin = glGetUniformLocation(group_.composite.id(), "u_origin");
    group_.u_opacity = glGetUniformLocation(group_.composite.id(), "u_opacity");
    GLuint vao = 0;
    glGenVertexArrays(1, &vao);
    group_.vao = VertexArray(vao);
    res_.init();
    return true;
}

void MapRenderer::upload(const Scene& scene, const Style& style,
                         const std::vector<geo::Layer>* projected) {
    scene_ = &scene;
    res_.style = &style;
    projected_ = projected;
    for (auto& k : kinds_) k->scene_changed();
    raster_.scene_changed();
    layers_ = scene.layers;
    order_.resize(layers_.size());
    for (size_t i = 0; i < order_.size(); ++i) order_[i] = i;
    lods_.clear();
    lods_.resize(scene.lod_tolerances.size());

    glBindVertexArray(res_.point_vao.id());
    glBindBuffer(GL_ARRAY_BUFFER, res_.quad_vbo.id());
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, reinterpret_cast<void*>(8 * sizeof(float)));
    glBindBuffer(GL_ARRAY_BUFFER, res_.point_vbo.id());
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(scene.points.size() * sizeof(PointInstance)),
                 scene.points.data(), GL_STATIC_DRAW);
    for (GLuint a = 1; a <= 5; ++a) {  // PointInstance: pos, feature, symbol, size, max_res
        glEnableVertexAttribArray(a);
        glVertexAttribDivisor(a, 1);
    }
    res_.bind_points(0);
    glBindVertexArray(0);

    for (auto* t : {&res_.fill_tex, &res_.stroke_tex, &res_.params_tex}) {
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
    res_.setup_line_vao(g.line_vao, g.seg_vbo);
    for (auto& k : kinds_) k->level_uploaded(level);

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
    set_layer_opacity(0, 0.5f);  // the translucent layer path (its own framebuffer)
    draw(view, {0, 0, 2, 2}, fb_height, 1);
    set_layer_opacity(0, 1);
    if (pan_cache) draw_cached(view, {0, 0, 2, 2}, fb_height, 1);
    set_highlight(-1, -1, {});
    scene_ = nullptr;
    res_.style = nullptr;
    projected_ = nullptr;
    for (auto& k : kinds_) k->scene_changed();
    raster_.scene_changed();
    lods_.clear();
    layers_.clear();
    cache_.release();
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
    glBindTexture(GL_TEXTURE_2D, res_.fill_tex.id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, kTexWidth, rows, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                 fill.data());
    glBindTexture(GL_TEXTURE_2D, res_.stroke_tex.id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, kTexWidth, rows, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                 stroke.data());
    glBindTexture(GL_TEXTURE_2D, res_.params_tex.id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA32F, kTexWidth, rows, 0, GL_RGBA, GL_FLOAT,
                 params.data());
    textures_dirty_ = false;
}

FrameParams MapRenderer::frame_for(const geo::Viewport& view, PixelRect rect, int fb_height,
                                   float ratio) const {
    FrameParams f;
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
    const double spacing = res_.style ? double(res_.style->hatch_spacing) * ratio : 1.0;
    f.hatch_offset = spacing > 0 ? float(std::fmod(off, spacing) + spacing) : 0.f;
    return f;
}

DrawContext MapRenderer::context(const GpuLod& lod, const FrameParams& f) const {
    return {res_, *scene_, projected_, lod, int(&lod - lods_.data()), f};
}

void MapRenderer::draw_base(const GpuLod& lod, const FrameParams& f) {
    const DrawContext c = context(lod, f);
    auto shown = [&](size_t li) { return layers_[li].visible && layers_[li].opacity > 0; };
    const size_t n = order_.size();
    for (size_t k = 0; k < n;) {
        const size_t li = order_[k];
        const SceneLayer& l = layers_[li];
        // The rasters right above this layer go between its fills and its lines and points:
        // the land's fill does not hide them, its borders and places stay on top.
        size_t end = k + 1;
        while (end < n && layers_[order_[end]].raster) ++end;
        auto rasters = [&] {
            for (size_t j = l.raster ? k : k + 1; j < end; ++j)
                if (shown(order_[j])) raster_.draw_layer(c, order_[j], layers_[order_[j]]);
        };
        if (l.raster || !shown(li)) {
            rasters();
        } else if (l.opacity < 1) {
            draw_translucent(c, li, l);
            rasters();
        } else {
            kinds_[0]->draw_layer(c, li, l);
            rasters();
            for (size_t kind = 1; kind < kinds_.size(); ++kind) kinds_[kind]->draw_layer(c, li, l);
        }
        k = end;
    }
}

void MapRenderer::draw_translucent(const DrawContext& c, size_t li, const SceneLayer& l) {
    GLint vp[4], box[4], target = 0;
    glGetIntegerv(GL_VIEWPORT, vp);
    glGetIntegerv(GL_SCISSOR_BOX, box);
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &target);
    const bool scissor = glIsEnabled(GL_SCISSOR_TEST);
    if (!group_.fbo || group_.width != vp[2] || group_.height != vp[3]) {
        GLuint fb = 0;
        glGenFramebuffers(1, &fb);
        group_.fbo = Framebuffer(fb);
        group_.tex = make_texture();
        glBindTexture(GL_TEXTURE_2D, group_.tex.id());
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, vp[2], vp[3], 0, GL_RGBA, GL_UNSIGNED_BYTE,
                     nullptr);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glBindFramebuffer(GL_FRAMEBUFFER, fb);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, group_.tex.id(),
                               0);
        group_.width = vp[2];
        group_.height = vp[3];
    }
    glBindFramebuffer(GL_FRAMEBUFFER, group_.fbo.id());
    glViewport(0, 0, vp[2], vp[3]);
    glDisable(GL_SCISSOR_TEST);
    glClearColor(0, 0, 0, 0);
    glClear(GL_COLOR_BUFFER_BIT);
    // The hatching is anchored to map pixels through the fragment position: moving the
    // viewport's corner to (0, 0) moves the offset by the same amount.
    FrameParams f = c.frame;
    const float spacing = res_.style ? res_.style->hatch_spacing * f.ratio : 0.f;
    if (spacing > 0)
        f.hatch_offset = std::fmod(f.hatch_offset + float(vp[0] - vp[1]), spacing) + spacing;
    const DrawContext gc{c.res, c.scene, c.projected, c.lod, c.level, f};
    SceneLayer solid = l;
    solid.opacity = 1;
    for (const auto& k : kinds_) k->draw_layer(gc, li, solid);

    glBindFramebuffer(GL_FRAMEBUFFER, GLuint(target));
    glViewport(vp[0], vp[1], vp[2], vp[3]);
    if (scissor) glEnable(GL_SCISSOR_TEST);
    glScissor(box[0], box[1], box[2], box[3]);
    glEnable(GL_BLEND);
    glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glUseProgram(group_.composite.id());
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, group_.tex.id());
    glUniform1i(group_.u_layer, 0);
    glUniform2i(group_.u_origin, vp[0], vp[1]);
    glUniform1f(group_.u_opacity, l.opacity);
    glBindVertexArray(group_.vao.id());
    glDrawArrays(GL_TRIANGLES, 0, 3);
}

void MapRenderer::draw_highlights(const GpuLod& lod, const FrameParams& f) const {
    const Highlight& h = res_.style->highlight;
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
    const DrawContext c = context(lod, f);
    for (const Item& it : items) {
        if (it.id < 0 || size_t(it.id) >= scene_->features.size()) continue;
        // Drawn even when the feature's layer is hidden: a place selected from the list (or a
        // passage's places) must show where it is.
        const SceneFeature& sf = scene_->features[size_t(it.id)];
        const HighlightPaint paint{it.fill, it.stroke,
                                   it.width > 0 ? it.width : sf.style.width + 1.0f};
        for (const auto& k : kinds_) k->draw_highlight(c, size_t(it.id), sf, paint);
    }
}

const GpuLod* MapRenderer::lod_for_view(double res) const {
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
    return res_.style ? res_.style->background : Rgba{0.66f, 0.8f, 0.89f, 1};
}

void MapRenderer::draw(const geo::Viewport& view, PixelRect rect, int fb_height, float pixel_ratio,
                       bool clear) {
    begin_pass(rect, fb_height, background(), clear);
    const GpuLod* lod = scene_ ? lod_for_view(view.res) : nullptr;
    if (lod) {
        if (textures_dirty_) update_feature_textures();
        const FrameParams f = frame_for(view, rect, fb_height, pixel_ratio);
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
        cache_.invalidate();
    }
    const int margin = int(256 * pixel_ratio);
    PanCache::Key key;
    key.res = view.res;
    key.pixel_ratio = pixel_ratio;
    key.width = rect.width + 2 * margin;
    key.height = rect.height + 2 * margin;
    key.level = lod_in_use(view.res);
    key.layers.reserve(layers_.size());
    for (auto& l : layers_) key.layers.emplace_back(l.visible, l.opacity);
    key.order = order_;
    GLint target = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &target);
    if (!cache_.covers(view, key, margin)) {
        const int cw = key.width, ch = key.height;
        cache_.bind_for_drawing(key);
        geo::Viewport cv = view;
        cv.width = cw;
        cv.height = ch;
        begin_pass({0, 0, cw, ch}, ch, res_.style->background, true);
        draw_base(*lod, frame_for(cv, {0, 0, cw, ch}, ch, pixel_ratio));
        cache_.drawn(view, std::move(key));
    }
    const geo::Viewport drawn = cache_.copy_to(view, rect, fb_height, margin, GLuint(target));
    begin_pass(rect, fb_height, res_.style->background, false);
    draw_highlights(*lod, frame_for(drawn, rect, fb_height, pixel_ratio));
    glBindVertexArray(0);
    glDisable(GL_SCISSOR_TEST);
    return drawn;
}

}  // namespace bm::render
