// libFuzzer target: the corpus reader (corpus::parse) on arbitrary bytes. The first byte picks
// the format the file name implies (text, Markdown, JSON Lines); the rest is the file. Checks:
// no crash, no exception, paragraphs are valid UTF-8 without NULs, dates are ISO or empty.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/problem.h"
#include "corpus/corpus.h"

namespace {

bool valid_utf8(std::string_view s) {
    bm::Problems ps;
    return bm::corpus::sanitize_utf8(s, "check", ps) == s && ps.empty();
}

void check(bool ok) {
    if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    static const char* const kNames[] = {"fuzz.txt", "fuzz.md", "fuzz.jsonl", "fuzz.ndjson"};
    const std::string name = kNames[data[0] % 4];
    const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    bm::Problems problems;
    auto articles = bm::corpus::parse(bytes, name, problems);
    for (const auto& a : articles) {
        check(a.source_file == name);
        check(a.date.empty() || (a.date.size() == 10 && a.date[4] == '-' && a.date[7] == '-'));
        check(valid_utf8(a.title));
        for (const auto& p : a.paragraphs) {
            check(!p.empty());
            check(p.find('\0') == std::string::npos);
            check(valid_utf8(p));
        }
    }
    for (const auto& p : problems) check(p.file == name && !p.why.empty());
    // Date parsing on its own, both spellings of the question.
    const std::string_view head = bytes.substr(0, 64);
    const std::string iso = bm::corpus::parse_date(head);
    check(iso.empty() || !bm::corpus::is_impossible_date(head));
    return 0;
}
