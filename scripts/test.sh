#!/usr/bin/env bash
# Runs radioplay's whole test suite: installs what it needs (Debian packages), builds with
# warnings as errors, runs every test through CTest; then builds again with AddressSanitizer and
# UndefinedBehaviorSanitizer and runs the suite once more.
#   scripts/test.sh            all of it
#   RADIOPLAY_NO_SANITIZE=1 scripts/test.sh   skip the sanitizer pass
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
rp_install_deps

jobs=$(nproc 2>/dev/null || echo 2)
run_suite() {
	local dir=$1; shift
	cmake -S . -B "$dir" -DRADIOPLAY_WERROR=ON "$@" >/dev/null
	cmake --build "$dir" -j "$jobs"
	(cd "$dir" && ctest --output-on-failure -j "$jobs")
}

echo "== build and test (build/test)"
run_suite build/test -DCMAKE_BUILD_TYPE=RelWithDebInfo
if [ -z "${RADIOPLAY_NO_SANITIZE:-}" ]; then
	echo "== build and test with AddressSanitizer + UBSan (build/sanitize)"
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		run_suite build/sanitize -DCMAKE_BUILD_TYPE=Debug -DRADIOPLAY_SANITIZE=ON
fi
[ -n "${RADIOPLAY_NO_FUZZ:-}" ] || { echo "== fuzz each target for 60 s (build/fuzz)"; scripts/fuzz.sh 60; }
