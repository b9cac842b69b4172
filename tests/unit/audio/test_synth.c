/* The eSpeak NG singleton: two threads opening it at once get one synth and one RP_ERR_ARG (the
 * check and the set are one step under a lock), the loser gets a diagnostic, and the winner
 * works. A program of its own: eSpeak NG 1.51 cannot be initialised again in a process after
 * espeak_Terminate (docs/espeak-ng.md#one-instance-per-process), so this runs once, fresh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <string.h>

#include "radioplay.h"

typedef struct opener {
	pthread_barrier_t *go;
	rp_synth *synth;
	rp_diags diags;
	int rc;
} opener;

static void *open_synth(void *arg)
{
	opener *o = arg;
	pthread_barrier_wait(o->go);
	o->rc = rp_synth_open(&o->synth, &o->diags);
	return NULL;
}

static int count_frames(void *user, const int16_t *frames, size_t n)
{
	(void)frames;
	*(size_t *)user += n;
	return RP_OK;
}

static int stop_at_once(void *user, const int16_t *frames, size_t n)
{
	(void)user, (void)frames, (void)n;
	return RP_ERR_AUDIO;
}

static void test_open_race(void **state)
{
	(void)state;
	pthread_barrier_t go;
	pthread_barrier_init(&go, NULL, 2);
	opener o[2] = {{.go = &go}, {.go = &go}};
	pthread_t t[2];
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&t[i], NULL, open_synth, &o[i]), 0);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&go);
	int win = o[0].rc == RP_OK ? 0 : 1, lose = 1 - win;
	assert_int_equal(o[win].rc, RP_OK);
	assert_int_equal(o[lose].rc, RP_ERR_ARG);
	assert_null(o[lose].synth);
	assert_int_equal(o[lose].diags.errors, 1);
	assert_non_null(strstr(o[lose].diags.items[0].message, "one synth per process"));
	assert_int_equal(o[win].diags.count, 0);
	rp_synth *synth = o[win].synth;
	assert_int_equal(rp_synth_sample_rate(synth), RP_ESPEAK_SAMPLE_RATE);

	/* the winner speaks; a callback's status is what rp_synth_speak returns */
	size_t n = 0;
	assert_int_equal(rp_synth_speak(synth, "en-us", 175, 50, 50, "Hello there.", false,
	                                count_frames, &n),
	                 RP_OK);
	assert_true(n > RP_ESPEAK_SAMPLE_RATE / 4);
	assert_int_equal(rp_synth_speak(synth, "en-us", 175, 50, 50, "Hello there.", false,
	                                stop_at_once, NULL),
	                 RP_ERR_AUDIO);
	assert_int_equal(rp_synth_speak(synth, "xx-no-such-voice", 175, 50, 50, "Hello.", false,
	                                count_frames, &n),
	                 RP_ERR_VOICE);
	rp_synth_close(synth);
	rp_diags_clear(&o[0].diags);
	rp_diags_clear(&o[1].diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_race),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
