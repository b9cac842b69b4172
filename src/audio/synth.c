/* eSpeak NG synthesis (include/radioplay.h "Synthesis").
 * eSpeak NG is one global instance per process (issues #495, #659), so rp_synth is a singleton.
 * One espeak_Synth call per span, AUDIO_OUTPUT_SYNCHRONOUS, espeakCHARS_UTF8, never espeakSSML;
 * espeakPHONEMES only for lexicon phonemes (rp_item.phonemes); no espeakENDPAUSE
 * (docs/espeak-ng.md#ssml-and-phonemes, #endpause). */
#include "radioplay.h"

#include <espeak-ng/speak_lib.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { RP_SYNTH_SEED = 1 };

struct rp_synth {
	int sample_rate;
	char voice[64]; /* the voice currently set, to skip needless espeak_SetVoiceByName calls */
	rp_pcm_fn fn;
	void *user;
	int stopped; /* the status fn returned to stop synthesis; RP_OK while it goes on */
};

/* The one instance, for the callback. Opening and closing are under the lock, so that two
 * threads cannot both find it empty and initialise eSpeak NG twice. */
static rp_synth *the_synth;
static pthread_mutex_t the_synth_lock = PTHREAD_MUTEX_INITIALIZER;

static int on_audio(short *wav, int numsamples, espeak_EVENT *events)
{
	(void)events;
	rp_synth *s = the_synth;
	if (!wav) /* end of synthesis */
		return 0;
	if (s->stopped)
		return 1;
	if (numsamples > 0) {
		int rc = s->fn(s->user, (const int16_t *)wav, (size_t)numsamples);
		if (rc != RP_OK) {
			s->stopped = rc < 0 ? rc : RP_ERR_ABORTED;
			return 1;
		}
	}
	return 0;
}

int rp_synth_open(rp_synth **out, rp_diags *diags)
{
	*out = NULL;
	rp_synth *s = calloc(1, sizeof *s);
	if (!s)
		return RP_ERR_NOMEM;
	pthread_mutex_lock(&the_synth_lock);
	if (the_synth) {
		pthread_mutex_unlock(&the_synth_lock);
		free(s);
		rp_diags_add(
			diags, RP_ERROR, "eSpeak NG", 0, 0,
			"already in use: one synth per process (eSpeak NG is not thread-safe)");
		return RP_ERR_ARG;
	}
	/* buflength 100 ms: audio reaches the callback in small pieces (prompt playback).
	 * espeakINITIALIZE_DONT_EXIT: a missing data folder is an error return, not exit(1)
	 * (docs/espeak-ng.md#data-path). */
	int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, NULL,
	                             espeakINITIALIZE_DONT_EXIT);
	if (rate <= 0) {
		pthread_mutex_unlock(&the_synth_lock);
		free(s);
		const char *data = getenv("ESPEAK_DATA_PATH");
		rp_diags_add(
			diags, RP_ERROR, "eSpeak NG", 0, 0,
			"cannot start: cannot read its data (espeak-ng-data) %s%s%s (Debian package "
			"espeak-ng-data)",
			data ? "under ESPEAK_DATA_PATH=" : "from its built-in folder",
			data ? data : "", data ? " or its built-in folder" : "");
		return RP_ERR_SYNTH;
	}
	s->sample_rate = rate;
	espeak_SetSynthCallback(on_audio);
	the_synth = s;
	pthread_mutex_unlock(&the_synth_lock);
	*out = s;
	return RP_OK;
}

void rp_synth_close(rp_synth *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&the_synth_lock);
	espeak_Terminate();
	the_synth = NULL;
	pthread_mutex_unlock(&the_synth_lock);
	free(s);
}

int rp_synth_sample_rate(const rp_synth *s)
{
	return s->sample_rate;
}

const char *rp_espeak_version(void)
{
	const char *path = NULL;
	return espeak_Info(&path);
}

int rp_synth_speak(rp_synth *s, const char *voice, int rate, int pitch, int range, const char *text,
                   bool phonemes, rp_pcm_fn fn, void *user)
{
	if (strcmp(s->voice, voice) != 0) {
		if (espeak_SetVoiceByName(voice) != EE_OK) {
			s->voice[0] = '\0';
			return RP_ERR_VOICE;
		}
		snprintf(s->voice, sizeof s->voice, "%s", voice);
	}
	/* the parameters outlive a voice change (docs/espeak-ng.md#state-kept-between-calls): set
	 * them for every call (cheap), so that no span inherits another speaker's */
	espeak_SetParameter(espeakRATE, rate, 0);
	espeak_SetParameter(espeakPITCH, pitch, 0);
	espeak_SetParameter(espeakRANGE, range, 0);
	s->fn = fn;
	s->user = user;
	s->stopped = RP_OK;
	/* eSpeak NG draws breath noise from rand() (docs/espeak-ng.md#rand-and-determinism): a
	 * fixed seed per span makes the noise independent of what came before in the process (other
	 * state still is not: #state-kept-between-calls) */
	srand(RP_SYNTH_SEED);
	unsigned flags = espeakCHARS_UTF8 | (phonemes ? espeakPHONEMES : 0);
	espeak_ERROR e = espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0, flags, NULL,
	                              NULL);
	s->fn = NULL;
	if (s->stopped != RP_OK)
		return s->stopped;
	return e == EE_OK ? RP_OK : RP_ERR_SYNTH;
}
