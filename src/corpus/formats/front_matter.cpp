// One article in a .txt/.md file with YAML-ish front matter (`---`, `title: …`, `outlet: …`,
// `date: …`, `url: …`, `byline: …`, `---`) followed by paragraphs.
#include <algorithm>
#include <cctype>

#include "corpus/body.h"
#include "corpus/formats/format.h"
#include "corpus/text.h"

namespace bm::corpus::formats {

using text::trim;
constexpr size_t npos = std::string_view::npos;

namespace {

// `---` front matter, then paragraphs.
std::optional<Article> parse_front_matter(const std::vector<std::string_view>& lines,
                                          const std::string& name, Problems& problems) {
    if (lines.empty() || trim(lines[0]) != "---") return std::nullopt;
    Article a;
    a.source_file = name;
    size_t i = 1;
    bool date_line = false, title_line = false;
    for (; i < lines.size() && trim(lines[i]) != "---"; ++i) {
        auto l = lines[i];
        auto colon = l.find(':');
        if (colon == npos) {
            problems.push_back(warning("read article", name, "line " + std::to_string(i + 1),
                                       "front matter line without 'key:' ignored"));
            continue;
        }
        std::string key(trim(l.substr(0, colon)));
        std::transform(key.begin(), key.end(), key.begin(),
                       [](char c) { return char(std::tolower((unsigned char)c)); });
        auto v = trim(l.substr(colon + 1));
        if (v.size() >= 2 &&
            ((v.front() == '"' && v.back() == '"') || (v.front() == '\'' && v.back() == '\'')))
            v = v.substr(1, v.size() - 2);
        std::string value = text::normalize_spaces(v);
        if (key == "title") {
            a.title = value;
            title_line = true;
        } else if (key == "outlet" || key == "source" || key == "publisher")
            a.outlet = value;
        else if (key == "date") {
            date_line = !value.empty();
            a.date = parse_date(value);
            if (a.date.empty() && !value.empty())
                problems.push_back(
                    warning("read article", name, "line " + std::to_string(i + 1),
                            std::string(is_impossible_date(value) ? "impossible date \""
                                                                  : "unrecognised date \"") +
                                value + "\"; the article is undated"));
        } else if (key == "url" || key == "link")
            a.url = value;
        else if (key == "byline" || key == "author")
            a.byline = value;
    }
    if (i == lines.size()) {
        problems.push_back(error("read article", name, "line 1", "front matter not closed by ---"));
        return std::nullopt;
    }
    size_t body = i + 1;
    // No title: a leading "# Heading" is one. An explicit `title: ""` keeps the article
    // untitled, so its first paragraph stays a paragraph (and is linked).
    if (!title_line) {
        while (body < lines.size() && blank(lines[body])) ++body;
        if (body < lines.size() && trim(lines[body]).starts_with("#"))
            a.title = heading_text(lines[body++]);
    }
    if (title_line && a.title.empty())
        problems.push_back(
            warning("read article", name, "", "empty title; the article is untitled"));
    if (!date_line) report_undated(0, name, problems);
    add_body(a, lines, body, lines.size());
    return a;
}

class FrontMatter final : public Format {
  public:
    std::string_view name() const override { return "front_matter"; }
    std::vector<std::string_view> extensions() const override { return {".txt", ".md"}; }
    bool sniff(const Input& in) const override {
        return !in.lines.empty() && trim(in.lines[0]) == "---";
    }
    std::optional<std::vector<Article>> read(const Input& in, Problems& problems) const override {
        auto a = parse_front_matter(in.lines, in.name, problems);
        if (!a) return std::nullopt;  // not closed (reported): read as the other text formats
        return std::vector<Article>{std::move(*a)};
    }
};

}  // namespace

const Format& front_matter() {
    static const FrontMatter kFormat;
    return kFormat;
}

}  // namespace bm::corpus::formats
