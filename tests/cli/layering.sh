#!/usr/bin/env bash
# The layering rule (ARCHITECTURE.md): a stage includes only the public header, headers of its own
# folder and headers of the stages below it; the CLI only the public header and its own. The build
# enforces it (each stage's include path holds just those folders: CMakeLists.txt rp_stage, which
# writes them to $RP_BUILD_DIR/layers.txt); this test checks the #include lines themselves, so that
# a relative path ("../plan/plan.h") cannot get round the include path, and shows that both checks
# catch a violation.
source "$(dirname "$0")/lib.bash"
: "${RP_BUILD_DIR:?set by CTest}"
LAYERS=$RP_BUILD_DIR/layers.txt
[ -s "$LAYERS" ] || { echo "FAIL: $LAYERS missing (configure with CMake)"; exit 1; }

# allowed_dirs DIR: the folders a file in DIR may include from (its line of layers.txt)
allowed_dirs() {
	awk -F';' -v d="$1" '$1 == d { for (i = 1; i <= NF; i++) print $i }' "$LAYERS"
}

# check_tree ROOT: print every #include "..." that breaks the rule, as FILE:LINE: why
check_tree() {
	local root=$1 f dir line inc n allowed found d
	while IFS= read -r f; do
		dir=$(dirname "$f")
		allowed=$(allowed_dirs "$dir")
		if [ -z "$allowed" ]; then
			echo "$f: the folder $dir is no stage in layers.txt"
			continue
		fi
		while IFS=: read -r n line; do
			inc=$(sed -E 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"([^"]*)".*/\1/' <<<"$line")
			[ "$inc" = radioplay.h ] && continue
			if [[ $inc == */* ]]; then
				echo "$f:$n: \"$inc\" names a path: include headers by name"
				continue
			fi
			found=
			for d in $allowed; do
				[ -e "$root/$d/$inc" ] && found=1
			done
			[ -n "$found" ] || echo "$f:$n: \"$inc\" is not in $dir or a stage below it"
		done < <(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$root/$f")
	done < <(cd "$root" && find src -name '*.[ch]' | sort)
	# the public header includes nothing of ours
	grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$root/include/radioplay.h" |
		sed 's|^|include/radioplay.h:|'
}

out=$(check_tree "$RP_SOURCE_DIR")
check "the tree keeps the layering rule${out:+:$'\n'$out}" test -z "$out"

# The rule catches violations: copy the tree and break it three ways.
copy=$TMP/tree
mkdir -p "$copy"
cp -r "$RP_SOURCE_DIR/src" "$RP_SOURCE_DIR/include" "$copy/"
sed -i '0,/^#include "radioplay.h"/s//#include "radioplay.h"\n#include "art.h"/' "$copy/src/script/spans.c"
sed -i '0,/^#include "radioplay.h"/s//#include "radioplay.h"\n#include "..\/plan\/voices.h"/' "$copy/src/script/script.c"
sed -i '0,/^#include "cli.h"/s//#include "cli.h"\n#include "ringbuf.h"/' "$copy/src/cli/cmd_plan.c"
out=$(check_tree "$copy")
check "a script-stage file including a plan-stage header is reported" grep -q 'src/script/spans.c:.*"art.h" is not in' <<<"$out"
check "a relative include path is reported" grep -q 'src/script/script.c:.*names a path' <<<"$out"
check "the CLI including a private library header is reported" grep -q 'src/cli/cmd_plan.c:.*"ringbuf.h" is not in' <<<"$out"

# And the build refuses it: compile the broken spans.c with the flags CMake gives the script stage.
db=$RP_BUILD_DIR/compile_commands.json
if command -v jq >/dev/null && [ -s "$db" ]; then
	cmd=$(jq -r --arg f "$RP_SOURCE_DIR/src/script/spans.c" '.[] | select(.file == $f) | .command' "$db")
	check "compile_commands.json has src/script/spans.c" test -n "$cmd"
	# shellcheck disable=SC2086
	set -- $cmd
	flags=()
	for a in "$@"; do [[ $a == -I* || $a == -D* || $a == -std=* ]] && flags+=("$a"); done
	check "the script stage's own spans.c compiles with its flags" \
		cc -fsyntax-only "${flags[@]}" "$RP_SOURCE_DIR/src/script/spans.c"
	if cc -fsyntax-only "${flags[@]}" "$copy/src/script/spans.c" 2>"$TMP/cc.err"; then
		fail "the script stage compiled a file including a plan-stage header"
	else
		check "the compiler names the header it cannot see" grep -q 'art.h' "$TMP/cc.err"
	fi
else
	fail "jq and $db are needed to check the build's include paths"
fi
finish
