#pragma once
// PNG writing through libpng with fast settings (zlib level 1, no row filters: encoding a 4K
// map takes a fraction of stb_image_write's time) and tEXt chunks; written atomically.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/problem.h"

namespace bm::exporter {

struct PngText {
    std::string key, value;  // e.g. "Title", "Source", "Software", "Creation Time"
};

// Encodes top-to-bottom RGBA8 rows into PNG bytes (RGB when `opaque`).
std::string encode_png(const uint8_t* rgba, int width, int height, bool opaque,
                       const std::vector<PngText>& text = {});

// encode_png + write_file_atomic.
bool write_png(const std::string& path, const uint8_t* rgba, int width, int height, bool opaque,
               const std::vector<PngText>& text, Problem* problem);

// Decodes a PNG into RGBA8 rows (for tests and --from round trips). False on error.
bool read_png(const std::string& path, std::vector<uint8_t>& rgba, int& width, int& height,
              std::vector<PngText>* text = nullptr);

}  // namespace bm::exporter
