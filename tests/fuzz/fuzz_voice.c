/* libFuzzer target: voice preset bytes -> rp_voice_preset_parse -> a library of it
 * (rp_voice_library_new/add) -> rp_plan_build of a short script in several languages.
 *
 * Each input is a preset file's bytes (include/radioplay.h "Voices", read with inih). Checked
 * beyond "no crash":
 * - RP_OK without errors or RP_ERR_INPUT with at least one, every diagnostic at a line the
 *   input has and a column inside it (fz_check_loader); on failure *out is untouched;
 * - deterministic: the same bytes again give the same status, preset and diagnostics;
 * - on success the preset keeps the header's promises: its id, a UTF-8 name, a known gender,
 *   pitch and range 0..100, rate 80..450, 1..RP_MAX_LANGS distinct lower-case language tags
 *   with ASCII voices, cmn only cmn-latn-pinyin, the variant that of the en (else first) voice;
 *   rp_voice_for_lang gives each listed voice, and cmn-latn-pinyin for Mandarin;
 * - a library of it finds it by id in any case, refuses it twice, keeps two presets sorted; a
 *   plan with it gives every speaker this preset and every speech item the voice
 *   rp_voice_for_lang names for the item's language.
 *
 * Built with clang -fsanitize=fuzzer,address,undefined when CMake has RADIOPLAY_FUZZ=ON.
 * Run: scripts/fuzz.sh 60 fuzz_voice, or
 *   build/fuzz/tests/fuzz/fuzz_voice -max_len=2048 -timeout=20 CORPUS_DIR
 * Seed corpus: tests/fuzz/corpus/voice/ (tests/fuzz/make_seeds.sh voice: the shipped
 * presets in voices/ and malformed variants of them; minimized with -set_cover_merge=1).
 */
#include "fuzz_common.h"
#include "voices.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char NAME[] = "fuzz.ini";
static rp_script *script; /* speakers and languages to plan with each preset */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	static const char TEXT[] = "[A]: Hello, 你好！ Привет. こんにちは\n[B]: 안녕 bye\n";
	rp_diags diags = {0};
	rp_source *src = NULL;
	if (rp_source_from_memory("voice.txt", TEXT, sizeof TEXT - 1, NULL, &src, &diags) !=
	            RP_OK ||
	    rp_script_parse(src, &script, &diags) != RP_OK)
		fz_fail("cannot parse the script fuzz_voice plans", NULL);
	rp_source_free(src);
	rp_diags_clear(&diags);
	return 0;
}

static bool same_preset(const rp_voice_preset *a, const rp_voice_preset *b)
{
	if (strcmp(a->id, b->id) || strcmp(a->name, b->name) || a->gender != b->gender ||
	    a->pitch != b->pitch || a->range != b->range || a->rate != b->rate ||
	    strcmp(a->variant, b->variant) || a->n_langs != b->n_langs)
		return false;
	for (size_t k = 0; k < a->n_langs; k++)
		if (strcmp(a->langs[k].lang, b->langs[k].lang) ||
		    strcmp(a->langs[k].voice, b->langs[k].voice))
			return false;
	return true;
}

static bool is_ascii_voice(const char *s)
{
	for (; *s; s++)
		if (*s <= ' ' || *s > '~')
			return false;
	return true;
}

static void check_preset(const rp_voice_preset *p)
{
	if (strcmp(p->id, "fuzz") != 0)
		fz_fail("rp_voice_preset.id", p->id);
	if (!p->name[0] || !fz_valid_utf8(p->name, strlen(p->name)))
		fz_fail("rp_voice_preset.name: empty or not UTF-8", p->name);
	if (p->gender != RP_GENDER_UNKNOWN && p->gender != RP_GENDER_FEMALE &&
	    p->gender != RP_GENDER_MALE)
		fz_fail("rp_voice_preset.gender", "out of range");
	if (p->pitch < 0 || p->pitch > 100 || p->range < 0 || p->range > 100 || p->rate < 80 ||
	    p->rate > 450)
		fz_fail("rp_voice_preset: pitch, range or rate out of range", p->name);
	if (p->n_langs < 1 || p->n_langs > RP_MAX_LANGS)
		fz_fail("rp_voice_preset.n_langs", "out of range");
	const char *en = NULL;
	for (size_t k = 0; k < p->n_langs; k++) {
		const char *lang = p->langs[k].lang, *voice = p->langs[k].voice;
		if (!*lang || !*voice || !is_ascii_voice(voice))
			fz_fail("rp_voice_preset.langs: empty, or a voice that is not printable ASCII",
			        voice);
		for (const char *c = lang; *c; c++)
			if (!(islower((unsigned char)*c) || isdigit((unsigned char)*c) ||
			      *c == '-'))
				fz_fail("rp_voice_preset.langs: not a lower-case language tag",
				        lang);
		for (size_t j = 0; j < k; j++)
			if (strcmp(p->langs[j].lang, lang) == 0)
				fz_fail("rp_voice_preset.langs: a language twice", lang);
		if (strcmp(lang, "cmn") == 0 && strncmp(voice, "cmn-latn-pinyin", 15) != 0)
			fz_fail("rp_voice_preset: a cmn voice that is not cmn-latn-pinyin", voice);
		if (strcmp(lang, "en") == 0)
			en = voice;
		char buf[64];
		if (strcmp(rp_voice_for_lang(p, lang, buf, sizeof buf), voice) != 0)
			fz_fail("rp_voice_for_lang does not give the listed voice", buf);
	}
	const char *v = en ? en : p->langs[0].voice, *plus = strchr(v, '+');
	if (strcmp(p->variant, plus ? plus + 1 : "") != 0)
		fz_fail("rp_voice_preset.variant is not the en (or first) voice's", p->variant);
	char buf[64];
	if (strncmp(rp_voice_for_lang(p, "cmn", buf, sizeof buf), "cmn-latn-pinyin", 15) != 0)
		fz_fail("rp_voice_for_lang: Mandarin not on cmn-latn-pinyin", buf);
}

/* A library of this preset (and a copy with another id), and a plan with it. */
static void check_library(const rp_voice_preset *p)
{
	rp_voice_library *lib = NULL;
	if (rp_voice_library_new(&lib) != RP_OK || rp_voice_library_add(lib, p) != RP_OK)
		fz_fail("rp_voice_library_add", "a parsed preset is refused");
	if (rp_voice_library_add(lib, p) != RP_ERR_ARG)
		fz_fail("rp_voice_library_add", "the same id twice");
	const rp_voice_preset *found = rp_voice_library_find(lib, "FUZZ");
	if (!found || !same_preset(found, p))
		fz_fail("rp_voice_library_find", "does not give the preset added");
	rp_diags diags = {0};
	rp_plan_options opt;
	rp_plan_options_init(&opt);
	rp_plan *plan = NULL;
	int rc = rp_plan_build(script, lib, &opt, &plan, &diags);
	if (rc != RP_OK)
		fz_fail("rp_plan_build with a library of one parsed preset", rp_strerror(rc));
	for (size_t s = 0; s < plan->n_speakers; s++)
		if (strcmp(plan->speakers[s].preset.id, "fuzz") != 0)
			fz_fail("rp_plan_build: a speaker without the only preset", NULL);
	for (size_t t = 0; t < plan->n_turns; t++)
		for (size_t i = 0; i < plan->turns[t].n_items; i++) {
			const rp_item *it = &plan->turns[t].items[i];
			char buf[64];
			if (it->type == RP_ITEM_SPEECH &&
			    strcmp(it->voice, rp_voice_for_lang(p, it->lang, buf, sizeof buf)) != 0)
				fz_fail("rp_plan_build: a speech item not on the preset's voice",
				        it->voice);
		}
	rp_plan_free(plan);
	rp_voice_preset other = *p;
	memcpy(other.id, "aaa", 4);
	if (rp_voice_library_add(lib, &other) != RP_OK || lib->n_presets != 2 ||
	    strcmp(lib->presets[0].id, "aaa") != 0 || strcmp(lib->presets[1].id, "fuzz") != 0)
		fz_fail("rp_voice_library_add", "two presets not kept in id order");
	rp_voice_library_free(lib);
	rp_diags_clear(&diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	rp_voice_preset p, q;
	memset(&p, 0x5A, sizeof p);
	rp_voice_preset untouched = p;
	q = p;
	rp_diags diags = {0}, diags2 = {0};
	int rc = rp_voice_preset_parse("Fuzz", NAME, text, size, &p, &diags);
	fz_check_loader("rp_voice_preset_parse", rc, &diags, NAME, data, size);
	int rc2 = rp_voice_preset_parse("Fuzz", NAME, text, size, &q, &diags2);
	fz_check_same_diags("rp_voice_preset_parse twice", &diags, &diags2);
	if (rc != RP_OK) {
		if (rc2 != rc || memcmp(&p, &untouched, sizeof p) != 0)
			fz_fail("rp_voice_preset_parse",
			        "failed, but changed *out or differs the next time");
	} else {
		if (rc2 != rc || !same_preset(&p, &q))
			fz_fail("rp_voice_preset_parse", "the same bytes give another preset");
		check_preset(&p);
		check_library(&p);
	}
	rp_diags_clear(&diags);
	rp_diags_clear(&diags2);
	return 0;
}
