#pragma once
// Names the map does not know: capitalised names the articles use as places ("the village of
// X", "X village", "near X", "X checkpoint", "in X", "X district", a list "X, Y and Z" beside a
// known place) that no place of the gazetteer matches, with counts and passages. Pure: reads
// the corpus, the gazetteer and (optionally) the linker's index, and nothing else.
//
// What is not taken for a place: a word at the start of a sentence without a cue after it,
// words the corpus also writes in lower case ("Border checkpoint"), person names (a given name
// of the list or a surname suffix in a title-cased pair, a word after a title such as
// "President", and every surname so found, elsewhere too), months, days, outlets (the list and
// the corpus's own), demonyms, institutions ("Security Council") and acronyms ("OSCE").
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "corpus/corpus.h"
#include "gazetteer/gazetteer.h"
#include "linker/linker.h"

namespace bm::linker {

struct UnknownMention {
    ArticleId article;
    uint32_t paragraph = 0;
    Span span;  // the name in the paragraph (UTF-8 byte offsets)
    PassageRef ref() const { return {article, paragraph}; }
};

struct UnknownName {
    std::string name;               // the spelling used most often
    size_t count = 0;               // mentions
    std::vector<std::string> cues;  // the contexts it was seen in ("village of", "near", "list")
    std::vector<UnknownMention> mentions;  // in article, paragraph, offset order
};

// Ranked by count (then by name). `index`, when given, is the linker's index of the same corpus
// and gazetteer: a name overlapping a linked mention is known, whatever its spelling.
std::vector<UnknownName> unknown_names(const corpus::Corpus& corpus,
                                       const gazetteer::Gazetteer& gazetteer,
                                       const Index* index = nullptr);

}  // namespace bm::linker
