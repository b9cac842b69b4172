/* Mandarin normalization (normalize_lang.h rp_normalize_cmn): numbers are written out as
 * hanzi number words the way a Mandarin speaker reads them, so that eSpeak NG's cmn-latn-pinyin
 * voice never sees a digit (it reads 2049 as 二千四十九, 3.5 as 三 五 and 30% with an English
 * "percent": docs/espeak-ng.md#mandarin-numbers). The readings follow the public description in
 * PaddleSpeech's zh_normalization (paddlespeech/t2s/frontend/zh_normalization: num.py,
 * chronology.py, quantifier.py), which follows https://zh.wikipedia.org/wiki/中文数字 ; the
 * differences are noted where they are made. The full list of rules is in normalize.h. */
#include "normalize_lang.h"
#include "strbuf.h"
#include "text_scan.h"

#include <stdint.h>
#include <string.h>

static const char *const DIGIT[10] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

/* How a 2 is read: 二 or 两 (liang). */
enum liang {
	LIANG_NEVER, /* 第2, 2月, 2号, 2.5, 百分之二: always 二 */
	LIANG_BIG, /* 2 before 千, 万, 亿 and a leading 2 before 百: 两千, 一万两千, 两百 */
	LIANG_ALL, /* and a lone 2 before a measure word: 两个, 两点 */
};

/* Measure words (量词) and units after which a number is read as a cardinal and a lone 2 is 两.
 * After PaddleSpeech quantifier lists (num.py COM_QUANTIFIERS), shortened to common ones.
 * Longer entries first where one is a prefix of another. */
static const char *const MEASURE_LIANG[] = {
	"小时", "分钟", "秒钟", "星期", "公斤", "公里", "千米", "千克", "周年", "礼拜", "个", "次",
	"位",   "名",   "只",   "条",   "张",   "件",   "本",   "部",   "首",   "种",   "样", "天",
	"周",   "岁",   "秒",   "分",   "点",   "年",   "倍",   "遍",   "杯",   "家",   "场", "层",
	"块",   "元",   "份",   "台",   "辆",   "人",   "斤",   "米",   "克",   "段",   "句", "篇",
	"集",   "章",   "节",   "页",   "双",   "对",   "套",   "组",   "群",   "批",   "项", "门",
	"间",   "所",   "座",   "棵",   "朵",   "片",   "根",   "支",   "把",   "口",   "头", "匹",
	"袋",   "瓶",   "碗",   "盒",   "箱",   "声",   "下",   "步",   "回",   "趟",   "票", "款",
	"颗",   "粒",   "轮",   "题",   "届",   "期",   "代",   "辈",   "万",   "亿",   "千", "百",
	"帧",   "行",   "碟",   "盘",   "招",   "季",
};
/* Units after which a number is a cardinal but 2 stays 二 (二月, 二号, 二度, 二楼, 二年级) and
 * 多/余/来/几, which stand between a number and its measure word (二十多个). */
static const char *const MEASURE_ER[] = {
	"年级", "月", "日", "号", "度", "级", "楼", "多", "余", "来", "几", "成", "折",
};

/* After "NN年": 年代 is a decade (八十年代: cardinal, not PaddleSpeech's digit reading);
 * these make NN年 a length of time (二十年前). */
static const char *const YEAR_SPAN[] = {"年前", "年后", "年来",   "年间", "年多",
                                        "年里", "年以", "年左右", "年了", "年的时间"};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_ascii_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool starts_with_any(const char *t, size_t len, size_t i, const char *const *list, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (rp_starts_with(t, len, i, list[k]))
			return true;
	return false;
}

/* Digit by digit: 2049 -> 二零四九 (PaddleSpeech verbalize_digit). */
static void put_digits(rp_strbuf *b, const char *d, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (is_digit(d[k]))
			rp_strbuf_puts(b, DIGIT[d[k] - '0']);
}

/* One section of at most four digits (千百十个), `d` without leading zeros. `leading`: the first
 * section of the whole number (10-19 are read 十.., not 一十..); `before_unit`: 万 or 亿 follows
 * (a section that is just 2 is then 两 in LIANG_BIG). Zeros inside read as one 零 (一千零五). */
static void put_section(rp_strbuf *b, const char *d, size_t n, bool leading, bool before_unit,
                        enum liang liang)
{
	static const char *const UNIT[4] = {"", "十", "百", "千"};
	bool zero = false;
	for (size_t k = 0; k < n; k++) {
		int v = d[k] - '0';
		size_t pos = n - 1 - k; /* 0 = ones */
		if (v == 0) {
			zero = true;
			continue;
		}
		if (zero)
			rp_strbuf_puts(b, "零");
		zero = false;
		if (v == 1 && pos == 1 && k == 0 && leading) {
			rp_strbuf_puts(b, "十");
			continue;
		}
		bool two_liang = v == 2 && liang != LIANG_NEVER &&
		                 (pos == 3 || (pos == 2 && k == 0 && leading) ||
		                  (pos == 0 && n == 1 && (before_unit || liang == LIANG_ALL)));
		rp_strbuf_puts(b, two_liang ? "两" : DIGIT[v]);
		rp_strbuf_puts(b, UNIT[pos]);
	}
}

/* Cardinal of the digit string `d` (`n` digits, any leading zeros skipped), sections of four
 * digits joined with 万 and 亿 (PaddleSpeech verbalize_cardinal; a zero section or a section
 * below 1000 after a higher one gives 零: 一万零五十, which PaddleSpeech drops). More than 16
 * digits are read digit by digit. */
static void put_cardinal_at(rp_strbuf *b, const char *d, size_t n, bool leading, bool before_unit,
                            enum liang liang)
{
	while (n > 1 && d[0] == '0')
		d++, n--;
	if (n == 1 && d[0] == '0') {
		rp_strbuf_puts(b, DIGIT[0]);
		return;
	}
	if (n > 16) {
		put_digits(b, d, n);
		return;
	}
	size_t split = n > 8 ? 8 : n > 4 ? 4 : 0;
	if (!split) {
		put_section(b, d, n, leading, before_unit, liang);
		return;
	}
	put_cardinal_at(b, d, n - split, leading, true, liang);
	rp_strbuf_puts(b, split == 8 ? "亿" : "万");
	const char *lo = d + n - split;
	size_t z = 0;
	while (z < split && lo[z] == '0')
		z++;
	if (z == split)
		return;
	if (z > 0)
		rp_strbuf_puts(b, "零");
	put_cardinal_at(b, lo + z, split - z, false, before_unit, liang);
}

/* Cardinal of digits that may hold grouping commas ("1,000"): the commas are skipped. */
static void put_cardinal(rp_strbuf *b, const char *d, size_t n, enum liang liang)
{
	char buf[17];
	size_t m = 0;
	for (size_t k = 0; k < n; k++) {
		if (!is_digit(d[k]))
			continue;
		if (m == sizeof buf - 1) { /* too long for a cardinal: digit by digit */
			put_digits(b, d, n);
			return;
		}
		buf[m++] = d[k];
	}
	put_cardinal_at(b, buf, m, true, false, liang);
}

/* One number as written: [currency][-]['](digits[,ddd]*)[.digits][%|°C|℃|°]. */
typedef struct term {
	size_t start, end;        /* bytes of text covered */
	const char *currency;     /* spoken unit of a leading currency sign, or NULL */
	bool neg;                 /* leading minus */
	bool apos;                /* '08: an abbreviated year */
	size_t int_at, int_len;   /* integer digits (with grouping commas when grouped) */
	bool grouped;             /* 1,000 */
	size_t frac_at, frac_len; /* digits after the decimal point; frac_len 0 when none */
	enum { SUF_NONE, SUF_PERCENT, SUF_DEGREE } suffix;
} term;

/* Currency signs before a number: spoken after it (¥ is 元 in Chinese text). */
static const struct {
	const char *sign, *word;
} CURRENCY[] = {{"¥", "元"}, {"$", "美元"}, {"€", "欧元"}, {"£", "英镑"}, {"₩", "韩元"}};

/* Parse a term at text[i]; false when there is none. `sign_ok`: a '-' here may be a minus (it is
 * not after a digit or a letter). */
static bool parse_term(const char *t, size_t len, size_t i, bool sign_ok, term *out)
{
	term r = {.start = i};
	for (size_t k = 0; k < RP_COUNT(CURRENCY); k++)
		if (rp_starts_with(t, len, i, CURRENCY[k].sign)) {
			r.currency = CURRENCY[k].word;
			i += strlen(CURRENCY[k].sign);
			break;
		}
	if (sign_ok && i + 1 < len && t[i] == '-' && is_digit(t[i + 1])) {
		r.neg = true;
		i++;
	}
	if (!r.currency && !r.neg) {
		size_t q = rp_apostrophe_len(t, len, i);
		if (q && rp_count_digits(t, len, i + q) == 2) {
			r.apos = true;
			i += q;
		}
	}
	size_t n = rp_count_digits(t, len, i);
	if (n == 0)
		return false;
	r.int_at = i;
	i += n;
	if (!r.apos && n <= 3) { /* grouping: 1,000 and 12,345,678 */
		while (i + 4 <= len && t[i] == ',' && rp_count_digits(t, len, i + 1) == 3 &&
		       (i + 4 == len || !is_digit(t[i + 4]))) {
			r.grouped = true;
			i += 4;
		}
	}
	r.int_len = i - r.int_at;
	if (!r.apos && i + 1 < len && t[i] == '.' && is_digit(t[i + 1])) {
		r.frac_at = i + 1;
		r.frac_len = rp_count_digits(t, len, i + 1);
		i = r.frac_at + r.frac_len;
	}
	if (i < len && t[i] == '%') {
		r.suffix = SUF_PERCENT;
		i++;
	} else if (rp_starts_with(t, len, i, "℃") || rp_starts_with(t, len, i, "℉")) {
		r.suffix = SUF_DEGREE;
		i += strlen("℃");
	} else if (rp_starts_with(t, len, i, "°")) {
		r.suffix = SUF_DEGREE;
		i += strlen("°");
		if (i < len && (t[i] == 'C' || t[i] == 'F'))
			i++;
	}
	r.end = i;
	*out = r;
	return true;
}

static bool plain_int(const term *r)
{
	return !r->currency && !r->neg && !r->apos && !r->grouped && !r->frac_len &&
	       r->suffix == SUF_NONE;
}

/* Whether `ordinal` (第 before the number) or the text at `f` (after the whole expression) makes
 * this integer a cardinal, and with which 两 rule. Returns false for a bare number. */
static bool cardinal_context(const char *t, size_t len, size_t f, bool ordinal, enum liang *liang)
{
	if (ordinal) {
		*liang = LIANG_NEVER;
		return true;
	}
	if (starts_with_any(t, len, f, MEASURE_ER, RP_COUNT(MEASURE_ER))) {
		*liang = LIANG_NEVER;
		return true;
	}
	if (starts_with_any(t, len, f, MEASURE_LIANG, RP_COUNT(MEASURE_LIANG))) {
		*liang = LIANG_ALL;
		return true;
	}
	return false;
}

/* Speak term `r`; `f` is where the text goes on after the expression it belongs to (for a range,
 * after its second term), `ordinal` whether 第 comes before it. */
static void put_term(rp_strbuf *b, const char *t, size_t len, const term *r, size_t f, bool ordinal)
{
	const char *d = t + r->int_at;
	size_t n = r->int_len;
	if (r->neg)
		rp_strbuf_puts(b, r->suffix == SUF_DEGREE ? "零下" : "负");
	if (r->suffix == SUF_PERCENT)
		rp_strbuf_puts(b, "百分之");
	if (r->apos) { /* '08年, '08 */
		put_digits(b, d, n);
	} else if (r->frac_len || r->suffix != SUF_NONE || r->currency) {
		put_cardinal(b, d, n,
		             r->frac_len || r->suffix == SUF_PERCENT ? LIANG_NEVER : LIANG_ALL);
		if (r->frac_len) {
			rp_strbuf_puts(b, "点");
			put_digits(b, t + r->frac_at, r->frac_len);
		}
	} else if (r->grouped) {
		enum liang liang = LIANG_BIG;
		cardinal_context(t, len, f, ordinal, &liang);
		put_cardinal(b, d, n, liang);
	} else if (n > 1 && d[0] == '0') { /* 007, 01010011: a code, digit by digit */
		put_digits(b, d, n);
	} else if (rp_starts_with(t, len, f, "年") && !rp_starts_with(t, len, f, "年级")) {
		/* years: 2008年, 98年 digit by digit (PaddleSpeech RE_DATE); but 八十年代, 二十年前,
		 * 五百年, 两年: a length of time or a decade */
		if (n == 4 || (n == 2 && !rp_starts_with(t, len, f, "年代") &&
		               !starts_with_any(t, len, f, YEAR_SPAN, RP_COUNT(YEAR_SPAN))))
			put_digits(b, d, n);
		else
			put_cardinal(b, d, n, n == 1 ? LIANG_ALL : LIANG_BIG);
	} else {
		enum liang liang;
		if (cardinal_context(t, len, f, ordinal, &liang))
			put_cardinal(b, d, n, liang);
		else if (n >=
		         3) /* a bare long number: 《银翼杀手2049》 (PaddleSpeech RE_DEFAULT_NUM) */
			put_digits(b, d, n);
		else
			put_cardinal(b, d, n, LIANG_NEVER);
	}
	if (r->currency)
		rp_strbuf_puts(b, r->currency);
	if (r->suffix == SUF_DEGREE)
		rp_strbuf_puts(b, "度");
}

/* Time of day H:MM[:SS] (PaddleSpeech chronology.py replace_time): 14:30 -> 十四点三十分,
 * 2:05 -> 两点零五分, 8:00 -> 八点. Returns bytes consumed from i, 0 when it is no time. */
static size_t put_time(rp_strbuf *b, const char *t, size_t len, size_t i)
{
	size_t h = rp_count_digits(t, len, i);
	if (h < 1 || h > 2 || i + h >= len || t[i + h] != ':')
		return 0;
	size_t m_at = i + h + 1;
	if (rp_count_digits(t, len, m_at) != 2)
		return 0;
	long hv = rp_digits_value(t + i, h), mv = rp_digits_value(t + m_at, 2), sv = 0;
	size_t end = m_at + 2;
	size_t s_at = 0;
	if (end < len && t[end] == ':' && rp_count_digits(t, len, end + 1) == 2) {
		s_at = end + 1;
		sv = rp_digits_value(t + s_at, 2);
		end = s_at + 2;
	}
	if (hv > 24 || mv > 59 || sv > 59)
		return 0;
	put_cardinal(b, t + i, h, LIANG_ALL);
	rp_strbuf_puts(b, "点");
	if (mv || sv) {
		if (t[m_at] == '0')
			rp_strbuf_puts(b, "零");
		put_cardinal(b, t + m_at, 2, LIANG_NEVER);
		rp_strbuf_puts(b, "分");
	}
	if (sv) {
		if (t[s_at] == '0')
			rp_strbuf_puts(b, "零");
		put_cardinal(b, t + s_at, 2, LIANG_NEVER);
		rp_strbuf_puts(b, "秒");
	}
	return end - i;
}

/* Date YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD (PaddleSpeech replace_date2) -> 二零二四年三月五日.
 * Returns bytes consumed, 0 when it is no such date. */
static size_t put_date(rp_strbuf *b, const char *t, size_t len, size_t i)
{
	if (rp_count_digits(t, len, i) != 4 || i + 4 >= len)
		return 0;
	char sep = t[i + 4];
	if (sep != '-' && sep != '/' && sep != '.')
		return 0;
	size_t m_at = i + 5, mn = rp_count_digits(t, len, m_at);
	if (mn < 1 || mn > 2 || m_at + mn >= len || t[m_at + mn] != sep)
		return 0;
	size_t d_at = m_at + mn + 1, dn = rp_count_digits(t, len, d_at);
	if (dn < 1 || dn > 2)
		return 0;
	long mv = rp_digits_value(t + m_at, mn), dv = rp_digits_value(t + d_at, dn);
	if (mv < 1 || mv > 12 || dv < 1 || dv > 31)
		return 0;
	put_digits(b, t + i, 4);
	rp_strbuf_puts(b, "年");
	put_cardinal(b, t + m_at, mn, LIANG_NEVER);
	rp_strbuf_puts(b, "月");
	put_cardinal(b, t + d_at, dn, LIANG_NEVER);
	rp_strbuf_puts(b, rp_starts_with(t, len, d_at + dn, "日") ||
	                                  rp_starts_with(t, len, d_at + dn, "号")
	                          ? ""
	                          : "日");
	return d_at + dn - i;
}

/* A range mark between two numbers: - ~ – (U+2013) 至 is left alone. Returns its length. */
static size_t range_mark(const char *t, size_t len, size_t i)
{
	if (i < len && (t[i] == '-' || t[i] == '~'))
		return 1;
	if (rp_starts_with(t, len, i, "–"))
		return strlen("–");
	return 0;
}

/* Whether only white space lies between the start of the text or a line and i. */
static bool at_line_start(const char *t, size_t i)
{
	while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t'))
		i--;
	return i == 0 || t[i - 1] == '\n';
}

/* A number expression at t[i] (a digit, or a sign, currency sign or apostrophe before one).
 * Writes its reading and returns the bytes consumed (0 when there is no number here). */
static size_t put_number(rp_strbuf *b, const char *t, size_t len, size_t i)
{
	bool sign_ok = i == 0 ||
	               !(is_digit(t[i - 1]) || is_ascii_alpha(t[i - 1]) || t[i - 1] == ')');
	bool ordinal = i >= 3 && rp_starts_with(t, len, i - 3, "第");
	size_t used;
	if ((used = put_date(b, t, len, i)) || (used = put_time(b, t, len, i)))
		return used;
	term a;
	if (!parse_term(t, len, i, sign_ok, &a))
		return 0;
	size_t f = a.end;
	if (plain_int(&a) && f + 1 < len && is_digit(t[f + 1])) {
		if (t[f] == ':') { /* ratio 1:1 -> 一比一 */
			term c;
			parse_term(t, len, f + 1, false, &c);
			put_term(b, t, len, &a, f, ordinal);
			rp_strbuf_puts(b, "比");
			put_term(b, t, len, &c, c.end, false);
			return c.end - i;
		}
		size_t dn = rp_count_digits(t, len, f + 1);
		if (t[f] == '/' && t[f + 1] != '0' && !(f + 1 + dn < len && t[f + 1 + dn] == '/')) {
			/* fraction 7/12 -> 十二分之七 (PaddleSpeech replace_frac) */
			put_cardinal(b, t + f + 1, dn, LIANG_NEVER);
			rp_strbuf_puts(b, "分之");
			put_cardinal(b, t + a.int_at, a.int_len, LIANG_NEVER);
			return f + 1 + dn - i;
		}
	}
	size_t rm = range_mark(t, len, f);
	term c;
	if (rm && !a.apos && parse_term(t, len, f + rm, false, &c)) {
		/* range 5-10个 -> 五到十个 (PaddleSpeech replace_range); a unit written only after the
		 * second number is read with both: 5-10% -> 百分之五到百分之十 */
		if (a.suffix == SUF_NONE && !a.frac_len && c.suffix != SUF_NONE)
			a.suffix = c.suffix;
		if (!a.currency && c.currency) {
			a.currency = c.currency;
			c.currency = NULL;
		} else if (a.currency && !c.currency) {
			c.currency = a.currency;
			a.currency = NULL;
		}
		put_term(b, t, len, &a, c.end, ordinal);
		rp_strbuf_puts(b, "到");
		put_term(b, t, len, &c, c.end, false);
		return c.end - i;
	}
	if (plain_int(&a) && a.int_len <= 2 && f < len && t[f] == '.' && at_line_start(t, i) &&
	    (f + 1 == len || t[f + 1] == ' ' || t[f + 1] == '\t' || t[f + 1] == '\n')) {
		/* list item "1. 我们希望" -> 一、我们希望 */
		put_cardinal(b, t + a.int_at, a.int_len, LIANG_NEVER);
		rp_strbuf_puts(b, "、");
		f++;
		while (f < len && (t[f] == ' ' || t[f] == '\t'))
			f++;
		return f - i;
	}
	put_term(b, t, len, &a, f, ordinal);
	return f - i;
}

/* ASCII punctuation and symbols left after the numbers: the fullwidth marks eSpeak NG's Mandarin
 * voice pauses on without a following space (it ignores "好,好" but pauses at "好，好"), and hanzi
 * for symbols it would otherwise read in English (+ & = # @ * / \ % ~ give "(en)plus" ...).
 * Returns bytes consumed at t[i], 0 when t[i] is not one of them. */
static size_t put_symbol(rp_strbuf *b, const char *t, size_t len, size_t i)
{
	static const struct {
		char c;
		const char *out;
	} MAP[] = {
		{',', "，"}, {';', "；"}, {':', "："},   {'!', "！"}, {'?', "？"},
		{'+', "加"}, {'&', "和"}, {'=', "等于"}, {'#', " "},  {'@', " "},
		{'*', " "},  {'/', " "},  {'\\', " "},   {'%', " "},  {'|', " "},
		{'^', " "},  {'_', " "},  {'$', " "},    {'`', " "},
	};
	char c = t[i];
	if (c == '.') { /* ... (NFKC of …) and .. -> …, a lone . -> 。 */
		size_t n = 1;
		while (i + n < len && t[i + n] == '.')
			n++;
		rp_strbuf_puts(b, n > 1 ? "…" : "。");
		return n;
	}
	if (c == '~') { /* a lengthening mark: a short pause inside a clause, nothing at its end */
		size_t j = i + 1;
		while (j < len && (t[j] == '~' || t[j] == ' '))
			j++;
		bool more = j < len && (unsigned char)t[j] >= 0x80 &&
		            !rp_starts_with(t, len, j, "，") && !rp_starts_with(t, len, j, "。") &&
		            !rp_starts_with(t, len, j, "！") && !rp_starts_with(t, len, j, "？");
		rp_strbuf_puts(b, more ? "，" : " ");
		return j - i;
	}
	for (size_t k = 0; k < RP_COUNT(MAP); k++)
		if (MAP[k].c == c) {
			rp_strbuf_puts(b, MAP[k].out);
			return 1;
		}
	return 0;
}

char *rp_normalize_cmn(const char *text, size_t len)
{
	rp_strbuf b = {0};
	for (size_t i = 0; i < len;) {
		char c = text[i];
		size_t used = 0;
		bool maybe_number = is_digit(c) || c == '-' || c == '$' ||
		                    rp_apostrophe_len(text, len, i) ||
		                    rp_starts_with(text, len, i, "¥") ||
		                    rp_starts_with(text, len, i, "€") ||
		                    rp_starts_with(text, len, i, "£") ||
		                    rp_starts_with(text, len, i, "₩");
		if (maybe_number)
			used = put_number(&b, text, len, i);
		if (!used)
			used = put_symbol(&b, text, len, i);
		if (!used) {
			rp_strbuf_put(&b, text + i, 1);
			used = 1;
		}
		i += used;
	}
	return rp_strbuf_finish(&b);
}
