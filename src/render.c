/* Stage 5: rendering a plan into a sink (include/radioplay.h rp_render).
 *
 * Speech items are synthesized one espeak_Synth call each; the silence eSpeak NG puts before and
 * after a span is trimmed, so that the silences heard between spans are exactly the plan's pause
 * items (and joins inside a sentence have none). Trailing silence is recognised while streaming:
 * quiet frames are held back (at most HOLD_FRAMES) until louder audio follows them, and dropped at
 * the end of the span. */
#include "radioplay.h"

#include <stdlib.h>
#include <string.h>

enum { HOLD_FRAMES = 1 << 16, ZERO_CHUNK = 4096 };

typedef struct render_ctx {
	const rp_sink *sink;
	const rp_render_options *opt;
	int64_t frames;  /* written so far */
	int sink_rc;     /* first error a sink returned */
	bool started;    /* the current span has had a frame above the threshold */
	int16_t *hold;   /* held-back quiet frames of the current span */
	size_t n_hold;
} render_ctx;

static int emit(render_ctx *c, const int16_t *frames, size_t n)
{
	if (n == 0)
		return RP_OK;
	int rc = c->sink->write(c->sink->user, frames, n);
	if (rc != RP_OK) {
		c->sink_rc = rc;
		return rc;
	}
	c->frames += (int64_t)n;
	return RP_OK;
}

static int flush_hold(render_ctx *c)
{
	int rc = emit(c, c->hold, c->n_hold);
	c->n_hold = 0;
	return rc;
}

/* rp_pcm_fn for rp_synth_speak: trim leading silence, hold back quiet frames. */
static int on_pcm(void *user, const int16_t *f, size_t n)
{
	render_ctx *c = user;
	if (c->opt->cancel && *c->opt->cancel)
		return 1;
	int thr = c->opt->silence_threshold;
	size_t i = 0;
	if (!c->started) {
		while (i < n && abs(f[i]) <= thr)
			i++;
		if (i == n)
			return 0;
		c->started = true;
	}
	/* f[i..n): find the last loud frame; everything up to it is emitted (after what is held),
	 * the quiet tail is held */
	size_t last = i; /* end of the loud part; i when this piece is all quiet */
	for (size_t k = n; k > i; k--)
		if (abs(f[k - 1]) > thr) {
			last = k;
			break;
		}
	if (last > i) {
		if (flush_hold(c) || emit(c, f + i, last - i))
			return 1;
	}
	for (size_t k = last; k < n; k++) {
		if (c->n_hold == HOLD_FRAMES && flush_hold(c))
			return 1;
		c->hold[c->n_hold++] = f[k];
	}
	return 0;
}

static int write_silence(render_ctx *c, int64_t frames)
{
	static const int16_t zeros[ZERO_CHUNK];
	while (frames > 0) {
		size_t n = frames > ZERO_CHUNK ? ZERO_CHUNK : (size_t)frames;
		int rc = emit(c, zeros, n);
		if (rc)
			return rc;
		frames -= (int64_t)n;
	}
	return RP_OK;
}

void rp_render_options_init(rp_render_options *opt)
{
	*opt = (rp_render_options){.first_turn = 0, .speaker = NULL, .silence_threshold = 64};
}

int rp_render(const rp_plan *plan, rp_synth *synth, const rp_sink *sink,
              const rp_render_options *opt, int64_t *frames_out)
{
	rp_render_options defaults;
	if (!opt) {
		rp_render_options_init(&defaults);
		opt = &defaults;
	}
	render_ctx c = {.sink = sink, .opt = opt};
	c.hold = malloc(HOLD_FRAMES * sizeof *c.hold);
	if (!c.hold)
		return RP_ERR_NOMEM;
	int rc = RP_OK;
	size_t total = plan->n_turns, done = 0;
	for (size_t t = opt->first_turn; rc == RP_OK && t < plan->n_turns; t++) {
		const rp_plan_turn *turn = &plan->turns[t];
		const rp_speaker *sp = &plan->speakers[turn->speaker];
		if (opt->speaker && strcmp(opt->speaker, sp->name) != 0)
			continue;
		if (sink->mark && (rc = sink->mark(sink->user, t, c.frames)) != RP_OK)
			break;
		for (size_t k = 0; rc == RP_OK && k < turn->n_items; k++) {
			const rp_item *it = &turn->items[k];
			if (opt->cancel && *opt->cancel) {
				rc = RP_ERR_ABORTED;
				break;
			}
			int64_t start = c.frames;
			if (it->type == RP_ITEM_PAUSE) {
				rc = write_silence(&c, (int64_t)it->ms * plan->sample_rate / 1000);
			} else {
				c.started = false;
				c.n_hold = 0;
				rc = rp_synth_speak(synth, it->voice, sp->preset.rate, sp->preset.pitch,
				                    sp->preset.range, it->spoken, on_pcm, &c);
				c.n_hold = 0; /* trailing silence of the span is dropped */
				if (rc == RP_ERR_ABORTED && c.sink_rc)
					rc = c.sink_rc;
			}
			if (rc == RP_OK && sink->item)
				rc = sink->item(sink->user, t, k, start, c.frames);
		}
		done = t + 1;
		if (opt->progress)
			opt->progress(opt->progress_user, done, total);
	}
	free(c.hold);
	if (frames_out)
		*frames_out = c.frames;
	return rc;
}
