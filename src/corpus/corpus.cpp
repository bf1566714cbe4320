#include "corpus/corpus.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>

#include "common/atomic_file.h"
#include "common/resources.h"
#include "corpus/text.h"

namespace bm::corpus {

namespace fs = std::filesystem;
using text::contains_icase;
using text::equals_icase;
using text::starts_with_icase;
using text::trim;

// ---------------------------------------------------------------------------------------------
// Dates and boilerplate

namespace {

struct Ymd {
    int year = 0, month = 0, day = 0;
};

bool real_day(const Ymd& d) {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d.year < 1000 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1) return false;
    const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    return d.day <= kDays[size_t(d.month - 1)] + (d.month == 2 && leap ? 1 : 0);
}

// Recognises the shape of a date (month name or ISO digits) without checking that the day
// exists (day and ISO month 0..99 pass), so "Feb 30 2023" is a date-shaped line.
std::optional<Ymd> date_shape(std::string_view s) {
    static constexpr std::array<std::string_view, 12> kMonths = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    s = trim(s);
    // No date spelling is longer than this; a long line (a 50 MB paragraph) is not tokenised.
    if (s.size() > 40) return std::nullopt;
    // ISO already.
    if (s.size() == 10 && s[4] == '-' && s[7] == '-' && std::all_of(s.begin(), s.end(), [](char c) {
            return std::isdigit((unsigned char)c) || c == '-';
        })) {
        auto n = [&](size_t at, size_t len) { return std::stoi(std::string(s.substr(at, len))); };
        if (s.substr(0, 4).find('-') != std::string_view::npos ||
            s.substr(5, 2).find('-') != std::string_view::npos ||
            s.substr(8, 2).find('-') != std::string_view::npos)
            return std::nullopt;
        return Ymd{n(0, 4), n(5, 2), n(8, 2)};
    }
    // Tokens: words and numbers; commas, periods and spaces (incl. U+00A0) separate.
    std::vector<std::string> tok;
    std::string cur;
    for (char c : text::normalize_spaces(s)) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            cur += c;
        } else if (c == ' ' || c == ',' || c == '.') {
            if (!cur.empty()) tok.push_back(std::move(cur)), cur.clear();
        } else {
            return std::nullopt;
        }
    }
    if (!cur.empty()) tok.push_back(cur);
    if (tok.size() != 3) return std::nullopt;
    auto month_of = [&](const std::string& w) -> int {
        if (w.size() < 3 || !std::isalpha((unsigned char)w[0])) return 0;
        for (size_t m = 0; m < kMonths.size(); ++m)
            if (starts_with_icase(kMonths[m], w) &&
                (w.size() == 3 || w.size() == kMonths[m].size() ||
                 (m == 8 && w.size() == 4)))  // "Sept"
                return int(m) + 1;
        return 0;
    };
    auto num = [](const std::string& w) -> int {
        if (w.empty() || w.size() > 4 ||
            !std::all_of(w.begin(), w.end(), [](char c) { return std::isdigit((unsigned char)c); }))
            return -1;
        return std::stoi(w);
    };
    int month = 0, day = -1, year = -1;
    if ((month = month_of(tok[0]))) {  // Dec 8 2023
        day = num(tok[1]);
        year = num(tok[2]);
    } else if ((month = month_of(tok[1]))) {  // 8 December 2023
        day = num(tok[0]);
        year = num(tok[2]);
    }
    if (!month || day < 0 || day > 99 || year < 1000 || tok[2].size() != 4) return std::nullopt;
    return Ymd{year, month, day};
}

}  // namespace

std::string parse_date(std::string_view s) {
    auto d = date_shape(s);
    if (!d || !real_day(*d)) return {};
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->year, d->month, d->day);
    return buf;
}

bool is_impossible_date(std::string_view s) {
    auto d = date_shape(s);
    return d && !real_day(*d);
}

bool is_boilerplate_line(std::string_view line) {
    static constexpr std::array<std::string_view, 20> kWords = {
        "facebook", "twitter",   "whatsapp",   "reddit",        "email",
        "e-mail",   "linkedin",  "telegram",   "pinterest",     "print",
        "share",    "tweet",     "copy link",  "close dialog",  "x",
        "vk",       "flipboard", "share this", "advertisement", "skip to content"};
    line = trim(line);
    for (auto w : kWords)
        if (equals_icase(line, w)) return true;
    // Wire-service desk codes at the end of AFP copy, e.g. "bur-jbr/cad/rox".
    if (!line.empty() && line.size() < 48 && line.find('/') != std::string_view::npos &&
        std::all_of(line.begin(), line.end(),
                    [](char c) { return (c >= 'a' && c <= 'z') || c == '-' || c == '/'; }))
        return true;
    return false;
}

namespace {

// A block of lines (between blank lines) that is a newsletter sign-up box.
bool is_newsletter_block(const std::vector<std::string_view>& block) {
    int hits = 0;
    for (auto l : block) {
        if (l.size() > 240) return false;  // reporting, not a widget
        if ((contains_icase(l, "sign up") || contains_icase(l, "subscribe")) &&
            (contains_icase(l, "newsletter") || contains_icase(l, "email")))
            ++hits;
        if (starts_with_icase(trim(l), "by subscribing") ||
            equals_icase(trim(l), "privacy policy.") || equals_icase(trim(l), "close dialog"))
            ++hits;
    }
    return hits > 0;
}

bool is_url(std::string_view s) {
    s = trim(s);
    return (s.starts_with("http://") || s.starts_with("https://")) &&
           s.find(' ') == std::string_view::npos;
}

bool has_lower(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Byline-ish header lines right after the date: "By Ragip Soylu in Ankara", "SWARAJYA STAFF",
// "FROM AFP News".
bool is_byline(std::string_view l) {
    l = trim(l);
    if (l.size() < 100 && (l.starts_with("By ") || l.starts_with("By\xC2\xA0"))) return true;
    if (l.size() < 60 && l.starts_with("FROM ")) return true;
    if (l.size() < 60 && !has_lower(l) &&
        std::any_of(l.begin(), l.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        return true;
    return false;
}

// A dateline stub such as "CNN —" (the wire's place/outlet tag before the first paragraph).
bool is_dateline_stub(std::string_view l) {
    l = trim(l);
    return l.size() < 40 &&
           (l.ends_with("\xE2\x80\x94") || l.ends_with("\xE2\x80\x93") || l.ends_with(" -"));
}

bool blank(std::string_view l) {
    return trim(l).empty();
}

// Turns body lines into paragraphs: blank lines separate paragraphs, lines inside a paragraph
// are joined with a space, boilerplate is dropped, a bare URL becomes the article's url.
void add_body(Article& a, const std::vector<std::string_view>& lines, size_t begin, size_t end) {
    std::vector<std::string_view> block;
    auto flush = [&] {
        if (block.empty()) return;
        if (!is_newsletter_block(block)) {
            std::string para;
            for (auto l : block) {
                if (is_boilerplate_line(l)) continue;
                auto t = trim(l);
                if (t.empty()) continue;
                if (!para.empty()) para += ' ';
                para += t;
            }
            if (is_url(para)) {
                if (a.url.empty()) a.url = std::string(trim(para));
            } else if (!para.empty()) {
                a.paragraphs.push_back(std::move(para));
            }
        }
        block.clear();
    };
    for (size_t i = begin; i < end; ++i) {
        if (blank(lines[i]))
            flush();
        else
            block.push_back(lines[i]);
    }
    flush();
}

struct Anchor {
    size_t title, outlet, date;  // line indices; outlet == npos when absent
};
constexpr size_t npos = std::string_view::npos;

// Finds article headers: a date line preceded by "title, blank, outlet" or "title, blank"
// (each title itself preceded by a blank line or the start of the file). A date line directly
// under another date line is a repeat, not a new article.
std::vector<Anchor> find_anchors(const std::vector<std::string_view>& lines) {
    std::vector<Anchor> out;
    auto is_blank_or_start = [&](long i) { return i < 0 || blank(lines[size_t(i)]); };
    auto titleish = [&](long i) {
        return i >= 0 && !blank(lines[size_t(i)]) && trim(lines[size_t(i)]).size() < 300 &&
               parse_date(lines[size_t(i)]).empty() && !is_url(lines[size_t(i)]);
    };
    for (size_t d = 0; d < lines.size(); ++d) {
        if (parse_date(lines[d]).empty()) continue;
        if (d > 0 && !parse_date(lines[d - 1]).empty()) continue;  // repeated date
        long i = long(d);
        if (titleish(i - 1) && trim(lines[d - 1]).size() < 100 && is_blank_or_start(i - 2) &&
            titleish(i - 3) && is_blank_or_start(i - 4)) {
            out.push_back({d - 3, d - 1, d});  // title, blank, outlet, date
        } else if (titleish(i - 1) && titleish(i - 2) && is_blank_or_start(i - 3)) {
            out.push_back({d - 2, d - 1, d});  // title, outlet, date
        } else if (is_blank_or_start(i - 1) && titleish(i - 2) && is_blank_or_start(i - 3)) {
            out.push_back({d - 2, npos, d});  // title, blank, date (no outlet)
        } else if (titleish(i - 1) && i - 2 < 0) {
            out.push_back({d - 1, npos, d});  // title, date at the top of a file
        }
    }
    return out;
}

std::string heading_text(std::string_view l) {
    l = trim(l);
    while (l.starts_with("#")) l.remove_prefix(1);
    return text::normalize_spaces(trim(l));
}

std::vector<Article> parse_seed_format(const std::vector<std::string_view>& lines,
                                       const std::string& name, Problems& problems) {
    std::vector<Article> out;
    auto anchors = find_anchors(lines);
    if (anchors.empty()) return out;
    for (size_t i = 0; i < anchors[0].title; ++i)
        if (!blank(lines[i])) {
            problems.push_back(warning("read article", name, "line " + std::to_string(i + 1),
                                       "text before the first article header ignored"));
            break;
        }
    for (size_t k = 0; k < anchors.size(); ++k) {
        const Anchor& h = anchors[k];
        size_t end = k + 1 < anchors.size() ? anchors[k + 1].title : lines.size();
        Article a;
        a.source_file = name;
        a.title = heading_text(lines[h.title]);
        if (h.outlet != npos) a.outlet = text::normalize_spaces(trim(lines[h.outlet]));
        a.date = parse_date(lines[h.date]);
        // Header lines directly under the date (no blank line between): repeated date, byline,
        // dateline stub, or already the standfirst / first paragraph.
        size_t i = h.date + 1;
        for (; i < end && !blank(lines[i]); ++i) {
            auto l = trim(lines[i]);
            if (!parse_date(l).empty() || is_dateline_stub(l) || is_boilerplate_line(l)) continue;
            if (is_byline(l)) {
                if (a.byline.empty()) a.byline = text::normalize_spaces(l);
                continue;
            }
            a.paragraphs.emplace_back(l);
        }
        add_body(a, lines, i, end);
        if (a.paragraphs.empty())
            problems.push_back(warning("read article", name, "line " + std::to_string(h.title + 1),
                                       "the article has no paragraphs"));
        out.push_back(std::move(a));
    }
    return out;
}

// Names the article by its line, not its text: a file that is not an article (/etc/passwd)
// must not have its first line echoed into a report.
void report_undated(size_t title_line, const std::string& name, Problems& problems) {
    problems.push_back(warning("read article", name, "line " + std::to_string(title_line + 1),
                               "the article has no date; it is listed as undated"));
}

// `---` front matter, then paragraphs.
std::optional<Article> parse_front_matter(const std::vector<std::string_view>& lines,
                                          const std::string& name, Problems& problems) {
    if (lines.empty() || trim(lines[0]) != "---") return std::nullopt;
    Article a;
    a.source_file = name;
    size_t i = 1;
    bool date_line = false, title_line = false;
    for (; i < lines.size() && trim(lines[i]) != "---"; ++i) {
        auto l = lines[i];
        auto colon = l.find(':');
        if (colon == npos) {
            problems.push_back(warning("read article", name, "line " + std::to_string(i + 1),
                                       "front matter line without 'key:' ignored"));
            continue;
        }
        std::string key(trim(l.substr(0, colon)));
        std::transform(key.begin(), key.end(), key.begin(),
                       [](char c) { return char(std::tolower((unsigned char)c)); });
        auto v = trim(l.substr(colon + 1));
        if (v.size() >= 2 &&
            ((v.front() == '"' && v.back() == '"') || (v.front() == '\'' && v.back() == '\'')))
            v = v.substr(1, v.size() - 2);
        std::string value = text::normalize_spaces(v);
        if (key == "title") {
            a.title = value;
            title_line = true;
        } else if (key == "outlet" || key == "source" || key == "publisher")
            a.outlet = value;
        else if (key == "date") {
            date_line = !value.empty();
            a.date = parse_date(value);
            if (a.date.empty() && !value.empty())
                problems.push_back(
                    warning("read article", name, "line " + std::to_string(i + 1),
                            std::string(is_impossible_date(value) ? "impossible date \""
                                                                  : "unrecognised date \"") +
                                value + "\"; the article is undated"));
        } else if (key == "url" || key == "link")
            a.url = value;
        else if (key == "byline" || key == "author")
            a.byline = value;
    }
    if (i == lines.size()) {
        problems.push_back(error("read article", name, "line 1", "front matter not closed by ---"));
        return std::nullopt;
    }
    size_t body = i + 1;
    // No title: a leading "# Heading" is one. An explicit `title: ""` keeps the article
    // untitled, so its first paragraph stays a paragraph (and is linked).
    if (!title_line) {
        while (body < lines.size() && blank(lines[body])) ++body;
        if (body < lines.size() && trim(lines[body]).starts_with("#"))
            a.title = heading_text(lines[body++]);
    }
    if (title_line && a.title.empty())
        problems.push_back(
            warning("read article", name, "", "empty title; the article is untitled"));
    if (!date_line) report_undated(0, name, problems);
    add_body(a, lines, body, lines.size());
    return a;
}

// One article without a recognisable header: first line is the title, then optional outlet and
// date lines, then paragraphs.
Article parse_plain(const std::vector<std::string_view>& lines, const std::string& name,
                    Problems& problems) {
    Article a;
    a.source_file = name;
    bool impossible = false;
    size_t i = 0;
    while (i < lines.size() && blank(lines[i])) ++i;
    const size_t title_line = i;
    if (i < lines.size()) a.title = heading_text(lines[i++]);
    // Up to three short header lines: outlet, date, byline.
    for (size_t n = 0; n < 3 && i < lines.size(); ++n) {
        while (i < lines.size() && blank(lines[i])) ++i;
        if (i >= lines.size()) break;
        auto l = trim(lines[i]);
        if (auto d = parse_date(l); !d.empty()) {
            a.date = d;
            ++i;
        } else if (a.date.empty() && is_impossible_date(l)) {
            problems.push_back(
                warning("read article", name, "line " + std::to_string(i + 1),
                        "impossible date \"" + std::string(l) + "\"; the article is undated"));
            impossible = true;
            ++i;
        } else if (a.date.empty() && l.size() < 60 && i + 1 < lines.size() &&
                   (!parse_date(lines[i + 1]).empty() || is_impossible_date(lines[i + 1]))) {
            a.outlet = text::normalize_spaces(l);
            ++i;
        } else if (!a.date.empty() && is_byline(l)) {
            a.byline = text::normalize_spaces(l);
            ++i;
        } else {
            break;
        }
    }
    add_body(a, lines, i, lines.size());
    if (a.date.empty() && !impossible) report_undated(title_line, name, problems);
    return a;
}

std::vector<Article> parse_text(const std::string& clean, const std::string& name,
                                Problems& problems) {
    auto lines = text::split_lines(clean);
    if (auto a = parse_front_matter(lines, name, problems)) return {std::move(*a)};
    auto arts = parse_seed_format(lines, name, problems);
    if (!arts.empty()) return arts;
    bool any = std::any_of(lines.begin(), lines.end(), [](auto l) { return !blank(l); });
    if (!any) {
        problems.push_back(warning("read article", name, "", "empty file"));
        return {};
    }
    return {parse_plain(lines, name, problems)};
}

std::vector<Article> parse_jsonl(const std::string& clean, const std::string& name,
                                 Problems& problems) {
    std::vector<Article> out;
    auto lines = text::split_lines(clean);
    for (size_t i = 0; i < lines.size(); ++i) {
        if (blank(lines[i])) continue;
        std::string where = "line " + std::to_string(i + 1);
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(lines[i]);
        } catch (const nlohmann::json::exception& e) {
            problems.push_back(
                error("read article", name, where, std::string("bad JSON: ") + e.what()));
            continue;
        }
        if (!j.is_object()) {
            problems.push_back(error("read article", name, where, "not a JSON object"));
            continue;
        }
        // Decoded JSON strings can hold escaped control characters that raw text cannot
        // (\r, \u0000, \u0001): give them the same treatment as in text files.
        bool had_nul = false;
        auto str = [&](const char* key) -> std::string {
            auto it = j.find(key);
            if (it == j.end() || !it->is_string()) return std::string();
            const std::string& raw = it->get_ref<const std::string&>();
            const bool control = std::any_of(raw.begin(), raw.end(), [](char c) {
                const auto u = static_cast<unsigned char>(c);
                return (u < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\v') || u == 0x7f;
            });
            if (!control) return raw;
            Problems ignored;
            had_nul |= raw.find('\0') != std::string::npos;
            return sanitize_utf8(raw, name, ignored);
        };
        Article a;
        a.source_file = name;
        a.title = text::normalize_spaces(str("title"));
        a.outlet = text::normalize_spaces(str("outlet"));
        a.url = std::string(trim(str("url")));
        a.byline = text::normalize_spaces(str("byline"));
        std::string date = str("date");
        a.date = parse_date(date);
        if (a.date.empty() && !date.empty())
            problems.push_back(
                warning("read article", name, where,
                        std::string(is_impossible_date(date) ? "impossible date \""
                                                             : "unrecognised date \"") +
                            date + "\"; the article is undated"));
        else if (a.date.empty())
            problems.push_back(warning("read article", name, where,
                                       "no \"date\"; the article is listed as undated"));
        std::string body = str("text");
        if (body.empty()) problems.push_back(warning("read article", name, where, "no \"text\""));
        if (had_nul)
            problems.push_back(
                warning("read article", name, where,
                        "NUL characters (\\u0000) in the record; replaced by U+FFFD"));
        auto blines = text::split_lines(body);
        add_body(a, blines, 0, blines.size());
        out.push_back(std::move(a));
    }
    return out;
}

bool has_ext(const fs::path& p, std::initializer_list<std::string_view> exts) {
    std::string e = p.extension().string();
    std::transform(e.begin(), e.end(), e.begin(),
                   [](char c) { return char(std::tolower((unsigned char)c)); });
    return std::find(exts.begin(), exts.end(), e) != exts.end();
}

// Regular files only: a FIFO or device would block or never end (see bm::read_file).
std::optional<std::string> slurp(const fs::path& p, Problems& problems) {
    std::string bytes;
    Problem pr;
    if (!read_file(p.string(), bytes, &pr)) {
        problems.push_back(error("read corpus", p.string(), "", pr.why));
        return std::nullopt;
    }
    return bytes;
}

}  // namespace

std::vector<Article> parse(std::string_view bytes, const std::string& name, Problems& problems) {
    if (text::looks_binary(bytes)) {
        problems.push_back(error("read article", name, "",
                                 "not UTF-8 text (binary data or another encoding); skipped"));
        return {};
    }
    std::string clean = sanitize_utf8(bytes, name, problems);
    auto arts = has_ext(name, {".jsonl", ".ndjson"}) ? parse_jsonl(clean, name, problems)
                                                     : parse_text(clean, name, problems);
    for (Article& a : arts)
        for (std::string& para : a.paragraphs)
            if (para.size() > kMaxParagraphBytes) {
                size_t n = kMaxParagraphBytes;  // cut at a character boundary
                while (n > 0 && (static_cast<unsigned char>(para[n]) & 0xC0) == 0x80) --n;
                problems.push_back(warning(
                    "read article", name, "",
                    "a paragraph of " + std::to_string(para.size() >> 20) + " MiB, more than the " +
                        std::to_string(kMaxParagraphBytes >> 20) + " MiB limit; cut there"));
                para.resize(n);
            }
    return arts;
}

Corpus read(const std::string& path, Problems& problems) {
    Corpus c;
    std::error_code ec;
    fs::path p(path);
    if (fs::is_directory(p, ec)) {
        std::vector<fs::path> files;
        if (is_kernel_path(path)) {
            problems.push_back(error("read corpus", path, "",
                                     "a kernel folder (/proc, /sys or /dev), not articles"));
            return c;
        }
        // error_code forms only: a symlink loop or an unreadable entry is a problem, not an
        // exception. One level, at most kMaxCorpusFiles articles.
        size_t seen = 0;
        for (fs::directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec)) {
            const fs::directory_entry& e = *it;
            if (!has_ext(e.path(), {".txt", ".md", ".jsonl", ".ndjson"})) continue;
            if (++seen > kMaxCorpusFiles) {
                problems.push_back(warning("read corpus", path, "",
                                           "more than " + std::to_string(kMaxCorpusFiles) +
                                               " article files; the rest skipped"));
                break;
            }
            std::error_code fec;
            if (e.is_regular_file(fec))
                files.push_back(e.path());
            else  // a directory (or FIFO, socket) named like an article
                problems.push_back(warning("read corpus", e.path().string(), "",
                                           e.is_directory(fec)
                                               ? "is a directory, expected an article file; skipped"
                                               : "not a regular file; skipped"));
        }
        if (ec)
            problems.push_back(
                error("read corpus", path, "", "cannot list the folder: " + ec.message()));
        std::sort(files.begin(), files.end());
        if (files.empty() && !ec)
            problems.push_back(
                error("read corpus", path, "", "no .txt, .md or .jsonl files in folder"));
        for (const auto& f : files) {
            auto bytes = slurp(f, problems);
            if (!bytes) continue;
            auto arts = parse(*bytes, f.string(), problems);
            // A folder holds one article per .txt/.md file; a multi-article seed file is fine too.
            for (auto& a : arts) c.articles.push_back(std::move(a));
        }
        return c;
    }
    if (!fs::exists(p, ec)) {
        problems.push_back(error("read corpus", path, "", "no such file or folder"));
        return c;
    }
    auto bytes = slurp(p, problems);
    if (bytes) c.articles = parse(*bytes, path, problems);
    return c;
}

Corpus read_default(Problems& problems) {
    Corpus c;
    auto names = resource_names("corpus/");
    for (const auto& n : names) {
        if (!has_ext(n, {".txt", ".md", ".jsonl", ".ndjson"})) continue;
        auto bytes = resource(n);
        for (auto& a : parse(*bytes, n, problems)) c.articles.push_back(std::move(a));
    }
    if (c.articles.empty())
        problems.push_back(error("read corpus", "corpus/", "", "no corpus embedded in this build"));
    return c;
}

}  // namespace bm::corpus
