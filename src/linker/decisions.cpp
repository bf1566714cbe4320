#include "linker/decisions.h"

#include <algorithm>
#include <charconv>

namespace bm::linker {

std::string_view action_name(Action a) {
    switch (a) {
        case Action::confirm:
            return "confirm";
        case Action::reject:
            return "reject";
        case Action::reassign:
            return "relink";
    }
    return "";
}

std::optional<Action> parse_action(std::string_view s) {
    if (s == "confirm") return Action::confirm;
    if (s == "reject") return Action::reject;
    if (s == "relink" || s == "reassign") return Action::reassign;
    return std::nullopt;
}

std::string_view scope_name(Scope s) {
    switch (s) {
        case Scope::passage:
            return "passage";
        case Scope::article:
            return "article";
        case Scope::all:
            return "all";
    }
    return "";
}

std::optional<Scope> parse_scope(std::string_view s) {
    if (s == "passage") return Scope::passage;
    if (s == "article") return Scope::article;
    if (s == "all") return Scope::all;
    return std::nullopt;
}

std::string passage_id(std::string_view article, uint32_t paragraph) {
    return std::string(article) + ":" + std::to_string(paragraph);
}

bool parse_passage_id(std::string_view id, std::string& article, uint32_t& paragraph) {
    const size_t colon = id.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == id.size()) return false;
    const char* b = id.data() + colon + 1;
    const char* e = id.data() + id.size();
    uint32_t p = 0;
    auto [end, ec] = std::from_chars(b, e, p);
    if (ec != std::errc() || end != e) return false;
    article.assign(id.substr(0, colon));
    paragraph = p;
    return true;
}

Decisions::Decisions(std::vector<Decision> list, const gazetteer::Gazetteer& gaz)
    : list_(std::move(list)) {
    resolved_.reserve(list_.size());
    for (size_t i = 0; i < list_.size(); ++i) {
        const Decision& d = list_[i];
        resolved_.push_back(
            {gaz.find_id(d.place), d.action == Action::reassign ? gaz.find_id(d.to) : PlaceId()});
        if (d.scope == Scope::all)
            by_mention_[d.mention].push_back(i);
        else
            by_article_[d.article].push_back(i);
    }
}

void Decisions::apply(const corpus::Article& article, std::vector<std::vector<Hit>>& paragraphs,
                      DecisionReport* report) const {
    if (list_.empty()) return;
    if (report && report->uses.size() != list_.size()) report->uses.assign(list_.size(), 0);
    const auto own = by_article_.find(article.id);
    const std::vector<size_t>* mine = own == by_article_.end() ? nullptr : &own->second;
    if (!mine && by_mention_.empty()) return;
    for (size_t p = 0; p < paragraphs.size() && p < article.paragraphs.size(); ++p) {
        const std::string& text = article.paragraphs[p];
        auto& hits = paragraphs[p];
        for (size_t k = 0; k < hits.size();) {
            Hit& h = hits[k];
            const std::string_view said =
                h.span.end <= text.size() && h.span.start <= h.span.end
                    ? std::string_view(text).substr(h.span.start, h.span.end - h.span.start)
                    : std::string_view();
            // The decision naming this link: its text, and its place as the linker gave it (or,
            // applied again, as this decision left it).
            long best = -1;
            int best_rank = -1;
            auto consider = [&](size_t i) {
                const Decision& d = list_[i];
                const Resolved& r = resolved_[i];
                if (d.mention != said || !r.place) return;
                if (d.scope == Scope::passage && d.paragraph != p) return;
                const bool as_linked = h.place == r.place;
                const bool as_left = h.reason == Reason::user &&
                                     h.place == (d.action == Action::reassign ? r.to : r.place);
                if (!as_linked && !as_left) return;
                if (d.action == Action::reassign && !r.to) return;
                // Nearest first: a decision taken in this passage (whatever its scope: the
                // user's latest word here), then one of this article, then one of every article.
                const bool own_article = d.article == article.id;
                const int rank = own_article && d.paragraph == p ? 2 : own_article ? 1 : 0;
                if (rank > best_rank || (rank == best_rank && long(i) > best))
                    best = long(i), best_rank = rank;
            };
            if (mine)
                for (size_t i : *mine) consider(i);
            if (!by_mention_.empty())
                if (auto it = by_mention_.find(std::string(said)); it != by_mention_.end())
                    for (size_t i : it->second) consider(i);
            if (best < 0) {
                ++k;
                continue;
            }
            if (report) ++report->uses[size_t(best)];
            const Decision& d = list_[size_t(best)];
            if (d.action == Action::reject) {
                hits.erase(hits.begin() + long(k));
                continue;
            }
            if (d.action == Action::reassign) h.place = resolved_[size_t(best)].to;
            h.confidence = 1;
            h.reason = Reason::user;
            h.candidates.clear();  // decided: nothing left to choose
            ++k;
        }
    }
}

std::vector<StaleDecision> DecisionReport::stale(const Decisions& ds,
                                                 const gazetteer::Gazetteer& gaz) const {
    std::vector<StaleDecision> out;
    const auto& list = ds.list();
    for (size_t i = 0; i < list.size(); ++i) {
        if (i < uses.size() && uses[i] > 0) continue;
        const Decision& d = list[i];
        std::string why;
        if (!gaz.find_id(d.place))
            why = "place '" + d.place + "' is no longer in the gazetteer";
        else if (d.action == Action::reassign && !gaz.find_id(d.to))
            why = "place '" + d.to + "' (reassigned to) is no longer in the gazetteer";
        else
            why = "no mention '" + d.mention + "' linked to " + d.place + " in " +
                  (d.scope == Scope::passage   ? "passage " + passage_id(d.article, d.paragraph)
                   : d.scope == Scope::article ? "article " + d.article
                                               : std::string("any article"));
        out.push_back({i, std::move(why)});
    }
    return out;
}

}  // namespace bm::linker
