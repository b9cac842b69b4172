/* Pronunciation lexicon: file format and its errors, whole-word case-insensitive matching,
 * ideographic words, precedence, the shipped lexicon, and that only lexicon phonemes reach
 * eSpeak NG as phonemes. */
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

static char *write_temp(const char *text)
{
	char *path = strdup("/tmp/rp_lex_XXXXXX");
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

static void expect(const rp_lexicon *lex, const char *in, const char *lang, const char *want,
                   bool want_phonemes)
{
	bool ph;
	char *got = rp_lexicon_apply(lex, in, lang, &ph);
	if (strcmp(got, want) != 0)
		fail_msg("apply(\"%s\", %s) = \"%s\", want \"%s\"", in, lang, got, want);
	assert_int_equal(ph, want_phonemes);
	free(got);
}

static void test_apply(void **state)
{
	(void)state;
	char *p1 = write_temp("# comment\n\nen\tEilish\t[['i:lIS]]\nen\tGIF\tjif\n"
	                      "en\tZhang Yimou\tjahng yee moe\ncmn\t塔可夫斯基\tta3 ke3 fu1 si1 ji1\n");
	char *p2 = write_temp("en\tgif\tghif\n");
	rp_lexicon *lex = NULL;
	rp_diags diags = {0};
	assert_int_equal(rp_lexicon_load(&lex, p1, &diags), RP_OK);
	assert_int_equal(rp_lexicon_size(lex), 4);
	expect(lex, "Billie Eilish, again", "en", "Billie [['i:lIS]], again", true);
	expect(lex, "EILISH and eilish", "en", "[['i:lIS]] and [['i:lIS]]", true);
	expect(lex, "Eilishes Eilish2 xEilish", "en", "Eilishes Eilish2 xEilish", false);
	expect(lex, "a GIF, a gif.", "en", "a jif, a jif.", false);
	expect(lex, "films by zhang yimou", "en", "films by jahng yee moe", false);
	expect(lex, "Eilish", "cmn", "Eilish", false); /* entries are per language */
	expect(lex, "我想起塔可夫斯基的话", "cmn", "我想起ta3 ke3 fu1 si1 ji1的话", false);
	/* the file loaded last wins */
	assert_int_equal(rp_lexicon_load(&lex, p2, &diags), RP_OK);
	expect(lex, "a GIF", "en", "a ghif", false);
	assert_int_equal(diags.count, 0);
	rp_lexicon_free(lex);
	expect(NULL, "no lexicon", "en", "no lexicon", false);
	unlink(p1);
	unlink(p2);
	free(p1);
	free(p2);
}

static void test_errors(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int line, column;
		const char *says;
	} CASES[] = {
		{"en\tok\tfine\nen only two\n", 2, 1, "LANG<TAB>WORD<TAB>REPLACEMENT"},
		{"en\t\tx\n", 1, 4, "empty WORD"},
		{"en\tword\t[[a]b]]\n", 1, 9, "brackets"},
		{"en\tword\tx[y\n", 1, 9, "brackets"},
		{"en\tword\t[[ph\xc3\xa9]]\n", 1, 9, "printable ASCII"},
		{"en\tword\ta\tb\n", 1, 9, "more than three"},
		{"en\tword\t\n", 1, 9, "empty replacement"},
	};
	for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
		char *p = write_temp(CASES[i].text);
		rp_lexicon *lex = NULL;
		rp_diags diags = {0};
		assert_int_equal(rp_lexicon_load(&lex, p, &diags), RP_ERR_INPUT);
		assert_int_equal(rp_lexicon_size(lex), 0); /* nothing of a bad file is kept */
		assert_int_equal(diags.errors, 1);
		assert_string_equal(diags.items[0].file, p);
		assert_int_equal(diags.items[0].line, CASES[i].line);
		assert_int_equal(diags.items[0].column, CASES[i].column);
		if (!strstr(diags.items[0].message, CASES[i].says))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, diags.items[0].message, CASES[i].says);
		rp_diags_clear(&diags);
		rp_lexicon_free(lex);
		unlink(p);
		free(p);
	}
	rp_lexicon *lex = NULL;
	rp_diags diags = {0};
	assert_int_equal(rp_lexicon_load(&lex, "/nonexistent/lexicon.txt", &diags), RP_ERR_IO);
	assert_int_equal(rp_lexicon_load_dir(&lex, "/nonexistent/lexicon", &diags), RP_OK);
	rp_diags_clear(&diags);
	rp_lexicon_free(lex);
}

/* The shipped lexicon loads, and in a plan only its replacements carry phonemes: "[[...]]" in
 * a script is never phoneme input. */
static void test_plan(void **state)
{
	(void)state;
	rp_lexicon *lex = NULL;
	rp_diags diags = {0};
	assert_int_equal(rp_lexicon_load_dir(&lex, tu_source_path("voices/lexicon"), &diags), RP_OK);
	assert_true(rp_lexicon_size(lex) >= 3);
	rp_voice_library *lib = NULL;
	assert_int_equal(rp_voice_library_load(tu_source_path("voices"), &lib, &diags), RP_OK);
	static const char TEXT[] = "[A]: I love Billie Eilish, and [[h@'loU]] too.\n"
	                           "[B]: 我想起塔可夫斯基的话。\n";
	rp_source *src;
	rp_script *script;
	rp_plan *plan;
	assert_int_equal(rp_source_from_memory("t", TEXT, sizeof TEXT - 1, NULL, &src, &diags),
	                 RP_OK);
	assert_int_equal(rp_script_parse(src, &script, &diags), RP_OK);
	rp_plan_options opt;
	rp_plan_options_init(&opt);
	opt.lexicon = lex;
	assert_int_equal(rp_plan_build(script, lib, &opt, &plan, &diags), RP_OK);
	const rp_item *a = &plan->turns[0].items[0], *b = &plan->turns[1].items[0];
	assert_string_equal(a->spoken, "I love Billie [['i:lIS]], and h@'loU too.");
	assert_true(a->phonemes);
	assert_string_equal(b->spoken, "我想起ta3 ke3 fu1 si1 ji1的话。");
	assert_false(b->phonemes);
	rp_plan_free(plan);
	/* without the lexicon nothing is phonemes, and the script's brackets are gone */
	opt.lexicon = NULL;
	assert_int_equal(rp_plan_build(script, lib, &opt, &plan, &diags), RP_OK);
	assert_false(plan->turns[0].items[0].phonemes);
	assert_null(strchr(plan->turns[0].items[0].spoken, '['));
	rp_plan_free(plan);
	rp_script_free(script);
	rp_source_free(src);
	rp_voice_library_free(lib);
	rp_lexicon_free(lex);
	rp_diags_clear(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_apply),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_plan),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
