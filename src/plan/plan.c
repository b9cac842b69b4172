/* Stage 4: the plan (include/radioplay.h "Stage 4"). Turns -> spans -> speech and pause items,
 * with each speaker's preset and each span's eSpeak NG voice and sanitized text. */
#include "art.h"
#include "emoji.h"
#include "grow.h"
#include "normalize.h"
#include "radioplay.h"
#include "sanitize.h"
#include "voices.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

void rp_plan_options_init(rp_plan_options *opt)
{
	*opt = (rp_plan_options){
		.sample_rate = RP_ESPEAK_SAMPLE_RATE,
		.turn_gap_ms = 500,
		.paragraph_gap_ms = 350,
		.sentence_gap_ms = 300,
		.clause_gap_ms = 60,
		.cast = NULL,
		.lexicon = NULL,
	};
}

/* Items of the turn being built, with the pause waiting to be emitted before the next speech. */
typedef struct turn_builder {
	rp_item *items;
	size_t n, cap;
	int pending_ms;
} turn_builder;

static int push_item(turn_builder *b, rp_item it)
{
	if (rp_grow((void **)&b->items, &b->cap, b->n + 1, sizeof *b->items))
		return RP_ERR_NOMEM;
	b->items[b->n++] = it;
	return RP_OK;
}

/* Ask for at least `ms` of silence before the next speech item (pauses do not add up: a span
 * dropped between two pauses leaves the longer one). */
static void want_pause(turn_builder *b, int ms)
{
	if (ms > b->pending_ms)
		b->pending_ms = ms;
}

static int flush_pause(turn_builder *b)
{
	if (b->pending_ms <= 0 || b->n == 0) {
		b->pending_ms = 0;
		return RP_OK;
	}
	int rc = push_item(b, (rp_item){.type = RP_ITEM_PAUSE, .ms = b->pending_ms});
	b->pending_ms = 0;
	return rc;
}

static void free_items(rp_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(items[i].voice);
		free(items[i].text);
		free(items[i].spoken);
		free(items[i].unspoken);
	}
	free(items);
}

/* true when s holds a letter or digit (something eSpeak NG would say) */
static bool has_speech(const char *s)
{
	for (int32_t i = 0, n = (int32_t)strlen(s); i < n;) {
		UChar32 c;
		U8_NEXT(s, i, n, c);
		if (c > 0 && (u_isalpha(c) || u_isdigit(c)))
			return true;
	}
	return false;
}

/* true when s holds a digit of any script (Nd) */
static bool has_digit(const char *s)
{
	for (int32_t i = 0, n = (int32_t)strlen(s); i < n;) {
		UChar32 c;
		U8_NEXT(s, i, n, c);
		if (c > 0 && u_isdigit(c))
			return true;
	}
	return false;
}

/* true when s ends with punctuation (ASCII or not) */
static bool ends_with_punct(const char *s)
{
	int32_t i = (int32_t)strlen(s);
	if (i == 0)
		return false;
	UChar32 c;
	U8_PREV(s, 0, i, c);
	return c > 0 && (U_GET_GC_MASK(c) & U_GC_P_MASK);
}

/* What plan_paragraph needs besides the paragraph. */
typedef struct plan_ctx {
	const rp_plan_options *opt;
	const rp_voice_preset *preset;
	const char *last_lang;    /* language of the last speech item so far ("en" at the start) */
	const char *file;         /* the script's name, for warnings */
	rp_diags *warnings;       /* the caller's diagnostics */
	const rp_paragraph *para; /* the paragraph being planned */
} plan_ctx;

/* The language a span of no letters ("und": digits, punctuation, emoji) is read in: that of its
 * neighbour in the paragraph, else the language spoken last. */
static const char *und_lang(const rp_span *spans, size_t n, size_t k, const char *last_lang)
{
	for (size_t d = 1; d < n; d++) {
		if (k >= d && strcmp(spans[k - d].lang, "und") != 0)
			return spans[k - d].lang;
		if (k + d < n && strcmp(spans[k + d].lang, "und") != 0)
			return spans[k + d].lang;
	}
	return last_lang;
}

/* Append `clean`'s continuation comma (see below); frees and returns NULL when out of memory. */
static char *add_continuation_comma(char *clean)
{
	size_t l = strlen(clean);
	char *c2 = realloc(clean, l + 2);
	if (c2)
		memcpy(c2 + l, ",", 2);
	else
		free(clean);
	return c2;
}

/* Build the items of one paragraph into b. `view` is the paragraph's text as it is spoken (emoji
 * read by name when asked for); `edits` map its offsets back to `para` (rp_text_edit_map). */
static int plan_spans(const rp_paragraph *para, const char *view, const rp_span *spans, size_t n,
                      const rp_text_edit *edits, size_t n_edits, plan_ctx *ctx, turn_builder *b)
{
	int rc = RP_OK;
	const rp_plan_options *opt = ctx->opt;
	for (size_t k = 0; k < n && rc == RP_OK; k++) {
		size_t s = spans[k].start, e = spans[k].end;
		while (s < e && (view[s] == ' ' || view[s] == '\n' || view[s] == '\t'))
			s++;
		while (e > s && (view[e - 1] == ' ' || view[e - 1] == '\n' || view[e - 1] == '\t'))
			e--;
		const char *lang = spans[k].lang;
		if (strcmp(lang, "und") == 0) /* no letters: read in a neighbour's language */
			lang = und_lang(spans, n, k, ctx->last_lang);
		char *norm = rp_normalize_span(view + s, e - s, lang);
		char *clean = norm ? rp_sanitize_for_espeak(norm, strlen(norm), lang) : NULL;
		free(norm);
		if (clean && spans[k].boundary == RP_BOUNDARY_NONE && has_speech(clean) &&
		    !ends_with_punct(clean))
			/* the sentence goes on in another language: end this part with a comma, so eSpeak
			 * NG uses continuing (comma) intonation instead of the full-stop fall it gives the
			 * end of its input (CLAUSE_EOF in espeak-ng translate.h;
			 * docs/espeak-ng.md#end-of-input-intonation-and-the-comma). With no espeakENDPAUSE
			 * the comma adds no pause. */
			clean = add_continuation_comma(clean);
		bool phonemes = false;
		/* the lexicon last: its [[phonemes]] are the only brackets eSpeak NG ever sees */
		char *spoken = clean ? rp_lexicon_apply(opt->lexicon, clean, lang, &phonemes)
		                     : NULL;
		if (spoken && !phonemes && strcmp(spoken, clean) != 0) {
			/* a respelling is the user's text: it must keep eSpeak NG's limits too (a
			 * dotted chain in a replacement overflows as one in the script would:
			 * docs/espeak-ng.md#dotted-abbreviation-chains) */
			char *again = rp_sanitize_for_espeak(spoken, strlen(spoken), lang);
			free(spoken);
			spoken = again;
		}
		free(clean);
		if (!spoken) {
			rc = RP_ERR_NOMEM;
			break;
		}
		if (!has_speech(spoken)) {
			free(spoken);
		} else {
			rp_item it = {.type = RP_ITEM_SPEECH,
			              .lang = lang,
			              .spoken = spoken,
			              .phonemes = phonemes};
			char voice[64];
			rp_voice_for_lang(ctx->preset, lang, voice, sizeof voice);
			it.voice = strdup(voice);
			size_t os = rp_text_edit_map(edits, n_edits, s, false);
			size_t oe = rp_text_edit_map(edits, n_edits, e, true);
			it.text = strndup(para->text + os, oe > os ? oe - os : 0);
			rp_paragraph_position(para, os, &it.line, &it.column);
			if (it.text) {
				it.numbers = has_digit(it.text);
				rc = rp_find_unspoken(it.text, lang, it.line, it.column,
				                      opt->emoji_names, &it.unspoken,
				                      &it.n_unspoken);
			}
			if (rc != RP_OK || (rc = flush_pause(b)) != RP_OK || !it.voice ||
			    !it.text || (rc = push_item(b, it)) != RP_OK) {
				free(it.voice);
				free(it.text);
				free(it.spoken);
				free(it.unspoken);
				rc = rc ? rc : RP_ERR_NOMEM;
				break;
			}
			ctx->last_lang = lang;
		}
		if (spans[k].boundary == RP_BOUNDARY_SENTENCE)
			want_pause(b, opt->sentence_gap_ms);
		else if (spans[k].boundary == RP_BOUNDARY_CLAUSE)
			want_pause(b, opt->clause_gap_ms);
	}
	return rc;
}

/* rp_blank_unspoken_marks' report of a blanked art block: one warning at its first line. */
static void warn_art(size_t start, size_t end, void *user)
{
	plan_ctx *ctx = user;
	int line, column, last_line, last_column;
	rp_paragraph_position(ctx->para, start, &line, &column);
	rp_paragraph_position(ctx->para, end, &last_line, &last_column);
	if (last_line > line)
		rp_diags_add(ctx->warnings, RP_WARNING, ctx->file, line, column,
		             "lines %d-%d look like ASCII art and are not spoken", line, last_line);
	else
		rp_diags_add(ctx->warnings, RP_WARNING, ctx->file, line, column,
		             "this line looks like ASCII art and is not spoken");
}

/* Build the items of one paragraph into b. The text is read as rp_blank_unspoken_marks leaves it
 * (art, runs of drawing symbols and emoticons blanked, byte for byte), then, when
 * opt->emoji_names is set, with emoji replaced by their names and split into spans again (a name
 * may hold another script). */
static int plan_paragraph(const rp_paragraph *para, plan_ctx *ctx, turn_builder *b)
{
	char *plain = malloc(para->len + 1);
	if (!plain)
		return RP_ERR_NOMEM;
	memcpy(plain, para->text, para->len + 1);
	ctx->para = para;
	rp_blank_unspoken_marks(plain, para->len, warn_art, ctx);
	rp_paragraph view = *para;
	view.text = plain;
	rp_span *spans;
	size_t n;
	int rc = rp_split_spans(&view, &spans, &n);
	if (rc) {
		free(plain);
		return rc;
	}
	if (!ctx->opt->emoji_names)
		rc = plan_spans(para, plain, spans, n, NULL, 0, ctx, b);
	else {
		char *text;
		size_t len, n_edits;
		rp_text_edit *edits;
		const char *fallback = und_lang(spans, n, 0, ctx->last_lang);
		rc = rp_emoji_expand(ctx->opt->emoji_names, plain, para->len, spans, n, fallback,
		                     &text, &len, &edits, &n_edits);
		view.text = text;
		view.len = len;
		if (rc == RP_OK && n_edits > 0) {
			free(spans);
			spans = NULL;
			rc = rp_split_spans(&view, &spans, &n);
		}
		if (rc == RP_OK)
			rc = plan_spans(para, text, spans, n, edits, n_edits, ctx, b);
		free(text);
		free(edits);
	}
	free(spans);
	free(plain);
	return rc;
}

/* Preset for each speaker: the cast first, then automatically (README "Voices"). */
static int assign_presets(rp_plan *plan, const rp_voice_library *lib, const rp_cast *cast,
                          const char *file, rp_diags *diags)
{
	if (lib->n_presets == 0) { /* rp_voice_library_new without rp_voice_library_add */
		rp_diags_add(diags, RP_ERROR, file, 0, 0, "no voice presets to choose from");
		return RP_ERR_VOICE;
	}
	size_t *uses = calloc(lib->n_presets, sizeof *uses);
	bool *assigned = calloc(plan->n_speakers + 1, sizeof *assigned);
	int rc = uses && assigned ? RP_OK : RP_ERR_NOMEM;
	for (size_t i = 0; cast && rc == RP_OK && i < cast->count; i++) {
		const rp_voice_preset *p = rp_voice_library_find(lib, cast->entries[i].preset);
		if (!p) {
			rp_diags_add(diags, RP_ERROR, file, 0, 0,
			             "voice preset '%s' (for speaker '%s') does not exist; "
			             "'radioplay voices' lists them",
			             cast->entries[i].preset, cast->entries[i].speaker);
			rc = RP_ERR_VOICE;
			break;
		}
		bool found = false;
		for (size_t s = 0; s < plan->n_speakers; s++)
			if (strcmp(plan->speakers[s].name, cast->entries[i].speaker) == 0) {
				plan->speakers[s].preset = *p;
				assigned[s] = found = true;
				uses[p - lib->presets]++;
			}
		if (!found)
			rp_diags_add(
				diags, RP_WARNING, file, 0, 0,
				"speaker '%s' is given a voice but does not appear in the script",
				cast->entries[i].speaker);
	}
	/* automatic: alternate gender by order of first appearance (female first), least-used
	 * preset of that gender, ties broken by preset id */
	rp_gender want = RP_GENDER_FEMALE;
	for (size_t s = 0; rc == RP_OK && s < plan->n_speakers; s++) {
		if (!assigned[s]) {
			size_t best = SIZE_MAX;
			for (int pass = 0; pass < 2 && best == SIZE_MAX; pass++)
				for (size_t i = 0; i < lib->n_presets; i++) {
					if (pass == 0 && lib->presets[i].gender != want)
						continue;
					if (best == SIZE_MAX || uses[i] < uses[best])
						best = i;
				}
			plan->speakers[s].preset = lib->presets[best];
			uses[best]++;
		}
		want = plan->speakers[s].preset.gender == RP_GENDER_FEMALE ? RP_GENDER_MALE
		                                                           : RP_GENDER_FEMALE;
	}
	free(uses);
	free(assigned);
	return rc;
}

int rp_plan_build(const rp_script *script, const rp_voice_library *lib, const rp_plan_options *opt,
                  rp_plan **out, rp_diags *diags)
{
	*out = NULL;
	if (opt->turn_gap_ms < 0 || opt->paragraph_gap_ms < 0 || opt->sentence_gap_ms < 0 ||
	    opt->clause_gap_ms < 0 || opt->sample_rate <= 0)
		return RP_ERR_ARG;
	rp_plan *plan = calloc(1, sizeof *plan);
	if (!plan)
		return RP_ERR_NOMEM;
	plan->source = strdup(script->source_name);
	plan->encoding = script->encoding;
	plan->sample_rate = opt->sample_rate;
	plan->turns = calloc(script->n_turns + 1, sizeof *plan->turns);
	plan->speakers = calloc(script->n_turns + 1, sizeof *plan->speakers);
	if (!plan->source || !plan->turns || !plan->speakers) {
		rp_plan_free(plan); /* n_turns and n_speakers are 0: nothing indexes the arrays */
		return RP_ERR_NOMEM;
	}
	int rc = RP_OK;

	for (size_t t = 0; rc == RP_OK && t < script->n_turns; t++) {
		size_t s = 0;
		while (s < plan->n_speakers &&
		       strcmp(plan->speakers[s].name, script->turns[t].speaker))
			s++;
		if (s == plan->n_speakers) {
			plan->speakers[s].name = strdup(script->turns[t].speaker);
			if (!plan->speakers[s].name)
				rc = RP_ERR_NOMEM;
			plan->n_speakers++;
		}
		plan->turns[t].speaker = s;
		plan->turns[t].line = script->turns[t].line;
	}
	plan->n_turns = script->n_turns;
	if (rc == RP_OK)
		rc = assign_presets(plan, lib, opt->cast, script->source_name, diags);

	plan_ctx ctx = {
		.opt = opt, .last_lang = "en", .file = script->source_name, .warnings = diags};
	for (size_t t = 0; rc == RP_OK && t < script->n_turns; t++) {
		const rp_turn *turn = &script->turns[t];
		ctx.preset = &plan->speakers[plan->turns[t].speaker].preset;
		turn_builder b = {0};
		for (size_t k = 0; rc == RP_OK && k < turn->n_paragraphs; k++) {
			if (k > 0)
				want_pause(&b, opt->paragraph_gap_ms);
			rc = plan_paragraph(&turn->paragraphs[k], &ctx, &b);
		}
		if (b.n == 0 && rc == RP_OK)
			rp_diags_add(diags, RP_WARNING, script->source_name, turn->line,
			             turn->column, "turn of '%s' has nothing to say",
			             turn->speaker);
		b.pending_ms = 0;
		if (rc == RP_OK && t + 1 < script->n_turns && b.n > 0) {
			want_pause(&b, opt->turn_gap_ms);
			rc = flush_pause(&b);
		}
		plan->turns[t].items = b.items;
		plan->turns[t].n_items = b.n;
	}
	if (rc != RP_OK) {
		rp_plan_free(plan);
		return rc;
	}
	*out = plan;
	return RP_OK;
}

void rp_plan_free(rp_plan *plan)
{
	if (!plan)
		return;
	for (size_t t = 0; t < plan->n_turns; t++)
		free_items(plan->turns[t].items, plan->turns[t].n_items);
	for (size_t s = 0; s < plan->n_speakers; s++)
		free(plan->speakers[s].name);
	free(plan->turns);
	free(plan->speakers);
	free(plan->source);
	free(plan);
}
