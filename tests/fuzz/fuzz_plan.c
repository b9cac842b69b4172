/* libFuzzer target: script bytes -> decode -> parse -> spans -> normalize and sanitize (the whole
 * plan stage, rp_plan_build) -> plan JSON. No eSpeak NG.
 *
 * Each input is a script file's bytes, in any encoding. It is planned with the defaults
 * `radioplay plan` uses, every stage's output is checked against what include/radioplay.h and
 * the README promise (tests/fuzz/fuzz_common.c; a broken promise aborts, which libFuzzer reports
 * like a crash), and the plan is written as JSON to /dev/null. The same bytes are then decoded
 * once more with other source options (a forced encoding, --strict, --keep-mojibake), chosen by
 * the input's length so that every input still means one fixed thing. Inputs of even length
 * (planned without emoji names) are also planned by rp_plan_load_memory, the composed loader
 * front ends use: it must succeed exactly when the stages did, with the same plan (JSON).
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
#include <string.h>

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
static const char *const FORCED[] = {
	"UTF-8",    "GBK",          "Big5",         "Shift_JIS",  "GB18030",          "UTF-16LE",
	"UTF-16BE", "windows-1252", "windows-1251", "ISO-8859-1", "no-such-encoding", NULL};

/* The plan as JSON without warnings, malloc'd. */
static char *plan_json(const rp_plan *plan)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	if (!f || rp_plan_write_json(plan, NULL, f) != RP_OK)
		fz_fail("rp_plan_write_json", "failed on a memory stream");
	fclose(f);
	return s;
}

/* rp_plan_load_memory gives what the stages one by one gave (`plan`, NULL when they failed). */
static void check_loader(const uint8_t *data, size_t size, const rp_plan *plan)
{
	rp_diags diags = {0};
	rp_plan *loaded = NULL;
	int rc = rp_plan_load_memory("fuzz.txt", data, size, NULL, &loaded, &diags);
	fz_check_diags(&diags);
	if ((rc == RP_OK) != (plan != NULL) || (rc == RP_OK) != (loaded != NULL))
		fz_fail("rp_plan_load_memory", "succeeds or fails unlike the stages one by one");
	if (rc != RP_OK && diags.errors == 0)
		fz_fail("rp_plan_load_memory", "failed without an error diagnostic");
	if (plan) {
		char *a = plan_json(plan), *b = plan_json(loaded);
		if (strcmp(a, b) != 0)
			fz_fail("rp_plan_load_memory", "a plan unlike the stages' plan");
		free(a);
		free(b);
	}
	rp_plan_free(loaded);
	rp_diags_clear(&diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rp_plan *plan = fz_build_plan(data, size, 22050);
	if (plan && rp_plan_write_json(plan, NULL, devnull) != RP_OK)
		fz_fail("rp_plan_write_json", "failed on /dev/null");
	if (size % 2 == 0) /* fz_build_plan reads emoji by name for odd sizes */
		check_loader(data, size, plan);
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
