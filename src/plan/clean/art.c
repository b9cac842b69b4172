/* ASCII art and runs of drawing symbols: the rules are in art.h. */
#include "art.h"
#include "grow.h"
#include "sanitize.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

typedef enum cp_class { CL_SPACE, CL_WORD, CL_EMOJI, CL_DRAW, CL_OTHER } cp_class;

/* One decoded code point: c < 0 for an invalid byte, [start, end) its bytes. */
typedef struct cp_info {
	UChar32 c;
	size_t start, end;
	cp_class cls;
} cp_info;

static const char ASCII_DRAWING[] = "#*/\\|@&^~`";

static bool is_drawing(UChar32 c)
{
	if (U_GET_GC_MASK(c) &
	    (U_GC_SM_MASK | U_GC_SK_MASK | U_GC_SO_MASK | U_GC_PC_MASK | U_GC_PD_MASK))
		return true;
	if (c >= 0xFF01 && c <= 0xFF5E) /* fullwidth forms of ASCII */
		c -= 0xFEE0;
	return c > 0 && c < 0x80 && strchr(ASCII_DRAWING, (int)c) != NULL;
}

static UChar32 decode(const uint8_t *t, size_t *i, size_t len)
{
	UChar32 c;
	U8_NEXT(t, *i, len, c);
	return c;
}

/* Decode the code point at byte i of t[0..len) and classify it. */
static cp_info next_cp(const uint8_t *t, size_t i, size_t len)
{
	cp_info cp = {.start = i};
	size_t j = i;
	cp.c = decode(t, &j, len);
	cp.end = j;
	UChar32 after = j < len ? decode(t, &j, len) : 0;
	if (cp.c < 0 || (U_GET_GC_MASK(cp.c) & (U_GC_L_MASK | U_GC_N_MASK)))
		cp.cls = CL_WORD;
	else if (u_isUWhiteSpace(cp.c))
		cp.cls = CL_SPACE;
	else if (rp_is_emoji_part(cp.c) || after == 0xFE0F || after == 0x20E3)
		cp.cls = CL_EMOJI;
	else if (is_drawing(cp.c))
		cp.cls = CL_DRAW;
	else
		cp.cls = CL_OTHER;
	return cp;
}

static size_t blank(uint8_t *t, size_t start, size_t end)
{
	size_t n = 0;
	for (size_t i = start; i < end; i++) {
		if (t[i] != ' ' && t[i] != '\t')
			n++;
		t[i] = ' ';
	}
	return n;
}

/* ----- rules 1 and 2: art lines and their fringe ----- */

typedef struct line_kind {
	bool art, fringe;
} line_kind;

static line_kind classify_line(const uint8_t *t, size_t start, size_t end)
{
	size_t draw = 0, word = 0, other = 0;
	bool word_pair = false;
	cp_info prev = {.c = -2, .cls = CL_SPACE};
	for (size_t i = start; i < end;) {
		cp_info cp = next_cp(t, i, end);
		i = cp.end;
		if (cp.cls == CL_WORD && prev.cls == CL_WORD)
			word_pair = true;
		bool repeat = cp.c >= 0 && cp.c == prev.c;
		prev = cp;
		if (repeat)
			continue;
		draw += cp.cls == CL_DRAW;
		word += cp.cls == CL_WORD;
		other += cp.cls == CL_OTHER;
	}
	return (line_kind){.art = draw >= 3 && draw > 2 * word,
	                   .fringe = !word_pair && draw + other > word};
}

static size_t line_end(const uint8_t *t, size_t start, size_t len)
{
	const uint8_t *nl = memchr(t + start, '\n', len - start);
	return nl ? (size_t)(nl - t) : len;
}

/* Blank a block's code points except white space, emoji, invalid bytes, ideographs and words
 * (two or more letters/digits in a row). */
static size_t blank_block(uint8_t *t, size_t start, size_t end)
{
	size_t n = 0;
	cp_info prev = {.c = -2, .cls = CL_SPACE};
	for (size_t i = start; i < end;) {
		cp_info cp = next_cp(t, i, end);
		i = cp.end;
		bool word = cp.cls == CL_WORD && (prev.cls == CL_WORD ||
		                                  (i < end && next_cp(t, i, end).cls == CL_WORD) ||
		                                  u_hasBinaryProperty(cp.c, UCHAR_IDEOGRAPHIC));
		if (cp.c >= 0 && cp.cls != CL_SPACE && cp.cls != CL_EMOJI && !word)
			n += blank(t, cp.start, cp.end);
		prev = cp;
	}
	return n;
}

static size_t blank_art_blocks(uint8_t *t, size_t len, rp_art_block_fn on_block, void *ctx)
{
	size_t n = 0, floor = 0, pos = 0;
	while (pos < len) {
		size_t end = line_end(t, pos, len);
		if (!classify_line(t, pos, end).art) {
			pos = end + 1;
			continue;
		}
		size_t bs = pos, be = end;
		while (bs > floor) { /* fringe lines above; t[bs - 1] is '\n' */
			size_t ps = bs - 1;
			while (ps > floor && t[ps - 1] != '\n')
				ps--;
			if (!classify_line(t, ps, bs - 1).fringe)
				break;
			bs = ps;
		}
		while (be < len) { /* art and fringe lines below; t[be] is '\n' */
			size_t ne = line_end(t, be + 1, len);
			line_kind k = classify_line(t, be + 1, ne);
			if (!k.art && !k.fringe)
				break;
			be = ne;
		}
		n += blank_block(t, bs, be);
		if (on_block)
			on_block(bs, be, ctx);
		floor = be;
		pos = be + 1;
	}
	return n;
}

/* ----- rule 3: symbol runs ----- */

static bool is_latin_letter(UChar32 c)
{
	UErrorCode err = U_ZERO_ERROR;
	return c >= 0 && (U_GET_GC_MASK(c) & U_GC_L_MASK) &&
	       uscript_getScript(c, &err) == USCRIPT_LATIN && U_SUCCESS(err);
}

/* The emoticons of the text (rp_for_each_emoticon), ascending byte ranges. */
typedef struct emoticons {
	size_t (*range)[2];
	size_t n, cap;
	bool oom;
} emoticons;

static void add_emoticon(size_t start, size_t end, void *ctx)
{
	emoticons *em = ctx;
	if (em->oom || rp_grow((void **)&em->range, &em->cap, em->n + 1, sizeof *em->range)) {
		em->oom = true;
		return;
	}
	em->range[em->n][0] = start;
	em->range[em->n][1] = end;
	em->n++;
}

/* End of the emoticon that starts at byte i, or i when none does. */
static size_t emoticon_end(const emoticons *em, size_t i)
{
	size_t lo = 0, hi = em->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (em->range[mid][0] < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < em->n && em->range[lo][0] == i ? em->range[lo][1] : i;
}

/* Blank the drawing code points of the run t[rs..re) by rule 3, emoticons inside it excepted;
 * `before` is the code point before it (c = -2 at the start of the text). */
static size_t blank_run(uint8_t *t, size_t rs, size_t re, cp_info before, size_t len,
                        const emoticons *em)
{
	size_t from = rs;
	if (is_latin_letter(before.c)) { /* C++ g++ C# */
		if (re - rs >= 2 && t[rs] == '+' && t[rs + 1] == '+')
			from = rs + 2;
		else if (t[rs] == '#')
			from = rs + 1;
	}
	size_t draw = 0, dashes = 0, n = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = from; i < re;) {
			size_t e = emoticon_end(em, i);
			if (e > i) {
				i = e;
				continue;
			}
			cp_info cp = next_cp(t, i, len);
			i = cp.end;
			if (cp.cls != CL_DRAW)
				continue;
			if (pass == 1) {
				n += blank(t, cp.start, cp.end);
				continue;
			}
			draw++;
			dashes += u_charType(cp.c) == U_DASH_PUNCTUATION;
		}
		if (draw < 2 ||
		    (dashes == draw && draw <= 3)) /* single marks; -- --- —— are pauses */
			return 0;
	}
	return n;
}

/* Rule 3 over t[0..len): runs of drawing and other code points; an emoticon inside or next to a
 * run is part of it but left to the sanitizer whole. */
static size_t blank_symbol_runs(uint8_t *t, size_t len, const emoticons *em)
{
	size_t n = 0, rs = 0;
	bool in_run = false;
	cp_info prev = {.c = -2, .cls = CL_SPACE}, before_run = prev;
	for (size_t i = 0; i <= len;) {
		cp_info cp = {.c = -2, .start = len, .end = len + 1, .cls = CL_SPACE};
		size_t skip = i;
		if (i < len) {
			cp = next_cp(t, i, len);
			skip = emoticon_end(em, i);
		}
		bool run_part = skip > i || cp.cls == CL_DRAW || cp.cls == CL_OTHER;
		if (in_run && !run_part) {
			n += blank_run(t, rs, i, before_run, len, em);
			in_run = false;
		} else if (!in_run && run_part) {
			in_run = true;
			rs = i;
			before_run = prev;
		}
		if (skip > i) {
			prev = (cp_info){.c = -2, .cls = CL_OTHER};
			i = skip;
		} else {
			prev = cp;
			i = cp.end;
		}
	}
	return n;
}

/* Rules 1 to 3, and with `and_emoticons` the emoticons of rule 3's search blanked too. */
static size_t blank_all(char *text, size_t len, rp_art_block_fn on_block, void *ctx,
                        bool and_emoticons)
{
	if (!text || len == 0)
		return 0;
	uint8_t *t = (uint8_t *)text;
	size_t n = blank_art_blocks(t, len, on_block, ctx);
	/* emoticons are found in what is left, as the sanitizer will find them */
	emoticons em = {0};
	rp_for_each_emoticon(text, len, add_emoticon, &em);
	if (!em.oom) /* out of memory: symbols stay, and are read */
		n += blank_symbol_runs(t, len, &em);
	for (size_t k = 0; and_emoticons && !em.oom && k < em.n; k++)
		n += blank(t, em.range[k][0], em.range[k][1]);
	free(em.range);
	return n;
}

size_t rp_blank_ascii_art(char *text, size_t len, rp_art_block_fn on_block, void *ctx)
{
	return blank_all(text, len, on_block, ctx, false);
}

size_t rp_blank_unspoken_marks(char *text, size_t len, rp_art_block_fn on_block, void *ctx)
{
	return blank_all(text, len, on_block, ctx, true);
}
