// `briefmap import --workspace FILE PATH...`: articles (files in any format corpus::read knows,
// folders recursively) and layers (any OGR source) into a workspace, created when missing.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "app/commands.h"
#include "store/import.h"
#include "store/workspace.h"

namespace {

void usage(std::FILE* f) {
    std::fprintf(
        f,
        "usage: briefmap import --workspace FILE [--articles | --layers] [--strict] PATH...\n"
        "  Imports articles (files of any article format, folders recursively) and layers (any\n"
        "  OGR data source) into the workspace FILE (a GeoPackage), creating it if needed.\n"
        "  Importing the same article again changes nothing; a changed file updates.\n"
        "  --articles / --layers  read every PATH as articles / as a layer only\n"
        "  --strict  exit 3 when any problem was reported (problems go to stderr)\n");
}

}  // namespace

int cmd_import(int argc, char** argv) {
    std::string workspace;
    std::vector<std::string> paths;
    bool strict = false;
    auto as = bm::store::ImportAs::Any;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--workspace" && i + 1 < argc) {
            workspace = argv[++i];
        } else if (a.starts_with("--workspace=")) {
            workspace = a.substr(12);
        } else if (a == "--strict") {
            strict = true;
        } else if (a == "--articles") {
            as = bm::store::ImportAs::Articles;
        } else if (a == "--layers") {
            as = bm::store::ImportAs::Layers;
        } else if (a == "-h" || a == "--help") {
            usage(stdout);
            return 0;
        } else if (a == "--") {
            for (++i; i < argc; ++i) paths.emplace_back(argv[i]);
        } else if (a.starts_with("-")) {
            std::fprintf(stderr, "briefmap import: unknown or incomplete argument '%s'\n",
                         a.c_str());
            usage(stderr);
            return 2;
        } else {
            paths.push_back(a);
        }
    }
    if (workspace.empty() || paths.empty()) {
        std::fprintf(stderr, "briefmap import: %s\n",
                     workspace.empty() ? "--workspace FILE is required" : "no PATH to import");
        usage(stderr);
        return 2;
    }
    bm::Problem err;
    auto ws = bm::store::open_workspace(workspace, bm::store::OpenMode::Create, &err);
    if (!ws) {
        std::fprintf(stderr, "briefmap import: %s\n", err.to_string().c_str());
        return 2;
    }
    const auto s = bm::store::import_paths(*ws, paths, as);
    for (const auto& p : s.problems) std::cerr << p.to_string() << '\n';
    std::printf("%s: %s\n", workspace.c_str(), bm::store::describe(s).c_str());
    if (!s.committed && !s.problems.empty() && s.result.imported + s.result.updated == 0 &&
        s.result.unchanged == 0 && s.result.sources_added + s.result.sources_known == 0)
        return 1;
    return strict && !s.problems.empty() ? 3 : 0;
}
