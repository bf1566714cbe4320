#!/usr/bin/env bash
# `briefmap import --workspace`: a folder (recursively) and a layer into a new workspace; the
# same again changes nothing; a changed file updates; `mentions`, `places` and `unknown-names`
# read it with --workspace; files that are not workspaces are refused with the reason.
set -u
bin=$1 src=$2 out=${3:-/tmp}
command -v python3 >/dev/null || { echo "skip: python3 not found"; exit 77; }
fx=$src/tests/fixtures/workspace
dir=$out/cli-workspace
rm -rf "$dir"; mkdir -p "$dir"
cp -r "$fx/news" "$dir/news"
ws=$dir/ws/analysis.gpkg   # its folder does not exist yet
fail() { echo "FAIL: $*"; exit 1; }

"$bin" import --workspace "$ws" "$dir/news" "$fx/hill.geojson" >"$dir/o1" 2>"$dir/e1" || fail "import exited $?: $(cat "$dir/e1")"
grep -q "2 articles imported, 0 updated, 0 unchanged, 1 layer added, 0 problems" "$dir/o1" || fail "first import said: $(cat "$dir/o1")"
"$bin" import --workspace "$ws" "$dir/news" >"$dir/o2" 2>&1 || fail "second import exited $?"
grep -q "0 articles imported, 0 updated, 2 unchanged" "$dir/o2" || fail "re-import said: $(cat "$dir/o2")"

# The imported articles are linked: Goris's passages include the workspace's.
"$bin" mentions --workspace "$ws" --place Goris --json >"$dir/m.json" 2>"$dir/m.err" || fail "mentions exited $?: $(cat "$dir/m.err")"
python3 - "$dir/m.json" <<'PY' || exit 1
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
ps = d["places"][0]["passages"]
outlets = sorted({p["outlet"] for p in ps})
assert "Test Wire" in outlets and "Test Daily" in outlets, outlets
wire = [p for p in ps if p["outlet"] == "Test Wire"]
assert len(wire) == 2 and wire[0]["url"] == "https://example.org/test-wire/border-commission", wire
print("ok: Goris has %d passages, %d from the workspace" % (len(ps), len(wire) + 1))
PY
# Without the workspace, those passages are not there.
"$bin" mentions --place Goris --json 2>/dev/null | grep -q "Test Wire" && fail "the default corpus has the workspace's article"
# The layer's point is a place.
"$bin" places --workspace "$ws" 2>/dev/null | grep -q "test:hill-4" || fail "places --workspace lacks the layer's Hill Four"
"$bin" unknown-names --workspace "$ws" >/dev/null 2>&1 || fail "unknown-names --workspace exited $?"

# A changed file at the same path updates its article.
sed -i 's/on Saturday/on Sunday/' "$dir/news/border-talks.md"
"$bin" import --workspace "$ws" "$dir/news" >"$dir/o3" 2>&1
grep -q "0 articles imported, 1 updated, 1 unchanged" "$dir/o3" || fail "after an edit: $(cat "$dir/o3")"
"$bin" mentions --workspace "$ws" --place Goris 2>/dev/null | grep -q "on Sunday" || fail "the edit is not in the passages"

# Problems name the file and the reason; the rest still imports.
echo '{ broken' >"$dir/bad.geojson"
"$bin" import --workspace "$ws" --layers "$dir/bad.geojson" >"$dir/o4" 2>"$dir/e4"
grep -q "bad.geojson" "$dir/e4" || fail "no problem naming bad.geojson: $(cat "$dir/e4")"
"$bin" import --workspace "$ws" "$dir/nothing-here.md" >"$dir/o5" 2>"$dir/e5"
grep -q "nothing-here.md: no such file" "$dir/e5" || fail "missing file: $(cat "$dir/e5")"

# Files that are not workspaces.
check_refused() {  # FILE WORDS...
    local f=$1; shift
    "$bin" mentions --workspace "$f" >/dev/null 2>"$dir/err"; local rc=$?
    [ $rc -eq 2 ] || fail "mentions --workspace $f exited $rc, want 2"
    grep -q "$f: $*" "$dir/err" || fail "for $f: $(cat "$dir/err"), want '$*'"
}
echo "plain text" >"$dir/text.gpkg"
check_refused "$dir/text.gpkg" "not a GeoPackage"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table t(a)'); c.commit()" "$dir/plain.db"
check_refused "$dir/plain.db" "an SQLite database but not a GeoPackage"
cp "$src/assets/briefmap.gpkg" "$dir/layers.gpkg"
check_refused "$dir/layers.gpkg" "a GeoPackage but not a briefmap workspace"
cp "$ws" "$dir/newer.gpkg"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"update briefmap_meta set value='7' where key='schema_version'\"); c.commit()" "$dir/newer.gpkg"
check_refused "$dir/newer.gpkg" "made by a newer briefmap (schema 7"
# Read-only: a folder nobody may write (as root, the check runs as user nobody).
as_user=()
if [ "$(id -u)" = 0 ]; then
    command -v setpriv >/dev/null && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
if [ "$(id -u)" != 0 ] || [ ${#as_user[@]} -gt 0 ]; then
    mkdir -p "$dir/ro"; cp "$ws" "$dir/ro/ws.gpkg"; chmod 555 "$dir/ro"; chmod 444 "$dir/ro/ws.gpkg"
    "${as_user[@]}" "$bin" import --workspace "$dir/ro/ws.gpkg" "$dir/news" >/dev/null 2>"$dir/err"; rc=$?
    [ $rc -eq 2 ] || fail "import into a read-only workspace exited $rc"
    grep -q "read-only: no permission to write the file" "$dir/err" || fail "read-only: $(cat "$dir/err")"
    # Reading it still works.
    "${as_user[@]}" "$bin" mentions --workspace "$dir/ro/ws.gpkg" --place Goris 2>"$dir/err" | grep -q "Test Wire" || fail "a read-only workspace cannot be read: $(cat "$dir/err")"
    chmod 755 "$dir/ro"
else
    echo "note: read-only check skipped (root without setpriv)"
fi
# The export's sidecar names the workspace; --from alone brings it back.
"$bin" export --workspace "$ws" --select Goris -o "$dir/goris.png" --size 400x300 >"$dir/export.log" 2>&1 || { echo "FAIL: export"; cat "$dir/export.log"; exit 1; }
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['workspace']==sys.argv[2], d.get('workspace')" "$dir/goris.json" "$(realpath "$ws")" || { echo "FAIL: no workspace in the sidecar"; exit 1; }
"$bin" export --from "$dir/goris.json" -o "$dir/goris2.png" >"$dir/export2.log" 2>&1 || { echo "FAIL: export --from"; cat "$dir/export2.log"; exit 1; }
python3 -c "import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); assert a['workspace']==b['workspace'] and a['citations']==b['citations'], (a.get('citations'), b.get('citations'))" "$dir/goris.json" "$dir/goris2.json" || { echo "FAIL: --from lost the workspace"; exit 1; }
echo "ok: the sidecar records --workspace and --from reproduces it"
# Locked: another process holds the write lock.
python3 - "$ws" "$bin" "$dir/news" <<'PY' || exit 1
import sqlite3, subprocess, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
r = subprocess.run([sys.argv[2], "import", "--workspace", sys.argv[1], sys.argv[3]],
                   capture_output=True, text=True)
c.execute("ROLLBACK")
assert r.returncode != 0 and "locked" in r.stderr, (r.returncode, r.stdout, r.stderr)
print("ok: locked workspace:", r.stderr.strip().splitlines()[0])
PY
echo ok
