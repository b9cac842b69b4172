/* Voice presets (voices/NAME.ini, read with inih) and the user's cast (include/radioplay.h). */
#include "grow.h"
#include "radioplay.h"
#include "voices.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <ini.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

typedef struct load_ctx {
	rp_voice_preset *p;
	char error[200]; /* set by the handler when a value is invalid */
	bool seen_voice;
} load_ctx;

static bool parse_int(const char *v, int lo, int hi, int *out)
{
	char *end;
	errno = 0;
	long x = strtol(v, &end, 10);
	while (*end == ' ' || *end == '\t')
		end++;
	if (errno || end == v || *end || x < lo || x > hi)
		return false;
	*out = (int)x;
	return true;
}

static int preset_handler(void *user, const char *section, const char *key, const char *value)
{
	load_ctx *c = user;
	rp_voice_preset *p = c->p;
	if (strcasecmp(section, "voice") == 0) {
		c->seen_voice = true;
		if (strcasecmp(key, "name") == 0) {
			snprintf(p->name, sizeof p->name, "%s", value);
		} else if (strcasecmp(key, "gender") == 0) {
			if (strcasecmp(value, "female") == 0)
				p->gender = RP_GENDER_FEMALE;
			else if (strcasecmp(value, "male") == 0)
				p->gender = RP_GENDER_MALE;
			else {
				snprintf(c->error, sizeof c->error,
				         "gender = %s: use female or male", value);
				return 0;
			}
		} else if (strcasecmp(key, "pitch") == 0 || strcasecmp(key, "range") == 0) {
			int *dst = strcasecmp(key, "pitch") == 0 ? &p->pitch : &p->range;
			if (!parse_int(value, 0, 100, dst)) {
				snprintf(c->error, sizeof c->error, "%s = %s: expected 0 to 100", key, value);
				return 0;
			}
		} else if (strcasecmp(key, "rate") == 0) {
			if (!parse_int(value, 80, 450, &p->rate)) {
				snprintf(c->error, sizeof c->error,
				         "rate = %s: expected 80 to 450 words per minute", value);
				return 0;
			}
		} else {
			snprintf(c->error, sizeof c->error, "unknown key '%s' in [voice]", key);
			return 0;
		}
	} else if (strcasecmp(section, "languages") == 0) {
		if (p->n_langs == RP_MAX_LANGS) {
			snprintf(c->error, sizeof c->error, "more than %d languages", RP_MAX_LANGS);
			return 0;
		}
		if (strcasecmp(key, "cmn") == 0 && strncmp(value, "cmn-latn-pinyin", 15) != 0) {
			/* docs/espeak-ng.md#mandarin-voices, eSpeak NG issue #1236 */
			snprintf(c->error, sizeof c->error,
			         "cmn = %s: on eSpeak NG 1.51 only cmn-latn-pinyin reads hanzi correctly",
			         value);
			return 0;
		}
		size_t k = p->n_langs++;
		snprintf(p->langs[k].lang, sizeof p->langs[k].lang, "%s", key);
		for (char *q = p->langs[k].lang; *q; q++)
			*q = (char)tolower((unsigned char)*q);
		snprintf(p->langs[k].voice, sizeof p->langs[k].voice, "%s", value);
	} else {
		snprintf(c->error, sizeof c->error, "unknown section [%s]", section);
		return 0;
	}
	return 1;
}

static int cmp_preset(const void *a, const void *b)
{
	return strcmp(((const rp_voice_preset *)a)->id, ((const rp_voice_preset *)b)->id);
}

/* Load one preset file; RP_OK or RP_ERR_VOICE with a diagnostic. */
static int load_preset(const char *path, const char *id, rp_voice_preset *p, rp_diags *diags)
{
	*p = (rp_voice_preset){.pitch = 50, .range = 50, .rate = 175};
	snprintf(p->id, sizeof p->id, "%s", id);
	for (char *q = p->id; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	load_ctx c = {.p = p};
	int line = ini_parse(path, preset_handler, &c);
	if (line < 0) {
		rp_diags_add(diags, RP_ERROR, path, 0, 0, "cannot open voice preset");
		return RP_ERR_VOICE;
	}
	if (line > 0) {
		rp_diags_add(diags, RP_ERROR, path, line, 1, "%s",
		             c.error[0] ? c.error : "not a valid INI line");
		return RP_ERR_VOICE;
	}
	if (!c.seen_voice || p->n_langs == 0) {
		rp_diags_add(diags, RP_ERROR, path, 0, 0,
		             "a voice preset needs a [voice] section and a [languages] section");
		return RP_ERR_VOICE;
	}
	if (!p->name[0])
		snprintf(p->name, sizeof p->name, "%s", p->id);
	/* the variant shared by every language: from the en voice, else the first one */
	const char *v = NULL;
	for (size_t k = 0; k < p->n_langs; k++)
		if (strcmp(p->langs[k].lang, "en") == 0 || !v)
			v = p->langs[k].voice;
	const char *plus = strchr(v, '+');
	snprintf(p->variant, sizeof p->variant, "%s", plus ? plus + 1 : "");
	return RP_OK;
}

int rp_voice_library_load(const char *dir, rp_voice_library **out, rp_diags *diags)
{
	*out = NULL;
	DIR *d = opendir(dir);
	if (!d) {
		rp_diags_add(diags, RP_ERROR, dir, 0, 0, "cannot open voice folder: %s",
		             strerror(errno));
		return RP_ERR_IO;
	}
	rp_voice_library *lib = calloc(1, sizeof *lib);
	size_t cap = 0;
	int rc = lib ? RP_OK : RP_ERR_NOMEM;
	struct dirent *e;
	while (rc == RP_OK && (e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (e->d_name[0] == '.' || l < 5 || strcmp(e->d_name + l - 4, ".ini") != 0)
			continue;
		if (rp_grow((void **)&lib->presets, &cap, lib->n_presets + 1, sizeof *lib->presets)) {
			rc = RP_ERR_NOMEM;
			break;
		}
		char path[4096], id[64];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		snprintf(id, sizeof id, "%.*s", (int)(l - 4), e->d_name);
		int r = load_preset(path, id, &lib->presets[lib->n_presets], diags);
		if (r == RP_OK)
			lib->n_presets++;
		else
			rc = r;
	}
	closedir(d);
	if (rc == RP_OK && lib->n_presets == 0) {
		rp_diags_add(diags, RP_ERROR, dir, 0, 0, "no voice presets (*.ini) in this folder");
		rc = RP_ERR_VOICE;
	}
	if (rc != RP_OK) {
		rp_voice_library_free(lib);
		return rc;
	}
	qsort(lib->presets, lib->n_presets, sizeof *lib->presets, cmp_preset);
	*out = lib;
	return RP_OK;
}

void rp_voice_library_free(rp_voice_library *lib)
{
	if (!lib)
		return;
	free(lib->presets);
	free(lib);
}

const rp_voice_preset *rp_voice_library_find(const rp_voice_library *lib, const char *id)
{
	for (size_t i = 0; i < lib->n_presets; i++)
		if (strcasecmp(lib->presets[i].id, id) == 0)
			return &lib->presets[i];
	return NULL;
}

const char *rp_voice_for_lang(const rp_voice_preset *preset, const char *lang, char *buf,
                              size_t size)
{
	for (size_t k = 0; k < preset->n_langs; k++)
		if (strcmp(preset->langs[k].lang, lang) == 0) {
			snprintf(buf, size, "%s", preset->langs[k].voice);
			return buf;
		}
	if (preset->variant[0])
		snprintf(buf, size, "%s+%s", lang, preset->variant);
	else
		snprintf(buf, size, "%s", lang);
	return buf;
}

const char *rp_default_voices_dir(void)
{
	const char *env = getenv("RADIOPLAY_VOICES");
	if (env && *env)
		return env;
	struct stat st;
	if (stat(RADIOPLAY_SOURCE_VOICES_DIR, &st) == 0 && S_ISDIR(st.st_mode))
		return RADIOPLAY_SOURCE_VOICES_DIR;
	return RADIOPLAY_INSTALL_VOICES_DIR;
}

/* ---- cast ---- */

static int cast_add(rp_cast *cast, const char *speaker, size_t sn, const char *preset, size_t pn)
{
	void *np = realloc(cast->entries, (cast->count + 1) * sizeof *cast->entries);
	if (!np)
		return RP_ERR_NOMEM;
	cast->entries = np;
	char *s = strndup(speaker, sn), *p = strndup(preset, pn);
	if (!s || !p) {
		free(s);
		free(p);
		return RP_ERR_NOMEM;
	}
	cast->entries[cast->count].speaker = s;
	cast->entries[cast->count].preset = p;
	cast->count++;
	return RP_OK;
}

int rp_cast_add_assignment(rp_cast *cast, const char *assignment)
{
	const char *eq = strrchr(assignment, '=');
	if (!eq || eq == assignment || !eq[1])
		return RP_ERR_ARG;
	return cast_add(cast, assignment, (size_t)(eq - assignment), eq + 1, strlen(eq + 1));
}

typedef struct cast_ctx {
	rp_cast *cast;
	int rc;
} cast_ctx;

static int cast_handler(void *user, const char *section, const char *key, const char *value)
{
	cast_ctx *c = user;
	if (strcasecmp(section, "cast") != 0)
		return 0;
	if (!*key || !*value)
		return 0;
	c->rc = cast_add(c->cast, key, strlen(key), value, strlen(value));
	return c->rc == RP_OK;
}

int rp_cast_load(rp_cast *cast, const char *path, rp_diags *diags)
{
	cast_ctx c = {cast, RP_OK};
	int line = ini_parse(path, cast_handler, &c);
	if (line < 0) {
		rp_diags_add(diags, RP_ERROR, path, 0, 0, "cannot open cast file: %s",
		             strerror(errno));
		return RP_ERR_IO;
	}
	if (c.rc != RP_OK)
		return c.rc;
	if (line > 0) {
		rp_diags_add(diags, RP_ERROR, path, line, 1,
		             "expected 'NAME = preset' inside a [cast] section");
		return RP_ERR_ARG;
	}
	return RP_OK;
}

void rp_cast_clear(rp_cast *cast)
{
	for (size_t i = 0; i < cast->count; i++) {
		free(cast->entries[i].speaker);
		free(cast->entries[i].preset);
	}
	free(cast->entries);
	*cast = (rp_cast){0};
}

int rp_cast_add(rp_cast *cast, const char *speaker, const char *preset)
{
	if (!*speaker || !*preset)
		return RP_ERR_ARG;
	return cast_add(cast, speaker, strlen(speaker), preset, strlen(preset));
}
