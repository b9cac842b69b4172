/* Rendering: measured silences at span joins, paragraph and turn joins; determinism; atomic file
 * output; resampling. Audio is captured by an in-memory sink and measured with a 5 ms RMS
 * envelope: a block is silent below -50 dBFS (the renderer trims spans at -40 dBFS, so a
 * block it kept is never counted as silence here). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "radioplay.h"
#include "testutil.h"

static rp_synth *synth;
static rp_voice_library *lib;

typedef struct span_rec {
	size_t turn, item;
	int64_t start, end;
} span_rec;

/* In-memory sink: every frame, every item's frame range, every turn mark. */
typedef struct capture {
	int16_t *frames;
	size_t n, cap;
	span_rec *items;
	size_t n_items, cap_items;
	size_t turns_marked;
	int fail_after; /* if > 0: write fails after this many frames */
} capture;

static int cap_write(void *user, const int16_t *f, size_t n)
{
	capture *c = user;
	if (c->fail_after > 0 && c->n + n > (size_t)c->fail_after)
		return RP_ERR_IO;
	if (c->n + n > c->cap) {
		c->cap = (c->n + n) * 2;
		c->frames = realloc(c->frames, c->cap * sizeof *c->frames);
	}
	memcpy(c->frames + c->n, f, n * sizeof *f);
	c->n += n;
	return RP_OK;
}

static int cap_mark(void *user, size_t turn, int64_t frame)
{
	capture *c = user;
	(void)turn;
	assert_int_equal(frame, (int64_t)c->n);
	c->turns_marked++;
	return RP_OK;
}

static int cap_item(void *user, size_t turn, size_t item, int64_t start, int64_t end)
{
	capture *c = user;
	if (c->n_items == c->cap_items) {
		c->cap_items = c->cap_items ? c->cap_items * 2 : 256;
		c->items = realloc(c->items, c->cap_items * sizeof *c->items);
	}
	c->items[c->n_items++] = (span_rec){turn, item, start, end};
	return RP_OK;
}

static void capture_free(capture *c)
{
	free(c->frames);
	free(c->items);
}

static rp_plan *plan_text(const char *text, const rp_plan_options *opt_in)
{
	rp_diags diags = {0};
	rp_source *src;
	rp_script *script;
	rp_plan *plan;
	rp_plan_options opt;
	if (opt_in)
		opt = *opt_in;
	else
		rp_plan_options_init(&opt);
	opt.sample_rate = rp_synth_sample_rate(synth);
	assert_int_equal(rp_source_from_memory("test", text, strlen(text), NULL, &src, &diags),
	                 RP_OK);
	assert_int_equal(rp_script_parse(src, &script, &diags), RP_OK);
	assert_int_equal(rp_plan_build(script, lib, &opt, &plan, &diags), RP_OK);
	rp_script_free(script);
	rp_source_free(src);
	rp_diags_clear(&diags);
	return plan;
}

static void render_capture(const rp_plan *plan, capture *c)
{
	rp_sink sink = {cap_write, cap_mark, cap_item, c};
	int64_t frames = 0;
	assert_int_equal(rp_render(plan, synth, &sink, NULL, &frames, NULL), RP_OK);
	assert_int_equal(frames, (int64_t)c->n);
}

enum { BLOCK_MS = 5 };

/* true when block k (w frames) of the capture is under `thr` RMS */
static bool block_quiet(const capture *c, size_t k, size_t w, double thr)
{
	double e = 0;
	for (size_t i = k * w; i < (k + 1) * w; i++)
		e += (double)c->frames[i] * c->frames[i];
	return sqrt(e / (double)w) < thr;
}

/* Length in ms of the silence (5 ms blocks under -50 dBFS RMS) around frame b. */
static double silence_ms_at(const capture *c, int64_t b, int rate)
{
	size_t w = (size_t)rate * BLOCK_MS / 1000;
	double thr = 32768.0 * pow(10.0, -50.0 / 20.0);
	size_t blk = (size_t)b / w, nblk = c->n / w;
	size_t lo = blk, hi = blk; /* silent blocks [lo, hi) */
	while (lo > 0 && block_quiet(c, lo - 1, w, thr))
		lo--;
	while (hi < nblk && block_quiet(c, hi, w, thr))
		hi++;
	return (double)(hi - lo) * BLOCK_MS;
}

typedef struct gap_stats {
	size_t joins; /* speech directly followed by speech (inside a sentence) */
	double max_join_ms;
	size_t gaps; /* pauses of the wanted length */
	double min_gap_ms, max_gap_ms;
} gap_stats;

/* Measure every join of two speech items with no pause between, and the silence around every
 * pause item of `want_ms`. */
static gap_stats measure(const rp_plan *plan, const capture *c, int want_ms)
{
	gap_stats g = {0, 0, 0, 1e9, 0};
	for (size_t i = 0; i + 1 < c->n_items; i++) {
		const span_rec *a = &c->items[i], *b = &c->items[i + 1];
		const rp_item *ia = &plan->turns[a->turn].items[a->item];
		const rp_item *ib = &plan->turns[b->turn].items[b->item];
		if (ia->type == RP_ITEM_SPEECH && ib->type == RP_ITEM_SPEECH) {
			double ms = silence_ms_at(c, b->start, plan->sample_rate);
			if (getenv("RP_DEBUG"))
				fprintf(stderr, "join %.0f ms: |%s| + |%s|\n", ms, ia->spoken,
				        ib->spoken);
			g.joins++;
			if (ms > g.max_join_ms)
				g.max_join_ms = ms;
		}
		if (ib->type == RP_ITEM_PAUSE && ib->ms == want_ms && i + 2 < c->n_items) {
			double ms = silence_ms_at(c, (b->start + b->end) / 2, plan->sample_rate);
			if (getenv("RP_DEBUG") && ms > want_ms + 15)
				fprintf(stderr, "gap %.0f ms: |%s| + |%s|\n", ms, ia->spoken,
				        plan->turns[c->items[i + 2].turn]
				                .items[c->items[i + 2].item]
				                .spoken);
			g.gaps++;
			if (ms < g.min_gap_ms)
				g.min_gap_ms = ms;
			if (ms > g.max_gap_ms)
				g.max_gap_ms = ms;
		}
	}
	return g;
}

static const char DIALOGUE[] = "[A]: 我们昨天听了live music然后去吃饭，真的很vibe。\n"
			       "[B]: That sounds like a 很棒的 evening, honestly.\n"
			       "\n"
			       "I wish I had been there with 你们两个 friends.\n"
			       "[A]: 下次一起去吧，我请你喝coffee好不好？\n";

static void test_gaps_small_script(void **state)
{
	(void)state;
	rp_plan *plan = plan_text(DIALOGUE, NULL);
	capture c = {0};
	render_capture(plan, &c);
	assert_int_equal(c.turns_marked, 3);
	gap_stats joins = measure(plan, &c, 500);
	print_message("joins %zu, longest %.0f ms; turn gaps %.0f..%.0f ms\n", joins.joins,
	              joins.max_join_ms, joins.min_gap_ms, joins.max_gap_ms);
	assert_true(joins.joins >= 6);
	assert_true(joins.max_join_ms < 80);
	assert_int_equal(joins.gaps, 2);
	assert_true(fabs(joins.min_gap_ms - 500) <= 20 && fabs(joins.max_gap_ms - 500) <= 20);
	gap_stats para = measure(plan, &c, 350);
	assert_int_equal(para.gaps, 1);
	assert_true(fabs(para.min_gap_ms - 350) <= 20);
	capture_free(&c);
	rp_plan_free(plan);
}

static void test_custom_gaps(void **state)
{
	(void)state;
	rp_plan_options opt;
	rp_plan_options_init(&opt);
	opt.turn_gap_ms = 1200;
	opt.paragraph_gap_ms = 700;
	rp_plan *plan = plan_text(DIALOGUE, &opt);
	capture c = {0};
	render_capture(plan, &c);
	gap_stats t = measure(plan, &c, 1200), p = measure(plan, &c, 700);
	assert_int_equal(t.gaps, 2);
	assert_true(fabs(t.min_gap_ms - 1200) <= 20 && fabs(t.max_gap_ms - 1200) <= 20);
	assert_int_equal(p.gaps, 1);
	assert_true(fabs(p.min_gap_ms - 700) <= 20);
	capture_free(&c);
	rp_plan_free(plan);
}

/* The real scripts: every join inside a sentence under 80 ms, every turn gap 500 +- 20 ms. */
static void test_gaps_shared_scripts(void **state)
{
	(void)state;
	char **files = tu_shared_scripts();
	size_t joins = 0;
	for (size_t f = 0; files[f]; f++) {
		char *text = tu_read_file(files[f], NULL);
		assert_non_null(text);
		rp_plan *plan = plan_text(text, NULL);
		capture c = {0};
		render_capture(plan, &c);
		gap_stats g = measure(plan, &c, 500);
		print_message(
			"%s: %.0f s, %zu joins inside sentences, longest %.0f ms; %zu turn gaps "
			"%.0f..%.0f ms\n",
			files[f], (double)c.n / plan->sample_rate, g.joins, g.max_join_ms, g.gaps,
			g.min_gap_ms, g.max_gap_ms);
		assert_true(g.max_join_ms < 80);
		assert_true(g.gaps >= 10);
		assert_true(fabs(g.min_gap_ms - 500) <= 20 && fabs(g.max_gap_ms - 500) <= 20);
		joins += g.joins;
		capture_free(&c);
		rp_plan_free(plan);
		free(text);
	}
	tu_free_list(files);
	assert_true(joins >= 10);
}

/* Two speakers saying the same words sound different (different presets), and the same speaker
 * in two turns sounds the same. */
static void test_speakers_differ(void **state)
{
	(void)state;
	rp_plan *plan = plan_text("[A]: Hello there, 你好。\n[B]: Hello there, 你好。\n"
	                          "[A]: Hello there, 你好。\n",
	                          NULL);
	assert_string_not_equal(plan->speakers[0].preset.id, plan->speakers[1].preset.id);
	capture c = {0};
	render_capture(plan, &c);
	/* first speech item of each turn */
	const span_rec *first[3] = {0};
	for (size_t i = 0; i < c.n_items; i++)
		if (!first[c.items[i].turn] && c.items[i].item == 0)
			first[c.items[i].turn] = &c.items[i];
	int64_t la = first[0]->end - first[0]->start, lb = first[1]->end - first[1]->start;
	int64_t la2 = first[2]->end - first[2]->start;
	bool same_ab = la == lb && memcmp(c.frames + first[0]->start, c.frames + first[1]->start,
	                                  (size_t)la * sizeof(int16_t)) == 0;
	assert_false(same_ab);
	/* same voice, same words: lengths within 1 % (eSpeak NG's state varies a little) */
	assert_true(llabs(la - la2) * 100 <= la);
	capture_free(&c);
	rp_plan_free(plan);
}

/* --speaker and first_turn select turns. */
static void test_turn_selection(void **state)
{
	(void)state;
	rp_plan *plan = plan_text(DIALOGUE, NULL);
	capture c = {0};
	rp_sink sink = {cap_write, cap_mark, cap_item, &c};
	rp_render_options ro;
	rp_render_options_init(&ro);
	ro.speaker = "B";
	assert_int_equal(rp_render(plan, synth, &sink, &ro, NULL, NULL), RP_OK);
	assert_int_equal(c.turns_marked, 1);
	for (size_t i = 0; i < c.n_items; i++)
		assert_int_equal(c.items[i].turn, 1);
	capture_free(&c);
	c = (capture){0};
	sink.user = &c;
	rp_render_options_init(&ro);
	ro.first_turn = 2;
	assert_int_equal(rp_render(plan, synth, &sink, &ro, NULL, NULL), RP_OK);
	assert_int_equal(c.turns_marked, 1);
	assert_int_equal(c.items[0].turn, 2);
	capture_free(&c);
	rp_plan_free(plan);
}

static char *temp_dir(void)
{
	char *d = strdup("/tmp/rp_test_XXXXXX");
	assert_non_null(mkdtemp(d));
	return d;
}

static size_t count_entries(const char *dir)
{
	char **all = tu_list_files(dir, "");
	size_t n = 0;
	while (all[n])
		n++;
	tu_free_list(all);
	return n;
}

/* A sink that passes `left` frames on to `down` and then stops the render, as a user's Ctrl-C
 * does (RP_ERR_ABORTED). */
typedef struct stopper {
	rp_sink down;
	size_t left;
} stopper;

static int stopper_write(void *user, const int16_t *frames, size_t n)
{
	stopper *st = user;
	if (n > st->left)
		n = st->left;
	st->left -= n;
	int rc = n ? st->down.write(st->down.user, frames, n) : RP_OK;
	return rc != RP_OK ? rc : st->left ? RP_OK : RP_ERR_ABORTED;
}

/* A failed render leaves an existing file untouched and no temporary file behind; a good one
 * replaces it with a WAV that has every frame. */
static void test_file_sink_atomic(void **state)
{
	(void)state;
	char *dir = temp_dir();
	char path[4096];
	snprintf(path, sizeof path, "%s/out.wav", dir);
	FILE *f = fopen(path, "wb");
	fputs("precious", f);
	fclose(f);

	rp_plan *plan = plan_text(DIALOGUE, NULL);
	rp_diags diags = {0};
	rp_file_sink *fs;
	assert_int_equal(rp_file_sink_open(path, plan->sample_rate, &fs, &diags), RP_OK);
	stopper stop = {.down = rp_file_sink_as_sink(fs), .left = 1000};
	rp_sink sink = {.write = stopper_write, .user = &stop};
	assert_int_equal(rp_render(plan, synth, &sink, NULL, NULL, NULL), RP_ERR_ABORTED);
	assert_int_equal(stop.left, 0);
	rp_file_sink_close(fs);
	char *content = tu_read_file(path, NULL);
	assert_string_equal(content, "precious");
	free(content);
	assert_int_equal(count_entries(dir), 1);

	assert_int_equal(rp_file_sink_open(path, plan->sample_rate, &fs, &diags), RP_OK);
	sink = rp_file_sink_as_sink(fs);
	int64_t frames;
	assert_int_equal(rp_render(plan, synth, &sink, NULL, &frames, NULL), RP_OK);
	assert_int_equal(rp_file_sink_commit(fs), RP_OK);
	rp_file_sink_close(fs);
	SF_INFO info = {0};
	SNDFILE *sf = sf_open(path, SFM_READ, &info);
	assert_non_null(sf);
	assert_int_equal(info.frames, frames);
	assert_int_equal(info.samplerate, plan->sample_rate);
	assert_int_equal(info.channels, 1);
	assert_int_equal(info.format, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
	sf_close(sf);
	assert_int_equal(count_entries(dir), 1);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_true(st.st_mode & 0044); /* readable like any file, not mkstemp's 0600 */

	/* a folder that does not exist: an error naming it, nothing created */
	char bad[4200];
	snprintf(bad, sizeof bad, "%s/missing/out.wav", dir);
	assert_int_equal(rp_file_sink_open(bad, 22050, &fs, &diags), RP_ERR_IO);
	assert_true(diags.errors == 1 && strstr(diags.items[0].file, "missing"));
	unlink(path);
	rmdir(dir);
	free(dir);
	rp_diags_clear(&diags);
	rp_plan_free(plan);
}

/* Counts the frames going into the resampler and passes them on. */
typedef struct tee {
	size_t n;
	rp_sink next;
} tee;

static int tee_write(void *user, const int16_t *f, size_t n)
{
	tee *t = user;
	t->n += n;
	return t->next.write(t->next.user, f, n);
}

/* 22050 -> 44100 Hz doubles the frame count (within the converter's latency), and a 1 kHz tone
 * stays a 1 kHz tone (its zero crossings per second). */
static void test_resampler(void **state)
{
	(void)state;
	rp_plan *plan = plan_text(DIALOGUE, NULL);
	capture up = {0};
	rp_sink down = {cap_write, NULL, cap_item, &up};
	rp_resampler *r;
	assert_int_equal(rp_resampler_new(plan->sample_rate, 44100, &down, &r, NULL), RP_OK);
	tee t = {0, rp_resampler_as_sink(r)};
	rp_sink sink = {tee_write, NULL, NULL, &t};
	assert_int_equal(rp_render(plan, synth, &sink, NULL, NULL, NULL), RP_OK);
	assert_int_equal(rp_resampler_flush(r), RP_OK);
	rp_resampler_free(r);
	double ratio = (double)up.n / (double)t.n;
	print_message("%zu -> %zu frames (ratio %.5f)\n", t.n, up.n, ratio);
	assert_true(fabs(ratio - 2.0) < 0.001);
	capture_free(&up);
	rp_plan_free(plan);

	enum { IN_RATE = 22050, SECONDS = 2 };
	static int16_t tone[IN_RATE * SECONDS];
	for (size_t i = 0; i < IN_RATE * SECONDS; i++)
		tone[i] = (int16_t)(10000 * sin(2 * M_PI * 1000 * (double)i / IN_RATE));
	capture out = {0};
	down = (rp_sink){cap_write, NULL, NULL, &out};
	assert_int_equal(rp_resampler_new(IN_RATE, 48000, &down, &r, NULL), RP_OK);
	sink = rp_resampler_as_sink(r);
	assert_int_equal(sink.write(sink.user, tone, IN_RATE * SECONDS), RP_OK);
	assert_int_equal(rp_resampler_flush(r), RP_OK);
	rp_resampler_free(r);
	assert_true(labs((long)out.n - 48000L * SECONDS) < 100);
	size_t crossings = 0;
	for (size_t i = 48000 / 10; i + 1 < out.n - 48000 / 10; i++)
		crossings += (out.frames[i] < 0) != (out.frames[i + 1] < 0);
	double hz = crossings / 2.0 / ((double)(out.n - 2 * 48000 / 10) / 48000);
	print_message("1 kHz tone at 48 kHz: %.1f Hz\n", hz);
	assert_true(fabs(hz - 1000) < 5);
	capture_free(&out);
}

/* Frames into nowhere. */
static int discard_write(void *user, const int16_t *frames, size_t n)
{
	(void)frames;
	*(size_t *)user += n;
	return RP_OK;
}

/* What rp_render refuses, with a diagnostic: a plan made for another rate, a voice eSpeak NG
 * does not have (at the span's place); and a second synth in the process. */
static void test_render_errors(void **state)
{
	(void)state;
	rp_plan *plan = plan_text(DIALOGUE, NULL);
	size_t n = 0;
	rp_sink sink = {.write = discard_write, .user = &n};
	rp_diags diags = {0};
	plan->sample_rate = 16000;
	assert_int_equal(rp_render(plan, synth, &sink, NULL, NULL, &diags), RP_ERR_ARG);
	assert_int_equal(n, 0);
	assert_int_equal(diags.errors, 1);
	assert_non_null(strstr(diags.items[0].message, "22050 Hz"));
	assert_non_null(strstr(diags.items[0].message, "16000 Hz"));
	rp_diags_clear(&diags);
	plan->sample_rate = RP_ESPEAK_SAMPLE_RATE;

	rp_item *it = &plan->turns[1].items[0];
	assert_int_equal(it->type, RP_ITEM_SPEECH);
	free(it->voice);
	it->voice = strdup("xx-no-such-voice");
	int64_t frames = -1;
	assert_int_equal(rp_render(plan, synth, &sink, NULL, &frames, &diags), RP_ERR_VOICE);
	assert_true(frames > 0); /* the first turn was rendered */
	assert_int_equal(diags.errors, 1);
	assert_int_equal(diags.items[0].line, it->line);
	assert_int_equal(diags.items[0].column, it->column);
	assert_non_null(strstr(diags.items[0].message, "xx-no-such-voice"));
	rp_diags_clear(&diags);
	rp_plan_free(plan);

	rp_synth *second = (rp_synth *)&n;
	assert_int_equal(rp_synth_open(&second, &diags), RP_ERR_ARG);
	assert_null(second);
	assert_int_equal(diags.errors, 1);
	rp_diags_clear(&diags);
}

static int setup(void **state)
{
	(void)state;
	rp_diags diags = {0};
	if (rp_synth_open(&synth, NULL) != RP_OK)
		return -1;
	int rc = rp_voice_library_load(rp_default_voices_dir(), &lib, &diags);
	rp_diags_print(&diags, stderr);
	rp_diags_clear(&diags);
	return rc == RP_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	rp_voice_library_free(lib);
	rp_synth_close(synth);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gaps_small_script),   cmocka_unit_test(test_custom_gaps),
		cmocka_unit_test(test_gaps_shared_scripts), cmocka_unit_test(test_speakers_differ),
		cmocka_unit_test(test_turn_selection),      cmocka_unit_test(test_file_sink_atomic),
		cmocka_unit_test(test_resampler),           cmocka_unit_test(test_render_errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
