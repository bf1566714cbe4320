#pragma once
// Multi-pattern name matcher: an Aho–Corasick automaton over bytes, written for ~10^5 names.
//
// Matching rules (see DESIGN.md, linker):
//   * Proper-noun case: the first byte of a match must equal the pattern's first byte exactly
//     (names are stored capitalised, so "Armenia" matches "Armenia"/"ARMENIA" but not
//     "armenia"); every later ASCII letter matches case-insensitively ("Lachin Corridor" ==
//     "Lachin corridor"). Non-ASCII letters after the first match exactly.
//   * Space and hyphen are one separator; U+00A0 and the en dash are accepted in its place
//     (names are expanded into those spellings when added: every mix for one separator,
//     uniform spellings for longer names).
//   * Word boundaries: where the pattern begins/ends with a letter or digit, the text must not
//     continue with a letter or digit of any script ("Iranian" is not "Iran"); punctuation,
//     quotes and apostrophes are boundaries ("Armenia’s", "Baku-based").
//   * Leftmost-longest, non-overlapping: of overlapping matches the one starting first wins,
//     then the longest; matches with identical spans (one name owned by two places) are all
//     kept.
//
// Algorithm: Aho–Corasick over bytes, anchored at word starts. Because every accepted match
// begins at a word start with the name's exact first byte, the automaton is entered from the
// root only there (a 256-entry exact-byte start table plus a previous-character check), and
// failure links point only to suffixes that themselves begin at a word start inside the name.
// So the scan loop skips every byte that cannot begin a name (in English prose all but
// capitals at word starts) without touching the automaton, and never wanders through
// mid-word suffix states. Trie edges below the root are case-folded; the root's are exact.
// States are numbered depth first, so a walk down a name (mostly single-child states) reads
// consecutive memory and needs no edge lookup; states with many children get a dense 256-entry
// row, the rest short byte lists.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bm::linker {

struct Match {
    uint32_t start = 0, end = 0;  // byte offsets [start, end) into the scanned text
    uint32_t value = 0;           // the value given to Matcher::add
};

class Matcher {
  public:
    // Adds a name; `value` is returned with each match (e.g. a place index). Call before build.
    void add(std::string_view name, uint32_t value);
    // Freezes the automaton (computes failure links and the compact layout).
    void build();

    // All matches in `text` under the rules above, sorted by start. Appends to `out`.
    void find(std::string_view text, std::vector<Match>& out) const;

    // Raw Aho–Corasick hits (case and boundary checked, overlaps not yet resolved), in order of
    // end offset; for callers that stream large inputs and count only.
    template <class F>
    void scan(std::string_view text, F&& on_hit) const;

    size_t pattern_count() const { return pats_.size(); }
    size_t state_count() const { return states_.size(); }
    size_t memory_bytes() const;

  private:
    struct Pattern {
        uint32_t value;
        uint32_t len;
        uint8_t first;    // exact first byte
        bool word_start;  // begins with a word character → boundary needed before
        bool word_end;    // ends with a word character → boundary needed after
    };
    struct State {  // 24 bytes; children follow their parent (depth-first ids)
        uint32_t fail = 0;
        uint32_t edges = 0;  // index into edge_bytes_/edge_targets_, or dense row index
        uint32_t out = 0;    // 1 + first index in outs_ of patterns ending here, 0 if none
        uint32_t dict = 0;   // nearest state on the failure chain with out != 0 (0 if none)
        uint16_t depth = 0;  // length of the state's string in bytes
        uint16_t nedges = 0;
        uint8_t first = 0;  // exact first byte of the state's string (its root edge)
        uint8_t dense = 0;  // 1: `edges` is a row in dense_
        uint8_t only = 0;   // with nedges == 1: the byte to the single child, which is id + 1
        uint8_t pad = 0;
    };

    void insert(std::string_view bytes, uint32_t pattern);
    bool word_start(const unsigned char* p, size_t i, std::string_view text) const;
    uint32_t child(uint32_t s, uint8_t folded) const;
    bool accept(std::string_view text, size_t end, const Pattern& p) const;
    void add_variants(std::string_view name, uint32_t value);

    // Build-time trie: per node sorted (byte, child) list.
    std::vector<std::vector<std::pair<uint8_t, uint32_t>>> trie_;
    std::vector<std::vector<uint32_t>> node_pats_;
    std::vector<uint8_t> node_boundary_;  // the node's string ends with a non-word character
    bool built_ = false;

    std::vector<Pattern> pats_;
    std::vector<State> states_;
    std::vector<uint8_t> edge_bytes_;
    std::vector<uint32_t> edge_targets_;
    std::vector<uint32_t> dense_;    // rows of 256 child ids (0 = none)
    std::vector<uint32_t> outs_;     // pattern ids, runs terminated by UINT32_MAX
    uint32_t root_start_[256] = {};  // exact first byte → depth-1 state, 0 = cannot start
    uint8_t fold_[256] = {};
    uint8_t ascii_word_[256] = {};  // 1: ASCII letter/digit/_; 2: byte >= 0x80 (decode to tell)
};

}  // namespace bm::linker

#include "linker/matcher_inl.h"
