#pragma once
// Briefing images: the map drawn by the same MapRenderer and LabelRenderer as the window, with
// a title, a legend drawn by the map renderer itself, a scale bar true at the map centre, a
// north arrow computed from the projection, the data attribution and, for a selected place,
// numbered citations of the passages that mention it. Plus the sidecar JSON that reproduces
// the image (`briefmap export --from OUT.json`).
//
// Two entry points:
//   render_export() draws with the GL context that is current on the calling thread (the
//     window's, for File > Export) into its own framebuffer object and restores framebuffer 0;
//   export_image() creates its own headless EGL context (no display needed), renders, and
//     writes OUT.png and OUT.json atomically. Do not call it with a window context current on
//     the same thread: making the EGL context current replaces it.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/problem.h"
#include "document/document.h"
#include "document/session.h"
#include "document/view_state.h"
#include "export/png.h"
#include "geo/viewport.h"

namespace bm::exporter {

struct ExportOptions {
    // Size, texts (state.output), layers and their order, the source filter (citations and
    // counts follow it), the selection (place name, alias or id; "" none) and a projected
    // extent to show (state.view): the same ViewState the window and the session keep.
    ViewState state;
    // The view, first that is set wins: an exact centre and resolution (sidecar), the
    // state's extent (session, window), a lon/lat bbox, a place to frame; else the home view.
    std::optional<geo::Vec2> center;
    double res = 0;  // projected units per pixel, with `center`
    std::optional<geo::Box> bbox_lonlat;
    std::string view_place;
    // Provenance for the sidecar (what the Document was loaded from); "" = embedded default.
    std::vector<std::string> data;
    std::string corpus;
    std::string workspace;  // the workspace whose layers and articles were added ("" = none)
    std::string crs;
};

struct ScaleBar {
    double meters = 0;             // ground length the bar stands for
    double pixels = 0;             // its length in image pixels
    double x0 = 0, x1 = 0, y = 0;  // where it was drawn (image pixels)
};

struct Citation {
    int number = 0;
    std::string article_id;  // corpus/article_id.h
    std::string outlet, date, title, url;
    std::vector<std::string> excerpts{};
    std::vector<int> paragraphs{};  // of each excerpt: a passage is article_id + paragraph
    std::vector<int> pages{};       // of each excerpt: its PDF page, 0 for sources without pages
};

// What was drawn, for the sidecar and for tests.
struct ExportInfo {
    geo::Viewport view;  // the map's view (width/height = the map rectangle)
    int map_x = 0, map_y = 0;
    std::string title, subtitle;
    std::string selected_id;  // "" = none
    ScaleBar scale_bar;
    double north_degrees = 0;         // clockwise from straight up
    std::vector<std::string> labels;  // texts of the placed map labels
    std::vector<std::string> legend;  // legend entries
    std::string attribution;          // the credit line drawn (the shown layers' sources)
    std::vector<Citation> citations;
    std::map<std::string, double> timings;  // seconds per phase
};

struct Image {
    int width = 0, height = 0;
    std::vector<uint8_t> rgba;  // top-to-bottom rows; empty when `rows` reads them instead
    // Set instead of `rgba` when the pixels were left in the framebuffer (ExportRenderers::
    // prepare with stream): reads rows from it, on the GL thread, while the renderers live.
    RowSource rows;
};

// Checks the options against the document: size 1..16384, scale in (0, 16], places known,
// bbox ordered. False with *problem (its `why` is the message for the user).
bool validate(const Document& doc, const ExportOptions& opt, Problem* problem);
// The view part of validate (no document needed): a centre, resolution or extent that is not
// finite or lies far outside any map (1e308 in a sidecar) is refused, not drawn blank.
bool view_is_sane(const ExportOptions& opt, Problem* problem);

// The GL side of an export (map renderer, text, overlay shaders), compiled once with the
// current context. Creating it before the document has loaded lets the CLI overlap shader
// compilation with loading.
class ExportRenderers {
  public:
    ExportRenderers();
    ~ExportRenderers();
    bool init(Problem* problem);
    // Creates the framebuffer for a width x height export ahead and faults in its memory, so
    // render_export at that size starts drawing at once. `stream`: render_export leaves the
    // pixels there (Image::rows) for write_export to read band by band into the encoder, with
    // no copy of the whole image; otherwise the readback buffer is faulted in too.
    bool prepare(int width, int height, bool stream, Problem* problem);
    struct Impl;
    std::unique_ptr<Impl> impl;
};

// The level of detail the export's view will draw (so it can be tessellated ahead), and what
// of it the export needs: its view and its selection.
int export_level(const Document& doc, const ExportOptions& opt);
render::LodScope export_lod_scope(const Document& doc, const ExportOptions& opt);

// Renders with the current GL context (see above). `renderers`: initialised ones to use (else
// made here); `lod`: the geometry of export_level() and export_lod_scope() built ahead (else
// built here).
bool render_export(const Document& doc, const ExportOptions& opt, Image& out, ExportInfo* info,
                   Problem* problem, ExportRenderers* renderers = nullptr,
                   render::LodGeometry* lod = nullptr);

// Creates a headless context, renders, writes `path` (PNG with Title, Source, Software,
// Creation Time) and the sidecar beside it (`path` with .json), both atomically.
bool export_image(const Document& doc, const ExportOptions& opt, const std::string& path,
                  ExportInfo* info, Problem* problem);
// Encodes and writes an image rendered by render_export (PNG + sidecar), both atomically.
bool write_export(const Document& doc, const ExportOptions& opt, const Image& img, ExportInfo& info,
                  const std::string& path, Problem* problem);

// The sidecar: everything to reproduce the image.
std::string sidecar_json(const Document& doc, const ExportOptions& opt, const ExportInfo& info,
                         const std::string& png_path);
// Reads a sidecar into options (exact view, size, scale, layers, selection, texts, data paths).
// Checksum mismatches with the files named in it are reported as warnings in `warnings`.
bool options_from_sidecar(const std::string& path, ExportOptions& opt, Problems& warnings,
                          Problem* problem);

// "OUT.json" for "OUT.png".
std::string sidecar_path(const std::string& png_path);
// Hex SHA-256 of bytes (OpenSSL) and of a file or a folder's files (sorted by name).
std::string sha256_hex(std::string_view bytes);
std::string sha256_path(const std::string& path);
// Of an embedded resource ("assets/briefmap.gpkg"), computed once per process.
const std::string& resource_sha256(const std::string& name);
// Passages per global scene feature (for label priorities).
std::vector<double> mention_counts(const Document& doc);

}  // namespace bm::exporter
