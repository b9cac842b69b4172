/* Golden-file tests of the chat-format parser: tests/golden/parse/NAME.txt is parsed and the
 * turns (or the diagnostics) are compared with NAME.expected. RP_UPDATE_GOLDEN=1 rewrites them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "radioplay.h"
#include "testutil.h"

typedef struct strbuf {
	char *s;
	size_t len, cap;
} strbuf;

static void sb_printf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(strbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (b->len + (size_t)n + 1 > b->cap) {
		b->cap = (b->len + (size_t)n + 1) * 2;
		b->s = realloc(b->s, b->cap);
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Text dump of a parse: turns with their paragraphs and line starts, then diagnostics. */
static char *dump_parse(const char *name, const char *bytes, size_t n)
{
	strbuf b = {0};
	sb_printf(&b, "%s", "");
	rp_diags diags = {0};
	rp_source *src = NULL;
	rp_script *script = NULL;
	int rc = rp_source_from_memory(name, bytes, n, NULL, &src, &diags);
	if (rc == RP_OK)
		rc = rp_script_parse(src, &script, &diags);
	sb_printf(&b, "status: %s\n", rp_strerror(rc));
	for (size_t t = 0; script && t < script->n_turns; t++) {
		const rp_turn *turn = &script->turns[t];
		sb_printf(&b, "turn %zu [%s] at %d:%d, %zu paragraph(s)\n", t + 1, turn->speaker,
		          turn->line, turn->column, turn->n_paragraphs);
		for (size_t k = 0; k < turn->n_paragraphs; k++) {
			const rp_paragraph *p = &turn->paragraphs[k];
			sb_printf(&b, "  paragraph %zu\n", k + 1);
			for (size_t l = 0; l < p->n_lines; l++) {
				size_t e = l + 1 < p->n_lines ? p->lines[l + 1].offset - 1 : p->len;
				sb_printf(&b, "    %d:%d |%.*s|\n", p->lines[l].line,
				          p->lines[l].column, (int)(e - p->lines[l].offset),
				          p->text + p->lines[l].offset);
			}
		}
	}
	for (size_t i = 0; i < diags.count; i++) {
		const rp_diag *d = &diags.items[i];
		sb_printf(&b, "%s %d:%d: %s\n", d->severity == RP_ERROR ? "error" : "warning",
		          d->line, d->column, d->message);
	}
	rp_diags_clear(&diags);
	rp_script_free(script);
	rp_source_free(src);
	return b.s;
}

static void test_golden_parse(void **state)
{
	(void)state;
	char **inputs = tu_list_files(tu_source_path("tests/golden/parse"), ".txt");
	size_t count = 0, failed = 0;
	for (size_t i = 0; inputs[i]; i++, count++) {
		size_t n;
		char *bytes = tu_read_file(inputs[i], &n);
		assert_non_null(bytes);
		const char *base = strrchr(inputs[i], '/') + 1;
		char *actual = dump_parse(base, bytes, n);
		char expected[4096];
		snprintf(expected, sizeof expected, "%.*s.expected", (int)(strlen(inputs[i]) - 4),
		         inputs[i]);
		if (!tu_golden_check(expected, actual))
			failed++;
		free(actual);
		free(bytes);
	}
	tu_free_list(inputs);
	assert_true(count >= 10);
	assert_int_equal(failed, 0);
}

/* Columns count code points, and positions map back through continuation lines. */
static void test_paragraph_position(void **state)
{
	(void)state;
	const char text[] = "[旁白]: 你好 world\n  第二行 line\n";
	rp_diags diags = {0};
	rp_source *src;
	rp_script *script;
	assert_int_equal(rp_source_from_memory("x", text, sizeof text - 1, NULL, &src, &diags),
	                 RP_OK);
	assert_int_equal(rp_script_parse(src, &script, &diags), RP_OK);
	const rp_paragraph *p = &script->turns[0].paragraphs[0];
	int line, col;
	const char *w = strstr(p->text, "world");
	rp_paragraph_position(p, (size_t)(w - p->text), &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 10); /* [ 旁 白 ] : space 你 好 space w */
	const char *l2 = strstr(p->text, "line");
	rp_paragraph_position(p, (size_t)(l2 - p->text), &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 7);
	rp_script_free(script);
	rp_source_free(src);
	rp_diags_clear(&diags);
}

/* Random bytes never crash the parser: they are refused or parsed. */
static void test_random_bytes(void **state)
{
	(void)state;
	srand(12345);
	for (int round = 0; round < 2000; round++) {
		unsigned char buf[256];
		size_t n = (size_t)(rand() % (int)sizeof buf);
		for (size_t i = 0; i < n; i++)
			buf[i] = (unsigned char)(round % 2 ? rand() : "[]:：\n A字b"[rand() % 11]);
		rp_diags diags = {0};
		rp_source *src = NULL;
		rp_script *script = NULL;
		int rc = rp_source_from_memory("random", buf, n, NULL, &src, &diags);
		if (rc == RP_OK)
			rc = rp_script_parse(src, &script, &diags);
		assert_true(rc == RP_OK || rc == RP_ERR_INPUT);
		if (rc != RP_OK)
			assert_true(diags.errors > 0);
		rp_script_free(script);
		rp_source_free(src);
		rp_diags_clear(&diags);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_parse),
		cmocka_unit_test(test_paragraph_position),
		cmocka_unit_test(test_random_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
