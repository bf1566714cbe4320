// libFuzzer target: the export sidecar reader (`briefmap export --from`). The bytes are written
// to a private file and read back through exporter::options_from_sidecar. Data and corpus paths
// named in the input are pointed at a missing file first, so the checksum step never walks the
// real file system (it hashes whole folders). Checks: no crash or exception, problems name the
// file.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "common/atomic_file.h"
#include "export/compose.h"

namespace {
void check(bool ok) {
    if (!ok) __builtin_trap();
}

// Replaces every string "path" under data[] and corpus with a path that does not exist.
void neuter_paths(nlohmann::json& j) {
    if (!j.is_object()) return;
    if (auto d = j.find("data"); d != j.end() && d->is_array())
        for (auto& e : *d)
            if (e.is_object() && e.contains("path") && e["path"].is_string())
                e["path"] = "/nonexistent/briefmap-fuzz/data.gpkg";
    if (auto c = j.find("corpus"); c != j.end() && c->is_object())
        if (c->contains("path") && (*c)["path"].is_string())
            (*c)["path"] = "/nonexistent/briefmap-fuzz/corpus";
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string file =
        "/tmp/briefmap-fuzz-sidecar-" + std::to_string(getpid()) + ".json";
    std::string bytes(reinterpret_cast<const char*>(data), size);
    auto j = nlohmann::json::parse(bytes, nullptr, false);
    if (!j.is_discarded() && j.is_object()) {
        neuter_paths(j);
        bytes = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    if (!bm::write_file_atomic(file, bytes)) return 0;
    bm::exporter::ExportOptions opt;
    bm::Problems warnings;
    bm::Problem p;
    if (!bm::exporter::options_from_sidecar(file, opt, warnings, &p))
        check(p.file == file && !p.why.empty());
    for (const auto& w : warnings) check(w.file == file);
    return 0;
}
