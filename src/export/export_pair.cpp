#include "export/export_pair.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "export/compose.h"
#include "export/png.h"

namespace bm::exporter {

namespace fs = std::filesystem;

void remove_stale_temps(const std::string& path) {
    const fs::path p(resolve_symlinks(path));
    const std::string prefix = p.filename().string() + ".tmp-";
    std::error_code ec;
    const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() != prefix.size() + 6 || !name.starts_with(prefix)) continue;
        std::error_code e2;
        if (it->is_regular_file(e2)) fs::remove(it->path(), e2);
    }
}

bool write_export_pair(const std::string& png_path, std::string png, std::string recipe,
                       Problem* problem) {
    std::string with_recipe = add_png_itxt(std::move(png), kRecipeKey, recipe);
    if (with_recipe.empty()) {
        if (problem) *problem = error("write image", png_path, "", "PNG encoding failed");
        return false;
    }
    // The sidecar is the recipe plus the image's checksum: appended as the last member so the
    // recipe's own text (and key order) stays as it is in the PNG.
    const size_t close = recipe.find_last_of('}');
    if (close == std::string::npos) {
        if (problem) *problem = error("write sidecar", sidecar_path(png_path), "", "no recipe");
        return false;
    }
    recipe.insert(close, ",\n  \"png_sha256\": \"" + sha256_hex(with_recipe) + "\"\n");
    // Trim the newline dump(2) left before the brace we appended after.
    if (const size_t nl = recipe.rfind("\n,\n  \"png_sha256\""); nl != std::string::npos)
        recipe.erase(nl, 1);
    remove_stale_temps(png_path);
    remove_stale_temps(sidecar_path(png_path));
    // The image first: from here on it reproduces itself; the sidecar that follows matches it.
    if (!write_file_atomic(png_path, with_recipe, problem)) return false;
    return write_file_atomic(sidecar_path(png_path), recipe, problem);
}

bool read_recipe(const std::string& path, std::string& json, Problems& warnings, Problem* problem) {
    std::string bytes;
    if (!read_file(path, bytes, problem, size_t(512) << 20)) return false;
    if (bytes.starts_with("\x89PNG\r\n\x1a\n")) {
        if (!find_png_itxt(bytes, kRecipeKey, json)) {
            if (problem)
                *problem = error("read sidecar", path, "",
                                 "a PNG without a briefmap recipe (not exported by this "
                                 "briefmap, or damaged); give its .json sidecar instead");
            return false;
        }
        return true;
    }
    json = std::move(bytes);
    // The image the sidecar was written with: compare checksums when both are known.
    auto j = nlohmann::json::parse(json, nullptr, false);
    if (!j.is_object() || !j.contains("png_sha256") || !j["png_sha256"].is_string() ||
        !j.contains("image") || !j["image"].is_string())
        return true;  // an older sidecar (no checksum), or malformed: options_from_sidecar says
    const std::string image = j["image"].get<std::string>();
    if (image.empty() || image.find('/') != std::string::npos || image == "." || image == "..")
        return true;
    const fs::path png = fs::path(path).parent_path() / image;
    std::error_code ec;
    if (!fs::exists(png, ec)) {
        warnings.push_back(warning("read sidecar", path, "image",
                                   png.string() + " not found beside it; not checked"));
        return true;
    }
    if (sha256_path(png.string()) != j["png_sha256"].get<std::string>()) {
        if (problem)
            *problem = error("read sidecar", path, "png_sha256",
                             png.string() +
                                 " is not the image this sidecar was written with (an export "
                                 "interrupted between the two files, or the image replaced); "
                                 "reproduce from the image itself: --from " +
                                 png.string());
        return false;
    }
    return true;
}

}  // namespace bm::exporter
