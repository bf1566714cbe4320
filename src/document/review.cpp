#include "document/review.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "common/utf8.h"
#include "corpus/article_id.h"

namespace bm::review {

std::vector<linker::Decision> decisions_of(const std::vector<store::LinkDecision>& rows,
                                           const std::string& workspace, Problems& problems) {
    std::vector<linker::Decision> out;
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        linker::Decision d;
        const auto action = linker::parse_action(r.action);
        const auto scope = linker::parse_scope(r.scope.empty() ? "passage" : r.scope);
        std::string why;
        if (!linker::parse_passage_id(r.passage_id, d.article, d.paragraph))
            why = "passage id '" + r.passage_id + "' is not ARTICLE:PARAGRAPH";
        else if (!action)
            why = "unknown action '" + r.action + "'";
        else if (!scope)
            why = "unknown scope '" + r.scope + "'";
        else if (r.place_id.empty())
            why = "no place";
        else if (*action == linker::Action::reassign && r.to_place_id.empty())
            why = "a reassignment without the place it goes to";
        if (!why.empty()) {
            problems.push_back(
                warning("read link decisions", workspace,
                        "decision " + std::to_string(i + 1) + " (" + r.decided_at + ")",
                        why + "; left out", Problem::Code::BadValue));
            continue;
        }
        d.mention = r.mention;
        d.action = *action;
        d.scope = *scope;
        d.place = r.place_id;
        d.to = r.to_place_id;
        out.push_back(std::move(d));
    }
    return out;
}

store::LinkDecision to_row(const linker::Decision& d) {
    store::LinkDecision r;
    r.passage_id = linker::passage_id(d.article, d.paragraph);
    r.mention = d.mention;
    r.place_id = d.place;
    r.action = std::string(linker::action_name(d.action));
    r.to_place_id = d.action == linker::Action::reassign ? d.to : "";
    r.scope = std::string(linker::scope_name(d.scope));
    return r;
}

void add_aliases(gazetteer::Gazetteer& gaz, const std::vector<store::PlaceAlias>& aliases,
                 const std::string& workspace, Problems& problems) {
    for (const auto& a : aliases) {
        const PlaceId p = gaz.find_id(a.place_id);
        if (!p) {
            problems.push_back(
                warning("read aliases", workspace, "alias '" + a.alias + "'",
                        "its place '" + a.place_id + "' is not in the data loaded; kept, not used",
                        Problem::Code::NotFound));
            continue;
        }
        gaz.add_alias(p, a.alias);
    }
}

std::string_view check_kind_name(CheckKind k) {
    switch (k) {
        case CheckKind::shared_name:
            return "shared_name";
        case CheckKind::district_or_town:
            return "district_or_town";
        case CheckKind::common_word:
            return "common_word";
        case CheckKind::not_a_place:
            return "not_a_place";
        case CheckKind::low_confidence:
            return "low_confidence";
        case CheckKind::near_spelling:
            return "near_spelling";
    }
    return "";
}

std::string_view check_kind_text(CheckKind k) {
    switch (k) {
        case CheckKind::shared_name:
            return "several places of this name";
        case CheckKind::district_or_town:
            return "a district or a town of this name";
        case CheckKind::common_word:
            return "also a common word";
        case CheckKind::not_a_place:
            return "perhaps part of a person's or an organisation's name";
        case CheckKind::low_confidence:
            return "low confidence";
        case CheckKind::near_spelling:
            return "a name the map does not know, spelt like this place";
    }
    return "";
}

namespace {

bool area_kind(const std::string& k) {
    return k == "district" || k == "province" || k == "region";
}
bool settlement_kind(const std::string& k) {
    return k == "town" || k == "city" || k == "village";
}

CheckKind kind_of(const linker::Hit& h, const gazetteer::Gazetteer& gaz) {
    using R = linker::Reason;
    if (h.reason == R::person || h.reason == R::organisation) return CheckKind::not_a_place;
    if (h.reason == R::common_word) return CheckKind::common_word;
    if (!h.candidates.empty()) {
        const auto& k = gaz[h.place].kind;
        for (PlaceId c : h.candidates) {
            const auto& ck = gaz[c].kind;
            if ((area_kind(k) && settlement_kind(ck)) || (settlement_kind(k) && area_kind(ck)))
                return CheckKind::district_or_town;
        }
        return CheckKind::shared_name;
    }
    return CheckKind::low_confidence;
}

// Code points of a folded key, for edit distances.
std::u32string code_points(std::string_view s) {
    return utf8::decode_all(s);
}

// Levenshtein distance, giving up past `limit`.
size_t distance(const std::u32string& a, const std::u32string& b, size_t limit) {
    if (a.size() > b.size() + limit || b.size() > a.size() + limit) return limit + 1;
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        size_t best = cur[0];
        for (size_t j = 1; j <= b.size(); ++j) {
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
            best = std::min(best, cur[j]);
        }
        if (best > limit) return limit + 1;
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

}  // namespace

size_t passage_count(const linker::UnknownName& n) {
    size_t count = 0;
    PassageRef last{ArticleId::none(), 0};
    for (const auto& m : n.mentions)
        if (!(m.ref() == last)) ++count, last = m.ref();
    return count;
}

std::vector<linker::UnknownName> unknown_by_passages(std::vector<linker::UnknownName> names) {
    std::stable_sort(names.begin(), names.end(), [](const auto& a, const auto& b) {
        return passage_count(a) > passage_count(b);
    });
    return names;
}

std::vector<LinkToCheck> links_to_check(const corpus::Corpus& corpus,
                                        const gazetteer::Gazetteer& gaz, const linker::Index& index,
                                        const std::vector<linker::UnknownName>& unknown) {
    std::vector<LinkToCheck> out;
    std::map<std::pair<std::string, size_t>, size_t> at;  // (folded text, place) → item
    for (ArticleId a : corpus.ids()) {
        const auto& art = corpus[a];
        for (uint32_t p = 0; p < art.paragraphs.size(); ++p) {
            const PassageRef ref{a, p};
            for (const auto& h : index.links_in(ref)) {
                if (h.reason == linker::Reason::user) continue;
                if (h.confidence >= linker::kSure && h.candidates.empty()) continue;
                const std::string text =
                    art.paragraphs[p].substr(h.span.start, h.span.end - h.span.start);
                auto [it, fresh] =
                    at.emplace(std::pair{gazetteer::fold_key(text), h.place.index()}, out.size());
                if (fresh) {
                    LinkToCheck c;
                    c.kind = kind_of(h, gaz);
                    c.mention = text;
                    c.place = h.place;
                    c.confidence = h.confidence;
                    c.reason = h.reason;
                    c.candidates = h.candidates;
                    out.push_back(std::move(c));
                }
                LinkToCheck& c = out[it->second];
                if (h.confidence < c.confidence) {
                    c.confidence = h.confidence;
                    c.reason = h.reason;
                    c.kind = kind_of(h, gaz);
                }
                if (c.passages.empty() || !(c.passages.back() == ref)) c.passages.push_back(ref);
            }
        }
    }
    // Near spellings: an unknown name within one edit (two for eight letters or more) of a
    // place's name or alias with the same first letter.
    if (!unknown.empty()) {
        std::unordered_map<char32_t, std::vector<std::pair<std::u32string, PlaceId>>> by_first;
        for (PlaceId i : gaz.ids()) {
            auto put = [&](const std::string& n) {
                auto cp = code_points(gazetteer::fold_key(n));
                if (cp.size() >= 4) by_first[cp[0]].emplace_back(std::move(cp), i);
            };
            put(gaz[i].name);
            for (const auto& a : gaz[i].aliases) put(a);
        }
        for (const auto& u : unknown) {
            const auto key = code_points(gazetteer::fold_key(u.name));
            if (key.size() < 5) continue;
            const size_t limit = key.size() >= 8 ? 2 : 1;
            auto it = by_first.find(key[0]);
            if (it == by_first.end()) continue;
            size_t best = limit + 1;
            PlaceId near;
            for (const auto& [name, place] : it->second) {
                const size_t d = distance(key, name, limit);
                if (d < best) best = d, near = place;
            }
            if (!near) continue;
            LinkToCheck c;
            c.kind = CheckKind::near_spelling;
            c.mention = u.name;
            c.place = near;
            c.confidence = 0;
            for (const auto& m : u.mentions)
                if (c.passages.empty() || !(c.passages.back() == m.ref()))
                    c.passages.push_back(m.ref());
            out.push_back(std::move(c));
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const LinkToCheck& a, const LinkToCheck& b) {
        return a.passages.size() > b.passages.size();
    });
    return out;
}

PassageRef find_passage(const corpus::Corpus& corpus, std::string_view id, std::string& why) {
    std::string article;
    uint32_t paragraph = 0;
    if (!linker::parse_passage_id(id, article, paragraph)) {
        why = "'" + std::string(id) +
              "' is not a passage id (ARTICLE:PARAGRAPH, as `briefmap review` and `mentions "
              "--json` give them)";
        return {ArticleId::none(), 0};
    }
    const ArticleId a = corpus::find_article(corpus, article);
    if (!a) {
        why = "no article with id '" + article + "' in the articles loaded";
        return {ArticleId::none(), 0};
    }
    const size_t n = corpus[a].paragraphs.size();
    if (paragraph >= n) {
        why = "article '" + article + "' has " + std::to_string(n) + " paragraph" +
              (n == 1 ? "" : "s") + (n ? " (0–" + std::to_string(n - 1) + ")" : "");
        return {ArticleId::none(), 0};
    }
    return {a, paragraph};
}

std::vector<std::string> mentions_of(const corpus::Corpus& corpus, const linker::Index& index,
                                     PassageRef passage, PlaceId place) {
    std::vector<std::string> out;
    if (!passage.article) return out;
    const std::string& text = corpus[passage.article].paragraphs[passage.paragraph];
    for (const auto& h : index.links_in(passage))
        if (h.place == place) {
            std::string t = text.substr(h.span.start, h.span.end - h.span.start);
            if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(std::move(t));
        }
    return out;
}

std::string user_place_id(std::string_view name, const gazetteer::Gazetteer& gaz,
                          const std::vector<store::UserPlace>& existing) {
    std::string slug;
    for (unsigned char c : gazetteer::fold_key(name)) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
            slug += char(c);
        else if (!slug.empty() && slug.back() != '-')
            slug += '-';
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    if (slug.empty()) slug = "place";
    auto taken = [&](const std::string& id) {
        if (gaz.find_id(id)) return true;
        return std::any_of(existing.begin(), existing.end(),
                           [&](const store::UserPlace& p) { return p.id == id; });
    };
    std::string id = "user:" + slug;
    for (int n = 2; taken(id); ++n) id = "user:" + slug + "-" + std::to_string(n);
    return id;
}

}  // namespace bm::review
