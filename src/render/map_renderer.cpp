#include "render/map_renderer.h"

#include <algorithm>
#include <array>
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
    fill_prog_ = load_program("fill.vert", "fill.frag");
    line_prog_ = load_program("line.vert", "line.frag");
    point_prog_ = load_program("point.vert", "point.frag");
    if (!fill_prog_ || !line_prog_ || !point_prog_) return false;
    fill_vao_ = make_vao();
    line_vao_ = make_vao();
    point_vao_ = make_vao();
    fill_vbo_ = make_buffer();
    fill_ibo_ = make_buffer();
    seg_vbo_ = make_buffer();
    point_vbo_ = make_buffer();
    quad_vbo_ = make_buffer();
    fill_tex_ = make_texture();
    stroke_tex_ = make_texture();
    params_tex_ = make_texture();
    // Unit quad corners for instanced lines (x along 0..1, y across -1..1) and points (-1..1).
    const float quad[] = {0, -1, 1, -1, 0, 1, 1, 1, -1, -1, 1, -1, -1, 1, 1, 1};
    glBindBuffer(GL_ARRAY_BUFFER, quad_vbo_.id());
    glBufferData(GL_ARRAY_BUFFER, sizeof quad, quad, GL_STATIC_DRAW);
    return true;
}

void MapRenderer::upload(const Scene& scene, const Style& style) {
    scene_ = &scene;
    style_ = &style;
    layers_ = scene.layers;

    glBindVertexArray(fill_vao_.id());
    glBindBuffer(GL_ARRAY_BUFFER, fill_vbo_.id());
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(scene.fill_vertices.size() * sizeof(FillVertex)),
                 scene.fill_vertices.data(), GL_STATIC_DRAW);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, fill_ibo_.id());
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(scene.fill_indices.size() * sizeof(uint32_t)),
                 scene.fill_indices.data(), GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(FillVertex), nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribIPointer(1, 1, GL_UNSIGNED_INT, sizeof(FillVertex),
                           reinterpret_cast<void*>(offsetof(FillVertex, feature)));

    glBindVertexArray(line_vao_.id());
    glBindBuffer(GL_ARRAY_BUFFER, quad_vbo_.id());
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    glBindBuffer(GL_ARRAY_BUFFER, seg_vbo_.id());
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(scene.segments.size() * sizeof(Segment)),
                 scene.segments.data(), GL_STATIC_DRAW);
    for (GLuint a = 1; a <= 4; ++a) {
        glEnableVertexAttribArray(a);
        glVertexAttribDivisor(a, 1);
    }
    bind_segments(0);

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

// GL 3.3 has no base-instance draws, so a sub-range of instances is drawn by pointing the
// instance attributes at its first element. The line VAO must be bound.
void MapRenderer::bind_segments(uint32_t first) {
    glBindBuffer(GL_ARRAY_BUFFER, seg_vbo_.id());
    const size_t base = size_t(first) * sizeof(Segment);
    auto at = [&](size_t off) { return reinterpret_cast<void*>(base + off); };
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(Segment), at(offsetof(Segment, x0)));
    glVertexAttribPointer(2, 2, GL_FLOAT, GL_FALSE, sizeof(Segment), at(offsetof(Segment, x1)));
    glVertexAttribPointer(3, 1, GL_FLOAT, GL_FALSE, sizeof(Segment), at(offsetof(Segment, dist0)));
    glVertexAttribIPointer(4, 1, GL_UNSIGNED_INT, sizeof(Segment), at(offsetof(Segment, feature)));
}

void MapRenderer::bind_points(uint32_t first) {
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

void MapRenderer::set_highlight(int hovered, int selected, const std::vector<int>& related) {
    if (hovered == hovered_ && selected == selected_ && related == related_) return;
    hovered_ = hovered;
    selected_ = selected;
    related_ = related;
    textures_dirty_ = true;
}

void MapRenderer::update_feature_textures() {
    const size_t n = scene_->features.size();
    const int rows = int(std::max<size_t>(1, (n + kTexWidth - 1) / kTexWidth));
    std::vector<std::array<uint8_t, 4>> fill(size_t(rows) * kTexWidth), stroke(fill.size());
    std::vector<std::array<float, 4>> params(fill.size());
    const Highlight& h = style_->highlight;
    for (size_t i = 0; i < n; ++i) {
        const SceneFeature& f = scene_->features[i];
        const FeatureStyle& s = f.style;
        const bool point = f.points.count > 0;
        Rgba fc = point ? s.point_fill : s.fill, sc = point ? s.point_stroke : s.stroke;
        float w = s.width;
        const bool related = std::find(related_.begin(), related_.end(), int(i)) != related_.end();
        if (related) {
            fc = point ? h.related_stroke
                       : Rgba{h.related_fill[0], h.related_fill[1], h.related_fill[2], 0.55f};
            sc = h.related_stroke;
            w = std::max(w, h.selected_width * 0.8f);
        }
        if (int(i) == hovered_) {
            fc = point ? h.hover_fill
                       : Rgba{h.hover_fill[0], h.hover_fill[1], h.hover_fill[2], 0.6f};
            sc = h.hover_stroke;
            w = std::max(w, s.width + 1.0f);
        }
        if (int(i) == selected_) {
            fc = point ? h.selected_fill
                       : Rgba{h.selected_fill[0], h.selected_fill[1], h.selected_fill[2], 0.55f};
            sc = h.selected_stroke;
            w = std::max(w, h.selected_width);
        }
        fill[i] = rgba8(fc);
        stroke[i] = rgba8(sc);
        params[i] = {w, s.dash[0], s.dash[1], s.hatch ? 1.f : 0.f};
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

void MapRenderer::draw(const geo::Viewport& view, PixelRect rect, int fb_height,
                       float pixel_ratio) {
    const int gl_y = fb_height - rect.y - rect.height;  // GL's origin is bottom left
    glViewport(rect.x, gl_y, rect.width, rect.height);
    glEnable(GL_SCISSOR_TEST);
    glScissor(rect.x, gl_y, rect.width, rect.height);
    const Rgba bg = style_ ? style_->background : Rgba{0.66f, 0.8f, 0.89f, 1};
    glClearColor(bg[0], bg[1], bg[2], 1);
    glClear(GL_COLOR_BUFFER_BIT);
    if (!scene_) {
        glDisable(GL_SCISSOR_TEST);
        return;
    }
    if (textures_dirty_) update_feature_textures();

    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // shaders output premultiplied colour

    const float cx = float(view.center.x - scene_->origin.x),
                cy = float(view.center.y - scene_->origin.y);
    const float sx = float(2.0 / (view.res * rect.width)),
                sy = float(2.0 / (view.res * rect.height));
    auto common = [&](const Program& p, const Texture& colors) {
        glUseProgram(p.id());
        glUniform2f(glGetUniformLocation(p.id(), "u_center"), cx, cy);
        glUniform2f(glGetUniformLocation(p.id(), "u_scale"), sx, sy);
        glUniform2f(glGetUniformLocation(p.id(), "u_viewport"), float(rect.width),
                    float(rect.height));
        glUniform1f(glGetUniformLocation(p.id(), "u_res"), float(view.res));
        glUniform1f(glGetUniformLocation(p.id(), "u_pixel_ratio"), pixel_ratio);
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, colors.id());
        glUniform1i(glGetUniformLocation(p.id(), "u_colors"), 0);
        glActiveTexture(GL_TEXTURE1);
        glBindTexture(GL_TEXTURE_2D, params_tex_.id());
        glUniform1i(glGetUniformLocation(p.id(), "u_params"), 1);
        glActiveTexture(GL_TEXTURE2);
        glBindTexture(GL_TEXTURE_2D, stroke_tex_.id());
        glUniform1i(glGetUniformLocation(p.id(), "u_strokes"), 2);
    };
    auto draw_fill = [&](Range r, float opacity) {
        if (!r.count) return;
        common(fill_prog_, fill_tex_);
        glUniform1f(glGetUniformLocation(fill_prog_.id(), "u_opacity"), opacity);
        glUniform1f(glGetUniformLocation(fill_prog_.id(), "u_hatch_spacing"),
                    style_->hatch_spacing * pixel_ratio);
        glUniform1f(glGetUniformLocation(fill_prog_.id(), "u_hatch_width"),
                    style_->hatch_width * pixel_ratio);
        glBindVertexArray(fill_vao_.id());
        glDrawElements(GL_TRIANGLES, GLsizei(r.count), GL_UNSIGNED_INT,
                       reinterpret_cast<void*>(size_t(r.first) * sizeof(uint32_t)));
    };
    auto draw_lines = [&](Range r, float opacity) {
        if (!r.count) return;
        common(line_prog_, stroke_tex_);
        glUniform1f(glGetUniformLocation(line_prog_.id(), "u_opacity"), opacity);
        glBindVertexArray(line_vao_.id());
        bind_segments(r.first);
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, GLsizei(r.count));
    };
    auto draw_points = [&](Range r, float opacity) {
        if (!r.count) return;
        common(point_prog_, fill_tex_);
        glUniform1f(glGetUniformLocation(point_prog_.id(), "u_opacity"), opacity);
        glBindVertexArray(point_vao_.id());
        bind_points(r.first);
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, GLsizei(r.count));
    };

    for (const SceneLayer& l : layers_) {
        if (!l.visible || l.opacity <= 0) continue;
        draw_fill(l.fill, l.opacity);
        draw_lines(l.segments, l.opacity);
        draw_points(l.points, l.opacity);
    }
    // Highlighted features again on top, so neighbours' outlines do not cover them.
    std::vector<int> top = related_;
    if (hovered_ >= 0) top.push_back(hovered_);
    if (selected_ >= 0) top.push_back(selected_);
    for (int id : top) {
        if (id < 0 || size_t(id) >= scene_->features.size()) continue;
        const SceneFeature& f = scene_->features[size_t(id)];
        if (!layers_[size_t(f.layer)].visible) continue;
        draw_lines(f.segments, 1);
        draw_points(f.points, 1);
    }
    glBindVertexArray(0);
    glDisable(GL_SCISSOR_TEST);
}

}  // namespace bm::render
