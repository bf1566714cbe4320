#include "render/style.h"

#include <cstring>
#include <nlohmann/json.hpp>

#include "common/resources.h"

namespace bm::render {

using nlohmann::json;

std::optional<Rgba> parse_color(std::string_view s) {
    if (s.empty() || s[0] != '#') return std::nullopt;
    s.remove_prefix(1);
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::array<int, 4> v{0, 0, 0, 255};
    if (s.size() == 3) {
        for (int i = 0; i < 3; ++i) {
            int h = hex(s[i]);
            if (h < 0) return std::nullopt;
            v[i] = h * 17;
        }
    } else if (s.size() == 6 || s.size() == 8) {
        for (size_t i = 0; i < s.size() / 2; ++i) {
            int a = hex(s[2 * i]), b = hex(s[2 * i + 1]);
            if (a < 0 || b < 0) return std::nullopt;
            v[i] = a * 16 + b;
        }
    } else {
        return std::nullopt;
    }
    return Rgba{v[0] / 255.f, v[1] / 255.f, v[2] / 255.f, v[3] / 255.f};
}

namespace {

struct Ctx {
    const std::string& file;
    Problems& problems;
    void bad(const std::string& where, const std::string& why) {
        problems.push_back(warning("read style", file, where, why + "; default used"));
    }
};

std::optional<Rgba> color_at(const json& j, const char* key, Ctx& c, const std::string& where) {
    if (!j.contains(key)) return std::nullopt;
    if (j[key].is_string())
        if (auto col = parse_color(j[key].get<std::string>())) return col;
    c.bad(where + "." + key, "not a colour like \"#rrggbb\"");
    return std::nullopt;
}
std::optional<float> num_at(const json& j, const char* key, Ctx& c, const std::string& where) {
    if (!j.contains(key)) return std::nullopt;
    if (j[key].is_number() && j[key].get<double>() >= 0) return j[key].get<float>();
    c.bad(where + "." + key, "not a non-negative number");
    return std::nullopt;
}

}  // namespace

void Style::Patch::apply(FeatureStyle& s) const {
    if (fill) s.fill = *fill;
    if (stroke) s.stroke = *stroke;
    if (point_fill) s.point_fill = *point_fill;
    if (point_stroke) s.point_stroke = *point_stroke;
    if (width) s.width = *width;
    if (point_size) s.point_size = *point_size;
    if (max_res) s.max_res = *max_res;
    if (dash) s.dash = *dash;
    if (hatch) s.hatch = *hatch;
    if (hidden) s.hidden = *hidden;
    if (symbol) s.symbol = *symbol;
}

Style Style::parse(std::string_view text, const std::string& file, Problems& problems) {
    Style st;
    Ctx c{file, problems};
    json j = json::parse(text, nullptr, false);
    if (!j.is_object()) {
        problems.push_back(
            error("read style", file, "", "not a JSON object; built-in defaults used"));
        return st;
    }
    auto read_patch = [&](const json& o, const std::string& where) {
        Patch p;
        p.fill = color_at(o, "fill", c, where);
        p.stroke = color_at(o, "stroke", c, where);
        p.point_fill = color_at(o, "point_fill", c, where);
        p.point_stroke = color_at(o, "point_stroke", c, where);
        p.width = num_at(o, "width", c, where);
        p.point_size = num_at(o, "point_size", c, where);
        p.max_res = num_at(o, "max_res", c, where);
        if (o.contains("dash")) {
            const json& d = o["dash"];
            if (d.is_array() && d.size() == 2 && d[0].is_number() && d[1].is_number())
                p.dash = std::array<float, 2>{d[0].get<float>(), d[1].get<float>()};
            else
                c.bad(where + ".dash", "not [dash, gap]");
        }
        if (o.contains("hatch") && o["hatch"].is_boolean()) p.hatch = o["hatch"].get<bool>();
        if (o.contains("hidden") && o["hidden"].is_boolean()) p.hidden = o["hidden"].get<bool>();
        if (o.contains("symbol") && o["symbol"].is_string()) {
            std::string s = o["symbol"];
            if (s == "circle")
                p.symbol = Symbol::Circle;
            else if (s == "capital")
                p.symbol = Symbol::Capital;
            else if (s == "ring")
                p.symbol = Symbol::Ring;
            else if (s == "square")
                p.symbol = Symbol::Square;
            else if (s == "diamond")
                p.symbol = Symbol::Diamond;
            else
                c.bad(where + ".symbol", "unknown symbol '" + s + "'");
        }
        return p;
    };
    if (auto bg = color_at(j, "background", c, "")) st.background = *bg;
    if (j.contains("default") && j["default"].is_object())
        read_patch(j["default"], "default").apply(st.defaults_);
    if (j.contains("highlight") && j["highlight"].is_object()) {
        const json& h = j["highlight"];
        auto& hl = st.highlight;
        hl.hover_fill =
            color_at(h, "hover_fill", c, "highlight").value_or(Rgba{1, 0.88f, 0.54f, 1});
        hl.hover_stroke =
            color_at(h, "hover_stroke", c, "highlight").value_or(Rgba{0.78f, 0.47f, 0, 1});
        hl.selected_fill =
            color_at(h, "selected_fill", c, "highlight").value_or(Rgba{1, 0.78f, 0.34f, 1});
        hl.selected_stroke =
            color_at(h, "selected_stroke", c, "highlight").value_or(Rgba{0.83f, 0.33f, 0, 1});
        hl.related_fill =
            color_at(h, "related_fill", c, "highlight").value_or(Rgba{1, 0.89f, 0.66f, 1});
        hl.related_stroke =
            color_at(h, "related_stroke", c, "highlight").value_or(Rgba{0.9f, 0.49f, 0.13f, 1});
        hl.selected_width = num_at(h, "selected_width", c, "highlight").value_or(3.5f);
    }
    if (j.contains("hatch") && j["hatch"].is_object()) {
        st.hatch_spacing = num_at(j["hatch"], "spacing", c, "hatch").value_or(7);
        st.hatch_width = num_at(j["hatch"], "width", c, "hatch").value_or(1.6f);
    }
    if (j.contains("labels") && j["labels"].is_object()) {
        const json& l = j["labels"];
        auto& ls = st.labels;
        ls.font_size = num_at(l, "font_size", c, "labels").value_or(ls.font_size);
        ls.country_font_size =
            num_at(l, "country_font_size", c, "labels").value_or(ls.country_font_size);
        ls.halo = color_at(l, "halo", c, "labels").value_or(ls.halo);
        ls.color = color_at(l, "color", c, "labels").value_or(ls.color);
        ls.country_color = color_at(l, "country_color", c, "labels").value_or(ls.country_color);
    }
    if (j.contains("layers") && j["layers"].is_array()) {
        int i = 0;
        for (const json& r : j["layers"]) {
            std::string where = "layers[" + std::to_string(i++) + "]";
            if (!r.is_object() || !r.contains("layer") || !r["layer"].is_string()) {
                c.bad(where, "needs a \"layer\" name");
                continue;
            }
            Rule rule;
            rule.layer = r["layer"];
            rule.base = read_patch(r, where);
            if (r.contains("match")) {
                const json& ms = r["match"];
                const bool many = ms.is_array();
                for (size_t mi = 0; mi < (many ? ms.size() : 1); ++mi) {
                    const json& m = many ? ms[mi] : ms;
                    const std::string mw =
                        where + ".match" + (many ? "[" + std::to_string(mi) + "]" : "");
                    if (!m.is_object() || !m.contains("field") || !m["field"].is_string() ||
                        !m.contains("values") || !m["values"].is_object()) {
                        c.bad(mw, "needs \"field\" and \"values\"");
                        continue;
                    }
                    Match match;
                    match.field = m["field"].get<std::string>();
                    for (auto& [k, v] : m["values"].items())
                        if (v.is_object())
                            match.values.emplace_back(k, read_patch(v, mw + "." + k));
                    rule.matches.push_back(std::move(match));
                }
            }
            if (r.contains("legend")) {
                const json& lg = r["legend"];
                // {"field", "values"} or "match": [{"field", "values"}, ...], then "default".
                auto read_legend_match = [&](const json& m, const std::string& lw) {
                    if (!m.is_object() || !m.contains("field") || !m["field"].is_string()) {
                        c.bad(lw, "needs a \"field\" name");
                        return;
                    }
                    LegendMatch lm;
                    lm.field = m["field"].get<std::string>();
                    if (m.contains("values") && m["values"].is_object())
                        for (auto& [k, v] : m["values"].items()) {
                            if (v.is_string())
                                lm.values.emplace_back(k, v.get<std::string>());
                            else
                                c.bad(lw + ".values." + k, "not a text");
                        }
                    rule.legend.push_back(std::move(lm));
                };
                if (!lg.is_object() || (lg.contains("default") && !lg["default"].is_string())) {
                    c.bad(where + ".legend",
                          "needs {\"field\", \"values\"} or \"match\", and a \"default\" text");
                } else {
                    rule.legend_default = lg.value("default", "");
                    if (lg.contains("field")) read_legend_match(lg, where + ".legend");
                    if (lg.contains("match")) {
                        if (!lg["match"].is_array()) c.bad(where + ".legend.match", "not a list");
                        int k = 0;
                        if (lg["match"].is_array())
                            for (const json& m : lg["match"])
                                read_legend_match(
                                    m, where + ".legend.match[" + std::to_string(k++) + "]");
                    }
                }
            }
            if (r.contains("title")) {
                if (r["title"].is_string())
                    rule.title = r["title"].get<std::string>();
                else
                    c.bad(where + ".title", "not a text");
            }
            if (r.contains("attribution")) {
                if (r["attribution"].is_string())
                    rule.attribution = r["attribution"].get<std::string>();
                else
                    c.bad(where + ".attribution", "not a text");
            }
            st.rules_.push_back(std::move(rule));
        }
    }
    return st;
}

Style Style::builtin(Problems& problems) {
    auto text = resource("assets/style.json");
    if (!text) {
        problems.push_back(
            error("read style", "assets/style.json", "", "not embedded; built-in defaults used"));
        return Style{};
    }
    return parse(*text, "assets/style.json", problems);
}

int Style::order(const std::string& layer, geo::GeomKind kind) const {
    for (size_t i = 0; i < rules_.size(); ++i)
        if (rules_[i].layer == layer) return int(i);
    // Unknown layers: areas under lines under points, all above the styled base layers' fills.
    int base = int(rules_.size());
    return base + (kind == geo::GeomKind::Polygon ? 0 : kind == geo::GeomKind::Line ? 100 : 200);
}

namespace {
std::string field_of(const geo::Feature& f, const std::string& field) {
    if (field == "kind") return f.kind;
    if (field == "id") return f.id;
    if (field == "name") return f.name;
    auto it = f.props.find(field);
    return it == f.props.end() ? std::string() : it->second;
}

std::string fill_in(std::string t, const geo::Feature& f) {
    for (auto [key, value] :
         {std::pair<const char*, const std::string*>{"{name}", &f.name}, {"{kind}", &f.kind}}) {
        for (size_t at = t.find(key); at != std::string::npos; at = t.find(key, at)) {
            t.replace(at, std::strlen(key), *value);
            at += value->size();
        }
    }
    if (!t.empty() && t[0] >= 'a' && t[0] <= 'z') t[0] = char(t[0] - 'a' + 'A');
    return t;
}
}  // namespace

std::string Style::legend_text(const std::string& layer, const geo::Feature& f,
                               bool* by_default) const {
    if (by_default) *by_default = false;
    for (const Rule& r : rules_) {
        if (r.layer != layer) continue;
        for (const LegendMatch& m : r.legend) {
            const std::string v = field_of(f, m.field);
            for (const auto& [key, text] : m.values)
                if (key == v) return fill_in(text, f);
        }
        // A literal default ("Other country") stands for several looks; "{kind}" names one.
        if (by_default)
            *by_default =
                !r.legend_default.empty() && r.legend_default.find('{') == std::string::npos;
        return fill_in(r.legend_default, f);
    }
    return "";
}

std::string Style::attribution(const std::string& layer) const {
    for (const Rule& r : rules_)
        if (r.layer == layer) return r.attribution;
    return "";
}

std::string Style::title(const std::string& layer) const {
    for (const Rule& r : rules_)
        if (r.layer == layer) return r.title;
    return "";
}

FeatureStyle Style::resolve(const std::string& layer, const geo::Feature& f) const {
    FeatureStyle s = defaults_;
    for (const Rule& r : rules_) {
        if (r.layer != layer) continue;
        r.base.apply(s);
        for (const Match& m : r.matches) {
            std::string v;
            if (m.field == "kind")
                v = f.kind;
            else if (m.field == "id")
                v = f.id;
            else if (auto it = f.props.find(m.field); it != f.props.end())
                v = it->second;
            for (auto& [key, patch] : m.values)
                if (key == v) patch.apply(s);
        }
        break;
    }
    return s;
}

}  // namespace bm::render
