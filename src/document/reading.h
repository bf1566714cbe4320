#pragma once
// What a reader does with places, passages and sources, without a window: the place search
// (the Places list and Enter in its search box share it), citations and quotes for the
// clipboard, the source filter's summary and date presets, the projection's short name, and
// where an export is saved by default. The panels in src/ui only draw these.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/corpus.h"
#include "document/document.h"
#include "document/view_state.h"

namespace bm {

// Places matching `search` (folded: case and diacritics ignored; names, aliases and ids),
// ordered as the Places list shows them: by name (sort 0) or by `counts` (passages passing
// the filter, one per gazetteer place) then name (sort 1).
std::vector<PlaceId> search_places(const gazetteer::Gazetteer& g, std::string_view search,
                                   const std::vector<int>& counts, int sort);

// "Outlet, YYYY-MM-DD, “Title”, URL": the parts the article has, in that order.
std::string citation(const corpus::Article& a);
// "“paragraph” (Outlet, YYYY-MM-DD)": the passage in quotes and the short citation.
std::string quote(const corpus::Article& a, size_t paragraph);

// How many articles the filter lets through.
struct FilterSummary {
    size_t shown = 0, total = 0;
    bool active = false;
    std::string text() const;  // "3 of 9 articles"
};
FilterSummary summarise_filter(const corpus::Corpus& c, const SourceFilter& f);

// The distinct dates of the corpus' articles, oldest first ("" left out).
std::vector<std::string> corpus_dates(const corpus::Corpus& c);
// `date` moved by `days` (negative: earlier), ISO in and out; "" when `date` is not a date.
std::string add_days(const std::string& date, int days);
// The filter's dates set to the last `days` days of the corpus (its last date and the
// `days - 1` before it); outlets kept. Unchanged for a corpus without dates.
void filter_last_days(const corpus::Corpus& c, int days, SourceFilter& f);
// "YYYY-MM-DD" naming a real day (2024-02-30 is not).
bool is_iso_date(std::string_view s);

// The projection in a few words for the status bar: "LCC 40°N 46°E", "LAEA 40°N 45°E",
// "UTM 38N", "WGS 84 lon/lat"; the definition itself when it cannot be read.
std::string crs_brief(const std::string& definition);

// The Export dialog's sizes: the map view's own (0 × 0 here), 16:9 slide, 4K, square, A4
// landscape at 300 dpi; the last, "Custom", is any other size.
struct SizePreset {
    const char* name;
    int width, height;
};
const std::vector<SizePreset>& export_size_presets();
// The preset of a size (never 0, the map view's, whose size changes with the window):
// Custom's index for any size no preset has.
size_t size_preset_for(int width, int height);

// The folder an export is saved to by default: the working directory when it can be written
// and is not "/" (nor /root when that is not $HOME), else $HOME, else ".".
std::string default_export_dir();

}  // namespace bm
