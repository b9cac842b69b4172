/* Sample-rate conversion as a sink in front of another sink (include/radioplay.h rp_resampler),
 * with libsamplerate's streaming API (src_process with end_of_input on flush). */
#include "radioplay.h"

#include <samplerate.h>
#include <stdlib.h>

enum { CHUNK = 4096 };

struct rp_resampler {
	SRC_STATE *src;
	double ratio;
	rp_sink down;
	rp_diags *diags; /* borrowed: where libsamplerate's errors go */
	float in[CHUNK];
	float out[CHUNK];
	int16_t pcm[CHUNK];
};

int rp_resampler_new(int in_rate, int out_rate, const rp_sink *downstream, rp_resampler **out,
                     rp_diags *diags)
{
	*out = NULL;
	if (in_rate <= 0 || out_rate <= 0 || !src_is_valid_ratio((double)out_rate / in_rate))
		return RP_ERR_ARG;
	rp_resampler *r = calloc(1, sizeof *r);
	if (!r)
		return RP_ERR_NOMEM;
	int err = 0;
	r->src = src_new(SRC_SINC_MEDIUM_QUALITY, 1, &err);
	if (!r->src) {
		free(r);
		rp_diags_add(diags, RP_ERROR, "libsamplerate", 0, 0,
		             "cannot convert %d Hz to %d Hz: %s", in_rate, out_rate,
		             src_strerror(err));
		return RP_ERR_AUDIO;
	}
	r->diags = diags;
	r->ratio = (double)out_rate / in_rate;
	r->down = *downstream;
	*out = r;
	return RP_OK;
}

/* Convert n input frames from r->in (n may be 0 at end of input) and pass all output on. */
static int process(rp_resampler *r, size_t n, bool end)
{
	SRC_DATA d = {.data_in = r->in,
	              .input_frames = (long)n,
	              .data_out = r->out,
	              .output_frames = CHUNK,
	              .end_of_input = end,
	              .src_ratio = r->ratio};
	for (;;) {
		int err = src_process(r->src, &d);
		if (err != 0) {
			rp_diags_add(r->diags, RP_ERROR, "libsamplerate", 0, 0,
			             "conversion failed: %s", src_strerror(err));
			return RP_ERR_AUDIO;
		}
		if (d.output_frames_gen > 0) {
			src_float_to_short_array(r->out, r->pcm, (int)d.output_frames_gen);
			int rc = r->down.write(r->down.user, r->pcm, (size_t)d.output_frames_gen);
			if (rc)
				return rc;
		}
		d.data_in += d.input_frames_used;
		d.input_frames -= d.input_frames_used;
		if (d.input_frames == 0 && (!end || d.output_frames_gen == 0))
			return RP_OK;
	}
}

static int resample_write(void *user, const int16_t *frames, size_t n)
{
	rp_resampler *r = user;
	while (n > 0) {
		size_t k = n > CHUNK ? CHUNK : n;
		src_short_to_float_array(frames, r->in, (int)k);
		int rc = process(r, k, false);
		if (rc)
			return rc;
		frames += k;
		n -= k;
	}
	return RP_OK;
}

static int resample_mark(void *user, size_t turn, int64_t frame)
{
	rp_resampler *r = user;
	if (!r->down.mark)
		return RP_OK;
	return r->down.mark(r->down.user, turn, (int64_t)((double)frame * r->ratio + 0.5));
}

static int resample_item(void *user, size_t turn, size_t item, int64_t start, int64_t end)
{
	rp_resampler *r = user;
	if (!r->down.item)
		return RP_OK;
	return r->down.item(r->down.user, turn, item, (int64_t)((double)start * r->ratio + 0.5),
	                    (int64_t)((double)end * r->ratio + 0.5));
}

rp_sink rp_resampler_as_sink(rp_resampler *r)
{
	return (rp_sink){
		.write = resample_write, .mark = resample_mark, .item = resample_item, .user = r};
}

int rp_resampler_flush(rp_resampler *r)
{
	return process(r, 0, true);
}

void rp_resampler_free(rp_resampler *r)
{
	if (!r)
		return;
	src_delete(r->src);
	free(r);
}
