#include "render/labels.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <numeric>
#include <optional>

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
    if (l.contains("area_color")) {
        if (auto col = l["area_color"].is_string() ? parse_color(l["area_color"].get<std::string>())
                                                   : std::nullopt)
            c.area_color = *col;
        else
            bad("area_color", "expected a colour like \"#rrggbb\"");
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
        } else if (lname != config.country_layer && lname != config.province_layer &&
                   lname != config.place_layer && f.geom.kind == geo::GeomKind::Polygon) {
            // The areas layer and a user's polygons: Nagorno-Karabakh above most places (it is
            // what the sources talk about), below the countries and national capitals.
            lf.kind = LabelKind::Area;
            lf.text = place_label_text(f, config);
            lf.pos = f.label_point;
            lf.extent = f.geom.bbox;
            // After every place the sources name (Stepanakert's label matters more than the
            // hatched area's, which the legend names too), before those they do not; the most
            // cited area first.
            lf.priority = 1e6 + 950 + std::min(m, 4000.0) * 0.01;
            double best = -1;
            for (const geo::Polygon& poly : f.geom.polygons) {
                if (poly.empty()) continue;
                geo::Box b;
                for (const geo::Vec2& v : poly[0]) b.add(v);
                const double a = (b.maxx - b.minx) * (b.maxy - b.miny);
                if (a > best) best = a, lf.area = poly;
            }
        } else if (lname != config.country_layer && lname != config.province_layer &&
                   lname != config.place_layer && f.geom.kind == geo::GeomKind::Line &&
                   !f.geom.lines.empty()) {
            lf.kind = LabelKind::Route;
            lf.text = place_label_text(f, config);
            const geo::LineString* longest = &f.geom.lines.front();
            double best = -1;
            for (const geo::LineString& l : f.geom.lines) {
                double len = 0;
                for (size_t k = 1; k < l.size(); ++k)
                    len += std::hypot(l[k].x - l[k - 1].x, l[k].y - l[k - 1].y);
                if (len > best) best = len, longest = &l;
            }
            lf.path = *longest;
            lf.pos = f.label_point;
            lf.extent = f.geom.bbox;
            lf.priority = 1e6 + 940 + std::min(m, 4000.0) * 0.01;  // as areas, after them
        } else {
            continue;
        }
        out.push_back(std::move(lf));
    }
    return out;
}

namespace {
// Offsets of an area label from its label point, in label widths and heights, nearest first.
const std::vector<std::pair<float, float>>& area_nudges() {
    static const std::vector<std::pair<float, float>> v = [] {
        std::vector<std::pair<float, float>> out;
        for (float dx : {0.f, -0.25f, 0.25f, -0.5f, 0.5f, -0.75f, 0.75f, -1.f, 1.f})
            for (float dy : {0.f, -1.3f, 1.3f, -2.6f, 2.6f, -3.9f, 3.9f, -5.2f, 5.2f})
                out.push_back({dx, dy});
        std::stable_sort(out.begin(), out.end(), [](auto& a, auto& b) {
            return a.first * a.first * 9 + a.second * a.second <
                   b.first * b.first * 9 + b.second * b.second;
        });
        return out;
    }();
    return v;
}

// Even-odd rule over the polygon's rings (holes included).
bool inside_polygon(const geo::Polygon& poly, geo::Vec2 p) {
    bool in = false;
    for (const geo::Ring& r : poly)
        for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
            if ((r[i].y > p.y) != (r[j].y > p.y) &&
                p.x < (r[j].x - r[i].x) * (p.y - r[i].y) / (r[j].y - r[i].y) + r[i].x)
                in = !in;
    return in;
}

// The point at arc length `s` along a polyline with cumulative lengths `cum`.
geo::Vec2 point_at(const std::vector<geo::Vec2>& line, const std::vector<double>& cum, double s) {
    s = std::clamp(s, 0.0, cum.back());
    const size_t k = size_t(std::upper_bound(cum.begin(), cum.end(), s) - cum.begin());
    const size_t i = std::clamp<size_t>(k, 1, line.size() - 1);
    const double seg = cum[i] - cum[i - 1];
    const double t = seg > 0 ? (s - cum[i - 1]) / seg : 0;
    return {line[i - 1].x + (line[i].x - line[i - 1].x) * t,
            line[i - 1].y + (line[i].y - line[i - 1].y) * t};
}

// The glyphs of a label whose middle is at arc length `mid` of `line`, or nothing where the
// line bends too much there.
std::optional<LabelPath> lay_along(const std::vector<geo::Vec2>& line,
                                   const std::vector<double>& cum,
                                   const std::vector<float>& advances, float total, float ascent,
                                   float descent, double mid) {
    constexpr double kMaxTurn = 0.39;    // radians between neighbouring glyphs (~22 degrees)
    constexpr double kMaxSpread = 0.79;  // radians over the whole label (~45 degrees)
    const double start = mid - total / 2;
    if (start < 0 || start + total > cum.back()) return std::nullopt;
    LabelPath out;
    double s = start, prev = 0, lo = 0, hi = 0;
    for (size_t g = 0; g < advances.size(); ++g) {
        const double a = advances[g];
        // The glyph's direction: the chord under it (at least a few pixels, so a space or a
        // narrow letter on a vertex still gets the local direction).
        // Over about a line height, so the wiggles of a river-following line do not count.
        const double half = std::max(a / 2, double(ascent + descent) * 0.75);
        const geo::Vec2 p0 = point_at(line, cum, s + a / 2 - half);
        const geo::Vec2 p1 = point_at(line, cum, s + a / 2 + half);
        double ang = std::atan2(p1.y - p0.y, p1.x - p0.x);
        if (g > 0) {
            // Unwrapped against the previous glyph, so the spread is measured without jumps.
            while (ang - prev > M_PI) ang -= 2 * M_PI;
            while (ang - prev < -M_PI) ang += 2 * M_PI;
            if (std::fabs(ang - prev) > kMaxTurn) return std::nullopt;
            lo = std::min(lo, ang);
            hi = std::max(hi, ang);
        } else {
            lo = hi = ang;
        }
        if (hi - lo > kMaxSpread) return std::nullopt;
        prev = ang;
        // The middle of the glyph's cell on the line; the baseline below it by half the
        // difference of ascent and descent, the pen half an advance back.
        const geo::Vec2 c = point_at(line, cum, s + a / 2);
        const double dx = std::cos(ang), dy = std::sin(ang);
        const double ux = dy, uy = -dx;  // "up" for the text
        const double lift = (ascent - descent) / 2;
        const double bx = c.x - ux * lift, by = c.y - uy * lift;
        out.glyphs.push_back({float(bx - dx * a / 2), float(by - dy * a / 2), float(ang)});
        // The cell: a wide by (ascent + descent) tall, centred on c.
        const double hw = a / 2, hh = (ascent + descent) / 2;
        const double ex = std::fabs(dx) * hw + std::fabs(ux) * hh;
        const double ey = std::fabs(dy) * hw + std::fabs(uy) * hh;
        out.boxes.push_back({float(c.x - ex), float(c.y - ey), float(c.x + ex), float(c.y + ey)});
        s += a;
    }
    return out;
}
}  // namespace

std::vector<LabelPath> route_label_paths(const std::vector<geo::Vec2>& line,
                                         const std::vector<float>& advances, float ascent,
                                         float descent, float width, float height) {
    std::vector<LabelPath> out;
    if (line.size() < 2 || advances.empty()) return out;
    float total = 0;
    for (float a : advances) total += a;
    std::vector<double> cum{0};
    for (size_t k = 1; k < line.size(); ++k)
        cum.push_back(cum.back() +
                      std::hypot(line[k].x - line[k - 1].x, line[k].y - line[k - 1].y));
    const double len = cum.back();
    if (!(len > total * 1.05) || !(total > 0)) return out;
    // Read left to right: the line's direction over the label decides; where it runs leftwards
    // the label follows the reversed line instead (the same arc length from the other end).
    std::vector<geo::Vec2> rev(line.rbegin(), line.rend());
    std::vector<double> rcum{0};
    for (size_t k = 1; k < rev.size(); ++k)
        rcum.push_back(rcum.back() + std::hypot(rev[k].x - rev[k - 1].x, rev[k].y - rev[k - 1].y));
    // Middles from the line's middle outwards, a third of the label apart, at most 16 ways.
    const double step = std::max(4.0, double(total) / 3);
    const int n = int((len - total) / 2 / step);
    for (int k = 0; k <= 2 * n && out.size() < 16; ++k) {
        const double mid = len / 2 + (k % 2 ? 1 : -1) * step * double((k + 1) / 2);
        const geo::Vec2 a = point_at(line, cum, mid - total / 2);
        const geo::Vec2 b = point_at(line, cum, mid + total / 2);
        std::optional<LabelPath> p =
            b.x >= a.x ? lay_along(line, cum, advances, total, ascent, descent, mid)
                       : lay_along(rev, rcum, advances, total, ascent, descent, len - mid);
        if (!p) continue;
        bool inside = true;
        for (const LabelBox& bx : p->boxes)
            inside = inside && bx.x0 >= 0 && bx.y0 >= 0 && bx.x1 <= width && bx.y1 <= height;
        if (inside) out.push_back(std::move(*p));
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
        const bool area = candidates[self].offset < 0 && !candidates[self].covers_lesser_symbols;
        for (size_t j : order) {
            const LabelCandidate& o = candidates[j];
            if (!area && o.priority < candidates[self].priority) break;
            if (j != self && o.has_symbol && o.symbol.overlaps(box)) return false;
        }
        return true;
    };
    auto pad = [&](const LabelBox& b) {
        return LabelBox{b.x0 - padding, b.y0 - padding, b.x1 + padding, b.y1 + padding};
    };
    for (size_t i : order) {
        const LabelCandidate& c = candidates[i];
        if (!c.paths.empty()) {
            // Along a line: every glyph's box must be free; the glyphs are what is taken (a
            // diagonal label's bounding box would block the labels beside it).
            for (size_t k = 0; k < c.paths.size(); ++k) {
                const std::vector<LabelBox>& boxes = c.paths[k];
                bool ok = !boxes.empty();
                for (const LabelBox& b : boxes)
                    if (!ok || !free(b, pad(b)) || !symbol_free(i, b)) ok = false;
                if (!ok) continue;
                LabelBox all = boxes.front();
                for (const LabelBox& b : boxes) {
                    all = {std::min(all.x0, b.x0), std::min(all.y0, b.y0), std::max(all.x1, b.x1),
                           std::max(all.y1, b.y1)};
                    taken.push_back(b);
                }
                placed.push_back({i, all, LabelPosition::Path, int(k)});
                break;
            }
            continue;
        }
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
        case LabelKind::Area:
        case LabelKind::Route:
            break;
    }
    return style_.font_size * pixel_ratio;
}

std::vector<PlacedLabel> LabelRenderer::layout(const geo::Viewport& view, float pixel_ratio,
                                               const std::vector<bool>& hidden_layers,
                                               const std::vector<LabelBox>& obstacles) {
    if (measured_ratio_ != pixel_ratio) {
        metrics_.clear();
        advances_.assign(labels_.size(), {});
        for (size_t i = 0; i < labels_.size(); ++i) {
            const float px = font_px(labels_[i], pixel_ratio);
            const FontWeight w = labels_[i].bold ? FontWeight::Bold : FontWeight::Regular;
            metrics_.push_back(text_.fonts().measure(shown_[i], px, w));
            if (labels_[i].kind == LabelKind::Route)
                for (const Fonts::Shaped& g : text_.fonts().shape(shown_[i], px, w))
                    advances_[i].push_back(g.advance);
        }
        measured_ratio_ = pixel_ratio;
    }
    std::vector<LabelCandidate> cands;
    std::vector<LabelBox> symbols = obstacles;
    cand_label_.clear();
    cand_paths_.clear();
    const double logical_res = view.res * pixel_ratio;
    const float W = float(view.width), H = float(view.height);
    for (size_t i = 0; i < labels_.size(); ++i) {
        const LabelFeature& l = labels_[i];
        if (l.layer >= 0 && size_t(l.layer) < hidden_layers.size() &&
            hidden_layers[size_t(l.layer)])
            continue;
        const bool selected = selected_ >= 0 && l.feature == selected_;
        if (!selected) {
            if (l.kind == LabelKind::Province && logical_res > config_.province_max_res) continue;
            if (l.minor && logical_res > config_.village_max_res) continue;
            if (l.max_res > 0 && logical_res > l.max_res) continue;
        }
        const TextMetrics& m = metrics_[i];
        if (l.kind == LabelKind::Area || l.kind == LabelKind::Route) {
            // Only where the feature is big enough on screen to carry its name.
            const double ew = (l.extent.maxx - l.extent.minx) / view.res;
            const double eh = (l.extent.maxy - l.extent.miny) / view.res;
            if (l.kind == LabelKind::Area && !selected && (ew < m.width || eh < m.height()))
                continue;
            if (l.kind == LabelKind::Route && std::max(ew, eh) < m.width) continue;
            const geo::Vec2 lo = view.to_screen({l.extent.minx, l.extent.maxy});
            const geo::Vec2 hi = view.to_screen({l.extent.maxx, l.extent.miny});
            if (hi.x < 0 || hi.y < 0 || lo.x > W || lo.y > H) continue;
        }
        LabelCandidate c;
        c.width = m.width;
        c.height = m.height();
        c.priority = selected ? std::numeric_limits<double>::max() : l.priority;
        if (l.kind == LabelKind::Route) {
            std::vector<geo::Vec2> line;
            line.reserve(l.path.size());
            for (const geo::Vec2& p : l.path) line.push_back(view.to_screen(p));
            std::vector<LabelPath> paths =
                route_label_paths(line, advances_[i], m.ascent, m.descent, W, H);
            if (paths.empty()) continue;
            c.anchor = {paths.front().boxes.front().x0, paths.front().boxes.front().y0};
            c.offset = -1;
            c.covers_lesser_symbols = true;
            for (const LabelPath& p : paths) c.paths.push_back(p.boxes);
            cands.push_back(std::move(c));
            cand_label_.push_back(i);
            cand_paths_.push_back(std::move(paths));
            continue;
        }
        const geo::Vec2 s = view.to_screen(l.pos);
        if (l.kind == LabelKind::Area) {
            // Centred on the pole of inaccessibility, else the nearest spot around it whose
            // middle and both ends lie inside the area (a crowded centre pushes it aside, but
            // never out of the area it names).
            c.anchor = s;
            c.offset = -1;
            c.covers_lesser_symbols = true;
            for (const auto& d : area_nudges()) {
                const float x0 = float(s.x) - m.width / 2 + d.first * m.width;
                const float y0 = float(s.y) - m.height() / 2 + d.second * m.height();
                const float ym = y0 + m.height() / 2;
                const bool inside =
                    l.area.empty() ||
                    (inside_polygon(l.area, view.to_map({x0 + m.width / 2, ym})) &&
                     inside_polygon(l.area, view.to_map({x0 + m.height() / 2, ym})) &&
                     inside_polygon(l.area, view.to_map({x0 + m.width - m.height() / 2, ym})));
                if (inside) c.paths.push_back({LabelBox{x0, y0, x0 + m.width, y0 + m.height()}});
            }
            if (c.paths.empty()) continue;
            cands.push_back(std::move(c));
            cand_label_.push_back(i);
            cand_paths_.emplace_back(cands.back().paths.size());  // no glyphs: straight text
            continue;
        }
        if (s.x < -m.width || s.y < -m.height() || s.x > W + m.width || s.y > H + m.height())
            continue;
        c.anchor = s;
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
        cand_paths_.emplace_back();
    }
    std::vector<PlacedLabel> placed =
        place_labels(cands, W, H, config_.padding * pixel_ratio, symbols);
    // A point's own symbol is next to its label, never under it; place_labels treats every
    // symbol as an obstacle, which the offsets already respect.
    placed_paths_.clear();
    for (PlacedLabel& p : placed) {
        placed_paths_.push_back(p.path >= 0 ? cand_paths_[p.candidate][size_t(p.path)]
                                            : LabelPath{});
        p.candidate = cand_label_[p.candidate];
    }
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
                    : l.kind == LabelKind::Area || l.kind == LabelKind::Route ? config_.area_color
                                                                              : style_.color;
        run.halo = config_.halo_width * pixel_ratio;
        run.halo_color = style_.halo;
        const size_t k = size_t(&p - placed_.data());
        if (p.path >= 0 && k < placed_paths_.size() && !placed_paths_[k].glyphs.empty())
            text_.add_along(shown_[p.candidate], placed_paths_[k].glyphs, run);
        else
            text_.add(shown_[p.candidate], p.box.x0, p.box.y0 + metrics_[p.candidate].ascent, run);
    }
    text_.flush(rect, fb_height);
    return placed_;
}

}  // namespace bm::render
