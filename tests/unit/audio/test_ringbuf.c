/* Tests of the single-producer single-consumer ring buffer (src/audio/ringbuf.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <string.h>
#include <time.h>

#include "radioplay.h"
#include "ringbuf.h"

static void test_rejects_bad_sizes(void **state)
{
	(void)state;
	rp_ringbuf *rb = (rp_ringbuf *)1;
	assert_int_equal(rp_ringbuf_new(0, 2, &rb), RP_ERR_ARG);
	assert_null(rb);
	assert_int_equal(rp_ringbuf_new(8, 0, &rb), RP_ERR_ARG);
	assert_null(rb);
	rp_ringbuf_free(NULL);
}

static void test_capacity_is_power_of_two(void **state)
{
	(void)state;
	rp_ringbuf *rb;
	assert_int_equal(rp_ringbuf_new(1000, sizeof(int16_t), &rb), RP_OK);
	assert_int_equal(rp_ringbuf_capacity(rb), 1024);
	assert_int_equal(rp_ringbuf_write_space(rb), 1024);
	assert_int_equal(rp_ringbuf_read_available(rb), 0);
	rp_ringbuf_free(rb);
	assert_int_equal(rp_ringbuf_new(16, sizeof(int16_t), &rb), RP_OK);
	assert_int_equal(rp_ringbuf_capacity(rb), 16);
	rp_ringbuf_free(rb);
}

/* Fill to capacity, see a short write, read back in order across the storage's end. */
static void test_fill_partial_and_wrap(void **state)
{
	(void)state;
	rp_ringbuf *rb;
	assert_int_equal(rp_ringbuf_new(8, sizeof(int16_t), &rb), RP_OK);
	int16_t in[12], out[12];
	for (int i = 0; i < 12; i++)
		in[i] = (int16_t)(100 + i);
	assert_int_equal(rp_ringbuf_write(rb, in, 5), 5);
	assert_int_equal(rp_ringbuf_read(rb, out, 3), 3); /* read position 3 */
	assert_memory_equal(out, in, 3 * sizeof *in);
	/* 2 left, 6 free: a write of 7 stores 6 and wraps past the end. */
	assert_int_equal(rp_ringbuf_write(rb, in + 5, 7), 6);
	assert_int_equal(rp_ringbuf_write_space(rb), 0);
	assert_int_equal(rp_ringbuf_write(rb, in + 11, 1), 0);
	assert_int_equal(rp_ringbuf_read_available(rb), 8);
	assert_int_equal(rp_ringbuf_peek(rb, out, 2), 2);
	assert_memory_equal(out, in + 3, 2 * sizeof *in);
	assert_int_equal(rp_ringbuf_read(rb, out, 12), 8);
	assert_memory_equal(out, in + 3, 8 * sizeof *in);
	assert_int_equal(rp_ringbuf_read(rb, out, 1), 0);
	assert_int_equal(rp_ringbuf_write_count(rb), 11);
	assert_int_equal(rp_ringbuf_read_count(rb), 11);
	rp_ringbuf_free(rb);
}

static void test_discard_counts_as_read(void **state)
{
	(void)state;
	rp_ringbuf *rb;
	assert_int_equal(rp_ringbuf_new(4, sizeof(int32_t), &rb), RP_OK);
	int32_t in[3] = {1, 2, 3}, out[4] = {0};
	assert_int_equal(rp_ringbuf_write(rb, in, 3), 3);
	assert_int_equal(rp_ringbuf_discard(rb), 3);
	assert_int_equal(rp_ringbuf_read_available(rb), 0);
	assert_int_equal(rp_ringbuf_read_count(rb), 3);
	assert_int_equal(rp_ringbuf_write(rb, in + 2, 1), 1);
	assert_int_equal(rp_ringbuf_read(rb, out, 4), 1);
	assert_int_equal(out[0], 3);
	rp_ringbuf_free(rb);
}

/* Elements larger than one byte-size unit (a struct) keep their contents. */
struct mark {
	uint64_t pos;
	uint32_t turn;
};

static void test_struct_elements(void **state)
{
	(void)state;
	rp_ringbuf *rb;
	assert_int_equal(rp_ringbuf_new(3, sizeof(struct mark), &rb), RP_OK);
	for (uint32_t i = 0; i < 10; i++) {
		struct mark m = {.pos = 1000u * i, .turn = i}, got = {0};
		assert_int_equal(rp_ringbuf_write(rb, &m, 1), 1);
		assert_int_equal(rp_ringbuf_read(rb, &got, 1), 1);
		assert_int_equal(got.pos, m.pos);
		assert_int_equal(got.turn, m.turn);
	}
	rp_ringbuf_free(rb);
}

/* Two threads: the consumer must see 0, 1, 2, ... with nothing lost, doubled or reordered, while
 * both sides use odd-sized chunks that straddle the storage's end. */
#define STRESS_N 2000000u

static void *producer(void *arg)
{
	rp_ringbuf *rb = arg;
	uint32_t next = 0, chunk[97];
	while (next < STRESS_N) {
		size_t want = 1 + next % 97;
		if (want > STRESS_N - next)
			want = STRESS_N - next;
		for (size_t i = 0; i < want; i++)
			chunk[i] = next + (uint32_t)i;
		size_t done = 0;
		while (done < want)
			done += rp_ringbuf_write(rb, chunk + done, want - done);
		next += (uint32_t)want;
	}
	return NULL;
}

static void test_threads_keep_order(void **state)
{
	(void)state;
	rp_ringbuf *rb;
	assert_int_equal(rp_ringbuf_new(1000, sizeof(uint32_t), &rb), RP_OK);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, producer, rb), 0);
	uint32_t expect = 0, buf[61];
	size_t mismatches = 0;
	while (expect < STRESS_N) {
		size_t n = rp_ringbuf_read(rb, buf, 1 + expect % 61);
		for (size_t i = 0; i < n; i++)
			mismatches += buf[i] != expect + i;
		expect += (uint32_t)n;
	}
	pthread_join(t, NULL);
	assert_int_equal(mismatches, 0);
	assert_int_equal(expect, STRESS_N);
	assert_int_equal(rp_ringbuf_read_available(rb), 0);
	assert_int_equal(rp_ringbuf_write_count(rb), STRESS_N);
	rp_ringbuf_free(rb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rejects_bad_sizes),
		cmocka_unit_test(test_capacity_is_power_of_two),
		cmocka_unit_test(test_fill_partial_and_wrap),
		cmocka_unit_test(test_discard_counts_as_read),
		cmocka_unit_test(test_struct_elements),
		cmocka_unit_test(test_threads_keep_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
