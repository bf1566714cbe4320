// The program's one UTF-8 decoder (common/utf8.h): strict decoding, and the cut points the
// paragraph limit and the export's ellipsis use. tests/build/one_utf8_decoder.cmake checks that
// no other file of src/ decodes UTF-8 by hand.
#include "common/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace bm {
namespace {

TEST(Utf8, DecodesEachLengthAndRejectsWhatIsNotUtf8) {
    size_t n = 0;
    EXPECT_EQ(utf8::decode("A", 0, n), U'A');
    EXPECT_EQ(n, 1u);
    EXPECT_EQ(utf8::decode("\xC3\xA9", 0, n), U'\u00E9');  // é
    EXPECT_EQ(n, 2u);
    EXPECT_EQ(utf8::decode("\xD5\x80", 0, n), U'\u0540');  // Armenian Հ
    EXPECT_EQ(n, 2u);
    EXPECT_EQ(utf8::decode("\xE2\x80\x93", 0, n), U'\u2013');  // en dash
    EXPECT_EQ(n, 3u);
    EXPECT_EQ(utf8::decode("\xF0\x9F\x97\xBA", 0, n), U'\U0001F5FA');  // world map
    EXPECT_EQ(n, 4u);
    for (const char* bad : {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                            "\xE2\x80", "\x80", "\xFF"}) {
        EXPECT_EQ(utf8::decode(bad, 0, n), utf8::kReplacement) << bad;
        EXPECT_EQ(n, 1u) << bad;  // one byte, so callers always advance
    }
}

TEST(Utf8, DecodesBackwards) {
    const std::string s = "a\xC3\xA9";
    size_t n = 0;
    EXPECT_EQ(utf8::decode_before(s, s.size(), n), U'\u00E9');
    EXPECT_EQ(n, 2u);
    EXPECT_EQ(utf8::decode_before(s, 1, n), U'a');
    EXPECT_EQ(utf8::decode_before("\xA9", 1, n), utf8::kReplacement);
}

TEST(Utf8, FloorBoundaryNeverSplitsASequence) {
    const std::string s = "x\xE2\x80\x93y";  // x, en dash, y
    EXPECT_EQ(utf8::floor_boundary(s, 0), 0u);
    EXPECT_EQ(utf8::floor_boundary(s, 1), 1u);
    EXPECT_EQ(utf8::floor_boundary(s, 2), 1u);
    EXPECT_EQ(utf8::floor_boundary(s, 3), 1u);
    EXPECT_EQ(utf8::floor_boundary(s, 4), 4u);
    EXPECT_EQ(utf8::floor_boundary(s, 99), s.size());
    // Stray continuation bytes: at most three steps back, so garbage cannot make it walk far.
    const std::string junk(10, '\x80');
    EXPECT_EQ(utf8::floor_boundary(junk, 9), 6u);
}

}  // namespace
}  // namespace bm
