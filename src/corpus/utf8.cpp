// UTF-8 validation for corpus input: bad bytes become U+FFFD and are reported, so one broken
// byte in a scraped article costs a character, not the article.
#include "common/utf8.h"

#include <cstdio>
#include <string>

#include "corpus/corpus.h"
#include "corpus/text.h"

namespace bm::corpus {

namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";
constexpr int kMaxReported = 10;  // per file; the rest are counted in one summary line

// The program's one decoder (common/utf8.h) decides what is valid.
size_t valid_sequence(std::string_view s, size_t i) {
    return utf8::valid_length(s, i);
}

}  // namespace

bool text::looks_binary(std::string_view bytes) {
    const std::string_view head = bytes.substr(0, 1 << 16);
    if (head.size() < 16) return false;
    size_t odd = 0;
    for (size_t i = 0; i < head.size();) {
        // NULs and invalid sequences are evidence; other control characters are not (one line
        // of them in an article is replaced and reported by sanitize_utf8, not fatal).
        if (head[i] == '\0') {
            ++odd, ++i;
            continue;
        }
        const size_t n = valid_sequence(head, i);
        if (n == 0) {
            // A sequence cut by the 64 KiB window is not evidence of binary data.
            if (head.size() < bytes.size() && head.size() - i < 4) break;
            ++odd, ++i;
            continue;
        }
        i += n;
    }
    return odd * 4 > head.size();
}

std::string sanitize_utf8(std::string_view bytes, const std::string& file, Problems& problems) {
    std::string out;
    out.reserve(bytes.size());
    size_t i = 0;
    if (bytes.starts_with("\xEF\xBB\xBF")) i = 3;
    int bad = 0;
    auto report = [&](size_t offset, const char* why) {
        if (++bad <= kMaxReported)
            problems.push_back(warning("read article", file, "byte " + std::to_string(offset),
                                       std::string(why) + "; replaced by U+FFFD"));
    };
    while (i < bytes.size()) {
        unsigned char c = bytes[i];
        if (c == '\r') {  // CRLF and lone CR both end a line
            out += '\n';
            i += (i + 1 < bytes.size() && bytes[i + 1] == '\n') ? 2 : 1;
            continue;
        }
        if (c == 0) {
            report(i, "NUL byte");
            out += kReplacement;
            ++i;
            continue;
        }
        // Other C0 controls (tab and form feed are spacing) and DEL; a run of them is one report.
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\v') || c == 0x7f) {
            char why[48];
            std::snprintf(why, sizeof why, "control character U+%04X", unsigned(c));
            const size_t at = i;
            while (i < bytes.size() && bytes[i] != 0 && bytes[i] != '\r' && bytes[i] != '\n' &&
                   ((static_cast<unsigned char>(bytes[i]) < 0x20 && bytes[i] != '\t' &&
                     bytes[i] != '\f' && bytes[i] != '\v') ||
                    bytes[i] == 0x7f)) {
                out += kReplacement;
                ++i;
            }
            report(at,
                   i - at > 1
                       ? (std::string(why) + " and " + std::to_string(i - at - 1) + " more").c_str()
                       : why);
            continue;
        }
        size_t n = valid_sequence(bytes, i);
        if (n == 0) {
            report(i, "invalid UTF-8");
            out += kReplacement;
            ++i;  // resynchronise on the next byte
            continue;
        }
        out.append(bytes.data() + i, n);
        i += n;
    }
    if (bad > kMaxReported)
        problems.push_back(warning("read article", file, "",
                                   std::to_string(bad) + " invalid bytes in all (first " +
                                       std::to_string(kMaxReported) + " listed)"));
    return out;
}

}  // namespace bm::corpus
