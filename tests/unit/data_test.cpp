// Checks the committed default data set, assets/briefmap.gpkg, against the schema other code relies
// on (layer names, fields, CRS, validity, unique ids, JSON aliases) and against a few facts of
// geography that a wrong build would break (which province or area a town falls in, sea is absent).
// Uses the GDAL C++ API directly so that it tests the file, not our loader.

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace {

const char* const kGpkg = BRIEFMAP_SOURCE_DIR "/assets/briefmap.gpkg";

class DataSet : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        GDALAllRegister();
        ds_ = static_cast<GDALDataset*>(
            GDALOpenEx(kGpkg, GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    }
    static void TearDownTestSuite() {
        if (ds_ != nullptr) {
            GDALClose(ds_);
            ds_ = nullptr;
        }
    }
    void SetUp() override { ASSERT_NE(ds_, nullptr) << "cannot open " << kGpkg; }

    static OGRLayer* layer(const char* name) { return ds_->GetLayerByName(name); }

    // Geometry (owned copy) of the feature with this id in this layer, or nullptr.
    static std::unique_ptr<OGRGeometry> geometry_of(const char* layer_name, const std::string& id) {
        OGRLayer* l = layer(layer_name);
        if (l == nullptr) {
            return nullptr;
        }
        l->ResetReading();
        for (auto& f : *l) {
            if (id == f->GetFieldAsString("id")) {
                const OGRGeometry* g = f->GetGeometryRef();
                return g == nullptr ? nullptr : std::unique_ptr<OGRGeometry>(g->clone());
            }
        }
        return nullptr;
    }

    // True when the place with id `place` lies inside the polygon feature `poly` of `layer_name`.
    static ::testing::AssertionResult place_in(const std::string& place, const char* layer_name,
                                               const std::string& poly) {
        auto p = geometry_of("places", place);
        auto a = geometry_of(layer_name, poly);
        if (!p) {
            return ::testing::AssertionFailure() << "no place '" << place << "'";
        }
        if (!a) {
            return ::testing::AssertionFailure()
                   << "no " << layer_name << " feature '" << poly << "'";
        }
        if (!a->Contains(p.get())) {
            return ::testing::AssertionFailure()
                   << place << " is not inside " << layer_name << "/" << poly;
        }
        return ::testing::AssertionSuccess();
    }

    static GDALDataset* ds_;
};

GDALDataset* DataSet::ds_ = nullptr;

const std::vector<std::string> kLayers = {"countries", "admin1", "places", "areas", "routes"};

TEST_F(DataSet, DataFileIsSmallEnough) {
    EXPECT_LT(std::filesystem::file_size(kGpkg), 5u * 1024u * 1024u);
}

TEST_F(DataSet, DataHasTheFiveLayers) {
    std::set<std::string> names;
    for (int i = 0; i < ds_->GetLayerCount(); ++i) {
        names.insert(ds_->GetLayer(i)->GetName());
    }
    EXPECT_EQ(names, std::set<std::string>(kLayers.begin(), kLayers.end()));
}

TEST_F(DataSet, DataFeatureCounts) {
    ASSERT_NE(layer("countries"), nullptr);
    ASSERT_NE(layer("admin1"), nullptr);
    ASSERT_NE(layer("places"), nullptr);
    ASSERT_NE(layer("areas"), nullptr);
    ASSERT_NE(layer("routes"), nullptr);
    // The six of the conflict and its neighbours, plus the four at the box's edges (Iraq, Syria,
    // Turkmenistan, Kazakhstan) so zoomed-out maps have no land drawn as sea.
    EXPECT_EQ(layer("countries")->GetFeatureCount(), 10);
    EXPECT_EQ(layer("areas")->GetFeatureCount(), 2);
    EXPECT_EQ(layer("routes")->GetFeatureCount(), 3);
    EXPECT_GE(layer("admin1")->GetFeatureCount(), 11 + 60);  // Armenia's 11 marzer + Azerbaijan
    EXPECT_GE(layer("places")->GetFeatureCount(), 40);
}

TEST_F(DataSet, DataLayersAreEpsg4326WithExpectedGeometryTypes) {
    const std::map<std::string, OGRwkbGeometryType> types = {{"countries", wkbMultiPolygon},
                                                             {"admin1", wkbMultiPolygon},
                                                             {"places", wkbPoint},
                                                             {"areas", wkbMultiPolygon},
                                                             {"routes", wkbMultiLineString}};
    for (const auto& name : kLayers) {
        OGRLayer* l = layer(name.c_str());
        ASSERT_NE(l, nullptr) << name;
        const OGRSpatialReference* srs = l->GetSpatialRef();
        ASSERT_NE(srs, nullptr) << name;
        const char* auth = srs->GetAuthorityName(nullptr);
        const char* code = srs->GetAuthorityCode(nullptr);
        ASSERT_NE(auth, nullptr) << name;
        ASSERT_NE(code, nullptr) << name;
        EXPECT_STREQ(auth, "EPSG") << name;
        EXPECT_STREQ(code, "4326") << name;
        EXPECT_EQ(wkbFlatten(l->GetGeomType()), types.at(name)) << name;
    }
}

TEST_F(DataSet, DataFeaturesHaveSchemaFieldsValidGeometryAndUniqueIds) {
    const std::map<std::string, std::vector<std::string>> extra = {
        {"countries", {"iso_a3"}},
        {"admin1", {"iso_3166_2", "country"}},
        {"places", {"population", "capital", "country", "geonames_id"}},
        {"areas", {"approximate"}},
        {"routes", {"approximate"}}};
    for (const auto& name : kLayers) {
        OGRLayer* l = layer(name.c_str());
        ASSERT_NE(l, nullptr) << name;
        OGRFeatureDefn* defn = l->GetLayerDefn();
        std::vector<std::string> fields = {"id", "name", "aliases", "kind", "source", "accuracy"};
        fields.insert(fields.end(), extra.at(name).begin(), extra.at(name).end());
        for (const auto& field : fields) {
            EXPECT_GE(defn->GetFieldIndex(field.c_str()), 0) << name << " lacks field " << field;
        }
        std::set<std::string> ids;
        l->ResetReading();
        for (auto& f : *l) {
            const std::string id = f->GetFieldAsString("id");
            SCOPED_TRACE(name + "/" + id);
            EXPECT_FALSE(id.empty());
            EXPECT_EQ(id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-"),
                      std::string::npos)
                << "id is not a lowercase slug";
            EXPECT_TRUE(ids.insert(id).second) << "duplicate id";
            EXPECT_STRNE(f->GetFieldAsString("name"), "");
            EXPECT_STRNE(f->GetFieldAsString("kind"), "");
            EXPECT_STRNE(f->GetFieldAsString("source"), "");
            EXPECT_STRNE(f->GetFieldAsString("accuracy"), "");
            const auto aliases =
                nlohmann::json::parse(f->GetFieldAsString("aliases"), nullptr, false);
            ASSERT_FALSE(aliases.is_discarded()) << "aliases is not JSON";
            ASSERT_TRUE(aliases.is_array());
            for (const auto& a : aliases) {
                EXPECT_TRUE(a.is_string() && !a.get<std::string>().empty());
            }
            const OGRGeometry* g = f->GetGeometryRef();
            ASSERT_NE(g, nullptr);
            EXPECT_FALSE(g->IsEmpty());
            EXPECT_TRUE(g->IsValid());
        }
    }
}

TEST_F(DataSet, DataTownsFallInTheRightProvinces) {
    EXPECT_TRUE(place_in("jermuk", "admin1", "am-vd"));
    EXPECT_TRUE(place_in("goris", "admin1", "am-su"));
    EXPECT_TRUE(place_in("kapan", "admin1", "am-su"));
    EXPECT_TRUE(place_in("meghri", "admin1", "am-su"));
    EXPECT_TRUE(place_in("nakhchivan-city", "admin1", "az-nx"));
    EXPECT_TRUE(place_in("julfa", "admin1", "az-nx"));
    EXPECT_TRUE(place_in("ordubad", "admin1", "az-nx"));
}

TEST_F(DataSet, DataKarabakhHoldsStepanakertAndShusha) {
    EXPECT_TRUE(place_in("stepanakert", "areas", "nagorno-karabakh"));
    EXPECT_TRUE(place_in("shusha", "areas", "nagorno-karabakh"));
    EXPECT_FALSE(place_in("goris", "areas", "nagorno-karabakh"));
    EXPECT_FALSE(place_in("lachin", "areas", "nagorno-karabakh"));
}

TEST_F(DataSet, DataCapitalsFallInTheirCountries) {
    EXPECT_TRUE(place_in("yerevan", "countries", "arm"));
    EXPECT_TRUE(place_in("baku", "countries", "aze"));
    EXPECT_TRUE(place_in("tbilisi", "countries", "geo"));
    EXPECT_TRUE(place_in("tabriz", "countries", "irn"));
    EXPECT_TRUE(place_in("nakhchivan-city", "countries", "aze"));
}

TEST_F(DataSet, DataSeaIsNotLand) {
    // Caspian Sea off Baku, and the Black Sea off Batumi.
    for (auto [lon, lat] : {std::pair{50.5, 40.0}, std::pair{41.0, 42.0}}) {
        OGRPoint sea(lon, lat);
        OGRLayer* l = layer("countries");
        ASSERT_NE(l, nullptr);
        l->ResetReading();
        for (auto& f : *l) {
            EXPECT_FALSE(f->GetGeometryRef()->Contains(&sea))
                << f->GetFieldAsString("id") << " covers sea at " << lon << "," << lat;
        }
    }
}

TEST_F(DataSet, DataNamesTheArticlesUse) {
    // Spellings from the seed articles must be a name or alias of some feature.
    std::set<std::string> names;
    for (const auto& name : kLayers) {
        OGRLayer* l = layer(name.c_str());
        ASSERT_NE(l, nullptr);
        l->ResetReading();
        for (auto& f : *l) {
            names.insert(f->GetFieldAsString("name"));
            for (const auto& a : nlohmann::json::parse(f->GetFieldAsString("aliases"))) {
                names.insert(a.get<std::string>());
            }
        }
    }
    for (const char* n : {"Armenia",
                          "Azerbaijan",
                          "Nakhichevan",
                          "Nagorno-Karabakh",
                          "Karabakh",
                          "Nogorono-Karabakh",
                          "Stepanakert",
                          "Khankendi",
                          "Jermuk",
                          "Syunik",
                          "Yerevan",
                          "Baku",
                          "Lachin corridor",
                          "Zangezur corridor",
                          "South Caucasus",
                          "Turkey",
                          "Iran",
                          "Russia",
                          "Georgia",
                          "Crossroad of Peace"}) {
        EXPECT_TRUE(names.count(n)) << n;
    }
}

TEST_F(DataSet, DataRoutesAndAreasAreMarkedApproximate) {
    for (const char* name : {"areas", "routes"}) {
        OGRLayer* l = layer(name);
        ASSERT_NE(l, nullptr);
        l->ResetReading();
        for (auto& f : *l) {
            EXPECT_EQ(f->GetFieldAsInteger("approximate"), 1)
                << name << "/" << f->GetFieldAsString("id");
        }
    }
}

}  // namespace
