#!/usr/bin/env bash
# End to end: the window starts on a session file it cannot parse, reached through a symbolic
# link. The unparsable bytes are kept (moved to session.json.bad-TIME beside the file the link
# names, said on stderr), the window starts from defaults and writes a fresh session through the
# link, which stays a link.
source "$(dirname "$0")/lib.bash"
start_display
D="$OUT/session_recovery"
rm -rf "$D" && mkdir -p "$D/dotfiles"
printf '{"version": 1, "view": {"minx": NaN, "miny": 0, "maxx": 1, "maxy": 1}' >"$D/dotfiles/session.json"
cp "$D/dotfiles/session.json" "$D/original"
ln -s dotfiles/session.json "$D/session.json"
"$BIN" --session "$D/session.json" --size 1200x800 >"$OUT/app.log" 2>&1 &
APP_PID=$!
ok=0
for _ in $(seq 300); do
    if json "$D/session.json" "d['version']" >/dev/null 2>&1; then ok=1; break; fi
    sleep 0.1
done
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
check "a fresh session was written" "[ $ok = 1 ]"
check "the session file is still a symbolic link" "[ -L '$D/session.json' ]"
bad=$(ls "$D"/dotfiles/session.json.bad-* 2>/dev/null | head -1)
check "the unparsable file was kept beside its target" "[ -n '$bad' ] && cmp -s '$bad' '$D/original'"
check "stderr says where it was kept" "grep -q 'kept as .*session.json.bad-' '$OUT/app.log'"
[ $fail = 0 ] || { cat "$OUT/app.log"; exit 1; }
