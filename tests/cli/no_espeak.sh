#!/usr/bin/env bash
# plan and check never start eSpeak NG: with its data made unavailable (ESPEAK_DATA_PATH pointing
# at an empty espeak-ng-data folder, which eSpeak NG 1.51 takes instead of its own: see
# docs/espeak-ng.md#data-path) they print exactly what they print with it, while render fails
# with a clear error, exit status 1 and no output file.
source "$(dirname "$0")/lib.bash"
SCRIPTS=("$RP_SOURCE_DIR/examples/coffee.txt" "$RP_SOURCE_DIR/tests/play/dialogue.txt")
mkdir -p "$TMP/nodata/espeak-ng-data"
without() { ESPEAK_DATA_PATH=$TMP/nodata "$@"; }

for s in "${SCRIPTS[@]}"; do
	n=$(basename "$s")
	"$RADIOPLAY" plan "$s" >"$TMP/plan.with" 2>"$TMP/plan.with.err"
	without "$RADIOPLAY" plan "$s" >"$TMP/plan.without" 2>"$TMP/plan.without.err"
	check "$n: plan without eSpeak NG data succeeds" test $? -eq 0
	check "$n: plan without eSpeak NG data prints the same JSON" cmp -s "$TMP/plan.with" "$TMP/plan.without"
	check "$n: plan without eSpeak NG data says the same on stderr" cmp -s "$TMP/plan.with.err" "$TMP/plan.without.err"
	check "$n: the plan has speech" jq -e '[.turns[].items[] | select(.type == "speech")] | length > 3' "$TMP/plan.without"
	"$RADIOPLAY" check "$s" >"$TMP/check.with"
	without "$RADIOPLAY" check "$s" >"$TMP/check.without" 2>"$TMP/check.without.err"
	check "$n: check without eSpeak NG data succeeds" test $? -eq 0
	check "$n: check without eSpeak NG data prints the same report" cmp -s "$TMP/check.with" "$TMP/check.without"
	check "$n: check says nothing about eSpeak NG" test ! -s "$TMP/check.without.err"
done

# render needs eSpeak NG: a clear error, status 1, nothing written
without "$RADIOPLAY" render -q "${SCRIPTS[0]}" -o "$TMP/out.wav" >"$TMP/stdout" 2>"$TMP/stderr"
check "render without eSpeak NG data exits 1" test $? -eq 1
check "render names eSpeak NG's data and the variable" grep -q "eSpeak NG: error: cannot start: cannot read its data (espeak-ng-data) under ESPEAK_DATA_PATH=$TMP/nodata" "$TMP/stderr"
check "render without eSpeak NG data writes no file" test ! -e "$TMP/out.wav"
check "render without eSpeak NG data leaves nothing in the folder" test -z "$(ls -A "$TMP" | grep -v -x -e nodata -e stdout -e stderr -e 'plan.*' -e 'check.*')"
finish
