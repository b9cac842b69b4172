#!/usr/bin/env bash
# Dotted chains (docs/espeak-ng.md#dotted-abbreviation-chains): text that crashes eSpeak NG 1.51
# (stack smashing in LookupDictList and CheckDottedAbbrev) renders once the sanitizer has broken
# its chains: the known crash vectors and 300 random chains (fixed seed) of letters of several
# scripts with the separators eSpeak NG joins chains across. Each renders with exit 0 to a WAV of
# a plausible length, and the known vectors' planned text also goes to the espeak-ng command with
# the voice the plan picked (exit 0). The vectors are checked to crash espeak-ng as they are, so
# the test keeps testing something (a note, not a failure, should eSpeak NG be fixed).
source "$(dirname "$0")/lib.bash"
have_espeak=true
if ! command -v espeak-ng >/dev/null; then
	have_espeak=false
	echo "note: no espeak-ng command; its checks are skipped"
fi

rep() { local s="" i; for ((i = 0; i < $2; i++)); do s+=$1; done; printf '%s' "$s"; }

# render_ok NAME TEXT UNITS: "[A]: TEXT" renders with exit 0 to 0.05..2 s a unit (+2 s)
render_ok() {
	printf '[A]: %s\n' "$2" > "$TMP/chain.txt"
	run_rp render -q "$TMP/chain.txt" -o "$TMP/chain.wav"
	if [ "$rc" -ne 0 ]; then
		fail "$1: render exit $rc ($(head -c 300 "$TMP/stderr"))"
		return
	fi
	local secs
	secs=$(soxi -D "$TMP/chain.wav" 2>/dev/null)
	if awk -v s="${secs:-0}" -v u="$3" 'BEGIN { exit !(s >= 0.05 * u && s <= 2 * u + 2) }'; then
		ok
	else
		fail "$1: $secs s of audio for $3 units"
	fi
}

# espeak_ok NAME: every item the plan of $TMP/chain.txt speaks goes to espeak-ng, with its voice
espeak_ok() {
	$have_espeak || return 0
	"$RADIOPLAY" plan -q "$TMP/chain.txt" |
		jq -r '.turns[].items[] | select(.type == "speech") | [.voice, .spoken] | @tsv' > "$TMP/items"
	local voice spoken bad=0
	while IFS=$'\t' read -r voice spoken; do
		(timeout 60 espeak-ng -v "$voice" -w /dev/null -- "$spoken"; exit $?) 2>/dev/null || bad=$?
	done < "$TMP/items"
	check "$1: espeak-ng reads the planned text (exit $bad)" test "$bad" -eq 0
}

# raw_crashes VOICE TEXT: espeak-ng itself crashes on TEXT (a note when it does not)
raw_crashes() {
	$have_espeak || return 0
	(timeout 60 espeak-ng -v "$1" -w /dev/null -- "$2"; exit $?) 2>/dev/null
	local r=$?
	[ $r -ne 0 ] || echo "note: espeak-ng -v $1 no longer crashes on ${2:0:30}..."
}

# NAME VOICE UNITS TEXT
vectors=(
	"a. x85|en-us|85|$(rep 'a.' 85)"
	"é . x57|en-us|57|$(rep 'é . ' 57)"
	"a.a.a.a., x40|en-us|160|$(rep 'a.a.a.a., ' 40)"
	"a.b. x50 (lower case after '. ')|en-us|100|$(rep 'a.b. ' 50)"
	"A. x100|en-us|100|$(rep 'A.' 100)"
	"ж. x60|ru|60|$(rep 'ж.' 60)"
	"α.β., x40|el|80|$(rep 'α.β., ' 40)"
	"𐐨. x40 (4-byte letters)|en-us|40|$(rep '𐐨.' 40)"
	"好. x50|cmn-latn-pinyin|50|$(rep '好.' 50)"
	"あ. x50|ja|50|$(rep 'あ.' 50)"
	"ᄀ. x60 (jamo)|ko|60|$(rep 'ᄀ.' 60)"
	"ㄱ. + 30 Hangul syllables (the word after the dot)|ko|31|ㄱ.$(rep '가' 30)"
	"안녕 ㄱ.ㄴ. + 29 syllables|ko|33|안녕 ㄱ.ㄴ.$(rep '나' 29)"
	"ก๏ x50 (๏ is a dot to th)|th|50|$(rep 'ก๏' 50)"
	"क. x60|hi|60|$(rep 'क.' 60)"
	"ب. x60|ar|60|$(rep 'ب.' 60)"
	"ב. x60|he|60|$(rep 'ב.' 60)"
	"ሀ. x60|am|60|$(rep 'ሀ.' 60)"
	"ա. x60|hy|60|$(rep 'ա.' 60)"
)
for v in "${vectors[@]}"; do
	IFS='|' read -r name voice units text <<< "$v"
	raw_crashes "$voice" "$text"
	render_ok "$name" "$text" "$units"
	espeak_ok "$name"
done

# Random chains: letters of one script (the plan picks the voice by script), each followed by a
# dot and a separator eSpeak NG joins chains across: none or punctuation right after the dot
# (, ; : ! ? … 、 ， 。), spaces or punctuation and spaces before a lower-case letter, " . ";
# now and then a breaking one or a longer word, and a long word at the end. Scripts with lower
# case come more often: only their chains go on across spaces. (270 of these 300 crash
# espeak-ng as they are.)
scripts=(
	"abcdefghijklmnopqrstuvwxyzéüßçñ" "abcdefghijklmnopqrstuvwxyzéüßçñ"
	"абвгдежзийклмнопрстуфхцчшщыэюя" "абвгдежзийклмнопрстуфхцчшщыэюя"
	"αβγδεζηθικλμνξοπρστυφχψω" "αβγδεζηθικλμνξοπρστυφχψω"
	"աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ"
	"𐐨𐐩𐐪𐐫𐐬𐐭𞤢𞤣𞤤"
	"あいうえおかきくけこアイウエオカキ"
	"好的我你他中文字漢"
	"ᄀᄂᄃᄅᄆᄇᄉᄋᄌᄎ"
	"กขคงจฉชซดตถทนบปผพฟภมยรลวศษสห"
	"कखगघचछजझटठडढतथदधनपफबभमयरलवशसह"
	"ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
	"אבגדהוזחטיכלמנסעפצקרשת"
	"აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ"
	"ሀለሐመሠረሰሸቀበተቸኀነኘአከኸወዐዘዠየደጀገጠጨጰጸፀፈፐ"
)
hangul="가나다라마바사한국어"
glued=("" "" "" "," "…" "、" "，" "。" ";" "!" "?" ":")
spaced=(" " "  " ", " "; " ": " "! " "? " "., " $'\u3000')
breaking=(" - " "'" " , " ") ")
RANDOM=20240611
n_random=300
for ((k = 0; k < n_random; k++)); do
	letters=${scripts[RANDOM % ${#scripts[@]}]}
	cased=false
	[[ $letters == [aаαա𐐨]* ]] && cased=true
	units=$((40 + RANDOM % 160))
	text="" nospace=false
	for ((i = 0; i < units; i++)); do
		u=${letters:RANDOM % ${#letters}:1}
		((RANDOM % 200 == 0)) && u="$u$u$u"
		dot=.
		x=$((RANDOM % 1000))
		if ((x < 100)); then
			dot=" $dot" # "a . b"
			if $cased; then sep=" "; else sep=${glued[RANDOM % ${#glued[@]}]}; fi
		elif ((x < 400)) && $nospace && $cased; then
			sep=${spaced[RANDOM % ${#spaced[@]}]}
		elif ((x < 997)); then
			sep=${glued[RANDOM % ${#glued[@]}]}
		else
			sep=${breaking[RANDOM % ${#breaking[@]}]}
		fi
		[[ $letters == ก* && -z $sep ]] && ((RANDOM % 2 == 0)) && dot=๏
		text+="$u$dot$sep"
		nospace=false
		[[ $sep == "" || $sep == [,…、，。\;\!\?:] ]] && nospace=true
	done
	if ((RANDOM % 2)); then # a long word after the last dot (Hangul syllables for ko)
		w=${letters:RANDOM % ${#letters}:1}
		[[ $letters == ᄀ* ]] && w=${hangul:RANDOM % ${#hangul}:1}
		text+=$(rep "$w" $((10 + RANDOM % 50)))
	fi
	render_ok "random chain $k (${text:0:24}...)" "$text" "$units"
done

# A lexicon respelling is text too: a chain in a replacement (or one it completes) is kept within
# the limits like one in the script.
printf 'en\tfoo\t%s\nen\tbar\t%s\n' "$(rep 'a.' 85)" "$(rep 'a.' 40)" >"$TMP/lexicon.txt"
printf '[A]: I say foo now.\n[B]: And bar %s too.\n' "$(rep 'a.' 40)" >"$TMP/lexicon-script.txt"
"$RADIOPLAY" render -q --lexicon "$TMP/lexicon.txt" "$TMP/lexicon-script.txt" -o "$TMP/lexicon.wav" \
	2>"$TMP/lexicon.err"
check "a lexicon respelling holding a dotted chain renders (exit 0): $(head -c 200 "$TMP/lexicon.err")" test $? -eq 0
"$RADIOPLAY" plan -q --lexicon "$TMP/lexicon.txt" "$TMP/lexicon-script.txt" >"$TMP/lexicon.json"
check "the respelling is in what eSpeak NG is given" \
	jq -e '.turns[0].items[0].spoken | test("a\\.a\\.a\\.")' "$TMP/lexicon.json"
finish
