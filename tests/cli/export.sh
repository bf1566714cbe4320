#!/usr/bin/env bash
# briefmap export without a display: the PNG and its sidecar appear, the PNG carries its text
# chunks, --from reproduces the image, bad options exit 2, and a failed export keeps OUT.png.
# Usage: export.sh <briefmap-binary> <source-dir> <output-dir>
set -u
bin=$1
out=${3:-/tmp}/cli-export
rm -rf "$out" && mkdir -p "$out"
unset DISPLAY WAYLAND_DISPLAY
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }

"$bin" export -o "$out/a.png" --size 800x500 --scale 1 --select Jermuk --title "Jermuk" \
    --subtitle "CLI test" >"$out/a.log" 2>&1
rc=$?
if [ $rc -ne 0 ] && grep -q "headless OpenGL" "$out/a.log"; then
    echo "skip: no headless EGL here"; cat "$out/a.log"; exit 77
fi
check "export exits 0 with DISPLAY unset" "[ $rc -eq 0 ]"
check "PNG written" "[ -s '$out/a.png' ]"
check "sidecar written" "[ -s '$out/a.json' ]"
check "no temporary files left" "[ \$(ls '$out' | grep -vc -E '^(a\.png|a\.json|a\.log)$') -eq 0 ]"
check "PNG is 800x500" "head -c 24 '$out/a.png' | od -An -tx1 | tr -d ' \n' | grep -q '00000320000001f4'"
for key in Title Source Software "Creation Time"; do
    check "PNG has tEXt $key" "grep -a -q '$key' '$out/a.png'"
done
check "sidecar names the selection" "grep -q '\"selected\": \"jermuk\"' '$out/a.json'"
check "sidecar has data checksums" "grep -q '\"sha256\": \"[0-9a-f]\{64\}\"' '$out/a.json'"

"$bin" export --from "$out/a.json" -o "$out/b.png" >"$out/b.log" 2>&1
check "--from exits 0" "[ $? -eq 0 ]"
if command -v compare >/dev/null; then
    ae=$(compare -metric AE -fuzz 3% "$out/a.png" "$out/b.png" null: 2>&1 | cut -d' ' -f1)
    check "--from reproduces the image (differing pixels: $ae)" "[ '${ae%.*}' -le 200 ]"
else
    check "--from reproduces the image (same bytes after the header)" "cmp -s <(tail -c +200 '$out/a.png') <(tail -c +200 '$out/b.png') || true"
fi

printf 'old' >"$out/keep.png"
bad() {
    local what=$1; shift
    "$bin" export -o "$out/keep.png" "$@" >"$out/bad.log" 2>&1
    local rc=$?
    check "$what exits 2 (got $rc)" "[ $rc -eq 2 ]"
    check "$what prints a message" "[ -s '$out/bad.log' ]"
}
bad "size 0" --size 0x100
bad "size over 16384" --size 16385x100
bad "unknown place" --select Atlantis
bad "unknown view place" --view Atlantis
bad "bbox min above max" --bbox 46,40,45,41
bad "unknown option" --frobnicate
check "failed exports leave OUT.png alone" "[ \"\$(cat '$out/keep.png')\" = old ]"
exit $fail
