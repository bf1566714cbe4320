// JSON Lines (.jsonl/.ndjson): one {"title","outlet","date","url","byline","text"} object per
// line; the text is split into paragraphs.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "corpus/body.h"
#include "corpus/formats/format.h"
#include "corpus/text.h"

namespace bm::corpus::formats {

using text::trim;

namespace {

std::vector<Article> parse_jsonl(std::string_view clean, const std::string& name,
                                 Problems& problems) {
    std::vector<Article> out;
    auto lines = text::split_lines(clean);
    for (size_t i = 0; i < lines.size(); ++i) {
        if (blank(lines[i])) continue;
        std::string where = "line " + std::to_string(i + 1);
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(lines[i]);
        } catch (const nlohmann::json::exception& e) {
            problems.push_back(
                error("read article", name, where, std::string("bad JSON: ") + e.what()));
            continue;
        }
        if (!j.is_object()) {
            problems.push_back(error("read article", name, where, "not a JSON object"));
            continue;
        }
        // Decoded JSON strings can hold escaped control characters that raw text cannot
        // (\r, \u0000, \u0001): give them the same treatment as in text files.
        bool had_nul = false;
        auto str = [&](const char* key) -> std::string {
            auto it = j.find(key);
            if (it == j.end() || !it->is_string()) return std::string();
            const std::string& raw = it->get_ref<const std::string&>();
            const bool control = std::any_of(raw.begin(), raw.end(), [](char c) {
                const auto u = static_cast<unsigned char>(c);
                return (u < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\v') || u == 0x7f;
            });
            if (!control) return raw;
            Problems ignored;
            had_nul |= raw.find('\0') != std::string::npos;
            return sanitize_utf8(raw, name, ignored);
        };
        Article a;
        a.source_file = name;
        a.title = text::normalize_spaces(str("title"));
        a.outlet = text::normalize_spaces(str("outlet"));
        a.url = std::string(trim(str("url")));
        a.byline = text::normalize_spaces(str("byline"));
        std::string date = str("date");
        a.date = parse_date(date);
        if (a.date.empty() && !date.empty())
            problems.push_back(
                warning("read article", name, where,
                        std::string(is_impossible_date(date) ? "impossible date \""
                                                             : "unrecognised date \"") +
                            date + "\"; the article is undated"));
        else if (a.date.empty())
            problems.push_back(warning("read article", name, where,
                                       "no \"date\"; the article is listed as undated"));
        std::string body = str("text");
        if (body.empty()) problems.push_back(warning("read article", name, where, "no \"text\""));
        if (had_nul)
            problems.push_back(
                warning("read article", name, where,
                        "NUL characters (\\u0000) in the record; replaced by U+FFFD"));
        auto blines = text::split_lines(body);
        add_body(a, blines, 0, blines.size(), /*split_lines=*/true);
        out.push_back(std::move(a));
    }
    return out;
}

class JsonLines final : public Format {
  public:
    std::string_view name() const override { return "jsonl"; }
    std::vector<std::string_view> extensions() const override { return {".jsonl", ".ndjson"}; }
    bool sniff(const Input&) const override { return true; }  // its extension decides
    std::optional<std::vector<Article>> read(const Input& in, Problems& problems) const override {
        return parse_jsonl(in.text, in.name, problems);
    }
};

}  // namespace

const Format& jsonl() {
    static const JsonLines kFormat;
    return kFormat;
}

}  // namespace bm::corpus::formats
