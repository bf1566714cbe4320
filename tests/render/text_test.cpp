// Text: the embedded Noto faces cover the letters the sources use, sizes scale exactly, and
// text drawn headlessly puts ink where it should.
#include "render/text.h"

#include <gtest/gtest.h>

#include "common/utf8.h"
#include "export/headless.h"
#include "render/map_renderer.h"

using namespace bm;
using render::Fonts;
using render::FontWeight;

TEST(Text, DecodesUtf8AndReplacesMalformedBytes) {
    EXPECT_EQ(utf8::decode_all("Xankəndi"), U"Xankəndi");
    EXPECT_EQ(utf8::decode_all("a\xff"
                               "b"),
              U"a\uFFFDb");
    EXPECT_EQ(utf8::decode_all("\xc3"), U"\uFFFD");            // truncated
    EXPECT_EQ(utf8::decode_all("\xc0\xaf"), U"\uFFFD\uFFFD");  // overlong
}

TEST(Text, FontsCoverQuotesDashesNbspSchwaCyrillicArmenian) {
    Fonts f;
    ASSERT_TRUE(f.ok());
    for (char32_t cp :
         {U'\u201c', U'\u201d', U'\u2018', U'\u2019', U'\u2013', U'\u2014', U'\u00a0', U'\u0259',
          U'\u018f', U'\u0416', U'\u0436', U'\u0535', U'\u0565', U'\u00a9'}) {
        EXPECT_TRUE(f.has_glyph(cp)) << std::hex << uint32_t(cp);
        EXPECT_TRUE(f.has_glyph(cp, FontWeight::Bold)) << std::hex << uint32_t(cp);
    }
}

TEST(Text, MeasuresTwiceAsWideAtTwiceTheSize) {
    Fonts f;
    const auto a = f.measure("Stepanakert / Khankendi", 13);
    const auto b = f.measure("Stepanakert / Khankendi", 26);
    EXPECT_GT(a.width, 100);
    EXPECT_NEAR(b.width / a.width, 2.0, 0.06);
    EXPECT_NEAR(b.height() / a.height(), 2.0, 0.1);
    EXPECT_GT(f.measure("Ջերմուկ", 13).width, 30);  // Armenian through the fallback face
}

TEST(Text, WrapsAtSpacesButNotAtNoBreakSpaces) {
    Fonts f;
    auto lines = f.wrap("one two three four five six", 13, FontWeight::Regular, 60);
    EXPECT_GT(lines.size(), 2u);
    for (const auto& l : lines) EXPECT_LE(f.measure(l, 13).width, 60.5f) << l;
    auto nb = f.wrap("100\u00a0km away", 13, FontWeight::Regular, 10);
    EXPECT_EQ(nb.front(), "100\u00a0km");
}

TEST(Text, DrawsInkInsideItsBoxAndAHaloAroundIt) {
    std::string err;
    auto ctx = exporter::HeadlessContext::create(&err);
    ASSERT_TRUE(ctx) << err;
    exporter::OffscreenTarget t;
    ASSERT_TRUE(t.create(300, 60, &err)) << err;
    t.bind();
    glClearColor(0.5f, 0.5f, 0.5f, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    render::TextRenderer tr;
    ASSERT_TRUE(tr.init());
    render::TextRenderer::Run run;
    run.px = 24;
    run.color = {0, 0, 0, 1};
    run.halo = 2;
    run.halo_color = {1, 1, 1, 1};
    const float w = tr.add("Xankəndi Ջերմուկ", 10, 40, run);
    tr.flush({0, 0, 300, 60}, 60);
    auto px = t.read_rgba();
    int black = 0, white = 0, outside = 0;
    for (int y = 0; y < 60; ++y)
        for (int x = 0; x < 300; ++x) {
            const uint8_t v = px[(size_t(y) * 300 + size_t(x)) * 4];
            const bool inside = x >= 6 && x <= 14 + int(w) && y >= 8 && y <= 52;
            if (v < 40) ++black;
            if (v > 220) ++white;
            if (!inside && v != 128 && v != 127) ++outside;
        }
    EXPECT_GT(black, 200);
    EXPECT_GT(white, 200);
    EXPECT_EQ(outside, 0);
}
