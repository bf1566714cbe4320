// libFuzzer target: the HTML reader (corpus/formats/html.cpp) through corpus::parse on arbitrary
// bytes named .html. The first byte picks how the bytes start: as they are, after a doctype, or
// after a head declaring windows-1252 (the other decoding path). Checks: no crash, no
// exception, at most one article, paragraphs valid UTF-8 without NULs, dates ISO or empty, no
// page numbers, problems name the file.
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
    static const char* const kPrefix[] = {
        "", "<!DOCTYPE html><html><body>",
        "<html><head><meta charset=\"windows-1252\"></head><body><article>"};
    std::string bytes = kPrefix[data[0] % 3];
    bytes.append(reinterpret_cast<const char*>(data) + 1, size - 1);
    const std::string name = "fuzz.html";
    bm::Problems problems;
    auto articles = bm::corpus::parse(bytes, name, problems);
    check(articles.size() <= 1);
    for (const auto& a : articles) {
        check(a.source_file == name);
        check(a.date.empty() || (a.date.size() == 10 && a.date[4] == '-' && a.date[7] == '-'));
        check(valid_utf8(a.title) && valid_utf8(a.outlet) && valid_utf8(a.url));
        check(!a.paragraphs.empty());
        check(a.pages.empty());
        for (const auto& p : a.paragraphs) {
            check(!p.empty());
            check(p.find('\0') == std::string::npos);
            check(valid_utf8(p));
        }
    }
    for (const auto& p : problems) check(p.file == name && !p.why.empty());
    return 0;
}
