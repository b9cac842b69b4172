/* The terminal display and plain turn lines of `radioplay play` (see player_display.h). */
#include "player_display.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#define TEXT_LINES 4
#define BLOCK_LINES (TEXT_LINES + 2)

typedef struct span {
	size_t start, end; /* byte range of one wrapped line */
} span;

struct rp_display {
	FILE *out;
	bool tty;
	bool drawn;          /* the block is on screen */
	size_t printed_turn; /* plain mode: last turn printed + 1 (0 = none) */
	/* Wrapped text cache: for `wrapped_text` at `wrapped_width`. */
	const char *wrapped_text;
	int wrapped_width;
	span *lines;
	size_t n_lines, cap_lines;
	char *frame; /* last frame written (terminal) */
};

/* --- widths -------------------------------------------------------------------------------- */

static int cp_width(UChar32 c)
{
	if (c == 0 || c == 0x200B)
		return 0;
	int8_t type = u_charType(c);
	if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR ||
	    type == U_CONTROL_CHAR)
		return 0;
	int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
	if (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ||
	    u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION))
		return 2;
	return 1;
}

int rp_display_width(const char *s, size_t len)
{
	int w = 0;
	int32_t i = 0;
	while ((size_t)i < len) {
		UChar32 c;
		U8_NEXT(s, i, (int32_t)len, c);
		if (c >= 0)
			w += cp_width(c);
	}
	return w;
}

void rp_display_format_time(double s, char *buf, size_t size)
{
	long t = s > 0 ? (long)(s + 0.5) : 0;
	if (t >= 3600)
		snprintf(buf, size, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(buf, size, "%ld:%02ld", t / 60, t % 60);
}

/* --- wrapping ------------------------------------------------------------------------------ */

static bool add_line(rp_display *d, size_t start, size_t end)
{
	size_t k = start;
	while (k < end && (d->wrapped_text[k] == ' ' || d->wrapped_text[k] == '\n'))
		k++;
	if (k == end)
		return true; /* the blank line between paragraphs: not worth one of the few lines */
	if (d->n_lines == d->cap_lines) {
		size_t cap = d->cap_lines ? 2 * d->cap_lines : 16;
		span *lines = realloc(d->lines, cap * sizeof *lines);
		if (!lines)
			return false;
		d->lines = lines;
		d->cap_lines = cap;
	}
	d->lines[d->n_lines++] = (span){start, end};
	return true;
}

/* Width of text[a, b) without trailing white space. */
static int fit_width(const char *text, size_t a, size_t b)
{
	while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\n' || text[b - 1] == '\t'))
		b--;
	return rp_display_width(text + a, b - a);
}

/* Bytes of the longest prefix of text[0, len) that fits in `width` columns; *cols gets its width.
 * Stops before a code point that would not fit (at least one code point when width allows none,
 * so that splitting always makes progress). */
static size_t fit_prefix(const char *text, size_t len, int width, int *cols)
{
	int w = 0;
	int32_t i = 0;
	while ((size_t)i < len) {
		int32_t at = i;
		UChar32 c;
		U8_NEXT(text, i, (int32_t)len, c);
		int cw = c >= 0 ? cp_width(c) : 1;
		if (w + cw > width && at > 0) {
			i = at;
			break;
		}
		w += cw;
	}
	if (cols)
		*cols = w;
	return (size_t)i;
}

/* Split one segment wider than `width` at code points; returns where the last piece starts. */
static size_t hard_split(rp_display *d, const char *text, size_t a, size_t b, int width)
{
	for (;;) {
		size_t n = fit_prefix(text + a, b - a, width, NULL);
		if (a + n >= b)
			return a;
		add_line(d, a, a + n);
		a += n;
	}
}

/* Wrap `text` to `width` columns at line-break opportunities (UAX #14); "\n" forces a break. */
static void wrap(rp_display *d, const char *text, int width)
{
	if (d->wrapped_text == text && d->wrapped_width == width)
		return;
	d->n_lines = 0;
	d->wrapped_text = text;
	d->wrapped_width = width;
	size_t len = strlen(text);
	UErrorCode st = U_ZERO_ERROR;
	UText *ut = utext_openUTF8(NULL, text, (int64_t)len, &st);
	UBreakIterator *bi = ubrk_open(UBRK_LINE, "en", NULL, 0, &st);
	ubrk_setUText(bi, ut, &st);
	if (U_FAILURE(st)) {
		add_line(d, 0, len);
	} else {
		size_t line = 0, a = 0;
		for (int32_t b = ubrk_following(bi, 0); b != UBRK_DONE; b = ubrk_next(bi)) {
			bool hard = ubrk_getRuleStatus(bi) >= UBRK_LINE_HARD;
			if (fit_width(text, line, (size_t)b) > width) {
				if (a > line) {
					add_line(d, line, a);
					line = a;
				}
				if (fit_width(text, line, (size_t)b) > width)
					line = hard_split(d, text, line, (size_t)b, width);
			}
			if (hard && (size_t)b < len) {
				add_line(d, line, (size_t)b);
				line = (size_t)b;
			}
			a = (size_t)b;
		}
		if (line < len || d->n_lines == 0)
			add_line(d, line, len);
	}
	ubrk_close(bi);
	utext_close(ut);
}

/* --- output -------------------------------------------------------------------------------- */

rp_display *rp_display_new(FILE *out, bool tty)
{
	rp_display *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->out = out;
	d->tty = tty;
	return d;
}

static int terminal_width(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col > 300 ? 300 : ws.ws_col;
	return 80;
}

/* A growable string for one frame: a POSIX memory stream (open_memstream). */
typedef struct buf {
	FILE *f; /* NULL when it could not be made: puts then do nothing */
	char *s;
	size_t len;
} buf;

/* The stream writes b->s and b->len, so `b` must stay where it is until buf_close. */
static void buf_open(buf *b)
{
	*b = (buf){0};
	b->f = open_memstream(&b->s, &b->len);
}

/* Close the stream: b->s holds the text (NULL when out of memory). */
static void buf_close(buf *b)
{
	if (b->f && fclose(b->f) != 0) {
		free(b->s);
		b->s = NULL;
	}
	b->f = NULL;
}

static void put(buf *b, const char *s, size_t n)
{
	if (b->f)
		fwrite(s, 1, n, b->f);
}

static void puts_(buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* Append text[0, len) with line breaks and tabs shown as spaces, cut to `width` columns ("…" at the
 * end when cut), bytes [hl_a, hl_b) in bold (none when hl_a >= hl_b). Returns the columns used. */
static int put_fit(buf *b, const char *text, size_t len, int width, size_t hl_a, size_t hl_b)
{
	int w;
	size_t n = fit_prefix(text, len, width, &w);
	bool cut = n < len;
	if (cut)
		n = fit_prefix(text, len, width - 1, &w);
	bool bold = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];
		if (i == hl_a && hl_a < hl_b)
			puts_(b, "\033[1m"), bold = true;
		if (i == hl_b && bold)
			puts_(b, "\033[22m"), bold = false;
		if (c == '\n' || c == '\t')
			put(b, " ", 1);
		else if (c >= 0x20 && c != 0x7F)
			put(b, text + i, 1);
	}
	if (bold)
		puts_(b, "\033[22m");
	if (cut) {
		puts_(b, "\xE2\x80\xA6"); /* … */
		w++;
	}
	return w;
}

static void draw(rp_display *d, const rp_display_state *st)
{
	int width = terminal_width() - 1; /* never touch the last column: no automatic wrap */
	buf b;
	buf_open(&b);
	char el[32], tot[32], status[160];
	/* Status line. */
	puts_(&b, st->paused ? "\033[7m Paused \033[0m  " : "\033[1mPlaying\033[0m   ");
	int used = 10;
	if (st->started) {
		puts_(&b, "\033[1m");
		used += put_fit(&b, st->speaker, strlen(st->speaker), 16, 0, 0);
		puts_(&b, "\033[0m");
		rp_display_format_time(st->elapsed_s, el, sizeof el);
		rp_display_format_time(st->total_s, tot, sizeof tot);
		snprintf(status, sizeof status, "   turn %zu of %zu   %s / %s%s%s", st->turn + 1,
		         st->n_turns, el, st->total_estimated ? "~" : "", tot,
		         st->total_estimated ? " (estimate)" : "");
	} else {
		snprintf(status, sizeof status, "starting...");
	}
	put_fit(&b, status, strlen(status), width - used, 0, 0);
	puts_(&b, "\033[K\n");
	/* Text lines: a window that follows playback through the turn. */
	int text_width = width - 2;
	size_t first = 0;
	if (st->started) {
		wrap(d, st->text, text_width);
		size_t cur = (size_t)(st->fraction * (double)d->n_lines);
		if (st->span_end > st->span_start) {
			/* the line being spoken: as far into the span as playback is into its audio */
			double f = st->span_fraction < 0   ? 0
			           : st->span_fraction > 1 ? 1
			                                   : st->span_fraction;
			size_t at = st->span_start +
			            (size_t)(f * (double)(st->span_end - st->span_start));
			for (cur = 0; cur + 1 < d->n_lines && d->lines[cur + 1].start <= at;)
				cur++;
		}
		first = cur > 0 ? cur - 1 : 0;
		if (d->n_lines > TEXT_LINES && first > d->n_lines - TEXT_LINES)
			first = d->n_lines - TEXT_LINES;
		if (d->n_lines <= TEXT_LINES)
			first = 0;
	}
	for (size_t i = 0; i < TEXT_LINES; i++) {
		puts_(&b, "  ");
		size_t k = first + i;
		if (st->started && k < d->n_lines) {
			span s = d->lines[k];
			while (s.end > s.start &&
			       (st->text[s.end - 1] == ' ' || st->text[s.end - 1] == '\n'))
				s.end--; /* the space a line was broken at */
			bool cut = i == TEXT_LINES - 1 && k + 1 < d->n_lines;
			/* the span being spoken, in this line's own offsets */
			size_t a = st->span_start > s.start ? st->span_start - s.start : 0;
			size_t z = st->span_end > s.start ? st->span_end - s.start : 0;
			put_fit(&b, st->text + s.start, s.end - s.start,
			        cut ? text_width - 2 : text_width, a, z);
			if (cut)
				puts_(&b, " \xE2\x80\xA6");
		}
		puts_(&b, "\033[K\n");
	}
	/* Key help. */
	if (st->keys) {
		static const char help[] =
			"space pause   n/\xE2\x86\x92 next   p/\xE2\x86\x90 previous   q quit";
		puts_(&b, "\033[2m");
		put_fit(&b, help, sizeof help - 1, width, 0, 0);
		puts_(&b, "\033[0m");
	}
	puts_(&b, "\033[K");
	buf_close(&b);
	if (!b.s)
		return;
	if (d->frame && strcmp(d->frame, b.s) == 0) {
		free(b.s);
		return;
	}
	free(d->frame);
	d->frame = b.s;
	buf o;
	buf_open(&o);
	if (d->drawn) {
		char up[32];
		snprintf(up, sizeof up, "\r\033[%dA", BLOCK_LINES - 1);
		puts_(&o, up);
	}
	put(&o, b.s, b.len);
	buf_close(&o);
	if (o.s) {
		fwrite(o.s, 1, o.len, d->out);
		fflush(d->out);
	}
	free(o.s);
	d->drawn = true;
}

static void print_plain(rp_display *d, const rp_display_state *st)
{
	if (!st->started || d->printed_turn == st->turn + 1)
		return;
	d->printed_turn = st->turn + 1;
	fprintf(d->out, "[%zu/%zu] %s: ", st->turn + 1, st->n_turns, st->speaker);
	bool space = false;
	for (const char *p = st->text; *p; p++) {
		if (*p == '\n') {
			space = true;
			continue;
		}
		if (space)
			fputc(' ', d->out);
		space = false;
		fputc(*p, d->out);
	}
	fputc('\n', d->out);
	fflush(d->out);
}

void rp_display_update(rp_display *d, const rp_display_state *st)
{
	if (d->tty)
		draw(d, st);
	else
		print_plain(d, st);
}

void rp_display_finish(rp_display *d)
{
	if (!d)
		return;
	if (d->tty && d->drawn) {
		fputs("\n", d->out);
		fflush(d->out);
	}
	free(d->frame);
	free(d->lines);
	free(d);
}
