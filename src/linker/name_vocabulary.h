#pragma once
// The vocabulary unknown_names.cpp reasons with, as data (English news on the South Caucasus).
// Every word is compared lower-cased (gazetteer::fold_key). Adding a word here is the way to
// teach the finder; its code holds no words.
#include <string_view>

namespace bm::linker::vocab {

// "<word> of X": X is a place ("the village of Tegh", "the Alibayramli settlement of Kalbajar").
inline constexpr std::string_view kKindOf[] = {
    "village",  "villages",  "town",     "towns",       "city",        "settlement",
    "hamlet",   "community", "district", "districts",   "region",      "province",
    "area",     "outskirts", "suburb",   "communities", "settlements", "municipality",
    "environs", "vicinity",  "rayon",    "commune"};

// "<word> X": a place follows ("near Sotk", "in Kirants").
inline constexpr std::string_view kBefore[] = {"near",    "outside", "around",  "in",     "at",
                                               "from",    "into",    "towards", "toward", "via",
                                               "through", "beyond",  "nearby"};
// "X <word>": X is a place ("Kornidzor village", "the Hakari bridge", "Kalbajar District").
inline constexpr std::string_view kAfter[] = {
    "village",    "villages",    "town",       "settlement", "settlements",  "community",
    "checkpoint", "checkpoints", "post",       "district",   "region",       "province",
    "rayon",      "raion",       "marz",       "crossing",   "bridge",       "pass",
    "gorge",      "valley",      "river",      "lake",       "reservoir",    "mountain",
    "mountains",  "heights",     "hill",       "highway",    "road",         "corridor",
    "monastery",  "direction",   "directions", "section",    "municipality", "border",
    "airport",    "enclave",     "exclave"};

// Given names: a title-cased pair starting with one is a person ("Gohar Vardanyan").
inline constexpr std::string_view kGivenNames[] = {
    "nikol",    "ilham",  "vladimir", "sergei",  "sergey",    "serzh",     "robert",    "levon",
    "ararat",   "ruben",  "hikmet",   "hikmat",  "jeyhun",    "mehriban",  "anna",      "charles",
    "emmanuel", "antony", "anthony",  "josep",   "olaf",      "recep",     "tayyip",    "ebrahim",
    "masoud",   "hassan", "joe",      "donald",  "mikhail",   "dmitry",    "maria",     "gohar",
    "hayk",     "armen",  "arayik",   "samvel",  "davit",     "david",     "tigran",    "artur",
    "gagik",    "anahit", "lilit",    "narek",   "vahagn",    "eduard",    "mher",      "suren",
    "karen",    "arman",  "elmar",    "ramiz",   "ali",       "mammad",    "vugar",     "farid",
    "zakir",    "rashad", "ayaz",     "leyla",   "gunel",     "aydin",     "elchin",    "ramil",
    "john",     "james",  "michael",  "richard", "peter",     "paul",      "mark",      "thomas",
    "ursula",   "kaja",   "toivo",    "angela",  "marco",     "samantha",  "philip",    "andrew",
    "hakan",    "mevlut", "abbas",    "kamala",  "vladislav", "alexander", "aleksandr", "ivan",
    "maxim",    "ruslan", "arsen",    "vardan",  "zohrab",    "shahin",    "elnur",     "jalal"};

// Surname endings: the last word of a title-cased pair ending so is a person ("… Ghalumyan").
inline constexpr std::string_view kSurnameSuffixes[] = {
    "yan", "ian", "yev", "yeva", "ova", "eva", "ov", "ev", "enko", "shvili", "dze", "zade"};

// Titles: the capitalised words after one are a person ("Foreign Minister Jeyhun Bayramov").
inline constexpr std::string_view kTitles[] = {
    "president",  "minister",     "ministers", "deputy",      "speaker",      "governor",
    "mayor",      "general",      "gen",       "colonel",     "col",          "major",
    "lieutenant", "captain",      "sergeant",  "ambassador",  "envoy",        "secretary",
    "chancellor", "commissioner", "spokesman", "spokeswoman", "spokesperson", "mr",
    "mrs",        "ms",           "dr",        "prof",        "professor",    "sir",
    "pope",       "king",         "queen",     "prince",      "archbishop",   "bishop",
    "catholicos", "father",       "senator",   "mp",          "chairman",     "chief",
    "commander",  "defender",     "ombudsman", "premier",     "leader"};

// A run with one of these is an institution, event or thing, not a place ("Security Council").
inline constexpr std::string_view kInstitutions[] = {
    "ministry",  "government", "parliament",   "council",       "assembly",   "union",
    "nations",   "court",      "committee",    "commission",    "office",     "service",
    "agency",    "army",       "forces",       "force",         "police",     "guard",
    "party",     "church",     "university",   "institute",     "centre",     "center",
    "bank",      "fund",       "organization", "organisation",  "group",      "press",
    "cabinet",   "security",   "defence",      "defense",       "affairs",    "rights",
    "republic",  "state",      "national",     "international", "federal",    "mission",
    "corps",     "brigade",    "battalion",    "regiment",      "division",   "headquarters",
    "kremlin",   "embassy",    "cross",        "crescent",      "foundation", "watch",
    "amnesty",   "peace",      "crossroads",   "treaty",        "agreement",  "declaration",
    "statement", "war",        "operation",    "facebook",      "telegram",   "twitter",
    "youtube",   "instagram",  "day",          "summit",        "talks",      "forum"};

inline constexpr std::string_view kMonthsDays[] = {
    "january",   "february",  "march",   "april",    "may",      "june",   "july",
    "august",    "september", "october", "november", "december", "monday", "tuesday",
    "wednesday", "thursday",  "friday",  "saturday", "sunday"};

// Peoples and languages: "Armenian" names people or a language, not a place.
inline constexpr std::string_view kDemonyms[] = {
    "armenian",   "armenians", "azerbaijani", "azerbaijanis", "azeri",      "azeris",
    "russian",    "russians",  "turkish",     "turk",         "turks",      "iranian",
    "iranians",   "georgian",  "georgians",   "soviet",       "european",   "europeans",
    "american",   "americans", "french",      "german",       "british",    "western",
    "ukrainian",  "israeli",   "chinese",     "indian",       "pakistani",  "christian",
    "christians", "muslim",    "muslims",     "islamic",      "apostolic",  "orthodox",
    "catholic",   "english",   "persian",     "kurdish",      "arab",       "arabic",
    "talysh",     "lezgin",    "yazidi",      "karabakhi",    "karabakhis", "nakhchivani",
    "caucasian",  "eastern",   "southern",    "northern",     "hittite",    "urartian"};

// Outlets and agencies (the corpus's own outlets are added at run time).
inline constexpr std::string_view kOutlets[] = {
    "reuters", "afp",      "ap",         "tass",       "ria",        "novosti",    "interfax",
    "bbc",     "cnn",      "bloomberg",  "eurasianet", "azatutyun",  "armenpress", "apa",
    "trend",   "azertac",  "jamnews",    "civilnet",   "hetq",       "asbarez",    "azernews",
    "sputnik", "anadolu",  "al jazeera", "guardian",   "kommersant", "vedomosti",  "zartonk",
    "news.am", "panorama", "mediamax",   "aravot",     "hraparak",   "oc media",   "rfe/rl",
    "report",  "xinhua",   "politico",   "euronews",   "caliber"};

// Words that open sentences or clauses and are capitalised only there.
inline constexpr std::string_view kStopWords[] = {
    "the",     "a",         "an",    "this",      "that",      "these",    "those",   "it",
    "its",     "he",        "she",   "they",      "we",        "i",        "you",     "his",
    "her",     "their",     "our",   "there",     "here",      "but",      "and",     "or",
    "so",      "if",        "when",  "while",     "after",     "before",   "since",   "as",
    "on",      "by",        "for",   "with",      "according", "although", "because", "during",
    "however", "meanwhile", "also",  "both",      "all",       "some",     "many",    "most",
    "other",   "one",       "today", "yesterday", "what",      "which",    "who",     "where"};

}  // namespace bm::linker::vocab
