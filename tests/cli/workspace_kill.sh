#!/usr/bin/env bash
# kill -9 during imports: a child imports batches of 500 articles, one `briefmap import` per
# batch, and is killed at a random moment, 20 times. Each time the workspace opens, passes
# SQLite's integrity check and holds a whole number of batches (one import is one transaction).
set -u
bin=$1 src=$2 out=${3:-/tmp}
command -v python3 >/dev/null || { echo "skip: python3 not found"; exit 77; }
command -v setsid >/dev/null || { echo "skip: setsid not found"; exit 77; }
dir=$out/cli-workspace-kill
rm -rf "$dir"; mkdir -p "$dir/batches"
ws=$dir/ws.gpkg
python3 - "$dir/batches" <<'PY'
import json, sys
for b in range(60):
    with open("%s/b%02d.jsonl" % (sys.argv[1], b), "w") as f:
        for i in range(500):
            n = b * 500 + i
            f.write(json.dumps({"title": "Generated report %d" % n, "outlet": "Gen %d" % (n % 7),
                                "date": "2023-12-%02d" % (1 + n % 28),
                                "url": "https://example.org/gen/%d" % n,
                                "text": "Generated text %d about Goris and Kapan.\n\nA second paragraph %d near Yerevan." % (n, n)}) + "\n")
PY
count() { python3 - "$ws" <<'PY'
import sqlite3, sys
c = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
assert c.execute("pragma integrity_check").fetchone()[0] == "ok"
print(c.execute("select count(*) from briefmap_articles").fetchone()[0])
PY
}
seed=${BRIEFMAP_KILL_SEED:-$RANDOM}
echo "seed $seed"
RANDOM=$seed
n=0
for round in $(seq 20); do
    # The child goes on from the first batch not yet in, so every kill can land in a write.
    next=$((n / 500))
    setsid bash -c 'ws=$1 bin=$2; shift 2; for f; do "$bin" import --workspace "$ws" "$f" >/dev/null 2>&1 || exit 1; done' _ "$ws" "$bin" $(ls "$dir"/batches/b*.jsonl | tail -n +$((next + 1))) &
    child=$!
    # 0.05 to 1 s: before the file exists, while a batch is read, inside its transaction.
    sleep "$(python3 -c "import random; random.seed($seed + $round); print(round(random.uniform(0.05, 1.0), 3))")"
    kill -9 -- -"$child" 2>/dev/null
    wait "$child" 2>/dev/null
    [ -e "$ws" ] || { echo "round $round: killed before the workspace was made"; continue; }
    # briefmap opens it first (a reader: it rolls back what the killed import left half done).
    "$bin" places --workspace "$ws" >/dev/null 2>"$dir/err" || { echo "FAIL: round $round: briefmap cannot open it: $(cat "$dir/err")"; exit 1; }
    n=$(count) || { echo "FAIL: round $round: the workspace does not open or is damaged"; exit 1; }
    [ $((n % 500)) -eq 0 ] || { echo "FAIL: round $round: $n articles, not a whole number of imports of 500"; exit 1; }
    echo "round $round: $n articles"
done
# Imports after the kills still work (no stale lock): the next batch goes in.
"$bin" import --workspace "$ws" "$dir/batches/b59.jsonl" >/dev/null 2>"$dir/err" || { echo "FAIL: import after the kills: $(cat "$dir/err")"; exit 1; }
echo ok
