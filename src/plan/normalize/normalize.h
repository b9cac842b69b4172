/* Text normalization: how numbers and symbols in a span are said in its language (internal). */
#ifndef RP_NORMALIZE_H
#define RP_NORMALIZE_H

#include <stddef.h>

/* Rewrite the span `text` (`len` bytes of valid UTF-8) of language `lang` (BCP 47: "cmn", "en",
 * ...) the way a speaker of that language reads it aloud, e.g. for "cmn" "30%" -> "百分之三十".
 * Returns a new malloc'd NUL-terminated UTF-8 string (caller frees), or NULL when out of memory
 * or ICU fails. The result is later passed through rp_sanitize_for_espeak(), which removes
 * controls, emoji and emoticons and splits long tokens; this function does none of that.
 * Thread-safe (no global state; ICU's NFKC instance is shared and immutable).
 *
 * Rules, in order (each has a line in tests/golden/normalize/{cmn,en,other}.tsv):
 *
 * All languages
 *  - NFKC (ICU unorm2): fullwidth Latin letters and digits become ASCII (ＡＢＣ -> ABC, eSpeak NG
 *    spells fullwidth letters as code points and skips fullwidth digits), ① -> 1, ｶ -> カ,
 *    … -> ... ; CJK punctuation without compatibility mapping (。、《》“”——) is unchanged.
 *    For cmn the fullwidth comma ， is kept (so "1，2" stays a list, never the number 1,2).
 *    Other languages ("ja", "ko", "ru", ...) get only this.
 *
 * cmn (Mandarin; source: PaddleSpeech zh_normalization num.py and chronology.py, which follow
 * zh.wikipedia 中文数字; the output never holds an ASCII digit)
 *  - Dates: 2024-03-05, 2024/3/5, 2024.03.05 -> 二零二四年三月五日; YYYY年 and YY年 digit by digit
 *    (2008年 -> 二零零八年, 98年 -> 九八年, '08年 -> 零八年); 月 and 日/号 as cardinals
 *    (3月5日 -> 三月五日). Not PaddleSpeech: NN年代 is a decade (80年代 -> 八十年代) and
 *    NN年前/后/来/间/多/里/以/左右/了 a length of time (20年前 -> 二十年前); 1- and 3-digit 年 are
 *    lengths (2年 -> 两年, 500年 -> 五百年).
 *  - Times H:MM[:SS] with H <= 24 -> 十四点三十分, 2:05 -> 两点零五分, 8:00 -> 八点.
 *  - Ratio A:B (not a time) -> A比B (1:1 -> 一比一).
 *  - Fraction A/B -> B分之A (7/12 -> 十二分之七).
 *  - Percent N% -> 百分之N (30% -> 百分之三十, 3.5% -> 百分之三点五, -5% -> 负百分之五).
 *  - Ranges A-B, A~B, A–B -> A到B (5-10个 -> 五到十个); a % , ° or currency written once
 *    applies to both (5-10% -> 百分之五到百分之十).
 *  - Negative: a minus not after a digit or letter -> 负 (-5 -> 负五); with ° -> 零下 (-10°C ->
 *    零下十度); °, °C, ℃ -> 度.
 *  - Currency before a number -> after it: ¥100 -> 一百元, $5 -> 五美元, €, £, ₩ likewise.
 *  - Decimals: integer part as a cardinal, then 点 and the digits one by one (3.5 -> 三点五,
 *    0.75 -> 零点七五).
 *  - Grouped 1,000 -> 一千 (commas every three digits).
 *  - Ordinal 第N -> cardinal (第3次 -> 第三次, 第2名 -> 第二名).
 *  - A number before a measure word or unit (个 次 年 天 万 元 点 ...) -> cardinal
 *    (300块 -> 三百块); before 多 余 来 几 likewise (20多个 -> 二十多个).
 *  - Leading zero (007, 01010011) -> digit by digit.
 *  - Any other bare number: 1-2 digits cardinal (把80 -> 把八十), 3 or more digit by digit
 *    (《银翼杀手2049》 -> 《银翼杀手二零四九》; PaddleSpeech RE_DEFAULT_NUM).
 *  - List items at the start of a line: "1. " -> 一、
 *  - Cardinals: sections of four digits with 万 and 亿, inner zeros as one 零 (1005 -> 一千零五,
 *    10050元 -> 一万零五十元), 10-19 at the start as 十.. (12 -> 十二), more than 16 digits digit
 *    by digit. 两: a 2 in the thousands place (两千, 一万两千), a leading 2 before 百 (两百),
 *    2万/2亿 (两万), a lone 2 before a measure word (两个, 两点); never after 第, before 月/日/号,
 *    in decimals or percentages (二月, 二点五, 百分之二).
 *  - Symbols eSpeak NG's cmn-latn-pinyin would read in English: + -> 加, & -> 和, = -> 等于;
 *    # @ * / \ % | ^ _ $ ` left over -> space.
 *  - Punctuation: eSpeak NG's Mandarin voice pauses at fullwidth ，；：！？ but not at ASCII
 *    ,;:!? without a following space, so ASCII ones become fullwidth; "..." -> …, a lone "." ->
 *    。; ~ (NFKC of ～) -> ， inside a clause, dropped at its end (eSpeak NG says "tilde").
 *
 * en (only what eSpeak NG 1.51 en-us reads badly; it reads 1st/21st, 3.5, 1,000, 100%, A&W,
 *     mp3, 3 A.M. and 14:30 well, so they are left alone)
 *  - Years: a plain 4-digit number 1100-2099 (not an amount, not followed by %, a letter or
 *    more digits) -> 2049 "twenty forty-nine", 2008 "two thousand eight", 1905 "nineteen oh
 *    five", 1999 "nineteen ninety-nine", 1900 "nineteen hundred" (eSpeak NG: "two thousand
 *    forty nine", "nineteen hundred ninety nine").
 *  - 'YY: '08 -> "oh eight" (eSpeak NG: "zero eight"), '95 -> "ninety-five".
 *  - Decades: 1980s -> "nineteen eighties", 80s and '80s -> "eighties" (eSpeak NG: "eighty z").
 *  - Currency: $5 -> "5 dollars", $1 -> "1 dollar", $3.50 -> "3 dollars 50 cents", $0.99 ->
 *    "99 cents", $5 million -> "5 million dollars"; € euros, £ pounds/pence, ¥ yen, ₩ won
 *    (eSpeak NG: "dollar five").
 *  - Times H:0M -> "H oh M", H:00 -> "H o'clock" (eSpeak NG: "zero five", "zero zero").
 *  - Ratios A:B (B not two digits) -> "A to B" (1:1; eSpeak NG: "colon").
 *  - Fractions: 1/2 "1 half", 3/4 "3 quarters", 24/7 "twenty-four seven", 50/50 "fifty-fifty",
 *    else "A over B" (eSpeak NG: "slash").
 *  - Ranges A-B, A~B, A–B -> "A to B", both years when both are (eSpeak NG: "dash").
 *  - ~ before a number -> "about", elsewhere a pause; # and "No." before a number -> "number";
 *    30°C, 30℃ -> "30 degrees Celsius", °F -> "degrees Fahrenheit" (eSpeak NG: "degrees C").
 *  - Acronyms: all-capital words of 2-3 letters (4 with at most one vowel) that begin with a
 *    vowel are spelled with hyphens (OST -> O-S-T, EP -> E-P, ASMR -> A-S-M-R; eSpeak NG reads
 *    them as words, OST and EP when they end a clause, as a one-word span always does), except
 *    common words in capitals (OK, IT, AND), words next to other capitalised words (HIT ME HARD
 *    AND SOFT) and acronyms eSpeak NG already spells everywhere (AI, UK, US, OMG, UFO, ...). A/B -> A-B (eSpeak NG:
 *    "a slash b").
 *  - Punctuation: , ; : ! ? followed directly by a letter get a space (after NFKC "，" is ",";
 *    eSpeak NG pauses at neither "good,good" nor "good?good" and reads "good:good" with
 *    "colon"). 。 and 、 are left as they are: en-us pauses at them ("good。good"), but not at
 *    ". " before a lower-case word ("good. good").
 */
char *rp_normalize_span(const char *text, size_t len, const char *lang);

#endif
