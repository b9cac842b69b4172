/* Stage 5: rendering a plan into a sink (include/radioplay.h rp_render).
 *
 * Speech items are synthesized one espeak_Synth call each; the silence eSpeak NG puts before and
 * after a span is trimmed, so that the silences heard between spans are exactly the plan's pause
 * items (and joins inside a sentence have none). Silence is judged on blocks of BLOCK_MS: a block
 * whose RMS is at or below the threshold (default -40 dBFS) is silent. Leading silent blocks are
 * dropped; silent blocks after sound are held back (at most HOLD_FRAMES) until sound follows
 * them, and dropped at the end of the span. So memory stays bounded while audio streams. */
#include "radioplay.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { HOLD_FRAMES = 1 << 16, ZERO_CHUNK = 4096, BLOCK_MS = 5, MAX_BLOCK = 1024 };

typedef struct render_ctx {
	const rp_sink *sink;
	const rp_render_options *opt;
	int64_t frames;   /* written so far */
	size_t block_len; /* frames per block */
	double block_thr; /* sum of squares at or below which a block is silent */
	/* per span: */
	bool started; /* a block with sound has been emitted */
	int16_t block[MAX_BLOCK];
	size_t n_block;
	int16_t *hold; /* silent blocks after sound, not yet emitted */
	size_t n_hold;
} render_ctx;

static int emit(render_ctx *c, const int16_t *frames, size_t n)
{
	if (n == 0)
		return RP_OK;
	int rc = c->sink->write(c->sink->user, frames, n);
	if (rc != RP_OK)
		return rc;
	c->frames += (int64_t)n;
	return RP_OK;
}

/* A complete block (or the span's last, partial one): drop, hold or emit it. */
static int take_block(render_ctx *c, const int16_t *b, size_t n)
{
	double energy = 0;
	for (size_t i = 0; i < n; i++)
		energy += (double)b[i] * b[i];
	bool silent = energy <= c->block_thr * (double)n / (double)c->block_len;
	if (silent) {
		if (!c->started)
			return RP_OK;
		if (c->n_hold + n >
		    HOLD_FRAMES) { /* a long pause inside the span: let it through */
			int rc = emit(c, c->hold, c->n_hold);
			c->n_hold = 0;
			if (rc)
				return rc;
		}
		memcpy(c->hold + c->n_hold, b, n * sizeof *b);
		c->n_hold += n;
		return RP_OK;
	}
	c->started = true;
	int rc = emit(c, c->hold, c->n_hold);
	c->n_hold = 0;
	return rc ? rc : emit(c, b, n);
}

/* rp_pcm_fn for rp_synth_speak: cut the stream into blocks. */
static int on_pcm(void *user, const int16_t *f, size_t n)
{
	render_ctx *c = user;
	while (n > 0) {
		size_t k = c->block_len - c->n_block;
		if (k > n)
			k = n;
		memcpy(c->block + c->n_block, f, k * sizeof *f);
		c->n_block += k;
		f += k;
		n -= k;
		if (c->n_block == c->block_len) {
			c->n_block = 0;
			int rc = take_block(c, c->block, c->block_len);
			if (rc != RP_OK)
				return rc;
		}
	}
	return RP_OK;
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
	*opt = (rp_render_options){.first_turn = 0, .speaker = NULL, .silence_threshold = 328};
}

int rp_render(const rp_plan *plan, rp_synth *synth, const rp_sink *sink,
              const rp_render_options *opt, int64_t *frames_out, rp_diags *diags)
{
	rp_render_options defaults;
	if (!opt) {
		rp_render_options_init(&defaults);
		opt = &defaults;
	}
	render_ctx c = {.sink = sink, .opt = opt};
	if (frames_out)
		*frames_out = 0;
	if (rp_synth_sample_rate(synth) != plan->sample_rate) {
		rp_diags_add(diags, RP_ERROR, plan->source, 0, 0,
		             "eSpeak NG synthesizes at %d Hz, but the plan was made for %d Hz",
		             rp_synth_sample_rate(synth), plan->sample_rate);
		return RP_ERR_ARG;
	}
	c.block_len = (size_t)plan->sample_rate * BLOCK_MS / 1000;
	if (c.block_len < 1 || c.block_len > MAX_BLOCK)
		return RP_ERR_ARG;
	c.block_thr = (double)opt->silence_threshold * opt->silence_threshold * (double)c.block_len;
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
			int64_t start = c.frames;
			if (it->type == RP_ITEM_PAUSE) {
				rc = write_silence(&c, (int64_t)it->ms * plan->sample_rate / 1000);
			} else {
				c.started = false;
				c.n_hold = c.n_block = 0;
				rc = rp_synth_speak(synth, it->voice, sp->preset.rate,
				                    sp->preset.pitch, sp->preset.range, it->spoken,
				                    it->phonemes, on_pcm, &c);
				if (rc == RP_OK && c.n_block > 0) /* the last, partial block */
					rc = take_block(&c, c.block, c.n_block);
				c.n_hold = 0; /* trailing silence of the span is dropped */
				if (rc == RP_ERR_VOICE)
					rp_diags_add(diags, RP_ERROR, plan->source, it->line,
					             it->column, "eSpeak NG has no voice '%s'",
					             it->voice);
				else if (rc == RP_ERR_SYNTH)
					rp_diags_add(diags, RP_ERROR, plan->source, it->line,
					             it->column,
					             "eSpeak NG failed on this span (voice %s)",
					             it->voice);
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
