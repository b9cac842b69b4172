/* Text normalization (src/normalize.h).
 * Minimal version: "N%" inside Mandarin is read as 百分之N, so that eSpeak NG's Mandarin voice
 * does not switch to English for "percent" (shared/notes/espeak-ng-1.51.md), and "+" as 加
 * (eSpeak NG's cmn voices read it as English "plus"). */
#include "normalize.h"

#include <stdlib.h>
#include <string.h>

char *rp_normalize_span(const char *text, size_t len, const char *lang)
{
	/* worst case: every "%" becomes 9 bytes (百分之) */
	char *out = malloc(len * 9 + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	int cmn = strcmp(lang, "cmn") == 0;
	for (size_t i = 0; i < len;) {
		if (cmn && text[i] >= '0' && text[i] <= '9') {
			size_t j = i;
			while (j < len && ((text[j] >= '0' && text[j] <= '9') || text[j] == '.'))
				j++;
			if (j < len && text[j] == '%') {
				memcpy(out + o, "百分之", 9);
				o += 9;
				memcpy(out + o, text + i, j - i);
				o += j - i;
				i = j + 1;
				continue;
			}
			memcpy(out + o, text + i, j - i);
			o += j - i;
			i = j;
			continue;
		}
		if (cmn && text[i] == '+') {
			memcpy(out + o, "加", 3);
			o += 3;
			i++;
			continue;
		}
		out[o++] = text[i++];
	}
	out[o] = '\0';
	return out;
}
