// Linker: matching rules on a hand-built gazetteer, the two-way index, and precision/recall
// against hand labels of the seed articles with the real default GeoPackage.
#include "linker/linker.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "corpus/corpus.h"
#include "gazetteer/gazetteer.h"
#include "gazetteer/unicode.h"
#include "geo/load.h"
#include "linker/matcher.h"
#include "test_feature.h"

using namespace bm;

namespace {

using test::feature;

gazetteer::Gazetteer test_gazetteer() {
    geo::Layer l{"places", "test", {}, {}};
    l.features = {
        feature("armenia", "Armenia", {}, "country"),
        feature("azerbaijan", "Azerbaijan", {}, "country"),
        feature("iran", "Iran", {}, "country"),
        feature("nk", "Nagorno-Karabakh", {"Karabakh", "Artsakh", "Nogorono-Karabakh"}, "area"),
        feature("stepanakert", "Stepanakert", {"Khankendi", "Xankəndi", "Ստեփանակերտ"}, "city"),
        feature("nakhchivan", "Nakhchivan", {"Nakhichevan", "Naxçıvan"}, "province"),
        feature("lachin", "Lachin", {"Berdzor"}, "town"),
        feature("lachin-corridor", "Lachin corridor", {}, "route"),
        feature("baku", "Baku", {}, "city"),
        feature("us", "United States", {"U.S."}, "country"),
        feature("cpp", "C++ (test)", {}, "town"),
        feature("south-caucasus", "South Caucasus", {}, "area"),
        feature("alh", "al-Hasakah", {}, "city"),
    };
    Problems ps;
    return gazetteer::Gazetteer::build({l}, ps);
}

// "id:matched text" for each mention, in order.
std::vector<std::string> mentions(const linker::Linker& lk, const gazetteer::Gazetteer& g,
                                  const std::string& text) {
    std::vector<std::string> out;
    for (const auto& h : lk.link(text))  // the links that count (linker_context_test: the rest)
        if (lk.counts(h))
            out.push_back(g[h.place].id + ":" +
                          text.substr(h.span.start, h.span.end - h.span.start));
    return out;
}

using V = std::vector<std::string>;

}  // namespace

class LinkerRules : public ::testing::Test {
  protected:
    gazetteer::Gazetteer g = test_gazetteer();
    linker::Linker lk{g};
    V m(const std::string& t) { return mentions(lk, g, t); }
};

TEST_F(LinkerRules, ProperNounCase) {
    EXPECT_EQ(m("Armenia and armenia"), (V{"armenia:Armenia"}));
    EXPECT_EQ(m("ARMENIA"), (V{"armenia:ARMENIA"}));
    EXPECT_EQ(m("the lachin corridor"), V{});
    EXPECT_EQ(m("the Lachin Corridor"), (V{"lachin-corridor:Lachin Corridor"}));
    // A lower-case-first name matches as written and capitalised, not otherwise.
    EXPECT_EQ(m("al-Hasakah, Al-Hasakah"), (V{"alh:al-Hasakah", "alh:Al-Hasakah"}));
}

TEST_F(LinkerRules, DemonymsDoNotNameCountriesByDefault) {
    EXPECT_EQ(m("Armenian troops and Armenians, Azerbaijani forces"), V{});
    linker::Linker with(g, linker::Options{.demonyms = true});
    EXPECT_EQ(mentions(with, g, "Armenian troops, Azerbaijanis"),
              (V{"armenia:Armenian", "azerbaijan:Azerbaijanis"}));
}

TEST_F(LinkerRules, WordBoundaries) {
    EXPECT_EQ(m("Iranian border"), V{});
    EXPECT_EQ(m("Irani Iranx 2Iran Iran2 Iran_"), V{});
    EXPECT_EQ(m("(Iran)"), (V{"iran:Iran"}));
    EXPECT_EQ(m("Bakuvian"), V{});
    EXPECT_EQ(m("BakuƏ ƏBaku"), V{});  // non-ASCII letters are word characters
    EXPECT_EQ(m("Baku\u2014the capital"), (V{"baku:Baku"}));  // em dash is not
    EXPECT_EQ(m("a Baku-based think tank"), (V{"baku:Baku"}));
    EXPECT_EQ(m("Armenia-Azerbaijan peace"), (V{"armenia:Armenia", "azerbaijan:Azerbaijan"}));
    EXPECT_EQ(m("U.S.-Azerbaijani tensions"), (V{"us:U.S."}));
}

TEST_F(LinkerRules, Possessives) {
    EXPECT_EQ(m("Armenia's army"), (V{"armenia:Armenia"}));
    EXPECT_EQ(m("Azerbaijan\u2019s exclave of Nakhichevan\u2014a region"),
              (V{"azerbaijan:Azerbaijan", "nakhchivan:Nakhichevan"}));
    EXPECT_EQ(m("Nagorno-Karabakh\u2019s population"), (V{"nk:Nagorno-Karabakh"}));
}

TEST_F(LinkerRules, SeparatorVariants) {
    for (const char* t : {"Nagorno-Karabakh", "Nagorno Karabakh", "Nagorno\u00A0Karabakh",
                          "Nagorno\u2013Karabakh", "NAGORNO-KARABAKH"})
        EXPECT_EQ(m(t), (V{std::string("nk:") + t})) << t;
    EXPECT_EQ(m("the\u00A0United States\u00A0and"), (V{"us:United States"}));
    EXPECT_EQ(m("United\u00A0States"), (V{"us:United\u00A0States"}));
}

TEST_F(LinkerRules, LongestMatchWithoutOverlap) {
    EXPECT_EQ(m("the 40-mile Lachin corridor, the only road"),
              (V{"lachin-corridor:Lachin corridor"}));
    EXPECT_EQ(m("Lachin and Berdzor"), (V{"lachin:Lachin", "lachin:Berdzor"}));
    EXPECT_EQ(m("in Nagorno-Karabakh and Karabakh"), (V{"nk:Nagorno-Karabakh", "nk:Karabakh"}));
    auto hits = lk.link("the Nagorno-Karabakh war");
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].span, (linker::Span{4, 20}));
}

TEST_F(LinkerRules, AliasesAndOtherScripts) {
    EXPECT_EQ(m("our flag was raised in Khankendi,"), (V{"stepanakert:Khankendi"}));
    EXPECT_EQ(m("Xankəndi and Ստեփանակերտ."),
              (V{"stepanakert:Xankəndi", "stepanakert:Ստեփանակերտ"}));
    EXPECT_EQ(m("the exclave of Naxçıvan"), (V{"nakhchivan:Naxçıvan"}));
    EXPECT_EQ(m("in the Nogorono-Karabakh region"), (V{"nk:Nogorono-Karabakh"}));
    EXPECT_EQ(m("Artsakh"), (V{"nk:Artsakh"}));
}

TEST_F(LinkerRules, StopPhrasesHidePlaceNames) {
    geo::Layer l{"places", "test", {}, {}};
    l.features = {feature("ararat", "Ararat", {}, "town"), feature("madrid", "Madrid", {}, "city")};
    Problems ps;
    auto g2 = gazetteer::Gazetteer::build({l}, ps);
    linker::Linker lk2(g2);
    // A person's name: linked, but under the threshold (the rule is in linker_context_test).
    EXPECT_EQ(mentions(lk2, g2, "his counterpart Ararat Mirzoyan"), V{});
    EXPECT_EQ(mentions(lk2, g2, "the town of Ararat"), (V{"ararat:Ararat"}));
    // A stop phrase of the vocabulary (linker/context.txt) hides the name entirely.
    EXPECT_TRUE(lk2.link("under the Madrid Principles").empty());
    EXPECT_EQ(mentions(lk2, g2, "talks in Madrid"), (V{"madrid:Madrid"}));
}

TEST_F(LinkerRules, MetacharactersAreLiteral) {
    EXPECT_EQ(m("visit C++ (test) today"), (V{"cpp:C++ (test)"}));
    EXPECT_EQ(m("visit C+ (test) or C++ test or C (test)"), V{});
    EXPECT_EQ(m("C++ (test)x"), (V{"cpp:C++ (test)"}));  // ends in ')': no boundary needed
}

TEST_F(LinkerRules, SpansAreByteOffsets) {
    std::string t = "«Azerbaijan’s» — Armenia";
    auto hits = lk.link(t);
    ASSERT_EQ(hits.size(), 2u);
    EXPECT_EQ(t.substr(hits[0].span.start, hits[0].span.end - hits[0].span.start), "Azerbaijan");
    EXPECT_EQ(hits[0].span.start, 2u);  // after the two-byte «
    EXPECT_EQ(t.substr(hits[1].span.start), "Armenia");
}

TEST_F(LinkerRules, EmptyAndHostileInput) {
    EXPECT_EQ(m(""), V{});
    EXPECT_EQ(m(std::string("\0Armenia\0", 9)), (V{"armenia:Armenia"}));
    EXPECT_EQ(m("\xFF\xFE"
                "Armenia\xE2\x80"),
              (V{"armenia:Armenia"}));
    std::string big(100000, 'A');
    EXPECT_EQ(m(big), V{});
}

TEST(LinkerIndex, BothWays) {
    auto g = test_gazetteer();
    corpus::Corpus c;
    corpus::Article a;
    a.paragraphs = {"Armenia and Azerbaijan met in Baku.", "Nothing here.",
                    "Armenia again, Armenia's."};
    c.articles = {a, a};
    auto ix = linker::Index::build(g, c);
    const PlaceId am = g.find_id("armenia");
    const auto& ps = ix.passages_of(am);
    ASSERT_EQ(ps.size(), 4u);
    EXPECT_EQ(ps[0].article, ArticleId(0));
    EXPECT_EQ(ps[0].paragraph, 0u);
    EXPECT_EQ(ps[1].paragraph, 2u);
    EXPECT_EQ(ps[1].spans.size(), 2u);
    EXPECT_EQ(ps[2].article, ArticleId(1));
    const auto& here = ix.places_in({ArticleId(0), 0});
    ASSERT_EQ(here.size(), 3u);
    EXPECT_EQ(g[here[0].place].id, "armenia");
    EXPECT_EQ(g[here[2].place].id, "baku");
    EXPECT_EQ(here[2].spans[0], (linker::Span{30, 34}));
    EXPECT_TRUE(ix.places_in({ArticleId(0), 1}).empty());
    EXPECT_TRUE(ix.places_in({ArticleId(9), 9}).empty());
    EXPECT_TRUE(ix.places_in({ArticleId::none(), 0}).empty());
    EXPECT_TRUE(ix.passages_of(PlaceId(999)).empty());
    EXPECT_TRUE(ix.passages_of(PlaceId::none()).empty());
    EXPECT_EQ(ix.mention_count(), 2u * (3 + 2));
}

// ---------------------------------------------------------------------------------------------
// Quality on the seed articles: tests/fixtures/labels/seed-2023-12-07.json lists, for every
// article and paragraph, the place ids a careful reader finds named there.

namespace {
const std::string kGpkg = BRIEFMAP_SOURCE_DIR "/assets/briefmap.gpkg";
const std::string kLabels = BRIEFMAP_SOURCE_DIR "/tests/fixtures/labels/seed-2023-12-07.json";
}  // namespace

TEST(LinkerQuality, SeedPrecisionAndRecallPerPlace) {
    if (!std::filesystem::exists(kGpkg))
        GTEST_SKIP() << kGpkg << " not built yet (data engineer's task)";
    Problems ps;
    auto layers = geo::load_dataset(kGpkg, ps);
    auto g = gazetteer::Gazetteer::build(layers, ps);
    ASSERT_GT(g.size(), 0u);
    auto c = corpus::read(BRIEFMAP_SOURCE_DIR "/assets/corpus/seed-2023-12-07.txt", ps);
    ASSERT_EQ(c.articles.size(), 9u);
    std::ifstream in(kLabels);
    ASSERT_TRUE(in) << kLabels;
    auto labels = nlohmann::json::parse(in);
    ASSERT_EQ(labels["articles"].size(), 9u);

    auto ix = linker::Index::build(g, c);
    // Per place: true positives, false positives, false negatives over (article, paragraph).
    std::map<std::string, std::array<int, 3>> stats;
    for (size_t a = 0; a < 9; ++a) {
        const auto& la = labels["articles"][a];
        ASSERT_EQ(la["title"].get<std::string>(), c.articles[a].title);
        ASSERT_EQ(la["paragraphs"].size(), c.articles[a].paragraphs.size()) << "article " << a;
        for (size_t p = 0; p < c.articles[a].paragraphs.size(); ++p) {
            std::set<std::string> want, got;
            for (const auto& id : la["paragraphs"][p]) {
                ASSERT_TRUE(g.find_id(id.get<std::string>())) << "label id " << id;
                want.insert(id.get<std::string>());
            }
            for (const auto& h : ix.places_in({ArticleId(a), uint32_t(p)}))
                got.insert(g[h.place].id);
            for (const auto& id : got) ++stats[id][want.count(id) ? 0 : 1];
            for (const auto& id : want)
                if (!got.count(id)) {
                    ++stats[id][2];
                    ADD_FAILURE() << "missed " << id << " in article " << a << " paragraph " << p;
                }
            for (const auto& id : got)
                if (!want.count(id))
                    ADD_FAILURE() << "spurious " << id << " in article " << a << " paragraph " << p;
        }
    }
    for (const auto& [id, s] : stats) {
        if (s[0] + s[2] == 0) continue;  // never labelled: a spurious place, counted above
        double precision = s[0] + s[1] ? double(s[0]) / (s[0] + s[1]) : 1.0;
        double recall = double(s[0]) / (s[0] + s[2]);
        EXPECT_GE(precision, 0.97) << id << " tp=" << s[0] << " fp=" << s[1];
        EXPECT_GE(recall, 0.97) << id << " tp=" << s[0] << " fn=" << s[2];
        std::printf("  %-24s tp=%3d fp=%2d fn=%2d precision=%.3f recall=%.3f\n", id.c_str(), s[0],
                    s[1], s[2], precision, recall);
    }
}

// The hard cases of the seed reporting, against the real data.
TEST(LinkerQuality, SeedHardCasesWithDefaultData) {
    if (!std::filesystem::exists(kGpkg)) GTEST_SKIP() << kGpkg << " not built yet";
    Problems ps;
    auto g = gazetteer::Gazetteer::build(geo::load_dataset(kGpkg, ps), ps);
    linker::Linker lk(g);
    auto ids = [&](const std::string& t) {
        std::vector<std::string> out;
        for (const auto& h : lk.link(t)) out.push_back(g[h.place].id);
        return out;
    };
    EXPECT_EQ(ids("our flag was raised in Khankendi,"), V{"stepanakert"});
    EXPECT_EQ(ids("its capital, Stepanakert."), V{"stepanakert"});
    EXPECT_EQ(ids("Azerbaijan\u2019s exclave of Nakhichevan\u2014a region"), (V{"aze", "az-nx"}));
    EXPECT_EQ(ids("chair of a Baku-based state-run think tank"), V{"baku"});
    EXPECT_EQ(ids("in the Nogorono-Karabakh region"), V{"nagorno-karabakh"});
    EXPECT_EQ(ids("the Armenian side won; Armenians fled; Azerbaijani troops"), V{});
    EXPECT_EQ(ids("Armenia\u2019s erstwhile ally Russia"), (V{"arm", "rus"}));
    EXPECT_EQ(ids("the 40-mile Lachin corridor, the only road"), V{"lachin-corridor"});
    EXPECT_EQ(ids("the second Nagorno-Karabakh war"), V{"nagorno-karabakh"});
    EXPECT_EQ(ids("near the Iranian border with Iran"), V{"irn"});
    EXPECT_EQ(ids("a project that it calls a \u201cCrossroad of Peace,\u201d"),
              V{"crossroads-of-peace"});
    EXPECT_EQ(ids("The Republic of Armenia and Yerevan"), (V{"arm", "yerevan"}));
}

// ---------------------------------------------------------------------------------------------
// Matcher against a brute-force oracle written straight from the rules (matcher.h): random
// names (shared prefixes, one- and two-byte names, lower-case first letters, non-ASCII,
// punctuation) and random texts (every separator spelling and mix, case changes, glued
// letters, stray bytes, invalid UTF-8), with both candidate scans.

namespace {

namespace uni = gazetteer::uni;

struct OracleName {
    std::vector<std::string> words;
    uint32_t value;
};

std::vector<std::string> split_words(const std::string& name) {
    std::vector<std::string> words;
    size_t i = 0, w = 0;
    while (i < name.size()) {
        size_t len = 0;
        char32_t cp = uni::decode(name, i, len);
        if (cp == ' ' || cp == '-' || cp == 0xA0 || cp == 0x2013) {
            if (i > w) words.push_back(name.substr(w, i - w));
            w = i + len;
        }
        i += len;
    }
    if (w < name.size()) words.push_back(name.substr(w));
    return words;
}

char lower_ascii(char c) {
    return c >= 'A' && c <= 'Z' ? char(c + 32) : c;
}

// Separator at text[pos]: byte length (0 if none) and kind.
size_t oracle_separator(const std::string& t, size_t pos, int& kind) {
    if (t.compare(pos, 1, " ") == 0 || t.compare(pos, 1, "-") == 0) return kind = 1, 1;
    if (t.compare(pos, 2, "\xC2\xA0") == 0) return kind = 2, 2;
    if (t.compare(pos, 3, "\xE2\x80\x93") == 0) return kind = 3, 3;
    return 0;
}

std::vector<linker::Match> oracle_find(const std::vector<OracleName>& names, const std::string& t) {
    std::vector<linker::Match> hits;
    for (size_t s = 0; s < t.size(); ++s) {
        size_t len = 0;
        if (s > 0 && uni::is_word(uni::decode_before(t, s, len))) continue;
        for (const auto& nm : names) {
            size_t pos = s;
            int kind = 0;
            bool ok = !nm.words.empty();
            for (size_t w = 0; ok && w < nm.words.size(); ++w) {
                if (w > 0) {
                    int k = 0;
                    size_t sl = oracle_separator(t, pos, k);
                    // Two words: any separator; more: all of one kind.
                    if (!sl || (nm.words.size() > 2 && kind && k != kind)) ok = false;
                    kind = k;
                    pos += sl;
                }
                const std::string& word = nm.words[w];
                for (size_t b = 0; ok && b < word.size(); ++b, ++pos) {
                    if (pos >= t.size())
                        ok = false;
                    else if (w == 0 && b == 0)
                        ok = t[pos] == word[0];  // exact first byte
                    else
                        ok = lower_ascii(t[pos]) == lower_ascii(word[b]);
                }
            }
            if (!ok) continue;
            const std::string& last = nm.words.back();
            if (uni::is_word(uni::decode_before(last, last.size(), len)) && pos < t.size() &&
                uni::is_word(uni::decode(t, pos, len)))
                continue;
            hits.push_back({uint32_t(s), uint32_t(pos), nm.value});
        }
    }
    std::sort(hits.begin(), hits.end(), [](const linker::Match& a, const linker::Match& b) {
        if (a.start != b.start) return a.start < b.start;
        if (a.end != b.end) return a.end > b.end;
        return a.value < b.value;
    });
    std::vector<linker::Match> out;
    uint32_t covered = 0;
    for (const auto& h : hits) {
        if (!out.empty() && h.start == out.back().start && h.end == out.back().end) {
            if (h.value != out.back().value) out.push_back(h);
            continue;
        }
        if (h.start < covered) continue;
        out.push_back(h);
        covered = h.end;
    }
    return out;
}

std::string show(const std::vector<linker::Match>& ms) {
    std::string s;
    char buf[48];
    for (const auto& m : ms) {
        std::snprintf(buf, sizeof buf, "[%u,%u)=%u ", m.start, m.end, m.value);
        s += buf;
    }
    return s;
}

}  // namespace

TEST(LinkerMatcher, AgreesWithBruteForceOnRandomInput) {
    std::mt19937 rng(20231207);
    auto pick = [&](size_t n) { return size_t(rng() % n); };
    // Name pieces: ASCII, accented Latin, Cyrillic, Armenian, apostrophes, dots, digits.
    const std::vector<std::string> lead = {"A",  "B",  "Ba", "Ab", "S",  "St", "l",  "la",
                                           "e",  "El", "Ø",  "Ç",  "Ба", "Ստ", "'s", "1",
                                           "Ka", "Ky", "Y",  "O",  "ə",  "É"};
    const std::vector<std::string> tail = {"a", "b",  "ku", "kú", "r", "ab", "ba", "ñ",
                                           "ё", "ан", "’s", ".",  "x", "e",  "ra", "ev",
                                           "2", "ə",  "ի",  "n",  "'", "aa", "ta", ""};
    const std::vector<std::string> seps = {" ", "-", "\xC2\xA0", "\xE2\x80\x93"};
    const std::vector<std::string> junk = {" ",    ", ",   ".", "-",    "x",    "’",    "(",
                                           "\n",   "é",    "Б", "\xFF", "\x80", "\xC2", "\xE2\x80",
                                           "the ", "and ", "A", "a",    "  ",   "_",    "9"};
    for (int round = 0; round < 40; ++round) {
        // Names with shared prefixes: words are built from a few pieces.
        std::vector<std::string> spellings;
        std::vector<OracleName> oracle;
        linker::Matcher m, ms;
        const size_t count = 1 + pick(30);
        for (size_t k = 0; k < count; ++k) {
            std::string name;
            const size_t nwords = 1 + pick(4);
            for (size_t w = 0; w < nwords; ++w) {
                if (w) name += seps[pick(seps.size())];
                std::string word = w == 0 || pick(3) ? lead[pick(lead.size())] : "b";
                for (size_t t = pick(4); t > 0; --t) word += tail[pick(tail.size())];
                name += word;
            }
            const uint32_t value = uint32_t(pick(count));  // values repeat: shared names
            spellings.push_back(name);
            m.add(name, value);
            ms.add(name, value);
            auto words = split_words(name);
            oracle.push_back({words, value});
            // The matcher also takes a lower-case-first name capitalised.
            size_t n0 = 0;
            char32_t first = uni::decode(name, 0, n0);
            if (!words.empty() && uni::is_lower(first) && uni::to_upper(first) != first) {
                std::string cap;
                uni::append_utf8(cap, uni::to_upper(first));
                cap += name.substr(n0);
                oracle.push_back({split_words(cap), value});
            }
        }
        m.build();
        ms.build();
        ms.set_isa(linker::Matcher::Isa::scalar);
        for (int text_round = 0; text_round < 60; ++text_round) {
            std::string t;
            const size_t tokens = pick(60);
            for (size_t k = 0; k < tokens; ++k) {
                if (pick(2)) {
                    t += junk[pick(junk.size())];
                    continue;
                }
                // A name, respelled: separators swapped, case changed, maybe cut or glued.
                auto words = split_words(spellings[pick(spellings.size())]);
                const std::string sep = seps[pick(seps.size())];
                std::string s;
                for (size_t w = 0; w < words.size(); ++w) {
                    if (w) s += pick(4) ? sep : seps[pick(seps.size())];
                    s += words[w];
                }
                if (pick(4) == 0 && !s.empty()) s[0] = lower_ascii(s[0]);
                if (pick(4) == 0)
                    for (char& c : s)
                        if (c >= 'a' && c <= 'z') c = char(c - 32);
                if (pick(6) == 0 && s.size() > 1) s.resize(pick(s.size()));
                t += s;
                if (pick(3) == 0) t += junk[pick(junk.size())];
            }
            const auto want = oracle_find(oracle, t);
            std::vector<linker::Match> got, got_scalar;
            m.find(t, got);
            ms.find(t, got_scalar);
            ASSERT_EQ(show(got), show(want)) << "round " << round << " text [" << t << "]";
            ASSERT_EQ(show(got_scalar), show(want)) << "round " << round << " text [" << t << "]";
        }
    }
}

// The AVX2 and table candidate scans agree on long random byte soup (block edges, the tail,
// non-ASCII previous characters).
TEST(LinkerMatcher, CandidateScansAgree) {
    linker::Matcher a, b;
    const std::vector<std::string> names = {"Ab",   "Abc", "la Ba", "Ø",  "Ба", "X y z",
                                            "'s-B", "A",   "b",     "Ստ", "É1"};
    for (size_t k = 0; k < names.size(); ++k) {
        a.add(names[k], uint32_t(k));
        b.add(names[k], uint32_t(k));
    }
    a.build();
    b.build();
    b.set_isa(linker::Matcher::Isa::scalar);
    if (!linker::Matcher::avx2_supported()) GTEST_SKIP() << "no AVX2 on this CPU";
    EXPECT_EQ(a.isa(), linker::Matcher::Isa::avx2);
    std::mt19937 rng(7);
    const std::string alphabet = "AbcBaØlÉ1 -'sXyzaБ\xC2\xA0\xE2\x80\x93\xFF";
    for (int round = 0; round < 200; ++round) {
        std::string t(rng() % 700, ' ');
        for (char& c : t) c = alphabet[rng() % alphabet.size()];
        std::vector<linker::Match> x, y;
        a.find(t, x);
        b.find(t, y);
        ASSERT_EQ(show(x), show(y)) << t;
    }
}

// A name at every offset of texts of every length up to three blocks: block edges, the tail
// copy (including a tail of exactly 64 bytes) and the last bytes of the text.
TEST(LinkerMatcher, NamesAtEveryOffsetAndLength) {
    for (const auto isa : {linker::Matcher::Isa::scalar, linker::Matcher::Isa::avx2}) {
        linker::Matcher m;
        m.add("Bx Kab", 1);
        m.add("la Ba", 2);
        m.add("Y", 3);
        m.build();
        m.set_isa(isa);
        for (const std::string name : {"Bx Kab", "BX\xC2\xA0kab", "la-Ba", "Y"}) {
            for (size_t len = name.size(); len <= 200; ++len) {
                for (size_t at = 0; at + name.size() <= len; at += 7) {
                    std::string t(len, '.');
                    t.replace(at, name.size(), name);
                    std::vector<linker::Match> out;
                    m.find(t, out);
                    ASSERT_EQ(out.size(), 1u) << name << " at " << at << " in " << len;
                    EXPECT_EQ(out[0].start, at);
                    EXPECT_EQ(out[0].end, at + name.size());
                }
            }
        }
    }
}

// The run table (first byte, then ASCII letters, digits and '_'): names whose first run is 1 to
// 20 bytes long (around the table's 3..16 and the 16-byte compare), followed by punctuation,
// non-ASCII letters and non-letters, or more words; texts that glue word bytes, digits and '_'
// to them, against the oracle.
TEST(LinkerMatcher, RunTableAgreesWithBruteForce) {
    std::mt19937 rng(1207);
    auto pick = [&](size_t n) { return size_t(rng() % n); };
    const std::string letters = "abcAB9_";
    const std::vector<std::string> after = {"",   ".", "'s", "é",        "’",  "×",
                                            ",x", "-", " ",  "\xC2\xA0", "ab", "\xE2\x80\x93"};
    const std::vector<std::string> junk = {
        " ", ", ", "a", "_", "9", "é", "’", "×", "-", "B", "\xC2\xA0", "\xE2\x80\x93", ".", "  "};
    for (int round = 0; round < 60; ++round) {
        std::vector<std::string> spellings;
        std::vector<OracleName> oracle;
        linker::Matcher m;
        const size_t count = 1 + pick(25);
        auto add = [&](const std::string& name, uint32_t value) {
            spellings.push_back(name);
            m.add(name, value);
            auto words = split_words(name);
            if (words.empty()) return;
            oracle.push_back({words, value});
            if (name[0] >= 'a' && name[0] <= 'z') {
                std::string cap = name;
                cap[0] = char(cap[0] - 32);
                oracle.push_back({split_words(cap), value});
            }
        };
        for (size_t k = 0; k < count; ++k) {
            std::string name(1, "ABab"[pick(4)]);
            for (size_t len = pick(21); len > 1; --len) name += letters[pick(letters.size())];
            const std::string run = name;
            name += after[pick(after.size())];
            if (pick(3) == 0) name.append(1, 'b').append(pick(3), 'a');
            add(name, uint32_t(k));
            // Often the run alone is a name too: the longer one must not hide it.
            if (name != run && pick(2) == 0) add(run, uint32_t(100 + k));
        }
        m.build();
        for (int text_round = 0; text_round < 40; ++text_round) {
            std::string t;
            for (size_t k = pick(40); k > 0; --k) {
                if (pick(2)) {
                    t += junk[pick(junk.size())];
                    continue;
                }
                std::string s = spellings[pick(spellings.size())];
                if (pick(4) == 0)
                    for (char& c : s)
                        if (c >= 'a' && c <= 'z') c = char(c - 32);
                if (pick(5) == 0 && s.size() > 1) s.resize(1 + pick(s.size() - 1));
                t += s;
                if (pick(2)) t += junk[pick(junk.size())];
            }
            const auto want = oracle_find(oracle, t);
            std::vector<linker::Match> got;
            m.find(t, got);
            ASSERT_EQ(show(got), show(want)) << "round " << round << " text [" << t << "]";
        }
    }
}
