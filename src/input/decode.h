/* Decoding script bytes to the UTF-8 text every later stage works on (internal). */
#ifndef RP_DECODE_H
#define RP_DECODE_H

#include "radioplay.h"

typedef struct rp_decode_options {
	const char *encoding; /* force this input encoding (ICU converter name or alias, e.g. "GBK",
	                         "Big5", "windows-1251"); NULL = detect */
	bool strict; /* turn decoding warnings (skipped bytes, repaired mojibake) into errors */
	bool keep_mojibake; /* do not reverse mojibake (src/input/mojibake.h); default false = repair */
} rp_decode_options;

/* Decode `n` bytes read from `name` into UTF-8 that meets rp_source's invariants: valid UTF-8,
 * no NUL, no byte-order mark, "\n" line ends only. *utf8 is malloc'd and NUL-terminated, *len in
 * bytes without the NUL; *encoding is a static name of what was found ("UTF-8", "UTF-16LE",
 * "GB18030", "Big5", "Shift_JIS", "windows-1252", ... as ICU names it); it stays valid for the
 * life of the process.
 *
 * How the encoding is chosen (README "Script format", the Encodings item):
 * 1. opt->encoding, when given (unknown name: RP_ERR_ARG with a diagnostic);
 * 2. a byte-order mark: UTF-8, UTF-16LE/BE, UTF-32LE/BE;
 * 3. NUL bytes without a BOM: UTF-16/32 only if ICU's detector (ucsdet) is sure of it, else the
 *    file is refused as not text;
 * 4. valid UTF-8 is UTF-8; UTF-8 with a few invalid places (at least as many valid multi-byte
 *    sequences as invalid places) is UTF-8 with those bytes skipped (GBK, Big5 and Shift_JIS text
 *    read as UTF-8 has 3-5 invalid places per valid sequence, single-byte code pages more);
 * 5. anything else goes to ucsdet: its best match that ICU can convert (ucnv), if ucsdet is
 *    fairly sure of it (confidence >= 40); else it is UTF-8 with the invalid bytes skipped.
 * Bytes the chosen converter rejects are skipped, one warning per place
 * ("invalid UTF-8 byte 0xC3", LINE:COL of the decoded text, code points); after 50 places one
 * summary warning. CRLF and CR become "\n". A file is refused as not text (RP_ERR_INPUT) when it
 * holds a NUL character, when over a quarter of its bytes cannot be decoded, or when over a tenth
 * of its characters are control characters (other than tab, form feed and line ends).
 * Finally text that is UTF-8 mojibake is repaired (rp_mojibake_repair), unless opt->keep_mojibake.
 *
 * Problems go to `diags`. With opt->strict every warning is an error and the call fails.
 * `opt` may be NULL (defaults). Thread-safe (no shared state; ICU is thread-safe).
 * Returns RP_OK, RP_ERR_INPUT (not text / undecodable / strict warning), RP_ERR_ARG (unknown
 * encoding name) or RP_ERR_NOMEM; on error *utf8 is NULL. */
int rp_decode(const char *name, const unsigned char *bytes, size_t n, const rp_decode_options *opt,
              char **utf8, size_t *len, const char **encoding, rp_diags *diags);

#endif
