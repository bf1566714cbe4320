#include "export/map_furniture.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

#include "render/scene.h"

namespace bm::exporter {

using render::PixelRect;
using render::Rgba;

bool Overlay::init() {
    prog_ = render::load_program("overlay.vert", "overlay.frag");
    if (!prog_) return false;
    vao_ = render::make_vao();
    vbo_ = render::make_buffer();
    glBindVertexArray(vao_.id());
    glBindBuffer(GL_ARRAY_BUFFER, vbo_.id());
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(V), nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, sizeof(V),
                          reinterpret_cast<void*>(sizeof(float) * 2));
    glBindVertexArray(0);
    return true;
}
void Overlay::tri(geo::Vec2 a, geo::Vec2 b, geo::Vec2 c, const Rgba& col) {
    const float r = col[0] * col[3], g = col[1] * col[3], bl = col[2] * col[3], al = col[3];
    for (geo::Vec2 p : {a, b, c}) v_.push_back({float(p.x), float(p.y), r, g, bl, al});
}
void Overlay::rect(double x, double y, double w, double h, const Rgba& col) {
    tri({x, y}, {x + w, y}, {x, y + h}, col);
    tri({x + w, y}, {x + w, y + h}, {x, y + h}, col);
}
void Overlay::frame(double x, double y, double w, double h, double t, const Rgba& col) {
    rect(x, y, w, t, col);
    rect(x, y + h - t, w, t, col);
    rect(x, y + t, t, h - 2 * t, col);
    rect(x + w - t, y + t, t, h - 2 * t, col);
}
void Overlay::flush(const PixelRect& rect, int fb_height) {
    if (v_.empty()) return;
    const int gl_y = fb_height - rect.y - rect.height;
    glViewport(rect.x, gl_y, rect.width, rect.height);
    glDisable(GL_SCISSOR_TEST);
    glEnable(GL_BLEND);
    glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glUseProgram(prog_.id());
    glUniform2f(glGetUniformLocation(prog_.id(), "u_viewport"), float(rect.width),
                float(rect.height));
    glBindVertexArray(vao_.id());
    glBindBuffer(GL_ARRAY_BUFFER, vbo_.id());
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(v_.size() * sizeof(V)), v_.data(), GL_STREAM_DRAW);
    glDrawArrays(GL_TRIANGLES, 0, GLsizei(v_.size()));
    glBindVertexArray(0);
    v_.clear();
}

namespace {

std::string capitalise(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = char(s[0] - 'a' + 'A');
    return s;
}

// The legend: one entry per distinct look among the visible features in view.
// `logical_res`: map units per logical pixel; a feature whose style hides it there (max_res) is
// not on the map, so it is not in the legend either.
}  // namespace

std::vector<LegendEntry> legend_entries(const Document& doc, const std::vector<bool>& hidden,
                                        const geo::Box& extent, double logical_res, int selected) {
    std::vector<LegendEntry> out;
    std::set<std::string> seen;
    for (size_t li = 0; li < doc.scene.layers.size(); ++li) {
        const render::SceneLayer& sl = doc.scene.layers[li];
        if (li < hidden.size() && hidden[li]) continue;
        const geo::Layer* src = doc.scene.source_of(sl, doc.map.projected);
        if (!src) continue;
        for (uint32_t g = sl.features.first; g < sl.features.first + sl.features.count; ++g) {
            const render::SceneFeature& sf = doc.scene.features[g];
            if (sf.style.hidden || !sf.bbox.intersects(extent)) continue;
            if (sf.style.max_res > 0 && logical_res > sf.style.max_res) continue;
            const geo::Feature& f = src->features[size_t(sf.feature)];
            // The style's legend rule for the default layers (a user's layer named "places" is
            // not GeoNames' settlements); otherwise the feature's kind or the layer's name.
            bool by_default = false;
            std::string text =
                sl.id == sl.name ? doc.style.legend_text(sl.name, f, &by_default) : "";
            if (text.empty()) {
                text = f.kind.empty() ? capitalise(sl.name) : capitalise(f.kind);
                if (sf.style.hatch) text += " (approximate)";
            }
            if (!seen.insert(sl.name + "\n" + text).second) continue;
            LegendEntry e;
            e.text = text;
            e.layer = sl.name;
            e.kind = f.geom.kind;
            // A rule's default ("Other country") stands for several fills: show the layer's own.
            if (!by_default) {
                e.sample.props = f.props;
                e.sample.kind = f.kind;
            }
            out.push_back(std::move(e));
        }
    }
    // Points last (read like a map key: areas, lines, symbols), stable within kinds.
    std::stable_sort(out.begin(), out.end(), [](const LegendEntry& a, const LegendEntry& b) {
        auto rank = [](geo::GeomKind k) {
            return k == geo::GeomKind::Polygon ? 0 : k == geo::GeomKind::Line ? 1 : 2;
        };
        return rank(a.kind) < rank(b.kind);
    });
    if (selected >= 0 && size_t(selected) < doc.scene.features.size()) {
        const render::SceneFeature& sf = doc.scene.features[size_t(selected)];
        const size_t li = size_t(sf.layer);
        const geo::Layer* src = li < doc.scene.layers.size()
                                    ? doc.scene.source_of(doc.scene.layers[li], doc.map.projected)
                                    : nullptr;
        if (src && !(li < hidden.size() && hidden[li]) && sf.feature >= 0 &&
            size_t(sf.feature) < src->features.size()) {
            const geo::Feature& f = src->features[size_t(sf.feature)];
            LegendEntry e;
            e.text = "Selected place";
            e.layer = doc.scene.layers[li].name;
            e.kind = f.geom.kind;
            e.sample.props = f.props;
            e.sample.kind = f.kind;
            e.selection = true;
            out.push_back(std::move(e));
        }
    }
    return out;
}

namespace {

geo::Feature rect_feature(double x0, double y0, double x1, double y1) {
    geo::Feature f;
    f.geom.kind = geo::GeomKind::Polygon;
    f.geom.polygons = {{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}}};
    f.geom.bbox.add(geo::Vec2{x0, y0});
    f.geom.bbox.add(geo::Vec2{x1, y1});
    f.label_point = f.geom.bbox.center();
    return f;
}

// Swatch geometry for the legend, in pixels (map units = pixels, y up): entry i sits at
// x = i * 1000 so each swatch is drawn alone by pointing a view at it.
std::vector<geo::Layer> legend_layers(const Document& doc, const std::vector<LegendEntry>& entries,
                                      double sw, double sh, double s,
                                      const std::string& country_layer) {
    std::vector<geo::Layer> layers;
    auto layer = [&](const std::string& name) -> geo::Layer& {
        for (geo::Layer& l : layers)
            if (l.name == name) return l;
        layers.push_back({});
        layers.back().name = name;
        return layers.back();
    };
    for (const geo::Layer& l : doc.map.projected) layer(l.name);  // the document's order
    for (size_t i = 0; i < entries.size(); ++i) {
        const LegendEntry& e = entries[i];
        const double ox = double(i) * 1000;
        const double in = 1.5 * s;
        if (e.layer != country_layer) {  // land under lines, symbols and province outlines
            geo::Feature land = rect_feature(ox - 10, -10, ox + sw + 10, sh + 10);
            layer(country_layer).features.push_back(land);
        }
        geo::Feature f;
        if (e.kind == geo::GeomKind::Polygon) {
            f = rect_feature(ox + in, in, ox + sw - in, sh - in);
        } else if (e.kind == geo::GeomKind::Line) {
            f.geom.kind = geo::GeomKind::Line;
            f.geom.lines = {{{ox + 2 * s, sh / 2}, {ox + sw - 2 * s, sh / 2}}};
            f.geom.bbox.add(f.geom.lines[0][0]);
            f.geom.bbox.add(f.geom.lines[0][1]);
        } else {
            f.geom.kind = geo::GeomKind::Point;
            f.geom.points = {{ox + sw / 2, sh / 2}};
            f.geom.bbox.add(f.geom.points[0]);
        }
        f.props = e.sample.props;
        f.kind = e.sample.kind;
        f.id = "legend:" + std::to_string(i);
        layer(e.layer).features.push_back(std::move(f));
    }
    for (geo::Layer& l : layers)
        for (const geo::Feature& f : l.features) l.bbox.add(f.geom.bbox);
    std::erase_if(layers, [](const geo::Layer& l) { return l.features.empty(); });
    return layers;
}

}  // namespace

void LegendSwatches::upload(const Document& doc, const std::vector<LegendEntry>& entries, float sw,
                            float sh, float s, const std::string& country_layer,
                            render::MapRenderer& r) {
    sw_ = sw;
    sh_ = sh;
    layers_ = legend_layers(doc, entries, sw, sh, s, country_layer);
    scene_ = render::build_scene(layers_, doc.style);
    // The swatch of the selection entry is drawn highlighted, as the selected place is.
    highlight_.assign(entries.size(), -1);
    for (size_t g = 0; g < scene_.features.size(); ++g) {
        const render::SceneFeature& sf = scene_.features[g];
        const geo::Layer* l = scene_.source_of(scene_.layers[size_t(sf.layer)], layers_);
        if (!l || sf.feature < 0 || size_t(sf.feature) >= l->features.size()) continue;
        const std::string& id = l->features[size_t(sf.feature)].id;
        if (id.rfind("legend:", 0) != 0) continue;
        const size_t i = size_t(std::atoi(id.c_str() + 7));
        if (i < entries.size() && entries[i].selection) highlight_[i] = int(g);
    }
    r.upload(scene_, doc.style, &layers_);
    for (size_t i = 0; i < scene_.layers.size(); ++i) r.set_layer_visible(i, true);
    r.upload_lod(0, render::build_lod(scene_, layers_, 0));
}

void LegendSwatches::draw(render::MapRenderer& r, const std::vector<Rect>& rects, int fb_height,
                          float s) {
    for (size_t i = 0; i < rects.size(); ++i) {
        const Rect& rc = rects[i];
        r.set_highlight(-1, i < highlight_.size() ? highlight_[i] : -1, {});
        geo::Viewport sv;
        sv.center = {double(i) * 1000 + sw_ / 2, sh_ / 2};
        sv.res = 1;
        sv.width = sw_;
        sv.height = sh_;
        r.draw(sv, {int(rc.x), int(rc.y), int(rc.w), int(rc.h)}, fb_height, s);
    }
    r.set_highlight(-1, -1, {});
}

void paint_scale_bar(Overlay& ov, const ScaleBarLayout& b, float fs) {
    const double seg = double(b.length) / 4;
    for (int i = 0; i < 4; ++i)
        ov.rect(b.x0 + seg * i, b.y, seg, b.h, i % 2 ? Rgba{1, 1, 1, 1} : kInk);
    ov.frame(b.x0, b.y, b.length, b.h, std::max(1.0f, fs * 0.75f), kInk);
}

void put_runs(render::TextRenderer& text, const std::vector<TextRun>& runs) {
    for (const TextRun& t : runs) {
        render::TextRenderer::Run r;
        r.px = t.px;
        r.weight = t.bold ? render::FontWeight::Bold : render::FontWeight::Regular;
        r.color = t.ink == Ink::Muted ? kGrey : kInk;
        text.add(t.text, t.x, t.y + t.ascent, r);
    }
}

MeasureText measurer(render::Fonts& fonts) {
    return [&fonts](std::string_view t, float px, bool bold) {
        const render::TextMetrics m =
            fonts.measure(t, px, bold ? render::FontWeight::Bold : render::FontWeight::Regular);
        return TextSize{m.width, m.ascent, m.descent};
    };
}

// ---------------------------------------------------------------------------------------------

bool MapFurniture::init() {
    ready_ = ov_.init() && swatch_renderer_.init();
    return ready_;
}

std::vector<render::LabelBox> MapFurniture::layout(const Document& doc,
                                                   const std::vector<bool>& hidden,
                                                   const geo::Viewport& view, float pixel_ratio,
                                                   int selected, render::Fonts& fonts) {
    std::vector<render::LabelBox> boxes;
    legend_ = {};
    bar_ = {};
    shown_.clear();
    if (!ready_ || !doc.projection) return boxes;
    doc_ = &doc;
    const MeasureText measure = measurer(fonts);
    const float W = float(view.width), H = float(view.height);
    const float fs = pixel_ratio;
    scale_ = fs;
    const float m = 10 * fs;
    // Scale bar bottom right, true at the view's centre; the legend bottom left, at most half
    // the map's width and height.
    bar_ = layout_scale_bar(view.res * doc.projection->ground_scale(view.center), W,
                            std::max(1.0f, W / 2 - 2 * m), W - m, H - m, fs, measure);
    entries_ = legend_entries(doc, hidden, view.extent(), view.res * pixel_ratio, selected);
    std::vector<std::string> texts;
    for (const LegendEntry& e : entries_) texts.push_back(e.text);
    legend_ = layout_map_legend(texts, m, H - m, std::max(1.0f, W / 2 - 2 * m),
                                std::max(1.0f, H / 2 - m), fs, measure);
    for (const LegendRow& r : legend_.rows) shown_.push_back(r.label.text);
    for (const Rect& r : {bar_.box, legend_.box})
        if (!r.empty()) boxes.push_back({r.x, r.y, r.right(), r.bottom()});
    return boxes;
}

void MapFurniture::draw(const render::PixelRect& rect, int fb_height, render::TextRenderer& text) {
    if (!ready_) return;
    const float fs = scale_;
    const Rgba panel{1, 1, 1, 0.9f};
    if (!bar_.box.empty()) {
        ov_.rect(bar_.box.x, bar_.box.y, bar_.box.w, bar_.box.h, panel);
        paint_scale_bar(ov_, bar_, fs);
    }
    if (!legend_.box.empty()) {
        const Rect& b = legend_.box;
        ov_.rect(b.x, b.y, b.w, b.h, panel);
        ov_.frame(b.x, b.y, b.w, b.h, std::max(1.0f, fs * 0.75f), Rgba{0.75f, 0.75f, 0.75f, 1});
    }
    ov_.flush(rect, fb_height);
    put_runs(text, bar_.runs);
    if (legend_.heading) put_runs(text, {*legend_.heading});
    std::vector<TextRun> labels;
    for (const LegendRow& r : legend_.rows) labels.push_back(r.label);
    put_runs(text, labels);
    text.flush(rect, fb_height);
    if (legend_.rows.empty()) return;
    // Swatches: rebuilt only when the rows change (panning keeps them).
    std::string key = std::to_string(fs);
    for (size_t i = 0; i < legend_.rows.size(); ++i)
        key += "\n" + entries_[i].layer + "\t" + entries_[i].text;
    const float sw = 34 * fs, sh = 16 * fs;
    if (key != uploaded_key_ && doc_ != nullptr) {
        const std::vector<LegendEntry> shown(
            entries_.begin(), entries_.begin() + std::ptrdiff_t(legend_.rows.size()));
        Problems lp;
        swatches_.upload(*doc_, shown, sw, sh, fs, render::LabelConfig::builtin(lp).country_layer,
                         swatch_renderer_);
        uploaded_key_ = key;
    }
    std::vector<Rect> rects;
    for (const LegendRow& r : legend_.rows)
        rects.push_back(
            {r.swatch.x + float(rect.x), r.swatch.y + float(rect.y), r.swatch.w, r.swatch.h});
    swatches_.draw(swatch_renderer_, rects, fb_height, fs);
}

}  // namespace bm::exporter
