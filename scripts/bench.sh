#!/usr/bin/env bash
# Benchmarks: builds radioplay in Release (build-bench/) and prints figures.
#   scripts/bench.sh [SCRIPT]   SCRIPT defaults to the 40-minute shared script.
# Environment: RUNS (default 7), BENCH_DEVICE (a `play --device`; default: ALSA's file plugin
# writing to /dev/null, for machines without a sound card).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$ROOT/build-bench
SHARED=${RP_SHARED_DIR:-$ROOT/../shared}
SCRIPT=${1:-$SHARED/scripts/000_677b7cef29c6a2c3.txt}
RUNS=${RUNS:-7}

cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DRADIOPLAY_TESTS=OFF >/dev/null
cmake --build "$BUILD" -j2 >/dev/null
RADIOPLAY=$BUILD/radioplay
export RADIOPLAY_VOICES=${RADIOPLAY_VOICES:-$ROOT/voices}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Median of the numbers on standard input.
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# --- play: time to first audio -------------------------------------------------------------------
# From the moment the shell starts `radioplay play` (bash's $EPOCHREALTIME, just before exec) to
# the moment the PortAudio callback hands the device the first non-zero sample (play --stats
# prints that instant). Goal: under 100 ms, also for a 40-minute script.
bench_time_to_first_audio() {
	local device_args=() home=$HOME
	if [ -n "${BENCH_DEVICE:-}" ]; then
		device_args=(--device "$BENCH_DEVICE")
	else
		home=$TMP/home
		mkdir -p "$home"
		echo 'pcm.!default { type file slave.pcm "null" file "/dev/null" format "raw" }' \
			>"$home/.asoundrc"
	fi
	echo "play: time to first audio, $(basename "$SCRIPT") ($(grep -c '^\[' "$SCRIPT") turns), $RUNS runs"
	# One run first so that the page cache holds the program, libraries and eSpeak NG data.
	HOME=$home timeout -s INT 2 "$RADIOPLAY" play "${device_args[@]}" "$SCRIPT" </dev/null \
		>/dev/null 2>&1 || true
	: >"$TMP/ttfa"
	local i t0 first
	for ((i = 1; i <= RUNS; i++)); do
		t0=$EPOCHREALTIME
		HOME=$home timeout -s INT 1.5 "$RADIOPLAY" play --stats "${device_args[@]}" "$SCRIPT" \
			</dev/null >/dev/null 2>"$TMP/stats" || true
		first=$(sed -n 's/.*(at \([0-9.]*\) s since the epoch.*/\1/p' "$TMP/stats")
		[ -n "$first" ] || { echo "run $i: no first-audio figure:"; cat "$TMP/stats"; return 1; }
		awk -v a="$first" -v b="$t0" 'BEGIN { printf "%.1f\n", (a - b) * 1000 }' >>"$TMP/ttfa"
		printf '  run %d: %6.1f ms  (%s)\n' "$i" "$(tail -1 "$TMP/ttfa")" \
			"$(sed -n 's/^play: start-up: //p' "$TMP/stats")"
	done
	sed -n 's/^play: device/  device/p' "$TMP/stats"
	printf '  median %.1f ms, min %.1f ms, max %.1f ms (goal: < 100 ms)\n' "$(median <"$TMP/ttfa")" \
		"$(sort -g "$TMP/ttfa" | head -1)" "$(sort -g "$TMP/ttfa" | tail -1)"
}

# --- render: speed and memory ------------------------------------------------------------------
# Seconds of audio per second of wall time, and the peak resident memory (GNU time's %M), for
# each shared script and for all of them concatenated three times (about five hours of audio):
# memory must not grow with the length of the script (audio streams to the file).
bench_render() {
	local f dir=$(dirname "$SCRIPT") timer=()
	[ -x /usr/bin/time ] && timer=(/usr/bin/time -f '%e %M' -o "$TMP/time")
	cat "$dir"/*.txt "$dir"/*.txt "$dir"/*.txt >"$TMP/long.txt"
	echo "render: speed and peak memory"
	for f in "$dir"/*.txt "$TMP/long.txt"; do
		local t0=$EPOCHREALTIME
		"${timer[@]}" "$RADIOPLAY" render -q "$f" -o "$TMP/out.wav"
		local wall secs rss='?'
		wall=$(awk -v a="$EPOCHREALTIME" -v b="$t0" 'BEGIN { print a - b }')
		secs=$(soxi -D "$TMP/out.wav")
		[ -s "$TMP/time" ] && rss=$(awk '{ print $2 }' "$TMP/time")
		printf '  %-28s %7.0f s of audio in %5.2f s: %6.0fx real time, peak RSS %s KB\n' \
			"$(basename "$f")" "$secs" "$wall" "$(awk -v a="$secs" -v w="$wall" 'BEGIN { print a / w }')" "$rss"
	done
}

bench_render
bench_time_to_first_audio
