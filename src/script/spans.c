/* Stage 3: splitting a paragraph into language spans by Unicode script (README "Language spans").
 *
 * 1. Every code point gets a language from its script (ICU uscript_getScript): Han -> cmn,
 *    Latin -> en, Hiragana/Katakana -> ja, Hangul -> ko, Cyrillic -> ru, others by table below.
 *    Common and Inherited code points (digits, spaces, punctuation, symbols, emoji) get none.
 * 2. A Han run becomes ja when it touches a kana run through neutral characters that hold no
 *    white space and no sentence end (漢字かな, 日本語、ひらがな).
 * 3. Neutral characters between two runs of the same language join that span. Between different
 *    languages L1 | L2 the neutral run is cut: everything up to and including its last closing or
 *    terminal punctuation mark (or lengthening tilde: vibe～) goes to L1 (`recording？'` | `这个`); after that, white space
 *    goes to L1, and the remaining characters (digits, symbols, opening brackets) go to L2, unless
 *    they touch L1 with no white space and are followed by white space (`在2049` | ` movie`).
 *    So `is 30%的` -> `is ` | `30%的`, `《银翼杀手2049》and` -> `…2049》` | `and`.
 * 4. Neutrals before the first run go to it, after the last run to the last one. A paragraph
 *    without any letters is one span of language "und".
 */
#include "radioplay.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

typedef struct cp {
	size_t off; /* byte offset */
	UChar32 c;
	const char *lang; /* NULL for neutral */
} cp;

/* eSpeak NG languages for scripts beyond the five of the README's table (Han, Latin, kana,
 * Hangul, Cyrillic). Scripts not listed get no language and are treated like neutral characters
 * (they are then not spoken: see sanitize). */
static const struct {
	UScriptCode script;
	const char *lang;
} SCRIPT_LANGS[] = {
	{USCRIPT_HAN, "cmn"},
	{USCRIPT_LATIN, "en"},
	{USCRIPT_HIRAGANA, "ja"},
	{USCRIPT_KATAKANA, "ja"},
	{USCRIPT_KATAKANA_OR_HIRAGANA, "ja"},
	{USCRIPT_HANGUL, "ko"},
	{USCRIPT_CYRILLIC, "ru"},
	{USCRIPT_GREEK, "el"},
	{USCRIPT_ARABIC, "ar"},
	{USCRIPT_HEBREW, "he"},
	{USCRIPT_DEVANAGARI, "hi"},
	{USCRIPT_BENGALI, "bn"},
	{USCRIPT_GURMUKHI, "pa"},
	{USCRIPT_GUJARATI, "gu"},
	{USCRIPT_TAMIL, "ta"},
	{USCRIPT_TELUGU, "te"},
	{USCRIPT_KANNADA, "kn"},
	{USCRIPT_MALAYALAM, "ml"},
	{USCRIPT_SINHALA, "si"},
	{USCRIPT_THAI, "th"},
	{USCRIPT_ARMENIAN, "hy"},
	{USCRIPT_GEORGIAN, "ka"},
	{USCRIPT_ETHIOPIC, "am"},
	{USCRIPT_MYANMAR, "my"},
	{USCRIPT_ORIYA, "or"},
};

static const char *lang_of(UChar32 c)
{
	UErrorCode err = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript(c, &err);
	if (U_FAILURE(err) || sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED)
		return NULL;
	for (size_t i = 0; i < sizeof SCRIPT_LANGS / sizeof *SCRIPT_LANGS; i++)
		if (SCRIPT_LANGS[i].script == sc)
			return SCRIPT_LANGS[i].lang;
	return NULL;
}

static bool is_space(UChar32 c)
{
	return u_isUWhiteSpace(c);
}

/* Sentence-final punctuation (README "Language spans"). */
static bool is_sentence_end(UChar32 c)
{
	switch (c) {
	case '.':
	case '!':
	case '?':
	case 0x3002:
	case 0xFF01:
	case 0xFF1F:
	case 0xFF0E:
	case 0x2026:
	case 0x203C:
	case 0x2047:
	case 0x2048:
	case 0x2049: return true;
	default: return false;
	}
}

static bool is_clause_end(UChar32 c)
{
	switch (c) {
	case ',':
	case ';':
	case ':':
	case 0x3001:
	case 0xFF0C:
	case 0xFF1B:
	case 0xFF1A:
	case 0x2014:
	case 0x2013:
	case 0xFF64: return true;
	default: return false;
	}
}

/* Punctuation that closes or ends something and so stays with what it follows. '%' and '‰'
 * are excluded: they belong to their number. */
static bool is_closing(UChar32 c)
{
	if (c == '%' || c == 0x2030 || c == 0xFF05)
		return false;
	if (c == '~' || c == 0xFF5E || c == 0x301C) /* lengthens what it follows: vibe～ */
		return true;
	switch (u_charType(c)) {
	case U_END_PUNCTUATION:
	case U_FINAL_PUNCTUATION:
	case U_DASH_PUNCTUATION: return true;
	case U_OTHER_PUNCTUATION:
		return c != '#' && c != '@' && c != '&' && c != '*' && c != '/' && c != '\\';
	default: return false;
	}
}

/* Where the neutral run cps[a..b) between a span of L1 (before a) and one of L2 (from b) is cut:
 * returns k, a <= k <= b; cps[a..k) go to L1. Rule 3 of the file comment. */
static size_t cut_neutral_run(const cp *cps, size_t a, size_t b)
{
	size_t k = a;
	for (size_t i = a; i < b; i++)
		if (is_closing(cps[i].c))
			k = i + 1;
	while (k < b && is_space(cps[k].c))
		k++;
	if (k == b)
		return k;
	bool touches_l1 = k == a || !is_space(cps[k - 1].c);
	bool opening = u_charType(cps[k].c) == U_START_PUNCTUATION ||
	               u_charType(cps[k].c) == U_INITIAL_PUNCTUATION;
	bool space_before_l2 = is_space(cps[b - 1].c);
	if (touches_l1 && !opening && space_before_l2)
		return b; /* the run and its trailing space stay with L1 */
	return k;
}

/* Rule 2: Han runs touching kana become Japanese. `lang` of neutrals is NULL. */
static void mark_japanese(cp *cps, size_t n)
{
	bool changed = true;
	while (changed) {
		changed = false;
		for (size_t i = 0; i < n; i++) {
			if (!cps[i].lang || strcmp(cps[i].lang, "cmn") != 0)
				continue;
			/* look left and right through neutrals without space or sentence end */
			for (int dir = -1; dir <= 1; dir += 2) {
				size_t j = i;
				while ((dir < 0 ? j > 0 : j + 1 < n)) {
					j = dir < 0 ? j - 1 : j + 1;
					if (cps[j].lang)
						break;
					if (is_space(cps[j].c) || is_sentence_end(cps[j].c)) {
						j = i;
						break;
					}
				}
				if (j != i && cps[j].lang && strcmp(cps[j].lang, "ja") == 0) {
					cps[i].lang = "ja";
					changed = true;
					break;
				}
			}
		}
	}
}

static rp_boundary boundary_of(const char *text, size_t start, size_t end)
{
	/* last character that is not space and not a closing quote or bracket */
	int32_t i = (int32_t)end;
	while (i > (int32_t)start) {
		UChar32 c;
		U8_PREV(text, (int32_t)start, i, c);
		if (is_space(c))
			continue;
		int t = u_charType(c);
		if (t == U_END_PUNCTUATION || t == U_FINAL_PUNCTUATION || c == '\'' || c == '"')
			continue;
		if (c == '.') {
			/* "A.M." is an abbreviation, not a sentence end: a single letter before the dot that
			 * follows a dot or space */
			int32_t k = i;
			UChar32 l, before = ' ';
			U8_PREV(text, (int32_t)start, k, l);
			if (k > (int32_t)start)
				U8_PREV(text, (int32_t)start, k, before);
			else
				before = ' ';
			if (u_isupper(l) && (before == '.' || is_space(before)))
				return RP_BOUNDARY_NONE;
		}
		if (is_sentence_end(c))
			return RP_BOUNDARY_SENTENCE;
		if (is_clause_end(c))
			return RP_BOUNDARY_CLAUSE;
		return RP_BOUNDARY_NONE;
	}
	return RP_BOUNDARY_NONE;
}

int rp_split_spans(const rp_paragraph *p, rp_span **spans_out, size_t *n_out)
{
	*spans_out = NULL;
	*n_out = 0;
	cp *cps = malloc((p->len + 1) * sizeof *cps);
	rp_span *spans = malloc((p->len + 1) * sizeof *spans);
	if (!cps || !spans) {
		free(cps);
		free(spans);
		return RP_ERR_NOMEM;
	}
	size_t n = 0;
	for (int32_t i = 0; (size_t)i < p->len;) {
		cp *x = &cps[n++];
		x->off = (size_t)i;
		U8_NEXT(p->text, i, (int32_t)p->len, x->c);
		x->lang = x->c < 0 ? NULL : lang_of(x->c);
	}
	mark_japanese(cps, n);

	size_t ns = 0;
	size_t span_start = 0;    /* code point index where the open span starts */
	const char *cur = NULL;   /* language of the open span */
	size_t last_lang_end = 0; /* index after the last code point with a language */
	for (size_t i = 0; i < n; i++) {
		if (!cps[i].lang)
			continue;
		if (!cur) {
			cur = cps[i].lang; /* leading neutrals join the first run */
		} else if (cps[i].lang != cur && strcmp(cps[i].lang, cur) != 0) {
			size_t k = cut_neutral_run(cps, last_lang_end, i);
			spans[ns++] = (rp_span){cur, cps[span_start].off, cps[k].off,
			                        RP_BOUNDARY_NONE};
			span_start = k;
			cur = cps[i].lang;
		}
		last_lang_end = i + 1;
	}
	spans[ns++] = (rp_span){cur ? cur : "und", n ? cps[span_start].off : 0, p->len,
	                        RP_BOUNDARY_PARAGRAPH};
	for (size_t k = 0; k + 1 < ns; k++)
		spans[k].boundary = boundary_of(p->text, spans[k].start, spans[k].end);
	free(cps);
	*spans_out = spans;
	*n_out = ns;
	return RP_OK;
}
