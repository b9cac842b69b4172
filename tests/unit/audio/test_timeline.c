/* Tests of the player's time line (src/audio/timeline.c; include/radioplay.h rp_timeline): which
 * turns play and how to step between them, the estimated, measured and scaled turn lengths, turn
 * starts and totals, and each turn's text with the byte ranges of its speech items. Plans come
 * from small scripts in memory (rp_plan_load_memory; voices from $RADIOPLAY_VOICES), so no
 * eSpeak NG is needed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "radioplay.h"
#include "testutil.h"

/* Seconds: equal up to rounding. */
static void near_at(double got, double want, const char *expr, const char *file, int line)
{
	if (!(fabs(got - want) <= 1e-9)) {
		print_error("%s is %.12f, want %.12f\n", expr, got, want);
		_fail(file, line);
	}
}
#define assert_near(got, want) near_at((got), (want), #got, __FILE__, __LINE__)

static rp_plan *plan_with_gaps(const char *text, int paragraph_gap_ms, int turn_gap_ms)
{
	rp_load_options opt;
	rp_load_options_init(&opt);
	opt.plan.paragraph_gap_ms = paragraph_gap_ms;
	opt.plan.turn_gap_ms = turn_gap_ms;
	return tu_plan_text(text, &opt);
}

/* Every turn starts where the lengths of the turns before it add up to, the end is the total. */
static void check_starts(const rp_timeline *tl)
{
	double sum = 0;
	for (size_t t = 0; t < rp_timeline_turns(tl); t++) {
		assert_near(rp_timeline_start(tl, t), sum);
		if (!rp_timeline_selected(tl, t))
			assert_true(rp_timeline_length(tl, t) == 0);
		sum += rp_timeline_length(tl, t);
	}
	assert_near(rp_timeline_start(tl, rp_timeline_turns(tl)), sum);
	assert_near(rp_timeline_start(tl, SIZE_MAX), sum);
	assert_near(rp_timeline_total(tl, NULL), sum);
}

/* --- selection ---------------------------------------------------------------------------- */

static const char FIVE_TURNS[] = "[A]: One.\n[B]: Two.\n[A]: Three.\n[C]: Four.\n[B]: Five.\n";

static void test_select_all(void **state)
{
	(void)state;
	rp_plan *plan = tu_plan_text(FIVE_TURNS, NULL);
	rp_timeline *tl = rp_timeline_new(plan, NULL, 22050);
	assert_non_null(tl);
	assert_int_equal(rp_timeline_turns(tl), 5);
	static const char *const speakers[] = {"A", "B", "A", "C", "B"};
	static const char *const texts[] = {"One.", "Two.", "Three.", "Four.", "Five."};
	for (size_t t = 0; t < 5; t++) {
		assert_true(rp_timeline_selected(tl, t));
		assert_int_equal(rp_timeline_next(tl, t), t);
		assert_int_equal(rp_timeline_prev(tl, t), t == 0 ? SIZE_MAX : t - 1);
		assert_string_equal(rp_timeline_speaker(tl, t), speakers[t]);
		assert_string_equal(rp_timeline_text(tl, t), texts[t]);
		assert_true(rp_timeline_length(tl, t) > 0);
	}
	assert_false(rp_timeline_selected(tl, 5));
	assert_false(rp_timeline_selected(tl, SIZE_MAX));
	assert_int_equal(rp_timeline_next(tl, 5), 5);
	assert_int_equal(rp_timeline_next(tl, 99), 5);
	assert_int_equal(rp_timeline_next(tl, SIZE_MAX), 5);
	/* before a turn past the end: the last one */
	assert_int_equal(rp_timeline_prev(tl, 5), 4);
	assert_int_equal(rp_timeline_prev(tl, 6), 4);
	assert_int_equal(rp_timeline_prev(tl, SIZE_MAX), 4);
	assert_true(rp_timeline_length(tl, 5) == 0);
	bool est = false;
	assert_true(rp_timeline_total(tl, &est) > 0);
	assert_true(est);
	check_starts(tl);
	rp_timeline_free(tl);
	rp_timeline_free(NULL);
	rp_plan_free(plan);
}

static void test_select_speaker(void **state)
{
	(void)state;
	rp_plan *plan = tu_plan_text(FIVE_TURNS, NULL);
	rp_timeline *all = rp_timeline_new(plan, NULL, 22050);
	rp_timeline *tl = rp_timeline_new(plan, "B", 22050);
	assert_int_equal(rp_timeline_turns(tl), 5); /* every turn is there; B's play */
	static const bool sel[] = {false, true, false, false, true};
	for (size_t t = 0; t < 5; t++) {
		assert_int_equal(rp_timeline_selected(tl, t), sel[t]);
		assert_true(rp_timeline_length(tl, t) == (sel[t] ? rp_timeline_length(all, t) : 0));
	}
	static const size_t next[] = {1, 1, 4, 4, 4, 5};
	static const size_t prev[] = {SIZE_MAX, SIZE_MAX, 1, 1, 1, 4};
	for (size_t t = 0; t <= 5; t++) {
		assert_int_equal(rp_timeline_next(tl, t), next[t]);
		assert_int_equal(rp_timeline_prev(tl, t), prev[t]);
	}
	assert_int_equal(rp_timeline_prev(tl, 77), 4);
	assert_int_equal(rp_timeline_prev(tl, SIZE_MAX), 4);
	/* B's time line: B's turns one after the other */
	assert_near(rp_timeline_start(tl, 4), rp_timeline_length(all, 1));
	assert_near(rp_timeline_total(tl, NULL),
	            rp_timeline_length(all, 1) + rp_timeline_length(all, 4));
	check_starts(tl);
	/* the others' texts are there all the same */
	assert_string_equal(rp_timeline_speaker(tl, 3), "C");
	assert_string_equal(rp_timeline_text(tl, 3), "Four.");
	rp_timeline_free(tl);

	/* a speaker the script does not have (names are matched exactly): nothing plays */
	static const char *const nobody[] = {"Nobody", "b", "B "};
	for (size_t i = 0; i < 3; i++) {
		tl = rp_timeline_new(plan, nobody[i], 22050);
		for (size_t t = 0; t < 5; t++) {
			assert_false(rp_timeline_selected(tl, t));
			assert_int_equal(rp_timeline_next(tl, t), 5);
			assert_true(rp_timeline_length(tl, t) == 0);
		}
		assert_int_equal(rp_timeline_prev(tl, 5), SIZE_MAX);
		assert_int_equal(rp_timeline_prev(tl, SIZE_MAX), SIZE_MAX);
		bool est = true;
		assert_true(rp_timeline_total(tl, &est) == 0);
		assert_false(est); /* no selected turn waits for its measure */
		check_starts(tl);
		rp_timeline_free(tl);
	}
	rp_timeline_free(all);
	rp_plan_free(plan);
}

/* --- estimates ---------------------------------------------------------------------------- */

/* Pauses count exactly: a plan that differs only in its pauses differs by exactly those. */
static void test_estimate_pauses(void **state)
{
	(void)state;
	static const char text[] = "[A]: Good morning.\n\nGood night.\n[B]: Fine.\n";
	rp_plan *p0 = plan_with_gaps(text, 350, 500);
	rp_plan *p1 = plan_with_gaps(text, 1350, 500); /* the paragraph gap of turn 0: +1 s */
	rp_plan *p2 = plan_with_gaps(text, 350, 2750); /* the turn gap after turn 0: +2.25 s */
	rp_plan *p3 = plan_with_gaps(text, 0, 0);
	rp_timeline *t0 = rp_timeline_new(p0, NULL, 22050), *t1 = rp_timeline_new(p1, NULL, 22050);
	rp_timeline *t2 = rp_timeline_new(p2, NULL, 22050), *t3 = rp_timeline_new(p3, NULL, 22050);
	assert_near(rp_timeline_length(t1, 0) - rp_timeline_length(t0, 0), 1.0);
	assert_near(rp_timeline_length(t2, 0) - rp_timeline_length(t0, 0), 2.25);
	assert_near(rp_timeline_length(t0, 0) - rp_timeline_length(t3, 0), 0.35 + 0.5);
	/* turn 1 is the last: no turn gap after it */
	for (size_t k = 1; k < 4; k++) {
		rp_timeline *t = k == 1 ? t1 : k == 2 ? t2 : t3;
		assert_true(rp_timeline_length(t, 1) == rp_timeline_length(t0, 1));
	}
	assert_near(rp_timeline_total(t1, NULL) - rp_timeline_total(t0, NULL), 1.0);
	assert_near(rp_timeline_start(t2, 1) - rp_timeline_start(t0, 1), 2.25);
	rp_timeline_free(t0);
	rp_timeline_free(t1);
	rp_timeline_free(t2);
	rp_timeline_free(t3);
	rp_plan_free(p0);
	rp_plan_free(p1);
	rp_plan_free(p2);
	rp_plan_free(p3);
}

/* More to say takes longer, in letters and in Han characters; every turn here but the last has
 * the same turn gap. Speaker A has the preset Ada, 165 words a minute: 13.75 letters a second,
 * or 165 / 44 = 3.75 syllables a second, one for each Han character. */
static void test_estimate_text(void **state)
{
	(void)state;
	rp_plan *plan = tu_plan_text("[A]: Good morning.\n"
	                             "[A]: Good morning, everyone in this room.\n"
	                             "[A]: 你好。\n"
	                             "[A]: 你好，朋友们。\n"
	                             "[A]: 你好，朋友们。\n"
	                             "[A]: End.\n",
	                             NULL);
	rp_timeline *tl = rp_timeline_new(plan, NULL, 22050);
	assert_true(rp_timeline_length(tl, 1) > rp_timeline_length(tl, 0));
	assert_true(rp_timeline_length(tl, 3) > rp_timeline_length(tl, 2));
	assert_true(rp_timeline_length(tl, 3) == rp_timeline_length(tl, 4)); /* same words */
	assert_int_equal(plan->speakers[0].preset.rate, 165);
	assert_near(rp_timeline_length(tl, 0), 11 / 13.75 + 0.5); /* Good morning */
	assert_near(rp_timeline_length(tl, 1), 29 / 13.75 + 0.5); /* ... everyone in this room */
	assert_near(rp_timeline_length(tl, 2), 2 / 3.75 + 0.5);   /* 你好 */
	assert_near(rp_timeline_length(tl, 3), 5 / 3.75 + 0.5);   /* 你好 朋友们 */
	assert_near(rp_timeline_length(tl, 5), 3 / 13.75);        /* End: the last turn */
	rp_timeline_free(tl);
	rp_plan_free(plan);
}

/* A case worked out by hand. The speakers get the presets Ada (165 words a minute) and Bruno
 * (160); an estimate is five letters a word: 165 wpm is 13.75 letters a second, 160 wpm 13.33.
 *   turn 0, Ada:   "Good morning."                 11 letters = 0.8 s, + 0.5 s turn gap = 1.3 s
 *   turn 1, Bruno: "Twenty letters in all, ok."    20 letters = 1.5 s, + 0.5 s turn gap = 2.0 s
 *   turn 2, Ada:   "Good morning to you all, Sam." 22 letters = 1.6 s (the last: no gap)  */
static const char HAND[] = "[A]: Good morning.\n"
			   "[B]: Twenty letters in all, ok.\n"
			   "[A]: Good morning to you all, Sam.\n";

static void test_measured_and_scaled(void **state)
{
	(void)state;
	rp_plan *plan = tu_plan_text(HAND, NULL);
	assert_string_equal(plan->speakers[0].preset.id, "ada");
	assert_int_equal(plan->speakers[0].preset.rate, 165);
	assert_string_equal(plan->speakers[1].preset.id, "bruno");
	assert_int_equal(plan->speakers[1].preset.rate, 160);
	rp_timeline *tl = rp_timeline_new(plan, NULL, 1000); /* 1000 frames a second */
	bool est = false;
	assert_near(rp_timeline_length(tl, 0), 1.3);
	assert_near(rp_timeline_length(tl, 1), 2.0);
	assert_near(rp_timeline_length(tl, 2), 1.6);
	assert_near(rp_timeline_total(tl, &est), 4.9);
	assert_true(est);
	check_starts(tl);

	/* turn 0 took 2.6 s, twice its estimate: the others are scaled by 2 */
	rp_timeline_measure(tl, 0, 2600);
	assert_true(rp_timeline_length(tl, 0) == 2600 / 1000.0);
	assert_near(rp_timeline_length(tl, 1), 4.0);
	assert_near(rp_timeline_length(tl, 2), 3.2);
	assert_near(rp_timeline_start(tl, 1), 2.6);
	assert_near(rp_timeline_start(tl, 2), 6.6);
	assert_near(rp_timeline_total(tl, &est), 9.8);
	assert_true(est);
	check_starts(tl);

	/* turn 2 took 1.6 s, as estimated: measured 4.2 s over 2.9 s estimated, turn 1 is
	 * 2.0 * 42 / 29 s */
	rp_timeline_measure(tl, 2, 1600);
	assert_true(rp_timeline_length(tl, 2) == 1600 / 1000.0);
	assert_near(rp_timeline_length(tl, 1), 2.0 * 42 / 29);
	assert_near(rp_timeline_total(tl, &est), 4.2 + 2.0 * 42 / 29);
	assert_true(est);
	check_starts(tl);

	/* all measured: the total is theirs, and no longer an estimate */
	rp_timeline_measure(tl, 1, 1000);
	assert_true(rp_timeline_length(tl, 1) == 1.0);
	assert_near(rp_timeline_total(tl, &est), 5.2);
	assert_false(est);
	/* a negative length or a turn out of range is ignored; a new measure replaces the old */
	rp_timeline_measure(tl, 1, -5);
	rp_timeline_measure(tl, 3, 100);
	rp_timeline_measure(tl, SIZE_MAX, 100);
	assert_true(rp_timeline_length(tl, 1) == 1.0);
	rp_timeline_measure(tl, 1, 3000);
	assert_true(rp_timeline_length(tl, 1) == 3.0);
	assert_near(rp_timeline_total(tl, &est), 7.2);
	check_starts(tl);
	rp_timeline_free(tl);

	/* measured frames are counted at the rate set last */
	tl = rp_timeline_new(plan, NULL, 1);
	rp_timeline_set_rate(tl, 500);
	rp_timeline_measure(tl, 0, 2600);
	assert_near(rp_timeline_length(tl, 0), 5.2);
	assert_near(rp_timeline_length(tl, 1), 2.0 * 5.2 / 1.3);
	rp_timeline_free(tl);
	rp_plan_free(plan);
}

/* With a speaker filter, only the selected turns' measures scale the estimates. */
static void test_measured_selected(void **state)
{
	(void)state;
	rp_plan *plan = tu_plan_text(HAND, NULL);
	rp_timeline *tl = rp_timeline_new(plan, "A", 1000);
	bool est = false;
	assert_near(rp_timeline_total(tl, &est), 1.3 + 1.6);
	/* B's turn does not play: its measure counts for nothing */
	rp_timeline_measure(tl, 1, 100000);
	assert_true(rp_timeline_length(tl, 1) == 0);
	assert_near(rp_timeline_length(tl, 2), 1.6);
	assert_near(rp_timeline_total(tl, &est), 2.9);
	assert_true(est);
	rp_timeline_measure(tl, 0, 2600);
	assert_near(rp_timeline_length(tl, 2), 3.2);
	assert_near(rp_timeline_start(tl, 1), 2.6);
	assert_near(rp_timeline_start(tl, 2), 2.6); /* turn 1 does not play */
	assert_near(rp_timeline_total(tl, &est), 5.8);
	assert_true(est);
	check_starts(tl);
	rp_timeline_measure(tl, 2, 1000);
	assert_near(rp_timeline_total(tl, &est), 3.6);
	assert_false(est);
	rp_timeline_free(tl);

	/* B's only turn measured: not an estimate, though A's turns are not measured */
	tl = rp_timeline_new(plan, "B", 1000);
	rp_timeline_measure(tl, 1, 1234);
	assert_near(rp_timeline_total(tl, &est), 1.234);
	assert_false(est);
	rp_timeline_free(tl);
	rp_plan_free(plan);
}

/* --- texts -------------------------------------------------------------------------------- */

static const char TEXTS[] = "[A]: Hello there, 你好朋友。\n"
			    "Second line here.\n"
			    "\n"
			    "New paragraph 再见。\n"
			    "[B]: 我们听了live music然后去吃饭。\n"
			    "[C]: one two\n"
			    "three 四五\n"
			    "[C]: one two\n"
			    "three四五\n"
			    "[D]: x\n"
			    "\n"
			    "\n"
			    "\n"
			    "y\n"
			    "[E]: 😀 hi,\ttab\n"
			    "[G]: 你们两个 friends.\n"
			    "[H]:\n";

static const char *const TEXTS_JOINED[] = {
	"Hello there, 你好朋友。\nSecond line here.\n\nNew paragraph 再见。",
	"我们听了live music然后去吃饭。",
	"one two\nthree 四五", /* after a span of two lines: a space on its last line */
	"one two\nthree四五",  /* ... and none where there was none */
	"x\n\ny",              /* a paragraph break, however many blank lines */
	"😀 hi,\ttab",
	"你们两个 friends.", /* columns count code points, not bytes */
	"",                  /* a turn with nothing to say */
};

static void test_text(void **state)
{
	(void)state;
	rp_plan *plan = tu_plan_text(TEXTS, NULL);
	rp_timeline *tl = rp_timeline_new(plan, NULL, 22050);
	size_t n = sizeof TEXTS_JOINED / sizeof *TEXTS_JOINED;
	assert_int_equal(rp_timeline_turns(tl), n);
	size_t speech = 0, pauses = 0;
	for (size_t t = 0; t < n; t++) {
		const char *text = rp_timeline_text(tl, t);
		assert_string_equal(text, TEXTS_JOINED[t]);
		/* each speech item's bytes hold its text exactly, in order, without overlap */
		const rp_plan_turn *pt = &plan->turns[t];
		size_t prev_end = 0, start = 7, end = 7;
		for (size_t k = 0; k < pt->n_items; k++) {
			const rp_item *it = &pt->items[k];
			if (it->type == RP_ITEM_PAUSE) {
				assert_false(rp_timeline_item_text(tl, t, k, &start, &end));
				pauses++;
				continue;
			}
			assert_true(rp_timeline_item_text(tl, t, k, &start, &end));
			assert_true(prev_end <= start && start <= end && end <= strlen(text));
			assert_int_equal(end - start, strlen(it->text));
			assert_memory_equal(text + start, it->text, end - start);
			prev_end = end;
			speech++;
		}
		assert_false(rp_timeline_item_text(tl, t, pt->n_items, &start, &end));
		assert_false(rp_timeline_item_text(tl, t, SIZE_MAX, &start, &end));
	}
	assert_true(speech >= 12 && pauses >= 6);
	size_t start, end;
	assert_false(rp_timeline_item_text(tl, n, 0, &start, &end));
	assert_false(rp_timeline_item_text(tl, SIZE_MAX, 0, &start, &end));

	/* worked by hand: turn 0's second item is 你好朋友。, after "Hello there, " (13 bytes), five
	 * characters of three bytes each */
	assert_int_equal(plan->turns[0].items[1].type, RP_ITEM_PAUSE);
	assert_true(rp_timeline_item_text(tl, 0, 2, &start, &end));
	assert_int_equal(start, 13);
	assert_int_equal(end, 28);
	/* the speaker filter does not change the texts */
	rp_timeline *only_b = rp_timeline_new(plan, "B", 22050);
	assert_string_equal(rp_timeline_text(only_b, 0), TEXTS_JOINED[0]);
	assert_true(rp_timeline_item_text(only_b, 0, 2, &start, &end));
	assert_int_equal(start, 13);
	rp_timeline_free(only_b);
	rp_timeline_free(tl);
	rp_plan_free(plan);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_select_all),
		cmocka_unit_test(test_select_speaker),
		cmocka_unit_test(test_estimate_pauses),
		cmocka_unit_test(test_estimate_text),
		cmocka_unit_test(test_measured_and_scaled),
		cmocka_unit_test(test_measured_selected),
		cmocka_unit_test(test_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
