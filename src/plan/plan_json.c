/* The plan as JSON (README "The plan"), written with jansson. Field names are a public contract:
 * tests, users' tools and later features read them. */
#include "radioplay.h"

#include <jansson.h>

static json_t *speaker_json(const rp_speaker *sp)
{
	json_t *voices = json_object();
	for (size_t k = 0; k < sp->preset.n_langs; k++)
		json_object_set_new(voices, sp->preset.langs[k].lang,
		                    json_string(sp->preset.langs[k].voice));
	return json_pack("{s:s, s:s, s:o}", "name", sp->name, "preset", sp->preset.id, "voices",
	                 voices);
}

static json_t *item_json(const rp_item *it)
{
	if (it->type == RP_ITEM_PAUSE)
		return json_pack("{s:s, s:i}", "type", "pause", "ms", it->ms);
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:i}", "type", "speech", "lang",
	                      it->lang, "voice", it->voice, "text", it->text, "spoken", it->spoken,
	                      "line", it->line, "column", it->column);
	if (j && it->phonemes) /* spoken holds [[phonemes]] from the lexicon */
		json_object_set_new(j, "phonemes", json_true());
	return j;
}

int rp_plan_write_json(const rp_plan *plan, const rp_diags *diags, FILE *out)
{
	json_t *speakers = json_array(), *warnings = json_array(), *turns = json_array();
	for (size_t s = 0; s < plan->n_speakers; s++)
		json_array_append_new(speakers, speaker_json(&plan->speakers[s]));
	for (size_t i = 0; diags && i < diags->count; i++) {
		const rp_diag *d = &diags->items[i];
		if (d->severity != RP_WARNING)
			continue;
		json_array_append_new(warnings,
		                      json_pack("{s:i, s:i, s:s}", "line", d->line, "column",
		                                d->column, "message", d->message));
	}
	for (size_t t = 0; t < plan->n_turns; t++) {
		const rp_plan_turn *turn = &plan->turns[t];
		json_t *items = json_array();
		for (size_t k = 0; k < turn->n_items; k++)
			json_array_append_new(items, item_json(&turn->items[k]));
		json_array_append_new(turns, json_pack("{s:s, s:i, s:o}", "speaker",
		                                       plan->speakers[turn->speaker].name, "line",
		                                       turn->line, "items", items));
	}
	json_t *root = json_pack("{s:s, s:s, s:i, s:o, s:o, s:o}", "source", plan->source,
	                         "encoding", plan->encoding ? plan->encoding : "UTF-8",
	                         "sample_rate", plan->sample_rate, "speakers", speakers, "warnings",
	                         warnings, "turns", turns);
	if (!root)
		return RP_ERR_NOMEM;
	int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 ? RP_OK
	                                                                          : RP_ERR_IO;
	if (rc == RP_OK && (fputc('\n', out) == EOF || fflush(out) != 0))
		rc = RP_ERR_IO;
	json_decref(root);
	return rc;
}
