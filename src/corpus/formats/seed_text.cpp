// The seed format: one or more articles in a text file, each a title line, an optional outlet
// line and a date line ("Dec 8 2023"), then optional byline lines, paragraphs separated by
// blank lines and perhaps the source URL as the last line.
#include "corpus/body.h"
#include "corpus/formats/format.h"
#include "corpus/text.h"

namespace bm::corpus::formats {

using text::trim;
constexpr size_t npos = std::string_view::npos;

namespace {

struct Anchor {
    size_t title, outlet, date;  // line indices; outlet == npos when absent
};
constexpr size_t npos = std::string_view::npos;

// Finds article headers: a date line preceded by "title, blank, outlet" or "title, blank"
// (each title itself preceded by a blank line or the start of the file). A date line directly
// under another date line is a repeat, not a new article.
std::vector<Anchor> find_anchors(const std::vector<std::string_view>& lines) {
    std::vector<Anchor> out;
    auto is_blank_or_start = [&](long i) { return i < 0 || blank(lines[size_t(i)]); };
    auto titleish = [&](long i) {
        return i >= 0 && !blank(lines[size_t(i)]) && trim(lines[size_t(i)]).size() < 300 &&
               parse_date(lines[size_t(i)]).empty() && !is_url(lines[size_t(i)]);
    };
    for (size_t d = 0; d < lines.size(); ++d) {
        if (parse_date(lines[d]).empty()) continue;
        if (d > 0 && !parse_date(lines[d - 1]).empty()) continue;  // repeated date
        long i = long(d);
        if (titleish(i - 1) && trim(lines[d - 1]).size() < 100 && is_blank_or_start(i - 2) &&
            titleish(i - 3) && is_blank_or_start(i - 4)) {
            out.push_back({d - 3, d - 1, d});  // title, blank, outlet, date
        } else if (titleish(i - 1) && titleish(i - 2) && is_blank_or_start(i - 3)) {
            out.push_back({d - 2, d - 1, d});  // title, outlet, date
        } else if (is_blank_or_start(i - 1) && titleish(i - 2) && is_blank_or_start(i - 3)) {
            out.push_back({d - 2, npos, d});  // title, blank, date (no outlet)
        } else if (titleish(i - 1) && i - 2 < 0) {
            out.push_back({d - 1, npos, d});  // title, date at the top of a file
        }
    }
    return out;
}

std::vector<Article> parse_seed_format(const std::vector<std::string_view>& lines,
                                       const std::string& name, Problems& problems) {
    std::vector<Article> out;
    auto anchors = find_anchors(lines);
    if (anchors.empty()) return out;
    for (size_t i = 0; i < anchors[0].title; ++i)
        if (!blank(lines[i])) {
            problems.push_back(warning("read article", name, "line " + std::to_string(i + 1),
                                       "text before the first article header ignored"));
            break;
        }
    for (size_t k = 0; k < anchors.size(); ++k) {
        const Anchor& h = anchors[k];
        size_t end = k + 1 < anchors.size() ? anchors[k + 1].title : lines.size();
        Article a;
        a.source_file = name;
        a.title = heading_text(lines[h.title]);
        if (h.outlet != npos) a.outlet = text::normalize_spaces(trim(lines[h.outlet]));
        a.date = parse_date(lines[h.date]);
        // Header lines directly under the date (no blank line between): repeated date, byline,
        // dateline stub, or already the standfirst / first paragraph.
        size_t i = h.date + 1;
        for (; i < end && !blank(lines[i]); ++i) {
            auto l = trim(lines[i]);
            if (!parse_date(l).empty() || is_dateline_stub(l) || is_boilerplate_line(l)) continue;
            if (is_byline(l)) {
                if (a.byline.empty()) a.byline = text::normalize_spaces(l);
                continue;
            }
            a.paragraphs.emplace_back(l);
        }
        add_body(a, lines, i, end);
        if (a.paragraphs.empty())
            problems.push_back(warning("read article", name, "line " + std::to_string(h.title + 1),
                                       "the article has no paragraphs"));
        out.push_back(std::move(a));
    }
    return out;
}

class SeedText final : public Format {
  public:
    std::string_view name() const override { return "seed_text"; }
    std::vector<std::string_view> extensions() const override { return {".txt", ".md"}; }
    bool sniff(const Input&) const override { return true; }  // decided by its headers
    std::optional<std::vector<Article>> read(const Input& in, Problems& problems) const override {
        auto arts = parse_seed_format(in.lines, in.name, problems);
        if (arts.empty()) return std::nullopt;  // no article header: plain text
        return arts;
    }
};

}  // namespace

const Format& seed_text() {
    static const SeedText kFormat;
    return kFormat;
}

}  // namespace bm::corpus::formats
