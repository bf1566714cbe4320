#include "common/file_walk.h"

#include <algorithm>
#include <filesystem>

#include "common/atomic_file.h"

namespace bm {

bool list_files(const std::string& dir, std::vector<std::string>& out, std::string* why,
                WalkLimits limits) {
    namespace fs = std::filesystem;
    out.clear();
    auto fail = [&](std::string w) {
        if (why) *why = std::move(w);
        std::sort(out.begin(), out.end());
        return false;
    };
    if (is_kernel_path(dir)) return fail("a kernel folder (/proc, /sys or /dev); not read");
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec),
        end;
    if (ec) return fail("cannot list: " + ec.message());
    const std::string base = fs::path(dir).lexically_normal().string();
    for (; it != end; it.increment(ec)) {
        if (ec) return fail("cannot list: " + ec.message());
        const fs::path& p = it->path();
        std::error_code e2;
        const fs::file_status st = it->symlink_status(e2);
        if (e2) continue;
        if (fs::is_directory(st)) {
            if (it.depth() + 1 >= limits.max_depth || is_kernel_path(p.string()))
                it.disable_recursion_pending();
            continue;
        }
        // A symbolic link to a regular file counts as that file; to anything else, skipped.
        const fs::file_status target = fs::is_symlink(st) ? it->status(e2) : st;
        if (e2 || !fs::is_regular_file(target)) continue;
        if (out.size() >= limits.max_files)
            return fail("more than " + std::to_string(limits.max_files) + " files");
        out.push_back(p.lexically_normal().lexically_relative(base).string());
    }
    std::sort(out.begin(), out.end());
    return true;
}

}  // namespace bm
