#include "common/resources.h"

#include <cpl_vsi.h>

#include <algorithm>
#include <mutex>

namespace bm::detail {
struct EmbeddedFile {
    const char* name;
    const char* begin;
    const char* end;
};
extern const EmbeddedFile kEmbedded[];
}  // namespace bm::detail

namespace bm {

std::optional<std::string_view> resource(std::string_view name) {
    for (const auto* f = detail::kEmbedded; f->name; ++f)
        if (name == f->name) return std::string_view(f->begin, size_t(f->end - f->begin));
    return std::nullopt;
}

std::vector<std::string> resource_names(std::string_view prefix) {
    std::vector<std::string> out;
    for (const auto* f = detail::kEmbedded; f->name; ++f)
        if (std::string_view(f->name).starts_with(prefix)) out.emplace_back(f->name);
    std::sort(out.begin(), out.end());
    return out;
}

std::string resource_vsi_path(std::string_view name) {
    auto bytes = resource(name);
    if (!bytes) return {};
    std::string path = "/vsimem/briefmap/" + std::string(name);
    static std::mutex m;
    std::lock_guard lock(m);
    VSIStatBufL st;
    if (VSIStatL(path.c_str(), &st) != 0) {
        // Read-only use: GDAL never writes through this handle, so the const_cast is safe.
        auto* data = reinterpret_cast<GByte*>(const_cast<char*>(bytes->data()));
        VSILFILE* fp = VSIFileFromMemBuffer(path.c_str(), data, vsi_l_offset(bytes->size()), FALSE);
        if (!fp) return {};
        VSIFCloseL(fp);
    }
    return path;
}

}  // namespace bm
