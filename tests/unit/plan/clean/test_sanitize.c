/* What eSpeak NG is given: controls, emoji, emoticons, "[[", long tokens, digit runs and dotted
 * chains (docs/espeak-ng.md#crashes), and the plan's spoken text for the shared scripts.
 * tests/cli/dot_chains.sh gives eSpeak NG the dotted chains themselves. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "radioplay.h"
#include "sanitize.h"
#include "testutil.h"

static void expect(const char *in, const char *lang, const char *want)
{
	char *got = rp_sanitize_for_espeak(in, strlen(in), lang);
	assert_non_null(got);
	if (strcmp(got, want) != 0)
		fail_msg("sanitize(\"%s\") = \"%s\", want \"%s\"", in, got, want);
	free(got);
}

static void test_table(void **state)
{
	(void)state;
	expect("hello\x01world\x1b[31m", "en", "hello world 31m");
	expect("a\xc2\x85"
	       "b",
	       "en", "a b"); /* C1 NEL */
	expect("🎬 clapper 🔥fire", "en", "clapper fire");
	expect("👩‍👩‍👧 family 🇨🇳 flag 1️⃣", "en", "family flag 1");
	expect("那种若有若无的vibe ¥_¥ 真好 ^_^ T_T", "cmn", "那种若有若无的vibe 真好");
	expect("nice :) really ;-) :D <3 xD", "en", "nice really");
	expect("开心(^_^)你呢 (＾▽＾)", "cmn", "开心 你呢");
	/* dashes and arrows are not eye-mouth-eye faces: --- stays a pause, --> is left to art */
	expect("wait --- what --> ok -_- ^-^", "en", "wait --- what --> ok");
	expect("ratio 3:2 and 10:30", "en", "ratio 3:2 and 10:30"); /* not emoticons */
	expect("say [[h@'loU]] now", "en", "say h@'loU now");
	expect("wow!!!!!!!! really??????", "en", "wow!!! really???");
	expect("a\tb\n\nc   d", "en", "a b c d");
	expect("12345678901234567890123456789012345", "en",
	       "1234567890123456 7890123456789012 345");
	expect("Supercalifragilisticexpialidociousandmore", "en",
	       "Supercalifragilisticexpialidocio usandmore");
	expect("A.B.C.D.E.F.G.H.I.", "en", "A.B.C.D.E.F.G.H.I"); /* test_dot_chains */
	expect("vibe～ ok~", "en", "vibe ok");
	expect("关于'你相信soulmate存在吗？'这个话题", "cmn",
	       "关于'你相信soulmate存在吗？'这个话题");
	expect("🎶💧", "en", "");
}

/* The concatenation of n copies of each (piece, n) pair, up to a NULL piece (malloc'd). */
static char *rep(const char *piece, int n, ...)
{
	char *s = NULL;
	size_t len = 0;
	for (int pass = 0; pass < 2; pass++) {
		va_list ap;
		va_start(ap, n);
		len = 0;
		const char *p = piece;
		for (int m = n; p; p = va_arg(ap, const char *), m = p ? va_arg(ap, int) : 0)
			for (int k = 0; k < m; k++, len += strlen(p))
				if (s)
					memcpy(s + len, p, strlen(p));
		va_end(ap);
		if (!s) {
			s = malloc(len + 1);
			assert_non_null(s);
		}
	}
	s[len] = '\0';
	return s;
}

static void expect_owned(char *in, const char *lang, char *want)
{
	expect(in, lang, want);
	free(in);
	free(want);
}

/* Dotted chains (docs/espeak-ng.md#dotted-abbreviation-chains, src/plan/clean/sanitize.c): no
 * more than 8 dots in a chain (the 9th becomes a space), and no word after a chain's last dot that
 * would take LookupDictList's copy past 100 bytes (a space ends it). */
static void test_dot_chains(void **state)
{
	(void)state;
	/* the crash vectors of docs/espeak-ng.md: 85 x "a.", 57 x "é . ", 40 x "a.a.a.a., " (the
	 * spaces after every 32 code points are RP_MAX_TOKEN's) */
	expect_owned(
		rep("a.", 85, NULL), "en",
		rep("a.a.a.a.a.a.a.a.a a.a.a.a.a.a.a. a.a a.a.a.a.a.a.a.a.a a.a.a.a.a. a.a.a.a "
	            "a.a.a.a.a.a.a.a.a a.a.a. a.a.a.a.a.a a.a.a.a.a.a.a.a.a a. a.a.a.a.a.a.a.a "
	            "a.a.a.a.a.a.a.a. a a.a.a.a.",
	            1, NULL));
	expect_owned(rep("é . ", 57, NULL), "en",
	             rep("é . é . é . é . é . é . é . é . é ", 6, "é . é . é .", 1, NULL));
	expect_owned(rep("a.a.a.a., ", 40, NULL), "en",
	             rep("a.a.a.a., a.a.a.a., a a.a.a., a.a.a.a., a.a a.a., a.a.a.a., a.a.a a., "
	                 "a.a.a.a., a.a.a.a , ",
	                 4, "a.a.a.a., a.a.a.a., a a.a.a., a.a.a.a.,", 1, NULL));
	/* 8 dots stay, the 9th goes; a chain goes on across ". " before a lower-case letter and
	 * across " . ", not across ". " before a capital (a new clause) but after a Roman numeral */
	expect("a.b.c.d.e.f.g.h.", "en", "a.b.c.d.e.f.g.h.");
	expect("a.b.c.d.e.f.g.h.i.", "en", "a.b.c.d.e.f.g.h.i");
	expect("a.b. c.d. e.f. g.h. i.j.", "en", "a.b. c.d. e.f. g.h. i j.");
	expect("a . b . c . d . e . f . g . h . i . j", "en",
	       "a . b . c . d . e . f . g . h . i j");
	expect("A.B. C.D. E.F. G.H. I.J.", "en", "A.B. C.D. E.F. G.H. I.J.");
	expect("I.V. X.L. C.D. M.I. V.X.", "en", "I.V. X.L. C.D. M.I. V X.");
	/* two lower-case Latin letters may be one to some voices (mk reads "ts" as ц): counted */
	expect("ha. ha. ha. ha. ha. ha. ha. ha. ha. ha.", "en",
	       "ha. ha. ha. ha. ha. ha. ha. ha. ha ha.");
	/* the word after the last dot: Hangul syllables take up to 9 bytes in ko, 𐐨 4 */
	expect_owned(rep("ᄀ.", 1, "가", 12, NULL), "ko",
	             rep("ᄀ.", 1, "가", 10, " 가가", 1, NULL));
	expect_owned(rep("𐐨.", 8, "𐐨", 20, NULL), "en", rep("𐐨.", 8, "𐐨", 14, " 𐐨𐐨 𐐨𐐨𐐨𐐨", 1, NULL));
	/* Thai ๏ is a dot to the th voice */
	expect_owned(rep("ก๏", 10, NULL), "th", rep("ก๏", 8, "ก ก๏", 1, NULL));
	/* real text reads as before */
	expect("The U.S.A. is big, e.g. Texas, i.e. a state; at 9 a.m. she got a Ph.D. in physics.",
	       "en",
	       "The U.S.A. is big, e.g. Texas, i.e. a state; at 9 a.m. she got a Ph.D. in physics.");
	expect("Mr. and Mrs. Smith met R.S.V.P. and J.R.R. Tolkien in the U.S.S.R. at 5 p.m.", "en",
	       "Mr. and Mrs. Smith met R.S.V.P. and J.R.R. Tolkien in the U.S.S.R. at 5 p.m.");
	expect("No. No. No. No. No. No. No. No. No. No.", "en",
	       "No. No. No. No. No. No. No. No. No. No.");
	expect("v1.2.3.4.5 at www.example.co.uk", "en", "v1.2.3.4.5 at www.example.co.uk");
	expect("т.е. и т.д. в США.", "ru", "т.е. и т.д. в США.");
	expect("그래. 대한민국국회의사당에서는 좋아.", "ko",
	       "그래. 대한민국국회의사당에서는 좋아.");
	expect("ม.ค. ที่ผ่านมา", "th", "ม.ค. ที่ผ่านมา");
	expect_owned(rep("あ.あ.", 1, "漢字", 20, NULL), "ja", rep("あ.あ.", 1, "漢字", 20, NULL));
}

/* For every shared script, no spoken text holds emoji, controls or symbols that eSpeak NG would
 * read by name, and no token is longer than the limits. */
static void test_shared_scripts_spoken(void **state)
{
	(void)state;
	char **files = tu_shared_scripts(); /* first: it skips the test when they are absent */
	rp_voice_library *lib = NULL;
	rp_diags diags = {0};
	assert_int_equal(rp_voice_library_load(tu_source_path("voices"), &lib, &diags), RP_OK);
	size_t checked = 0;
	for (size_t f = 0; files[f]; f++) {
		rp_source *src;
		rp_script *script;
		rp_plan *plan;
		rp_plan_options opt;
		rp_plan_options_init(&opt);
		assert_int_equal(rp_source_load(files[f], NULL, &src, &diags), RP_OK);
		assert_int_equal(rp_script_parse(src, &script, &diags), RP_OK);
		assert_int_equal(rp_plan_build(script, lib, &opt, &plan, &diags), RP_OK);
		for (size_t t = 0; t < plan->n_turns; t++)
			for (size_t k = 0; k < plan->turns[t].n_items; k++) {
				const rp_item *it = &plan->turns[t].items[k];
				if (it->type != RP_ITEM_SPEECH)
					continue;
				const char *s = it->spoken;
				int token = 0;
				for (int32_t i = 0, n = (int32_t)strlen(s); i < n;) {
					UChar32 c;
					U8_NEXT(s, i, n, c);
					assert_true(c > 0);
					int8_t type = u_charType(c);
					if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
					    type == U_CONTROL_CHAR || type == U_OTHER_SYMBOL ||
					    type == U_FORMAT_CHAR || c == '[' || c == ']')
						fail_msg("%s:%d:%d: spoken text holds U+%04X: %s",
						         files[f], it->line, it->column,
						         (unsigned)c, s);
					token = c == ' ' || u_hasBinaryProperty(c,
					                                        UCHAR_IDEOGRAPHIC)
					                ? 0
					                : token + 1;
					assert_true(token <= 32);
				}
				checked++;
			}
		rp_plan_free(plan);
		rp_script_free(script);
		rp_source_free(src);
	}
	print_message("%zu spoken texts checked\n", checked);
	assert_true(checked > 300);
	tu_free_list(files);
	rp_voice_library_free(lib);
	rp_diags_clear(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_dot_chains),
		cmocka_unit_test(test_shared_scripts_spoken),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
