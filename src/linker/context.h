#pragma once
// The vocabulary of the linker's context rules, kept as data: linker/context.txt (the words around
// a place name that say it names a district, a settlement, a person or an organisation) and
// linker/common_words.txt (English words a one-word place name may also be), both embedded.
// Lookups are cheap enough to run on every match: a word is folded (ASCII letters to lower case)
// into a fixed buffer and found in an open-addressing table.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/problem.h"

namespace bm::linker {

// What a word next to a place name says (bits of Vocabulary::roles).
enum Role : uint16_t {
    kDistrictAfter = 1 << 0,       // "Kalbajar district", "the Lachin direction"
    kDistrictBeforeOf = 1 << 1,    // "the district of Lachin"
    kSettlementAfter = 1 << 2,     // "Agdam town"
    kSettlementBeforeOf = 1 << 3,  // "the town of Lachin"
    kPlaceBefore = 1 << 4,         // "in Kind", "near Gold"
    kGivenName = 1 << 5,           // the place name is also a given name ("Ararat")
    kPersonBefore = 1 << 6,        // "President X", "Nikol X"
    kOrganisationAfter = 1 << 7,   // "Artsakh Bank", "Yerevan State University"
    kOrganisationBefore = 1 << 8,  // "FC Qarabağ"
    kNotSurname = 1 << 9,          // "Armenian" ends like a surname but is none
    kPlaceWordAfter = 1 << 10,     // "Ararat Valley" stays a place
    kFeatureWord = 1 << 11,        // "Lake Sevan", "Hakari bridge": a feature, not the town
};

class Vocabulary {
  public:
    enum class KindClass : uint8_t { other, settlement, district };

    // Parses a rules file (context.txt's format); problems name `file`, the line and the reason.
    static Vocabulary parse(std::string_view text, const std::string& file, Problems& problems);
    // The embedded rules and common words, parsed once.
    static const Vocabulary& builtin();
    // Adds common words: one lower-case word a line, '#' comments (common_words.txt's format).
    // `text_outlives`: the text stays valid as long as this (embedded data) and may be used in
    // place.
    void add_common_words(std::string_view text, const std::string& file, Problems& problems,
                          bool text_outlives = false);

    // Roles of a word (ASCII letters compared case-insensitively); 0 for unknown words.
    uint16_t roles(std::string_view word) const;
    // A word that ends like a surname ("Mirzoyan", "Sarkissian", "Aliyev"), two letters longer
    // than the ending.
    bool surname_ending(std::string_view word) const;
    KindClass kind_class(std::string_view kind) const;
    // A one-word name that is a common English word ("Kind", "Bank"; ASCII letters only).
    bool common_word(std::string_view word) const;
    const std::vector<std::string>& stop_phrases() const { return stop_phrases_; }
    size_t word_count() const { return count_; }
    size_t common_word_count() const;

  private:
    static constexpr size_t kMaxWord = 24;
    struct Slot {
        uint64_t w[3] = {};  // the folded word, zero-padded
        uint16_t roles = 0;
        uint8_t len = 0;
    };
    // Folds `word` into w; false when it is too long to be in the table.
    // Common words from text known to be clean and sorted, used in place (the embedded file).
    void use_sorted_words(std::string_view text);
    static bool fold(std::string_view word, uint64_t (&w)[3]);
    static size_t hash(const uint64_t (&w)[3]);
    void add(std::string_view word, uint16_t roles);

    // Quick rejects in front of the table: the lengths present, and the folded first two bytes
    // of every word (a 64 Kbit set), so most words next to a name cost two loads.
    uint32_t lengths_ = 0;
    std::vector<uint64_t> pairs_ = std::vector<uint64_t>(65536 / 64);
    std::vector<Slot> slots_ = std::vector<Slot>(512);
    size_t count_ = 0;
    std::vector<std::string> endings_;  // surname endings, longest first
    std::vector<std::string> settlement_kinds_, district_kinds_, stop_phrases_;
    // Sorted common words, one a line: embedded text used in place, or an owned copy (a view
    // is rebuilt on use, so copying a Vocabulary copies no dangling pointer).
    std::string_view words() const { return in_owned_ ? std::string_view(owned_) : outside_; }
    std::string_view outside_;
    std::string owned_;
    bool in_owned_ = false;
    mutable size_t word_lines_ = 0;
};

}  // namespace bm::linker
