/* libFuzzer target: cast file bytes -> rp_cast_load_memory -> a script of its speakers ->
 * rp_plan_build with the shipped presets.
 *
 * Each input is a cast file's bytes (include/radioplay.h "Voices": a [cast] section of
 * NAME = preset lines, read with inih). Checked beyond "no crash":
 * - RP_OK without errors or RP_ERR_INPUT with at least one, every diagnostic at a line the
 *   input has and a column inside it (fz_check_loader);
 * - deterministic: the same bytes again give the same status, entries and diagnostics;
 * - on failure nothing of the file is kept (an entry added before stays, alone);
 * - on success every entry is a speaker name a script tag can have (UTF-8, 1 to 64 code points,
 *   no ']', no white space at either end) and a preset id that is not empty;
 * - a script with one turn per cast speaker plans with RP_ERR_VOICE exactly when some entry
 *   names a preset the shipped library does not have (rp_voice_library_find); otherwise every
 *   speaker appears in the plan with the preset of the last entry that names it.
 *
 * Built with clang -fsanitize=fuzzer,address,undefined when CMake has RADIOPLAY_FUZZ=ON.
 * Run: scripts/fuzz.sh 60 fuzz_cast, or
 *   build/fuzz/tests/fuzz/fuzz_cast -max_len=2048 -timeout=20 CORPUS_DIR
 * Seed corpus: tests/fuzz/corpus/cast/ (tests/fuzz/make_seeds.sh cast: examples/cast.ini and
 * malformed cases; minimized with -set_cover_merge=1).
 */
#include "fuzz_common.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

static const char NAME[] = "fuzz.ini";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_init_voices();
	return 0;
}

static void check_speaker(const char *s)
{
	int32_t n = (int32_t)strlen(s), i = 0, chars = 0;
	UChar32 c = 0;
	if (!fz_valid_utf8(s, (size_t)n))
		fz_fail("rp_cast speaker: not valid UTF-8", s);
	while (i < n) {
		U8_NEXT(s, i, n, c);
		if (chars++ == 0 && u_isUWhiteSpace(c))
			fz_fail("rp_cast speaker: starts with white space", s);
	}
	if (chars < 1 || chars > RP_MAX_NAME_CHARS || strchr(s, ']') || u_isUWhiteSpace(c))
		fz_fail("rp_cast speaker: not a name a script tag can have", s);
}

/* The preset of the last entry for `speaker`, or NULL. */
static const char *cast_preset(const rp_cast *cast, const char *speaker)
{
	const char *p = NULL;
	for (size_t i = 0; i < cast->count; i++)
		if (strcmp(cast->entries[i].speaker, speaker) == 0)
			p = cast->entries[i].preset;
	return p;
}

/* Plan a script that gives each cast speaker a turn. */
static void check_plan(const rp_cast *cast)
{
	const rp_voice_library *lib = fz_voices();
	bool all_exist = true;
	size_t len = sizeof "[nobody]: hi\n";
	for (size_t i = 0; i < cast->count; i++) {
		all_exist &= rp_voice_library_find(lib, cast->entries[i].preset) != NULL;
		len += strlen(cast->entries[i].speaker) + 8;
	}
	char *script_text = malloc(len), *w = script_text;
	for (size_t i = 0; i < cast->count; i++)
		w += sprintf(w, "[%s]: hi\n", cast->entries[i].speaker);
	*w = '\0';
	if (cast->count == 0)
		strcpy(script_text, "[nobody]: hi\n");
	rp_diags diags = {0};
	rp_source *src = NULL;
	rp_script *script = NULL;
	rp_source_options so = {.keep_mojibake = true}; /* names as written */
	if (rp_source_from_memory("cast.txt", script_text, strlen(script_text), &so, &src,
	                          &diags) != RP_OK ||
	    rp_script_parse(src, &script, &diags) != RP_OK)
		fz_fail("the turns of cast speakers are not a script", script_text);
	rp_plan_options opt;
	rp_plan_options_init(&opt);
	opt.cast = cast;
	rp_plan *plan = NULL;
	int rc = rp_plan_build(script, lib, &opt, &plan, &diags);
	if (!all_exist) {
		if (rc != RP_ERR_VOICE || plan)
			fz_fail("rp_plan_build: a cast preset that does not exist is not RP_ERR_VOICE",
			        rp_strerror(rc));
	} else if (rc != RP_OK) {
		fz_fail("rp_plan_build with a cast of existing presets", rp_strerror(rc));
	} else {
		for (size_t i = 0; i < cast->count; i++) {
			const char *speaker = cast->entries[i].speaker,
				   *want = cast_preset(cast, speaker);
			const rp_speaker *s = NULL;
			for (size_t k = 0; k < plan->n_speakers && !s; k++)
				if (strcmp(plan->speakers[k].name, speaker) == 0)
					s = &plan->speakers[k];
			if (!s)
				fz_fail("a cast speaker's turn has another speaker in the plan",
				        speaker);
			if (strcasecmp(s->preset.id, want) != 0)
				fz_fail("a cast speaker did not get the cast's preset", speaker);
		}
	}
	rp_plan_free(plan);
	rp_script_free(script);
	rp_source_free(src);
	free(script_text);
	rp_diags_clear(&diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	rp_cast cast = {0}, again = {0};
	rp_diags diags = {0}, diags2 = {0};
	int rc = rp_cast_load_memory(&cast, NAME, text, size, &diags);
	fz_check_loader("rp_cast_load_memory", rc, &diags, NAME, data, size);
	if (rp_cast_load_memory(&again, NAME, text, size, &diags2) != rc ||
	    again.count != cast.count)
		fz_fail("rp_cast_load_memory", "the same bytes loaded twice differ");
	for (size_t i = 0; i < cast.count; i++)
		if (strcmp(cast.entries[i].speaker, again.entries[i].speaker) != 0 ||
		    strcmp(cast.entries[i].preset, again.entries[i].preset) != 0)
			fz_fail("rp_cast_load_memory", "the same bytes give other entries");
	fz_check_same_diags("rp_cast_load_memory twice", &diags, &diags2);
	rp_cast_clear(&again);
	rp_diags_clear(&diags2);

	if (rc != RP_OK) {
		if (cast.count != 0)
			fz_fail("rp_cast_load_memory", "entries kept from a file that failed");
		rp_cast before = {0};
		if (rp_cast_add_assignment(&before, "Kept=ada") != RP_OK ||
		    rp_cast_load_memory(&before, NAME, text, size, &diags2) != rc ||
		    before.count != 1 || strcmp(before.entries[0].speaker, "Kept") != 0)
			fz_fail("a failed load changed the cast it was loaded into", NULL);
		rp_cast_clear(&before);
		rp_diags_clear(&diags2);
	} else {
		for (size_t i = 0; i < cast.count; i++) {
			check_speaker(cast.entries[i].speaker);
			const char *p = cast.entries[i].preset;
			if (!*p || !fz_valid_utf8(p, strlen(p)))
				fz_fail("rp_cast preset: empty or not valid UTF-8", p);
		}
		check_plan(&cast);
	}
	rp_cast_clear(&cast);
	rp_diags_clear(&diags);
	return 0;
}
