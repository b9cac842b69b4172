/* Parts of the sanitizer (src/plan/clean/sanitize.c) that other stages share (internal). */
#ifndef RP_SANITIZE_H
#define RP_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <unicode/umachine.h>

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
