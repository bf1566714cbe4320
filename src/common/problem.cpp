#include "common/problem.h"

namespace bm {

std::string Problem::to_string() const {
    std::string s = severity == Severity::Error ? "error: " : "warning: ";
    s += what;
    if (!file.empty()) s += ": " + file;
    if (!where.empty()) s += ": " + where;
    s += ": " + why;
    return s;
}

}  // namespace bm
