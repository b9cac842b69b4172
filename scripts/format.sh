#!/usr/bin/env bash
# Formats radioplay's C code with clang-format and the repository's .clang-format.
#   scripts/format.sh           reformat every tracked *.c and *.h in place
#   scripts/format.sh --check   change nothing; list the files that are not formatted and exit 1
#                               if there are any (clang-format --dry-run --Werror)
# The style is tuned for Debian 12's clang-format 14 (scripts/deps.sh installs it); another
# version may format some constructs differently, so this warns when it finds one.
# CLANG_FORMAT=PATH picks the program.
set -euo pipefail
cd "$(dirname "$0")/.."

check=0
case "${1:-}" in
--check) check=1 ;;
"") ;;
*)
	echo "usage: scripts/format.sh [--check]" >&2
	exit 2
	;;
esac

cf=${CLANG_FORMAT:-}
if [ -z "$cf" ]; then
	for c in clang-format-14 clang-format; do
		if command -v "$c" >/dev/null; then
			cf=$c
			break
		fi
	done
fi
if [ -z "$cf" ]; then
	echo "format.sh: clang-format not found (Debian: apt-get install clang-format)" >&2
	exit 2
fi
if ! "$cf" --version | grep -q 'version 14\.'; then
	echo "format.sh: warning: $("$cf" --version) is not clang-format 14; results may differ" >&2
fi

mapfile -t files < <(git ls-files '*.c' '*.h')
if [ "$check" = 0 ]; then
	"$cf" -i --style=file "${files[@]}"
	exit 0
fi

bad=0
for f in "${files[@]}"; do
	if ! "$cf" --dry-run --Werror --style=file "$f" >/dev/null 2>&1; then
		echo "$f"
		bad=$((bad + 1))
	fi
done
if [ "$bad" -gt 0 ]; then
	echo "format.sh: $bad of ${#files[@]} files are not formatted (scripts/format.sh formats them)" >&2
	exit 1
fi
