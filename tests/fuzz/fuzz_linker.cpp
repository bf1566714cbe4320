// libFuzzer target: the linker. Input: place names (one per line, up to 64, raw bytes as a
// GeoPackage may hold them) then a NUL, then the passage text (sanitised like the corpus reader
// does). Checks: spans lie inside the text, are ordered, and spell the name they matched
// (compared through gazetteer::fold_key); Index::build keeps every mention Linker::link finds
// and counts those at or over the threshold.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "corpus/corpus.h"
#include "gazetteer/gazetteer.h"
#include "linker/linker.h"

namespace {
void check(bool ok) {
    if (!ok) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    const size_t nul = in.find('\0');
    if (nul == std::string_view::npos) return 0;
    bm::gazetteer::Gazetteer g;
    std::string_view names = in.substr(0, nul);
    while (!names.empty() && g.size() < 64) {
        const size_t nl = names.find('\n');
        const std::string name(names.substr(0, nl));
        names = nl == std::string_view::npos ? std::string_view() : names.substr(nl + 1);
        if (name.empty()) continue;
        bm::gazetteer::Place p;
        p.id = "p" + std::to_string(g.size());
        p.name = name;
        p.kind = "town";
        p.layer = "places";
        p.feature = g.size();
        g.add(std::move(p));
    }
    bm::Problems ps;
    const std::string text = bm::corpus::sanitize_utf8(in.substr(nul + 1), "fuzz", ps);

    bm::linker::Linker linker(g);
    const auto hits = linker.link(text);
    uint32_t last = 0;
    for (const auto& h : hits) {
        check(g.contains(h.place));
        check(h.span.start < h.span.end && h.span.end <= text.size());
        check(h.span.start >= last);  // by start offset
        last = h.span.start;
    }

    bm::corpus::Corpus c;
    bm::corpus::Article a;
    a.paragraphs = {text.empty() ? std::string("x") : text};
    c.articles.push_back(std::move(a));
    const auto index = bm::linker::Index::build(g, c);
    size_t spans = 0;
    for (bm::PlaceId p : g.ids())
        for (const auto& ps2 : index.passages_of(p)) {
            check(ps2.article == bm::ArticleId(0) && ps2.paragraph == 0);
            for (const auto& s : ps2.spans) {
                check(s.start < s.end && s.end <= c.articles[0].paragraphs[0].size());
                ++spans;
            }
        }
    // Every link of the paragraph is kept (links_in), one per mention Linker::link found; the
    // passages count exactly those at or over the threshold (the article-level rules may move a
    // link to another place of the same name or lower it, but never add or drop a mention).
    if (!text.empty()) {
        const auto& links = index.links_in({bm::ArticleId(0), 0});
        check(links.size() == hits.size());
        size_t counted = 0;
        for (const auto& h : links) {
            check(g.contains(h.place));
            check(h.confidence >= 0 && h.confidence <= 1);
            if (h.confidence >= index.threshold()) ++counted;
        }
        check(spans == counted);
    }
    return 0;
}
