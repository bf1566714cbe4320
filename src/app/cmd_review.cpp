// The review commands (issue 16): `briefmap review` lists both review queues, `briefmap links`
// takes a decision on a link, `briefmap places add|edit|remove|alias` adds the places and names
// the map lacks. Every change is written to the workspace in one transaction.
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/commands.h"
#include "document/document.h"
#include "document/review.h"
#include "linker/unknown_names.h"
#include "store/content.h"

namespace {

using bm::PlaceId;
namespace review = bm::review;
constexpr size_t kShown = 5;  // passages listed per item in the text output

// A flag's value: "--flag V" or "--flag=V".
struct Args {
    int argc;
    char** argv;
    int i = 1;
    std::string a;
    bool next() {
        if (i >= argc) return false;
        a = argv[i++];
        return true;
    }
    bool value(const char* flag, std::string& into) {
        const std::string f = flag;
        if (a == f && i < argc) return into = argv[i++], true;
        if (a.starts_with(f + "=")) return into = a.substr(f.size() + 1), true;
        return false;
    }
};

int bad(const char* command, const std::string& why) {
    std::fprintf(stderr, "briefmap %s: %s\n", command, why.c_str());
    return 2;
}

std::string place_label(const bm::gazetteer::Gazetteer& gaz, PlaceId p) {
    const auto& pl = gaz[p];
    return pl.id + " (" + pl.name + ", " + pl.kind + ")";
}

nlohmann::json place_json(const bm::gazetteer::Gazetteer& gaz, PlaceId p) {
    const auto& pl = gaz[p];
    return {{"id", pl.id}, {"name", pl.name}, {"kind", pl.kind}};
}

nlohmann::json passage_json(const bm::corpus::Corpus& corpus, bm::PassageRef r) {
    const auto& art = corpus[r.article];
    return {{"passage_id", bm::linker::passage_id(art.id, r.paragraph)},
            {"article_id", art.id},
            {"title", art.title},
            {"outlet", art.outlet},
            {"paragraph", r.paragraph},
            {"text", art.paragraphs[r.paragraph]}};
}

void review_usage(std::FILE* f) {
    std::fprintf(f,
                 "usage: briefmap review --workspace FILE [--json] [--data PATH]... [--corpus "
                 "PATH]\n"
                 "  Lists what to review, each queue sorted by the passages it touches: links to\n"
                 "  check (several places of one name, a district or a town, common words,\n"
                 "  names that may be part of a person's name, low confidence, near spellings of\n"
                 "  a place's name) with their passages and candidates, and the names the map\n"
                 "  does not know with their passages. Decide with `briefmap links`, add places\n"
                 "  and aliases with `briefmap places add|alias`.\n");
}

void links_usage(std::FILE* f) {
    std::fprintf(
        f,
        "usage: briefmap links confirm|reject --workspace FILE --passage ID --place ID\n"
        "                      [--scope passage|article|all]\n"
        "       briefmap links reassign --workspace FILE --passage ID --from ID --to ID\n"
        "                      [--scope passage|article|all]\n"
        "  Confirms a link (it counts, confidence 1), rejects it (it goes from the counts,\n"
        "  passages, highlights and exports) or moves it to another place. ID of a passage:\n"
        "  ARTICLE:PARAGRAPH as `briefmap review` and `mentions --json` (passage_id) give it;\n"
        "  of a place: its id (`briefmap places`). --scope: this passage (default), every\n"
        "  mention of the name in this article, or in all articles. Kept in the workspace and\n"
        "  applied again on every later import and re-link.\n");
}

}  // namespace

int cmd_review(int argc, char** argv) {
    Args args{argc, argv};
    bool json = false;
    std::vector<std::string> data;
    std::string corpus_path, workspace, one;
    while (args.next()) {
        if (args.a == "--json")
            json = true;
        else if (args.value("--workspace", workspace) || args.value("--corpus", corpus_path)) {
        } else if (args.value("--data", one))
            data.push_back(one);
        else if (args.a == "-h" || args.a == "--help")
            return review_usage(stdout), 0;
        else {
            std::fprintf(stderr, "briefmap review: unknown or incomplete argument '%s'\n",
                         args.a.c_str());
            review_usage(stderr);
            return 2;
        }
    }
    if (workspace.empty()) {
        review_usage(stderr);
        return bad("review", "--workspace FILE is required");
    }
    bm::Problems problems;
    PlacesAndArticles loaded;
    if (!load_places_and_articles("review", data, corpus_path, workspace, loaded, problems))
        return 2;
    const auto& gaz = loaded.gazetteer;
    const auto& corpus = loaded.corpus;
    const bm::linker::Decisions decisions(loaded.decisions, gaz);
    bm::linker::DecisionReport report;
    const auto index = bm::linker::Index::build(gaz, corpus, {}, &decisions, &report);
    const auto unknown =
        review::unknown_by_passages(bm::linker::unknown_names(corpus, gaz, &index));
    const auto checks = review::links_to_check(corpus, gaz, index, unknown);
    for (const auto& p : problems) std::cerr << p.to_string() << '\n';
    const auto stale = report.stale(decisions, gaz);

    if (json) {
        auto links = nlohmann::json::array();
        for (const auto& c : checks) {
            auto cands = nlohmann::json::array();
            for (PlaceId k : c.candidates) cands.push_back(place_json(gaz, k));
            auto ps = nlohmann::json::array();
            for (const auto& r : c.passages) ps.push_back(passage_json(corpus, r));
            links.push_back({{"kind", std::string(review::check_kind_name(c.kind))},
                             {"why", std::string(review::check_kind_text(c.kind))},
                             {"mention", c.mention},
                             {"place", place_json(gaz, c.place)},
                             {"confidence", std::round(double(c.confidence) * 1000) / 1000},
                             {"reason", std::string(bm::linker::reason_name(c.reason))},
                             {"candidates", cands},
                             {"passages", ps}});
        }
        auto names = nlohmann::json::array();
        for (const auto& u : unknown) {
            auto ps = nlohmann::json::array();
            bm::PassageRef last{bm::ArticleId::none(), 0};
            for (const auto& m : u.mentions)
                if (!(m.ref() == last)) ps.push_back(passage_json(corpus, last = m.ref()));
            names.push_back(
                {{"name", u.name}, {"count", u.count}, {"cues", u.cues}, {"passages", ps}});
        }
        auto st = nlohmann::json::array();
        for (const auto& s : stale) {
            const auto& d = decisions.list()[s.decision];
            st.push_back({{"passage_id", bm::linker::passage_id(d.article, d.paragraph)},
                          {"mention", d.mention},
                          {"action", std::string(bm::linker::action_name(d.action))},
                          {"place", d.place},
                          {"why", s.why}});
        }
        nlohmann::json out = {{"links_to_check", links},
                              {"unknown_names", names},
                              {"decisions", decisions.list().size()},
                              {"stale_decisions", st}};
        std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        return 0;
    }
    std::printf("Links to check: %zu\n", checks.size());
    for (const auto& c : checks) {
        std::printf("  %-20s -> %s: %zu passage%s; %s (confidence %.2f)\n", c.mention.c_str(),
                    place_label(gaz, c.place).c_str(), c.passages.size(),
                    c.passages.size() == 1 ? "" : "s",
                    std::string(review::check_kind_text(c.kind)).c_str(), double(c.confidence));
        if (!c.candidates.empty()) {
            std::printf("      also:");
            for (size_t k = 0; k < c.candidates.size(); ++k)
                std::printf("%s %s", k ? "," : "", place_label(gaz, c.candidates[k]).c_str());
            std::printf("\n");
        }
        for (size_t k = 0; k < c.passages.size() && k < kShown; ++k)
            std::printf(
                "      %s  %s\n",
                bm::linker::passage_id(corpus[c.passages[k].article].id, c.passages[k].paragraph)
                    .c_str(),
                corpus[c.passages[k].article].title.c_str());
        if (c.passages.size() > kShown)
            std::printf("      ... and %zu more (--json lists all)\n", c.passages.size() - kShown);
    }
    std::printf("\nNames the map does not know: %zu\n", unknown.size());
    for (const auto& u : unknown) {
        std::printf("  %-20s %zu passage%s\n", u.name.c_str(), review::passage_count(u),
                    review::passage_count(u) == 1 ? "" : "s");
        bm::PassageRef last{bm::ArticleId::none(), 0};
        size_t shown = 0;
        for (const auto& m : u.mentions)
            if (!(m.ref() == last)) {
                last = m.ref();
                if (shown++ < kShown)
                    std::printf(
                        "      %s  %s\n",
                        bm::linker::passage_id(corpus[last.article].id, last.paragraph).c_str(),
                        corpus[last.article].title.c_str());
            }
        if (shown > kShown) std::printf("      ... and %zu more\n", shown - kShown);
    }
    if (!stale.empty()) {
        std::printf("\nDecisions that no longer apply (kept): %zu\n", stale.size());
        for (const auto& s : stale) std::printf("  %zu: %s\n", s.decision + 1, s.why.c_str());
    }
    return 0;
}

int cmd_links(int argc, char** argv) {
    if (argc < 2 || std::strcmp(argv[1], "-h") == 0 || std::strcmp(argv[1], "--help") == 0) {
        links_usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const auto action = bm::linker::parse_action(argv[1]);
    if (!action) {
        links_usage(stderr);
        return bad("links",
                   std::string("unknown action '") + argv[1] + "' (confirm, reject or reassign)");
    }
    Args args{argc - 1, argv + 1};
    std::string workspace, passage, place, from, to, scope_s = "passage";
    while (args.next()) {
        if (args.value("--workspace", workspace) || args.value("--passage", passage) ||
            args.value("--place", place) || args.value("--from", from) || args.value("--to", to) ||
            args.value("--scope", scope_s)) {
        } else {
            links_usage(stderr);
            return bad("links", "unknown or incomplete argument '" + args.a + "'");
        }
    }
    const bool reassign = *action == bm::linker::Action::reassign;
    if (reassign && !place.empty() && from.empty()) from = place;
    if (!reassign) from = place;
    if (workspace.empty()) return bad("links", "--workspace FILE is required");
    if (passage.empty()) return bad("links", "--passage ID is required");
    if (from.empty())
        return bad("links", reassign ? "--from ID is required" : "--place ID is required");
    if (reassign && to.empty()) return bad("links", "--to ID is required");
    const auto scope = bm::linker::parse_scope(scope_s);
    if (!scope) return bad("links", "--scope '" + scope_s + "': passage, article or all");

    bm::Document doc;
    bm::DocumentOptions opt;
    opt.workspace = workspace;
    opt.workspace_mode = bm::store::OpenMode::Create;
    doc.load(opt);
    for (const auto& p : doc.problems) std::cerr << p.to_string() << '\n';
    if (!doc.workspace) return bad("links", "cannot open the workspace " + workspace);
    std::string why;
    const bm::PassageRef ref = review::find_passage(doc.corpus, passage, why);
    if (!ref.article) return bad("links", "--passage " + passage + ": " + why);
    const PlaceId p = doc.gazetteer.find_id(from);
    if (!p)
        return bad("links", std::string(reassign ? "--from " : "--place ") + from +
                                ": no place with this id (see `briefmap places`)");
    PlaceId target;
    if (reassign) {
        target = doc.gazetteer.find_id(to);
        if (!target)
            return bad("links", "--to " + to + ": no place with this id (see `briefmap places`)");
        if (target == p) return bad("links", "--to " + to + ": the link goes there already");
    }
    const auto texts = review::mentions_of(doc.corpus, doc.index, ref, p);
    if (texts.empty()) {
        std::string linked;
        for (const auto& h : doc.index.links_in(ref)) {
            const std::string l = place_label(doc.gazetteer, h.place);
            if (linked.find(l) == std::string::npos) linked += (linked.empty() ? "" : ", ") + l;
        }
        return bad("links", "passage " + passage + " has no link to " +
                                place_label(doc.gazetteer, p) + "; " +
                                (linked.empty() ? "it links no place" : "it links " + linked));
    }
    size_t articles = 0;
    for (const auto& t : texts) {
        bm::linker::Decision d;
        d.article = doc.corpus[ref.article].id;
        d.paragraph = ref.paragraph;
        d.mention = t;
        d.action = *action;
        d.place = from;
        d.to = reassign ? to : "";
        d.scope = *scope;
        bm::Problems ps;
        std::vector<bm::ArticleId> relinked;
        if (!doc.decide(d, ps, &relinked)) {
            for (const auto& q : ps) std::cerr << q.to_string() << '\n';
            return 1;
        }
        articles += relinked.size();
    }
    const char* done = *action == bm::linker::Action::confirm  ? "Confirmed"
                       : *action == bm::linker::Action::reject ? "Rejected"
                                                               : "Reassigned";
    std::printf("%s %s", done, place_label(doc.gazetteer, p).c_str());
    if (reassign) std::printf(" -> %s", place_label(doc.gazetteer, target).c_str());
    std::printf(" for \"%s\" in %s (scope %s); %zu passage%s of it now, %zu article%s re-linked\n",
                texts.front().c_str(), passage.c_str(), scope_s.c_str(),
                doc.index.passages_of(reassign ? target : p).size(),
                doc.index.passages_of(reassign ? target : p).size() == 1 ? "" : "s", articles,
                articles == 1 ? "" : "s");
    return 0;
}

namespace {

bool parse_number(const std::string& s, double lo, double hi, double& out) {
    if (s.empty()) return false;
    char* end = nullptr;
    errno = 0;
    out = std::strtod(s.c_str(), &end);
    return errno == 0 && end && *end == 0 && std::isfinite(out) && out >= lo && out <= hi;
}

}  // namespace

int cmd_places_edit(int argc, char** argv) {
    const std::string verb = argv[0];
    const std::string cmd = "places " + verb;
    Args args{argc, argv};
    std::string workspace, name, lon_s, lat_s, kind, id, place, alias_one;
    std::vector<std::string> aliases;
    bool remove = false, have_aliases = false;
    while (args.next()) {
        if (args.value("--workspace", workspace) || args.value("--name", name) ||
            args.value("--lon", lon_s) || args.value("--lat", lat_s) ||
            args.value("--kind", kind) || args.value("--id", id) || args.value("--place", place)) {
        } else if (args.value("--alias", alias_one)) {
            aliases.push_back(alias_one);
            have_aliases = true;
        } else if (args.a == "--remove" && verb == "alias") {
            remove = true;
        } else {
            return bad(cmd.c_str(), "unknown or incomplete argument '" + args.a +
                                        "' (see `briefmap places --help`)");
        }
    }
    if (workspace.empty()) return bad(cmd.c_str(), "--workspace FILE is required");
    double lon = 0, lat = 0;
    const bool have_point = !lon_s.empty() || !lat_s.empty();
    if (have_point && !parse_number(lon_s, -180, 180, lon))
        return bad(cmd.c_str(), "--lon '" + lon_s + "': not a longitude (a number, -180 to 180)");
    if (have_point && !parse_number(lat_s, -90, 90, lat))
        return bad(cmd.c_str(), "--lat '" + lat_s + "': not a latitude (a number, -90 to 90)");
    bm::Problem err;
    auto ws = bm::store::open_workspace(workspace, bm::store::OpenMode::Create, &err);
    if (!ws) return bad(cmd.c_str(), err.to_string());
    bm::Problems problems;
    auto report = [&](bool ok) {
        for (const auto& p : problems) std::cerr << p.to_string() << '\n';
        return ok ? 0 : 1;
    };
    if (verb == "add") {
        if (name.empty()) return bad(cmd.c_str(), "--name NAME is required");
        if (!have_point) return bad(cmd.c_str(), "--lon LON and --lat LAT are required");
        auto layers = bm::store::load_layers({}, ws.get(), problems);
        const auto gaz = bm::gazetteer::Gazetteer::build(layers, problems);
        bm::store::UserPlace p;
        p.id = review::user_place_id(name, gaz, ws->user_places());
        p.name = name;
        p.kind = kind.empty() ? "village" : kind;
        p.aliases = aliases;
        p.lon = lon;
        p.lat = lat;
        problems.clear();  // the data's own warnings are not this command's
        if (!ws->add_user_place(p, problems)) return report(false);
        std::printf("Added %s (%s, %s) at %.5f, %.5f\n", p.id.c_str(), p.name.c_str(),
                    p.kind.c_str(), p.lon, p.lat);
        return report(true);
    }
    if (verb == "edit" || verb == "remove") {
        if (id.empty()) return bad(cmd.c_str(), "--id ID is required (see `briefmap places`)");
        const auto mine = ws->user_places();
        auto it = std::find_if(mine.begin(), mine.end(), [&](const auto& p) { return p.id == id; });
        if (it == mine.end())
            return bad(cmd.c_str(), "--id " + id +
                                        ": no place of yours has this id (only places added "
                                        "with `places add` can be edited or removed)");
        if (verb == "remove") {
            if (!ws->remove_user_place(id, problems)) return report(false);
            std::printf("Removed %s (%s)\n", id.c_str(), it->name.c_str());
            return report(true);
        }
        bm::store::UserPlace p = *it;
        if (!name.empty()) p.name = name;
        if (!kind.empty()) p.kind = kind;
        if (have_point) p.lon = lon, p.lat = lat;
        if (have_aliases) p.aliases = aliases;
        if (!ws->update_user_place(p, problems)) return report(false);
        std::printf("Edited %s (%s, %s) at %.5f, %.5f\n", p.id.c_str(), p.name.c_str(),
                    p.kind.c_str(), p.lon, p.lat);
        return report(true);
    }
    // alias
    if (place.empty()) return bad(cmd.c_str(), "--place ID is required (see `briefmap places`)");
    if (aliases.size() != 1) return bad(cmd.c_str(), "one --alias NAME is required");
    if (remove) {
        if (!ws->remove_alias({place, aliases[0], ""}, problems)) return report(false);
        std::printf("Removed the alias \"%s\" of %s\n", aliases[0].c_str(), place.c_str());
        return report(true);
    }
    auto layers = bm::store::load_layers({}, ws.get(), problems);
    const auto gaz = bm::gazetteer::Gazetteer::build(layers, problems);
    problems.clear();
    const PlaceId p = gaz.find_id(place);
    if (!p)
        return bad(cmd.c_str(),
                   "--place " + place + ": no place with this id (see `briefmap places`)");
    if (!ws->add_alias({place, aliases[0], ""}, problems)) return report(false);
    std::printf("%s (%s) is also \"%s\" now\n", place.c_str(), gaz[p].name.c_str(),
                aliases[0].c_str());
    return report(true);
}
