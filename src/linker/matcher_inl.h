#pragma once
// Hot loop of Matcher (a template so bench/stream callers inline their callback).
#include "linker/matcher.h"

namespace bm::linker {

inline uint32_t Matcher::child(uint32_t s, uint8_t c) const {
    const State& st = states_[s];
    if (st.dense) return dense_[size_t(st.edges) * 256 + c];
    const uint8_t* b = edge_bytes_.data() + st.edges;
    for (uint32_t k = 0; k < st.nedges; ++k)
        if (b[k] == c) return edge_targets_[st.edges + k];
    return 0;
}

template <class F>
void Matcher::scan(std::string_view text, F&& on_hit) const {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    uint32_t s = 0;
    size_t i = 0;
    while (i < n) {
        if (s == 0) {
            // Fast skip: at the root only bytes that begin some name matter.
            while (i < n && root_start_[p[i]] == 0) ++i;
            if (i >= n) break;
            s = root_start_[p[i]];
        } else {
            const uint8_t c = fold_[p[i]];
            for (;;) {
                uint32_t t = child(s, c);
                if (t) {
                    s = t;
                    break;
                }
                s = states_[s].fail;
                if (s == 0) {
                    s = root_start_[p[i]];
                    break;
                }
            }
        }
        // Report every pattern ending at i: this state's, then along the dictionary links.
        for (uint32_t o = states_[s].out ? s : states_[s].dict; o; o = states_[o].dict) {
            for (uint32_t k = states_[o].out - 1; outs_[k] != UINT32_MAX; ++k) {
                const Pattern& pat = pats_[outs_[k]];
                if (accept(text, i + 1, pat))
                    on_hit(uint32_t(i + 1 - pat.len), uint32_t(i + 1), pat.value);
            }
        }
        ++i;
    }
}

}  // namespace bm::linker
