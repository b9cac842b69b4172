# Helpers for the command-line tests (sourced). CTest sets RADIOPLAY, RP_SOURCE_DIR, RP_SHARED_DIR.
set -uo pipefail
export LC_ALL=C.UTF-8
: "${RADIOPLAY:?run through ctest (RADIOPLAY is the program under test)}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
# check DESCRIPTION COMMAND...: passes when the command succeeds
check() { local d=$1; shift; if "$@"; then ok; else fail "$d"; fi; }
# run_rp: runs radioplay, leaves exit status in $rc, output in $TMP/stdout and $TMP/stderr
run_rp() { "$RADIOPLAY" "$@" >"$TMP/stdout" 2>"$TMP/stderr"; rc=$?; }
finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
