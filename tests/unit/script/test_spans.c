/* Golden-file tests of the language span splitter: every line of tests/golden/spans/NAME.txt is
 * one paragraph; its spans are compared with NAME.expected. Also checks, on the shared real
 * scripts, the invariants every split must keep. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "radioplay.h"
#include "testutil.h"

static const char *BOUNDARY[] = {"none", "clause", "sentence", "paragraph"};

static rp_paragraph one_line_paragraph(char *text, size_t len)
{
	static rp_line_start start = {0, 1, 1};
	return (rp_paragraph){.text = text, .len = len, .lines = &start, .n_lines = 1};
}

static void test_golden_spans(void **state)
{
	(void)state;
	char **inputs = tu_list_files(tu_source_path("tests/golden/spans"), ".txt");
	size_t files = 0, failed = 0;
	for (size_t i = 0; inputs[i]; i++, files++) {
		char *text = tu_read_file(inputs[i], NULL);
		assert_non_null(text);
		size_t cap = strlen(text) * 4 + 4096, len = 0;
		char *out = malloc(cap);
		out[0] = '\0';
		for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
			rp_paragraph p = one_line_paragraph(line, strlen(line));
			rp_span *spans;
			size_t n;
			assert_int_equal(rp_split_spans(&p, &spans, &n), RP_OK);
			len += (size_t)snprintf(out + len, cap - len, "> %s\n", line);
			for (size_t k = 0; k < n; k++)
				len += (size_t)snprintf(out + len, cap - len,
				                        "  %-4s %-9s |%.*s|\n", spans[k].lang,
				                        BOUNDARY[spans[k].boundary],
				                        (int)(spans[k].end - spans[k].start),
				                        line + spans[k].start);
			free(spans);
		}
		char expected[4096];
		snprintf(expected, sizeof expected, "%.*s.expected", (int)(strlen(inputs[i]) - 4),
		         inputs[i]);
		if (!tu_golden_check(expected, out))
			failed++;
		free(out);
		free(text);
	}
	tu_free_list(inputs);
	assert_true(files >= 2);
	assert_int_equal(failed, 0);
}

/* Counts of Han and Latin letters in s[0..n). */
static void count_scripts(const char *s, size_t n, int *han, int *latin)
{
	*han = *latin = 0;
	for (int32_t i = 0; (size_t)i < n;) {
		UChar32 c;
		U8_NEXT(s, i, (int32_t)n, c);
		UErrorCode e = U_ZERO_ERROR;
		UScriptCode sc = uscript_getScript(c, &e);
		*han += sc == USCRIPT_HAN;
		*latin += sc == USCRIPT_LATIN && u_isalpha(c);
	}
}

typedef struct span_counts {
	size_t spans, han, latin;
} span_counts;

static void check_paragraph(void *user, const char *file, const rp_paragraph *p,
                            const rp_span *spans, size_t n)
{
	span_counts *c = user;
	assert_true(n >= 1);
	assert_int_equal(spans[0].start, 0);
	assert_int_equal(spans[n - 1].end, p->len);
	for (size_t s = 0; s < n; s++) {
		if (s > 0) {
			assert_int_equal(spans[s].start, spans[s - 1].end);
			assert_string_not_equal(spans[s].lang, spans[s - 1].lang);
		}
		int han, latin;
		count_scripts(p->text + spans[s].start, spans[s].end - spans[s].start, &han,
		              &latin);
		if (han && latin)
			fail_msg("%s:%d: span holds hanzi and Latin: %.*s", file, p->lines[0].line,
			         (int)(spans[s].end - spans[s].start), p->text + spans[s].start);
		if (latin)
			assert_string_equal(spans[s].lang, "en");
		if (han)
			assert_string_equal(spans[s].lang, "cmn");
		c->han += han > 0;
		c->latin += latin > 0;
		c->spans++;
	}
}

/* On every paragraph of the shared scripts: spans are contiguous and cover the paragraph,
 * neighbours differ in language, no span holds both Han and Latin letters, and spans with Latin
 * letters are English, spans with Han are Mandarin. */
static void test_shared_script_invariants(void **state)
{
	(void)state;
	span_counts c = {0};
	tu_for_each_shared_paragraph(check_paragraph, &c);
	print_message("%zu spans: %zu Mandarin, %zu English\n", c.spans, c.han, c.latin);
	assert_true(c.han > 100 && c.latin > 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_spans),
		cmocka_unit_test(test_shared_script_invariants),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
