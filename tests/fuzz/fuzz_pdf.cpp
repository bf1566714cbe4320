// libFuzzer target: the PDF reader (corpus/formats/pdf.cpp, poppler-cpp) through corpus::parse
// on arbitrary bytes named .pdf. Seeds are the fixtures' reports, so mutations stay PDF-shaped.
// Checks: no crash, no exception, at most one article, one page per paragraph, pages ascending
// from 1, paragraphs valid UTF-8 without NULs, dates ISO or empty, problems name the file.
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
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const std::string name = "fuzz.pdf";
    bm::Problems problems;
    auto articles = bm::corpus::parse(bytes, name, problems);
    check(articles.size() <= 1);
    for (const auto& a : articles) {
        check(a.source_file == name);
        check(a.date.empty() || (a.date.size() == 10 && a.date[4] == '-' && a.date[7] == '-'));
        check(valid_utf8(a.title) && valid_utf8(a.outlet));
        check(a.pages.size() == a.paragraphs.size());
        int last = 1;
        for (size_t k = 0; k < a.paragraphs.size(); ++k) {
            check(a.pages[k] >= last);
            last = a.pages[k];
            check(!a.paragraphs[k].empty());
            check(a.paragraphs[k].find('\0') == std::string::npos);
            check(valid_utf8(a.paragraphs[k]));
        }
    }
    for (const auto& p : problems) check(p.file == name && !p.why.empty());
    return 0;
}
