#include "gazetteer/unicode.h"

namespace bm::gazetteer::uni {

bool is_word(char32_t cp) {
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
               cp == '_';
    if (cp < 0xC0) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;  // Latin-1 punctuation/symbols
    if (cp == 0xD7 || cp == 0xF7) return false;                    // × ÷
    if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols, arrows, dashes, quotes
    if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
    if (cp >= 0xFE30 && cp <= 0xFE4F) return false;
    if (cp >= 0xFF00 && cp <= 0xFF0F) return false;
    if (cp == 0xFEFF || cp == 0xFFFD) return false;
    if (cp == 0x055A || cp == 0x055B || cp == 0x055C || cp == 0x055D || cp == 0x055E ||
        cp == 0x0589)
        return false;  // Armenian punctuation
    return true;
}

namespace {

struct CaseMap {
    char32_t from, to;
};
#include "gazetteer/case_table.inc"

// The mapping of cp in a table sorted by `from`, or cp itself.
template <size_t N>
char32_t map_case(const CaseMap (&table)[N], char32_t cp) {
    size_t lo = 0, hi = N;
    while (lo < hi) {
        const size_t mid = (lo + hi) / 2;
        if (table[mid].from < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < N && table[lo].from == cp ? table[lo].to : cp;
}

}  // namespace

// Below U+00C0 only ASCII has case (µ and ª have none that matters for names).
bool is_upper(char32_t cp) {
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    return cp >= 0xC0 && map_case(kToLower, cp) != cp;
}

bool is_lower(char32_t cp) {
    if (cp < 0x80) return cp >= 'a' && cp <= 'z';
    return cp >= 0xC0 && (map_case(kToUpper, cp) != cp || cp == 0xDF);
}

char32_t to_lower(char32_t cp) {
    if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    return cp < 0xC0 ? cp : map_case(kToLower, cp);
}

char32_t to_upper(char32_t cp) {
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') ? cp - 32 : cp;
    return cp < 0xC0 ? cp : map_case(kToUpper, cp);
}

}  // namespace bm::gazetteer::uni
