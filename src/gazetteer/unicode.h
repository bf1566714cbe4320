#pragma once
// Just enough Unicode for place names in Latin (all of Latin Extended), Greek, Cyrillic and
// Armenian script: decoding, letter/word classification and simple (one to one) case mapping from
// a table generated from the Unicode data (make_case_table.py). Deliberately small: the
// corpus is UTF-8-validated by the reader, so decoding here never sees malformed input it must
// report (it still never reads out of bounds).
#include <cstdint>
#include <string>
#include <string_view>

#include "common/utf8.h"

namespace bm::gazetteer::uni {

// Decoding is the program's one decoder (common/utf8.h), under the names the linker uses.
using utf8::decode;         // the code point at s[i]; `len` its byte length (1 for a bad byte)
using utf8::decode_before;  // the code point ending just before s[end]
inline void append_utf8(std::string& out, char32_t cp) {
    utf8::append(out, cp);
}

// Letters and digits of any script count as word characters; punctuation, spaces, symbols,
// dashes and quotes (ASCII, Latin-1 and the U+2000 block) do not.
bool is_word(char32_t cp);
bool is_upper(char32_t cp);
bool is_lower(char32_t cp);
char32_t to_lower(char32_t cp);
char32_t to_upper(char32_t cp);

}  // namespace bm::gazetteer::uni
