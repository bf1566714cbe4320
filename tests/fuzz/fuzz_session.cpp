// libFuzzer target: the session parser. Checks: no crash or exception on any bytes; a session
// that loads can be saved and loads again to the same thing (the app rewrites it on every
// change, so a file that loads once must keep loading).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "document/session.h"

namespace {
void check(bool ok) {
    if (!ok) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    bm::Session s;
    bm::Problem p;
    if (!bm::session_from_json(text, "fuzz.json", s, &p)) {
        check(p.file == "fuzz.json" && !p.why.empty());
        return 0;
    }
    const std::string once = bm::session_to_json(s);
    bm::Session back;
    check(bm::session_from_json(once, "again.json", back, &p));
    check(bm::session_to_json(back) == once);
    return 0;
}
