// One article without a recognisable header: the first line is the title, then optional
// outlet, date and byline lines, then paragraphs. What every text file falls back to.
#include <algorithm>

#include "corpus/body.h"
#include "corpus/formats/format.h"
#include "corpus/text.h"

namespace bm::corpus::formats {

using text::trim;

namespace {

// One article without a recognisable header: first line is the title, then optional outlet and
// date lines, then paragraphs.
Article parse_plain(const std::vector<std::string_view>& lines, const std::string& name,
                    Problems& problems) {
    Article a;
    a.source_file = name;
    bool impossible = false;
    size_t i = 0;
    while (i < lines.size() && blank(lines[i])) ++i;
    const size_t title_line = i;
    if (i < lines.size()) a.title = heading_text(lines[i++]);
    // Up to three short header lines: outlet, date, byline.
    for (size_t n = 0; n < 3 && i < lines.size(); ++n) {
        while (i < lines.size() && blank(lines[i])) ++i;
        if (i >= lines.size()) break;
        auto l = trim(lines[i]);
        if (auto d = parse_date(l); !d.empty()) {
            a.date = d;
            ++i;
        } else if (a.date.empty() && is_impossible_date(l)) {
            problems.push_back(
                warning("read article", name, "line " + std::to_string(i + 1),
                        "impossible date \"" + std::string(l) + "\"; the article is undated"));
            impossible = true;
            ++i;
        } else if (a.date.empty() && l.size() < 60 && i + 1 < lines.size() &&
                   (!parse_date(lines[i + 1]).empty() || is_impossible_date(lines[i + 1]))) {
            a.outlet = text::normalize_spaces(l);
            ++i;
        } else if (!a.date.empty() && is_byline(l)) {
            a.byline = text::normalize_spaces(l);
            ++i;
        } else {
            break;
        }
    }
    add_body(a, lines, i, lines.size());
    if (a.date.empty() && !impossible) report_undated(title_line, name, problems);
    return a;
}

class PlainText final : public Format {
  public:
    std::string_view name() const override { return "plain_text"; }
    std::vector<std::string_view> extensions() const override { return {".txt", ".md"}; }
    bool sniff(const Input&) const override { return true; }
    std::optional<std::vector<Article>> read(const Input& in, Problems& problems) const override {
        if (std::all_of(in.lines.begin(), in.lines.end(), [](auto l) { return blank(l); })) {
            problems.push_back(warning("read article", in.name, "", "empty file"));
            return std::vector<Article>{};
        }
        return std::vector<Article>{parse_plain(in.lines, in.name, problems)};
    }
};

}  // namespace

const Format& plain_text() {
    static const PlainText kFormat;
    return kFormat;
}

}  // namespace bm::corpus::formats
