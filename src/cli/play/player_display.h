/* What `radioplay play` shows while it plays.
 *
 * On a terminal: a block of lines redrawn in place (cursor moved up, each line overwritten and
 * cleared to its end with ANSI escapes, the whole frame in one write(), and only when it changed,
 * so it does not flicker):
 *
 *   Playing  B   turn 2 of 120   0:12 / ~41:30 (estimate)
 *     Well, that's quite a fascinating question. You know, I've always believed
 *     there's something truly magical about live music—it captures raw emotion
 *     ...                                                       (4 lines of the turn's text)
 *   space pause   n/→ next   p/← previous   q quit
 *
 * Every line fits the terminal's width (TIOCGWINSZ; 80 if unknown), counting East Asian wide
 * characters and emoji as two columns and combining marks as none (ICU character properties);
 * text wraps at line-break opportunities (ICU UBRK_LINE, UAX #14). The text window scrolls
 * through a long turn in proportion to how far playback is into it.
 * Not on a terminal: one plain line per turn as it starts playing, "[N/M] SPEAKER: text" with the
 * text's line breaks turned into spaces.
 * Not thread-safe; main thread only.
 */
#ifndef RP_PLAYER_DISPLAY_H
#define RP_PLAYER_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* What is playing now. */
typedef struct rp_display_state {
	bool started; /* false until the first turn is heard (then turn/speaker/text unset) */
	size_t turn;  /* 0-based index of the turn being heard */
	size_t n_turns;
	const char *speaker; /* UTF-8 */
	const char *text;    /* UTF-8, the turn's paragraphs joined with "\n\n" */
	double fraction;     /* 0..1: how far playback is into this turn */
	size_t span_start;   /* bytes [span_start, span_end) of `text` are being spoken (shown in */
	size_t span_end;     /* bold; the window follows them); equal when not known */
	double span_fraction; /* 0..1: how far playback is into that span */
	double elapsed_s;     /* seconds of the script heard up to now (timeline position) */
	double total_s;       /* seconds in all */
	bool total_estimated; /* total_s is an estimate (synthesis has not measured every turn) */
	bool paused;
	bool keys; /* show the key help line */
} rp_display_state;

typedef struct rp_display rp_display;

/* `tty`: draw the block on standard output (a terminal); otherwise print plain lines to `out`.
 * Returns NULL when out of memory. */
rp_display *rp_display_new(FILE *out, bool tty);
/* Redraw (terminal) or print the line of a newly started turn (plain). */
void rp_display_update(rp_display *d, const rp_display_state *st);
/* Leave the cursor below the block. Frees `d`; accepts NULL. */
void rp_display_finish(rp_display *d);

/* Columns `s` (UTF-8, `len` bytes) takes on a terminal. */
int rp_display_width(const char *s, size_t len);
/* Format seconds as "M:SS" or "H:MM:SS" into buf. */
void rp_display_format_time(double s, char *buf, size_t size);

#endif
