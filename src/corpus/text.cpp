#include "corpus/text.h"

#include <algorithm>
#include <cctype>

namespace bm::corpus::text {

namespace {

// Length of a Unicode space sequence at the start (or end) of s, 0 if none.
size_t space_prefix(std::string_view s) {
    if (s.empty()) return 0;
    unsigned char c = s[0];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (s.starts_with("\xC2\xA0")) return 2;                                       // U+00A0
    if (s.starts_with("\xE2\x80\x8B") || s.starts_with("\xE2\x80\xAF")) return 3;  // U+200B, 202F
    if (s.starts_with("\xEF\xBB\xBF")) return 3;                                   // U+FEFF
    return 0;
}

size_t space_suffix(std::string_view s) {
    if (s.empty()) return 0;
    unsigned char c = s.back();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (s.ends_with("\xC2\xA0")) return 2;
    if (s.ends_with("\xE2\x80\x8B") || s.ends_with("\xE2\x80\xAF")) return 3;
    if (s.ends_with("\xEF\xBB\xBF")) return 3;
    return 0;
}

char lower(char c) {
    return char(std::tolower(static_cast<unsigned char>(c)));
}

}  // namespace

std::string_view trim(std::string_view s) {
    while (size_t n = space_prefix(s)) s.remove_prefix(n);
    while (size_t n = space_suffix(s)) s.remove_suffix(n);
    return s;
}

std::string normalize_spaces(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending = false;
    while (!s.empty()) {
        if (size_t n = space_prefix(s)) {
            pending = true;
            s.remove_prefix(n);
            continue;
        }
        if (pending && !out.empty()) out += ' ';
        pending = false;
        out += s[0];
        s.remove_prefix(1);
    }
    return out;
}

std::vector<std::string_view> split_lines(std::string_view s) {
    std::vector<std::string_view> lines;
    size_t start = 0;
    while (start <= s.size()) {
        size_t nl = s.find('\n', start);
        if (nl == std::string_view::npos) {
            if (start < s.size()) lines.push_back(s.substr(start));
            break;
        }
        lines.push_back(s.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

bool starts_with_icase(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && equals_icase(s.substr(0, prefix.size()), prefix);
}

bool equals_icase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return lower(x) == lower(y); });
}

bool contains_icase(std::string_view s, std::string_view needle) {
    auto it = std::search(s.begin(), s.end(), needle.begin(), needle.end(),
                          [](char x, char y) { return lower(x) == lower(y); });
    return needle.empty() || it != s.end();
}

}  // namespace bm::corpus::text
