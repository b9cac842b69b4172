/* What of a span's written text is not spoken (src/plan/clean/sanitize.h rp_find_unspoken): the
 * sanitizer's own rule, so that `radioplay check` lists exactly what eSpeak NG will not hear. */
#include "emoji.h"
#include "grow.h"
#include "sanitize.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

/* True when `c` is not spoken: the sanitizer drops it, and so all of its NFKC form, which is
 * what the sanitizer sees (the normalizer folds with NFKC first: src/plan/normalize/normalize.h). */
static bool unspoken(UChar32 c)
{
	if (!rp_is_unspoken_char((uint32_t)c))
		return false;
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&err);
	UChar in[2], out[32];
	int32_t n = 0, m;
	U16_APPEND_UNSAFE(in, n, c);
	m = U_SUCCESS(err) ? unorm2_normalize(nfkc, in, n, out, 32, &err) : 0;
	if (U_FAILURE(err))
		return true;
	for (int32_t i = 0; i < m;) {
		UChar32 d;
		U16_NEXT(out, i, m, d);
		if (!rp_is_unspoken_char((uint32_t)d))
			return false;
	}
	return true;
}

int rp_find_unspoken(const char *text, const char *lang, int line, int column,
                     rp_emoji_names *names, rp_unspoken **list, size_t *n)
{
	*list = NULL;
	*n = 0;
	size_t cap = 0;
	int col = column;
	for (int32_t i = 0, len = (int32_t)strlen(text); i < len;) {
		const char *emoji_name;
		size_t named = names ? rp_emoji_name_at(names, lang, text, (size_t)len, (size_t)i,
		                                        &emoji_name)
		                     : 0;
		if (named) { /* read by its name */
			for (int32_t end = i + (int32_t)named; i < end; col++)
				U8_FWD_1(text, i, len);
			continue;
		}
		UChar32 c;
		U8_NEXT(text, i, len, c);
		if (c == '\n') {
			line++;
			col = 1;
			continue;
		}
		if (c > 0 && unspoken(c) && u_charType(c) != U_FORMAT_CHAR &&
		    !u_hasBinaryProperty(c, UCHAR_VARIATION_SELECTOR) &&
		    !u_hasBinaryProperty(c, UCHAR_EMOJI_MODIFIER)) {
			if (rp_grow((void **)list, &cap, *n + 1, sizeof **list) != RP_OK) {
				free(*list);
				*list = NULL;
				*n = 0;
				return RP_ERR_NOMEM;
			}
			rp_unspoken *u = &(*list)[(*n)++];
			*u = (rp_unspoken){.line = line, .column = col, .code_point = (uint32_t)c};
			int32_t k = 0;
			U8_APPEND_UNSAFE(u->utf8, k, c);
		}
		col++;
	}
	return RP_OK;
}
