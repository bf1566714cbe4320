// `briefmap export -o OUT.png [...]`: a briefing image rendered offscreen through EGL (no
// display needed) by the window's renderer, with OUT.json beside it to reproduce it.
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <thread>

#include "app/commands.h"
#include "document/document.h"
#include "document/session.h"
#include "export/compose.h"
#include "export/headless.h"

namespace {

void usage(std::FILE* f) {
    std::fprintf(
        f,
        "usage: briefmap export -o OUT.png [--size WxH] [--scale S] [--view PLACE |\n"
        "                       --bbox MINLON,MINLAT,MAXLON,MAXLAT] [--select PLACE]\n"
        "                       [--title TEXT] [--subtitle TEXT] [--credit TEXT] [--session FILE]\n"
        "                       [--data PATH]... [--corpus PATH] [--workspace FILE] [--crs CRS]\n"
        "                       [--from SIDECAR.json] [--timings] [--strict]\n"
        "  Renders the map offscreen (no display needed) with title, legend, scale bar, north\n"
        "  arrow, attribution and, with --select, numbered citations of the place's passages.\n"
        "  Writes OUT.png and OUT.json (everything needed to reproduce it: --from OUT.json).\n"
        "  --size WxH      image pixels, 1 to 16384 each (default 3840x2160)\n"
        "  --scale S       text, line and symbol scale (default 2: crisp at 4K)\n"
        "  --view PLACE    frame a place; --bbox frames lon/lat bounds (default: the region)\n"
        "  --select PLACE  highlight a place and cite its passages\n"
        "  --credit TEXT   your credit line, drawn before the data's attribution\n"
        "  --session FILE  take view, selection and layers from a window session file\n"
        "  --workspace FILE  add the workspace's layers and articles; without --session or\n"
        "                  --from, take the view the window left in the workspace\n"
        "  --from FILE     reproduce an earlier export from OUT.json or from OUT.png itself\n"
        "                  (other options override)\n"
        "  --timings       print phase timings to stderr (also BRIEFMAP_TIMINGS=1)\n"
        "  --strict        exit 3 without writing when any problem was reported\n");
}

bool parse_size(std::string_view s, int& w, int& h) {
    auto x = s.find('x');
    if (x == std::string_view::npos) return false;
    auto r1 = std::from_chars(s.data(), s.data() + x, w);
    auto r2 = std::from_chars(s.data() + x + 1, s.data() + s.size(), h);
    return r1.ec == std::errc() && r2.ec == std::errc() && r1.ptr == s.data() + x &&
           r2.ptr == s.data() + s.size();
}

bool parse_bbox(std::string_view s, bm::geo::Box& b) {
    double v[4];
    const char* p = s.data();
    const char* end = s.data() + s.size();
    for (int i = 0; i < 4; ++i) {
        auto r = std::from_chars(p, end, v[i]);
        if (r.ec != std::errc()) return false;
        p = r.ptr;
        if (i < 3) {
            if (p == end || *p != ',') return false;
            ++p;
        }
    }
    if (p != end) return false;
    b.minx = v[0], b.miny = v[1], b.maxx = v[2], b.maxy = v[3];
    return true;
}

int bad(const std::string& why) {
    std::fprintf(stderr, "briefmap export: %s\n", why.c_str());
    std::fprintf(stderr, "Try 'briefmap export --help'.\n");
    return 2;
}

}  // namespace

int cmd_export(int argc, char** argv) {
    using namespace bm;
    exporter::ExportOptions opt, cli;
    std::string out, from, session, workspace;
    bool timings = std::getenv("BRIEFMAP_TIMINGS") != nullptr, strict = false;
    // Which options the command line set, so they override --from and --session.
    bool set_size = false, set_scale = false, set_title = false, set_view = false,
         set_select = false, set_credit = false, set_data = false, set_corpus = false,
         set_crs = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        std::string v;
        auto value = [&](const char* flag) {
            std::string f = flag;
            if (a == f) {
                if (i + 1 >= argc) return false;
                v = argv[++i];
                return true;
            }
            if (a.starts_with(f + "=")) {
                v = a.substr(f.size() + 1);
                return true;
            }
            return false;
        };
        if (a == "-h" || a == "--help") {
            usage(stdout);
            return 0;
        } else if (a == "--timings") {
            timings = true;
        } else if (a == "--strict") {
            strict = true;
        } else if (value("-o") || value("--output")) {
            out = v;
        } else if (value("--size")) {
            if (!parse_size(v, cli.state.output.width, cli.state.output.height))
                return bad("--size wants WIDTHxHEIGHT, e.g. 3840x2160, got '" + v + "'");
            if (cli.state.output.width <= 0 || cli.state.output.height <= 0 ||
                cli.state.output.width > 16384 || cli.state.output.height > 16384)
                return bad("--size " + v + " is out of range: width and height must be 1 to 16384");
            set_size = true;
        } else if (value("--scale")) {
            char* end = nullptr;
            cli.state.output.scale = std::strtof(v.c_str(), &end);
            if (end == v.c_str() || *end ||
                !(cli.state.output.scale > 0 && cli.state.output.scale <= 16))
                return bad("--scale wants a number above 0 and at most 16, got '" + v + "'");
            set_scale = true;
        } else if (value("--view")) {
            cli.view_place = v;
            set_view = true;
        } else if (value("--bbox")) {
            geo::Box b;
            if (!parse_bbox(v, b))
                return bad("--bbox wants MINLON,MINLAT,MAXLON,MAXLAT, got '" + v + "'");
            if (!(b.minx < b.maxx) || !(b.miny < b.maxy))
                return bad("--bbox " + v +
                           ": min must be below max (minlon < maxlon, minlat < maxlat)");
            cli.bbox_lonlat = b;
            set_view = true;
        } else if (value("--select")) {
            cli.state.selected = v;
            set_select = true;
        } else if (value("--title")) {
            cli.state.output.title = v;
            set_title = true;
        } else if (value("--subtitle")) {
            cli.state.output.subtitle = v;
        } else if (value("--credit")) {
            cli.state.output.credit = v;
            set_credit = true;
        } else if (value("--session")) {
            session = v;
        } else if (value("--workspace")) {
            workspace = v;
        } else if (value("--data")) {
            cli.data.push_back(v);
            set_data = true;
        } else if (value("--corpus")) {
            cli.corpus = v;
            set_corpus = true;
        } else if (value("--crs")) {
            cli.crs = v;
            set_crs = true;
        } else if (value("--from")) {
            from = v;
        } else if (a.starts_with("-")) {
            return bad(i + 1 >= argc && (a == "-o" || a.starts_with("--"))
                           ? "unknown option or missing value: '" + a + "'"
                           : "unknown option '" + a + "'");
        } else {
            return bad("unexpected argument '" + a + "'");
        }
    }
    if (out.empty()) return bad("missing -o OUT.png");
    if (!cli.view_place.empty() && cli.bbox_lonlat)
        return bad("--view and --bbox exclude each other");

    // Base options: the sidecar, else the session, else defaults; the command line on top.
    if (!from.empty()) {
        Problems warns;
        Problem p;
        if (!exporter::options_from_sidecar(from, opt, warns, &p)) {
            std::fprintf(stderr, "briefmap export: %s\n", p.to_string().c_str());
            return 2;
        }
        for (const Problem& w : warns) std::fprintf(stderr, "%s\n", w.to_string().c_str());
        if (strict && !warns.empty()) {
            std::fprintf(stderr, "briefmap export: --strict: problems reported; nothing written\n");
            return 3;
        }
    } else if (!session.empty()) {
        Session s;
        Problem p;
        if (!load_session(session, s, &p)) {
            std::fprintf(stderr, "briefmap export: %s\n", p.to_string().c_str());
            return 2;
        }
        opt.state = s.state;  // view, selection, layers, filter, export settings
        if (Problem q; !exporter::view_is_sane(opt, &q)) {
            std::fprintf(stderr, "briefmap export: error: read session: %s: %s\n", session.c_str(),
                         q.why.c_str());
            return 2;
        }
        opt.data = s.data;
        opt.corpus = s.corpus;
        opt.crs = s.crs;
    }
    // A sidecar names the workspace it drew from: --from brings it back unless one is given.
    if (workspace.empty()) workspace = opt.workspace;
    opt.workspace = workspace;
    if (!workspace.empty()) {
        auto ws = open_for_reading("export", workspace);
        if (!ws) return 2;
        // The window's last view, when neither a sidecar nor a session says otherwise.
        if (auto json = ws->view_state(); json && from.empty() && session.empty()) {
            Session s;
            Problem q;
            if (!session_from_json(*json, workspace, s, &q)) {
                std::fprintf(stderr, "briefmap export: %s\n", q.to_string().c_str());
                return 2;
            }
            opt.state = s.state;
            if (!exporter::view_is_sane(opt, &q)) opt.state.view = {};
        }
    }
    if (set_size)
        opt.state.output.width = cli.state.output.width,
        opt.state.output.height = cli.state.output.height;
    if (set_scale) opt.state.output.scale = cli.state.output.scale;
    if (set_title) opt.state.output.title = cli.state.output.title;
    if (cli.state.output.subtitle) opt.state.output.subtitle = cli.state.output.subtitle;
    if (set_credit) opt.state.output.credit = cli.state.output.credit;
    if (set_view) {
        opt.center.reset();
        opt.state.view = {};
        opt.view_place = cli.view_place;
        opt.bbox_lonlat = cli.bbox_lonlat;
    }
    if (set_select) opt.state.selected = cli.state.selected;
    if (set_data) opt.data = cli.data;
    if (set_corpus) opt.corpus = cli.corpus;
    if (set_crs) opt.crs = cli.crs;

    // Load the data on another core while this one starts EGL and compiles the shaders;
    // the loader then tessellates the level the view needs.
    auto t0 = std::chrono::steady_clock::now();
    Document doc;
    bool loaded = false, valid = false;
    Problem p;
    render::LodGeometry lod;
    // Start-up runs on two threads; --timings prints when each step ended ("at"), from t0.
    auto since_t0 = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    };
    double t_load = 0, t_lod = 0, t_ctx = 0, t_shaders = 0, t_prepare = 0;
    std::thread loader([&] {
        DocumentOptions dopt;
        dopt.data = opt.data;
        dopt.crs = opt.crs;
        dopt.corpus = opt.corpus;
        dopt.workspace = workspace;
        dopt.workspace_mode = store::OpenMode::ReadOnly;
        loaded = doc.load(dopt);
        t_load = since_t0();
        if (loaded && (valid = exporter::validate(doc, opt, &p)))
            lod = doc.build_lod(exporter::export_level(doc, opt),
                                exporter::export_lod_scope(doc, opt));
        t_lod = since_t0();
    });
    std::string err;
    auto ctx = exporter::HeadlessContext::create(&err);
    t_ctx = since_t0();
    exporter::ExportRenderers renderers;
    Problem init_problem;
    bool gl_ok = ctx && renderers.init(&init_problem);
    t_shaders = since_t0();
    gl_ok = gl_ok &&
            renderers.prepare(opt.state.output.width, opt.state.output.height, true, &init_problem);
    t_prepare = since_t0();
    loader.join();
    for (const Problem& q : doc.problems) std::fprintf(stderr, "%s\n", q.to_string().c_str());
    if (!loaded) {
        std::fprintf(stderr, "briefmap export: nothing usable loaded\n");
        return 1;
    }
    if (strict && !doc.problems.empty()) {
        std::fprintf(stderr, "briefmap export: --strict: problems reported; nothing written\n");
        return 3;
    }
    if (!valid) return bad(p.why);
    if (!gl_ok) {
        std::fprintf(stderr, "briefmap export: no headless OpenGL: %s\n",
                     ctx ? init_problem.to_string().c_str() : err.c_str());
        return 1;
    }
    const double t_init =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    exporter::Image img;
    exporter::ExportInfo info;
    if (!exporter::render_export(doc, opt, img, &info, &p, &renderers, &lod) ||
        !exporter::write_export(doc, opt, img, info, out, &p)) {
        std::fprintf(stderr, "briefmap export: %s\n", p.to_string().c_str());
        return 1;
    }
    if (timings) {
        info.timings["at: data loaded"] = t_load;
        info.timings["at: level of detail built"] = t_lod;
        info.timings["at: GL context"] = t_ctx;
        info.timings["at: shaders warm"] = t_shaders;
        info.timings["at: framebuffer ready"] = t_prepare;
        info.timings["at: start-up done"] = t_init;
        for (const auto& [phase, sec] : doc.load_timings) info.timings[phase] = sec;
        // Wall time: the parallel phases overlap, so the sum is not the total.
        double total = t_init;
        for (const auto& [k, s] : info.timings)
            if (!k.starts_with("at: ") && !k.starts_with("load: ") &&
                k.find("(parallel)") == std::string::npos)
                total += s;
        for (const auto& [k, s] : info.timings)
            std::fprintf(stderr, "timing %-28s %7.1f ms  %4.1f%%\n", k.c_str(), s * 1000,
                         100 * s / total);
        std::fprintf(stderr, "timing %-28s %7.1f ms\n", "total", total * 1000);
    }
    std::printf("%s\n%s\n", out.c_str(), exporter::sidecar_path(out).c_str());
    // Both files are complete on disk (written and renamed atomically). Tearing down the
    // document, the GL objects, llvmpipe and GDAL would only spend time the user waits for;
    // the kernel frees it all at once.
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(0);
}
