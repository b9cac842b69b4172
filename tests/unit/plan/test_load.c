/* rp_plan_load and rp_plan_load_memory: the stages composed give the same plan as the stages
 * called one by one; every diagnostic reaches the one list, in order; what the options name
 * (voices folder, cast, cast file, lexicons, emoji names) is used, and its errors come back with
 * their places. Also rp_char_name and rp_diags_add's NULL list. No eSpeak NG. */
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
#include "testutil.h"

/* The plan as JSON, with `diags`' warnings (malloc'd). */
static char *json_of(const rp_plan *plan, const rp_diags *diags)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	assert_non_null(f);
	assert_int_equal(rp_plan_write_json(plan, diags, f), RP_OK);
	fclose(f);
	return s;
}

static char *write_temp(const char *suffix, const char *text)
{
	char *path = malloc(64);
	snprintf(path, 64, "/tmp/rp_load_XXXXXX%s", suffix);
	int fd = mkstemps(path, (int)strlen(suffix));
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

/* The same plan, built stage by stage as a front end did before rp_plan_load existed. */
static rp_plan *plan_by_stages(const char *name, const char *text, rp_diags *diags)
{
	rp_source *src = NULL;
	rp_script *script = NULL;
	rp_voice_library *lib = NULL;
	rp_lexicon *lex = NULL;
	rp_plan *plan = NULL;
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/lexicon", rp_default_voices_dir());
	assert_int_equal(rp_source_from_memory(name, text, strlen(text), NULL, &src, diags), RP_OK);
	assert_int_equal(rp_script_parse(src, &script, diags), RP_OK);
	assert_int_equal(rp_voice_library_load(rp_default_voices_dir(), &lib, diags), RP_OK);
	assert_int_equal(rp_lexicon_load_dir(&lex, dir, diags), RP_OK);
	rp_plan_options opt;
	rp_plan_options_init(&opt);
	opt.lexicon = lex;
	assert_int_equal(rp_plan_build(script, lib, &opt, &plan, diags), RP_OK);
	rp_lexicon_free(lex);
	rp_voice_library_free(lib);
	rp_script_free(script);
	rp_source_free(src);
	return plan;
}

/* A script with a decoding warning (a stray byte on line 2), an ASCII art warning (line 4) and a
 * turn with nothing to say (line 6): three stages' warnings. */
static const char SCRIPT[] = "[Mia]: Hey，你今天怎么这么早？\n"
			     "[Leo]: Ha, not \xff today. 我在写剧本。\n"
			     "[Mia]: Look:\n"
			     "  ####====####\n"
			     "Nice 😂!\n"
			     "[Leo]: 😂\n";

static void test_same_as_stages(void **state)
{
	(void)state;
	rp_diags d1 = {0}, d2 = {0};
	rp_plan *p1 = plan_by_stages("s.txt", SCRIPT, &d1);
	rp_plan *p2 = NULL;
	assert_int_equal(rp_plan_load_memory("s.txt", SCRIPT, strlen(SCRIPT), NULL, &p2, &d2),
	                 RP_OK);
	char *j1 = json_of(p1, &d1), *j2 = json_of(p2, &d2);
	assert_string_equal(j1, j2);
	/* the warnings of every stage, in the order of the stages */
	assert_int_equal(d2.count, 3);
	assert_int_equal(d2.errors, 0);
	assert_int_equal(d2.items[0].line, 2); /* decoding */
	assert_int_equal(d2.items[1].line, 4); /* ASCII art (plan) */
	assert_non_null(strstr(d2.items[1].message, "ASCII art"));
	assert_int_equal(d2.items[2].line, 6); /* nothing to say (plan) */
	assert_string_equal(d2.items[2].file, "s.txt");
	/* check's data: the unspoken emoji with its place, the number flag */
	const rp_item *nice = NULL;
	for (size_t k = 0; k < p2->turns[2].n_items; k++)
		if (p2->turns[2].items[k].type == RP_ITEM_SPEECH)
			nice = &p2->turns[2].items[k];
	assert_non_null(nice);
	assert_int_equal(nice->n_unspoken, 1);
	assert_int_equal(nice->unspoken[0].line, 5);
	assert_int_equal(nice->unspoken[0].column, 6);
	assert_int_equal(nice->unspoken[0].code_point, 0x1F602);
	assert_string_equal(nice->unspoken[0].utf8, "😂");
	assert_false(nice->numbers);
	free(j1);
	free(j2);
	rp_plan_free(p1);
	rp_plan_free(p2);
	rp_diags_clear(&d1);
	rp_diags_clear(&d2);
}

static void test_from_file_and_errors(void **state)
{
	(void)state;
	char *path = write_temp(".txt", SCRIPT);
	rp_diags d = {0};
	rp_plan *plan = NULL;
	assert_int_equal(rp_plan_load(path, NULL, &plan, &d), RP_OK);
	assert_string_equal(plan->source, path);
	assert_string_equal(d.items[0].file, path);
	rp_plan_free(plan);
	rp_diags_clear(&d);
	unlink(path);
	/* a missing script: RP_ERR_IO naming it, no plan */
	assert_int_equal(rp_plan_load(path, NULL, &plan, &d), RP_ERR_IO);
	assert_null(plan);
	assert_int_equal(d.errors, 1);
	assert_string_equal(d.items[0].file, path);
	rp_diags_clear(&d);
	/* a malformed script: RP_ERR_INPUT at its place */
	static const char BAD[] = "no tag here\n[A]: hi\n";
	assert_int_equal(rp_plan_load_memory("bad.txt", BAD, strlen(BAD), NULL, &plan, &d),
	                 RP_ERR_INPUT);
	assert_null(plan);
	assert_int_equal(d.items[0].line, 1);
	rp_diags_clear(&d);
	/* a voices folder that does not exist */
	rp_load_options opt;
	rp_load_options_init(&opt);
	opt.voices_dir = "/nonexistent/voices";
	assert_int_equal(rp_plan_load_memory("s.txt", SCRIPT, strlen(SCRIPT), &opt, &plan, &d),
	                 RP_ERR_IO);
	assert_null(plan);
	assert_true(d.errors >= 1);
	rp_diags_clear(&d);
	free(path);
}

static void test_options(void **state)
{
	(void)state;
	static const char TEXT[] = "[Mia]: Hello Eilish 😂\n[Leo]: 好的\n";
	char *cast_file = write_temp(".ini", "[cast]\nLeo = felix\nNobody = eve\n");
	char *lexicon = write_temp(".txt", "en\tHello\thullo\n");
	const char *lexicons[] = {lexicon};
	rp_cast cast = {0};
	assert_int_equal(rp_cast_add(&cast, "Mia", "clara"), RP_OK);
	rp_load_options opt;
	rp_load_options_init(&opt);
	opt.cast = &cast;
	opt.cast_file = cast_file;
	opt.lexicon_files = lexicons;
	opt.n_lexicon_files = 1;
	opt.emoji_speak = true;
	opt.plan.turn_gap_ms = 777;
	rp_diags d = {0};
	rp_plan *plan = NULL;
	assert_int_equal(rp_plan_load_memory("o.txt", TEXT, strlen(TEXT), &opt, &plan, &d), RP_OK);
	assert_string_equal(plan->speakers[0].preset.id, "clara"); /* --voice */
	assert_string_equal(plan->speakers[1].preset.id, "felix"); /* the cast file */
	assert_int_equal(d.count, 1);                              /* Nobody does not speak */
	assert_non_null(strstr(d.items[0].message, "Nobody"));
	const rp_item *first = &plan->turns[0].items[0];
	/* the user's lexicon, the shipped one (Eilish) and the emoji read by name */
	assert_non_null(strstr(first->spoken, "hullo"));
	assert_non_null(strstr(first->spoken, "[["));
	assert_non_null(strstr(first->spoken, "face with tears of joy"));
	assert_int_equal(first->n_unspoken, 0); /* named, so spoken */
	const rp_item *gap = &plan->turns[0].items[plan->turns[0].n_items - 1];
	assert_int_equal(gap->type, RP_ITEM_PAUSE);
	assert_int_equal(gap->ms, 777);
	assert_int_equal(plan->sample_rate, RP_ESPEAK_SAMPLE_RATE);
	rp_plan_free(plan);
	rp_diags_clear(&d);
	/* a preset that does not exist: RP_ERR_VOICE with a diagnostic */
	rp_cast_clear(&cast);
	assert_int_equal(rp_cast_add(&cast, "Mia", "nobody"), RP_OK);
	opt.cast_file = NULL;
	assert_int_equal(rp_plan_load_memory("o.txt", TEXT, strlen(TEXT), &opt, &plan, &d),
	                 RP_ERR_VOICE);
	assert_null(plan);
	assert_int_equal(d.errors, 1);
	assert_non_null(strstr(d.items[0].message, "nobody"));
	rp_diags_clear(&d);
	/* CLDR names that cannot be found */
	rp_cast_clear(&cast);
	opt.cldr_dir = "/nonexistent/cldr";
	assert_int_equal(rp_plan_load_memory("o.txt", TEXT, strlen(TEXT), &opt, &plan, &d),
	                 RP_ERR_IO);
	assert_null(plan);
	assert_non_null(strstr(d.items[0].message, "unicode-cldr-core"));
	rp_diags_clear(&d);
	assert_int_equal(rp_cast_add(&cast, "", "eve"), RP_ERR_ARG);
	rp_cast_clear(&cast);
	unlink(cast_file);
	unlink(lexicon);
	free(cast_file);
	free(lexicon);
}

static void test_util(void **state)
{
	(void)state;
	char name[128];
	assert_string_equal(rp_char_name(0x1F602, name, sizeof name), "FACE WITH TEARS OF JOY");
	assert_string_equal(rp_char_name('A', name, sizeof name), "LATIN CAPITAL LETTER A");
	assert_string_equal(rp_char_name(0xE000, name, sizeof name), ""); /* private use */
	assert_string_equal(rp_char_name(0x1F602, name, 8), "?");         /* does not fit */
	assert_string_equal(rp_char_name(0x110000, name, sizeof name), "?");
	assert_int_equal(rp_diags_add(NULL, RP_ERROR, "f", 1, 1, "dropped %d", 1), RP_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_as_stages),
		cmocka_unit_test(test_from_file_and_errors),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_util),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
