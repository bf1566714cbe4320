#pragma once
// Stable article ids: an id survives a reload and the addition of other sources, so sessions,
// sidecars and (next) link decisions can refer to an article without its position in a list.
//   "u" + 16 hex digits of a 64-bit FNV-1a hash of the URL, when the article has one (the same
//   report saved twice is the same article); else "t" + the hash of its title and paragraphs.
//   A repeat within one corpus (two files of the same URL) gets "~2", "~3"... in reading order.
#include <string>
#include <string_view>

#include "corpus/corpus.h"

namespace bm::corpus {

std::string article_key(const Article& a);  // the id before de-duplication
void assign_article_ids(Corpus& c);
// The article with this id, or none.
ArticleId find_article(const Corpus& c, std::string_view id);

}  // namespace bm::corpus
