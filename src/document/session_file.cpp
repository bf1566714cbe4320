#include "document/session_file.h"

#include <sys/stat.h>

#include <cerrno>

#include "common/atomic_file.h"

namespace bm {

SessionOpen open_session(const std::string& path, Session& out, Problem* problem,
                         std::string* aside) {
    Problem p;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 && errno == ENOENT) return SessionOpen::Missing;
    std::string text;
    if (!read_file(path, text, &p, size_t(64) << 20)) {
        p.what = "read session";
        p.why += "; left as it is, the session is not restored";
        if (problem) *problem = p;
        return SessionOpen::Unusable;
    }
    if (session_from_json(text, path, out, &p)) return SessionOpen::Loaded;
    if (p.code == Problem::Code::NewerVersion) {
        if (problem) *problem = p;
        return SessionOpen::Newer;
    }
    // Unparsable (truncated, NaN, bad UTF-8, wrong types): keep the bytes for the user, start
    // from defaults.
    Problem q;
    const std::string moved = set_aside(path, &q);
    if (moved.empty()) {
        p.why += "; it could not be moved aside (" + q.why +
                 "), so it is left as it is and the session is not saved";
        if (problem) *problem = p;
        return SessionOpen::Unusable;
    }
    p.why += "; kept as " + moved + ", starting from defaults";
    if (aside) *aside = moved;
    if (problem) *problem = p;
    return SessionOpen::SetAside;
}

}  // namespace bm
