/* Text normalization: how numbers and symbols in a span are said in its language (internal). */
#ifndef RP_NORMALIZE_H
#define RP_NORMALIZE_H

#include <stddef.h>

/* Rewrite the span `text` (`len` bytes of UTF-8) of language `lang` (BCP 47: "cmn", "en", ...)
 * the way a speaker of that language reads it aloud, e.g. for "cmn" "30%" -> "百分之三十".
 * Returns a new malloc'd NUL-terminated UTF-8 string, or NULL when out of memory.
 * The result is later passed through rp_sanitize_for_espeak(). Thread-safe (no global state). */
char *rp_normalize_span(const char *text, size_t len, const char *lang);

#endif
