/* `radioplay play SCRIPT`: synthesize on one thread, play on the sound card, show the current
 * turn and take keys on the main thread (see player.h). */
#include "cli.h"
#include "player.h"
#include "player_audio.h"
#include "player_display.h"
#include "player_term.h"

#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CMD "play"
#define TICK_MS 40         /* main loop period: display refresh and key latency */
#define RING_SECONDS 30.0  /* how far synthesis may run ahead of playback */
#define PREV_RESTART_S 1.0 /* previous restarts the current turn after this much of it */
#define EVENTS                                                                                     \
	4096 /* turn and item events in flight: the ring holds RING_SECONDS of
                               audio, far fewer items than this; the producer waits when full */

static const char USAGE[] =
	"Usage: radioplay play [OPTIONS] SCRIPT\n"
	"       radioplay play --list-devices\n"
	"Play SCRIPT through the sound card while it is being synthesized, showing the line being\n"
	"spoken. It plays what 'radioplay render' writes: the same pipeline, another sink.\n"
	"\n"
	"Keys (when standard input is a terminal): space pause/resume, n or right arrow next turn,\n"
	"p or left arrow previous turn (or back to the start of this one after its first second),\n"
	"q or Ctrl-C quit.\n"
	"\n"
	"Options:\n"
	"  --from N              start at turn N (the first turn is 1)\n"
	"  --speaker NAME        play only NAME's turns (rehearsal)\n"
	"  --device NAME|INDEX   output device (see --list-devices; default: the system's)\n"
	"  --list-devices        list the output devices and exit\n"
	"  --device-rate HZ      open the device at HZ and resample to it (default: the script's\n"
	"                        rate if the device takes it, else the device's own rate)\n"
	"  --prefill SECONDS     before playing, and after skipping, wait until this much audio is\n"
	"                        ready or the script is fully synthesized (default 0)\n"
	"  --paused              start paused (press space to play)\n"
	"  --stats               print device, time to first audio and underruns at the end\n"
	"  --verbose             let the audio libraries' messages through to standard error\n"
	"  --help                show this help\n";

enum {
	OPT_FROM = 1001,
	OPT_SPEAKER,
	OPT_DEVICE,
	OPT_LIST_DEVICES,
	OPT_DEVICE_RATE,
	OPT_PREFILL,
	OPT_PAUSED,
	OPT_STATS,
	OPT_VERBOSE
};

typedef enum command { CMD_NONE, CMD_RENDER, CMD_QUIT } command;

typedef struct player {
	rp_plan *plan;
	rp_synth *synth;
	rp_audio *audio;
	rp_timeline *tl;
	const char *speaker;
	int render_rate, device_rate;
	/* Control channel to the synthesis thread (not real-time: a mutex is fine here). */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	command cmd;
	size_t cmd_turn;
	bool busy;      /* inside a render */
	bool done;      /* the last render returned ... */
	int done_rc;    /* ... with this status */
	rp_diags diags; /* ... and said this (written by the synthesis thread while busy) */
	/* Start-up times (rp_audio_clock_ns) for --stats. */
	int64_t t_start, t_synth, t_plan, t_device, t_stream;
} player;

/* --- the synthesis thread ------------------------------------------------------------------ */

/* Synthesis thread: render from `turn` into the ring (through a resampler when the device runs at
 * another rate; it converts the turn and item positions too). Diagnostics go to `diags`. */
static int render_from(player *p, size_t turn, rp_diags *diags)
{
	rp_sink ring = rp_ring_sink_as_sink(rp_audio_ring(p->audio)), sink = ring;
	rp_resampler *rs = NULL;
	int rc = RP_OK;
	if (p->device_rate != p->render_rate) {
		rc = rp_resampler_new(p->render_rate, p->device_rate, &ring, &rs, diags);
		if (rc != RP_OK)
			return rc;
		sink = rp_resampler_as_sink(rs);
	}
	rp_render_options opt;
	rp_render_options_init(&opt);
	opt.first_turn = turn;
	opt.speaker = p->speaker;
	rc = rp_render(p->plan, p->synth, &sink, &opt, NULL, diags);
	if (rc == RP_OK && rs)
		rc = rp_resampler_flush(rs);
	if (rc == RP_OK)
		rc = rp_audio_end_input(p->audio);
	rp_resampler_free(rs);
	return rc;
}

static void *synth_thread(void *arg)
{
	player *p = arg;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (p->cmd == CMD_NONE)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->cmd == CMD_QUIT)
			break;
		size_t turn = p->cmd_turn;
		p->cmd = CMD_NONE;
		p->busy = true;
		pthread_mutex_unlock(&p->mu);
		rp_diags_clear(&p->diags);
		int rc = render_from(p, turn, &p->diags);
		pthread_mutex_lock(&p->mu);
		p->busy = false;
		p->done = true;
		p->done_rc = rc;
		pthread_cond_broadcast(&p->cv);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Main thread: start a render at `turn` (the thread must be idle). */
static void synth_start(player *p, size_t turn)
{
	rp_audio_resume_input(p->audio);
	pthread_mutex_lock(&p->mu);
	p->cmd = CMD_RENDER;
	p->cmd_turn = turn;
	p->done = false;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

/* Main thread: stop the render in progress (if any) and wait until the thread is idle. */
static void synth_stop(player *p)
{
	rp_audio_interrupt(p->audio);
	pthread_mutex_lock(&p->mu);
	while (p->busy || p->cmd == CMD_RENDER)
		pthread_cond_wait(&p->cv, &p->mu);
	p->done = false;
	pthread_mutex_unlock(&p->mu);
}

/* Main thread: whether the last render finished, and how. */
static bool synth_done(player *p, int *rc)
{
	pthread_mutex_lock(&p->mu);
	bool done = p->done;
	*rc = p->done_rc;
	pthread_mutex_unlock(&p->mu);
	return done;
}

/* --- what is being heard (main thread) ------------------------------------------------------ */

/* The marks of the current render, in order, and where playback is among them. */
typedef struct session {
	size_t start_turn;   /* where the current render started */
	rp_ring_event *list; /* turn events received for the current render */
	size_t n_list;
	rp_ring_event *items; /* speech item events received for the current render */
	size_t n_items, cap_items;
	size_t shown;    /* plain display: marks printed */
	int64_t end_pos; /* stream position where the render ended; -1 until known */
	bool paused;
	bool keys;
	bool ended;        /* every frame was handed to the device */
	size_t prefill;    /* frames */
	rp_diags errors;   /* why playing failed, printed once the display is gone */
	bool synth_failed; /* ... with the synthesis thread's diagnostics */
} session;

static void take_marks(player *p, session *s)
{
	rp_ring_event m;
	while (rp_ring_sink_next_event(rp_audio_ring(p->audio), &m)) {
		if (m.type == RP_RING_ITEM) {
			if (p->plan->turns[m.turn].items[m.item].type == RP_ITEM_SPEECH &&
			    s->n_items < s->cap_items)
				s->items[s->n_items++] = m;
			continue;
		}
		if (s->n_list > 0) {
			const rp_ring_event *prev = &s->list[s->n_list - 1];
			rp_timeline_measure(p->tl, prev->turn, (int64_t)(m.start - prev->start));
		}
		if (m.type == RP_RING_END)
			s->end_pos = (int64_t)m.start;
		else if (s->n_list < rp_timeline_turns(p->tl))
			s->list[s->n_list++] = m;
	}
}

/* Stream position being heard now: what the callback took, less what the device still holds. */
static uint64_t heard_pos(const player *p)
{
	uint64_t consumed = rp_ring_sink_consumed(rp_audio_ring(p->audio));
	if (!rp_audio_running(p->audio))
		return consumed;
	uint64_t lat = (uint64_t)(rp_audio_latency(p->audio) * p->device_rate);
	return consumed > lat ? consumed - lat : 0;
}

/* Index into s->list of the mark being heard, or SIZE_MAX before the first. */
static size_t heard_mark(const player *p, const session *s)
{
	uint64_t pos = heard_pos(p);
	size_t k = SIZE_MAX;
	for (size_t i = 0; i < s->n_list && s->list[i].start <= pos; i++)
		k = i;
	return k;
}

/* The turn being heard and seconds into it. */
static size_t heard_turn(const player *p, const session *s, double *into_s)
{
	size_t k = heard_mark(p, s);
	if (k == SIZE_MAX) {
		*into_s = 0;
		return s->start_turn;
	}
	uint64_t pos = heard_pos(p);
	*into_s = pos > s->list[k].start ? (double)(pos - s->list[k].start) / p->device_rate : 0;
	return s->list[k].turn;
}

static void fill_state(const player *p, const session *s, size_t turn, double into,
                       rp_display_state *st)
{
	double len = rp_timeline_length(p->tl, turn);
	if (into > len)
		into = len;
	*st = (rp_display_state){
		.started = true,
		.turn = turn,
		.n_turns = rp_timeline_turns(p->tl),
		.speaker = rp_timeline_speaker(p->tl, turn),
		.text = rp_timeline_text(p->tl, turn),
		.fraction = len > 0 ? into / len : 0,
		.elapsed_s = rp_timeline_start(p->tl, turn) + into,
		.paused = s->paused,
		.keys = s->keys,
	};
	st->total_s = rp_timeline_total(p->tl, &st->total_estimated);
}

static void show(const player *p, session *s, rp_display *d)
{
	rp_display_state st;
	size_t k = heard_mark(p, s);
	/* Every turn heard since the last call, in order (plain output prints each). */
	while (k != SIZE_MAX && s->shown < k) {
		fill_state(p, s, s->list[s->shown].turn, 0, &st);
		rp_display_update(d, &st);
		s->shown++;
	}
	double into;
	size_t turn = heard_turn(p, s, &into);
	fill_state(p, s, turn, into, &st);
	/* The speech span being heard: the last one of this turn that started. */
	uint64_t pos = heard_pos(p);
	for (size_t i = s->n_items; i-- > 0;) {
		const rp_ring_event *m = &s->items[i];
		if (m->start > pos)
			continue;
		if (m->turn == turn) {
			rp_timeline_item_text(p->tl, turn, m->item, &st.span_start, &st.span_end);
			if (m->end > m->start)
				st.span_fraction = (double)(pos - m->start) /
				                   (double)(m->end - m->start);
		}
		break;
	}
	rp_display_update(d, &st);
	if (k != SIZE_MAX)
		s->shown = k;
}

/* --- control (main thread) ---------------------------------------------------------------- */

static int start_audio_if_ready(player *p, session *s, bool synth_finished)
{
	if (s->paused || rp_audio_running(p->audio))
		return RP_OK;
	if (rp_ring_sink_buffered(rp_audio_ring(p->audio)) < s->prefill && !synth_finished)
		return RP_OK;
	return rp_audio_start(p->audio, &s->errors);
}

/* Play from `turn` on: stop synthesis, drop what is queued, render again from there. */
static void seek(player *p, session *s, size_t turn)
{
	synth_stop(p);
	take_marks(p, s); /* lengths measured so far stay valid */
	rp_audio_stop(p->audio, true);
	rp_audio_flush(p->audio);
	rp_ring_sink_discard_events(rp_audio_ring(p->audio));
	s->start_turn = turn;
	s->n_list = 0;
	s->n_items = 0;
	s->shown = 0;
	s->end_pos = -1;
	synth_start(p, turn);
}

/* Handle a key; returns false to stop playing. */
static bool on_key(player *p, session *s, rp_key key)
{
	double into;
	size_t cur = heard_turn(p, s, &into);
	size_t n = rp_timeline_turns(p->tl);
	switch (key) {
	case RP_KEY_QUIT: return false;
	case RP_KEY_PAUSE:
		s->paused = !s->paused;
		if (s->paused)
			rp_audio_stop(p->audio, false);
		return true;
	case RP_KEY_NEXT: {
		size_t next = rp_timeline_next(p->tl, cur + 1);
		if (next >= n)
			return false; /* past the last turn: the end */
		seek(p, s, next);
		return true;
	}
	case RP_KEY_PREV: {
		size_t prev = rp_timeline_prev(p->tl, cur);
		seek(p, s, into >= PREV_RESTART_S || prev == SIZE_MAX ? cur : prev);
		return true;
	}
	default: return true;
	}
}

/* --- setup ----------------------------------------------------------------------------------- */

typedef struct play_args {
	cli_plan_args plan;
	rp_audio_options audio;
	int from; /* 1-based; 0 = not given */
	const char *speaker;
	double prefill_s;
	bool list_devices;
	bool paused;
	bool stats;
} play_args;

static bool parse_seconds(const char *arg, double *out)
{
	char *end;
	double v = strtod(arg, &end);
	if (end == arg || *end || !(v >= 0 && v <= 3600))
		return false;
	*out = v;
	return true;
}

/* Returns -1 to go on, else an exit status. */
static int parse_args(int argc, char **argv, play_args *a)
{
	static const struct option longopts[] = {
		CLI_PLAN_LONG_OPTIONS,
		{"from", required_argument, NULL, OPT_FROM},
		{"speaker", required_argument, NULL, OPT_SPEAKER},
		{"device", required_argument, NULL, OPT_DEVICE},
		{"list-devices", no_argument, NULL, OPT_LIST_DEVICES},
		{"device-rate", required_argument, NULL, OPT_DEVICE_RATE},
		{"prefill", required_argument, NULL, OPT_PREFILL},
		{"paused", no_argument, NULL, OPT_PAUSED},
		{"stats", no_argument, NULL, OPT_STATS},
		{"verbose", no_argument, NULL, OPT_VERBOSE},
		{NULL, 0, NULL, 0},
	};
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		int shared = cli_plan_option(&a->plan, c, optarg, CMD);
		if (shared < 0)
			return EXIT_USAGE;
		if (shared > 0)
			continue;
		switch (c) {
		case OPT_HELP:
			fputs(USAGE, stdout);
			fputs("\n", stdout);
			fputs(CLI_PLAN_OPTIONS_HELP, stdout);
			return EXIT_OK;
		case OPT_FROM:
			if (!cli_parse_int(optarg, 1, 1000000000, CMD, "from", &a->from))
				return EXIT_USAGE;
			break;
		case OPT_SPEAKER: a->speaker = optarg; break;
		case OPT_DEVICE: a->audio.device = optarg; break;
		case OPT_LIST_DEVICES: a->list_devices = true; break;
		case OPT_DEVICE_RATE:
			if (!cli_parse_int(optarg, 8000, 384000, CMD, "device-rate",
			                   &a->audio.device_rate))
				return EXIT_USAGE;
			break;
		case OPT_PREFILL:
			if (!parse_seconds(optarg, &a->prefill_s))
				return cli_usage_error(
					CMD, "--prefill %s: expected seconds from 0 to 3600",
					optarg);
			break;
		case OPT_PAUSED: a->paused = true; break;
		case OPT_STATS: a->stats = true; break;
		case OPT_VERBOSE: a->audio.verbose = true; break;
		default: return cli_usage_error(CMD, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (a->list_devices)
		return -1;
	if (a->paused && !isatty(STDIN_FILENO))
		return cli_usage_error(
			CMD, "--paused needs the keys: standard input must be a terminal");
	if (optind != argc - 1)
		return cli_usage_error(CMD,
		                       optind >= argc ? "no SCRIPT given" : "more than one SCRIPT");
	a->plan.script = argv[optind];
	return -1;
}

/* Check --from and --speaker against the plan; returns the 0-based first turn, or SIZE_MAX after
 * printing why not. */
static size_t first_turn(const rp_plan *plan, const rp_timeline *tl, const play_args *a)
{
	if (a->speaker) {
		bool known = false;
		for (size_t i = 0; i < plan->n_speakers; i++)
			known = known || strcmp(plan->speakers[i].name, a->speaker) == 0;
		if (!known) {
			fprintf(stderr,
			        "radioplay play: error: no speaker '%s' in %s; its speakers are:",
			        a->speaker, a->plan.script);
			for (size_t i = 0; i < plan->n_speakers; i++)
				fprintf(stderr, "%s %s", i ? "," : "", plan->speakers[i].name);
			fputc('\n', stderr);
			return SIZE_MAX;
		}
	}
	size_t from = a->from > 0 ? (size_t)a->from - 1 : 0;
	if (from >= plan->n_turns) {
		fprintf(stderr, "radioplay play: error: --from %d: %s has %zu turns\n", a->from,
		        a->plan.script, plan->n_turns);
		return SIZE_MAX;
	}
	size_t t = rp_timeline_next(tl, from);
	if (t >= plan->n_turns) {
		fprintf(stderr, "radioplay play: error: %s has no turn at or after turn %zu\n",
		        a->speaker, from + 1);
		return SIZE_MAX;
	}
	return t;
}

static void print_stats(const player *p)
{
	int64_t t_start = p->t_start;
	rp_audio_stats st;
	rp_audio_get_stats(p->audio, &st);
	fprintf(stderr, "play: device '%s' at %d Hz (script %d Hz), output latency %.1f ms\n",
	        rp_audio_device_name(p->audio), p->device_rate, p->render_rate,
	        rp_audio_latency(p->audio) * 1e3);
	if (st.first_audio_ns)
		fprintf(stderr,
		        "play: first audio handed to the device %.1f ms after the command started "
		        "(at %.6f s since the epoch; the device plays it %.1f ms later)\n",
		        (double)(st.first_audio_ns - t_start) / 1e6,
		        (double)st.first_audio_ns / 1e9, st.first_audio_dac_s * 1e3);
	fprintf(stderr,
	        "play: start-up: eSpeak NG ready %.1f ms, plan %.1f ms, device open %.1f ms, stream "
	        "started %.1f ms after the command started\n",
	        (double)(p->t_synth - t_start) / 1e6, (double)(p->t_plan - t_start) / 1e6,
	        (double)(p->t_device - t_start) / 1e6, (double)(p->t_stream - t_start) / 1e6);
	fprintf(stderr, "play: %llu frames played, %llu underruns\n",
	        (unsigned long long)st.frames_played, (unsigned long long)st.underruns);
}

/* The loop: keys, display, start/stop. Returns the exit status. */
static int run(player *p, session *s, rp_display *d)
{
	int status = EXIT_OK;
	for (;;) {
		rp_key key = rp_term_read_key(TICK_MS);
		if (rp_term_quit_signal())
			break;
		if (key != RP_KEY_NONE && !on_key(p, s, key))
			break;
		take_marks(p, s);
		int rc = RP_OK;
		bool finished = synth_done(p, &rc);
		if (finished && rc != RP_OK && rc != RP_ERR_ABORTED) {
			rp_diags_add(&s->errors, RP_ERROR, "play", 0, 0, "synthesis failed: %s",
			             rp_strerror(rc));
			s->synth_failed = true;
			return EXIT_FAILED;
		}
		if (start_audio_if_ready(p, s, finished) != RP_OK)
			return EXIT_FAILED;
		show(p, s, d);
		if (finished && s->end_pos >= 0 &&
		    rp_ring_sink_consumed(rp_audio_ring(p->audio)) >= (uint64_t)s->end_pos) {
			s->ended = true; /* everything was handed to the device */
			break;
		}
		if (rp_audio_stalled(p->audio)) {
			rp_diags_add(&s->errors, RP_ERROR, "play", 0, 0,
			             "the audio device '%s' stopped playing",
			             rp_audio_device_name(p->audio));
			return EXIT_FAILED;
		}
	}
	return status;
}

/* PortAudio 19.6 asserts (abort()) in its ALSA device enumeration when ALSA's configuration is
 * broken (pa_linux_alsa.c BuildDeviceList: `devIdx < numDeviceNames`, e.g. with an empty
 * ALSA_CONFIG_PATH). While the device is being opened, turn that crash into the clear error. */
static char abort_message[1024];

static void on_abort(int sig)
{
	(void)sig;
	ssize_t r = write(STDERR_FILENO, abort_message, strlen(abort_message));
	(void)r;
	_exit(EXIT_FAILED);
}

static void catch_audio_abort(bool on, const char *script)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on ? on_abort : SIG_DFL;
	if (on)
		snprintf(
			abort_message, sizeof abort_message,
			"radioplay play: error: the audio library (PortAudio) failed while looking for "
			"devices; the audio configuration is broken\n"
			"radioplay play: no sound output is available; to write the audio to a file "
			"instead, run:\n  radioplay render %s -o out.wav\n",
			script);
	sigaction(SIGABRT, &sa, NULL);
}

/* Print the messages of the audio device and of the play loop, "radioplay play: error: ..." (they
 * have no place in the script); with none, rp_strerror of a failed `rc`. */
static void print_errors(const rp_diags *diags, int rc)
{
	for (size_t i = 0; i < diags->count; i++)
		fprintf(stderr, "radioplay play: %s: %s\n",
		        diags->items[i].severity == RP_ERROR ? "error" : "warning",
		        diags->items[i].message);
	if (diags->errors == 0 && rc != RP_OK)
		fprintf(stderr, "radioplay play: error: %s\n", rp_strerror(rc));
}

/* Opening the device (PortAudio initialisation probes every host API, which can take tens of
 * milliseconds) runs on its own thread while the plan is built. */
typedef struct opener {
	rp_audio_options opt;
	bool start; /* start the stream too (it plays silence until frames come) */
	rp_audio *audio;
	int rc;
	rp_diags diags;
} opener;

static void *open_device(void *arg)
{
	opener *o = arg;
	o->rc = rp_audio_open(&o->opt, &o->audio, &o->diags);
	if (o->rc == RP_OK && o->start)
		o->rc = rp_audio_start(o->audio, &o->diags);
	return NULL;
}

/* Start a thread that takes no signals (the main loop handles them). */
static bool spawn(pthread_t *t, void *(*fn)(void *), void *arg)
{
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	bool ok = pthread_create(t, NULL, fn, arg) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return ok;
}

/* Wait for the device; print the clear error, with the way to a file, if there is none. */
static int finish_open(player *p, opener *o, pthread_t *t, bool *threaded, const char *script)
{
	if (*threaded)
		pthread_join(*t, NULL);
	*threaded = false;
	p->audio = o->audio;
	if (o->rc != RP_OK) {
		print_errors(&o->diags, o->rc);
		fprintf(stderr,
		        "radioplay play: no sound output is available; to write the audio to a file "
		        "instead, run:\n  radioplay render %s -o out.wav\n",
		        script);
		return o->rc;
	}
	p->device_rate = rp_audio_rate(p->audio);
	return RP_OK;
}

int rp_cmd_play(int argc, char **argv)
{
	int64_t t_start = rp_audio_clock_ns();
	play_args a = {0};
	cli_plan_args_init(&a.plan);
	int status = parse_args(argc, argv, &a);
	if (status >= 0) {
		cli_plan_args_clear(&a.plan);
		return status;
	}
	if (a.list_devices) {
		rp_diags diags = {0};
		catch_audio_abort(true, "SCRIPT");
		int rc = rp_audio_list_devices(stdout, a.audio.verbose, &diags);
		print_errors(&diags, rc);
		status = rc == RP_OK ? EXIT_OK : EXIT_FAILED;
		rp_diags_clear(&diags);
		cli_plan_args_clear(&a.plan);
		return status;
	}
	rp_term_install_signals();

	player p = {.speaker = a.speaker, .t_start = t_start};
	session s = {.end_pos = -1, .paused = a.paused};
	rp_display *d = NULL;
	pthread_t thread, device_thread;
	bool thread_started = false, opening = false;
	opener o = {.opt = a.audio};
	status = EXIT_FAILED;
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);

	p.render_rate = RP_ESPEAK_SAMPLE_RATE; /* the plan's rate; rp_render checks the synth's */
	o.opt.render_rate = p.render_rate;
	o.opt.events = EVENTS;
	o.opt.buffer_s = a.prefill_s + 1 > RING_SECONDS ? a.prefill_s + 1 : RING_SECONDS;
	o.start = !a.paused && a.prefill_s == 0; /* start-up of the stream off the critical path */
	catch_audio_abort(true, a.plan.script);
	opening = spawn(&device_thread, open_device, &o);
	if (!opening)
		open_device(&o);
	if (cli_build_plan(&a.plan, &p.plan) != RP_OK)
		goto out;
	p.t_plan = rp_audio_clock_ns();
	if (cli_open_synth(&p.synth) != RP_OK)
		goto out;
	p.t_synth = rp_audio_clock_ns();
	p.tl = rp_timeline_new(p.plan, a.speaker, 1);
	for (size_t i = 0; i < p.plan->n_turns; i++)
		s.cap_items += p.plan->turns[i].n_items;
	s.list = calloc(p.plan->n_turns + 1, sizeof *s.list);
	s.items = calloc(s.cap_items + 1, sizeof *s.items);
	if (!p.tl || !s.list || !s.items) {
		fprintf(stderr, "radioplay play: error: %s\n", rp_strerror(RP_ERR_NOMEM));
		goto out;
	}
	size_t turn = first_turn(p.plan, p.tl, &a);
	if (turn == SIZE_MAX)
		goto out;
	if (finish_open(&p, &o, &device_thread, &opening, a.plan.script) != RP_OK)
		goto out;
	catch_audio_abort(false, NULL);
	p.t_device = rp_audio_clock_ns();
	rp_timeline_set_rate(p.tl, p.device_rate);
	s.prefill = (size_t)(a.prefill_s * p.device_rate);
	size_t capacity = rp_ring_sink_capacity(rp_audio_ring(p.audio));
	if (s.prefill >= capacity)
		s.prefill = capacity - 1;
	s.start_turn = turn;

	thread_started = spawn(&thread, synth_thread, &p);
	if (!thread_started) {
		fprintf(stderr, "radioplay play: error: cannot start the synthesis thread\n");
		goto out;
	}
	synth_start(&p, turn);
	if (start_audio_if_ready(&p, &s, false) != RP_OK)
		goto out;
	p.t_stream = rp_audio_clock_ns();

	bool tty = isatty(STDOUT_FILENO);
	s.keys = rp_term_keys_begin();
	if (tty)
		rp_term_hide_cursor();
	d = rp_display_new(stdout, tty);
	if (!d)
		goto out;
	status = run(&p, &s, d);
	if (rp_term_quit_signal())
		status = 128 + rp_term_quit_signal();
out:
	if (opening) {
		pthread_join(device_thread, NULL);
		p.audio = o.audio;
		catch_audio_abort(false, NULL);
	}
	if (thread_started) {
		synth_stop(&p);
		pthread_mutex_lock(&p.mu);
		p.cmd = CMD_QUIT;
		pthread_cond_signal(&p.cv);
		pthread_mutex_unlock(&p.mu);
		pthread_join(thread, NULL);
	}
	rp_display_finish(d);
	rp_term_restore();
	if (s.synth_failed)
		rp_diags_print(&p.diags, stderr);
	print_errors(&s.errors, RP_OK);
	rp_diags_clear(&s.errors);
	rp_diags_clear(&o.diags);
	if (p.audio) {
		/* Played to the end: let the device play what it holds; otherwise stop at once. */
		rp_audio_stop(p.audio, !s.ended);
		if (a.stats)
			print_stats(&p);
		rp_audio_stats st;
		rp_audio_get_stats(p.audio, &st);
		if (st.underruns > 0)
			fprintf(stderr,
			        "radioplay play: warning: %llu underruns: synthesis fell behind playback "
			        "(try --prefill SECONDS)\n",
			        (unsigned long long)st.underruns);
		rp_audio_close(p.audio, true);
	}
	rp_diags_clear(&p.diags);
	free(s.list);
	free(s.items);
	rp_timeline_free(p.tl);
	rp_plan_free(p.plan);
	rp_synth_close(p.synth);
	cli_plan_args_clear(&a.plan);
	pthread_cond_destroy(&p.cv);
	pthread_mutex_destroy(&p.mu);
	return status;
}
