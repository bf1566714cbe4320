// Linker context rules: a confidence and a reason for every link. Each rule has a case that
// must link (counted) and one that must not, on a small hand-built gazetteer; plus the
// vocabulary file's parser, hashtags and case folding beyond ASCII.
#include <gtest/gtest.h>

#include "common/resources.h"
#include "corpus/corpus.h"
#include "gazetteer/gazetteer.h"
#include "gazetteer/unicode.h"
#include "linker/context.h"
#include "linker/linker.h"

using namespace bm;

namespace {

struct P {
    const char* id;
    const char* name;
    std::vector<std::string> aliases;
    const char* kind;
    double lon = 0, lat = 0;
    const char* code = "";
    int64_t population = 0;
    const char* admin = "";
};

gazetteer::Gazetteer make(const std::vector<P>& ps) {
    geo::Layer l{"places", "test", {}, {}};
    for (const P& p : ps) {
        geo::Feature f;
        f.id = p.id;
        f.name = p.name;
        f.aliases = p.aliases;
        f.kind = p.kind;
        f.label_point = {p.lon, p.lat};
        if (*p.code) f.props["feature_code"] = p.code;
        if (p.population) f.props["population"] = std::to_string(p.population);
        if (*p.admin) f.props["admin"] = p.admin;
        l.features.push_back(std::move(f));
    }
    Problems ignored;  // shared names are reported as warnings: they are the point here
    return gazetteer::Gazetteer::build({l}, ignored);
}

gazetteer::Gazetteer conflict_gazetteer() {
    return make({
        {"arm", "Armenia", {}, "country", 45, 40.2},
        {"ararat", "Ararat", {}, "town", 44.7, 39.83, "PPL", 20000},
        {"sevan", "Sevan", {}, "town", 44.95, 40.55, "PPL", 19000},
        {"artsakh", "Nagorno-Karabakh", {"Artsakh", "Karabakh"}, "region", 46.6, 39.9},
        {"shusha", "Shusha", {"Şuşa", "Shushi", "Շուշի"}, "town", 46.75, 39.76, "PPL", 4000},
        {"yerevan", "Yerevan", {"Երևան"}, "city", 44.51, 40.18, "PPLC", 1000000},
        {"baku", "Baku", {}, "city", 49.89, 40.38, "PPLC", 2000000},
        {"aghdam", "Aghdam", {"Agdam", "Qarabağ"}, "town", 46.93, 39.99, "PPL", 1000},
        {"parukh", "Parukh (Farukh)", {"Farrukh", "Farukh"}, "village", 46.80, 40.02},
        {"lachin-town",
         "Lachin",
         {"Laçın", "Лачин", "Berdzor"},
         "town",
         46.55,
         39.64,
         "PPLA2",
         8000},
        {"lachin-district", "Lachin", {"Laçın"}, "district", 46.5, 39.6, "ADM2", 0},
        {"lachin-corridor", "Lachin corridor", {}, "corridor", 46.4, 39.6},
        {"kalbajar", "Kalbajar", {}, "town", 46.04, 40.1, "PPL", 7000},
        {"gubadli", "Gubadli", {}, "town", 46.58, 39.34, "PPL", 6000},
        {"gubadli-district",
         "Gubadli District",
         {"Qubadlı rayonu"},
         "district",
         46.6,
         39.3,
         "ADM2",
         0},
        {"gegharkunik", "Gegharkunik", {}, "province", 45.3, 40.3, "ADM1", 0},
        {"martuni-am", "Martuni", {}, "town", 45.31, 40.14, "PPLA2", 12000, "gegharkunik"},
        {"martuni-nk", "Martuni", {"Khojavend"}, "town", 47.05, 39.79, "PPLA2", 5000},
        {"stepanakert", "Stepanakert", {"Khankendi"}, "city", 46.75, 39.82, "PPLA", 55000},
        {"vardenis", "Vardenis", {}, "town", 45.73, 40.18, "PPL", 12000, "gegharkunik"},
        {"kind", "Kind", {}, "village", 45.0, 40.0, "PPL", 600},
        {"ismayilli", "İsmayıllı", {}, "town", 48.15, 40.79, "PPLA2", 18000},
        {"suleymanli-tr", "Suleymanli", {}, "village", 30.5, 39.0, "PPL", 600},
    });
}

class Context : public ::testing::Test {
  protected:
    gazetteer::Gazetteer g = conflict_gazetteer();
    linker::Linker lk{g};

    // The link of the mention that covers `word` (first occurrence) in `text`.
    linker::Hit at(const std::string& text, const std::string& word) {
        const size_t s = text.find(word);
        EXPECT_NE(s, std::string::npos) << word;
        for (const auto& h : lk.link(text))
            if (h.span.start <= s && s < h.span.end) return h;
        ADD_FAILURE() << "no link at \"" << word << "\" in: " << text;
        return {};
    }
    std::string id(const linker::Hit& h) { return g[h.place].id; }
    bool counted(const std::string& text, const std::string& word) {
        return lk.counts(at(text, word));
    }
};

}  // namespace

TEST(LinkerVocabulary, ShippedFilesParseCleanly) {
    Problems ps;
    auto text = resource("linker/context.txt");
    ASSERT_TRUE(text);
    auto v = linker::Vocabulary::parse(*text, "linker/context.txt", ps);
    v.add_common_words(resource("linker/common_words.txt").value_or(""), "common_words.txt", ps);
    for (const auto& p : ps) ADD_FAILURE() << p.to_string();
    EXPECT_GT(v.word_count(), 100u);
    EXPECT_GT(v.common_word_count(), 10000u);
    // The built-in vocabulary uses the same file in place: the same words.
    EXPECT_EQ(linker::Vocabulary::builtin().common_word_count(), v.common_word_count());
    EXPECT_TRUE(linker::Vocabulary::builtin().common_word("Zebra"));
    EXPECT_TRUE(linker::Vocabulary::builtin().common_word("aardvark"));  // the first line
    EXPECT_FALSE(linker::Vocabulary::builtin().common_word("Gegharkunik"));
    EXPECT_TRUE(v.roles("District") & linker::kDistrictAfter);
    EXPECT_TRUE(v.roles("rayonu") & linker::kDistrictAfter);
    EXPECT_TRUE(v.roles("University") & linker::kOrganisationAfter);
    EXPECT_EQ(v.roles("Stepanakert"), 0);
    EXPECT_TRUE(v.surname_ending("Mirzoyan"));
    EXPECT_TRUE(v.surname_ending("Aliyev"));
    EXPECT_FALSE(v.surname_ending("yan"));  // nothing before the ending
    EXPECT_FALSE(v.surname_ending("Shusha"));
    EXPECT_TRUE(v.common_word("Kind"));
    EXPECT_FALSE(v.common_word("Stepanakert"));
    EXPECT_EQ(v.kind_class("Town"), linker::Vocabulary::KindClass::settlement);
    EXPECT_EQ(v.kind_class("district"), linker::Vocabulary::KindClass::district);
    EXPECT_EQ(v.kind_class("country"), linker::Vocabulary::KindClass::other);
}

TEST(LinkerVocabulary, BadLinesAreReportedWithFileLineAndReason) {
    Problems ps;
    auto v = linker::Vocabulary::parse(
        "stray\n[district after]\ndistrict\n[no such section]\nx\n[given names]\nTwo words\n"
        "[organisation after\n",
        "my-rules.txt", ps);
    ASSERT_EQ(ps.size(), 4u);
    EXPECT_EQ(ps[0].file, "my-rules.txt");
    EXPECT_EQ(ps[0].where, "line 1");
    EXPECT_NE(ps[0].why.find("outside a known section"), std::string::npos) << ps[0].why;
    EXPECT_EQ(ps[1].where, "line 4");
    EXPECT_NE(ps[1].why.find("unknown section [no such section]"), std::string::npos);
    EXPECT_EQ(ps[2].where, "line 7");
    EXPECT_NE(ps[2].why.find("more than one word"), std::string::npos);
    EXPECT_EQ(ps[3].where, "line 8");
    EXPECT_TRUE(v.roles("district") & linker::kDistrictAfter);  // the good lines still count
    v.add_common_words("# c\nkind\nNot Lower\n", "words.txt", ps);
    ASSERT_EQ(ps.size(), 5u);
    EXPECT_EQ(ps[4].where, "line 3");
    EXPECT_TRUE(v.common_word("kind"));
}

TEST_F(Context, EveryLinkHasAConfidenceAndAReason) {
    const auto hits = lk.link("Baku and Yerevan, Stepanakert and Lachin.");
    ASSERT_EQ(hits.size(), 4u);
    for (const auto& h : hits) {
        EXPECT_GE(h.confidence, 0.f);
        EXPECT_LE(h.confidence, 1.f);
        EXPECT_FALSE(linker::reason_name(h.reason).empty());
        EXPECT_FALSE(linker::reason_text(h.reason).empty());
    }
    EXPECT_EQ(hits[0].reason, linker::Reason::only_place);
    EXPECT_EQ(hits[0].confidence, 1.f);
    EXPECT_TRUE(hits[0].candidates.empty());
    EXPECT_FALSE(hits[3].candidates.empty());  // two places are called Lachin
}

TEST_F(Context, DistrictOrTownByTheWordsAround) {
    for (const char* t : {"fighting in the Lachin district", "the Lachin region", "Laçın rayonu",
                          "the Lachin direction", "the district of Lachin"}) {
        const auto h =
            at(t, std::string(t).find("Laçın") != std::string::npos ? "Laçın" : "Lachin");
        EXPECT_EQ(id(h), "lachin-district") << t;
        EXPECT_EQ(h.reason, linker::Reason::words_around) << t;
        EXPECT_GE(h.confidence, 0.85f) << t;
        EXPECT_EQ(h.candidates, (std::vector<PlaceId>{g.find_id("lachin-town")}));
    }
    for (const char* t : {"the town of Lachin", "Lachin town centre", "the city of Lachin"}) {
        const auto h = at(t, "Lachin");
        EXPECT_EQ(id(h), "lachin-town") << t;
        EXPECT_EQ(h.reason, linker::Reason::words_around) << t;
    }
    // No words to go by: one of them, unsure, with the other as candidate.
    const auto h = at("They reached Lachin.", "Lachin");
    EXPECT_EQ(id(h), "lachin-town");  // the town has a population, the district none here
    EXPECT_EQ(h.reason, linker::Reason::prominence);
    EXPECT_LT(h.confidence, 1.f);
    EXPECT_EQ(h.candidates, (std::vector<PlaceId>{g.find_id("lachin-district")}));
}

TEST_F(Context, KindMismatchLowersButKeepsTheOnlyPlace) {
    // Only a town is called Kalbajar: "Kalbajar district" still links it, less sure.
    const auto h = at("in the Kalbajar district", "Kalbajar");
    EXPECT_EQ(id(h), "kalbajar");
    EXPECT_EQ(h.reason, linker::Reason::kind_mismatch);
    EXPECT_LT(h.confidence, 1.f);
    EXPECT_TRUE(lk.counts(h));
    EXPECT_EQ(at("the town of Kalbajar", "Kalbajar").reason, linker::Reason::words_around);
    EXPECT_EQ(at("the town of Kalbajar", "Kalbajar").confidence, 1.f);
}

TEST_F(Context, PersonsNamesAreNotPlaces) {
    EXPECT_FALSE(counted("Foreign Minister Ararat Mirzoyan said", "Ararat"));
    EXPECT_EQ(at("his counterpart Ararat Mirzoyan", "Ararat").reason, linker::Reason::person);
    EXPECT_FALSE(counted("the writer Sevan Nishanyan", "Sevan"));  // a surname follows
    EXPECT_FALSE(counted("the singer Sevan Ohanian", "Sevan"));
    EXPECT_FALSE(counted("when Ararat Petrov arrived", "Ararat"));
    EXPECT_FALSE(counted("Sevan Bedros spoke", "Sevan"));  // a given name, then a name
    // Farrukh is a village and an Azerbaijani given name (context.txt [given names]).
    EXPECT_FALSE(counted("Farrukh Ismail spoke", "Farrukh"));
    EXPECT_TRUE(counted("the village of Farrukh", "Farrukh"));
    EXPECT_TRUE(counted("troops left Farrukh and Khramort", "Farrukh"));
    EXPECT_FALSE(counted("as President Shusha put it", "Shusha"));  // a title before it
    // ... but these are places.
    EXPECT_TRUE(counted("the town of Ararat", "Ararat"));
    EXPECT_TRUE(counted("Ararat Valley farmers", "Ararat"));  // a place word after
    EXPECT_TRUE(counted("Sevan and Lake Sevan", "Sevan"));
    EXPECT_TRUE(counted("the Karabakh Armenian leaders", "Karabakh"));  // a demonym, no surname
    EXPECT_TRUE(counted("Sevan Yerevan highway", "Sevan"));             // a place after
    EXPECT_TRUE(counted("Lachin Humanitarian Corridor", "Lachin"));     // a common word
    EXPECT_TRUE(counted("president of Armenia", "Armenia"));
}

TEST_F(Context, OrganisationsAreNotPlaces) {
    for (auto [t, w] : std::vector<std::pair<const char*, const char*>>{
             {"a loan from Artsakh Bank", "Artsakh"},
             {"the Karabakh Council of Elders", "Karabakh"},
             {"the Shusha Declaration of 2021", "Shusha"},
             {"at Yerevan State University", "Yerevan"},
             {"FC Qarabağ won", "Qarabağ"},
             {"a bottle of Ararat brandy", "Ararat"},
             {"Baku Higher Oil School", "Baku"}}) {
        const auto h = at(t, w);
        EXPECT_EQ(h.reason, linker::Reason::organisation) << t;
        EXPECT_FALSE(lk.counts(h)) << t;
    }
    EXPECT_TRUE(counted("a bank in Artsakh closed", "Artsakh"));
    EXPECT_TRUE(counted("Yerevan State officials said", "Yerevan"));
    EXPECT_TRUE(counted("Shusha declared", "Shusha"));
    EXPECT_TRUE(counted("they left Qarabağ", "Qarabağ"));
}

TEST_F(Context, CommonWordsNeedSupport) {
    EXPECT_FALSE(counted("Kind words were said.", "Kind"));
    EXPECT_EQ(at("Kind words were said.", "Kind").reason, linker::Reason::common_word);
    EXPECT_TRUE(counted("shelling of the village of Kind", "Kind"));
    EXPECT_TRUE(counted("Kind village was shelled", "Kind"));
    EXPECT_TRUE(counted("shells fell in Kind overnight", "Kind"));
    // A feature named after a settlement is not the settlement.
    EXPECT_FALSE(counted("on the shores of Lake Sevan", "Sevan"));
    EXPECT_FALSE(counted("the Sevan river", "Sevan"));
    EXPECT_EQ(at("on the shores of Lake Sevan", "Sevan").reason, linker::Reason::kind_mismatch);
    EXPECT_TRUE(counted("the lake at Sevan", "Sevan"));
    // A name that is no common word needs nothing.
    EXPECT_TRUE(counted("Vardenis residents", "Vardenis"));
}

TEST_F(Context, TwoPlacesOfOneNameByTheArticle) {
    auto resolve = [&](std::vector<std::string> paras) {
        std::vector<std::vector<linker::Hit>> hits;
        for (const auto& p : paras) hits.push_back(lk.link(p));
        lk.resolve_article(hits);
        return hits;
    };
    // Alone: the more prominent Martuni, unsure.
    const auto alone = at("Shelling was reported in Martuni.", "Martuni");
    EXPECT_EQ(id(alone), "martuni-am");
    EXPECT_EQ(alone.reason, linker::Reason::prominence);
    EXPECT_LT(alone.confidence, 0.7f);
    EXPECT_EQ(alone.candidates, (std::vector<PlaceId>{g.find_id("martuni-nk")}));
    // Near Stepanakert and Shusha: Nagorno-Karabakh's.
    auto a = resolve({"Shelling was reported in Martuni.", "Stepanakert and Shusha were quiet."});
    EXPECT_EQ(id(a[0][0]), "martuni-nk");
    EXPECT_EQ(a[0][0].reason, linker::Reason::nearby_places);
    EXPECT_GT(a[0][0].confidence, 0.7f);
    EXPECT_EQ(a[0][0].candidates, (std::vector<PlaceId>{g.find_id("martuni-am")}));
    // With Gegharkunik (its province) and Vardenis: Armenia's.
    auto b = resolve({"Martuni was hit.", "In Gegharkunik, Vardenis too."});
    EXPECT_EQ(id(b[0][0]), "martuni-am");
    EXPECT_EQ(b[0][0].reason, linker::Reason::province);
    EXPECT_GT(b[0][0].confidence, alone.confidence);
    // The same name decided by its words elsewhere in the article.
    auto c = resolve({"Troops entered Lachin.", "The Lachin district was handed over."});
    EXPECT_EQ(id(c[0][0]), "lachin-district");
    EXPECT_EQ(c[0][0].reason, linker::Reason::same_article);
    auto d = resolve({"Troops entered Lachin.", "The town of Lachin was empty."});
    EXPECT_EQ(id(d[0][0]), "lachin-town");
}

// A bare town's name that is also a district's: the district when the article names the
// district and never the town by its words; only the name the two share moves.
TEST_F(Context, TownNameForTheDistrictTheArticleNames) {
    auto resolve = [&](std::vector<std::string> paras) {
        std::vector<std::vector<linker::Hit>> hits;
        for (const auto& p : paras) hits.push_back(lk.link(p));
        lk.resolve_article(hits, &paras);
        return hits;
    };
    auto a =
        resolve({"A mine went off in Gubadli's Istisu village.", "Gubadli District was calm."});
    ASSERT_FALSE(a[0].empty());
    EXPECT_EQ(id(a[0][0]), "gubadli-district");
    EXPECT_EQ(a[0][0].reason, linker::Reason::same_article);
    EXPECT_EQ(a[0][0].candidates, (std::vector<PlaceId>{g.find_id("gubadli")}));
    EXPECT_LT(a[0][0].confidence, 0.9f);
    // The town named by its words elsewhere: the bare name stays the town.
    auto b = resolve({"Shelling hit Gubadli.", "The town of Gubadli and Gubadli District."});
    ASSERT_FALSE(b[0].empty());
    EXPECT_EQ(id(b[0][0]), "gubadli");
    // No district in the article: the town, as alone.
    auto c = resolve({"Shelling hit Gubadli.", "Stepanakert was quiet."});
    EXPECT_EQ(id(c[0][0]), "gubadli");
    EXPECT_EQ(c[0][0].reason, linker::Reason::only_place);
    // Without the texts nothing moves.
    std::vector<std::vector<linker::Hit>> d{lk.link("Shelling hit Gubadli."),
                                            lk.link("Gubadli District was calm.")};
    lk.resolve_article(d);
    EXPECT_EQ(id(d[0][0]), "gubadli");
}

// A village far (over 600 km) from all of the article's other places is a namesake: not counted.
TEST_F(Context, AFarVillageIsANamesake) {
    auto resolve = [&](std::vector<std::string> paras) {
        std::vector<std::vector<linker::Hit>> hits;
        for (const auto& p : paras) hits.push_back(lk.link(p));
        lk.resolve_article(hits);
        return hits;
    };
    auto a = resolve({"Troops entered Suleymanli.", "Shusha, Stepanakert and Aghdam were quiet."});
    ASSERT_FALSE(a[0].empty());
    EXPECT_EQ(id(a[0][0]), "suleymanli-tr");
    EXPECT_EQ(a[0][0].reason, linker::Reason::far_away);
    EXPECT_FALSE(lk.counts(a[0][0]));
    EXPECT_TRUE(lk.counts(a[1][0]));  // the others stay
    // Near the article's other places, or with too few of them to tell: counted.
    auto b = resolve({"Shelling hit the village of Kind.", "Yerevan, Ararat and Sevan were calm."});
    EXPECT_TRUE(lk.counts(b[0][0]));
    auto c = resolve({"Troops entered Suleymanli.", "Shusha was quiet."});
    EXPECT_TRUE(lk.counts(c[0][0]));
    // Towns and cities are not namesakes by distance: Baku is far from Yerevan and counts.
    auto d = resolve({"Baku said so.", "Yerevan, Ararat and Sevan disagreed."});
    EXPECT_TRUE(lk.counts(d[0][0]));
}

TEST_F(Context, Hashtags) {
    std::string t = "Protest #LachinCorridor #Artsakh #StopLachinBlockade today";
    const auto hits = lk.link(t);
    std::vector<std::string> got;
    for (const auto& h : hits)
        got.push_back(id(h) + ":" + t.substr(h.span.start, h.span.end - h.span.start));
    EXPECT_EQ(got, (std::vector<std::string>{"lachin-corridor:LachinCorridor", "artsakh:Artsakh",
                                             hits.size() > 2 ? id(hits[2]) + ":Lachin" : ""}));
    EXPECT_EQ(hits[0].reason, linker::Reason::hashtag);
    EXPECT_TRUE(lk.counts(hits[0]));
    // Not a hashtag, not a split: glued words stay unlinked.
    EXPECT_TRUE(lk.link("LachinCorridor and StopLachin").empty());
    EXPECT_TRUE(lk.link("#lachincorridor").empty());
    EXPECT_EQ(lk.link("#artsakh").size(), 1u);  // a lower-case tag is capitalised
}

TEST_F(Context, CapitalsBeyondAscii) {
    std::string t = "ŞUŞA, ЛАЧИН, LAÇIN, ՇՈՒՇԻ, ԵՐԵՎԱՆ and İSMAYILLI";
    std::vector<std::string> got;
    for (const auto& h : lk.link(t)) got.push_back(id(h));
    EXPECT_EQ(got, (std::vector<std::string>{"shusha", "lachin-town", got.size() > 2 ? got[2] : "",
                                             "shusha", "yerevan", "ismayilli"}));
    EXPECT_TRUE(got[2] == "lachin-town" || got[2] == "lachin-district");
    // Lower case is still no proper noun.
    EXPECT_TRUE(lk.link("şuşa and лачин").empty());
}

TEST(UnicodeCase, LatinExtendedCyrillicArmenian) {
    namespace uni = gazetteer::uni;
    EXPECT_EQ(uni::to_lower(U'Ş'), U'ş');
    EXPECT_EQ(uni::to_lower(U'Ə'), U'ə');
    EXPECT_EQ(uni::to_lower(U'İ'), U'i');
    EXPECT_EQ(uni::to_upper(U'ı'), U'I');
    EXPECT_EQ(uni::to_upper(U'ğ'), U'Ğ');
    EXPECT_EQ(uni::to_lower(U'Ǧ'), U'ǧ');  // Latin Extended-B
    EXPECT_EQ(uni::to_lower(U'Ạ'), U'ạ');  // Latin Extended Additional
    EXPECT_EQ(uni::to_lower(U'Ɑ'), U'ɑ');  // Latin Extended-B/IPA pair
    EXPECT_EQ(uni::to_lower(U'Ԁ'), U'ԁ');  // Cyrillic Supplement
    EXPECT_EQ(uni::to_lower(U'Ё'), U'ё');
    EXPECT_EQ(uni::to_upper(U'ч'), U'Ч');
    EXPECT_EQ(uni::to_lower(U'Ք'), U'ք');
    EXPECT_EQ(uni::to_upper(U'և'), U'և');  // a ligature: no one-letter capital
    EXPECT_TRUE(uni::is_upper(U'Ŋ'));
    EXPECT_TRUE(uni::is_lower(U'ŋ'));
    EXPECT_FALSE(uni::is_upper(U'ა'));  // Georgian has no case in use
    EXPECT_EQ(uni::to_upper(U'ა'), U'ა');
    EXPECT_EQ(uni::to_lower(U'—'), U'—');
    EXPECT_EQ(uni::to_lower(U'×'), U'×');
    EXPECT_EQ(gazetteer::fold_key("ŞUŞA"), gazetteer::fold_key("Şuşa"));
    EXPECT_EQ(gazetteer::fold_key("ЛАЧИН"), gazetteer::fold_key("Лачин"));
    EXPECT_EQ(gazetteer::fold_key("ԵՐԵՎԱՆ"), gazetteer::fold_key("Երևան"));
    EXPECT_NE(gazetteer::fold_key("Şuşa"), gazetteer::fold_key("Susa"));
}

TEST(LinkerIndex, UncertainLinksAreKeptApart) {
    auto g = conflict_gazetteer();
    corpus::Corpus c;
    corpus::Article a;
    a.paragraphs = {"Foreign Minister Ararat Mirzoyan met in Baku.", "The town of Ararat.",
                    "Kind words."};
    c.articles = {a};
    auto ix = linker::Index::build(g, c);
    const PlaceId ararat = g.find_id("ararat");
    ASSERT_EQ(ix.passages_of(ararat).size(), 1u);
    EXPECT_EQ(ix.passages_of(ararat)[0].paragraph, 1u);
    ASSERT_EQ(ix.uncertain_passages_of(ararat).size(), 1u);
    EXPECT_EQ(ix.uncertain_passages_of(ararat)[0].paragraph, 0u);
    const PassageRef first{ArticleId(0), 0};
    ASSERT_EQ(ix.places_in(first).size(), 1u);  // Baku only
    EXPECT_EQ(g[ix.places_in(first)[0].place].id, "baku");
    ASSERT_EQ(ix.links_in(first).size(), 2u);  // ... but the link to Ararat is reported
    EXPECT_EQ(ix.links_in(first)[0].reason, linker::Reason::person);
    EXPECT_TRUE(ix.places_in({ArticleId(0), 2}).empty());
    EXPECT_EQ(ix.uncertain_passages_of(g.find_id("kind")).size(), 1u);
    EXPECT_EQ(ix.mention_count(), 2u);
    EXPECT_EQ(ix.uncertain_count(), 2u);
    // With the rules off, every match counts.
    auto all = linker::Index::build(g, c, linker::Options{.disambiguate = false});
    EXPECT_EQ(all.passages_of(ararat).size(), 2u);
}

TEST_F(Context, DescribeSaysWhyForUnsureLinksOnly) {
    EXPECT_EQ(linker::describe(at("in Baku", "Baku"), g, 0.5f), "");
    EXPECT_EQ(linker::describe(at("his counterpart Ararat Mirzoyan", "Ararat"), g, 0.5f),
              "not counted (confidence 0.05): probably part of a person's name");
    const std::string m = linker::describe(at("fighting in Martuni", "Martuni"), g, 0.5f);
    EXPECT_EQ(m.rfind("confidence 0.5", 0), 0u) << m;
    EXPECT_NE(m.find("the most prominent place of this name; also Martuni (town, martuni-nk)"),
              std::string::npos)
        << m;
}

TEST(LinkerDistricts, ByTheirDistrictFormAndInLists) {
    // Today's default data: the towns are "Kalbajar" and "Lachin", the districts only
    // "Kalbajar District" and "Lachin District"/"Laçın rayonu".
    auto g = make({{"kalbajar", "Kalbajar", {}, "village"},
                   {"az-kal", "Kalbajar District", {"Kalbajar Rayon"}, "province"},
                   {"lachin", "Lachin", {"Laçın", "Berdzor"}, "town"},
                   {"az-lac", "Lachin District", {"Laçın rayonu"}, "province"},
                   {"dashkasan", "Dashkasan", {}, "town"},
                   {"az-das", "Dashkasan District", {}, "province"}});
    linker::Linker lk(g);
    auto ids = [&](const std::string& t) {
        std::vector<std::string> out;
        for (const auto& h : lk.link(t)) out.push_back(g[h.place].id);
        return out;
    };
    EXPECT_EQ(ids("in the Kalbajar District"), std::vector<std::string>{"az-kal"});
    EXPECT_EQ(ids("Laçın district"), std::vector<std::string>{"az-lac"});
    EXPECT_EQ(ids("the Berdzor region"), std::vector<std::string>{"az-lac"});  // the town's alias
    EXPECT_EQ(ids("the town of Berdzor"), std::vector<std::string>{"lachin"});
    EXPECT_EQ(ids("in the Kalbajar direction"), std::vector<std::string>{"az-kal"});
    EXPECT_EQ(ids("the Kalbajar region"), std::vector<std::string>{"az-kal"});
    EXPECT_EQ(ids("the Lachin direction"), std::vector<std::string>{"az-lac"});
    EXPECT_EQ(ids("the town of Kalbajar"), std::vector<std::string>{"kalbajar"});
    EXPECT_EQ(ids("Kalbajar was quiet"), std::vector<std::string>{"kalbajar"});
    const auto h = lk.link("the Lachin direction")[0];
    EXPECT_EQ(h.reason, linker::Reason::words_around);
    EXPECT_EQ(h.candidates, std::vector<PlaceId>{g.find_id("lachin")});
    // A plural district word names the list before it ...
    EXPECT_EQ(ids("in the Dashkasan, Kalbajar and Lachin directions"),
              (std::vector<std::string>{"az-das", "az-kal", "az-lac"}));
    EXPECT_EQ(ids("the Kalbajar and Lachin districts"),
              (std::vector<std::string>{"az-kal", "az-lac"}));
    // ... a singular one only its own name, and other words break the list.
    EXPECT_EQ(ids("Kalbajar and the Lachin direction"),
              (std::vector<std::string>{"kalbajar", "az-lac"}));
    EXPECT_EQ(ids("Dashkasan, Kalbajar and Lachin district"),
              (std::vector<std::string>{"dashkasan", "kalbajar", "az-lac"}));
    EXPECT_EQ(ids("Dashkasan; Kalbajar and Lachin directions"),
              (std::vector<std::string>{"dashkasan", "az-kal", "az-lac"}));
}
