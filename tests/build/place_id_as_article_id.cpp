// Probe, built as part of linker: must not compile. A place is not an article: a passage is an
// article id and a paragraph, and a PlaceId does not convert to an ArticleId.
#include "linker/linker.h"

size_t probe_place_id_as_article_id(const bm::linker::Index& index, bm::PlaceId place) {
    return index.places_in(bm::PassageRef{place, 0}).size();
}
