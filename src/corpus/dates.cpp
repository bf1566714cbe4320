// Dates as the articles write them ("Dec 8 2023", "8 December 2023", ISO) turned into ISO.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <optional>

#include "corpus/corpus.h"
#include "corpus/text.h"

namespace bm::corpus {

using text::starts_with_icase;
using text::trim;

namespace {

struct Ymd {
    int year = 0, month = 0, day = 0;
};

bool real_day(const Ymd& d) {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d.year < 1000 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1) return false;
    const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    return d.day <= kDays[size_t(d.month - 1)] + (d.month == 2 && leap ? 1 : 0);
}

// Recognises the shape of a date (month name or ISO digits) without checking that the day
// exists (day and ISO month 0..99 pass), so "Feb 30 2023" is a date-shaped line.
std::optional<Ymd> date_shape(std::string_view s) {
    static constexpr std::array<std::string_view, 12> kMonths = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    s = trim(s);
    // No date spelling is longer than this; a long line (a 50 MB paragraph) is not tokenised.
    if (s.size() > 40) return std::nullopt;
    // ISO already.
    if (s.size() == 10 && s[4] == '-' && s[7] == '-' && std::all_of(s.begin(), s.end(), [](char c) {
            return std::isdigit((unsigned char)c) || c == '-';
        })) {
        auto n = [&](size_t at, size_t len) { return std::stoi(std::string(s.substr(at, len))); };
        if (s.substr(0, 4).find('-') != std::string_view::npos ||
            s.substr(5, 2).find('-') != std::string_view::npos ||
            s.substr(8, 2).find('-') != std::string_view::npos)
            return std::nullopt;
        return Ymd{n(0, 4), n(5, 2), n(8, 2)};
    }
    // Tokens: words and numbers; commas, periods and spaces (incl. U+00A0) separate.
    std::vector<std::string> tok;
    std::string cur;
    for (char c : text::normalize_spaces(s)) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            cur += c;
        } else if (c == ' ' || c == ',' || c == '.') {
            if (!cur.empty()) tok.push_back(std::move(cur)), cur.clear();
        } else {
            return std::nullopt;
        }
    }
    if (!cur.empty()) tok.push_back(cur);
    if (tok.size() != 3) return std::nullopt;
    auto month_of = [&](const std::string& w) -> int {
        if (w.size() < 3 || !std::isalpha((unsigned char)w[0])) return 0;
        for (size_t m = 0; m < kMonths.size(); ++m)
            if (starts_with_icase(kMonths[m], w) &&
                (w.size() == 3 || w.size() == kMonths[m].size() ||
                 (m == 8 && w.size() == 4)))  // "Sept"
                return int(m) + 1;
        return 0;
    };
    auto num = [](const std::string& w) -> int {
        if (w.empty() || w.size() > 4 ||
            !std::all_of(w.begin(), w.end(), [](char c) { return std::isdigit((unsigned char)c); }))
            return -1;
        return std::stoi(w);
    };
    int month = 0, day = -1, year = -1;
    if ((month = month_of(tok[0]))) {  // Dec 8 2023
        day = num(tok[1]);
        year = num(tok[2]);
    } else if ((month = month_of(tok[1]))) {  // 8 December 2023
        day = num(tok[0]);
        year = num(tok[2]);
    }
    if (!month || day < 0 || day > 99 || year < 1000 || tok[2].size() != 4) return std::nullopt;
    return Ymd{year, month, day};
}

}  // namespace

std::string parse_date(std::string_view s) {
    auto d = date_shape(s);
    if (!d || !real_day(*d)) return {};
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->year, d->month, d->day);
    return buf;
}

bool is_impossible_date(std::string_view s) {
    auto d = date_shape(s);
    return d && !real_day(*d);
}

}  // namespace bm::corpus
