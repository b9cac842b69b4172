/* Mojibake repair (src/input/mojibake.h): damaged copies of the shared scripts and of small fixtures,
 * made here the way the damage happens (UTF-8 bytes decoded with a code page, its undefined bytes
 * dropped, saved as UTF-8), must come back; correct text must pass untouched. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <cmocka.h>

#include "decode.h"
#include "mojibake.h"
#include "testutil.h"

static const struct {
	const char *icu;
	bool drops; /* Windows code pages lack some bytes, which the damage usually drops */
	const char *label;
} damage_pages[] = {
	{"windows-1252", true, "windows-1252"},
	{"windows-1254", true, "windows-1254"},
	{"windows-1250", true, "windows-1250"},
	{"windows-1251", true, "windows-1251"},
	{"ISO-8859-1", false, "ISO-8859-1"},
	/* what Windows itself does: the bytes it lacks become U+0081... instead of being dropped */
	{"windows-1252", false, "windows-1252 (undefined bytes kept as C1 controls)"},
};

/* Read UTF-8 `text` as code page `page` (ICU maps the bytes a Windows page lacks to C1
 * controls; with `drops` those are dropped, as most tools do) and write it as UTF-8 again. */
static char *damage(const char *text, const char *page, bool drops)
{
	UErrorCode e = U_ZERO_ERROR;
	UConverter *cnv = ucnv_open(page, &e);
	assert_true(U_SUCCESS(e));
	size_t n = strlen(text);
	UChar *u = malloc((n + 1) * sizeof *u);
	int32_t ulen = ucnv_toUChars(cnv, u, (int32_t)n + 1, text, (int32_t)n, &e);
	assert_true(U_SUCCESS(e));
	ucnv_close(cnv);
	int32_t k = 0;
	for (int32_t i = 0; i < ulen; i++)
		if (!(drops && u[i] >= 0x80 && u[i] <= 0x9F))
			u[k++] = u[i];
	char *out = malloc(3 * (size_t)k + 1);
	u_strToUTF8(out, 3 * k + 1, NULL, u, k, &e);
	assert_true(U_SUCCESS(e));
	free(u);
	return out;
}

typedef struct tally {
	size_t chars, damaged, exact, dropped, wrong, misread;
} tally;

/* Compare the repair (dropped characters as U+FFFD) with the original, code point by code point. */
static void compare(const char *orig, const char *fixed, tally *t, const char *what)
{
	int32_t i = 0, j = 0, no = (int32_t)strlen(orig), nf = (int32_t)strlen(fixed);
	while (i < no && j < nf) {
		UChar32 a, b;
		U8_NEXT(orig, i, no, a);
		U8_NEXT(fixed, j, nf, b);
		t->chars++;
		if (b == 0xFFFD)
			t->dropped++;
		else if (a != b) {
			t->wrong++;
			if (t->wrong <= 5)
				fprintf(stderr, "%s: byte %d: U+%04X came back as U+%04X\n", what,
				        i, a, b);
		}
	}
	assert_int_equal(i, no); /* same number of characters */
	assert_int_equal(j, nf);
}

/* The shared scripts, read once for all tests (group state). */
typedef struct scripts {
	char **paths;
	char **texts;
	size_t n;
} scripts;

static int load_scripts(void **state)
{
	scripts *s = calloc(1, sizeof *s);
	const char *dir = tu_shared_scripts_dir();
	s->paths = dir ? tu_list_files(dir, ".txt") : calloc(1, sizeof *s->paths);
	while (s->paths[s->n])
		s->n++;
	s->texts = calloc(s->n + 1, sizeof *s->texts);
	for (size_t i = 0; i < s->n; i++)
		s->texts[i] = tu_read_file(s->paths[i], NULL);
	*state = s;
	return 0;
}

static int free_scripts(void **state)
{
	scripts *s = *state;
	for (size_t i = 0; i < s->n; i++)
		free(s->texts[i]);
	free(s->texts);
	tu_free_list(s->paths);
	free(s);
	return 0;
}

/* Repair `text`; dropped characters become U+FFFD so that texts line up. */
static char *repair(const char *text, rp_mojibake_result *res, rp_diags *d)
{
	rp_mojibake_options opt = {RP_WARNING, 0xFFFD};
	char *fixed = NULL;
	size_t flen = 0;
	assert_int_equal(rp_mojibake_repair("t.txt", text, strlen(text), &opt, &fixed, &flen, res,
	                                    d),
	                 RP_OK);
	if (fixed)
		assert_int_equal(strlen(fixed), flen);
	return fixed;
}

/* Damaged copies of every shared script through every code page: the code page is found, every
 * undamaged character comes back exactly, and the figures (characters recovered, dropped, wrong)
 * are pinned in a golden file. */
static void test_damaged_shared_scripts(void **state)
{
	scripts *s = *state;
	if (s->n == 0)
		skip();
	char *report = NULL;
	size_t size = 0;
	FILE *rep = open_memstream(&report, &size);
	bool floors_ok = true;
	for (size_t p = 0; p < sizeof damage_pages / sizeof damage_pages[0]; p++) {
		tally all = {0};
		for (size_t f = 0; f < s->n; f++) {
			char *bad = damage(s->texts[f], damage_pages[p].icu, damage_pages[p].drops);
			rp_diags d = {0};
			rp_mojibake_result res;
			char *fixed = repair(bad, &res, &d);
			assert_non_null(fixed);
			assert_string_equal(res.codepage, damage_pages[p].icu);
			assert_int_equal(res.damaged, res.recovered + res.dropped);
			assert_int_equal(d.count,
			                 1 + res.dropped); /* one for the text, one per drop */
			tally t = {0};
			compare(s->texts[f], fixed, &t, s->paths[f]);
			assert_int_equal(t.dropped, res.dropped);
			all.chars += t.chars;
			all.damaged += res.damaged;
			all.dropped += t.dropped;
			all.wrong += t.wrong;
			rp_diags_clear(&d);
			free(fixed);
			free(bad);
		}
		fprintf(rep,
		        "%s: %zu characters, %zu damaged: %zu recovered exactly, %zu dropped, %zu wrong\n",
		        damage_pages[p].label, all.chars, all.damaged,
		        all.damaged - all.dropped - all.wrong, all.dropped, all.wrong);
		/* floors, whatever the golden file says: few wrong guesses, most characters back */
		floors_ok &= all.wrong * 50 <= all.damaged;
		floors_ok &= (all.damaged - all.dropped - all.wrong) * 10 >= all.damaged * 6;
	}
	fclose(rep);
	fputs(report, stderr);
	assert_true(floors_ok);
	assert_true(tu_golden_check(tu_source_path("tests/golden/mojibake/shared-scripts.expected"),
	                            report));
	free(report);
}

/* Correct text passes untouched: the shared scripts, and texts with "Ã" in names. */
static void test_correct_text_untouched(void **state)
{
	scripts *s = *state;
	static const char *const fixtures[] = {"correct-names.txt", "correct-latin1.txt",
	                                       "correct-mixed.txt"};
	size_t n_fix = sizeof fixtures / sizeof fixtures[0];
	for (size_t i = 0; i < s->n + n_fix; i++) {
		char path[256];
		snprintf(path, sizeof path, "tests/golden/mojibake/%s",
		         i < n_fix ? fixtures[i] : "");
		char *own = i < n_fix ? tu_read_file(tu_source_path(path), NULL) : NULL;
		const char *text = i < n_fix ? own : s->texts[i - n_fix];
		assert_non_null(text);
		rp_diags d = {0};
		rp_mojibake_result res;
		assert_null(repair(text, &res, &d));
		assert_null(res.codepage);
		assert_int_equal(d.count, 0);
		/* and through the decoder */
		char *out = NULL;
		size_t len;
		const char *enc;
		assert_int_equal(rp_decode("t.txt", (const unsigned char *)text, strlen(text), NULL,
		                           &out, &len, &enc, &d),
		                 RP_OK);
		assert_string_equal(out, text);
		assert_int_equal(d.count, 0);
		free(out);
		free(own);
	}
}

/* Small cases for each rule (quotes, CJK brackets, ZWJ between emoji, VS16, words), damaged
 * through each Windows code page; the repaired texts and warnings are golden. */
static void test_rules_golden(void **state)
{
	(void)state;
	char *orig = tu_read_file(tu_source_path("tests/golden/mojibake/cases.txt"), NULL);
	assert_non_null(orig);
	int failed = 0;
	for (size_t p = 0; p < sizeof damage_pages / sizeof damage_pages[0]; p++) {
		char *bad = damage(orig, damage_pages[p].icu, damage_pages[p].drops);
		rp_diags d = {0};
		char *out = NULL;
		size_t len;
		const char *enc;
		assert_int_equal(rp_decode("cases.txt", (const unsigned char *)bad, strlen(bad),
		                           NULL, &out, &len, &enc, &d),
		                 RP_OK);
		char *report = NULL;
		size_t size = 0;
		FILE *f = open_memstream(&report, &size);
		rp_diags_print(&d, f);
		fprintf(f, "text:\n%s", out);
		fclose(f);
		char golden[256];
		bool kept = !damage_pages[p].drops && strstr(damage_pages[p].icu, "windows");
		snprintf(golden, sizeof golden, "tests/golden/mojibake/cases.%s%s.expected",
		         damage_pages[p].icu, kept ? "-kept" : "");
		failed += !tu_golden_check(tu_source_path(golden), report);
		free(report);
		free(out);
		free(bad);
		rp_diags_clear(&d);
	}
	free(orig);
	assert_int_equal(failed, 0);
}

/* --strict makes the repair an error; keep_mojibake leaves the text alone. */
static void test_strict_and_keep(void **state)
{
	(void)state;
	const char *orig = "[A]: “Live” — 关于音乐\n";
	char *bad = damage(orig, "windows-1252", true);
	for (int mode = 0; mode < 2; mode++) {
		rp_decode_options opt = {NULL, mode == 0, mode == 1};
		rp_diags d = {0};
		char *out = NULL;
		size_t len;
		const char *enc;
		int rc = rp_decode("s.txt", (const unsigned char *)bad, strlen(bad), &opt, &out,
		                   &len, &enc, &d);
		if (mode == 0) {
			assert_int_equal(rc, RP_ERR_INPUT);
			assert_null(out);
			assert_true(d.errors >= 1);
		} else {
			assert_int_equal(rc, RP_OK);
			assert_string_equal(out, bad);
			assert_int_equal(d.count, 0);
		}
		free(out);
		rp_diags_clear(&d);
	}
	free(bad);
}

/* Arbitrary text made of ASCII and Windows-1252 characters (what mojibake is made of): whatever
 * the repair does, its output is valid UTF-8 with the same lines, and nothing crashes. */
static void test_random_codepage_text(void **state)
{
	(void)state;
	/* whole mojibake characters (’ “ 关 é 🎬), ones cut short, and stray bytes */
	static const char *const good[] = {"a",  " ",    "\n", "â€™", "â€œ", "å…³",
	                                   "Ã©", "ðŸŽ¬", "â€", "äº",  "ðŸ"};
	static const char *const stray[] = {"Ã", "©", "ç", "\xC2\x81"};
	int repaired = 0;
	uint32_t s = 99;
	for (int round = 0; round < 300; round++) {
		char text[2048] = "";
		size_t len = 0, lines = 0;
		int n = (int)(s % 200);
		for (int k = 0; k < n; k++) {
			s ^= s << 13;
			s ^= s >> 17;
			s ^= s << 5;
			const char *p = s % 100 < 2 ? stray[s / 100 % 4] : good[s / 100 % 11];
			memcpy(text + len, p, strlen(p) + 1);
			len += strlen(p);
			lines += *p == '\n';
		}
		rp_diags d = {0};
		rp_mojibake_result res;
		char *fixed = repair(text, &res, &d);
		if (fixed) {
			size_t fl = strlen(fixed), nl = 0;
			int32_t i = 0;
			while ((size_t)i < fl) {
				UChar32 c;
				U8_NEXT(fixed, i, (int32_t)fl, c);
				assert_true(c > 0);
				nl += c == '\n';
			}
			assert_int_equal(nl, lines);
			assert_non_null(res.codepage);
			repaired++;
		}
		free(fixed);
		rp_diags_clear(&d);
	}
	assert_true(repaired >= 20); /* the test reaches the repair */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_damaged_shared_scripts),
		cmocka_unit_test(test_correct_text_untouched),
		cmocka_unit_test(test_rules_golden),
		cmocka_unit_test(test_strict_and_keep),
		cmocka_unit_test(test_random_codepage_text),
	};
	return cmocka_run_group_tests(tests, load_scripts, free_scripts);
}
