/* A growable UTF-8 string: the one string builder of the library (internal). */
#ifndef RP_STRBUF_H
#define RP_STRBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Zero-initialise it ({0}); every put appends and keeps the text NUL-terminated once something was
 * put. On allocation failure `oom` is set and later puts do nothing, so callers check once at the
 * end (rp_strbuf_finish). Not thread-safe: one builder per thread. */
typedef struct rp_strbuf {
	char *s;    /* malloc'd; NULL until the first put */
	size_t len; /* bytes, without the NUL */
	size_t cap; /* bytes allocated */
	bool oom;
} rp_strbuf;

/* Append `n` bytes of `p`. */
void rp_strbuf_put(rp_strbuf *b, const char *p, size_t n);
/* Append the NUL-terminated string `p`. */
void rp_strbuf_puts(rp_strbuf *b, const char *p);
/* Append code point `c` (0..0x10FFFF, not a surrogate) as UTF-8. */
void rp_strbuf_put_cp(rp_strbuf *b, uint32_t c);
/* Return the malloc'd NUL-terminated text (caller frees; "" when nothing was put) and reset `b`;
 * NULL if an allocation failed (the buffer is freed then). */
char *rp_strbuf_finish(rp_strbuf *b);
/* Free the text and reset `b` (after a failure elsewhere). */
void rp_strbuf_clear(rp_strbuf *b);

#endif
