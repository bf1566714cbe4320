// The workspace's figures (issue 15; not pass/fail): import of 1,000 and 10,000 generated
// articles into a new workspace (time, articles/s), the same import again (all unchanged), and
// the open time of the workspace: open_workspace + reading every article back.
//   build/bench/workspace_bench [DIR]     (DIR: where to write; default /tmp)
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "store/import.h"
#include "store/workspace.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

static double since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

// N articles of about 2.5 KB (six paragraphs) in JSON Lines files of 1,000.
static size_t generate(const fs::path& dir, size_t n) {
    fs::create_directories(dir);
    size_t bytes = 0;
    for (size_t f = 0; f * 1000 < n; ++f) {
        std::ofstream out(dir / ("part" + std::to_string(f) + ".jsonl"));
        for (size_t i = f * 1000; i < std::min(n, (f + 1) * 1000); ++i) {
            std::string text;
            for (int p = 0; p < 6; ++p)
                text += (p ? "\n\n" : "") + std::string("Paragraph ") + std::to_string(p) +
                        " of generated report " + std::to_string(i) +
                        ": officials in Goris and Kapan spoke about the road to Yerevan, "
                        "the border near Jermuk and the talks planned in Baku next week. "
                        "Residents said little had changed since the last round of talks.";
            nlohmann::json j = {{"title", "Generated report " + std::to_string(i)},
                                {"outlet", "Gen " + std::to_string(i % 9)},
                                {"date", "2023-12-" + std::to_string(10 + i % 18)},
                                {"url", "https://example.org/gen/" + std::to_string(i)},
                                {"text", text}};
            const std::string line = j.dump() + "\n";
            bytes += line.size();
            out << line;
        }
    }
    return bytes;
}

int main(int argc, char** argv) {
    const fs::path root =
        fs::path(argc > 1 ? argv[1] : "/tmp") / ("briefmap-ws-bench-" + std::to_string(getpid()));
    std::printf(
        "| articles | MB of JSONL | import s | articles/s | again (unchanged) s | open s | "
        "file MB |\n|---|---|---|---|---|---|---|\n");
    for (size_t n : {size_t(1000), size_t(10000)}) {
        const fs::path dir = root / ("in" + std::to_string(n));
        const size_t bytes = generate(dir, n);
        const std::string ws_path = (root / ("ws" + std::to_string(n) + ".gpkg")).string();
        bm::Problem err;
        auto t = Clock::now();
        auto ws = bm::store::open_workspace(ws_path, bm::store::OpenMode::Create, &err);
        if (!ws) {
            std::fprintf(stderr, "%s\n", err.to_string().c_str());
            return 1;
        }
        auto s = bm::store::import_paths(*ws, {dir.string()});
        const double t_import = since(t);
        if (!s.committed || s.result.imported != n) {
            std::fprintf(stderr, "import: %s\n", bm::store::describe(s).c_str());
            return 1;
        }
        t = Clock::now();
        auto again = bm::store::import_paths(*ws, {dir.string()});
        const double t_again = since(t);
        ws.reset();
        t = Clock::now();
        ws = bm::store::open_workspace(ws_path, bm::store::OpenMode::ReadOnly, &err);
        bm::Problems ps;
        const size_t read = ws ? ws->articles(ps).size() : 0;
        const double t_open = since(t);
        std::printf("| %zu | %.1f | %.2f | %.0f | %.2f | %.3f | %.1f |\n", n, bytes / 1e6, t_import,
                    n / t_import, t_again, t_open, fs::file_size(ws_path) / 1e6);
        if (read != n || again.result.unchanged != n) {
            std::fprintf(stderr, "read back %zu, unchanged %zu of %zu\n", read,
                         again.result.unchanged, n);
            return 1;
        }
    }
    std::error_code ec;
    fs::remove_all(root, ec);
    return 0;
}
