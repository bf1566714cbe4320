#include "linker/unknown_names.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "gazetteer/unicode.h"
#include "linker/name_vocabulary.h"

namespace bm::linker {

namespace {

namespace uni = gazetteer::uni;
using gazetteer::fold_key;

template <size_t N>
bool in(const std::string_view (&list)[N], std::string_view w) {
    return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

// A word of a paragraph: letters and digits, with inner hyphens and apostrophes
// ("Nagorno-Karabakh", "Ter-Petrosyan"); a trailing "'s" is cut off and marks a possessive.
struct Tok {
    uint32_t start = 0, end = 0;
    std::string key;       // fold_key of the word
    bool cap = false;      // starts with a capital
    bool acronym = false;  // two or more letters, all capitals ("OSCE", "EU")
    bool initial = false;  // first word of a sentence
    bool possessive = false;
    std::string_view gap;  // the text between the previous word (or the start) and this one
};

bool apostrophe_at(std::string_view s, size_t i, size_t& len) {
    if (s.compare(i, 1, "'") == 0) return len = 1, true;
    if (s.compare(i, 3, "\xE2\x80\x99") == 0) return len = 3, true;  // ’
    return false;
}

std::vector<Tok> tokenize(std::string_view s) {
    std::vector<Tok> out;
    size_t i = 0, prev_end = 0;
    while (i < s.size()) {
        size_t n = 0;
        char32_t cp = uni::decode(s, i, n);
        if (!uni::is_word(cp)) {
            i += n;
            continue;
        }
        Tok t;
        t.start = uint32_t(i);
        t.cap = uni::is_upper(cp);
        size_t letters = 0, uppers = 0;
        size_t j = i;
        while (j < s.size()) {
            size_t m = 0;
            char32_t c = uni::decode(s, j, m);
            if (uni::is_word(c)) {
                ++letters;
                uppers += uni::is_upper(c);
                j += m;
                continue;
            }
            // An inner hyphen or apostrophe joins when a word character follows.
            size_t alen = 0;
            const bool join = c == '-' || apostrophe_at(s, j, alen);
            if (!join) break;
            if (c == '-') alen = 1;
            if (j + alen >= s.size()) break;
            size_t m2 = 0;
            char32_t next = uni::decode(s, j + alen, m2);
            if (!uni::is_word(next)) break;
            // "Armenia's": the possessive ends the word.
            if (c != '-' && (next == 's' || next == 'S') &&
                (j + alen + 1 >= s.size() || !uni::is_word(uni::decode(s, j + alen + 1, m2)))) {
                t.possessive = true;
                t.end = uint32_t(j);
                j = j + alen + 1;
                break;
            }
            j += alen;
        }
        if (!t.possessive) t.end = uint32_t(j);
        t.key = fold_key(s.substr(t.start, t.end - t.start));
        t.acronym = letters >= 2 && uppers == letters;
        t.gap = s.substr(prev_end, t.start - prev_end);
        // Sentence start: the paragraph's start, or . ! ? before (quotes, brackets, spaces
        // between do not count).
        if (out.empty()) {
            t.initial = true;
        } else {
            auto g = t.gap;
            while (!g.empty() && (g.back() == ' ' || g.back() == '"' || g.back() == '(' ||
                                  g.back() == '\'' || (unsigned char)g.back() >= 0x80))
                g.remove_suffix(1);
            t.initial = !g.empty() && (g.back() == '.' || g.back() == '!' || g.back() == '?');
        }
        out.push_back(std::move(t));
        prev_end = j;
        i = j;
    }
    return out;
}

bool single_space(std::string_view g) {
    return g == " " || g == "\xC2\xA0";
}

bool surname_like(std::string_view key) {
    for (auto suf : vocab::kSurnameSuffixes)
        if (key.size() > suf.size() + 2 && key.ends_with(suf)) return true;
    return false;
}

// What the corpus as a whole says about words: which it also writes in lower case, which are
// people's names, which are its outlets.
struct Lexicon {
    std::unordered_set<std::string> lower;    // words seen starting with a lower-case letter
    std::unordered_set<std::string> persons;  // words of person names
    std::unordered_set<std::string> outlets;  // folded outlet names
};

// A run of capitalised words (indices into the paragraph's tokens), and what is around it.
struct Run {
    size_t first = 0, last = 0;  // inclusive
    std::string cue;             // "" when nothing marks it as a place
    bool after_cue = false;      // marked by the word after it ("X village")
};

void note_persons(const std::vector<Tok>& toks, Lexicon& lex) {
    for (size_t i = 0; i < toks.size(); ++i) {
        if (!toks[i].cap) continue;
        // A title, then capitalised words: a person ("President Ilham Aliyev").
        if (in(vocab::kTitles, toks[i].key)) {
            size_t j = i + 1;
            while (j < toks.size() && toks[j].cap && in(vocab::kTitles, toks[j].key) &&
                   single_space(toks[j].gap))
                ++j;
            for (size_t k = j; k < toks.size() && k < j + 3 && toks[k].cap && !toks[k].acronym &&
                               single_space(toks[k].gap) && !in(vocab::kTitles, toks[k].key);
                 ++k) {
                lex.persons.insert(toks[k].key);
                if (toks[k].possessive) break;
            }
            continue;
        }
        // A title-cased pair: a given name first or a surname ending last.
        if (i + 1 < toks.size() && toks[i + 1].cap && single_space(toks[i + 1].gap) &&
            !toks[i].possessive &&
            (in(vocab::kGivenNames, toks[i].key) || surname_like(toks[i + 1].key))) {
            lex.persons.insert(toks[i + 1].key);
            if (in(vocab::kGivenNames, toks[i].key)) lex.persons.insert(toks[i].key);
        }
    }
}

// "armenian azerbaijani" (from "Armenian-Azerbaijani"): every part a demonym.
bool demonym(const std::string& key) {
    size_t at = 0;
    while (at <= key.size()) {
        const size_t sp = std::min(key.find(' ', at), key.size());
        if (!in(vocab::kDemonyms, std::string_view(key).substr(at, sp - at))) return false;
        at = sp + 1;
    }
    return true;
}

bool is_cue_after(const std::string& key) {
    return in(vocab::kAfter, key);
}

// Whether the words of run [a, b] can name a place at all.
bool placeable(const std::vector<Tok>& toks, size_t a, size_t b, const Lexicon& lex) {
    std::string whole;
    for (size_t k = a; k <= b; ++k) {
        const Tok& t = toks[k];
        if (t.acronym || t.key.size() < 2) return false;
        if (std::isdigit(static_cast<unsigned char>(t.key[0]))) return false;
        if (in(vocab::kInstitutions, t.key) || in(vocab::kTitles, t.key) ||
            in(vocab::kMonthsDays, t.key) || lex.persons.count(t.key))
            return false;
        whole += (whole.empty() ? "" : " ") + t.key;
    }
    if (lex.outlets.count(whole) || in(vocab::kOutlets, whole)) return false;
    if (a == b) {
        const std::string& k = toks[a].key;
        if (in(vocab::kStopWords, k) || demonym(k) || lex.lower.count(k)) return false;
    } else {
        // A title-cased pair of a given name or a surname ending is a person.
        if (in(vocab::kGivenNames, toks[a].key) || surname_like(toks[b].key)) return false;
        // Every word also a lower-case word ("Border Guard"): not a name.
        bool all_lower = true;
        for (size_t k = a; k <= b; ++k) all_lower &= lex.lower.count(toks[k].key) > 0;
        if (all_lower) return false;
        if (demonym(toks[a].key)) return false;
    }
    return true;
}

std::vector<Run> runs_of(const std::vector<Tok>& toks) {
    std::vector<Run> out;
    for (size_t i = 0; i < toks.size();) {
        // "In", "The" opening a sentence are not the first word of a name ("In Movses, …").
        if (!toks[i].cap || (toks[i].initial && (in(vocab::kStopWords, toks[i].key) ||
                                                 in(vocab::kBefore, toks[i].key)))) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j + 1 < toks.size() && j - i < 3 && toks[j + 1].cap && !toks[j].possessive &&
               single_space(toks[j + 1].gap) && !in(vocab::kTitles, toks[j + 1].key) &&
               !in(vocab::kTitles, toks[j].key))
            ++j;
        out.push_back({i, j, "", false});
        i = j + 1;
    }
    return out;
}

// The lower-case cue word(s) right before token `i` ("village of", "near"), or "".
std::string cue_before(const std::vector<Tok>& toks, size_t i) {
    if (i == 0 || !single_space(toks[i].gap)) return {};
    const Tok& p = toks[i - 1];
    // Capitalised only where it opens a sentence ("In Movses, residents …").
    if (p.cap && !(p.initial && in(vocab::kBefore, p.key))) return {};
    if (p.key == "of" && i >= 2 && single_space(p.gap) && in(vocab::kKindOf, toks[i - 2].key))
        return toks[i - 2].key + " of";
    if (in(vocab::kBefore, p.key)) return p.key;
    return {};
}

}  // namespace

std::vector<UnknownName> unknown_names(const corpus::Corpus& corpus,
                                       const gazetteer::Gazetteer& gazetteer, const Index* index) {
    std::unordered_set<std::string> known;
    for (const auto& p : gazetteer.places()) {
        known.insert(fold_key(p.name));
        known.insert(fold_key(p.id));
        for (const auto& a : p.aliases) known.insert(fold_key(a));
    }

    // Pass 1: the lexicon.
    Lexicon lex;
    std::vector<std::vector<std::vector<Tok>>> toks(corpus.articles.size());
    for (size_t a = 0; a < corpus.articles.size(); ++a) {
        const auto& art = corpus.articles[a];
        if (!art.outlet.empty()) lex.outlets.insert(fold_key(art.outlet));
        toks[a].reserve(art.paragraphs.size());
        for (const auto& para : art.paragraphs) {
            toks[a].push_back(tokenize(para));
            for (const Tok& t : toks[a].back())
                if (!t.cap && !t.acronym && !t.key.empty() &&
                    !std::isdigit(static_cast<unsigned char>(t.key[0])))
                    lex.lower.insert(t.key);
            note_persons(toks[a].back(), lex);
        }
    }

    struct Acc {
        size_t count = 0;
        std::map<std::string, size_t> spellings;
        std::set<std::string> cues;
        std::vector<UnknownMention> mentions;
    };
    std::unordered_map<std::string, Acc> found;

    // Pass 2: runs with a cue, lists, and whether a place matches; twice: a name found with a
    // cue is a place wherever else the corpus names it, alone or in a list ("the mayors of
    // Kirants, Berkaber and Voskepar" once "the village of Kirants" was seen).
    std::unordered_set<std::string> evidenced;
    for (int round = 0; round < 2; ++round) {
        if (round == 1) {
            for (const auto& [key, acc] : found) evidenced.insert(key);
            found.clear();
        }
        for (size_t a = 0; a < corpus.articles.size(); ++a) {
            const auto& art = corpus.articles[a];
            for (size_t p = 0; p < art.paragraphs.size(); ++p) {
                const std::string& text = art.paragraphs[p];
                const auto& tk = toks[a][p];
                auto runs = runs_of(tk);
                std::vector<Span> linked;
                if (index)
                    for (const auto& ps : index->places_in({ArticleId(a), uint32_t(p)}))
                        linked.insert(linked.end(), ps.spans.begin(), ps.spans.end());
                auto span_of = [&](const Run& r) {
                    return Span{tk[r.first].start, tk[r.last].end};
                };
                auto key_of = [&](const Run& r) {
                    const Span s = span_of(r);
                    return fold_key(std::string_view(text).substr(s.start, s.end - s.start));
                };
                auto is_known = [&](const Run& r) {
                    const Span s = span_of(r);
                    for (const Span& l : linked)
                        if (l.start < s.end && s.start < l.end) return true;
                    return known.count(fold_key(
                               std::string_view(text).substr(s.start, s.end - s.start))) > 0;
                };
                // Cues of each run: before it, after it, or a capitalised cue word as its last
                // word ("Kalbajar District": the run becomes "Kalbajar").
                for (Run& r : runs) {
                    if (r.last > r.first && is_cue_after(tk[r.last].key)) {
                        r.cue = tk[r.last].key;
                        r.after_cue = true;
                        --r.last;
                    }
                    // Leading demonyms or titles are not part of the name ("Azerbaijani Gazakh").
                    while (r.first < r.last && demonym(tk[r.first].key)) ++r.first;
                    if (r.cue.empty()) r.cue = cue_before(tk, r.first);
                    if (r.cue.empty() && !tk[r.last].possessive) {
                        size_t n = r.last + 1;
                        // "Yukhari Shorja (Verin Shorzha) village": skip a bracketed run.
                        if (n < tk.size() && tk[n].cap && tk[n].gap == " (") {
                            while (n + 1 < tk.size() && tk[n + 1].cap &&
                                   single_space(tk[n + 1].gap))
                                ++n;
                            ++n;
                            if (n < tk.size() && tk[n].gap == ") " && is_cue_after(tk[n].key)) {
                                r.cue = tk[n].key;
                                r.after_cue = true;
                            }
                        } else if (n < tk.size() && single_space(tk[n].gap) && !tk[n].cap &&
                                   is_cue_after(tk[n].key)) {
                            r.cue = tk[n].key;
                            r.after_cue = true;
                        }
                    }
                }
                // A bracketed alternative name shares the cue of the name before it.
                for (size_t k = 1; k < runs.size(); ++k)
                    if (tk[runs[k].first].gap == " (" && runs[k - 1].after_cue &&
                        runs[k].cue.empty())
                        runs[k].cue = runs[k - 1].cue, runs[k].after_cue = true;
                // Lists: runs joined by ", " and " and " (", and", " or "). A list one of whose
                // members is a known place or has a cue makes every member a place.
                auto joins = [&](size_t x) {
                    const Run &l = runs[x], &r = runs[x + 1];
                    if (r.first == l.last + 1) return tk[r.first].gap == ", ";
                    if (r.first != l.last + 2) return false;
                    const Tok& mid = tk[l.last + 1];
                    return (mid.key == "and" || mid.key == "or") && !mid.cap &&
                           (mid.gap == " " || mid.gap == ", ") && single_space(tk[r.first].gap);
                };
                for (size_t k = 0; k < runs.size();) {
                    size_t e = k;
                    while (e + 1 < runs.size() && joins(e)) ++e;
                    if (e > k) {
                        std::string cue;
                        bool any_known = false;
                        for (size_t x = k; x <= e; ++x) {
                            if (!runs[x].cue.empty() && cue.empty()) cue = runs[x].cue;
                            any_known |= is_known(runs[x]) || evidenced.count(key_of(runs[x])) > 0;
                        }
                        if (cue.empty() && any_known) cue = "list";
                        if (!cue.empty())
                            for (size_t x = k; x <= e; ++x)
                                if (runs[x].cue.empty()) runs[x].cue = cue;
                    }
                    k = e + 1;
                }
                for (Run& r : runs) {
                    const bool seen = evidenced.count(key_of(r)) > 0;
                    if (r.cue.empty() && seen) r.cue = "elsewhere";
                    if (r.cue.empty()) continue;
                    // A sentence's first word is capitalised anyway: only a cue after it counts.
                    if (tk[r.first].initial && !r.after_cue && !seen) continue;
                    if (!placeable(tk, r.first, r.last, lex)) continue;
                    if (is_known(r)) continue;
                    const Span s = span_of(r);
                    const std::string spelled = text.substr(s.start, s.end - s.start);
                    Acc& acc = found[fold_key(spelled)];
                    ++acc.count;
                    ++acc.spellings[spelled];
                    acc.cues.insert(r.cue);
                    acc.mentions.push_back({ArticleId(a), uint32_t(p), s});
                }
            }
        }
    }

    std::vector<UnknownName> out;
    out.reserve(found.size());
    for (auto& [key, acc] : found) {
        UnknownName u;
        size_t best = 0;
        for (const auto& [sp, n] : acc.spellings)
            if (n > best) best = n, u.name = sp;
        u.count = acc.count;
        u.cues.assign(acc.cues.begin(), acc.cues.end());
        u.mentions = std::move(acc.mentions);
        out.push_back(std::move(u));
    }
    std::sort(out.begin(), out.end(), [](const UnknownName& x, const UnknownName& y) {
        if (x.count != y.count) return x.count > y.count;
        return x.name < y.name;
    });
    return out;
}

}  // namespace bm::linker
