#include "corpus/paste.h"

#include <regex>

#include "common/utf8.h"
#include "corpus/body.h"
#include "corpus/text.h"

namespace bm::corpus {

namespace {

std::string cut(std::string_view s, size_t max) {
    if (s.size() <= max) return std::string(s);
    const size_t n = utf8::floor_boundary(s, max);  // not mid-character
    return std::string(s.substr(0, n)) + "…";
}

std::string host_of(const std::string& url) {
    const size_t start = url.find("://");
    if (start == std::string::npos) return "";
    std::string host = url.substr(start + 3);
    host = host.substr(0, host.find_first_of("/?#:"));
    if (host.rfind("www.", 0) == 0) host = host.substr(4);
    return host;
}

// The first substring shaped like a date that parse_date accepts.
std::string find_date(const std::string& s) {
    static const std::regex shapes(
        R"(\b(\d{4}-\d{2}-\d{2})\b|\b(\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4})\b|\b((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4})\b)",
        std::regex::icase);
    // A long paste: only its start is searched (dates stand near the top).
    const std::string head = s.substr(0, 20000);
    for (std::sregex_iterator it(head.begin(), head.end(), shapes), end; it != end; ++it) {
        std::string d = parse_date(it->str());
        if (!d.empty()) return d;
    }
    return "";
}

}  // namespace

PastedFields guess_pasted(std::string_view clip) {
    PastedFields f;
    const auto lines = text::split_lines(clip);
    size_t i = 0;
    while (i < lines.size() && text::trim(lines[i]).empty()) ++i;
    if (i < lines.size()) {
        f.title = cut(text::normalize_spaces(text::trim(lines[i])), 200);
        ++i;
    }
    while (i < lines.size() && text::trim(lines[i]).empty()) ++i;
    for (size_t k = i; k < lines.size(); ++k) {
        f.text += lines[k];
        if (k + 1 < lines.size()) f.text += '\n';
    }
    static const std::regex url(R"(https?://[^\s<>"')\]]+)");
    const std::string all(clip.substr(0, 200000));
    std::smatch m;
    if (std::regex_search(all, m, url)) {
        f.url = m.str();
        while (!f.url.empty() && (f.url.back() == '.' || f.url.back() == ',')) f.url.pop_back();
    }
    f.outlet = host_of(f.url);
    f.date = find_date(all);
    return f;
}

Article pasted_article(const PastedFields& f) {
    Article a;
    a.title = text::normalize_spaces(text::trim(f.title));
    a.outlet = text::normalize_spaces(text::trim(f.outlet));
    a.date = parse_date(f.date);
    a.url = std::string(text::trim(f.url));
    const auto lines = text::split_lines(f.text);
    bool blank_line = false;
    for (auto l : lines) blank_line |= text::trim(l).empty();
    add_body(a, lines, 0, lines.size(), !blank_line);
    if (a.url.empty() && !f.url.empty()) a.url = f.url;
    return a;
}

}  // namespace bm::corpus
