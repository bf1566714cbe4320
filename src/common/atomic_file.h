#pragma once
// Atomic file replacement: write to a temporary file in the same directory, fsync, rename over
// the target. A crash or SIGKILL mid-write leaves the old file intact, never a half-written one.
// Reading is bounded and never blocks: only regular files, none under /proc, /sys or /dev.
#include <cstddef>
#include <string>
#include <string_view>

#include "common/problem.h"

namespace bm {

// The largest file read_file reads by default (corpus files, sessions, sidecars): 256 MiB.
inline constexpr size_t kMaxReadBytes = size_t(256) << 20;

// Returns true on success; on failure fills *problem (if given) and leaves `path` untouched.
// When `path` is a symbolic link, the file it points to is replaced and the link kept. The
// temporary file has no name until it is complete (O_TMPFILE where the file system has it), so
// a process killed mid-write leaves nothing behind.
bool write_file_atomic(const std::string& path, std::string_view bytes, Problem* problem = nullptr);

// Creates the directories above `path` (mkdir -p of its parent).
bool make_parent_dirs(const std::string& path, Problem* problem = nullptr);

// Reads a whole file; returns false and fills *problem when it cannot: not a regular file
// (a FIFO, socket or device would block or never end), a file of the kernel's /proc or /sys,
// or larger than `max_bytes`.
bool read_file(const std::string& path, std::string& out, Problem* problem = nullptr,
               size_t max_bytes = kMaxReadBytes);

// True for paths that resolve into /proc, /sys or /dev: kernel files whose size means nothing
// and whose reads may block (/proc/kmsg) or never end.
bool is_kernel_path(const std::string& path);

// Moves an unreadable file aside to PATH.bad-YYYYMMDD-HHMMSS (a number appended when taken) so
// that writing a fresh one does not destroy it. Returns the new name, or "" (and *problem).
std::string set_aside(const std::string& path, Problem* problem = nullptr);

// Where a write to `path` lands: `path` with its symbolic links followed (at most 40).
std::string resolve_symlinks(const std::string& path);

}  // namespace bm
