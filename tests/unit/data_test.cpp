// Checks the committed default data set, assets/briefmap.gpkg, against the schema other code relies
// on (layer names, fields, CRS, validity, unique ids, JSON aliases) and against a few facts of
// geography that a wrong build would break (which province or area a town falls in, sea is absent).
// Uses the GDAL C++ API directly so that it tests the file, not our loader.

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
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
    // Embedded in the binary: the regional gazetteer may grow it, up to 15 MB.
    EXPECT_LT(std::filesystem::file_size(kGpkg), 15u * 1024u * 1024u);
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
    EXPECT_EQ(layer("routes")->GetFeatureCount(), 5);        // 3 corridors, 2 roads
    EXPECT_GE(layer("admin1")->GetFeatureCount(), 11 + 60);  // Armenia's 11 marzer + Azerbaijan
    // GeoNames cities500 of Armenia, Azerbaijan, Georgia and the box, plus the authored places.
    EXPECT_GE(layer("places")->GetFeatureCount(), 2000);
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
        {"places",
         {"population", "capital", "country", "geonames_id", "feature_code", "rank", "admin"}},
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

// ---- the regional gazetteer (issue 14) -------------------------------------------------------

// Lowercased (ASCII letters) name or alias -> ids of the features of `layer_name` that have it.
std::map<std::string, std::set<std::string>> names_of(OGRLayer* l) {
    std::map<std::string, std::set<std::string>> out;
    auto lower = [](std::string s) {
        for (char& c : s)
            if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
        return s;
    };
    l->ResetReading();
    for (auto& f : *l) {
        const std::string id = f->GetFieldAsString("id");
        out[lower(f->GetFieldAsString("name"))].insert(id);
        for (const auto& a : nlohmann::json::parse(f->GetFieldAsString("aliases")))
            out[lower(a.get<std::string>())].insert(id);
    }
    return out;
}

std::map<std::string, std::string> field_by_id(OGRLayer* l, const char* field) {
    std::map<std::string, std::string> out;
    l->ResetReading();
    for (auto& f : *l) {
        std::string v = f->GetFieldAsString(field);  // OGR reuses the buffer of a number
        out[f->GetFieldAsString("id")] = v;
    }
    return out;
}

TEST_F(DataSet, DataRegionalPlacesLieInTheirProvinces) {
    OGRLayer* places = layer("places");
    ASSERT_NE(places, nullptr);
    const auto admin = field_by_id(places, "admin");
    // Border villages of both sides, Karabakh villages, monasteries: the `admin` field says the
    // province, and (but for Yeraskh, whose reference point falls a few hundred metres inside
    // Nakhchivan's Natural Earth outline) the point lies in that province's polygon.
    const std::vector<std::pair<const char*, const char*>> want = {
        {"tegh", "am-su"},       {"kornidzor", "am-su"},  {"davit-bek", "am-su"},
        {"khndzoresk", "am-su"}, {"tatev", "am-su"},      {"sotk", "am-gr"},
        {"voskepar", "am-tv"},   {"baghanis", "am-tv"},   {"dovegh", "am-tv"},
        {"areni", "am-vd"},      {"sadarak", "az-nx"},    {"aghavno", "az-lac"},
        {"sus", "az-lac"},       {"karin-tak", "az-sus"}, {"taghavard", "az-xvd"},
        {"chartar", "az-xvd"},   {"talish", "az-tar"},    {"dadivank", "az-kal"},
        {"kalbajar", "az-kal"},  {"yeraskh", "am-ar"}};
    for (auto [place, province] : want) {
        SCOPED_TRACE(place);
        ASSERT_TRUE(admin.count(place)) << "no place " << place;
        EXPECT_EQ(admin.at(place), province);
        if (std::string(place) != "yeraskh") EXPECT_TRUE(place_in(place, "admin1", province));
    }
    // Every GeoNames place of Armenia and Azerbaijan has its province (but the oil platform
    // town Neft Daşları, out at sea).
    places->ResetReading();
    for (auto& f : *places) {
        const std::string c = f->GetFieldAsString("country");
        if ((c == "ARM" || c == "AZE") &&
            f->IsFieldSetAndNotNull(f->GetFieldIndex("geonames_id")) &&
            std::string(f->GetFieldAsString("id")) != "gn-585369")
            EXPECT_STRNE(f->GetFieldAsString("admin"), "") << f->GetFieldAsString("id");
    }
}

TEST_F(DataSet, DataDistrictAndProvinceFormsNameTheAdminUnit) {
    OGRLayer* admin1 = layer("admin1");
    ASSERT_NE(admin1, nullptr);
    const auto names = names_of(admin1);
    const auto kind = field_by_id(admin1, "kind");
    const std::vector<std::pair<const char*, const char*>> want = {
        {"kalbajar district", "az-kal"}, {"kelbajar district", "az-kal"},
        {"karvachar region", "az-kal"},  {"kalbajar rayon", "az-kal"},
        {"lachin rayonu", "az-lac"},     {"lachin district", "az-lac"},
        {"berdzor region", "az-lac"},    {"laçın rayonu", "az-lac"},
        {"qubadli district", "az-qbi"},  {"gubadly district", "az-qbi"},
        {"zangilan district", "az-zan"}, {"syunik province", "am-su"},
        {"syunik region", "am-su"},      {"syunik marz", "am-su"},
        {"tavush region", "am-tv"},      {"gegharkunik province", "am-gr"},
        {"vayots dzor region", "am-vd"}, {"khojavend district", "az-xvd"}};
    for (auto [form, id] : want) {
        ASSERT_TRUE(names.count(form)) << "no admin unit is called '" << form << "'";
        EXPECT_EQ(names.at(form), std::set<std::string>{id}) << form;
    }
    EXPECT_EQ(kind.at("am-su"), "province");
    EXPECT_EQ(kind.at("az-kal"), "district");
    EXPECT_EQ(kind.at("az-lac"), "district");
    EXPECT_EQ(kind.at("az-nx"), "autonomous republic");
    EXPECT_EQ(kind.at("ge-tb"), "province");
}

TEST_F(DataSet, DataNameFormsOfContestedPlaces) {
    OGRLayer* places = layer("places");
    ASSERT_NE(places, nullptr);
    const auto names = names_of(places);
    // Old and new, Armenian and Azerbaijani names, and generated transliterations.
    const std::vector<std::pair<const char*, const char*>> want = {
        {"khankendi", "stepanakert"},
        {"xankəndi", "stepanakert"},
        {"xankendi", "stepanakert"},
        {"shushi", "shusha"},
        {"Şuşa", "shusha"},
        {"berdzor", "lachin"},
        {"laçın", "lachin"},
        {"karvachar", "kalbajar"},
        {"kəlbəcər", "kalbajar"},
        {"aghdara", "martakert"},
        {"khojavend", "martuni-karabakh"},
        {"ivanyan", "khojaly"},
        {"xocalı", "khojaly"},
        {"zabukh", "aghavno"},
        {"gubadly", "qubadli"},
        {"gazakh", "qazax"},
        {"dashalty", "karin-tak"},
        {"baganis", "baghanis"},
        {"sədərək", "sadarak"},
        {"verin voskepar", "yukhari-askipara"},
        {"lake sevan", "lake-sevan"}};
    for (auto [name, id] : want) {
        ASSERT_TRUE(names.count(name)) << "no place is called '" << name << "'";
        EXPECT_TRUE(names.at(name).count(id)) << name << " does not name " << id;
    }
    // Two places of one name both keep it: the linker decides between them.
    EXPECT_GE(names.at("agarak").size(), 2u);
    EXPECT_TRUE(names.at("martuni").count("martuni"));
    EXPECT_TRUE(names.at("martuni").count("martuni-karabakh"));
    // Junk GeoNames alternate names are not aliases: codes, lowercase romanisations, the
    // district's names in other languages, English words.
    for (const char* junk : {"evn", "khojaly district", "of", "bank", "tex", "lachn"})
        EXPECT_FALSE(names.count(junk) && !names.at(junk).empty()) << junk;
}

// Villages, heights and sites that 2020-2025 news names and GeoNames cities500 lacks (issue 14,
// assets/src/places.csv): each under its Armenian-side and Azerbaijani-side names; names that
// are another place's old name, a common word or a given name are kept off.
TEST_F(DataSet, DataVillagesTheNewsNames) {
    OGRLayer* places = layer("places");
    ASSERT_NE(places, nullptr);
    const auto names = names_of(places);
    const std::vector<std::pair<const char*, const char*>> want = {
        {"aygepar", "aygepar"},
        {"nerkin karmiraghbyur", "nerkin-karmiraghbyur"},
        {"kəmərli", "kemerli"},
        {"kajaran", "kajaran"},
        {"farrukh", "parukh"},
        {"parukh", "parukh"},
        {"pirlər", "khramort"},
        {"heyvalı", "drmbon"},
        {"göyarx", "levonarkh"},
        {"chaylaggala", "khtsaberd"},
        {"hin tagher", "hin-tagher"},
        {"böyük tağlar", "mets-tagher"},
        {"böyük mərcanlı", "boyuk-marjanli"},
        {"cocuq mərcanlı", "jojug-marjanli"},
        {"ağbənd", "aghband"},
        {"ağalı", "aghali"},
        {"qarğabazar", "garghabazar"},
        {"murovdağ", "murovdag"}};
    for (auto [name, id] : want) {
        ASSERT_TRUE(names.count(name)) << "no place is called '" << name << "'";
        EXPECT_TRUE(names.at(name).count(id)) << name << " does not name " << id;
    }
    const std::vector<std::pair<const char*, const char*>> kept_off = {
        {"chanakhchi", "avetaranots"},  // Zangakatun's old name in Armenia
        {"kert", "quzumkend"},          // a common word
        {"mirek", "mirak-jabrayil"}};   // a given name
    for (auto [name, id] : kept_off)
        EXPECT_FALSE(names.count(name) && names.at(name).count(id)) << name << " names " << id;
}

// Old and other-side names (assets/src/old_names.csv) spelled by their own language's rules,
// GeoNames' BGN spellings without apostrophes and rr, Russian-style kh for gh; the border
// villages, Karabakh villages and sites authored for issue 14.
TEST_F(DataSet, DataOldNamesAndSpellingVariants) {
    OGRLayer* places = layer("places");
    ASSERT_NE(places, nullptr);
    const auto names = names_of(places);
    const std::vector<std::pair<const char*, const char*>> want = {
        {"gorus", "goris"},               // Azerbaijani name of a town in Armenia
        {"gafan", "kapan"},               // Qafan with the Azerbaijani q/g rule
        {"basarkechar", "vardenis"},      // Basarkeçər, spelled as Azerbaijani (ç/ch, ə/a)
        {"kirovakan", "vanadzor"},        // Soviet name
        {"boyuk garakilsa", "vanadzor"},  // Böyük Qarakilsə
        {"azizbekov", "vayk"},
        {"tekh", "tegh"},            // Russian-style х for ղ
        {"paravakar", "gn-616306"},  // GeoNames Parravak’ar
        {"tatev", "tatev"},          // GeoNames Tat’ev
        {"zarzibil", "kut"},
        {"joghaz", "berkaber"},
        {"madagiz", "sugovushan"},
        {"azokh", "azokh"},
        {"sev lich", "lake-sev"},
        {"hakari bridge", "hakari-bridge"},
        {"jermajur", "gn-147969"}};  // Armenian name of İstisu (Kalbajar)
    for (auto [name, id] : want) {
        ASSERT_TRUE(names.count(name)) << "no place is called '" << name << "'";
        EXPECT_TRUE(names.at(name).count(id)) << name << " does not name " << id;
    }
    // The chain spells ç as ch, not as the jh that c/j would make of its ch.
    EXPECT_FALSE(names.count("basarkejhar"));
}

TEST_F(DataSet, DataNoDuplicatePlaces) {
    OGRLayer* places = layer("places");
    ASSERT_NE(places, nullptr);
    std::set<int> gids;
    struct P {
        std::string id, name;
        double lon, lat;
    };
    std::vector<P> all;
    places->ResetReading();
    for (auto& f : *places) {
        const int gi = f->GetFieldIndex("geonames_id");
        if (f->IsFieldSetAndNotNull(gi))
            EXPECT_TRUE(gids.insert(f->GetFieldAsInteger(gi)).second)
                << "GeoNames id " << f->GetFieldAsInteger(gi) << " twice";
        const auto* pt = f->GetGeometryRef()->toPoint();
        all.push_back(
            {f->GetFieldAsString("id"), f->GetFieldAsString("name"), pt->getX(), pt->getY()});
    }
    // No two places of the same name within ~2 km (a merge that did not happen).
    std::map<std::string, std::vector<const P*>> by_name;
    for (const P& p : all) by_name[p.name].push_back(&p);
    for (const auto& [name, ps] : by_name)
        for (size_t i = 0; i < ps.size(); ++i)
            for (size_t j = i + 1; j < ps.size(); ++j) {
                const double dx = (ps[i]->lon - ps[j]->lon) * 0.77, dy = ps[i]->lat - ps[j]->lat;
                EXPECT_GT(dx * dx + dy * dy, 0.018 * 0.018)
                    << name << ": " << ps[i]->id << " and " << ps[j]->id;
            }
}

TEST_F(DataSet, DataSmallPlacesHaveARankForTheZoom) {
    OGRLayer* places = layer("places");
    ASSERT_NE(places, nullptr);
    std::map<int, int> per_rank;
    places->ResetReading();
    for (auto& f : *places) {
        const int r = f->GetFieldAsInteger("rank");
        EXPECT_TRUE(r >= 1 && r <= 6) << f->GetFieldAsString("id") << " rank " << r;
        ++per_rank[r];
    }
    // Rank 1 (drawn at every zoom) stays a short list: today's places and the capitals.
    EXPECT_LT(per_rank[1], 150);
    EXPECT_GT(per_rank[5] + per_rank[6], 1000);
    const auto rank = field_by_id(places, "rank");
    EXPECT_EQ(rank.at("yerevan"), "1");
    EXPECT_EQ(rank.at("jermuk"), "1");
    // A border village the news names shows with the larger GeoNames villages (rank 4), not
    // only at the closest zoom with the hamlets.
    EXPECT_EQ(rank.at("voskepar"), "4");
    EXPECT_EQ(rank.at("kirants"), "4");
}

// A minimal RFC 4180 reader for the authored CSV files (quoted fields, doubled quotes).
std::vector<std::vector<std::string>> read_csv(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    char c;
    while (in.get(c)) {
        if (quoted) {
            if (c == '"') {
                if (in.peek() == '"') {
                    field += '"';
                    in.get(c);
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(field);
            field.clear();
        } else if (c == '\n') {
            row.push_back(field);
            field.clear();
            rows.push_back(row);
            row.clear();
        } else if (c != '\r') {
            field += c;
        }
    }
    if (!field.empty() || !row.empty()) {
        row.push_back(field);
        rows.push_back(row);
    }
    return rows;
}

TEST(AuthoredData, EveryAuthoredCoordinateHasASourceAndAnAccuracy) {
    for (const char* file : {"places.csv", "roads.csv"}) {
        SCOPED_TRACE(file);
        const auto rows = read_csv(std::string(BRIEFMAP_SOURCE_DIR "/assets/src/") + file);
        ASSERT_GT(rows.size(), 1u);
        const auto& head = rows[0];
        auto col = [&](const char* name) {
            return size_t(std::find(head.begin(), head.end(), name) - head.begin());
        };
        const size_t id = col("id"), source = col("source"), accuracy = col("accuracy");
        ASSERT_LT(source, head.size());
        ASSERT_LT(accuracy, head.size());
        const size_t lon = col("lon"), gid = col("geonames_id"), via = col("via");
        size_t authored = 0;
        for (size_t i = 1; i < rows.size(); ++i) {
            const auto& r = rows[i];
            ASSERT_EQ(r.size(), head.size()) << "line " << i + 1;
            // A row with a coordinate of its own (or a line through places) names where it
            // comes from; rows that are GeoNames records take GeoNames' point.
            const bool own = (lon < head.size() && !r[lon].empty()) ||
                             (gid < head.size() && r[gid].empty()) || via < head.size();
            if (!own) continue;
            ++authored;
            EXPECT_FALSE(r[source].empty()) << r[id] << ": no source";
            EXPECT_FALSE(r[accuracy].empty()) << r[id] << ": no accuracy";
        }
        EXPECT_GT(authored, 0u);
    }
}

TEST(AuthoredData, EveryOldNameHasASourceAndALanguage) {
    const auto rows = read_csv(BRIEFMAP_SOURCE_DIR "/assets/src/old_names.csv");
    ASSERT_GT(rows.size(), 10u);
    const std::vector<std::string> head = {"place", "name", "lang", "source"};
    ASSERT_EQ(rows[0], head);
    const std::set<std::string> langs = {"az", "hy", "ru", "ka"};
    for (size_t i = 1; i < rows.size(); ++i) {
        ASSERT_EQ(rows[i].size(), head.size()) << "line " << i + 1;
        EXPECT_FALSE(rows[i][1].empty()) << "line " << i + 1;
        EXPECT_TRUE(langs.count(rows[i][2])) << "line " << i + 1 << ": lang " << rows[i][2];
        EXPECT_FALSE(rows[i][3].empty()) << "line " << i + 1 << ": no source";
    }
}
}  // namespace
