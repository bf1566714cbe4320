// PNG encoding: the bands deflated on several threads must join into one valid zlib stream
// that decodes to exactly the pixels given, for RGB and RGBA, top-down and bottom-up rows.
#include "export/png.h"

#include <gtest/gtest.h>
#include <png.h>

#include <cstring>
#include <filesystem>
#include <random>

using namespace bm;

namespace {

// A map-like test picture: flat areas, sharp edges, a gradient and noise, so every band has
// runs and literals.
std::vector<uint8_t> picture(int w, int h, bool opaque, unsigned seed) {
    std::mt19937 rng(seed);
    std::vector<uint8_t> px(size_t(w) * size_t(h) * 4);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            uint8_t* p = &px[(size_t(y) * size_t(w) + size_t(x)) * 4];
            const bool land = (x * 7 + y * 3) % 97 < 60;
            p[0] = land ? 230 : uint8_t(x % 256);
            p[1] = land ? 220 : uint8_t(y % 256);
            p[2] = (x / 5 + y / 3) % 11 == 0 ? uint8_t(rng()) : 180;
            p[3] = opaque ? 255 : uint8_t((x + y) % 256);
        }
    return px;
}

// Decodes with libpng's simplified API from memory.
bool decode(const std::string& bytes, std::vector<uint8_t>& rgba, int& w, int& h) {
    png_image img;
    std::memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&img, bytes.data(), bytes.size())) return false;
    img.format = PNG_FORMAT_RGBA;
    rgba.resize(PNG_IMAGE_SIZE(img));
    if (!png_image_finish_read(&img, nullptr, rgba.data(), 0, nullptr)) return false;
    w = int(img.width);
    h = int(img.height);
    return true;
}

std::vector<uint8_t> flipped(const std::vector<uint8_t>& px, int w, int h) {
    std::vector<uint8_t> out(px.size());
    const size_t row = size_t(w) * 4;
    for (int y = 0; y < h; ++y)
        std::memcpy(&out[size_t(h - 1 - y) * row], &px[size_t(y) * row], row);
    return out;
}

}  // namespace

TEST(Png, RoundTripsExactlyAcrossBandsRgbAndRgba) {
    // Heights below one band, at band boundaries, and many bands; odd widths.
    for (auto [w, h] : {std::pair{1, 1}, {3, 63}, {17, 64}, {31, 65}, {200, 1000}, {1001, 777}})
        for (bool opaque : {true, false}) {
            SCOPED_TRACE(std::to_string(w) + "x" + std::to_string(h) + (opaque ? " RGB" : " RGBA"));
            const std::vector<uint8_t> px = picture(w, h, opaque, unsigned(w * h));
            const std::string bytes = exporter::encode_png(px.data(), w, h, opaque);
            ASSERT_FALSE(bytes.empty());
            std::vector<uint8_t> back;
            int bw = 0, bh = 0;
            ASSERT_TRUE(decode(bytes, back, bw, bh));
            ASSERT_EQ(bw, w);
            ASSERT_EQ(bh, h);
            EXPECT_TRUE(back == px) << "decoded pixels differ";
        }
}

TEST(Png, BottomUpRowsAreWrittenTopDown) {
    const int w = 123, h = 401;
    const std::vector<uint8_t> px = picture(w, h, true, 7);
    const std::vector<uint8_t> gl_order = flipped(px, w, h);  // as glReadPixels returns it
    const std::string bytes = exporter::encode_png(gl_order.data(), w, h, true, {}, true);
    std::vector<uint8_t> back;
    int bw = 0, bh = 0;
    ASSERT_TRUE(decode(bytes, back, bw, bh));
    EXPECT_TRUE(back == px);
    // And the same bytes as encoding the top-down rows.
    EXPECT_EQ(bytes, exporter::encode_png(px.data(), w, h, true));
}

TEST(Png, TextChunksSurviveAndFlatImagesCompressHard) {
    const int w = 3840, h = 300;
    std::vector<uint8_t> px(size_t(w) * h * 4, 200);
    for (size_t i = 3; i < px.size(); i += 4) px[i] = 255;  // opaque: RGB is written
    const std::string dir = testing::TempDir();
    const std::string path = dir + "/png_test_flat.png";
    Problem p;
    ASSERT_TRUE(exporter::write_png(path, px.data(), w, h, true,
                                    {{"Title", "Flat \u2014 test"}, {"Software", "briefmap"}}, &p))
        << p.to_string();
    EXPECT_LT(std::filesystem::file_size(path), 40000u);  // 3.4 MB of one colour
    std::vector<uint8_t> back;
    std::vector<exporter::PngText> text;
    int bw = 0, bh = 0;
    ASSERT_TRUE(exporter::read_png(path, back, bw, bh, &text));
    EXPECT_TRUE(back == px);
    ASSERT_EQ(text.size(), 2u);
    EXPECT_EQ(text[0].key, "Title");
    EXPECT_EQ(text[0].value, "Flat \u2014 test");
    std::filesystem::remove(path);
}

TEST(Png, RowsReadBandByBandEncodeLikeAnImageInMemory) {
    for (auto [w, h] : {std::pair{5, 7}, {640, 1001}, {1000, 4096}}) {
        const std::vector<uint8_t> px = picture(w, h, true, 3);
        int calls = 0, next = 0;
        bool in_order = true;
        const exporter::RowSource read = [&](int first, int count, uint8_t* dst) {
            ++calls;
            in_order = in_order && first == next;
            next = first + count;
            std::memcpy(dst, &px[size_t(first) * size_t(w) * 4], size_t(count) * size_t(w) * 4);
        };
        EXPECT_EQ(exporter::encode_png(read, w, h, true),
                  exporter::encode_png(px.data(), w, h, true))
            << w << "x" << h;
        EXPECT_TRUE(in_order);
        EXPECT_EQ(next, h);
        if (h >= 4096) {
            EXPECT_GT(calls, 4);  // really band by band
        }
    }
}
