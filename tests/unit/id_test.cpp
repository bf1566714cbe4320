// Strong ids (common/id.h): one "none", comparison, hashing, the index back, and no conversion
// between kinds or from a bare number (the build probes in tests/build/ check the calls).
#include "common/id.h"

#include <gtest/gtest.h>

#include <type_traits>
#include <unordered_set>
#include <vector>

#include "corpus/corpus.h"
#include "gazetteer/gazetteer.h"
#include "render/scene.h"

namespace bm {
namespace {

static_assert(!std::is_convertible_v<PlaceId, ArticleId>);
static_assert(!std::is_convertible_v<ArticleId, PlaceId>);
static_assert(!std::is_convertible_v<PlaceId, FeatureId>);
static_assert(!std::is_convertible_v<size_t, PlaceId>);  // explicit: PlaceId(i)
static_assert(!std::is_convertible_v<PlaceId, size_t>);  // index() says so
static_assert(std::is_constructible_v<PlaceId, size_t>);
static_assert(sizeof(PlaceId) == 4);  // the linker keeps millions of them

TEST(Id, DefaultIsNoneAndIndexRoundTrips) {
    PlaceId none;
    EXPECT_FALSE(none.valid());
    EXPECT_FALSE(none);
    EXPECT_EQ(none, PlaceId::none());
    const PlaceId p(7);
    EXPECT_TRUE(p);
    EXPECT_EQ(p.index(), 7u);
    EXPECT_NE(p, none);
    EXPECT_EQ(PlaceId(0).index(), 0u);  // 0 is a place, not "none"
    EXPECT_TRUE(PlaceId(0));
}

TEST(Id, OrdersAndHashesByIndex) {
    EXPECT_LT(ArticleId(1), ArticleId(2));
    EXPECT_LT(ArticleId(2), ArticleId::none());  // none sorts last
    std::unordered_set<FeatureId> seen{FeatureId(3), FeatureId(3), FeatureId(4)};
    EXPECT_EQ(seen.size(), 2u);
    EXPECT_TRUE(seen.count(FeatureId(4)));
}

TEST(Id, RangeGivesEveryIdInOrder) {
    std::vector<PlaceId> got;
    for (PlaceId p : IdRange<PlaceId>(3)) got.push_back(p);
    EXPECT_EQ(got, (std::vector<PlaceId>{PlaceId(0), PlaceId(1), PlaceId(2)}));
    EXPECT_EQ(IdRange<PlaceId>(0).begin(), IdRange<PlaceId>(0).end());
}

TEST(Id, ContainersAnswerForIdsOutsideThemAndForNone) {
    corpus::Corpus c;
    c.articles.resize(2);
    EXPECT_TRUE(c.contains(ArticleId(1)));
    EXPECT_FALSE(c.contains(ArticleId(2)));
    EXPECT_FALSE(c.contains(ArticleId::none()));
    gazetteer::Gazetteer g;
    g.add({});
    EXPECT_TRUE(g.contains(PlaceId(0)));
    EXPECT_FALSE(g.contains(PlaceId(1)));
    EXPECT_FALSE(g.contains(PlaceId::none()));
    EXPECT_EQ(g.ids().size(), 1u);
}

TEST(Id, PassageRefComparesArticleAndParagraph) {
    const PassageRef a{ArticleId(1), 2}, b{ArticleId(1), 2}, c{ArticleId(2), 2};
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
}

}  // namespace
}  // namespace bm
