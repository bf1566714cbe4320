#include "export/layout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "common/utf8.h"

namespace bm::exporter {

namespace {

constexpr float kEps = 0.01f;

// Breaks a word wider than `max_width` between code points.
std::vector<std::string> break_word(std::string_view s, float px, bool bold, float max_width,
                                    const MeasureText& measure) {
    std::vector<std::string> out;
    std::string line;
    for (size_t i = 0; i < s.size();) {
        size_t n = 0;
        utf8::decode(s, i, n);  // n: the code point's bytes (1 for an invalid byte)
        std::string next = line + std::string(s.substr(i, n));
        if (!line.empty() && measure(next, px, bold).width > max_width) {
            out.push_back(std::move(line));
            line = std::string(s.substr(i, n));
        } else {
            line = std::move(next);
        }
        i += n;
    }
    if (!line.empty()) out.push_back(std::move(line));
    return out;
}

// `line` cut so that it and an ellipsis fit `max_width`.
std::string ellipsize(std::string line, float px, bool bold, float max_width,
                      const MeasureText& measure) {
    const std::string dots = "\u2026";
    while (!line.empty() && measure(line + dots, px, bold).width > max_width) {
        line.erase(utf8::floor_boundary(line, line.size() - 1));
        while (!line.empty() && line.back() == ' ') line.pop_back();
    }
    return line + dots;
}

TextRun run(const MeasureText& measure, std::string text, float x, float y, float px, bool bold,
            Ink ink) {
    const TextSize m = measure(text, px, bold);
    TextRun r;
    r.text = std::move(text);
    r.x = x;
    r.y = y;
    r.px = px;
    r.bold = bold;
    r.ink = ink;
    r.width = m.width;
    r.ascent = m.ascent;
    r.descent = m.descent;
    return r;
}

float line_height(const MeasureText& measure, float px, bool bold) {
    return measure("Ag", px, bold).height();
}

// 1, 2 or 5 times a power of ten, not above x.
double nice_floor(double x) {
    if (!(x > 0)) return 0;
    const double p = std::pow(10.0, std::floor(std::log10(x)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * p <= x * (1 + 1e-9)) return m * p;
    return p;
}

std::string format_length(double meters) {
    char buf[32];
    if (meters >= 1000)
        std::snprintf(buf, sizeof buf, "%g km", meters / 1000);
    else
        std::snprintf(buf, sizeof buf, "%g m", meters);
    return buf;
}

// Wrapped text that fits `max_w` x `max_h`: at `px`, or smaller down to `min_px`, then cut to
// the lines that fit with an ellipsis on the last. At least one line when there is any text.
struct Fitted {
    std::vector<std::string> lines;
    float px = 0, line_h = 0;
};
Fitted fit_text(std::string_view text, float px, float min_px, bool bold, float max_w, float max_h,
                size_t max_lines, const MeasureText& measure) {
    Fitted f;
    if (text.empty()) return f;
    for (float p = px;; p = std::max(min_px, p * 0.9f)) {
        f.px = p;
        f.lines = wrap_text(text, p, bold, max_w, measure);
        f.line_h = line_height(measure, p, bold);
        if ((f.lines.size() <= max_lines && float(f.lines.size()) * f.line_h <= max_h + kEps) ||
            p <= min_px)
            break;
    }
    size_t keep = std::min(f.lines.size(), max_lines);
    while (keep > 1 && float(keep) * f.line_h > max_h + kEps) --keep;
    if (keep < f.lines.size()) {
        f.lines.resize(keep);
        f.lines.back() = ellipsize(f.lines.back(), f.px, bold, max_w, measure);
    }
    return f;
}

}  // namespace

bool Rect::contains(const Rect& r) const {
    return r.x >= x - kEps && r.y >= y - kEps && r.right() <= right() + kEps &&
           r.bottom() <= bottom() + kEps;
}

bool Rect::overlaps(const Rect& r) const {
    if (empty() || r.empty()) return false;
    return r.x < right() - kEps && x < r.right() - kEps && r.y < bottom() - kEps &&
           y < r.bottom() - kEps;
}

std::vector<Rect> BriefingLayout::furniture() const {
    return {title_box, arrow_box, scale_bar.box, attribution_box};
}

std::vector<Rect> BriefingLayout::panel_boxes() const {
    std::vector<Rect> out;
    if (!heading_box.empty()) out.push_back(heading_box);
    for (const CitationLayout& c : citations) out.push_back(c.box);
    if (more) out.push_back(more->box());
    if (!legend_box.empty()) out.push_back(legend_box);
    return out;
}

int side_panel_width(int width, float scale) {
    const double w = std::clamp(double(width) * 0.26, 230.0 * scale, 600.0 * scale);
    return int(std::min(w, double(width) * 0.5));
}

std::vector<std::string> wrap_text(std::string_view utf8, float px, bool bold, float max_width,
                                   const MeasureText& measure) {
    std::vector<std::string> lines;
    std::string line;
    float line_w = 0;
    const float space = measure(" ", px, bold).width;
    size_t i = 0;
    while (i <= utf8.size()) {
        size_t j = utf8.find(' ', i);
        if (j == std::string_view::npos) j = utf8.size();
        std::string_view word = utf8.substr(i, j - i);
        if (!word.empty()) {
            float ww = measure(word, px, bold).width;
            if (!line.empty() && line_w + space + ww > max_width) {
                lines.push_back(std::move(line));
                line.clear();
                line_w = 0;
            }
            if (line.empty() && ww > max_width) {  // a URL, a long compound: break it
                std::vector<std::string> parts = break_word(word, px, bold, max_width, measure);
                for (size_t k = 0; k + 1 < parts.size(); ++k) lines.push_back(std::move(parts[k]));
                line = parts.empty() ? std::string() : std::move(parts.back());
                line_w = measure(line, px, bold).width;
            } else {
                if (!line.empty()) {
                    line += ' ';
                    line_w += space;
                }
                line += word;
                line_w += ww;
            }
        }
        i = j + 1;
    }
    if (!line.empty()) lines.push_back(std::move(line));
    return lines;
}

std::string quote_title(std::string_view s) {
    static const std::pair<std::string_view, std::string_view> pairs[] = {
        {"\u201c", "\u201d"}, {"\u201e", "\u201c"}, {"\"", "\""},
        {"\u00ab", "\u00bb"}, {"\u2018", "\u2019"}, {"'", "'"}};
    for (const auto& [open, close] : pairs) {
        if (s.size() < open.size() || s.substr(0, open.size()) != open) continue;
        const std::string_view inner = s.substr(open.size());
        // Enclosed, with no closing mark inside: replace its marks with ours.
        if (inner.size() >= close.size() && inner.substr(inner.size() - close.size()) == close &&
            inner.substr(0, inner.size() - close.size()).find(close) == std::string_view::npos)
            return "\u201c" + std::string(inner.substr(0, inner.size() - close.size())) + "\u201d";
        if (open != "'") return std::string(s);  // starts with a quotation: as it is
    }
    return "\u201c" + std::string(s) + "\u201d";
}

MapLegendLayout layout_map_legend(const std::vector<std::string>& texts, float x, float bottom,
                                  float max_w, float max_h, float fs, const MeasureText& measure) {
    MapLegendLayout L;
    const float pad = 10 * fs, sw = 34 * fs, sh = 16 * fs, row = 22 * fs, lpx = 12.5f * fs;
    auto height = [&](size_t r) { return 20 * fs + row * float(r) + 2 * pad - 4 * fs; };
    size_t rows = texts.size();
    while (rows > 0 && height(rows) > max_h) --rows;
    if (rows == 0) return L;
    float text_w = measure("Legend", 13 * fs, true).width - sw - 8 * fs;
    for (size_t i = 0; i < rows; ++i)
        text_w = std::max(text_w, measure(texts[i], lpx, false).width);
    const float w = std::min(max_w, 2 * pad + sw + 8 * fs + text_w);
    const float h = height(rows);
    L.box = {x, bottom - h, w, h};
    L.heading = run(measure, "Legend", x + pad, L.box.y + pad - 2 * fs, 13 * fs, true, Ink::Text);
    for (size_t i = 0; i < rows; ++i) {
        LegendRow r;
        const float ry = L.box.y + pad + 20 * fs + row * float(i);
        r.swatch = {std::round(x + pad), std::round(ry), std::floor(sw), std::floor(sh)};
        const float tx = x + pad + sw + 8 * fs;
        const float tw = L.box.right() - pad - tx;
        std::string t = texts[i];
        if (measure(t, lpx, false).width > tw) t = ellipsize(t, lpx, false, tw, measure);
        r.label = run(measure, t, tx, 0, lpx, false, Ink::Text);
        r.label.y = ry + (sh - r.label.box().h) / 2;
        L.rows.push_back(std::move(r));
    }
    return L;
}

ScaleBarLayout layout_scale_bar(double meters_per_pixel, float map_width, float max_width,
                                float right, float bottom, float fs, const MeasureText& measure) {
    ScaleBarLayout b;
    const float pad = 10 * fs;
    const double mpp = meters_per_pixel > 0 ? meters_per_pixel : 1;
    const float lpx = 12 * fs, bar_h = 6 * fs;
    const std::string caption = "Scale at map centre";
    const float caption_w = measure(caption, 10.5f * fs, false).width;
    double target = 0.16 * double(map_width) * mpp;
    float scale_w = 0;
    std::string label;
    for (int tries = 0; tries < 8; ++tries, target /= 2) {
        b.meters = nice_floor(target);
        b.length = b.meters / mpp;
        label = format_length(b.meters);
        scale_w = std::max(float(b.length) + measure(label, lpx, false).width, caption_w) + 2 * pad;
        if (scale_w <= max_width) break;
    }
    // Tall enough for the tick labels under the bar (they used to hang over its edge).
    const float tick_h = line_height(measure, lpx, false);
    const float scale_h =
        std::max(bar_h + 20 * fs + 2 * pad, pad + 14 * fs + bar_h + 3 * fs + tick_h + 3 * fs);
    b.box = {right - scale_w, bottom - scale_h, scale_w, scale_h};
    b.h = bar_h;
    b.x0 = b.box.x + pad;
    b.y = b.box.y + pad + 14 * fs;
    b.runs.push_back(run(measure, caption, b.box.x + pad, b.box.y + pad - 3 * fs, 10.5f * fs, false,
                         Ink::Muted));
    const float ty = b.y + bar_h + 3 * fs;
    auto centred = [&](const std::string& t, float x) {
        TextRun r = run(measure, t, x, ty, lpx, false, Ink::Text);
        r.x -= r.width / 2;
        b.runs.push_back(std::move(r));
    };
    centred("0", b.x0);
    centred(format_length(b.meters / 2), b.x0 + float(b.length) / 2);
    TextRun end = run(measure, label, b.x0 + float(b.length) + 4 * fs, 0, lpx, false, Ink::Text);
    end.y = b.y + bar_h / 2 - end.box().h / 2;
    b.runs.push_back(std::move(end));
    return b;
}

BriefingLayout layout_briefing(const LayoutInput& in, const MeasureText& measure) {
    BriefingLayout L;
    const float W = float(std::max(1, in.width)), H = float(std::max(1, in.height));
    const float s = in.scale > 0 ? in.scale : 1;
    const int panel_w = side_panel_width(in.width, s);
    L.image = {0, 0, W, H};
    L.map = {0, 0, std::max(1.0f, W - float(panel_w)), H};
    const float MW = L.map.w;

    // Furniture over a small map (or a short image) is drawn smaller than the scale asks.
    const float fs = std::clamp(std::min({s, MW / 360.0f, H / 250.0f}), std::min(s, 0.5f), s);
    L.map_scale = fs;
    const float m = 16 * fs, pad = 10 * fs;

    // --- Attribution: bottom right of the map, wrapped to the map's width.
    {
        const float max_w = std::max(1.0f, MW - m - 12 * fs);
        const Fitted f =
            fit_text(in.attribution, 11 * fs, 8 * fs, false, max_w, 3 * 11 * fs * 1.4f, 3, measure);
        float w = 0, h = 0;
        std::vector<TextRun> runs;
        for (const std::string& line : f.lines) {
            runs.push_back(run(measure, line, 0, h, f.px, false, Ink::Text));
            w = std::max(w, runs.back().width);
            h += runs.back().box().h;
        }
        L.attribution_box = {MW - (w + 12 * fs), H - (h + 6 * fs), w + 12 * fs, h + 6 * fs};
        for (TextRun& r : runs) {
            r.x += L.attribution_box.x + 6 * fs;
            r.y += L.attribution_box.y + 3 * fs;
        }
        L.attribution_runs = std::move(runs);
    }

    // --- Scale bar: above the attribution, right of the map, true at the map centre.
    L.scale_bar = layout_scale_bar(in.meters_per_pixel, MW, MW - 2 * m, MW - m,
                                   L.attribution_box.y - 8 * fs, fs, measure);

    // --- North arrow: top right of the map.
    {
        const float r = 20 * fs, box = 2 * r + 18 * fs;
        L.arrow_box = {MW - m - box, m, box, box};
        L.arrow_cx = L.arrow_box.x + box / 2;
        L.arrow_cy = L.arrow_box.y + box / 2 + 6 * fs;
        L.arrow_r = r * 0.8f;
        L.north_label =
            run(measure, "N", L.arrow_cx, L.arrow_box.y + 2 * fs, 13 * fs, true, Ink::Text);
        L.north_label.x -= L.north_label.width / 2;
    }

    // --- Title and subtitle: top left, left of the arrow, above the scale bar.
    {
        const float max_w = std::max(1.0f, L.arrow_box.x - 8 * fs - m - 2 * pad);
        const float max_h =
            std::max(1.0f, std::min(0.35f * H, L.scale_bar.box.y - 8 * fs - m) - 2 * pad);
        const float title_px = 26 * fs, sub_px = 15 * fs;
        // The subtitle gets up to two lines and what the title leaves; the title shrinks first.
        const float sub_line = line_height(measure, sub_px, false);
        const bool has_sub = !in.subtitle.empty();
        const float sub_room = has_sub ? std::min(2 * sub_line, max_h / 3) + 2 * fs : 0;
        const Fitted t = fit_text(in.title, title_px, 13 * fs, true, max_w,
                                  std::max(1.0f, max_h - sub_room), 4, measure);
        const float used = float(t.lines.size()) * t.line_h;
        const Fitted st = fit_text(in.subtitle, sub_px, 10 * fs, false, max_w,
                                   std::max(1.0f, max_h - used - 2 * fs), 2, measure);
        float y = m + pad, w = 0;
        for (const std::string& line : t.lines) {
            L.title_runs.push_back(run(measure, line, m + pad, y, t.px, true, Ink::Text));
            w = std::max(w, L.title_runs.back().width);
            y += L.title_runs.back().box().h;
        }
        if (!st.lines.empty()) {
            y += 2 * fs;
            for (const std::string& line : st.lines) {
                L.title_runs.push_back(run(measure, line, m + pad, y, st.px, false, Ink::Muted));
                w = std::max(w, L.title_runs.back().width);
                y += L.title_runs.back().box().h;
            }
        }
        L.title_box = {m, m, w + 2 * pad, y + pad - m};
    }

    // --- The visible part of the map and the selection inside it.
    {
        const float top = std::max(L.title_box.bottom(), L.arrow_box.bottom());
        const float bottom = std::min(L.scale_bar.box.y, L.attribution_box.y);
        L.visible_map = {0, top, MW, std::max(0.0f, bottom - top)};
        if (in.selection_box && !in.selection_box->empty()) {
            const Rect& b = *in.selection_box;
            auto shift = [](float lo, float hi, float vlo, float vhi) {
                if (hi - lo <= vhi - vlo) {  // fits: move it in, no further than needed
                    if (lo < vlo) return vlo - lo;
                    if (hi > vhi) return vhi - hi;
                    return 0.0f;
                }
                if (lo > vlo) return vlo - lo;  // bigger: let it cover the visible part
                if (hi < vhi) return vhi - hi;
                return 0.0f;
            };
            L.shift_x = shift(b.x, b.right(), L.visible_map.x, L.visible_map.right());
            L.shift_y = shift(b.y, b.bottom(), L.visible_map.y, L.visible_map.bottom());
        }
    }

    // --- The side panel: heading, count and citations from the top, the legend at the bottom.
    L.panel = {MW, 0, float(panel_w), H};
    L.rule = {MW, 0, std::max(1.0f, s), H};
    if (panel_w <= 0) return L;
    const float ps = std::clamp(std::min(s, float(panel_w) / 230.0f), std::min(s, 0.5f), s);
    L.panel_scale = ps;
    const float ppad = 10 * ps, inset = 20 * ps;
    const float px0 = MW + inset, pw = std::max(1.0f, float(panel_w) - 2 * inset);
    {
        const size_t n = in.legend.size();
        // The legend gets the whole panel, or 60% of it beside citations; it shrinks, then
        // drops its last entries to fit.
        const float room = (H - 24 * ps) * (in.selection ? 0.6f : 1.0f);
        float ls = ps;
        size_t rows = n;
        auto height = [&](float k, size_t r) { return 20 * k + 22 * k * float(r) + 16 * k; };
        if (n > 0) {
            while (ls > 0.6f * ps && height(ls, rows) > room) ls *= 0.95f;
            while (rows > 0 && height(ls, rows) > room) --rows;
        }
        L.legend_scale = ls;
        if (rows > 0) {
            const float lh = height(ls, rows), lpad = 10 * ls;
            const float lx = MW + inset - ppad;
            const float ly = std::max(12 * ps, H - 12 * ps - lh);
            L.legend_box = {lx, ly, L.panel.right() - ppad - lx, lh};
            L.legend_heading =
                run(measure, "Legend", lx + lpad, ly + lpad - 2 * ls, 13 * ls, true, Ink::Text);
            const float sw = 34 * ls, sh = 16 * ls, row = 22 * ls, lpx = 12.5f * ls;
            for (size_t i = 0; i < rows; ++i) {
                LegendRow r;
                const float ry = ly + lpad + 20 * ls + row * float(i);
                r.swatch = {std::round(lx + lpad), std::round(ry), std::floor(sw), std::floor(sh)};
                const float tx = lx + lpad + sw + 8 * ls;
                const float tw = L.legend_box.right() - tx;
                std::string t = in.legend[i];
                if (measure(t, lpx, false).width > tw) t = ellipsize(t, lpx, false, tw, measure);
                r.label = run(measure, t, tx, 0, lpx, false, Ink::Text);
                r.label.y = ry + (sh - r.label.box().h) / 2;
                L.legend.push_back(std::move(r));
            }
        }
    }
    if (!in.selection) return L;

    const float bottom = L.legend_box.empty() ? H - 40 * ps : L.legend_box.y - 28 * ps;
    float y = 20 * ps;
    {
        const float y0 = y;
        const Fitted hd = fit_text(in.heading, 22 * ps, 15 * ps, true, pw,
                                   std::max(1.0f, (bottom - y) / 3), 2, measure);
        for (const std::string& line : hd.lines) {
            L.heading_runs.push_back(run(measure, line, px0, y, hd.px, true, Ink::Text));
            y += L.heading_runs.back().box().h;
        }
        // The count 2 points below the heading; the citations 10 points below the count.
        const Fitted ct = fit_text(in.count, 13 * ps, 10 * ps, false, pw,
                                   std::max(1.0f, (bottom - y) / 3), 2, measure);
        for (const std::string& line : ct.lines) {
            L.heading_runs.push_back(run(measure, line, px0, y + 2 * ps, ct.px, false, Ink::Muted));
            y += L.heading_runs.back().box().h;
        }
        L.heading_box = {px0, y0, pw, y + 2 * ps - y0};
        y += 12 * ps;
    }
    const float body = 13 * ps, small = 11.5f * ps;
    const float lh = line_height(measure, body, false) * 1.05f;
    const float slh = line_height(measure, small, false) * 1.05f;
    const float ind = measure("[00] ", body, true).width;
    const float tw = std::max(1.0f, pw - ind);
    size_t shown = 0;
    for (const CitationText& c : in.citations) {
        struct Line {
            std::string t;
            float px, h, indent;
            bool bold;
            Ink ink;
        };
        std::vector<Line> lines;
        std::string head = "[";  // (appended piece by piece: GCC 12 warns on a + chain here)
        head += std::to_string(c.number);
        head += "] ";
        head += c.outlet.empty() ? std::string("Unknown outlet") : c.outlet;
        if (!c.date.empty()) head += ", " + c.date;
        for (const std::string& l : wrap_text(head, body, true, pw, measure))
            lines.push_back({l, body, lh, 0, true, Ink::Text});
        if (!c.title.empty())
            for (const std::string& l : wrap_text(quote_title(c.title), body, false, tw, measure))
                lines.push_back({l, body, lh, ind, false, Ink::Text});
        if (!c.url.empty())  // a URL breaks anywhere, not at its spaces (there are none)
            for (const std::string& l : break_word(c.url, small, false, tw, measure))
                lines.push_back({l, small, slh, ind, false, Ink::Link});
        for (const std::string& ex : c.excerpts)
            for (const std::string& l : wrap_text(ex, small, false, tw, measure))
                lines.push_back({l, small, slh, ind, false, Ink::Muted});
        float need = 0;
        for (const Line& l : lines) need += l.h;
        if (y + need > bottom && shown > 0) break;
        CitationLayout cl;
        cl.number = c.number;
        const float y0 = y;
        for (const Line& l : lines) {
            if (y + l.h > bottom + kEps) {
                cl.cut = true;
                break;
            }
            cl.runs.push_back(run(measure, l.t, px0 + l.indent, y, l.px, l.bold, l.ink));
            y += l.h;
        }
        if (cl.runs.empty()) break;  // not even its first line fits
        if (cl.cut) {
            TextRun& last = cl.runs.back();
            const float max_w = pw - (last.x - px0);
            last = run(measure, ellipsize(last.text, last.px, last.bold, max_w, measure), last.x,
                       last.y, last.px, last.bold, last.ink);
        }
        cl.box = {px0, y0, pw, y - y0};
        L.citations.push_back(std::move(cl));
        y += 10 * ps;
        ++shown;
        if (L.citations.back().cut) break;
    }
    if (shown < in.citations.size()) {
        const std::string more = "\u2026 and " + std::to_string(in.citations.size() - shown) +
                                 " more articles (see the sidecar JSON)";
        const float my = std::min(y, bottom);
        const float limit = L.legend_box.empty() ? H : L.legend_box.y;
        if (my + lh <= limit) {
            const Fitted f = fit_text(more, body, 8 * ps, false, pw, lh, 1, measure);
            if (!f.lines.empty())
                L.more = run(measure, f.lines[0], px0, my, f.px, false, Ink::Muted);
        }
    }
    return L;
}

}  // namespace bm::exporter
