/* Decoding script bytes (src/input/decode.h): choose the encoding, convert with ICU (ucnv), report the
 * bytes that were skipped, refuse what is not text, then repair mojibake (src/input/mojibake.h). */
#include "decode.h"
#include "grow.h"
#include "mojibake.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#define MAX_PLACES 50 /* invalid-byte warnings before one summary warning */

/* One place where the converter skipped bytes: before UTF-16 unit `at` of the output. */
typedef struct bad_place {
	size_t at;
	unsigned char bytes[8];
	int n;
} bad_place;

typedef struct bad_list {
	const UChar *base; /* start of the conversion's output buffer */
	bad_place *items;
	size_t count, cap;
	size_t skipped; /* bytes in all */
	bool nomem;
} bad_list;

/* ICU to-Unicode callback: note the bytes the converter rejects, then skip them. Consecutive
 * rejections at the same output position are one place. */
static void note_bad_bytes(const void *context, UConverterToUnicodeArgs *args, const char *units,
                           int32_t length, UConverterCallbackReason reason, UErrorCode *err)
{
	bad_list *bad = (bad_list *)context;
	if (reason > UCNV_IRREGULAR)
		return; /* reset, close, clone */
	*err = U_ZERO_ERROR;
	size_t at = (size_t)(args->target - bad->base);
	bad->skipped += (size_t)length;
	bad_place *last = bad->count ? &bad->items[bad->count - 1] : NULL;
	if (!last || last->at != at) {
		if (rp_grow((void **)&bad->items, &bad->cap, bad->count + 1, sizeof *bad->items)) {
			bad->nomem = true;
			return;
		}
		last = &bad->items[bad->count++];
		last->at = at;
		last->n = 0;
	}
	for (int32_t i = 0; i < length && last->n < (int)sizeof last->bytes; i++)
		last->bytes[last->n++] = (unsigned char)units[i];
}

/* Convert all of `bytes` with `cnv` into a malloc'd UTF-16 buffer, skipping rejected bytes. */
static int to_utf16(UConverter *cnv, const unsigned char *bytes, size_t n, UChar **out,
                    size_t *out_len, bad_list *bad)
{
	size_t cap = 2 * n + 16; /* no ICU converter yields more than two units per byte */
	UChar *buf = malloc(cap * sizeof *buf);
	if (!buf)
		return RP_ERR_NOMEM;
	bad->base = buf;
	UErrorCode e = U_ZERO_ERROR;
	ucnv_setToUCallBack(cnv, note_bad_bytes, bad, NULL, NULL, &e);
	UChar *t = buf;
	const char *s = (const char *)bytes;
	ucnv_toUnicode(cnv, &t, buf + cap, &s, s + n, NULL, true, &e);
	if (U_FAILURE(e) || bad->nomem) {
		free(buf);
		return bad->nomem || e == U_MEMORY_ALLOCATION_ERROR ? RP_ERR_NOMEM : RP_ERR_INPUT;
	}
	*out = buf;
	*out_len = (size_t)(t - buf);
	return RP_OK;
}

/* A static name for converter `cnv`: its IANA or MIME name, else ICU's own. */
static const char *static_name(UConverter *cnv)
{
	UErrorCode e = U_ZERO_ERROR;
	const char *icu = ucnv_getName(cnv, &e);
	const char *std = ucnv_getStandardName(icu, "IANA", &e);
	if (!std || U_FAILURE(e)) {
		e = U_ZERO_ERROR;
		std = ucnv_getStandardName(icu, "MIME", &e);
	}
	if (!std || U_FAILURE(e)) {
		e = U_ZERO_ERROR;
		std = ucnv_getAlias(icu, 0, &e);
	}
	return std && U_SUCCESS(e) ? std : "unknown";
}

/* Byte-order mark: the encoding it names and its length, or NULL. */
static const char *bom_encoding(const unsigned char *b, size_t n, size_t *bom_len)
{
	static const struct {
		const char *name;
		unsigned char bytes[4];
		size_t len;
	} boms[] = {
		{"UTF-32LE", {0xFF, 0xFE, 0, 0}, 4}, /* before UTF-16LE, which it starts with */
		{"UTF-32BE", {0, 0, 0xFE, 0xFF}, 4}, {"UTF-8", {0xEF, 0xBB, 0xBF}, 3},
		{"UTF-16LE", {0xFF, 0xFE}, 2},       {"UTF-16BE", {0xFE, 0xFF}, 2},
	};
	for (size_t i = 0; i < sizeof boms / sizeof boms[0]; i++) {
		if (n >= boms[i].len && memcmp(b, boms[i].bytes, boms[i].len) == 0) {
			*bom_len = boms[i].len;
			return boms[i].name;
		}
	}
	return NULL;
}

/* Count valid multi-byte UTF-8 sequences and invalid places (ICU's U8_NEXT rules). */
static void utf8_census(const unsigned char *b, size_t n, size_t *valid, size_t *invalid)
{
	*valid = *invalid = 0;
	for (int32_t i = 0; (size_t)i < n;) {
		int32_t start = i;
		UChar32 c;
		U8_NEXT(b, i, (int32_t)n, c);
		if (c < 0)
			++*invalid;
		else if (i - start > 1)
			++*valid;
	}
}

static bool is_utf16_or_32(const char *name)
{
	return strncmp(name, "UTF-16", 6) == 0 || strncmp(name, "UTF-32", 6) == 0;
}

/* Ask ICU's charset detector. With `wide`, accept only UTF-16/32 with confidence >= 60 (the
 * detector's BOM-less check rewards ASCII code units and punishes NUL ones); otherwise accept
 * the best match ICU can convert that is neither UTF-8 (already ruled out) nor UTF-16/32, with
 * confidence >= 40 (a Windows-1252 paragraph scores 80, "caf\xE9" in a short English text 55,
 * ASCII with two stray bytes 20-30; GB18030, Big5 and Shift_JIS text 100).
 * Returns an open converter (caller closes) and its detector name, or NULL. */
static UConverter *detect(const unsigned char *b, size_t n, bool wide, const char **found)
{
	UErrorCode e = U_ZERO_ERROR;
	UCharsetDetector *det = ucsdet_open(&e);
	int32_t count = 0;
	const UCharsetMatch **m = NULL;
	if (U_SUCCESS(e)) {
		ucsdet_setText(det, (const char *)b, n > INT32_MAX ? INT32_MAX : (int32_t)n, &e);
		m = ucsdet_detectAll(det, &count, &e);
	}
	UConverter *cnv = NULL;
	for (int32_t i = 0; U_SUCCESS(e) && i < count && !cnv; i++) {
		UErrorCode e2 = U_ZERO_ERROR;
		const char *name = ucsdet_getName(m[i], &e2);
		int32_t conf = ucsdet_getConfidence(m[i], &e2);
		if (U_FAILURE(e2) || strcmp(name, "UTF-8") == 0)
			continue;
		if (wide != is_utf16_or_32(name) || conf < (wide ? 60 : 40))
			continue;
		cnv = ucnv_open(name, &e2);
		if (U_FAILURE(e2)) {
			cnv = NULL;
			continue;
		}
		*found = name; /* ICU's recognizers name their charsets with string literals */
	}
	ucsdet_close(det);
	return cnv;
}

/* Pick and open the converter (see decode.h). *skip = bytes of BOM to skip. On failure a
 * diagnostic is added. */
static int choose(const char *name, const unsigned char *b, size_t n, const rp_decode_options *opt,
                  UConverter **cnv, const char **enc, size_t *skip, rp_diags *diags)
{
	UErrorCode e = U_ZERO_ERROR;
	*skip = 0;
	if (opt->encoding) {
		*cnv = ucnv_open(opt->encoding, &e);
		if (U_FAILURE(e)) {
			rp_diags_add(
				diags, RP_ERROR, name, 0, 0,
				"unknown encoding '%s' (an ICU converter name such as GB18030, "
				"Big5, Shift_JIS, windows-1252)",
				opt->encoding);
			return RP_ERR_ARG;
		}
		*enc = static_name(*cnv);
		return RP_OK;
	}
	const char *bom = bom_encoding(b, n, skip);
	const unsigned char *nul = memchr(b, 0, n);
	if (!bom && nul) {
		*cnv = detect(b, n, true, enc);
		if (!*cnv) {
			int line = 1, col = 1; /* code points, as if the bytes before were UTF-8 */
			for (const unsigned char *p = b; p < nul; p++) {
				if (*p == '\n') {
					line++;
					col = 1;
				} else if ((*p & 0xC0) != 0x80) {
					col++;
				}
			}
			rp_diags_add(
				diags, RP_ERROR, name, line, col,
				"NUL byte: this is not a text file (a script is text: UTF-8, UTF-16 "
				"with a byte-order mark, or a legacy encoding)");
			return RP_ERR_INPUT;
		}
		return RP_OK;
	}
	*enc = bom;
	if (!bom) {
		size_t valid, invalid;
		utf8_census(b, n, &valid, &invalid);
		*enc = "UTF-8";
		if (invalid > 0 && valid < invalid)
			*cnv = detect(b, n, false, enc);
	}
	if (!*cnv) {
		*cnv = ucnv_open(*enc, &e);
		if (U_FAILURE(e))
			return RP_ERR_NOMEM; /* ICU's built-in Unicode converters always exist */
	}
	return RP_OK;
}

static bool is_control(UChar32 c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\f') || (c >= 0x7F && c <= 0x9F);
}

/* Text where over a tenth of the characters are control characters (random bytes read as a
 * single-byte code page) is not a script. */
static bool mostly_controls(const char *text, size_t len)
{
	size_t chars = 0, controls = 0;
	for (int32_t i = 0; (size_t)i < len;) {
		UChar32 c;
		U8_NEXT_UNSAFE(text, i, c);
		chars++;
		controls += is_control(c);
	}
	return controls >= 4 && controls * 10 > chars;
}

/* Report the places in `bad` (LINE:COL of the decoded text) and write the UTF-8 result with
 * "\n" line ends and without a leading BOM. Refuses text with NUL characters or mostly
 * undecodable bytes. */
static int to_utf8(const char *name, const char *enc, const UChar *u, size_t n, const bad_list *bad,
                   size_t n_bytes, rp_severity sev, char **out, size_t *out_len, rp_diags *diags)
{
	char *buf = malloc(3 * n + 1);
	if (!buf)
		return RP_ERR_NOMEM;
	size_t o = 0, place = 0;
	int line = 1, col = 1;
	size_t i = 0;
	while (i < n && u[i] == 0xFEFF) /* the BOM, and any repeated after it (fuzz_plan found
	                                 * FE FF FE FF with --encoding UTF-16BE) */
		i++;
	for (;;) {
		for (; place < bad->count && bad->items[place].at <= i; place++) {
			const bad_place *p = &bad->items[place];
			if (place == MAX_PLACES) {
				rp_diags_add(diags, sev, name, line, col,
				             "%zu more places with invalid %s bytes skipped",
				             bad->count - place, enc);
				place = bad->count;
				break;
			}
			char hex[8 * 5 + 1] = "";
			for (int k = 0; k < p->n; k++)
				snprintf(hex + 5 * k, sizeof hex - 5 * (size_t)k, " 0x%02X",
				         p->bytes[k]);
			rp_diags_add(diags, sev, name, line, col, "invalid %s byte%s%s", enc,
			             p->n > 1 ? "s" : "", hex);
		}
		if (i >= n)
			break;
		UChar32 c;
		U16_NEXT(u, i, n, c);
		if (c == 0) {
			rp_diags_add(diags, RP_ERROR, name, line, col,
			             "NUL character: this is not a text file");
			free(buf);
			return RP_ERR_INPUT;
		}
		if (U_IS_SURROGATE(c))
			continue; /* converters never produce one unpaired; be safe */
		if (c == '\r' || c == '\n') {
			if (c == '\r' && i < n && u[i] == '\n')
				i++;
			buf[o++] = '\n';
			line++;
			col = 1;
			continue;
		}
		U8_APPEND_UNSAFE(buf, o, c);
		col++;
	}
	buf[o] = '\0';
	if (bad->skipped * 4 > n_bytes) {
		rp_diags_add(
			diags, RP_ERROR, name, 0, 0,
			"this is not a text file, or not in an encoding that could be recognized "
			"(%zu of its %zu bytes are not %s; a known encoding can be named)",
			bad->skipped, n_bytes, enc);
		free(buf);
		return RP_ERR_INPUT;
	}
	*out = buf;
	*out_len = o;
	return RP_OK;
}

int rp_decode(const char *name, const unsigned char *bytes, size_t n, const rp_decode_options *opt,
              char **utf8, size_t *len, const char **encoding, rp_diags *diags)
{
	static const rp_decode_options defaults = {0};
	if (!opt)
		opt = &defaults;
	*utf8 = NULL;
	*len = 0;
	*encoding = "UTF-8";
	rp_severity sev = opt->strict ? RP_ERROR : RP_WARNING;
	size_t errors_before = diags->errors;
	if (n > INT32_MAX / 4) {
		rp_diags_add(diags, RP_ERROR, name, 0, 0,
		             "file too large (a script is at most 512 MB)");
		return RP_ERR_INPUT;
	}

	UConverter *cnv = NULL;
	size_t skip = 0;
	int rc = choose(name, bytes, n, opt, &cnv, encoding, &skip, diags);
	if (rc != RP_OK)
		return rc;
	UChar *u = NULL;
	size_t ulen = 0;
	bad_list bad = {0};
	rc = to_utf16(cnv, bytes + skip, n - skip, &u, &ulen, &bad);
	ucnv_close(cnv);
	char *text = NULL;
	size_t tlen = 0;
	if (rc == RP_OK)
		rc = to_utf8(name, *encoding, u, ulen, &bad, n - skip, sev, &text, &tlen, diags);
	free(u);
	free(bad.items);
	if (rc == RP_ERR_INPUT && diags->errors == errors_before)
		rp_diags_add(diags, RP_ERROR, name, 0, 0, "ICU could not convert the file from %s",
		             *encoding);
	if (rc != RP_OK)
		return rc;

	if (!opt->keep_mojibake) {
		char *fixed = NULL;
		size_t flen = 0;
		rp_mojibake_options mo = {sev, 0};
		rc = rp_mojibake_repair(name, text, tlen, &mo, &fixed, &flen, NULL, diags);
		if (rc != RP_OK) {
			free(text);
			return rc;
		}
		if (fixed) {
			free(text);
			text = fixed;
			tlen = flen;
			/* a file saved with a BOM and then mis-decoded starts "п»ї" / "ï»¿": the repair
			 * brings the BOM back, and rp_source has none (found by tests/fuzz/fuzz_plan) */
			while (tlen >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
				tlen -= 3;
				memmove(text, text + 3, tlen + 1);
			}
		}
	}
	if (mostly_controls(text, tlen))
		rp_diags_add(diags, RP_ERROR, name, 0, 0,
		             "this is not a text file (over a tenth of its characters, read as %s, "
		             "are control characters)",
		             *encoding);
	if (diags->errors > errors_before) {
		free(text);
		return RP_ERR_INPUT;
	}
	*utf8 = text;
	*len = tlen;
	return RP_OK;
}
