/* Decoding script bytes (src/decode.h).
 * This version accepts UTF-8 (with or without BOM) and refuses anything else with the place of
 * the first bad byte. Legacy encodings and repair come with the text front end. */
#include "decode.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

/* Line and column (code points) of byte `pos` in `s`. */
static void locate(const unsigned char *s, size_t pos, int *line, int *col)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < pos; i++) {
		if (s[i] == '\n') {
			l++;
			c = 1;
		} else if ((s[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

int rp_decode(const char *name, const unsigned char *bytes, size_t n,
              const rp_decode_options *opt, char **utf8, size_t *len, const char **encoding,
              rp_diags *diags)
{
	(void)opt;
	*utf8 = NULL;
	*len = 0;
	*encoding = "UTF-8";
	if (n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) {
		bytes += 3;
		n -= 3;
	}
	const unsigned char *nul = memchr(bytes, 0, n);
	if (nul) {
		int line, col;
		locate(bytes, (size_t)(nul - bytes), &line, &col);
		rp_diags_add(diags, RP_ERROR, name, line, col,
		             "NUL byte: this is not a text file (a script is UTF-8 text)");
		return RP_ERR_INPUT;
	}
	for (int32_t i = 0; (size_t)i < n;) {
		int32_t start = i;
		UChar32 c;
		U8_NEXT(bytes, i, (int32_t)n, c);
		if (c < 0) {
			int line, col;
			locate(bytes, (size_t)start, &line, &col);
			rp_diags_add(diags, RP_ERROR, name, line, col,
			             "invalid UTF-8 byte 0x%02X: the script must be UTF-8 text",
			             bytes[start]);
			return RP_ERR_INPUT;
		}
	}
	char *out = malloc(n + 1);
	if (!out)
		return RP_ERR_NOMEM;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (bytes[i] == '\r') {
			out[o++] = '\n';
			if (i + 1 < n && bytes[i + 1] == '\n')
				i++;
		} else {
			out[o++] = (char)bytes[i];
		}
	}
	out[o] = '\0';
	*utf8 = out;
	*len = o;
	return RP_OK;
}
