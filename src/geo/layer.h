#pragma once
// Geometry as plain values.
//   CRS:     as loaded, every coordinate is longitude/latitude in degrees on WGS 84 (EPSG:4326),
//            x = longitude, y = latitude (GIS order, whatever the source's axis order).
//            After geo::project_layer, x/y are metres in the map projection.
//   Rings:   rings[0] is the exterior, the rest are holes. Closed (first point == last point is
//            NOT repeated). Winding is not normalised; consumers must not rely on it.
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace bm::geo {

struct Vec2 {
    double x = 0, y = 0;
};

struct Box {
    double minx = std::numeric_limits<double>::infinity();
    double miny = std::numeric_limits<double>::infinity();
    double maxx = -std::numeric_limits<double>::infinity();
    double maxy = -std::numeric_limits<double>::infinity();
    bool empty() const { return !(minx <= maxx && miny <= maxy); }
    void add(Vec2 p) {
        if (p.x < minx) minx = p.x;
        if (p.y < miny) miny = p.y;
        if (p.x > maxx) maxx = p.x;
        if (p.y > maxy) maxy = p.y;
    }
    void add(const Box& b) {
        if (b.empty()) return;
        add(Vec2{b.minx, b.miny});
        add(Vec2{b.maxx, b.maxy});
    }
    bool contains(Vec2 p) const { return p.x >= minx && p.x <= maxx && p.y >= miny && p.y <= maxy; }
    bool intersects(const Box& b) const {
        return !(b.minx > maxx || b.maxx < minx || b.miny > maxy || b.maxy < miny);
    }
    Vec2 center() const { return {(minx + maxx) / 2, (miny + maxy) / 2}; }
    bool operator==(const Box&) const = default;
};

using Ring = std::vector<Vec2>;
using Polygon = std::vector<Ring>;  // [0] exterior, [1..] holes
using LineString = std::vector<Vec2>;

enum class GeomKind { None, Point, Line, Polygon };

// A (multi-)geometry of one kind. Points, lines and polygons are never mixed within a feature;
// a GeometryCollection is split by the loader into the dominant kind (with a warning).
struct Geometry {
    GeomKind kind = GeomKind::None;
    std::vector<Vec2> points;
    std::vector<LineString> lines;
    std::vector<Polygon> polygons;
    Box bbox;
};

struct Raster;  // geo/raster.h

struct Feature {
    std::string id;                    // stable id: the `id` field, else "<layer>:<fid>"
    std::string name;                  // neutral English name: `name` field ("" if none)
    std::vector<std::string> aliases;  // `aliases` field: JSON array of strings
    std::string kind;  // `kind` field: country, province, city, town, area, route…
    std::map<std::string, std::string> props;  // every other attribute, as text
    Geometry geom;
    Vec2 label_point;  // a representative point inside the geometry (lon/lat, or projected)
};

// Layer::source of the embedded default data set (geo::load_default_dataset).
inline constexpr const char* kDefaultDataSource = "assets/briefmap.gpkg";

struct Layer {
    std::string name;    // OGR layer name (also what style.json rules match)
    std::string source;  // the data source path it came from
    std::vector<Feature> features;
    Box bbox;
    // Stable id: a layer is its source plus its name, so two sources may both have a layer
    // called "routes" (every GPX file does). The embedded default layers keep their bare names
    // ("countries", "places"): sessions and sidecars written before ids existed still match.
    // Other layers: "<source as given>#<name>", made unique by load_sources.
    std::string id{};
    // Who the data is from, as a map must credit it: the layer's (else its data source's)
    // ATTRIBUTION metadata item; "" when the source says nothing (style.json may supply one).
    std::string attribution{};
    // A raster layer (geo/raster.h) has no features and this; null for a vector layer.
    std::shared_ptr<const Raster> raster{};
};

}  // namespace bm::geo
