// Real-news quality (issue 14): paragraph-level precision and recall of the default data's
// gazetteer and the linker on paraphrased real reports, against hand labels in
// tests/fixtures/realnews/dev/ (the tuning set) and tests/fixtures/realnews/holdout/ (held out,
// written apart; skipped where the folder is absent). Format and labelling rules: the README in
// each folder.
//
// A linked place matches a label when the ids are equal (ignoring case), or when it has the
// label's class (gazetteer kind: country -> country; province, district, autonomous republic ->
// admin; city, town, village, capital -> settlement; anything else -> feature) and lies within
// the class's radius of the label's point (settlement 8 km, feature 30 km, admin 40 km). Each
// label and each link is matched at most once; an unmatched link is a false positive, an
// unmatched label a false negative.
//
// The issue's targets (precision >= 0.95 and recall >= 0.90 overall, recall >= 0.85 below country
// level) are asserted per folder with BRIEFMAP_QUALITY_TARGETS=1; a normal run asserts floors at
// today's figures (see check_targets). To print the figures, misses and spurious links without
// asserting either (the structural checks of the set still apply):
//   BRIEFMAP_QUALITY_REPORT_ONLY=1 build/tests/briefmap_tests --gtest_filter='RealNewsQuality.*'
// bench/quality/run.sh prints dev and holdout side by side.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "corpus/corpus.h"
#include "gazetteer/gazetteer.h"
#include "geo/load.h"
#include "linker/linker.h"

using namespace bm;
namespace fs = std::filesystem;

namespace {

const std::string kGpkg = BRIEFMAP_SOURCE_DIR "/assets/briefmap.gpkg";
const std::string kRealNews = BRIEFMAP_SOURCE_DIR "/tests/fixtures/realnews/";

enum class Cls { Country, Admin, Settlement, Feature };
const char* const kClsNames[] = {"country", "admin", "settlement", "feature"};
const char* name_of(Cls c) {
    return kClsNames[int(c)];
}

std::optional<Cls> parse_class(const std::string& s) {
    for (int i = 0; i < 4; ++i)
        if (s == kClsNames[i]) return Cls(i);
    return std::nullopt;
}

Cls class_of_kind(const std::string& kind) {
    if (kind == "country") return Cls::Country;
    if (kind == "province" || kind == "district" || kind == "autonomous republic")
        return Cls::Admin;
    if (kind == "city" || kind == "town" || kind == "village" || kind == "capital")
        return Cls::Settlement;
    return Cls::Feature;
}

double radius_km(Cls c) {
    switch (c) {
        case Cls::Settlement:
            return 8;
        case Cls::Feature:
            return 30;
        case Cls::Admin:
            return 40;
        case Cls::Country:
            return 0;  // countries match by id only
    }
    return 0;
}

double distance_km(double lon1, double lat1, double lon2, double lat2) {
    const double r = M_PI / 180, dlat = (lat2 - lat1) * r, dlon = (lon2 - lon1) * r;
    double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
               std::cos(lat1 * r) * std::cos(lat2 * r) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * 6371.0 * std::asin(std::min(1.0, std::sqrt(a)));
}

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = char(c + 32);
    return s;
}

struct Label {
    std::string name, id;
    Cls cls = Cls::Feature;
    double lon = 0, lat = 0;
    bool has_point = false;
};

struct Link {
    PlaceId place;
    std::string text;  // the text of its first mention in the paragraph
};

struct Counts {
    int tp = 0, fp = 0, fn = 0;
    double precision() const { return tp + fp ? double(tp) / (tp + fp) : 1.0; }
    double recall() const { return tp + fn ? double(tp) / (tp + fn) : 1.0; }
};

struct Event {
    std::string where, name, detail;
};

struct Report {
    Counts all, below;  // below: admin + settlement + feature
    std::map<int, Counts> by_class;
    std::map<std::string, Counts> by_place;  // key: lower-case id, or the label's name
    std::map<std::string, std::string> display;
    std::vector<Event> misses, spurious;
    int articles = 0, paragraphs = 0, labels = 0;

    void count(Cls c, const std::string& key, const std::string& shown, int Counts::*field) {
        ++(all.*field);
        if (c != Cls::Country) ++(below.*field);
        ++(by_class[int(c)].*field);
        ++(by_place[key].*field);
        display.emplace(key, shown);
    }
};

bool matches(const gazetteer::Place& p, const Label& l, double* km = nullptr) {
    if (!l.id.empty() && lower(p.id) == lower(l.id)) return true;
    if (class_of_kind(p.kind) != l.cls || !l.has_point) return false;
    double d = distance_km(p.lon, p.lat, l.lon, l.lat);
    if (km) *km = d;
    return d <= radius_km(l.cls);
}

std::string km_text(double km) {
    char b[32];
    std::snprintf(b, sizeof b, "%.0f km", km);
    return b;
}

// The label's name folded, without a parenthesis: "Martuni (Khojavend)" -> "martuni".
std::string base_key(const std::string& name) {
    return gazetteer::fold_key(name.substr(0, name.find(" (")));
}

// True when `part` is a run of whole words of `whole` (both folded): "lachin" in "lachin
// district".
bool has_words(const std::string& whole, const std::string& part) {
    return !part.empty() && (" " + whole + " ").find(" " + part + " ") != std::string::npos;
}

// Why a label found no link: first a link of the paragraph that took its name (the town for
// the district, the other place of the name), then the gazetteer itself.
std::string miss_cause(const gazetteer::Gazetteer& g, const Label& l,
                       const std::vector<const Link*>& free_links) {
    const std::string key = base_key(l.name);
    for (const Link* k : free_links) {
        const auto& p = g[k->place];
        const std::string text = gazetteer::fold_key(k->text), name = base_key(p.name);
        if (!has_words(key, text) && !has_words(key, name)) continue;  // about another place
        if (class_of_kind(p.kind) != l.cls)
            return "class: linked \"" + k->text + "\" as " + p.id + " (" + p.kind + ")";
        std::string d =
            l.has_point ? ", " + km_text(distance_km(p.lon, p.lat, l.lon, l.lat)) + " away" : "";
        return "same name elsewhere: linked \"" + k->text + "\" as " + p.id + d +
               " (a shared name, or a misplaced point)";
    }
    if (!l.id.empty())
        for (PlaceId i : g.ids())
            if (lower(g[i].id) == lower(l.id))
                return "not linked: the gazetteer has it as " + g[i].id + " (form missing)";
    auto same = g.find(l.name);
    for (PlaceId i : same)
        if (matches(g[i], l)) return "not linked: the gazetteer has it as " + g[i].id;
    if (!same.empty()) {
        const auto& p = g[same.front()];
        std::string d = l.has_point ? ", " + km_text(distance_km(p.lon, p.lat, l.lon, l.lat)) : "";
        return "shared name: the gazetteer's \"" + l.name + "\" is " + p.id + " (" + p.kind + d +
               ")";
    }
    return "missing: the gazetteer has no place of this name";
}

// Scores one paragraph: ids first, then class and radius (nearest first).
void score_paragraph(const gazetteer::Gazetteer& g, const std::vector<Label>& want,
                     const std::vector<Link>& got, const std::string& where, Report& r) {
    std::vector<int> label_of(got.size(), -1), link_of(want.size(), -1);
    for (size_t i = 0; i < want.size(); ++i)
        for (size_t k = 0; k < got.size() && link_of[i] < 0; ++k)
            if (label_of[k] < 0 && !want[i].id.empty() &&
                lower(g[got[k].place].id) == lower(want[i].id))
                link_of[i] = int(k), label_of[k] = int(i);
    // Then class and radius, over all pairs at once: a link that bears the label's name first,
    // then the nearest. Label by label in file order, a label without a place in the gazetteer
    // ("Alibayramli") took the link of the village named beside it, 6 km away, and counted
    // both a hit and a miss wrongly.
    struct Pair {
        bool other_name;
        double km;
        size_t label, link;
    };
    std::vector<Pair> pairs;
    for (size_t i = 0; i < want.size(); ++i) {
        if (link_of[i] >= 0) continue;
        const std::string key = base_key(want[i].name);
        for (size_t k = 0; k < got.size(); ++k) {
            double km = 0;
            if (label_of[k] >= 0 || !matches(g[got[k].place], want[i], &km)) continue;
            const bool same = has_words(key, gazetteer::fold_key(got[k].text)) ||
                              has_words(key, base_key(g[got[k].place].name));
            pairs.push_back({!same, km, i, k});
        }
    }
    std::stable_sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) {
        return a.other_name != b.other_name ? b.other_name : a.km < b.km;
    });
    for (const Pair& q : pairs)
        if (link_of[q.label] < 0 && label_of[q.link] < 0)
            link_of[q.label] = int(q.link), label_of[q.link] = int(q.label);
    std::vector<const Link*> free_links;
    for (size_t k = 0; k < got.size(); ++k)
        if (label_of[k] < 0) free_links.push_back(&got[k]);
    for (size_t i = 0; i < want.size(); ++i) {
        const Label& l = want[i];
        std::string key = l.id.empty() ? l.name : lower(l.id);
        if (link_of[i] >= 0) {
            r.count(l.cls, key, l.name, &Counts::tp);
        } else {
            r.count(l.cls, key, l.name, &Counts::fn);
            r.misses.push_back(
                {where, l.name + " (" + name_of(l.cls) + ")", miss_cause(g, l, free_links)});
        }
    }
    for (const Link* k : free_links) {
        const auto& p = g[k->place];
        r.count(class_of_kind(p.kind), lower(p.id), p.name, &Counts::fp);
        r.spurious.push_back({where, p.id + " (" + p.kind + ")", "\"" + k->text + "\""});
    }
}

bool report_only() {
    const char* v = std::getenv("BRIEFMAP_QUALITY_REPORT_ONLY");
    return v && *v && std::string(v) != "0";
}

void print_counts(const std::string& set, const std::string& what, const Counts& c) {
    std::printf("QUALITY %-8s %-22s precision=%.3f recall=%.3f tp=%d fp=%d fn=%d\n", set.c_str(),
                what.c_str(), c.precision(), c.recall(), c.tp, c.fp, c.fn);
}

void print_report(const std::string& set, const Report& r) {
    std::printf("== real news, %s: %d articles, %d paragraphs, %d labels\n", set.c_str(),
                r.articles, r.paragraphs, r.labels);
    print_counts(set, "overall", r.all);
    print_counts(set, "below-country", r.below);
    for (const auto& [c, n] : r.by_class) print_counts(set, name_of(Cls(c)), n);
    std::vector<std::pair<std::string, Counts>> places(r.by_place.begin(), r.by_place.end());
    std::stable_sort(places.begin(), places.end(), [](const auto& a, const auto& b) {
        double fa = std::min(a.second.precision(), a.second.recall());
        double fb = std::min(b.second.precision(), b.second.recall());
        if (fa != fb) return fa < fb;
        return a.second.fp + a.second.fn > b.second.fp + b.second.fn;
    });
    std::printf("-- per place, worst first (%s)\n", set.c_str());
    for (const auto& [key, c] : places)
        std::printf("  %-32s tp=%3d fp=%3d fn=%3d precision=%.3f recall=%.3f\n",
                    r.display.at(key).c_str(), c.tp, c.fp, c.fn, c.precision(), c.recall());
    std::printf("-- misses (%s: file:paragraph, 1-based)\n", set.c_str());
    for (const auto& e : r.misses)
        std::printf("  %s  %s  -- %s\n", e.where.c_str(), e.name.c_str(), e.detail.c_str());
    std::printf("-- spurious links (%s)\n", set.c_str());
    for (const auto& e : r.spurious)
        std::printf("  %s  %s  %s\n", e.where.c_str(), e.name.c_str(), e.detail.c_str());
}

// Reads one label; a malformed one is a test failure naming the file, article and paragraph.
std::optional<Label> read_label(const nlohmann::json& j, const std::string& where) {
    Label l;
    if (!j.is_object() || !j.contains("name") || !j["name"].is_string() || !j.contains("class") ||
        !j["class"].is_string()) {
        ADD_FAILURE() << where << ": a label needs string \"name\" and \"class\": " << j.dump();
        return std::nullopt;
    }
    l.name = j["name"];
    auto c = parse_class(j["class"]);
    if (!c) {
        ADD_FAILURE() << where << ": label " << l.name << ": unknown class " << j["class"];
        return std::nullopt;
    }
    l.cls = *c;
    if (j.contains("id")) {
        if (!j["id"].is_string()) {
            ADD_FAILURE() << where << ": label " << l.name << ": id is not a string";
            return std::nullopt;
        }
        l.id = j["id"];
    }
    if (j.contains("lon") || j.contains("lat")) {
        if (!j.contains("lon") || !j.contains("lat") || !j["lon"].is_number() ||
            !j["lat"].is_number()) {
            ADD_FAILURE() << where << ": label " << l.name << ": lon and lat must both be numbers";
            return std::nullopt;
        }
        l.lon = j["lon"], l.lat = j["lat"], l.has_point = true;
        if (std::abs(l.lon) > 180 || std::abs(l.lat) > 90) {
            ADD_FAILURE() << where << ": label " << l.name << ": lon " << l.lon << " lat " << l.lat
                          << " is not a point on Earth";
            return std::nullopt;
        }
        // Far from the map's region (36-52 E, 35-45 N): Moscow may be right, swapped lon/lat not.
        if (l.lon < 36 || l.lon > 52 || l.lat < 35 || l.lat > 45)
            std::printf("note: %s: label %s at lon %g lat %g is outside the region\n",
                        where.c_str(), l.name.c_str(), l.lon, l.lat);
    }
    if (l.cls == Cls::Country && l.id.empty())
        ADD_FAILURE() << where << ": country label " << l.name << " needs an id";
    if (l.cls != Cls::Country && !l.has_point && l.id.empty())
        ADD_FAILURE() << where << ": label " << l.name << " needs lon/lat or an id";
    return l;
}

// Reads, checks and scores one folder. Structural problems are test failures.
Report run_folder(const gazetteer::Gazetteer& g, const std::string& dir) {
    Report r;
    Problems ps;
    auto c = corpus::read(dir, ps);
    // The set must read cleanly: an error is a broken fixture, a warning is shown.
    for (const auto& p : ps) {
        if (p.severity == Problem::Severity::Error)
            ADD_FAILURE() << p.to_string();
        else
            std::printf("note: %s\n", p.to_string().c_str());
    }
    std::ifstream in(dir + "/labels.json");
    if (!in) {
        ADD_FAILURE() << dir << "/labels.json: cannot open";
        return r;
    }
    nlohmann::json labels;
    try {
        labels = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        ADD_FAILURE() << dir << "/labels.json: " << e.what();
        return r;
    }
    if (!labels.contains("articles") || !labels["articles"].is_array()) {
        ADD_FAILURE() << dir << "/labels.json: no \"articles\" array";
        return r;
    }
    // Articles by file name. A README.md would be read as an article: say so and skip it.
    std::map<std::string, size_t> by_file;
    for (size_t a = 0; a < c.articles.size(); ++a) {
        std::string f = fs::path(c.articles[a].source_file).filename().string();
        if (f == "README.md") {
            std::printf("note: %s/README.md is read by corpus::read as an article; skipped\n",
                        dir.c_str());
            continue;
        }
        EXPECT_TRUE(by_file.emplace(f, a).second) << dir << ": two articles from " << f;
        const auto& art = c.articles[a];
        EXPECT_FALSE(art.title.empty()) << f << ": no title";
        EXPECT_FALSE(art.outlet.empty()) << f << ": no outlet";
        EXPECT_FALSE(art.url.empty()) << f << ": no url";
        EXPECT_TRUE(art.date >= "2020-01-01" && art.date <= "2025-12-31")
            << f << ": date " << art.date << " outside 2020-2025";
    }
    std::set<std::string> labelled;
    std::set<size_t> scored;  // articles whose labels fit: paragraph counts agree
    for (const auto& la : labels["articles"]) {
        if (!la.contains("file") || !la["file"].is_string() || !la.contains("paragraphs") ||
            !la["paragraphs"].is_array()) {
            ADD_FAILURE() << dir << "/labels.json: an entry needs \"file\" and \"paragraphs\": "
                          << la.dump().substr(0, 120);
            continue;
        }
        std::string f = la["file"];
        EXPECT_TRUE(labelled.insert(f).second) << dir << "/labels.json: " << f << " twice";
        auto it = by_file.find(f);
        if (it == by_file.end()) {
            ADD_FAILURE() << dir << "/labels.json: " << f << " is no article of the folder";
            continue;
        }
        const auto& art = c.articles[it->second];
        if (la["paragraphs"].size() != art.paragraphs.size()) {
            ADD_FAILURE() << f << ": labels.json has " << la["paragraphs"].size()
                          << " paragraphs, corpus::read finds " << art.paragraphs.size();
            continue;
        }
        ++r.articles;
        scored.insert(it->second);
    }
    for (const auto& [f, a] : by_file)
        EXPECT_TRUE(labelled.count(f)) << dir << ": " << f << " has no entry in labels.json";

    auto ix = linker::Index::build(g, c);
    for (const auto& la : labels["articles"]) {
        if (!la.contains("file") || !la["file"].is_string()) continue;
        auto it = by_file.find(la["file"].get<std::string>());
        if (it == by_file.end() || !scored.count(it->second)) continue;
        size_t a = it->second;
        const auto& art = c.articles[a];
        std::string f = la["file"];
        for (size_t p = 0; p < art.paragraphs.size(); ++p) {
            std::string where = f + ":" + std::to_string(p + 1);
            std::vector<Label> want;
            std::set<std::string> seen;
            if (!la["paragraphs"][p].is_array()) {
                ADD_FAILURE() << where << ": labels of a paragraph must be an array";
                continue;
            }
            for (const auto& j : la["paragraphs"][p])
                if (auto l = read_label(j, where)) {
                    EXPECT_TRUE(seen.insert(l->name + "/" + name_of(l->cls)).second)
                        << where << ": " << l->name << " labelled twice";
                    if (!l->id.empty() && !g.find_id(lower(l->id)) && !g.find_id(l->id))
                        std::printf("note: %s: label id %s is not in the gazetteer\n",
                                    where.c_str(), l->id.c_str());
                    want.push_back(*l);
                }
            std::vector<Link> got;
            for (const auto& h : ix.places_in({ArticleId(a), uint32_t(p)})) {
                const auto& s = h.spans.front();
                got.push_back({h.place, art.paragraphs[p].substr(s.start, s.end - s.start)});
            }
            ++r.paragraphs;
            r.labels += int(want.size());
            score_paragraph(g, want, got, where, r);
        }
    }
    return r;
}

// Two bars. The issue's targets (precision >= 0.95, recall >= 0.90, below country >= 0.85) are
// NOT met yet (2026-12-02, after the gaz14 data: dev 0.949 / 0.870 / 0.812, holdout 0.932 / 0.855 /
// 0.792; before it dev 0.936 / 0.812 / 0.728, holdout 0.930 / 0.832 / 0.760); they are
// printed, and asserted with BRIEFMAP_QUALITY_TARGETS=1. What a normal run asserts is that no
// change makes linking worse than it is now: floors a little under today's figures per set.
struct Bars {
    double precision, recall, below_recall;
};
constexpr Bars kTargets{0.95, 0.90, 0.85};
Bars floors_for(const std::string& set) {
    if (set == "dev") return {0.94, 0.86, 0.80};
    return {0.92, 0.84, 0.78};  // holdout
}

void check_targets(const std::string& set, const Report& r) {
    if (report_only()) {
        std::printf("note: BRIEFMAP_QUALITY_REPORT_ONLY set: nothing asserted for %s\n",
                    set.c_str());
        return;
    }
    const char* t = std::getenv("BRIEFMAP_QUALITY_TARGETS");
    const bool targets = t && *t && std::string(t) != "0";
    const Bars b = targets ? kTargets : floors_for(set);
    const char* what = targets ? "the issue's target" : "today's floor (a regression)";
    std::printf(
        "QUALITY %-8s targets: precision %.3f/%.2f recall %.3f/%.2f below-country %.3f/%.2f\n",
        set.c_str(), r.all.precision(), kTargets.precision, r.all.recall(), kTargets.recall,
        r.below.recall(), kTargets.below_recall);
    EXPECT_GE(r.all.precision(), b.precision)
        << set << ": paragraph-level precision under " << what;
    EXPECT_GE(r.all.recall(), b.recall) << set << ": paragraph-level recall under " << what;
    EXPECT_GE(r.below.recall(), b.below_recall)
        << set << ": recall below country level under " << what;
}

void run_set(const std::string& set) {
    const std::string dir = kRealNews + set;
    if (!fs::exists(dir)) GTEST_SKIP() << dir << " is not in this checkout";
    if (!fs::exists(kGpkg)) GTEST_SKIP() << kGpkg << " not built yet";
    Problems ps;
    auto g = gazetteer::Gazetteer::build(geo::load_dataset(kGpkg, ps), ps);
    ASSERT_GT(g.size(), 0u);
    Report r = run_folder(g, dir);
    ASSERT_GT(r.articles, 0) << dir << ": no labelled article was scored";
    print_report(set, r);
    check_targets(set, r);
}

geo::Feature place(std::string id, std::string name, std::string kind, double lon, double lat) {
    geo::Feature f;
    f.id = std::move(id);
    f.name = std::move(name);
    f.kind = std::move(kind);
    f.label_point = {lon, lat};
    return f;
}

}  // namespace

// The scorer on a hand-made case with known answers: ids first (any case), then class and
// radius; a town linked where the district is labelled, and a same-named place far away.
TEST(RealNewsQuality, ScorerMatchesByIdThenClassAndRadius) {
    geo::Layer l{"places", "test", {}, {}};
    l.features = {
        place("tegh", "Tegh", "village", 46.4805, 39.5583),
        place("lachin", "Lachin", "town", 46.5505, 39.5988),
        place("martuni", "Martuni", "town", 45.3055, 40.1389),
        place("am-su", "Syunik", "province", 46.17, 39.35),
        place("kornidzor", "Kornidzor", "village", 46.465, 39.47),
        place("arm", "Armenia", "country", 45, 40),
    };
    Problems ps;
    auto g = gazetteer::Gazetteer::build({l}, ps);
    ASSERT_EQ(g.size(), 6u);
    auto at = [&](const std::string& id) { return g.find_id(id); };
    auto lab = [](std::string name, Cls c, double lon, double lat, std::string id = "") {
        return Label{std::move(name), std::move(id), c, lon, lat, true};
    };
    std::vector<Label> want = {
        lab("Tegh", Cls::Settlement, 40, 40, "tegh"),       // by id, wherever the point
        lab("Syunik", Cls::Admin, 46.0, 39.5, "AM-SU"),     // id in another case
        lab("Lachin District", Cls::Admin, 46.33, 39.73),   // the town is linked: a miss
        lab("Martuni", Cls::Settlement, 47.1131, 39.7931),  // the other Martuni: a miss
        lab("Kornidzor", Cls::Settlement, 46.40, 39.40),    // 10 km off: outside 8 km
        Label{"Armenia", "arm", Cls::Country, 0, 0, false},
    };
    std::vector<Link> got = {{at("tegh"), "Tegh"},           {at("am-su"), "Syunik"},
                             {at("lachin"), "Lachin"},       {at("martuni"), "Martuni"},
                             {at("kornidzor"), "Kornidzor"}, {at("arm"), "Armenia"}};
    Report r;
    score_paragraph(g, want, got, "toy.md:1", r);
    EXPECT_EQ(r.all.tp, 3);
    EXPECT_EQ(r.all.fp, 3);
    EXPECT_EQ(r.all.fn, 3);
    EXPECT_EQ(r.below.tp, 2);
    EXPECT_EQ(r.by_class[int(Cls::Country)].tp, 1);
    ASSERT_EQ(r.misses.size(), 3u);
    EXPECT_NE(r.misses[0].detail.find("class: linked \"Lachin\" as lachin"), std::string::npos)
        << r.misses[0].detail;
    EXPECT_NE(
        r.misses[1].detail.find("same name elsewhere: linked \"Martuni\" as martuni, 159 km away"),
        std::string::npos)
        << r.misses[1].detail;
    EXPECT_NE(r.misses[2].detail.find(
                  "same name elsewhere: linked \"Kornidzor\" as kornidzor, 10 km away"),
              std::string::npos)
        << r.misses[2].detail;
    ASSERT_EQ(r.spurious.size(), 3u);
    EXPECT_EQ(r.spurious[0].name, "lachin (town)");

    // A settlement 5 km away without an id matches; each link serves one label only.
    Report r2;
    score_paragraph(
        g, {lab("Tegh", Cls::Settlement, 46.52, 39.54), lab("Tegh", Cls::Settlement, 46.50, 39.56)},
        {{at("tegh"), "Tegh"}}, "toy.md:2", r2);
    EXPECT_EQ(r2.all.tp, 1);
    EXPECT_EQ(r2.all.fn, 1);
    EXPECT_EQ(r2.all.fp, 0);
    EXPECT_EQ(r2.misses.at(0).detail, "not linked: the gazetteer has it as tegh");

    // A label the gazetteer has under no name: missing.
    Report r3;
    score_paragraph(g, {lab("Kirants", Cls::Settlement, 45.1014, 41.0503)}, {}, "toy.md:3", r3);
    EXPECT_EQ(r3.all.fn, 1);
    EXPECT_EQ(r3.misses.at(0).detail, "missing: the gazetteer has no place of this name");
}

TEST(RealNewsQuality, Dev) {
    run_set("dev");
}

TEST(RealNewsQuality, Holdout) {
    run_set("holdout");
}

// A broken set is reported with the file and the reason, one failure per defect, and scoring
// goes on with the rest.
TEST(RealNewsQuality, MalformedSetIsReportedByFile) {
    const fs::path dir = fs::path(BRIEFMAP_TEST_OUTPUT_DIR) / "realnews_malformed";
    fs::remove_all(dir);
    fs::create_directories(dir);
    auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir / name) << text;
    };
    const std::string front =
        "---\ntitle: T\noutlet: O\ndate: 2023-09-01\nurl: https://x.test/a\n---\n";
    write("01-a.md", front + "Tegh is a village.\n\nNothing here.\n");
    write("02-b.md", front + "Goris.\n");
    geo::Layer l{"places", "test", {}, {}};
    l.features = {place("tegh", "Tegh", "village", 46.4805, 39.5583),
                  place("goris", "Goris", "town", 46.3417, 39.5111)};
    Problems ps;
    auto g = gazetteer::Gazetteer::build({l}, ps);
    struct Case {
        std::string labels, expect;
    } cases[] = {
        {R"({"articles": [{"file": "01-a.md", "paragraphs": [[{"name": "Tegh", "class": "settlement", "id": "tegh"}]]},
                          {"file": "02-b.md", "paragraphs": [[]]}]})",
         "01-a.md: labels.json has 1 paragraphs, corpus::read finds 2"},
        {R"({"articles": [{"file": "01-a.md", "paragraphs": [[{"name": "Tegh", "class": "hamlet", "id": "tegh"}], []]},
                          {"file": "02-b.md", "paragraphs": [[]]}]})",
         "01-a.md:1: label Tegh: unknown class \"hamlet\""},
        {R"({"articles": [{"file": "01-a.md", "paragraphs": [[], []]}]})",
         "02-b.md has no entry in labels.json"},
        {R"({"articles": [{"file": "01-a.md", "paragraphs": [[], []]}, {"file": "02-b.md", "paragraphs": [[]]},
                          {"file": "03-c.md", "paragraphs": []}]})",
         "03-c.md is no article of the folder"},
        {R"({"articles": [{"file": "01-a.md", "paragraphs": [[{"name": "Tegh", "class": "settlement", "lon": 46.48}], []]},
                          {"file": "02-b.md", "paragraphs": [[]]}]})",
         "01-a.md:1: label Tegh: lon and lat must both be numbers"},
        {R"({"articles": [)", "labels.json: "},
    };
    for (const auto& c : cases) {
        write("labels.json", c.labels);
        testing::TestPartResultArray results;
        Report r;
        {
            testing::ScopedFakeTestPartResultReporter rep(
                testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &results);
            r = run_folder(g, dir.string());
        }
        ASSERT_EQ(results.size(), 1) << c.labels;
        EXPECT_NE(std::string(results.GetTestPartResult(0).message()).find(c.expect),
                  std::string::npos)
            << results.GetTestPartResult(0).message();
    }
    // A well-formed set scores: Tegh found, Goris unlabelled (a false positive). A README.md,
    // which corpus::read takes for an undated article, is skipped rather than failed.
    write("README.md", "# About this set\n\nHow it was built.\n");
    write(
        "labels.json",
        R"({"articles": [{"file": "01-a.md", "paragraphs": [[{"name": "Tegh", "class": "settlement", "id": "tegh"}], []]},
                                         {"file": "02-b.md", "paragraphs": [[]]}]})");
    Report r = run_folder(g, dir.string());
    EXPECT_EQ(r.articles, 2);
    EXPECT_EQ(r.paragraphs, 3);
    EXPECT_EQ(r.all.tp, 1);
    EXPECT_EQ(r.all.fp, 1);
    EXPECT_EQ(r.all.fn, 0);
}
