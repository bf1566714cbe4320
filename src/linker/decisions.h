#pragma once
// A user's corrections of the linker (issue 16), applied to a fresh link run: confirm a link
// (confidence 1), reject it (the link goes), or reassign it to another place. A decision names
// what it corrects by stable ids, never by positions: the article's id (corpus/article_id.h)
// and paragraph, the place's id (Place::id) and the mention's text as written; so it holds
// after a re-import, a rebuild of the default data or a re-link. Its scope says how far it
// reaches: that one passage, every mention of that text in the article, or in every article.
//
// A decision applies only to a link whose text and place are the ones it names: one whose
// mention is gone (the text edited, the place now decided otherwise, the place removed) is
// kept and reported (`DecisionReport`), never moved onto another mention. Applying the same
// decisions again to their own result changes nothing.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "corpus/corpus.h"
#include "gazetteer/gazetteer.h"
#include "linker/linker.h"

namespace bm::linker {

enum class Action : uint8_t { confirm, reject, reassign };
enum class Scope : uint8_t {
    passage,  // this mention in this passage
    article,  // this name for this place in this article
    all,      // this name for this place in every article
};
// Tokens kept in the workspace and used on the command line: "confirm", "reject", "relink";
// "passage", "article", "all".
std::string_view action_name(Action a);
std::optional<Action> parse_action(std::string_view s);  // also "reassign"
std::string_view scope_name(Scope s);
std::optional<Scope> parse_scope(std::string_view s);

struct Decision {
    std::string article;  // the article's stable id
    uint32_t paragraph = 0;
    std::string mention;  // the mention's text as written ("Lachin")
    Action action = Action::confirm;
    std::string place;  // the place the link has (confirm, reject) or had (reassign)
    std::string to;     // reassign: the place it goes to
    Scope scope = Scope::passage;
    bool operator==(const Decision&) const = default;
};

// "<article id>:<paragraph>", the passage id the workspace and the command line use.
std::string passage_id(std::string_view article, uint32_t paragraph);
// False when `id` is not of that form (no colon, a paragraph that is not a number).
bool parse_passage_id(std::string_view id, std::string& article, uint32_t& paragraph);

// Why a decision applied to nothing.
struct StaleDecision {
    size_t decision = 0;  // index into the list given to Decisions
    std::string why;      // "no mention 'Lachin' linked to lachin-town in passage u12…:3"
};

struct DecisionReport {
    std::vector<size_t> uses;  // per decision: the links it changed
    std::vector<StaleDecision> stale(const class Decisions& d,
                                     const gazetteer::Gazetteer& gaz) const;
};

// The decisions in force, in the order they were taken, with their places resolved against one
// gazetteer. Where several decisions name one link, the one taken nearest wins (in its passage,
// then in its article, then elsewhere), then the latest.
class Decisions {
  public:
    Decisions() = default;
    Decisions(std::vector<Decision> list, const gazetteer::Gazetteer& gaz);
    bool empty() const { return list_.empty(); }
    const std::vector<Decision>& list() const { return list_; }

    // Corrects the links of one article (hits per paragraph, as Linker::link and
    // resolve_article leave them) in place. `report`, when given, counts each decision's uses
    // (its `uses` is sized to the list on first use).
    void apply(const corpus::Article& article, std::vector<std::vector<Hit>>& paragraphs,
               DecisionReport* report = nullptr) const;

  private:
    struct Resolved {
        PlaceId place, to;
    };
    std::vector<Decision> list_;
    std::vector<Resolved> resolved_;
    std::unordered_map<std::string, std::vector<size_t>> by_article_;  // passage, article scope
    std::unordered_map<std::string, std::vector<size_t>> by_mention_;  // all scope, by text
};

}  // namespace bm::linker
