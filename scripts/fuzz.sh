#!/usr/bin/env bash
# Builds radioplay's libFuzzer targets (tests/fuzz/) with clang, AddressSanitizer and UBSan into
# build/fuzz, and runs each for SECONDS (default 60) on a copy of its committed corpus
# (tests/fuzz/corpus/TARGET). Exits non-zero when a target finds something: a crash, a sanitizer
# report, a leak, a broken invariant, a timeout or running out of memory. The input that did it is
# saved as build/fuzz/artifacts/TARGET-crash-* (or leak-*, timeout-*, oom-*); reproduce with
#   build/fuzz/tests/fuzz/TARGET build/fuzz/artifacts/TARGET-crash-...
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     targets: fuzz_plan fuzz_synth fuzz_lexicon
#                                                fuzz_cast fuzz_voice (default: all, in turn)
#   RADIOPLAY_FUZZ_MERGE=1 scripts/fuzz.sh 900   afterwards merge the new inputs into the
#                                                committed corpora (minimized: -set_cover_merge=1)
#   RADIOPLAY_FUZZ_SEEDS=1 scripts/fuzz.sh 0     merge fresh seeds (tests/fuzz/make_seeds.sh)
#                                                into the committed corpora; 0 s: no fuzzing
# Logs: build/fuzz/TARGET.log. Needs clang-14 and libclang-rt-14-dev (scripts/deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_plan fuzz_synth fuzz_lexicon fuzz_cast fuzz_voice)

# Per target: the libFuzzer flags. fuzz_synth keeps inputs small so eSpeak NG gets many
# executions per second. All keep leak detection on (tests/fuzz/fuzz_synth.c on eSpeak NG's
# leaks). The loaders' inputs are files of a few lines (an INI line is at most 198 bytes).
flags_for() {
	case $1 in
	fuzz_plan) echo "-max_len=8192 -timeout=20" ;;
	fuzz_synth) echo "-max_len=512 -timeout=30" ;;
	fuzz_lexicon | fuzz_cast | fuzz_voice) echo "-max_len=2048 -timeout=20" ;;
	*) echo "scripts/fuzz.sh: unknown target $1" >&2; return 1 ;;
	esac
}

cc=${CC:-clang-14}
command -v "$cc" >/dev/null || { echo "scripts/fuzz.sh: $cc not found (scripts/deps.sh installs clang-14)" >&2; exit 1; }
build=build/fuzz
CC=$cc cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRADIOPLAY_FUZZ=ON \
	-DRADIOPLAY_TESTS=OFF -DRADIOPLAY_WERROR=ON >/dev/null
cmake --build "$build" -j 2 --target "${targets[@]}" >/dev/null

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export RADIOPLAY_VOICES=${RADIOPLAY_VOICES:-$PWD/voices}
mkdir -p "$build/artifacts"
failed=()
for t in "${targets[@]}"; do
	flags=$(flags_for "$t")
	bin=$build/tests/fuzz/$t
	corpus=tests/fuzz/corpus/${t#fuzz_}
	work=$build/corpus/$t
	mkdir -p "$corpus"
	if [ -n "${RADIOPLAY_FUZZ_SEEDS:-}" ]; then
		case $t in fuzz_plan | fuzz_synth) kind=script ;; *) kind=${t#fuzz_} ;; esac
		rm -rf "$build/seeds" && tests/fuzz/make_seeds.sh "$build/seeds" "$kind"
		rm -rf "$build/merged" && mkdir -p "$build/merged"
		# shellcheck disable=SC2086
		"$bin" -set_cover_merge=1 $flags -artifact_prefix="$build/artifacts/$t-merge-" "$build/merged" "$corpus" "$build/seeds" >"$build/$t.merge.log" 2>&1
		rm -rf "$corpus" && mv "$build/merged" "$corpus"
		echo "== $t: corpus with fresh seeds: $(ls "$corpus" | wc -l) files, $(du -s --apparent-size -k "$corpus" | cut -f1) KB"
	fi
	[ "$seconds" -gt 0 ] || continue
	rm -rf "$work" && mkdir -p "$work" && cp "$corpus"/. "$work"/ -r
	echo "== $t: ${seconds} s on $(ls "$work" | wc -l) inputs ($build/$t.log)"
	rc=0
	# shellcheck disable=SC2086
	# a fixed seed (RADIOPLAY_FUZZ_SEED, default 1; 0 = random) makes the mutation sequence the
	# same on every machine, so CI repeats what passed here rather than a new gamble
	"$bin" $flags -seed="${RADIOPLAY_FUZZ_SEED:-1}" -max_total_time="$seconds" -print_final_stats=1 \
		-artifact_prefix="$build/artifacts/$t-" "$work" >"$build/$t.log" 2>&1 || rc=$?
	grep -E '^stat::number_of_executed_units|^Done ' "$build/$t.log" | tr '\n' ' ' || true
	echo
	if [ $rc -ne 0 ]; then
		echo "== $t FOUND SOMETHING (exit $rc):" >&2
		grep -E -A40 '==ERROR|runtime error|fuzz invariant broken|ALARM|out-of-memory|deadly signal' \
			"$build/$t.log" | head -80 >&2 || tail -40 "$build/$t.log" >&2
		ls "$build/artifacts/$t-"* >&2 2>/dev/null || true
		failed+=("$t")
		continue
	fi
	if [ -n "${RADIOPLAY_FUZZ_MERGE:-}" ]; then
		rm -rf "$build/merged" && mkdir -p "$build/merged"
		# shellcheck disable=SC2086
		"$bin" -set_cover_merge=1 $flags -artifact_prefix="$build/artifacts/$t-merge-" "$build/merged" "$corpus" "$work" >"$build/$t.merge.log" 2>&1
		rm -rf "$corpus" && mv "$build/merged" "$corpus"
		echo "== $t: corpus merged: $(ls "$corpus" | wc -l) files, $(du -s --apparent-size -k "$corpus" | cut -f1) KB"
	fi
done
if [ ${#failed[@]} -gt 0 ]; then
	echo "scripts/fuzz.sh: findings in: ${failed[*]} (inputs in $build/artifacts/)" >&2
	exit 1
fi
