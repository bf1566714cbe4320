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
#include "gazetteer/gazetteer.h"
#include "geo/load.h"
#include "linker/linker.h"

namespace {

void usage(std::FILE* f) {
    std::fprintf(
        f,
        "usage: briefmap mentions [--place NAME] [--json] [--strict] [--data PATH] "
        "[--corpus PATH] [--demonyms]\n"
        "  Passages that name NAME (a place's id, name or alias, any case), or every place\n"
        "  named at least once. --corpus takes a seed-format file, a folder of .txt/.md\n"
        "  articles or a .jsonl file; --demonyms counts \"Armenian\" etc. as the country.\n"
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

PlacesAndArticles load_places_and_articles(const std::vector<std::string>& data,
                                           const std::string& corpus_path, bm::Problems& problems) {
    PlacesAndArticles out;
    const auto layers = bm::geo::load_sources(data, problems);
    out.gazetteer = bm::gazetteer::Gazetteer::build(layers, problems);
    out.corpus = corpus_path.empty() ? bm::corpus::read_default(problems)
                                     : bm::corpus::read(corpus_path, problems);
    bm::corpus::assign_article_ids(out.corpus);
    return out;
}

int cmd_mentions(int argc, char** argv) {
    bool json = false, strict = false;
    bm::linker::Options opt;
    std::vector<std::string> data;  // --data, repeatable; "default" = the embedded data
    std::string corpus_path, place, one_data;
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
    PlacesAndArticles loaded = load_places_and_articles(data, corpus_path, problems);
    const bm::gazetteer::Gazetteer& gaz = loaded.gazetteer;
    const bm::corpus::Corpus& corpus = loaded.corpus;
    for (const auto& p : problems) std::cerr << p.to_string() << '\n';
    if (gaz.size() == 0 || corpus.articles.empty()) {
        std::fprintf(stderr,
                     "briefmap mentions: nothing to link (%zu places, %zu articles loaded)\n",
                     gaz.size(), corpus.articles.size());
        return 1;
    }

    std::vector<size_t> wanted;
    if (have_place) {
        wanted = gaz.find(place);
        if (wanted.empty()) {
            std::fprintf(stderr,
                         "briefmap mentions: no place named \"%s\" (see `briefmap places`)\n",
                         place.c_str());
            return 2;
        }
    }
    auto index = bm::linker::Index::build(gaz, corpus, opt);
    if (!have_place)
        for (size_t i = 0; i < gaz.size(); ++i)
            if (!index.passages_of(i).empty() || !index.uncertain_passages_of(i).empty())
                wanted.push_back(i);

    if (json) {
        // Each span with its link's confidence, reason and, for a shared name, the other places.
        auto span_json = [&](const bm::linker::Passage& ps, const bm::linker::Span& s,
                             size_t place) {
            nlohmann::json j = {{"start", s.start}, {"end", s.end}};
            for (const auto& h : index.links_in(ps.article, ps.paragraph))
                if (h.span == s && h.place == place) {
                    j["confidence"] = std::round(double(h.confidence) * 1000) / 1000;
                    j["reason"] = std::string(bm::linker::reason_name(h.reason));
                    if (!h.candidates.empty()) {
                        auto c = nlohmann::json::array();
                        for (uint32_t k : h.candidates) c.push_back(gaz[k].id);
                        j["candidates"] = c;
                    }
                }
            return j;
        };
        auto passages_json = [&](const std::vector<bm::linker::Passage>& list, size_t place) {
            auto passages = nlohmann::json::array();
            for (const auto& ps : list) {
                const auto& art = corpus.articles[ps.article];
                // "spans" stays [start, end] pairs (what scripts read since the first release);
                // "links" has the same spans, in the same order, with how sure each link is.
                auto spans = nlohmann::json::array();
                auto links = nlohmann::json::array();
                for (const auto& s : ps.spans) {
                    spans.push_back({s.start, s.end});
                    links.push_back(span_json(ps, s, place));
                }
                passages.push_back({{"article", ps.article},
                                    {"article_id", art.id},
                                    {"title", art.title},
                                    {"outlet", art.outlet},
                                    {"date", art.date},
                                    {"url", art.url},
                                    {"paragraph", ps.paragraph},
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
        for (size_t i : wanted) {
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
    for (size_t i : wanted) {
        const auto& p = gaz[i];
        const auto& passages = index.passages_of(i);
        std::printf("== %s (%s, %s): %zu passage%s ==\n", p.name.c_str(), p.id.c_str(),
                    p.kind.c_str(), passages.size(), passages.size() == 1 ? "" : "s");
        for (const auto& ps : passages) {
            const auto& art = corpus.articles[ps.article];
            const std::string page = art.page_label(ps.paragraph);
            std::printf("\n  %s \xE2\x80\x94 %s, %s%s%s  [article %u, paragraph %u]\n",
                        art.title.c_str(), art.outlet.empty() ? "(no outlet)" : art.outlet.c_str(),
                        art.date.empty() ? "undated" : art.date.c_str(), page.empty() ? "" : ", ",
                        page.c_str(), ps.article, ps.paragraph);
            std::printf("  %s\n", marked(art.paragraphs[ps.paragraph], ps.spans, tty).c_str());
        }
        std::printf("\n");
    }
    return strict && !problems.empty() ? 3 : 0;
}
