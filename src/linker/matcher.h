#pragma once
// Multi-pattern name matcher, written for ~10^5 names and streams of hundreds of MB.
//
// Matching rules (see DESIGN.md, linker):
//   * Proper-noun case: the first byte of a match must equal the name's first byte exactly
//     (names are stored capitalised, so "Armenia" matches "Armenia"/"ARMENIA" but not
//     "armenia"); every later ASCII letter matches case-insensitively ("Lachin Corridor" ==
//     "Lachin corridor"). Non-ASCII letters after the first match exactly, but a name is also
//     found in capitals ("ŞUŞA", "ЛАЧИН": a second key, gazetteer::uni::to_upper).
//   * Space and hyphen are one separator; U+00A0 and the en dash are accepted in its place.
//     A name of two words takes any of them; in a name of three or more words every separator
//     of one match must be of the same kind (space/hyphen, NBSP or en dash).
//   * Word boundaries: a match begins where the previous character is not a letter or digit of
//     any script, and where the name ends with a letter or digit the text must not continue
//     with one ("Iranian" is not "Iran"); punctuation, quotes and apostrophes are boundaries
//     ("Armenia’s", "Baku-based").
//   * Leftmost-longest, non-overlapping: of overlapping matches the one starting first wins,
//     then the longest; matches with identical spans (one name owned by two places) are all
//     kept, by ascending value.
//
// Algorithm. Every accepted match begins at a word start with the name's exact first byte, so
// the scan only looks at those positions. A 64-byte block at a time it computes the bitmask of
// "a byte that begins some name, followed by a byte that can come second after it, after a byte
// that is not an ASCII word character" (AVX2 nibble-table lookups where the CPU has it, start
// bytes sorted into groups by the bytes that may follow them; a table loop otherwise; a
// non-ASCII previous character is decoded to tell).
// A candidate's run (its first byte, then the ASCII letters, digits and '_' after it) is the run of
// any key it matches: a key's run ends where the key does, with a letter or digit that the text may
// not continue, or at a byte that is not a word byte in the text either. Runs of 3 to 16 bytes
// (SSE2) pass a hashed bitset of the keys' runs (one test: a second filter in front cost more in
// branch misses than it saved) and are then looked up exactly in a table of them. Its entry holds
// the trie position after the run (after the separator when that is the only way on), the one byte
// that may go on from there (and, for the separator, the bytes that may follow it) and the value of
// a key that ends there, so most candidates are settled by the entry alone: no key goes on with the
// next text bytes, and a key ending after the run matches if the boundary allows. Other candidates
// pass hashed bitsets of the keys' first three and four (folded) bytes, and an exact table maps the
// first three bytes to the trie position after them.
// From that position it walks a radix trie (path-compressed, case- and separator-folded keys:
// one key per spelling of a name rather than one per separator variant) as far as the text
// follows, remembering the last node where a name ends with a valid right boundary: that is
// the longest match at this start, and the scan resumes after it. The trie is one byte arena in
// depth-first order — header, value, edge label, child first bytes (searched 16 at a time with
// SSE2), child offsets — 2.4 MB for 120,000 names; the run table adds 4 MB. Texts near their
// end, one- and two-byte keys that the next byte does not rule out and multi-byte separators in
// the first bytes take the plain walk from the root edge. bench/link/README.md has the figures.
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
    // How candidate start positions are found; results are identical, only speed differs.
    enum class Isa : uint8_t { scalar, avx2 };

    Matcher();
    // Adds a name; `value` is returned with each match (e.g. a place index). Call before build.
    void add(std::string_view name, uint32_t value);
    // Freezes the matcher (sorts the keys and lays out the trie).
    void build();

    // All matches in `text` under the rules above, sorted by start. Appends to `out`.
    void find(std::string_view text, std::vector<Match>& out) const;

    // The candidate scan in use: avx2 when the CPU supports it (default), else scalar.
    Isa isa() const { return isa_; }
    // Forces an implementation (tests compare them); avx2 falls back to scalar where unsupported.
    void set_isa(Isa isa);
    static bool avx2_supported();

    size_t pattern_count() const { return pattern_count_; }  // distinct (folded key, value)
    size_t state_count() const { return node_count_; }       // trie nodes
    size_t memory_bytes() const;

  private:
    // A 64-bit mask of candidate positions in p[0..64); reads p[-1] and p[64].
    using MaskFn = uint64_t (*)(const uint8_t* p, const Matcher& m);
    static uint64_t mask_scalar(const uint8_t* p, const Matcher& m);
    static uint64_t mask_avx2(const uint8_t* p, const Matcher& m);

    void add_key(std::string_view name, uint32_t value);
    void build_groups();
    uint32_t emit(size_t lo, size_t hi, size_t depth);
    // The node of the longest accepted match from a walk's start (0 if none), its end in `end`.
    // (node, off): `off` bytes into the node's label; j: text position of the next byte; sep:
    // separator kind so far (0 none, 1 space/hyphen, 2 NBSP, 3 en dash).
    uint32_t walk(const uint8_t* p, size_t n, uint32_t node, unsigned off, size_t j, int sep,
                  size_t& end) const;
    // Tries a candidate position; returns where scanning resumes.
    size_t try_at(const uint8_t* p, size_t n, size_t i, std::vector<Match>& out) const;
    size_t try_prefix(const uint8_t* p, size_t n, size_t i, std::vector<Match>& out) const;
    // Walks from (node, off) at text position j and reports the match starting at i, if any.
    size_t walk_report(const uint8_t* p, size_t n, size_t i, uint32_t node, unsigned off, size_t j,
                       int sep, std::vector<Match>& out) const;
    struct RunEntry;
    size_t walk_on(const uint8_t* p, size_t n, size_t i, const RunEntry& e, size_t t, size_t j,
                   int sep, std::vector<Match>& out) const;
    size_t run_end(const uint8_t* p, size_t n, size_t i, const RunEntry& e, size_t t,
                   std::vector<Match>& out) const;
    bool word_at(const uint8_t* p, size_t n, size_t j) const;
    // Appends the match [start, end) for the values of a terminal node (flags, value field).
    void report(std::vector<Match>& out, uint32_t start, uint32_t end, unsigned flags,
                uint32_t x) const;
    uint32_t prefix_hash(uint32_t p3) const;
    // Build time. Trie position after a key's first len bytes: the node, `off` bytes into its
    // label; the position one (existing) byte c further; the bytes that can come next.
    uint32_t position(const uint8_t* key, size_t len, unsigned& off) const;
    uint32_t advance(uint32_t node, unsigned& off, uint8_t c) const;
    std::vector<uint8_t> bytes_after(uint32_t node, unsigned off) const;
    void build_runs();
    static uint64_t run_mix(uint64_t lo, uint64_t hi);
    size_t run_hash(uint64_t lo, uint64_t hi) const;

    // Build time: folded keys (first byte exact, later ASCII letters lower-cased, separators
    // as one ' ') with their values.
    std::vector<std::pair<std::string, uint32_t>> keys_;
    bool built_ = false;

    std::vector<uint8_t> arena_;    // nodes, depth first; offset 0 is a dummy (= none)
    std::vector<uint32_t> values_;  // per terminal node: count, then the values ascending
    uint32_t root_[256] = {};       // exact first byte → node, 0 = no name begins with it
    uint8_t fold_[256] = {};        // A–Z → a–z, '-' → ' '
    uint8_t ascii_word_[256] = {};  // 1: ASCII letter/digit/_
    // 1: some name begins with this byte; 2: ... and one is just it, or a two-byte key ends in
    // neither letter nor digit (all its candidates take the root walk)
    uint8_t start_[256] = {};
    std::vector<uint64_t> prefixes_;     // bitset: hashed first three bytes of keys
    std::vector<uint64_t> short_pairs_;  // bitset: two-byte keys ending with a letter or digit
    std::vector<uint64_t> prefixes4_;    // bitset: hashed first four bytes of keys
    // prefix << 40 | (a key is just the prefix) << 39 | label offset << 32 | node; 0 = empty
    std::vector<uint64_t> jump_;
    unsigned prefix_shift_ = 32, prefix4_shift_ = 32, jump_shift_ = 32;
    // Run table (build_runs): open addressing on the zero-padded folded run; node 0 = empty.
    // Besides the position, an entry answers the common case without touching the trie: the
    // byte that may continue a key after the run (0 none, 0xFF several: walk; bytes that are
    // ASCII word characters never do, the run has ended), the bytes that may come after it
    // when it is the separator (the position is then the one after the separator), and the
    // node's flags and value when a key ends right after the run.
    struct alignas(32) RunEntry {
        uint8_t run[16] = {};
        uint32_t node = 0;
        uint8_t off = 0, flags = 0, next = 0, unused = 0;
        uint32_t value = 0;
        uint32_t after_space = 0;  // next == ' ': bit (b & 31) for each byte b that may follow
    };
    std::vector<RunEntry> runs_;
    std::vector<uint64_t> run_filter_;  // bitset: hashed runs of the table
    unsigned run_shift_ = 64, run_filter_shift_ = 64;
    // Nibble tables of the AVX2 mask (build_groups): start-byte groups, the next bytes each
    // group admits, and ASCII word bytes (low nibble; high nibble → row bit in hi_bit_).
    alignas(16) uint8_t group_lo_[16] = {};
    alignas(16) uint8_t group_hi_[16] = {};
    alignas(16) uint8_t next_lo_[16] = {};
    alignas(16) uint8_t next_hi_[16] = {};
    alignas(16) uint8_t word_lo_[16] = {};
    alignas(16) uint8_t hi_bit_[16] = {};
    size_t pattern_count_ = 0, node_count_ = 0;
    Isa isa_ = Isa::scalar;
    MaskFn mask_ = &mask_scalar;
};

}  // namespace bm::linker
