// libFuzzer target: a user's layer beside the default data, through the whole document (load,
// projection, scene, gazetteer, links with the default corpus) and the CPU side of an export
// (level of detail for the home view). The first byte picks the format the file name implies
// (GeoJSON, GPX, KML, CSV); the rest is the file, written to a private path. "The default data"
// is its places, routes and areas layers, copied once into a private GeoPackage: the same layer
// names and places, without the country and province polygons that would make each input take
// a second under the sanitizers. Checks: no crash, no exception, no hang; problems name one of
// the two files or the corpus; every loaded coordinate is finite lon/lat; the default places
// still load.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "common/atomic_file.h"
#include "document/document.h"
#include "export/compose.h"
#include "geo/load.h"

namespace {

void check(bool ok) {
    if (!ok) __builtin_trap();
}

bool lonlat(const bm::geo::Vec2& p) {
    return std::isfinite(p.x) && std::isfinite(p.y) && std::fabs(p.x) <= 360 &&
           std::fabs(p.y) <= 90.0001;
}

// The default data's point and line layers in a GeoPackage of their own.
std::string default_subset() {
    const std::string out = "/tmp/briefmap-fuzz-defaults-" + std::to_string(getpid()) + ".gpkg";
    bm::Problems ignored;
    bm::geo::load_default_dataset(ignored);  // registers GDAL
    GDALDatasetUniquePtr src(GDALDataset::Open(bm::geo::default_dataset_path().c_str(),
                                               GDAL_OF_VECTOR | GDAL_OF_READONLY));
    GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
    check(src && gpkg);
    std::remove(out.c_str());
    GDALDatasetUniquePtr dst(gpkg->Create(out.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    check(dst != nullptr);
    for (const char* name : {"places", "routes", "areas"})
        if (OGRLayer* l = src->GetLayerByName(name)) dst->CopyLayer(l, name);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    static const char* const kExt[] = {".geojson", ".gpx", ".kml", ".csv"};
    const std::string file =
        "/tmp/briefmap-fuzz-layer-" + std::to_string(getpid()) + kExt[data[0] % 4];
    if (!bm::write_file_atomic(file,
                               std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1)))
        return 0;
    static const std::string defaults = default_subset();
    bm::Document doc;
    const bool loaded = doc.load({{defaults, file}, "", "", false});
    check(loaded);  // the default data always loads
    check(doc.find_place("Jermuk").valid());
    for (const bm::Problem& p : doc.problems)
        check(p.file == file || p.file == defaults || p.file.starts_with("corpus/") ||
              p.file.empty());
    for (const auto& layer : doc.map.lonlat)
        for (const auto& f : layer.features) {
            check(lonlat(f.label_point));
            for (const auto& p : f.geom.points) check(lonlat(p));
            for (const auto& l : f.geom.lines)
                for (const auto& p : l) check(lonlat(p));
            for (const auto& poly : f.geom.polygons)
                for (const auto& ring : poly)
                    for (const auto& p : ring) check(lonlat(p));
        }
    // What an export of the home view tessellates, at its level of detail.
    bm::exporter::ExportOptions opt;
    opt.state.output.width = 320;
    opt.state.output.height = 200;
    opt.state.output.scale = 1;
    bm::Problem problem;
    if (bm::exporter::validate(doc, opt, &problem))
        (void)doc.build_lod(bm::exporter::export_level(doc, opt),
                            bm::exporter::export_lod_scope(doc, opt));
    return 0;
}
