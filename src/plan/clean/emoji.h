/* Reading emoji by name (internal; the public part, rp_emoji_names, is in include/radioplay.h). */
#ifndef RP_EMOJI_H
#define RP_EMOJI_H

#include "radioplay.h"

#include <stddef.h>

/* Where Debian's unicode-cldr-core package puts CLDR's "common" folder (rp_emoji_names_load). */
#define RP_CLDR_DIR "/usr/share/unicode/cldr/common"

/* If an emoji sequence with a name in `lang` starts at byte `i` of the UTF-8 `text` (`len`
 * bytes), return its length in bytes (the longest sequence with a name, with any U+FE0F that
 * follows it) and set *name to its name (owned by `names`, valid until rp_emoji_names_free).
 * Otherwise return 0. An emoji starts with a code point that is Extended_Pictographic and Emoji
 * (UTS #51; ★ is not one) or Regional_Indicator, or is a keycap (0-9 # * with U+20E3); a
 * punctuation mark (‼ ⁉) only when U+FE0F follows it. Thread-safe (loading under the names'
 * mutex). */
size_t rp_emoji_name_at(rp_emoji_names *names, const char *lang, const char *text, size_t len,
                        size_t i, const char **name);

/* One replacement made by rp_emoji_expand: bytes [from_start, from_end) of the input became bytes
 * [to_start, to_end) of the output. Edits are in ascending order and do not overlap. */
typedef struct rp_text_edit {
	size_t from_start, from_end;
	size_t to_start, to_end;
} rp_text_edit;

/* Replace every emoji sequence of a paragraph's text by its CLDR text-to-speech name in the
 * language of the span that holds it, so that `--emoji speak` reads them. `spans` are the
 * paragraph's spans (rp_split_spans on the same text); an emoji in a span of language "und" is
 * named in `und_lang`. Rules:
 *  - the longest sequence with a name wins (👩‍💻 is "woman technologist", not "woman" + ...);
 *    U+FE0F is ignored (CLDR keys have none); a sequence without a name is left as it is (the
 *    sanitizer drops it later, `radioplay check` lists it);
 *  - a run of the same emoji (😂😂😂, with or without spaces between) is named once;
 *  - the name is set off by the language's comma ("，" for cmn and ja, ", " for others) from a
 *    letter, digit or other name before it and from a letter or digit after it, so it is read as
 *    an aside ("太好了😂" -> "太好了，笑哭了").
 * Names may hold another script (CLDR zh has "OK手势"): split the result into spans again.
 * On success *out is a new malloc'd NUL-terminated string of *out_len bytes and *edits a malloc'd
 * array of *n_edits replacements (NULL when none; then *out is a plain copy). Returns RP_OK or
 * RP_ERR_NOMEM (outputs NULL). Thread-safe when `names` is (see rp_emoji_names_load). */
int rp_emoji_expand(rp_emoji_names *names, const char *text, size_t len, const rp_span *spans,
                    size_t n_spans, const char *und_lang, char **out, size_t *out_len,
                    rp_text_edit **edits, size_t *n_edits);

/* Map an offset of rp_emoji_expand's output back to its input. An offset inside a replacement
 * maps to the start of the replaced emoji when `is_end` is false and to its end when true, so a
 * range that cuts a name still covers its emoji. */
size_t rp_text_edit_map(const rp_text_edit *edits, size_t n_edits, size_t offset, bool is_end);

#endif
