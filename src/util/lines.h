/* The lines of a UTF-8 input file held in memory: what the lexicon, cast and voice preset
 * loaders read (internal). */
#ifndef RP_LINES_H
#define RP_LINES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "radioplay.h"

/* Reads `text` (`len` bytes, not NUL-terminated, any bytes) line by line. Lines end at "\n";
 * a "\r" before it is dropped, and so is a UTF-8 byte-order mark at the start of the text. A
 * final "\n" does not start another line. Each line is checked: one holding a NUL byte or a
 * byte sequence that is not UTF-8 (ICU's U8_NEXT rules: no overlong forms, surrogates or code
 * points past U+10FFFF) is reported as an error at its LINE:COL. Not thread-safe; one reader
 * per thread. */
typedef struct rp_lines {
	const char *name; /* for diagnostics; borrowed */
	const char *text; /* borrowed */
	size_t len;
	size_t pos; /* byte offset of the next line */
	int line;   /* 1-based number of the line last returned, 0 before the first */
	char *buf;  /* owned: NUL-terminated copy of that line */
	size_t cap;
	rp_diags *diags;
	size_t errors; /* error diagnostics added through this reader */
} rp_lines;

enum { RP_LINES_END = 0, RP_LINES_OK = 1, RP_LINES_BAD = 2 };

void rp_lines_init(rp_lines *r, const char *name, const char *text, size_t len, rp_diags *diags);
/* Release the copy buffer. */
void rp_lines_free(rp_lines *r);

/* The next line, without its line end, as a NUL-terminated copy the caller may change (valid
 * until the next call): *line, *n bytes. Returns RP_LINES_OK; RP_LINES_BAD for a line that was
 * reported (not UTF-8, a NUL byte), whose *line holds only the bytes before the problem;
 * RP_LINES_END after the last line; or RP_ERR_NOMEM. */
int rp_lines_next(rp_lines *r, char **line, size_t *n);

/* The column (code points, 1-based) of byte `offset` of the UTF-8 string `s`. */
int rp_lines_column(const char *s, size_t offset);

/* Add an error about byte `offset` of the line last returned, at its LINE:COL.
 * Returns RP_ERR_INPUT, or RP_ERR_NOMEM when the diagnostic could not be added. */
int rp_lines_error(rp_lines *r, size_t offset, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int rp_lines_verror(rp_lines *r, size_t offset, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/* The byte offset of the first NUL byte or ill-formed UTF-8 sequence in s[0..n), or n when
 * there is none; *nul tells which (may be NULL). */
size_t rp_utf8_first_bad(const char *s, size_t n, bool *nul);

#endif
