#pragma once
// Links passages to places: finds every name and alias of every gazetteer place in every
// paragraph (linker::Matcher) and indexes the result both ways. Touches neither GL nor ImGui.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/corpus.h"
#include "gazetteer/gazetteer.h"
#include "linker/matcher.h"

namespace bm::linker {

struct Options {
    // Count demonyms ("Armenian", "Azerbaijanis", "Iranian") as mentions of their country.
    // Off by default: "Armenian troops" is about people, not the place.
    bool demonyms = false;
    // Phrases that contain a place name but name something else (people, organisations): a
    // match of one hides the place names inside it (longest match wins). Defaults: persons in
    // the seed reporting.
    std::vector<std::string> stop_phrases = {"Ararat Mirzoyan"};
};

struct Span {
    uint32_t start = 0, end = 0;  // UTF-8 byte offsets [start, end) into the paragraph text
    bool operator==(const Span&) const = default;
};

struct Hit {
    uint32_t place = 0;  // index into the gazetteer
    Span span;
};

// The matcher for one gazetteer: names, aliases (and demonyms if asked) of every place.
class Linker {
  public:
    Linker(const gazetteer::Gazetteer& gaz, const Options& opt = {});
    // Mentions in one passage, by start offset.
    std::vector<Hit> link(std::string_view text) const;
    const Matcher& matcher() const { return matcher_; }

  private:
    Matcher matcher_;
    uint32_t stop_value_ = 0;  // value of stop phrases (one past the last place)
};

// A passage that mentions a place: which article and paragraph, and where in it.
struct Passage {
    uint32_t article = 0, paragraph = 0;
    std::vector<Span> spans;
};

// A place mentioned in a passage, with where.
struct PlaceSpans {
    uint32_t place = 0;
    std::vector<Span> spans;
};

class Index {
  public:
    Index() = default;
    static Index build(const gazetteer::Gazetteer& gaz, const corpus::Corpus& corpus,
                       const Options& opt = {});

    // Passages naming place `place` (gazetteer index), in article then paragraph order.
    const std::vector<Passage>& passages_of(size_t place) const;
    // Places named in one paragraph, by first mention.
    const std::vector<PlaceSpans>& places_in(size_t article, size_t paragraph) const;

    size_t place_count() const { return by_place_.size(); }
    size_t mention_count() const { return mentions_; }

  private:
    std::vector<std::vector<Passage>> by_place_;
    std::vector<std::vector<std::vector<PlaceSpans>>> by_passage_;  // [article][paragraph]
    size_t mentions_ = 0;
};

}  // namespace bm::linker
