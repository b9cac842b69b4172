/* INI files held in memory, read with inih (Debian's libinih 55), with a diagnostic at
 * FILE:LINE:COL for every malformed line (internal; the voice presets and the cast use it). */
#ifndef RP_INIFILE_H
#define RP_INIFILE_H

#include <stddef.h>

#include "radioplay.h"

typedef struct rp_ini rp_ini;

/* Called for each KEY = VALUE line by inih's rules: KEY and VALUE trimmed of white space, an
 * inline comment (" ; ...") removed, ':' accepted for '='. An indented line is a line like any
 * other (inih's multi-line values are not used). `section` is "" before the first [section],
 * and at most 49 bytes (inih's buffer; cut at a code point). Returns RP_OK, the status of
 * rp_ini_error for a problem, or RP_ERR_NOMEM. */
typedef int (*rp_ini_pair_fn)(rp_ini *ini, void *user, const char *section, const char *key,
                              const char *value);

/* Parse `len` bytes of `text` (not NUL-terminated; any bytes) named `name` in diagnostics.
 * The text goes to inih's ini_parse_stream one line at a time (src/util/lines.h: UTF-8 checked,
 * "\r\n" and a leading byte-order mark accepted). Each malformed line gets one error: a line
 * that is not UTF-8 or holds a NUL, a line longer than inih's line buffer (198 bytes), a line
 * inih cannot read (no '=' and no ']': `pair_hint`, e.g. "NAME = preset", says what was
 * expected), and the problems `fn` reports. Thread-safe (the state is on the caller's stack;
 * inih's global settings are only read). Returns RP_OK, RP_ERR_INPUT or RP_ERR_NOMEM. */
int rp_ini_parse(const char *name, const char *text, size_t len, const char *pair_hint,
                 rp_ini_pair_fn fn, void *user, rp_diags *diags);

/* From `fn`: report a problem at `at`, the KEY or VALUE pointer `fn` was given or a place inside
 * it (its column); other pointers mean the line's first character. Returns RP_ERR_INPUT (or
 * RP_ERR_NOMEM when the diagnostic could not be added). */
int rp_ini_error(rp_ini *ini, const char *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
