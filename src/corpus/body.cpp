#include "corpus/body.h"

#include <algorithm>
#include <array>

#include "corpus/furniture.h"
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

namespace {

// Lines that are paragraphs of their own (scraped pages: one line per paragraph) rather than a
// hard-wrapped paragraph: at least half of the lines before the last end a sentence or a label.
bool lines_are_paragraphs(const std::vector<std::string_view>& lines) {
    if (lines.size() < 2) return false;
    size_t alone = 0;
    for (size_t i = 0; i + 1 < lines.size(); ++i)
        alone += ends_sentence(lines[i]) || lines[i].ends_with(":");
    return 2 * alone >= lines.size() - 1;
}

std::string join(const std::vector<std::string_view>& lines) {
    std::string para;
    for (auto l : lines) {
        if (l.empty()) continue;
        if (!para.empty()) para += ' ';
        para += l;
    }
    return para;
}

}  // namespace

void add_body(Article& a, const std::vector<std::string_view>& lines, size_t begin, size_t end,
              bool split_lines) {
    std::vector<std::vector<std::string_view>> units;  // the lines of each paragraph-to-be
    bool in_related = false;  // under a "Read also" heading: titles of other articles follow
    std::vector<std::string_view> block;
    auto flush = [&] {
        if (block.empty()) return;
        std::vector<std::string_view> kept;
        bool heading_here = false;
        for (auto l : block) {
            auto t = trim(l);
            if (t.empty() || is_boilerplate_line(t)) continue;
            // A byline in the body (saved pages put it under the title): the article's byline.
            if (is_body_byline(t)) {
                if (a.byline.empty()) a.byline = text::normalize_spaces(t);
                continue;
            }
            const Furniture f = classify_line(t);
            if (f == Furniture::RelatedHeading) {
                in_related = heading_here = true;
                continue;
            }
            if (f == Furniture::Line) continue;
            // Titles listed under the heading in its own block: line by line.
            if (heading_here && in_related) {
                if (!reads_as_sentence(t)) continue;
                in_related = false;
            }
            kept.push_back(strip_credit(t));
        }
        if (kept.empty()) return block.clear();
        const bool by_line = split_lines && lines_are_paragraphs(kept);
        // A newsletter box is a block of its own; in a page of one-line paragraphs, a line.
        if (!by_line && is_newsletter_block(block)) return block.clear();
        block.clear();
        // A menu: three or more entries of at most three words each.
        if (kept.size() >= 3 && std::all_of(kept.begin(), kept.end(), is_nav_like)) return;
        if (by_line) {
            for (auto l : kept) {
                if (is_newsletter_block({l})) continue;
                if (in_related && !heading_here) {
                    if (!reads_as_sentence(l)) continue;
                    in_related = false;
                }
                units.push_back({l});
            }
            return;
        }
        // Blocks after the heading's: a block that reads as a sentence ends the list.
        if (in_related && !heading_here) {
            if (!reads_as_sentence(join(kept))) return;
            in_related = false;
        }
        units.push_back(std::move(kept));
    };
    for (size_t i = begin; i < end; ++i) {
        if (blank(lines[i]))
            flush();
        else
            block.push_back(lines[i]);
    }
    flush();
    // A menu spread over paragraphs: three or more one-line entries in a row.
    std::vector<bool> drop(units.size(), false);
    for (size_t i = 0; i < units.size();) {
        size_t j = i;
        while (j < units.size() && units[j].size() == 1 && is_nav_like(units[j][0])) ++j;
        if (j - i >= 3) std::fill(drop.begin() + long(i), drop.begin() + long(j), true);
        i = j == i ? i + 1 : j;
    }
    for (size_t i = 0; i < units.size(); ++i) {
        if (drop[i]) continue;
        std::string para = join(units[i]);
        if (is_url(para)) {
            if (a.url.empty()) a.url = std::string(trim(para));
        } else if (!para.empty() && !is_repeated_title(para, a.title)) {
            a.paragraphs.push_back(std::move(para));
        }
    }
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
