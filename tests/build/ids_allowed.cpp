// Probe, built as part of linker: the same calls with the ids they want, so it must compile.
// It shows that place_id_as_article_id and index_as_place_id fail for the reason they name.
#include "linker/linker.h"

size_t probe_ids_allowed(const bm::linker::Index& index, bm::ArticleId article, size_t place) {
    return index.places_in(bm::PassageRef{article, 0}).size() +
           index.passages_of(bm::PlaceId(place)).size();
}
