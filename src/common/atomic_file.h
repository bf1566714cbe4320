#pragma once
// Atomic file replacement: write to a temporary file in the same directory, fsync, rename over
// the target. A crash or SIGKILL mid-write leaves the old file intact, never a half-written one.
#include <string>
#include <string_view>

#include "common/problem.h"

namespace bm {

// Returns true on success; on failure fills *problem (if given) and leaves `path` untouched.
bool write_file_atomic(const std::string& path, std::string_view bytes, Problem* problem = nullptr);

// Creates the directories above `path` (mkdir -p of its parent).
bool make_parent_dirs(const std::string& path, Problem* problem = nullptr);

// Reads a whole file; returns false and fills *problem when it cannot.
bool read_file(const std::string& path, std::string& out, Problem* problem = nullptr);

}  // namespace bm
