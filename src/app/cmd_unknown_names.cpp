// `briefmap unknown-names [--json] [--strict] [--data PATH]... [--corpus PATH]`: the names the
// articles use as places that no place of the map matches (linker/unknown_names.h), most used
// first, each with its passages.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/commands.h"
#include "corpus/article_id.h"
#include "corpus/corpus.h"
#include "gazetteer/gazetteer.h"
#include "geo/load.h"
#include "linker/linker.h"
#include "linker/unknown_names.h"

namespace {

void usage(std::FILE* f) {
    std::fprintf(f,
                 "usage: briefmap unknown-names [--json] [--strict] [--data PATH]... "
                 "[--corpus PATH] [--workspace FILE]\n"
                 "  Capitalised names the articles use as places (\"the village of X\", \"X "
                 "checkpoint\",\n"
                 "  \"near X\", lists beside known places) that no place of the map matches, by "
                 "count,\n"
                 "  with the passages (article and paragraph) that use them.\n"
                 "  --strict  exit 3 when any problem was reported (problems go to stderr)\n");
}

// The passages of one name: mentions grouped by (article, paragraph), in order.
struct PassageSpans {
    bm::ArticleId article;
    uint32_t paragraph;
    std::vector<bm::linker::Span> spans;
};
std::vector<PassageSpans> by_passage(const bm::linker::UnknownName& u) {
    std::vector<PassageSpans> out;
    for (const auto& m : u.mentions) {
        if (out.empty() || out.back().article != m.article || out.back().paragraph != m.paragraph)
            out.push_back({m.article, m.paragraph, {}});
        out.back().spans.push_back(m.span);
    }
    return out;
}

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
}

}  // namespace

int cmd_unknown_names(int argc, char** argv) {
    bool json = false, strict = false;
    std::vector<std::string> data;
    std::string corpus_path, one_data, workspace;
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
        } else if (value("--data", one_data)) {
            data.push_back(one_data);
        } else if (value("--corpus", corpus_path)) {
        } else if (value("--workspace", workspace)) {
        } else if (a == "-h" || a == "--help") {
            usage(stdout);
            return 0;
        } else {
            std::fprintf(stderr, "briefmap unknown-names: unknown or incomplete argument '%s'\n",
                         a.c_str());
            usage(stderr);
            return 2;
        }
    }

    bm::Problems problems;
    PlacesAndArticles loaded;
    if (!load_places_and_articles("unknown-names", data, corpus_path, workspace, loaded, problems))
        return 2;
    const bm::gazetteer::Gazetteer& gaz = loaded.gazetteer;
    const bm::corpus::Corpus& corpus = loaded.corpus;
    for (const auto& p : problems) std::cerr << p.to_string() << '\n';
    if (corpus.articles.empty()) {
        std::fprintf(stderr, "briefmap unknown-names: no articles loaded\n");
        return 1;
    }
    const auto index = bm::linker::Index::build(gaz, corpus);
    const auto names = bm::linker::unknown_names(corpus, gaz, &index);

    if (json) {
        auto list = nlohmann::json::array();
        for (const auto& u : names) {
            auto passages = nlohmann::json::array();
            for (const auto& ps : by_passage(u)) {
                const auto& art = corpus[ps.article];
                auto spans = nlohmann::json::array();
                for (const auto& s : ps.spans) spans.push_back({s.start, s.end});
                passages.push_back({{"article", ps.article.index()},
                                    {"article_id", art.id},
                                    {"title", art.title},
                                    {"outlet", art.outlet},
                                    {"paragraph", ps.paragraph},
                                    {"text", art.paragraphs[ps.paragraph]},
                                    {"spans", spans}});
            }
            list.push_back(
                {{"name", u.name}, {"count", u.count}, {"cues", u.cues}, {"passages", passages}});
        }
        nlohmann::json out = {{"unknown_names", list}};
        std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        return strict && !problems.empty() ? 3 : 0;
    }
    if (names.empty()) std::printf("Every name used as a place is on the map.\n");
    for (const auto& u : names) {
        const auto passages = by_passage(u);
        std::printf("%5zu  %s  (%zu passage%s; %s)\n", u.count, u.name.c_str(), passages.size(),
                    passages.size() == 1 ? "" : "s", joined(u.cues).c_str());
        for (const auto& ps : passages) {
            const auto& art = corpus[ps.article];
            std::printf("         article %u (%s), paragraph %u: %s\n",
                        unsigned(ps.article.index()), art.id.c_str(), ps.paragraph,
                        art.title.c_str());
        }
    }
    return strict && !problems.empty() ? 3 : 0;
}
