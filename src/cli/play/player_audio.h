/* The sound-card end of `radioplay play`: a PortAudio output stream fed from the library's ring
 * sink (include/radioplay.h rp_ring_sink), which the synthesis thread renders into.
 *
 * Threads and roles:
 * - The PortAudio callback (PortAudio's thread) is the ring's only consumer. It never allocates,
 *   locks, logs or waits: it copies frames out, zero-fills what is missing, and counts underruns
 *   (PortAudio's rule for callbacks, portaudio.h "PaStreamCallback").
 * - The synthesis thread is the only producer, rendering into rp_ring_sink_as_sink(
 *   rp_audio_ring()): its write waits while the ring is full, never the callback.
 * - The control thread (main) opens, starts, pauses, flushes and closes the stream, and reads
 *   the ring's turn and item events.
 * Every frame is 16-bit signed mono at rp_audio_rate().
 *
 * PortAudio, ALSA and JACK print start-up chatter on standard error on many Linux machines
 * ("ALSA lib ...", "Cannot connect to server socket"). Unless `verbose` is set, ALSA's and
 * JACK's own message hooks (snd_lib_error_set_handler, jack_set_error_function) are pointed at
 * functions that drop them, so our messages, from any thread, still get through.
 */
#ifndef RP_PLAYER_AUDIO_H
#define RP_PLAYER_AUDIO_H

#include "radioplay.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct rp_audio rp_audio;

typedef struct rp_audio_options {
	const char *device; /* a device index ("3") or name (exact, else a unique case-insensitive
	                        part of one); NULL = PortAudio's default output device */
	int render_rate;    /* Hz of the frames the pipeline renders */
	int device_rate;    /* Hz to open the device at; 0 = render_rate when the device supports
	                        it (Pa_IsFormatSupported), else the device's default rate */
	double buffer_s;    /* seconds of audio the ring holds (synthesis runs that far ahead) */
	size_t events;      /* turn and item events the ring holds */
	bool verbose;       /* let PortAudio/ALSA/JACK chatter through to standard error */
} rp_audio_options;

/* Print the output devices (index, name, host API, channels, default rate; '*' marks the
 * default) to `out`. Returns RP_OK or RP_ERR_AUDIO (PortAudio's message in `diags`). */
int rp_audio_list_devices(FILE *out, bool verbose, rp_diags *diags);

/* Initialise PortAudio and open (not start) a mono 16-bit output stream. On failure returns
 * RP_ERR_AUDIO (no device, unknown --device, the device cannot be opened), RP_ERR_ARG or
 * RP_ERR_NOMEM with a one-line explanation in `diags` (PortAudio's own text kept), and *out is
 * NULL. */
int rp_audio_open(const rp_audio_options *opt, rp_audio **out, rp_diags *diags);
/* Stop the stream (as rp_audio_stop), close it and terminate PortAudio. Accepts NULL. The
 * producer must have stopped. A stalled stream (rp_audio_stalled) is left as it is, with
 * PortAudio, since PortAudio may hang stopping it; call this only before the process exits. */
void rp_audio_close(rp_audio *a, bool drop);

/* Start the stream: the callback plays what the ring holds, and silence when it is empty.
 * Nothing happens if it runs already. RP_ERR_AUDIO (message in `diags`) on failure. */
int rp_audio_start(rp_audio *a, rp_diags *diags);
/* Stop the stream: with `drop`, at once, discarding what PortAudio holds (Pa_AbortStream); else
 * after that has played (Pa_StopStream, up to the output latency). Frames still in the ring stay
 * there. Used for pause and before a flush. Nothing happens if it is not running. */
void rp_audio_stop(rp_audio *a, bool drop);
bool rp_audio_running(const rp_audio *a);
/* The stream was started but is no longer running though frames remain to be played (the device
 * went away, or PortAudio stopped it after an error). Control thread. */
bool rp_audio_stalled(const rp_audio *a);
/* Hz the device was opened at, and the device's name (owned by PortAudio, valid until close). */
int rp_audio_rate(const rp_audio *a);
const char *rp_audio_device_name(const rp_audio *a);
/* Seconds between the callback handing a frame over and the device playing it (PortAudio's
 * PaStreamInfo.outputLatency); 0 before start. */
double rp_audio_latency(const rp_audio *a);

/* The ring the synthesis thread renders into (owned by `a`). */
rp_ring_sink *rp_audio_ring(rp_audio *a);

/* Make a waiting or future write to the ring return RP_ERR_ABORTED (rp_ring_sink_cancel; any
 * thread; async-signal-safe), and tell the callback that no frames are expected for now. */
void rp_audio_interrupt(rp_audio *a);
/* Before a render: the ring takes frames again, its positions count from here
 * (rp_ring_sink_begin), and the callback expects frames: running short after the first frame
 * arrives is an underrun. */
void rp_audio_resume_input(rp_audio *a);
/* After a render that finished: no more frames are coming (rp_ring_sink_end; producer thread).
 * Once the ring is empty the callback completes the stream (paComplete), which then stops after
 * playing what it holds. RP_OK or RP_ERR_ABORTED. */
int rp_audio_end_input(rp_audio *a);
/* Drop every frame not yet played. The producer must be stopped (not inside write()). Waits up to
 * 1 s for the callback to do it; if the stream is not running, drops them itself. */
void rp_audio_flush(rp_audio *a);

typedef struct rp_audio_stats {
	uint64_t underruns;       /* callbacks that ran short while frames were expected */
	uint64_t frames_played;   /* frames handed to the device (not counting silence padding) */
	int64_t first_audio_ns;   /* CLOCK_REALTIME when the callback handed over the first
	                              non-zero frame; 0 if none yet */
	double first_audio_dac_s; /* PortAudio's estimate of how much later the device plays it */
} rp_audio_stats;

void rp_audio_get_stats(const rp_audio *a, rp_audio_stats *st);
/* CLOCK_REALTIME in ns: the clock of first_audio_ns. Any thread, also the audio callback (vDSO). */
int64_t rp_audio_clock_ns(void);

#endif
