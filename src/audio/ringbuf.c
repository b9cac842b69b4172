/* Lock-free single-producer single-consumer ring buffer (see ringbuf.h). */
#include "ringbuf.h"

#include "radioplay.h"

#include <stdalign.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* The audio callback must not fall back to a lock inside the atomics library. */
_Static_assert(ATOMIC_LLONG_LOCK_FREE == 2, "64-bit atomics must be lock-free");

#define CACHE_LINE 64

struct rp_ringbuf {
	/* Each position on its own cache line, so producer and consumer do not share one. */
	alignas(CACHE_LINE) _Atomic uint64_t write_pos; /* written by the producer only */
	alignas(CACHE_LINE) _Atomic uint64_t read_pos;  /* written by the consumer only */
	alignas(CACHE_LINE) size_t capacity;            /* power of two, in elements */
	size_t elem_size;                               /* bytes */
	unsigned char *data;                            /* capacity * elem_size bytes */
};

int rp_ringbuf_new(size_t min_capacity, size_t elem_size, rp_ringbuf **out)
{
	*out = NULL;
	if (min_capacity == 0 || elem_size == 0 || min_capacity > ((size_t)1 << 40) ||
	    elem_size > 4096)
		return RP_ERR_ARG;
	size_t cap = 1;
	while (cap < min_capacity)
		cap <<= 1;
	rp_ringbuf *rb = aligned_alloc(CACHE_LINE, sizeof *rb);
	if (!rb)
		return RP_ERR_NOMEM;
	rb->data = malloc(cap * elem_size);
	if (!rb->data) {
		free(rb);
		return RP_ERR_NOMEM;
	}
	atomic_init(&rb->write_pos, 0);
	atomic_init(&rb->read_pos, 0);
	rb->capacity = cap;
	rb->elem_size = elem_size;
	*out = rb;
	return RP_OK;
}

void rp_ringbuf_free(rp_ringbuf *rb)
{
	if (!rb)
		return;
	free(rb->data);
	free(rb);
}

size_t rp_ringbuf_capacity(const rp_ringbuf *rb)
{
	return rb->capacity;
}

/* Copy n elements between `buf` and the ring starting at position `pos`, in up to two pieces
 * (before and after the end of the storage). to_ring selects the direction. */
static void copy_at(const rp_ringbuf *rb, uint64_t pos, void *buf, size_t n, int to_ring)
{
	size_t start = (size_t)(pos & (rb->capacity - 1));
	size_t first = rb->capacity - start < n ? rb->capacity - start : n;
	unsigned char *ring = rb->data;
	unsigned char *b = buf;
	size_t es = rb->elem_size;
	if (to_ring) {
		memcpy(ring + start * es, b, first * es);
		memcpy(ring, b + first * es, (n - first) * es);
	} else {
		memcpy(b, ring + start * es, first * es);
		memcpy(b + first * es, ring, (n - first) * es);
	}
}

size_t rp_ringbuf_write_space(const rp_ringbuf *rb)
{
	uint64_t w = atomic_load_explicit(&rb->write_pos, memory_order_relaxed);
	uint64_t r = atomic_load_explicit(&rb->read_pos, memory_order_acquire);
	return rb->capacity - (size_t)(w - r);
}

size_t rp_ringbuf_write(rp_ringbuf *rb, const void *elems, size_t n)
{
	size_t space = rp_ringbuf_write_space(rb);
	if (n > space)
		n = space;
	if (n == 0)
		return 0;
	uint64_t w = atomic_load_explicit(&rb->write_pos, memory_order_relaxed);
	copy_at(rb, w, (void *)elems, n, 1);
	atomic_store_explicit(&rb->write_pos, w + n, memory_order_release);
	return n;
}

size_t rp_ringbuf_read_available(const rp_ringbuf *rb)
{
	uint64_t w = atomic_load_explicit(&rb->write_pos, memory_order_acquire);
	uint64_t r = atomic_load_explicit(&rb->read_pos, memory_order_relaxed);
	return (size_t)(w - r);
}

size_t rp_ringbuf_peek(const rp_ringbuf *rb, void *elems, size_t n)
{
	size_t avail = rp_ringbuf_read_available(rb);
	if (n > avail)
		n = avail;
	if (n > 0)
		copy_at(rb, atomic_load_explicit(&rb->read_pos, memory_order_relaxed), elems, n, 0);
	return n;
}

size_t rp_ringbuf_read(rp_ringbuf *rb, void *elems, size_t n)
{
	n = rp_ringbuf_peek(rb, elems, n);
	if (n > 0) {
		uint64_t r = atomic_load_explicit(&rb->read_pos, memory_order_relaxed);
		atomic_store_explicit(&rb->read_pos, r + n, memory_order_release);
	}
	return n;
}

size_t rp_ringbuf_discard(rp_ringbuf *rb)
{
	uint64_t w = atomic_load_explicit(&rb->write_pos, memory_order_acquire);
	uint64_t r = atomic_load_explicit(&rb->read_pos, memory_order_relaxed);
	atomic_store_explicit(&rb->read_pos, w, memory_order_release);
	return (size_t)(w - r);
}

uint64_t rp_ringbuf_write_count(const rp_ringbuf *rb)
{
	return atomic_load_explicit(&rb->write_pos, memory_order_acquire);
}

uint64_t rp_ringbuf_read_count(const rp_ringbuf *rb)
{
	return atomic_load_explicit(&rb->read_pos, memory_order_acquire);
}
