#include "linker/matcher.h"

#include <algorithm>
#include <cassert>
#include <deque>
#include <stdexcept>

#include "gazetteer/unicode.h"

namespace bm::linker {

namespace uni = gazetteer::uni;

namespace {

constexpr uint32_t kEnd = UINT32_MAX;
constexpr size_t kDenseMin = 12;  // children from which a state gets a dense row

uint8_t fold_byte(uint8_t b) {
    if (b >= 'A' && b <= 'Z') return uint8_t(b + 32);
    if (b == '-') return ' ';
    return b;
}

// Separator spellings accepted between the words of a name.
constexpr std::string_view kSeps[] = {" ", "\xC2\xA0",
                                      "\xE2\x80\x93"};  // (space|hyphen), NBSP, en dash

}  // namespace

void Matcher::add(std::string_view name, uint32_t value) {
    if (built_) throw std::logic_error("Matcher::add after build");
    if (name.empty() || name.size() > 4000) return;  // depth is 16-bit; no real name is that long
    add_variants(name, value);
    // A name written lower-case first ("al-Hasakah") may still open a sentence.
    size_t n = 0;
    char32_t first = uni::decode(name, 0, n);
    if (uni::is_lower(first) && uni::to_upper(first) != first) {
        std::string cap;
        uni::append_utf8(cap, uni::to_upper(first));
        cap += name.substr(n);
        add_variants(cap, value);
    }
}

void Matcher::add_variants(std::string_view name, uint32_t value) {
    // Split into words at separators (space, hyphen, en dash, NBSP); collapse runs.
    std::vector<std::string_view> words;
    size_t i = 0, w = 0;
    while (i < name.size()) {
        size_t len = 0;
        char32_t cp = uni::decode(name, i, len);
        if (cp == ' ' || cp == '-' || cp == 0xA0 || cp == 0x2013) {
            if (i > w) words.push_back(name.substr(w, i - w));
            w = i + len;
        }
        i += len;
    }
    if (w < name.size()) words.push_back(name.substr(w));
    if (words.empty()) return;
    const size_t k = words.size() - 1;
    auto emit = [&](const std::vector<int>& seps) {
        std::string s(words[0]);
        for (size_t j = 0; j < k; ++j) {
            s += kSeps[seps[j]];
            s += words[j + 1];
        }
        Pattern p{};
        p.value = value;
        p.len = uint32_t(s.size());
        p.first = uint8_t(s[0]);
        size_t n0 = 0, n1 = 0;
        p.word_start = uni::is_word(uni::decode(s, 0, n0));
        p.word_end = uni::is_word(uni::decode_before(s, s.size(), n1));
        pats_.push_back(p);
        insert(s, uint32_t(pats_.size() - 1));
    };
    std::vector<int> seps(k, 0);
    if (k <= 1) {  // "Nagorno-Karabakh": each of the three spellings
        for (;;) {
            emit(seps);
            size_t j = 0;
            while (j < k && ++seps[j] == 3) seps[j++] = 0;
            if (j == k) break;
        }
    } else {  // longer names: one separator style throughout (mixes are vanishingly rare)
        for (int s = 0; s < 3; ++s) {
            std::fill(seps.begin(), seps.end(), s);
            emit(seps);
        }
    }
}

void Matcher::insert(std::string_view bytes, uint32_t pattern) {
    if (trie_.empty()) {
        trie_.emplace_back();
        node_pats_.emplace_back();
        node_boundary_.push_back(1);
    }
    uint32_t s = 0;
    size_t char_end = 0;  // end of the character containing byte i
    bool boundary = true;
    for (size_t i = 0; i < bytes.size(); ++i) {
        if (i == char_end) {
            size_t len = 0;
            boundary = !uni::is_word(uni::decode(bytes, i, len));
            char_end = i + len;
        }
        // The root keys the exact first byte (proper-noun case); deeper edges are folded.
        const uint8_t b = i == 0 ? uint8_t(bytes[0]) : fold_byte(uint8_t(bytes[i]));
        auto& kids = trie_[s];
        auto it = std::lower_bound(kids.begin(), kids.end(), std::make_pair(b, uint32_t(0)),
                                   [](auto& a, auto& x) { return a.first < x.first; });
        if (it != kids.end() && it->first == b) {
            s = it->second;
        } else {
            uint32_t t = uint32_t(trie_.size());
            kids.insert(it, {b, t});
            trie_.emplace_back();
            node_pats_.emplace_back();
            node_boundary_.push_back(0);
            s = t;
        }
        // A node ending on the last byte of a non-word character: a name may start after it.
        if (i + 1 == char_end && boundary) node_boundary_[s] = 1;
    }
    for (uint32_t q : node_pats_[s])
        if (pats_[q].value == pats_[pattern].value && pats_[q].first == pats_[pattern].first)
            return;  // same folded spelling, same first byte, same value
    node_pats_[s].push_back(pattern);
}

void Matcher::build() {
    if (built_) return;
    built_ = true;
    for (int b = 0; b < 256; ++b) {
        fold_[b] = fold_byte(uint8_t(b));
        ascii_word_[b] = b >= 0x80 ? 2 : uni::is_word(char32_t(b)) ? 1 : 0;
    }
    if (trie_.empty()) {
        trie_.emplace_back();
        node_pats_.emplace_back();
        node_boundary_.push_back(1);
    }
    const size_t n = trie_.size();

    // Depth-first (preorder) numbering: a node's first child is the next id.
    std::vector<uint32_t> order;
    order.reserve(n);
    std::vector<uint32_t> id(n);
    std::vector<uint32_t> stack{0};
    while (!stack.empty()) {
        uint32_t u = stack.back();
        stack.pop_back();
        order.push_back(u);
        for (auto it = trie_[u].rbegin(); it != trie_[u].rend(); ++it) stack.push_back(it->second);
    }
    for (size_t k = 0; k < n; ++k) id[order[k]] = uint32_t(k);

    states_.assign(n, State{});
    std::vector<uint8_t> boundary(n);
    for (size_t k = 0; k < n; ++k) {
        const uint32_t old = order[k];
        const auto& kids = trie_[old];
        State& st = states_[k];
        boundary[k] = node_boundary_[old];
        st.nedges = uint16_t(kids.size());
        if (kids.size() == 1) st.only = kids[0].first;
        if (k != 0 && kids.size() >= kDenseMin) {
            st.dense = 1;
            st.edges = uint32_t(dense_.size() / 256);
            dense_.resize(dense_.size() + 256, 0);
            for (auto [b, t] : kids) dense_[size_t(st.edges) * 256 + b] = id[t];
        } else {
            st.edges = uint32_t(edge_bytes_.size());
            for (auto [b, t] : kids) {
                edge_bytes_.push_back(b);
                edge_targets_.push_back(id[t]);
            }
        }
        if (!node_pats_[old].empty()) {
            st.out = uint32_t(outs_.size()) + 1;
            for (uint32_t p : node_pats_[old]) outs_.push_back(p);
            outs_.push_back(kEnd);
        }
    }
    for (auto [b, t] : trie_[0]) root_start_[b] = id[t];
    // Depth and exact first byte of every state (preorder: parents precede children).
    for (size_t k = 0; k < n; ++k) {
        auto set = [&](uint8_t b, uint32_t v) {
            states_[v].depth = states_[k].depth + 1;
            states_[v].first = k == 0 ? b : states_[k].first;
        };
        const State& u = states_[k];
        if (u.dense) {
            for (int c = 0; c < 256; ++c)
                if (uint32_t v = dense_[size_t(u.edges) * 256 + c]) set(uint8_t(c), v);
        } else {
            for (uint32_t e = 0; e < u.nedges; ++e)
                set(edge_bytes_[u.edges + e], edge_targets_[u.edges + e]);
        }
    }

    // Failure links, breadth first. fail(v) is the longest proper suffix of v's string that is
    // a trie node AND begins at a word start inside the name: only such suffixes can begin an
    // accepted match. Where the suffix's first letter was folded, the capitalised start is
    // preferred (accept() re-checks the exact first byte).
    auto root_child = [&](uint8_t c) -> uint32_t {
        if (c >= 'a' && c <= 'z' && root_start_[c - 32]) return root_start_[c - 32];
        return root_start_[c];
    };
    // Failure links need every shallower state done first: walk breadth first.
    auto for_each_child = [&](const State& u, auto&& f) {
        if (u.dense) {
            for (int c = 0; c < 256; ++c)
                if (uint32_t v = dense_[size_t(u.edges) * 256 + c]) f(uint8_t(c), v);
        } else {
            for (uint32_t e = 0; e < u.nedges; ++e)
                f(edge_bytes_[u.edges + e], edge_targets_[u.edges + e]);
        }
    };
    std::vector<uint32_t> bfs{0};
    bfs.reserve(n);
    for (size_t q = 0; q < bfs.size(); ++q)
        for_each_child(states_[bfs[q]], [&](uint8_t, uint32_t v) { bfs.push_back(v); });
    for (size_t q = 1; q < n; ++q) {
        const uint32_t k = bfs[q];
        const State u = states_[k];
        auto visit = [&](uint8_t c, uint32_t v) {
            uint32_t target = 0;
            for (uint32_t f = u.fail;;) {
                if (f == 0) {
                    if (boundary[k]) target = root_child(c);
                    break;
                }
                if (uint32_t t = child(f, c)) {
                    target = t;
                    break;
                }
                f = states_[f].fail;
            }
            states_[v].fail = target;
            const State& fs = states_[target];
            states_[v].dict = fs.out ? target : fs.dict;
        };
        for_each_child(u, visit);
    }
    trie_.clear();
    trie_.shrink_to_fit();
    node_pats_.clear();
    node_pats_.shrink_to_fit();
    node_boundary_.clear();
    node_boundary_.shrink_to_fit();
}

bool Matcher::accept(std::string_view text, size_t end, const Pattern& p) const {
    const size_t start = end - p.len;
    if (uint8_t(text[start]) != p.first) return false;  // proper-noun case
    size_t len = 0;
    if (p.word_start && start > 0 && uni::is_word(uni::decode_before(text, start, len)))
        return false;
    if (p.word_end && end < text.size() && uni::is_word(uni::decode(text, end, len))) return false;
    return true;
}

void Matcher::find(std::string_view text, std::vector<Match>& out) const {
    std::vector<Match> hits;
    scan(text, [&](uint32_t s, uint32_t e, uint32_t v) { hits.push_back({s, e, v}); });
    std::sort(hits.begin(), hits.end(), [](const Match& a, const Match& b) {
        if (a.start != b.start) return a.start < b.start;
        if (a.end != b.end) return a.end > b.end;
        return a.value < b.value;
    });
    uint32_t covered = 0;  // end of the last kept match
    const Match* last = nullptr;
    for (const Match& m : hits) {
        if (last && m.start == last->start && m.end == last->end) {
            if (m.value != last->value) out.push_back(m);  // same span, another place
            continue;
        }
        if (m.start < covered) continue;
        out.push_back(m);
        last = &m;
        covered = m.end;
    }
}

size_t Matcher::memory_bytes() const {
    return states_.size() * sizeof(State) + edge_bytes_.size() + edge_targets_.size() * 4 +
           dense_.size() * 4 + outs_.size() * 4 + pats_.size() * sizeof(Pattern) + sizeof(*this);
}

}  // namespace bm::linker
