# Shared set-up for the `radioplay play` tests (tests/cli/play_*.sh); source it.
# There is no sound card on CI: ALSA's default device is pointed at its `file` plugin through a
# temporary HOME with an .asoundrc, so PortAudio plays into $PLAYED (raw 16-bit mono, the device's
# rate). ALSA's `null` slave takes frames as fast as they come, so the tests use --prefill (the
# whole short script is synthesized before playback starts) or --paused, and never need timing.
set -euo pipefail
: "${RADIOPLAY:?set by CTest}" "${RP_SOURCE_DIR:?set by CTest}"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export HOME=$TMP/home
mkdir -p "$HOME"
PLAYED=$TMP/played.raw
# A JACK server running on the machine would be another output device; talk to none.
export JACK_DEFAULT_SERVER=radioplay-test-no-server
DATA=$RP_SOURCE_DIR/tests/play
SCRIPT=$DATA/dialogue.txt
# Fixed voices, so that a script made of some of the turns sounds the same as those turns.
VOICES=(--voice A=ada --voice B=bruno --voice C=clara)

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# The default ALSA device writes what it is given to $PLAYED.
use_file_device() {
	cat >"$HOME/.asoundrc" <<ASOUNDRC
pcm.!default { type file slave.pcm "null" file "$PLAYED" format "raw" }
ASOUNDRC
}

# One sample per line, without the silence before the first and after the last non-zero sample
# (the device is opened before audio is ready and PortAudio pads its last buffer with zeros).
samples() {
	od -An -v -td2 -w2 "$1" | awk '{ v[NR] = $1 + 0 }
		END { s = 1; while (s <= NR && v[s] == 0) s++
		      e = NR; while (e >= s && v[e] == 0) e--
		      for (i = s; i <= e; i++) print v[i] }'
}

# Raw samples of a WAV file (16-bit mono).
wav_samples() {
	sox "$1" -t raw -e signed-integer -b 16 -c 1 "$TMP/wav.raw"
	samples "$TMP/wav.raw"
}

# Assert that $PLAYED holds exactly the samples of WAV $1, in order (name $2 for messages).
assert_played_equals() {
	samples "$PLAYED" >"$TMP/played.txt"
	wav_samples "$1" >"$TMP/expected.txt"
	local np ne
	np=$(wc -l <"$TMP/played.txt")
	ne=$(wc -l <"$TMP/expected.txt")
	[ "$ne" -gt 1000 ] || fail "$2: the rendered reference has only $ne samples"
	if ! cmp -s "$TMP/played.txt" "$TMP/expected.txt"; then
		local first
		first=$(cmp "$TMP/played.txt" "$TMP/expected.txt" 2>&1 | head -1 || true)
		fail "$2: the device got $np samples, render wrote $ne; first difference: $first"
	fi
	echo "ok: $2 ($np samples, identical)"
}

# Assert that $PLAYED holds as many samples as WAV $1 within 1% (name $2). For audio synthesized
# after a skip: eSpeak NG carries state from one utterance to the next (wave generator, filters),
# so a turn rendered after other audio in the same process is not sample-identical to the same
# turn rendered first, but its length is the same to a few milliseconds.
assert_played_length() {
	local np ne
	np=$(samples "$PLAYED" | wc -l)
	ne=$(wav_samples "$1" | wc -l)
	[ "$ne" -gt 1000 ] || fail "$2: the rendered reference has only $ne samples"
	[ $((np * 100 > ne * 99 && np * 100 < ne * 101)) = 1 ] ||
		fail "$2: the device got $np samples, render wrote $ne for those turns"
	echo "ok: $2 ($np samples, render $ne)"
}
