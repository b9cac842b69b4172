/* rp_decode (src/input/decode.h): every input encoding, line ends, invalid bytes, strict mode, files
 * that are not text, and the output invariants. Inputs are the .in files in
 * tests/golden/decode/ (made from samples/ by gen.sh with glibc iconv); the expected results are
 * the golden .expected files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ucnv.h>
#include <unicode/utf8.h>
#include <cmocka.h>

#include "decode.h"
#include "testutil.h"

/* The invariants rp_source promises: valid UTF-8, no NUL, no BOM, "\n" line ends only. */
static void check_invariants(const char *text, size_t len)
{
	assert_int_equal(strlen(text), len);
	for (int32_t i = 0; (size_t)i < len;) {
		UChar32 c;
		U8_NEXT(text, i, (int32_t)len, c);
		assert_true(c > 0);
		assert_int_not_equal(c, 0xFEFF);
		assert_int_not_equal(c, '\r');
	}
}

/* Decode and describe the outcome: status, encoding, diagnostics, text. */
static char *decode_report(const char *name, const unsigned char *bytes, size_t n,
                           const rp_decode_options *opt, char **text_out)
{
	rp_diags d = {0};
	char *text = NULL;
	size_t len = 0;
	const char *enc = NULL;
	int rc = rp_decode(name, bytes, n, opt, &text, &len, &enc, &d);
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	fprintf(f, "status: %s\n", rp_strerror(rc));
	if (rc == 0)
		fprintf(f, "encoding: %s\n", enc);
	fprintf(f, "diagnostics:\n");
	rp_diags_print(&d, f);
	if (rc == 0) {
		check_invariants(text, len);
		fprintf(f, "text:\n%s", text);
	} else {
		assert_null(text);
		assert_true(d.errors > 0);
	}
	fclose(f);
	rp_diags_clear(&d);
	if (text_out)
		*text_out = text;
	else
		free(text);
	return buf;
}

typedef struct golden_case {
	const char *input;    /* in tests/golden/decode/ */
	const char *encoding; /* --encoding, or NULL */
	bool strict;
	const char *sample; /* the decoded text must equal this sample (samples/), or NULL */
} golden_case;

static const golden_case cases[] = {
	{"utf8.in", NULL, false, "zh-hans.txt"},
	{"utf8-bom.in", NULL, false, "zh-hans.txt"},
	{"utf16le-bom.in", NULL, false, "zh-hans.txt"},
	{"utf16be-bom.in", NULL, false, "zh-hans.txt"},
	{"utf32le-bom.in", NULL, false, "fr.txt"},
	{"utf16le-nobom.in", NULL, false, "fr.txt"},
	{"gbk.in", NULL, false, "zh-hans.txt"},
	{"gbk.in", "GBK", false, "zh-hans.txt"},
	{"gb18030-hant.in", NULL, false, "zh-hant.txt"},
	{"big5.in", NULL, false, "zh-hant.txt"},
	{"shift_jis.in", NULL, false, "ja.txt"},
	{"cp1252.in", NULL, false, "fr.txt"},
	{"cp1251.in", NULL, false, "ru.txt"},
	{"cp1252-short.in", NULL, false, NULL},
	{"crlf.in", NULL, false, "fr.txt"},
	{"cr.in", NULL, false, "zh-hans.txt"},
	{"mixed-eol.in", NULL, false, NULL},
	{"invalid-utf8.in", NULL, false, NULL},
	{"utf8-one-bad.in", NULL, false, NULL},
	{"stray-bytes.in", NULL, false, NULL},
	{"invalid-utf8-strict.in", NULL, true, NULL},
	{"gbk-invalid.in", "GBK", false, NULL},
	{"nul.in", NULL, false, NULL},
	{"nul-cjk.in", NULL, false, NULL},
	{"utf8.in", "no-such-encoding", false, NULL},
};

static void test_golden(void **state)
{
	(void)state;
	int failed = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const golden_case *c = &cases[i];
		char path[512];
		snprintf(path, sizeof path, "tests/golden/decode/%s", c->input);
		size_t n;
		char *bytes = tu_read_file(tu_source_path(path), &n);
		assert_non_null(bytes);
		rp_decode_options opt = {c->encoding, c->strict, false};
		char *text = NULL;
		char *report = decode_report(c->input, (unsigned char *)bytes, n, &opt, &text);
		char golden[512];
		snprintf(golden, sizeof golden, "tests/golden/decode/%.*s%s%s.expected",
		         (int)(strlen(c->input) - 3), c->input, c->encoding ? "." : "",
		         c->encoding ? c->encoding : "");
		if (!tu_golden_check(tu_source_path(golden), report))
			failed++;
		if (c->sample) {
			snprintf(path, sizeof path, "tests/golden/decode/samples/%s", c->sample);
			char *sample = tu_read_file(tu_source_path(path), NULL);
			assert_non_null(text);
			if (strcmp(text, sample) != 0) {
				fprintf(stderr, "%s: decoded text differs from samples/%s\n",
				        c->input, c->sample);
				failed++;
			}
			free(sample);
		}
		free(text);
		free(report);
		free(bytes);
	}
	assert_int_equal(failed, 0);
}

/* xorshift32: a fixed pseudo-random byte stream, so failures can be replayed. */
static uint32_t next_random(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Random bytes (like head -c 4096 /dev/urandom) are refused as not text, with or without NUL
 * bytes in them, and never crash. */
static void test_random_bytes_refused(void **state)
{
	(void)state;
	unsigned char buf[4096];
	for (uint32_t seed = 1; seed <= 20; seed++) {
		uint32_t s = seed * 2654435761u;
		for (size_t i = 0; i < sizeof buf; i++)
			buf[i] = (unsigned char)next_random(&s);
		for (int no_nul = 0; no_nul < 2; no_nul++) {
			if (no_nul)
				for (size_t i = 0; i < sizeof buf; i++)
					buf[i] = buf[i] ? buf[i] : 0x20;
			rp_diags d = {0};
			char *text = NULL;
			size_t len;
			const char *enc;
			int rc = rp_decode("random", buf, sizeof buf, NULL, &text, &len, &enc, &d);
			if (rc != RP_ERR_INPUT)
				fprintf(stderr, "seed %u no_nul %d: accepted as %s\n", seed, no_nul,
				        enc);
			assert_int_equal(rc, RP_ERR_INPUT);
			assert_null(text);
			assert_int_equal(d.errors, 1);
			assert_true(strstr(d.items[d.count - 1].message, "not a text file") !=
			            NULL);
			rp_diags_clear(&d);
		}
	}
}

/* Any bytes at all: either text that keeps the invariants, or an error with a diagnostic. */
static void test_random_prefixes_keep_invariants(void **state)
{
	(void)state;
	unsigned char buf[512];
	uint32_t s = 12345;
	for (int round = 0; round < 400; round++) {
		size_t n = next_random(&s) % sizeof buf;
		/* mix text-like bytes with random ones */
		for (size_t i = 0; i < n; i++) {
			uint32_t r = next_random(&s);
			buf[i] = (r & 0x300) ? (unsigned char)("ab \n\r\xE4\xBD\xA0"[r % 8])
			                     : (unsigned char)r;
		}
		rp_diags d = {0};
		char *text = NULL;
		size_t len;
		const char *enc;
		int rc = rp_decode("mix", buf, n, NULL, &text, &len, &enc, &d);
		if (rc == RP_OK) {
			check_invariants(text, len);
			assert_non_null(enc);
		} else {
			assert_int_equal(rc, RP_ERR_INPUT);
			assert_true(d.errors > 0);
		}
		free(text);
		rp_diags_clear(&d);
	}
}

/* The shared scripts decode to themselves, and so do their GB18030 and UTF-16 copies (made here
 * with ICU). Prints how long decoding takes (the goal, milliseconds, is checked by reading). */
static void test_shared_scripts(void **state)
{
	(void)state;
	const char *dir = tu_shared_scripts_dir();
	if (!dir)
		skip();
	char **files = tu_list_files(dir, ".txt");
	assert_non_null(files[0]);
	static const char *const encodings[] = {NULL, "GB18030", "UTF-16BE"};
	for (size_t f = 0; files[f]; f++) {
		size_t n;
		char *orig = tu_read_file(files[f], &n);
		for (size_t e = 0; e < sizeof encodings / sizeof encodings[0]; e++) {
			char *bytes = orig;
			size_t nb = n;
			if (encodings[e]) {
				UErrorCode err = U_ZERO_ERROR;
				bytes = malloc(4 * n + 2);
				size_t bom = strcmp(encodings[e], "UTF-16BE") == 0 ? 2 : 0;
				memcpy(bytes, "\xFE\xFF", bom);
				nb = bom + (size_t)ucnv_convert(encodings[e], "UTF-8", bytes + bom,
				                                (int32_t)(4 * n), orig, (int32_t)n,
				                                &err);
				assert_true(U_SUCCESS(err));
			}
			rp_diags d = {0};
			char *text = NULL;
			size_t len;
			const char *enc;
			struct timespec t0, t1;
			clock_gettime(CLOCK_MONOTONIC, &t0);
			int rc = rp_decode(files[f], (unsigned char *)bytes, nb, NULL, &text, &len,
			                   &enc, &d);
			clock_gettime(CLOCK_MONOTONIC, &t1);
			assert_int_equal(rc, RP_OK);
			assert_int_equal(d.count, 0);
			assert_string_equal(text, orig);
			assert_string_equal(enc, encodings[e] ? encodings[e] : "UTF-8");
			fprintf(stderr, "%s as %s: %zu bytes decoded in %.2f ms\n",
			        strrchr(files[f], '/') + 1, enc, nb,
			        (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
			free(text);
			rp_diags_clear(&d);
			if (bytes != orig)
				free(bytes);
		}
		free(orig);
	}
	tu_free_list(files);
}

/* A file saved with a byte-order mark, then decoded as a Windows code page and saved as UTF-8,
 * starts with the BOM's mojibake ("п»ї" in 1251, "ï»¿" in 1252): the repair must not bring the
 * BOM back (found by tests/fuzz/fuzz_plan: "\xEF\xBB\xBF18030" with --encoding windows-1251). */
static void test_mojibake_of_bom(void **state)
{
	(void)state;
	static const struct {
		const char *bytes;
		const char *encoding;
		const char *expected;
	} boms[] = {
		{"п»ї[A]: Hello there, how are you?\n", NULL, "[A]: Hello there, how are you?\n"},
		{"ï»¿[A]: Ã‡a va trÃ¨s bien, merci.\n", NULL, "[A]: Ça va très bien, merci.\n"},
		{"\xEF\xBB\xBF[A]: Hello\n", "windows-1251", "[A]: Hello\n"},
	};
	for (size_t k = 0; k < sizeof boms / sizeof boms[0]; k++) {
		rp_decode_options opt = {.encoding = boms[k].encoding};
		char *text = NULL;
		char *report = decode_report("bom", (const unsigned char *)boms[k].bytes,
		                             strlen(boms[k].bytes), &opt, &text);
		assert_non_null(text);
		assert_string_equal(text, boms[k].expected);
		assert_non_null(strstr(report, "mojibake"));
		free(text);
		free(report);
	}
	/* a character dropped on line 1 is reported at its column in the text without the BOM:
	 * "[A]: 关于 ok ’ " is 13 code points, the dropped one the 14th */
	static const char damaged[] = "ï»¿[A]: å…³äºŽ ok â€™ å\xC2\xAD\n";
	char *text = NULL;
	char *report = decode_report("bom", (const unsigned char *)damaged, strlen(damaged), NULL,
	                             &text);
	assert_string_equal(text, "[A]: 关于 ok ’ \n");
	if (!strstr(report, "bom:1:14: warning: mojibake: a character lost bytes"))
		fail_msg("%s", report);
	free(text);
	free(report);
}

/* A byte-order mark repeated at the start (files concatenated, or a tool adding a BOM to a file
 * that had one) is dropped as a whole: the first tag stays at line 1, column 1. Found by
 * tests/fuzz/fuzz_plan: FE FF FE FF with --encoding UTF-16BE. */
static void test_repeated_boms(void **state)
{
	(void)state;
	static const struct {
		const char *bytes;
		size_t n;
		const char *encoding;
	} boms[] = {
		{"\xEF\xBB\xBF\xEF\xBB\xBF\xEF\xBB\xBF[A]: hi\n", 17, NULL},
		{"\xFE\xFF\xFE\xFF\0[\0A\0]\0:\0 \0h\0i\0\n", 20, "UTF-16BE"},
		{"\xFE\xFF\xFE\xFF\0[\0A\0]\0:\0 \0h\0i\0\n", 20, NULL},
		{"\xFF\xFE\xFF\xFE[\0A\0]\0:\0 \0h\0i\0\n\0", 20, NULL},
	};
	for (size_t k = 0; k < sizeof boms / sizeof boms[0]; k++) {
		rp_decode_options opt = {.encoding = boms[k].encoding};
		char *text = NULL;
		free(decode_report("boms", (const unsigned char *)boms[k].bytes, boms[k].n, &opt,
		                   &text));
		assert_non_null(text);
		assert_string_equal(text, "[A]: hi\n");
		free(text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden),
		cmocka_unit_test(test_random_bytes_refused),
		cmocka_unit_test(test_random_prefixes_keep_invariants),
		cmocka_unit_test(test_shared_scripts),
		cmocka_unit_test(test_mojibake_of_bom),
		cmocka_unit_test(test_repeated_boms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
