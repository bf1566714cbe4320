#include "common/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace bm {

namespace {
bool fail(Problem* p, const char* what, const std::string& path, std::string why) {
    if (p) *p = error(what, path, "", std::move(why));
    return false;
}
}  // namespace

bool write_file_atomic(const std::string& path, std::string_view bytes, Problem* problem) {
    std::string tmp = path + ".tmp-XXXXXX";
    int fd = mkstemp(tmp.data());
    if (fd < 0) return fail(problem, "write file", path, std::strerror(errno));
    size_t off = 0;
    while (off < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            std::string why = std::strerror(errno);
            ::close(fd);
            ::unlink(tmp.c_str());
            return fail(problem, "write file", path, why);
        }
        off += size_t(n);
    }
    fchmod(fd, 0644);
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        std::string why = std::strerror(errno);
        ::unlink(tmp.c_str());
        return fail(problem, "write file", path, why);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
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

bool read_file(const std::string& path, std::string& out, Problem* problem) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return fail(problem, "read file", path, std::strerror(errno));
    if (S_ISDIR(st.st_mode))
        return fail(problem, "read file", path, "is a directory, expected a file");
    // A FIFO would block in open() until a writer comes, a device may never end.
    if (!S_ISREG(st.st_mode))
        return fail(problem, "read file", path, "not a regular file (a FIFO, socket or device)");
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(problem, "read file", path, std::strerror(errno));
    out.clear();
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
        out.append(buf, size_t(n));
    }
    ::close(fd);
    return true;
}

}  // namespace bm
