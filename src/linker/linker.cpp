#include "linker/linker.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>
#include <utility>

#include "gazetteer/unicode.h"
#include "linker/decisions.h"

namespace bm::linker {

namespace {

// Demonyms → the country they stand for when Options::demonyms is on.
constexpr std::pair<std::string_view, std::string_view> kDemonyms[] = {
    {"Armenian", "Armenia"},
    {"Armenians", "Armenia"},
    {"Azerbaijani", "Azerbaijan"},
    {"Azerbaijanis", "Azerbaijan"},
    {"Azeri", "Azerbaijan"},
    {"Azeris", "Azerbaijan"},
    {"Turkish", "Turkey"},
    {"Turk", "Turkey"},
    {"Turks", "Turkey"},
    {"Iranian", "Iran"},
    {"Iranians", "Iran"},
    {"Georgian", "Georgia"},
    {"Georgians", "Georgia"},
    {"Russian", "Russia"},
    {"Russians", "Russia"},
    {"Ukrainian", "Ukraine"},
    {"Ukrainians", "Ukraine"},
    {"Israeli", "Israel"},
    {"Israelis", "Israel"},
    {"French", "France"},
    {"Indian", "India"},
    {"Indians", "India"},
    {"American", "United States"},
    {"Americans", "United States"},
    {"Karabakhi", "Nagorno-Karabakh"},
    {"Nakhchivani", "Nakhchivan"},
    {"Syrian", "Syria"},
};

// A word next to a mention: [start, end) byte offsets; empty when there is none.
struct Word {
    uint32_t start = 0, end = 0;
    explicit operator bool() const { return end > start; }
    std::string_view in(std::string_view t) const { return t.substr(start, end - start); }
};

constexpr size_t kMaxWordBytes = 32;  // the window: a word longer than this is not looked at

bool ascii_word(uint8_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The word after the one space (or no-break space) at `pos`, if any.
Word next_word(std::string_view t, size_t pos) {
    const auto* p = reinterpret_cast<const uint8_t*>(t.data());
    const size_t n = t.size();
    size_t j;
    if (pos < n && p[pos] == ' ')
        j = pos + 1;
    else if (pos + 1 < n && p[pos] == 0xC2 && p[pos + 1] == 0xA0)
        j = pos + 2;
    else
        return {};
    size_t k = j;
    while (k < n && k - j < kMaxWordBytes) {
        if (ascii_word(p[k])) {
            ++k;
        } else if (p[k] >= 0x80) {
            size_t len = 0;
            if (!gazetteer::uni::is_word(gazetteer::uni::decode(t, k, len))) break;
            k += len;
        } else {
            break;
        }
    }
    return {uint32_t(j), uint32_t(k)};
}

// The word before the one space (or no-break space) that ends at `pos`, if any.
Word prev_word(std::string_view t, size_t pos) {
    const auto* p = reinterpret_cast<const uint8_t*>(t.data());
    size_t k;
    if (pos >= 1 && p[pos - 1] == ' ')
        k = pos - 1;
    else if (pos >= 2 && p[pos - 2] == 0xC2 && p[pos - 1] == 0xA0)
        k = pos - 2;
    else
        return {};
    size_t j = k;
    while (j > 0 && k - j < kMaxWordBytes) {
        if (ascii_word(p[j - 1])) {
            --j;
        } else if (p[j - 1] >= 0x80) {
            size_t len = 0;
            if (!gazetteer::uni::is_word(gazetteer::uni::decode_before(t, j, len))) break;
            j -= len;
        } else {
            break;
        }
    }
    return {uint32_t(j), uint32_t(k)};
}

bool capitalised(std::string_view t, Word w) {
    if (!w) return false;
    const uint8_t c = uint8_t(t[w.start]);
    if (c < 0x80) return c >= 'A' && c <= 'Z';
    size_t len = 0;
    return gazetteer::uni::is_upper(gazetteer::uni::decode(t, w.start, len));
}

// Rank of a GeoNames feature code (or, without one, of the kind) for prominence.
float code_rank(const gazetteer::Place& p) {
    const std::string& c = p.feature_code;
    if (c == "PPLC") return 3;
    if (c == "PPLA" || c == "ADM1") return 2;
    if (c == "PPLA2" || c == "ADM2") return 1.5f;
    if (c.starts_with("PPLA") || c.starts_with("ADM")) return 1;
    if (c.starts_with("PPL")) return 0.5f;
    if (!c.empty()) return 0.25f;
    if (p.kind == "country") return 4;
    if (p.kind == "province" || p.kind == "autonomous republic") return 2;
    if (p.kind == "district") return 1.5f;
    if (p.kind == "city") return 1;
    if (p.kind == "town") return 0.5f;
    return 0;
}

// A settlement below this prominence (a GeoNames PPL of under ~10,000 people, an authored
// village) more than kFarKm from every other place an article names is taken for a namesake.
constexpr float kFarVillage = 2.5f;
constexpr double kFarKm = 600;

double km_between(float lon1, float lat1, float lon2, float lat2) {
    constexpr double kRad = 3.14159265358979323846 / 180;
    const double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
    const double a =
        std::sin(dlat / 2) * std::sin(dlat / 2) +
        std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * 6371 * std::asin(std::min(1.0, std::sqrt(a)));
}

// Confidence of the best of several scores: its softmax share.
float share(const std::vector<float>& scores, size_t best) {
    double sum = 0;
    for (float s : scores) sum += std::exp(double(s - scores[best]));
    return float(1 / sum);
}

}  // namespace

std::string_view reason_name(Reason r) {
    switch (r) {
        case Reason::only_place:
            return "only_place";
        case Reason::words_around:
            return "words_around";
        case Reason::kind_mismatch:
            return "kind_mismatch";
        case Reason::same_article:
            return "same_article";
        case Reason::nearby_places:
            return "nearby_places";
        case Reason::province:
            return "province";
        case Reason::prominence:
            return "prominence";
        case Reason::person:
            return "person";
        case Reason::organisation:
            return "organisation";
        case Reason::common_word:
            return "common_word";
        case Reason::hashtag:
            return "hashtag";
        case Reason::far_away:
            return "far_away";
        case Reason::user:
            return "user";
    }
    return "unknown";
}

std::string_view reason_text(Reason r) {
    switch (r) {
        case Reason::only_place:
            return "the only place of this name";
        case Reason::words_around:
            return "the words around it say which place";
        case Reason::kind_mismatch:
            return "the words around it name another kind of place than the one of this name";
        case Reason::same_article:
            return "decided by another mention in the same article";
        case Reason::nearby_places:
            return "the place of this name nearest the article's others";
        case Reason::province:
            return "in a province the article names";
        case Reason::prominence:
            return "the most prominent place of this name";
        case Reason::person:
            return "probably part of a person's name";
        case Reason::organisation:
            return "probably part of an organisation's or product's name";
        case Reason::common_word:
            return "also a common word, and nothing around it says place";
        case Reason::hashtag:
            return "in a hashtag";
        case Reason::far_away:
            return "a village far from every other place the article names";
        case Reason::user:
            return "decided by the user";
    }
    return "";
}

std::string describe(const Hit& h, const gazetteer::Gazetteer& gaz, float threshold) {
    if (h.confidence >= kSure && h.candidates.empty()) return {};
    char conf[32];
    std::snprintf(conf, sizeof conf, "confidence %.2f", double(h.confidence));
    std::string out = h.confidence < threshold ? "not counted (" + std::string(conf) + ")" : conf;
    out += ": ";
    out += reason_text(h.reason);
    for (size_t k = 0; k < h.candidates.size() && gaz.contains(h.candidates[k]); ++k) {
        const auto& p = gaz[h.candidates[k]];
        out += k == 0 ? "; also " : ", ";
        out += p.name + " (" + p.kind + ", " + p.id + ")";
    }
    return out;
}

Linker::Linker(const gazetteer::Gazetteer& gaz, const Options& opt)
    : opt_(opt), vocab_(opt.vocabulary ? opt.vocabulary : &Vocabulary::builtin()) {
    for (size_t i = 0; i < gaz.size(); ++i) {
        const auto& p = gaz.places()[i];
        matcher_.add(p.name, uint32_t(i));
        for (const auto& a : p.aliases) matcher_.add(a, uint32_t(i));
    }
    if (opt.demonyms) {
        for (auto [demonym, country] : kDemonyms) {
            auto ids = gaz.find(country);
            // Prefer the country feature over a same-named city or province.
            auto it = std::find_if(ids.begin(), ids.end(),
                                   [&](PlaceId k) { return gaz[k].kind == "country"; });
            if (it == ids.end() && !ids.empty()) it = ids.begin();
            if (it != ids.end()) matcher_.add(demonym, it->raw());
        }
    }
    stop_value_ = uint32_t(gaz.size());
    for (const auto& s : vocab_->stop_phrases()) matcher_.add(s, stop_value_);
    matcher_.build();

    // Districts named "X District", "X rayonu": X with district words around names them.
    for (PlaceId i : gaz.ids()) {
        const auto& p = gaz[i];
        if (vocab_->kind_class(p.kind) != Vocabulary::KindClass::district) continue;
        auto form = [&](const std::string& n) {
            const size_t sp = n.rfind(' ');
            if (sp == std::string::npos || sp == 0) return;
            if (vocab_->roles(std::string_view(n).substr(sp + 1)) & kDistrictAfter)
                district_form_.emplace(gazetteer::fold_key(n.substr(0, sp)), i);
        };
        form(p.name);
        for (const auto& a : p.aliases) form(a);
    }
    if (!district_form_.empty())
        for (PlaceId i : gaz.ids()) {
            const auto& p = gaz[i];
            if (vocab_->kind_class(p.kind) == Vocabulary::KindClass::district) continue;
            auto it = district_form_.find(gazetteer::fold_key(p.name));
            for (size_t a = 0; it == district_form_.end() && a < p.aliases.size(); ++a)
                it = district_form_.find(gazetteer::fold_key(p.aliases[a]));
            if (it != district_form_.end()) town_district_.emplace(i, it->second);
        }
    std::unordered_map<std::string_view, PlaceId> by_id;
    by_id.reserve(gaz.size());
    for (PlaceId i : gaz.ids()) by_id.emplace(gaz[i].id, i);
    info_.resize(gaz.size());
    for (size_t i = 0; i < gaz.size(); ++i) {
        const auto& p = gaz.places()[i];
        PlaceInfo& in = info_[i];
        in.lon = float(p.lon);
        in.lat = float(p.lat);
        in.has_position = p.lon != 0 || p.lat != 0;
        in.prominence =
            code_rank(p) + (p.population > 0 ? float(std::log10(double(p.population))) / 2 : 0);
        if (!p.admin.empty())
            if (auto it = by_id.find(p.admin); it != by_id.end()) in.admin = it->second;
        in.cls = vocab_->kind_class(p.kind);
        if (i == 0) common_bits_.assign((gaz.size() + 63) / 64, 0);
        // Countries, provinces and cities of 100,000 or more are never taken for a common word.
        if (in.cls != Vocabulary::KindClass::district && p.kind != "country" &&
            p.population < 100000) {
            in.common_name = vocab_->common_word(p.name);
            for (size_t a = 0; !in.common_name && a < p.aliases.size(); ++a)
                in.common_name = vocab_->common_word(p.aliases[a]);
            if (in.common_name) common_bits_[i >> 6] |= uint64_t(1) << (i & 63);
        }
    }
}

// Hashtags and CamelCase tags ("#LachinCorridor", "#artsakh"): the tag is split before each
// capital that follows a lower-case letter, its first letter capitalised, and matched again; its
// matches replace those found inside the tag. Runs only on paragraphs with a '#'.
void Linker::add_hashtags(std::string_view text, std::vector<Match>& ms,
                          std::vector<Span>& tags) const {
    namespace uni = gazetteer::uni;
    std::vector<Match> found;
    std::string split;
    std::vector<uint32_t> from;  // split byte → text byte
    for (size_t h = text.find('#'); h != std::string_view::npos; h = text.find('#', h + 1)) {
        size_t j = h + 1, len = 0;
        split.clear();
        from.clear();
        bool prev_lower = false;
        while (j < text.size() && j - h < 256) {
            char32_t cp = uni::decode(text, j, len);
            if (!uni::is_word(cp)) break;
            if (uni::is_upper(cp) && prev_lower) {
                split += ' ';
                from.push_back(uint32_t(j));
            }
            if (split.empty()) cp = uni::to_upper(cp);
            prev_lower = uni::is_lower(cp) || (cp >= '0' && cp <= '9');
            const size_t before = split.size();
            uni::append_utf8(split, cp);
            // A capitalised first letter may differ in length (ı → I): map every byte to j.
            for (size_t b = before; b < split.size(); ++b)
                from.push_back(uint32_t(j + std::min(b - before, len - 1)));
            j += len;
        }
        if (j == h + 1) continue;
        from.push_back(uint32_t(j));
        tags.push_back({uint32_t(h), uint32_t(j)});
        found.clear();
        matcher_.find(split, found);
        std::erase_if(ms, [&](const Match& m) { return m.start > h && m.start < j; });
        for (const Match& m : found) {
            // The end maps to the byte after the tag text's last matched character.
            const uint32_t last = from[m.end - 1];
            size_t l = 0;
            uni::decode(text, last, l);
            ms.push_back({from[m.start], uint32_t(last + l), m.value});
        }
        h = j - 1;
    }
    std::stable_sort(ms.begin(), ms.end(),
                     [](const Match& a, const Match& b) { return a.start < b.start; });
}

Hit Linker::decide(std::string_view text, const std::vector<Match>& ms, size_t k, size_t e,
                   bool in_hashtag, Vocabulary::KindClass forced, Vocabulary::KindClass& ctx_out,
                   bool& plural) const {
    using KC = Vocabulary::KindClass;
    const Match& m = ms[k];
    // Nothing around it to read (punctuation on both sides: "(Shusha),", "Baku."): the only
    // place of its name, unless it is a common word or in a tag.
    if (e - k == 1 && forced == KC::other && !in_hashtag && !common(PlaceId(m.value)) &&
        (m.end >= text.size() || (text[m.end] != ' ' && uint8_t(text[m.end]) != 0xC2)) &&
        (m.start == 0 || (text[m.start - 1] != ' ' && uint8_t(text[m.start - 1]) != 0xA0))) {
        ctx_out = KC::other;
        plural = false;
        Hit h;
        h.place = PlaceId(m.value);
        h.span = {m.start, m.end};
        return h;
    }
    const std::string_view name = text.substr(m.start, m.end - m.start);
    const Word nw = next_word(text, m.end), pw = prev_word(text, m.start);
    const uint16_t nr = nw ? vocab_->roles(nw.in(text)) : 0;
    const bool nw_cap = capitalised(text, nw), pw_cap = capitalised(text, pw);
    const bool next_is_place = nw && e < ms.size() && ms[e].start == nw.start;

    // The kind the words around name: "X district", "the town of X".
    KC ctx = KC::other;
    if (nr & kDistrictAfter)
        ctx = KC::district;
    else if (nr & kSettlementAfter)
        ctx = KC::settlement;
    uint16_t pr = 0;
    if (pw) {
        const std::string_view pws = pw.in(text);
        if (pws == "of") {
            if (ctx == KC::other) {
                const Word ppw = prev_word(text, pw.start);
                const uint16_t r = ppw ? vocab_->roles(ppw.in(text)) : 0;
                if (r & kDistrictBeforeOf)
                    ctx = KC::district;
                else if (r & kSettlementBeforeOf)
                    ctx = KC::settlement;
            }
        } else if (pw_cap || common(PlaceId(m.value))) {
            pr = vocab_->roles(pws);
        }
    }
    if (ctx == KC::other) ctx = forced;
    ctx_out = ctx;
    // "the Dashkasan, Kalbajar and Lachin directions": the plural also names the list before it.
    plural = (nr & kDistrictAfter) && text[nw.end - 1] == 's';

    Hit h;
    h.span = {m.start, m.end};
    if (e - k == 1) {
        h.place = PlaceId(m.value);
        const KC cls = ctx == KC::other ? KC::other : info(h.place).cls;
        if (ctx != KC::other && cls != KC::other) {
            h.reason = cls == ctx ? Reason::words_around : Reason::kind_mismatch;
            h.confidence = cls == ctx ? 1.f : 0.7f;
        }
    } else {
        // Several places of this name: those of the kind the words name first, then by
        // prominence; the confidence is the winner's softmax share among the pool (an
        // insertion sort: a name rarely has more than a handful of places).
        auto fits = [&](PlaceId v) { return ctx != KC::other && info(v).cls == ctx; };
        auto before = [&](PlaceId a, PlaceId b) {
            if (fits(a) != fits(b)) return fits(a);
            return info(a).prominence > info(b).prominence;
        };
        std::vector<PlaceId>& c = h.candidates;
        c.reserve(e - k);
        for (size_t q = k; q < e; ++q) {
            const PlaceId v(ms[q].value);
            size_t at = c.size();
            c.push_back(v);
            for (; at > 0 && before(v, c[at - 1]); --at) c[at] = c[at - 1];
            c[at] = v;
        }
        h.place = c[0];
        double sum = 0;
        size_t pool = 0;
        for (PlaceId v : c)
            if (fits(v) == fits(c[0])) {
                sum += std::exp(double(info(v).prominence - info(c[0]).prominence));
                ++pool;
            }
        h.confidence = float(1 / sum);
        h.reason = Reason::prominence;
        if (fits(c[0]) && pool == 1) {
            h.reason = Reason::words_around;
            h.confidence = 0.9f;
        }
        c.erase(c.begin());
    }

    // The words name a district, but this name is a town's: the district whose name is this
    // one and a district word ("Kalbajar" + "District", "Laçın" + "rayonu"), if there is one.
    // The town's other spellings count too ("Aghdam district" → "Agdam District").
    if (ctx == KC::district && info(h.place).cls != KC::district && !district_form_.empty()) {
        auto it = district_form_.find(gazetteer::fold_key(name));
        PlaceId d = it != district_form_.end() ? it->second : PlaceId::none();
        if (!d)
            if (auto t = town_district_.find(h.place); t != town_district_.end()) d = t->second;
        if (d) {
            h.candidates.insert(h.candidates.begin(), h.place);
            std::erase(h.candidates, d);
            h.place = d;
            h.reason = Reason::words_around;
            h.confidence = 0.9f;
        }
    }
    // "Lake Sevan", "the Hakari bridge": a feature named after the settlement, not it.
    if (((pw_cap && (pr & kFeatureWord)) || (nr & kFeatureWord)) &&
        info(h.place).cls != KC::other) {
        h.reason = Reason::kind_mismatch;
        h.confidence = std::min(h.confidence, 0.3f);
    }

    // Not a place: part of a person's name or an organisation's.
    if (nw_cap && !next_is_place &&
        !(nr & (kPlaceWordAfter | kDistrictAfter | kSettlementAfter | kOrganisationAfter))) {
        const std::string_view nws = nw.in(text);
        if ((!(nr & kNotSurname) && vocab_->surname_ending(nws) && !vocab_->common_word(nws)) ||
            (vocab_->roles(name) & kGivenName)) {
            h.reason = Reason::person;
            h.confidence = 0.05f;
            return h;
        }
    }
    if (pw_cap && (pr & kPersonBefore)) {
        h.reason = Reason::person;
        h.confidence = 0.05f;
        return h;
    }
    bool organisation = pw_cap && (pr & kOrganisationBefore);
    Word w = nw;
    for (int i = 0; i < 3 && w && !organisation; ++i) {
        const uint16_t r = i == 0 ? nr : vocab_->roles(w.in(text));
        if (r & kOrganisationAfter) organisation = true;
        if (!capitalised(text, w)) break;
        w = next_word(text, w.end);
    }
    if (organisation) {
        h.reason = Reason::organisation;
        h.confidence = 0.05f;
        return h;
    }
    // A one-word name that is also a common word ("Kind", "Gold"): a place only with support.
    if (common(h.place) && vocab_->common_word(name)) {
        if (ctx != KC::other) {
            h.confidence = std::min(h.confidence, 0.8f);
            h.reason = Reason::words_around;
        } else if (pw && !pw_cap && (pr & kPlaceBefore)) {
            h.confidence = std::min(h.confidence, 0.6f);
            h.reason = Reason::words_around;
        } else {
            h.confidence = std::min(h.confidence, 0.3f);
            h.reason = Reason::common_word;
        }
    }
    if (in_hashtag && h.reason == Reason::only_place) {
        h.reason = Reason::hashtag;
        h.confidence = 0.9f;
    }
    return h;
}

// One span's matches in Scratch::matches and what the words around it said.
struct Linker::Scratch::Group {
    size_t k, e;
    bool in_tag;
    Vocabulary::KindClass ctx = Vocabulary::KindClass::other;
    bool plural = false;
};
Linker::Scratch::Scratch() = default;
Linker::Scratch::~Scratch() = default;

std::vector<Hit> Linker::link(std::string_view text) const {
    std::vector<Hit> out;
    Scratch scratch;
    link(text, out, scratch);
    return out;
}

void Linker::link(std::string_view text, std::vector<Hit>& out, Scratch& sc) const {
    using KC = Vocabulary::KindClass;
    using Group = Scratch::Group;
    std::vector<Match>& ms = sc.matches;
    std::vector<Span>& tags = sc.tags;
    std::vector<Group>& groups = sc.groups;
    groups.clear();
    tags.clear();
    out.clear();
    ms.clear();
    matcher_.find(text, ms);
    if (opt_.disambiguate && text.find('#') != std::string_view::npos) add_hashtags(text, ms, tags);
    for (size_t k = 0; k < ms.size();) {
        size_t e = k + 1;
        while (e < ms.size() && ms[e].start == ms[k].start && ms[e].end == ms[k].end) ++e;
        // Values ascend within a span: a stop phrase, one past the last place, comes last.
        if (ms[e - 1].value == stop_value_) {
            k = e;
            continue;
        }
        if (!opt_.disambiguate) {
            for (; k < e; ++k) out.push_back({PlaceId(ms[k].value), {ms[k].start, ms[k].end}});
            continue;
        }
        bool in_tag = false;
        for (const Span& t : tags) in_tag |= ms[k].start > t.start && ms[k].start < t.end;
        Group g{k, e, in_tag};
        out.push_back(decide(text, ms, k, e, in_tag, KC::other, g.ctx, g.plural));
        groups.push_back(g);
        k = e;
    }
    // A list before a plural district word takes its kind: "the Dashkasan, Kalbajar and Lachin
    // directions", "Kalbajar and Lachin districts" (only names joined by ", ", " and ", " or ").
    for (size_t i = groups.size(); i-- > 1;) {
        const Group& next = groups[i];
        Group& g = groups[i - 1];
        if (!next.plural || next.ctx != KC::district || g.ctx != KC::other) continue;
        const Span a = out[i - 1].span, b = out[i].span;
        if (b.start < a.end) continue;
        const std::string_view gap = text.substr(a.end, b.start - a.end);
        if (gap != ", " && gap != " and " && gap != ", and " && gap != " or ") continue;
        out[i - 1] = decide(text, ms, g.k, g.e, g.in_tag, KC::district, g.ctx, g.plural);
        g.plural = true;  // and on to the name before it
    }
}

void Linker::resolve_article(std::vector<std::vector<Hit>>& paragraphs,
                             const std::vector<std::string>* texts) const {
    if (!opt_.disambiguate) return;
    if (texts && texts->size() == paragraphs.size() && !town_district_.empty())
        district_sense(paragraphs, *texts);
    bool any = false;
    for (const auto& hits : paragraphs)
        for (const Hit& h : hits) any |= !h.candidates.empty();
    // Anchors: counted, unshared settlements and districts with a position.
    std::vector<PlaceId> anchors;
    for (const auto& hits : paragraphs)
        for (const Hit& h : hits)
            if (h.candidates.empty() && counts(h) && info(h.place).has_position &&
                info(h.place).cls != Vocabulary::KindClass::other)
                anchors.push_back(h.place);
    std::sort(anchors.begin(), anchors.end());
    anchors.erase(std::unique(anchors.begin(), anchors.end()), anchors.end());
    // A village of the only name it has, far from all of two or more other places the article
    // names, is most likely a namesake of one the gazetteer lacks (a Suleymanli in western
    // Turkey for the Suleymanli of Jabrayil): kept, but not counted.
    if (anchors.size() >= 3)
        for (auto& hits : paragraphs)
            for (Hit& h : hits) {
                const PlaceInfo& in = info(h.place);
                if (!h.candidates.empty() || !counts(h) || !in.has_position ||
                    in.cls != Vocabulary::KindClass::settlement || in.prominence >= kFarVillage)
                    continue;
                double near = 1e9;
                size_t others = 0;
                for (PlaceId a : anchors)
                    if (a != h.place) {
                        ++others;
                        near = std::min(near, km_between(in.lon, in.lat, info(a).lon, info(a).lat));
                    }
                if (others >= 2 && near > kFarKm) {
                    h.confidence = std::min(h.confidence, 0.3f);
                    h.reason = Reason::far_away;
                }
            }
    if (!any) return;
    auto same_set = [](const Hit& a, const Hit& b) {
        std::vector<PlaceId> x = a.candidates, y = b.candidates;
        x.push_back(a.place);
        y.push_back(b.place);
        std::sort(x.begin(), x.end());
        std::sort(y.begin(), y.end());
        return x == y;
    };
    for (auto& hits : paragraphs)
        for (Hit& h : hits) {
            if (h.candidates.empty() || h.reason != Reason::prominence) continue;
            // The same name decided by its words elsewhere in the article.
            const Hit* decided = nullptr;
            for (const auto& other : paragraphs)
                for (const Hit& o : other)
                    if (!decided && &o != &h && o.reason == Reason::words_around &&
                        !o.candidates.empty() && same_set(o, h))
                        decided = &o;
            if (decided) {
                const PlaceId was = h.place;
                h.place = decided->place;
                std::replace(h.candidates.begin(), h.candidates.end(), h.place, was);
                h.confidence = 0.85f;
                h.reason = Reason::same_article;
                continue;
            }
            if (anchors.empty()) continue;
            // Otherwise prominence, plus closeness to the article's other places (a bonus that
            // falls from 3 to about 0 over 150 km), plus 2 for lying in a province it names.
            std::vector<PlaceId> c = h.candidates;
            c.insert(c.begin(), h.place);
            std::vector<float> score, base;
            std::vector<bool> in_province;
            for (PlaceId v : c) {
                const PlaceInfo& in = info(v);
                double near = 1e9;
                bool prov = false;
                for (PlaceId a : anchors) {
                    if (in.has_position)
                        near = std::min(near, km_between(in.lon, in.lat, info(a).lon, info(a).lat));
                    prov |= in.admin && (in.admin == a || info(a).admin == in.admin);
                }
                base.push_back(in.prominence);
                in_province.push_back(prov);
                score.push_back(in.prominence + (prov ? 2.f : 0.f) +
                                (near < 1e8 ? 3.f * float(std::exp(-near / 50)) : 0.f));
            }
            const size_t best =
                size_t(std::max_element(score.begin(), score.end()) - score.begin());
            const float conf = share(score, best);
            if (best == 0 && conf <= h.confidence) continue;  // the article adds nothing
            h.place = c[best];
            h.confidence = conf;
            h.reason = in_province[best] ? Reason::province : Reason::nearby_places;
            std::vector<size_t> order(c.size());
            for (size_t q = 0; q < c.size(); ++q) order[q] = q;
            std::stable_sort(order.begin(), order.end(),
                             [&](size_t a, size_t b) { return score[a] > score[b]; });
            h.candidates.clear();
            for (size_t q : order)
                if (q != best) h.candidates.push_back(c[q]);
        }
}

// One sense per article for a town and the district named after it: where the article names
// the district ("Aghdam District", "the Aghdam region") and never the town by its words
// ("Aghdam city", "the town of Aghdam"), a bare "Aghdam" elsewhere in it ("in Aghdam's Garvand
// village") is the district too. Only the district's own name moves: "Berdzor", a name of the
// town alone, stays the town.
void Linker::district_sense(std::vector<std::vector<Hit>>& paragraphs,
                            const std::vector<std::string>& texts) const {
    std::vector<PlaceId> districts, towns;  // named as such by the article
    for (const auto& hits : paragraphs)
        for (const Hit& h : hits) {
            if (!counts(h)) continue;
            if (info(h.place).cls == Vocabulary::KindClass::district)
                districts.push_back(h.place);
            else if (h.reason == Reason::words_around && town_district_.count(h.place))
                towns.push_back(h.place);
        }
    if (districts.empty()) return;
    auto has = [](const std::vector<PlaceId>& v, PlaceId x) {
        return std::find(v.begin(), v.end(), x) != v.end();
    };
    for (size_t p = 0; p < paragraphs.size(); ++p)
        for (Hit& h : paragraphs[p]) {
            if (h.reason != Reason::only_place || !h.candidates.empty()) continue;
            auto t = town_district_.find(h.place);
            if (t == town_district_.end() || !has(districts, t->second) || has(towns, h.place))
                continue;
            const std::string& text = texts[p];
            if (h.span.end > text.size() || h.span.start >= h.span.end) continue;
            auto f = district_form_.find(
                gazetteer::fold_key(text.substr(h.span.start, h.span.end - h.span.start)));
            if (f == district_form_.end() || f->second != t->second) continue;
            h.candidates = {h.place};
            h.place = t->second;
            h.reason = Reason::same_article;
            h.confidence = 0.75f;
        }
}

Index Index::build(const gazetteer::Gazetteer& gaz, const corpus::Corpus& corpus,
                   const Options& opt, const Decisions* decisions, DecisionReport* report) {
    return build(Linker(gaz, opt), corpus, decisions, report);
}

Index Index::build(const Linker& linker, const corpus::Corpus& corpus, const Decisions* decisions,
                   DecisionReport* report) {
    Index ix;
    ix.threshold_ = linker.options().threshold;
    ix.by_place_.resize(linker.place_count());
    ix.uncertain_by_place_.resize(linker.place_count());
    ix.by_passage_.resize(corpus.articles.size());
    ix.links_.resize(corpus.articles.size());
    Linker::Scratch scratch;
    for (size_t a = 0; a < corpus.articles.size(); ++a) {
        const auto& paras = corpus.articles[a].paragraphs;
        auto& links = ix.links_[a];
        links.resize(paras.size());
        for (size_t p = 0; p < paras.size(); ++p) linker.link(paras[p], links[p], scratch);
        linker.resolve_article(links, &paras);
        if (decisions) decisions->apply(corpus.articles[a], links, report);
        ix.index_article(linker, a);
    }
    return ix;
}

void Index::index_article(const Linker& linker, size_t a) {
    const auto& links = links_[a];
    by_passage_[a].assign(links.size(), {});
    for (size_t p = 0; p < links.size(); ++p) {
        auto& here = by_passage_[a][p];
        std::vector<PlaceSpans> low;  // places with only uncounted links here
        for (const Hit& h : links[p]) {
            const bool counted = linker.counts(h);
            (counted ? mentions_ : uncertain_)++;
            auto& into = counted ? here : low;
            auto it = std::find_if(into.begin(), into.end(),
                                   [&](const PlaceSpans& ps) { return ps.place == h.place; });
            if (it == into.end()) {
                into.push_back({h.place, {}});
                it = into.end() - 1;
            }
            it->spans.push_back(h.span);
        }
        for (const auto& ps : here)
            by_place_[ps.place.index()].push_back({ArticleId(a), uint32_t(p), ps.spans});
        for (const auto& ps : low)
            if (std::none_of(here.begin(), here.end(),
                             [&](const PlaceSpans& c) { return c.place == ps.place; }))
                uncertain_by_place_[ps.place.index()].push_back(
                    {ArticleId(a), uint32_t(p), ps.spans});
    }
}

void Index::relink(const Linker& linker, const corpus::Corpus& corpus,
                   const std::vector<ArticleId>& articles, const Decisions* decisions,
                   DecisionReport* report) {
    std::vector<size_t> todo;
    for (ArticleId a : articles)
        if (a && a.index() < corpus.articles.size()) todo.push_back(a.index());
    std::sort(todo.begin(), todo.end());
    todo.erase(std::unique(todo.begin(), todo.end()), todo.end());
    if (todo.empty()) return;
    const size_t places = linker.place_count();
    if (by_place_.size() < places) {
        by_place_.resize(places);
        uncertain_by_place_.resize(places);
    }
    if (links_.size() < corpus.articles.size()) {
        links_.resize(corpus.articles.size());
        by_passage_.resize(corpus.articles.size());
    }
    // Take the old links of these articles out of both directions (and out of the counts).
    std::vector<bool> redo(links_.size(), false);
    std::vector<size_t> touched;  // places whose lists lose or gain entries
    for (size_t a : todo) {
        redo[a] = true;
        for (const auto& hits : links_[a])
            for (const Hit& h : hits) {
                (linker.counts(h) ? mentions_ : uncertain_)--;
                touched.push_back(h.place.index());
            }
    }
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    auto drop = [&](std::vector<Passage>& list) {
        std::erase_if(list, [&](const Passage& ps) { return redo[ps.article.index()]; });
    };
    for (size_t pl : touched)
        if (pl < by_place_.size()) drop(by_place_[pl]), drop(uncertain_by_place_[pl]);
    Linker::Scratch scratch;
    for (size_t a : todo) {
        const auto& paras = corpus.articles[a].paragraphs;
        auto& links = links_[a];
        links.assign(paras.size(), {});
        for (size_t p = 0; p < paras.size(); ++p) linker.link(paras[p], links[p], scratch);
        linker.resolve_article(links, &paras);
        if (decisions) decisions->apply(corpus.articles[a], links, report);
        for (const auto& hits : links)
            for (const Hit& h : hits) touched.push_back(h.place.index());
        index_article(linker, a);
    }
    // Appended out of order: put every touched list back in article, paragraph order.
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    auto order = [](const Passage& x, const Passage& y) {
        return x.article.index() != y.article.index() ? x.article.index() < y.article.index()
                                                      : x.paragraph < y.paragraph;
    };
    for (size_t pl : touched)
        if (pl < by_place_.size()) {
            std::stable_sort(by_place_[pl].begin(), by_place_[pl].end(), order);
            std::stable_sort(uncertain_by_place_[pl].begin(), uncertain_by_place_[pl].end(), order);
        }
}

const std::vector<Passage>& Index::passages_of(PlaceId place) const {
    static const std::vector<Passage> kNone;
    return place && place.index() < by_place_.size() ? by_place_[place.index()] : kNone;
}

const std::vector<Passage>& Index::uncertain_passages_of(PlaceId place) const {
    static const std::vector<Passage> kNone;
    return place && place.index() < uncertain_by_place_.size() ? uncertain_by_place_[place.index()]
                                                               : kNone;
}

const std::vector<PlaceSpans>& Index::places_in(PassageRef r) const {
    static const std::vector<PlaceSpans> kNone;
    if (!r.article || r.article.index() >= by_passage_.size() ||
        r.paragraph >= by_passage_[r.article.index()].size())
        return kNone;
    return by_passage_[r.article.index()][r.paragraph];
}

const std::vector<Hit>& Index::links_in(PassageRef r) const {
    static const std::vector<Hit> kNone;
    if (!r.article || r.article.index() >= links_.size() ||
        r.paragraph >= links_[r.article.index()].size())
        return kNone;
    return links_[r.article.index()][r.paragraph];
}

}  // namespace bm::linker
