// PDF reports: one article per file. poppler-cpp gives the words of each page with their boxes;
// the paragraphs are rebuilt from that layout here rather than taken in poppler's order, which
// interleaves the paragraphs of two columns:
//   words → lines (same baseline, split at gaps wider than a column gutter)
//   → running headers/footers and page numbers dropped (the top and bottom bands of the page:
//     a page-number pattern, or a line that comes back on other pages)
//   → columns: a vertical gutter that almost no line crosses; lines that cross it (a title)
//     cut the page into sections, each read left column first
//   → paragraphs: a new one after a wider line gap, at an indented first line, at a change of
//     type size, or after a short line ending a sentence; hyphenated line ends rejoined; a
//     paragraph runs on across a column or page break unless its last line ended a sentence.
// Each paragraph keeps the page it starts on (Article::pages). Metadata from the info
// dictionary (Title, Author, CreationDate), the title from the file name when there is none.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>

#include "corpus/body.h"
#include "corpus/formats/format.h"
#include "corpus/furniture.h"
#include "corpus/text.h"

namespace bm::corpus::formats {

using text::trim;

namespace {

std::string utf8(const poppler::ustring& s) {
    const poppler::byte_array b = s.to_utf8();
    return std::string(b.begin(), b.end());
}

// poppler reports damage through one global callback; it lands in the reading thread's buffer.
thread_local std::string* g_poppler_errors = nullptr;
void on_poppler_error(const std::string& msg, void*) {
    if (g_poppler_errors && g_poppler_errors->size() < 400)
        *g_poppler_errors += (g_poppler_errors->empty() ? "" : "; ") + msg;
}

struct Word {
    std::string text;
    double x0, y0, x1, y1;  // points, y down from the top of the page
    bool space_after;
};

struct Line {
    std::string text;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    double size = 0;  // the words' height: the type size, near enough
    int page = 0;     // 1-based
    int column = 0;   // 0 full width / single column, 1 left, 2 right (in its section)
    int section = 0;  // the page's band between lines that cross the gutter
};

// Words of one page into lines: words whose vertical middles agree; a horizontal gap wider than
// twice the type size ends the line there (two columns side by side are two lines).
std::vector<Line> page_lines(std::vector<Word> words, int page) {
    std::vector<Line> out;
    std::sort(words.begin(), words.end(),
              [](const Word& a, const Word& b) { return (a.y0 + a.y1) < (b.y0 + b.y1); });
    std::vector<std::vector<Word>> rows;
    for (Word& w : words) {
        const double mid = (w.y0 + w.y1) / 2, h = std::max(1.0, w.y1 - w.y0);
        if (!rows.empty()) {
            const Word& r = rows.back().front();
            const double rmid = (r.y0 + r.y1) / 2;
            if (std::abs(mid - rmid) < 0.4 * std::max(h, r.y1 - r.y0)) {
                rows.back().push_back(std::move(w));
                continue;
            }
        }
        rows.push_back({std::move(w)});
    }
    for (auto& row : rows) {
        std::sort(row.begin(), row.end(), [](const Word& a, const Word& b) { return a.x0 < b.x0; });
        Line cur;
        const Word* prev = nullptr;
        for (const Word& w : row) {
            const double h = std::max(1.0, w.y1 - w.y0);
            if (prev && w.x0 - prev->x1 > 2 * h) {
                out.push_back(std::move(cur));
                cur = Line{};
                prev = nullptr;
            }
            if (!prev) {
                cur = Line{w.text, w.x0, w.y0, w.x1, w.y1, h, page, 0, 0};
            } else {
                // poppler marks the space after a word; a gap of a third of the size is one too.
                if (prev->space_after || w.x0 - prev->x1 > 0.15 * h) cur.text += ' ';
                cur.text += w.text;
                cur.x1 = std::max(cur.x1, w.x1);
                cur.y0 = std::min(cur.y0, w.y0);
                cur.y1 = std::max(cur.y1, w.y1);
                cur.size = std::max(cur.size, h);
            }
            prev = &w;
        }
        if (prev) out.push_back(std::move(cur));
    }
    return out;
}

// "12", "Page 12", "12 of 40", "- 12 -", "— 12 —", "xii": a page number alone on its line.
bool is_page_number(std::string_view s) {
    s = trim(s);
    std::string t;
    for (char c : s)
        if (!(c == '-' || c == ' ' || c == '|' || (static_cast<unsigned char>(c) >= 0x80)))
            t += char(std::tolower((unsigned char)c));
    if (t.starts_with("page")) t.erase(0, 4);
    if (const size_t of = t.find("of"); of != std::string::npos) t.erase(of);
    if (t.empty() || t.size() > 8) return false;
    if (std::all_of(t.begin(), t.end(), [](char c) { return std::isdigit((unsigned char)c); }))
        return true;
    return std::all_of(t.begin(), t.end(), [](char c) {
        return std::string_view("ivxlc").find(c) != std::string_view::npos;
    });
}

// The text with digits folded, to match "Report No. 14 — page 3" with "… page 4".
std::string shape_of(std::string_view s) {
    std::string out;
    for (char c : trim(s))
        out += std::isdigit((unsigned char)c) ? '#' : char(std::tolower((unsigned char)c));
    return out;
}

struct PageBox {
    double width = 0, height = 0;
};

// Drops running headers and footers: lines in the top or bottom band of their page that are a
// page number, or whose text (digits aside) is in the same band on another page.
void drop_running(std::vector<std::vector<Line>>& pages, const std::vector<PageBox>& boxes) {
    auto band = [&](const Line& l, size_t p) {
        const double h = boxes[p].height > 0 ? boxes[p].height : 842;
        if (l.y1 < 0.09 * h) return 1;  // top
        if (l.y0 > 0.91 * h) return 2;  // bottom
        return 0;
    };
    std::map<std::pair<int, std::string>, int> seen;  // (band, shape) → pages holding it
    for (size_t p = 0; p < pages.size(); ++p) {
        std::map<std::pair<int, std::string>, bool> here;
        for (const Line& l : pages[p])
            if (const int b = band(l, p)) here[{b, shape_of(l.text)}] = true;
        for (const auto& [k, v] : here) ++seen[k];
    }
    for (size_t p = 0; p < pages.size(); ++p) {
        auto& ls = pages[p];
        ls.erase(std::remove_if(ls.begin(), ls.end(),
                                [&](const Line& l) {
                                    const int b = band(l, p);
                                    if (!b) return false;
                                    return is_page_number(l.text) ||
                                           (pages.size() > 1 && seen[{b, shape_of(l.text)}] > 1);
                                }),
                 ls.end());
    }
}

// The x of a column gutter: the x in the middle half of the text that the fewest lines cross,
// with at least three lines and a fifth of them wholly on each side and at most a tenth (or two)
// across.
// nullopt for a one-column page.
std::optional<double> gutter(const std::vector<Line>& ls) {
    if (ls.size() < 6) return std::nullopt;
    double lo = 1e9, hi = -1e9;
    for (const Line& l : ls) {
        lo = std::min(lo, l.x0);
        hi = std::max(hi, l.x1);
    }
    const double w = hi - lo;
    if (w <= 0) return std::nullopt;
    std::optional<double> best;
    size_t best_cross = ls.size();
    double run_start = 0, best_run = 0;
    size_t prev_cross = ls.size() + 1;
    for (double x = lo + 0.25 * w; x <= lo + 0.75 * w; x += 1) {
        size_t cross = 0, left = 0, right = 0;
        for (const Line& l : ls) {
            if (l.x1 <= x)
                ++left;
            else if (l.x0 >= x)
                ++right;
            else
                ++cross;
        }
        const size_t need = std::max<size_t>(3, ls.size() / 5);
        const bool ok =
            left >= need && right >= need && cross <= std::max<size_t>(2, ls.size() / 10);
        if (!ok) {
            prev_cross = ls.size() + 1;
            continue;
        }
        if (cross != prev_cross) run_start = x;
        prev_cross = cross;
        // The fewest crossings; among as few, the middle of the widest empty run.
        const double run = x - run_start;
        if (cross < best_cross || (cross == best_cross && run > best_run)) {
            best_cross = cross;
            best_run = run;
            best = run_start + run / 2;
        }
    }
    return best;
}

// The page's lines in reading order: sections between full-width lines, left column then right.
std::vector<Line> reading_order(std::vector<Line> ls) {
    std::sort(ls.begin(), ls.end(), [](const Line& a, const Line& b) {
        return a.y0 != b.y0 ? a.y0 < b.y0 : a.x0 < b.x0;
    });
    const auto g = gutter(ls);
    if (!g) return ls;
    std::vector<Line> out, left, right;
    int section = 0;
    auto flush = [&] {
        for (Line& l : left) out.push_back(std::move(l));
        for (Line& l : right) out.push_back(std::move(l));
        left.clear();
        right.clear();
        ++section;
    };
    for (Line& l : ls) {
        l.section = section;
        if (l.x1 <= *g) {
            l.column = 1;
            left.push_back(std::move(l));
        } else if (l.x0 >= *g) {
            l.column = 2;
            right.push_back(std::move(l));
        } else {
            flush();
            l.section = section;
            out.push_back(std::move(l));
        }
    }
    flush();
    return out;
}

bool ends_sentence_pdf(std::string_view s) {
    s = trim(s);
    while (!s.empty() && (s.back() == ')' || s.back() == '"' || s.back() == '\''))
        s.remove_suffix(1);
    if (s.ends_with("\u201d") || s.ends_with("\u2019")) s.remove_suffix(3);
    return !s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?' ||
                          s.back() == ':' || s.ends_with("\u2026"));
}

bool starts_lower(std::string_view s) {
    s = trim(s);
    return !s.empty() && std::islower(static_cast<unsigned char>(s[0]));
}

// Appends a line to a paragraph: a word hyphenated at the line end is rejoined ("Fa-" +
// "milies"); a hyphen before a capital stays ("Nagorno-" + "Karabakh"); a soft hyphen goes.
void join_line(std::string& para, std::string_view line) {
    line = trim(line);
    if (para.empty()) {
        para = line;
        return;
    }
    if (para.ends_with("\u00ad")) {
        para.resize(para.size() - 2);
        para += line;
        return;
    }
    const bool hyphen = para.size() >= 2 && para.back() == '-' &&
                        std::isalpha(static_cast<unsigned char>(para[para.size() - 2]));
    if (hyphen && starts_lower(line)) {
        para.pop_back();
        para += line;
    } else if (hyphen) {
        para += line;
    } else {
        para += ' ';
        para += line;
    }
}

struct Para {
    std::string text;
    int page;
};

// Lines in reading order into paragraphs (see the file comment).
std::vector<Para> paragraphs(const std::vector<Line>& ls) {
    // Per run of lines in one column of one section of a page: its left edge, right edge and
    // usual baseline step.
    struct Run {
        double left = 1e9, right = -1e9, step = 0;
    };
    std::map<std::tuple<int, int, int>, Run> runs;
    std::map<std::tuple<int, int, int>, std::vector<double>> steps;
    for (size_t i = 0; i < ls.size(); ++i) {
        const Line& l = ls[i];
        Run& r = runs[{l.page, l.section, l.column}];
        r.right = std::max(r.right, l.x1);
        if (i > 0) {
            const Line& p = ls[i - 1];
            if (p.page == l.page && p.section == l.section && p.column == l.column && l.y1 > p.y1 &&
                std::abs(p.size - l.size) < 0.2 * l.size)
                steps[{l.page, l.section, l.column}].push_back(l.y1 - p.y1);
        }
    }
    // The left edge: where most lines of the run begin (an indented first line does not move it).
    std::map<std::tuple<int, int, int>, std::map<long, int>> starts;
    for (const Line& l : ls) ++starts[{l.page, l.section, l.column}][std::lround(l.x0)];
    for (auto& [k, r] : runs) {
        int most = 0;
        for (const auto& [x, n] : starts[k])
            if (n > most || (n == most && x < r.left)) {
                most = n;
                r.left = double(x);
            }
        auto& st = steps[k];
        if (!st.empty()) {
            std::nth_element(st.begin(), st.begin() + long(st.size() / 2), st.end());
            r.step = st[st.size() / 2];
        }
    }
    std::vector<Para> out;
    std::string cur;
    int cur_page = 0;
    auto flush = [&] {
        if (!trim(cur).empty()) out.push_back({std::string(trim(cur)), cur_page});
        cur.clear();
    };
    for (size_t i = 0; i < ls.size(); ++i) {
        const Line& l = ls[i];
        const Run& r = runs[{l.page, l.section, l.column}];
        const bool indented = l.x0 > r.left + 0.8 * l.size;
        bool brk = cur.empty();
        if (!brk) {
            const Line& p = ls[i - 1];
            const bool same_run =
                p.page == l.page && p.section == l.section && p.column == l.column;
            const bool size_change = std::abs(p.size - l.size) > 0.2 * std::max(p.size, l.size);
            if (size_change) {
                brk = true;
            } else if (same_run) {
                const double step = r.step > 0 ? r.step : 1.2 * l.size;
                const double gap = l.y1 - p.y1;
                const double width = std::max(1.0, r.right - r.left);
                brk = gap > 1.3 * step || gap < 0 || indented ||
                      (p.x1 < r.right - 0.3 * width && ends_sentence_pdf(p.text));
            } else {
                // A new column or page: the paragraph runs on unless it had ended.
                brk = ends_sentence_pdf(p.text) || indented;
            }
        }
        if (brk) {
            flush();
            cur_page = l.page;
        }
        join_line(cur, l.text);
    }
    flush();
    return out;
}

// "D:20231208120000+00'00'" → "2023-12-08".
std::string pdf_date(std::string_view s) {
    s = trim(s);
    if (s.starts_with("D:")) s.remove_prefix(2);
    if (s.size() < 8 || !std::all_of(s.begin(), s.begin() + 8,
                                     [](char c) { return std::isdigit((unsigned char)c); }))
        return {};
    const std::string iso = std::string(s.substr(0, 4)) + "-" + std::string(s.substr(4, 2)) + "-" +
                            std::string(s.substr(6, 2));
    return parse_date(iso);
}

std::string title_from_file(const std::string& name) {
    std::string stem = name.substr(name.find_last_of('/') + 1);
    if (const size_t dot = stem.find_last_of('.'); dot != std::string::npos && dot > 0)
        stem.resize(dot);
    for (char& c : stem)
        if (c == '_' || c == '-') c = ' ';
    return text::normalize_spaces(stem);
}

std::optional<std::vector<Article>> read_pdf(const Input& in, Problems& problems) {
    static std::once_flag init;
    std::call_once(init, [] { poppler::set_debug_error_function(on_poppler_error, nullptr); });
    std::string errors;
    g_poppler_errors = &errors;
    struct Reset {
        ~Reset() { g_poppler_errors = nullptr; }
    } reset;
    auto fail = [&](std::string why) {
        if (!errors.empty()) why += " (poppler: " + errors + ")";
        problems.push_back(error("read article", in.name, "", why + "; skipped"));
        return std::vector<Article>{};
    };
    if (in.bytes.empty()) {
        problems.push_back(warning("read article", in.name, "", "empty file"));
        return std::vector<Article>{};
    }
    if (in.bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos)
        return fail("not a PDF (no %PDF- header)");
    if (in.bytes.size() > size_t(INT32_MAX)) return fail("too large");
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(in.bytes.data(), int(in.bytes.size())));
    if (!doc) return fail("cannot open the PDF: damaged, cut off or encrypted");
    if (doc->is_locked()) return fail("the PDF is encrypted and needs a password");

    Article a;
    a.source_file = in.name;
    // Tools fill in placeholders ("untitled", "anonymous"): no better than nothing.
    auto info = [&](const char* key) {
        std::string v = text::normalize_spaces(utf8(doc->info_key(key)));
        for (std::string_view none : {"untitled", "anonymous", "unknown", "unspecified"})
            if (text::equals_icase(v, none)) v.clear();
        return v;
    };
    a.title = info("Title");
    const std::string author = info("Author");
    // A report's author is usually the organisation that publishes it: its outlet, too.
    a.outlet = author;
    a.byline = author;
    a.date = pdf_date(utf8(doc->info_key("CreationDate")));
    if (a.title.empty()) a.title = title_from_file(in.name);
    // The info dictionary's strings can carry control characters (the fuzzer found a \x1a in
    // a Title): they get the same replacement as the text.
    {
        Problems ignored;
        for (std::string* f : {&a.title, &a.outlet, &a.byline})
            *f = sanitize_utf8(*f, in.name, ignored);
    }

    const int n = doc->pages();
    std::vector<std::vector<Line>> pages;
    std::vector<PageBox> boxes;
    size_t words = 0;
    for (int p = 0; p < n; ++p) {
        std::unique_ptr<poppler::page> pg(doc->create_page(p));
        if (!pg) {
            pages.emplace_back();
            boxes.push_back({});
            continue;
        }
        const poppler::rectf box = pg->page_rect();
        boxes.push_back({box.width(), box.height()});
        std::vector<Word> ws;
        for (const poppler::text_box& tb : pg->text_list()) {
            std::string t = utf8(tb.text());
            if (trim(t).empty()) continue;
            const poppler::rectf b = tb.bbox();
            ws.push_back(
                {std::move(t), b.left(), b.top(), b.right(), b.bottom(), tb.has_space_after()});
        }
        words += ws.size();
        pages.push_back(page_lines(std::move(ws), p + 1));
    }
    if (words == 0)
        return fail(n == 0 ? "the PDF has no pages"
                           : "no text in the PDF (a scan without a text layer?)");
    drop_running(pages, boxes);
    std::vector<Line> all;
    for (auto& ls : pages)
        for (Line& l : reading_order(std::move(ls))) all.push_back(std::move(l));
    Problems ignored;  // poppler gives UTF-8; this removes control characters a font map made
    for (Para& p : paragraphs(all)) {
        std::string t = sanitize_utf8(p.text, in.name, ignored);
        if (is_repeated_title(t, a.title)) continue;
        a.paragraphs.push_back(std::move(t));
        a.pages.push_back(p.page);
    }
    if (a.paragraphs.empty()) return fail("no paragraphs of text in the PDF");
    if (a.date.empty())
        problems.push_back(warning("read article", in.name, "",
                                   "no CreationDate in the PDF; the report is listed as undated"));
    if (!errors.empty())
        problems.push_back(warning("read article", in.name, "",
                                   "damaged PDF, read what poppler could: " + errors));
    return std::vector<Article>{std::move(a)};
}

class Pdf final : public Format {
  public:
    std::string_view name() const override { return "pdf"; }
    std::vector<std::string_view> extensions() const override { return {".pdf"}; }
    bool reads_bytes() const override { return true; }
    bool sniff(const Input& in) const override {
        return in.bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
    }
    std::optional<std::vector<Article>> read(const Input& in, Problems& problems) const override {
        return read_pdf(in, problems);
    }
};

}  // namespace

const Format& pdf() {
    static const Pdf kFormat;
    return kFormat;
}

}  // namespace bm::corpus::formats
