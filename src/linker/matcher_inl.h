#pragma once
// Hot loop of Matcher (a template so bench/stream callers inline their callback).
#include "gazetteer/unicode.h"
#include "linker/matcher.h"

namespace bm::linker {

inline uint32_t Matcher::child(uint32_t s, uint8_t c) const {
    const State& st = states_[s];
    if (st.nedges == 1) return st.only == c ? s + 1 : 0;
    if (st.dense) return dense_[size_t(st.edges) * 256 + c];
    const uint8_t* b = edge_bytes_.data() + st.edges;
    for (uint32_t k = 0; k < st.nedges; ++k)
        if (b[k] == c) return edge_targets_[st.edges + k];
    return 0;
}

// True when a name may begin at text[i]: the previous character is not a letter or digit.
inline bool Matcher::word_start(const unsigned char* p, size_t i, std::string_view text) const {
    if (i == 0) return true;
    const uint8_t w = ascii_word_[p[i - 1]];
    if (w != 2) return w == 0;
    size_t len = 0;
    return !gazetteer::uni::is_word(gazetteer::uni::decode_before(text, i, len));
}

template <class F>
void Matcher::scan(std::string_view text, F&& on_hit) const {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    uint32_t s = 0;
    size_t i = 0;
    while (i < n) {
        if (s == 0) {
            // Fast skip: at the root only a start byte at a word start matters.
            for (;;) {
                while (i < n && root_start_[p[i]] == 0) ++i;
                if (i >= n) return;
                if (word_start(p, i, text)) break;
                ++i;
            }
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
                // A suffix state whose exact first byte differs from the text's (the text has
                // "states", the state is "S…" reached through a folded letter) cannot begin an
                // accepted match; skip it, or the walk would run on through lower-case prose.
                while (s != 0 && p[i - states_[s].depth] != states_[s].first) s = states_[s].fail;
                if (s == 0) {
                    if (root_start_[p[i]] && word_start(p, i, text)) s = root_start_[p[i]];
                    break;
                }
            }
        }
        // Report every pattern ending at i: this state's, then along the dictionary links.
        const State& st = states_[s];
        for (uint32_t o = st.out ? s : st.dict; o; o = states_[o].dict) {
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
