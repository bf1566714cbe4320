// `briefmap mentions [--place NAME] [--json] [--data PATH] [--corpus PATH] [--demonyms]`:
// the passages that name a place (or every place), with the mention spans.
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/commands.h"
#include "corpus/article_id.h"
#include "corpus/corpus.h"
#include "document/review.h"
#include "gazetteer/gazetteer.h"
#include "geo/load.h"
#include "linker/linker.h"
#include "store/content.h"

namespace {

void usage(std::FILE* f) {
    std::fprintf(
        f,
        "usage: briefmap mentions [--place NAME] [--json] [--strict] [--data PATH] "
        "[--corpus PATH] [--workspace FILE] [--demonyms]\n"
        "  Passages that name NAME (a place's id, name or alias, any case), or every place\n"
        "  named at least once. --corpus takes a seed-format file, a folder of .txt/.md\n"
        "  articles or a .jsonl file; --demonyms counts \"Armenian\" etc. as the country.\n"
        "  --workspace FILE  add the workspace's layers and articles (briefmap import)\n"
        "  --strict  exit 3 when any problem was reported (problems go to stderr)\n");
}

// The paragraph with each span wrapped in «…» (or bold on a terminal).
std::string marked(const std::string& text, const std::vector<bm::linker::Span>& spans, bool tty) {
    const char* open = tty ? "\x1b[1m" : "\xC2\xAB";
    const char* close = tty ? "\x1b[0m" : "\xC2\xBB";
    std::string out;
    size_t at = 0;
    for (const auto& s : spans) {
        out.append(text, at, s.start - at);
        out += open;
        out.append(text, s.start, s.end - s.start);
        out += close;
        at = s.end;
    }
    out.append(text, at, std::string::npos);
    return out;
}

}  // namespace

std::unique_ptr<bm::store::Workspace> open_for_reading(const char* command,
                                                       const std::string& path) {
    bm::Problem err;
    auto ws = bm::store::open_workspace(path, bm::store::OpenMode::ReadOnly, &err);
    if (!ws) std::fprintf(stderr, "briefmap %s: %s\n", command, err.to_string().c_str());
    return ws;
}

bool load_places_and_articles(const char* command, const std::vector<std::string>& data,
                              const std::string& corpus_path, const std::string& workspace,
                              PlacesAndArticles& out, bm::Problems& problems) {
    std::unique_ptr<bm::store::Workspace> ws;
    if (!workspace.empty() && !(ws = open_for_reading(command, workspace))) return false;
    const auto layers = bm::store::load_layers(data, ws.get(), problems);
    out.gazetteer = bm::gazetteer::Gazetteer::build(layers, problems);
    out.corpus = bm::store::load_articles(corpus_path, ws.get(), problems);
    if (ws) {
        bm::review::add_aliases(out.gazetteer, ws->aliases(), ws->location(), problems);
        out.decisions = bm::review::decisions_of(ws->link_decisions(), ws->location(), problems);
    }
    return true;
}

int cmd_mentions(int argc, char** argv) {
    bool json = false, strict = false;
    bm::linker::Options opt;
    std::vector<std::string> data;  // --data, repeatable; "default" = the embedded data
    std::string corpus_path, place, one_data, workspace;
    bool have_place = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&](const char* flag, std::string& into) {
            std::string f = flag;
            if (a == f && i + 1 < argc) return into = argv[++i], true;
            if (a.starts_with(f + "=")) return into = a.substr(f.size() + 1), true;
            return false;
        };
        if (a == "--json") {
            json = true;
        } else if (a == "--strict") {
            strict = true;
        } else if (a == "--demonyms") {
            opt.demonyms = true;
        } else if (value("--data", one_data)) {
            data.push_back(one_data);
        } else if (value("--corpus", corpus_path)) {
        } else if (value("--workspace", workspace)) {
        } else if (value("--place", place)) {
            have_place = true;
        } else if (a == "-h" || a == "--help") {
            usage(stdout);
            return 0;
        } else {
            std::fprintf(stderr, "briefmap mentions: unknown or incomplete argument '%s'\n",
                         a.c_str());
            usage(stderr);
            return 2;
        }
    }

    bm::Problems problems;
    PlacesAndArticles loaded;
    if (!load_places_and_articles("mentions", data, corpus_path, workspace, loaded, problems))
        return 2;
    const bm::gazetteer::Gazetteer& gaz = loaded.gazetteer;
    const bm::corpus::Corpus& corpus = loaded.corpus;
    for (const auto& p : problems) std::cerr << p.to_string() << '\n';
    if (gaz.size() == 0 || corpus.articles.empty()) {
        std::fprintf(stderr,
                     "briefmap mentions: nothing to link (%zu places, %zu articles loaded)\n",
                     gaz.size(), corpus.articles.size());
        return 1;
    }

    std::vector<bm::PlaceId> wanted;
    if (have_place) {
        wanted = gaz.find(place);
        if (wanted.empty()) {
            std::fprintf(stderr,
                         "briefmap mentions: no place named \"%s\" (see `briefmap places`)\n",
                         place.c_str());
            return 2;
        }
    }
    const bm::linker::Decisions decisions(loaded.decisions, gaz);
    auto index = bm::linker::Index::build(gaz, corpus, opt, &decisions);
    if (!have_place)
        for (bm::PlaceId i : gaz.ids())
            if (!index.passages_of(i).empty() || !index.uncertain_passages_of(i).empty())
                wanted.push_back(i);

    if (json) {
        // Each span with its link's confidence, reason and, for a shared name, the other places.
        auto span_json = [&](const bm::linker::Passage& ps, const bm::linker::Span& s,
                             bm::PlaceId place) {
            nlohmann::json j = {{"start", s.start}, {"end", s.end}};
            for (const auto& h : index.links_in(ps.ref()))
                if (h.span == s && h.place == place) {
                    j["confidence"] = std::round(double(h.confidence) * 1000) / 1000;
                    j["reason"] = std::string(bm::linker::reason_name(h.reason));
                    if (!h.candidates.empty()) {
                        auto c = nlohmann::json::array();
                        for (bm::PlaceId k : h.candidates) c.push_back(gaz[k].id);
                        j["candidates"] = c;
                    }
                }
            return j;
        };
        auto passages_json = [&](const std::vector<bm::linker::Passage>& list, bm::PlaceId place) {
            auto passages = nlohmann::json::array();
            for (const auto& ps : list) {
                const auto& art = corpus[ps.article];
                // "spans" stays [start, end] pairs (what scripts read since the first release);
                // "links" has the same spans, in the same order, with how sure each link is.
                auto spans = nlohmann::json::array();
                auto links = nlohmann::json::array();
                for (const auto& s : ps.spans) {
                    spans.push_back({s.start, s.end});
                    links.push_back(span_json(ps, s, place));
                }
                passages.push_back({{"article", ps.article.index()},
                                    {"article_id", art.id},
                                    {"title", art.title},
                                    {"outlet", art.outlet},
                                    {"date", art.date},
                                    {"url", art.url},
                                    {"paragraph", ps.paragraph},
                                    // What `briefmap links --passage` takes.
                                    {"passage_id", bm::linker::passage_id(art.id, ps.paragraph)},
                                    // The PDF page the paragraph starts on; null for sources
                                    // without pages.
                                    {"page", art.page_of(ps.paragraph) > 0
                                                 ? nlohmann::json(art.page_of(ps.paragraph))
                                                 : nlohmann::json(nullptr)},
                                    {"text", art.paragraphs[ps.paragraph]},
                                    {"spans", spans},
                                    {"links", links}});
            }
            return passages;
        };
        auto places = nlohmann::json::array();
        for (bm::PlaceId i : wanted) {
            const auto& p = gaz[i];
            places.push_back(
                {{"id", p.id},
                 {"name", p.name},
                 {"kind", p.kind},
                 {"passages", passages_json(index.passages_of(i), i)},
                 {"uncertain_passages", passages_json(index.uncertain_passages_of(i), i)}});
        }
        nlohmann::json out = {{"threshold", opt.threshold}, {"places", places}};
        std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        return strict && !problems.empty() ? 3 : 0;
    }

    const bool tty = isatty(STDOUT_FILENO);
    for (bm::PlaceId i : wanted) {
        const auto& p = gaz[i];
        const auto& passages = index.passages_of(i);
        std::printf("== %s (%s, %s): %zu passage%s ==\n", p.name.c_str(), p.id.c_str(),
                    p.kind.c_str(), passages.size(), passages.size() == 1 ? "" : "s");
        for (const auto& ps : passages) {
            const auto& art = corpus[ps.article];
            const std::string page = art.page_label(ps.paragraph);
            std::printf("\n  %s \xE2\x80\x94 %s, %s%s%s  [article %u, paragraph %u]\n",
                        art.title.c_str(), art.outlet.empty() ? "(no outlet)" : art.outlet.c_str(),
                        art.date.empty() ? "undated" : art.date.c_str(), page.empty() ? "" : ", ",
                        page.c_str(), unsigned(ps.article.index()), ps.paragraph);
            std::printf("  %s\n", marked(art.paragraphs[ps.paragraph], ps.spans, tty).c_str());
        }
        std::printf("\n");
    }
    return strict && !problems.empty() ? 3 : 0;
}
