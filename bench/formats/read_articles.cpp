// Prints what corpus::read makes of each file given (title, outlet, date, byline, url,
// paragraphs, pages) as one JSON object per line, and how long reading took, repeating each
// file `--repeat N` times for a steadier time (CPU seconds per read). For bench/formats/html_vs_readability.py.
#include <algorithm>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "corpus/corpus.h"

int main(int argc, char** argv) {
    int repeat = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--repeat" && i + 1 < argc) {
            repeat = std::max(1, std::atoi(argv[++i]));
            continue;
        }
        bm::Problems problems;
        bm::corpus::Corpus c;
        // CPU time, not wall time: the machine is shared, and the peer is timed the same way.
        const std::clock_t t0 = std::clock();
        for (int r = 0; r < repeat; ++r) {
            problems.clear();
            c = bm::corpus::read(arg, problems);
        }
        const double s = double(std::clock() - t0) / CLOCKS_PER_SEC / repeat;
        nlohmann::json arts = nlohmann::json::array();
        for (const auto& a : c.articles)
            arts.push_back({{"title", a.title},
                            {"outlet", a.outlet},
                            {"date", a.date},
                            {"byline", a.byline},
                            {"url", a.url},
                            {"paragraphs", a.paragraphs},
                            {"pages", a.pages}});
        nlohmann::json probs = nlohmann::json::array();
        for (const auto& p : problems) probs.push_back(p.to_string());
        std::cout << nlohmann::json{{"file", arg},
                                    {"seconds", s},
                                    {"articles", arts},
                                    {"problems", probs}}
                         .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                  << "\n";
    }
    return 0;
}
