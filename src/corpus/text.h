#pragma once
// Small UTF-8 text helpers shared by the corpus reader (internal to src/corpus).
#include <string>
#include <string_view>
#include <vector>

namespace bm::corpus::text {

// Strips ASCII white space and the Unicode spaces the seed articles carry (U+00A0, U+200B,
// U+202F, U+FEFF) from both ends.
std::string_view trim(std::string_view s);

// For metadata (titles, outlets): non-breaking and other odd spaces become ' ', runs collapse.
std::string normalize_spaces(std::string_view s);

// Splits on '\n' (input is already sanitized: no CR).
std::vector<std::string_view> split_lines(std::string_view s);

// True when the first 64 KiB are mostly not UTF-8 text: over a quarter of the bytes are NULs,
// control characters (other than tab, LF, CR, FF) or invalid UTF-8. Implemented in utf8.cpp.
bool looks_binary(std::string_view bytes);

bool starts_with_icase(std::string_view s, std::string_view prefix);
bool equals_icase(std::string_view a, std::string_view b);
bool contains_icase(std::string_view s, std::string_view needle);

}  // namespace bm::corpus::text
