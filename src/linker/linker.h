#pragma once
// Links passages to places: finds every name and alias of every gazetteer place in every
// paragraph (linker::Matcher) and indexes the result both ways. Touches neither GL nor ImGui.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "corpus/corpus.h"
#include "gazetteer/gazetteer.h"
#include "linker/context.h"
#include "linker/matcher.h"

namespace bm::linker {

struct Options {
    // Count demonyms ("Armenian", "Azerbaijanis", "Iranian") as mentions of their country.
    // Off by default: "Armenian troops" is about people, not the place.
    bool demonyms = false;
    // The context rules (linker/context.h): a confidence and a reason for every link, one place
    // per mention of a shared name. Off: every place of a matched name is linked, confidence 1.
    bool disambiguate = true;
    // Links under this confidence are still reported (Hit, Index::links_in) but are not counted
    // as the place's passages (Index::passages_of, places_in). 0.5: below it a rule says the
    // mention more likely names something else (a person, an organisation, a common word,
    // another place of the name) than this place.
    float threshold = 0.5f;
    // The vocabulary of the rules; null: the embedded one (Vocabulary::builtin()).
    const Vocabulary* vocabulary = nullptr;
};

struct Span {
    uint32_t start = 0, end = 0;  // UTF-8 byte offsets [start, end) into the paragraph text
    bool operator==(const Span&) const = default;
};

// Why a link has its confidence.
enum class Reason : uint8_t {
    only_place,     // the one place of this name; nothing around it says otherwise
    words_around,   // the words around it say which kind of place ("X district", "town of X")
    kind_mismatch,  // the words around name another kind than the only place of this name has
    same_article,   // of several places of the name, the one the article decides elsewhere
    nearby_places,  // ... the one nearest to the other places the article names
    province,       // ... the one in a province the article names
    prominence,     // ... the most prominent (capital, then population)
    person,         // part of a person's name ("Ararat Mirzoyan", "President X")
    organisation,   // part of an organisation's or a product's name ("Artsakh Bank")
    common_word,    // a one-word name that is also a common word, no place words around it
    hashtag,        // inside a hashtag or CamelCase tag ("#LachinCorridor")
    far_away,       // a village far from every other place the article names (a namesake)
    user,           // confirmed or reassigned by the user (linker/decisions.h)
};
// A stable token for machine output ("words_around") and a phrase for people.
std::string_view reason_name(Reason r);
std::string_view reason_text(Reason r);

struct Hit {
    PlaceId place;
    Span span;
    float confidence = 1;  // in [0, 1]
    Reason reason = Reason::only_place;
    std::vector<PlaceId> candidates;  // other places of the same name, most likely first
};

// Links shown as unsure (Passages panel): under this confidence or with other candidates.
constexpr float kSure = 0.9f;
// What a reader should know of an unsure link, for a tooltip: "not counted (confidence 0.05):
// probably part of a person's name", "confidence 0.55: the most prominent place of this name;
// also Martuni (town, martuni-nk)". Empty for a sure link.
std::string describe(const Hit& h, const gazetteer::Gazetteer& gaz, float threshold);

// The matcher for one gazetteer: names, aliases (and demonyms if asked) of every place, and what
// the rules need to know of each place (kind, position, prominence, province).
class Linker {
  public:
    Linker(const gazetteer::Gazetteer& gaz, const Options& opt = {});
    // Mentions in one passage, by start offset, decided by the words around each.
    std::vector<Hit> link(std::string_view text) const;
    // Buffers one caller reuses between calls (no allocation per passage once warm).
    struct Scratch {
        std::vector<Match> matches;
        std::vector<Span> tags;
        struct Group;
        std::vector<Group> groups;
        Scratch();
        ~Scratch();
    };
    // The same into `out` (cleared), reusing `scratch` between calls.
    void link(std::string_view text, std::vector<Hit>& out, Scratch& scratch) const;
    // Revisits the mentions of one article (hits per paragraph) that several places share,
    // by the article's other places: the same name decided by its words elsewhere, distance to
    // the places named, their provinces; with the paragraphs' `texts`, also a bare town's name
    // that the article uses for the district of the same name.
    void resolve_article(std::vector<std::vector<Hit>>& paragraphs,
                         const std::vector<std::string>* texts = nullptr) const;
    bool counts(const Hit& h) const { return h.confidence >= opt_.threshold; }
    const Options& options() const { return opt_; }
    const Matcher& matcher() const { return matcher_; }
    size_t place_count() const { return info_.size(); }  // the gazetteer's size when built

  private:
    void district_sense(std::vector<std::vector<Hit>>& paragraphs,
                        const std::vector<std::string>& texts) const;
    struct PlaceInfo {
        float lon = 0, lat = 0;
        float prominence = 0;  // feature code rank + population (log)
        PlaceId admin;         // its province
        Vocabulary::KindClass cls = Vocabulary::KindClass::other;
        bool common_name = false;  // a one-word name or alias of it is a common word
        bool has_position = false;
    };
    // The link of the matches ms[k, e) (one span); `forced`: the kind a list around it names.
    // ctx: the kind the words around name; plural: named by a plural ("directions").
    Hit decide(std::string_view text, const std::vector<Match>& ms, size_t k, size_t e,
               bool in_hashtag, Vocabulary::KindClass forced, Vocabulary::KindClass& ctx,
               bool& plural) const;
    void add_hashtags(std::string_view text, std::vector<Match>& ms, std::vector<Span>& tags) const;

    Options opt_;
    const Vocabulary* vocab_ = nullptr;
    Matcher matcher_;
    std::vector<PlaceInfo> info_;
    // PlaceInfo::common_name as a bitset: read on every match, it must stay in cache (info_ is
    // megabytes for a large gazetteer, and its load was most of the rules' cost).
    std::vector<uint64_t> common_bits_;
    bool common(PlaceId p) const {
        const size_t i = p.index();
        return common_bits_[i >> 6] >> (i & 63) & 1;
    }
    const PlaceInfo& info(PlaceId p) const { return info_[p.index()]; }
    uint32_t stop_value_ = 0;  // value of stop phrases (one past the last place)
    // fold_key("Kalbajar") → the district called "Kalbajar District" (or "... rayonu")
    std::unordered_map<std::string, PlaceId> district_form_;
    std::unordered_map<PlaceId, PlaceId> town_district_;  // town → district by any spelling
};

// A passage that mentions a place: which article and paragraph, and where in it.
struct Passage {
    ArticleId article;
    uint32_t paragraph = 0;
    std::vector<Span> spans;
    PassageRef ref() const { return {article, paragraph}; }
};

// A place mentioned in a passage, with where.
struct PlaceSpans {
    PlaceId place;
    std::vector<Span> spans;
};

class Decisions;
struct DecisionReport;

class Index {
  public:
    Index() = default;
    // `decisions` (linker/decisions.h), when given, correct each article's links after the
    // linker's run; `report` counts what each one changed.
    static Index build(const gazetteer::Gazetteer& gaz, const corpus::Corpus& corpus,
                       const Options& opt = {}, const Decisions* decisions = nullptr,
                       DecisionReport* report = nullptr);
    // The same with a linker the caller keeps (for relink).
    static Index build(const Linker& linker, const corpus::Corpus& corpus,
                       const Decisions* decisions = nullptr, DecisionReport* report = nullptr);
    // Links `articles` again (after a decision, or with a linker that knows more names) and
    // updates both directions of the index for them alone; every other article is untouched.
    // Articles beyond the index's end (newly added to `corpus`) are appended. The linker's
    // gazetteer may have grown (new places at its end), never reordered.
    void relink(const Linker& linker, const corpus::Corpus& corpus,
                const std::vector<ArticleId>& articles, const Decisions* decisions = nullptr,
                DecisionReport* report = nullptr);

    // Passages naming place `place` (gazetteer index) by a counted link (confidence at or over
    // Options::threshold), in article then paragraph order.
    const std::vector<Passage>& passages_of(PlaceId place) const;
    // Passages where `place` has only links under the threshold (shown apart, marked).
    const std::vector<Passage>& uncertain_passages_of(PlaceId place) const;
    // Places named in one paragraph by counted links, by first mention.
    const std::vector<PlaceSpans>& places_in(PassageRef passage) const;
    // Every link of one paragraph, counted or not, by start offset.
    const std::vector<Hit>& links_in(PassageRef passage) const;

    size_t place_count() const { return by_place_.size(); }
    size_t mention_count() const { return mentions_; }     // counted links
    size_t uncertain_count() const { return uncertain_; }  // links under the threshold
    float threshold() const { return threshold_; }

  private:
    // Indexes article `a` from its links (links_[a] filled in): appends to by_place_.
    void index_article(const Linker& linker, size_t a);
    std::vector<std::vector<Passage>> by_place_, uncertain_by_place_;
    std::vector<std::vector<std::vector<PlaceSpans>>> by_passage_;  // [article][paragraph]
    std::vector<std::vector<std::vector<Hit>>> links_;              // [article][paragraph]
    size_t mentions_ = 0, uncertain_ = 0;
    float threshold_ = 0.5f;
};

}  // namespace bm::linker
