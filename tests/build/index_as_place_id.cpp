// Probe, built as part of linker: must not compile. A bare number is not a place: an id is made
// from an index only by saying so (PlaceId(i)), never by passing the number.
#include "linker/linker.h"

size_t probe_index_as_place_id(const bm::linker::Index& index, size_t place) {
    return index.passages_of(place).size();
}
