#!/usr/bin/env bash
# --from N and --speaker NAME play exactly the chosen turns: the device gets the samples that
# `render` writes for a script made of just those turns (same voices), and the plain output names
# just those turns. Bad values are clear errors.
set -euo pipefail
source "${RP_SOURCE_DIR:?set by CTest}/tests/play/lib.sh"
use_file_device

# check NAME EXPECTED-LINES SCRIPT-OF-THOSE-TURNS PLAY-OPTIONS...
check() {
	local name=$1 lines=$2 part=$3
	shift 3
	"$RADIOPLAY" render -q "${VOICES[@]}" "$part" -o "$TMP/ref.wav"
	rm -f "$PLAYED"
	"$RADIOPLAY" play --prefill 600 "${VOICES[@]}" "$@" "$SCRIPT" >"$TMP/out.txt" 2>"$TMP/err.txt" ||
		fail "$name: play exited with $? ($(cat "$TMP/err.txt"))"
	[ "$(cut -d' ' -f1-2 "$TMP/out.txt" | tr '\n' ' ')" = "$lines" ] ||
		fail "$name: turns shown: $(tr '\n' '|' <"$TMP/out.txt"), expected $lines"
	assert_played_equals "$TMP/ref.wav" "$name"
}

# The turns of tests/play/dialogue.txt: 1 A (line 1), 2 B (2), 3 A (3-5), 4 C (6), 5 B (7).
sed -n '3,$p' "$SCRIPT" >"$TMP/from3.txt"
check "--from 3" "[3/5] A: [4/5] C: [5/5] B: " "$TMP/from3.txt" --from 3
grep '^\[B\]' "$SCRIPT" >"$TMP/b.txt"
check "--speaker B" "[2/5] B: [5/5] B: " "$TMP/b.txt" --speaker B
sed -n '7p' "$SCRIPT" >"$TMP/b5.txt"
check "--from 3 --speaker B" "[5/5] B: " "$TMP/b5.txt" --from 3 --speaker B
sed -n '6p' "$SCRIPT" >"$TMP/c.txt"
check "--speaker C" "[4/5] C: " "$TMP/c.txt" --speaker C

# expect_error NAME STATUS MESSAGE-PATTERN PLAY-OPTIONS...
expect_error() {
	local name=$1 want=$2 pattern=$3 status=0
	shift 3
	timeout 20 "$RADIOPLAY" play "$@" "$SCRIPT" >"$TMP/out.txt" 2>"$TMP/err.txt" || status=$?
	[ "$status" = "$want" ] || fail "$name: exit status $status, expected $want ($(cat "$TMP/err.txt"))"
	grep -q -- "$pattern" "$TMP/err.txt" || fail "$name: no '$pattern' in: $(cat "$TMP/err.txt")"
	echo "ok: $name: $(head -1 "$TMP/err.txt")"
}
expect_error "unknown speaker" 1 "no speaker 'Zed'.*speakers are: A, B, C" --speaker Zed
expect_error "speaker done before --from" 1 "C has no turn at or after turn 5" --speaker C --from 5
expect_error "--from past the end" 1 "has 5 turns" --from 6
expect_error "--from 0" 2 "expected a whole number from 1" --from 0
