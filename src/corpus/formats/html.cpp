// HTML pages as a browser saves them ("Save Page As…"): one article per page. libxml2's HTML
// parser (error-tolerant, as browsers are) builds the tree; metadata comes from, in order of
// trust, JSON-LD NewsArticle, OpenGraph/article meta, <meta name=author>, <link rel=canonical>,
// <time datetime>, <title>; the body is the article element (itemprop=articleBody, <article>, or
// the element with the most paragraph text) without page furniture, one paragraph per <p>,
// <li>, heading or text block, then the same furniture rules as saved text pages (body.h).
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "common/utf8.h"
#include "corpus/body.h"
#include "corpus/formats/format.h"
#include "corpus/furniture.h"
#include "corpus/text.h"

namespace bm::corpus::formats {

using text::trim;

namespace {

using nlohmann::json;

// Deeper than any real page; past it the tree is not walked (a fuzzed page of 100,000 nested
// <div>s must not exhaust the stack).
constexpr int kMaxDepth = 400;

std::string_view sv(const xmlChar* s) {
    return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return char(std::tolower((unsigned char)c)); });
    return out;
}

bool is_element(const xmlNode* n) {
    return n && n->type == XML_ELEMENT_NODE;
}
std::string_view tag(const xmlNode* n) {
    return sv(n->name);
}  // the HTML parser lower-cases

std::string_view attr(const xmlNode* n, std::string_view name) {
    for (const xmlAttr* a = n->properties; a; a = a->next)
        if (sv(a->name) == name)
            return a->children && a->children->type == XML_TEXT_NODE ? sv(a->children->content)
                                                                     : std::string_view("");
    return {};
}
bool has_attr(const xmlNode* n, std::string_view name) {
    for (const xmlAttr* a = n->properties; a; a = a->next)
        if (sv(a->name) == name) return true;
    return false;
}

// All text under `n` (scripts' JSON, <title>), as libxml2 decoded it.
std::string content(const xmlNode* n) {
    xmlChar* c = xmlNodeGetContent(n);
    std::string s(sv(c));
    xmlFree(c);
    return s;
}

// ---------------------------------------------------------------------------------------------
// Character sets

bool valid_utf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        const size_t n = utf8::valid_length(s, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

// The charset a page declares in its first 4 KiB (<meta charset=…> or http-equiv content
// "text/html; charset=…"), lower-cased; "" when none.
std::string declared_charset(std::string_view bytes) {
    const std::string head = lower(bytes.substr(0, 4096));
    for (size_t at = head.find("charset"); at != std::string::npos;
         at = head.find("charset", at + 7)) {
        size_t i = at + 7;
        while (i < head.size() && (head[i] == ' ' || head[i] == '\t')) ++i;
        if (i >= head.size() || head[i] != '=') continue;
        ++i;
        while (i < head.size() && (head[i] == ' ' || head[i] == '"' || head[i] == '\'')) ++i;
        size_t j = i;
        while (j < head.size() && (std::isalnum((unsigned char)head[j]) || head[j] == '-' ||
                                   head[j] == '_' || head[j] == ':' || head[j] == '.'))
            ++j;
        if (j > i) return head.substr(i, j - i);
    }
    return {};
}

// What to decode the page as. Browsers read Latin-1 and ASCII labels as windows-1252 (the WHATWG
// Encoding standard), which gives curly quotes where ISO-8859-1 has control codes; a page that
// declares UTF-8 but is not, or declares nothing and is not UTF-8, is read as windows-1252 too.
std::string choose_encoding(std::string_view bytes, const std::string& name, Problems& problems) {
    if (bytes.starts_with("\xEF\xBB\xBF")) return "UTF-8";
    if (bytes.starts_with("\xFF\xFE")) return "UTF-16LE";
    if (bytes.starts_with("\xFE\xFF")) return "UTF-16BE";
    std::string cs = declared_charset(bytes);
    static const std::array<std::string_view, 9> kWin1252 = {
        "iso-8859-1", "iso8859-1", "latin1",       "latin-1", "us-ascii",
        "ascii",      "cp1252",    "windows-1252", "x-cp1252"};
    if (std::find(kWin1252.begin(), kWin1252.end(), cs) != kWin1252.end()) return "windows-1252";
    const bool utf8 = valid_utf8(bytes);
    if (cs == "utf-8" || cs == "utf8" || cs.empty()) {
        if (utf8) return "UTF-8";
        problems.push_back(warning("read article", name, "",
                                   cs.empty() ? "no charset declared and not UTF-8; read as "
                                                "windows-1252"
                                              : "declares UTF-8 but is not UTF-8; read as "
                                                "windows-1252"));
        return "windows-1252";
    }
    return cs;  // libxml2 (iconv) knows the rest; an unknown one is reported below
}

// ---------------------------------------------------------------------------------------------
// Metadata

struct Meta {
    std::string title, outlet, date, byline, url;
};

bool type_is_article(const json& t) {
    static const std::array<std::string_view, 9> kTypes = {
        "NewsArticle",           "Article",         "ReportageNewsArticle",
        "AnalysisNewsArticle",   "BlogPosting",     "OpinionNewsArticle",
        "BackgroundNewsArticle", "LiveBlogPosting", "Report"};
    auto one = [](const json& s) {
        return s.is_string() && std::find(kTypes.begin(), kTypes.end(),
                                          s.get_ref<const std::string&>()) != kTypes.end();
    };
    if (t.is_array()) return std::any_of(t.begin(), t.end(), one);
    return one(t);
}

// Every object of a JSON-LD block (top level, arrays, @graph), depth-limited.
void collect_objects(const json& j, std::vector<const json*>& out, int depth = 0) {
    if (depth > 8) return;
    if (j.is_array()) {
        for (const json& e : j) collect_objects(e, out, depth + 1);
    } else if (j.is_object()) {
        out.push_back(&j);
        if (auto g = j.find("@graph"); g != j.end()) collect_objects(*g, out, depth + 1);
    }
}

std::string str_of(const json& j) {
    return j.is_string() ? text::normalize_spaces(j.get_ref<const std::string&>()) : std::string();
}

// A name: "X", {"name": "X"}, {"@id": ref} resolved in the page's graph, or a list of them.
std::string name_of(const json& j, const std::map<std::string, const json*>& ids, int depth = 0) {
    if (depth > 3) return {};
    if (j.is_string()) return str_of(j);
    if (j.is_array()) {
        std::string out;
        for (const json& e : j) {
            std::string n = name_of(e, ids, depth + 1);
            if (n.empty() || out.find(n) != std::string::npos) continue;
            out += (out.empty() ? "" : ", ") + n;
        }
        return out;
    }
    if (!j.is_object()) return {};
    if (auto n = j.find("name"); n != j.end() && n->is_string()) return str_of(*n);
    if (auto id = j.find("@id"); id != j.end() && id->is_string())
        if (auto it = ids.find(id->get<std::string>()); it != ids.end() && it->second != &j)
            return name_of(*it->second, ids, depth + 1);
    return {};
}

std::string url_of(const json& j) {
    if (j.is_string()) return std::string(trim(j.get_ref<const std::string&>()));
    if (j.is_object())
        if (auto id = j.find("@id"); id != j.end() && id->is_string())
            return std::string(trim(id->get_ref<const std::string&>()));
    return {};
}

void from_json_ld(const std::string& script, Meta& m) {
    json j = json::parse(script, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return;
    std::vector<const json*> objs;
    collect_objects(j, objs);
    std::map<std::string, const json*> ids;
    for (const json* o : objs)
        if (auto id = o->find("@id"); id != o->end() && id->is_string())
            ids.emplace(id->get<std::string>(), o);
    for (const json* o : objs) {
        auto t = o->find("@type");
        if (t == o->end() || !type_is_article(*t)) continue;
        auto get = [&](const char* k) -> const json* {
            auto it = o->find(k);
            return it == o->end() ? nullptr : &*it;
        };
        auto set = [](std::string& field, std::string v) {
            if (field.empty()) field = std::move(v);
        };
        if (auto* v = get("headline")) set(m.title, str_of(*v));
        if (auto* v = get("name")) set(m.title, str_of(*v));
        if (auto* v = get("publisher")) set(m.outlet, name_of(*v, ids));
        if (auto* v = get("datePublished")) set(m.date, str_of(*v));
        if (auto* v = get("dateCreated")) set(m.date, str_of(*v));
        if (auto* v = get("author")) set(m.byline, name_of(*v, ids));
        if (auto* v = get("url")) set(m.url, url_of(*v));
        if (auto* v = get("mainEntityOfPage")) set(m.url, url_of(*v));
        return;  // the first article object is the page's
    }
}

// ---------------------------------------------------------------------------------------------
// Page furniture

bool furniture_tag(std::string_view t) {
    static const std::array<std::string_view, 26> kTags = {
        "script", "style",  "noscript", "template",   "nav",    "header",   "footer",
        "aside",  "form",   "button",   "select",     "input",  "textarea", "iframe",
        "svg",    "canvas", "figure",   "figcaption", "dialog", "menu",     "object",
        "embed",  "audio",  "video",    "picture",    "label"};
    return std::find(kTags.begin(), kTags.end(), t) != kTags.end();
}

// Words of class and id values that name furniture (matched as whole words of "a-b_c d").
bool furniture_word(std::string_view w) {
    static const std::array<std::string_view, 47> kWords = {
        "share",         "sharing",      "social",      "related",         "newsletter",
        "subscribe",     "subscription", "signup",      "cookie",          "cookies",
        "consent",       "gdpr",         "banner",      "promo",           "advert",
        "advertisement", "ad",           "ads",         "sponsor",         "sponsored",
        "sidebar",       "comments",     "comment",     "breadcrumb",      "breadcrumbs",
        "menu",          "nav",          "navbar",      "navigation",      "footer",
        "masthead",      "tags",         "recommended", "recommendations", "popular",
        "trending",      "outbrain",     "taboola",     "paywall",         "modal",
        "popup",         "overlay",      "toolbar",     "widget",          "teaser",
        "skip",          "bio"};
    return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

bool furniture_words(std::string_view v) {
    const std::string s = lower(v);
    if (s.find("most-read") != std::string::npos || s.find("read-more") != std::string::npos ||
        s.find("also-read") != std::string::npos || s.find("read-also") != std::string::npos)
        return true;
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && !std::isalnum((unsigned char)s[i])) ++i;
        size_t j = i;
        while (j < s.size() && std::isalnum((unsigned char)s[j])) ++j;
        if (j > i && furniture_word(std::string_view(s).substr(i, j - i))) return true;
        i = j;
    }
    return false;
}

bool is_article_container(const xmlNode* n) {
    const auto t = tag(n);
    return t == "html" || t == "body" || t == "main" || t == "article" ||
           attr(n, "itemprop") == "articleBody";
}

bool judge_furniture(const xmlNode* n) {
    if (furniture_tag(tag(n))) return true;
    if (has_attr(n, "hidden") || attr(n, "aria-hidden") == "true") return true;
    static const std::array<std::string_view, 8> kRoles = {"navigation",    "banner", "contentinfo",
                                                           "complementary", "dialog", "alert",
                                                           "search",        "menu"};
    const std::string role = lower(attr(n, "role"));
    if (std::find(kRoles.begin(), kRoles.end(), role) != kRoles.end()) return true;
    const std::string style = lower(attr(n, "style"));
    if (style.find("display:none") != std::string::npos ||
        style.find("display: none") != std::string::npos)
        return true;
    // Content management systems tag the article element itself with its topics
    // ("tag-armenia", "category-news"): the class words only judge what is inside it.
    if (is_article_container(n)) return false;
    return furniture_words(attr(n, "class")) || furniture_words(attr(n, "id"));
}

// Asked of every element several times (scan, paragraph counts, the walk): the answer is kept in
// the node's _private field, which libxml2 leaves to its users.
bool is_furniture(const xmlNode* n) {
    static char yes, no;
    if (n->_private == &yes) return true;
    if (n->_private == &no) return false;
    const bool f = judge_furniture(n);
    const_cast<xmlNode*>(n)->_private = f ? &yes : &no;
    return f;
}

// ---------------------------------------------------------------------------------------------
// Paragraphs

bool is_block(std::string_view t) {
    static const std::array<std::string_view, 34> kBlocks = {
        "p",   "li",    "h1",    "h2",      "h3",      "h4",      "h5",      "h6",   "blockquote",
        "pre", "dd",    "dt",    "div",     "section", "td",      "th",      "tr",   "ul",
        "ol",  "dl",    "table", "address", "center",  "main",    "article", "body", "html",
        "hr",  "tbody", "thead", "tfoot",   "details", "summary", "caption"};
    return std::find(kBlocks.begin(), kBlocks.end(), t) != kBlocks.end();
}

struct Block {
    std::string text;
    size_t link_chars = 0;
    bool list_item = false;
};

class Collector {
  public:
    std::vector<Block> blocks;

    void walk(const xmlNode* n, int depth, bool in_link = false, bool in_li = false) {
        if (depth > kMaxDepth) return;
        for (const xmlNode* c = n->children; c; c = c->next) {
            if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
                append(sv(c->content), in_link, in_li);
                continue;
            }
            if (!is_element(c) || is_furniture(c)) continue;
            const auto t = tag(c);
            if (t == "br") {
                flush();
                continue;
            }
            if (is_block(t)) {
                flush();
                walk(c, depth + 1, false, t == "li" || (in_li && t != "ul" && t != "ol"));
                flush();
            } else {
                walk(c, depth + 1, in_link || t == "a", in_li);
            }
        }
    }

    void flush() {
        auto t = trim(cur_.text);
        if (!t.empty()) blocks.push_back({std::string(t), cur_.link_chars, cur_.list_item});
        cur_ = {};
        space_ = false;
    }

  private:
    // White space collapses to one space, as a browser renders it.
    // &nbsp; is layout glue on web pages: a space in the paragraph.
    void append(std::string_view s, bool in_link, bool in_li) {
        for (size_t i = 0; i < s.size(); ++i) {
            const char ch = s[i];
            const bool nbsp = ch == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0';
            if (nbsp) ++i;
            if (nbsp || ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f') {
                space_ = !cur_.text.empty();
                continue;
            }
            if (space_) cur_.text += ' ';
            space_ = false;
            cur_.text += ch;
            if (in_link) ++cur_.link_chars;
        }
        cur_.list_item |= in_li;
    }
    Block cur_;
    bool space_ = false;
};

// Letters of paragraph text directly under `n` (its <p> children): how readers find the
// article's element on a page without <article>.
size_t paragraph_chars(const xmlNode* n) {
    size_t total = 0;
    for (const xmlNode* c = n->children; c; c = c->next)
        if (is_element(c) && tag(c) == "p" && !is_furniture(c)) {
            Collector col;
            col.walk(c, 0);
            col.flush();
            for (const Block& b : col.blocks) total += b.text.size() - b.link_chars;
        }
    return total;
}

struct Candidates {
    const xmlNode* body = nullptr;
    const xmlNode* article_body = nullptr;  // itemprop=articleBody
    std::vector<const xmlNode*> articles;   // <article> elements
    const xmlNode* densest = nullptr;
    size_t densest_chars = 0;
    std::vector<std::string> json_ld;
    std::map<std::string, std::string> meta;  // og:title, article:published_time, author, …
    std::string canonical, time, title_tag, h1;
};

// One pass over the whole tree: metadata (wherever it is) and the body's candidates (outside
// furniture only).
void scan(const xmlNode* n, int depth, bool in_furniture, Candidates& c) {
    if (depth > kMaxDepth) return;
    for (const xmlNode* e = n->children; e; e = e->next) {
        if (!is_element(e)) continue;
        const auto t = tag(e);
        if (t == "script") {
            if (lower(attr(e, "type")) == "application/ld+json") c.json_ld.push_back(content(e));
            continue;
        }
        if (t == "meta") {
            std::string key = lower(attr(e, "property"));
            if (key.empty()) key = lower(attr(e, "name"));
            const auto v = attr(e, "content");
            if (!key.empty() && !trim(v).empty()) c.meta.emplace(key, std::string(trim(v)));
            continue;
        }
        if (t == "link") {
            const std::string rel = lower(attr(e, "rel"));
            if (c.canonical.empty() && (" " + rel + " ").find(" canonical ") != std::string::npos)
                c.canonical = std::string(trim(attr(e, "href")));
            continue;
        }
        if (t == "title" && c.title_tag.empty()) {
            c.title_tag = text::normalize_spaces(content(e));
            continue;
        }
        if (t == "time" && c.time.empty() && !trim(attr(e, "datetime")).empty())
            c.time = std::string(trim(attr(e, "datetime")));
        if (t == "h1" && c.h1.empty()) c.h1 = text::normalize_spaces(content(e));
        const bool furn = in_furniture || is_furniture(e);
        if (!furn) {
            if (t == "body" && !c.body) c.body = e;
            if (attr(e, "itemprop") == "articleBody" && !c.article_body) c.article_body = e;
            if (t == "article") c.articles.push_back(e);
            if (const size_t pc = paragraph_chars(e); pc > c.densest_chars) {
                c.densest_chars = pc;
                c.densest = e;
            }
        }
        scan(e, depth + 1, furn, c);
    }
}

size_t article_chars(const xmlNode* n) {
    Collector col;
    col.walk(n, 0);
    col.flush();
    size_t total = 0;
    for (const Block& b : col.blocks)
        if (reads_as_sentence(b.text)) total += b.text.size() - b.link_chars;
    return total;
}

// The element that holds the article: itemprop=articleBody; else the <article> with the most
// sentence text, unless the densest paragraph parent holds twice as much (a page whose
// <article> elements are teasers); else that parent; else <body>.
const xmlNode* article_root(const Candidates& c) {
    if (c.article_body) return c.article_body;
    const xmlNode* best = nullptr;
    size_t best_chars = 0;
    for (const xmlNode* a : c.articles)
        if (const size_t n = article_chars(a); n > best_chars) {
            best = a;
            best_chars = n;
        }
    if (best && 2 * best_chars >= c.densest_chars) return best;
    if (c.densest) return c.densest;
    return c.body;
}

// An ISO date-time ("2023-12-08T09:30:00+04:00") or a written date → "2023-12-08".
std::string iso_day(std::string_view v) {
    v = trim(v);
    if (v.size() > 10 && (v[10] == 'T' || v[10] == ' ')) v = v.substr(0, 10);
    return parse_date(v);
}

std::string host_of(std::string_view url) {
    const size_t s = url.find("://");
    if (s == std::string_view::npos) return {};
    url.remove_prefix(s + 3);
    url = url.substr(0, url.find_first_of("/?#:"));
    if (url.starts_with("www.")) url.remove_prefix(4);
    return lower(url);
}

bool is_web_url(std::string_view u) {
    return u.starts_with("http://") || u.starts_with("https://");
}

// "Title | Outlet" or "Title - Outlet" from <title>: the title without the outlet.
std::string strip_outlet(std::string t, std::string_view outlet) {
    for (std::string_view sep : {" | ", " - ", " \u2013 ", " \u2014 ", " :: "}) {
        const size_t at = t.rfind(sep);
        if (at == std::string::npos || at == 0) continue;
        const std::string tail = t.substr(at + sep.size());
        if (outlet.empty() || text::equals_icase(tail, outlet) || tail.size() < 40) {
            t.resize(at);
            break;
        }
    }
    return t;
}

bool starts_as_html(std::string_view b) {
    if (b.starts_with("\xEF\xBB\xBF")) b.remove_prefix(3);
    const std::string head = lower(b.substr(0, 1024));
    const size_t i = head.find_first_not_of(" \t\r\n\f");
    if (i == std::string::npos) return false;
    const std::string_view h = std::string_view(head).substr(i);
    if (h.starts_with("<!doctype html") || h.starts_with("<html")) return true;
    // A comment or an XML declaration first (pages saved by some browsers), then the tags.
    return (h.starts_with("<!--") || h.starts_with("<?xml")) &&
           (head.find("<html") != std::string::npos || head.find("<head") != std::string::npos);
}

struct DocFree {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

void quiet(void*, const char*, ...) {}

std::optional<std::vector<Article>> read_html(const Input& in, Problems& problems) {
    static std::once_flag init;
    std::call_once(init, [] { xmlInitParser(); });
    const std::string_view bytes = in.bytes;
    if (trim(bytes).empty()) {
        problems.push_back(warning("read article", in.name, "", "empty file"));
        return std::vector<Article>{};
    }
    if (!bytes.starts_with("\xFF\xFE") && !bytes.starts_with("\xFE\xFF") &&
        text::looks_binary(bytes)) {
        problems.push_back(
            error("read article", in.name, "", "not an HTML page (binary data); skipped"));
        return std::vector<Article>{};
    }
    if (bytes.size() > size_t(INT32_MAX)) return std::vector<Article>{};  // read_file caps it
    const std::string enc = choose_encoding(bytes, in.name, problems);
    // libxml2 writes its complaints about broken markup to stderr unless told not to; a saved
    // page is rarely valid HTML and that is not the user's problem.
    xmlSetGenericErrorFunc(nullptr, quiet);
    const int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                     HTML_PARSE_NONET | HTML_PARSE_COMPACT;
    std::unique_ptr<xmlDoc, DocFree> doc(
        htmlReadMemory(bytes.data(), int(bytes.size()), nullptr, enc.c_str(), opts));
    if (!doc && enc != "windows-1252") {
        problems.push_back(warning("read article", in.name, "",
                                   "unknown charset \"" + enc + "\"; read as windows-1252"));
        doc.reset(htmlReadMemory(bytes.data(), int(bytes.size()), nullptr, "windows-1252", opts));
    }
    const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (!root) {
        problems.push_back(error("read article", in.name, "", "not an HTML page; skipped"));
        return std::vector<Article>{};
    }
    Candidates c;
    {
        // The root itself is a candidate too (a fragment without <body>).
        xmlNode holder{};
        holder.children = const_cast<xmlNode*>(root);
        scan(&holder, 0, false, c);
    }
    Meta m;
    for (const std::string& s : c.json_ld) {
        from_json_ld(s, m);
        if (!m.title.empty()) break;
    }
    auto meta = [&](const char* k) -> std::string {
        auto it = c.meta.find(k);
        return it == c.meta.end() ? std::string() : text::normalize_spaces(it->second);
    };
    auto set = [](std::string& field, std::string v) {
        if (field.empty()) field = std::move(v);
    };
    set(m.title, meta("og:title"));
    set(m.outlet, meta("og:site_name"));
    set(m.date, meta("article:published_time"));
    set(m.url, meta("og:url"));
    set(m.byline, meta("author"));
    if (const std::string a = meta("article:author"); !is_web_url(a)) set(m.byline, a);
    set(m.url, c.canonical);
    set(m.date, c.time);
    set(m.date, meta("date"));
    set(m.title, strip_outlet(c.title_tag, m.outlet));
    set(m.title, c.h1);
    if (!is_web_url(m.url)) m.url.clear();  // "/news/1234" or "#": not a link to open
    set(m.outlet, host_of(m.url));

    Article a;
    a.source_file = in.name;
    a.title = m.title;
    a.outlet = m.outlet;
    a.byline = m.byline;
    a.url = m.url;
    auto report_date = [&] {
        if (!m.date.empty()) {
            a.date = iso_day(m.date);
            if (a.date.empty())
                problems.push_back(warning(
                    "read article", in.name, "",
                    std::string(is_impossible_date(m.date.substr(0, 10)) ? "impossible date \""
                                                                         : "unrecognised date \"") +
                        m.date + "\"; the article is undated"));
        } else {
            problems.push_back(warning("read article", in.name, "",
                                       "no date (JSON-LD datePublished, article:published_time or "
                                       "<time datetime>); the article is listed as undated"));
        }
    };

    const xmlNode* body = article_root(c);
    Collector col;
    if (body) col.walk(body, 0);
    col.flush();
    // The blocks as text paragraphs (blank lines between), for the furniture rules every saved
    // page goes through; link lists (tags, related stories) go first.
    std::string joined;
    for (const Block& b : col.blocks) {
        const size_t letters = b.text.size();
        if (b.link_chars * 10 >= letters * 6 && (b.list_item || !reads_as_sentence(b.text)))
            continue;
        // The markup already told related links from text: a "Read also" heading goes alone
        // (its links went above), so the text rules do not take the paragraphs after it for
        // more titles. A date alone (the dateline under the title) is metadata.
        if (classify_line(b.text) == Furniture::RelatedHeading || !parse_date(b.text).empty())
            continue;
        joined += b.text;
        joined += "\n\n";
    }
    Problems ignored;  // libxml2 gave UTF-8; this only removes control characters
    const std::string clean = sanitize_utf8(joined, in.name, ignored);
    const auto lines = text::split_lines(clean);
    add_body(a, lines, 0, lines.size());
    if (a.paragraphs.empty()) {
        problems.push_back(error("read article", in.name, "",
                                 body ? "no article text in the page (only menus, links or "
                                        "page furniture); skipped"
                                      : "no <body> in the page; skipped"));
        return std::vector<Article>{};
    }
    report_date();
    // Metadata can carry control characters (the fuzzer found a DEL in a <title>): they get the
    // same replacement as the text.
    for (std::string* f : {&a.title, &a.outlet, &a.byline, &a.url})
        *f = sanitize_utf8(*f, in.name, ignored);
    if (a.title.empty()) {  // the first words of the text, cut at a character boundary
        const std::string& first = a.paragraphs.front();
        a.title = first.substr(0, utf8::floor_boundary(first, std::min<size_t>(120, first.size())));
    }
    return std::vector<Article>{std::move(a)};
}

class Html final : public Format {
  public:
    std::string_view name() const override { return "html"; }
    std::vector<std::string_view> extensions() const override {
        return {".html", ".htm", ".xhtml"};
    }
    bool reads_bytes() const override { return true; }
    bool sniff(const Input& in) const override { return starts_as_html(in.bytes); }
    std::optional<std::vector<Article>> read(const Input& in, Problems& problems) const override {
        return read_html(in, problems);
    }
};

}  // namespace

const Format& html() {
    static const Html kFormat;
    return kFormat;
}

}  // namespace bm::corpus::formats
