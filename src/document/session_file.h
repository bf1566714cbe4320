#pragma once
// Opening the window's session file without losing the user's work: a file that cannot be
// parsed is moved aside (never overwritten with defaults), a newer version is left alone.
#include <string>

#include "common/problem.h"
#include "document/session.h"

namespace bm {

enum class SessionOpen {
    Loaded,    // `out` holds the session
    Missing,   // no file yet: the normal first start
    SetAside,  // unreadable; moved to `*aside`, start from defaults and write a fresh file
    Newer,     // written by a newer briefmap; left as it is, write elsewhere
    Unusable,  // cannot be read (not a regular file, too big, permission); left as it is
};

// Loads `path`; on anything but Loaded or Missing fills *problem with a message that says what
// happened to the file (e.g. "not valid JSON; kept as session.json.bad-20240101-120000,
// starting from defaults").
SessionOpen open_session(const std::string& path, Session& out, Problem* problem,
                         std::string* aside = nullptr);

}  // namespace bm
