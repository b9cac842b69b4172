/* libFuzzer target: script bytes -> plan (as fuzz_plan.c, every stage checked) -> rp_render with
 * eSpeak NG into a null sink that counts frames.
 *
 * This is what eSpeak NG 1.51 is actually given (rp_item.spoken), so it checks that the plan's
 * sanitizing keeps the overflows in docs/espeak-ng.md#crashes (digit runs, dotted chains, emoji
 * glued to letters, control characters, [[...]], SSML) from being reached (fuzz_common.c
 * check_chains measures the dotted chains on a model of eSpeak NG's word buffer), and that
 * rendering reports frames consistently: the sink's frame count equals rp_render's, turn marks
 * come in order, and item ranges are contiguous and end at the frames rendered so far.
 *
 * eSpeak NG is one global instance per process: it is opened once, in LLVMFuzzerInitialize,
 * through rp_synth_open. Keep inputs small (-max_len=512) for many executions per second.
 * Leak detection stays on. eSpeak NG 1.51 is known to leak when it loads a voice, but
 * LeakSanitizer has reported nothing here (fuzzing runs of 3 and 15+ minutes): the voices stay
 * reachable once loaded. Should it ever report leaks that are only eSpeak NG's own allocations,
 * give this target -detect_leaks=0 in scripts/fuzz.sh. eSpeak NG itself is not instrumented (a
 * Debian library): ASan sees its crashes and its misuse of intercepted calls (memcpy, strcpy,
 * ...), not every overflow inside it.
 *
 * Built with clang -fsanitize=fuzzer,address,undefined when CMake has RADIOPLAY_FUZZ=ON.
 * Run: scripts/fuzz.sh 60 fuzz_synth, or
 *   build/fuzz/tests/fuzz/fuzz_synth -max_len=512 -timeout=30 CORPUS_DIR
 * Seed corpus: tests/fuzz/corpus/synth/ (minimized with -set_cover_merge=1).
 */
#include "fuzz_common.h"

#include <stdint.h>
#include <stdlib.h>

static rp_synth *synth;

typedef struct null_sink {
	int64_t frames;    /* frames written */
	int64_t last_mark; /* frame of the last turn mark, -1 before the first */
	size_t last_turn;
	int64_t last_end; /* end of the last item reported */
} null_sink;

static int ns_write(void *user, const int16_t *frames, size_t n)
{
	null_sink *ns = user;
	if (!frames || n == 0)
		fz_fail("rp_sink.write", "called with no frames");
	ns->frames += (int64_t)n;
	return RP_OK;
}

static int ns_mark(void *user, size_t turn, int64_t frame)
{
	null_sink *ns = user;
	if (frame != ns->frames || frame < ns->last_mark ||
	    (ns->last_mark >= 0 && turn <= ns->last_turn))
		fz_fail("rp_sink.mark", "turn or frame out of order");
	ns->last_mark = frame;
	ns->last_turn = turn;
	return RP_OK;
}

static int ns_item(void *user, size_t turn, size_t item, int64_t start, int64_t end)
{
	null_sink *ns = user;
	(void)item;
	if (turn != ns->last_turn || start > end || end != ns->frames || start != ns->last_end)
		fz_fail("rp_sink.item",
		        "items not contiguous, or not ending at the rendered frames");
	ns->last_end = end;
	return RP_OK;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_init_voices();
	int rc = rp_synth_open(&synth, NULL);
	if (rc != RP_OK)
		fz_fail("rp_synth_open", rp_strerror(rc));
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rp_plan *plan = fz_build_plan(data, size, rp_synth_sample_rate(synth));
	if (!plan)
		return 0;
	null_sink ns = {.last_mark = -1};
	rp_sink sink = {.write = ns_write, .mark = ns_mark, .item = ns_item, .user = &ns};
	rp_render_options ro;
	rp_render_options_init(&ro);
	int64_t frames = -1;
	int rc = rp_render(plan, synth, &sink, &ro, &frames, NULL);
	if (rc != RP_OK)
		fz_fail("rp_render: unexpected status", rp_strerror(rc));
	if (frames != ns.frames)
		fz_fail("rp_render", "frame count differs from what the sink received");
	rp_plan_free(plan);
	return 0;
}
