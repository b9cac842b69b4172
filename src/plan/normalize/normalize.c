/* Text normalization (src/plan/normalize/normalize.h): NFKC folding and dispatch to the
 * per-language rules (normalize_lang.h: normalize_cmn.c, normalize_en.c, which share the scanners
 * of text_scan.h and nothing of this file). The rules and where they come from are listed in
 * normalize.h. */
#include "normalize.h"
#include "normalize_lang.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

/* NFKC (ICU unorm2) of `text`, as malloc'd UTF-8 in *out / *out_len. U+FF0C FULLWIDTH COMMA is
 * kept as it is when `keep_fullwidth_comma` (Mandarin: "1，2" is a list, "1,200" a number).
 * Returns false when out of memory or ICU fails. */
static bool nfkc_fold(const char *text, size_t len, bool keep_fullwidth_comma, char **out,
                      size_t *out_len)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&err);
	if (U_FAILURE(err) || len > INT32_MAX / 4)
		return false;
	int32_t ulen = 0;
	u_strFromUTF8WithSub(NULL, 0, &ulen, text, (int32_t)len, 0xFFFD, NULL, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
		return false;
	err = U_ZERO_ERROR;
	UChar *u = malloc(((size_t)ulen + 1) * sizeof *u);
	/* NFKC expands a code unit to at most 18 (U+FDFA); grow on overflow anyway */
	int32_t cap = ulen * 3 + 16;
	UChar *n = malloc((size_t)cap * sizeof *n);
	char *utf8 = NULL;
	bool ok = false;
	if (!u || !n)
		goto done;
	u_strFromUTF8WithSub(u, ulen + 1, NULL, text, (int32_t)len, 0xFFFD, NULL, &err);
	if (U_FAILURE(err))
		goto done;
	int32_t nlen = 0;
	for (int32_t start = 0; start < ulen;) {
		int32_t end = start;
		while (end < ulen && !(keep_fullwidth_comma && u[end] == 0xFF0C))
			end++;
		if (end > start) {
			for (;;) {
				err = U_ZERO_ERROR;
				int32_t got = unorm2_normalize(nfkc, u + start, end - start,
				                               n + nlen, cap - nlen, &err);
				if (err == U_BUFFER_OVERFLOW_ERROR) {
					cap = (nlen + got) * 2 + 16;
					UChar *bigger = realloc(n, (size_t)cap * sizeof *n);
					if (!bigger)
						goto done;
					n = bigger;
					continue;
				}
				if (U_FAILURE(err))
					goto done;
				nlen += got;
				break;
			}
		}
		if (end < ulen) {
			if (nlen + 1 >= cap) {
				cap = cap * 2 + 16;
				UChar *bigger = realloc(n, (size_t)cap * sizeof *n);
				if (!bigger)
					goto done;
				n = bigger;
			}
			n[nlen++] = u[end++];
		}
		start = end;
	}
	err = U_ZERO_ERROR;
	int32_t blen = 0;
	u_strToUTF8(NULL, 0, &blen, n, nlen, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
		goto done;
	err = U_ZERO_ERROR;
	utf8 = malloc((size_t)blen + 1);
	if (!utf8)
		goto done;
	u_strToUTF8(utf8, blen + 1, NULL, n, nlen, &err);
	if (U_FAILURE(err)) {
		free(utf8);
		utf8 = NULL;
		goto done;
	}
	*out = utf8;
	*out_len = (size_t)blen;
	ok = true;
done:
	free(u);
	free(n);
	return ok;
}

char *rp_normalize_span(const char *text, size_t len, const char *lang)
{
	bool cmn = strcmp(lang, "cmn") == 0 || strcmp(lang, "zh") == 0;
	char *folded;
	size_t flen;
	if (!nfkc_fold(text, len, cmn, &folded, &flen))
		return NULL;
	char *out;
	if (cmn)
		out = rp_normalize_cmn(folded, flen);
	else if (strcmp(lang, "en") == 0)
		out = rp_normalize_en(folded, flen);
	else
		return folded;
	free(folded);
	return out;
}
