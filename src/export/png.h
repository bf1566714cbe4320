#pragma once
// PNG writing with fast settings (SUB filter, zlib level 1 run-length, the rows deflated in bands
// on every core and joined into one stream; libpng writes the container and tEXt chunks);
// written atomically.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/problem.h"

namespace bm::exporter {

struct PngText {
    std::string key, value;  // e.g. "Title", "Source", "Software", "Creation Time"
};

// Encodes RGBA8 rows into PNG bytes (RGB when `opaque`); the rows run top to bottom, or bottom
// to top with `bottom_up` (as glReadPixels returns them). Empty on failure.
std::string encode_png(const uint8_t* rgba, int width, int height, bool opaque,
                       const std::vector<PngText>& text = {}, bool bottom_up = false);

// Reads `count` top-to-bottom RGBA8 rows starting at row `first` into `dst` (count * width * 4
// bytes): e.g. straight from a framebuffer. Called only on the thread that calls encode_png.
using RowSource = std::function<void(int first, int count, uint8_t* dst)>;
// The same encoding from rows read band by band, so the image never needs to be in memory whole.
std::string encode_png(const RowSource& read, int width, int height, bool opaque,
                       const std::vector<PngText>& text = {});

// Inserts a zlib-compressed iTXt chunk (`key`, UTF-8 `text`) before IEND of encoded PNG bytes;
// "" when `png` does not end in IEND. PNG allows text after the image data, so the text can be
// made while the image encodes.
std::string add_png_itxt(std::string png, const std::string& key, std::string_view text);
// Finds the iTXt chunk `key` in PNG bytes (CRC checked, inflated with a 64 MiB cap).
bool find_png_itxt(std::string_view png, const std::string& key, std::string& text);

// encode_png + write_file_atomic.
bool write_png(const std::string& path, const uint8_t* rgba, int width, int height, bool opaque,
               const std::vector<PngText>& text, Problem* problem);

// Decodes a PNG into RGBA8 rows (for tests and --from round trips). False on error.
bool read_png(const std::string& path, std::vector<uint8_t>& rgba, int& width, int& height,
              std::vector<PngText>* text = nullptr);

}  // namespace bm::exporter
