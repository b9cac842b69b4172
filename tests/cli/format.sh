#!/usr/bin/env bash
# The C code is formatted by .clang-format (scripts/format.sh --check: clang-format 14 from
# Debian, which scripts/deps.sh installs). Also shows that the check catches a file that is not.
source "$(dirname "$0")/lib.bash"
cd "$RP_SOURCE_DIR" || exit 1
if ! command -v clang-format-14 >/dev/null && ! command -v clang-format >/dev/null; then
	fail "clang-format is needed (Debian package clang-format; scripts/deps.sh installs it)"
	finish
	exit 1
fi
scripts/format.sh --check >"$TMP/out" 2>&1
check "every tracked C file is formatted: $(cat "$TMP/out")" test $? -eq 0
# a copy of the tree with one line broken
mkdir -p "$TMP/tree" && (cd "$TMP" && git init -q tree)
git ls-files -z '*.c' '*.h' .clang-format scripts/format.sh | xargs -0 cp --parents -t "$TMP/tree"
sed -i 's/^int rp_plan_load(const char \*path, /int  rp_plan_load( const char *path,/' "$TMP/tree/src/plan/load.c"
(cd "$TMP/tree" && git add -A && scripts/format.sh --check) >"$TMP/out2" 2>&1
check "the check fails on a file that is not formatted" test $? -ne 0
check "and names it" grep -q 'src/plan/load.c' "$TMP/out2"
finish
