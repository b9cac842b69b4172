/* Pronunciation lexicon: file format and its errors (from memory and from files, at LINE:COL),
 * whole-word case-insensitive matching, ideographic words, precedence, the shipped lexicon (the
 * same from memory as from its file), and that only lexicon phonemes reach eSpeak NG as
 * phonemes. */
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

/* A temporary file holding `len` bytes of `text` (len 0: strlen). */
static char *write_temp_n(const char *text, size_t len)
{
	char *path = strdup("/tmp/rp_lex_XXXXXX");
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	fwrite(text, 1, len ? len : strlen(text), f);
	fclose(f);
	return path;
}

static char *write_temp(const char *text)
{
	return write_temp_n(text, 0);
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
	char *p1 = write_temp(
		"# comment\n\nen\tEilish\t[['i:lIS]]\nen\tGIF\tjif\n"
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
	/* text that is not UTF-8 comes out as UTF-8 even without a lexicon (fuzz_lexicon) */
	expect(NULL, "caf\xe9 \xed\xa0\x80", "en",
	       "caf\xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", false);
	unlink(p1);
	unlink(p2);
	free(p1);
	free(p2);
}

/* One malformed lexicon: its status and its diagnostics (file, line, column, message). */
typedef struct bad_case {
	const char *text;
	size_t len; /* 0: strlen */
	int line, column;
	const char *says;
} bad_case;

#define BAD(text, line, column, says)                                                              \
	{                                                                                          \
		text, sizeof text - 1, line, column, says                                          \
	}

static const bad_case BAD_LEXICONS[] = {
	BAD("en\tok\tfine\nen only two\n", 2, 1, "LANG<TAB>WORD<TAB>REPLACEMENT"),
	BAD("en\tLeo\n", 1, 7, "no TAB after WORD"), /* where the TAB is missing */
	BAD("en\t\tx\n", 1, 4, "empty WORD"),
	BAD("\tword\tx\n", 1, 1, "language tag"),
	BAD("e n\tword\tx\n", 1, 1, "language tag"),
	BAD("en\tword\t[[a]b]]\n", 1, 12, "brackets"), /* at the bracket */
	BAD("en\tword\tx[y\n", 1, 10, "brackets"),
	BAD("en\tword\t[[ph\xc3\xa9]]\n", 1, 13, "printable ASCII"),  /* bad phonemes: the é */
	BAD("en\tcaf\xc3\xa9\tx\001y\n", 1, 10, "control character"), /* columns in code points */
	BAD("en\tword\ta\tb\n", 1, 10, "more than three"), /* at the fourth field's TAB */
	BAD("en\tword\t\n", 1, 9, "empty replacement"),
	BAD("en\tw\0x\ty\n", 1, 5, "NUL byte"),
	BAD("# ok\nen\tcaf\xe9\tcafe\n", 2, 7, "invalid UTF-8 byte 0xE9"),
	BAD("cmn\t\xe4\xbd\xa0\xe5\xa5\tni3\n", 1, 6, "invalid UTF-8"), /* a cut-off 好 after 你 */
	BAD("en\tw\tx\r\nen\t\xed\xa0\x80\tx\r\n", 2, 4, "invalid UTF-8"), /* a surrogate, CRLF */
	BAD("\xef\xbb\xbf"
            "en\t\tx\n",
            1, 4, "empty WORD"), /* the byte-order mark is no column */
};

static void check_bad(const bad_case *c, const rp_diags *diags, const char *file, size_t i)
{
	if (diags->errors != 1 || diags->count != 1)
		fail_msg("case %zu: %zu diagnostics, want one error", i, diags->count);
	const rp_diag *d = &diags->items[0];
	assert_string_equal(d->file, file);
	if (d->line != c->line || d->column != c->column || !strstr(d->message, c->says))
		fail_msg("case %zu: %d:%d: %s; want %d:%d: ...%s...", i, d->line, d->column,
		         d->message, c->line, c->column, c->says);
}

static void test_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof BAD_LEXICONS / sizeof *BAD_LEXICONS; i++) {
		const bad_case *c = &BAD_LEXICONS[i];
		rp_lexicon *lex = NULL;
		rp_diags diags = {0};
		/* from memory, without a NUL after the text */
		char *copy = malloc(c->len);
		memcpy(copy, c->text, c->len);
		assert_int_equal(rp_lexicon_load_memory(&lex, "mem.txt", copy, c->len, &diags),
		                 RP_ERR_INPUT);
		free(copy);
		assert_null(lex); /* nothing of a bad file is kept */
		check_bad(c, &diags, "mem.txt", i);
		rp_diags_clear(&diags);
		/* from a file: the same */
		char *p = write_temp_n(c->text, c->len);
		assert_int_equal(rp_lexicon_load(&lex, p, &diags), RP_ERR_INPUT);
		assert_int_equal(rp_lexicon_size(lex), 0);
		check_bad(c, &diags, p, i);
		rp_diags_clear(&diags);
		rp_lexicon_free(lex);
		unlink(p);
		free(p);
	}

	/* every malformed line is reported; a lexicon loaded before keeps its entries */
	static const char TWO[] = "en\tok\tfine\nbad\nen\t\tx\nen\tw\tv\n";
	rp_lexicon *lex = NULL;
	rp_diags diags = {0};
	assert_int_equal(rp_lexicon_load_memory(&lex, "a.txt", "en\tkeep\tkept\n", 13, &diags),
	                 RP_OK);
	assert_int_equal(rp_lexicon_load_memory(&lex, "b.txt", TWO, sizeof TWO - 1, &diags),
	                 RP_ERR_INPUT);
	assert_int_equal(diags.errors, 2);
	assert_int_equal(diags.items[0].line, 2);
	assert_int_equal(diags.items[1].line, 3);
	assert_int_equal(rp_lexicon_size(lex), 1);
	expect(lex, "keep w", "en", "kept w", false);
	rp_diags_clear(&diags);
	rp_lexicon_free(lex);

	/* files that cannot be read: RP_ERR_IO and why */
	lex = NULL;
	assert_int_equal(rp_lexicon_load(&lex, "/nonexistent/lexicon.txt", &diags), RP_ERR_IO);
	assert_non_null(strstr(diags.items[0].message, "No such file or directory"));
	assert_int_equal(rp_lexicon_load(&lex, "/tmp", &diags), RP_ERR_IO);
	assert_non_null(strstr(diags.items[1].message, "Is a directory"));
	assert_null(lex);
	assert_int_equal(rp_lexicon_load_dir(&lex, "/nonexistent/lexicon", &diags), RP_OK);
	rp_diags_clear(&diags);
	rp_lexicon_free(lex);
}

/* Line ends, a byte-order mark, upper-case LANG and text that is not NUL-terminated. */
static void test_memory(void **state)
{
	(void)state;
	static const char TEXT[] = "\xef\xbb\xbf# comment\r\n\r\nEN\tGIF\tjif\r\nen\tLeo\tlay oh";
	rp_lexicon *lex = NULL;
	rp_diags diags = {0};
	/* the bytes after len are not read: "XX" would make a fourth field */
	char buf[sizeof TEXT + 2];
	memcpy(buf, TEXT, sizeof TEXT - 1);
	memcpy(buf + sizeof TEXT - 1, "\tX", 2);
	assert_int_equal(rp_lexicon_load_memory(&lex, "m", buf, sizeof TEXT - 1, &diags), RP_OK);
	assert_int_equal(diags.count, 0);
	assert_int_equal(rp_lexicon_size(lex), 2);
	expect(lex, "a gif for Leo", "en", "a jif for lay oh", false);
	/* an empty text is an empty lexicon */
	assert_int_equal(rp_lexicon_load_memory(&lex, "e", "", 0, &diags), RP_OK);
	assert_int_equal(rp_lexicon_size(lex), 2);
	/* text that is not UTF-8 is read with U+FFFD, and the result is UTF-8 */
	expect(lex, "gif \xff gif", "en", "jif \xef\xbf\xbd jif", false);
	rp_lexicon_free(lex);
}

/* The shipped lexicon gives the same from memory as from its files. */
static void test_memory_like_file(void **state)
{
	(void)state;
	char **files = tu_list_files(tu_source_path("voices/lexicon"), ".txt");
	assert_non_null(files[0]);
	for (size_t f = 0; files[f]; f++) {
		rp_lexicon *from_file = NULL, *from_memory = NULL;
		rp_diags diags = {0};
		size_t n;
		char *text = tu_read_file(files[f], &n);
		assert_int_equal(rp_lexicon_load(&from_file, files[f], &diags), RP_OK);
		assert_int_equal(rp_lexicon_load_memory(&from_memory, files[f], text, n, &diags),
		                 RP_OK);
		assert_int_equal(diags.count, 0);
		assert_true(rp_lexicon_size(from_file) > 0);
		assert_int_equal(rp_lexicon_size(from_memory), rp_lexicon_size(from_file));
		/* every WORD of the file is replaced, the same way by both */
		size_t words = 0;
		for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
			char lang[16], word[256];
			if (line[0] == '#' || sscanf(line, "%15[^\t]\t%255[^\t]", lang, word) != 2)
				continue;
			bool ph1, ph2;
			char *a = rp_lexicon_apply(from_file, word, lang, &ph1);
			char *b = rp_lexicon_apply(from_memory, word, lang, &ph2);
			assert_string_equal(a, b);
			assert_int_equal(ph1, ph2);
			assert_string_not_equal(a, word);
			free(a);
			free(b);
			words++;
		}
		assert_int_equal(words, rp_lexicon_size(from_file));
		free(text);
		rp_lexicon_free(from_file);
		rp_lexicon_free(from_memory);
	}
	tu_free_list(files);
}

/* The shipped lexicon loads, and in a plan only its replacements carry phonemes: "[[...]]" in
 * a script is never phoneme input. */
static void test_plan(void **state)
{
	(void)state;
	rp_lexicon *lex = NULL;
	rp_diags diags = {0};
	assert_int_equal(rp_lexicon_load_dir(&lex, tu_source_path("voices/lexicon"), &diags),
	                 RP_OK);
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
		cmocka_unit_test(test_apply),  cmocka_unit_test(test_errors),
		cmocka_unit_test(test_memory), cmocka_unit_test(test_memory_like_file),
		cmocka_unit_test(test_plan),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
