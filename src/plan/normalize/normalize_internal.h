/* Text normalization: pieces shared by src/normalize*.c (internal to the normalizer). */
#ifndef RP_NORMALIZE_INTERNAL_H
#define RP_NORMALIZE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

/* A growable UTF-8 output buffer. Zero-initialise it ({0}); every put appends and keeps the text
 * NUL-terminated. On allocation failure `oom` is set and later puts do nothing, so callers check
 * once at the end. Not thread-safe (one buffer per call). */
typedef struct rp_nbuf {
	char *s;
	size_t len; /* bytes, without the NUL */
	size_t cap; /* bytes allocated */
	bool oom;
} rp_nbuf;

/* Append `n` bytes of `p`. */
void rp_nbuf_put(rp_nbuf *b, const char *p, size_t n);
/* Append the NUL-terminated string `p`. */
void rp_nbuf_puts(rp_nbuf *b, const char *p);
/* Return the malloc'd NUL-terminated text (caller frees) and reset `b`; NULL if an allocation
 * failed (the buffer is freed then). */
char *rp_nbuf_finish(rp_nbuf *b);

/* Number of ASCII digits '0'..'9' starting at text[i] (bounded by len). */
size_t rp_count_digits(const char *text, size_t len, size_t i);

/* Whether text[i..] (bounded by len) starts with the NUL-terminated UTF-8 string `prefix`. */
bool rp_starts_with(const char *text, size_t len, size_t i, const char *prefix);

/* Value of the first min(n, 9) ASCII digits at d (range checks of dates, times, years). */
long rp_digits_value(const char *d, size_t n);

/* Length in bytes of an apostrophe at text[i] (' U+2019 U+2018: the '08 of a short year), or 0. */
size_t rp_apostrophe_len(const char *text, size_t len, size_t i);

#define RP_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Mandarin rules (src/plan/normalize/normalize_cmn.c) on text that is already NFKC-folded (see normalize.c):
 * numbers to hanzi number words, symbols eSpeak NG's cmn-latn-pinyin voice would read in
 * English to hanzi or pauses, ASCII punctuation to the fullwidth forms it pauses on.
 * The result holds no ASCII digit. Returns malloc'd UTF-8 (caller frees), NULL when out of
 * memory. Thread-safe (no state). */
char *rp_normalize_cmn(const char *text, size_t len);

/* English rules (src/plan/normalize/normalize_en.c) on NFKC-folded text: years, 'YY, decades, currency,
 * ranges, ratios and times, fractions, acronyms, spacing after punctuation. Returns malloc'd
 * UTF-8 (caller frees), NULL when out of memory. Thread-safe (no state). */
char *rp_normalize_en(const char *text, size_t len);

#endif
