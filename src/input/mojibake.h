/* Repairing UTF-8 mojibake: UTF-8 text that was decoded as a single-byte Windows code page (or
 * Latin-1) and saved again as UTF-8, so that "’" reads "â€™" and "关于" reads "å…³äº" (internal).
 *
 * The damage is reversed by encoding the text back to the code page (ICU ucnv) and reading the
 * bytes as UTF-8. Bytes the code page has no character for (Windows-1252: 0x81 0x8D 0x8F 0x90
 * 0x9D; Windows-1254 also 0x8E 0x9E; Windows-1250: 0x81 0x83 0x88 0x90 0x98; Windows-1251: 0x98)
 * were usually dropped, which leaves UTF-8 sequences missing continuation bytes. Each such
 * sequence has a few candidate characters (the missing bytes are among those undefined bytes, in
 * any position after the lead byte; unassigned, control and private-use results are not
 * candidates). Each candidate gets points from its context, and the best wins when it leads the
 * next by 2 or more:
 * - quotes and brackets pair up on a line (“…”, 「…」, 『…』, 【…】, 《…》, （…）): +6 with the
 *   partner present, +2 when a pending damaged character may be the partner, -3 unpaired;
 * - a zero-width joiner sits between two emoji (+6, else -6); U+FE0F after an emoji (+6, else -6);
 *   an emoji +2 with default emoji presentation, +3 before U+FE0F, +1 next to another emoji;
 *   other format characters, variation selectors and spaces -4, vertical forms -3;
 * - "、" +4 between letters or hanzi, -2 next to punctuation; 。！，：；？～ +2; fullwidth letters
 *   away from other fullwidth characters -3;
 * - a hanzi +3 in GB2312 level 1 (ICU's GB2312 converter: lead bytes 0xB0-0xD7), +1 in level 2,
 *   -2 outside; +3 when ICU's dictionary-based word break iterator puts it in one word with its
 *   neighbours (存在 rather than 单在), or +2 when it is the only candidate that would form a word
 *   with a candidate of a damaged neighbour;
 * - a letter +2 in the script of a neighbour, -2 otherwise; -2 for scripts other than Latin, Han,
 *   kana, Hangul, Cyrillic, Greek and Common; other symbols -1.
 * - +1 for the character already chosen for every other place with the same damaged bytes (a
 *   text mostly uses one character for them).
 * Slots are settled in passes, so that a choice becomes context for its neighbours; what is still
 * unclear is dropped with a warning. On damaged copies of the shared scripts 68-77% of the
 * damaged characters come back exactly through Windows-1250/1254/1252, 99% through -1251, and
 * 1.0-1.3% come back wrong (tests/golden/mojibake/shared-scripts.expected). */
#ifndef RP_MOJIBAKE_H
#define RP_MOJIBAKE_H

#include "radioplay.h"

#include <unicode/umachine.h>

typedef struct rp_mojibake_options {
	rp_severity severity; /* of the diagnostics added (RP_WARNING; RP_ERROR for --strict) */
	UChar32 dropped_as;   /* put this code point where a character is dropped (tests use U+FFFD
	                         to line texts up); 0 = leave nothing */
} rp_mojibake_options;

typedef struct rp_mojibake_result {
	const char *codepage; /* static ICU converter name of the code page found ("windows-1252",
	                         "ISO-8859-1", "windows-1254", "windows-1250", "windows-1251"); NULL
	                         when the text is not mojibake and was left alone */
	size_t chars;     /* characters (code points) of the repaired text, dropped ones included */
	size_t damaged;   /* of these, how many had lost bytes */
	size_t recovered; /* damaged characters rebuilt from context */
	size_t dropped;   /* damaged characters dropped (damaged = recovered + dropped) */
} rp_mojibake_result;

/* Repair `text` (`len` bytes of valid UTF-8, "\n" line ends) if it is mojibake.
 * It is taken for mojibake for a code page when every character of it is a character of that code
 * page (Windows-1252, Latin-1, Windows-1254, -1250, -1251, tried in this order), and the code
 * page's bytes read as UTF-8 hold no invalid byte other than sequences cut short (C) that can be
 * completed with bytes the page lacks, at least one complete multi-byte sequence (V), at most
 * 2V cut ones, and at most V/4 cut ones missing two or more bytes (real mojibake rarely loses two
 * bytes of one character; correct Latin text read this way always does: "é" + ASCII reads as
 * 0xE9 missing two). So correct text is not touched: "SÃO PAULO, Ã€ bientôt" fails these tests.
 * When two code pages fit (Windows-1252 and -1254 share most characters), the later one is
 * chosen only when at least 2, and a twentieth, of its cut sequences are clearly rebuilt with a
 * byte only it lacks.
 * On repair *out gets a malloc'd NUL-terminated UTF-8 text (valid UTF-8, "\n" line ends, same
 * lines) and *out_len its length; one diagnostic names the code page, and each dropped character
 * gets one with its LINE:COL in the repaired text. Otherwise *out is NULL and nothing is added.
 * `opt` may be NULL (warnings, drop). `res` may be NULL. `name` is the file name for diagnostics.
 * Returns RP_OK or RP_ERR_NOMEM (an allocation failing while a code page is tried counts as "not
 * mojibake for that page"). Thread-safe: no shared state (ICU objects are per call). */
int rp_mojibake_repair(const char *name, const char *text, size_t len,
                       const rp_mojibake_options *opt, char **out, size_t *out_len,
                       rp_mojibake_result *res, rp_diags *diags);

#endif
