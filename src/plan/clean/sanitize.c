/* What eSpeak NG is given (sanitize.h rp_sanitize_for_espeak, README "What eSpeak NG is
 * given"). eSpeak NG 1.51 has buffer overflows on some input (docs/espeak-ng.md#crashes:
 * #1302 digit runs over 32 characters, #2428 long dotted abbreviation chains, TranslateRules with
 * emoji glued to letters) and reads emoji by name in English voices. This pass works on UTF-16
 * (ICU) and:
 *   - blanks emoticons (¥_¥ ^_^ T_T :) ;-) (^_^) ...) found with an ICU regular expression;
 *   - drops emoji (Extended_Pictographic, modifiers, regional indicators, keycap, tags,
 *     variation selectors), other symbols (So, Sk) and format characters (ZWJ, bidi marks);
 *   - turns C0/C1 controls and all white space into single spaces;
 *   - drops [ ] { } (so "[[" phoneme input cannot form) and ~ ～ 〜 (lengthening marks);
 *   - shortens runs of more than three punctuation marks to their first three;
 *   - breaks tokens (runs without white space, not counting ideographs, which eSpeak NG treats as
 *     words of their own) after RP_MAX_TOKEN code points, digit runs after RP_MAX_DIGITS, and
 *     dotted chains (A.B.C.D.E.) after every RP_MAX_DOTS dots, by inserting a space.
 */
#include "radioplay.h"
#include "sanitize.h"
#include "strbuf.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

enum { RP_MAX_TOKEN = 32, RP_MAX_DIGITS = 16, RP_MAX_DOTS = 4 };

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

char *rp_sanitize_for_espeak(const char *text, size_t len, const char *lang)
{
	(void)lang;
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

	int token = 0, digits = 0, dots = 0, punct_run = 0;
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
			token = digits = dots = punct_run = 0;
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
			token = digits = dots = 0;
			put(&o, c);
			continue;
		}
		bool digit = u_isdigit(c);
		if ((digit && digits >= RP_MAX_DIGITS) || token >= RP_MAX_TOKEN ||
		    (c != '.' && dots >= RP_MAX_DOTS)) {
			put(&o, ' ');
			token = digits = dots = 0;
		}
		token++;
		digits = digit ? digits + 1 : 0;
		if (c == '.')
			dots++;
		put(&o, c);
	}
	while (o.len > 0 && o.s[o.len - 1] == ' ')
		o.len--;
	if (o.s)
		o.s[o.len] = '\0';
	free(u);
	return rp_strbuf_finish(&o);
}
