/* Turn lengths, measured and estimated, and turn texts for a player (include/radioplay.h
 * rp_timeline). */
#include "radioplay.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

typedef struct tl_turn {
	bool selected;
	double estimate_s; /* from the plan */
	int64_t measured;  /* frames, -1 until known */
	char *text;
	size_t *spans; /* per item: byte range [spans[2k], spans[2k+1]) of its text in `text` */
} tl_turn;

struct rp_timeline {
	const rp_plan *plan;
	int rate;
	size_t n;
	tl_turn *turns;
};

/* Seconds eSpeak NG takes for `text` at `wpm` words per minute, roughly: five letters to a word
 * for alphabetic text, and one syllable per East Asian wide character at about four syllables a
 * second at the default 175 wpm. Only a starting point: measured turns correct it. */
static double speech_estimate(const char *text, int wpm)
{
	double letters = 0, syllables = 0;
	int32_t i = 0, len = (int32_t)strlen(text);
	while (i < len) {
		UChar32 c;
		U8_NEXT(text, i, len, c);
		if (c < 0)
			continue;
		int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
		if ((ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) && u_isalpha(c))
			syllables++;
		else if (u_isalnum(c))
			letters++;
	}
	if (wpm <= 0)
		wpm = 175;
	return letters / (wpm * 5.0 / 60.0) + syllables / (wpm / 44.0);
}

/* Join the turn's spans back into its text. Spans are contiguous within a paragraph but the plan
 * keeps only their words, so the gaps are put back from the items' lines and columns (code
 * points): a gap on the same line is a space, the next line a line break, further down a new
 * paragraph ("\n\n"). */
static char *turn_text(const rp_plan_turn *t, size_t *spans)
{
	size_t size = 1;
	for (size_t i = 0; i < t->n_items; i++)
		if (t->items[i].type == RP_ITEM_SPEECH)
			size += strlen(t->items[i].text) + 2;
	char *s = malloc(size), *p = s;
	if (!s)
		return NULL;
	int end_line = -1, end_col = 0; /* where the previous span ended */
	for (size_t i = 0; i < t->n_items; i++) {
		const rp_item *it = &t->items[i];
		spans[2 * i] = spans[2 * i + 1] = (size_t)(p - s);
		if (it->type != RP_ITEM_SPEECH)
			continue;
		if (end_line >= 0) {
			if (it->line > end_line + 1)
				*p++ = '\n';
			if (it->line > end_line)
				*p++ = '\n';
			else if (it->column > end_col)
				*p++ = ' ';
		}
		size_t n = strlen(it->text);
		spans[2 * i] = (size_t)(p - s);
		memcpy(p, it->text, n);
		p += n;
		spans[2 * i + 1] = (size_t)(p - s);
		end_line = it->line;
		end_col = it->column;
		int32_t k = 0;
		while (k < (int32_t)n) {
			UChar32 c;
			U8_NEXT(it->text, k, (int32_t)n, c);
			if (c == '\n')
				end_line++, end_col = 1;
			else
				end_col++;
		}
	}
	*p = '\0';
	return s;
}

rp_timeline *rp_timeline_new(const rp_plan *plan, const char *speaker, int rate)
{
	rp_timeline *tl = calloc(1, sizeof *tl);
	if (!tl)
		return NULL;
	tl->plan = plan;
	tl->rate = rate;
	tl->n = plan->n_turns;
	tl->turns = calloc(tl->n ? tl->n : 1, sizeof *tl->turns);
	if (!tl->turns) {
		free(tl);
		return NULL;
	}
	for (size_t i = 0; i < tl->n; i++) {
		const rp_plan_turn *t = &plan->turns[i];
		const rp_speaker *sp = &plan->speakers[t->speaker];
		tl_turn *tt = &tl->turns[i];
		tt->selected = !speaker || strcmp(speaker, sp->name) == 0;
		tt->measured = -1;
		for (size_t k = 0; k < t->n_items; k++) {
			const rp_item *it = &t->items[k];
			tt->estimate_s += it->type == RP_ITEM_PAUSE
			                          ? it->ms / 1000.0
			                          : speech_estimate(it->spoken, sp->preset.rate);
		}
		tt->spans = malloc((2 * t->n_items + 1) * sizeof *tt->spans);
		tt->text = tt->spans ? turn_text(t, tt->spans) : NULL;
		if (!tt->text) {
			rp_timeline_free(tl);
			return NULL;
		}
	}
	return tl;
}

void rp_timeline_free(rp_timeline *tl)
{
	if (!tl)
		return;
	for (size_t i = 0; i < tl->n; i++) {
		free(tl->turns[i].text);
		free(tl->turns[i].spans);
	}
	free(tl->turns);
	free(tl);
}

void rp_timeline_set_rate(rp_timeline *tl, int rate)
{
	tl->rate = rate;
}

size_t rp_timeline_turns(const rp_timeline *tl)
{
	return tl->n;
}

bool rp_timeline_selected(const rp_timeline *tl, size_t turn)
{
	return turn < tl->n && tl->turns[turn].selected;
}

size_t rp_timeline_next(const rp_timeline *tl, size_t turn)
{
	while (turn < tl->n && !tl->turns[turn].selected)
		turn++;
	return turn < tl->n ? turn : tl->n;
}

size_t rp_timeline_prev(const rp_timeline *tl, size_t turn)
{
	if (turn > tl->n) /* before a turn past the end: the last one (not a read past the array) */
		turn = tl->n;
	while (turn-- > 0)
		if (tl->turns[turn].selected)
			return turn;
	return SIZE_MAX;
}

void rp_timeline_measure(rp_timeline *tl, size_t turn, int64_t frames)
{
	if (turn < tl->n && frames >= 0)
		tl->turns[turn].measured = frames;
}

/* measured seconds / estimated seconds over the measured turns (1 when none is). */
static double scale(const rp_timeline *tl)
{
	double m = 0, e = 0;
	for (size_t i = 0; i < tl->n; i++) {
		if (tl->turns[i].selected && tl->turns[i].measured >= 0) {
			m += (double)tl->turns[i].measured / tl->rate;
			e += tl->turns[i].estimate_s;
		}
	}
	return m > 0 && e > 0 ? m / e : 1.0;
}

static double length_scaled(const rp_timeline *tl, size_t turn, double k)
{
	const tl_turn *t = &tl->turns[turn];
	if (!t->selected)
		return 0;
	return t->measured >= 0 ? (double)t->measured / tl->rate : t->estimate_s * k;
}

double rp_timeline_length(const rp_timeline *tl, size_t turn)
{
	return turn < tl->n ? length_scaled(tl, turn, scale(tl)) : 0;
}

double rp_timeline_start(const rp_timeline *tl, size_t turn)
{
	double k = scale(tl), s = 0;
	for (size_t i = 0; i < turn && i < tl->n; i++)
		s += length_scaled(tl, i, k);
	return s;
}

double rp_timeline_total(const rp_timeline *tl, bool *estimated)
{
	double k = scale(tl), s = 0;
	bool est = false;
	for (size_t i = 0; i < tl->n; i++) {
		s += length_scaled(tl, i, k);
		est = est || (tl->turns[i].selected && tl->turns[i].measured < 0);
	}
	if (estimated)
		*estimated = est;
	return s;
}

const char *rp_timeline_speaker(const rp_timeline *tl, size_t turn)
{
	return tl->plan->speakers[tl->plan->turns[turn].speaker].name;
}

const char *rp_timeline_text(const rp_timeline *tl, size_t turn)
{
	return tl->turns[turn].text;
}

bool rp_timeline_item_text(const rp_timeline *tl, size_t turn, size_t item, size_t *start,
                           size_t *end)
{
	if (turn >= tl->n || item >= tl->plan->turns[turn].n_items ||
	    tl->plan->turns[turn].items[item].type != RP_ITEM_SPEECH)
		return false;
	*start = tl->turns[turn].spans[2 * item];
	*end = tl->turns[turn].spans[2 * item + 1];
	return true;
}
