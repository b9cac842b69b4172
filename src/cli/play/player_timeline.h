/* Where `radioplay play` is in a script: which turns play, how long each lasts, the text to show.
 *
 * Turn lengths are not known before synthesis: each starts as an estimate from the plan (pauses
 * exactly, speech from the spoken text's length at the speaker's rate) and is replaced by the
 * measured length once rp_render has got past the turn (the distance between two marks). The
 * estimates of turns not measured yet are scaled by how far off the estimates of measured turns
 * were, so the total converges as playback goes on. Times are seconds on the script's own time
 * line: the selected turns (all, or one speaker's) one after the other, from turn 1.
 * Not thread-safe; main thread only.
 */
#ifndef RP_PLAYER_TIMELINE_H
#define RP_PLAYER_TIMELINE_H

#include "radioplay.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct rp_timeline rp_timeline;

/* For `plan` (which must outlive it), playing only `speaker`'s turns when not NULL. `rate` is the
 * frames per second of measured lengths. NULL when out of memory. */
rp_timeline *rp_timeline_new(const rp_plan *plan, const char *speaker, int rate);
void rp_timeline_free(rp_timeline *tl);
/* Change the frames per second of measured lengths (before any is measured). */
void rp_timeline_set_rate(rp_timeline *tl, int rate);

size_t rp_timeline_turns(const rp_timeline *tl);
/* Whether `turn` (0-based) plays. */
bool rp_timeline_selected(const rp_timeline *tl, size_t turn);
/* First selected turn at or after `turn`; rp_timeline_turns() if none. */
size_t rp_timeline_next(const rp_timeline *tl, size_t turn);
/* Last selected turn before `turn`; SIZE_MAX if none. */
size_t rp_timeline_prev(const rp_timeline *tl, size_t turn);

/* Record that `turn` lasted `frames` frames in the rendered stream. */
void rp_timeline_measure(rp_timeline *tl, size_t turn, int64_t frames);
/* Seconds `turn` lasts (measured, else a scaled estimate; 0 if not selected). */
double rp_timeline_length(const rp_timeline *tl, size_t turn);
/* Seconds from the start of the time line to the start of `turn`. */
double rp_timeline_start(const rp_timeline *tl, size_t turn);
/* Seconds in all; *estimated tells whether any selected turn is not measured yet. */
double rp_timeline_total(const rp_timeline *tl, bool *estimated);

/* The turn's speaker and text as written (its spans joined; paragraphs separated by "\n\n"). */
const char *rp_timeline_speaker(const rp_timeline *tl, size_t turn);
const char *rp_timeline_text(const rp_timeline *tl, size_t turn);
/* Where speech item `item` of `turn` stands in rp_timeline_text(): bytes [*start, *end). False for
 * a pause or an index out of range. */
bool rp_timeline_item_text(const rp_timeline *tl, size_t turn, size_t item, size_t *start,
                           size_t *end);

#endif
