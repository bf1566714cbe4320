#include "linker/context.h"

#include <algorithm>
#include <cstring>

#include "common/resources.h"

namespace bm::linker {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = char(c + 32);
    return out;
}

struct Section {
    std::string_view name;
    uint16_t role;  // 0: not a word list
};
constexpr Section kSections[] = {
    {"district after", kDistrictAfter},
    {"district before of", kDistrictBeforeOf},
    {"settlement after", kSettlementAfter},
    {"settlement before of", kSettlementBeforeOf},
    {"place before", kPlaceBefore},
    {"given names", kGivenName},
    {"person before", kPersonBefore},
    {"organisation after", kOrganisationAfter},
    {"organisation before", kOrganisationBefore},
    {"not surnames", kNotSurname},
    {"place words after", kPlaceWordAfter},
    {"feature words", kFeatureWord},
    {"surname endings", 0},
    {"settlement kinds", 0},
    {"district kinds", 0},
    {"stop phrases", 0},
};

}  // namespace

bool Vocabulary::fold(std::string_view word, uint64_t (&w)[3]) {
    if (word.empty() || word.size() > kMaxWord) return false;
    char buf[kMaxWord] = {};
    for (size_t i = 0; i < word.size(); ++i) {
        const char c = word[i];
        buf[i] = c >= 'A' && c <= 'Z' ? char(c + 32) : c;
    }
    std::memcpy(w, buf, sizeof buf);
    return true;
}

size_t Vocabulary::hash(const uint64_t (&w)[3]) {
    uint64_t h = (w[0] ^ (w[1] * 0xC2B2AE3D27D4EB4Full) ^ (w[2] * 0x165667B19E3779F9ull)) *
                 0x9E3779B97F4A7C15ull;
    return size_t(h >> 32);
}

namespace {
inline uint8_t fold_ascii(char c) {
    return uint8_t(c >= 'A' && c <= 'Z' ? c + 32 : c);
}
inline uint32_t pair_of(std::string_view w) {
    return uint32_t(fold_ascii(w[0])) << 8 | (w.size() > 1 ? fold_ascii(w[1]) : 0);
}
}  // namespace

void Vocabulary::add(std::string_view word, uint16_t roles) {
    uint64_t w[3];
    if (!fold(word, w)) return;
    lengths_ |= uint32_t(1) << word.size();
    const uint32_t pr = pair_of(word);
    pairs_[pr >> 6] |= uint64_t(1) << (pr & 63);
    if (2 * (count_ + 1) > slots_.size()) {  // keep the table at most half full
        std::vector<Slot> old(slots_.size() * 2);
        old.swap(slots_);
        count_ = 0;
        for (const Slot& s : old)
            if (s.len) {
                size_t i = hash(s.w) & (slots_.size() - 1);
                while (slots_[i].len) i = (i + 1) & (slots_.size() - 1);
                slots_[i] = s;
                ++count_;
            }
    }
    size_t i = hash(w) & (slots_.size() - 1);
    for (;; i = (i + 1) & (slots_.size() - 1)) {
        Slot& s = slots_[i];
        if (!s.len) {
            std::memcpy(s.w, w, sizeof w);
            s.len = uint8_t(word.size());
            s.roles = roles;
            ++count_;
            return;
        }
        if (s.len == word.size() && std::memcmp(s.w, w, sizeof w) == 0) {
            s.roles |= roles;
            return;
        }
    }
}

uint16_t Vocabulary::roles(std::string_view word) const {
    if (word.empty() || word.size() > kMaxWord || !(lengths_ >> word.size() & 1)) return 0;
    const uint32_t pr = pair_of(word);
    if (!(pairs_[pr >> 6] >> (pr & 63) & 1)) return 0;
    uint64_t w[3];
    if (!fold(word, w)) return 0;
    for (size_t i = hash(w) & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
        const Slot& s = slots_[i];
        if (!s.len) return 0;
        if (s.len == word.size() && s.w[0] == w[0] && s.w[1] == w[1] && s.w[2] == w[2])
            return s.roles;
    }
}

bool Vocabulary::surname_ending(std::string_view word) const {
    for (const std::string& e : endings_)
        if (word.size() >= e.size() + 2 && word.ends_with(e)) return true;
    return false;
}

Vocabulary::KindClass Vocabulary::kind_class(std::string_view kind) const {
    const std::string k = lower_ascii(kind);
    if (std::find(settlement_kinds_.begin(), settlement_kinds_.end(), k) != settlement_kinds_.end())
        return KindClass::settlement;
    if (std::find(district_kinds_.begin(), district_kinds_.end(), k) != district_kinds_.end())
        return KindClass::district;
    return KindClass::other;
}

// Binary search over the lines of words_ (sorted, one word a line, no comments).
bool Vocabulary::common_word(std::string_view word) const {
    if (word.size() < 3 || word.size() > kMaxWord) return false;
    char buf[kMaxWord];
    for (size_t i = 0; i < word.size(); ++i) {
        const char c = word[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
        buf[i] = c >= 'A' && c <= 'Z' ? char(c + 32) : c;
    }
    const std::string_view key(buf, word.size());
    const std::string_view words_ = words();
    size_t lo = 0, hi = words_.size();
    while (lo < hi) {
        size_t s = (lo + hi) / 2;
        while (s > lo && words_[s - 1] != '\n') --s;
        size_t e = words_.find('\n', s);
        if (e == std::string_view::npos || e > hi) e = hi;
        const int c = key.compare(words_.substr(s, e - s));
        if (c == 0) return true;
        if (c < 0)
            hi = s;
        else
            lo = e + 1;
    }
    return false;
}

Vocabulary Vocabulary::parse(std::string_view text, const std::string& file, Problems& problems) {
    Vocabulary v;
    const Section* section = nullptr;
    bool unknown = false;  // in a section already reported as unknown
    size_t line_no = 0;
    auto problem = [&](const std::string& why) {
        problems.push_back(warning("read linker vocabulary", file,
                                   "line " + std::to_string(line_no), why,
                                   Problem::Code::BadValue));
    };
    for (size_t at = 0; at <= text.size();) {
        size_t nl = text.find('\n', at);
        if (nl == std::string_view::npos) nl = text.size();
        std::string_view line = text.substr(at, nl - at);
        at = nl + 1;
        ++line_no;
        if (size_t hash = line.find('#'); hash != std::string_view::npos)
            line = line.substr(0, hash);
        line = trim(line);
        if (line.empty()) continue;
        if (line.front() == '[') {
            if (line.back() != ']') {
                problem("section header without ']': \"" + std::string(line) + "\"");
                section = nullptr;
                unknown = true;
                continue;
            }
            const std::string_view name = trim(line.substr(1, line.size() - 2));
            section = nullptr;
            for (const Section& s : kSections)
                if (s.name == name) section = &s;
            unknown = !section;
            if (unknown)
                problem("unknown section [" + std::string(name) + "]; its entries are ignored");
            continue;
        }
        if (!section) {
            if (!unknown) problem("entry \"" + std::string(line) + "\" outside a known section");
            continue;
        }
        const bool phrase = section->name == "stop phrases" || section->name.ends_with("kinds");
        if (!phrase && line.find_first_of(" \t") != std::string_view::npos) {
            problem("\"" + std::string(line) + "\" in [" + std::string(section->name) +
                    "] is more than one word; ignored");
            continue;
        }
        if (!phrase && line.size() > kMaxWord) {
            problem("\"" + std::string(line) + "\" is longer than " + std::to_string(kMaxWord) +
                    " bytes; ignored");
            continue;
        }
        if (section->role) {
            v.add(line, section->role);
        } else if (section->name == "surname endings") {
            v.endings_.emplace_back(line);
        } else if (section->name == "settlement kinds") {
            v.settlement_kinds_.push_back(lower_ascii(line));
        } else if (section->name == "district kinds") {
            v.district_kinds_.push_back(lower_ascii(line));
        } else {
            v.stop_phrases_.emplace_back(line);
        }
    }
    // Longest ending first, so "yeva" is tried before "eva" (the answer is the same; fewer tests).
    std::sort(v.endings_.begin(), v.endings_.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    return v;
}

void Vocabulary::add_common_words(std::string_view text, const std::string& file,
                                  Problems& problems, bool text_outlives) {
    // Used in place when it is already clean (the embedded file: no copy, no allocation, which
    // on a loaded VM cost ~100 ms of page faults for 40,000 strings); otherwise a cleaned,
    // sorted copy with what was there before.
    std::vector<std::string_view> lines;
    bool clean = words().empty(), sorted = true, started = false;
    size_t line_no = 0, body = 0, count = 0;
    std::string_view prev;
    for (size_t at = 0; at < text.size();) {
        size_t nl = text.find('\n', at);
        if (nl == std::string_view::npos) nl = text.size();
        const std::string_view raw = text.substr(at, nl - at);
        const std::string_view line = trim(raw);
        const size_t here = at;
        at = nl + 1;
        ++line_no;
        if (line.empty() || line.front() == '#') {
            if (started) clean = false;  // only leading comments can be skipped in place
            continue;
        }
        if (!started) body = here;
        started = true;
        if (line.size() != raw.size()) clean = false;  // spaces or CR: a cleaned copy
        if (line.size() > kMaxWord ||
            !std::all_of(line.begin(), line.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
            problems.push_back(
                warning("read linker vocabulary", file, "line " + std::to_string(line_no),
                        "\"" + std::string(line) + "\" is not one lower-case ASCII word; ignored",
                        Problem::Code::BadValue));
            clean = false;
            continue;
        }
        if (!prev.empty() && !(prev < line)) sorted = false;
        prev = line;
        lines.push_back(line);
        ++count;
    }
    std::string_view body_text = started ? text.substr(body) : std::string_view{};
    while (!body_text.empty() && body_text.back() == '\n') body_text.remove_suffix(1);
    if (clean && sorted && text_outlives) {
        outside_ = body_text;
        in_owned_ = false;
        word_lines_ = count;
        return;
    }
    // Merge with the words so far, sort, and keep one owned copy.
    const std::string old = std::string(words());
    for (size_t at = 0; at < old.size();) {
        size_t nl = old.find('\n', at);
        if (nl == std::string::npos) nl = old.size();
        lines.push_back(std::string_view(old).substr(at, nl - at));
        at = nl + 1;
    }
    std::sort(lines.begin(), lines.end());
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    std::string joined;
    for (const auto& l : lines) {
        if (!joined.empty()) joined += '\n';
        joined += l;
    }
    owned_ = std::move(joined);
    in_owned_ = true;
    word_lines_ = lines.size();
}

void Vocabulary::use_sorted_words(std::string_view text) {
    while (!text.empty() && text.front() == '#') {  // the leading comment lines
        const size_t nl = text.find('\n');
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    }
    while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    outside_ = text;
    in_owned_ = false;
    word_lines_ = text.empty() ? 0 : size_t(-1);  // counted when asked
}

size_t Vocabulary::common_word_count() const {
    if (word_lines_ == size_t(-1)) {
        const std::string_view w = words();
        word_lines_ = size_t(std::count(w.begin(), w.end(), '\n')) + 1;
    }
    return word_lines_;
}

const Vocabulary& Vocabulary::builtin() {
    static const Vocabulary v = [] {
        Problems ignored;  // the shipped files parse cleanly (tests/unit/linker_context_test.cpp)
        Vocabulary out =
            parse(resource("linker/context.txt").value_or(""), "linker/context.txt", ignored);
        // Checked clean and sorted by tests/unit/linker_context_test.cpp, so used as it is
        // without a pass over its 40,000 lines (page faults on a first start).
        out.use_sorted_words(resource("linker/common_words.txt").value_or(""));
        return out;
    }();
    return v;
}

}  // namespace bm::linker
