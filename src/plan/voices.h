/* Voice presets: what the planner needs besides the public API (internal). */
#ifndef RP_VOICES_H
#define RP_VOICES_H

#include "radioplay.h"

/* The eSpeak NG voice name `preset` uses for `lang`: its [languages] entry, or else
 * "LANG+VARIANT" (README "Voices"). Writes into buf (NUL-terminated) and returns buf. */
const char *rp_voice_for_lang(const rp_voice_preset *preset, const char *lang, char *buf,
                              size_t size);

#endif
