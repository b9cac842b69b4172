/* Repairing UTF-8 mojibake (src/input/mojibake.h). */
#include "grow.h"
#include "mojibake.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

/* The code pages tried, in order of preference. Latin-1 defines 0x80-0x9F (as C1 controls), so
 * nothing is lost through it; the Windows pages map their undefined bytes to C1 controls too in
 * ICU, and those are the bytes mojibake usually lost. */
static const struct {
	const char *icu;
	const char *label;
	bool drops;
} pages[] = {
	{"windows-1252", "Windows-1252", true}, {"ISO-8859-1", "Latin-1", false},
	{"windows-1254", "Windows-1254", true}, {"windows-1250", "Windows-1250", true},
	{"windows-1251", "Windows-1251", true},
};
#define N_PAGES (sizeof pages / sizeof pages[0])
#define MAX_CANDS 40
#define CLEAR_MARGIN 2 /* how much the best candidate must beat the next one */
/* Points for the character chosen elsewhere for the same damaged bytes. 1 breaks ties; on the
 * shared scripts 2 rebuilt 9% more characters but got five times as many wrong. */
#define SAME_PATTERN_BONUS 1

/* A UTF-8 sequence cut short, and what it may have been. */
typedef struct slot {
	UChar32 cand[MAX_CANDS];
	int score[MAX_CANDS];
	int nc;
	UChar32 chosen; /* -1: dropped; valid once resolved */
	bool resolved;
	uint32_t pattern; /* lead byte, continuation bytes present and their count */
	size_t group;     /* slots with the same pattern share a group */
} slot;

/* The text read through one code page: tokens are code points (>= 0) or slots (-1 - index). */
typedef struct reading {
	int page;
	bool undef[32]; /* bytes 0x80..0x9F the page lacks (and mojibake dropped) */
	int32_t *tok;
	size_t ntok;
	slot *slots;
	size_t nslots, cap;
	size_t valid;     /* complete multi-byte sequences */
	size_t short2;    /* slots missing two or more bytes */
	size_t recovered; /* slots given a character by resolve() */
} reading;

/* Shared ICU objects for scoring. */
typedef struct scorer {
	UConverter *gb2312;
	UBreakIterator *words;
} scorer;

static void reading_free(reading *r)
{
	free(r->tok);
	free(r->slots);
	memset(r, 0, sizeof *r);
}

static bool candidate_ok(UChar32 c)
{
	if (c < 0 || U_IS_UNICODE_NONCHAR(c))
		return false;
	int8_t t = u_charType(c);
	return t != U_UNASSIGNED && t != U_CONTROL_CHAR && t != U_PRIVATE_USE_CHAR &&
	       t != U_SURROGATE;
}

/* Every character the sequence lead+cont[0..k) may have been, when the missing continuation
 * bytes are undefined bytes of the page (in any position after the lead). */
static void candidates(const reading *r, unsigned char lead, const unsigned char *cont, int k,
                       slot *s)
{
	int need = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
	int slots = need - 1, missing = slots - k;
	unsigned char undef[32];
	int nu = 0;
	for (int b = 0; b < 32; b++)
		if (r->undef[b])
			undef[nu++] = (unsigned char)(0x80 + b);
	s->nc = 0;
	if (nu == 0)
		return;
	int combos = 1;
	for (int i = 0; i < missing; i++)
		combos *= nu;
	for (int mask = 0; mask < (1 << slots); mask++) {
		if (__builtin_popcount((unsigned)mask) != missing)
			continue;
		for (int combo = 0; combo < combos; combo++) {
			unsigned char seq[4] = {lead};
			int ci = 0, x = combo;
			for (int p = 0; p < slots; p++) {
				if (mask & (1 << p)) {
					seq[1 + p] = undef[x % nu];
					x /= nu;
				} else {
					seq[1 + p] = cont[ci++];
				}
			}
			int32_t i = 0;
			UChar32 c;
			U8_NEXT(seq, i, need, c);
			if (i != need || !candidate_ok(c))
				continue;
			bool dup = false;
			for (int j = 0; j < s->nc; j++)
				dup |= s->cand[j] == c;
			if (!dup && s->nc < MAX_CANDS)
				s->cand[s->nc++] = c;
		}
	}
}

static void push_token(reading *r, int32_t t)
{
	r->tok[r->ntok++] = t;
}

/* Read bytes `b` (the text encoded to the page) as UTF-8 into tokens. Returns false when some
 * byte cannot be explained as mojibake (the text is then not mojibake for this page). */
static bool tokenize(reading *r, const unsigned char *b, size_t m)
{
	r->tok = malloc((m + 1) * sizeof *r->tok);
	if (!r->tok)
		return false;
	for (size_t i = 0; i < m;) {
		unsigned char lead = b[i];
		if (lead < 0x80) {
			push_token(r, lead);
			i++;
			continue;
		}
		if (lead < 0xC2 || lead > 0xF4)
			return false;
		int need = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4, k = 0;
		while (k < need - 1 && i + 1 + (size_t)k < m && U8_IS_TRAIL(b[i + 1 + (size_t)k]))
			k++;
		if (k == need - 1) {
			int32_t j = 0;
			UChar32 c;
			U8_NEXT(b + i, j, need, c);
			if (c < 0 || j != need)
				return false;
			push_token(r, c);
			r->valid++;
		} else {
			if (rp_grow((void **)&r->slots, &r->cap, r->nslots + 1, sizeof *r->slots))
				return false;
			slot *s = &r->slots[r->nslots];
			memset(s, 0, sizeof *s);
			candidates(r, lead, b + i + 1, k, s);
			s->pattern = (uint32_t)lead << 24 | (uint32_t)k;
			for (int j = 0; j < k; j++)
				s->pattern |= (uint32_t)b[i + 1 + (size_t)j] << (16 - 8 * j);
			r->short2 += need - 1 - k >= 2;
			if (s->nc == 0)
				return false;
			push_token(r, -1 - (int32_t)r->nslots++);
		}
		i += 1 + (size_t)k;
	}
	/* Real mojibake rarely loses two bytes of one character (both would have to be undefined);
	 * correct Latin text read this way does all the time ("é" + ASCII is 0xE9 missing two). */
	return r->valid >= 1 && r->short2 * 4 <= r->valid && r->nslots <= 2 * r->valid;
}

/* Encode the UTF-16 text `u` to page `p` and tokenize it. False if the text does not fit. */
static bool read_through(int p, const UChar *u, int32_t ulen, reading *r)
{
	memset(r, 0, sizeof *r);
	r->page = p;
	UErrorCode e = U_ZERO_ERROR;
	UConverter *cnv = ucnv_open(pages[p].icu, &e);
	if (U_FAILURE(e))
		return false;
	for (int b = 0; b < 32 && pages[p].drops; b++) {
		char in = (char)(0x80 + b);
		UChar out[2];
		e = U_ZERO_ERROR;
		int32_t n = ucnv_toUChars(cnv, out, 2, &in, 1, &e);
		r->undef[b] = U_SUCCESS(e) && n == 1 && out[0] == 0x80 + b;
	}
	e = U_ZERO_ERROR;
	ucnv_setFromUCallBack(cnv, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &e);
	int32_t cap = ulen + 16;
	char *bytes = malloc((size_t)cap);
	bool ok = false;
	if (bytes) {
		int32_t m = ucnv_fromUChars(cnv, bytes, cap, u, ulen, &e);
		ok = U_SUCCESS(e) && tokenize(r, (const unsigned char *)bytes, (size_t)m);
	}
	free(bytes);
	ucnv_close(cnv);
	if (!ok)
		reading_free(r);
	return ok;
}

/* ---- context ------------------------------------------------------------------------------ */

#define UNKNOWN (-3)
#define DROPPED (-2)

/* What token i is now: a code point, DROPPED, or UNKNOWN (a slot not yet resolved). */
static UChar32 at(const reading *r, size_t i)
{
	int32_t t = r->tok[i];
	if (t >= 0)
		return t;
	const slot *s = &r->slots[-1 - t];
	if (!s->resolved)
		return UNKNOWN;
	return s->chosen >= 0 ? s->chosen : DROPPED;
}

/* The slot at token i if it is not resolved yet, else NULL. */
static const slot *pending(const reading *r, size_t i)
{
	int32_t t = r->tok[i];
	return t < 0 && !r->slots[-1 - t].resolved ? &r->slots[-1 - t] : NULL;
}

static bool slot_has(const slot *s, UChar32 c)
{
	for (int k = 0; s && k < s->nc; k++)
		if (s->cand[k] == c)
			return true;
	return false;
}

static bool has(UChar32 c, UProperty p)
{
	return c >= 0 && u_hasBinaryProperty(c, p);
}

/* Could the slot be a character with property p? */
static bool slot_any(const slot *s, UProperty p)
{
	for (int k = 0; s && k < s->nc; k++)
		if (has(s->cand[k], p))
			return true;
	return false;
}

/* The nearest character left (dir -1) or right (dir +1) of token i, skipping dropped ones; -1 at
 * the text's end or when it is a pending slot (then *p is that slot, else NULL). */
static UChar32 neighbour(const reading *r, size_t i, int dir, const slot **p)
{
	*p = NULL;
	for (size_t j = i; dir < 0 ? j > 0 : j + 1 < r->ntok;) {
		j = dir < 0 ? j - 1 : j + 1;
		UChar32 c = at(r, j);
		if (c == DROPPED)
			continue;
		if (c == UNKNOWN)
			*p = pending(r, j);
		return c == UNKNOWN ? -1 : c;
	}
	return -1;
}

static const UChar32 pairs[][2] = {
	{0x201C, 0x201D}, {0x2018, 0x2019}, {0x300C, 0x300D}, {0x300E, 0x300F}, {0x3010, 0x3011},
	{0x300A, 0x300B}, {0x3008, 0x3009}, {0xFF08, 0xFF09}, {0x3014, 0x3015}, {0x3016, 0x3017},
	{0x301D, 0x301E}, {0xFF3B, 0xFF3D}, {0xFF5B, 0xFF5D},
};

/* Quotes and brackets pair up on a line. For an opening mark c: +6 when its closing mark
 * follows (before another opening one), +2 when a pending slot there may be the closing mark,
 * else -3. The same, leftwards, for a closing mark ("’" alone is an apostrophe: 0).
 * 0 for other characters. */
static int pairing(const reading *r, size_t i, UChar32 c)
{
	for (size_t p = 0; p < sizeof pairs / sizeof pairs[0]; p++) {
		UChar32 open = pairs[p][0], close = pairs[p][1];
		int maybe = 0;
		if (c == open) {
			for (size_t j = i + 1; j < r->ntok; j++) {
				UChar32 x = at(r, j);
				if (x == '\n' || x == open)
					break;
				if (x == close)
					return 6;
				if (x == UNKNOWN && slot_has(pending(r, j), close))
					maybe = 2;
			}
			return maybe ? maybe : -3;
		}
		if (c == close) {
			int depth = 0;
			for (size_t j = i; j > 0; j--) {
				UChar32 x = at(r, j - 1);
				if (x == '\n')
					break;
				if (x == close)
					depth++;
				if (x == open && depth-- == 0)
					return 6;
				if (x == UNKNOWN && depth == 0 && slot_has(pending(r, j - 1), open))
					maybe = 2;
			}
			return maybe ? maybe : close == 0x2019 ? 0 : -3;
		}
	}
	return 0;
}

static bool is_han(UChar32 c)
{
	UErrorCode e = U_ZERO_ERROR;
	return c >= 0 && uscript_getScript(c, &e) == USCRIPT_HAN;
}

/* 1 for GB2312 level 1 (the 3755 common hanzi, lead bytes 0xB0-0xD7), 2 for level 2, 0 else. */
static int gb2312_level(const scorer *sc, UChar32 c)
{
	UChar u[2];
	int32_t n = 0;
	U16_APPEND_UNSAFE(u, n, c);
	char b[8];
	UErrorCode e = U_ZERO_ERROR;
	int32_t m = ucnv_fromUChars(sc->gb2312, b, sizeof b, u, n, &e);
	if (U_FAILURE(e) || m != 2)
		return 0;
	unsigned char lead = (unsigned char)b[0];
	return lead >= 0xB0 && lead <= 0xD7 ? 1 : lead >= 0xD8 && lead <= 0xF7 ? 2 : 0;
}

/* Up to `max` hanzi from token i on in direction dir (-1 left, +1 right), nearest first,
 * stopping at anything else. When the first token is a pending slot, *p is that slot and its
 * token index *pi. */
static int han_run(const reading *r, size_t i, int dir, int max, UChar32 *out, const slot **p,
                   size_t *pi)
{
	int n = 0;
	*p = NULL;
	for (size_t j = i; n < max && (dir < 0 ? j > 0 : j + 1 < r->ntok);) {
		j = dir < 0 ? j - 1 : j + 1;
		UChar32 x = at(r, j);
		if (x == DROPPED)
			continue;
		if (x == UNKNOWN && n == 0) {
			*p = pending(r, j);
			*pi = j;
		}
		if (!is_han(x))
			break;
		out[n++] = x;
	}
	return n;
}

/* Does the word break iterator put c in one word with a neighbour, in the text
 * left[nl-1..0] c right[0..nr-1]? */
static bool word_in(const scorer *sc, const UChar32 *left, int nl, UChar32 c, const UChar32 *right,
                    int nr)
{
	UChar buf[32];
	int32_t n = 0;
	for (int k = nl; k > 0; k--) {
		UChar32 x = left[k - 1]; /* the macro reads its argument more than once */
		U16_APPEND_UNSAFE(buf, n, x);
	}
	int32_t pos = n;
	U16_APPEND_UNSAFE(buf, n, c);
	int32_t end_c = n;
	for (int k = 0; k < nr; k++) {
		UChar32 x = right[k];
		U16_APPEND_UNSAFE(buf, n, x);
	}
	UErrorCode e = U_ZERO_ERROR;
	ubrk_setText(sc->words, buf, n, &e);
	if (U_FAILURE(e))
		return false;
	int32_t start = ubrk_isBoundary(sc->words, pos) ? pos : ubrk_preceding(sc->words, pos);
	int32_t end = ubrk_following(sc->words, pos);
	return start < pos || end > end_c;
}

/* 2 when hanzi c at token i forms a dictionary word with its hanzi neighbours; 1 when it would
 * with a common (GB2312 level 1) candidate of a pending slot next to it; else 0. */
static int forms_word(const scorer *sc, const reading *r, size_t i, UChar32 c)
{
	UChar32 left[3], right[3], other[3];
	const slot *pl, *pr, *unused;
	size_t il = 0, ir = 0;
	int nl = han_run(r, i, -1, 3, left, &pl, &il), nr = han_run(r, i, +1, 3, right, &pr, &ir);
	if (word_in(sc, left, nl, c, right, nr))
		return 2;
	for (int side = 0; side < 2; side++) {
		const slot *s = side ? pr : pl;
		if (!s)
			continue;
		/* the candidate, then the hanzi beyond the slot */
		int no = 1 + han_run(r, side ? ir : il, side ? +1 : -1, 2, other + 1, &unused, &il);
		for (int k = 0; k < s->nc; k++) {
			other[0] = s->cand[k];
			if (!is_han(other[0]) || gb2312_level(sc, other[0]) != 1)
				continue;
			if (side ? word_in(sc, left, nl, c, other, no)
			         : word_in(sc, other, no, c, right, nr))
				return 1;
		}
	}
	return 0;
}

static bool emoji_like(UChar32 c)
{
	return has(c, UCHAR_EXTENDED_PICTOGRAPHIC) || has(c, UCHAR_EMOJI_MODIFIER) ||
	       has(c, UCHAR_REGIONAL_INDICATOR);
}

static UScriptCode script_of(UChar32 c)
{
	UErrorCode e = U_ZERO_ERROR;
	return c < 0 ? USCRIPT_INVALID_CODE : uscript_getScript(c, &e);
}

/* Scripts the scripts we render are written in; a candidate in another script is unlikely. */
static bool usual_script(UScriptCode s)
{
	return s == USCRIPT_COMMON || s == USCRIPT_INHERITED || s == USCRIPT_LATIN ||
	       s == USCRIPT_HAN || s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA ||
	       s == USCRIPT_HANGUL || s == USCRIPT_CYRILLIC || s == USCRIPT_GREEK;
}

/* The punctuation of Chinese text: 、 。 ！ ， ： ； ？ ～ */
static bool common_cjk_punct(UChar32 c)
{
	return c == 0x3001 || c == 0x3002 || c == 0xFF01 || c == 0xFF0C || c == 0xFF1A ||
	       c == 0xFF1B || c == 0xFF1F || c == 0xFF5E;
}

/* How well candidate c fits at token i (higher is better). *word gets forms_word() for hanzi. */
static int score(const scorer *sc, const reading *r, size_t i, UChar32 c, int *word)
{
	const slot *pl, *pr;
	UChar32 left = neighbour(r, i, -1, &pl), right = neighbour(r, i, +1, &pr);
	int s = pairing(r, i, c);
	int8_t type = u_charType(c);
	*word = 0;
	if (c == 0x200D) { /* zero-width joiner: between two emoji */
		bool l = emoji_like(left), rt = emoji_like(right);
		bool ml = l || slot_any(pl, UCHAR_EXTENDED_PICTOGRAPHIC);
		bool mr = rt || slot_any(pr, UCHAR_EXTENDED_PICTOGRAPHIC);
		return l && rt ? 6 : ml && mr ? 4 : -6;
	}
	if (c == 0xFE0F) /* emoji presentation selector: after an emoji */
		return has(left, UCHAR_EMOJI) ? 6 : slot_any(pl, UCHAR_EMOJI) ? 4 : -6;
	if (type == U_FORMAT_CHAR || type == U_SPACE_SEPARATOR || has(c, UCHAR_VARIATION_SELECTOR))
		return s - 4;
	if ((c >= 0xFE10 && c <= 0xFE1F) || (c >= 0xFE30 && c <= 0xFE4F))
		return s - 3; /* vertical presentation forms */
	if (c >= 0x80 && has(c, UCHAR_EMOJI))
		return s + (has(c, UCHAR_EMOJI_PRESENTATION) ? 2 : 0) +
		       (right == 0xFE0F || slot_has(pr, 0xFE0F) ? 3 : 0) +
		       (emoji_like(left) || emoji_like(right) ? 1 : 0);
	if (c == 0x3001) { /* the enumeration comma sits between words, never next to punctuation */
		if (u_ispunct(left) || u_ispunct(right))
			return s - 2;
		return s + (u_isalnum(left) && u_isalnum(right) ? 4 : 2);
	}
	if (common_cjk_punct(c))
		return s + 2;
	if ((c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A)) /* fullwidth letters */
		s -= (left >= 0xFF00 && left <= 0xFFEF) || (right >= 0xFF00 && right <= 0xFFEF) ? 0
		                                                                                : 3;
	UScriptCode script = script_of(c);
	if (!usual_script(script))
		s -= 2;
	if (script == USCRIPT_HAN) {
		int level = gb2312_level(sc, c);
		*word = forms_word(sc, r, i, c);
		return s + (level == 1 ? 3 : level == 2 ? 1 : -2) + (*word == 2 ? 3 : 0);
	}
	UScriptCode sl = script_of(left), sr = script_of(right);
	if (script != USCRIPT_COMMON && script != USCRIPT_INHERITED)
		s += script == sl || script == sr ? 2 : -2;
	else if (type == U_OTHER_SYMBOL || type == U_MATH_SYMBOL || emoji_like(c))
		s -= 1;
	return s;
}

typedef struct keyed {
	uint32_t pattern;
	size_t slot;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	return x->pattern < y->pattern ? -1 : x->pattern > y->pattern;
}

/* Number the groups of slots with equal patterns (the same bytes left, so the same candidates);
 * *n_groups gets their count. Returns false when out of memory. */
static bool group_slots(reading *r, size_t *n_groups)
{
	*n_groups = 0;
	keyed *order = malloc((r->nslots + 1) * sizeof *order);
	if (!order)
		return false;
	for (size_t k = 0; k < r->nslots; k++)
		order[k] = (keyed){r->slots[k].pattern, k};
	qsort(order, r->nslots, sizeof *order, cmp_keyed);
	for (size_t k = 0; k < r->nslots; k++) {
		if (k > 0 && order[k].pattern != order[k - 1].pattern)
			++*n_groups;
		r->slots[order[k].slot].group = *n_groups;
	}
	*n_groups += r->nslots > 0;
	free(order);
	return true;
}

/* Choose a character for every slot. Passes go left to right and settle the slots whose best
 * candidate is clear, so later passes see those choices on both sides; when a pass settles
 * nothing more, the slots left are dropped. A hanzi that may form a word with a pending
 * neighbour's candidate gets +2 only if it is the only candidate of its slot that may. A text
 * uses a damaged pattern for one character mostly ("one sense per discourse"): the character
 * already chosen for every other slot of the pattern gets +SAME_PATTERN_BONUS. */
static bool resolve(const scorer *sc, reading *r)
{
	size_t n_groups;
	if (!group_slots(r, &n_groups))
		return false;
	UChar32 *sense = malloc((n_groups + 1) * sizeof *sense); /* -1 none yet, -2 several */
	if (!sense)
		return false;
	for (size_t g = 0; g < n_groups; g++)
		sense[g] = -1;
	r->recovered = 0;
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t i = 0; i < r->ntok; i++) {
			slot *s = (slot *)pending(r, i);
			if (!s)
				continue;
			int word[MAX_CANDS], maybe = 0, best = -1, second = -1;
			for (int k = 0; k < s->nc; k++) {
				s->score[k] = s->nc == 1 ? 0
				                         : score(sc, r, i, s->cand[k], &word[k]);
				maybe += s->nc > 1 && word[k] == 1;
			}
			for (int k = 0; k < s->nc; k++) {
				if (maybe == 1 && word[k] == 1)
					s->score[k] += 2;
				if (s->cand[k] == sense[s->group])
					s->score[k] += SAME_PATTERN_BONUS;
				if (best < 0 || s->score[k] > s->score[best]) {
					second = best;
					best = k;
				} else if (second < 0 || s->score[k] > s->score[second]) {
					second = k;
				}
			}
			if (second < 0 || s->score[best] - s->score[second] >= CLEAR_MARGIN) {
				s->chosen = s->cand[best];
				s->resolved = changed = true;
				r->recovered++;
				UChar32 *g = &sense[s->group];
				*g = *g == -1 || *g == s->chosen ? s->chosen : -2;
			}
		}
	}
	for (size_t k = 0; k < r->nslots; k++) {
		if (!r->slots[k].resolved) {
			r->slots[k].resolved = true;
			r->slots[k].chosen = -1;
		}
	}
	free(sense);
	return true;
}
/* Slots rebuilt with a byte that page `other` defines (so `other` could not have dropped it). */
static size_t evidence_against(const reading *r, const reading *o)
{
	size_t n = 0;
	for (size_t k = 0; k < r->nslots; k++) {
		UChar32 c = r->slots[k].chosen;
		if (c < 0)
			continue;
		uint8_t b[4];
		int32_t len = 0;
		U8_APPEND_UNSAFE(b, len, c);
		bool found = false;
		for (int32_t j = 1; j < len; j++)
			found |= b[j] < 0xA0 && r->undef[b[j] - 0x80] && !o->undef[b[j] - 0x80];
		n += found;
	}
	return n;
}

/* Write the repaired text and the diagnostics. */
static int emit(const char *name, const reading *r, const rp_mojibake_options *opt, char **out,
                size_t *out_len, rp_mojibake_result *res, rp_diags *diags)
{
	char *buf = malloc(4 * r->ntok + 1);
	if (!buf)
		return RP_ERR_NOMEM;
	size_t o = 0;
	int line = 1, col = 1;
	res->codepage = pages[r->page].icu;
	res->chars = r->ntok;
	res->damaged = r->nslots;
	res->recovered = r->recovered;
	res->dropped = r->nslots - r->recovered;
	if (res->damaged == 0)
		rp_diags_add(diags, opt->severity, name, 0, 0,
		             "the text is UTF-8 that was read as %s and saved again (mojibake); "
		             "repaired, no character had lost bytes",
		             pages[r->page].label);
	else
		rp_diags_add(diags, opt->severity, name, 0, 0,
		             "the text is UTF-8 that was read as %s and saved again (mojibake); "
		             "repaired: %zu characters had lost bytes, %zu of them were rebuilt, "
		             "%zu dropped",
		             pages[r->page].label, res->damaged, res->recovered, res->dropped);
	for (size_t i = 0; i < r->ntok; i++) {
		UChar32 c = at(r, i);
		if (c == DROPPED) {
			const slot *s = &r->slots[-1 - r->tok[i]];
			char list[64] = "";
			size_t l = 0;
			for (int k = 0; k < s->nc && l + 5 < sizeof list; k++) {
				if (k)
					list[l++] = ' ';
				U8_APPEND_UNSAFE(list, l, s->cand[k]);
			}
			list[l] = '\0';
			rp_diags_add(
				diags, opt->severity, name, line, col,
				"mojibake: a character lost bytes and could be any of %s; dropped",
				list);
			if (!opt->dropped_as)
				continue;
			c = opt->dropped_as;
		}
		U8_APPEND_UNSAFE(buf, o, c);
		if (c == '\n') {
			line++;
			col = 1;
		} else if (!(c == 0xFEFF && line == 1 && col == 1)) {
			col++; /* a repaired BOM at the start is dropped by the decoder: no column */
		}
	}
	buf[o] = '\0';
	*out = buf;
	*out_len = o;
	return RP_OK;
}

int rp_mojibake_repair(const char *name, const char *text, size_t len,
                       const rp_mojibake_options *opt, char **out, size_t *out_len,
                       rp_mojibake_result *res, rp_diags *diags)
{
	static const rp_mojibake_options defaults = {RP_WARNING, 0};
	rp_mojibake_result dummy;
	if (!opt)
		opt = &defaults;
	if (!res)
		res = &dummy;
	memset(res, 0, sizeof *res);
	*out = NULL;
	*out_len = 0;
	bool any = false;
	for (size_t i = 0; i < len && !any; i++)
		any = (unsigned char)text[i] >= 0xC2 && (unsigned char)text[i] <= 0xD3;
	if (!any || len > INT32_MAX / 2)
		return RP_OK; /* mojibake of a UTF-8 lead byte (0xC2-0xF4) through any of the pages is
		                 a character U+00C2..U+00F4, U+0102..U+0171 or U+0412..U+0444 */

	UErrorCode e = U_ZERO_ERROR;
	int32_t ulen = 0;
	u_strFromUTF8(NULL, 0, &ulen, text, (int32_t)len, &e);
	e = U_ZERO_ERROR;
	UChar *u = malloc(((size_t)ulen + 1) * sizeof *u);
	if (!u)
		return RP_ERR_NOMEM;
	u_strFromUTF8(u, ulen + 1, NULL, text, (int32_t)len, &e);

	reading best = {0}, cand;
	bool have = false;
	scorer sc = {0};
	int rc = RP_OK;
	for (int p = 0; p < (int)N_PAGES; p++) {
		if (!read_through(p, u, ulen, &cand))
			continue;
		if (!sc.gb2312) {
			e = U_ZERO_ERROR;
			sc.gb2312 = ucnv_open("GB2312", &e);
			ucnv_setFromUCallBack(sc.gb2312, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL,
			                      NULL, &e);
			sc.words = ubrk_open(UBRK_WORD, "zh", NULL, 0, &e);
			if (U_FAILURE(e)) {
				reading_free(&cand);
				rc = RP_ERR_NOMEM;
				break;
			}
		}
		if (!resolve(&sc, &cand)) {
			reading_free(&cand);
			rc = RP_ERR_NOMEM;
			break;
		}
		if (!have) {
			best = cand;
			have = true;
			continue;
		}
		size_t ev = evidence_against(&cand, &best);
		if (ev >= 2 && ev * 20 >= cand.nslots) {
			reading_free(&best);
			best = cand;
		} else {
			reading_free(&cand);
		}
	}
	free(u);
	ucnv_close(sc.gb2312);
	ubrk_close(sc.words);
	if (have && rc == RP_OK)
		rc = emit(name, &best, opt, out, out_len, res, diags);
	reading_free(&best);
	return rc;
}
