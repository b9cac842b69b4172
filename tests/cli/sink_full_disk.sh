#!/usr/bin/env bash
# A full disk: render into a 200 KiB tmpfs (mounted in a private mount namespace, so that nothing
# leaks out of this test) fails with exit 1 and "FILE: error: cannot write: No space left on
# device", keeps the existing file there byte-identical and leaves nothing else, with the file
# without a name and with the named temporary. Skipped (exit 0) where a tmpfs cannot be mounted.
source "$(dirname "$0")/lib.bash"
EX="$RP_SOURCE_DIR/examples/coffee.txt"
DISK="$TMP/disk"
mkdir "$DISK"
if ! why=$(unshare -m sh -c 'mount -t tmpfs -o size=200k tmpfs "$1"' sh "$DISK" 2>&1); then
	echo "cannot mount a tmpfs here (${why:-unshare -m failed}): skipped"
	exit 0
fi

# In a mount namespace of its own: the tmpfs on $DISK, keep.wav on it, a render of the example
# (about 2 MB of WAV) into keep.wav; what happened goes to $TMP (outside the tmpfs).
for mode in "" 1; do
	name="the file without a name"
	[ -n "$mode" ] && name="the named temporary"
	rm -f "$TMP/rc" "$TMP/stderr" "$TMP/listing" "$TMP/after.wav"
	DISK=$DISK EX=$EX TMP=$TMP RADIOPLAY_NO_O_TMPFILE=$mode unshare -m bash -c '
		mount -t tmpfs -o size=200k tmpfs "$DISK" || exit
		printf "precious bytes" >"$DISK/keep.wav"
		"$RADIOPLAY" render -q "$EX" -o "$DISK/keep.wav" 2>"$TMP/stderr"
		echo $? >"$TMP/rc"
		ls -A "$DISK" >"$TMP/listing"
		cp "$DISK/keep.wav" "$TMP/after.wav"'
	check "full disk, $name: exit 1" test "$(cat "$TMP/rc" 2>/dev/null)" = 1
	check "full disk, $name: says No space left on device, naming the file" \
		grep -qF "$DISK/keep.wav: error: cannot write: No space left on device" "$TMP/stderr"
	check "full disk, $name: the existing file is byte-identical" \
		test "$(cat "$TMP/after.wav" 2>/dev/null)" = "precious bytes"
	check "full disk, $name: nothing else is left" test "$(cat "$TMP/listing" 2>/dev/null)" = keep.wav
done
check "the tmpfs stayed in its namespace" test -z "$(ls -A "$DISK")"

finish
