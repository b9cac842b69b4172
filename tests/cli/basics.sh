#!/usr/bin/env bash
# The command line: help, version, exit statuses, errors with FILE:LINE:COL, output files that a
# failed render never damages, formats and rates, standard input, voices and cast.
source "$(dirname "$0")/lib.bash"
EX="$RP_SOURCE_DIR/examples/coffee.txt"

run_rp --help
check "--help exits 0 and lists the commands" test $rc -eq 0
check "--help names render, plan, voices" grep -q 'render SCRIPT' "$TMP/stdout"
for cmd in render plan voices; do
	run_rp $cmd --help
	check "$cmd --help exits 0" test $rc -eq 0
	check "$cmd --help shows usage" grep -q "Usage: radioplay $cmd" "$TMP/stdout"
done
run_rp --version
check "--version names eSpeak NG, libsndfile, libsamplerate" \
	grep -q 'eSpeak NG 1\.' "$TMP/stdout"
check "--version names libsndfile" grep -q 'libsndfile-1\.' "$TMP/stdout"
check "--version names libsamplerate" grep -q 'libsamplerate-0\.' "$TMP/stdout"

# usage errors: exit 2
run_rp; check "no command: exit 2" test $rc -eq 2
run_rp frobnicate; check "unknown command: exit 2" test $rc -eq 2
run_rp render; check "render without SCRIPT: exit 2" test $rc -eq 2
run_rp render "$EX" --rate abc; check "--rate abc: exit 2" test $rc -eq 2
check "--rate abc: says what is wrong" grep -q -- '--rate abc: expected a whole number' "$TMP/stderr"
run_rp render "$EX" --voice Mia; check "--voice without =: exit 2" test $rc -eq 2
run_rp render "$EX" --turn-gap -5; check "negative gap: exit 2" test $rc -eq 2
run_rp render "$EX" --bogus; check "unknown option: exit 2" test $rc -eq 2

# bad input: exit 1, FILE:LINE:COL error, existing output untouched, no temporary files
printf 'precious bytes' > "$TMP/keep.wav"
cp "$TMP/keep.wav" "$TMP/keep.orig"
: > "$TMP/empty.txt"
printf 'just text\nwith no tags\n' > "$TMP/notags.txt"
head -c 4096 /dev/urandom > "$TMP/random.txt"
printf '[A]: ok\n\xff\xfe bad bytes\n' > "$TMP/badutf8.txt"
for f in empty notags random badutf8; do
	strict=(); [ $f = badutf8 ] && strict=(--strict)
	run_rp render "$TMP/$f.txt" -o "$TMP/keep.wav" "${strict[@]}"
	check "$f: exit 1" test $rc -eq 1
	check "$f: error names FILE:LINE:COL" grep -qE "^$TMP/$f.txt:[0-9]+:[0-9]+: error: " "$TMP/stderr"
	check "$f: existing output untouched" cmp -s "$TMP/keep.wav" "$TMP/keep.orig"
done
check "badutf8 --strict: error at line 2, column 1" grep -q "badutf8.txt:2:1: error: invalid UTF-8 bytes 0xFF 0xFE" "$TMP/stderr"
run_rp render "$TMP/badutf8.txt" -o "$TMP/bad.wav"
check "badutf8: without --strict a warning and the render goes on" test $rc -eq 0 -a -s "$TMP/bad.wav"
check "badutf8: warning at line 2, column 1" grep -q "badutf8.txt:2:1: warning: invalid UTF-8 bytes 0xFF 0xFE" "$TMP/stderr"
run_rp plan "$TMP/badutf8.txt"
check "plan: reports the encoding" test "$(jq -r .encoding "$TMP/stdout")" = UTF-8
check "plan: lists the decoding warning" jq -e '.warnings[0] | .line == 2 and .column == 1' "$TMP/stdout"
iconv -f UTF-8 -t GB18030 "$EX" > "$TMP/gbk.txt"
run_rp plan "$TMP/gbk.txt"
check "a GB18030 script is detected" test "$(jq -r .encoding "$TMP/stdout")" = GB18030
check "a GB18030 script reads as the UTF-8 one" test "$(jq -c '[.turns[].items[].text]' "$TMP/stdout")" = "$("$RADIOPLAY" plan -q "$EX" | jq -c '[.turns[].items[].text]')"
run_rp plan "$EX" --encoding no-such-charset
check "--encoding unknown: exit 1" test $rc -eq 1
check "no temporary files left" test "$(ls -A "$TMP" | grep -c '^\.keep')" -eq 0
run_rp render "$TMP/does-not-exist.txt"
check "missing script: exit 1" test $rc -eq 1
check "missing script: says so" grep -q 'does-not-exist.txt: error: cannot open' "$TMP/stderr"
run_rp render "$EX" -o "$TMP/no/such/dir/x.wav"
check "output folder missing: exit 1" test $rc -eq 1
check "output folder missing: names it" grep -q 'no/such/dir' "$TMP/stderr"
run_rp render "$EX" -o "$TMP/x.mp9"
check "unknown format: exit 1 with a hint" grep -q 'use a .wav, .flac' "$TMP/stderr"
run_rp render "$EX" --voice Mia=nobody -o "$TMP/keep.wav"
check "unknown preset: exit 1" test $rc -eq 1
check "unknown preset: says so" grep -q "voice preset 'nobody'" "$TMP/stderr"
check "unknown preset: output untouched" cmp -s "$TMP/keep.wav" "$TMP/keep.orig"

# a good render: valid 16-bit mono WAV at 22050 Hz, replacing the old file
run_rp render "$EX" -o "$TMP/keep.wav"
check "render: exit 0" test $rc -eq 0
check "render: 22050 Hz" test "$(soxi -r "$TMP/keep.wav")" = 22050
check "render: mono" test "$(soxi -c "$TMP/keep.wav")" = 1
check "render: 16-bit" test "$(soxi -b "$TMP/keep.wav")" = 16
dur=$(soxi -D "$TMP/keep.wav")
check "render: 20 to 120 s of audio ($dur)" awk -v d="$dur" 'BEGIN { exit !(d > 20 && d < 120) }'
check "render: file is readable by others (not mkstemp's 0600)" test "$(stat -c %a "$TMP/keep.wav")" != 600

# the same script renders to the same bytes in a new process
"$RADIOPLAY" render -q "$EX" -o "$TMP/again.wav"
check "render is deterministic across runs" cmp -s "$TMP/keep.wav" "$TMP/again.wav"

# other rates and formats, standard input, default output folder
run_rp render "$EX" --rate 44100 -o "$TMP/hi.flac"
check "--rate 44100 FLAC: exit 0" test $rc -eq 0
check "--rate 44100: 44100 Hz" test "$(soxi -r "$TMP/hi.flac")" = 44100
hi=$(soxi -D "$TMP/hi.flac")
check "--rate keeps the duration ($dur vs $hi)" awk -v a="$dur" -v b="$hi" 'BEGIN { d = a - b; exit !(d < 0.05 && d > -0.05) }'
(cd "$TMP" && "$RADIOPLAY" render -q - < "$EX"); rc=$?
check "stdin: exit 0" test $rc -eq 0
check "stdin: default output out/stdin.wav" test -s "$TMP/out/stdin.wav"
(cd "$TMP" && "$RADIOPLAY" render -q "$EX"); 
check "default output out/STEM.wav" test -s "$TMP/out/coffee.wav"

# voices and cast
run_rp voices
check "voices: exit 0" test $rc -eq 0
check "voices: at least six presets" test "$(grep -cE '^[a-z]+ +[A-Za-z]+ +(female|male)' "$TMP/stdout")" -ge 6
check "voices: both genders" grep -q ' male ' "$TMP/stdout"
# a malformed preset or cast file: exit 1 with FILE:LINE:COL
mkdir "$TMP/badvoices"
printf '[voice]\nname = X\npitch = 150\n[languages]\nen = en\n' > "$TMP/badvoices/x.ini"
run_rp voices --voices "$TMP/badvoices"
check "bad preset: exit 1" test $rc -eq 1
check "bad preset: FILE:LINE:COL" grep -q "badvoices/x.ini:3:9: error: pitch = 150: expected 0 to 100" "$TMP/stderr"
printf '[cast]\nMia = clara\nLeo\n' > "$TMP/bad.cast"
run_rp plan "$EX" --cast "$TMP/bad.cast"
check "bad cast: exit 1" test $rc -eq 1
check "bad cast: FILE:LINE:COL" grep -q "bad.cast:3:1: error: expected NAME = preset" "$TMP/stderr"
run_rp plan "$EX" --voice Mia=dmitri
check "--voice: plan uses the preset" test "$(jq -r '.speakers[] | select(.name=="Mia") | .preset' "$TMP/stdout")" = dmitri
run_rp plan "$EX" --cast "$RP_SOURCE_DIR/examples/cast.ini"
check "--cast: Leo gets dmitri" test "$(jq -r '.speakers[] | select(.name=="Leo") | .preset' "$TMP/stdout")" = dmitri
check "--cast: Mia gets clara" test "$(jq -r '.speakers[] | select(.name=="Mia") | .preset' "$TMP/stdout")" = clara

# lexicon: the shipped one applies, --lexicon adds and wins, a bad one names FILE:LINE:COL
printf '[A]: Billie Eilish sings; Leo writes.\n' > "$TMP/lex.txt"
run_rp plan "$TMP/lex.txt"
check "shipped lexicon: phonemes for Eilish" jq -e '.turns[0].items[0] | .phonemes == true and (.spoken | contains("[['"'"'i:lIS]]"))' "$TMP/stdout"
printf 'en\tLeo\tlay oh\n' > "$TMP/mine.lex"
run_rp plan "$TMP/lex.txt" --lexicon "$TMP/mine.lex"
check "--lexicon: respelling applied" jq -e '.turns[0].items[0].spoken | contains("lay oh writes")' "$TMP/stdout"
run_rp render "$TMP/lex.txt" --lexicon "$TMP/mine.lex" -o "$TMP/lex.wav"
check "render with lexicon phonemes: exit 0" test $rc -eq 0 -a -s "$TMP/lex.wav"
printf 'en\tLeo\n' > "$TMP/bad.lex"
run_rp plan "$TMP/lex.txt" --lexicon "$TMP/bad.lex"
check "bad lexicon: exit 1" test $rc -eq 1
check "bad lexicon: FILE:LINE:COL" grep -q "bad.lex:1:7: error: expected LANG<TAB>WORD<TAB>REPLACEMENT" "$TMP/stderr"

# plan: the documented fields
run_rp plan "$EX"
check "plan: exit 0" test $rc -eq 0
check "plan: documented top-level fields" jq -e 'has("source") and has("sample_rate") and has("speakers") and has("warnings") and has("turns")' "$TMP/stdout"
check "plan: speech items have lang, voice, text, spoken" jq -e '[.turns[].items[] | select(.type=="speech") | has("lang") and has("voice") and has("text") and has("spoken")] | all' "$TMP/stdout"
check "plan: turn gap 500 ms" jq -e '[.turns[0].items[] | select(.type=="pause")] | last | .ms == 500' "$TMP/stdout"
check "plan: emoji are not spoken" jq -e '[.turns[].items[] | select(.type=="speech") | .spoken | test("[😴☕]")] | any | not' "$TMP/stdout"
run_rp plan "$EX" --turn-gap 800 --paragraph-gap 400
check "--turn-gap 800" jq -e '[.turns[0].items[] | select(.type=="pause")] | last | .ms == 800' "$TMP/stdout"
check "--paragraph-gap 400" jq -e '[.turns[1].items[] | select(.type=="pause") | .ms] | index(400) != null' "$TMP/stdout"

finish
