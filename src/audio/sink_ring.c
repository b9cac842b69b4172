/* The ring sink (include/radioplay.h rp_ring_sink): frames and events from the rendering thread
 * to a consumer through two lock-free rings (ringbuf.h). */
#include "radioplay.h"
#include "ringbuf.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

/* rp_ring_sink_cancel may run in a signal handler: the flag must be a lock-free atomic. */
_Static_assert(ATOMIC_BOOL_LOCK_FREE == 2, "atomic_bool must be lock-free");

struct rp_ring_sink {
	rp_ringbuf *frames; /* int16_t */
	rp_ringbuf *events; /* rp_ring_event */
	uint64_t base;      /* producer: stream position where the current render started */
	atomic_bool cancelled;
	atomic_bool ended;
};

int rp_ring_sink_new(size_t frames, size_t events, rp_ring_sink **out)
{
	*out = NULL;
	rp_ring_sink *rs = calloc(1, sizeof *rs);
	if (!rs)
		return RP_ERR_NOMEM;
	int rc = rp_ringbuf_new(frames, sizeof(int16_t), &rs->frames);
	if (rc == RP_OK)
		rc = rp_ringbuf_new(events, sizeof(rp_ring_event), &rs->events);
	if (rc != RP_OK) {
		rp_ring_sink_free(rs);
		return rc;
	}
	atomic_init(&rs->cancelled, false);
	atomic_init(&rs->ended, false);
	*out = rs;
	return RP_OK;
}

void rp_ring_sink_free(rp_ring_sink *rs)
{
	if (!rs)
		return;
	rp_ringbuf_free(rs->frames);
	rp_ringbuf_free(rs->events);
	free(rs);
}

/* Copy all `n` elements into `rb`, sleeping in 2 ms steps while it is full. */
static int push(rp_ring_sink *rs, rp_ringbuf *rb, const void *elems, size_t n, size_t size)
{
	const struct timespec step = {0, 2 * 1000 * 1000};
	const unsigned char *p = elems;
	while (n > 0) {
		if (atomic_load_explicit(&rs->cancelled, memory_order_acquire))
			return RP_ERR_ABORTED;
		size_t done = rp_ringbuf_write(rb, p, n);
		p += done * size;
		n -= done;
		if (n > 0)
			nanosleep(&step, NULL);
	}
	return RP_OK;
}

static int push_event(rp_ring_sink *rs, rp_ring_event ev)
{
	return push(rs, rs->events, &ev, 1, sizeof ev);
}

static int ring_write(void *user, const int16_t *frames, size_t n)
{
	rp_ring_sink *rs = user;
	return push(rs, rs->frames, frames, n, sizeof *frames);
}

static int ring_mark(void *user, size_t turn, int64_t frame)
{
	rp_ring_sink *rs = user;
	return push_event(rs, (rp_ring_event){.type = RP_RING_TURN,
	                                      .turn = turn,
	                                      .start = rs->base + (uint64_t)frame});
}

static int ring_item(void *user, size_t turn, size_t item, int64_t start, int64_t end)
{
	rp_ring_sink *rs = user;
	return push_event(rs, (rp_ring_event){.type = RP_RING_ITEM,
	                                      .turn = turn,
	                                      .item = item,
	                                      .start = rs->base + (uint64_t)start,
	                                      .end = rs->base + (uint64_t)end});
}

rp_sink rp_ring_sink_as_sink(rp_ring_sink *rs)
{
	return (rp_sink){.write = ring_write, .mark = ring_mark, .item = ring_item, .user = rs};
}

void rp_ring_sink_begin(rp_ring_sink *rs)
{
	rs->base = rp_ringbuf_write_count(rs->frames);
	atomic_store(&rs->ended, false);
	atomic_store(&rs->cancelled, false);
}

int rp_ring_sink_end(rp_ring_sink *rs)
{
	uint64_t pos = rp_ringbuf_write_count(rs->frames);
	int rc = push_event(rs, (rp_ring_event){.type = RP_RING_END, .start = pos, .end = pos});
	if (rc == RP_OK)
		atomic_store(&rs->ended, true);
	return rc;
}

void rp_ring_sink_cancel(rp_ring_sink *rs)
{
	atomic_store(&rs->cancelled, true); /* lock-free (ATOMIC_BOOL_LOCK_FREE): signal-safe */
}

bool rp_ring_sink_cancelled(const rp_ring_sink *rs)
{
	return atomic_load(&rs->cancelled);
}

bool rp_ring_sink_ended(const rp_ring_sink *rs)
{
	return atomic_load(&rs->ended);
}

size_t rp_ring_sink_read(rp_ring_sink *rs, int16_t *frames, size_t n)
{
	return rp_ringbuf_read(rs->frames, frames, n);
}

size_t rp_ring_sink_discard(rp_ring_sink *rs)
{
	return rp_ringbuf_discard(rs->frames);
}

bool rp_ring_sink_next_event(rp_ring_sink *rs, rp_ring_event *ev)
{
	return rp_ringbuf_read(rs->events, ev, 1) == 1;
}

void rp_ring_sink_discard_events(rp_ring_sink *rs)
{
	rp_ringbuf_discard(rs->events);
}

uint64_t rp_ring_sink_written(const rp_ring_sink *rs)
{
	return rp_ringbuf_write_count(rs->frames);
}

uint64_t rp_ring_sink_consumed(const rp_ring_sink *rs)
{
	return rp_ringbuf_read_count(rs->frames);
}

size_t rp_ring_sink_buffered(const rp_ring_sink *rs)
{
	/* Read from a third thread, both counters move. The read count first: the write count is at
	 * least that by the time it is read, so the difference is never negative (written first, a
	 * consumer that read on in between made it wrap to a huge size). It may then exceed what the
	 * ring held at any one moment (both sides went on in between): such a snapshot is full. */
	uint64_t consumed = rp_ring_sink_consumed(rs);
	uint64_t written = rp_ring_sink_written(rs);
	size_t held = (size_t)(written - consumed), cap = rp_ring_sink_capacity(rs);
	return held < cap ? held : cap;
}

size_t rp_ring_sink_capacity(const rp_ring_sink *rs)
{
	return rp_ringbuf_capacity(rs->frames);
}
