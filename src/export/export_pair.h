#pragma once
// The exported pair OUT.png + OUT.json, safe against a process killed at any moment:
//  - the PNG carries its own reproduction recipe (the sidecar JSON in an iTXt chunk keyed
//    "briefmap:sidecar"), so `export --from OUT.png` always reproduces exactly that image;
//  - OUT.json is the same recipe plus "png_sha256", the SHA-256 of the PNG written with it;
//  - the PNG is written first, then the sidecar (each atomically, temporary files unnamed until
//    complete): killed between the two, the old sidecar's png_sha256 no longer matches, and
//    `--from OUT.json` refuses it with a message instead of reproducing another image;
//  - temporary files left by an older, killed briefmap (OUT.png.tmp-XXXXXX) are removed.
#include <string>
#include <string_view>

#include "common/problem.h"

namespace bm::exporter {

inline constexpr const char* kRecipeKey = "briefmap:sidecar";

// Writes `png` (with the recipe added as iTXt) to `png_path`, then the sidecar beside it.
bool write_export_pair(const std::string& png_path, std::string png, std::string recipe,
                       Problem* problem);

// The recipe JSON from a sidecar or from a PNG exported by briefmap. A sidecar whose
// png_sha256 does not match the image named beside it is refused (*problem); a missing image is
// a warning.
bool read_recipe(const std::string& path, std::string& json, Problems& warnings, Problem* problem);

// Removes NAME.tmp-XXXXXX files beside `path` (leftovers of killed atomic writes to it).
void remove_stale_temps(const std::string& path);

}  // namespace bm::exporter
