/* Decoding script bytes to the UTF-8 text every later stage works on (internal). */
#ifndef RP_DECODE_H
#define RP_DECODE_H

#include "radioplay.h"

typedef struct rp_decode_options {
	const char *encoding; /* force this input encoding (ICU converter name); NULL = detect */
	bool strict;          /* turn decoding warnings into errors */
} rp_decode_options;

/* Decode `n` bytes read from `name` into UTF-8 that meets rp_source's invariants: valid UTF-8,
 * no NUL, no byte-order mark, "\n" line ends only. *utf8 is malloc'd and NUL-terminated, *len in
 * bytes without the NUL; *encoding is a static name of what was found ("UTF-8", ...).
 * Problems go to `diags` with LINE:COL of the source text.
 * Returns RP_OK, RP_ERR_INPUT (not text / undecodable / strict warning) or RP_ERR_NOMEM. */
int rp_decode(const char *name, const unsigned char *bytes, size_t n,
              const rp_decode_options *opt, char **utf8, size_t *len, const char **encoding,
              rp_diags *diags);

#endif
