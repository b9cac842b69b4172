/* eSpeak NG synthesis (include/radioplay.h "Synthesis").
 * eSpeak NG is one global instance per process (issues #495, #659), so rp_synth is a singleton.
 * One espeak_Synth call per span, AUDIO_OUTPUT_SYNCHRONOUS, espeakCHARS_UTF8, never espeakSSML or
 * espeakPHONEMES, and no espeakENDPAUSE (docs/espeak-ng.md#ssml-and-phonemes, #endpause). */
#include "radioplay.h"

#include <espeak-ng/speak_lib.h>
#include <stdlib.h>
#include <string.h>

enum { RP_SYNTH_SEED = 1 };

struct rp_synth {
	int sample_rate;
	char voice[64]; /* the voice currently set, to skip needless espeak_SetVoiceByName calls */
	rp_pcm_fn fn;
	void *user;
	int stopped;
};

static rp_synth *the_synth; /* the one instance, for the callback */

static int on_audio(short *wav, int numsamples, espeak_EVENT *events)
{
	(void)events;
	rp_synth *s = the_synth;
	if (!wav) /* end of synthesis */
		return 0;
	if (s->stopped)
		return 1;
	if (numsamples > 0 && s->fn(s->user, (const int16_t *)wav, (size_t)numsamples) != 0) {
		s->stopped = 1;
		return 1;
	}
	return 0;
}

int rp_synth_open(rp_synth **out)
{
	*out = NULL;
	if (the_synth)
		return RP_ERR_ARG;
	rp_synth *s = calloc(1, sizeof *s);
	if (!s)
		return RP_ERR_NOMEM;
	/* buflength 100 ms: audio reaches the callback in small pieces (prompt playback) */
	int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, NULL,
	                             espeakINITIALIZE_DONT_EXIT);
	if (rate <= 0) {
		free(s);
		return RP_ERR_SYNTH;
	}
	s->sample_rate = rate;
	espeak_SetSynthCallback(on_audio);
	the_synth = s;
	*out = s;
	return RP_OK;
}

void rp_synth_close(rp_synth *s)
{
	if (!s)
		return;
	espeak_Terminate();
	the_synth = NULL;
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

int rp_synth_speak(rp_synth *s, const char *voice, int rate, int pitch, int range,
                   const char *text, bool phonemes, rp_pcm_fn fn, void *user)
{
	if (strcmp(s->voice, voice) != 0) {
		if (espeak_SetVoiceByName(voice) != EE_OK) {
			s->voice[0] = '\0';
			return RP_ERR_VOICE;
		}
		snprintf(s->voice, sizeof s->voice, "%s", voice);
	}
	/* setting a voice resets the parameters: set them for every call (cheap) */
	espeak_SetParameter(espeakRATE, rate, 0);
	espeak_SetParameter(espeakPITCH, pitch, 0);
	espeak_SetParameter(espeakRANGE, range, 0);
	s->fn = fn;
	s->user = user;
	s->stopped = 0;
	/* eSpeak NG draws noise and jitter from rand(): a fixed seed per span makes the audio of a
	 * span depend only on its text and voice, as eSpeak NG's own tests do (tests/common) */
	srand(RP_SYNTH_SEED);
	unsigned flags = espeakCHARS_UTF8 | (phonemes ? espeakPHONEMES : 0);
	espeak_ERROR e = espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0, flags, NULL, NULL);
	s->fn = NULL;
	if (s->stopped)
		return RP_ERR_ABORTED;
	return e == EE_OK ? RP_OK : RP_ERR_SYNTH;
}
