/* The first four stages composed (include/radioplay.h rp_plan_load): source, script, voices,
 * lexicons, cast and emoji names, then the plan. What every front end (the CLI, a batch runner, a
 * server) does before it renders, in one place. */
#include "radioplay.h"

#include <stdio.h>
#include <stdlib.h>

void rp_load_options_init(rp_load_options *opt)
{
	*opt = (rp_load_options){0};
	rp_plan_options_init(&opt->plan);
}

/* Copy `from`'s entries to the end of `to`. */
static int cast_append(rp_cast *to, const rp_cast *from)
{
	for (size_t i = 0; from && i < from->count; i++) {
		int rc = rp_cast_add(to, from->entries[i].speaker, from->entries[i].preset);
		if (rc != RP_OK)
			return rc;
	}
	return RP_OK;
}

/* Everything after decoding: parse, load what the options name, build. */
static int plan_source(const rp_source *src, const rp_load_options *opt, rp_plan **out,
                       rp_diags *diags)
{
	rp_script *script = NULL;
	rp_voice_library *lib = NULL;
	rp_lexicon *lex = NULL;
	rp_emoji_names *names = NULL;
	rp_cast cast = {0};
	const char *voices = opt->voices_dir ? opt->voices_dir : rp_default_voices_dir();
	int rc = rp_script_parse(src, &script, diags);
	if (rc == RP_OK)
		rc = rp_voice_library_load(voices, &lib, diags);
	if (rc == RP_OK) { /* the shipped lexicon, then the user's, which win */
		char dir[4096];
		snprintf(dir, sizeof dir, "%s/lexicon", voices);
		rc = rp_lexicon_load_dir(&lex, dir, diags);
		for (size_t i = 0; rc == RP_OK && i < opt->n_lexicon_files; i++)
			rc = rp_lexicon_load(&lex, opt->lexicon_files[i], diags);
	}
	if (rc == RP_OK)
		rc = cast_append(&cast, opt->cast);
	if (rc == RP_OK && opt->cast_file)
		rc = rp_cast_load(&cast, opt->cast_file, diags);
	if (rc == RP_OK && opt->emoji_speak)
		rc = rp_emoji_names_load(opt->cldr_dir, &names, diags);
	if (rc == RP_OK) {
		rp_plan_options po = opt->plan;
		po.cast = &cast;
		po.lexicon = lex;
		po.emoji_names = names;
		rc = rp_plan_build(script, lib, &po, out, diags);
	}
	rp_emoji_names_free(names);
	rp_cast_clear(&cast);
	rp_lexicon_free(lex);
	rp_voice_library_free(lib);
	rp_script_free(script);
	return rc;
}

static int load(const char *path, const char *name, const void *bytes, size_t n,
                const rp_load_options *opt, rp_plan **out, rp_diags *diags)
{
	*out = NULL;
	rp_load_options defaults;
	if (!opt) {
		rp_load_options_init(&defaults);
		opt = &defaults;
	}
	rp_source *src = NULL;
	int rc = path ? rp_source_load(path, &opt->source, &src, diags)
	              : rp_source_from_memory(name, bytes, n, &opt->source, &src, diags);
	if (rc == RP_OK)
		rc = plan_source(src, opt, out, diags);
	rp_source_free(src);
	return rc;
}

int rp_plan_load(const char *path, const rp_load_options *opt, rp_plan **out, rp_diags *diags)
{
	return load(path, NULL, NULL, 0, opt, out, diags);
}

int rp_plan_load_memory(const char *name, const void *bytes, size_t n, const rp_load_options *opt,
                        rp_plan **out, rp_diags *diags)
{
	return load(NULL, name, bytes, n, opt, out, diags);
}
