#include "geo/raster.h"

#include <cpl_string.h>
#include <gdal_alg.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <gdalwarper.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "geo/load.h"
#include "geo/map_data.h"
#include "geo/projection.h"
#include "geo/vsi_guard.h"

namespace bm::geo {

namespace {

// GDAL's error messages while a call runs: the first failure is the precise reason.
class Messages {
  public:
    Messages() {
        CPLPushErrorHandlerEx(
            [](CPLErr cls, CPLErrorNum, const char* msg) {
                auto* out = static_cast<std::vector<std::string>*>(CPLGetErrorHandlerUserData());
                if (cls >= CE_Failure && msg && *msg && out->size() < 8) out->push_back(msg);
            },
            &list_);
    }
    ~Messages() { CPLPopErrorHandler(); }
    Messages(const Messages&) = delete;
    Messages& operator=(const Messages&) = delete;
    std::string first(const std::string& otherwise) const {
        return list_.empty() ? otherwise : list_.front();
    }

  private:
    std::vector<std::string> list_;
};

struct DatasetCloser {
    void operator()(GDALDatasetH d) const {
        if (d) GDALClose(d);
    }
};
using DatasetPtr = std::unique_ptr<void, DatasetCloser>;

// argv for the gdal_utils option parsers, owning its strings.
class Args {
  public:
    Args& add(std::string s) {
        own_.push_back(std::move(s));
        return *this;
    }
    Args& add(double v) { return add(CPLSPrintf("%.17g", v)); }
    char** argv() {
        ptrs_.clear();
        for (auto& s : own_) ptrs_.push_back(s.data());
        ptrs_.push_back(nullptr);
        return ptrs_.data();
    }

  private:
    std::vector<std::string> own_;
    std::vector<char*> ptrs_;
};

DatasetPtr open(const std::string& path) {
    return DatasetPtr(
        GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
}

bool has_geotransform(GDALDatasetH ds) {
    double gt[6];
    if (GDALGetGeoTransform(ds, gt) != CE_None) return false;
    // GDAL reports the default (0, 1, 0, 0, 0, 1) for a file without one.
    return !(gt[0] == 0 && gt[1] == 1 && gt[2] == 0 && gt[3] == 0 && gt[4] == 0 && gt[5] == 1) &&
           std::isfinite(gt[1]) && std::isfinite(gt[5]) && gt[1] != 0 && gt[5] != 0;
}

OGRSpatialReferenceH source_srs(GDALDatasetH ds) {
    if (OGRSpatialReferenceH s = GDALGetSpatialRef(ds)) return s;
    if (GDALGetGCPCount(ds) > 0) return GDALGetGCPSpatialRef(ds);
    return nullptr;
}

// Whether a raster without a coordinate system reads as lon/lat degrees (a world file beside a
// scan of a lon/lat map, with no .prj): its corners within the globe.
bool looks_lonlat(GDALDatasetH ds) {
    double gt[6];
    if (GDALGetGeoTransform(ds, gt) != CE_None) return false;
    const double w = GDALGetRasterXSize(ds), h = GDALGetRasterYSize(ds);
    for (double px : {0.0, w})
        for (double py : {0.0, h}) {
            const double x = gt[0] + px * gt[1] + py * gt[2], y = gt[3] + px * gt[4] + py * gt[5];
            if (!(std::fabs(x) <= 360 && std::fabs(y) <= 90)) return false;
        }
    return true;
}

// gdalwarp's suggestion for `ds` (geotransform or GCPs) in `dst_wkt`: extent and pixel size.
bool suggest(GDALDatasetH ds, const std::string& src_wkt, const std::string& dst_wkt, Box& box,
             double& res) {
    CPLStringList opt;
    if (!src_wkt.empty()) opt.SetNameValue("SRC_SRS", src_wkt.c_str());
    opt.SetNameValue("DST_SRS", dst_wkt.c_str());
    void* tr = GDALCreateGenImgProjTransformer2(ds, nullptr, opt.List());
    if (!tr) return false;
    double gt[6], ext[4];
    int px = 0, py = 0;
    const CPLErr e =
        GDALSuggestedWarpOutput2(ds, GDALGenImgProjTransform, tr, gt, &px, &py, ext, 0);
    GDALDestroyGenImgProjTransformer(tr);
    if (e != CE_None || px <= 0 || py <= 0) return false;
    box = Box{ext[0], ext[1], ext[2], ext[3]};
    res = gt[1];
    return !box.empty() && std::isfinite(res) && res > 0;
}

std::string wkt_of(OGRSpatialReferenceH s) {
    char* w = nullptr;
    if (!s || OSRExportToWkt(s, &w) != OGRERR_NONE) {
        CPLFree(w);
        return "";
    }
    std::string out = w;
    CPLFree(w);
    return out;
}

}  // namespace

RasterOpen open_raster(const std::string& path, Layer& out, Problems& problems) {
    ensure_gdal();
    Messages msgs;
    DatasetPtr ds = open(path);
    if (!ds) return RasterOpen::NotRaster;
    GDALDatasetH h = ds.get();
    auto fail = [&](std::string why) {
        problems.push_back(error("open raster", path, "", std::move(why)));
        return RasterOpen::Failed;
    };
    const int w = GDALGetRasterXSize(h), ht = GDALGetRasterYSize(h), bands = GDALGetRasterCount(h);
    if (bands == 0) {
        if (CSLCount(GDALGetMetadata(h, "SUBDATASETS")) > 0)
            return fail("holds several subdatasets; open one of them (gdalinfo lists them)");
        return RasterOpen::NotRaster;  // a vector-only source GDAL also lists as a dataset
    }
    if (w <= 0 || ht <= 0) return fail("has no pixels");
    const GDALDataType type = GDALGetRasterDataType(GDALGetRasterBand(h, 1));
    if (GDALDataTypeIsComplex(type))
        return fail(
            "complex pixel values (radar phase data) cannot be shown; convert to amplitude");
    const bool georef = has_geotransform(h) || GDALGetGCPCount(h) > 0;
    if (!georef)
        return fail(
            "no georeference: no geotransform, world file (.tfw, .wld) or ground control points");
    std::string src_wkt = wkt_of(source_srs(h));
    if (src_wkt.empty()) {
        if (!looks_lonlat(h))
            return fail("no coordinate system (add a .prj beside it, or gdal_translate -a_srs)");
        src_wkt = SRS_WKT_WGS84_LAT_LONG;
        problems.push_back(warning("open raster", path, "",
                                   "no coordinate system; read as WGS 84 longitude/latitude"));
    }
    const double pixels = double(w) * double(ht);
    if (pixels > kMaxRasterSourcePixels && GDALGetOverviewCount(GDALGetRasterBand(h, 1)) == 0)
        return fail(
            CPLSPrintf("too large: %d x %d pixels without overviews (limit %.0f "
                       "megapixels; add overviews with gdaladdo)",
                       w, ht, kMaxRasterSourcePixels / 1e6));

    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    Box lonlat;
    double res = 0;
    if (!suggest(h, src_wkt, wkt_of(OGRSpatialReference::ToHandle(&wgs84)), lonlat, res))
        return fail("its extent cannot be computed in longitude/latitude: " +
                    msgs.first("the georeference does not transform"));
    lonlat.minx = std::max(lonlat.minx, -180.0);
    lonlat.maxx = std::min(lonlat.maxx, 180.0);
    lonlat.miny = std::max(lonlat.miny, -90.0);
    lonlat.maxy = std::min(lonlat.maxy, 90.0);
    if (lonlat.empty()) return fail("its extent lies outside the globe");

    auto r = std::make_shared<Raster>();
    r->path = path;
    r->width = w;
    r->height = ht;
    r->bands = bands;
    r->crs = src_wkt;
    // One band of heights (not bytes, no palette) is a DEM; bytes are a grey scan or image.
    const bool palette = GDALGetRasterColorTable(GDALGetRasterBand(h, 1)) != nullptr;
    r->kind = bands == 1 && type != GDT_Byte && !palette ? Raster::Kind::Dem : Raster::Kind::Color;
    r->lonlat = lonlat;
    out = Layer{};
    out.name = std::filesystem::path(path).stem().string();
    if (out.name.empty()) out.name = "raster";
    out.source = path;
    out.bbox = lonlat;
    out.raster = std::move(r);
    if (const char* a = GDALGetMetadataItem(h, "ATTRIBUTION", nullptr)) out.attribution = a;
    return RasterOpen::Loaded;
}

std::shared_ptr<const RasterImage> warp_raster(const Raster& raster, const Projection& proj,
                                               Problems& problems, int max_side, const Box& clip) {
    ensure_gdal();
    Messages msgs;
    NetworkScope network(is_network_path(raster.path));
    auto fail = [&](const std::string& why) -> std::shared_ptr<const RasterImage> {
        problems.push_back(error("draw raster", raster.path, "", msgs.first(why)));
        return nullptr;
    };
    DatasetPtr src = open(raster.path);
    if (!src) return fail("cannot be opened again");
    max_side = std::clamp(max_side, 1, kMaxRasterSide);

    // Bytes for the colour path: a palette expanded to RGBA, other types stretched to 0..255 by
    // each band's range (a 16-bit satellite scene).
    DatasetPtr prepared;
    GDALDatasetH in = src.get();
    GDALRasterBandH b1 = GDALGetRasterBand(in, 1);
    if (raster.kind == Raster::Kind::Color &&
        (GDALGetRasterColorTable(b1) || GDALGetRasterDataType(b1) != GDT_Byte)) {
        Args a;
        a.add("-of").add("VRT");
        if (GDALGetRasterColorTable(b1))
            a.add("-expand").add("rgba");
        else
            a.add("-ot").add("Byte").add("-scale");
        GDALTranslateOptions* o = GDALTranslateOptionsNew(a.argv(), nullptr);
        prepared.reset(GDALTranslate("", in, o, nullptr));
        GDALTranslateOptionsFree(o);
        if (!prepared) return fail("its pixels cannot be converted to colours");
        in = prepared.get();
    }

    const std::string dst_wkt = proj.wkt();
    Box box = project_box(proj, raster.lonlat);
    double res = 0;
    Box suggested;
    if (suggest(in, raster.crs, dst_wkt, suggested, res)) box = suggested;
    if (!clip.empty())
        box = Box{std::max(box.minx, clip.minx), std::max(box.miny, clip.miny),
                  std::min(box.maxx, clip.maxx), std::min(box.maxy, clip.maxy)};
    if (box.empty()) return fail("lies outside the map's area");
    const double bw = box.maxx - box.minx, bh = box.maxy - box.miny;
    // The source's own resolution, but no more than max_side pixels on the longer side.
    if (!(res > 0)) res = std::max(bw, bh) / max_side;
    res = std::max(res, std::max(bw, bh) / max_side);
    const int ow = std::clamp(int(std::ceil(bw / res)), 1, max_side);
    const int oh = std::clamp(int(std::ceil(bh / res)), 1, max_side);

    const bool dem = raster.kind == Raster::Kind::Dem;
    Args a;
    a.add("-of").add("MEM").add("-s_srs").add(raster.crs).add("-t_srs").add(dst_wkt);
    a.add("-te").add(box.minx).add(box.miny).add(box.maxx).add(box.maxy);
    a.add("-ts").add(std::to_string(ow)).add(std::to_string(oh));
    a.add("-r").add("bilinear").add("-wm").add("256");
    if (dem)
        a.add("-ot").add("Float32").add("-dstnodata").add("-3.4e38");
    else
        a.add("-dstalpha");
    GDALWarpAppOptions* wo = GDALWarpAppOptionsNew(a.argv(), nullptr);
    if (!wo) return fail("warp options rejected");
    GDALDatasetH srcs[1] = {in};
    int usage = 0;
    DatasetPtr warped(GDALWarp("", nullptr, 1, srcs, wo, &usage));
    GDALWarpAppOptionsFree(wo);
    if (!warped) return fail("cannot be reprojected into the map's projection");

    auto img = std::make_shared<RasterImage>();
    img->width = ow;
    img->height = oh;
    img->box = box;
    img->rgba.assign(size_t(ow) * size_t(oh) * 4, 0);
    std::vector<uint8_t> plane(size_t(ow) * size_t(oh));
    auto read = [&](GDALDatasetH ds, int band) {
        return GDALRasterIO(GDALGetRasterBand(ds, band), GF_Read, 0, 0, ow, oh, plane.data(), ow,
                            oh, GDT_Byte, 0, 0) == CE_None;
    };
    if (dem) {
        // Heights in metres over map units: a projection in degrees needs the scale.
        OGRSpatialReference t;
        t.importFromWkt(dst_wkt.c_str());
        Args d;
        d.add("-of").add("MEM").add("-compute_edges").add("-multidirectional");
        d.add("-z").add("2").add("-s").add(t.IsGeographic() ? 111120.0 : 1.0);
        GDALDEMProcessingOptions* o = GDALDEMProcessingOptionsNew(d.argv(), nullptr);
        if (!o) return fail("hillshade options rejected");
        DatasetPtr shade(GDALDEMProcessing("", warped.get(), "hillshade", nullptr, o, &usage));
        GDALDEMProcessingOptionsFree(o);
        if (!shade) return fail("its hillshade cannot be computed");
        if (!read(shade.get(), 1)) return fail("its hillshade cannot be read");
        // 0 is the hillshade's nodata (outside the DEM, its voids).
        for (size_t i = 0; i < plane.size(); ++i) {
            uint8_t* p = &img->rgba[i * 4];
            p[0] = p[1] = p[2] = plane[i];
            p[3] = plane[i] ? 255 : 0;
        }
        return img;
    }
    const int n = GDALGetRasterCount(warped.get());
    int alpha = 0;
    std::vector<int> colour;  // bands in order: grey, or red, green, blue (and more, ignored)
    for (int k = 1; k <= n; ++k) {
        if (GDALGetRasterColorInterpretation(GDALGetRasterBand(warped.get(), k)) == GCI_AlphaBand)
            alpha = k;
        else
            colour.push_back(k);
    }
    if (colour.empty()) return fail("has no colour bands");
    for (int c = 0; c < 3; ++c) {
        if (!read(warped.get(), colour.size() >= 3 ? colour[size_t(c)] : colour[0]))
            return fail("its reprojected pixels cannot be read");
        for (size_t i = 0; i < plane.size(); ++i) img->rgba[i * 4 + size_t(c)] = plane[i];
    }
    if (alpha) {
        if (!read(warped.get(), alpha)) return fail("its reprojected pixels cannot be read");
        for (size_t i = 0; i < plane.size(); ++i) img->rgba[i * 4 + 3] = plane[i];
    } else {
        for (size_t i = 0; i < plane.size(); ++i) img->rgba[i * 4 + 3] = 255;
    }
    return img;
}

}  // namespace bm::geo
