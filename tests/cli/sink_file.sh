#!/usr/bin/env bash
# The output file of render: a render killed with kill -9 leaves the output folder as it was (no
# hidden temporary) and an existing file byte-identical. With the named-temporary fallback
# (RADIOPLAY_NO_O_TMPFILE=1) the kill leaves a temporary; a render still running keeps its own
# while another renders the same target; the next render of the same target removes the dead one
# and succeeds.
source "$(dirname "$0")/lib.bash"
EX="$RP_SOURCE_DIR/examples/coffee.txt"
# 40 copies at 8000 Hz: several seconds of rendering (the resampler costs more than the voices)
for i in $(seq 40); do cat "$EX"; echo; done >"$TMP/long.txt"
OUT=$(realpath "$TMP")/out
mkdir "$OUT"
printf 'precious bytes' >"$OUT/keep.wav"
cp "$OUT/keep.wav" "$TMP/keep.orig"

# partial_size PID: the size of the file PID has open in $OUT (with O_TMPFILE it has no name
# there: /proc shows "$OUT/#INODE (deleted)"); empty when there is none
partial_size() {
	local fd
	for fd in /proc/"$1"/fd/*; do
		case $(readlink "$fd" 2>/dev/null) in "$OUT"/*) stat -L -c %s "$fd" 2>/dev/null; return ;; esac
	done
}
# start_long_render [ENV=VALUE...]: render long.txt into $OUT/keep.wav in the background ($pid)
# and wait until its partial file holds 64 KiB; fails if the render ends first
start_long_render() {
	env "$@" "$RADIOPLAY" render -q --rate 8000 "$TMP/long.txt" -o "$OUT/keep.wav" \
		2>"$TMP/long.err" &
	pid=$!
	local i size
	for i in $(seq 600); do
		size=$(partial_size $pid)
		[ "${size:-0}" -ge 65536 ] && return 0
		kill -0 $pid 2>/dev/null || return 1
		sleep 0.05
	done
	return 1
}
# kill_render: kill -9 $pid; true when it was still running and the signal ended it
kill_render() {
	kill -9 $pid 2>/dev/null
	{ wait $pid; } 2>/dev/null
	[ $? -eq 137 ]
}
temporaries() { ls -A "$OUT" | grep -E '^\.keep\.wav\.[A-Za-z0-9]{6}$'; }

# the file without a name: nothing to see while rendering, nothing left after kill -9
before=$(ls -A "$OUT")
check "a long render starts writing" start_long_render
check "while rendering: no new name in the output folder" test "$(ls -A "$OUT")" = "$before"
check "kill -9 ends the render mid-way" kill_render
check "after kill -9: the folder holds what it held, no hidden files" test "$(ls -A "$OUT")" = "$before"
check "after kill -9: the existing file is byte-identical" cmp -s "$OUT/keep.wav" "$TMP/keep.orig"

# the named temporary: locked while its render runs, removed by the next render once it is dead
check "fallback: a long render starts writing" start_long_render RADIOPLAY_NO_O_TMPFILE=1
check "fallback: while rendering, one hidden temporary" test "$(temporaries | wc -l)" -eq 1
running=$(temporaries)
RADIOPLAY_NO_O_TMPFILE=1 run_rp render -q "$EX" -o "$OUT/keep.wav"
check "fallback: a second render of the same target succeeds" test $rc -eq 0
check "fallback: it keeps the running render's temporary" test "$(temporaries)" = "$running"
cp "$OUT/keep.wav" "$TMP/keep.second"
check "fallback: kill -9 ends the first render" kill_render
check "fallback: after kill -9 its temporary stays" test "$(temporaries)" = "$running"
check "fallback: the output file is the second render's" cmp -s "$OUT/keep.wav" "$TMP/keep.second"
RADIOPLAY_NO_O_TMPFILE=1 run_rp render -q "$EX" -o "$OUT/other.wav"
check "fallback: a render of another target succeeds" test $rc -eq 0
check "fallback: it leaves the dead temporary of keep.wav alone" test "$(temporaries)" = "$running"
RADIOPLAY_NO_O_TMPFILE=1 run_rp render -q "$EX" -o "$OUT/keep.wav"
check "fallback: the next render of the same target succeeds" test $rc -eq 0
check "fallback: it removed the dead temporary" test "$(ls -A "$OUT" | tr '\n' ' ')" = "keep.wav other.wav "
check "fallback: its output is a 22050 Hz WAV" test "$(soxi -r "$OUT/keep.wav")" = 22050

finish
