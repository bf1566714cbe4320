#pragma once
// A bounded walk of a folder that never throws: error_code forms of std::filesystem only,
// symbolic links to folders not followed (no loops), kernel folders (/proc, /sys, /dev) not
// entered, at most `max_files` regular files and `max_depth` levels.
#include <cstddef>
#include <string>
#include <vector>

namespace bm {

struct WalkLimits {
    size_t max_files = 10'000;
    int max_depth = 16;
};

// The regular files under `dir` (names relative to it, sorted). False, with *why, when the
// folder cannot be read or holds more than the limits allow; `out` then holds what was found.
bool list_files(const std::string& dir, std::vector<std::string>& out, std::string* why = nullptr,
                WalkLimits limits = {});

}  // namespace bm
