#pragma once
// GDAL rasters as map layers: a GeoTIFF, a scan georeferenced by a world file or GCPs, a
// satellite image, a DEM. Opening reads only the header (size, bands, georeference, extent in
// lon/lat); `warp_raster` reprojects it into the map's projection through GDALWarp into one
// RGBA image of bounded size (GDAL picks the source overview nearest the output resolution),
// and a DEM becomes a hillshade through GDALDEMProcessing on the reprojected heights.
//   Pixels: rows top (max y) first, 4 bytes RGBA each, straight (not premultiplied) alpha;
//   alpha 0 outside the source's footprint and on its nodata.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/problem.h"
#include "geo/layer.h"

namespace bm::geo {

class Projection;

// Output limits (README "Limits"): an image is at most kMaxRasterSide pixels on its longer side
// (64 MiB of RGBA); a source larger than kMaxRasterSourcePixels without overviews is refused
// (warping it down would read every pixel).
inline constexpr int kMaxRasterSide = 4096;
inline constexpr double kMaxRasterSourcePixels = 1e9;

struct RasterImage {
    int width = 0, height = 0;
    std::vector<uint8_t> rgba;  // width * height * 4
    Box box;                    // projected extent the image covers (map units)
    bool empty() const { return width <= 0 || height <= 0; }
};

// A raster source as opened (geo::load_dataset on a raster file), and after projection
// (Projection::project keeps it; make_map_data warps it) its image in map units.
struct Raster {
    enum class Kind { Color, Dem };
    std::string path;
    int width = 0, height = 0, bands = 0;
    Kind kind = Kind::Color;
    std::string crs;  // the source's coordinate system as WKT (WGS 84 when it had none)
    Box lonlat;       // extent in lon/lat
    std::shared_ptr<const RasterImage> image{};  // null until warped
};

enum class RasterOpen { NotRaster, Loaded, Failed };

// Opens `path` as a GDAL raster. NotRaster: GDAL reads no raster there (nothing reported).
// Failed: it is one but cannot be shown (no georeference, unsupported bands, too large); the
// reason is in `problems`. Loaded: `out` is a layer without features whose `raster` is set,
// named after the file.
RasterOpen open_raster(const std::string& path, Layer& out, Problems& problems);

// The raster reprojected into `proj`, at most `max_side` pixels on its longer side (and no
// finer than the source), within `clip` (projected; empty: its whole extent). A DEM becomes
// its hillshade (grey; nodata transparent). Null (with a problem naming the file) when
// warping fails.
std::shared_ptr<const RasterImage> warp_raster(const Raster& raster, const Projection& proj,
                                               Problems& problems, int max_side = kMaxRasterSide,
                                               const Box& clip = {});

}  // namespace bm::geo
