// briefmap: command-line entry. Subcommands run without a window; the default opens the map.
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "app/options.h"
#include "app/window_app.h"

int main(int argc, char** argv) {
    using namespace bm::app;
    if (argc >= 2) {
        std::string_view sub = argv[1];
        if (auto* cmd = find_subcommand(sub)) return cmd(argc - 1, argv + 1);
    }
    Options opt;
    std::string err;
    switch (parse_window_options(argc, argv, opt, err)) {
        case ParseResult::Ok:
            break;
        case ParseResult::Exit:
            return 0;
        case ParseResult::Error:
            std::fprintf(stderr, "briefmap: %s\n\n", err.c_str());
            print_usage(stderr);
            return 2;
    }
    return run_window_app(opt);
}
