#pragma once
// Files embedded into the binary at build time (cmake/Embed.cmake): shaders, fonts, the default
// GeoPackage and corpus. Names are "shaders/map.vert", "fonts/NotoSans-Regular.ttf",
// "assets/briefmap.gpkg", "corpus/<file>.txt".
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bm {

// The bytes of an embedded file, or nullopt when no such file was embedded.
std::optional<std::string_view> resource(std::string_view name);

// Names of embedded files starting with prefix, sorted.
std::vector<std::string> resource_names(std::string_view prefix = {});

// A GDAL-openable path (/vsimem/...) for an embedded file; "" when not embedded. The memory file
// references the embedded bytes without copying.
std::string resource_vsi_path(std::string_view name);

}  // namespace bm
