#pragma once
// The one error type of the library (see DESIGN.md, error policy): every loader returns what it
// could load plus a list of Problems. A Problem names what failed, the file, where in it (line,
// feature or byte offset) and why, so a user can find and fix the input.
#include <string>
#include <vector>

namespace bm {

struct Problem {
    enum class Severity { Warning, Error };
    // What kind of failure, for callers that act on it (they never match `why`'s words).
    enum class Code {
        Other,         // anything not listed: read `why`
        NotFound,      // no such file or directory
        NotRegular,    // a FIFO, socket, device or /proc file where a file is expected
        Empty,         // a file of 0 bytes
        TooLarge,      // over a stated input limit
        Syntax,        // not valid JSON / GeoJSON / UTF-8 ... at `where`
        BadValue,      // well-formed, but a value is wrong (type, range, unknown name)
        NewerVersion,  // written by a newer briefmap: left untouched
        Unsupported,   // a format or version this briefmap does not read
        Stale,         // refers to files that changed since (a sidecar and its image)
        ReadOnly,      // a file that must be written and cannot be (permissions)
        Busy,          // locked by another process past a short wait
    };
    Severity severity = Severity::Error;
    std::string what;   // the operation: "load layer", "read article", "parse session"
    std::string file;   // path as the user gave it ("" when not file-bound)
    std::string where;  // "line 12", "feature 34 (id=jermuk)", "byte 1024"; "" when whole file
    std::string why;    // the reason, in words
    Code code = Code::Other;

    // "error: read article: corpus/a.txt: line 3: invalid UTF-8"
    std::string to_string() const;
};

using Problems = std::vector<Problem>;

inline Problem error(std::string what, std::string file, std::string where, std::string why,
                     Problem::Code code = Problem::Code::Other) {
    return {Problem::Severity::Error, std::move(what), std::move(file),
            std::move(where),         std::move(why),  code};
}
inline Problem warning(std::string what, std::string file, std::string where, std::string why,
                       Problem::Code code = Problem::Code::Other) {
    return {Problem::Severity::Warning, std::move(what), std::move(file),
            std::move(where),           std::move(why),  code};
}

}  // namespace bm
