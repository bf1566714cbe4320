#include "ui/state.h"

namespace bm::ui {

std::vector<const linker::Passage*> visible_passages(const Document& doc, const State& st,
                                                     PlaceId place) {
    return bm::visible_passages(doc, st.view.filter, place);
}

}  // namespace bm::ui
