/* Voice presets (voices/NAME.ini, read with inih: src/plan/inifile.h) and the user's cast
 * (include/radioplay.h "Voices"). */
#include "file.h"
#include "grow.h"
#include "inifile.h"
#include "lines.h"
#include "radioplay.h"
#include "voices.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

static bool parse_int(const char *v, int lo, int hi, int *out)
{
	char *end;
	errno = 0;
	long x = strtol(v, &end, 10);
	if (errno || end == v || *end || x < lo || x > hi)
		return false;
	*out = (int)x;
	return true;
}

static void lower_ascii(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* "en", "cmn", "pt-br": ASCII letters, digits and '-' */
static bool is_lang_tag(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-')
			return false;
	return true;
}

/* an eSpeak NG voice name with variant: printable ASCII without spaces */
static bool is_voice_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s <= ' ' || *s > '~')
			return false;
	return true;
}

typedef struct preset_ctx {
	rp_voice_preset p;
	bool seen_voice;
} preset_ctx;

static int voice_key(rp_ini *ini, rp_voice_preset *p, const char *key, const char *value)
{
	if (strcasecmp(key, "name") == 0) {
		if (strlen(value) >= sizeof p->name)
			return rp_ini_error(ini, value, "name longer than %zu bytes",
			                    sizeof p->name - 1);
		snprintf(p->name, sizeof p->name, "%s", value);
	} else if (strcasecmp(key, "gender") == 0) {
		if (strcasecmp(value, "female") == 0)
			p->gender = RP_GENDER_FEMALE;
		else if (strcasecmp(value, "male") == 0)
			p->gender = RP_GENDER_MALE;
		else
			return rp_ini_error(ini, value, "gender = %s: use female or male", value);
	} else if (strcasecmp(key, "pitch") == 0 || strcasecmp(key, "range") == 0) {
		int *dst = strcasecmp(key, "pitch") == 0 ? &p->pitch : &p->range;
		if (!parse_int(value, 0, 100, dst))
			return rp_ini_error(ini, value, "%s = %s: expected 0 to 100", key, value);
	} else if (strcasecmp(key, "rate") == 0) {
		if (!parse_int(value, 80, 450, &p->rate))
			return rp_ini_error(ini, value,
			                    "rate = %s: expected 80 to 450 words per minute",
			                    value);
	} else {
		return rp_ini_error(
			ini, key, "unknown key '%s' in [voice] (name, gender, pitch, range, rate)",
			key);
	}
	return RP_OK;
}

static int language_key(rp_ini *ini, rp_voice_preset *p, const char *key, const char *value)
{
	char lang[sizeof p->langs[0].lang];
	if (!is_lang_tag(key) || strlen(key) >= sizeof lang)
		return rp_ini_error(ini, key, "'%s' is not a language tag such as en or cmn", key);
	snprintf(lang, sizeof lang, "%s", key);
	lower_ascii(lang);
	for (size_t k = 0; k < p->n_langs; k++)
		if (strcmp(p->langs[k].lang, lang) == 0)
			return rp_ini_error(ini, key, "%s is given a voice twice", lang);
	if (p->n_langs == RP_MAX_LANGS)
		return rp_ini_error(ini, key, "more than %d languages", RP_MAX_LANGS);
	const char *plus = strchr(value, '+');
	if (!is_voice_name(value) || strlen(value) >= sizeof p->langs[0].voice ||
	    (plus && strlen(plus + 1) >= sizeof p->variant))
		return rp_ini_error(
			ini, value,
			"%s = %s: expected an eSpeak NG voice such as en-us+f3 (printable "
			"ASCII without spaces, at most %zu bytes, variant at most %zu)",
			lang, value, sizeof p->langs[0].voice - 1, sizeof p->variant - 1);
	if (strcmp(lang, "cmn") == 0 && strncmp(value, "cmn-latn-pinyin", 15) != 0)
		/* docs/espeak-ng.md#mandarin-voices, eSpeak NG issue #1236 */
		return rp_ini_error(ini, value,
		                    "cmn = %s: on eSpeak NG 1.51 only cmn-latn-pinyin reads hanzi "
		                    "correctly",
		                    value);
	size_t k = p->n_langs++;
	memcpy(p->langs[k].lang, lang, sizeof lang);
	snprintf(p->langs[k].voice, sizeof p->langs[k].voice, "%s", value);
	return RP_OK;
}

static int preset_pair(rp_ini *ini, void *user, const char *section, const char *key,
                       const char *value)
{
	preset_ctx *c = user;
	if (strcasecmp(section, "voice") == 0) {
		c->seen_voice = true;
		return voice_key(ini, &c->p, key, value);
	}
	if (strcasecmp(section, "languages") == 0)
		return language_key(ini, &c->p, key, value);
	if (!*section)
		return rp_ini_error(ini, key, "'%s' is outside a section ([voice] or [languages])",
		                    key);
	return rp_ini_error(ini, key, "unknown section [%s] (a preset has [voice] and [languages])",
	                    section);
}

int rp_voice_preset_parse(const char *id, const char *name, const char *text, size_t len,
                          rp_voice_preset *out, rp_diags *diags)
{
	preset_ctx c = {.p = {.pitch = 50, .range = 50, .rate = 175}};
	size_t id_len = id ? strlen(id) : 0;
	if (id_len == 0 || id_len >= sizeof c.p.id ||
	    rp_utf8_first_bad(id, id_len, NULL) != id_len) {
		rp_diags_add(diags, RP_ERROR, name, 0, 0,
		             "a preset id is 1 to %zu bytes of UTF-8 (the file name without .ini)",
		             sizeof c.p.id - 1);
		return RP_ERR_ARG;
	}
	memcpy(c.p.id, id, id_len + 1);
	lower_ascii(c.p.id);
	int rc = rp_ini_parse(name, text, len, "KEY = VALUE", preset_pair, &c, diags);
	if (rc != RP_OK)
		return rc;
	rp_voice_preset *p = &c.p;
	if (!c.seen_voice || p->n_langs == 0) {
		rp_diags_add(diags, RP_ERROR, name, 0, 0,
		             "a voice preset needs a [voice] section and a [languages] section");
		return RP_ERR_INPUT;
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
	*out = *p;
	return RP_OK;
}

int rp_voice_library_new(rp_voice_library **out)
{
	*out = calloc(1, sizeof **out);
	return *out ? RP_OK : RP_ERR_NOMEM;
}

int rp_voice_library_add(rp_voice_library *lib, const rp_voice_preset *preset)
{
	if (!preset->id[0] || !memchr(preset->id, '\0', sizeof preset->id) ||
	    preset->n_langs > RP_MAX_LANGS || rp_voice_library_find(lib, preset->id))
		return RP_ERR_ARG;
	if (rp_grow((void **)&lib->presets, &lib->capacity, lib->n_presets + 1,
	            sizeof *lib->presets) != RP_OK)
		return RP_ERR_NOMEM;
	size_t at = lib->n_presets; /* keep them sorted by id */
	while (at > 0 && strcmp(lib->presets[at - 1].id, preset->id) > 0)
		at--;
	memmove(&lib->presets[at + 1], &lib->presets[at],
	        (lib->n_presets - at) * sizeof *lib->presets);
	lib->presets[at] = *preset;
	lib->n_presets++;
	return RP_OK;
}

typedef struct preset_file {
	const char *id;
	rp_voice_preset preset;
} preset_file;

static int preset_into(void *file, const char *name, const char *text, size_t len, rp_diags *diags)
{
	preset_file *f = file;
	return rp_voice_preset_parse(f->id, name, text, len, &f->preset, diags);
}

/* Parse the preset file `path` into `lib`; RP_OK or the status of the problem (reported). */
static int load_preset(rp_voice_library *lib, const char *path, rp_diags *diags)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	char id[sizeof lib->presets[0].id];
	size_t stem = strlen(base) - 4; /* without ".ini" */
	if (stem >= sizeof id) {
		rp_diags_add(diags, RP_ERROR, path, 0, 0,
		             "file name too long for a preset id (at most %zu bytes before .ini)",
		             sizeof id - 1);
		return RP_ERR_INPUT;
	}
	preset_file f = {.id = id};
	snprintf(id, sizeof id, "%.*s", (int)stem, base);
	int rc = rp_load_file(path, preset_into, &f, diags);
	if (rc == RP_ERR_ARG)
		rc = RP_ERR_INPUT; /* the id (file name) is not UTF-8: reported */
	if (rc == RP_OK && (rc = rp_voice_library_add(lib, &f.preset)) == RP_ERR_ARG) {
		rp_diags_add(diags, RP_ERROR, path, 0, 0,
		             "another preset file in this folder has the id '%s' (ids ignore case)",
		             f.preset.id);
		rc = RP_ERR_INPUT;
	}
	return rc;
}

int rp_voice_library_load(const char *dir, rp_voice_library **out, rp_diags *diags)
{
	*out = NULL;
	char **paths;
	size_t n;
	int rc = rp_list_dir(dir, ".ini", false, &paths, &n, diags);
	if (rc != RP_OK)
		return rc;
	rp_voice_library *lib;
	rc = rp_voice_library_new(&lib);
	for (size_t i = 0; rc != RP_ERR_NOMEM && i < n; i++) { /* report every bad file */
		int r = load_preset(lib, paths[i], diags);
		if (rc == RP_OK || r == RP_ERR_NOMEM)
			rc = r;
	}
	rp_list_free(paths, n);
	if (rc == RP_OK && lib->n_presets == 0) {
		rp_diags_add(diags, RP_ERROR, dir, 0, 0, "no voice presets (*.ini) in this folder");
		rc = RP_ERR_VOICE;
	}
	if (rc != RP_OK) {
		rp_voice_library_free(lib);
		return rc;
	}
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
	/* Mandarin only ever goes to cmn-latn-pinyin (README "Voices", eSpeak NG issue #1236) */
	const char *voice = strcmp(lang, "cmn") == 0 ? "cmn-latn-pinyin" : lang;
	if (preset->variant[0])
		snprintf(buf, size, "%s+%s", voice, preset->variant);
	else
		snprintf(buf, size, "%s", voice);
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

/* A speaker name as a script's tag has it (include/radioplay.h rp_turn.speaker): 1 to
 * RP_MAX_NAME_CHARS code points, no ']', no white space at either end, no control characters.
 * Returns NULL or the problem. */
static const char *check_speaker(const char *s)
{
	int32_t n = (int32_t)strlen(s), i = 0, chars = 0;
	UChar32 first = 0, last = 0;
	while (i < n) {
		U8_NEXT(s, i, n, last);
		if (chars++ == 0)
			first = last;
		if (u_iscntrl(last))
			return "a speaker name has no control characters";
	}
	if (chars == 0)
		return "no speaker name before '='";
	if (chars > RP_MAX_NAME_CHARS || strchr(s, ']'))
		return "a speaker name is 1 to 64 characters without ']'";
	if (u_isUWhiteSpace(first) || u_isUWhiteSpace(last))
		return "a speaker name does not start or end with white space";
	return NULL;
}

static int cast_pair(rp_ini *ini, void *user, const char *section, const char *key,
                     const char *value)
{
	rp_cast *cast = user;
	if (strcasecmp(section, "cast") != 0)
		return rp_ini_error(ini, key, "expected 'NAME = preset' inside a [cast] section");
	const char *why = check_speaker(key);
	if (why)
		return rp_ini_error(ini, key, "%s", why);
	if (!*value)
		return rp_ini_error(ini, value, "no preset after '=' for '%s'", key);
	return cast_add(cast, key, strlen(key), value, strlen(value));
}

int rp_cast_load_memory(rp_cast *cast, const char *name, const char *text, size_t len,
                        rp_diags *diags)
{
	size_t before = cast->count;
	int rc = rp_ini_parse(name, text, len, "NAME = preset", cast_pair, cast, diags);
	while (rc != RP_OK && cast->count > before) { /* keep none of this file */
		cast->count--;
		free(cast->entries[cast->count].speaker);
		free(cast->entries[cast->count].preset);
	}
	return rc;
}

static int cast_into(void *cast, const char *name, const char *text, size_t len, rp_diags *diags)
{
	return rp_cast_load_memory(cast, name, text, len, diags);
}

int rp_cast_load(rp_cast *cast, const char *path, rp_diags *diags)
{
	return rp_load_file(path, cast_into, cast, diags);
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
