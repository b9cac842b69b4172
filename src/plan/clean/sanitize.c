/* What eSpeak NG is given (sanitize.h rp_sanitize_for_espeak, README "What eSpeak NG is
 * given"). eSpeak NG 1.51 has buffer overflows on some input (docs/espeak-ng.md#crashes:
 * #1302 digit runs over 32 characters, dotted abbreviation chains (LookupDictList, fixed upstream
 * by #1736, and CheckDottedAbbrev, #2428), TranslateRules with emoji glued to letters) and reads
 * emoji by name in English voices. This pass works on UTF-16 (ICU) and:
 *   - blanks emoticons (¥_¥ ^_^ T_T :) ;-) (^_^) ...) found with an ICU regular expression;
 *   - drops emoji (Extended_Pictographic, modifiers, regional indicators, keycap, tags,
 *     variation selectors), other symbols (So, Sk) and format characters (ZWJ, bidi marks);
 *   - turns C0/C1 controls and all white space into single spaces;
 *   - drops [ ] { } (so "[[" phoneme input cannot form) and ~ ～ 〜 (lengthening marks);
 *   - shortens runs of more than three punctuation marks to their first three;
 *   - breaks tokens (runs without white space, not counting ideographs, which eSpeak NG treats as
 *     words of their own) after RP_MAX_TOKEN code points and digit runs after RP_MAX_DIGITS, by
 *     inserting a space.
 * A second pass over the result (guard_dot_chains, "Dotted chains" below) keeps every chain of
 * one-character words and dots ("a.b.c", "é . é", "a.b. c.d., e.") as eSpeak NG 1.51 forms it
 * across spaces and punctuation within RP_MAX_CHAIN_DOTS dots (the next dot becomes a space) and
 * RP_MAX_CHAIN_BYTES bytes with the word after its last dot (a space ends that word early):
 * 101 of the 160 bytes LookupDictList copies into, 36 of CheckDottedAbbrev's 80.
 */
#include "radioplay.h"
#include "sanitize.h"
#include "strbuf.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uregex.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

/* RP_MAX_CHAIN_DOTS, RP_MAX_CHAIN_BYTES: see "Dotted chains" below */
enum { RP_MAX_TOKEN = 32, RP_MAX_DIGITS = 16, RP_MAX_CHAIN_DOTS = 8, RP_MAX_CHAIN_BYTES = 100 };

/* Emoticons, each alternative bounded by non-letters/digits:
 *   eye-mouth-eye kaomoji: ^_^ ¥_¥ T_T -_- >_< o_O x_x ^.^ =_= *_* ;_; ^^ ^^;
 *   western: :) :-) ;) :D :P :( :'( =) <3 xD XD
 *   bracketed kaomoji of symbols only, wherever they stand: (^_^) (＾▽＾) (╯°□°)╯ (T_T) */
static const char EMOTICON_PATTERN[] =
	"[(（][^\\p{L}\\p{N}\\s()（）]{1,10}[)）][^\\p{L}\\p{N}\\s]{0,2}"
	"|[(（][\\^＾T;><=*oOxX][^()（）\\s]{0,8}[\\^＾T;><=*oOxX][)）]"
	"|(?<![\\p{L}\\p{N}])(?:"
	"(?![\\-+<>]-|.-[\\-+<>])" /* not --- +-+ --> <-- (dashes and arrows) */
	"[\\^¥$T;><=*@oOxX0~\\-+][_.\\-ー▽ω][\\^¥$T;><=*@oOxX0~\\-+]"
	"|\\^\\^;*"
	"|[:;=][\\-'^]?[)(\\]\\[DPp3|*/\\\\]+"
	"|<3"
	"|[xX][Dd]"
	")(?![\\p{L}\\p{N}])";

bool rp_is_emoji_part(UChar32 c)
{
	return (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) &&
	        u_hasBinaryProperty(c, UCHAR_EMOJI)) ||
	       u_hasBinaryProperty(c, UCHAR_EMOJI_MODIFIER) ||
	       u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR) ||
	       u_hasBinaryProperty(c, UCHAR_VARIATION_SELECTOR) || c == 0x20E3 || c == 0x200D ||
	       (c >= 0xE0020 && c <= 0xE007F);
}

bool rp_is_unspoken_char(uint32_t cp)
{
	UChar32 c = (UChar32)cp;
	int8_t type = u_charType(c);
	return rp_is_emoji_part(c) || type == U_OTHER_SYMBOL || type == U_MODIFIER_SYMBOL ||
	       type == U_FORMAT_CHAR || type == U_UNASSIGNED || type == U_PRIVATE_USE_CHAR ||
	       type == U_SURROGATE;
}

static bool is_ideograph(UChar32 c)
{
	return u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC);
}

/* The emoticon expression, compiled once per thread (compiling per span was most of the time a
 * plan takes); URegularExpression objects must not be shared between threads (ICU uregex.h).
 * Each thread's copy is a pthread key's value, closed by the key's destructor when the thread
 * exits, and the main thread's at process exit (key destructors do not run for it). */
static pthread_key_t emoticon_key;
static pthread_once_t emoticon_once = PTHREAD_ONCE_INIT;
static bool emoticon_key_ok;

static void close_emoticon_re(void *re)
{
	uregex_close(re);
}

static void close_main_emoticon_re(void)
{
	close_emoticon_re(pthread_getspecific(emoticon_key));
	pthread_setspecific(emoticon_key, NULL);
}

static void make_emoticon_key(void)
{
	emoticon_key_ok = pthread_key_create(&emoticon_key, close_emoticon_re) == 0;
	if (emoticon_key_ok)
		atexit(close_main_emoticon_re);
}

/* NULL if ICU fails. */
static URegularExpression *emoticon_re(void)
{
	pthread_once(&emoticon_once, make_emoticon_key);
	if (!emoticon_key_ok)
		return NULL;
	URegularExpression *re = pthread_getspecific(emoticon_key);
	if (re)
		return re;
	UErrorCode err = U_ZERO_ERROR;
	re = uregex_openC(EMOTICON_PATTERN, 0, NULL, &err);
	if (U_FAILURE(err))
		return NULL;
	if (pthread_setspecific(emoticon_key, re) != 0) {
		uregex_close(re);
		return NULL;
	}
	return re;
}

/* Blank every emoticon in u[0..n) (replace its code units by spaces). */
static void blank_emoticons(UChar *u, int32_t n)
{
	URegularExpression *re = emoticon_re();
	UErrorCode err = U_ZERO_ERROR;
	if (!re)
		return;
	uregex_setText(re, u, n, &err);
	while (U_SUCCESS(err) && uregex_findNext(re, &err)) {
		int32_t b = uregex_start(re, 0, &err), e = uregex_end(re, 0, &err);
		if (U_FAILURE(err))
			break;
		for (int32_t i = b; i < e; i++)
			u[i] = ' ';
	}
	static const UChar empty[1];
	err = U_ZERO_ERROR;
	uregex_setText(re, empty, 0, &err); /* drop the pointer to the caller's text */
}

void rp_for_each_emoticon(const char *text, size_t len, rp_emoticon_fn fn, void *ctx)
{
	URegularExpression *re = emoticon_re();
	UErrorCode err = U_ZERO_ERROR;
	/* a UText over the UTF-8 bytes: match positions are byte offsets ("native indexes") */
	UText *ut = re ? utext_openUTF8(NULL, text, (int64_t)len, &err) : NULL;
	if (!ut || U_FAILURE(err)) {
		utext_close(ut);
		return;
	}
	uregex_setUText(re, ut, &err);
	while (U_SUCCESS(err) && uregex_findNext(re, &err)) {
		int64_t b = uregex_start64(re, 0, &err), e = uregex_end64(re, 0, &err);
		if (U_FAILURE(err))
			break;
		fn((size_t)b, (size_t)e, ctx);
	}
	static const UChar empty[1];
	err = U_ZERO_ERROR;
	uregex_setText(re, empty, 0, &err); /* drop the pointer to the caller's text */
	utext_close(ut);
}

/* Append `c`, collapsing spaces (none at the start). */
static void put(rp_strbuf *o, UChar32 c)
{
	if (c == ' ' && (o->len == 0 || o->s[o->len - 1] == ' '))
		return;
	rp_strbuf_put_cp(o, (uint32_t)c);
}

/* ---- Dotted chains (docs/espeak-ng.md#dotted-abbreviation-chains) ----
 *
 * eSpeak NG 1.51 reads a clause into a word buffer where a dot is a word of its own ("a.b" is
 * "a . b"). Two functions then copy a chain of one-character words each followed by " . " into a
 * fixed stack buffer without a bound: LookupDictList (dictionary.c, fixed upstream by PR #1736)
 * copies each character and its dot, then the whole word after the last dot, into 160 bytes
 * (crashes from 170 bytes), and CheckDottedAbbrev (translateword.c, PR #2428) copies the letters
 * into 80 bytes. The guard below walks the sanitized text once, keeps for every dot an upper bound
 * of what those functions could copy if a chain ended there, and breaks the text before a bound
 * is passed. It needs no exact model of the words eSpeak NG forms, only facts that hold for every
 * voice (from the 1.51 source and the voices' compiled character replacements, see the docs):
 *   - only '.' becomes a dot in the word buffer (and, in th, U+0E4F; in kok, U+0971);
 *   - a chain passes from one dot to the next only if what stands between them makes one word of
 *     one character; two letters or digits ("solid" characters) can only do that when they are
 *     two adjacent Latin letters (mk, eo, grc, qya and sjn replace "ts", "cx", "th"... by one);
 *   - after ". " (the period directly followed by a space) a solid character that is not lower
 *     case starts a new clause (ReadClause), unless the period follows a Roman-numeral capital
 *     (ordinal numbers in hu and others);
 *   - a character takes at most buffer_bytes() in the word buffer.
 * A chain of n dots copies at most 5 bytes a dot (a character of at most 4 bytes and the dot) plus
 * the word after the last dot plus a NUL into LookupDictList's buffer, and at most 4 (n + 1) bytes
 * into CheckDottedAbbrev's. So the guard drops (makes a space of) a dot that would be the
 * RP_MAX_CHAIN_DOTS + 1st of a chain, and ends the word after a dot with a space before it would
 * take the chain past RP_MAX_CHAIN_BYTES: at most 101 of LookupDictList's 160 bytes and 36 of
 * CheckDottedAbbrev's 80 are ever used. Real abbreviations are far below both limits. */

static bool is_chain_dot(UChar32 c)
{
	return c == '.' || c == 0x0E4F || c == 0x0971; /* th ๏ and kok ॱ are replaced by '.' */
}

/* A letter or digit: Lu, Ll, Lt, Lo, Nd (not Lm, which may be dropped: fa drops the tatweel). */
static bool is_solid(UChar32 c)
{
	return c > ' ' && (U_GET_GC_MASK(c) & (U_GC_LU_MASK | U_GC_LL_MASK | U_GC_LT_MASK |
	                                       U_GC_LO_MASK | U_GC_ND_MASK)) != 0;
}

static UScriptCode script_of(UChar32 c)
{
	UErrorCode err = U_ZERO_ERROR;
	UScriptCode s = uscript_getScript(c, &err);
	return U_SUCCESS(err) ? s : USCRIPT_INVALID_CODE;
}

static bool is_hangul_syllable(UChar32 c)
{
	return c >= 0xAC00 && c <= 0xD7A3;
}

/* Unicode 9.0 or older: a character eSpeak NG's own Unicode data (older than ICU's) knows. */
static bool is_old(UChar32 c)
{
	UVersionInfo age;
	u_charAge(c, age);
	return age[0] <= 9;
}

/* eSpeak NG may start a new word at solid c after solid p: characters above U+3040 are words of
 * their own in the voices with ideographs (cmn, ja), a change of script or lower to upper case
 * (camelCase) starts a word, and so does a letter after one its Unicode data does not know. */
static bool may_split(UChar32 p, UChar32 c)
{
	return p > 0x3040 || c > 0x3040 || !is_old(p) || !is_old(c) ||
	       script_of(p) != script_of(c) || (u_islower(p) && u_isupper(c));
}

/* Upper bound of the bytes c takes in eSpeak NG's word buffer: its UTF-8 length, or its lower
 * case's (towlower2), or what a voice's character replacement makes of it: ko breaks a Hangul
 * syllable into up to three 3-byte jamo, ja decomposes kana with a voicing mark, hy replaces և
 * by եւ. */
static int buffer_bytes(UChar32 c)
{
	if (is_hangul_syllable(c))
		return 9;
	if (c == 0x0587)
		return 4;
	if (c >= 0x3041 && c <= 0x30FF &&
	    u_getIntPropertyValue(c, UCHAR_DECOMPOSITION_TYPE) == U_DT_CANONICAL)
		return 6;
	int n = U8_LENGTH(c), l = U8_LENGTH(u_tolower(c));
	return n > l ? n : l;
}

typedef struct chain_guard {
	rp_strbuf *out;
	bool ko;       /* the span is Korean: its voice breaks Hangul syllables into jamo */
	bool ideo;     /* the span is cmn or ja: characters above U+3040 are words of their own */
	UChar32 h[4];  /* the last code points written, h[0] the last (0: none) */
	int dots;      /* dots of the chain that may run up to the last kept dot (0: none) */
	int solids;    /* solid characters since the last kept dot (counted up to 3) */
	bool broken;   /* no chain can pass from the last kept dot to the next */
	bool clause;   /* the last kept dot is a '.' that ends the clause before a capital */
	bool spaced;   /* ... and a space follows it */
	bool open;     /* some dot's following word is being written ... */
	int open_cost; /* ... and the most a chain ending at such a dot copies (without the NUL) */
	bool pending;  /* the last kept dot may end a chain but no word follows it yet ... */
	int pending_cost; /* ... and what that chain copies before its word */
} chain_guard;

static void guard_write(chain_guard *g, UChar32 c)
{
	if (c == ' ' && (g->out->len == 0 || g->h[0] == ' '))
		return;
	rp_strbuf_put_cp(g->out, (uint32_t)c);
	memmove(g->h + 1, g->h, 3 * sizeof *g->h);
	g->h[0] = c;
}

static void guard_space(chain_guard *g)
{
	if (g->h[0] != ' ' && is_chain_dot(g->h[0]) && g->clause)
		g->spaced = true;
	g->open = false; /* a word after a dot ends here */
	guard_write(g, ' ');
}

/* Could the word before a dot written now be one character to eSpeak NG? `tail`: for the word
 * after the dot (the span's voice decides; Hangul syllables are never one character in ko). */
static bool guard_unit_before(const chain_guard *g, bool tail)
{
	const UChar32 *h = g->h[0] == ' ' ? g->h + 1 : g->h; /* the dot may follow a space */
	UChar32 u = h[0], p = h[1], q = h[2];
	if (tail && g->ko && is_hangul_syllable(u))
		return false;
	if (!is_solid(u) || !is_solid(p) || may_split(p, u))
		return true; /* u starts a word */
	/* u ends a word of at least two characters; two lone Latin letters may become one */
	return script_of(u) == USCRIPT_LATIN && script_of(p) == USCRIPT_LATIN &&
	       !(is_solid(q) && !may_split(q, p));
}

/* Merge the pending dot's chain into the open ones: the word after that dot starts now. */
static void guard_start_word(chain_guard *g)
{
	if (!g->pending)
		return;
	if (!g->open || g->pending_cost > g->open_cost)
		g->open_cost = g->pending_cost;
	g->open = true;
	g->pending = false;
}

static void guard_dot(chain_guard *g, UChar32 c)
{
	bool unit = guard_unit_before(g, false);
	int dots = g->dots > 0 && !g->broken ? g->dots + 1 : unit ? 1 : 0;
	if (dots > RP_MAX_CHAIN_DOTS) {
		guard_space(g); /* dropped: the chain ends at the character before */
		return;
	}
	bool tail = dots > 0 && guard_unit_before(g, true);
	const UChar32 *h = g->h[0] == ' ' ? g->h + 1 : g->h;
	/* ReadClause ends a clause at ". " + not lower case once it has seen a letter or digit (one
	 * its Unicode data knows), except after a Roman-numeral capital */
	bool clause = c == '.' && is_solid(h[0]) && is_old(h[0]) &&
	              !(g->h[0] == h[0] && h[0] < 0x80 && strchr("IVXLCDM", (int)h[0]));
	guard_start_word(g);
	if (g->open && g->open_cost + 1 + 1 > RP_MAX_CHAIN_BYTES)
		guard_space(g);
	if (g->open)
		g->open_cost += 1;
	g->dots = dots;
	g->solids = 0;
	g->broken = false;
	g->clause = clause;
	g->spaced = false;
	if (tail) {
		g->pending = true;
		g->pending_cost = 5 * dots;
	}
	guard_write(g, c);
}

static void guard_char(chain_guard *g, UChar32 c)
{
	bool solid = is_solid(c), split = g->ideo && c > 0x3040;
	int w = buffer_bytes(c);
	if (U_GET_GC_MASK(c) & U_GC_P_MASK) {
		/* eSpeak NG makes most punctuation a space ("a.: b" is "a . b"): it neither starts the
		 * word after a dot nor ends it, but may stay inside it (an apostrophe between letters) */
		if (g->open && g->open_cost + w + 1 > RP_MAX_CHAIN_BYTES)
			guard_space(g);
		if (g->open)
			g->open_cost += w;
		g->spaced = false;
		guard_write(g, c);
		return;
	}
	if (g->open && split)
		g->open = false; /* eSpeak NG ends the word before c */
	if (g->open && g->open_cost + w + 1 > RP_MAX_CHAIN_BYTES)
		guard_space(g);
	if (g->spaced && solid && !u_hasBinaryProperty(c, UCHAR_LOWERCASE) &&
	    !(U_GET_GC_MASK(c) & U_GC_LT_MASK)) {
		g->broken = true; /* ". C": a new clause, which no chain enters */
		g->pending = false;
	}
	g->spaced = false;
	guard_start_word(g);
	if (g->open)
		g->open_cost += w;
	if (split)
		g->open = false; /* ... and after it */
	if (solid && g->dots > 0) {
		if (g->solids > 0 &&
		    (!is_solid(g->h[0]) || g->solids >= 2 || script_of(g->h[0]) != USCRIPT_LATIN ||
		     script_of(c) != USCRIPT_LATIN))
			g->broken = true;
		if (g->solids < 3)
			g->solids++;
	}
	guard_write(g, c);
}

/* Write `text` (sanitized, single spaces) to `out` with every dotted chain kept in bounds. */
static void guard_dot_chains(const char *text, const char *lang, rp_strbuf *out)
{
	chain_guard g = {.out = out};
	g.ko = lang && strcmp(lang, "ko") == 0;
	g.ideo = lang && (strcmp(lang, "cmn") == 0 || strcmp(lang, "ja") == 0);
	int32_t n = (int32_t)strlen(text);
	for (int32_t i = 0; i < n;) {
		UChar32 c;
		U8_NEXT_OR_FFFD(text, i, n, c);
		if (c == ' ')
			guard_space(&g);
		else if (is_chain_dot(c))
			guard_dot(&g, c);
		else
			guard_char(&g, c);
	}
}

char *rp_sanitize_for_espeak(const char *text, size_t len, const char *lang)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t ulen = 0;
	u_strFromUTF8WithSub(NULL, 0, &ulen, text, (int32_t)len, 0xFFFD, NULL, &err);
	err = U_ZERO_ERROR;
	UChar *u = malloc(((size_t)ulen + 1) * sizeof *u);
	if (!u)
		return NULL;
	rp_strbuf o = {0};
	u_strFromUTF8WithSub(u, ulen + 1, NULL, text, (int32_t)len, 0xFFFD, NULL, &err);
	blank_emoticons(u, ulen);

	int token = 0, digits = 0, punct_run = 0;
	for (int32_t i = 0; i < ulen;) {
		UChar32 c;
		U16_NEXT(u, i, ulen, c);
		if (u_isUWhiteSpace(c))
			c = ' ';
		else if (rp_is_unspoken_char((uint32_t)c))
			continue;
		else if (c == '[' || c == ']' || c == '{' || c == '}' || c == '~' || c == 0xFF5E ||
		         c == 0x301C || u_charType(c) == U_CONTROL_CHAR)
			c = ' ';
		if (c == ' ') {
			put(&o, ' ');
			token = digits = punct_run = 0;
			continue;
		}
		bool is_punct = U_GET_GC_MASK(c) & U_GC_P_MASK;
		if (is_punct) {
			if (++punct_run > 3)
				continue;
		} else {
			punct_run = 0;
		}
		if (is_ideograph(c)) {
			token = digits = 0;
			put(&o, c);
			continue;
		}
		bool digit = u_isdigit(c);
		if ((digit && digits >= RP_MAX_DIGITS) || token >= RP_MAX_TOKEN) {
			put(&o, ' ');
			token = digits = 0;
		}
		token++;
		digits = digit ? digits + 1 : 0;
		put(&o, c);
	}
	free(u);
	char *text1 = rp_strbuf_finish(&o);
	if (!text1)
		return NULL;
	rp_strbuf g = {0};
	guard_dot_chains(text1, lang, &g);
	free(text1);
	while (g.len > 0 && g.s[g.len - 1] == ' ')
		g.len--;
	if (g.s)
		g.s[g.len] = '\0';
	return rp_strbuf_finish(&g);
}
