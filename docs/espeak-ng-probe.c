/* espeak-ng-probe: measures what docs/espeak-ng.md says about eSpeak NG's library, the way
 * src/audio/synth.c calls it (AUDIO_OUTPUT_SYNCHRONOUS, buflength 100 ms, espeakCHARS_UTF8, one
 * espeak_Synth call per text). Not part of the build:
 *
 *   cc -O2 -o /tmp/espeak-ng-probe docs/espeak-ng-probe.c -lespeak-ng -lm
 *
 *   espeak-ng-probe [-v VOICE] [-s SEED] [-e] [-p] [-n N] [-a K] [-f] [-r] [-w WPM] TEXT...
 *     one espeak_Synth per TEXT (N times each), one line per call: frames, ms, leading and
 *     trailing silence (5 ms blocks at or under RMS 328, as src/audio/render.c judges it), an
 *     FNV-1a hash of the samples, and the callbacks seen (all, with numsamples 0, with wav NULL).
 *     -s srand(SEED) before every call (as rp_synth_speak does); -e adds espeakENDPAUSE; -p adds
 *     espeakPHONEMES; -a K returns 1 from the K-th callback with audio (abort); -f prints the
 *     pitch (Hz, autocorrelation, every 20 ms) of the last 400 ms of sound; -r selects the voice
 *     again before every call; -w WPM sets espeakRATE before every call (as rp_synth_speak does).
 *   espeak-ng-probe --rate VOICE...       the sample rate after selecting each voice
 *   espeak-ng-probe --params              espeakRATE before and after espeak_SetVoiceByName
 *   espeak-ng-probe --switch N V1 V2      N voice switches: time per switch
 *   espeak-ng-probe --load N V1 V2 [TEXT] N voice switches, each followed by synthesizing TEXT if
 *                                         given, and nothing else (for valgrind) */
#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { MAX_FRAMES = 22050 * 120 };

static short *pcm;
static size_t n_pcm;
static int n_calls, n_zero, n_null, abort_after, n_audio_calls, seen_rate;

static int on_audio(short *wav, int numsamples, espeak_EVENT *events)
{
	n_calls++;
	for (espeak_EVENT *e = events; e && e->type != espeakEVENT_LIST_TERMINATED; e++)
		if (e->type == espeakEVENT_SAMPLERATE)
			seen_rate = e->id.number;
	if (!wav) {
		n_null++;
		return 0;
	}
	if (numsamples == 0) {
		n_zero++;
		return 0;
	}
	for (int i = 0; i < numsamples && n_pcm < MAX_FRAMES; i++)
		pcm[n_pcm++] = wav[i];
	n_audio_calls++;
	return abort_after && n_audio_calls >= abort_after;
}

static int silent_block(size_t start, size_t len)
{
	double e = 0;
	for (size_t i = start; i < start + len; i++)
		e += (double)pcm[i] * pcm[i];
	return e <= 328.0 * 328.0 * (double)len;
}

static double pitch_at(size_t start, int rate)
{
	size_t win = (size_t)rate / 25; /* 40 ms */
	int lo = rate / 400, hi = rate / 60;
	double best = 0;
	int lag = 0;
	for (int l = lo; l <= hi; l++) {
		double c = 0, e1 = 0, e2 = 0;
		for (size_t i = start; i < start + win; i++) {
			c += (double)pcm[i] * pcm[i + l];
			e1 += (double)pcm[i] * pcm[i];
			e2 += (double)pcm[i + l] * pcm[i + l];
		}
		double r = e1 > 0 && e2 > 0 ? c / sqrt(e1 * e2) : 0;
		if (r > best) {
			best = r;
			lag = l;
		}
	}
	return best > 0.6 ? (double)rate / lag : 0;
}

static void report(const char *text, int rate, espeak_ERROR err, int f0)
{
	size_t blk = (size_t)rate * 5 / 1000, lead = 0, trail = 0, end = n_pcm;
	while (lead + blk <= n_pcm && silent_block(lead, blk))
		lead += blk;
	while (end >= lead + blk && silent_block(end - blk, blk)) {
		end -= blk;
		trail += blk;
	}
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n_pcm; i++) {
		h = (h ^ (uint16_t)pcm[i]) * 16777619u;
	}
	printf("%-24.24s rc=%d frames=%zu ms=%.0f lead_ms=%.0f trail_ms=%.0f hash=%08x "
	       "callbacks=%d zero=%d null=%d\n",
	       text, (int)err, n_pcm, n_pcm * 1000.0 / rate, lead * 1000.0 / rate,
	       trail * 1000.0 / rate, (unsigned)h, n_calls, n_zero, n_null);
	if (f0) {
		size_t hop = (size_t)rate / 50, win = (size_t)rate / 25 + (size_t)rate / 60;
		size_t from = end > (size_t)rate * 2 / 5 + win ? end - (size_t)rate * 2 / 5 - win
		                                               : 0;
		printf("  f0 (Hz, last 400 ms):");
		for (size_t s = from; s + win <= end; s += hop)
			printf(" %.0f", pitch_at(s, rate));
		printf("\n");
	}
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, NULL,
	                             espeakINITIALIZE_DONT_EXIT);
	if (rate <= 0) {
		printf("espeak_Initialize returned %d\n", rate);
		return 1;
	}
	pcm = malloc(MAX_FRAMES * sizeof *pcm);
	espeak_SetSynthCallback(on_audio);
	int a = 1;
	if (argc > 1 && strcmp(argv[1], "--rate") == 0) {
		printf("espeak_Initialize: %d Hz\n", rate);
		for (a = 2; a < argc; a++) {
			seen_rate = 0;
			int rc = espeak_SetVoiceByName(argv[a]);
			espeak_Synth("a", 2, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, NULL);
			printf("%-22s SetVoiceByName=%d espeak_ng_GetSampleRate=%d SAMPLERATE event=%d\n",
			       argv[a], rc, espeak_ng_GetSampleRate(), seen_rate);
		}
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--params") == 0) {
		static const char text[] = "hello world, this is a test";
		static const char *const steps[] = {
			"SetVoiceByName(en-us)", "SetParameter(espeakRATE, 300)",
			"SetVoiceByName(en-us+f3)", "SetVoiceByName(en-us+f3) again",
			"SetVoiceByName(en-us)"};
		for (int i = 0; i < 5; i++) {
			if (i == 1)
				espeak_SetParameter(espeakRATE, 300, 0);
			else
				espeak_SetVoiceByName(i == 2 || i == 3 ? "en-us+f3" : "en-us");
			n_pcm = 0;
			espeak_Synth(text, sizeof text, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL,
			             NULL);
			printf("after %-32s GetParameter(espeakRATE)=%d, \"%s\" lasts %.0f ms\n",
			       steps[i], espeak_GetParameter(espeakRATE, 1), text,
			       n_pcm * 1000.0 / rate);
		}
		return 0;
	}
	if (argc > 4 && (strcmp(argv[1], "--switch") == 0 || strcmp(argv[1], "--load") == 0)) {
		int n = atoi(argv[2]);
		espeak_SetVoiceByName(argv[3]);
		espeak_SetVoiceByName(argv[4]);
		double t = now();
		for (int i = 0; i < n; i++) {
			espeak_SetVoiceByName(argv[3 + (i % 2 == 0)]);
			if (argc > 5) /* --load N V1 V2 TEXT: synthesize TEXT after each switch */
				espeak_Synth(argv[5], strlen(argv[5]) + 1, 0, POS_CHARACTER, 0,
				             espeakCHARS_UTF8, NULL, NULL);
		}
		if (argv[1][2] == 's')
			printf("%d switches %s <-> %s: %.3f ms each\n", n, argv[3], argv[4],
			       (now() - t) * 1000 / n);
		espeak_Terminate();
		free(pcm);
		return 0;
	}
	const char *voice = "en-us";
	int seed = -1, repeat = 1, f0 = 0, reselect = 0, wpm = 0;
	unsigned flags = espeakCHARS_UTF8;
	for (; a < argc && argv[a][0] == '-' && argv[a][1]; a++) {
		if (strcmp(argv[a], "-v") == 0 && a + 1 < argc)
			voice = argv[++a];
		else if (strcmp(argv[a], "-s") == 0 && a + 1 < argc)
			seed = atoi(argv[++a]);
		else if (strcmp(argv[a], "-n") == 0 && a + 1 < argc)
			repeat = atoi(argv[++a]);
		else if (strcmp(argv[a], "-a") == 0 && a + 1 < argc)
			abort_after = atoi(argv[++a]);
		else if (strcmp(argv[a], "-e") == 0)
			flags |= espeakENDPAUSE;
		else if (strcmp(argv[a], "-p") == 0)
			flags |= espeakPHONEMES;
		else if (strcmp(argv[a], "-f") == 0)
			f0 = 1;
		else if (strcmp(argv[a], "-r") == 0)
			reselect = 1;
		else if (strcmp(argv[a], "-w") == 0 && a + 1 < argc)
			wpm = atoi(argv[++a]);
		else
			break;
	}
	if (espeak_SetVoiceByName(voice) != EE_OK) {
		printf("no voice %s\n", voice);
		return 1;
	}
	for (; a < argc; a++)
		for (int k = 0; k < repeat; k++) {
			n_pcm = 0;
			n_calls = n_zero = n_null = n_audio_calls = 0;
			if (reselect)
				espeak_SetVoiceByName(voice);
			if (wpm)
				espeak_SetParameter(espeakRATE, wpm, 0);
			if (seed >= 0)
				srand((unsigned)seed);
			espeak_ERROR e = espeak_Synth(argv[a], strlen(argv[a]) + 1, 0,
			                              POS_CHARACTER, 0, flags, NULL, NULL);
			report(argv[a], rate, e, f0);
		}
	espeak_Terminate();
	free(pcm);
	return 0;
}
