#!/usr/bin/env bash
# radioplay check: the lint reports encoding, speakers, unspoken characters and number readings
# at FILE:LINE:COL, and exits 1 on errors.
source "$(dirname "$0")/lib.bash"
EX="$RP_SOURCE_DIR/examples/coffee.txt"
run_rp check "$EX"
check "check: exit 0" test $rc -eq 0
check "check: encoding and counts" grep -q "coffee.txt: UTF-8, 6 turns, 2 speakers" "$TMP/stdout"
check "check: speakers with voices" grep -q "speaker Leo: preset bruno (male), en en-us+m3, cmn cmn-latn-pinyin+m3" "$TMP/stdout"
check "check: emoji at its line and column" grep -q "coffee.txt:1:34: not spoken: 😴 (U+1F634 SLEEPING FACE)" "$TMP/stdout"
check "check: emoji on a later line" grep -q "coffee.txt:8:48: not spoken: ☕" "$TMP/stdout"
printf '[A]: 那部2008年的电影，30%%的人\n\n[B]: Back in 2049, I paid $3.50.\n' > "$TMP/n.txt"
run_rp check "$TMP/n.txt"
check "check: Mandarin numbers and their reading" grep -q "n.txt:1:6: numbers (cmn): 那部2008年的电影，30%的人 => 那部二零零八年的电影，百分之三十的人" "$TMP/stdout"
check "check: English numbers and their reading" grep -q "n.txt:3:6: numbers (en): Back in 2049, I paid \$3.50. => Back in twenty forty-nine, I paid 3 dollars 50 cents." "$TMP/stdout"
printf 'no tags here\n' > "$TMP/bad.txt"
run_rp check "$TMP/bad.txt"
check "check: errors exit 1" test $rc -eq 1
check "check: error at FILE:LINE:COL" grep -q "bad.txt:1:1: error:" "$TMP/stderr"
printf '[A]: ok\n[A]:\n' > "$TMP/w.txt"
run_rp check "$TMP/w.txt"
check "check: warnings alone exit 0" test $rc -eq 0
check "check: warning listed" grep -q "w.txt:2:1: warning: turn of 'A' has nothing to say" "$TMP/stdout"
printf '[A]: wow‼ Brand™ ok 😂 ©\n' > "$TMP/nfkc.txt"
run_rp check "$TMP/nfkc.txt"
check "check: ‼ and ™ are read (as !! and TM), not listed" grep -q ", 2 characters not spoken," "$TMP/stdout"
check "check: © listed" grep -q "nfkc.txt:1:23: not spoken: ©" "$TMP/stdout"
# ASCII art: blocks are not spoken and are named in warnings; symbol runs are dropped
printf '[A]: Look at my cat:\n  /\\_/\\\n ( o.o )\n  > ^ <\nCute, **right**?\n[B]: 好的 ======== 分割线\n' > "$TMP/art.txt"
run_rp check "$TMP/art.txt"
check "check: art block warned at its first line" grep -q "art.txt:2:3: warning: lines 2-4 look like ASCII art and are not spoken" "$TMP/stdout"
run_rp plan -q "$TMP/art.txt"
check "plan: art and ** not spoken" test "$(jq -r '.turns[0].items[0].spoken' "$TMP/stdout")" = "Look at my cat: Cute, right ?"
check "plan: ======== not read as 等于" test "$(jq -r '.turns[1].items[0].spoken' "$TMP/stdout")" = "好的 分割线"
# emoticons go before the split: the D of :D is no English span, :) survives no Mandarin rule
printf '[A]: 好的 :) 走吧 ;-) 嗯 :D\n' > "$TMP/emoticon.txt"
run_rp plan "$TMP/emoticon.txt"
check "plan: emoticons in Mandarin dropped whole" test "$(jq -r '[.turns[0].items[] | select(.type=="speech") | .lang + ":" + .spoken] | join("|")' "$TMP/stdout")" = "cmn:好的 走吧 嗯"
# --emoji speak: named emoji are spoken (check lists none), an emoji-only turn has audio, and
# without CLDR's files the command fails before touching the output
run_rp check --emoji speak "$EX"
check "check --emoji speak: named emoji are not listed" grep -q ", 0 characters not spoken," "$TMP/stdout"
printf '[A]: 好的😂\n[B]: 👍\n' > "$TMP/e.txt"
run_rp plan --emoji speak "$TMP/e.txt"
check "plan --emoji speak: Mandarin name" test "$(jq -r '.turns[0].items[0].spoken' "$TMP/stdout")" = "好的，笑哭了"
check "plan --emoji speak: emoji-only turn read in the language spoken last" test "$(jq -r '.turns[1].items[0].spoken' "$TMP/stdout")" = "拇指向上"
run_rp render -q --emoji speak "$TMP/e.txt" -o "$TMP/e.wav"
check "render --emoji speak: exit 0" test $rc -eq 0
check "render --emoji speak: B's turn is heard (over 1.5 s in all)" awk -v d="$(soxi -D "$TMP/e.wav")" 'BEGIN { exit !(d > 1.5) }'
run_rp render -q "$TMP/e.txt" -o "$TMP/skip.wav"
check "render: emoji skipped by default (shorter)" awk -v a="$(soxi -D "$TMP/skip.wav")" -v b="$(soxi -D "$TMP/e.wav")" 'BEGIN { exit !(a + 0.5 < b) }'
cp "$TMP/e.wav" "$TMP/keep.wav"
RADIOPLAY_CLDR_DIR="$TMP/nowhere" run_rp render --emoji speak "$TMP/e.txt" -o "$TMP/e.wav"
check "render --emoji speak without CLDR: exit 1" test $rc -eq 1
check "render --emoji speak without CLDR: says which file and package" grep -q "nowhere/annotations/en.xml: error: cannot read the CLDR emoji names .*unicode-cldr-core" "$TMP/stderr"
check "render --emoji speak without CLDR: output untouched" cmp -s "$TMP/e.wav" "$TMP/keep.wav"
run_rp render --emoji loud "$TMP/e.txt" -o "$TMP/e.wav"
check "render --emoji loud: usage error" test $rc -eq 2
finish
