#!/usr/bin/env bash
# `radioplay play` hands the device exactly the samples `radioplay render` writes, in order, at the
# script's rate and (with --device-rate) resampled like `render --rate`; one plain line per turn
# when standard output is not a terminal; and no ALSA/JACK chatter on standard error.
set -euo pipefail
source "${RP_SOURCE_DIR:?set by CTest}/tests/play/lib.sh"
use_file_device

"$RADIOPLAY" render -q "${VOICES[@]}" "$SCRIPT" -o "$TMP/ref.wav"
[ "$(soxi -r "$TMP/ref.wav")" = 22050 ] || fail "render is expected at 22050 Hz"

# --prefill: synthesize everything before playing, since the null device never waits.
"$RADIOPLAY" play --prefill 600 "${VOICES[@]}" "$SCRIPT" >"$TMP/out.txt" 2>"$TMP/err.txt" ||
	fail "play exited with $? ($(cat "$TMP/err.txt"))"
assert_played_equals "$TMP/ref.wav" "22050 Hz, same as render"

cat >"$TMP/lines.txt" <<'LINES'
[1/5] A: Hello there, 你好！Shall we start?
[2/5] B: Yes. 我们开始吧。
[3/5] A: The first point is short. And this is a second paragraph.
[4/5] C: I only speak once.
[5/5] B: Then we are done. 谢谢！
LINES
diff -u "$TMP/lines.txt" "$TMP/out.txt" || fail "plain turn lines differ"
echo "ok: one line per turn"
[ ! -s "$TMP/err.txt" ] || fail "standard error is not clean: $(head -5 "$TMP/err.txt")"
echo "ok: standard error is clean"

# With --verbose the libraries may talk; when they do here, the quiet run above proves that they
# were silenced rather than silent.
rm -f "$PLAYED"
"$RADIOPLAY" play --verbose --prefill 600 "${VOICES[@]}" "$SCRIPT" >/dev/null 2>"$TMP/verbose.txt"
if grep -q "ALSA lib\|Cannot connect to server\|jack server" "$TMP/verbose.txt"; then
	echo "ok: --verbose shows the libraries' start-up messages that are otherwise hidden"
fi

# Another device rate: the same converter as render --rate, so the same samples.
"$RADIOPLAY" render -q --rate 48000 "${VOICES[@]}" "$SCRIPT" -o "$TMP/ref48.wav"
rm -f "$PLAYED"
"$RADIOPLAY" play --device-rate 48000 --prefill 600 --stats "${VOICES[@]}" "$SCRIPT" \
	>/dev/null 2>"$TMP/err48.txt" || fail "play --device-rate 48000 failed: $(cat "$TMP/err48.txt")"
grep -q "at 48000 Hz (script 22050 Hz)" "$TMP/err48.txt" || fail "device not at 48000 Hz"
grep -q " 0 underruns" "$TMP/err48.txt" || fail "underruns: $(cat "$TMP/err48.txt")"
assert_played_equals "$TMP/ref48.wav" "48000 Hz, same as render --rate 48000"
