#include "ui/state.h"

namespace bm::ui {

std::vector<const linker::Passage*> visible_passages(const Document& doc, const State& st,
                                                     size_t place) {
    std::vector<const linker::Passage*> out;
    if (place >= doc.index.place_count()) return out;
    for (const linker::Passage& p : doc.index.passages_of(place))
        if (p.article < doc.corpus.articles.size() &&
            st.view.filter.accepts(doc.corpus.articles[p.article]))
            out.push_back(&p);
    return out;
}

}  // namespace bm::ui
