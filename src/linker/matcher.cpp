#include "linker/matcher.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>

#include "gazetteer/unicode.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define BM_LINKER_X86 1
#endif

namespace bm::linker {

namespace uni = gazetteer::uni;

namespace {

// Node header: label length, flags, child count (u16); then the value index (u32) if the node
// ends a name, the label, the children's first bytes, the children's offsets (u32).
constexpr uint8_t kTerminal = 1;  // a name ends here
constexpr uint8_t kWordEnd = 2;   // ... with a letter or digit: the text must not go on with one
constexpr uint8_t kSingle = 4;    // ... for one value, stored in place of the value index
constexpr size_t kMaxLabel = 255;
constexpr size_t kPad = 16;
constexpr unsigned kMinRun = 3, kMaxRun = 16;  // run lengths in the run table  // readable bytes
                                               // past the arena's end (16-byte child search)

uint8_t fold_byte(uint8_t b) {
    if (b >= 'A' && b <= 'Z') return uint8_t(b + 32);
    if (b == '-') return ' ';
    return b;
}

uint16_t load16(const uint8_t* p) {
    uint16_t v;
    std::memcpy(&v, p, 2);
    return v;
}
uint32_t load32(const uint8_t* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

// A separator in the text at p[j]: its byte length (0 if none) and kind (1 space or hyphen,
// 2 NBSP, 3 en dash).
inline size_t separator_at(const uint8_t* p, size_t n, size_t j, int& kind) {
    const uint8_t b = p[j];
    if (b == ' ' || b == '-') return kind = 1, 1;
    if (b == 0xC2 && j + 1 < n && p[j + 1] == 0xA0) return kind = 2, 2;
    if (b == 0xE2 && j + 2 < n && p[j + 1] == 0x80 && p[j + 2] == 0x93) return kind = 3, 3;
    return 0;
}

// Index of byte c among the first nk bytes at kb, or -1 (kb may be read up to 15 bytes past).
inline int find_child(const uint8_t* kb, unsigned nk, uint8_t c) {
#if defined(__SSE2__)
    const __m128i needle = _mm_set1_epi8(char(c));
    for (unsigned k = 0; k < nk; k += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(kb + k));
        unsigned m = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(v, needle)));
        if (nk - k < 16) m &= (1u << (nk - k)) - 1;
        if (m) return int(k + unsigned(__builtin_ctz(m)));
    }
    return -1;
#else
    for (unsigned k = 0; k < nk; ++k)
        if (kb[k] == c) return int(k);
    return -1;
#endif
}

}  // namespace

Matcher::Matcher() {
    for (int b = 0; b < 256; ++b) {
        fold_[b] = fold_byte(uint8_t(b));
        ascii_word_[b] = b < 0x80 && uni::is_word(char32_t(b)) ? 1 : 0;
        hi_bit_[b >> 4] = uint8_t(b >> 4 < 8 ? 1u << (b >> 4) : 1u << ((b >> 4) & 1));
    }
    for (int b = 0; b < 0x80; ++b)
        if (ascii_word_[b]) word_lo_[b & 15] |= hi_bit_[b >> 4];
    set_isa(Isa::avx2);
}

bool Matcher::avx2_supported() {
#if BM_LINKER_X86
    return __builtin_cpu_supports("avx2");
#else
    return false;
#endif
}

void Matcher::set_isa(Isa isa) {
    isa_ = isa == Isa::avx2 && avx2_supported() ? Isa::avx2 : Isa::scalar;
    mask_ = isa_ == Isa::avx2 ? &mask_avx2 : &mask_scalar;
}

void Matcher::add(std::string_view name, uint32_t value) {
    if (built_) throw std::logic_error("Matcher::add after build");
    if (name.empty() || name.size() > 4000) return;  // no real name is that long
    add_key(name, value);
    // A name written lower-case first ("al-Hasakah") may still open a sentence.
    size_t n = 0;
    char32_t first = uni::decode(name, 0, n);
    if (uni::is_lower(first) && uni::to_upper(first) != first) {
        std::string cap;
        uni::append_utf8(cap, uni::to_upper(first));
        cap += name.substr(n);
        add_key(cap, value);
    }
    // ASCII letters match in any case after the first; other scripts' capitals ("ŞUŞA",
    // "ЛАЧИН", "LAÇIN") need their own key: the name in capitals, when it has a non-ASCII letter
    // with a capital.
    std::string upper;
    bool other = false;
    for (size_t i = 0; i < name.size();) {
        size_t len = 0;
        const char32_t cp = uni::decode(name, i, len);
        const char32_t up = uni::to_upper(cp);
        other |= cp >= 0x80 && up != cp;
        if (cp == 0x587) {  // Armenian և has no one-letter capital: ԵՎ ("ԵՐԵՎԱՆ")
            uni::append_utf8(upper, 0x535);
            uni::append_utf8(upper, 0x54E);
            other = true;
        } else {
            uni::append_utf8(upper, up);
        }
        i += len;
    }
    if (other) add_key(upper, value);
}

void Matcher::add_key(std::string_view name, uint32_t value) {
    // Words between separators (space, hyphen, en dash, NBSP; runs collapse), joined by one
    // ' '; the first byte kept exact, later bytes folded.
    std::string key;
    size_t i = 0, w = 0;
    auto word = [&](size_t end) {
        if (end <= w) return;
        if (!key.empty()) key += ' ';
        for (size_t k = w; k < end; ++k)
            key += key.empty() ? name[k] : char(fold_byte(uint8_t(name[k])));
    };
    while (i < name.size()) {
        size_t len = 0;
        char32_t cp = uni::decode(name, i, len);
        if (cp == ' ' || cp == '-' || cp == 0xA0 || cp == 0x2013) {
            word(i);
            w = i + len;
        }
        i += len;
    }
    word(name.size());
    if (!key.empty()) keys_.emplace_back(std::move(key), value);
}

uint32_t Matcher::emit(size_t lo, size_t hi, size_t depth) {
    const std::string& a = keys_[lo].first;
    const std::string& b = keys_[hi - 1].first;
    // Sorted keys: the range's common prefix is that of its first and last key.
    size_t end = depth;
    const size_t lim = std::min({a.size(), b.size(), depth + kMaxLabel});
    while (end < lim && a[end] == b[end]) ++end;
    size_t t = lo;  // keys ending here (equal strings, values ascending)
    while (t < hi && keys_[t].first.size() == end) ++t;
    std::vector<size_t> groups;  // starts of runs with the same next byte
    for (size_t k = t; k < hi; ++k)
        if (k == t || keys_[k].first[end] != keys_[k - 1].first[end]) groups.push_back(k);
    groups.push_back(hi);
    const size_t nk = groups.size() - 1;

    const uint32_t off = uint32_t(arena_.size());
    uint8_t flags = 0;
    if (t > lo) {
        size_t n = 0;
        flags |= kTerminal;
        if (uni::is_word(uni::decode_before(a, end, n))) flags |= kWordEnd;
    }
    arena_.push_back(uint8_t(end - depth));
    arena_.push_back(flags);
    arena_.push_back(uint8_t(nk & 0xFF));
    arena_.push_back(uint8_t(nk >> 8));
    auto put32 = [&](uint32_t v) {
        for (int k = 0; k < 4; ++k) arena_.push_back(uint8_t(v >> (8 * k)));
    };
    if (t == lo + 1) {
        arena_[off + 1] |= kSingle;
        put32(keys_[lo].second);
    } else if (t > lo) {
        put32(uint32_t(values_.size()));
        values_.push_back(uint32_t(t - lo));
        for (size_t k = lo; k < t; ++k) values_.push_back(keys_[k].second);
    }
    arena_.insert(arena_.end(), a.begin() + long(depth), a.begin() + long(end));
    for (size_t g = 0; g < nk; ++g) arena_.push_back(uint8_t(keys_[groups[g]].first[end]));
    const size_t slots = arena_.size();
    arena_.resize(arena_.size() + 4 * nk);
    ++node_count_;
    for (size_t g = 0; g < nk; ++g) {
        const uint32_t child = emit(groups[g], groups[g + 1], end + 1);
        std::memcpy(arena_.data() + slots + 4 * g, &child, 4);
    }
    return off;
}

void Matcher::build() {
    if (built_) return;
    built_ = true;
    std::sort(keys_.begin(), keys_.end());
    keys_.erase(std::unique(keys_.begin(), keys_.end()), keys_.end());
    pattern_count_ = keys_.size();
    arena_.assign(4, 0);  // offset 0 means "no node"
    for (size_t lo = 0; lo < keys_.size();) {
        const uint8_t b = uint8_t(keys_[lo].first[0]);
        size_t hi = lo;
        while (hi < keys_.size() && uint8_t(keys_[hi].first[0]) == b) ++hi;
        root_[b] = emit(lo, hi, 1);
        start_[b] = 1;
        lo = hi;
    }
    // Three-byte prefixes of the keys: a hashed bitset (~16 bits per prefix) that rejects most
    // candidates, and an exact table from prefix to the trie position after it, where the walks
    // start.
    std::vector<uint32_t> prefixes, prefixes4, keys3;
    short_pairs_.assign(65536 / 64, 0);
    for (const auto& [key, value] : keys_) {
        const auto* k = reinterpret_cast<const uint8_t*>(key.data());
        if (key.size() == 1) {
            start_[k[0]] = 2;
        } else if (key.size() == 2) {
            // Candidates with a two-byte key's bytes take the root walk unless a word character
            // follows, which rules the key out ("Ba" in "Baku"). A key that does not end with a
            // letter or digit matches whatever follows: all its start byte's candidates walk.
            size_t len = 0;
            if (uni::is_word(uni::decode_before(key, 2, len))) {
                const uint32_t pair = uint32_t(k[0]) << 8 | k[1];
                short_pairs_[pair >> 6] |= uint64_t(1) << (pair & 63);
            } else {
                start_[k[0]] = 2;
            }
        } else {
            const uint32_t p3 = uint32_t(k[0]) << 16 | uint32_t(k[1]) << 8 | k[2];
            if (prefixes.empty() || prefixes.back() != p3) prefixes.push_back(p3);
            if (key.size() == 3) keys3.push_back(p3);
            if (key.size() >= 4) prefixes4.push_back(p3 << 8 | k[3]);
        }
    }
    unsigned bits = 12;
    while (bits < 26 && (size_t(1) << bits) < 16 * prefixes.size()) ++bits;
    prefix_shift_ = 32 - bits;
    prefixes_.assign((size_t(1) << bits) / 64, 0);
    std::sort(prefixes4.begin(), prefixes4.end());
    prefixes4.erase(std::unique(prefixes4.begin(), prefixes4.end()), prefixes4.end());
    bits = 12;
    while (bits < 26 && (size_t(1) << bits) < 16 * prefixes4.size()) ++bits;
    prefix4_shift_ = 32 - bits;
    prefixes4_.assign((size_t(1) << bits) / 64, 0);
    for (const uint32_t p4 : prefixes4) {
        const uint32_t h = (p4 * 0x85EBCA77u) >> prefix4_shift_;
        prefixes4_[h >> 6] |= uint64_t(1) << (h & 63);
    }
    bits = 4;
    while ((size_t(1) << bits) < 2 * prefixes.size()) ++bits;
    jump_shift_ = 32 - bits;
    jump_.assign(size_t(1) << bits, 0);
    for (const uint32_t p3 : prefixes) {
        const uint32_t h = prefix_hash(p3);
        prefixes_[h >> 6] |= uint64_t(1) << (h & 63);
        const uint8_t key3b[3] = {uint8_t(p3 >> 16), uint8_t(p3 >> 8), uint8_t(p3)};
        unsigned off = 0;
        const uint32_t node = position(key3b, 3, off);
        size_t slot = (uint64_t(p3) * 0x9E3779B1u & 0xFFFFFFFFu) >> jump_shift_;
        while (jump_[slot]) slot = (slot + 1) & (jump_.size() - 1);
        const bool key3 = std::binary_search(keys3.begin(), keys3.end(), p3);
        jump_[slot] = uint64_t(p3) << 40 | uint64_t(key3) << 39 | uint64_t(off) << 32 | node;
    }
    build_runs();
    build_groups();
    arena_.resize(arena_.size() + kPad, 0);
    arena_.shrink_to_fit();
    values_.shrink_to_fit();
    keys_.clear();
    keys_.shrink_to_fit();
}

std::vector<uint8_t> Matcher::bytes_after(uint32_t node, unsigned off) const {
    const uint8_t* h = arena_.data() + node;
    const unsigned label_len = h[0], nk = load16(h + 2);
    const uint8_t* label = h + 4 + (h[1] & kTerminal ? 4 : 0);
    if (off < label_len) return {label[off]};
    return std::vector<uint8_t>(label + label_len, label + label_len + nk);
}

uint32_t Matcher::advance(uint32_t node, unsigned& off, uint8_t c) const {
    const uint8_t* h = arena_.data() + node;
    const unsigned label_len = h[0], nk = load16(h + 2);
    const uint8_t* label = h + 4 + (h[1] & kTerminal ? 4 : 0);
    if (off < label_len) {
        ++off;
        return node;
    }
    const uint8_t* kids = label + label_len;
    const uint8_t* at = std::find(kids, kids + nk, c);
    off = 0;
    return load32(kids + nk + 4 * unsigned(at - kids));
}

uint32_t Matcher::position(const uint8_t* key, size_t len, unsigned& off) const {
    uint32_t node = root_[key[0]];
    off = 0;
    for (size_t i = 1; i < len; ++i) node = advance(node, off, key[i]);
    return node;
}

// The run table: every key's first run (its first byte, then the ASCII letters, digits and '_'
// after it) of 3 to 16 bytes, mapped to the trie position after it. A match has the same run
// as its key: the key's run ends at the key's end or at a byte that is not a word character,
// and the text has there either the same byte, a separator (not a word byte) or, when the key
// ended, no word character (the boundary rule). So a text run not in the table ends the
// candidate, and one in it starts the walk after the run.
void Matcher::build_runs() {
    std::vector<std::array<uint8_t, 16>> runs;
    for (const auto& [key, value] : keys_) {
        const auto* k = reinterpret_cast<const uint8_t*>(key.data());
        size_t t = 1;
        while (t < key.size() && ascii_word_[k[t]]) ++t;
        if (t < kMinRun || t > kMaxRun) continue;
        std::array<uint8_t, 16> r{};
        std::memcpy(r.data(), k, t);
        if (runs.empty() || runs.back() != r) runs.push_back(r);
    }
    std::sort(runs.begin(), runs.end());
    runs.erase(std::unique(runs.begin(), runs.end()), runs.end());
    unsigned bits = 4;
    while ((size_t(1) << bits) < runs.size() + runs.size() / 2) ++bits;
    run_shift_ = 64 - bits;
    runs_.assign(size_t(1) << bits, RunEntry{});
    bits = 12;
    while (bits < 30 && (size_t(1) << bits) < 16 * runs.size()) ++bits;
    run_filter_shift_ = 64 - bits;
    run_filter_.assign((size_t(1) << bits) / 64, 0);
    for (const auto& r : runs) {
        uint64_t lo, hi;
        std::memcpy(&lo, r.data(), 8);
        std::memcpy(&hi, r.data() + 8, 8);
        const uint64_t f = run_mix(lo, hi) >> run_filter_shift_;
        run_filter_[f >> 6] |= uint64_t(1) << (f & 63);
        size_t slot = run_hash(lo, hi);
        while (runs_[slot].node) slot = (slot + 1) & (runs_.size() - 1);
        RunEntry& e = runs_[slot];
        std::memcpy(e.run, r.data(), 16);
        size_t t = 1;
        while (t < 16 && r[t]) ++t;
        unsigned off = 0;
        e.node = position(r.data(), t, off);
        e.off = uint8_t(off);
        const uint8_t* h = arena_.data() + e.node;
        if (off == h[0]) {
            e.flags = h[1];
            if (h[1] & kTerminal) e.value = load32(h + 4);
        }
        std::vector<uint8_t> next;
        for (const uint8_t b : bytes_after(e.node, off))
            if (!ascii_word_[b]) next.push_back(b);
        e.next = next.empty() ? 0 : next.size() == 1 && next[0] != 0 ? next[0] : 0xFF;
        if (e.next == ' ') {  // the only way on: the walk starts after the separator
            e.node = advance(e.node, off, ' ');
            e.off = uint8_t(off);
            for (const uint8_t b : bytes_after(e.node, off)) e.after_space |= 1u << (b & 31);
        }
    }
}

// Nibble tables for the AVX2 candidate mask. Each start byte gets a group bit (a bit of its
// high-nibble row); a position is a candidate when the next byte can follow a key's first byte
// in that group. "Wide" start bytes (a one-byte key, or many possible second bytes) share bit 0,
// which any next byte satisfies. The tables express sets as low-nibble x high-nibble
// rectangles, so they over-approximate; prepare() is exact.
void Matcher::build_groups() {
    using Set = std::array<uint64_t, 4>;
    auto put = [](Set& set, uint8_t b) { set[b >> 6] |= uint64_t(1) << (b & 63); };
    auto size = [](const Set& set) {
        int k = 0;
        for (uint64_t w : set) k += __builtin_popcountll(w);
        return k;
    };
    auto unite = [](Set a, const Set& b) {
        for (int k = 0; k < 4; ++k) a[k] |= b[k];
        return a;
    };
    std::vector<Set> second(256, Set{});  // text bytes that may follow each first byte
    std::vector<bool> wide(256, false);
    for (const auto& [key, value] : keys_) {
        const uint8_t b0 = uint8_t(key[0]);
        if (key.size() == 1) {
            wide[b0] = true;
            continue;
        }
        const uint8_t b1 = uint8_t(key[1]);
        if (b1 == ' ') {
            for (uint8_t t : {uint8_t(' '), uint8_t('-'), uint8_t(0xC2), uint8_t(0xE2)})
                put(second[b0], t);
        } else {
            put(second[b0], b1);
            if (b1 >= 'a' && b1 <= 'z') put(second[b0], uint8_t(b1 - 32));
        }
    }
    Set all;
    all.fill(~uint64_t(0));
    std::vector<std::vector<uint8_t>> rows(16);  // start bytes by high nibble
    for (int b = 0; b < 256; ++b) {
        if (!start_[b]) continue;
        if (wide[b] || size(second[b]) > 40) second[b] = all;
        rows[b >> 4].push_back(uint8_t(b));
    }
    // The sets as the tables see them: low nibbles x high nibbles.
    auto rect = [&](const Set& set) {
        int lo = 0, hi = 0;
        for (int t = 0; t < 256; ++t)
            if (set[t >> 6] >> (t & 63) & 1) lo |= 1 << (t & 15), hi |= 1 << (t >> 4);
        return __builtin_popcount(unsigned(lo)) * __builtin_popcount(unsigned(hi));
    };
    // Bits 1..7 go to rows, each bit to one row so that membership is exact: four to the
    // lower-case row a-o and two to p-z (most words of prose begin there), one to quotes and
    // punctuation. Rows without a bit share bit 0, which admits any next byte.
    std::vector<int> nbits(16, 0);
    nbits[6] = std::min<int>(4, int(rows[6].size()));
    nbits[7] = std::min<int>(2, int(rows[7].size()));
    nbits[2] = std::min<int>(1, int(rows[2].size()));
    for (int r : {6, 7, 3})  // leftovers
        while (nbits[6] + nbits[7] + nbits[2] + nbits[3] < 7 && nbits[r] < int(rows[r].size()))
            nbits[r]++;
    std::array<Set, 8> allowed{};
    std::memset(group_lo_, 0, 16);
    std::memset(group_hi_, 0, 16);
    std::memset(next_lo_, 0, 16);
    std::memset(next_hi_, 0, 16);
    std::memset(next_lo_, 1, 16);  // bit 0: any next byte
    std::memset(next_hi_, 1, 16);
    int bit = 1;
    for (int r = 0; r < 16; ++r) {
        if (nbits[r] == 0) {
            for (uint8_t b : rows[r]) group_lo_[b & 15] |= 1, group_hi_[b >> 4] |= 1;
            continue;
        }
        const int first = bit, count = nbits[r];
        bit += count;
        std::vector<uint8_t> bytes = rows[r];
        std::stable_sort(bytes.begin(), bytes.end(),
                         [&](uint8_t a, uint8_t b) { return size(second[a]) > size(second[b]); });
        for (uint8_t b : bytes) {  // into the group whose table rectangle stays smallest
            int best = first, smallest = 1 << 30;
            for (int g = first; g < first + count; ++g) {
                const int d = rect(unite(allowed[g], second[b]));
                if (d < smallest) best = g, smallest = d;
            }
            allowed[best] = unite(allowed[best], second[b]);
            group_lo_[b & 15] |= uint8_t(1u << best);
            group_hi_[b >> 4] |= uint8_t(1u << best);
        }
    }
    for (int g = 1; g < 8; ++g)
        for (int t = 0; t < 256; ++t)
            if (allowed[g][t >> 6] >> (t & 63) & 1) {
                next_lo_[t & 15] |= uint8_t(1u << g);
                next_hi_[t >> 4] |= uint8_t(1u << g);
            }
}

// True when a letter or digit (any script) begins at p[j].
inline bool Matcher::word_at(const uint8_t* p, size_t n, size_t j) const {
    if (j >= n) return false;
    if (p[j] < 0x80) return ascii_word_[p[j]];
    size_t len = 0;
    return uni::is_word(uni::decode(std::string_view(reinterpret_cast<const char*>(p), n), j, len));
}

inline uint32_t Matcher::walk(const uint8_t* p, size_t n, uint32_t node, unsigned off, size_t j,
                              int sep, size_t& end) const {
    const uint8_t* arena = arena_.data();
    uint32_t best = 0;
    for (;; off = 0) {
        const uint8_t* h = arena + node;
        const unsigned len = h[0], flags = h[1], nk = load16(h + 2);
        const uint8_t* label = h + 4 + (flags & kTerminal ? 4 : 0);
        for (unsigned k = off; k < len; ++k) {
            if (j >= n) return best;
            const uint8_t want = label[k];
            if (fold_[p[j]] == want) {
                if (want == ' ') {
                    if (sep > 1) return best;
                    sep = 1;
                }
                ++j;
                continue;
            }
            int kind = 0;
            const size_t sl = want == ' ' ? separator_at(p, n, j, kind) : 0;
            if (sl == 0 || (sep && sep != kind)) return best;
            sep = kind;
            j += sl;
        }
        if ((flags & kTerminal) && !((flags & kWordEnd) && word_at(p, n, j))) {
            best = node;
            end = j;
        }
        if (nk == 0 || j >= n) return best;
        const uint8_t* kids = label + len;
        uint8_t c = fold_[p[j]];
        size_t step = 1;
        if (c == ' ' || p[j] == 0xC2 || p[j] == 0xE2) {
            int kind = 0;
            if (const size_t sl = separator_at(p, n, j, kind)) {
                if (sep && sep != kind) return best;
                sep = kind;
                c = ' ';
                step = sl;
            }
        }
        const int k = find_child(kids, nk, c);
        if (k < 0) return best;
        node = load32(kids + nk + 4 * unsigned(k));
        j += step;
    }
}

inline uint64_t Matcher::run_mix(uint64_t lo, uint64_t hi) {
    return (lo ^ (hi * 0xC2B2AE3D27D4EB4Full)) * 0x9E3779B97F4A7C15ull;
}
inline size_t Matcher::run_hash(uint64_t lo, uint64_t hi) const {
    return size_t(run_mix(lo, hi) >> run_shift_);
}

inline uint32_t Matcher::prefix_hash(uint32_t p3) const {
    return (p3 * 0x9E3779B1u) >> prefix_shift_;
}

inline void Matcher::report(std::vector<Match>& out, uint32_t start, uint32_t end, unsigned flags,
                            uint32_t x) const {
    if (flags & kSingle) {
        out.push_back({start, end, x});
    } else {
        const uint32_t* v = values_.data() + x;
        for (uint32_t k = 1; k <= v[0]; ++k) out.push_back({start, end, v[k]});
    }
}

// Out of line, so that candidates settled by the run table stay cheap.
// The match of a key ending right after a run of length t, if the boundary allows.
inline size_t Matcher::run_end(const uint8_t* p, size_t n, size_t i, const RunEntry& e, size_t t,
                               std::vector<Match>& out) const {
    if (!(e.flags & kTerminal) || ((e.flags & kWordEnd) && word_at(p, n, i + t))) return i + 1;
    report(out, uint32_t(i), uint32_t(i + t), e.flags, e.value);
    return i + t;
}

// The walk from after the separator that follows a run (entry position), j the text position
// after it; without a longer match, the key ending at the run.
size_t Matcher::walk_on(const uint8_t* p, size_t n, size_t i, const RunEntry& e, size_t t, size_t j,
                        int sep, std::vector<Match>& out) const {
    size_t end = 0;
    const uint32_t node = walk(p, n, e.node, e.off, j, sep, end);
    if (!node) return run_end(p, n, i, e, t, out);
    const uint8_t* h = arena_.data() + node;
    report(out, uint32_t(i), uint32_t(end), h[1], load32(h + 4));
    return end;
}

size_t Matcher::walk_report(const uint8_t* p, size_t n, size_t i, uint32_t node, unsigned off,
                            size_t j, int sep, std::vector<Match>& out) const {
    size_t end = 0;
    node = walk(p, n, node, off, j, sep, end);
    if (!node) return i + 1;
    const uint8_t* h = arena_.data() + node;
    report(out, uint32_t(i), uint32_t(end), h[1], load32(h + 4));
    return end;
}

// Candidates outside the run table's reach: from the three-byte jump table or the root edge.
size_t Matcher::try_prefix(const uint8_t* p, size_t n, size_t i, std::vector<Match>& out) const {
    const uint8_t b0 = p[i];
    const uint8_t b1 = i + 1 < n ? p[i + 1] : 0, b2 = i + 2 < n ? p[i + 2] : 0;
    const uint32_t pair = uint32_t(b0) << 8 | fold_[b1];
    if (i + 2 >= n || start_[b0] > 1 || (b1 & 0xDF) == 0xC2 || (b2 & 0xDF) == 0xC2 ||
        ((short_pairs_[pair >> 6] >> (pair & 63) & 1) && !ascii_word_[b2])) {
        // Near the end, after a one- or two-byte key that the next byte does not rule out, or
        // at a multi-byte separator: from the root edge.
        return walk_report(p, n, i, root_[b0], 0, i + 1, 0, out);
    }
    const uint32_t p3 = pair << 8 | fold_[b2];
    const uint32_t h = prefix_hash(p3);
    if (!(prefixes_[h >> 6] >> (h & 63) & 1)) return i + 1;
    size_t slot = (p3 * 0x9E3779B1u) >> jump_shift_;
    uint64_t e;
    while ((e = jump_[slot]) != 0 && (e >> 40) != p3) slot = (slot + 1) & (jump_.size() - 1);
    if (!e) return i + 1;
    // A fourth byte no key continues with (unless a key ends at three bytes).
    if (!(e >> 39 & 1) && i + 3 < n && (p[i + 3] & 0xDF) != 0xC2) {
        const uint32_t h4 = ((p3 << 8 | fold_[p[i + 3]]) * 0x85EBCA77u) >> prefix4_shift_;
        if (!(prefixes4_[h4 >> 6] >> (h4 & 63) & 1)) return i + 1;
    }
    const int sep = (p3 & 0xFF) == ' ' || (p3 & 0xFF00) == 0x2000 ? 1 : 0;
    return walk_report(p, n, i, uint32_t(e), unsigned(e >> 32) & 0x7F, i + 3, sep, out);
}

inline size_t Matcher::try_at(const uint8_t* p, size_t n, size_t i, std::vector<Match>& out) const {
    if (i > 0 && p[i - 1] >= 0x80) {  // the mask let a non-ASCII previous character through
        size_t len = 0;
        std::string_view text(reinterpret_cast<const char*>(p), n);
        if (uni::is_word(uni::decode_before(text, i, len))) return i + 1;
    }
    const uint8_t b0 = p[i];
    if (!root_[b0]) return i + 1;
#if defined(__SSE2__)
    if (i + 18 <= n && start_[b0] == 1) {  // reads up to p[i + 17]
        // The run: p[i], then ASCII word bytes (SSE2 range compares on the next 16).
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
        auto in = [](__m128i v, char lo, char hi) {
            return _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(char(-128 - lo))),
                                  _mm_set1_epi8(char(-128 + (hi - lo + 1))));
        };
        const __m128i upper = in(x, 'A', 'Z');
        const __m128i word =
            _mm_or_si128(_mm_or_si128(upper, in(x, 'a', 'z')),
                         _mm_or_si128(in(x, '0', '9'), _mm_cmpeq_epi8(x, _mm_set1_epi8('_'))));
        const unsigned stop = ~unsigned(_mm_movemask_epi8(word)) & 0xFFFF;
        const unsigned t = stop ? 1 + unsigned(__builtin_ctz(stop)) : 17;
        if (t >= kMinRun && t <= kMaxRun) {
            // Folded run bytes, zero-padded to 16: the byte at i, then bytes 1..t-1 of x.
            const __m128i folded = _mm_or_si128(x, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
            const __m128i keep =
                _mm_cmplt_epi8(_mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
                               _mm_set1_epi8(char(t - 1)));
            const __m128i run =
                _mm_or_si128(_mm_slli_si128(_mm_and_si128(folded, keep), 1), _mm_cvtsi32_si128(b0));
            const uint64_t lo = uint64_t(_mm_cvtsi128_si64(run));
            const uint64_t hi = uint64_t(_mm_cvtsi128_si64(_mm_unpackhi_epi64(run, run)));
            const uint64_t mix = run_mix(lo, hi), f = mix >> run_filter_shift_;
            if (!(run_filter_[f >> 6] >> (f & 63) & 1)) return i + 1;
            size_t slot = size_t(mix >> run_shift_);
            for (;; slot = (slot + 1) & (runs_.size() - 1)) {
                const RunEntry& e = runs_[slot];
                if (!e.node) return i + 1;
                const __m128i r = _mm_load_si128(reinterpret_cast<const __m128i*>(e.run));
                if (_mm_movemask_epi8(_mm_cmpeq_epi8(r, run)) == 0xFFFF) {
                    const uint8_t q = p[i + t];
                    if (e.next == ' ') {  // a separator, then a byte that can follow it
                        int kind = 1;
                        size_t sl = 0;
                        if (q == ' ' || q == '-')
                            sl = e.after_space >> (fold_[p[i + t + 1]] & 31) & 1;
                        else if ((q & 0xDF) == 0xC2)
                            sl = separator_at(p, n, i + t, kind);
                        if (sl) return walk_on(p, n, i, e, t, i + t + sl, kind, out);
                    } else if (e.next == 0xFF || (e.next != 0 && fold_[q] == e.next)) {
                        return walk_report(p, n, i, e.node, e.off, i + t, 0, out);
                    }
                    // No key goes on with the next bytes: a key ending after the run, or none.
                    return run_end(p, n, i, e, t, out);
                }
            }
        }
    }
#endif
    return try_prefix(p, n, i, out);
}

uint64_t Matcher::mask_scalar(const uint8_t* p, const Matcher& m) {
    uint64_t mask = 0;
    for (unsigned k = 0; k < 64; ++k)
        mask |= uint64_t((m.start_[p[k]] != 0) & (m.ascii_word_[p[int(k) - 1]] ^ 1)) << k;
    return mask;
}

#if BM_LINKER_X86
namespace {
// Bytes of q[0..32) that begin a name after an ASCII non-word byte (nibble-table lookups: a
// byte is in a set when its low-nibble entry and its high-nibble bucket share a bit).
struct Tables32 {
    __m256i group_lo, group_hi, next_lo, next_hi, word_lo, hi_bit;
};

__attribute__((target("avx2"))) inline __m256i lookup(__m256i x, __m256i lo, __m256i hi) {
    const __m256i nib = _mm256_set1_epi8(0x0F);
    return _mm256_and_si256(
        _mm256_shuffle_epi8(lo, _mm256_and_si256(x, nib)),
        _mm256_shuffle_epi8(hi, _mm256_and_si256(_mm256_srli_epi16(x, 4), nib)));
}

// Candidates among q[0..32): a start byte whose group admits the next byte, after a byte that
// is not an ASCII word character. Reads q[-1..33).
__attribute__((target("avx2"))) inline uint32_t candidates32(const uint8_t* q, const Tables32& t) {
    const __m256i zero = _mm256_setzero_si256();
    const __m256i cur = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q));
    const __m256i prev = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q - 1));
    const __m256i next = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q + 1));
    const __m256i s =
        _mm256_and_si256(lookup(cur, t.group_lo, t.group_hi), lookup(next, t.next_lo, t.next_hi));
    const __m256i w = lookup(prev, t.word_lo, t.hi_bit);
    const uint32_t not_start = uint32_t(_mm256_movemask_epi8(_mm256_cmpeq_epi8(s, zero)));
    const uint32_t not_word = uint32_t(_mm256_movemask_epi8(_mm256_cmpeq_epi8(w, zero)));
    return ~not_start & not_word;
}

__attribute__((target("avx2"))) inline __m256i table32(const uint8_t* t) {
    return _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(t)));
}
}  // namespace

__attribute__((target("avx2"))) uint64_t Matcher::mask_avx2(const uint8_t* p, const Matcher& m) {
    const Tables32 t{table32(m.group_lo_), table32(m.group_hi_), table32(m.next_lo_),
                     table32(m.next_hi_),  table32(m.word_lo_),  table32(m.hi_bit_)};
    return uint64_t(candidates32(p, t)) | uint64_t(candidates32(p + 32, t)) << 32;
}
#else
uint64_t Matcher::mask_avx2(const uint8_t* p, const Matcher& m) {
    return mask_scalar(p, m);
}
#endif

void Matcher::find(std::string_view text, std::vector<Match>& out) const {
    const auto* p = reinterpret_cast<const uint8_t*>(text.data());
    const size_t n = text.size();
    if (n == 0 || arena_.empty()) return;
    size_t i = start_[p[0]] ? try_at(p, n, 0, out) : 1;  // the blocks read p[i - 1]
    uint8_t tail[1 + 64 + 1];
    while (i < n) {
        uint64_t m;
        if (n - i > 64) {  // a block reads p[i - 1 .. i + 64]
            m = mask_(p + i, *this);
        } else {  // the last bytes, copied so the block reads stay in bounds
            tail[0] = p[i - 1];
            std::memcpy(tail + 1, p + i, n - i);
            std::memset(tail + 1 + (n - i), 0, 65 - (n - i));
            m = mask_(tail + 1, *this) & (~uint64_t(0) >> (64 - (n - i)));  // n - i in 1..64
        }
        const size_t base = i;
        i = base + 64;
        while (m) {
            const size_t j = base + size_t(__builtin_ctzll(m));
            const size_t next = try_at(p, n, j, out);
            if (next >= base + 64) {
                i = next;
                break;
            }
            m &= ~uint64_t(0) << (next - base);
        }
    }
}

size_t Matcher::memory_bytes() const {
    return arena_.capacity() + values_.capacity() * 4 + runs_.capacity() * sizeof(RunEntry) +
           (prefixes_.capacity() + prefixes4_.capacity() + short_pairs_.capacity() +
            jump_.capacity()) *
               8 +
           sizeof(*this);
}

}  // namespace bm::linker
