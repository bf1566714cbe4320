#pragma once
// The map projection, through OSR/PROJ (no hand-written formulas). Forward: lon/lat degrees
// (EPSG:4326, x = lon) to projected map units (metres for the default CRS); inverse likewise.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/problem.h"
#include "geo/layer.h"

class OGRCoordinateTransformation;
class OGRSpatialReference;

namespace bm::geo {

// Lambert Conformal Conic with standard parallels framing the South Caucasus (38°N, 42°N):
// conformal, so shapes and angles read true, with under 0.3% scale error across the region.
inline constexpr const char* kDefaultCrs =
    "+proj=lcc +lat_0=40 +lon_0=46 +lat_1=38 +lat_2=42 +x_0=0 +y_0=0 +datum=WGS84 +units=m "
    "+no_defs";

class Projection {
  public:
    // `crs`: anything OSR's SetFromUserInput accepts (PROJ string, "EPSG:3857", WKT).
    static std::optional<Projection> create(const std::string& crs, Problem* problem = nullptr);
    Projection(Projection&&) noexcept;
    Projection& operator=(Projection&&) noexcept;
    ~Projection();

    const std::string& definition() const { return def_; }
    std::string wkt() const;

    // In place over arrays; returns false if any point failed (its value is then NaN).
    bool forward(double* x, double* y, size_t n) const;
    bool inverse(double* x, double* y, size_t n) const;
    Vec2 forward(Vec2 lonlat) const;
    Vec2 inverse(Vec2 xy) const;

    // Copies the layer with every coordinate projected (label points and bboxes too).
    Layer project(const Layer& lonlat) const;

    // Geodesic distance in metres on the WGS 84 ellipsoid between two lon/lat points.
    static double geodesic_distance(Vec2 a, Vec2 b);
    // Ground metres per projected unit at projected point p (horizontal), via the geodesic.
    double ground_scale(Vec2 p, double step = 1000) const;

  private:
    Projection() = default;
    std::string def_;
    std::unique_ptr<OGRSpatialReference> srs_;
    std::unique_ptr<OGRCoordinateTransformation> fwd_, inv_;
};

}  // namespace bm::geo
