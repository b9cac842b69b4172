/* INI files in memory through inih (src/plan/inifile.h). */
#include "inifile.h"

#include "lines.h"

#include <ctype.h>
#include <ini.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct rp_ini {
	rp_lines lines;
	const char *pair_hint;
	rp_ini_pair_fn fn;
	void *user;
	const char *inih_line; /* inih's copy of the current line, where KEY and VALUE point */
	size_t inih_len;
	size_t indent; /* bytes of white space at the start of the line, not given to inih */
	int seen;      /* the last line inih called the handler for */
	int reported;  /* the last line that got a diagnostic */
	int status;    /* RP_OK, or RP_ERR_NOMEM once a step ran out of memory */
};

static int note(rp_ini *ini, int rc)
{
	if (rc == RP_ERR_NOMEM)
		ini->status = RP_ERR_NOMEM;
	if (rc != RP_OK)
		ini->reported = ini->lines.line;
	return rc;
}

/* Bytes of ASCII white space (as inih trims it) at the start of s. */
static size_t indent_of(const char *s)
{
	size_t i = 0;
	while (s[i] && isspace((unsigned char)s[i]))
		i++;
	return i;
}

/* Byte offset in the current line of `at`, a pointer into inih's copy; else of the first
 * character that is not white space. */
static size_t offset_of(const rp_ini *ini, const char *at)
{
	uintptr_t p = (uintptr_t)at, b = (uintptr_t)ini->inih_line;
	if (ini->inih_line && p >= b && p <= b + ini->inih_len)
		return ini->indent + (size_t)(p - b);
	return indent_of(ini->lines.buf);
}

int rp_ini_error(rp_ini *ini, const char *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = rp_lines_verror(&ini->lines, offset_of(ini, at), fmt, ap);
	va_end(ap);
	return note(ini, rc);
}

static int ignore_pair(void *user, const char *section, const char *key, const char *value)
{
	(void)user, (void)section, (void)key, (void)value;
	return 1;
}

/* The line last read got no handler call and no diagnostic: blank, a comment, a [section], or
 * a line inih refused. Ask inih which, on the line alone (after an empty first line, so that
 * inih's first-line rules do not apply). */
static void check_skipped_line(rp_ini *ini)
{
	int no = ini->lines.line;
	if (no == 0 || ini->seen == no || ini->reported == no || ini->status != RP_OK)
		return;
	size_t i = indent_of(ini->lines.buf);
	const char *line = ini->lines.buf + i;
	if (!*line)
		return;
	size_t n = strlen(line);
	char *alone = malloc(n + 2);
	if (!alone) {
		ini->status = RP_ERR_NOMEM;
		return;
	}
	alone[0] = '\n';
	memcpy(alone + 1, line, n + 1);
	int bad = ini_parse_string(alone, ignore_pair, NULL);
	free(alone);
	if (bad == 0)
		return;
	if (*line == '[')
		note(ini, rp_lines_error(&ini->lines, i, "expected ']' to end the section name"));
	else
		note(ini, rp_lines_error(&ini->lines, i, "expected %s, a [section] or a ; comment",
		                         ini->pair_hint));
}

/* inih's ini_reader (fgets-like): one line of the text per call, or NULL at the end. The
 * line's leading white space stays out, so that inih never takes an indented line for the
 * continuation of a value (its multi-line values, which none of our files has). */
static char *read_line(char *str, int num, void *stream)
{
	rp_ini *ini = stream;
	check_skipped_line(ini);
	ini->inih_line = NULL;
	if (ini->status != RP_OK || num < 3)
		return NULL;
	char *line;
	size_t n;
	int got = rp_lines_next(&ini->lines, &line, &n);
	if (got == RP_LINES_END || note(ini, got == RP_ERR_NOMEM ? got : RP_OK) != RP_OK)
		return NULL;
	str[0] = '\0';
	if (got == RP_LINES_BAD) { /* reported; inih gets a blank line */
		ini->reported = ini->lines.line;
		return str;
	}
	if (n > (size_t)num - 2) { /* it would not fit with "\n\0": inih would split it */
		note(ini, rp_lines_error(&ini->lines, (size_t)num - 2,
		                         "line longer than %d bytes (inih's limit)", num - 2));
		return str;
	}
	ini->indent = indent_of(line);
	memcpy(str, line + ini->indent, n - ini->indent);
	memcpy(str + n - ini->indent, "\n", 2);
	ini->inih_line = str;
	ini->inih_len = n - ini->indent;
	return str;
}

static int on_pair(void *user, const char *section, const char *key, const char *value)
{
	rp_ini *ini = user;
	ini->seen = ini->lines.line;
	if (ini->status != RP_OK)
		return 0;
	/* inih copies the section name into 50 bytes: never pass on a cut code point */
	char sec[64];
	size_t sn = strlen(section);
	sn = rp_utf8_first_bad(section, sn < sizeof sec ? sn : sizeof sec - 1, NULL);
	memcpy(sec, section, sn);
	sec[sn] = '\0';
	int rc = ini->fn(ini, ini->user, sec, key, value);
	if (rc != RP_OK && rc != RP_ERR_NOMEM && ini->reported != ini->lines.line)
		rc = rp_ini_error(ini, key, "invalid line"); /* fn did not say why */
	note(ini, rc);
	return rc == RP_OK;
}

int rp_ini_parse(const char *name, const char *text, size_t len, const char *pair_hint,
                 rp_ini_pair_fn fn, void *user, rp_diags *diags)
{
	rp_ini ini = {.pair_hint = pair_hint, .fn = fn, .user = user};
	rp_lines_init(&ini.lines, name, text, len, diags);
	int bad_line = ini_parse_stream(read_line, &ini, on_pair, &ini);
	check_skipped_line(&ini);
	if (bad_line == -2)
		ini.status = RP_ERR_NOMEM;
	if (bad_line > 0 && ini.lines.errors == 0 && ini.status == RP_OK) {
		/* inih refused a line that no check above caught: say so rather than pass it */
		ini.lines.errors++;
		if (rp_diags_add(diags, RP_ERROR, name, bad_line, 1, "not a valid INI line") !=
		    RP_OK)
			ini.status = RP_ERR_NOMEM;
	}
	rp_lines_free(&ini.lines);
	if (ini.status != RP_OK)
		return ini.status;
	return ini.lines.errors ? RP_ERR_INPUT : RP_OK;
}
