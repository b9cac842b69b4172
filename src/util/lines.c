/* Lines of a UTF-8 input file in memory (src/util/lines.h). */
#include "lines.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

#include "grow.h"

void rp_lines_init(rp_lines *r, const char *name, const char *text, size_t len, rp_diags *diags)
{
	*r = (rp_lines){.name = name, .text = text, .len = len, .diags = diags};
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		r->pos = 3;
}

void rp_lines_free(rp_lines *r)
{
	free(r->buf);
	r->buf = NULL;
	r->cap = 0;
}

int rp_lines_column(const char *s, size_t offset)
{
	int col = 1;
	for (size_t i = 0; i < offset; i++)
		col += ((unsigned char)s[i] & 0xC0) != 0x80;
	return col;
}

int rp_lines_verror(rp_lines *r, size_t offset, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int len = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	char *msg = len >= 0 ? malloc((size_t)len + 1) : NULL;
	r->errors++;
	if (!msg)
		return RP_ERR_NOMEM;
	vsnprintf(msg, (size_t)len + 1, fmt, ap);
	int col = r->buf ? rp_lines_column(r->buf, offset) : 1;
	int rc = rp_diags_add(r->diags, RP_ERROR, r->name, r->line, col, "%s", msg);
	free(msg);
	return rc == RP_OK ? RP_ERR_INPUT : RP_ERR_NOMEM;
}

int rp_lines_error(rp_lines *r, size_t offset, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = rp_lines_verror(r, offset, fmt, ap);
	va_end(ap);
	return rc;
}

size_t rp_utf8_first_bad(const char *s, size_t n, bool *nul)
{
	if (nul)
		*nul = false;
	for (size_t i = 0; i < n;) {
		size_t start = i;
		if (s[i] == '\0') {
			if (nul)
				*nul = true;
			return i;
		}
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		/* a multi-byte sequence is at most 4 bytes: decode it within a short window */
		int32_t j = 0, w = n - i < 4 ? (int32_t)(n - i) : 4;
		UChar32 c;
		U8_NEXT(s + i, j, w, c);
		if (c < 0)
			return start;
		i += (size_t)j;
	}
	return n;
}

int rp_lines_next(rp_lines *r, char **line, size_t *n)
{
	if (r->pos >= r->len)
		return RP_LINES_END;
	const char *s = r->text + r->pos;
	const char *nl = memchr(s, '\n', r->len - r->pos);
	size_t len = nl ? (size_t)(nl - s) : r->len - r->pos;
	r->pos += len + (nl != NULL);
	if (len > 0 && s[len - 1] == '\r')
		len--;
	r->line++;
	if (rp_grow((void **)&r->buf, &r->cap, len + 1, 1) != RP_OK)
		return RP_ERR_NOMEM;
	bool nul;
	size_t bad = rp_utf8_first_bad(s, len, &nul);
	memcpy(r->buf, s, bad);
	r->buf[bad] = '\0';
	*line = r->buf;
	*n = bad;
	if (bad == len)
		return RP_LINES_OK;
	int rc = nul ? rp_lines_error(r, bad, "NUL byte: this is not a text file")
	             : rp_lines_error(r, bad, "invalid UTF-8 byte 0x%02X (the file must be UTF-8)",
	                              (unsigned char)s[bad]);
	return rc == RP_ERR_NOMEM ? rc : RP_LINES_BAD;
}
