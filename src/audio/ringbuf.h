/* A lock-free ring buffer for one producer thread and one consumer thread (internal).
 *
 * Used by `radioplay play` to hand synthesized frames from the synthesis thread (producer) to the
 * PortAudio callback (consumer), and turn marks from the synthesis thread to the display.
 * The consumer side never allocates, locks, waits or makes a system call, so it may run in a
 * real-time audio callback (PortAudio's rule for callbacks: "Before we begin" in the PortAudio
 * tutorial, and Ross Bencina, "Real-time audio programming 101: time waits for nothing").
 *
 * Elements are fixed-size byte blocks copied with memcpy. The capacity is a power of two.
 * Positions are 64-bit counters of elements written and read since creation; they never wrap in
 * practice (2^64 frames at 192 kHz is three million years), so `written - read` is the fill.
 * Memory order (C11 <stdatomic.h>): the producer publishes its position with a release store after
 * copying the elements in and reads the consumer's position with an acquire load (and vice versa),
 * so a side sees element contents no older than the position it read.
 *
 * Thread safety: the functions are split by role. At any time at most one thread may call the
 * producer functions and at most one thread the consumer functions; the counters
 * (rp_ringbuf_written/read) may be read from any thread. rp_ringbuf_new/free are not concurrent
 * with anything.
 */
#ifndef RP_RINGBUF_H
#define RP_RINGBUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct rp_ringbuf rp_ringbuf;

/* Create a ring holding at least `min_capacity` elements of `elem_size` bytes (the capacity is
 * rounded up to a power of two). Returns RP_OK, RP_ERR_ARG (a size is 0 or too big) or
 * RP_ERR_NOMEM; *out is NULL on error. */
int rp_ringbuf_new(size_t min_capacity, size_t elem_size, rp_ringbuf **out);
/* Release; accepts NULL. No thread may be using the ring. */
void rp_ringbuf_free(rp_ringbuf *rb);
/* Elements the ring can hold. Any thread. */
size_t rp_ringbuf_capacity(const rp_ringbuf *rb);

/* Producer: copy up to `n` elements from `elems` in; returns how many fit (0 when full). */
size_t rp_ringbuf_write(rp_ringbuf *rb, const void *elems, size_t n);
/* Producer: elements that can be written now (may grow concurrently as the consumer reads). */
size_t rp_ringbuf_write_space(const rp_ringbuf *rb);

/* Consumer: copy up to `n` elements out into `elems`; returns how many there were. */
size_t rp_ringbuf_read(rp_ringbuf *rb, void *elems, size_t n);
/* Consumer: copy up to `n` elements without consuming them. */
size_t rp_ringbuf_peek(const rp_ringbuf *rb, void *elems, size_t n);
/* Consumer: elements available to read now (may grow concurrently as the producer writes). */
size_t rp_ringbuf_read_available(const rp_ringbuf *rb);
/* Consumer: drop everything available now; returns how many elements were dropped. They count as
 * read in rp_ringbuf_read_count. */
size_t rp_ringbuf_discard(rp_ringbuf *rb);

/* Elements written / read (consumed or discarded) since creation. Any thread; a snapshot. */
uint64_t rp_ringbuf_write_count(const rp_ringbuf *rb);
uint64_t rp_ringbuf_read_count(const rp_ringbuf *rb);

#endif
