/* --emoji speak: CLDR names of emoji sequences (src/plan/clean/emoji.c), the paragraph rewrite that puts
 * them in place of the emoji with offsets mapped back, and the plan built with them (names in the
 * span's language, split into spans again, nothing unspeakable left), on the shared scripts too.
 * Needs Debian's unicode-cldr-core (scripts/deps.sh installs it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "emoji.h"
#include "radioplay.h"
#include "testutil.h"

static rp_emoji_names *names;

static int setup(void **state)
{
	(void)state;
	rp_diags diags = {0};
	int rc = rp_emoji_names_load(NULL, &names, &diags);
	rp_diags_print(&diags, stderr);
	rp_diags_clear(&diags);
	return rc == RP_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	rp_emoji_names_free(names);
	return 0;
}

/* rp_emoji_name_at(text, 0) in `lang` must consume `want_len` bytes (0: no emoji) and give
 * `want_name`. */
static void expect_name(const char *lang, const char *text, size_t want_len, const char *want_name)
{
	const char *name;
	size_t n = rp_emoji_name_at(names, lang, text, strlen(text), 0, &name);
	if (n != want_len || (want_name && (!name || strcmp(name, want_name) != 0)) ||
	    (!want_name && name))
		fail_msg("name_at(%s, \"%s\") = %zu \"%s\", want %zu \"%s\"", lang, text, n,
		         name ? name : "(none)", want_len, want_name ? want_name : "(none)");
}

static void test_names(void **state)
{
	(void)state;
	expect_name("en", "😂 ha", strlen("😂"), "face with tears of joy");
	expect_name("cmn", "😂", strlen("😂"), "笑哭了");
	expect_name("ja", "😂", strlen("😂"), "嬉し泣き");
	expect_name("xx", "😂", strlen("😂"), "face with tears of joy"); /* no CLDR file: English */
	/* the longest named sequence, U+FE0F ignored in the key and consumed after it */
	expect_name("en", "🙆‍♀️!", strlen("🙆‍♀️"), "woman gesturing OK");
	expect_name("en", "👍🏽", strlen("👍🏽"), "thumbs up: medium skin tone");
	expect_name("cmn", "👍🏽", strlen("👍🏽"), "拇指向上: 中等肤色");
	expect_name("en", "👩‍💻x", strlen("👩‍💻"), "woman technologist");
	expect_name("en", "🇨🇳🇫🇷", strlen("🇨🇳"), "flag: China");
	expect_name("cmn", "🇨🇳", strlen("🇨🇳"), "旗: 中国");
	expect_name("en", "1️⃣", strlen("1️⃣"), "keycap: 1");
	expect_name("en", "❤️", strlen("❤️"), "red heart");
	expect_name("en", "🕯️ light", strlen("🕯️"), "candle");
	/* a ZWJ sequence CLDR does not name: its first emoji, the rest read on its own */
	expect_name("en", "🐱‍🦖", strlen("🐱"), "cat face");
	/* not emoji: letters, digits without keycap, punctuation ‼ without U+FE0F, CJK symbols */
	expect_name("en", "a", 0, NULL);
	expect_name("en", "1 ", 0, NULL);
	expect_name("en", "‼ ", 0, NULL);
	expect_name("en", "‼️", strlen("‼️"), "double exclamation mark");
	expect_name("en", "{", 0, NULL);
	expect_name("en", "★", 0, NULL);
	expect_name("en", "\xF0\x9F", 0, NULL); /* cut UTF-8 */
	expect_name("en", "", 0, NULL);
}

/* Split `text` (one paragraph, one line) into spans, expand, and compare. */
static void expect_expand(const char *text, const char *want)
{
	rp_line_start line = {0, 1, 1};
	rp_paragraph p = {(char *)text, strlen(text), &line, 1};
	rp_span *spans;
	size_t n;
	assert_int_equal(rp_split_spans(&p, &spans, &n), RP_OK);
	char *out;
	size_t len, n_edits;
	rp_text_edit *edits;
	assert_int_equal(rp_emoji_expand(names, p.text, p.len, spans, n, "cmn", &out, &len, &edits,
	                                 &n_edits),
	                 RP_OK);
	assert_int_equal(strlen(out), len);
	if (strcmp(out, want) != 0)
		fail_msg("expand(\"%s\") = \"%s\", want \"%s\"", text, out, want);
	/* the edits cover exactly the emoji: mapping the output's ends gives the input's */
	assert_int_equal(rp_text_edit_map(edits, n_edits, 0, false), 0);
	assert_int_equal(rp_text_edit_map(edits, n_edits, len, true), p.len);
	for (size_t k = 0; k < n_edits; k++) {
		assert_true(edits[k].from_start < edits[k].from_end);
		assert_true(edits[k].to_start <= edits[k].to_end);
		if (k > 0)
			assert_true(edits[k - 1].from_end <= edits[k].from_start &&
			            edits[k - 1].to_end <= edits[k].to_start);
	}
	free(out);
	free(edits);
	free(spans);
}

static void test_expand(void **state)
{
	(void)state;
	expect_expand("太好了😂", "太好了，笑哭了");
	expect_expand("太好了 😂 真的", "太好了，笑哭了， 真的");
	expect_expand("太好了😂😂😂", "太好了，笑哭了");         /* a run is read once */
	expect_expand("太好了😂 😂 😂！", "太好了，笑哭了  ！"); /* spaces stay */
	expect_expand("太好了😂🔥", "太好了，笑哭了，火焰");
	expect_expand("That's great 😂", "That's great, face with tears of joy");
	expect_expand("So funny! 🔥🔥 Right?", "So funny! fire Right?");
	expect_expand("🎬 Action", "clapper board, Action");
	expect_expand("😂", "笑哭了"); /* no letters: the fallback language */
	/* at a language change the span edge parts them: no comma across it */
	expect_expand("我喜欢jazz🎶 真的", "我喜欢jazz, musical notes 真的");
	expect_expand("我喜欢 🎶jazz", "我喜欢 musical notes, jazz");
	expect_expand("no emoji here", "no emoji here");
	expect_expand("", "");
}

static void test_edit_map(void **state)
{
	(void)state;
	/* "ab😂cd" -> "ab，笑哭了，cd": from [2,6) to [2, 2+3+9+3) */
	const char *in = "ab😂cd";
	rp_line_start line = {0, 1, 1};
	rp_paragraph p = {(char *)in, strlen(in), &line, 1};
	rp_span *spans;
	size_t n, len, n_edits;
	char *out;
	rp_text_edit *edits;
	assert_int_equal(rp_split_spans(&p, &spans, &n), RP_OK);
	assert_int_equal(rp_emoji_expand(names, in, p.len, spans, n, "en", &out, &len, &edits,
	                                 &n_edits),
	                 RP_OK);
	assert_string_equal(out, "ab, face with tears of joy, cd");
	assert_int_equal(n_edits, 1);
	size_t name_start = strlen("ab, "), cd = strlen("ab, face with tears of joy, ");
	assert_int_equal(rp_text_edit_map(edits, n_edits, 1, false), 1);
	assert_int_equal(rp_text_edit_map(edits, n_edits, 2, true), 2);
	assert_int_equal(rp_text_edit_map(edits, n_edits, name_start, false), 2);
	assert_int_equal(rp_text_edit_map(edits, n_edits, name_start, true), 6);
	assert_int_equal(rp_text_edit_map(edits, n_edits, cd, false), 6);
	assert_int_equal(rp_text_edit_map(edits, n_edits, cd + 1, true), 7);
	free(out);
	free(edits);
	free(spans);
}

/* The plan of `text`; *warnings (may be NULL) gets the number of warnings. */
static rp_plan *plan_of_counted(const char *text, rp_emoji_names *with, size_t *warnings)
{
	rp_voice_library *lib = NULL;
	rp_diags diags = {0};
	rp_source *src;
	rp_script *script;
	rp_plan *plan;
	rp_plan_options opt;
	rp_plan_options_init(&opt);
	opt.emoji_names = with;
	assert_int_equal(rp_voice_library_load(tu_source_path("voices"), &lib, &diags), RP_OK);
	assert_int_equal(rp_source_from_memory("t", text, strlen(text), NULL, &src, &diags), RP_OK);
	assert_int_equal(rp_script_parse(src, &script, &diags), RP_OK);
	assert_int_equal(rp_plan_build(script, lib, &opt, &plan, &diags), RP_OK);
	rp_script_free(script);
	rp_source_free(src);
	rp_voice_library_free(lib);
	if (warnings)
		*warnings = diags.count;
	rp_diags_clear(&diags);
	return plan;
}

static rp_plan *plan_of(const char *text, rp_emoji_names *with)
{
	return plan_of_counted(text, with, NULL);
}

/* The speech items of `plan`, one "LANG|LINE:COL|TEXT|SPOKEN" line each. */
static char *items_of(const rp_plan *plan)
{
	static char buf[4096];
	size_t len = 0;
	buf[0] = '\0';
	for (size_t t = 0; t < plan->n_turns; t++)
		for (size_t k = 0; k < plan->turns[t].n_items; k++) {
			const rp_item *it = &plan->turns[t].items[k];
			if (it->type == RP_ITEM_SPEECH)
				len += (size_t)snprintf(buf + len, sizeof buf - len,
				                        "%s|%d:%d|%s|%s\n", it->lang, it->line,
				                        it->column, it->text, it->spoken);
		}
	return buf;
}

static void test_plan(void **state)
{
	(void)state;
	const char *script = "[A]: 我觉得🙆很好\n[B]: 👍\n[A]: Cool 🆒 thanks\n";
	rp_plan *plan = plan_of(script, names);
	/* CLDR zh names 🙆 "OK手势": "OK" is an English span of its own; the emoji-only turn reads
	 * in the language spoken last; positions and texts are the script's */
	assert_string_equal(items_of(plan), "cmn|1:6|我觉得🙆|我觉得，\n"
	                                    "en|1:9|🙆|OK,\n"
	                                    "cmn|1:9|🙆很好|手势，很好\n"
	                                    "cmn|2:6|👍|拇指向上\n"
	                                    "en|3:6|Cool 🆒 thanks|Cool, COOL button, thanks\n");
	rp_plan_free(plan);
	/* without names emoji are not spoken: B's turn has nothing to say */
	size_t warnings;
	plan = plan_of_counted(script, NULL, &warnings);
	assert_string_equal(items_of(plan), "cmn|1:6|我觉得🙆很好|我觉得很好\n"
	                                    "en|3:6|Cool 🆒 thanks|Cool thanks\n");
	assert_int_equal(warnings, 1);
	rp_plan_free(plan);
}

static bool is_emoji_cp(UChar32 c)
{
	return u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
	       u_hasBinaryProperty(c, UCHAR_EMOJI_MODIFIER) ||
	       u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR) || c == 0x20E3 || c == 0xFE0F;
}

/* Every shared script with --emoji speak: every emoji of the script is named (the spoken texts
 * hold as many names as the script has runs of emoji), no spoken text holds an emoji, and a
 * Mandarin span holds no Latin letter and no digit. */
static void test_shared_scripts(void **state)
{
	(void)state;
	char **files = tu_shared_scripts();
	size_t named = 0, items = 0;
	for (size_t f = 0; files[f]; f++) {
		size_t n;
		char *text = tu_read_file(files[f], &n);
		assert_non_null(text);
		rp_plan *plan = plan_of(text, names);
		for (size_t t = 0; t < plan->n_turns; t++)
			for (size_t k = 0; k < plan->turns[t].n_items; k++) {
				const rp_item *it = &plan->turns[t].items[k];
				if (it->type != RP_ITEM_SPEECH)
					continue;
				items++;
				bool cmn = strcmp(it->lang, "cmn") == 0;
				for (int32_t i = 0, len = (int32_t)strlen(it->spoken); i < len;) {
					UChar32 c;
					U8_NEXT(it->spoken, i, len, c);
					UErrorCode err = U_ZERO_ERROR;
					if (is_emoji_cp(c) ||
					    (cmn && (u_isdigit(c) ||
					             uscript_getScript(c, &err) == USCRIPT_LATIN)))
						fail_msg("%s:%d:%d: spoken \"%s\" holds U+%04X",
						         files[f], it->line, it->column, it->spoken,
						         (unsigned)c);
				}
			}
		/* every emoji code point of the script is inside an item that names it: count the
		 * names we find in the spoken texts against the runs of emoji in the script */
		size_t runs = 0, found = 0;
		for (int32_t i = 0, len = (int32_t)n; i < len;) {
			const char *name;
			size_t used = rp_emoji_name_at(names, "en", text, n, (size_t)i, &name);
			if (used) {
				runs++;
				i += (int32_t)used;
			} else {
				U8_FWD_1(text, i, len);
			}
		}
		for (size_t t = 0; t < plan->n_turns; t++)
			for (size_t k = 0; k < plan->turns[t].n_items; k++) {
				const rp_item *it = &plan->turns[t].items[k];
				if (it->type != RP_ITEM_SPEECH)
					continue;
				for (int32_t i = 0, len = (int32_t)strlen(it->text); i < len;) {
					const char *name;
					size_t used = rp_emoji_name_at(names, it->lang, it->text,
					                               (size_t)len, (size_t)i,
					                               &name);
					if (used) {
						found += strstr(it->spoken, name) != NULL;
						i += (int32_t)used;
					} else {
						U8_FWD_1(it->text, i, len);
					}
				}
			}
		printf("%s: %zu emoji, %zu named in the spoken text\n", files[f], runs, found);
		assert_true(found >= runs);
		named += runs;
		rp_plan_free(plan);
		free(text);
	}
	tu_free_list(files);
	printf("%zu speech items, %zu emoji named\n", items, named);
	assert_true(named > 50);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),          cmocka_unit_test(test_expand),
		cmocka_unit_test(test_edit_map),       cmocka_unit_test(test_plan),
		cmocka_unit_test(test_shared_scripts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
