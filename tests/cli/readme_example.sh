#!/usr/bin/env bash
# The README's library example ("Using the library") compiles against the built library and the
# public header alone, and renders the example script: what a new library user would copy works.
source "$(dirname "$0")/lib.bash"
: "${RP_BUILD_DIR:?set by CTest}"
lib=$RP_BUILD_DIR/libradioplay_core.a
check "the library was built" test -s "$lib"
{
	echo '#include <stdio.h>'
	sed -n '/^## Using the library/,/^## /p' "$RP_SOURCE_DIR/README.md" |
		sed -n '/^```c$/,/^```$/p' | sed '1d;$d' | sed '/^#include/{p;d}' >"$TMP/body.c"
	grep '^#include' "$TMP/body.c"
	echo 'int main(void) {'
	grep -v '^#include' "$TMP/body.c"
	echo 'return rc == RP_OK ? 0 : 1; }'
} >"$TMP/example.c"
check "the README has the example" grep -q rp_plan_load "$TMP/example.c"
# shellcheck disable=SC2046
# shellcheck disable=SC2086
if cc -std=c11 -Wall -Werror ${RP_LINK_FLAGS:-} -o "$TMP/example" "$TMP/example.c" -I"$RP_SOURCE_DIR/include" \
	"$lib" $(pkg-config --libs espeak-ng sndfile samplerate icu-uc icu-i18n inih jansson libxml-2.0) \
	-lpthread -lm 2>"$TMP/cc.err"; then
	ok
	mkdir -p "$TMP/run/examples" "$TMP/run/out"
	cp "$RP_SOURCE_DIR/examples/coffee.txt" "$TMP/run/examples/"
	(cd "$TMP/run" && "$TMP/example") >"$TMP/stdout" 2>"$TMP/stderr"
	check "the example exits 0" test $? -eq 0
	dur=$(soxi -D "$TMP/run/out/coffee.wav" 2>/dev/null || echo 0)
	check "the example writes a WAV of the whole script (45 s; got $dur s)" \
		awk -v d="$dur" 'BEGIN { exit !(d > 40 && d < 50) }'
	"$RADIOPLAY" render -q "$TMP/run/examples/coffee.txt" -o "$TMP/cli.wav"
	check "the example's file is the CLI's, sample for sample" cmp -s "$TMP/run/out/coffee.wav" "$TMP/cli.wav"
else
	fail "the README example does not compile: $(cat "$TMP/cc.err")"
fi
finish
