#pragma once
// What the Review panel and `briefmap review` share (issue 16): the workspace's decisions and
// aliases turned into what the linker and the gazetteer take, the two review queues (links to
// check, names the map does not know), and the checks a decision's passage and places need.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/problem.h"
#include "corpus/corpus.h"
#include "gazetteer/gazetteer.h"
#include "linker/decisions.h"
#include "linker/linker.h"
#include "linker/unknown_names.h"
#include "store/workspace.h"

namespace bm::review {

// The workspace's decisions as the linker applies them; a row it cannot read (a bad passage
// id, action or scope) is reported and left out.
std::vector<linker::Decision> decisions_of(const std::vector<store::LinkDecision>& rows,
                                           const std::string& workspace, Problems& problems);
store::LinkDecision to_row(const linker::Decision& d);

// Adds the workspace's aliases to their places; one whose place is missing is reported.
void add_aliases(gazetteer::Gazetteer& gaz, const std::vector<store::PlaceAlias>& aliases,
                 const std::string& workspace, Problems& problems);

// Why a link is in the queue.
enum class CheckKind : uint8_t {
    shared_name,       // two or more places of this name
    district_or_town,  // a district and a town of one name
    common_word,       // a one-word name that is also a common word
    not_a_place,       // taken for part of a person's or an organisation's name
    low_confidence,    // any other link under linker::kSure
    near_spelling,     // a name the map does not know, one letter or two from a place's name
};
std::string_view check_kind_name(CheckKind k);  // "shared_name", ...
std::string_view check_kind_text(CheckKind k);  // "two places of one name", ...

// One name linked to one place, unsure, with every passage where it is.
struct LinkToCheck {
    CheckKind kind = CheckKind::low_confidence;
    std::string mention;  // as written (the first passage's spelling)
    PlaceId place;
    float confidence = 1;  // the lowest of its passages
    linker::Reason reason = linker::Reason::only_place;
    std::vector<PlaceId> candidates;  // the other places of the name
    std::vector<PassageRef> passages;
};

// Links not decided by the user that are under linker::kSure or have other candidates, grouped
// by (text, place), most passages first; then names the map does not know that are one or two
// edits from a place's name (kind near_spelling, `place` the nearest, `passages` theirs).
std::vector<LinkToCheck> links_to_check(const corpus::Corpus& corpus,
                                        const gazetteer::Gazetteer& gaz, const linker::Index& index,
                                        const std::vector<linker::UnknownName>& unknown);

// Unknown names sorted by the passages they touch (most first).
std::vector<linker::UnknownName> unknown_by_passages(std::vector<linker::UnknownName> names);
size_t passage_count(const linker::UnknownName& n);

// The passage with this id, or why not ("no article with id 'x'", "article 'x' has 3
// paragraphs (0–2)", "'x' is not a passage id (ARTICLE:PARAGRAPH)").
PassageRef find_passage(const corpus::Corpus& corpus, std::string_view id, std::string& why);
// The distinct texts with which `place` is linked (counted or not) in `passage`.
std::vector<std::string> mentions_of(const corpus::Corpus& corpus, const linker::Index& index,
                                     PassageRef passage, PlaceId place);

// A new user place's id from its name: "user:" + a lower-case slug, "-2", "-3"… when taken.
std::string user_place_id(std::string_view name, const gazetteer::Gazetteer& gaz,
                          const std::vector<store::UserPlace>& existing);

}  // namespace bm::review
