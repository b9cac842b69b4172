/* Voice presets and casting: the shipped presets load and differ; automatic assignment is
 * deterministic and alternates gender; --voice and --cast override it; broken presets are
 * reported with file and line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "radioplay.h"
#include "voices.h"
#include "testutil.h"

static rp_voice_library *load_shipped(void)
{
	rp_diags diags = {0};
	rp_voice_library *lib = NULL;
	assert_int_equal(rp_voice_library_load(tu_source_path("voices"), &lib, &diags), RP_OK);
	assert_int_equal(diags.count, 0);
	rp_diags_clear(&diags);
	return lib;
}

static void test_shipped_presets(void **state)
{
	(void)state;
	rp_voice_library *lib = load_shipped();
	assert_true(lib->n_presets >= 6);
	size_t female = 0, male = 0;
	for (size_t i = 0; i < lib->n_presets; i++) {
		const rp_voice_preset *p = &lib->presets[i];
		female += p->gender == RP_GENDER_FEMALE;
		male += p->gender == RP_GENDER_MALE;
		char en[64], cmn[64];
		rp_voice_for_lang(p, "en", en, sizeof en);
		rp_voice_for_lang(p, "cmn", cmn, sizeof cmn);
		/* one timbre across languages: the same variant for English and Mandarin */
		assert_non_null(strchr(en, '+'));
		assert_string_equal(strchr(en, '+'), strchr(cmn, '+'));
		assert_int_equal(strncmp(cmn, "cmn-latn-pinyin", 15), 0);
		for (size_t k = 0; k < i; k++) /* clearly different: variant, pitch or rate */
			assert_false(strcmp(lib->presets[k].variant, p->variant) == 0 &&
			             abs(lib->presets[k].pitch - p->pitch) < 10 &&
			             abs(lib->presets[k].rate - p->rate) < 10);
	}
	assert_true(female >= 3 && male >= 3);
	/* a language without an entry: the preset's variant on that language */
	char el[64];
	assert_string_equal(rp_voice_for_lang(&lib->presets[0], "el", el, sizeof el), "el+f3");
	rp_voice_library_free(lib);
}

static rp_plan *plan_for(const char *text, const rp_voice_library *lib, const rp_cast *cast,
                         rp_diags *diags, int *rc)
{
	rp_source *src;
	rp_script *script;
	rp_plan *plan = NULL;
	assert_int_equal(rp_source_from_memory("t", text, strlen(text), NULL, &src, diags), RP_OK);
	assert_int_equal(rp_script_parse(src, &script, diags), RP_OK);
	rp_plan_options opt;
	rp_plan_options_init(&opt);
	opt.cast = cast;
	*rc = rp_plan_build(script, lib, &opt, &plan, diags);
	rp_script_free(script);
	rp_source_free(src);
	return plan;
}

static const char FOUR[] = "[Zoe]: a\n[Yan]: b\n[Xu]: c\n[Zoe]: d\n[旁白]: e\n";

static void test_automatic_assignment(void **state)
{
	(void)state;
	rp_voice_library *lib = load_shipped();
	rp_diags diags = {0};
	int rc;
	rp_plan *plan = plan_for(FOUR, lib, NULL, &diags, &rc);
	assert_int_equal(rc, RP_OK);
	assert_int_equal(plan->n_speakers, 4); /* in order of first appearance */
	assert_string_equal(plan->speakers[0].name, "Zoe");
	assert_string_equal(plan->speakers[3].name, "旁白");
	rp_gender g[] = {RP_GENDER_FEMALE, RP_GENDER_MALE, RP_GENDER_FEMALE, RP_GENDER_MALE};
	for (size_t s = 0; s < 4; s++) {
		assert_int_equal(plan->speakers[s].preset.gender, g[s]);
		for (size_t t = 0; t < s; t++)
			assert_string_not_equal(plan->speakers[s].preset.id, plan->speakers[t].preset.id);
	}
	/* deterministic: the same script gets the same presets */
	rp_plan *again = plan_for(FOUR, lib, NULL, &diags, &rc);
	for (size_t s = 0; s < 4; s++)
		assert_string_equal(plan->speakers[s].preset.id, again->speakers[s].preset.id);
	rp_plan_free(again);
	rp_plan_free(plan);
	rp_voice_library_free(lib);
	rp_diags_clear(&diags);
}

static void test_cast(void **state)
{
	(void)state;
	rp_voice_library *lib = load_shipped();
	rp_diags diags = {0};
	rp_cast cast = {0};
	assert_int_equal(rp_cast_add_assignment(&cast, "Yan=eve"), RP_OK);
	assert_int_equal(rp_cast_add_assignment(&cast, "noequals"), RP_ERR_ARG);
	assert_int_equal(rp_cast_add_assignment(&cast, "=eve"), RP_ERR_ARG);
	char path[] = "/tmp/rp_cast_XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	fputs("; the cast\n[cast]\n旁白 = dmitri\nNobody = felix\n", f);
	fclose(f);
	assert_int_equal(rp_cast_load(&cast, path, &diags), RP_OK);
	int rc;
	rp_diags_clear(&diags);
	rp_plan *plan = plan_for(FOUR, lib, &cast, &diags, &rc);
	assert_int_equal(rc, RP_OK);
	assert_string_equal(plan->speakers[1].preset.id, "eve");
	assert_string_equal(plan->speakers[3].preset.id, "dmitri");
	/* automatic ones avoid the cast's presets and alternate from their neighbours */
	assert_string_not_equal(plan->speakers[0].preset.id, "eve");
	assert_int_equal(plan->speakers[2].preset.gender, RP_GENDER_MALE); /* after female eve */
	/* a cast entry for a speaker who never speaks is a warning */
	assert_int_equal(diags.count, 1);
	assert_int_equal(diags.items[0].severity, RP_WARNING);
	assert_non_null(strstr(diags.items[0].message, "Nobody"));
	rp_plan_free(plan);

	/* a preset that does not exist is an error */
	rp_cast bad = {0};
	rp_cast_add_assignment(&bad, "Zoe=nobody");
	plan = plan_for(FOUR, lib, &bad, &diags, &rc);
	assert_int_equal(rc, RP_ERR_VOICE);
	assert_null(plan);
	rp_cast_clear(&bad);

	/* a cast file with a line outside [cast] names the line */
	f = fopen(path, "w");
	fputs("[cast]\nA = ada\n[other]\nB = bruno\n", f);
	fclose(f);
	rp_diags d2 = {0};
	assert_int_equal(rp_cast_load(&cast, path, &d2), RP_ERR_ARG);
	assert_int_equal(d2.items[0].line, 4);
	rp_diags_clear(&d2);
	unlink(path);
	rp_cast_clear(&cast);
	rp_voice_library_free(lib);
	rp_diags_clear(&diags);
}

static void test_bad_presets(void **state)
{
	(void)state;
	char dir[] = "/tmp/rp_voices_XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof path, "%s/bad.ini", dir);
	static const struct {
		const char *text;
		int line;
		const char *says;
	} CASES[] = {
		{"[voice]\nname = X\npitch = 150\n[languages]\nen = en\n", 3, "expected 0 to 100"},
		{"[voice]\ngender = robot\n", 2, "female or male"},
		{"[voice]\nrate = 20\n", 2, "80 to 450"},
		{"[voice]\nname = X\n[languages]\ncmn = cmn+f3\n", 4, "cmn-latn-pinyin"},
		{"[voice]\ncolour = blue\n", 2, "unknown key"},
		{"[voice]\nname = X\n", 0, "[languages]"},
	};
	for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
		FILE *f = fopen(path, "w");
		fputs(CASES[i].text, f);
		fclose(f);
		rp_diags diags = {0};
		rp_voice_library *lib = NULL;
		assert_int_equal(rp_voice_library_load(dir, &lib, &diags), RP_ERR_VOICE);
		assert_null(lib);
		assert_int_equal(diags.errors, 1);
		assert_int_equal(diags.items[0].line, CASES[i].line);
		assert_non_null(strstr(diags.items[0].message, CASES[i].says));
		assert_string_equal(diags.items[0].file, path);
		rp_diags_clear(&diags);
	}
	unlink(path);
	rp_diags diags = {0};
	rp_voice_library *lib = NULL;
	assert_int_equal(rp_voice_library_load(dir, &lib, &diags), RP_ERR_VOICE); /* none */
	rp_diags_clear(&diags);
	rmdir(dir);
	assert_int_equal(rp_voice_library_load("/nonexistent/voices", &lib, &diags), RP_ERR_IO);
	rp_diags_clear(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_presets),
		cmocka_unit_test(test_automatic_assignment),
		cmocka_unit_test(test_cast),
		cmocka_unit_test(test_bad_presets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
