// Applying a user's link decisions to a fresh link run (linker/decisions.h): reject, confirm,
// reassign, the three scopes, idempotence, stale decisions kept and reported but never moved
// onto another mention, and Index::relink giving what a full build gives.
#include "linker/decisions.h"

#include <gtest/gtest.h>

#include "corpus/article_id.h"
#include "corpus/corpus.h"
#include "gazetteer/gazetteer.h"
#include "test_feature.h"

using namespace bm;
using linker::Action;
using linker::Decision;
using linker::Scope;

namespace {

using test::feature;

gazetteer::Gazetteer gaz() {
    geo::Layer l{"places", "test", {}, {}};
    l.features = {
        feature("goris", "Goris", {}, "town"),
        feature("lachin", "Lachin", {}, "town"),
        feature("kalbajar", "Kalbajar", {}, "town"),
        feature("shusha", "Shusha", {"Shushi"}, "town"),
    };
    Problems ps;
    return gazetteer::Gazetteer::build({l}, ps);
}

corpus::Article article(std::string url, std::vector<std::string> paragraphs) {
    corpus::Article a;
    a.title = "T " + url;
    a.url = std::move(url);
    a.paragraphs = std::move(paragraphs);
    return a;
}

struct DecisionsApply : ::testing::Test {
    gazetteer::Gazetteer g = gaz();
    corpus::Corpus c;
    void SetUp() override {
        c.articles = {article("https://a.test/1", {"Lachin and Goris were quiet.",
                                                   "Troops left Lachin. Lachin is empty."}),
                      article("https://a.test/2", {"In Lachin the road reopened."})};
        corpus::assign_article_ids(c);
    }
    const std::string& id(size_t a) const { return c.articles[a].id; }
    PlaceId place(const char* pid) const { return g.find_id(pid); }
    // The places linked in one paragraph, by start, as "place@start".
    std::vector<std::string> links(const linker::Index& ix, size_t a, uint32_t p) const {
        std::vector<std::string> out;
        for (const auto& h : ix.links_in({ArticleId(a), p}))
            out.push_back(g[h.place].id + "@" + std::to_string(h.span.start));
        return out;
    }
    Decision d(Action act, size_t a, uint32_t p, std::string mention, std::string pl,
               Scope s = Scope::passage, std::string to = "") const {
        return {id(a), p, std::move(mention), act, std::move(pl), std::move(to), s};
    }
};

TEST_F(DecisionsApply, RejectRemovesTheLinkFromEveryDirection) {
    const auto before = linker::Index::build(g, c);
    ASSERT_EQ(before.passages_of(place("lachin")).size(), 3u);
    linker::Decisions ds({d(Action::reject, 0, 0, "Lachin", "lachin")}, g);
    linker::DecisionReport rep;
    const auto ix = linker::Index::build(g, c, {}, &ds, &rep);
    EXPECT_EQ(links(ix, 0, 0), std::vector<std::string>{"goris@11"});
    // Other passages keep theirs: the scope is one passage.
    EXPECT_EQ(ix.passages_of(place("lachin")).size(), 2u);
    EXPECT_EQ(ix.places_in({ArticleId(0), 0}).size(), 1u);
    EXPECT_EQ(ix.mention_count(), before.mention_count() - 1);
    ASSERT_EQ(rep.uses.size(), 1u);
    EXPECT_EQ(rep.uses[0], 1u);
    EXPECT_TRUE(rep.stale(ds, g).empty());
}

TEST_F(DecisionsApply, ScopesReachThePassageTheArticleOrEveryArticle) {
    {
        linker::Decisions ds({d(Action::reject, 0, 1, "Lachin", "lachin")}, g);
        const auto ix = linker::Index::build(g, c, {}, &ds);
        EXPECT_TRUE(links(ix, 0, 1).empty());  // both mentions of the passage
        EXPECT_EQ(links(ix, 0, 0).size(), 2u);
    }
    {
        linker::Decisions ds({d(Action::reject, 0, 1, "Lachin", "lachin", Scope::article)}, g);
        const auto ix = linker::Index::build(g, c, {}, &ds);
        EXPECT_EQ(links(ix, 0, 0), std::vector<std::string>{"goris@11"});
        EXPECT_TRUE(links(ix, 0, 1).empty());
        EXPECT_EQ(links(ix, 1, 0), std::vector<std::string>{"lachin@3"});  // other article
    }
    {
        linker::Decisions ds({d(Action::reject, 0, 1, "Lachin", "lachin", Scope::all)}, g);
        linker::DecisionReport rep;
        const auto ix = linker::Index::build(g, c, {}, &ds, &rep);
        EXPECT_TRUE(ix.passages_of(place("lachin")).empty());
        EXPECT_EQ(rep.uses[0], 4u);
    }
}

TEST_F(DecisionsApply, ConfirmGivesConfidenceOneAndReassignMovesTheLink) {
    linker::Decisions ds(
        {d(Action::confirm, 0, 0, "Goris", "goris"),
         d(Action::reassign, 1, 0, "Lachin", "lachin", Scope::passage, "kalbajar")},
        g);
    const auto ix = linker::Index::build(g, c, {}, &ds);
    const auto& h = ix.links_in({ArticleId(0), 0});
    ASSERT_EQ(h.size(), 2u);
    EXPECT_EQ(h[1].confidence, 1.f);
    EXPECT_EQ(h[1].reason, linker::Reason::user);
    EXPECT_EQ(links(ix, 1, 0), std::vector<std::string>{"kalbajar@3"});
    ASSERT_EQ(ix.passages_of(place("kalbajar")).size(), 1u);
    EXPECT_EQ(ix.passages_of(place("kalbajar"))[0].article, ArticleId(1));
    EXPECT_EQ(ix.passages_of(place("lachin")).size(), 2u);
}

TEST(Decisions, ConfirmCountsALinkUnderTheThreshold) {
    // A surname beside it: the linker takes "Ararat" for part of a person's name.
    geo::Layer l{"places", "test", {}, {}};
    l.features = {feature("ararat", "Ararat", {}, "town")};
    Problems ps;
    const auto g = gazetteer::Gazetteer::build({l}, ps);
    corpus::Corpus c;
    c.articles = {article("https://a.test/p", {"Ararat Mirzoyan spoke on Monday."})};
    corpus::assign_article_ids(c);
    const auto plain = linker::Index::build(g, c);
    ASSERT_EQ(plain.links_in({ArticleId(0), 0}).size(), 1u);
    ASSERT_LT(plain.links_in({ArticleId(0), 0})[0].confidence, plain.threshold());
    ASSERT_TRUE(plain.passages_of(g.find_id("ararat")).empty());
    linker::Decisions ds(
        {{c.articles[0].id, 0, "Ararat", Action::confirm, "ararat", "", Scope::passage}}, g);
    const auto ix = linker::Index::build(g, c, {}, &ds);
    EXPECT_EQ(ix.passages_of(g.find_id("ararat")).size(), 1u);
    EXPECT_TRUE(ix.uncertain_passages_of(g.find_id("ararat")).empty());
    EXPECT_EQ(ix.links_in({ArticleId(0), 0})[0].confidence, 1.f);
}

TEST_F(DecisionsApply, ApplyingTwiceChangesNothing) {
    linker::Decisions ds(
        {d(Action::reject, 0, 0, "Lachin", "lachin"), d(Action::confirm, 0, 0, "Goris", "goris"),
         d(Action::reassign, 0, 1, "Lachin", "lachin", Scope::article, "shusha")},
        g);
    linker::Linker lk(g);
    std::vector<std::vector<linker::Hit>> run;
    for (const auto& p : c.articles[0].paragraphs) run.push_back(lk.link(p));
    lk.resolve_article(run);
    ds.apply(c.articles[0], run);
    auto once = run;
    ds.apply(c.articles[0], run);
    ASSERT_EQ(run.size(), once.size());
    for (size_t p = 0; p < run.size(); ++p) {
        ASSERT_EQ(run[p].size(), once[p].size());
        for (size_t k = 0; k < run[p].size(); ++k) {
            EXPECT_EQ(run[p][k].place, once[p][k].place);
            EXPECT_EQ(run[p][k].span, once[p][k].span);
            EXPECT_EQ(run[p][k].confidence, once[p][k].confidence);
        }
    }
    ASSERT_EQ(run[1].size(), 2u);
    EXPECT_EQ(run[1][0].place, place("shusha"));
    EXPECT_EQ(run[1][1].place, place("shusha"));
}

TEST_F(DecisionsApply, TheNearestDecisionWinsThenTheLatest) {
    linker::Decisions ds(
        {d(Action::reject, 0, 1, "Lachin", "lachin", Scope::all),
         d(Action::confirm, 0, 1, "Lachin", "lachin"), d(Action::reject, 1, 0, "Lachin", "lachin"),
         d(Action::confirm, 1, 0, "Lachin", "lachin")},
        g);
    const auto ix = linker::Index::build(g, c, {}, &ds);
    EXPECT_EQ(links(ix, 0, 0), std::vector<std::string>{"goris@11"});  // the "all" reject
    EXPECT_EQ(links(ix, 0, 1).size(), 2u);                             // confirmed here
    EXPECT_EQ(links(ix, 1, 0), std::vector<std::string>{"lachin@3"});  // confirm came last
}

TEST_F(DecisionsApply, AStaleDecisionIsKeptReportedAndNeverMoved) {
    // The paragraph's text changed: "Lachin" is gone from passage 0 of article 0, Shushi came.
    std::vector<Decision> list = {
        d(Action::reject, 0, 0, "Lachin", "lachin"),
        d(Action::reject, 0, 0, "Goris", "no-such-place"),
        d(Action::reassign, 0, 0, "Goris", "goris", Scope::passage, "gone-place"),
        d(Action::reject, 0, 0, "Goris", "kalbajar"),  // the text is there, not this place
    };
    corpus::Corpus edited = c;
    edited.articles[0].paragraphs[0] = "Shushi and Goris were quiet.";
    linker::Decisions ds(list, g);
    linker::DecisionReport rep;
    const auto ix = linker::Index::build(g, edited, {}, &ds, &rep);
    // Nothing else was touched: the other Lachins, the new Shushi and Goris stay linked.
    EXPECT_EQ(links(ix, 0, 0), (std::vector<std::string>{"shusha@0", "goris@11"}));
    EXPECT_EQ(links(ix, 0, 1).size(), 2u);
    const auto stale = rep.stale(ds, g);
    ASSERT_EQ(stale.size(), 4u);
    EXPECT_NE(stale[0].why.find("no mention 'Lachin' linked to lachin in passage " + id(0) + ":0"),
              std::string::npos)
        << stale[0].why;
    EXPECT_NE(stale[1].why.find("'no-such-place' is no longer in the gazetteer"),
              std::string::npos);
    EXPECT_NE(stale[2].why.find("'gone-place'"), std::string::npos);
    EXPECT_NE(stale[3].why.find("linked to kalbajar"), std::string::npos);
    EXPECT_EQ(ds.list().size(), 4u);  // kept
}

TEST_F(DecisionsApply, DecisionsReferToIdsNotPositions) {
    // The same article read after another one was added in front: its decision follows it.
    linker::Decisions ds({d(Action::reject, 1, 0, "Lachin", "lachin")}, g);
    corpus::Corpus moved;
    moved.articles = {article("https://a.test/0", {"Lachin news."}), c.articles[1], c.articles[0]};
    for (auto& a : moved.articles) a.id.clear();
    corpus::assign_article_ids(moved);
    ASSERT_EQ(moved.articles[1].id, id(1));
    const auto ix = linker::Index::build(g, moved, {}, &ds);
    EXPECT_EQ(links(ix, 0, 0).size(), 1u);
    EXPECT_TRUE(links(ix, 1, 0).empty());
    EXPECT_EQ(links(ix, 2, 0).size(), 2u);
}

TEST_F(DecisionsApply, RelinkOfSomeArticlesEqualsAFullBuild) {
    auto ix = linker::Index::build(g, c);
    linker::Decisions ds({d(Action::reassign, 0, 1, "Lachin", "lachin", Scope::article, "goris")},
                         g);
    linker::Linker lk(g);
    ix.relink(lk, c, {ArticleId(0)}, &ds);
    const auto full = linker::Index::build(g, c, {}, &ds);
    for (PlaceId p : g.ids()) {
        const auto& a = ix.passages_of(p);
        const auto& b = full.passages_of(p);
        ASSERT_EQ(a.size(), b.size()) << g[p].id;
        for (size_t k = 0; k < a.size(); ++k) {
            EXPECT_EQ(a[k].article, b[k].article);
            EXPECT_EQ(a[k].paragraph, b[k].paragraph);
            EXPECT_EQ(a[k].spans, b[k].spans);
        }
    }
    EXPECT_EQ(ix.mention_count(), full.mention_count());
    EXPECT_EQ(ix.uncertain_count(), full.uncertain_count());
    EXPECT_EQ(links(ix, 0, 0), links(full, 0, 0));
}

TEST(PassageId, RoundTripsAndRefusesMalformed) {
    std::string a;
    uint32_t p = 0;
    ASSERT_TRUE(linker::parse_passage_id(linker::passage_id("u0123:x", 7), a, p));
    EXPECT_EQ(a, "u0123:x");
    EXPECT_EQ(p, 7u);
    for (const char* bad : {"", "u12", "u12:", ":3", "u12:3x", "u12:-1"})
        EXPECT_FALSE(linker::parse_passage_id(bad, a, p)) << bad;
    EXPECT_EQ(linker::parse_action("reassign"), Action::reassign);
    EXPECT_EQ(linker::action_name(Action::reassign), "relink");
    EXPECT_FALSE(linker::parse_scope("everywhere"));
}

}  // namespace
