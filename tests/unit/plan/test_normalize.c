/* Text normalization (src/plan/normalize/normalize.h):
 *  - every case of the fixtures tests/golden/normalize/{cmn,en,other}.tsv (input -> expected);
 *  - generated numbers in every written form leave no digit in Mandarin;
 *  - every Mandarin-like run with digits in the shared scripts (non-Latin text holding a hanzi
 *    and a digit, found as `grep` would, without the span splitter) leaves no digit;
 *  - eSpeak NG itself: the phonemes (espeak_TextToPhonemes, what `espeak-ng -q -x` prints) of
 *    every expected cmn output and of every cmn span of the shared scripts (parser, span
 *    splitter, normalizer, sanitizer) hold no "(en)", i.e. cmn-latn-pinyin never falls back to
 *    English; and the phonemes of all fixture outputs are pinned in
 *    tests/golden/normalize/{cmn,en}.phonemes (RP_UPDATE_GOLDEN=1 rewrites them). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <espeak-ng/speak_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "normalize.h"
#include "radioplay.h"
#include "sanitize.h"
#include "testutil.h"

/* ---- fixtures ---------------------------------------------------------------------------- */

typedef struct fixture_case {
	const char *path;
	int line;
	const char *lang, *input, *expected;
} fixture_case;

typedef void (*case_fn)(const fixture_case *c, void *user);

/* Call fn for every case of the TSV fixture `rel`: lines "input<TAB>expected", or
 * "lang<TAB>input<TAB>expected" when `lang` is NULL; '#' lines and empty lines are skipped.
 * Returns the number of cases. */
static int for_each_case(const char *rel, const char *lang, case_fn fn, void *user)
{
	const char *path = tu_source_path(rel);
	char *text = tu_read_file(path, NULL);
	assert_non_null(text);
	int cases = 0, line_no = 0;
	for (char *line = text, *next; line && *line; line = next) {
		line_no++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		fixture_case c = {path, line_no, lang, line, NULL};
		if (!lang) {
			char *tab = strchr(line, '\t');
			if (!tab)
				fail_msg("%s:%d: no language column", path, line_no);
			*tab = '\0';
			c.lang = line;
			c.input = tab + 1;
		}
		char *tab = strchr(c.input, '\t');
		if (!tab)
			fail_msg("%s:%d: no tab between input and expected output", path, line_no);
		*tab = '\0';
		c.expected = tab + 1;
		fn(&c, user);
		cases++;
	}
	free(text);
	return cases;
}

static void check_case(const fixture_case *c, void *user)
{
	char *got = rp_normalize_span(c->input, strlen(c->input), c->lang);
	assert_non_null(got);
	if (strcmp(got, c->expected) != 0) {
		fprintf(stderr, "%s:%d: [%s] \"%s\"\n  expected: \"%s\"\n  actual:   \"%s\"\n",
		        c->path, c->line, c->lang, c->input, c->expected, got);
		(*(int *)user)++;
	}
	free(got);
}

static void check_fixture(const char *rel, const char *lang, int min_cases)
{
	int failures = 0;
	int cases = for_each_case(rel, lang, check_case, &failures);
	assert_true(cases >= min_cases);
	assert_int_equal(failures, 0);
}

static void test_cmn_fixture(void **state)
{
	(void)state;
	check_fixture("tests/golden/normalize/cmn.tsv", "cmn", 90);
}

static void test_en_fixture(void **state)
{
	(void)state;
	check_fixture("tests/golden/normalize/en.tsv", "en", 70);
}

static void test_other_fixture(void **state)
{
	(void)state;
	check_fixture("tests/golden/normalize/other.tsv", NULL, 5);
}

static void test_empty_and_bounded(void **state)
{
	(void)state;
	static const char *const langs[] = {"cmn", "en", "ja", "und"};
	for (size_t k = 0; k < 4; k++) {
		char *out = rp_normalize_span("", 0, langs[k]);
		assert_non_null(out);
		assert_string_equal(out, "");
		free(out);
	}
	/* len bounds the input: nothing after it is read */
	char *out = rp_normalize_span("30%的XYZ", 6, "cmn");
	assert_string_equal(out, "百分之三十的");
	free(out);
}

/* ---- no digit left in Mandarin ------------------------------------------------------------ */

static int has_digit(const char *s, size_t n)
{
	for (int32_t i = 0; (size_t)i < n;) {
		UChar32 c;
		U8_NEXT(s, i, (int32_t)n, c);
		if ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19))
			return 1;
	}
	return 0;
}

enum { N_FORMS = 15 };

/* Number v written in form f (of N_FORMS) into buf; returns the length. */
static int write_form(char *buf, size_t size, int f, long v)
{
	long w = v % 1000;
	switch (f) {
	case 0: return snprintf(buf, size, "%ld", v);
	case 1: return snprintf(buf, size, "-%ld", v);
	case 2: return snprintf(buf, size, "%ld%%", v);
	case 3: return snprintf(buf, size, "%ld.%ld", v, w);
	case 4: return snprintf(buf, size, "¥%ld", v);
	case 5: return snprintf(buf, size, "$%ld", v);
	case 6: return snprintf(buf, size, "%ld:%02ld", v, w % 100);
	case 7: return snprintf(buf, size, "%ld/%ld", v, w);
	case 8: return snprintf(buf, size, "%ld-%ld", v, w);
	case 9: return snprintf(buf, size, "'%02ld", v % 100);
	case 10: return snprintf(buf, size, "第%ld", v);
	case 11: return snprintf(buf, size, "%ld,%03ld", v, w);
	case 12: return snprintf(buf, size, "%ld°C", v);
	case 13: return snprintf(buf, size, "０%ld", v);
	default: return snprintf(buf, size, "%ld..%ld", v, w);
	}
}

/* Every number in every written form, before every kind of follower, leaves no digit in cmn. */
static void test_cmn_never_leaves_digits(void **state)
{
	(void)state;
	static const char *const after[] = {"",     "年", "个", "月", "年代", "》", " ",
	                                    "多个", "，", ".",  "-",  ":",    "%",  "/"};
	char in[96];
	long checked = 0;
	for (long v = 0; v < 100000; v = v < 200 ? v + 1 : v * 3 + 7) {
		for (int f = 0; f < N_FORMS; f++)
			for (size_t a = 0; a < sizeof after / sizeof *after; a++) {
				int n = write_form(in, sizeof in, f, v);
				snprintf(in + n, sizeof in - (size_t)n, "%s", after[a]);
				char *out = rp_normalize_span(in, strlen(in), "cmn");
				assert_non_null(out);
				if (has_digit(out, strlen(out)))
					fail_msg("\"%s\" -> \"%s\" still holds a digit", in, out);
				free(out);
				checked++;
			}
	}
	assert_true(checked > 40000);
}

/* Random strings over the characters the rules look at (fixed seed, so runs repeat): the cmn
 * output holds no digit, and both outputs are valid UTF-8 (run under RADIOPLAY_SANITIZE for
 * memory errors). */
static void test_random_number_soup(void **state)
{
	(void)state;
	static const char *const alphabet[] = {
		"0",  "1",  "2",  "5",  "9",  "0", "1", ".",   ",",  ":",  "-",  "/",
		"%",  "~",  "'",  "’",  "¥",  "$", "£", "€",   "年", "月", "日", "第",
		"个", "代", "前", " ",  "\n", "°", "C", "℃",   "A",  "O",  "S",  "T",
		"s",  "x",  "，", "。", "…",  "–", "#", "No.", "１", "Ａ", "+",  "&"};
	const size_t n_alpha = sizeof alphabet / sizeof *alphabet;
	uint32_t seed = 12345;
	char in[256];
	for (int round = 0; round < 20000; round++) {
		size_t len = 0;
		seed = seed * 1103515245u + 12345u;
		int pieces = 1 + (int)((seed >> 16) % 24);
		for (int k = 0; k < pieces; k++) {
			seed = seed * 1103515245u + 12345u;
			const char *piece = alphabet[(seed >> 16) % n_alpha];
			size_t pl = strlen(piece);
			memcpy(in + len, piece, pl);
			len += pl;
		}
		in[len] = '\0';
		static const char *const langs[] = {"cmn", "en"};
		for (int l = 0; l < 2; l++) {
			char *out = rp_normalize_span(in, len, langs[l]);
			assert_non_null(out);
			UErrorCode err = U_ZERO_ERROR;
			u_strFromUTF8(NULL, 0, NULL, out, -1, &err);
			if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
				fail_msg("[%s] \"%s\" -> invalid UTF-8", langs[l], in);
			if (l == 0 && has_digit(out, strlen(out)))
				fail_msg("\"%s\" -> \"%s\" still holds a digit", in, out);
			free(out);
		}
	}
}

static int is_script_char(UChar32 c, UScriptCode script)
{
	UErrorCode e = U_ZERO_ERROR;
	return uscript_getScript(c, &e) == script && (script != USCRIPT_LATIN || u_isalpha(c));
}

static void test_script_digit_runs(void **state)
{
	(void)state;
	char **files = tu_shared_scripts();
	int runs = 0;
	for (size_t f = 0; files[f]; f++) {
		size_t n;
		char *text = tu_read_file(files[f], &n);
		assert_non_null(text);
		int line = 1;
		for (int32_t i = 0; (size_t)i < n;) {
			/* one run: up to a Latin letter or a line end */
			int32_t start = i, end = i;
			int han = 0;
			while ((size_t)end < n) {
				UChar32 c;
				int32_t next = end;
				U8_NEXT(text, next, (int32_t)n, c);
				if (c == '\n' || is_script_char(c, USCRIPT_LATIN))
					break;
				han |= is_script_char(c, USCRIPT_HAN);
				end = next;
			}
			if (han && has_digit(text + start, (size_t)(end - start))) {
				runs++;
				char *out = rp_normalize_span(text + start, (size_t)(end - start),
				                              "cmn");
				assert_non_null(out);
				if (has_digit(out, strlen(out)))
					fail_msg("%s:%d: \"%.*s\" -> \"%s\" still holds a digit",
					         files[f], line, (int)(end - start), text + start,
					         out);
				free(out);
			}
			i = end;
			if ((size_t)i < n) { /* step over the Latin letter or line end */
				UChar32 c;
				U8_NEXT(text, i, (int32_t)n, c);
				line += c == '\n';
			}
		}
		free(text);
	}
	tu_free_list(files);
	print_message("%d Mandarin-like runs with digits normalized, no digit left\n", runs);
	/* the seed scripts hold 2008年, 2049 (twice), 01010011..., 80年代, 100%, 1. 2. 3. ... */
	assert_true(runs >= 10);
}

/* ---- what eSpeak NG makes of the output ---------------------------------------------------- */

/* eSpeak NG's phonemes for `text` with voice `voice`, clauses joined by '|'; malloc'd. */
static char *phonemes(const char *voice, const char *text)
{
	/* only on a change: eSpeak NG 1.51 leaks a little on every voice load */
	static char current[64];
	if (strcmp(current, voice) != 0) {
		assert_int_equal(espeak_SetVoiceByName(voice), EE_OK);
		snprintf(current, sizeof current, "%s", voice);
	}
	size_t cap = 256, len = 0;
	char *all = malloc(cap);
	assert_non_null(all);
	all[0] = '\0';
	const void *p = text;
	while (p) {
		const char *ph = espeak_TextToPhonemes(&p, espeakCHARS_UTF8, 0);
		if (!ph)
			break;
		size_t l = strlen(ph);
		if (len + l + 2 > cap) {
			cap = (len + l + 2) * 2;
			all = realloc(all, cap);
			assert_non_null(all);
		}
		memcpy(all + len, ph, l);
		len += l;
		all[len++] = '|';
		all[len] = '\0';
	}
	return all;
}

/* 1 when cmn-latn-pinyin switches to English for `spoken` (and prints where), else 0. */
static int reads_english(const char *where, const char *written, const char *spoken)
{
	char *ph = phonemes("cmn-latn-pinyin", spoken);
	int en = strstr(ph, "(en)") != NULL;
	if (en)
		fprintf(stderr, "%s: \"%s\" -> \"%s\" -> %s\n", where, written, spoken, ph);
	free(ph);
	return en;
}

static void count_english(const fixture_case *c, void *user)
{
	char where[4200];
	snprintf(where, sizeof where, "%s:%d", c->path, c->line);
	*(int *)user += reads_english(where, c->input, c->expected);
}

/* The fixture's inputs hold what the Mandarin voice reads in English (30%, +, =, ~); its expected
 * outputs must not, and the check must notice English when it is there. */
static void test_golden_outputs_stay_mandarin(void **state)
{
	(void)state;
	assert_int_equal(reads_english("control", "好%", "好%"), 1);
	int english = 0;
	int cases = for_each_case("tests/golden/normalize/cmn.tsv", "cmn", count_english, &english);
	print_message("%d expected cmn outputs read: %d with (en)\n", cases, english);
	assert_true(cases >= 90);
	assert_int_equal(english, 0);
}

typedef struct cmn_counts {
	int spans, english, digits;
} cmn_counts;

static void check_cmn_spans(void *user, const char *file, const rp_paragraph *para,
                            const rp_span *spans, size_t n)
{
	cmn_counts *c = user;
	for (size_t k = 0; k < n; k++) {
		if (strcmp(spans[k].lang, "cmn") != 0)
			continue;
		const char *s = para->text + spans[k].start;
		size_t l = spans[k].end - spans[k].start;
		char *norm = rp_normalize_span(s, l, "cmn");
		assert_non_null(norm);
		char *spoken = rp_sanitize_for_espeak(norm, strlen(norm), "cmn");
		assert_non_null(spoken);
		int line, col;
		rp_paragraph_position(para, spans[k].start, &line, &col);
		char where[4200];
		snprintf(where, sizeof where, "%s:%d:%d", file, line, col);
		char *written = strndup(s, l);
		if (has_digit(spoken, strlen(spoken))) {
			fprintf(stderr, "%s: digit left in \"%s\"\n", where, spoken);
			c->digits++;
		}
		c->english += reads_english(where, written, spoken);
		c->spans++;
		free(written);
		free(spoken);
		free(norm);
	}
}

static void test_script_spans_stay_mandarin(void **state)
{
	(void)state;
	cmn_counts c = {0};
	tu_for_each_shared_paragraph(check_cmn_spans, &c);
	print_message("%d cmn spans read by cmn-latn-pinyin: %d with (en), %d with digits\n",
	              c.spans, c.english, c.digits);
	assert_true(c.spans >= 300);
	assert_int_equal(c.digits, 0);
	assert_int_equal(c.english, 0);
}

typedef struct phoneme_listing {
	const char *voice;
	char *text;
	size_t len, cap;
} phoneme_listing;

static void list_phonemes(const fixture_case *c, void *user)
{
	phoneme_listing *pl = user;
	char *out = rp_normalize_span(c->input, strlen(c->input), c->lang);
	assert_non_null(out);
	char *ph = phonemes(pl->voice, out);
	size_t need = strlen(c->input) + strlen(out) + strlen(ph) + 4;
	if (pl->len + need + 1 > pl->cap) {
		pl->cap = (pl->len + need + 1) * 2;
		pl->text = realloc(pl->text, pl->cap);
		assert_non_null(pl->text);
	}
	pl->len += (size_t)snprintf(pl->text + pl->len, pl->cap - pl->len, "%s\t%s\t%s\n", c->input,
	                            out, ph);
	free(ph);
	free(out);
}

/* Pin what eSpeak NG makes of every fixture output: input, output, phonemes per line. */
static void check_phonemes(const char *lang, const char *voice)
{
	char rel[128], golden[4096];
	snprintf(rel, sizeof rel, "tests/golden/normalize/%s.tsv", lang);
	phoneme_listing pl = {voice, calloc(1, 1), 0, 1};
	assert_non_null(pl.text);
	for_each_case(rel, lang, list_phonemes, &pl);
	snprintf(golden, sizeof golden, "%s", tu_source_path("tests/golden/normalize/"));
	size_t gl = strlen(golden);
	snprintf(golden + gl, sizeof golden - gl, "%s.phonemes", lang);
	int ok = tu_golden_check(golden, pl.text);
	free(pl.text);
	assert_true(ok);
}

static void test_cmn_phonemes(void **state)
{
	(void)state;
	check_phonemes("cmn", "cmn-latn-pinyin");
}

static void test_en_phonemes(void **state)
{
	(void)state;
	check_phonemes("en", "en-us");
}

static int setup_espeak(void **state)
{
	(void)state;
	return espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, 0) > 0 ? 0 : -1;
}

static int teardown_espeak(void **state)
{
	(void)state;
	espeak_Terminate();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cmn_fixture),
		cmocka_unit_test(test_en_fixture),
		cmocka_unit_test(test_other_fixture),
		cmocka_unit_test(test_empty_and_bounded),
		cmocka_unit_test(test_cmn_never_leaves_digits),
		cmocka_unit_test(test_random_number_soup),
		cmocka_unit_test(test_script_digit_runs),
		cmocka_unit_test(test_golden_outputs_stay_mandarin),
		cmocka_unit_test(test_script_spans_stay_mandarin),
		cmocka_unit_test(test_cmn_phonemes),
		cmocka_unit_test(test_en_phonemes),
	};
	return cmocka_run_group_tests(tests, setup_espeak, teardown_espeak);
}
