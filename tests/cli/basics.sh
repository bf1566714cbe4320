#!/usr/bin/env bash
# Command-line basics: --help, --version, unknown options, and no display.
set -u
bin=$1
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }

out=$("$bin" --help); rc=$?
check "--help exits 0" '[ $rc -eq 0 ]'
check "--help shows usage and --data" '[[ "$out" == *"Usage: briefmap"* && "$out" == *"--data PATH"* ]]'

out=$("$bin" --version); rc=$?
check "--version exits 0 and prints the version" '[ $rc -eq 0 ] && [[ "$out" =~ ^briefmap\ [0-9]+\.[0-9]+ ]]'

err=$("$bin" --frobnicate 2>&1 >/dev/null); rc=$?
check "unknown option exits 2" '[ $rc -eq 2 ]'
check "unknown option names it and shows usage" '[[ "$err" == *"--frobnicate"* && "$err" == *"Usage:"* ]]'

err=$("$bin" --data 2>&1); rc=$?
check "--data without a value exits 2" '[ $rc -eq 2 ] && [[ "$err" == *"needs a value"* ]]'

err=$(env -u DISPLAY -u WAYLAND_DISPLAY "$bin" 2>&1); rc=$?
lines=$(printf '%s\n' "$err" | grep -c .)
check "no display exits 2" '[ $rc -eq 2 ]'
check "no display: one clear line suggesting xvfb-run" '[ "$lines" -eq 1 ] && [[ "$err" == *"no display"* && "$err" == *"xvfb-run"* ]]'

exit $fail
