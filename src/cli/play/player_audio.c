/* PortAudio output fed from the library's ring sink (see player_audio.h). */
#include "player_audio.h"

#include <ctype.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <portaudio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

struct rp_audio {
	PaStream *stream;
	rp_ring_sink *ring; /* int16_t frames at `rate` */
	int rate;
	const char *device_name;
	bool verbose;
	bool started;
	double latency_s;
	/* Shared with the callback (all lock-free). */
	atomic_bool flush_request; /* set by control, cleared by the callback after discarding */
	atomic_bool expecting;     /* frames are being produced: running short is an underrun */
	atomic_uint_fast64_t underruns;
	atomic_uint_fast64_t frames_played;
	atomic_int_fast64_t first_audio_ns;
	_Atomic double first_audio_dac_s;
	bool primed; /* callback only: a frame arrived since the last flush */
};

/* --- keeping library chatter off the terminal ---------------------------------------------- */

/* ALSA's error handler type (alsa/error.h, snd_lib_error_handler_t) and JACK's message callback
 * (jack/jack.h, jack_set_error_function): declared here so that no ALSA or JACK headers are needed;
 * the libraries are found among those PortAudio was linked with. */
typedef void (*alsa_error_fn)(const char *file, int line, const char *function, int err,
                              const char *fmt, ...);
typedef void (*jack_message_fn)(const char *msg);

static void alsa_silent(const char *file, int line, const char *function, int err, const char *fmt,
                        ...)
{
	(void)file, (void)line, (void)function, (void)err, (void)fmt;
}

static void jack_silent(const char *msg)
{
	(void)msg;
}

/* Look up `symbol` in the already loaded library `lib` (NULL if either is missing). */
static void *loaded_symbol(const char *lib, const char *symbol)
{
	void *h = dlopen(lib, RTLD_LAZY);
	return h ? dlsym(h, symbol) : NULL; /* the handle stays open: PortAudio uses the library */
}

/* Send ALSA's and JACK's messages nowhere unless `verbose`. These libraries print start-up
 * chatter on many Linux machines ("ALSA lib pcm.c: Unknown PCM cards.pcm.rear", "Cannot connect
 * to server socket", "jack server is not running") that is no error of ours. Done through their
 * own hooks (snd_lib_error_set_handler, jack_set_error_function, jack_set_info_function) rather
 * than by closing standard error, so our own messages, from any thread, still get through. */
static void silence_libraries(bool verbose)
{
	static bool done;
	if (verbose || done)
		return;
	done = true;
	int (*alsa_set)(alsa_error_fn);
	void (*jack_set)(jack_message_fn);
	*(void **)&alsa_set = loaded_symbol("libasound.so.2", "snd_lib_error_set_handler");
	if (alsa_set)
		alsa_set(alsa_silent);
	*(void **)&jack_set = loaded_symbol("libjack.so.0", "jack_set_error_function");
	if (jack_set)
		jack_set(jack_silent);
	*(void **)&jack_set = loaded_symbol("libjack.so.0", "jack_set_info_function");
	if (jack_set)
		jack_set(jack_silent);
}

/* --- devices ----------------------------------------------------------------------------------- */

int rp_audio_list_devices(FILE *out, bool verbose, rp_diags *diags)
{
	silence_libraries(verbose);
	PaError e = Pa_Initialize();
	if (e != paNoError) {
		rp_diags_add(diags, RP_ERROR, "PortAudio", 0, 0, "cannot initialise PortAudio: %s",
		             Pa_GetErrorText(e));
		return RP_ERR_AUDIO;
	}
	PaDeviceIndex def = Pa_GetDefaultOutputDevice();
	int n = Pa_GetDeviceCount(), shown = 0;
	for (int i = 0; i < n; i++) {
		const PaDeviceInfo *d = Pa_GetDeviceInfo(i);
		if (!d || d->maxOutputChannels < 1)
			continue;
		const PaHostApiInfo *api = Pa_GetHostApiInfo(d->hostApi);
		fprintf(out, "%c %3d  %-32s  %s, %d channels, %.0f Hz\n", i == def ? '*' : ' ', i,
		        d->name, api ? api->name : "?", d->maxOutputChannels, d->defaultSampleRate);
		shown++;
	}
	if (shown == 0)
		fprintf(out, "no audio output devices\n");
	Pa_Terminate();
	return RP_OK;
}

/* Resolve --device: an index, an exact name, or a unique case-insensitive part of a name. */
static PaDeviceIndex find_device(const char *want, rp_diags *diags)
{
	if (!want) {
		PaDeviceIndex def = Pa_GetDefaultOutputDevice();
		if (def == paNoDevice)
			rp_diags_add(diags, RP_ERROR, "PortAudio", 0, 0,
			             "no audio output device found");
		return def;
	}
	int n = Pa_GetDeviceCount();
	bool digits = *want != '\0';
	for (const char *p = want; *p; p++)
		digits = digits && isdigit((unsigned char)*p);
	if (digits) {
		long i = strtol(want, NULL, 10);
		const PaDeviceInfo *d = i < n ? Pa_GetDeviceInfo((PaDeviceIndex)i) : NULL;
		if (d && d->maxOutputChannels > 0)
			return (PaDeviceIndex)i;
		rp_diags_add(diags, RP_ERROR, "PortAudio", 0, 0,
		             "no output device with index %s (see --list-devices)", want);
		return paNoDevice;
	}
	PaDeviceIndex found = paNoDevice;
	int matches = 0;
	for (int i = 0; i < n; i++) {
		const PaDeviceInfo *d = Pa_GetDeviceInfo(i);
		if (!d || d->maxOutputChannels < 1)
			continue;
		if (strcmp(d->name, want) == 0)
			return i;
		size_t wl = strlen(want);
		for (const char *s = d->name; *s; s++) {
			if (strncasecmp(s, want, wl) == 0) {
				found = i;
				matches++;
				break;
			}
		}
	}
	if (matches == 1)
		return found;
	rp_diags_add(diags, RP_ERROR, "PortAudio", 0, 0, "%s '%s' (see --list-devices)",
	             matches ? "several output devices match" : "no output device named", want);
	return paNoDevice;
}

/* --- the callback ------------------------------------------------------------------------------ */

int64_t rp_audio_clock_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Runs on PortAudio's thread: no allocation, no locks, no I/O, no waiting. */
static int callback(const void *input, void *output, unsigned long n,
                    const PaStreamCallbackTimeInfo *time, PaStreamCallbackFlags flags, void *user)
{
	(void)input;
	(void)flags;
	rp_audio *a = user;
	int16_t *out = output;
	if (atomic_load_explicit(&a->flush_request, memory_order_acquire)) {
		rp_ring_sink_discard(a->ring);
		a->primed = false;
		atomic_store_explicit(&a->flush_request, false, memory_order_release);
	}
	/* Read `expecting` before the ring: if it was still set, the frames were late. */
	bool expecting = atomic_load_explicit(&a->expecting, memory_order_acquire);
	bool ended = rp_ring_sink_ended(a->ring);
	size_t got = rp_ring_sink_read(a->ring, out, n);
	if (got > 0) {
		a->primed = true;
		atomic_fetch_add_explicit(&a->frames_played, got, memory_order_relaxed);
		if (atomic_load_explicit(&a->first_audio_ns, memory_order_relaxed) == 0) {
			for (size_t i = 0; i < got; i++) {
				if (out[i] != 0) {
					double dac = time ? time->outputBufferDacTime -
					                             time->currentTime
					                  : 0;
					dac += (double)i / a->rate;
					atomic_store_explicit(&a->first_audio_dac_s, dac,
					                      memory_order_relaxed);
					atomic_store_explicit(&a->first_audio_ns,
					                      rp_audio_clock_ns(),
					                      memory_order_release);
					break;
				}
			}
		}
	}
	if (got < n) {
		memset(out + got, 0, (n - got) * sizeof *out);
		if (expecting && a->primed)
			atomic_fetch_add_explicit(&a->underruns, 1, memory_order_relaxed);
		if (ended)
			return paComplete; /* PortAudio plays this buffer, then stops */
	}
	return paContinue;
}

/* --- open / close ------------------------------------------------------------------------------ */

int rp_audio_open(const rp_audio_options *opt, rp_audio **out, rp_diags *diags)
{
	*out = NULL;
	if (opt->render_rate <= 0 || opt->device_rate < 0 || opt->buffer_s <= 0) {
		rp_diags_add(diags, RP_ERROR, "PortAudio", 0, 0, "invalid audio options");
		return RP_ERR_ARG;
	}
	rp_audio *a = calloc(1, sizeof *a);
	if (!a)
		return RP_ERR_NOMEM;
	a->verbose = opt->verbose;
	silence_libraries(a->verbose);
	PaError e = Pa_Initialize();
	if (e != paNoError) {
		free(a);
		rp_diags_add(diags, RP_ERROR, "PortAudio", 0, 0, "cannot initialise PortAudio: %s",
		             Pa_GetErrorText(e));
		return RP_ERR_AUDIO;
	}
	int status = RP_ERR_AUDIO;
	PaDeviceIndex dev = find_device(opt->device, diags);
	if (dev == paNoDevice)
		goto fail;
	const PaDeviceInfo *info = Pa_GetDeviceInfo(dev);
	a->device_name = info->name;
	PaStreamParameters par = {
		.device = dev,
		.channelCount = 1,
		.sampleFormat = paInt16,
		.suggestedLatency = info->defaultLowOutputLatency,
	};
	a->rate = opt->device_rate;
	if (a->rate == 0) {
		bool native = Pa_IsFormatSupported(NULL, &par, opt->render_rate) ==
		              paFormatIsSupported;
		a->rate = native ? opt->render_rate : (int)(info->defaultSampleRate + 0.5);
	}
	e = Pa_OpenStream(&a->stream, NULL, &par, a->rate, paFramesPerBufferUnspecified, paNoFlag,
	                  callback, a);
	if (e != paNoError) {
		a->stream = NULL;
		rp_diags_add(diags, RP_ERROR, "PortAudio", 0, 0,
		             "cannot open audio device '%s': %s", info->name, Pa_GetErrorText(e));
		goto fail;
	}
	status = rp_ring_sink_new((size_t)(opt->buffer_s * a->rate) + 1, opt->events, &a->ring);
	if (status != RP_OK)
		goto fail;
	*out = a;
	return RP_OK;
fail:
	if (a->stream)
		Pa_CloseStream(a->stream);
	Pa_Terminate();
	rp_ring_sink_free(a->ring);
	free(a);
	return status;
}

int rp_audio_start(rp_audio *a, rp_diags *diags)
{
	if (a->started)
		return RP_OK;
	PaError e = Pa_StartStream(a->stream);
	if (e == paNoError) {
		const PaStreamInfo *si = Pa_GetStreamInfo(a->stream);
		a->latency_s = si ? si->outputLatency : 0;
		a->started = true;
	}
	if (e != paNoError) {
		rp_diags_add(diags, RP_ERROR, "PortAudio", 0, 0,
		             "cannot start audio device '%s': %s", a->device_name,
		             Pa_GetErrorText(e));
		return RP_ERR_AUDIO;
	}
	return RP_OK;
}

void rp_audio_stop(rp_audio *a, bool drop)
{
	if (!a->started)
		return;
	if (rp_audio_stalled(a))
		return; /* see rp_audio_close */
	(drop ? Pa_AbortStream : Pa_StopStream)(a->stream);
	a->started = false;
}

bool rp_audio_running(const rp_audio *a)
{
	return a->started;
}

bool rp_audio_stalled(const rp_audio *a)
{
	if (!a->started || Pa_IsStreamActive(a->stream) == 1)
		return false;
	/* Not active: fine if the callback completed the stream at the end of the input. */
	return !(rp_ring_sink_ended(a->ring) && rp_ring_sink_buffered(a->ring) == 0);
}

void rp_audio_close(rp_audio *a, bool drop)
{
	if (!a)
		return;
	/* A stream that died under us (a JACK server that went away) can make PortAudio wait forever
	 * in Pa_AbortStream/Pa_CloseStream (seen with PortAudio 19.6 and jackd2 1.9.21). The process
	 * is about to exit: leave the stream, the ring it may still read and PortAudio alone. */
	if (rp_audio_stalled(a))
		return;
	rp_audio_stop(a, drop);
	Pa_CloseStream(a->stream);
	Pa_Terminate();
	rp_ring_sink_free(a->ring);
	free(a);
}

int rp_audio_rate(const rp_audio *a)
{
	return a->rate;
}

const char *rp_audio_device_name(const rp_audio *a)
{
	return a->device_name;
}

double rp_audio_latency(const rp_audio *a)
{
	return a->latency_s;
}

/* --- producer side and control ---------------------------------------------------------------- */

rp_ring_sink *rp_audio_ring(rp_audio *a)
{
	return a->ring;
}

void rp_audio_interrupt(rp_audio *a)
{
	atomic_store(&a->expecting, false);
	rp_ring_sink_cancel(a->ring);
}

void rp_audio_resume_input(rp_audio *a)
{
	rp_ring_sink_begin(a->ring);
	atomic_store(&a->expecting, true);
}

int rp_audio_end_input(rp_audio *a)
{
	atomic_store(&a->expecting, false);
	return rp_ring_sink_end(a->ring);
}

void rp_audio_flush(rp_audio *a)
{
	atomic_store(&a->flush_request, true);
	if (a->started && Pa_IsStreamActive(a->stream) == 1) {
		const struct timespec step = {0, 1000 * 1000};
		for (int i = 0; i < 1000 && atomic_load(&a->flush_request); i++)
			nanosleep(&step, NULL);
	}
	/* The callback is not running (or is stuck): nobody else consumes, so drop them here. */
	if (atomic_exchange(&a->flush_request, false)) {
		rp_ring_sink_discard(a->ring);
		a->primed = false;
	}
}

void rp_audio_get_stats(const rp_audio *a, rp_audio_stats *st)
{
	st->underruns = atomic_load(&a->underruns);
	st->frames_played = atomic_load(&a->frames_played);
	st->first_audio_ns = atomic_load(&a->first_audio_ns);
	st->first_audio_dac_s = atomic_load(&a->first_audio_dac_s);
}
