/* English normalization (normalize_lang.h rp_normalize_en). Only what eSpeak NG 1.51's en-us
 * voice reads badly is changed; every rule names the reading it fixes (checked with
 * `espeak-ng -q -x -v en-us`). Cardinals, ordinals (1st, 21st), decimals, 1,000, %, & and + are
 * read well by eSpeak NG and are left to it. The full list is in normalize.h. */
#include "normalize_lang.h"
#include "strbuf.h"
#include "text_scan.h"

#include <stdio.h>
#include <string.h>

static const char *const ONES[20] = {"zero",    "one",     "two",       "three",    "four",
                                     "five",    "six",     "seven",     "eight",    "nine",
                                     "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                     "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const TENS[10] = {"",      "",      "twenty",  "thirty", "forty",
                                     "fifty", "sixty", "seventy", "eighty", "ninety"};
static const char *const TENS_PLURAL[10] = {"",         "tens",    "twenties", "thirties",
                                            "forties",  "fifties", "sixties",  "seventies",
                                            "eighties", "nineties"};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_alpha(char c)
{
	return is_upper(c) || (c >= 'a' && c <= 'z');
}

static bool is_alnum(char c)
{
	return is_alpha(c) || is_digit(c);
}

/* 0..99 in words: 49 -> forty-nine. */
static void put_below_100(rp_strbuf *b, int v)
{
	if (v < 20) {
		rp_strbuf_puts(b, ONES[v]);
		return;
	}
	rp_strbuf_puts(b, TENS[v / 10]);
	if (v % 10) {
		rp_strbuf_puts(b, "-");
		rp_strbuf_puts(b, ONES[v % 10]);
	}
}

/* A year 1100..2099 as said in American English: 1999 nineteen ninety-nine, 1905 nineteen oh
 * five, 1900 nineteen hundred, 2000 two thousand, 2008 two thousand eight, 2049 twenty
 * forty-nine (eSpeak NG says "two thousand forty nine", "nineteen hundred ninety nine").
 * `decade`: the plural 1980s -> nineteen eighties. */
static void put_year(rp_strbuf *b, int y, bool decade)
{
	int hi = y / 100, lo = y % 100;
	if (y >= 2000 && y < 2010) {
		rp_strbuf_puts(b, "two thousand");
		if (lo) {
			rp_strbuf_puts(b, " ");
			rp_strbuf_puts(b, ONES[lo]);
		}
		if (decade)
			rp_strbuf_puts(b, "s");
		return;
	}
	put_below_100(b, hi);
	rp_strbuf_puts(b, " ");
	if (decade && lo % 10 == 0) {
		rp_strbuf_puts(b, lo ? TENS_PLURAL[lo / 10] : "hundreds");
		return;
	}
	if (lo == 0) {
		rp_strbuf_puts(b, "hundred");
		return;
	}
	if (lo < 10)
		rp_strbuf_puts(b, "oh ");
	put_below_100(b, lo);
}

/* Whether t[i] starts a word: not after a letter or digit. */
static bool word_start(const char *t, size_t i)
{
	return i == 0 || !is_alnum(t[i - 1]);
}

/* 'YY: '08 -> oh eight (eSpeak NG: "zero eight"), '95 -> ninety-five, '80s -> eighties.
 * Returns bytes consumed at t[i] (the apostrophe), 0 when it does not apply. */
static size_t put_short_year(rp_strbuf *b, const char *t, size_t len, size_t i)
{
	size_t q = rp_apostrophe_len(t, len, i);
	if (!q || !word_start(t, i) || rp_count_digits(t, len, i + q) != 2)
		return 0;
	size_t e = i + q + 2;
	int v = (int)rp_digits_value(t + i + q, 2);
	if (e < len && t[e] == 's' && (e + 1 == len || !is_alnum(t[e + 1])) && v % 10 == 0) {
		rp_strbuf_puts(b, TENS_PLURAL[v / 10]);
		return e + 1 - i;
	}
	if (e < len && is_alnum(t[e]))
		return 0;
	if (v < 10)
		rp_strbuf_puts(b, "oh ");
	put_below_100(b, v);
	return e - i;
}

/* Currency signs before a number, spoken after it: $5 -> 5 dollars (eSpeak NG: "dollar five"). */
static const struct {
	const char *sign, *one, *many, *cent, *cents;
} CURRENCY[] = {
	{"$", "dollar", "dollars", "cent", "cents"},
	{"€", "euro", "euros", "cent", "cents"},
	{"£", "pound", "pounds", "penny", "pence"},
	{"¥", "yen", "yen", NULL, NULL},
	{"₩", "won", "won", NULL, NULL},
};

static const char *const SCALE[] = {" thousand", " million", " billion", " trillion"};

/* $5, $1,000, $3.50, $0.99, $5 million, ¥100. Returns bytes consumed, 0 when no amount. */
static size_t put_money(rp_strbuf *b, const char *t, size_t len, size_t i)
{
	size_t k, at = 0;
	for (k = 0; k < RP_COUNT(CURRENCY); k++)
		if (rp_starts_with(t, len, i, CURRENCY[k].sign)) {
			at = i + strlen(CURRENCY[k].sign);
			break;
		}
	if (k == RP_COUNT(CURRENCY) || !rp_count_digits(t, len, at))
		return 0;
	size_t e = at + rp_count_digits(t, len, at);
	while (e + 3 < len && t[e] == ',' && rp_count_digits(t, len, e + 1) == 3)
		e += 4;
	size_t int_end = e, cents_at = 0;
	if (e < len && t[e] == '.' && rp_count_digits(t, len, e + 1) == 2 && CURRENCY[k].cent) {
		cents_at = e + 1;
		e += 3;
	} else if (e < len && t[e] == '.' && rp_count_digits(t, len, e + 1)) {
		e += 1 + rp_count_digits(t, len, e + 1); /* $1.5 million */
		int_end = e;
	}
	const char *scale = NULL;
	for (size_t s = 0; s < RP_COUNT(SCALE); s++)
		if (rp_starts_with(t, len, e, SCALE[s]) &&
		    (e + strlen(SCALE[s]) == len || !is_alpha(t[e + strlen(SCALE[s])]))) {
			scale = SCALE[s];
			break;
		}
	bool one = int_end - at == 1 && t[at] == '1' && !scale;
	bool zero = int_end - at == 1 && t[at] == '0';
	if (!(zero && cents_at)) {
		rp_strbuf_put(b, t + at, int_end - at);
		if (scale && !cents_at) {
			rp_strbuf_puts(b, scale);
			e += strlen(scale);
		}
		rp_strbuf_puts(b, " ");
		rp_strbuf_puts(b, one ? CURRENCY[k].one : CURRENCY[k].many);
	}
	if (cents_at && rp_digits_value(t + cents_at, 2) > 0) {
		long c = rp_digits_value(t + cents_at, 2);
		if (!zero)
			rp_strbuf_puts(b, " ");
		char num[4];
		snprintf(num, sizeof num, "%ld", c);
		rp_strbuf_puts(b, num);
		rp_strbuf_puts(b, " ");
		rp_strbuf_puts(b, c == 1 ? CURRENCY[k].cent : CURRENCY[k].cents);
	} else if (zero && cents_at) {
		rp_strbuf_puts(b, "0 ");
		rp_strbuf_puts(b, CURRENCY[k].many);
	}
	return e - i;
}

/* A plain 4-digit number 1100..2099 that is not part of a larger number, amount or code:
 * read as a year (in 2049). Returns its value or 0. */
static int year_at(const char *t, size_t len, size_t i)
{
	if (rp_count_digits(t, len, i) != 4 || !word_start(t, i) || (i > 0 && t[i - 1] == '.') ||
	    (i > 0 && t[i - 1] == '#'))
		return 0;
	size_t e = i + 4;
	if (e < len && (t[e] == '%' || is_alpha(t[e]) ||
	                ((t[e] == '.' || t[e] == ',') && e + 1 < len && is_digit(t[e + 1]))))
		return 0;
	int y = (int)rp_digits_value(t + i, 4);
	return y >= 1100 && y <= 2099 ? y : 0;
}

/* Length of a range mark - ~ – at t[i], 0 when there is none. */
static size_t range_dash(const char *t, size_t len, size_t i)
{
	if (i < len && (t[i] == '-' || t[i] == '~'))
		return 1;
	return rp_starts_with(t, len, i, "–") ? strlen("–") : 0;
}

/* Numbers: years, decades, times, ratios, ranges, fractions. Returns bytes consumed at the
 * digit t[i], 0 to leave the number to eSpeak NG. */
static size_t put_number(rp_strbuf *b, const char *t, size_t len, size_t i)
{
	if (!word_start(t, i) || (i > 0 && (t[i - 1] == '.' || t[i - 1] == ':')))
		return 0;
	size_t n = rp_count_digits(t, len, i), e = i + n;
	/* decades: 1980s -> nineteen eighties, 80s -> eighties (eSpeak NG: "eighty z") */
	if (e < len && t[e] == 's' && (e + 1 == len || !is_alnum(t[e + 1])) && t[e - 1] == '0') {
		int v = (int)rp_digits_value(t + i, n);
		if (n == 4 && v >= 1100 && v <= 2099) {
			put_year(b, v, true);
			return e + 1 - i;
		}
		if (n == 2) {
			rp_strbuf_puts(b, TENS_PLURAL[v / 10]);
			return e + 1 - i;
		}
	}
	/* times and ratios: 3:05 -> 3 oh 5, 12:00 -> 12 o'clock (eSpeak NG: "zero five",
	 * "zero zero"); 1:1 -> 1 to 1 (eSpeak NG: "colon") */
	if (n <= 2 && e + 1 < len && t[e] == ':' && is_digit(t[e + 1])) {
		size_t m = rp_count_digits(t, len, e + 1);
		if (m == 2 && rp_digits_value(t + i, n) <= 24 &&
		    rp_digits_value(t + e + 1, 2) <= 59 && !(e + 3 < len && t[e + 3] == ':')) {
			size_t end = e + 3;
			if (t[e + 1] != '0') { /* 14:30: eSpeak NG says "fourteen thirty" */
				rp_strbuf_put(b, t + i, end - i);
			} else {
				rp_strbuf_put(b, t + i, n);
				if (t[e + 2] == '0') {
					rp_strbuf_puts(b, " o'clock");
				} else {
					rp_strbuf_puts(b, " oh ");
					rp_strbuf_put(b, t + e + 2, 1);
				}
			}
			/* 10:30-11:00 -> 10:30 to 11 o'clock */
			size_t dash = range_dash(t, len, end);
			size_t h2 = rp_count_digits(t, len, end + dash);
			if (dash && h2 >= 1 && h2 <= 2 && end + dash + h2 < len &&
			    t[end + dash + h2] == ':') {
				rp_strbuf_puts(b, " to ");
				return end + dash - i;
			}
			return end - i;
		}
		if (m != 2) {
			rp_strbuf_put(b, t + i, n);
			rp_strbuf_puts(b, " to ");
			rp_strbuf_put(b, t + e + 1, m);
			return e + 1 + m - i;
		}
		return 0;
	}
	/* fractions: 1/2 one half, 3/4 three quarters, 24/7 twenty-four seven, 50/50 fifty-fifty,
	 * 2/3 2 over 3 (eSpeak NG: "slash"); dates with two slashes are left alone */
	if (n <= 2 && e + 1 < len && t[e] == '/' && is_digit(t[e + 1])) {
		size_t m = rp_count_digits(t, len, e + 1);
		if (m <= 2 &&
		    !(e + 1 + m < len && (t[e + 1 + m] == '/' || is_alnum(t[e + 1 + m])))) {
			long a = rp_digits_value(t + i, n), d = rp_digits_value(t + e + 1, m);
			if (a == 24 && d == 7) {
				rp_strbuf_puts(b, "twenty-four seven");
			} else if (a == 50 && d == 50) {
				rp_strbuf_puts(b, "fifty-fifty");
			} else if (d == 2 || d == 4) {
				rp_strbuf_put(b, t + i, n);
				rp_strbuf_puts(b, d == 2 ? (a == 1 ? " half" : " halves")
				                         : (a == 1 ? " quarter" : " quarters"));
			} else {
				rp_strbuf_put(b, t + i, n);
				rp_strbuf_puts(b, " over ");
				rp_strbuf_put(b, t + e + 1, m);
			}
			return e + 1 + m - i;
		}
	}
	/* ranges: 5-10 -> 5 to 10, 1990-1995 -> years (eSpeak NG: "dash") */
	size_t dash = range_dash(t, len, e);
	if (dash && n <= 4 && is_digit(t[e + dash < len ? e + dash : e])) {
		size_t m = rp_count_digits(t, len, e + dash), f = e + dash + m;
		if (m && m <= 4 && !(f < len && (is_alnum(t[f]) || t[f] == '-' || t[f] == '.'))) {
			int ya = year_at(t, len, i), yb = year_at(t, len, e + dash);
			if (ya && yb)
				put_year(b, ya, false);
			else
				rp_strbuf_put(b, t + i, n);
			rp_strbuf_puts(b, " to ");
			if (ya && yb)
				put_year(b, yb, false);
			else
				rp_strbuf_put(b, t + e + dash, m);
			return f - i;
		}
	}
	int y = year_at(t, len, i);
	if (y) {
		put_year(b, y, false);
		return 4;
	}
	return 0;
}

/* All-caps words of two or three letters (four with at most one vowel) that begin with a vowel
 * are spelled letter by letter with hyphens: eSpeak NG reads OST, EP, AM, IQ as words when they
 * end a clause (which a one-word English span in Mandarin text always does) and ASMR, AKA
 * everywhere; it already spells those that begin with consonants it cannot pronounce (FKA,
 * CFCF, MV) and those in SPELLED_RIGHT. Common English words written in capitals are kept, and so is
 * a capitalised word next to another capitalised word (HIT ME HARD AND SOFT: shouting or a
 * title). */
static const char *const CAPS_WORDS[] = {
	"A",    "I",    "AN",   "AND",  "ARE",  "AS",   "AT",   "ALL",  "ANY",  "ART",
	"ASK",  "ATE",  "AGE",  "AGO",  "AID",  "AIM",  "AIR",  "ACE",  "ACT",  "ADD",
	"ARM",  "EAR",  "EAT",  "EGG",  "END",  "ERA",  "EYE",  "EH",   "ICE",  "ILL",
	"INK",  "IF",   "IN",   "IS",   "IT",   "ITS",  "OF",   "OH",   "OK",   "ON",
	"OR",   "OAK",  "ODD",  "OFF",  "OIL",  "OLD",  "ONE",  "OUR",  "OUT",  "OWE",
	"OWN",  "UP",   "USE",  "UGH",  "UH",   "UM",   "OW",   "AH",   "AW",   "OOH",
	"AHA",  "ONLY", "ARMS", "ARTS", "ENDS", "INCH", "ITCH", "ANTS", "ACTS", "ADDS",
	"ASKS", "OWNS", "UPS",  "YES",  "ELF",  "ELK",  "EMS",  "IMP",
};

/* Acronyms that begin with a vowel which eSpeak NG already spells wherever they stand (checked
 * alone and inside a clause): left as they are. */
static const char *const SPELLED_RIGHT[] = {
	"AI", "UI", "UK", "US", "EU", "IP", "OS", "OMG", "UFO", "IMO", "OCD", "ATM", "ATV", "ADHD",
};

static bool in_list(const char *w, size_t n, const char *const *list, size_t count)
{
	for (size_t k = 0; k < count; k++)
		if (strlen(list[k]) == n && memcmp(list[k], w, n) == 0)
			return true;
	return false;
}

static bool caps_word_at(const char *t, size_t len, size_t i, size_t *n)
{
	size_t k = 0;
	while (i + k < len && is_upper(t[i + k]))
		k++;
	*n = k;
	return k > 0 && word_start(t, i) && !(i + k < len && is_alnum(t[i + k]));
}

static bool is_caps_word(const char *w, size_t n)
{
	return in_list(w, n, CAPS_WORDS, RP_COUNT(CAPS_WORDS));
}

/* Whether the word before i or after e (across spaces) is a capitalised word that makes this a
 * shouted phrase or a title: a common word in capitals or one of five letters or more. */
static bool caps_neighbour(const char *t, size_t len, size_t i, size_t e)
{
	size_t p = i;
	while (p > 0 && t[p - 1] == ' ')
		p--;
	if (p < i) {
		size_t s = p;
		while (s > 0 && is_alpha(t[s - 1]))
			s--;
		size_t n;
		if (s < p && caps_word_at(t, len, s, &n) && s + n == p && n >= 1 &&
		    (n >= 5 || is_caps_word(t + s, n)))
			return true;
	}
	size_t q = e;
	while (q < len && t[q] == ' ')
		q++;
	size_t n;
	if (q > e && q < len && caps_word_at(t, len, q, &n) && (n >= 5 || is_caps_word(t + q, n)))
		return true;
	return false;
}

static bool is_vowel(char c)
{
	return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

/* Returns bytes consumed at t[i] (an upper-case letter), 0 to leave the word alone. */
static size_t put_acronym(rp_strbuf *b, const char *t, size_t len, size_t i)
{
	size_t n;
	if (!caps_word_at(t, len, i, &n))
		return 0;
	/* A/B -> A-B (eSpeak NG: "a slash b") */
	if (n == 1 && i + 2 < len && t[i + 1] == '/' && is_upper(t[i + 2]) &&
	    (i + 3 == len || !is_alnum(t[i + 3]))) {
		rp_strbuf_put(b, t + i, 1);
		rp_strbuf_puts(b, "-");
		rp_strbuf_put(b, t + i + 2, 1);
		return 3;
	}
	size_t vowels = 0;
	for (size_t k = 0; k < n; k++)
		vowels += is_vowel(t[i + k]);
	if (n < 2 || n > 4 || (n == 4 && vowels > 1) || !is_vowel(t[i]) || is_caps_word(t + i, n) ||
	    in_list(t + i, n, SPELLED_RIGHT, RP_COUNT(SPELLED_RIGHT)) ||
	    caps_neighbour(t, len, i, i + n))
		return 0;
	for (size_t k = 0; k < n; k++) {
		if (k)
			rp_strbuf_puts(b, "-");
		rp_strbuf_put(b, t + i + k, 1);
	}
	return n;
}

/* Symbols and punctuation: 30°C -> 30 degrees Celsius; , ; : ! ? glued to the next word get a
 * space (eSpeak NG reads "good:good" with "colon", "good?good" as one word, and
 * pauses at none of them); ~ before a number is "about", elsewhere a pause (eSpeak NG: "tilde");
 * # and "No." before a number are "number". Returns bytes consumed, 0 when none applies. */
static size_t put_punct(rp_strbuf *b, const char *t, size_t len, size_t i)
{
	char c = t[i];
	if (c == ',' || c == ';' || c == ':' || c == '!' || c == '?') {
		rp_strbuf_put(b, t + i, 1);
		if (i + 1 < len && (is_alpha(t[i + 1]) || (unsigned char)t[i + 1] >= 0x80) &&
		    !(c == ':' && t[i + 1] == '/'))
			rp_strbuf_puts(b, " ");
		return 1;
	}
	if (c == '~') {
		size_t j = i + 1;
		while (j < len && t[j] == ' ')
			j++;
		if (j < len && is_digit(t[j])) {
			rp_strbuf_puts(b, i > 0 && t[i - 1] != ' ' ? " about " : "about ");
			return j - i;
		}
		rp_strbuf_puts(b, j < len && is_alpha(t[j]) ? ", " : " ");
		return j - i;
	}
	/* 30°C: eSpeak NG says "degrees C" */
	static const char *const DEGREES[][2] = {{"°C", " degrees Celsius"},
	                                         {"℃", " degrees Celsius"},
	                                         {"°F", " degrees Fahrenheit"},
	                                         {"℉", " degrees Fahrenheit"}};
	for (size_t k = 0; k < RP_COUNT(DEGREES); k++) {
		size_t n = strlen(DEGREES[k][0]);
		if (rp_starts_with(t, len, i, DEGREES[k][0]) && i > 0 && is_digit(t[i - 1]) &&
		    !(i + n < len && is_alpha(t[i + n]))) {
			rp_strbuf_puts(b, DEGREES[k][1]);
			return n;
		}
	}
	if (c == '#' && i + 1 < len && is_digit(t[i + 1])) {
		rp_strbuf_puts(b, "number ");
		return 1;
	}
	if (rp_starts_with(t, len, i, "No.") && word_start(t, i)) {
		size_t j = i + 3;
		while (j < len && t[j] == ' ')
			j++;
		if (j < len && is_digit(t[j])) {
			rp_strbuf_puts(b, "number ");
			return j - i;
		}
	}
	return 0;
}

char *rp_normalize_en(const char *text, size_t len)
{
	rp_strbuf b = {0};
	for (size_t i = 0; i < len;) {
		char c = text[i];
		size_t used = 0;
		if (is_digit(c))
			used = put_number(&b, text, len, i);
		else if (is_upper(c))
			used = put_acronym(&b, text, len, i);
		else
			used = put_short_year(&b, text, len, i);
		if (!used)
			used = put_money(&b, text, len, i);
		if (!used)
			used = put_punct(&b, text, len, i);
		if (!used) { /* copy the word or number as it is, so no rule starts inside it */
			size_t e = i + 1;
			if (is_alnum(c))
				while (e < len && is_alnum(text[e]))
					e++;
			rp_strbuf_put(&b, text + i, e - i);
			used = e - i;
		}
		i += used;
	}
	return rp_strbuf_finish(&b);
}
