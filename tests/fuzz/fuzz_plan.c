/* libFuzzer target: script bytes -> decode -> parse -> spans -> normalize and sanitize (the whole
 * plan stage, rp_plan_build) -> plan JSON. No eSpeak NG.
 *
 * Each input is a script file's bytes, in any encoding. It is planned with the defaults
 * `radioplay plan` uses, every stage's output is checked against what include/radioplay.h and
 * the README promise (tests/fuzz/fuzz_common.c; a broken promise aborts, which libFuzzer reports
 * like a crash), and the plan is written as JSON to /dev/null. The same bytes are then decoded
 * once more with other source options (a forced encoding, --strict, --keep-mojibake), chosen by
 * the input's length so that every input still means one fixed thing.
 *
 * Built with clang -fsanitize=fuzzer,address,undefined when CMake has RADIOPLAY_FUZZ=ON (the core
 * library then gets -fsanitize=fuzzer-no-link,address,undefined). Leak detection stays on.
 * Run (scripts/fuzz.sh does this, on a copy of the corpus):
 *   scripts/fuzz.sh 60 fuzz_plan
 *   build/fuzz/tests/fuzz/fuzz_plan -max_len=8192 -timeout=20 CORPUS_DIR tests/fuzz/corpus/plan
 * Seed corpus: tests/fuzz/corpus/plan/ (cut from the shared real scripts, the golden inputs and
 * nasty cases; minimized with -set_cover_merge=1). A crash input reproduces with
 *   build/fuzz/tests/fuzz/fuzz_plan FILE
 */
#include "fuzz_common.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_init_voices();
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		fz_fail("cannot open /dev/null", NULL);
	return 0;
}

/* Other ways to decode the same bytes: every --encoding the README names, and the flags. */
static const char *const FORCED[] = {"UTF-8",     "GBK",        "Big5",     "Shift_JIS",
                                     "GB18030",   "UTF-16LE",   "UTF-16BE", "windows-1252",
                                     "windows-1251", "ISO-8859-1", "no-such-encoding", NULL};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rp_plan *plan = fz_build_plan(data, size, 22050);
	if (plan && rp_plan_write_json(plan, NULL, devnull) != RP_OK)
		fz_fail("rp_plan_write_json", "failed on /dev/null");
	rp_plan_free(plan);

	size_t n_forced = sizeof FORCED / sizeof FORCED[0];
	rp_source_options opt = {
		.encoding = FORCED[size % n_forced],
		.strict = (size / n_forced) % 2,
		.keep_mojibake = (size / n_forced / 2) % 2,
	};
	rp_source_free(fz_decode(data, size, &opt));
	return 0;
}
