#!/usr/bin/env bash
# Devices: --list-devices; with no usable output device a clear error that suggests `radioplay
# render` (exit 1, promptly, no crash, no library chatter); --device by index and by name.
set -euo pipefail
source "${RP_SOURCE_DIR:?set by CTest}/tests/play/lib.sh"

# expect_no_device NAME [ENV=VALUE...]: play fails cleanly.
expect_no_device() {
	local name=$1 status=0
	shift
	env "$@" timeout 20 "$RADIOPLAY" play "$SCRIPT" >"$TMP/out.txt" 2>"$TMP/err.txt" || status=$?
	[ "$status" = 1 ] || fail "$name: exit status $status, expected 1 ($(cat "$TMP/err.txt"))"
	grep -q "^radioplay play: error: " "$TMP/err.txt" || fail "$name: no error line"
	grep -qF "radioplay render $SCRIPT -o out.wav" "$TMP/err.txt" ||
		fail "$name: no hint to use render: $(cat "$TMP/err.txt")"
	! grep -q "ALSA lib\|Cannot connect to server" "$TMP/err.txt" || fail "$name: library chatter"
	echo "ok: $name: $(grep '^radioplay play: error' "$TMP/err.txt")"
}

# The default device is a sound card that does not exist.
echo 'pcm.!default { type hw card 99 }' >"$HOME/.asoundrc"
expect_no_device "default device points nowhere"
# ALSA has no configuration at all (PortAudio 19.6 asserts on this; play turns it into the error).
: >"$TMP/empty.conf"
expect_no_device "no ALSA configuration" ALSA_CONFIG_PATH="$TMP/empty.conf"

use_file_device
"$RADIOPLAY" play --list-devices >"$TMP/list.txt" 2>"$TMP/err.txt"
grep -Eq '^\* +[0-9]+ +default +ALSA' "$TMP/list.txt" || fail "no default device listed: $(cat "$TMP/list.txt")"
[ ! -s "$TMP/err.txt" ] || fail "--list-devices chatter: $(head -3 "$TMP/err.txt")"
echo "ok: --list-devices: $(grep '^\*' "$TMP/list.txt")"
index=$(awk '$1 == "*" { print $2 }' "$TMP/list.txt")

for dev in "$index" default DEFAULT; do
	rm -f "$PLAYED"
	"$RADIOPLAY" play --device "$dev" --prefill 600 --speaker C "$SCRIPT" >/dev/null 2>"$TMP/err.txt" ||
		fail "--device $dev: $(cat "$TMP/err.txt")"
	[ -s "$PLAYED" ] || fail "--device $dev: nothing played"
	echo "ok: --device $dev plays"
done

status=0
"$RADIOPLAY" play --device 9999 "$SCRIPT" >/dev/null 2>"$TMP/err.txt" || status=$?
[ "$status" = 1 ] && grep -q "no output device with index 9999" "$TMP/err.txt" ||
	fail "--device 9999: status $status: $(cat "$TMP/err.txt")"
status=0
"$RADIOPLAY" play --device no-such-card "$SCRIPT" >/dev/null 2>"$TMP/err.txt" || status=$?
[ "$status" = 1 ] && grep -q "no output device named 'no-such-card'" "$TMP/err.txt" ||
	fail "--device no-such-card: status $status: $(cat "$TMP/err.txt")"
echo "ok: unknown --device index and name are errors"
