#include "export/png.h"

#include <libdeflate.h>
#include <png.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "common/atomic_file.h"

namespace bm::exporter {

namespace {
void on_write(png_structp png, png_bytep data, png_size_t len) {
    static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<char*>(data), len);
}
void on_flush(png_structp) {}

// One band of rows, filtered (SUB) and deflated on its own: a raw deflate stream that ends on a
// byte boundary (Z_SYNC_FLUSH) unless it is the last, so the bands concatenate into one valid
// zlib stream (as pigz does); each band's Adler-32 is combined afterwards.
struct Band {
    int y0 = 0, y1 = 0;
    bool last = false;
    std::string out{};
    uLong adler = 1;
    size_t raw = 0;  // uncompressed bytes (filter bytes included)
    bool ok = false;
};

// One per thread: the z_stream and the filtered rows are reused from band to band, because
// allocating (and the kernel zeroing) fresh buffers per band cost more than deflating them.
class BandEncoder {
  public:
    BandEncoder(int width, bool opaque)
        : width_(width),
          ch_(opaque ? 3 : 4),
          row_bytes_(1 + size_t(width) * size_t(ch_)),
          rows_(row_bytes_ * kRowsPerCall) {
        // Level 1 with run-length matching only: maps are large flat areas and RLE is zlib's
        // fastest strategy.
        ok_ = deflateInit2(&z_, 1, Z_DEFLATED, -15, 8, Z_RLE) == Z_OK;
    }
    ~BandEncoder() {
        if (ok_) deflateEnd(&z_);
    }
    BandEncoder(const BandEncoder&) = delete;
    BandEncoder& operator=(const BandEncoder&) = delete;

    // `first`: the band's top row of RGBA pixels; `stride`: bytes from a row to the one below
    // (negative for bottom-up memory).
    void encode(Band& b, const uint8_t* first, ptrdiff_t stride) {
        if (!ok_ || deflateReset(&z_) != Z_OK) return;
        // Maps compress ~20:1; the buffer grows when a band is busier than that.
        b.out.resize(std::max<size_t>(4096, row_bytes_ * size_t(b.y1 - b.y0) / 16));
        size_t used = 0;
        for (int y = b.y0; y < b.y1; y += kRowsPerCall) {
            const int n = std::min(kRowsPerCall, b.y1 - y);
            for (int r = 0; r < n; ++r)
                filter_row(first + (y - b.y0 + r) * stride, rows_.data() + size_t(r) * row_bytes_);
            const size_t len = row_bytes_ * size_t(n);
            b.adler =
                libdeflate_adler32(uint32_t(b.adler), rows_.data(), len);  // SIMD: ~10x zlib's
            b.raw += len;
            z_.next_in = rows_.data();
            z_.avail_in = uInt(len);
            const bool end = y + n >= b.y1;
            const int flush = end ? (b.last ? Z_FINISH : Z_SYNC_FLUSH) : Z_NO_FLUSH;
            for (;;) {
                if (used == b.out.size()) b.out.resize(b.out.size() * 2);
                z_.next_out = reinterpret_cast<Bytef*>(b.out.data() + used);
                z_.avail_out = uInt(b.out.size() - used);
                const int rc = deflate(&z_, flush);
                used = b.out.size() - z_.avail_out;
                if (rc == Z_STREAM_ERROR) return;
                if (rc == Z_STREAM_END) break;
                // Done with this input when it is consumed and the flush left room to spare.
                if (z_.avail_in == 0 && z_.avail_out != 0) break;
            }
        }
        b.out.resize(used);
        b.ok = true;
    }

  private:
    static constexpr int kRowsPerCall = 16;  // filter a few rows, then deflate them: in cache

    // SUB filter: each byte minus the same channel of the pixel to its left; RGBA -> RGB.
    void filter_row(const uint8_t* src, uint8_t* dst) const {
        *dst++ = 1;
        uint8_t pr = 0, pg = 0, pb = 0, pa = 0;
        if (ch_ == 3) {
            for (int x = 0; x < width_; ++x, src += 4, dst += 3) {
                dst[0] = uint8_t(src[0] - pr);
                dst[1] = uint8_t(src[1] - pg);
                dst[2] = uint8_t(src[2] - pb);
                pr = src[0], pg = src[1], pb = src[2];
            }
        } else {
            for (int x = 0; x < width_; ++x, src += 4, dst += 4) {
                dst[0] = uint8_t(src[0] - pr);
                dst[1] = uint8_t(src[1] - pg);
                dst[2] = uint8_t(src[2] - pb);
                dst[3] = uint8_t(src[3] - pa);
                pr = src[0], pg = src[1], pb = src[2], pa = src[3];
            }
        }
    }

    int width_, ch_;
    size_t row_bytes_;
    std::vector<uint8_t> rows_;
    z_stream z_{};
    bool ok_ = false;
};

std::vector<Band> make_bands(int height, int threads) {
    // A few bands per core, pulled from a queue, so a band with more detail (legend,
    // citations) does not hold the others up.
    const int rows_per_band = std::max(64, (height + threads * 4 - 1) / (threads * 4));
    std::vector<Band> bands;
    for (int y = 0; y < height; y += rows_per_band)
        bands.push_back({y, std::min(height, y + rows_per_band)});
    bands.back().last = true;
    return bands;
}

int encoder_threads() {
    return int(std::clamp(std::thread::hardware_concurrency(), 1u, 8u));
}

std::string png_container(const std::vector<Band>& bands, int width, int height, bool opaque,
                          const std::vector<PngText>& text);
}  // namespace

std::string encode_png(const uint8_t* rgba, int width, int height, bool opaque,
                       const std::vector<PngText>& text, bool bottom_up) {
    if (width <= 0 || height <= 0) return {};
    const int threads = encoder_threads();
    std::vector<Band> bands = make_bands(height, threads);
    const ptrdiff_t row = ptrdiff_t(width) * 4;
    std::atomic<size_t> next{0};
    auto work = [&] {
        BandEncoder enc(width, opaque);
        for (size_t i; (i = next.fetch_add(1)) < bands.size();) {
            const Band& b = bands[i];
            const uint8_t* first = rgba + (bottom_up ? height - 1 - b.y0 : b.y0) * row;
            enc.encode(bands[i], first, bottom_up ? -row : row);
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < std::min(threads, int(bands.size())); ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    return png_container(bands, width, height, opaque, text);
}

std::string encode_png(const RowSource& read, int width, int height, bool opaque,
                       const std::vector<PngText>& text) {
    if (width <= 0 || height <= 0) return {};
    const int threads = encoder_threads();
    std::vector<Band> bands = make_bands(height, threads);
    const size_t row = size_t(width) * 4;
    // Bands go through a few reused buffers: the calling thread reads a band into a free one
    // (or, when none is free, deflates a waiting band itself), the other threads deflate.
    const size_t band_bytes = size_t(bands[0].y1 - bands[0].y0) * row;
    std::vector<std::unique_ptr<uint8_t[]>> buffers(size_t(threads) + 1);
    std::vector<size_t> free_buffers;
    for (size_t i = 0; i < buffers.size(); ++i) {
        buffers[i].reset(new uint8_t[band_bytes]);
        free_buffers.push_back(i);
    }
    std::mutex m;
    std::condition_variable cv;
    std::deque<std::pair<size_t, size_t>> ready;  // (band, buffer)
    bool all_read = false;
    auto deflate_one = [&](BandEncoder& enc, std::pair<size_t, size_t> job) {
        enc.encode(bands[job.first], buffers[job.second].get(), ptrdiff_t(row));
        std::lock_guard lock(m);
        free_buffers.push_back(job.second);
        cv.notify_all();
    };
    auto worker = [&] {
        BandEncoder enc(width, opaque);
        for (;;) {
            std::unique_lock lock(m);
            cv.wait(lock, [&] { return !ready.empty() || all_read; });
            if (ready.empty()) return;
            auto job = ready.front();
            ready.pop_front();
            lock.unlock();
            deflate_one(enc, job);
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < std::min(threads, int(bands.size())); ++t) pool.emplace_back(worker);
    {
        BandEncoder enc(width, opaque);
        for (size_t i = 0; i < bands.size(); ++i) {
            std::unique_lock lock(m);
            while (free_buffers.empty()) {
                if (ready.empty()) {
                    cv.wait(lock);
                    continue;
                }
                auto job = ready.front();
                ready.pop_front();
                lock.unlock();
                deflate_one(enc, job);
                lock.lock();
            }
            const size_t buf = free_buffers.back();
            free_buffers.pop_back();
            lock.unlock();
            read(bands[i].y0, bands[i].y1 - bands[i].y0, buffers[buf].get());
            lock.lock();
            ready.emplace_back(i, buf);
            cv.notify_all();
        }
        std::unique_lock lock(m);
        all_read = true;
        cv.notify_all();
        while (!ready.empty()) {
            auto job = ready.front();
            ready.pop_front();
            lock.unlock();
            deflate_one(enc, job);
            lock.lock();
        }
    }
    for (auto& t : pool) t.join();
    return png_container(bands, width, height, opaque, text);
}

namespace {
std::string png_container(const std::vector<Band>& bands, int width, int height, bool opaque,
                          const std::vector<PngText>& text) {
    std::string idat = {'\x78', '\x01'};  // zlib header: deflate, 32K window, fastest
    uLong adler = 1;
    for (const Band& b : bands) {
        if (!b.ok) return {};
        idat += b.out;
        adler = adler32_combine(adler, b.adler, z_off_t(b.raw));
    }
    for (int shift = 24; shift >= 0; shift -= 8) idat += char((adler >> shift) & 0xff);

    // The container (signature, IHDR, text chunks, IDAT, IEND and their CRCs) through libpng.
    std::string out;
    out.reserve(idat.size() + 4096);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    if (!png || !info) {
        png_destroy_write_struct(&png, &info);
        return {};
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return {};
    }
    png_set_write_fn(png, &out, on_write, on_flush);
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
    // libpng writes IDAT only from rows it compresses itself; the ready stream goes in as raw
    // chunks (at most 1 MiB each, like other encoders), then IEND.
    constexpr size_t kChunk = size_t(1) << 20;
    for (size_t off = 0; off < idat.size(); off += kChunk)
        png_write_chunk(png, reinterpret_cast<png_const_bytep>("IDAT"),
                        reinterpret_cast<png_const_bytep>(idat.data() + off),
                        std::min(kChunk, idat.size() - off));
    png_write_chunk(png, reinterpret_cast<png_const_bytep>("IEND"), nullptr, 0);
    png_destroy_write_struct(&png, &info);
    return out;
}
}  // namespace

namespace {
void put_u32(std::string& s, uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) s += char((v >> shift) & 0xff);
}
uint32_t get_u32(std::string_view s, size_t at) {
    return uint32_t(uint8_t(s[at])) << 24 | uint32_t(uint8_t(s[at + 1])) << 16 |
           uint32_t(uint8_t(s[at + 2])) << 8 | uint32_t(uint8_t(s[at + 3]));
}
constexpr std::string_view kSignature("\x89PNG\r\n\x1a\n", 8);
}  // namespace

std::string add_png_itxt(std::string png, const std::string& key, std::string_view text) {
    // IEND is the last 12 bytes of what png_container writes.
    if (png.size() < 8 + 12 || png.compare(png.size() - 8, 4, "IEND") != 0) return {};
    uLongf zlen = compressBound(uLong(text.size()));
    std::string z(zlen, '\0');
    if (compress2(reinterpret_cast<Bytef*>(z.data()), &zlen,
                  reinterpret_cast<const Bytef*>(text.data()), uLong(text.size()), 6) != Z_OK)
        return {};
    z.resize(zlen);
    // iTXt: keyword, NUL, compression flag 1 and method 0 (zlib), empty language tag and
    // translated keyword (NUL each), the compressed UTF-8 text.
    std::string data = key;
    data += '\0';
    data += '\x01';
    data += '\0';
    data += '\0';
    data += '\0';
    data += z;
    std::string chunk;
    put_u32(chunk, uint32_t(data.size()));
    chunk += "iTXt";
    chunk += data;
    put_u32(chunk,
            uint32_t(crc32(crc32(0, nullptr, 0), reinterpret_cast<const Bytef*>(chunk.data() + 4),
                           uInt(chunk.size() - 4))));
    png.insert(png.size() - 12, chunk);
    return png;
}

bool find_png_itxt(std::string_view png, const std::string& key, std::string& text) {
    if (!png.starts_with(kSignature)) return false;
    for (size_t at = 8; at + 12 <= png.size();) {
        const uint32_t len = get_u32(png, at);
        if (len > png.size() - at - 12) return false;  // truncated
        const std::string_view type = png.substr(at + 4, 4);
        const std::string_view data = png.substr(at + 8, len);
        const uint32_t crc = get_u32(png, at + 8 + len);
        if (type == "IEND") return false;
        if (type == "iTXt" && data.size() > key.size() + 5 && data.starts_with(key) &&
            data[key.size()] == '\0') {
            if (uint32_t(crc32(crc32(0, nullptr, 0),
                               reinterpret_cast<const Bytef*>(png.data() + at + 4),
                               uInt(len + 4))) != crc)
                return false;
            const bool compressed = data[key.size() + 1] == '\x01';
            size_t p = key.size() + 3;
            for (int nul = 0; nul < 2 && p < data.size(); ++p)  // language tag, translated key
                if (data[p] == '\0') ++nul;
            const std::string_view body = data.substr(std::min(p, data.size()));
            if (!compressed) {
                text.assign(body);
                return true;
            }
            // Inflate with a cap: the recipe is a few hundred KiB, never gigabytes.
            z_stream zs{};
            if (inflateInit(&zs) != Z_OK) return false;
            zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
            zs.avail_in = uInt(body.size());
            std::string out;
            char buf[1 << 15];
            int rc = Z_OK;
            while (rc == Z_OK && out.size() < (size_t(64) << 20)) {
                zs.next_out = reinterpret_cast<Bytef*>(buf);
                zs.avail_out = sizeof buf;
                rc = inflate(&zs, Z_NO_FLUSH);
                out.append(buf, sizeof buf - zs.avail_out);
            }
            inflateEnd(&zs);
            if (rc != Z_STREAM_END) return false;
            text = std::move(out);
            return true;
        }
        at += 12 + size_t(len);
    }
    return false;
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
