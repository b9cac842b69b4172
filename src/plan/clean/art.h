/* ASCII art and runs of drawing symbols (internal; issue 3: "ASCII art and runs of punctuation are
 * not read out symbol by symbol").
 *
 * eSpeak NG 1.51 reads every symbol by name: `**bold**` is "asterisk asterisk bold asterisk
 * asterisk", `=====` "equals equals ...", `/\_/\` "slash backslash", `###` "hash hash hash", `=>`
 * "equals" (checked with `espeak-ng -q -x -v en-us`), and the Mandarin normalizer reads `=` as 等于
 * and `+` as 加. This pass blanks such text before the plan is made.
 *
 * Classes of code points (ICU u_charType, u_hasBinaryProperty; U8_NEXT decodes):
 * - emoji: Extended_Pictographic code points that also have the Emoji property (★ U+2605 and
 *   ♪ U+266A are Extended_Pictographic but not Emoji: they are drawing), Emoji_Modifier,
 *   Regional_Indicator, U+20E3, variation selectors, ZWJ, tag characters, and any code point
 *   followed by U+FE0F or U+20E3 (so the # of the keycap #️⃣ is emoji). Emoji are never blanked:
 *   they are dropped later or read by name (--emoji speak).
 * - drawing: general category Sm, Sk, So, Pc, Pd, and # * / \ | @ & ^ ~ ` and their fullwidth
 *   forms (＃ ＊ ／ ＼ ｜ ＠ ＆ ＾ ～ ｀). Currency signs (Sc) and % are not drawing.
 * - letters and digits: general categories L* and N*; a byte that is not valid UTF-8 counts as a
 *   letter (it is left alone).
 * - space: white space (u_isUWhiteSpace); everything else (other punctuation, marks, ...) is "other".
 *
 * Rule 1, art lines. A line (between '\n's) is art when, counting with runs of the same code point
 * collapsed to one (`+------+` counts as + - +, `好！！！！` as 好 ！), it holds at least 3 drawing
 * code points and more than twice as many drawing code points as letters and digits. Art:
 * `  /\_/\`, `  > ^ <`, `+-------+`, `┌──┐`, `= = =`, `(^_^)`, `(╯°□°)╯ oh`. Not art:
 * `| hello |`, `1+1=2`, `a => b -> c` (4 drawing, 3 letters: the brief's "more drawing than
 * letters" took this for art), `好！！！！`, `“好的。”`, `-- by the way`, `Wait... what?!`, a line
 * of emoji, `=====` alone (one drawing code point collapsed; rule 3 blanks it).
 * Rule 2, the fringe of a picture (added: ` ( o.o )`, the face of the cat in `/\_/\`, has no
 * drawing code point). A line directly above or below art lines joins them when it has no two
 * letters/digits in a row (no word) and more drawing and other code points than letters and
 * digits (collapsed as in rule 1): ` ( o.o )`, `=====`, `|  |` join; `cat`, `o`, `好。` do not.
 * Consecutive art and fringe lines form one block; on_block is called once per block. In a block
 * every code point is blanked except white space, emoji, invalid bytes, ideographs and words (two
 * or more letters/digits in a row: the "oh" of `(╯°□°)╯ oh` stays; the o of `o.o` goes).
 * Rule 3, symbol runs in the other lines. In a maximal run of code points that are neither space,
 * letters, digits nor emoji, the drawing code points are blanked when the run holds 2 or more of
 * them; its other punctuation stays: `**bold**.` -> `  bold  .`, `=====`, `###重点###` ->
 * `   重点   `, `>>>`, `=>`, `->`, `__init__` -> `  init  `, `~~~好~~~`, `★★★`, `//`.
 * Kept as written:
 *   - runs whose drawing code points are only 2 or 3 dashes (`--`, `---`, `——`, `——。`): a pause
 *     (eSpeak NG pauses on them; the Mandarin normalizer reads —— as a pause);
 *   - `++` or `#` right after a Latin letter (`C++`, `g++`, `C#`);
 *   - a single drawing mark (`a/b`, `1+1=2`, `x*y`, `50/50`, the _ of `T_T`): read on purpose;
 *   - emoticons, which src/plan/clean/sanitize.c blanks as a whole: they are found with its own regular
 *     expression (rp_for_each_emoticon, src/plan/clean/sanitize.h) in the text left after rules 1 and 2, so
 *     that no half of one is left (`^^;` blanked to `;` would be read). An emoticon is part of
 *     the run it stands in, but none of its code points is counted or blanked
 *     (`好的~~(^_^) 走吧` -> `好的  (^_^) 走吧`).
 *   In an art line, emoticons are blanked with the rest.
 */
#ifndef RP_ART_H
#define RP_ART_H

#include <stddef.h>

/* Called once per block of consecutive art lines that was blanked: byte range [start, end) of the
 * text (start of the block's first line, end of its last line, not counting the final '\n'). */
typedef void (*rp_art_block_fn)(size_t start, size_t end, void *ctx);

/* Overwrite, byte for byte with ASCII spaces (so every byte offset stays valid and the text stays
 * valid UTF-8 where it was), the parts of a paragraph's UTF-8 text that are ASCII art or runs of
 * drawing symbols, by the rules above. `text[0..len)` (source lines joined with '\n'; may hold
 * invalid UTF-8, which is left alone) is modified in place; '\n' is never touched. The emoticons'
 * places are kept in a small allocated list; if that allocation fails, rule 3 is skipped.
 * `on_block` may be NULL; it is called with `ctx` before the function returns. Returns the number
 * of bytes blanked (bytes that were not white space before). Thread-safe (no shared state; the
 * sanitizer's compiled expression is per thread). */
size_t rp_blank_ascii_art(char *text, size_t len, rp_art_block_fn on_block, void *ctx);

/* rp_blank_ascii_art, and then every emoticon it left (rule 3's exception) blanked whole as
 * well, from the same search: what the plan does to a paragraph before splitting it into spans,
 * so that the D of ":D" makes no English span and the Mandarin rules cannot turn ":)" into "：)",
 * which the sanitizer would no longer know. Same contract and return value as above. */
size_t rp_blank_unspoken_marks(char *text, size_t len, rp_art_block_fn on_block, void *ctx);

#endif
