/* Small scanners over UTF-8 text that the per-language rules share (internal to the normalizer).
 * They depend on nothing else of the normalizer, so normalize_cmn.c and normalize_en.c use them
 * without including normalize.c's parts. Thread-safe (no state). */
#ifndef RP_TEXT_SCAN_H
#define RP_TEXT_SCAN_H

#include <stdbool.h>
#include <stddef.h>

/* Number of ASCII digits '0'..'9' starting at text[i] (bounded by len). */
size_t rp_count_digits(const char *text, size_t len, size_t i);

/* Whether text[i..] (bounded by len) starts with the NUL-terminated UTF-8 string `prefix`. */
bool rp_starts_with(const char *text, size_t len, size_t i, const char *prefix);

/* Value of the first min(n, 9) ASCII digits at d (range checks of dates, times, years). */
long rp_digits_value(const char *d, size_t n);

/* Length in bytes of an apostrophe at text[i] (' U+2019 U+2018: the '08 of a short year), or 0. */
size_t rp_apostrophe_len(const char *text, size_t len, size_t i);

#define RP_COUNT(a) (sizeof(a) / sizeof((a)[0]))

#endif
