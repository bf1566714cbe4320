#include "common/atomic_file.h"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <random>

namespace bm {

namespace {
bool fail(Problem* p, const char* what, const std::string& path, std::string why) {
    if (p) *p = error(what, path, "", std::move(why));
    return false;
}

bool write_all(int fd, std::string_view bytes) {
    size_t off = 0;
    while (off < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        off += size_t(n);
    }
    return true;
}

std::string dir_of(const std::string& path) {
    const size_t slash = path.find_last_of('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

// A name for the finished temporary file: PATH.tmp-XXXXXX (as mkstemp would make it).
std::string temp_name(const std::string& path) {
    static const char* chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    thread_local std::mt19937 rng{std::random_device{}()};
    std::string s = path + ".tmp-";
    for (int i = 0; i < 6; ++i) s += chars[rng() % 62];
    return s;
}

// Writes `bytes` to an unnamed file in `dir` (O_TMPFILE), then links it as a fresh temporary
// name. Returns that name, or "" when the file system cannot (the caller falls back to mkstemp).
std::string write_unnamed(const std::string& dir, const std::string& target, std::string_view bytes,
                          mode_t mode, int* err) {
#ifdef O_TMPFILE
    int fd = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
    if (fd < 0) return "";
    if (!write_all(fd, bytes) || ::fchmod(fd, mode) != 0 || ::fsync(fd) != 0) {
        *err = errno;
        ::close(fd);
        return "";
    }
    const std::string self = "/proc/self/fd/" + std::to_string(fd);
    for (int attempt = 0; attempt < 16; ++attempt) {
        std::string tmp = temp_name(target);
        if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, tmp.c_str(), AT_SYMLINK_FOLLOW) == 0) {
            ::close(fd);
            return tmp;
        }
        if (errno != EEXIST) break;
    }
    ::close(fd);
#else
    (void)dir, (void)target, (void)bytes, (void)mode, (void)err;
#endif
    return "";
}
}  // namespace

std::string resolve_symlinks(const std::string& path) {
    std::string cur = path;
    for (int hop = 0; hop < 40; ++hop) {
        struct stat st {};
        if (::lstat(cur.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return cur;
        char buf[PATH_MAX];
        const ssize_t n = ::readlink(cur.c_str(), buf, sizeof buf);
        if (n <= 0 || size_t(n) >= sizeof buf) return cur;
        std::string link(buf, size_t(n));
        cur = link.front() == '/' ? link : dir_of(cur) + "/" + link;
    }
    return cur;
}

bool write_file_atomic(const std::string& path, std::string_view bytes, Problem* problem) {
    // Through a symbolic link: replace the file it names and keep the link (a session file
    // kept in a dotfiles repository, say).
    const std::string target = resolve_symlinks(path);
    struct stat st {};
    if (::lstat(target.c_str(), &st) == 0 && S_ISLNK(st.st_mode))
        return fail(problem, "write file", path, "too many levels of symbolic links");
    mode_t mode = 0644;
    if (::stat(target.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) return fail(problem, "write file", path, "is a directory");
        mode = st.st_mode & 07777;
    }
    int err = 0;
    std::string tmp = write_unnamed(dir_of(target), target, bytes, mode, &err);
    if (tmp.empty() && err) return fail(problem, "write file", path, std::strerror(err));
    if (tmp.empty()) {
        tmp = target + ".tmp-XXXXXX";
        int fd = mkstemp(tmp.data());
        if (fd < 0) return fail(problem, "write file", path, std::strerror(errno));
        if (!write_all(fd, bytes)) {
            std::string why = std::strerror(errno);
            ::close(fd);
            ::unlink(tmp.c_str());
            return fail(problem, "write file", path, why);
        }
        ::fchmod(fd, mode);
        if (::fsync(fd) != 0 || ::close(fd) != 0) {
            std::string why = std::strerror(errno);
            ::unlink(tmp.c_str());
            return fail(problem, "write file", path, why);
        }
    }
    if (::rename(tmp.c_str(), target.c_str()) != 0) {
        std::string why = std::strerror(errno);
        ::unlink(tmp.c_str());
        return fail(problem, "write file", path, why);
    }
    return true;
}

bool make_parent_dirs(const std::string& path, Problem* problem) {
    const size_t slash = path.find_last_of('/');
    if (slash == std::string::npos || slash == 0) return true;
    const std::string dir = path.substr(0, slash);
    for (size_t i = 1; i <= dir.size(); ++i)
        if (i == dir.size() || dir[i] == '/') {
            const std::string part = dir.substr(0, i);
            if (::mkdir(part.c_str(), 0755) != 0 && errno != EEXIST)
                return fail(problem, "create directory", part, std::strerror(errno));
        }
    return true;
}

bool is_kernel_path(const std::string& path) {
    char buf[PATH_MAX];
    std::string real = ::realpath(path.c_str(), buf) ? std::string(buf) : path;
    for (const char* root : {"/proc", "/sys", "/dev"}) {
        const size_t n = std::strlen(root);
        if (real.compare(0, n, root) == 0 && (real.size() == n || real[n] == '/')) return true;
    }
    return false;
}

bool read_file(const std::string& path, std::string& out, Problem* problem, size_t max_bytes) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return fail(problem, "read file", path, std::strerror(errno));
    if (S_ISDIR(st.st_mode))
        return fail(problem, "read file", path, "is a directory, expected a file");
    // A FIFO would block in open() until a writer comes, a device may never end.
    if (!S_ISREG(st.st_mode))
        return fail(problem, "read file", path, "not a regular file (a FIFO, socket or device)");
    // /proc and /sys files look regular and empty; some block (/proc/kmsg) or never end.
    if (is_kernel_path(path))
        return fail(problem, "read file", path,
                    "a kernel file (/proc, /sys or /dev), not a document; not read");
    // O_NONBLOCK: should the file be swapped for a FIFO after the stat, open() does not wait.
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return fail(problem, "read file", path, std::strerror(errno));
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return fail(problem, "read file", path, "not a regular file (a FIFO, socket or device)");
    }
    auto too_big = [&] {
        ::close(fd);
        return fail(problem, "read file", path,
                    "larger than " + std::to_string(max_bytes >> 20) +
                        " MiB, the most briefmap reads; not read");
    };
    if (size_t(st.st_size) > max_bytes) return too_big();
    out.clear();
    out.reserve(size_t(st.st_size));
    char buf[1 << 16];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            std::string why = std::strerror(errno);
            ::close(fd);
            return fail(problem, "read file", path, why);
        }
        if (n == 0) break;
        if (out.size() + size_t(n) > max_bytes) return too_big();  // grew while read
        out.append(buf, size_t(n));
    }
    ::close(fd);
    return true;
}

std::string set_aside(const std::string& path, Problem* problem) {
    const std::string target = resolve_symlinks(path);
    char stamp[32];
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    std::string base = target + ".bad-" + stamp;
    for (int k = 0; k < 100; ++k) {
        const std::string name = k == 0 ? base : base + "-" + std::to_string(k);
        struct stat st {};
        if (::lstat(name.c_str(), &st) == 0) continue;
        // link + unlink rather than rename: never replaces a file that appeared meanwhile.
        if (::link(target.c_str(), name.c_str()) == 0) {
            ::unlink(target.c_str());
            return name;
        }
        if (errno == EEXIST) continue;
        if (::rename(target.c_str(), name.c_str()) == 0) return name;  // no hard links here
        fail(problem, "set aside", path, std::strerror(errno));
        return "";
    }
    fail(problem, "set aside", path, "no free name for the copy");
    return "";
}

}  // namespace bm
