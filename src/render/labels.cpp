#include "render/labels.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numeric>

#include "common/resources.h"
#include "render/map_renderer.h"

namespace bm::render {

using json = nlohmann::json;

LabelConfig LabelConfig::parse(std::string_view style_json, const std::string& file,
                               Problems& problems) {
    LabelConfig c;
    json j = json::parse(style_json, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("labels") || !j["labels"].is_object())
        return c;
    const json& l = j["labels"];
    auto bad = [&](const char* key, const char* why) {
        problems.push_back(warning("read style", file, std::string("labels.") + key, why));
    };
    auto num = [&](const char* key, auto& out) {
        if (!l.contains(key)) return;
        if (l[key].is_number())
            out = l[key].get<std::decay_t<decltype(out)>>();
        else
            bad(key, "expected a number");
    };
    auto str = [&](const char* key, std::string& out) {
        if (!l.contains(key)) return;
        if (l[key].is_string())
            out = l[key].get<std::string>();
        else
            bad(key, "expected a string");
    };
    num("province_font_size", c.province_font_size);
    num("halo_width", c.halo_width);
    num("padding", c.padding);
    num("province_max_res", c.province_max_res);
    num("village_max_res", c.village_max_res);
    str("country_layer", c.country_layer);
    str("province_layer", c.province_layer);
    str("place_layer", c.place_layer);
    if (l.contains("province_color")) {
        if (auto col = l["province_color"].is_string()
                           ? parse_color(l["province_color"].get<std::string>())
                           : std::nullopt)
            c.province_color = *col;
        else
            bad("province_color", "expected a colour like \"#rrggbb\"");
    }
    if (l.contains("second_name")) {
        if (!l["second_name"].is_object()) {
            bad("second_name", "expected an object {\"place id\": \"alias\"}");
        } else {
            for (auto it = l["second_name"].begin(); it != l["second_name"].end(); ++it) {
                if (it.key() == "comment") continue;
                if (it.value().is_string())
                    c.second_name[it.key()] = it.value().get<std::string>();
                else
                    bad("second_name", "values must be alias strings");
            }
        }
    }
    return c;
}

LabelConfig LabelConfig::builtin(Problems& problems) {
    auto s = resource("assets/style.json");
    return s ? parse(*s, "assets/style.json", problems) : LabelConfig{};
}

std::string place_label_text(const geo::Feature& f, const LabelConfig& config) {
    std::string second;
    if (auto it = f.props.find("alt_name"); it != f.props.end() && !it->second.empty())
        second = it->second;
    else if (auto s = config.second_name.find(f.id); s != config.second_name.end())
        if (std::find(f.aliases.begin(), f.aliases.end(), s->second) != f.aliases.end())
            second = s->second;
    if (second.empty() || second == f.name) return f.name;
    return f.name + " / " + second;
}

std::vector<LabelFeature> collect_labels(const Scene& scene,
                                         const std::vector<geo::Layer>& projected,
                                         const LabelConfig& config,
                                         const std::vector<double>& mentions) {
    std::vector<LabelFeature> out;
    for (size_t g = 0; g < scene.features.size(); ++g) {
        const SceneFeature& sf = scene.features[g];
        if (sf.style.hidden || sf.layer < 0 || size_t(sf.layer) >= scene.layers.size()) continue;
        // The default layers by id: a user's own layer called "places" is labelled as any other.
        const std::string& lname = scene.layers[size_t(sf.layer)].id;
        const geo::Layer* src = scene.source_of(scene.layers[size_t(sf.layer)], projected);
        if (!src || sf.feature < 0 || size_t(sf.feature) >= src->features.size()) continue;
        const geo::Feature& f = src->features[size_t(sf.feature)];
        if (f.name.empty()) continue;
        const double m = g < mentions.size() ? mentions[g] : 0;
        LabelFeature lf;
        lf.feature = int(g);
        lf.layer = sf.layer;
        if (lname == config.country_layer && f.geom.kind == geo::GeomKind::Polygon) {
            lf.kind = LabelKind::Country;
            lf.text = f.name;
            lf.pos = f.label_point;
            lf.priority = 4e6 + m;
            lf.bold = true;
        } else if (lname == config.province_layer && f.geom.kind == geo::GeomKind::Polygon) {
            lf.kind = LabelKind::Province;
            lf.text = f.name;
            lf.pos = f.label_point;
            lf.priority = m;
        } else if (lname == config.place_layer && f.geom.kind == geo::GeomKind::Point &&
                   !f.geom.points.empty()) {
            lf.kind = LabelKind::Place;
            lf.text = place_label_text(f, config);
            lf.pos = f.geom.points[0];
            lf.symbol_size = sf.style.point_size;
            auto cap = f.props.find("capital");
            const std::string capital = cap == f.props.end() ? "" : cap->second;
            double pop = 0;
            if (auto p = f.props.find("population"); p != f.props.end())
                pop = std::atof(p->second.c_str());
            lf.bold = capital == "national";
            lf.priority = (capital == "national" ? 3e6 : 1e6) + m * 1000 +
                          (capital == "provincial" ? 500 : 0) + std::min(pop / 1e4, 400.0);
            lf.minor = f.kind == "village" && m == 0;
            lf.max_res = sf.style.max_res;
        } else {
            continue;
        }
        out.push_back(std::move(lf));
    }
    return out;
}

std::vector<PlacedLabel> place_labels(const std::vector<LabelCandidate>& candidates, float width,
                                      float height, float padding,
                                      const std::vector<LabelBox>& obstacles) {
    std::vector<size_t> order(candidates.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return candidates[a].priority > candidates[b].priority;
    });
    std::vector<PlacedLabel> placed;
    std::vector<LabelBox> taken;  // padded boxes of placed labels
    // Labels keep `padding` from each other; symbols only must not be covered (a label sits
    // right next to its own symbol).
    auto free = [&](const LabelBox& box, const LabelBox& padded) {
        if (box.x0 < 0 || box.y0 < 0 || box.x1 > width || box.y1 > height) return false;
        for (const LabelBox& t : taken)
            if (t.overlaps(padded)) return false;
        for (const LabelBox& o : obstacles)
            if (o.overlaps(box)) return false;
        return true;
    };
    // Symbols at or above a priority: candidates are visited by falling priority, so the
    // symbols that block candidate k are those of order[0 .. last with equal priority].
    // Area labels (countries, provinces) are placed first but must cover no symbol at all:
    // they have room to move (see the nudges below).
    auto symbol_free = [&](size_t self, const LabelBox& box) {
        const bool area = candidates[self].offset < 0;
        for (size_t j : order) {
            const LabelCandidate& o = candidates[j];
            if (!area && o.priority < candidates[self].priority) break;
            if (j != self && o.has_symbol && o.symbol.overlaps(box)) return false;
        }
        return true;
    };
    for (size_t i : order) {
        const LabelCandidate& c = candidates[i];
        const float w = c.width, h = c.height;
        const float ax = float(c.anchor.x), ay = float(c.anchor.y);
        struct Try {
            LabelPosition pos;
            float x, y;
        };
        Try tries[40];
        int n = 0;
        if (c.offset < 0) {
            // Areas: centred on the label point, else the nearest free spot around it (a
            // country's centre is often crowded with town symbols; nearby still reads as its
            // name). Offsets in label widths and heights, nearest first.
            static const std::vector<std::pair<float, float>> nudges = [] {
                std::vector<std::pair<float, float>> v;
                for (float dx : {0.f, -0.5f, 0.5f, -1.f, 1.f})
                    for (float dy : {0.f, -1.3f, 1.3f, -2.6f, 2.6f, -3.9f, 3.9f})
                        v.push_back({dx, dy});
                std::stable_sort(v.begin(), v.end(), [](auto& a, auto& b) {
                    return a.first * a.first * 9 + a.second * a.second <
                           b.first * b.first * 9 + b.second * b.second;
                });
                return v;
            }();
            for (auto& d : nudges)
                tries[n++] = {LabelPosition::Center, ax - w / 2 + d.first * w,
                              ay - h / 2 + d.second * h};
        } else {
            const float d = c.offset;
            tries[n++] = {LabelPosition::Right, ax + d, ay - h / 2};
            tries[n++] = {LabelPosition::Left, ax - d - w, ay - h / 2};
            tries[n++] = {LabelPosition::Above, ax - w / 2, ay - d - h};
            tries[n++] = {LabelPosition::Below, ax - w / 2, ay + d};
            // Diagonals: in crowded areas (Stepanakert among Shusha, Khojaly, Askeran) the
            // straight sides are often all taken.
            const float k = d * 0.7f;
            tries[n++] = {LabelPosition::AboveRight, ax + k, ay - k - h};
            tries[n++] = {LabelPosition::BelowRight, ax + k, ay + k};
            tries[n++] = {LabelPosition::AboveLeft, ax - k - w, ay - k - h};
            tries[n++] = {LabelPosition::BelowLeft, ax - k - w, ay + k};
        }
        for (int k = 0; k < n; ++k) {
            const LabelBox box{tries[k].x, tries[k].y, tries[k].x + w, tries[k].y + h};
            const LabelBox padded{box.x0 - padding, box.y0 - padding, box.x1 + padding,
                                  box.y1 + padding};
            const bool ok = free(box, padded) && symbol_free(i, box);
            if (!ok) continue;
            placed.push_back({i, box, tries[k].pos});
            taken.push_back(box);
            break;
        }
    }
    return placed;
}

// ---------------------------------------------------------------------------------------------

bool LabelRenderer::init() {
    return text_.init();
}

void LabelRenderer::set_labels(std::vector<LabelFeature> labels, const Style& style,
                               LabelConfig config) {
    labels_ = std::move(labels);
    style_ = style.labels;
    config_ = std::move(config);
    shown_.clear();
    for (const LabelFeature& l : labels_) {
        std::string t = l.text;
        if (l.kind == LabelKind::Country)  // small caps feel: upper-case ASCII letters
            for (char& ch : t)
                if (ch >= 'a' && ch <= 'z') ch = char(ch - 'a' + 'A');
        shown_.push_back(std::move(t));
    }
    measured_ratio_ = 0;
}

float LabelRenderer::font_px(const LabelFeature& l, float pixel_ratio) const {
    switch (l.kind) {
        case LabelKind::Country:
            return style_.country_font_size * pixel_ratio;
        case LabelKind::Province:
            return config_.province_font_size * pixel_ratio;
        case LabelKind::Place:
            break;
    }
    return style_.font_size * pixel_ratio;
}

std::vector<PlacedLabel> LabelRenderer::layout(const geo::Viewport& view, float pixel_ratio,
                                               const std::vector<bool>& hidden_layers,
                                               const std::vector<LabelBox>& obstacles) {
    if (measured_ratio_ != pixel_ratio) {
        metrics_.clear();
        for (size_t i = 0; i < labels_.size(); ++i)
            metrics_.push_back(
                text_.fonts().measure(shown_[i], font_px(labels_[i], pixel_ratio),
                                      labels_[i].bold ? FontWeight::Bold : FontWeight::Regular));
        measured_ratio_ = pixel_ratio;
    }
    std::vector<LabelCandidate> cands;
    std::vector<LabelBox> symbols = obstacles;
    cand_label_.clear();
    const double logical_res = view.res * pixel_ratio;
    const float W = float(view.width), H = float(view.height);
    for (size_t i = 0; i < labels_.size(); ++i) {
        const LabelFeature& l = labels_[i];
        if (l.layer >= 0 && size_t(l.layer) < hidden_layers.size() &&
            hidden_layers[size_t(l.layer)])
            continue;
        if (l.kind == LabelKind::Province && logical_res > config_.province_max_res) continue;
        if (l.minor && logical_res > config_.village_max_res) continue;
        if (l.max_res > 0 && logical_res > l.max_res) continue;
        const geo::Vec2 s = view.to_screen(l.pos);
        const TextMetrics& m = metrics_[i];
        if (s.x < -m.width || s.y < -m.height() || s.x > W + m.width || s.y > H + m.height())
            continue;
        LabelCandidate c;
        c.anchor = s;
        c.width = m.width;
        c.height = m.height();
        c.priority = l.priority;
        if (l.kind == LabelKind::Place) {
            const float r = l.symbol_size * 0.5f * pixel_ratio;
            c.offset = r + 2 * pixel_ratio;
            c.has_symbol = true;
            c.symbol = {float(s.x) - r, float(s.y) - r, float(s.x) + r, float(s.y) + r};
        } else {
            c.offset = -1;
        }
        cands.push_back(c);
        cand_label_.push_back(i);
    }
    std::vector<PlacedLabel> placed =
        place_labels(cands, W, H, config_.padding * pixel_ratio, symbols);
    // A point's own symbol is next to its label, never under it; place_labels treats every
    // symbol as an obstacle, which the offsets already respect.
    for (PlacedLabel& p : placed) p.candidate = cand_label_[p.candidate];
    return placed;
}

const std::vector<PlacedLabel>& LabelRenderer::draw(const geo::Viewport& view,
                                                    const PixelRect& rect, int fb_height,
                                                    float pixel_ratio,
                                                    const std::vector<bool>& hidden_layers,
                                                    const std::vector<LabelBox>& obstacles) {
    placed_ = layout(view, pixel_ratio, hidden_layers, obstacles);
    for (const PlacedLabel& p : placed_) {
        const LabelFeature& l = labels_[p.candidate];
        TextRenderer::Run run;
        run.px = font_px(l, pixel_ratio);
        run.weight = l.bold ? FontWeight::Bold : FontWeight::Regular;
        run.color = l.kind == LabelKind::Country    ? style_.country_color
                    : l.kind == LabelKind::Province ? config_.province_color
                                                    : style_.color;
        run.halo = config_.halo_width * pixel_ratio;
        run.halo_color = style_.halo;
        text_.add(shown_[p.candidate], p.box.x0, p.box.y0 + metrics_[p.candidate].ascent, run);
    }
    text_.flush(rect, fb_height);
    return placed_;
}

}  // namespace bm::render
