/* Repairing UTF-8 mojibake: UTF-8 text that was decoded as a single-byte Windows code page (or
 * Latin-1) and saved again as UTF-8, so that "’" reads "â€™" and "关于" reads "å…³äº" (internal).
 *
 * The damage is reversed by encoding the text back to the code page (ICU ucnv) and reading the
 * bytes as UTF-8. Bytes the code page has no character for (Windows-1252: 0x81 0x8D 0x8F 0x90
 * 0x9D; Windows-1254 also 0x8E 0x9E; Windows-1250: 0x81 0x83 0x88 0x90 0x98; Windows-1251: 0x98)
 * were usually dropped, which leaves UTF-8 sequences missing continuation bytes. Each such
 * sequence has a few candidate characters (the missing bytes are among those undefined bytes);
 * the one that fits its context is chosen: quotes and CJK brackets pair up, a zero-width joiner
 * sits between two emoji and a variation selector after one, a common hanzi (GB2312 level 1,
 * from ICU's GB2312 converter) beats a rare one, and a hanzi that forms a word with its
 * neighbours (ICU's dictionary-based word break iterator) beats one that does not. Where no
 * candidate is clearly best the character is dropped with a warning. */
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
	size_t chars;         /* characters (code points) of the repaired text, dropped ones included */
	size_t damaged;       /* of these, how many had lost bytes */
	size_t recovered;     /* damaged characters rebuilt from context */
	size_t dropped;       /* damaged characters dropped (damaged = recovered + dropped) */
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
 * Returns RP_OK or RP_ERR_NOMEM. Thread-safe: no shared state (ICU objects are per call). */
int rp_mojibake_repair(const char *name, const char *text, size_t len,
                       const rp_mojibake_options *opt, char **out, size_t *out_len,
                       rp_mojibake_result *res, rp_diags *diags);

#endif
