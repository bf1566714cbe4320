// `briefmap places [--json] [--data PATH]`: the gazetteer, one place per line or as JSON.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/commands.h"
#include "document/review.h"
#include "gazetteer/gazetteer.h"
#include "geo/load.h"
#include "store/content.h"

namespace {

void usage(std::FILE* f) {
    std::fprintf(
        f,
        "usage: briefmap places [--json] [--strict] [--data PATH]... [--workspace FILE]\n"
        "  Lists every named place of the data set (default: the embedded one) with its\n"
        "  id, kind, aliases and representative point (lon, lat); with --workspace FILE, also\n"
        "  the workspace's layers, user places and aliases.\n"
        "       briefmap places add --workspace FILE --name NAME --lon LON --lat LAT [--kind K]\n"
        "                           [--alias A]...\n"
        "       briefmap places edit --workspace FILE --id ID [--name N] [--lon LON --lat LAT]\n"
        "                           [--kind K] [--alias A]...\n"
        "       briefmap places remove --workspace FILE --id ID\n"
        "       briefmap places alias --workspace FILE --place ID --alias A [--remove]\n"
        "  Add, edit or delete a place of your own, or give any place another name; every\n"
        "  article is linked to it from then on.\n"
        "  --strict  exit 3 when any problem was reported (problems go to stderr)\n");
}

}  // namespace

int cmd_places(int argc, char** argv) {
    if (argc > 1 && (std::strcmp(argv[1], "add") == 0 || std::strcmp(argv[1], "alias") == 0 ||
                     std::strcmp(argv[1], "remove") == 0 || std::strcmp(argv[1], "edit") == 0))
        return cmd_places_edit(argc - 1, argv + 1);
    bool json = false, strict = false;
    std::vector<std::string> data;  // --data, repeatable; "default" = the embedded data
    std::string workspace;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--json") {
            json = true;
        } else if (a == "--strict") {
            strict = true;
        } else if (a == "--data" && i + 1 < argc) {
            data.push_back(argv[++i]);
        } else if (a.starts_with("--data=")) {
            data.push_back(a.substr(7));
        } else if (a == "--workspace" && i + 1 < argc) {
            workspace = argv[++i];
        } else if (a.starts_with("--workspace=")) {
            workspace = a.substr(12);
        } else if (a == "-h" || a == "--help") {
            usage(stdout);
            return 0;
        } else {
            std::fprintf(stderr, "briefmap places: unknown argument '%s'\n", a.c_str());
            usage(stderr);
            return 2;
        }
    }
    bm::Problems problems;
    std::unique_ptr<bm::store::Workspace> ws;
    if (!workspace.empty() && !(ws = open_for_reading("places", workspace))) return 2;
    auto layers = bm::store::load_layers(data, ws.get(), problems);
    auto gaz = bm::gazetteer::Gazetteer::build(layers, problems);
    if (ws) bm::review::add_aliases(gaz, ws->aliases(), ws->location(), problems);
    for (const auto& p : problems) std::cerr << p.to_string() << '\n';
    if (gaz.size() == 0) {
        std::fprintf(stderr, "briefmap places: no named places in %s\n",
                     data.empty() ? "the default data" : data.back().c_str());
        return 1;
    }
    if (json) {
        auto arr = nlohmann::json::array();
        for (const auto& p : gaz.places())
            arr.push_back({{"id", p.id},
                           {"name", p.name},
                           {"aliases", p.aliases},
                           {"kind", p.kind},
                           {"layer", p.layer},
                           {"lon", p.lon},
                           {"lat", p.lat}});
        std::cout << arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        return strict && !problems.empty() ? 3 : 0;
    }
    for (const auto& p : gaz.places()) {
        std::printf("%-28s %-10s %-28s %9.4f %9.4f", p.id.c_str(), p.kind.c_str(), p.name.c_str(),
                    p.lon, p.lat);
        if (!p.aliases.empty()) {
            std::printf("  aka ");
            for (size_t k = 0; k < p.aliases.size(); ++k)
                std::printf("%s%s", k ? ", " : "", p.aliases[k].c_str());
        }
        std::printf("\n");
    }
    return strict && !problems.empty() ? 3 : 0;
}
