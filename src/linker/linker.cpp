#include "linker/linker.h"

#include <algorithm>
#include <utility>

namespace bm::linker {

namespace {

// Demonyms → the country they stand for when Options::demonyms is on.
constexpr std::pair<std::string_view, std::string_view> kDemonyms[] = {
    {"Armenian", "Armenia"},
    {"Armenians", "Armenia"},
    {"Azerbaijani", "Azerbaijan"},
    {"Azerbaijanis", "Azerbaijan"},
    {"Azeri", "Azerbaijan"},
    {"Azeris", "Azerbaijan"},
    {"Turkish", "Turkey"},
    {"Turk", "Turkey"},
    {"Turks", "Turkey"},
    {"Iranian", "Iran"},
    {"Iranians", "Iran"},
    {"Georgian", "Georgia"},
    {"Georgians", "Georgia"},
    {"Russian", "Russia"},
    {"Russians", "Russia"},
    {"Ukrainian", "Ukraine"},
    {"Ukrainians", "Ukraine"},
    {"Israeli", "Israel"},
    {"Israelis", "Israel"},
    {"French", "France"},
    {"Indian", "India"},
    {"Indians", "India"},
    {"American", "United States"},
    {"Americans", "United States"},
    {"Karabakhi", "Nagorno-Karabakh"},
    {"Nakhchivani", "Nakhchivan"},
    {"Syrian", "Syria"},
};

}  // namespace

Linker::Linker(const gazetteer::Gazetteer& gaz, const Options& opt) {
    for (size_t i = 0; i < gaz.size(); ++i) {
        const auto& p = gaz[i];
        matcher_.add(p.name, uint32_t(i));
        for (const auto& a : p.aliases) matcher_.add(a, uint32_t(i));
    }
    if (opt.demonyms) {
        for (auto [demonym, country] : kDemonyms) {
            auto ids = gaz.find(country);
            // Prefer the country feature over a same-named city or province.
            auto it = std::find_if(ids.begin(), ids.end(),
                                   [&](size_t k) { return gaz[k].kind == "country"; });
            if (it == ids.end() && !ids.empty()) it = ids.begin();
            if (it != ids.end()) matcher_.add(demonym, uint32_t(*it));
        }
    }
    stop_value_ = uint32_t(gaz.size());
    for (const auto& s : opt.stop_phrases) matcher_.add(s, stop_value_);
    matcher_.build();
}

std::vector<Hit> Linker::link(std::string_view text) const {
    std::vector<Match> ms;
    matcher_.find(text, ms);
    std::vector<Hit> out;
    out.reserve(ms.size());
    for (const auto& m : ms)
        if (m.value != stop_value_) out.push_back({m.value, {m.start, m.end}});
    return out;
}

Index Index::build(const gazetteer::Gazetteer& gaz, const corpus::Corpus& corpus,
                   const Options& opt) {
    Index ix;
    Linker linker(gaz, opt);
    ix.by_place_.resize(gaz.size());
    ix.by_passage_.resize(corpus.articles.size());
    for (size_t a = 0; a < corpus.articles.size(); ++a) {
        const auto& paras = corpus.articles[a].paragraphs;
        ix.by_passage_[a].resize(paras.size());
        for (size_t p = 0; p < paras.size(); ++p) {
            auto hits = linker.link(paras[p]);
            ix.mentions_ += hits.size();
            auto& here = ix.by_passage_[a][p];
            for (const Hit& h : hits) {
                auto it = std::find_if(here.begin(), here.end(),
                                       [&](const PlaceSpans& ps) { return ps.place == h.place; });
                if (it == here.end()) {
                    here.push_back({h.place, {}});
                    it = here.end() - 1;
                }
                it->spans.push_back(h.span);
            }
            for (const auto& ps : here)
                ix.by_place_[ps.place].push_back({uint32_t(a), uint32_t(p), ps.spans});
        }
    }
    return ix;
}

const std::vector<Passage>& Index::passages_of(size_t place) const {
    static const std::vector<Passage> kNone;
    return place < by_place_.size() ? by_place_[place] : kNone;
}

const std::vector<PlaceSpans>& Index::places_in(size_t article, size_t paragraph) const {
    static const std::vector<PlaceSpans> kNone;
    if (article >= by_passage_.size() || paragraph >= by_passage_[article].size()) return kNone;
    return by_passage_[article][paragraph];
}

}  // namespace bm::linker
