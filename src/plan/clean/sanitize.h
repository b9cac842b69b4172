/* Parts of the sanitizer (src/plan/clean/sanitize.c) that other stages share (internal). */
#ifndef RP_SANITIZE_H
#define RP_SANITIZE_H

#include "radioplay.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <unicode/umachine.h>

/* The text to hand to eSpeak NG for a span in language `lang`, as a new malloc'd string (NULL on
 * allocation failure). Removes what eSpeak NG 1.51 must not see or should not read (README "What
 * eSpeak NG is given", docs/espeak-ng.md#crashes): C0/C1 controls, emoji and emoticons,
 * brackets (so "[[" cannot form), splits over-long tokens and digit runs, and keeps dotted
 * chains (a.b.c., é . é .) within what eSpeak NG's fixed buffers hold; for those `lang` tells how
 * the language's voice makes words (ko: Hangul syllables become jamo; cmn, ja: every character
 * above U+3040 is a word). Thread-safe. */
char *rp_sanitize_for_espeak(const char *text, size_t len, const char *lang);

/* true for a code point rp_sanitize_for_espeak drops without a trace: emoji (and their
 * modifiers, flags, keycaps, variation selectors), other and modifier symbols (So, Sk), format
 * characters (ZWJ, bidi marks), unassigned and private-use code points. Thread-safe. */
bool rp_is_unspoken_char(uint32_t c);

/* The characters of a span's written `text` (UTF-8, NUL-terminated, starting at script line
 * `line`, column `column`, in language `lang`) that are not spoken, as rp_unspoken records
 * (include/radioplay.h): what rp_is_unspoken_char drops, when all of its NFKC form is dropped too
 * (‼ is read as !!, ™ as TM), minus format characters, variation selectors and emoji modifiers,
 * and minus emoji that `names` (may be NULL) reads by name. *list is malloc'd (NULL when none).
 * Returns RP_OK or RP_ERR_NOMEM. Thread-safe when `names` is. */
int rp_find_unspoken(const char *text, const char *lang, int line, int column,
                     rp_emoji_names *names, rp_unspoken **list, size_t *n);

/* True for a code point that is part of an emoji sequence (UTS #51): Extended_Pictographic with
 * the Emoji property (so ★ U+2605 and ♪ U+266A, pictographs without it, are symbols), emoji
 * modifiers, regional indicators, variation selectors, U+20E3 keycap, ZWJ, tag characters. The
 * sanitizer drops these; art never blanks them (src/plan/clean/art.h). Thread-safe. */
bool rp_is_emoji_part(UChar32 c);

/* Called for each emoticon found: bytes [start, end) of the text. */
typedef void (*rp_emoticon_fn)(size_t start, size_t end, void *ctx);

/* Find the emoticons of the UTF-8 text[0..len) exactly as rp_sanitize_for_espeak finds (and
 * blanks) them: the same ICU regular expression (src/plan/clean/sanitize.c EMOTICON_PATTERN: ^_^ ¥_¥ T_T
 * :) :-) ;) <3 xD (^_^) (╯°□°)╯ ...), leftmost first, not overlapping; fn gets byte offsets.
 * Invalid UTF-8 is read as U+FFFD (ICU UText). If ICU fails, nothing is reported. Thread-safe
 * (the compiled expression is per thread); fn must not change the text being searched or call
 * back into the sanitizer. */
void rp_for_each_emoticon(const char *text, size_t len, rp_emoticon_fn fn, void *ctx);

#endif
