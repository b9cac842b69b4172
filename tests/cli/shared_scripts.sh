#!/usr/bin/env bash
# The real scripts (../shared/scripts): each renders with default settings to a valid WAV; the
# two speakers have different voices; every Mandarin span, phonemized by the espeak-ng program
# with the voice the plan chose, stays Mandarin (no "(en)" switch); no span holds both hanzi and
# Latin letters; every span with Latin letters goes to an English voice.
source "$(dirname "$0")/lib.bash"
dir="$RP_SHARED_DIR/scripts"
if [ ! -d "$dir" ]; then
	if [ -n "${CI:-}" ]; then fail "shared scripts missing at $dir"; finish; exit; fi
	echo "shared scripts not found at $dir: skipped"; exit 0
fi
shopt -s nullglob
scripts=("$dir"/*.txt)
check "at least one shared script" test ${#scripts[@]} -ge 1
for s in "${scripts[@]}"; do
	stem=$(basename "${s%.txt}")
	(cd "$TMP" && "$RADIOPLAY" render -q "$s"); rc=$?
	wav="$TMP/out/$stem.wav"
	check "$stem: render exits 0" test $rc -eq 0
	check "$stem: default output out/$stem.wav is a 22050 Hz mono 16-bit WAV" \
		test "$(soxi -t "$wav") $(soxi -r "$wav") $(soxi -c "$wav") $(soxi -b "$wav")" = "wav 22050 1 16"
	dur=$(soxi -D "$wav")
	check "$stem: 20 to 50 minutes ($dur s)" awk -v d="$dur" 'BEGIN { exit !(d > 1200 && d < 3000) }'
	# the audio is not silence: sox measures the RMS level
	rms=$(sox "$wav" -n stat 2>&1 | awk '/RMS +amplitude/ { print $3 }')
	check "$stem: RMS level above -40 dBFS ($rms)" awk -v r="$rms" 'BEGIN { exit !(r > 0.01) }'

	"$RADIOPLAY" plan -q "$s" > "$TMP/plan.json"
	check "$stem: two speakers" test "$(jq '.speakers | length' "$TMP/plan.json")" -eq 2
	check "$stem: speakers have different presets" jq -e '.speakers[0].preset != .speakers[1].preset' "$TMP/plan.json"
	check "$stem: speakers have different English voices" jq -e '.speakers[0].voices.en != .speakers[1].voices.en' "$TMP/plan.json"
	check "$stem: speakers have different Mandarin voices" jq -e '.speakers[0].voices.cmn != .speakers[1].voices.cmn' "$TMP/plan.json"
	jq -r '.turns[].items[] | select(.type == "speech") | [.lang, .voice, (.text | gsub("[\n\t]"; " ")), .spoken] | @tsv' \
		"$TMP/plan.json" > "$TMP/spans.tsv"
	check "$stem: no span holds both hanzi and Latin letters" \
		bash -c "! cut -f3 '$TMP/spans.tsv' | grep -P '\p{sc:Han}' | grep -qP '\p{sc:Latin}'"
	check "$stem: every span with Latin letters is English with an English voice" \
		bash -c "! awk -F'\t' '\$3 ~ /[A-Za-z]/ && !(\$1 == \"en\" && \$2 ~ /^en/)' '$TMP/spans.tsv' | grep -q ."
	check "$stem: every span with hanzi is Mandarin with a cmn-latn-pinyin voice" \
		bash -c "! grep -P '^[^\t]*\t[^\t]*\t[^\t]*\p{sc:Han}' '$TMP/spans.tsv' | awk -F'\t' '!(\$1 == \"cmn\" && \$2 ~ /^cmn-latn-pinyin/)' | grep -q ."
	# phonemize every Mandarin span with the chosen voice: no switch to English
	n=0; en=0
	while IFS=$'\t' read -r lang voice text spoken; do
		[ "$lang" = cmn ] || continue
		n=$((n + 1))
		if printf '%s' "$spoken" | espeak-ng -q -x -v "$voice" | grep -q '(en)'; then
			en=$((en + 1)); echo "  switches to English: $spoken" >&2
		fi
	done < "$TMP/spans.tsv"
	echo "$stem: $dur s, $n Mandarin spans phonemized, $en switch to English"
	check "$stem: Mandarin spans found" test $n -gt 10
	check "$stem: no Mandarin span switches to English" test $en -eq 0
done
finish
