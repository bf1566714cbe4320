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
    if (name.empty()) return;
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
    if (k <= 3) {  // every mix: 3^k ≤ 27 spellings
        for (;;) {
            emit(seps);
            size_t j = 0;
            while (j < k && ++seps[j] == 3) seps[j++] = 0;
            if (j == k) break;
        }
    } else {  // long names: one separator style throughout
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
    }
    uint32_t s = 0;
    for (size_t i = 0; i < bytes.size(); ++i) {
        const uint8_t b = fold_byte(uint8_t(bytes[i]));
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
            s = t;
        }
        if (i == 0) root_start_[uint8_t(bytes[0])] = s;  // exact-case start byte
    }
    for (uint32_t q : node_pats_[s])
        if (pats_[q].value == pats_[pattern].value && pats_[q].first == pats_[pattern].first)
            return;  // same folded spelling, same first byte, same value
    node_pats_[s].push_back(pattern);
}

void Matcher::build() {
    if (built_) return;
    built_ = true;
    for (int b = 0; b < 256; ++b) fold_[b] = fold_byte(uint8_t(b));
    if (trie_.empty()) {
        trie_.emplace_back();
        node_pats_.emplace_back();
    }
    const size_t n = trie_.size();
    states_.assign(n, State{});

    // Compact layout; breadth-first renumbering would help locality further, but the trie is
    // already built roughly in insertion order and the hot states are few.
    for (size_t s = 0; s < n; ++s) {
        const auto& kids = trie_[s];
        State& st = states_[s];
        st.nedges = uint16_t(std::min<size_t>(kids.size(), 0xFFFF));
        if (s != 0 && kids.size() >= kDenseMin) {
            st.dense = 1;
            st.edges = uint32_t(dense_.size() / 256);
            dense_.resize(dense_.size() + 256, 0);
            for (auto [b, t] : kids) dense_[size_t(st.edges) * 256 + b] = t;
        } else {
            st.edges = uint32_t(edge_bytes_.size());
            for (auto [b, t] : kids) {
                edge_bytes_.push_back(b);
                edge_targets_.push_back(t);
            }
        }
        if (!node_pats_[s].empty()) {
            st.out = uint32_t(outs_.size()) + 1;
            for (uint32_t p : node_pats_[s]) outs_.push_back(p);
            outs_.push_back(kEnd);
        }
    }

    // Failure links, breadth first, over the folded trie (root edges included, folded).
    std::deque<uint32_t> queue;
    for (auto [b, t] : trie_[0]) {
        states_[t].fail = 0;
        queue.push_back(t);
    }
    while (!queue.empty()) {
        uint32_t u = queue.front();
        queue.pop_front();
        for (auto [b, v] : trie_[u]) {
            uint32_t f = states_[u].fail;
            uint32_t target = 0;
            for (;;) {
                uint32_t t = child(f, b);
                if (t && t != v) {
                    target = t;
                    break;
                }
                if (f == 0) break;
                f = states_[f].fail;
            }
            states_[v].fail = target;
            const State& fs = states_[target];
            states_[v].dict = fs.out ? target : fs.dict;
            queue.push_back(v);
        }
    }
    trie_.clear();
    trie_.shrink_to_fit();
    node_pats_.clear();
    node_pats_.shrink_to_fit();
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
