#include "app/options.h"

#include <charconv>
#include <cstdlib>
#include <cstring>

#if __has_include("app/commands.h")
#include "app/commands.h"
#define BRIEFMAP_HAVE_COMMANDS 1
#endif

namespace bm::app {

void print_usage(FILE* to) {
    std::fprintf(
        to,
        "Usage: briefmap [OPTIONS]                 open the map window\n"
        "       briefmap places [--json] [--data PATH]\n"
        "       briefmap mentions [--place NAME] [--json] [--data PATH] [--corpus PATH]\n"
        "       briefmap unknown-names [--json] [--data PATH] [--corpus PATH]\n"
        "       briefmap import --workspace FILE PATH...\n"
        "       briefmap review --workspace FILE [--json]\n"
        "       briefmap links confirm|reject|reassign --workspace FILE --passage ID ...\n"
        "       briefmap places add|edit|remove|alias --workspace FILE ...\n"
        "       briefmap export -o OUT.png [--size WxH] [--scale S] [--view PLACE] [--select "
        "PLACE] ...\n"
        "\n"
        "An interactive map of the Armenia-Azerbaijan conflict in which every place is linked\n"
        "to the passages of news articles that mention it.\n"
        "\n"
        "Options:\n"
        "  --data PATH       load an OGR data source (GeoPackage, GeoJSON, Shapefile, ...)\n"
        "                    instead of the embedded default data; repeat to add more;\n"
        "                    `--data default` stands for the embedded data\n"
        "  --corpus PATH     articles: a seed-format file, a folder of .txt/.md, or .jsonl\n"
        "  --workspace FILE  open a workspace (briefmap import): its layers and articles on\n"
        "                    top of the default data, its view instead of the session's\n"
        "  --crs CRS         map projection (PROJ string, EPSG:code or WKT); default: a\n"
        "                    Lambert Conformal Conic centred on the South Caucasus\n"
        "  --session FILE    session file (default $XDG_STATE_HOME/briefmap/session.json)\n"
        "  --size WxH        initial window size in screen units (default 1600x1000)\n"
        "  -h, --help        show this help and exit\n"
        "  --version         show the version and exit\n"
        "\n"
        "Without a display, run under xvfb-run, or use a subcommand that needs none.\n");
}

static bool parse_size(std::string_view s, int& w, int& h) {
    auto x = s.find('x');
    if (x == std::string_view::npos) return false;
    auto r1 = std::from_chars(s.data(), s.data() + x, w);
    auto r2 = std::from_chars(s.data() + x + 1, s.data() + s.size(), h);
    return r1.ec == std::errc() && r2.ec == std::errc() && r1.ptr == s.data() + x &&
           r2.ptr == s.data() + s.size() && w > 0 && h > 0 && w <= 16384 && h <= 16384;
}

ParseResult parse_window_options(int argc, char** argv, Options& out, std::string& error) {
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        auto value = [&](const char* name) -> const char* {
            if (i + 1 >= argc) {
                error = std::string(name) + " needs a value";
                return nullptr;
            }
            return argv[++i];
        };
        if (a == "-h" || a == "--help") {
            print_usage(stdout);
            return ParseResult::Exit;
        } else if (a == "--version") {
            std::printf("briefmap %s\n", BRIEFMAP_VERSION);
            return ParseResult::Exit;
        } else if (a == "--data") {
            const char* v = value("--data");
            if (!v) return ParseResult::Error;
            out.data.emplace_back(v);
        } else if (a == "--corpus") {
            const char* v = value("--corpus");
            if (!v) return ParseResult::Error;
            out.corpus = v;
        } else if (a == "--workspace") {
            const char* v = value("--workspace");
            if (!v) return ParseResult::Error;
            out.workspace = v;
        } else if (a == "--crs") {
            const char* v = value("--crs");
            if (!v) return ParseResult::Error;
            out.crs = v;
        } else if (a == "--session") {
            const char* v = value("--session");
            if (!v) return ParseResult::Error;
            out.session = v;
        } else if (a == "--size") {
            const char* v = value("--size");
            if (!v) return ParseResult::Error;
            if (!parse_size(v, out.width, out.height)) {
                error = "--size wants WIDTHxHEIGHT, e.g. 1600x1000, got '" + std::string(v) + "'";
                return ParseResult::Error;
            }
        } else if (a == "--bench-frames") {
            const char* v = value("--bench-frames");
            if (!v) return ParseResult::Error;
            out.bench_frames = std::atoi(v);
        } else {
            error = "unknown option '" + std::string(a) + "'";
            return ParseResult::Error;
        }
    }
    return ParseResult::Ok;
}

Subcommand find_subcommand(std::string_view name) {
#ifdef BRIEFMAP_HAVE_COMMANDS
    if (name == "places") return cmd_places;
    if (name == "mentions") return cmd_mentions;
    if (name == "export") return cmd_export;
    if (name == "unknown-names") return cmd_unknown_names;
    if (name == "import") return cmd_import;
    if (name == "review") return cmd_review;
    if (name == "links") return cmd_links;
#endif
    (void)name;
    return nullptr;
}

}  // namespace bm::app
