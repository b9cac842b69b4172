/* Text normalization rules (src/normalize.h): every case in the fixtures tests/golden/normalize/{cmn,en,other}.tsv,
 * plus
 * properties over generated numbers. */
#include "normalize.h"
#include "testutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* Run every case of a TSV fixture; `fixed_lang` NULL means the first column names the language.
 * Returns the number of cases checked; *failures counts mismatches (each printed as
 * FILE:LINE). */
static int run_fixture(const char *rel, const char *fixed_lang, int *failures)
{
	const char *path = tu_source_path(rel);
	char *text = tu_read_file(path, NULL);
	assert_non_null(text);
	int cases = 0, line_no = 0;
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		line_no++;
		if (line[0] == '#' || line[0] == '\0')
			continue;
		char *lang = (char *)fixed_lang, *input = line;
		if (!fixed_lang) {
			lang = line;
			input = strchr(line, '\t');
			assert_non_null(input);
			*input++ = '\0';
		}
		char *expected = strchr(input, '\t');
		if (!expected) {
			fprintf(stderr, "%s:%d: no tab in case\n", path, line_no);
			(*failures)++;
			continue;
		}
		*expected++ = '\0';
		char *got = rp_normalize_span(input, strlen(input), lang);
		assert_non_null(got);
		if (strcmp(got, expected) != 0) {
			fprintf(stderr, "%s:%d: [%s] \"%s\"\n  expected: \"%s\"\n  actual:   \"%s\"\n",
			        path, line_no, lang, input, expected, got);
			(*failures)++;
		}
		free(got);
		cases++;
	}
	free(text);
	return cases;
}

static void test_cmn_fixture(void **state)
{
	(void)state;
	int failures = 0;
	int cases = run_fixture("tests/golden/normalize/cmn.tsv", "cmn", &failures);
	assert_true(cases >= 90);
	assert_int_equal(failures, 0);
}

static void test_en_fixture(void **state)
{
	(void)state;
	int failures = 0;
	int cases = run_fixture("tests/golden/normalize/en.tsv", "en", &failures);
	assert_true(cases >= 70);
	assert_int_equal(failures, 0);
}

static void test_other_fixture(void **state)
{
	(void)state;
	int failures = 0;
	int cases = run_fixture("tests/golden/normalize/other.tsv", NULL, &failures);
	assert_true(cases >= 5);
	assert_int_equal(failures, 0);
}

static int has_ascii_or_fullwidth_digit(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			return 1;
		/* U+FF10..U+FF19: EF BC 90..99 */
		if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99)
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
	static const char *const after[] = {"", "年", "个", "月", "年代", "》", " ", "多个", "，",
	                                    ".", "-", ":", "%", "/"};
	char in[96];
	long checked = 0;
	for (long v = 0; v < 100000; v = v < 200 ? v + 1 : v * 3 + 7) {
		for (int f = 0; f < N_FORMS; f++)
			for (size_t a = 0; a < sizeof after / sizeof *after; a++) {
				int n = write_form(in, sizeof in, f, v);
				snprintf(in + n, sizeof in - (size_t)n, "%s", after[a]);
				char *out = rp_normalize_span(in, strlen(in), "cmn");
				assert_non_null(out);
				if (has_ascii_or_fullwidth_digit(out))
					fail_msg("\"%s\" -> \"%s\" still holds a digit", in, out);
				free(out);
				checked++;
			}
	}
	assert_true(checked > 40000);
}

static void test_empty_and_unknown(void **state)
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cmn_fixture),
		cmocka_unit_test(test_en_fixture),
		cmocka_unit_test(test_other_fixture),
		cmocka_unit_test(test_cmn_never_leaves_digits),
		cmocka_unit_test(test_empty_and_unknown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
