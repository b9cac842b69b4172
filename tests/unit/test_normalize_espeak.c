/* Text normalization against the real scripts and eSpeak NG itself (src/normalize.h):
 *  - every Mandarin-like run with digits in the shared scripts (a run of non-Latin text holding
 *    a hanzi and a digit, found the way `grep` would, without the span splitter) comes out of the
 *    cmn normalizer with no ASCII or fullwidth digit;
 *  - every cmn span of the shared scripts (parser + span splitter + normalizer + sanitizer) and
 *    every expected output of tests/golden/normalize/cmn.tsv is read by eSpeak NG's
 *    cmn-latn-pinyin voice without switching to English: its phonemes
 *    (espeak_TextToPhonemes, as `espeak-ng -q -x` prints them) hold no "(en)". */
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
#include <unicode/utf8.h>

#include "normalize.h"
#include "radioplay.h"
#include "testutil.h"

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

/* Whether code point c is a Latin letter (an English span would hold it). */
static int is_latin_letter(UChar32 c)
{
	UErrorCode e = U_ZERO_ERROR;
	return uscript_getScript(c, &e) == USCRIPT_LATIN && u_isalpha(c);
}

static int is_han(UChar32 c)
{
	UErrorCode e = U_ZERO_ERROR;
	return uscript_getScript(c, &e) == USCRIPT_HAN;
}

static void test_script_digit_runs(void **state)
{
	(void)state;
	const char *dir = tu_shared_scripts_dir();
	if (!dir)
		skip();
	char **files = tu_list_files(dir, ".txt");
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
				if (c == '\n' || is_latin_letter(c))
					break;
				han |= is_han(c);
				end = next;
			}
			if (han && has_digit(text + start, (size_t)(end - start))) {
				runs++;
				char *out = rp_normalize_span(text + start, (size_t)(end - start), "cmn");
				assert_non_null(out);
				if (has_digit(out, strlen(out)))
					fail_msg("%s:%d: \"%.*s\" -> \"%s\" still holds a digit", files[f],
					         line, (int)(end - start), text + start, out);
				free(out);
			}
			i = end;
			if ((size_t)i < n) { /* skip the Latin letter or line end */
				UChar32 c;
				U8_NEXT(text, i, (int32_t)n, c);
				line += c == '\n';
			}
		}
		free(text);
	}
	tu_free_list(files);
	print_message("%d Mandarin-like runs with digits normalized, no digit left\n", runs);
	/* the three seed scripts hold 2008年, 2049 (twice), 01010011..., 80年代, 100%, 1. 2. 3. ... */
	assert_true(runs >= 10);
}

/* eSpeak NG's phonemes for `text` with the current voice, as one malloc'd string. */
static char *phonemes(const char *text)
{
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

/* 0 when eSpeak NG reads `spoken` without switching to English, else 1 (and prints it). */
static int reads_english(const char *where, const char *written, const char *spoken)
{
	char *ph = phonemes(spoken);
	int en = strstr(ph, "(en)") != NULL;
	if (en)
		fprintf(stderr, "%s: \"%s\" -> \"%s\" -> %s\n", where, written, spoken, ph);
	free(ph);
	return en;
}

static int setup_espeak(void **state)
{
	(void)state;
	if (espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, 0) <= 0)
		return -1;
	return espeak_SetVoiceByName("cmn-latn-pinyin") == EE_OK ? 0 : -1;
}

static int teardown_espeak(void **state)
{
	(void)state;
	espeak_Terminate();
	return 0;
}

/* The fixture's inputs hold what eSpeak NG reads in English (30%, +, =, ~); its expected outputs
 * must not, and the check must notice English when it is there. */
static void test_golden_outputs_stay_mandarin(void **state)
{
	(void)state;
	assert_int_equal(reads_english("control", "好%", "好%"), 1);
	char *text = tu_read_file(tu_source_path("tests/golden/normalize/cmn.tsv"), NULL);
	assert_non_null(text);
	int cases = 0, english = 0, line_no = 0;
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		line_no++;
		char *tab = strchr(line, '\t');
		if (line[0] == '#' || !tab)
			continue;
		*tab = '\0';
		char where[64];
		snprintf(where, sizeof where, "cmn.tsv:%d", line_no);
		english += reads_english(where, line, tab + 1);
		cases++;
	}
	free(text);
	print_message("%d expected cmn outputs read: %d with (en)\n", cases, english);
	assert_true(cases >= 90);
	assert_int_equal(english, 0);
}

static void test_script_spans_stay_mandarin(void **state)
{
	(void)state;
	const char *dir = tu_shared_scripts_dir();
	if (!dir)
		skip();
	char **files = tu_list_files(dir, ".txt");
	int spans_checked = 0, english = 0, digits = 0;
	for (size_t f = 0; files[f]; f++) {
		rp_diags diags = {0};
		rp_source *src;
		rp_script *script;
		assert_int_equal(rp_source_load(files[f], &src, &diags), RP_OK);
		assert_int_equal(rp_script_parse(src, &script, &diags), RP_OK);
		for (size_t t = 0; t < script->n_turns; t++)
			for (size_t p = 0; p < script->turns[t].n_paragraphs; p++) {
				const rp_paragraph *para = &script->turns[t].paragraphs[p];
				rp_span *spans;
				size_t n;
				assert_int_equal(rp_split_spans(para, &spans, &n), RP_OK);
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
					snprintf(where, sizeof where, "%s:%d:%d", files[f], line, col);
					char *written = strndup(s, l);
					if (has_digit(spoken, strlen(spoken))) {
						fprintf(stderr, "%s: digit left in \"%s\"\n", where, spoken);
						digits++;
					}
					english += reads_english(where, written, spoken);
					spans_checked++;
					free(written);
					free(spoken);
					free(norm);
				}
				free(spans);
			}
		rp_script_free(script);
		rp_source_free(src);
		rp_diags_clear(&diags);
	}
	tu_free_list(files);
	print_message("%d cmn spans read by cmn-latn-pinyin: %d with (en), %d with digits\n",
	              spans_checked, english, digits);
	assert_true(spans_checked >= 300);
	assert_int_equal(digits, 0);
	assert_int_equal(english, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_script_digit_runs),
		cmocka_unit_test(test_golden_outputs_stay_mandarin),
		cmocka_unit_test(test_script_spans_stay_mandarin),
	};
	return cmocka_run_group_tests(tests, setup_espeak, teardown_espeak);
}
