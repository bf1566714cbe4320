#pragma once
// GDAL/OGR loading. Any OGR data source (GeoPackage, GeoJSON, Shapefile, …); every layer is
// transformed to EPSG:4326 lon/lat, invalid geometries are repaired with MakeValid (GEOS through
// GDAL) or skipped, and each problem is reported with the file, layer and feature.
#include <cstddef>
#include <string>
#include <vector>

#include "common/problem.h"
#include "geo/layer.h"

namespace bm::geo {

// Input limits (README "Limits"): a layer's features past the first kMaxFeatures are skipped
// with one warning; a feature of more than kMaxVertices vertices is skipped with an error.
inline constexpr size_t kMaxFeatures = 1'000'000;
inline constexpr size_t kMaxVertices = 5'000'000;

// Registers GDAL's drivers and the file guard (geo/vsi_guard.h) once; every loader calls it.
void ensure_gdal();

// Loads every vector layer of `path`, or the raster `path` is (geo/raster.h) as one layer. Returns
// what loaded; appends problems. A path that cannot be opened yields no layers and one Error.
std::vector<Layer> load_dataset(const std::string& path, Problems& problems);
// `trusted`: the data is known valid (the embedded set), so polygons skip GEOS validation.
std::vector<Layer> load_dataset(const std::string& path, bool trusted, Problems& problems);

// Only the layer named `layer` of `path` (a workspace's user_places); an empty layer is no
// problem (a workspace starts with none), a missing one is.
std::vector<Layer> load_named_layer(const std::string& path, const std::string& layer,
                                    Problems& problems);

// The default data set embedded in the binary (assets/briefmap.gpkg).
std::vector<Layer> load_default_dataset(Problems& problems);

// Every layer of every source in order; "default" (or an empty list) stands for the embedded
// data set, so `--data default --data more.gpkg` adds layers to it.
std::vector<Layer> load_sources(const std::vector<std::string>& paths, Problems& problems);

// "assets/briefmap.gpkg" as a GDAL path to the embedded copy.
std::string default_dataset_path();

}  // namespace bm::geo
