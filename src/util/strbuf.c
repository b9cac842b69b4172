/* The string builder (src/util/strbuf.h). */
#include "grow.h"
#include "radioplay.h"
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

void rp_strbuf_put(rp_strbuf *b, const char *p, size_t n)
{
	if (b->oom)
		return;
	if (rp_grow((void **)&b->s, &b->cap, b->len + n + 1, 1)) {
		b->oom = true;
		return;
	}
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void rp_strbuf_puts(rp_strbuf *b, const char *p)
{
	rp_strbuf_put(b, p, strlen(p));
}

void rp_strbuf_put_cp(rp_strbuf *b, uint32_t c)
{
	char u[U8_MAX_LENGTH];
	int32_t n = 0;
	U8_APPEND_UNSAFE(u, n, c);
	rp_strbuf_put(b, u, (size_t)n);
}

char *rp_strbuf_finish(rp_strbuf *b)
{
	if (!b->oom && !b->s)
		rp_strbuf_put(b, "", 0);
	char *s = b->oom ? NULL : b->s;
	if (b->oom)
		free(b->s);
	*b = (rp_strbuf){0};
	return s;
}

void rp_strbuf_clear(rp_strbuf *b)
{
	free(b->s);
	*b = (rp_strbuf){0};
}
