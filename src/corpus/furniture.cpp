#include "corpus/furniture.h"

#include <algorithm>
#include <cctype>

#include "corpus/furniture_vocabulary.h"
#include "corpus/text.h"

namespace bm::corpus {

using text::contains_icase;
using text::equals_icase;
using text::starts_with_icase;
using text::trim;

namespace {

size_t word_count(std::string_view s) {
    size_t n = 0;
    bool in_word = false;
    for (char c : s) {
        const bool space = c == ' ' || c == '\t';
        if (!space && !in_word) ++n;
        in_word = !space;
    }
    return n;
}

std::string_view without_colon(std::string_view s) {
    s = trim(s);
    while (!s.empty() && (s.back() == ':' || s.back() == ' ')) s.remove_suffix(1);
    return s;
}

bool upper_ascii_or_multibyte(char c) {
    return (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

bool ends_sentence(std::string_view s) {
    // Closing quotes and brackets after the full stop: " ' ) ” ’ »
    for (;;) {
        if (s.ends_with("\"") || s.ends_with("'") || s.ends_with(")")) {
            s.remove_suffix(1);
        } else if (s.ends_with("\xE2\x80\x9D") || s.ends_with("\xE2\x80\x99")) {
            s.remove_suffix(3);
        } else if (s.ends_with("\xC2\xBB")) {
            s.remove_suffix(2);
        } else {
            break;
        }
    }
    return s.ends_with(".") || s.ends_with("!") || s.ends_with("?") ||
           s.ends_with("\xE2\x80\xA6");  // …
}

bool reads_as_sentence(std::string_view s) {
    s = trim(s);
    return word_count(s) >= 6 && ends_sentence(s) &&
           std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool is_nav_like(std::string_view s) {
    s = trim(s);
    if (s.empty() || word_count(s) > 3 || ends_sentence(s) || s.ends_with(",")) return false;
    return std::none_of(s.begin(), s.end(),
                        [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

bool is_body_byline(std::string_view s) {
    s = trim(s);
    if (s.size() > 80 || !(s.starts_with("By ") || s.starts_with("by ")) || ends_sentence(s))
        return false;
    // Names: capitalised words, with "and", "in" and commas between ("By A B and C D").
    std::string_view rest = s.substr(3);
    size_t names = 0;
    while (!rest.empty()) {
        const size_t sp = rest.find(' ');
        std::string_view w = rest.substr(0, sp);
        if (w.ends_with(",")) w.remove_suffix(1);
        if (w == "and" || w == "in" || w == "&") {
        } else if (!w.empty() && upper_ascii_or_multibyte(w[0])) {
            ++names;
        } else if (!w.empty()) {
            return false;  // "By Tuesday evening, troops had …"
        }
        if (sp == std::string_view::npos) break;
        rest.remove_prefix(sp + 1);
    }
    return names >= 2 && names <= 8;
}

Furniture classify_line(std::string_view line) {
    const std::string_view t = trim(line);
    if (t.empty()) return Furniture::None;
    const std::string_view bare = without_colon(t);
    for (auto h : vocab::kRelatedHeadings)
        if (equals_icase(bare, h)) return Furniture::RelatedHeading;
    for (auto w : vocab::kLines)
        if (equals_icase(bare, w)) return Furniture::Line;
    const bool long_sentence = reads_as_sentence(t) && word_count(t) >= 12;
    if (!long_sentence)
        for (auto l : vocab::kLabels)
            if (starts_with_icase(t, l)) return Furniture::Line;
    if (t.size() < vocab::kPhraseMaxBytes)
        for (auto p : vocab::kPhrases)
            if (contains_icase(t, p)) return Furniture::Line;
    if (is_body_byline(t)) return Furniture::Line;
    return Furniture::None;
}

std::string_view strip_credit(std::string_view line) {
    line = trim(line);
    for (auto c : vocab::kCreditTails) {
        const size_t at = line.rfind(c);
        if (at == std::string_view::npos || at == 0) continue;
        if (line.size() - at > vocab::kCreditMaxBytes) continue;
        return trim(line.substr(0, at));
    }
    return line;
}

bool is_repeated_title(std::string_view para, std::string_view title) {
    para = trim(para);
    title = trim(title);
    if (title.empty() || !starts_with_icase(para, title)) return false;
    std::string_view rest = trim(para.substr(title.size()));
    if (rest.empty()) return true;
    // "Title | Outlet", "Title - Outlet", "Title — Outlet": a short tail after a separator.
    for (std::string_view sep : {"|", "-", "\xE2\x80\x94", "\xE2\x80\x93"})
        if (rest.starts_with(sep) && word_count(rest) <= 5 && !ends_sentence(rest)) return true;
    return false;
}

}  // namespace bm::corpus
