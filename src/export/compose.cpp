#include "export/compose.h"

#include <openssl/sha.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <thread>

#include "common/atomic_file.h"
#include "common/json_number.h"
#include "common/resources.h"
#include "export/headless.h"
#include "export/png.h"
#include "render/labels.h"
#include "render/map_renderer.h"
#include "render/text.h"

namespace bm::exporter {

using json = nlohmann::json;
using render::FontWeight;
using render::PixelRect;
using render::Rgba;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

// Premultiplied-colour triangles in pixels: panels, the scale bar, the north arrow.
class Overlay {
  public:
    bool init() {
        prog_ = render::load_program("overlay.vert", "overlay.frag");
        if (!prog_) return false;
        vao_ = render::make_vao();
        vbo_ = render::make_buffer();
        glBindVertexArray(vao_.id());
        glBindBuffer(GL_ARRAY_BUFFER, vbo_.id());
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(V), nullptr);
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, sizeof(V),
                              reinterpret_cast<void*>(sizeof(float) * 2));
        glBindVertexArray(0);
        return true;
    }
    void tri(geo::Vec2 a, geo::Vec2 b, geo::Vec2 c, const Rgba& col) {
        const float r = col[0] * col[3], g = col[1] * col[3], bl = col[2] * col[3], al = col[3];
        for (geo::Vec2 p : {a, b, c}) v_.push_back({float(p.x), float(p.y), r, g, bl, al});
    }
    void rect(double x, double y, double w, double h, const Rgba& col) {
        tri({x, y}, {x + w, y}, {x, y + h}, col);
        tri({x + w, y}, {x + w, y + h}, {x, y + h}, col);
    }
    void frame(double x, double y, double w, double h, double t, const Rgba& col) {
        rect(x, y, w, t, col);
        rect(x, y + h - t, w, t, col);
        rect(x, y + t, t, h - 2 * t, col);
        rect(x + w - t, y + t, t, h - 2 * t, col);
    }
    void flush(const PixelRect& rect, int fb_height) {
        if (v_.empty()) return;
        const int gl_y = fb_height - rect.y - rect.height;
        glViewport(rect.x, gl_y, rect.width, rect.height);
        glDisable(GL_SCISSOR_TEST);
        glEnable(GL_BLEND);
        glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
        glUseProgram(prog_.id());
        glUniform2f(glGetUniformLocation(prog_.id(), "u_viewport"), float(rect.width),
                    float(rect.height));
        glBindVertexArray(vao_.id());
        glBindBuffer(GL_ARRAY_BUFFER, vbo_.id());
        glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(v_.size() * sizeof(V)), v_.data(), GL_STREAM_DRAW);
        glDrawArrays(GL_TRIANGLES, 0, GLsizei(v_.size()));
        glBindVertexArray(0);
        v_.clear();
    }

  private:
    struct V {
        float x, y, r, g, b, a;
    };
    render::Program prog_;
    render::VertexArray vao_;
    render::Buffer vbo_;
    std::vector<V> v_;
};

const Rgba kInk{0.13f, 0.13f, 0.13f, 1};
const Rgba kGrey{0.38f, 0.38f, 0.38f, 1};
const Rgba kLink{0.08f, 0.33f, 0.6f, 1};
const Rgba kPanel{1, 1, 1, 0.9f};
const Rgba kRule{0.75f, 0.75f, 0.75f, 1};
constexpr const char* kAttribution =
    "Borders \u00a9 OpenStreetMap contributors; provinces Natural Earth; places GeoNames (CC BY "
    "4.0)";

std::string today() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%d %B %Y", &tm);
    return buf[0] == '0' ? buf + 1 : buf;  // "7 December 2023"
}

std::string now_rfc3339() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// 1, 2 or 5 times a power of ten, not above x.
double nice_floor(double x) {
    if (!(x > 0)) return 0;
    const double p = std::pow(10.0, std::floor(std::log10(x)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * p <= x * (1 + 1e-9)) return m * p;
    return p;
}

std::string format_length(double meters) {
    char buf[32];
    if (meters >= 1000)
        std::snprintf(buf, sizeof buf, "%g km", meters / 1000);
    else
        std::snprintf(buf, sizeof buf, "%g m", meters);
    return buf;
}

// Splits a string without spaces (a URL) into pieces that fit `max_width`.
std::vector<std::string> wrap_hard(render::Fonts& fonts, const std::string& s, float px,
                                   FontWeight w, float max_width) {
    std::vector<std::string> out;
    std::string line;
    for (size_t i = 0; i < s.size();) {
        size_t n = 1;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0xF0)
            n = 4;
        else if (c >= 0xE0)
            n = 3;
        else if (c >= 0xC0)
            n = 2;
        std::string next = line + s.substr(i, n);
        if (!line.empty() && fonts.measure(next, px, w).width > max_width) {
            out.push_back(line);
            line = s.substr(i, n);
        } else {
            line = std::move(next);
        }
        i += n;
    }
    if (!line.empty()) out.push_back(line);
    return out;
}

// An excerpt of a paragraph around its first mention, cut at word boundaries.
std::string excerpt(const std::string& para, const std::vector<linker::Span>& spans,
                    size_t max_bytes) {
    if (para.size() <= max_bytes) return para;
    size_t start = 0;
    if (!spans.empty() && spans.front().start > max_bytes / 3) {
        start = spans.front().start - max_bytes / 3;
        while (start > 0 && para[start - 1] != ' ') --start;  // a word start
    }
    size_t end = std::min(para.size(), start + max_bytes);
    while (end < para.size() && end > start && para[end] != ' ') --end;
    std::string s;
    if (start > 0) s = "\u2026";
    s += para.substr(start, end - start);
    if (end < para.size()) s += "\u2026";
    return s;
}

struct LegendEntry {
    std::string text;
    std::string layer;
    geo::GeomKind kind = geo::GeomKind::None;
    geo::Feature sample;  // props decide the style
};

std::string capitalise(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = char(s[0] - 'a' + 'A');
    return s;
}

// The legend: one entry per distinct look among the visible features in view.
std::vector<LegendEntry> legend_entries(const Document& doc, const std::vector<bool>& hidden,
                                        const geo::Box& extent) {
    std::vector<LegendEntry> out;
    std::set<std::string> seen;
    const render::LabelConfig lc = [] {
        Problems p;
        return render::LabelConfig::builtin(p);
    }();
    for (size_t li = 0; li < doc.scene.layers.size(); ++li) {
        const render::SceneLayer& sl = doc.scene.layers[li];
        if (li < hidden.size() && hidden[li]) continue;
        const geo::Layer* src = doc.scene.source_of(sl, doc.map.projected);
        if (!src) continue;
        for (uint32_t g = sl.features.first; g < sl.features.first + sl.features.count; ++g) {
            const render::SceneFeature& sf = doc.scene.features[g];
            if (sf.style.hidden || !sf.bbox.intersects(extent)) continue;
            const geo::Feature& f = src->features[size_t(sf.feature)];
            std::string text;
            if (sl.id == lc.country_layer) {
                auto iso = f.props.find("iso_a3");
                const bool party =
                    iso != f.props.end() && (iso->second == "ARM" || iso->second == "AZE");
                text = party ? f.name : "Other country";
            } else if (sl.id == lc.place_layer) {
                auto cap = f.props.find("capital");
                const std::string c = cap == f.props.end() ? "" : cap->second;
                text = c == "national"     ? "National capital"
                       : c == "provincial" ? "Provincial capital"
                                           : "Town or village";
            } else if (sl.id == lc.province_layer) {
                text = f.kind.empty() || f.kind == "province" ? "Province boundary"
                                                              : capitalise(f.kind);
            } else {
                text = f.kind.empty() ? capitalise(sl.name) : capitalise(f.kind);
                if (sf.style.hatch) text += " (approximate)";
            }
            if (!seen.insert(sl.name + "\n" + text).second) continue;
            LegendEntry e;
            e.text = text;
            e.layer = sl.name;
            e.kind = f.geom.kind;
            // "Other country" stands for several fills: show the layer's own default.
            if (text != "Other country") {
                e.sample.props = f.props;
                e.sample.kind = f.kind;
            }
            out.push_back(std::move(e));
        }
    }
    // Points last (read like a map key: areas, lines, symbols), stable within kinds.
    std::stable_sort(out.begin(), out.end(), [](const LegendEntry& a, const LegendEntry& b) {
        auto rank = [](geo::GeomKind k) {
            return k == geo::GeomKind::Polygon ? 0 : k == geo::GeomKind::Line ? 1 : 2;
        };
        return rank(a.kind) < rank(b.kind);
    });
    return out;
}

geo::Feature rect_feature(double x0, double y0, double x1, double y1) {
    geo::Feature f;
    f.geom.kind = geo::GeomKind::Polygon;
    f.geom.polygons = {{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}}};
    f.geom.bbox.add(geo::Vec2{x0, y0});
    f.geom.bbox.add(geo::Vec2{x1, y1});
    f.label_point = f.geom.bbox.center();
    return f;
}

// Swatch geometry for the legend, in pixels (map units = pixels, y up): entry i sits at
// x = i * 1000 so each swatch is drawn alone by pointing a view at it.
std::vector<geo::Layer> legend_layers(const Document& doc, const std::vector<LegendEntry>& entries,
                                      double sw, double sh, double s,
                                      const std::string& country_layer) {
    std::vector<geo::Layer> layers;
    auto layer = [&](const std::string& name) -> geo::Layer& {
        for (geo::Layer& l : layers)
            if (l.name == name) return l;
        layers.push_back({});
        layers.back().name = name;
        return layers.back();
    };
    for (const geo::Layer& l : doc.map.projected) layer(l.name);  // the document's order
    for (size_t i = 0; i < entries.size(); ++i) {
        const LegendEntry& e = entries[i];
        const double ox = double(i) * 1000;
        const double in = 1.5 * s;
        if (e.layer != country_layer) {  // land under lines, symbols and province outlines
            geo::Feature land = rect_feature(ox - 10, -10, ox + sw + 10, sh + 10);
            layer(country_layer).features.push_back(land);
        }
        geo::Feature f;
        if (e.kind == geo::GeomKind::Polygon) {
            f = rect_feature(ox + in, in, ox + sw - in, sh - in);
        } else if (e.kind == geo::GeomKind::Line) {
            f.geom.kind = geo::GeomKind::Line;
            f.geom.lines = {{{ox + 2 * s, sh / 2}, {ox + sw - 2 * s, sh / 2}}};
            f.geom.bbox.add(f.geom.lines[0][0]);
            f.geom.bbox.add(f.geom.lines[0][1]);
        } else {
            f.geom.kind = geo::GeomKind::Point;
            f.geom.points = {{ox + sw / 2, sh / 2}};
            f.geom.bbox.add(f.geom.points[0]);
        }
        f.props = e.sample.props;
        f.kind = e.sample.kind;
        f.id = "legend:" + std::to_string(i);
        layer(e.layer).features.push_back(std::move(f));
    }
    for (geo::Layer& l : layers)
        for (const geo::Feature& f : l.features) l.bbox.add(f.geom.bbox);
    std::erase_if(layers, [](const geo::Layer& l) { return l.features.empty(); });
    return layers;
}

std::vector<bool> hidden_layers(const Document& doc, const ExportOptions& opt) {
    const LayerTable t = resolve_layers(opt.state, doc.scene);
    std::vector<bool> hidden(doc.scene.layers.size(), false);
    for (size_t i = 0; i < doc.scene.layers.size(); ++i)
        hidden[i] = !doc.scene.layers[i].visible || !t.shown(i);
    return hidden;
}

// The map's view for the options, in a map rectangle of w x h pixels.
geo::Viewport choose_view(const Document& doc, const ExportOptions& opt, double w, double h) {
    geo::Viewport v;
    v.width = w;
    v.height = h;
    const double margin = 8 * opt.state.output.scale;
    if (opt.center && opt.res > 0) {
        v.center = *opt.center;
        v.res = opt.res;
    } else if (!opt.state.view.empty()) {
        v.fit(opt.state.view, 0);
    } else if (opt.bbox_lonlat) {
        v.fit(geo::project_box(*doc.projection, *opt.bbox_lonlat), margin);
    } else if (!opt.view_place.empty()) {
        const int g = doc.feature_of_place(doc.find_place(opt.view_place));
        geo::Box b;
        if (g >= 0) b = doc.scene.features[size_t(g)].bbox;
        if (g >= 0 && (b.maxx - b.minx < 20000 && b.maxy - b.miny < 20000)) {
            const geo::Vec2 c = b.center();  // a point: 60 km around it
            b = {c.x - 30000, c.y - 30000, c.x + 30000, c.y + 30000};
        }
        if (g >= 0)
            v.fit(b, 40 * opt.state.output.scale);
        else
            v.fit(doc.map.home, margin);
    } else {
        v.fit(doc.map.home, margin);
    }
    return v;
}

}  // namespace

std::string sidecar_path(const std::string& png_path) {
    std::filesystem::path p(png_path);
    p.replace_extension(".json");
    return p.string();
}

std::string sha256_hex(std::string_view bytes) {
    // OpenSSL's SHA-256 uses the CPU's SHA extensions: ~10x GDAL's CPL_SHA256 (2.3 MB of
    // embedded data hashed in ~2 ms instead of ~12 for every sidecar).
    unsigned char d[32];
    SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), d);
    static const char* hex = "0123456789abcdef";
    std::string s;
    for (unsigned char c : d) {
        s += hex[c >> 4];
        s += hex[c & 15];
    }
    return s;
}

const std::string& resource_sha256(const std::string& name) {
    // Embedded resources never change in a process: hashed once.
    static std::mutex m;
    static std::map<std::string, std::string> cache;
    std::lock_guard lock(m);
    auto it = cache.find(name);
    if (it == cache.end()) it = cache.emplace(name, sha256_hex(resource(name).value_or(""))).first;
    return it->second;
}

std::string sha256_path(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        // A folder: the hash of its files' relative names and hashes, sorted by name.
        std::vector<std::string> names;
        for (auto it = fs::recursive_directory_iterator(path, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
            if (it->is_regular_file()) names.push_back(fs::relative(it->path(), path).string());
        std::sort(names.begin(), names.end());
        std::string all;
        for (const std::string& n : names)
            all += n + " " + sha256_path((fs::path(path) / n).string()) + "\n";
        return sha256_hex(all);
    }
    std::string bytes;
    if (!read_file(path, bytes)) return "";
    return sha256_hex(bytes);
}

std::vector<double> mention_counts(const Document& doc) {
    std::vector<double> m(doc.scene.features.size(), 0);
    for (size_t p = 0; p < doc.gazetteer.size(); ++p) {
        const int g = doc.feature_of_place(p);
        if (g >= 0 && size_t(g) < m.size()) m[size_t(g)] += double(doc.index.passages_of(p).size());
    }
    return m;
}

bool validate(const Document& doc, const ExportOptions& opt, Problem* problem) {
    auto fail = [&](std::string why) {
        if (problem) *problem = error("export", "", "", std::move(why));
        return false;
    };
    if (opt.state.output.width <= 0 || opt.state.output.height <= 0 ||
        opt.state.output.width > 16384 || opt.state.output.height > 16384)
        return fail("image size " + std::to_string(opt.state.output.width) + "x" +
                    std::to_string(opt.state.output.height) +
                    " is out of range: width and height must be 1 to 16384 pixels");
    if (!(opt.state.output.scale > 0 && opt.state.output.scale <= 16))
        return fail("scale must be above 0 and at most 16");
    if (opt.bbox_lonlat) {
        const geo::Box& b = *opt.bbox_lonlat;
        if (!(b.minx < b.maxx) || !(b.miny < b.maxy))
            return fail("bbox min must be below max: minlon < maxlon and minlat < maxlat");
        if (b.minx < -180 || b.maxx > 180 || b.miny < -90 || b.maxy > 90)
            return fail("bbox is outside -180..180 longitude, -90..90 latitude");
    }
    for (const std::string* p : {&opt.view_place, &opt.state.selected}) {
        if (p->empty()) continue;
        const size_t place = doc.find_place(*p);
        if (place == gazetteer::Gazetteer::npos)
            return fail("unknown place '" + *p + "' (see `briefmap places`)");
        if (doc.feature_of_place(place) < 0)
            return fail("place '" + *p + "' has no feature on the map");
    }
    if (!doc.projection) return fail("no map projection");
    return true;
}

struct ExportRenderers::Impl {
    render::MapRenderer map;
    render::LabelRenderer labels;
    Overlay ov;
    bool ready = false;
    OffscreenTarget target;       // from prepare(), else empty
    std::vector<uint8_t> pixels;  // the readback buffer prepare() faulted in
    bool stream = false;          // see prepare()
};
ExportRenderers::ExportRenderers() : impl(std::make_unique<Impl>()) {}
ExportRenderers::~ExportRenderers() = default;

bool ExportRenderers::init(Problem* problem) {
    auto fail = [&](std::string why) {
        if (problem) *problem = error("export", "", "", std::move(why));
        return false;
    };
    if (!impl->map.init()) return fail("map shaders failed to compile (see the log above)");
    if (!impl->labels.init()) return fail("text shaders or fonts failed to load");
    if (!impl->ov.init()) return fail("overlay shaders failed to compile");
    // llvmpipe JIT-compiles shader variants on first draw: do it now, on a scrap target, so
    // when this runs while the data loads the map's first draw finds them ready.
    OffscreenTarget scrap;
    if (scrap.create(8, 8, nullptr)) {
        scrap.bind();
        impl->map.warm_up(8, false);  // exports draw directly, never through the pan cache
        render::TextRenderer::Run run;
        impl->labels.text().add("a", 0, 6, run);
        impl->labels.text().flush({0, 0, 8, 8}, 8);
        impl->ov.rect(0, 0, 2, 2, kInk);
        impl->ov.flush({0, 0, 8, 8}, 8);
        glFinish();
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
    }
    impl->ready = true;
    return true;
}

bool ExportRenderers::prepare(int width, int height, bool stream, Problem* problem) {
    std::string err;
    if (!impl->target.create(width, height, &err)) {
        if (problem) *problem = error("export", "", "", "cannot create the framebuffer: " + err);
        return false;
    }
    // Touch every page now: a new 4K framebuffer and readback buffer cost ~13 ms each in page
    // faults on first write, time this spends while the data is still loading.
    impl->target.bind();
    glClearColor(1, 1, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    glFinish();
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    impl->stream = stream;
    if (!stream) impl->pixels.assign(size_t(width) * size_t(height) * 4, 0);
    return true;
}

// The side panel beside the map holds the legend and the selected place's citations, so
// neither ever covers the map (a legend over the bottom left hid Yerevan at small sizes).
static int side_panel_width(const ExportOptions& opt) {
    const double w = std::clamp(double(opt.state.output.width) * 0.26,
                                230.0 * opt.state.output.scale, 600.0 * opt.state.output.scale);
    return int(std::min(w, double(opt.state.output.width) * 0.5));
}

int export_level(const Document& doc, const ExportOptions& opt) {
    const int panel_w = side_panel_width(opt);
    const geo::Viewport v = choose_view(doc, opt, std::max(1, opt.state.output.width - panel_w),
                                        opt.state.output.height);
    return doc.scene.lod_for(v.res);
}

render::LodScope export_lod_scope(const Document& doc, const ExportOptions& opt) {
    const int panel_w = side_panel_width(opt);
    const geo::Viewport v = choose_view(doc, opt, std::max(1, opt.state.output.width - panel_w),
                                        opt.state.output.height);
    render::LodScope scope;
    scope.clip = v.extent();
    // A margin so no clipped edge can show, even with a pixel of rounding.
    const double m = 16 * v.res;
    scope.clip.minx -= m, scope.clip.miny -= m, scope.clip.maxx += m, scope.clip.maxy += m;
    scope.invisible_fills = false;  // only the selection is ever highlighted
    if (!opt.state.selected.empty())
        scope.keep_fill = doc.feature_of_place(doc.find_place(opt.state.selected));
    return scope;
}

bool render_export(const Document& doc, const ExportOptions& opt, Image& out, ExportInfo* info_out,
                   Problem* problem, ExportRenderers* renderers, render::LodGeometry* lod) {
    if (!validate(doc, opt, problem)) return false;
    ExportInfo info;
    auto fail = [&](std::string why) {
        if (problem) *problem = error("export", "", "", std::move(why));
        return false;
    };
    const int W = opt.state.output.width, H = opt.state.output.height;
    const float s = opt.state.output.scale;
    auto t0 = Clock::now();

    OffscreenTarget local;
    const bool prepared =
        renderers && renderers->impl->target.width() == W && renderers->impl->target.height() == H;
    std::string err;
    if (!prepared && !local.create(W, H, &err))
        return fail("cannot create a " + std::to_string(W) + "x" + std::to_string(H) +
                    " framebuffer: " + err);
    const OffscreenTarget& target = prepared ? renderers->impl->target : local;
    target.bind();
    glViewport(0, 0, W, H);

    // Selection and the citations panel's width decide the map's rectangle.
    size_t sel_place = gazetteer::Gazetteer::npos;
    int sel_feature = -1;
    if (!opt.state.selected.empty()) {
        sel_place = doc.find_place(opt.state.selected);
        sel_feature = doc.feature_of_place(sel_place);
        info.selected_id = doc.gazetteer[sel_place].id;
    }
    const int panel_w = side_panel_width(opt);
    const PixelRect map_rect{0, 0, std::max(1, W - panel_w), H};
    geo::Viewport view = choose_view(doc, opt, map_rect.width, map_rect.height);
    info.view = view;
    const std::vector<bool> hidden = hidden_layers(doc, opt);

    // The map, through the window's renderer.
    ExportRenderers own;
    if (!renderers || !renderers->impl->ready) {
        if (!own.init(problem)) return false;
        renderers = &own;
        target.bind();  // init's warm-up drew elsewhere
    }
    render::MapRenderer& map = renderers->impl->map;
    map.upload(doc.scene, doc.style, &doc.map.projected);
    const int level = doc.scene.lod_for(view.res);
    map.upload_lod(level, lod && level == export_level(doc, opt)
                              ? std::move(*lod)
                              : doc.build_lod(level, export_lod_scope(doc, opt)));
    const LayerTable table = resolve_layers(opt.state, doc.scene);
    for (size_t i = 0; i < hidden.size(); ++i) {
        map.set_layer_visible(i, !hidden[i]);
        map.set_layer_opacity(i, table.opacity[i]);
    }
    map.set_layer_order(table.order);
    map.set_highlight(-1, sel_feature, {});
    info.timings["upload"] = seconds_since(t0);
    auto t1 = Clock::now();
    // The whole target cleared to the sea colour (the side panel paints itself white): fast in
    // llvmpipe, unlike the map rectangle alone (see MapRenderer::draw).
    const render::Rgba bg = map.background();
    glDisable(GL_SCISSOR_TEST);
    glClearColor(bg[0], bg[1], bg[2], 1);
    glClear(GL_COLOR_BUFFER_BIT);
    map.draw(view, map_rect, H, s, false);
    glFinish();
    info.timings["draw_map"] = seconds_since(t1);
    t1 = Clock::now();

    render::LabelRenderer& labels = renderers->impl->labels;
    Problems lp;
    render::LabelConfig lconf = render::LabelConfig::builtin(lp);
    labels.set_labels(
        render::collect_labels(doc.scene, doc.map.projected, lconf, mention_counts(doc)), doc.style,
        lconf);
    render::TextRenderer& text = labels.text();
    render::Fonts& fonts = text.fonts();
    Overlay& ov = renderers->impl->ov;

    const float m = 16 * s, pad = 10 * s;
    // --- Title block (top left).
    info.title = opt.state.output.title;
    info.subtitle = opt.state.output.subtitle ? *opt.state.output.subtitle : today();
    const float title_px = 26 * s, sub_px = 15 * s;
    const render::TextMetrics tm = fonts.measure(info.title, title_px, FontWeight::Bold);
    const render::TextMetrics sm = fonts.measure(info.subtitle, sub_px);
    const float title_w = std::max(tm.width, sm.width) + 2 * pad;
    const float title_h = tm.height() + (info.subtitle.empty() ? 0 : sm.height() + 2 * s) + 2 * pad;

    // --- Legend (top of the side panel).
    const std::vector<LegendEntry> entries = legend_entries(doc, hidden, view.extent());
    const float sw = 34 * s, sh = 16 * s, row = 22 * s, legend_px = 12.5f * s;
    const float legend_h =
        entries.empty() ? 0 : 20 * s + row * float(entries.size()) + 2 * pad - 4 * s;
    // At the bottom of the panel: the citations above it matter more and get the room first.
    const float legend_x = float(map_rect.width) + 20 * s - pad,
                legend_y = std::max(12 * s, float(H) - 12 * s - legend_h);

    // --- Attribution, scale bar and north arrow (bottom right / top right of the map).
    const float attr_px = 11 * s;
    const render::TextMetrics am = fonts.measure(kAttribution, attr_px);
    const float attr_w = am.width + 12 * s, attr_h = am.height() + 6 * s;
    const float attr_x = float(map_rect.width) - attr_w, attr_y = float(H) - attr_h;

    const geo::Vec2 c = view.center;
    const double m_per_px = view.res * doc.projection->ground_scale(c);
    ScaleBar bar;
    bar.meters = nice_floor(0.16 * double(map_rect.width) * m_per_px);
    bar.pixels = bar.meters / m_per_px;
    const float bar_h = 6 * s;
    const std::string bar_label = format_length(bar.meters);
    const float bar_label_w = fonts.measure(bar_label, 12 * s).width;
    const float scale_w = float(bar.pixels) + bar_label_w + 2 * pad;
    const float scale_h = bar_h + 20 * s + 2 * pad;
    const float scale_x = float(map_rect.width) - m - scale_w;
    const float scale_y = attr_y - 8 * s - scale_h;
    bar.x0 = scale_x + pad;
    bar.x1 = bar.x0 + bar.pixels;
    bar.y = scale_y + pad + 14 * s;
    info.scale_bar = bar;

    // North: the direction of increasing latitude at the centre, from the projection.
    const geo::Vec2 ll = doc.projection->inverse(c);
    const geo::Vec2 up = doc.projection->forward({ll.x, std::min(89.9, ll.y + 0.05)});
    const double north = std::atan2(up.x - c.x, up.y - c.y);  // clockwise from screen up
    info.north_degrees = north * 180 / M_PI;
    const float arrow_r = 20 * s;
    const float arrow_box = 2 * arrow_r + 18 * s;
    const float arrow_x = float(map_rect.width) - m - arrow_box, arrow_y = m;

    // Labels keep clear of the furniture drawn over the map.
    std::vector<render::LabelBox> furniture = {
        {m, m, m + title_w, m + title_h},
        {attr_x, attr_y, attr_x + attr_w, attr_y + attr_h},
        {scale_x, scale_y, scale_x + scale_w, scale_y + scale_h},
        {arrow_x, arrow_y, arrow_x + arrow_box, arrow_y + arrow_box}};
    const std::vector<render::PlacedLabel>& placed =
        labels.draw(view, map_rect, H, s, hidden, furniture);
    for (const render::PlacedLabel& p : placed)
        info.labels.push_back(labels.labels()[p.candidate].text);
    glFinish();
    info.timings["draw_labels"] = seconds_since(t1);
    auto t2 = Clock::now();

    // Panels.
    ov.rect(m, m, title_w, title_h, kPanel);
    ov.rect(attr_x, attr_y, attr_w, attr_h, Rgba{1, 1, 1, 0.8f});
    ov.rect(scale_x, scale_y, scale_w, scale_h, kPanel);
    ov.rect(arrow_x, arrow_y, arrow_box, arrow_box, kPanel);
    // Scale bar: four alternating segments in a dark frame, ticks labelled 0, half, full.
    {
        const double seg = bar.pixels / 4;
        for (int i = 0; i < 4; ++i)
            ov.rect(bar.x0 + seg * i, bar.y, seg, bar_h, i % 2 ? Rgba{1, 1, 1, 1} : kInk);
        ov.frame(bar.x0, bar.y, bar.pixels, bar_h, std::max(1.0f, s * 0.75f), kInk);
    }
    // North arrow: a two-tone dart turned to true north.
    {
        const double cx = arrow_x + arrow_box / 2, cy = arrow_y + arrow_box / 2 + 6 * s;
        auto rot = [&](double x, double y) {  // (x right, y up) local -> screen
            const double cs = std::cos(north), sn = std::sin(north);
            return geo::Vec2{cx + x * cs + y * sn, cy - (-x * sn + y * cs)};
        };
        const double r = arrow_r * 0.8;
        ov.tri(rot(0, r), rot(-r * 0.42, -r * 0.75), rot(0, -r * 0.4), kInk);
        ov.tri(rot(0, r), rot(0, -r * 0.4), rot(r * 0.42, -r * 0.75), kGrey);
    }
    if (panel_w > 0) {
        ov.rect(map_rect.width, 0, panel_w, H, Rgba{1, 1, 1, 1});
        ov.rect(map_rect.width, 0, std::max(1.0f, s), H, kRule);
    }
    ov.flush({0, 0, W, H}, H);

    // Texts of the furniture.
    auto put = [&](const std::string& t, float x, float y_top, float px, FontWeight w,
                   const Rgba& col) {
        render::TextRenderer::Run r;
        r.px = px;
        r.weight = w;
        r.color = col;
        const render::TextMetrics mm = fonts.measure(t, px, w);
        text.add(t, x, y_top + mm.ascent, r);
        return mm;
    };
    {
        float y = m + pad;
        y += put(info.title, m + pad, y, title_px, FontWeight::Bold, kInk).height() + 2 * s;
        if (!info.subtitle.empty())
            put(info.subtitle, m + pad, y, sub_px, FontWeight::Regular, kGrey);
    }
    if (!entries.empty()) {
        put("Legend", legend_x + pad, legend_y + pad - 2 * s, 13 * s, FontWeight::Bold, kInk);
        for (size_t i = 0; i < entries.size(); ++i) {
            const float ry = legend_y + pad + 20 * s + row * float(i);
            const float th = fonts.measure(entries[i].text, legend_px).height();
            put(entries[i].text, legend_x + pad + sw + 8 * s, ry + (sh - th) / 2, legend_px,
                FontWeight::Regular, kInk);
            info.legend.push_back(entries[i].text);
        }
    }
    put(kAttribution, attr_x + 6 * s, attr_y + 3 * s, attr_px, FontWeight::Regular, kInk);
    {
        const float ty = bar.y + bar_h + 3 * s;
        const float lpx = 12 * s;
        auto centred = [&](const std::string& t, double x) {
            const float w = fonts.measure(t, lpx).width;
            put(t, float(x) - w / 2, ty, lpx, FontWeight::Regular, kInk);
        };
        centred("0", bar.x0);
        centred(format_length(bar.meters / 2), bar.x0 + bar.pixels / 2);
        put(bar_label, float(bar.x1) + 4 * s,
            bar.y + bar_h / 2 - fonts.measure(bar_label, lpx).height() / 2 - 0 * s, lpx,
            FontWeight::Regular, kInk);
        // The end label sits right of the bar, so the centre label names the half.
        put("Scale at map centre", scale_x + pad, scale_y + pad - 3 * s, 10.5f * s,
            FontWeight::Regular, kGrey);
    }
    {
        const double cx = arrow_x + arrow_box / 2;
        const float npx = 13 * s;
        const float nw = fonts.measure("N", npx, FontWeight::Bold).width;
        put("N", float(cx) - nw / 2, arrow_y + 2 * s, npx, FontWeight::Bold, kInk);
    }
    // Citations of the selected place, above the legend.
    if (sel_feature >= 0) {
        const gazetteer::Place& place = doc.gazetteer[sel_place];
        const float px0 = float(map_rect.width) + 20 * s, pw = float(panel_w) - 40 * s;
        float y = 20 * s;
        const float body = 13 * s, small = 11.5f * s;
        const float lh = fonts.measure("Ag", body).height() * 1.05f;
        const float slh = fonts.measure("Ag", small).height() * 1.05f;
        std::string heading = place.name;
        if (sel_feature >= 0 && size_t(sel_feature) < doc.scene.features.size()) {
            const render::SceneFeature& sf = doc.scene.features[size_t(sel_feature)];
            if (const geo::Layer* l =
                    doc.scene.source_of(doc.scene.layers[size_t(sf.layer)], doc.map.projected))
                heading = render::place_label_text(l->features[size_t(sf.feature)], lconf);
        }
        for (const std::string& line : fonts.wrap(heading, 22 * s, FontWeight::Bold, pw))
            y += put(line, px0, y, 22 * s, FontWeight::Bold, kInk).height();
        // The source filter narrows the citations as it narrows the window's panels.
        std::vector<linker::Passage> passages;
        for (const linker::Passage& p : doc.index.passages_of(sel_place))
            if (opt.state.filter.accepts(doc.corpus.articles[p.article])) passages.push_back(p);
        std::string count = std::to_string(passages.size()) +
                            (passages.size() == 1 ? " passage" : " passages") + " in the sources" +
                            (place.kind.empty() ? "" : " \u00b7 " + place.kind);
        y += put(count, px0, y + 2 * s, body, FontWeight::Regular, kGrey).height() + 12 * s;
        const float bottom = entries.empty() ? float(H) - 40 * s : legend_y - 28 * s;
        // Number per article; each passage of it is quoted under its citation.
        std::vector<uint32_t> articles;
        for (const linker::Passage& p : passages)
            if (std::find(articles.begin(), articles.end(), p.article) == articles.end())
                articles.push_back(p.article);
        size_t shown = 0;
        for (size_t k = 0; k < articles.size(); ++k) {
            const corpus::Article& a = doc.corpus.articles[articles[k]];
            Citation cit;
            cit.number = int(k + 1);
            cit.outlet = a.outlet;
            cit.date = a.date;
            cit.title = a.title;
            cit.url = a.url;
            cit.article_id = a.id;
            for (const linker::Passage& p : passages)
                if (p.article == articles[k] && p.paragraph < a.paragraphs.size()) {
                    cit.excerpts.push_back(excerpt(a.paragraphs[p.paragraph], p.spans, 420));
                    cit.paragraphs.push_back(int(p.paragraph));
                }
            // Lay the citation out first; stop when it would run off the panel.
            struct Line {
                std::string t;
                float px;
                FontWeight w;
                Rgba col;
                float h;
                float indent;
            };
            std::vector<Line> lines;
            const float ind = fonts.measure("[00] ", body, FontWeight::Bold).width;
            std::string head = "[" + std::to_string(cit.number) + "] " +
                               (a.outlet.empty() ? std::string("Unknown outlet") : a.outlet) +
                               (a.date.empty() ? "" : ", " + a.date);
            lines.push_back({head, body, FontWeight::Bold, kInk, lh, 0});
            for (const std::string& l :
                 fonts.wrap("\u201c" + a.title + "\u201d", body, FontWeight::Regular, pw - ind))
                lines.push_back({l, body, FontWeight::Regular, kInk, lh, ind});
            if (!a.url.empty())
                for (const std::string& l :
                     wrap_hard(fonts, a.url, small, FontWeight::Regular, pw - ind))
                    lines.push_back({l, small, FontWeight::Regular, kLink, slh, ind});
            for (const std::string& ex : cit.excerpts)
                for (const std::string& l : fonts.wrap(ex, small, FontWeight::Regular, pw - ind))
                    lines.push_back({l, small, FontWeight::Regular, kGrey, slh, ind});
            float need = 0;
            for (const Line& l : lines) need += l.h;
            if (y + need > bottom && shown > 0) break;
            for (const Line& l : lines) {
                if (y + l.h > bottom) break;
                put(l.t, px0 + l.indent, y, l.px, l.w, l.col);
                y += l.h;
            }
            y += 10 * s;
            ++shown;
            info.citations.push_back(std::move(cit));
        }
        if (shown < articles.size()) {
            std::string more = "\u2026 and " + std::to_string(articles.size() - shown) +
                               " more articles (see the sidecar JSON)";
            put(more, px0, std::min(y, bottom), body, FontWeight::Regular, kGrey);
        }
        // The rest go to the sidecar, so the image never cites less than it can reproduce.
        for (size_t k = shown; k < articles.size(); ++k) {
            const corpus::Article& a = doc.corpus.articles[articles[k]];
            info.citations.push_back({int(k + 1), a.outlet, a.date, a.title, a.url, {}});
        }
    }
    text.flush({0, 0, W, H}, H);

    glFinish();
    info.timings["draw_panels+text"] = seconds_since(t2);
    t2 = Clock::now();
    // Legend swatches, drawn by the map renderer so they are the map's own symbols.
    if (!entries.empty()) {
        const std::vector<geo::Layer> ll2 =
            legend_layers(doc, entries, sw, sh, s, lconf.country_layer);
        render::Scene lscene = render::build_scene(ll2, doc.style);
        // The map's renderer again (its shaders are compiled and JIT-warm): swap in the
        // legend's scene; nothing draws the map after this.
        render::MapRenderer& lr = map;
        {
            lr.upload(lscene, doc.style);
            lr.set_highlight(-1, -1, {});
            for (size_t i = 0; i < lscene.layers.size(); ++i) lr.set_layer_visible(i, true);
            lr.upload_lod(0, render::build_lod(lscene, ll2, 0));
            for (size_t i = 0; i < entries.size(); ++i) {
                geo::Viewport sv;
                sv.center = {double(i) * 1000 + sw / 2, sh / 2};
                sv.res = 1;
                sv.width = sw;
                sv.height = sh;
                const float ry = legend_y + pad + 20 * s + row * float(i);
                lr.draw(sv,
                        {int(std::lround(legend_x + pad)), int(std::lround(ry)), int(sw), int(sh)},
                        H, s);
            }
        }
    }
    glFinish();
    info.timings["draw_legend"] = seconds_since(t2);

    auto t3 = Clock::now();
    glFinish();
    out.width = W;
    out.height = H;
    if (prepared && renderers->impl->stream) {
        out.rgba.clear();
        out.rows = [&target](int first, int count, uint8_t* dst) {
            target.read_rows(first, count, dst);
        };
    } else {
        if (prepared && out.rgba.empty()) out.rgba = std::move(renderers->impl->pixels);
        out.rows = nullptr;
        target.read_rgba(out.rgba);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    info.timings["readback"] = seconds_since(t3);
    if (info_out) *info_out = std::move(info);
    return true;
}

std::string sidecar_json(const Document& doc, const ExportOptions& opt, const ExportInfo& info,
                         const std::string& png_path) {
    json j;
    j["version"] = 1;
    j["software"] = std::string("briefmap ") + BRIEFMAP_VERSION;
    j["created"] = now_rfc3339();
    j["image"] = std::filesystem::path(png_path).filename().string();
    j["size"] = {{"width", opt.state.output.width}, {"height", opt.state.output.height}};
    j["scale"] = opt.state.output.scale;
    j["crs"] = doc.projection ? doc.projection->definition() : "";
    const geo::Box e = info.view.extent();
    j["view"] = {
        {"center", {info.view.center.x, info.view.center.y}},
        {"res", info.view.res},
        {"map_rect", {info.map_x, info.map_y, info.view.width, info.view.height}},
        {"extent", {{"minx", e.minx}, {"miny", e.miny}, {"maxx", e.maxx}, {"maxy", e.maxy}}}};
    // The layers as drawn (every scene layer, in draw order) and the filter, written by the
    // same code as the session's.
    ViewState drawn = opt.state;
    normalise_layers(drawn, doc.scene);
    const std::vector<bool> hidden = hidden_layers(doc, opt);
    for (LayerView& l : drawn.layers)
        if (int li = doc.scene.find_layer(l.id); li >= 0) l.visible = !hidden[size_t(li)];
    layers_to_json(drawn, j["layers"]);
    filter_to_json(opt.state.filter, j["filter"]);
    const std::string style = std::string(resource("assets/style.json").value_or(""));
    j["style"] = {{"sha256", resource_sha256("assets/style.json")},
                  {"json", json::parse(style, nullptr, false)}};
    json data = json::array();
    const json embedded = {{"path", nullptr},
                           {"embedded", "assets/briefmap.gpkg"},
                           {"sha256", resource_sha256("assets/briefmap.gpkg")}};
    if (opt.data.empty()) data.push_back(embedded);
    for (const std::string& p : opt.data)
        data.push_back(p == "default" ? embedded
                                      : json{{"path", std::filesystem::absolute(p).string()},
                                             {"sha256", sha256_path(p)}});
    j["data"] = data;
    if (opt.corpus.empty()) {
        std::string all;
        for (const std::string& n : resource_names("corpus/"))
            all += n + " " + resource_sha256(n) + "\n";
        j["corpus"] = {{"path", nullptr}, {"embedded", "corpus/"}, {"sha256", sha256_hex(all)}};
    } else {
        j["corpus"] = {{"path", std::filesystem::absolute(opt.corpus).string()},
                       {"sha256", sha256_path(opt.corpus)}};
    }
    j["selected"] = info.selected_id.empty() ? json(nullptr) : json(info.selected_id);
    j["title"] = info.title;
    j["subtitle"] = info.subtitle;
    j["scale_bar"] = {{"meters", info.scale_bar.meters}, {"pixels", info.scale_bar.pixels}};
    j["north_degrees"] = info.north_degrees;
    json cites = json::array();
    for (const Citation& c : info.citations)
        cites.push_back({{"number", c.number},
                         {"outlet", c.outlet},
                         {"date", c.date},
                         {"title", c.title},
                         {"url", c.url},
                         {"article_id", c.article_id},
                         {"paragraphs", c.paragraphs},
                         {"excerpts", c.excerpts}});
    j["citations"] = cites;
    j["labels"] = info.labels;
    j["legend"] = info.legend;
    return j.dump(2) + "\n";
}

bool options_from_sidecar(const std::string& path, ExportOptions& opt, Problems& warnings,
                          Problem* problem) {
    std::string text;
    if (!read_file(path, text, problem)) return false;
    auto fail = [&](const std::string& why) {
        if (problem) *problem = error("read sidecar", path, "", why);
        return false;
    };
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        if (problem)
            *problem =
                error("read sidecar", path, "byte " + std::to_string(e.byte), "not valid JSON");
        return false;
    } catch (const json::exception& e) {  // e.g. out_of_range: a number like 1E400 (fuzz)
        return fail(std::string("not valid JSON: ") + e.what());
    }
    if (!j.is_object()) return fail("not a JSON object");
    // (A version that is not an integer, e.g. "1", is refused rather than thrown from value().)
    const json version = j.contains("version") ? j["version"] : json();
    if (!version.is_number_integer()) return fail("version: missing or not an integer");
    if (version.get<long long>() != 1)
        return fail("unsupported sidecar version " + version.dump() +
                    " (this briefmap reads version 1)");
    try {
        opt.state.output.width = json_int(j.at("size").at("width"), "size.width");
        opt.state.output.height = json_int(j.at("size").at("height"), "size.height");
        opt.state.output.scale = json_float(j.at("scale"), "scale");
        const json& v = j.at("view");
        opt.center =
            geo::Vec2{v.at("center").at(0).get<double>(), v.at("center").at(1).get<double>()};
        opt.res = v.at("res").get<double>();
        opt.crs = j.value("crs", "");
        opt.state.layers.clear();
        if (j.contains("layers")) layers_from_json(j["layers"], opt.state);
        opt.state.filter = {};
        if (j.contains("filter") && !j["filter"].is_null())
            filter_from_json(j["filter"], opt.state.filter);
        opt.state.selected =
            j.value("selected", json(nullptr)).is_string() ? j["selected"].get<std::string>() : "";
        opt.state.output.title = j.value("title", opt.state.output.title);
        opt.state.output.subtitle = j.value("subtitle", std::string());
        opt.data.clear();
        for (const json& d : j.value("data", json::array())) {
            if (!d.contains("path") || d["path"].is_null()) {
                const std::string want = d.value("sha256", "");
                const std::string& have = resource_sha256("assets/briefmap.gpkg");
                if (want != have)
                    warnings.push_back(warning("read sidecar", path, "data",
                                               "the embedded GeoPackage differs from the one "
                                               "the image was made with"));
                opt.data.push_back("default");  // the embedded data, with any others after it
                continue;
            }
            const std::string p = d["path"].get<std::string>();
            opt.data.push_back(p);
            if (sha256_path(p) != d.value("sha256", ""))
                warnings.push_back(
                    warning("read sidecar", path, p, "data file changed since the image was made"));
        }
        opt.corpus.clear();
        if (j.contains("corpus") && j["corpus"].contains("path") &&
            j["corpus"]["path"].is_string()) {
            opt.corpus = j["corpus"]["path"].get<std::string>();
            if (sha256_path(opt.corpus) != j["corpus"].value("sha256", ""))
                warnings.push_back(warning("read sidecar", path, opt.corpus,
                                           "corpus changed since the image was made"));
        }
        if (j.contains("style") &&
            j["style"].value("sha256", "") != resource_sha256("assets/style.json"))
            warnings.push_back(warning("read sidecar", path, "style",
                                       "the built-in style differs from the one the image was "
                                       "made with"));
    } catch (const json::exception& e) {
        return fail(std::string("missing or malformed field: ") + e.what());
    } catch (const JsonNumberError& e) {
        return fail(std::string("malformed number: ") + e.what());
    } catch (const std::invalid_argument& e) {
        return fail(e.what());
    }
    return true;
}

bool export_image(const Document& doc, const ExportOptions& opt, const std::string& path,
                  ExportInfo* info_out, Problem* problem) {
    if (!validate(doc, opt, problem)) return false;
    auto t0 = Clock::now();
    std::string err;
    auto ctx = HeadlessContext::create(&err);
    if (!ctx) {
        if (problem) *problem = error("export", path, "", "no headless OpenGL: " + err);
        return false;
    }
    const double t_ctx = seconds_since(t0);
    Image img;
    ExportInfo info;
    if (!render_export(doc, opt, img, &info, problem)) return false;
    info.timings["context"] = t_ctx;
    if (!write_export(doc, opt, img, info, path, problem)) return false;
    if (info_out) *info_out = std::move(info);
    return true;
}

bool write_export(const Document& doc, const ExportOptions& opt, const Image& img, ExportInfo& info,
                  const std::string& path, Problem* problem) {
    auto t1 = Clock::now();
    std::string source = opt.data.empty() ? "briefmap default data (assets/briefmap.gpkg)" : "";
    for (const std::string& d : opt.data) source += (source.empty() ? "" : "; ") + d;
    source += std::string("; ") + kAttribution;
    const std::vector<PngText> chunks = {
        {"Title", info.title + (info.subtitle.empty() ? "" : " \u2014 " + info.subtitle)},
        {"Source", source},
        {"Software", std::string("briefmap ") + BRIEFMAP_VERSION},
        {"Creation Time", now_rfc3339()}};
    // The sidecar (checksums of the data) is made on another core while the PNG encodes.
    std::string sidecar;
    double t_side = 0;
    std::thread side([&] {
        auto ts = Clock::now();
        sidecar = sidecar_json(doc, opt, info, path);
        t_side = seconds_since(ts);
    });
    const std::string bytes =
        img.rgba.empty() && img.rows
            ? encode_png(img.rows, img.width, img.height, true, chunks)
            : encode_png(img.rgba.data(), img.width, img.height, true, chunks);
    info.timings["encode_png"] = seconds_since(t1);
    side.join();
    info.timings["sidecar (parallel)"] = t_side;
    if (bytes.empty()) {  // (zlib out of memory): keep whatever is at `path`
        if (problem) *problem = error("write image", path, "", "PNG encoding failed");
        return false;
    }
    auto t2 = Clock::now();
    // The sidecar first: a PNG on disk always has its reproduction recipe beside it.
    if (!write_file_atomic(sidecar_path(path), sidecar, problem)) return false;
    if (!write_file_atomic(path, bytes, problem)) return false;
    info.timings["write"] = seconds_since(t2);
    return true;
}

}  // namespace bm::exporter
