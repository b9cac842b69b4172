/* Tests of the ring sink (src/audio/sink_ring.c; include/radioplay.h "Streaming: the ring sink and
 * the timeline"): frames and events cross from a producer thread to a consumer thread exactly and
 * in order, the producer waits (never drops) when a ring is full, positions count on the ring's
 * stream from each render's begin, cancel unblocks a waiting producer, discards keep the counters
 * consistent; and a real render through the ring gives what rp_render gave the ring sink. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "radioplay.h"
#include "testutil.h"

static rp_synth *synth; /* one per process (rp_synth_open): opened by the group setup */

/* --- helpers ------------------------------------------------------------------------------ */

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The frame that stands at stream position p in these tests: a counter. */
static int16_t pattern(uint64_t p)
{
	return (int16_t)(uint16_t)p;
}

static void fill_pattern(int16_t *f, uint64_t from, size_t n)
{
	for (size_t i = 0; i < n; i++)
		f[i] = pattern(from + i);
}

/* Frames in f[0..n) that are not pattern(from + i). */
static size_t pattern_mismatches(const int16_t *f, uint64_t from, size_t n)
{
	size_t bad = 0;
	for (size_t i = 0; i < n; i++)
		bad += f[i] != pattern(from + i);
	return bad;
}

static void check_counts(const rp_ring_sink *rs, uint64_t written, uint64_t consumed)
{
	assert_int_equal(rp_ring_sink_written(rs), written);
	assert_int_equal(rp_ring_sink_consumed(rs), consumed);
	assert_int_equal(rp_ring_sink_buffered(rs), written - consumed);
}

static rp_ring_event turn_ev(size_t turn, uint64_t start)
{
	return (rp_ring_event){.type = RP_RING_TURN, .turn = turn, .start = start};
}

static rp_ring_event item_ev(size_t turn, size_t item, uint64_t start, uint64_t end)
{
	return (rp_ring_event){
		.type = RP_RING_ITEM, .turn = turn, .item = item, .start = start, .end = end};
}

static rp_ring_event end_ev(uint64_t at)
{
	return (rp_ring_event){.type = RP_RING_END, .start = at, .end = at};
}

/* `got` is `want`: the fields that the event's type gives a meaning (radioplay.h). */
static void assert_event(const rp_ring_event *got, const rp_ring_event *want)
{
	assert_int_equal(got->type, want->type);
	assert_int_equal(got->start, want->start);
	if (want->type != RP_RING_END)
		assert_int_equal(got->turn, want->turn);
	if (want->type == RP_RING_ITEM) {
		assert_int_equal(got->item, want->item);
		assert_int_equal(got->end, want->end);
	}
}

static void expect_event(rp_ring_sink *rs, rp_ring_event want)
{
	rp_ring_event got;
	assert_true(rp_ring_sink_next_event(rs, &got));
	assert_event(&got, &want);
}

static bool wait_until(bool (*cond)(void *), void *arg, double seconds)
{
	double until = now_s() + seconds;
	while (!cond(arg)) {
		if (now_s() > until)
			return false;
		sleep_ms(1);
	}
	return true;
}

/* --- a producer that runs one blocking call on another thread ----------------------------- */

typedef enum job_op { JOB_WRITE, JOB_EVENTS, JOB_END } job_op;

typedef struct job {
	rp_ring_sink *rs;
	job_op op;
	size_t n; /* JOB_WRITE: frames, pattern from `from`; JOB_EVENTS: events */
	uint64_t from;
	atomic_size_t pushed; /* JOB_EVENTS: events that went in */
	atomic_bool done;
	int rc; /* what the last call returned */
	pthread_t thread;
} job;

static void *job_main(void *arg)
{
	job *j = arg;
	rp_sink s = rp_ring_sink_as_sink(j->rs);
	if (j->op == JOB_WRITE) {
		int16_t *f = malloc(j->n * sizeof *f);
		fill_pattern(f, j->from, j->n);
		j->rc = s.write(s.user, f, j->n);
		free(f);
	} else if (j->op == JOB_EVENTS) {
		j->rc = RP_OK;
		for (size_t k = 0; k < j->n && j->rc == RP_OK; k++) {
			/* marks and items in turn: both wait for room */
			j->rc = k % 2 == 0 ? s.mark(s.user, k, (int64_t)k)
			                   : s.item(s.user, k, k, (int64_t)k, (int64_t)k + 1);
			if (j->rc == RP_OK)
				atomic_fetch_add(&j->pushed, 1);
		}
	} else {
		j->rc = rp_ring_sink_end(j->rs);
	}
	atomic_store(&j->done, true);
	return NULL;
}

static void job_start(job *j, rp_ring_sink *rs, job_op op, size_t n, uint64_t from)
{
	j->rs = rs;
	j->op = op;
	j->n = n;
	j->from = from;
	atomic_init(&j->pushed, 0);
	atomic_init(&j->done, false);
	j->rc = 1;
	assert_int_equal(pthread_create(&j->thread, NULL, job_main, j), 0);
}

static bool job_done(void *arg)
{
	return atomic_load(&((job *)arg)->done);
}

/* Cancel and wait for the job, which must be waiting still; it must return RP_ERR_ABORTED within
 * 5 s. (If cancel does not free it, the job is freed by emptying the rings, so that the test
 * fails instead of hanging.) */
static void cancel_waiting_job(job *j)
{
	sleep_ms(30);
	assert_false(atomic_load(&j->done)); /* it waits for room, it does not drop */
	assert_false(rp_ring_sink_cancelled(j->rs));
	rp_ring_sink_cancel(j->rs);
	assert_true(rp_ring_sink_cancelled(j->rs));
	bool freed = wait_until(job_done, j, 5.0);
	while (!atomic_load(&j->done)) {
		rp_ring_sink_discard(j->rs);
		rp_ring_sink_discard_events(j->rs);
		sleep_ms(1);
	}
	pthread_join(j->thread, NULL);
	assert_true(freed);
	assert_int_equal(j->rc, RP_ERR_ABORTED);
}

typedef struct fill_wait {
	const rp_ring_sink *rs;
	size_t frames;
	const job *j;
	size_t events;
} fill_wait;

static bool frames_buffered(void *arg)
{
	fill_wait *w = arg;
	return rp_ring_sink_buffered(w->rs) >= w->frames;
}

static bool events_pushed(void *arg)
{
	fill_wait *w = arg;
	return atomic_load(&w->j->pushed) >= w->events;
}

/* --- construction ------------------------------------------------------------------------- */

static void test_new_sizes(void **state)
{
	(void)state;
	rp_ring_sink *rs = (rp_ring_sink *)&rs;
	assert_int_equal(rp_ring_sink_new(0, 8, &rs), RP_ERR_ARG);
	assert_null(rs);
	rs = (rp_ring_sink *)&rs;
	assert_int_equal(rp_ring_sink_new(8, 0, &rs), RP_ERR_ARG);
	assert_null(rs);
	rs = (rp_ring_sink *)&rs;
	assert_int_equal(rp_ring_sink_new((size_t)1 << 41, 8, &rs), RP_ERR_ARG); /* too big */
	assert_null(rs);
	rp_ring_sink_free(NULL);

	static const size_t asked[][2] = {{1, 1}, {1000, 1024}, {1024, 1024}, {1025, 2048}};
	for (size_t i = 0; i < sizeof asked / sizeof *asked; i++) {
		assert_int_equal(rp_ring_sink_new(asked[i][0], 5, &rs), RP_OK);
		assert_int_equal(rp_ring_sink_capacity(rs), asked[i][1]);
		check_counts(rs, 0, 0);
		assert_false(rp_ring_sink_ended(rs));
		assert_false(rp_ring_sink_cancelled(rs));
		rp_ring_event ev;
		assert_false(rp_ring_sink_next_event(rs, &ev));
		rp_sink s = rp_ring_sink_as_sink(rs);
		assert_non_null(s.write);
		assert_non_null(s.mark);
		assert_non_null(s.item);
		assert_ptr_equal(s.user, rs);
		rp_ring_sink_free(rs);
	}
}

/* --- positions, end and begin (one thread) ------------------------------------------------ */

static void test_positions_end_begin(void **state)
{
	(void)state;
	rp_ring_sink *rs;
	assert_int_equal(rp_ring_sink_new(64, 16, &rs), RP_OK);
	rp_sink s = rp_ring_sink_as_sink(rs);
	int16_t f[32], out[32];
	fill_pattern(f, 0, 32);

	/* render 1 starts at stream position 0 */
	rp_ring_sink_begin(rs);
	assert_int_equal(s.mark(s.user, 4, 0), RP_OK);
	assert_int_equal(s.write(s.user, f, 10), RP_OK);
	assert_int_equal(s.item(s.user, 4, 0, 2, 9), RP_OK);
	assert_false(rp_ring_sink_ended(rs));
	assert_int_equal(rp_ring_sink_end(rs), RP_OK);
	assert_true(rp_ring_sink_ended(rs));
	expect_event(rs, turn_ev(4, 0));
	expect_event(rs, item_ev(4, 0, 2, 9));
	expect_event(rs, end_ev(10));
	rp_ring_event ev;
	assert_false(rp_ring_sink_next_event(rs, &ev));
	check_counts(rs, 10, 0);

	/* render 2 starts at 10: its frame numbers count from there; begin clears the end flag and
	 * keeps the stream's counters */
	rp_ring_sink_begin(rs);
	assert_false(rp_ring_sink_ended(rs));
	check_counts(rs, 10, 0);
	assert_int_equal(s.mark(s.user, 7, 0), RP_OK);
	assert_int_equal(s.write(s.user, f + 10, 5), RP_OK);
	assert_int_equal(s.item(s.user, 7, 3, 1, 5), RP_OK);
	assert_int_equal(s.mark(s.user, 8, 5), RP_OK);
	/* reading does not move the positions: they are on the writer's stream */
	assert_int_equal(rp_ring_sink_read(rs, out, 12), 12);
	assert_int_equal(pattern_mismatches(out, 0, 12), 0);
	assert_int_equal(s.write(s.user, f + 15, 6), RP_OK);
	assert_int_equal(s.item(s.user, 8, 0, 5, 11), RP_OK);
	assert_int_equal(rp_ring_sink_end(rs), RP_OK);
	assert_true(rp_ring_sink_ended(rs));
	expect_event(rs, turn_ev(7, 10));
	expect_event(rs, item_ev(7, 3, 11, 15));
	expect_event(rs, turn_ev(8, 15));
	expect_event(rs, item_ev(8, 0, 15, 21));
	expect_event(rs, end_ev(21));
	assert_false(rp_ring_sink_next_event(rs, &ev));
	check_counts(rs, 21, 12);

	/* render 3 writes nothing: its marks stand at 21 + their frame */
	rp_ring_sink_begin(rs);
	assert_false(rp_ring_sink_ended(rs));
	assert_int_equal(s.mark(s.user, 9, 7), RP_OK);
	expect_event(rs, turn_ev(9, 28));
	assert_int_equal(rp_ring_sink_read(rs, out, 32), 9);
	assert_int_equal(pattern_mismatches(out, 12, 9), 0);
	check_counts(rs, 21, 21);
	rp_ring_sink_free(rs);
}

/* --- a producer thread and a consumer ------------------------------------------------------ */

enum {
	PRE_FRAMES = 333, /* written before the first render of the threaded test */
	MAX_EVENTS = 2048,
	CHUNK_MAX = 301,
};

static const size_t render_frames[2] = {20011, 21517}; /* about 20 times the ring */

typedef struct stream_job {
	rp_ring_sink *rs;
	rp_ring_event expect[MAX_EVENTS]; /* what the producer pushed, in order */
	size_t n_expect;
	int rc;
	atomic_bool done; /* the producer returned: everything is in the rings */
} stream_job;

/* Two renders: odd-sized chunks of the counter pattern, a mark every fifth chunk and an item
 * after each chunk, with the render's own frame numbers; then end. */
static void *stream_producer(void *arg)
{
	stream_job *j = arg;
	rp_sink s = rp_ring_sink_as_sink(j->rs);
	int16_t chunk[CHUNK_MAX];
	uint64_t base = PRE_FRAMES;
	j->rc = RP_OK;
	for (size_t r = 0; r < 2 && j->rc == RP_OK; r++) {
		rp_ring_sink_begin(j->rs);
		size_t f = 0, turn = 0;
		for (size_t k = 0; f < render_frames[r] && j->rc == RP_OK; k++) {
			if (k % 5 == 0) {
				turn = r * 1000 + k / 5;
				j->rc = s.mark(s.user, turn, (int64_t)f);
				j->expect[j->n_expect++] = turn_ev(turn, base + f);
			}
			size_t n = 1 + (k * 37 + r * 11) % CHUNK_MAX;
			if (n > render_frames[r] - f)
				n = render_frames[r] - f;
			fill_pattern(chunk, base + f, n);
			if (j->rc == RP_OK)
				j->rc = s.write(s.user, chunk, n);
			if (j->rc == RP_OK)
				j->rc = s.item(s.user, turn, k % 5, (int64_t)f, (int64_t)(f + n));
			j->expect[j->n_expect++] = item_ev(turn, k % 5, base + f, base + f + n);
			f += n;
		}
		if (j->rc == RP_OK)
			j->rc = rp_ring_sink_end(j->rs);
		base += f;
		j->expect[j->n_expect++] = end_ev(base);
	}
	atomic_store(&j->done, true);
	return NULL;
}

/* The consumer stops reading for a while at these stream positions: the producer must fill the
 * ring to its capacity and wait there. */
static const uint64_t pauses_at[] = {4096, 12288, 27000};

static void test_threads_frames_and_events(void **state)
{
	(void)state;
	rp_ring_sink *rs;
	assert_int_equal(rp_ring_sink_new(1000, 20, &rs), RP_OK);
	size_t cap = rp_ring_sink_capacity(rs);
	assert_int_equal(cap, 1024);
	const uint64_t total = PRE_FRAMES + render_frames[0] + render_frames[1];

	/* frames of an earlier render, written and read: the first render's base is PRE_FRAMES */
	int16_t buf[CHUNK_MAX];
	rp_sink s = rp_ring_sink_as_sink(rs);
	rp_ring_sink_begin(rs);
	fill_pattern(buf, 0, PRE_FRAMES % CHUNK_MAX);
	assert_int_equal(s.write(s.user, buf, PRE_FRAMES % CHUNK_MAX), RP_OK);
	fill_pattern(buf, PRE_FRAMES % CHUNK_MAX, PRE_FRAMES - PRE_FRAMES % CHUNK_MAX);
	assert_int_equal(s.write(s.user, buf, PRE_FRAMES - PRE_FRAMES % CHUNK_MAX), RP_OK);
	uint64_t got = 0;
	size_t mismatches = 0, n;
	while ((n = rp_ring_sink_read(rs, buf, CHUNK_MAX)) > 0) {
		mismatches += pattern_mismatches(buf, got, n);
		got += n;
	}
	assert_int_equal(got, PRE_FRAMES);
	assert_int_equal(mismatches, 0);

	stream_job *j = calloc(1, sizeof *j);
	j->rs = rs;
	atomic_init(&j->done, false);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, stream_producer, j), 0);

	static rp_ring_event seen[MAX_EVENTS];
	size_t n_seen = 0, ends = 0, pause = 0, full_waits = 0;
	/* until a read after the producer returned finds nothing */
	bool drained = false;
	double deadline = now_s() + 60;
	for (size_t k = 0; !drained && now_s() < deadline; k++) {
		bool after_end = atomic_load(&j->done);
		if (pause < sizeof pauses_at / sizeof *pauses_at && got >= pauses_at[pause]) {
			pause++;
			fill_wait w = {.rs = rs, .frames = cap};
			/* the events first, so that the producer waits for frames only */
			while (n_seen < MAX_EVENTS && rp_ring_sink_next_event(rs, &seen[n_seen]))
				ends += seen[n_seen++].type == RP_RING_END;
			if (wait_until(frames_buffered, &w, 10.0)) {
				sleep_ms(20);
				/* still full, nothing more written: the producer waits */
				full_waits += rp_ring_sink_buffered(rs) == cap &&
				              rp_ring_sink_written(rs) == got + cap;
			}
		}
		n = rp_ring_sink_read(rs, buf, 1 + (k * 53) % 211);
		mismatches += pattern_mismatches(buf, got, n);
		got += n;
		drained = after_end && n == 0;
		/* events now and then only, so that their ring fills too */
		if (k % 50 == 0)
			while (n_seen < MAX_EVENTS && rp_ring_sink_next_event(rs, &seen[n_seen]))
				ends += seen[n_seen++].type == RP_RING_END;
		if (n == 0)
			sleep_ms(0);
	}
	while (n_seen < MAX_EVENTS && rp_ring_sink_next_event(rs, &seen[n_seen]))
		ends += seen[n_seen++].type == RP_RING_END;
	if (!drained)
		rp_ring_sink_cancel(rs);
	pthread_join(t, NULL);
	assert_true(drained);
	assert_int_equal(got, total);
	assert_int_equal(ends, 2);
	assert_int_equal(j->rc, RP_OK);
	assert_int_equal(mismatches, 0);
	assert_int_equal(full_waits, sizeof pauses_at / sizeof *pauses_at);
	check_counts(rs, total, total);
	assert_true(rp_ring_sink_ended(rs));
	rp_ring_event ev;
	assert_false(rp_ring_sink_next_event(rs, &ev));
	assert_int_equal(n_seen, j->n_expect);
	for (size_t i = 0; i < n_seen; i++)
		assert_event(&seen[i], &j->expect[i]);
	assert_int_equal(seen[n_seen - 1].start, total);
	free(j);
	rp_ring_sink_free(rs);
}

/* --- cancel ------------------------------------------------------------------------------- */

/* After a cancel, every producer call returns RP_ERR_ABORTED without writing, until begin. */
static void assert_refuses(rp_ring_sink *rs)
{
	rp_sink s = rp_ring_sink_as_sink(rs);
	uint64_t written = rp_ring_sink_written(rs);
	int16_t f[2] = {1, 2};
	assert_int_equal(s.write(s.user, f, 2), RP_ERR_ABORTED);
	assert_int_equal(s.mark(s.user, 0, 0), RP_ERR_ABORTED);
	assert_int_equal(s.item(s.user, 0, 0, 0, 1), RP_ERR_ABORTED);
	assert_int_equal(rp_ring_sink_end(rs), RP_ERR_ABORTED);
	assert_false(rp_ring_sink_ended(rs));
	assert_true(rp_ring_sink_cancelled(rs));
	assert_int_equal(rp_ring_sink_written(rs), written);
	rp_ring_event ev;
	assert_false(rp_ring_sink_next_event(rs, &ev));
}

static void test_cancel_frames_full(void **state)
{
	(void)state;
	rp_ring_sink *rs;
	assert_int_equal(rp_ring_sink_new(16, 8, &rs), RP_OK);
	rp_ring_sink_begin(rs);
	job j;
	job_start(&j, rs, JOB_WRITE, 100, 0);
	fill_wait w = {.rs = rs, .frames = 16};
	assert_true(wait_until(frames_buffered, &w, 5.0));
	cancel_waiting_job(&j);
	check_counts(rs, 16, 0); /* what went in before stays */

	/* room now, but still cancelled */
	int16_t out[16];
	assert_int_equal(rp_ring_sink_read(rs, out, 16), 16);
	assert_int_equal(pattern_mismatches(out, 0, 16), 0);
	assert_refuses(rs);
	check_counts(rs, 16, 16);

	/* begin lifts it */
	rp_ring_sink_begin(rs);
	assert_false(rp_ring_sink_cancelled(rs));
	rp_sink s = rp_ring_sink_as_sink(rs);
	int16_t f[3];
	fill_pattern(f, 16, 3);
	assert_int_equal(s.write(s.user, f, 3), RP_OK);
	assert_int_equal(s.mark(s.user, 1, 2), RP_OK);
	expect_event(rs, turn_ev(1, 18));
	assert_int_equal(rp_ring_sink_read(rs, out, 16), 3);
	assert_int_equal(pattern_mismatches(out, 16, 3), 0);
	rp_ring_sink_free(rs);
}

static void test_cancel_events_full(void **state)
{
	(void)state;
	rp_ring_sink *rs;
	assert_int_equal(rp_ring_sink_new(64, 3, &rs), RP_OK); /* room for 4 events */
	rp_ring_sink_begin(rs);
	job j;
	job_start(&j, rs, JOB_EVENTS, 10, 0);
	fill_wait w = {.j = &j, .events = 4};
	assert_true(wait_until(events_pushed, &w, 5.0));
	cancel_waiting_job(&j);
	assert_int_equal(atomic_load(&j.pushed), 4);
	expect_event(rs, turn_ev(0, 0));
	expect_event(rs, item_ev(1, 1, 1, 2));
	expect_event(rs, turn_ev(2, 2));
	expect_event(rs, item_ev(3, 3, 3, 4));
	assert_refuses(rs);

	/* end waits for room as well, and a cancel frees it; the end flag stays down */
	rp_ring_sink_begin(rs);
	rp_sink s = rp_ring_sink_as_sink(rs);
	for (size_t k = 0; k < 4; k++)
		assert_int_equal(s.mark(s.user, k, 0), RP_OK);
	job_start(&j, rs, JOB_END, 0, 0);
	cancel_waiting_job(&j);
	assert_false(rp_ring_sink_ended(rs));
	for (size_t k = 0; k < 4; k++)
		expect_event(rs, turn_ev(k, 0));
	assert_refuses(rs);
	rp_ring_sink_free(rs);
}

/* --- discard ------------------------------------------------------------------------------ */

static void test_discard(void **state)
{
	(void)state;
	rp_ring_sink *rs;
	assert_int_equal(rp_ring_sink_new(16, 4, &rs), RP_OK);
	rp_sink s = rp_ring_sink_as_sink(rs);
	int16_t f[16], out[16];
	rp_ring_sink_begin(rs);
	assert_int_equal(rp_ring_sink_discard(rs), 0); /* nothing there */
	fill_pattern(f, 0, 10);
	assert_int_equal(s.write(s.user, f, 10), RP_OK);
	assert_int_equal(rp_ring_sink_read(rs, out, 3), 3);
	check_counts(rs, 10, 3);
	assert_int_equal(rp_ring_sink_discard(rs), 7);
	check_counts(rs, 10, 10);
	assert_int_equal(rp_ring_sink_read(rs, out, 16), 0);
	assert_int_equal(rp_ring_sink_discard(rs), 0);

	/* the ring goes on after a discard: across the storage's end, then full to capacity */
	fill_pattern(f, 10, 14);
	assert_int_equal(s.write(s.user, f, 14), RP_OK);
	assert_int_equal(rp_ring_sink_read(rs, out, 5), 5);
	assert_int_equal(pattern_mismatches(out, 10, 5), 0);
	assert_int_equal(rp_ring_sink_discard(rs), 9);
	check_counts(rs, 24, 24);
	fill_pattern(f, 24, 16);
	assert_int_equal(s.write(s.user, f, 16), RP_OK);
	check_counts(rs, 40, 24);
	assert_int_equal(rp_ring_sink_read(rs, out, 16), 16);
	assert_int_equal(pattern_mismatches(out, 24, 16), 0);

	/* events: dropped; the ring has all its room again */
	for (size_t k = 0; k < 3; k++)
		assert_int_equal(s.mark(s.user, k, 0), RP_OK);
	rp_ring_sink_discard_events(rs);
	rp_ring_event ev;
	assert_false(rp_ring_sink_next_event(rs, &ev));
	rp_ring_sink_discard_events(rs); /* on an empty ring */
	for (size_t k = 0; k < 4; k++)
		assert_int_equal(s.mark(s.user, 10 + k, (int64_t)k), RP_OK);
	for (size_t k = 0; k < 4; k++)
		expect_event(rs, turn_ev(10 + k, k));
	assert_false(rp_ring_sink_next_event(rs, &ev));
	check_counts(rs, 40, 40);
	rp_ring_sink_free(rs);
}

/* A producer writes while the consumer reads and discards: every frame read is the one at its
 * stream position (discarded ones count as consumed), and reads plus discards are all frames. */
typedef struct watch {
	const rp_ring_sink *rs;
	atomic_bool stop;
	size_t samples, bad; /* buffered outside [0, capacity] or more than written - consumed */
} watch;

/* A third thread: the counters are snapshots that may be read from any thread. */
static void *watcher(void *arg)
{
	watch *w = arg;
	size_t cap = rp_ring_sink_capacity(w->rs);
	while (!atomic_load(&w->stop)) {
		size_t b = rp_ring_sink_buffered(w->rs);
		uint64_t c = rp_ring_sink_consumed(w->rs), wr = rp_ring_sink_written(w->rs);
		w->bad += b > cap || c > wr;
		w->samples++;
	}
	return NULL;
}

static void test_discard_threads(void **state)
{
	(void)state;
	enum { N = 1000000 };
	rp_ring_sink *rs;
	assert_int_equal(rp_ring_sink_new(4096, 4, &rs), RP_OK);
	rp_ring_sink_begin(rs);
	job j;
	job_start(&j, rs, JOB_WRITE, N, 0);
	watch w = {.rs = rs};
	atomic_init(&w.stop, false);
	pthread_t wt;
	assert_int_equal(pthread_create(&wt, NULL, watcher, &w), 0);
	int16_t buf[97];
	uint64_t read = 0, dropped = 0;
	size_t mismatches = 0, inconsistent = 0;
	double deadline = now_s() + 60;
	for (size_t k = 0; read + dropped < N && now_s() < deadline; k++) {
		uint64_t before = rp_ring_sink_consumed(rs);
		if (k % 7 == 3) {
			size_t d = rp_ring_sink_discard(rs);
			dropped += d;
			inconsistent += rp_ring_sink_consumed(rs) != before + d;
		} else {
			size_t n = rp_ring_sink_read(rs, buf, 1 + k % 97);
			mismatches += pattern_mismatches(buf, before, n);
			read += n;
			inconsistent += rp_ring_sink_consumed(rs) != before + n;
		}
		inconsistent += rp_ring_sink_buffered(rs) > rp_ring_sink_capacity(rs);
	}
	bool finished = read + dropped == N;
	if (!finished)
		rp_ring_sink_cancel(rs);
	pthread_join(j.thread, NULL);
	atomic_store(&w.stop, true);
	pthread_join(wt, NULL);
	print_message("%llu frames read, %llu discarded; %zu snapshots of the counters\n",
	              (unsigned long long)read, (unsigned long long)dropped, w.samples);
	assert_true(finished);
	assert_int_equal(j.rc, RP_OK);
	assert_int_equal(mismatches, 0);
	assert_int_equal(inconsistent, 0);
	assert_true(read > 0 && dropped > 0);
	check_counts(rs, N, N);
	assert_int_equal(w.bad, 0);
	rp_ring_sink_free(rs);
}

/* --- a real render through the ring ------------------------------------------------------- */

/* What rp_render told a sink: every frame, and its marks and items as ring events at `base` +
 * their frame. Passes everything on to `next` when it has a write. */
typedef struct recorder {
	rp_sink next;
	uint64_t base;
	int16_t *frames;
	size_t n, cap;
	rp_ring_event ev[MAX_EVENTS];
	size_t n_ev;
} recorder;

static int rec_write(void *user, const int16_t *f, size_t n)
{
	recorder *r = user;
	if (r->n + n > r->cap) {
		r->cap = (r->n + n) * 2;
		r->frames = realloc(r->frames, r->cap * sizeof *r->frames);
	}
	memcpy(r->frames + r->n, f, n * sizeof *f);
	r->n += n;
	return r->next.write ? r->next.write(r->next.user, f, n) : RP_OK;
}

static int rec_mark(void *user, size_t turn, int64_t frame)
{
	recorder *r = user;
	if (r->n_ev < MAX_EVENTS)
		r->ev[r->n_ev++] = turn_ev(turn, r->base + (uint64_t)frame);
	return r->next.mark ? r->next.mark(r->next.user, turn, frame) : RP_OK;
}

static int rec_item(void *user, size_t turn, size_t item, int64_t start, int64_t end)
{
	recorder *r = user;
	if (r->n_ev < MAX_EVENTS)
		r->ev[r->n_ev++] = item_ev(turn, item, r->base + (uint64_t)start,
		                           r->base + (uint64_t)end);
	return r->next.item ? r->next.item(r->next.user, turn, item, start, end) : RP_OK;
}

static rp_sink rec_sink(recorder *r)
{
	return (rp_sink){rec_write, rec_mark, rec_item, r};
}

typedef struct render_job {
	const rp_plan *plan;
	rp_ring_sink *rs;
	recorder rec; /* between rp_render and the ring */
	int64_t frames;
	int rc;
	atomic_bool done;
} render_job;

static void *render_producer(void *arg)
{
	render_job *j = arg;
	rp_ring_sink_begin(j->rs);
	rp_sink sink = rec_sink(&j->rec);
	j->rc = rp_render(j->plan, synth, &sink, NULL, &j->frames, NULL);
	if (j->rc == RP_OK)
		j->rc = rp_ring_sink_end(j->rs);
	atomic_store(&j->done, true);
	return NULL;
}

static void test_render_through_ring(void **state)
{
	(void)state;
	enum { BASE = 1000 };
	rp_plan *plan = tu_plan_text("[A]: Hello there, how are you today?\n"
	                             "[B]: 我很好，谢谢。And you, my friend?\n"
	                             "\n"
	                             "Let us go.\n"
	                             "[A]: Fine, thanks.\n",
	                             NULL);
	size_t n_items = 0;
	for (size_t t = 0; t < plan->n_turns; t++)
		n_items += plan->turns[t].n_items;
	rp_ring_sink *rs;
	assert_int_equal(rp_ring_sink_new(4096, 8, &rs), RP_OK);

	/* an earlier render's frames, played: this render starts at BASE */
	rp_ring_sink_begin(rs);
	rp_sink ring = rp_ring_sink_as_sink(rs);
	static int16_t zeros[BASE];
	assert_int_equal(ring.write(ring.user, zeros, BASE), RP_OK);
	assert_int_equal(rp_ring_sink_discard(rs), BASE);

	render_job *j = calloc(1, sizeof *j);
	j->plan = plan;
	j->rs = rs;
	j->rec.next = ring;
	j->rec.base = BASE;
	atomic_init(&j->done, false);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, render_producer, j), 0);
	size_t cap = 1 << 16, n = 0;
	int16_t *got = malloc(cap * sizeof *got);
	static rp_ring_event seen[MAX_EVENTS];
	size_t n_seen = 0;
	bool end = false, drained = false; /* as in test_threads_frames_and_events */
	double deadline = now_s() + 120;
	for (size_t k = 0; !drained && now_s() < deadline; k++) {
		bool after_end = atomic_load(&j->done);
		if (n + 1024 > cap)
			got = realloc(got, (cap *= 2) * sizeof *got);
		size_t r = rp_ring_sink_read(rs, got + n, 1 + (k * 389) % 1021);
		n += r;
		drained = after_end && r == 0;
		while (!end && n_seen < MAX_EVENTS && rp_ring_sink_next_event(rs, &seen[n_seen]))
			end = seen[n_seen++].type == RP_RING_END;
		if (r == 0)
			sleep_ms(1);
	}
	while (!end && n_seen < MAX_EVENTS && rp_ring_sink_next_event(rs, &seen[n_seen]))
		end = seen[n_seen++].type == RP_RING_END;
	if (!drained)
		rp_ring_sink_cancel(rs);
	pthread_join(t, NULL);
	assert_true(drained);
	assert_true(end);
	assert_int_equal(j->rc, RP_OK);
	assert_true(rp_ring_sink_ended(rs));

	/* the ring gave what rp_render gave the ring sink: the frames exactly, the marks and items
	 * in order at BASE + their frame, then the end */
	assert_int_equal(n, (size_t)j->frames);
	assert_int_equal(j->rec.n, n);
	assert_memory_equal(got, j->rec.frames, n * sizeof *got);
	assert_int_equal(n_seen, j->rec.n_ev + 1);
	assert_int_equal(j->rec.n_ev, plan->n_turns + n_items);
	for (size_t i = 0; i < j->rec.n_ev; i++)
		assert_event(&seen[i], &j->rec.ev[i]);
	assert_event(&seen[n_seen - 1], &(rp_ring_event){.type = RP_RING_END, .start = BASE + n});
	check_counts(rs, BASE + n, BASE + n);

	/* the same plan into a plain sink: the same marks and items, at the same frames when eSpeak
	 * NG gave as many frames as the first time (it keeps some state between calls: it may not),
	 * else the same within 0.5 % of the length */
	recorder plain = {.base = BASE};
	rp_sink sink = rec_sink(&plain);
	int64_t frames2;
	assert_int_equal(rp_render(plan, synth, &sink, NULL, &frames2, NULL), RP_OK);
	print_message("ring %zu frames, plain sink %lld frames\n", n, (long long)frames2);
	assert_int_equal(plain.n, (size_t)frames2);
	assert_true(llabs(frames2 - (int64_t)n) * 200 < (int64_t)n);
	assert_int_equal(plain.n_ev, j->rec.n_ev);
	uint64_t slack = frames2 == (int64_t)n ? 0 : n / 200;
	size_t pauses = 0;
	for (size_t i = 0; i < plain.n_ev; i++) {
		const rp_ring_event *a = &seen[i], *b = &plain.ev[i];
		assert_int_equal(a->type, b->type);
		assert_int_equal(a->turn, b->turn);
		assert_int_equal(a->item, b->item);
		assert_true(a->start <= b->start + slack && b->start <= a->start + slack);
		assert_true(a->end <= b->end + slack && b->end <= a->end + slack);
		/* a pause is as long as the plan says, in both */
		const rp_item *it = a->type == RP_RING_ITEM ? &plan->turns[a->turn].items[a->item]
		                                            : NULL;
		if (it && it->type == RP_ITEM_PAUSE) {
			uint64_t len = (uint64_t)it->ms * (uint64_t)plan->sample_rate / 1000;
			assert_int_equal(a->end - a->start, len);
			assert_int_equal(b->end - b->start, len);
			pauses++;
		}
	}
	assert_true(pauses >= 4);
	free(plain.frames);
	free(got);
	free(j->rec.frames);
	free(j);
	rp_ring_sink_free(rs);
	rp_plan_free(plan);
}

static int setup(void **state)
{
	(void)state;
	rp_diags diags = {0};
	int rc = rp_synth_open(&synth, &diags);
	rp_diags_print(&diags, stderr);
	rp_diags_clear(&diags);
	return rc == RP_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	rp_synth_close(synth);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_sizes),
		cmocka_unit_test(test_positions_end_begin),
		cmocka_unit_test(test_threads_frames_and_events),
		cmocka_unit_test(test_cancel_frames_full),
		cmocka_unit_test(test_cancel_events_full),
		cmocka_unit_test(test_discard),
		cmocka_unit_test(test_discard_threads),
		cmocka_unit_test(test_render_through_ring),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
