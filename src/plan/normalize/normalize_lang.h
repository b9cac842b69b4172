/* The per-language rules that normalize.c dispatches to (internal to the normalizer). */
#ifndef RP_NORMALIZE_LANG_H
#define RP_NORMALIZE_LANG_H

#include <stdbool.h>
#include <stddef.h>

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
