// linker::unknown_names: names the articles use as places that no place matches. The articles
// here are written for the test, shaped like border reporting (cues, lists, people, outlets).
#include "linker/unknown_names.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace bm;
using linker::unknown_names;

namespace {

gazetteer::Place place(std::string id, std::string name, std::vector<std::string> aliases,
                       std::string kind) {
    gazetteer::Place p;
    p.id = std::move(id);
    p.name = std::move(name);
    p.aliases = std::move(aliases);
    p.kind = std::move(kind);
    return p;
}

gazetteer::Gazetteer places() {
    gazetteer::Gazetteer g;
    g.add(place("tegh", "Tegh", {}, "village"));
    g.add(place("sotk", "Sotk", {"Zod"}, "village"));
    g.add(place("kalbajar", "Kalbajar", {"Karvachar"}, "district"));
    g.add(place("ijevan", "Ijevan", {}, "town"));
    g.add(place("armenia", "Armenia", {}, "country"));
    return g;
}

corpus::Article article(std::string title, std::string outlet, std::vector<std::string> paras) {
    corpus::Article a;
    a.title = std::move(title);
    a.outlet = std::move(outlet);
    a.paragraphs = std::move(paras);
    return a;
}

corpus::Corpus border_news() {
    corpus::Corpus c;
    c.articles.push_back(article(
        "Residents block the road", "Alpha News",
        {"People from the village of Kirants, Tavush region, closed the road near Sotk on Monday.",
         "Gohar Vardanyan, who lives in Kirants, told Alpha News that the border is close.",
         "Tavush Governor Hayk Ghalumyan offered to meet residents in Ijevan in January.",
         "Later Ghalumyan said the talks in Kirants would go on."}));
    c.articles.push_back(article(
        "Shelling on the border", "Test Wire",
        {"Kornidzor village came under fire, and shells fell on Tegh, Khnatsakh and Khoznavar.",
         "Border checkpoint staff said the border was quiet by evening.",
         "Azerbaijani positions at the Yukhari Shorja (Verin Shorzha) village were hit from "
         "Kalbajar District and from the Dashkasan District, the ministry said.",
         "In Movses, residents said the OSCE and Reuters had not come, according to reports in "
         "Azatutyun.",
         "Fighting in the Dashkasan, Kalbajar and Lachin directions went on in Armenia's "
         "Gegharkunik province."}));
    return c;
}

const linker::UnknownName* find(const std::vector<linker::UnknownName>& v, const std::string& n) {
    for (const auto& u : v)
        if (u.name == n) return &u;
    return nullptr;
}

std::vector<std::string> names_of(const std::vector<linker::UnknownName>& v) {
    std::vector<std::string> out;
    for (const auto& u : v) out.push_back(u.name);
    return out;
}

bool has_cue(const linker::UnknownName& u, const std::string& cue) {
    return std::find(u.cues.begin(), u.cues.end(), cue) != u.cues.end();
}

TEST(UnknownNames, FindsNamesUsedAsPlacesThatNoPlaceMatches) {
    const auto g = places();
    const auto c = border_news();
    const auto got = unknown_names(c, g);
    SCOPED_TRACE(::testing::PrintToString(names_of(got)));
    // Cues before: "the village of X", "in X", "near X"; after: "X village", "X region".
    const auto* kirants = find(got, "Kirants");
    ASSERT_NE(kirants, nullptr);
    EXPECT_EQ(kirants->count, 3u);
    EXPECT_TRUE(has_cue(*kirants, "village of"));
    EXPECT_TRUE(has_cue(*kirants, "in"));
    ASSERT_NE(find(got, "Tavush"), nullptr);
    EXPECT_TRUE(has_cue(*find(got, "Tavush"), "region"));
    // At a sentence's start only with a cue after it.
    ASSERT_NE(find(got, "Kornidzor"), nullptr);
    EXPECT_TRUE(has_cue(*find(got, "Kornidzor"), "village"));
    // A list beside a known place (Tegh).
    ASSERT_NE(find(got, "Khnatsakh"), nullptr);
    ASSERT_NE(find(got, "Khoznavar"), nullptr);
    EXPECT_TRUE(has_cue(*find(got, "Khoznavar"), "list"));
    // A name, its bracketed other spelling, and the cue after both.
    EXPECT_NE(find(got, "Yukhari Shorja"), nullptr);
    EXPECT_NE(find(got, "Verin Shorzha"), nullptr);
    // "X District" with a capital; a list marked by the cue after its last member.
    ASSERT_NE(find(got, "Dashkasan"), nullptr);
    EXPECT_EQ(find(got, "Dashkasan")->count, 2u);
    EXPECT_NE(find(got, "Lachin"), nullptr);
    // "In X" opening a sentence; after a possessive with a cue after it.
    EXPECT_NE(find(got, "Movses"), nullptr);
    EXPECT_NE(find(got, "Gegharkunik"), nullptr);
    // Most used first.
    ASSERT_FALSE(got.empty());
    EXPECT_EQ(got[0].name, "Kirants");
}

TEST(UnknownNames, LeavesOutKnownPlacesPeopleDatesOutletsAndCommonWords) {
    const auto g = places();
    const auto c = border_news();
    const auto got = unknown_names(c, g);
    SCOPED_TRACE(::testing::PrintToString(names_of(got)));
    for (const char* n : {"Sotk",
                          "Tegh",
                          "Kalbajar",
                          "Ijevan",
                          "Armenia",  // known
                          "Gohar Vardanyan",
                          "Vardanyan",
                          "Ghalumyan",
                          "Hayk Ghalumyan",  // people
                          "January",
                          "Monday",  // dates
                          "Alpha News",
                          "Reuters",
                          "Azatutyun",
                          "OSCE",  // outlets, acronyms
                          "Border",
                          "People",
                          "Later",
                          "Fighting",
                          "Azerbaijani",
                          "Tavush Governor"})
        EXPECT_EQ(find(got, n), nullptr) << n;
}

TEST(UnknownNames, MentionsPointAtTheNameInItsPassage) {
    const auto g = places();
    const auto c = border_news();
    for (const auto& u : unknown_names(c, g)) {
        EXPECT_EQ(u.count, u.mentions.size()) << u.name;
        for (const auto& m : u.mentions) {
            ASSERT_TRUE(c.contains(m.article));
            ASSERT_LT(m.paragraph, c[m.article].paragraphs.size());
            const std::string& text = c[m.article].paragraphs[m.paragraph];
            ASSERT_LE(m.span.end, text.size());
            EXPECT_EQ(gazetteer::fold_key(text.substr(m.span.start, m.span.end - m.span.start)),
                      gazetteer::fold_key(u.name));
        }
    }
    const auto got = unknown_names(c, g);
    const auto* k = find(got, "Kirants");
    ASSERT_NE(k, nullptr);
    EXPECT_EQ(k->mentions[0].article, ArticleId(0));
    EXPECT_EQ(k->mentions[0].paragraph, 0u);
}

// A spelling the gazetteer has only as an alias, and one the linker links: both are known.
TEST(UnknownNames, AliasesAndLinkedMentionsAreKnown) {
    auto g = places();
    corpus::Corpus c;
    c.articles.push_back(article("t", "o",
                                 {"Shots were heard near Zod and near Karvachar.",
                                  "Trucks reached the village of Nerkin Hand."}));
    const auto index = linker::Index::build(g, c);
    const auto got = unknown_names(c, g, &index);
    EXPECT_EQ(names_of(got), std::vector<std::string>{"Nerkin Hand"});
    // The new place makes the name known.
    g.add(place("nerkin-hand", "Nerkin Hand", {}, "village"));
    EXPECT_TRUE(unknown_names(c, g).empty());
}

// A name seen once with a cue is a place wherever else it appears, alone or in a list.
TEST(UnknownNames, ANameSeenWithACueCountsElsewhere) {
    const auto g = places();
    corpus::Corpus c;
    c.articles.push_back(article(
        "t", "o",
        {"The mayors of Kirants, Berkaber and Voskepar met.", "Kirants residents blocked the road.",
         "Trucks reached the village of Kirants at noon."}));
    const auto got = unknown_names(c, g);
    SCOPED_TRACE(::testing::PrintToString(names_of(got)));
    ASSERT_NE(find(got, "Kirants"), nullptr);
    EXPECT_EQ(find(got, "Kirants")->count, 3u);
    EXPECT_TRUE(has_cue(*find(got, "Kirants"), "elsewhere"));
    ASSERT_NE(find(got, "Berkaber"), nullptr);
    EXPECT_TRUE(has_cue(*find(got, "Berkaber"), "list"));
    EXPECT_NE(find(got, "Voskepar"), nullptr);
    // Without the cue nothing marks them.
    c.articles[0].paragraphs.pop_back();
    EXPECT_TRUE(unknown_names(c, g).empty());
}

TEST(UnknownNames, EmptyCorpusAndNoCues) {
    const auto g = places();
    EXPECT_TRUE(unknown_names(corpus::Corpus{}, g).empty());
    corpus::Corpus c;
    c.articles.push_back(article("t", "o", {"Nothing Capitalised Here Has A Cue", "", "x"}));
    EXPECT_TRUE(unknown_names(c, g).empty());
}

}  // namespace
