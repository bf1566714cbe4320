#pragma once
// The program's one UTF-8 decoder (corpus validation, gazetteer folding, the linker's word
// boundaries, text shaping). Strict: overlong forms, surrogates, code points above U+10FFFF
// and cut-off sequences are invalid; a decoder that meets one returns U+FFFD for one byte, so
// callers always advance. Inline: the linker calls it per candidate at hundreds of MB/s.
#include <cstddef>
#include <string>
#include <string_view>

namespace bm::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

// Length (1-4) of the valid sequence starting at s[i], or 0 if it is invalid. i < s.size().
inline size_t valid_length(std::string_view s, size_t i) {
    auto b = [&](size_t k) -> unsigned { return static_cast<unsigned char>(s[i + k]); };
    auto cont = [&](size_t k) { return i + k < s.size() && (b(k) & 0xC0) == 0x80; };
    const unsigned c = b(0);
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2)) return 0;
        if (c == 0xE0 && b(1) < 0xA0) return 0;   // overlong
        if (c == 0xED && b(1) >= 0xA0) return 0;  // surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3)) return 0;
        if (c == 0xF0 && b(1) < 0x90) return 0;   // overlong
        if (c == 0xF4 && b(1) >= 0x90) return 0;  // above U+10FFFF
        return 4;
    }
    return 0;
}

// The code point at s[i] and its length; U+FFFD and length 1 where invalid.
inline char32_t decode(std::string_view s, size_t i, size_t& len) {
    auto b = [&](size_t k) -> char32_t { return static_cast<unsigned char>(s[i + k]); };
    switch (len = valid_length(s, i)) {
        case 1:
            return b(0);
        case 2:
            return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
        case 3:
            return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
        case 4:
            return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) |
                   (b(3) & 0x3F);
        default:
            len = 1;
            return kReplacement;
    }
}

// The code point that ends at s[end] (exclusive) and its length; U+FFFD and 1 if none does.
inline char32_t decode_before(std::string_view s, size_t end, size_t& len) {
    size_t start = end;
    // Walk back over at most three continuation bytes to the lead byte.
    while (start > 0 && end - start < 4) {
        --start;
        if ((static_cast<unsigned char>(s[start]) & 0xC0) != 0x80) break;
    }
    size_t n = 0;
    const char32_t cp = decode(s, start, n);
    if (start + n != end) return len = 1, kReplacement;
    len = n;
    return cp;
}

// Where to cut s at or before byte i without splitting a sequence: i itself when a code point
// starts there (or i >= s.size(): s.size()), else the start of the one holding it. Walks back
// at most three bytes, so stray continuation bytes cannot make it walk far.
inline size_t floor_boundary(std::string_view s, size_t i) {
    if (i >= s.size()) return s.size();
    for (int k = 0; k < 3 && i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80; ++k) --i;
    return i;
}

inline void append(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

// Every code point of s (invalid bytes as U+FFFD, one each).
inline std::u32string decode_all(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (size_t i = 0, n = 0; i < s.size(); i += n) out.push_back(decode(s, i, n));
    return out;
}

}  // namespace bm::utf8
