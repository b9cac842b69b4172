#!/usr/bin/env bash
# Keys and the terminal, driven through a pseudo-terminal (tmux): the display shows speaker, text,
# turn N of M and times; n / right arrow, p / left arrow and space act; q and Ctrl-C quit; the
# terminal settings are the same afterwards (stty -g), also after Ctrl-C.
# Playback starts --paused so that the keys act before the (instant) null device has played it all.
set -euo pipefail
source "${RP_SOURCE_DIR:?set by CTest}/tests/play/lib.sh"
command -v tmux >/dev/null || fail "tmux is needed (Debian package tmux)"
use_file_device

SOCK=$TMP/tmux.sock
tm() { tmux -S "$SOCK" "$@"; }
# each start gets its own tmux server (socket): a new session on a server that is still
# shutting down fails with "server exited unexpectedly"
trap 'for s in "$TMP"/tmux-*.sock; do tmux -S "$s" kill-server 2>/dev/null || true; done; rm -rf "$TMP"' EXIT

# start NAME PLAY-OPTIONS...: run play in a fresh terminal, 80 (or $COLUMNS_) by 24; the shell around it records the
# terminal settings before and after, and play's exit status, in $TMP/NAME.*
start() {
	local name=$1
	shift
	cat >"$TMP/$name.sh" <<INNER
export HOME='$HOME' RADIOPLAY_VOICES='${RADIOPLAY_VOICES:-}' TERM=xterm-256color
stty -g >'$TMP/$name.before'
'$RADIOPLAY' play $* '$SCRIPT' 2>'$TMP/$name.err'
echo \$? >'$TMP/$name.status'
stty -g >'$TMP/$name.after'
sleep 30
INNER
	tm kill-server 2>/dev/null || true
	SOCK=$TMP/tmux-$name.sock
	rm -f "$PLAYED"
	tm -f /dev/null new-session -d -x "${COLUMNS_:-80}" -y 24 "bash --noprofile --norc $TMP/$name.sh"
}

screen() { tm capture-pane -p; }

# wait_for PATTERN [SECONDS]: until the screen matches the extended regular expression.
wait_for() {
	local i
	for ((i = 0; i < ${2:-10} * 20; i++)); do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.05
	done
	screen >&2
	fail "the screen never showed /$1/"
}

wait_exit() {
	local i
	for ((i = 0; i < 200; i++)); do
		[ -s "$TMP/$1.after" ] && return 0
		sleep 0.05
	done
	screen >&2
	fail "$1: play did not exit"
}

same_terminal() {
	cmp -s "$TMP/$1.before" "$TMP/$1.after" ||
		fail "$1: terminal settings changed: $(cat "$TMP/$1.before") -> $(cat "$TMP/$1.after")"
	echo "ok: $1: terminal settings restored (stty -g identical)"
}

key() {
	tm send-keys "$@"
}

# --- the display and every key --------------------------------------------------------------
start keys --paused --prefill 600 "${VOICES[*]}"
wait_for '^ Paused +A +turn 1 of 5 +0:00 / [0-9]+:[0-9]{2}'
screen | grep -q "Hello there, 你好！Shall we start?" || fail "turn 1 text not shown"
screen | grep -q "space pause.*next.*previous.*q quit" || fail "no key help"
# While play runs, the terminal does not echo and reads keys one by one.
pane_tty=$(tm display-message -p '#{pane_tty}')
stty -F "$pane_tty" -a | grep -q -- '-icanon.*-echo\|-echo.*-icanon' ||
	stty -F "$pane_tty" -a | grep -q -- '-icanon' || fail "terminal not in non-canonical mode"
echo "ok: display: $(screen | head -1 | sed 's/ *$//')"
key n
wait_for 'turn 2 of 5'
screen | grep -q "^ Paused +B" || screen | grep -q "B   turn 2" || fail "speaker B not shown"
screen | grep -q "Yes. 我们开始吧。" || fail "turn 2 text not shown"
echo "ok: n: $(screen | head -1 | sed 's/ *$//')"
key Right
wait_for 'turn 3 of 5'
screen | grep -q "The first point is short." || fail "turn 3 text not shown"
echo "ok: right arrow: $(screen | head -1 | sed 's/ *$//')"
key p # nothing of turn 3 was heard: back to turn 2
wait_for 'turn 2 of 5'
echo "ok: p: $(screen | head -1 | sed 's/ *$//')"
key Left
wait_for 'turn 1 of 5'
echo "ok: left arrow: $(screen | head -1 | sed 's/ *$//')"
key p # no turn before the first: stays
sleep 0.3
screen | grep -q 'turn 1 of 5' || fail "p on the first turn left it"
key n
wait_for 'turn 2 of 5'
key Space # play turns 2 to 5, then exit
wait_exit keys
[ "$(cat "$TMP/keys.status")" = 0 ] || fail "play exited with $(cat "$TMP/keys.status"): $(cat "$TMP/keys.err")"
same_terminal keys
sed -n '2,$p' "$SCRIPT" >"$TMP/from2.txt"
"$RADIOPLAY" render -q "${VOICES[@]}" "$TMP/from2.txt" -o "$TMP/from2.wav"
assert_played_length "$TMP/from2.wav" "keys n, right, p, left, p, n, space played turns 2-5"

# --- q -----------------------------------------------------------------------------------------
start quit --paused
wait_for 'Paused'
key q
wait_exit quit
[ "$(cat "$TMP/quit.status")" = 0 ] || fail "q: exit status $(cat "$TMP/quit.status")"
same_terminal quit

# --- Ctrl-C -----------------------------------------------------------------------------------
start ctrlc --paused
wait_for 'Paused'
key C-c
wait_exit ctrlc
[ "$(cat "$TMP/ctrlc.status")" = 130 ] || fail "Ctrl-C: exit status $(cat "$TMP/ctrlc.status")"
same_terminal ctrlc
screen | grep -q '\[?25l' && fail "cursor left hidden"
[ ! -s "$TMP/ctrlc.err" ] || fail "Ctrl-C: messages: $(cat "$TMP/ctrlc.err")"
echo "ok: Ctrl-C quits with status 130"

# --- a narrow terminal: every line of the block fits (none wraps), the text wraps ----------------
COLUMNS_=36 start narrow --paused --from 3
wait_for '^ Paused +A +turn 3 of 5'
screen | head -6 >"$TMP/narrow.txt"
while IFS= read -r line; do
	[ "$(printf '%s' "$line" | LC_ALL=C.UTF-8 wc -L)" -le 35 ] || fail "wider than 35 columns: $line"
done <"$TMP/narrow.txt"
sed -n 6p "$TMP/narrow.txt" | grep -q '^space pause' || fail "block does not end with the key help on line 6"
grep -q '^  The first point is short\.' "$TMP/narrow.txt" || fail "turn 3 text not shown"
grep -q '^  And this is a second' "$TMP/narrow.txt" || fail "second paragraph not on its own line"
echo "ok: 36 columns: $(head -1 "$TMP/narrow.txt" | sed 's/ *$//')"
key q
wait_exit narrow
