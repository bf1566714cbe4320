#pragma once
// Small synthetic rasters written with GDAL at test time (no binaries in the repository):
//   rgb_tif:  3 bands of bytes, 40 x 30 pixels over lon 45..47, lat 40..41.5 (EPSG:4326), four
//             quadrants: red (north-west), green (north-east), blue (south-west), yellow;
//   dem_tif:  one Float32 band, a cone 3000 m high over lon 44..46, lat 39..41, nodata -9999 in
//             its south-east corner (10 x 10 of 60 x 60 pixels).
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "geo/load.h"

namespace raster_fixtures {

inline std::string dir() {
    const std::string d = std::string(BRIEFMAP_TEST_OUTPUT_DIR) + "/raster";
    std::filesystem::create_directories(d);
    return d;
}

inline std::string wgs84_wkt() {
    OGRSpatialReference s;
    s.importFromEPSG(4326);
    char* w = nullptr;
    s.exportToWkt(&w);
    std::string out = w;
    CPLFree(w);
    return out;
}

inline void quadrant_rgb(int x, int y, int w, int h, uint8_t out[3]) {
    const bool east = x >= w / 2, south = y >= h / 2;
    static const uint8_t c[4][3] = {{220, 30, 30}, {30, 200, 30}, {30, 30, 220}, {230, 220, 20}};
    const int q = (south ? 2 : 0) + (east ? 1 : 0);
    for (int k = 0; k < 3; ++k) out[k] = c[q][k];
}

// `driver` GTiff or PNG; `georef`: write a geotransform and a CRS (PNG: neither).
// `west`, `north`, `span`: its extent (degrees; span east and 0.75 span south).
inline std::string write_rgb(const std::string& name, const char* driver = "GTiff",
                             bool georef = true, double west = 45, double north = 41.5,
                             double span = 2) {
    bm::geo::ensure_gdal();
    const int w = 40, h = 30;
    const std::string path = dir() + "/" + name;
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    GDALDatasetUniquePtr ds(mem->Create("", w, h, 3, GDT_Byte, nullptr));
    std::vector<uint8_t> band(size_t(w) * h);
    for (int b = 0; b < 3; ++b) {
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                uint8_t c[3];
                quadrant_rgb(x, y, w, h, c);
                band[size_t(y) * w + x] = c[b];
            }
        (void)ds->GetRasterBand(b + 1)->RasterIO(GF_Write, 0, 0, w, h, band.data(), w, h, GDT_Byte,
                                                 0, 0);
    }
    if (georef) {
        double gt[6] = {west, span / w, 0, north, 0, -0.75 * span / h};
        ds->SetGeoTransform(gt);
        ds->SetProjection(wgs84_wkt().c_str());
    }
    GDALDriver* out = GetGDALDriverManager()->GetDriverByName(driver);
    std::filesystem::remove(path);
    GDALDatasetUniquePtr copy(
        out->CreateCopy(path.c_str(), ds.get(), FALSE, nullptr, nullptr, nullptr));
    return path;
}

inline std::string write_dem(const std::string& name) {
    bm::geo::ensure_gdal();
    const int n = 60;
    const std::string path = dir() + "/" + name;
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    std::filesystem::remove(path);
    GDALDatasetUniquePtr ds(gtiff->Create(path.c_str(), n, n, 1, GDT_Float32, nullptr));
    double gt[6] = {44.0, 2.0 / n, 0, 41.0, 0, -2.0 / n};
    ds->SetGeoTransform(gt);
    ds->SetProjection(wgs84_wkt().c_str());
    std::vector<float> z(size_t(n) * n);
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x) {
            const double dx = (x - n / 2.0) / (n / 2.0), dy = (y - n / 2.0) / (n / 2.0);
            z[size_t(y) * n + x] = x >= n - 10 && y >= n - 10
                                       ? -9999.f
                                       : float(std::max(0.0, 3000 * (1 - std::hypot(dx, dy))));
        }
    GDALRasterBand* b = ds->GetRasterBand(1);
    b->SetNoDataValue(-9999);
    (void)b->RasterIO(GF_Write, 0, 0, n, n, z.data(), n, n, GDT_Float32, 0, 0);
    return path;
}

}  // namespace raster_fixtures
