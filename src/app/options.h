#pragma once
// Command-line options of the windowed app and the subcommand table.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace bm::app {

struct Options {
    std::vector<std::string> data;  // --data PATH (repeatable); empty = embedded default
    std::string corpus;             // --corpus PATH; empty = embedded default
    std::string workspace;          // --workspace FILE; empty = none (the session's view)
    std::string crs;                // --crs; empty = geo::kDefaultCrs
    std::string session;            // --session FILE; empty = $XDG_STATE_HOME/briefmap/session.json
    int width = 1600, height = 1000;
    int bench_frames = 0;  // --bench-frames N (hidden): pan for N frames, print timings, exit
};

enum class ParseResult { Ok, Exit, Error };

ParseResult parse_window_options(int argc, char** argv, Options& out, std::string& error);
void print_usage(FILE* to);

using Subcommand = int (*)(int argc, char** argv);  // argv[0] is the subcommand's name
Subcommand find_subcommand(std::string_view name);

}  // namespace bm::app
