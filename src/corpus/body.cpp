#include "corpus/body.h"

#include <algorithm>
#include <array>

#include "corpus/text.h"

namespace bm::corpus {

using text::contains_icase;
using text::equals_icase;
using text::starts_with_icase;
using text::trim;

bool is_boilerplate_line(std::string_view line) {
    static constexpr std::array<std::string_view, 20> kWords = {
        "facebook", "twitter",   "whatsapp",   "reddit",        "email",
        "e-mail",   "linkedin",  "telegram",   "pinterest",     "print",
        "share",    "tweet",     "copy link",  "close dialog",  "x",
        "vk",       "flipboard", "share this", "advertisement", "skip to content"};
    line = trim(line);
    for (auto w : kWords)
        if (equals_icase(line, w)) return true;
    // Wire-service desk codes at the end of AFP copy, e.g. "bur-jbr/cad/rox".
    if (!line.empty() && line.size() < 48 && line.find('/') != std::string_view::npos &&
        std::all_of(line.begin(), line.end(),
                    [](char c) { return (c >= 'a' && c <= 'z') || c == '-' || c == '/'; }))
        return true;
    return false;
}

// A block of lines (between blank lines) that is a newsletter sign-up box.
bool is_newsletter_block(const std::vector<std::string_view>& block) {
    int hits = 0;
    for (auto l : block) {
        if (l.size() > 240) return false;  // reporting, not a widget
        if ((contains_icase(l, "sign up") || contains_icase(l, "subscribe")) &&
            (contains_icase(l, "newsletter") || contains_icase(l, "email")))
            ++hits;
        if (starts_with_icase(trim(l), "by subscribing") ||
            equals_icase(trim(l), "privacy policy.") || equals_icase(trim(l), "close dialog"))
            ++hits;
    }
    return hits > 0;
}

bool is_url(std::string_view s) {
    s = trim(s);
    return (s.starts_with("http://") || s.starts_with("https://")) &&
           s.find(' ') == std::string_view::npos;
}

bool has_lower(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Byline-ish header lines right after the date: "By Ragip Soylu in Ankara", "SWARAJYA STAFF",
// "FROM AFP News".
bool is_byline(std::string_view l) {
    l = trim(l);
    if (l.size() < 100 && (l.starts_with("By ") || l.starts_with("By\xC2\xA0"))) return true;
    if (l.size() < 60 && l.starts_with("FROM ")) return true;
    if (l.size() < 60 && !has_lower(l) &&
        std::any_of(l.begin(), l.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        return true;
    return false;
}

// A dateline stub such as "CNN —" (the wire's place/outlet tag before the first paragraph).
bool is_dateline_stub(std::string_view l) {
    l = trim(l);
    return l.size() < 40 &&
           (l.ends_with("\xE2\x80\x94") || l.ends_with("\xE2\x80\x93") || l.ends_with(" -"));
}

bool blank(std::string_view l) {
    return trim(l).empty();
}

// Turns body lines into paragraphs: blank lines separate paragraphs, lines inside a paragraph
// are joined with a space, boilerplate is dropped, a bare URL becomes the article's url.
void add_body(Article& a, const std::vector<std::string_view>& lines, size_t begin, size_t end) {
    std::vector<std::string_view> block;
    auto flush = [&] {
        if (block.empty()) return;
        if (!is_newsletter_block(block)) {
            std::string para;
            for (auto l : block) {
                if (is_boilerplate_line(l)) continue;
                auto t = trim(l);
                if (t.empty()) continue;
                if (!para.empty()) para += ' ';
                para += t;
            }
            if (is_url(para)) {
                if (a.url.empty()) a.url = std::string(trim(para));
            } else if (!para.empty()) {
                a.paragraphs.push_back(std::move(para));
            }
        }
        block.clear();
    };
    for (size_t i = begin; i < end; ++i) {
        if (blank(lines[i]))
            flush();
        else
            block.push_back(lines[i]);
    }
    flush();
}

std::string heading_text(std::string_view l) {
    l = trim(l);
    while (l.starts_with("#")) l.remove_prefix(1);
    return text::normalize_spaces(trim(l));
}

// Names the article by its line, not its text: a file that is not an article (/etc/passwd)
// must not have its first line echoed into a report.
void report_undated(size_t title_line, const std::string& name, Problems& problems) {
    problems.push_back(warning("read article", name, "line " + std::to_string(title_line + 1),
                               "the article has no date; it is listed as undated"));
}

}  // namespace bm::corpus
