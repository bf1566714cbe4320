#include "export/compose.h"

#include <openssl/sha.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <limits>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <thread>

#include "common/atomic_file.h"
#include "common/file_walk.h"
#include "common/json_number.h"
#include "common/resources.h"
#include "export/export_pair.h"
#include "export/headless.h"
#include "export/layout.h"
#include "export/map_furniture.h"
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

const Rgba kLink{0.08f, 0.33f, 0.6f, 1};
const Rgba kPanel{1, 1, 1, 0.9f};
const Rgba kRule{0.75f, 0.75f, 0.75f, 1};

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
        const FeatureId g = doc.feature_of_place(doc.find_place(opt.view_place));
        geo::Box b;
        if (g) b = doc.feature_box(g);
        if (g && (b.maxx - b.minx < 20000 && b.maxy - b.miny < 20000)) {
            const geo::Vec2 c = b.center();  // a point: 60 km around it
            b = {c.x - 30000, c.y - 30000, c.x + 30000, c.y + 30000};
        }
        if (g)
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
        // A folder: the hash of its files' relative names and hashes, sorted by name. A folder
        // past the walk's limits (/, a kernel folder) has no hash ("").
        std::vector<std::string> names;
        if (!list_files(path, names)) return "";
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
    for (PlaceId p : doc.gazetteer.ids()) {
        const FeatureId g = doc.feature_of_place(p);
        if (g && g.index() < m.size()) m[g.index()] += double(doc.index.passages_of(p).size());
    }
    return m;
}

bool view_is_sane(const ExportOptions& opt, Problem* problem) {
    // Projected coordinates of the Earth stay within about 4e7 (metres) and a pixel spans
    // less than the Earth: beyond, the image could only be blank.
    constexpr double kMaxCoord = 1e9, kMaxRes = 1e8, kMinRes = 1e-6;
    auto fail = [&](std::string why) {
        if (problem) *problem = error("export", "", "", std::move(why));
        return false;
    };
    auto coord = [&](double v) { return std::isfinite(v) && std::fabs(v) <= kMaxCoord; };
    if (opt.center) {
        if (!coord(opt.center->x) || !coord(opt.center->y))
            return fail(
                "view centre is not a map coordinate (finite, at most 1e9 projected "
                "units from the origin)");
        if (!(std::isfinite(opt.res) && opt.res >= kMinRes && opt.res <= kMaxRes))
            return fail("view resolution must be between 1e-6 and 1e8 projected units per pixel");
    }
    if (!opt.state.view.empty()) {
        const geo::Box& e = opt.state.view;
        if (!coord(e.minx) || !coord(e.miny) || !coord(e.maxx) || !coord(e.maxy) ||
            !(e.minx < e.maxx && e.miny < e.maxy))
            return fail(
                "view extent is empty or not in map coordinates (finite, at most 1e9 "
                "projected units from the origin)");
    }
    return true;
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
        const PlaceId place = doc.find_place(*p);
        if (!place) return fail("unknown place '" + *p + "' (see `briefmap places`)");
        if (!doc.feature_of_place(place))
            return fail("place '" + *p + "' has no feature on the map");
    }
    if (!doc.projection) return fail("no map projection");
    if (!view_is_sane(opt, problem)) return false;
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

namespace {

PixelRect map_rect_of(const ExportOptions& opt) {
    const int panel_w = side_panel_width(opt.state.output.width, opt.state.output.scale);
    return {0, 0, std::max(1, opt.state.output.width - panel_w), opt.state.output.height};
}

// The credit line: each shown layer's own ATTRIBUTION metadata, else (default layers) its
// style.json "attribution", else (a user's layer) its file's name; each text once, in layer order.
std::string attribution_of(const Document& doc, const std::vector<bool>& hidden) {
    std::vector<std::string> parts;
    for (size_t li = 0; li < doc.scene.layers.size(); ++li) {
        const render::SceneLayer& sl = doc.scene.layers[li];
        if (li < hidden.size() && hidden[li]) continue;
        const geo::Layer* src = doc.scene.source_of(sl, doc.map.projected);
        std::string a = src ? src->attribution : "";
        if (a.empty() && sl.id == sl.name) a = doc.style.attribution(sl.name);
        if (a.empty() && sl.id != sl.name)
            a = std::filesystem::path(src ? src->source : std::string()).filename().string();
        if (!a.empty() && std::find(parts.begin(), parts.end(), a) == parts.end())
            parts.push_back(a);
    }
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
    return out;
}

// What the layout needs that does not depend on the view: image, texts, attribution.
LayoutInput layout_input(const Document& doc, const ExportOptions& opt) {
    LayoutInput in;
    in.width = opt.state.output.width;
    in.height = opt.state.output.height;
    in.scale = opt.state.output.scale;
    in.title = opt.state.output.title;
    in.subtitle = opt.state.output.subtitle ? *opt.state.output.subtitle : today();
    in.attribution = attribution_of(doc, hidden_layers(doc, opt));
    // The user's credit line first: it is the image's author, the data's sources follow.
    if (!opt.state.output.credit.empty())
        in.attribution =
            opt.state.output.credit + (in.attribution.empty() ? "" : " \u00b7 " + in.attribution);
    in.selection = !opt.state.selected.empty();
    return in;
}

// The selected feature's box in pixels of the map rectangle (a point gets its symbol's room).
std::optional<Rect> selection_box(const Document& doc, const ExportOptions& opt,
                                  const geo::Viewport& v) {
    if (opt.state.selected.empty()) return std::nullopt;
    const FeatureId g = doc.feature_of_place(doc.find_place(opt.state.selected));
    if (!g || g.index() >= doc.scene.features.size()) return std::nullopt;
    const geo::Box& b = doc.feature_box(g);
    const geo::Vec2 a = v.to_screen({b.minx, b.maxy}), z = v.to_screen({b.maxx, b.miny});
    const float r = 10 * opt.state.output.scale;
    return Rect{float(a.x) - r, float(a.y) - r, float(z.x - a.x) + 2 * r, float(z.y - a.y) + 2 * r};
}

// The view as drawn: choose_view, then moved so the selection is not under the furniture
// (not for an exact centre: a sidecar's view is already the one drawn).
geo::Viewport export_view(const Document& doc, const ExportOptions& opt,
                          const MeasureText& measure) {
    const PixelRect r = map_rect_of(opt);
    geo::Viewport v = choose_view(doc, opt, r.width, r.height);
    if (opt.state.selected.empty() || (opt.center && opt.res > 0)) return v;
    LayoutInput in = layout_input(doc, opt);
    in.selection_box = selection_box(doc, opt, v);
    const BriefingLayout L = layout_briefing(in, measure);
    v.pan_pixels(L.shift_x, L.shift_y);
    return v;
}

geo::Viewport export_view(const Document& doc, const ExportOptions& opt) {
    if (opt.state.selected.empty() || (opt.center && opt.res > 0)) {
        const PixelRect r = map_rect_of(opt);
        return choose_view(doc, opt, r.width, r.height);
    }
    render::Fonts fonts;  // measuring needs no GL context
    return export_view(doc, opt, measurer(fonts));
}

const Rgba& ink_colour(Ink k) {
    return k == Ink::Link ? kLink : k == Ink::Muted ? kGrey : kInk;
}

}  // namespace

int export_level(const Document& doc, const ExportOptions& opt) {
    const PixelRect r = map_rect_of(opt);
    // (Moving the view for the selection keeps its resolution.)
    return doc.scene.lod_for(choose_view(doc, opt, r.width, r.height).res);
}

render::LodScope export_lod_scope(const Document& doc, const ExportOptions& opt) {
    const geo::Viewport v = export_view(doc, opt);
    render::LodScope scope;
    scope.clip = v.extent();
    // A margin so no clipped edge can show, even with a pixel of rounding.
    const double m = 16 * v.res;
    scope.clip.minx -= m, scope.clip.miny -= m, scope.clip.maxx += m, scope.clip.maxy += m;
    scope.invisible_fills = false;  // only the selection is ever highlighted
    if (!opt.state.selected.empty())
        if (const FeatureId f = doc.feature_of_place(doc.find_place(opt.state.selected)))
            scope.keep_fill = int(f.index());
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

    // The map, through the window's renderer.
    ExportRenderers own;
    if (!renderers || !renderers->impl->ready) {
        if (!own.init(problem)) return false;
        renderers = &own;
        target.bind();  // init's warm-up drew elsewhere
    }
    render::LabelRenderer& labels = renderers->impl->labels;
    render::TextRenderer& text = labels.text();
    const MeasureText measure = measurer(text.fonts());

    // Selection and the side panel's width decide the map's rectangle; the layout, the view.
    PlaceId sel_place;
    int sel_feature = -1;  // as the renderers count scene features
    if (!opt.state.selected.empty()) {
        sel_place = doc.find_place(opt.state.selected);
        if (const FeatureId f = doc.feature_of_place(sel_place)) sel_feature = int(f.index());
        if (sel_place) info.selected_id = doc.gazetteer[sel_place].id;
    }
    const PixelRect map_rect = map_rect_of(opt);
    geo::Viewport view = export_view(doc, opt, measure);
    info.view = view;
    const std::vector<bool> hidden = hidden_layers(doc, opt);

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

    Problems lp;
    render::LabelConfig lconf = render::LabelConfig::builtin(lp);
    std::vector<render::LabelFeature> lfs =
        render::collect_labels(doc.scene, doc.map.projected, lconf, mention_counts(doc));
    // The briefing is about the selected place: its label is placed first, at any zoom.
    for (render::LabelFeature& lf : lfs)
        if (sel_feature >= 0 && lf.feature == sel_feature) {
            lf.priority = std::numeric_limits<double>::max();
            lf.minor = false;
            lf.max_res = 0;
        }
    labels.set_labels(std::move(lfs), doc.style, lconf);
    Overlay& ov = renderers->impl->ov;

    // --- Everything but the map, laid out first (export/layout.h), then painted as laid out.
    LayoutInput in = layout_input(doc, opt);
    info.title = in.title;
    info.subtitle = in.subtitle;
    info.attribution = in.attribution;
    const std::vector<LegendEntry> entries =
        legend_entries(doc, hidden, view.extent(), view.res * s, sel_feature);
    for (const LegendEntry& e : entries) in.legend.push_back(e.text);
    const geo::Vec2 c = view.center;
    in.meters_per_pixel = view.res * doc.projection->ground_scale(c);
    // North: the direction of increasing latitude at the centre, from the projection.
    const geo::Vec2 ll = doc.projection->inverse(c);
    const geo::Vec2 up = doc.projection->forward({ll.x, std::min(89.9, ll.y + 0.05)});
    const double north = std::atan2(up.x - c.x, up.y - c.y);  // clockwise from screen up
    info.north_degrees = north * 180 / M_PI;
    // The selected place's heading, count and citations (numbered per article; each passage of
    // it quoted under its citation). The source filter narrows them as it narrows the window's
    // panels.
    std::vector<ArticleId> articles;
    std::vector<std::vector<int>> cited_paragraphs;  // per article: its passages' paragraphs
    std::vector<std::vector<int>> cited_pages;       // and their pages (0: none)
    if (sel_feature >= 0) {
        const gazetteer::Place& place = doc.gazetteer[sel_place];
        in.heading = place.name;
        if (size_t(sel_feature) < doc.scene.features.size()) {
            const render::SceneFeature& sf = doc.scene.features[size_t(sel_feature)];
            if (const geo::Layer* l =
                    doc.scene.source_of(doc.scene.layers[size_t(sf.layer)], doc.map.projected))
                in.heading = render::place_label_text(l->features[size_t(sf.feature)], lconf);
        }
        std::vector<linker::Passage> passages;
        for (const linker::Passage& p : doc.index.passages_of(sel_place))
            if (opt.state.filter.accepts(doc.corpus[p.article])) passages.push_back(p);
        in.count = std::to_string(passages.size()) +
                   (passages.size() == 1 ? " passage" : " passages") + " in the sources" +
                   (place.kind.empty() ? "" : " \u00b7 " + place.kind);
        for (const linker::Passage& p : passages)
            if (std::find(articles.begin(), articles.end(), p.article) == articles.end())
                articles.push_back(p.article);
        for (size_t k = 0; k < articles.size(); ++k) {
            const corpus::Article& a = doc.corpus[articles[k]];
            CitationText ct{int(k + 1), a.outlet, a.date, a.title, a.url, {}};
            std::vector<int>& paras = cited_paragraphs.emplace_back();
            std::vector<int>& pages = cited_pages.emplace_back();
            for (const linker::Passage& p : passages)
                if (p.article == articles[k] && p.paragraph < a.paragraphs.size()) {
                    // A report's passage is cited with its page: "p. 12: …".
                    const std::string page = a.page_label(p.paragraph);
                    ct.excerpts.push_back((page.empty() ? "" : page + ": ") +
                                          excerpt(a.paragraphs[p.paragraph], p.spans, 420));
                    paras.push_back(int(p.paragraph));
                    pages.push_back(a.page_of(p.paragraph));
                }
            in.citations.push_back(std::move(ct));
        }
    }
    const BriefingLayout L = layout_briefing(in, measure);
    // Every citation goes to the sidecar, so the image never cites less than it can reproduce;
    // those not shown without their excerpts.
    for (size_t k = 0; k < in.citations.size(); ++k) {
        const CitationText& ct = in.citations[k];
        Citation c;
        c.number = ct.number;
        c.article_id = doc.corpus[articles[k]].id;
        c.outlet = ct.outlet;
        c.date = ct.date;
        c.title = ct.title;
        c.url = ct.url;
        if (k < L.citations.size()) {
            c.excerpts = ct.excerpts;
            c.paragraphs = cited_paragraphs[k];
            c.pages = cited_pages[k];
        }
        info.citations.push_back(std::move(c));
    }
    ScaleBar bar;
    bar.meters = L.scale_bar.meters;
    bar.pixels = L.scale_bar.length;
    bar.x0 = L.scale_bar.x0;
    bar.x1 = bar.x0 + L.scale_bar.length;
    bar.y = L.scale_bar.y;
    info.scale_bar = bar;

    // Labels keep clear of the furniture drawn over the map.
    std::vector<render::LabelBox> furniture;
    for (const Rect& r : L.furniture()) furniture.push_back({r.x, r.y, r.right(), r.bottom()});
    const std::vector<render::PlacedLabel>& placed =
        labels.draw(view, map_rect, H, s, hidden, furniture);
    for (const render::PlacedLabel& p : placed)
        info.labels.push_back(labels.labels()[p.candidate].text);
    glFinish();
    info.timings["draw_labels"] = seconds_since(t1);
    auto t2 = Clock::now();

    // Panels.
    const float fs = L.map_scale;
    auto fill = [&](const Rect& r, const Rgba& col) { ov.rect(r.x, r.y, r.w, r.h, col); };
    fill(L.title_box, kPanel);
    fill(L.attribution_box, Rgba{1, 1, 1, 0.8f});
    fill(L.scale_bar.box, kPanel);
    fill(L.arrow_box, kPanel);
    // Scale bar: four alternating segments in a dark frame, ticks labelled 0, half, full.
    paint_scale_bar(ov, L.scale_bar, fs);
    // North arrow: a two-tone dart turned to true north.
    {
        const double cx = L.arrow_cx, cy = L.arrow_cy;
        auto rot = [&](double x, double y) {  // (x right, y up) local -> screen
            const double cs = std::cos(north), sn = std::sin(north);
            return geo::Vec2{cx + x * cs + y * sn, cy - (-x * sn + y * cs)};
        };
        const double r = L.arrow_r;
        ov.tri(rot(0, r), rot(-r * 0.42, -r * 0.75), rot(0, -r * 0.4), kInk);
        ov.tri(rot(0, r), rot(0, -r * 0.4), rot(r * 0.42, -r * 0.75), kGrey);
    }
    if (!L.panel.empty()) {
        fill(L.panel, Rgba{1, 1, 1, 1});
        fill(L.rule, kRule);
    }
    ov.flush({0, 0, W, H}, H);

    // Texts.
    auto put = [&](const TextRun& t) {
        render::TextRenderer::Run r;
        r.px = t.px;
        r.weight = t.bold ? FontWeight::Bold : FontWeight::Regular;
        r.color = ink_colour(t.ink);
        text.add(t.text, t.x, t.y + t.ascent, r);
    };
    for (const TextRun& t : L.title_runs) put(t);
    if (L.legend_heading) put(*L.legend_heading);
    for (const LegendRow& r : L.legend) put(r.label);
    for (size_t i = 0; i < L.legend.size(); ++i) info.legend.push_back(entries[i].text);
    for (const TextRun& t : L.attribution_runs) put(t);
    for (const TextRun& t : L.scale_bar.runs) put(t);
    put(L.north_label);
    for (const TextRun& t : L.heading_runs) put(t);
    for (const CitationLayout& cl : L.citations)
        for (const TextRun& t : cl.runs) put(t);
    if (L.more) put(*L.more);
    text.flush({0, 0, W, H}, H);

    glFinish();
    info.timings["draw_panels+text"] = seconds_since(t2);
    t2 = Clock::now();
    // Legend swatches, drawn by the map renderer so they are the map's own symbols.
    if (!L.legend.empty()) {
        const float ls = L.legend_scale;
        const float sw = 34 * ls, sh = 16 * ls;
        const std::vector<LegendEntry> shown(entries.begin(),
                                             entries.begin() + std::ptrdiff_t(L.legend.size()));
        // The map's renderer again (its shaders are compiled and JIT-warm): swap in the
        // legend's scene; nothing draws the map after this.
        LegendSwatches swatches;
        swatches.upload(doc, shown, sw, sh, ls, lconf.country_layer, map);
        std::vector<Rect> rects;
        for (const LegendRow& r : L.legend) rects.push_back(r.swatch);
        swatches.draw(map, rects, H, ls);
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
    // The workspace as `--workspace FILE` takes it (no hash: it changes with every view saved).
    if (!opt.workspace.empty())
        j["workspace"] = std::filesystem::absolute(opt.workspace).lexically_normal().string();
    j["selected"] = info.selected_id.empty() ? json(nullptr) : json(info.selected_id);
    j["title"] = info.title;
    j["subtitle"] = info.subtitle;
    j["credit"] = opt.state.output.credit;
    j["scale_bar"] = {{"meters", info.scale_bar.meters}, {"pixels", info.scale_bar.pixels}};
    j["north_degrees"] = info.north_degrees;
    json cites = json::array();
    for (const Citation& c : info.citations) {
        json pages = json::array();  // the page of each excerpt; null for sources without pages
        for (int p : c.pages) pages.push_back(p > 0 ? json(p) : json(nullptr));
        cites.push_back({{"number", c.number},
                         {"outlet", c.outlet},
                         {"date", c.date},
                         {"title", c.title},
                         {"url", c.url},
                         {"article_id", c.article_id},
                         {"paragraphs", c.paragraphs},
                         {"pages", pages},
                         {"excerpts", c.excerpts}});
    }
    j["citations"] = cites;
    j["labels"] = info.labels;
    j["legend"] = info.legend;
    j["attribution"] = info.attribution;
    return j.dump(2) + "\n";
}

bool options_from_sidecar(const std::string& path, ExportOptions& opt, Problems& warnings,
                          Problem* problem) {
    std::string text;  // from the sidecar, or from the recipe inside an exported PNG
    if (!read_recipe(path, text, warnings, problem)) return false;
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
        if (Problem q; !view_is_sane(opt, &q)) return fail("view: " + q.why);
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
        opt.state.output.credit = j.value("credit", std::string());
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
        opt.workspace.clear();
        if (j.contains("workspace") && j["workspace"].is_string())
            opt.workspace = j["workspace"].get<std::string>();
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
    if (!info.attribution.empty()) source += "; " + info.attribution;
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
    return write_export_pair(path, bytes, sidecar, problem) &&
           (info.timings["write"] = seconds_since(t2), true);
}

}  // namespace bm::exporter
