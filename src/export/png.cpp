#include "export/png.h"

#include <png.h>
#include <zlib.h>

#include <cstring>

#include "common/atomic_file.h"

namespace bm::exporter {

namespace {
void on_write(png_structp png, png_bytep data, png_size_t len) {
    static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<char*>(data), len);
}
void on_flush(png_structp) {}
}  // namespace

std::string encode_png(const uint8_t* rgba, int width, int height, bool opaque,
                       const std::vector<PngText>& text) {
    std::string out;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    if (!png || !info) {
        png_destroy_write_struct(&png, &info);
        return {};
    }
    std::vector<uint8_t> rgb;
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return {};
    }
    png_set_write_fn(png, &out, on_write, on_flush);
    png_set_compression_level(png, 1);
    png_set_compression_strategy(png, Z_RLE);  // maps are large flat areas: RLE is fast and small
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
    png_set_IHDR(png, info, png_uint_32(width), png_uint_32(height), 8,
                 opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    std::vector<png_text> chunks(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        std::memset(&chunks[i], 0, sizeof(png_text));
        chunks[i].compression = PNG_TEXT_COMPRESSION_NONE;
        chunks[i].key = const_cast<char*>(text[i].key.c_str());
        chunks[i].text = const_cast<char*>(text[i].value.c_str());
        chunks[i].text_length = text[i].value.size();
    }
    if (!chunks.empty()) png_set_text(png, info, chunks.data(), int(chunks.size()));
    png_write_info(png, info);
    const size_t stride = size_t(width) * (opaque ? 3 : 4);
    if (opaque) rgb.resize(stride);
    for (int y = 0; y < height; ++y) {
        const uint8_t* src = rgba + size_t(y) * size_t(width) * 4;
        if (opaque) {
            for (int x = 0; x < width; ++x)
                std::memcpy(&rgb[size_t(x) * 3], src + size_t(x) * 4, 3);
            png_write_row(png, rgb.data());
        } else {
            png_write_row(png, const_cast<uint8_t*>(src));
        }
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return out;
}

bool write_png(const std::string& path, const uint8_t* rgba, int width, int height, bool opaque,
               const std::vector<PngText>& text, Problem* problem) {
    std::string bytes = encode_png(rgba, width, height, opaque, text);
    if (bytes.empty()) {
        if (problem) *problem = error("write image", path, "", "PNG encoding failed");
        return false;
    }
    return write_file_atomic(path, bytes, problem);
}

bool read_png(const std::string& path, std::vector<uint8_t>& rgba, int& width, int& height,
              std::vector<PngText>* text) {
    png_image img;
    std::memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, path.c_str())) return false;
    img.format = PNG_FORMAT_RGBA;
    rgba.resize(PNG_IMAGE_SIZE(img));
    if (!png_image_finish_read(&img, nullptr, rgba.data(), 0, nullptr)) return false;
    width = int(img.width);
    height = int(img.height);
    if (text) {
        // The simplified API skips text chunks; read them with the classic API.
        text->clear();
        FILE* fp = std::fopen(path.c_str(), "rb");
        if (!fp) return true;
        png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
        png_infop info = png ? png_create_info_struct(png) : nullptr;
        if (png && info && !setjmp(png_jmpbuf(png))) {
            png_init_io(png, fp);
            png_read_info(png, info);
            png_textp t = nullptr;
            int n = png_get_text(png, info, &t, nullptr);
            for (int i = 0; i < n; ++i)
                text->push_back({t[i].key, std::string(t[i].text, t[i].text_length)});
        }
        png_destroy_read_struct(&png, &info, nullptr);
        std::fclose(fp);
    }
    return true;
}

}  // namespace bm::exporter
