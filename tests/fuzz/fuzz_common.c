/* Shared parts of the libFuzzer targets (tests/fuzz/fuzz_common.h): the planning pipeline with
 * a check of every stage's promised output. The invariants come from include/radioplay.h (the
 * stage comments) and the README ("What eSpeak NG is given"); where a limit is checked, its
 * source is named beside it. */
#include "fuzz_common.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

/* README "What eSpeak NG is given": tokens longer than 32 characters and digit runs longer than
 * 16 are broken with spaces; a dotted chain makes eSpeak NG 1.51's LookupDictList copy at most
 * 100 bytes (and a NUL) and CheckDottedAbbrev at most 9 letters (36 bytes). */
enum { MAX_TOKEN = 32, MAX_DIGITS = 16, MAX_CHAIN_COPY = 101, MAX_CHAIN_LETTERS = 9 };

static rp_voice_library *voices;
static rp_lexicon *lexicon;         /* the shipped one, as `radioplay plan` uses it */
static rp_emoji_names *emoji_names; /* CLDR's, for --emoji speak */

_Noreturn void fz_fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz invariant broken: %s%s%s\n", what, detail ? ": " : "",
	        detail ? detail : "");
	fflush(stderr);
	abort();
}

void fz_init_voices(void)
{
	if (voices)
		return;
	rp_diags diags = {0};
	const char *dir = rp_default_voices_dir();
	char lexdir[4096];
	snprintf(lexdir, sizeof lexdir, "%s/lexicon", dir);
	if (rp_voice_library_load(dir, &voices, &diags) != RP_OK ||
	    rp_lexicon_load_dir(&lexicon, lexdir, &diags) != RP_OK) {
		rp_diags_print(&diags, stderr);
		fz_fail("cannot load the voice presets or the shipped lexicon", dir);
	}
	if (rp_lexicon_size(lexicon) == 0)
		fz_fail("no shipped lexicon entries", lexdir);
	if (rp_emoji_names_load(NULL, &emoji_names, &diags) != RP_OK) {
		rp_diags_print(&diags, stderr);
		fz_fail("cannot load CLDR's emoji names (unicode-cldr-core)", "");
	}
	rp_diags_clear(&diags);
}

const rp_voice_library *fz_voices(void)
{
	return voices;
}

/* s[0..n) is valid UTF-8 (ICU's conversion reports any ill-formed sequence). */
bool fz_valid_utf8(const char *s, size_t n)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t ulen = 0;
	u_strFromUTF8(NULL, 0, &ulen, s, (int32_t)n, &err);
	return err == U_BUFFER_OVERFLOW_ERROR || err == U_STRING_NOT_TERMINATED_WARNING ||
	       U_SUCCESS(err);
}

/* A NUL-terminated string whose strlen is `len` and which is valid UTF-8. */
static void check_text(const char *what, const char *s, size_t len)
{
	if (!s)
		fz_fail(what, "NULL text");
	if (strlen(s) != len)
		fz_fail(what, "length differs from strlen (embedded NUL or wrong len)");
	if (!fz_valid_utf8(s, len))
		fz_fail(what, "not valid UTF-8");
}

void fz_check_diags(const rp_diags *d)
{
	size_t errors = 0;
	for (size_t i = 0; i < d->count; i++) {
		const rp_diag *g = &d->items[i];
		if (!g->message || !g->file || g->line < 0 || g->column < 0)
			fz_fail("diagnostic", "missing message/file or negative place");
		if (!fz_valid_utf8(g->message, strlen(g->message)))
			fz_fail("diagnostic message not valid UTF-8", g->message);
		errors += g->severity == RP_ERROR;
	}
	if (errors != d->errors)
		fz_fail("diagnostics", "error count does not match the items");
}

/* Bytes of line `line` (1-based) of data[0..size), without its "\n" or a "\r" before it;
 * SIZE_MAX when the input has fewer lines. */
static size_t line_bytes(const uint8_t *data, size_t size, int line)
{
	size_t start = 0;
	for (int k = 1; k < line; k++) {
		const uint8_t *nl = memchr(data + start, '\n', size - start);
		if (!nl)
			return SIZE_MAX;
		start = (size_t)(nl - data) + 1;
	}
	if (start >= size)
		return SIZE_MAX; /* a final "\n" starts no line */
	const uint8_t *nl = memchr(data + start, '\n', size - start);
	size_t n = (nl ? (size_t)(nl - data) : size) - start;
	return n > 0 && data[start + n - 1] == '\r' ? n - 1 : n;
}

void fz_check_loader(const char *what, int rc, const rp_diags *d, const char *name,
                     const uint8_t *data, size_t size)
{
	fz_check_diags(d);
	if (rc != RP_OK && rc != RP_ERR_INPUT)
		fz_fail(what, rp_strerror(rc));
	if ((rc == RP_OK) != (d->errors == 0))
		fz_fail(what, rc == RP_OK ? "RP_OK with an error diagnostic"
		                          : "RP_ERR_INPUT without an error diagnostic");
	for (size_t i = 0; i < d->count; i++) {
		const rp_diag *g = &d->items[i];
		char place[96];
		snprintf(place, sizeof place, "%d:%d: %.60s", g->line, g->column, g->message);
		if (strcmp(g->file, name) != 0)
			fz_fail("diagnostic names another file", g->file);
		if (g->line == 0) {
			if (g->column != 0)
				fz_fail("diagnostic about the whole file with a column", place);
			continue;
		}
		size_t n = line_bytes(data, size, g->line);
		if (n == SIZE_MAX)
			fz_fail("diagnostic on a line the input does not have", place);
		if (n == 0)
			fz_fail("diagnostic on an empty line", place);
		if (g->column < 1 || (size_t)g->column > n + 1)
			fz_fail("diagnostic column outside its line", place);
	}
}

void fz_check_same_diags(const char *what, const rp_diags *a, const rp_diags *b)
{
	if (a->count != b->count || a->errors != b->errors)
		fz_fail(what, "another number of diagnostics");
	for (size_t i = 0; i < a->count; i++) {
		const rp_diag *x = &a->items[i], *y = &b->items[i];
		if (x->severity != y->severity || x->line != y->line || x->column != y->column ||
		    strcmp(x->file, y->file) != 0 || strcmp(x->message, y->message) != 0)
			fz_fail(what, "another diagnostic");
	}
}

/* rp_source: valid UTF-8, NUL-terminated, no NUL, no byte-order mark, "\n" line ends only. */
static void check_source(const rp_source *src)
{
	check_text("rp_source.text", src->text, src->len);
	if (memchr(src->text, '\r', src->len))
		fz_fail("rp_source.text", "holds a CR");
	if (src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0)
		fz_fail("rp_source.text", "starts with a byte-order mark");
	if (!src->encoding || !*src->encoding)
		fz_fail("rp_source.encoding", "missing");
}

rp_source *fz_decode(const uint8_t *data, size_t size, const rp_source_options *opt)
{
	rp_diags diags = {0};
	rp_source *src = NULL;
	int rc = rp_source_from_memory("fuzz.txt", data, size, opt, &src, &diags);
	fz_check_diags(&diags);
	if (rc == RP_OK) {
		if (!src)
			fz_fail("rp_source_from_memory", "RP_OK without a source");
		check_source(src);
	} else if (src) {
		fz_fail("rp_source_from_memory", "a source on error");
	} else if (rc != RP_ERR_INPUT && !(rc == RP_ERR_ARG && opt && opt->encoding)) {
		fz_fail("rp_source_from_memory: unexpected status", rp_strerror(rc));
	} else if (diags.errors == 0) {
		fz_fail("rp_source_from_memory", "failed without an error diagnostic");
	}
	rp_diags_clear(&diags);
	return src;
}

static bool is_uspace_at(const char *s, size_t len, size_t i)
{
	UChar32 c;
	int32_t j = (int32_t)i;
	U8_NEXT(s, j, (int32_t)len, c);
	return c >= 0 && u_isUWhiteSpace(c);
}

static bool is_uspace_before(const char *s, size_t end)
{
	UChar32 c;
	int32_t j = (int32_t)end;
	U8_PREV(s, 0, j, c);
	return c >= 0 && u_isUWhiteSpace(c);
}

/* rp_paragraph: non-empty trimmed UTF-8 text; lines from offset 0, ascending, 1-based places;
 * rp_paragraph_position agrees with the lines. */
static void check_paragraph(const rp_paragraph *p)
{
	check_text("rp_paragraph.text", p->text, p->len);
	if (p->len == 0)
		fz_fail("rp_paragraph", "empty");
	if (is_uspace_at(p->text, p->len, 0) || is_uspace_before(p->text, p->len))
		fz_fail("rp_paragraph", "leading or trailing white space");
	if (p->n_lines < 1 || p->lines[0].offset != 0)
		fz_fail("rp_paragraph.lines", "missing, or the first does not start at 0");
	for (size_t k = 0; k < p->n_lines; k++) {
		const rp_line_start *l = &p->lines[k];
		if (l->line < 1 || l->column < 1 || l->offset >= p->len)
			fz_fail("rp_paragraph.lines", "place not 1-based or offset out of range");
		if (k > 0 &&
		    (l->offset <= p->lines[k - 1].offset || l->line <= p->lines[k - 1].line))
			fz_fail("rp_paragraph.lines", "not ascending");
		if (k > 0 && p->text[l->offset - 1] != '\n')
			fz_fail("rp_paragraph.lines", "a line does not start after a newline");
		int line, column;
		rp_paragraph_position(p, l->offset, &line, &column);
		if (line != l->line || column != l->column)
			fz_fail("rp_paragraph_position", "disagrees with rp_paragraph.lines");
	}
}

/* rp_script: at least one turn; speakers of 1..RP_MAX_NAME_CHARS code points without ']'. */
static void check_script(const rp_script *script)
{
	if (script->n_turns == 0)
		fz_fail("rp_script", "parsed without turns");
	for (size_t t = 0; t < script->n_turns; t++) {
		const rp_turn *turn = &script->turns[t];
		size_t n = turn->speaker ? strlen(turn->speaker) : 0;
		check_text("rp_turn.speaker", turn->speaker, n);
		int32_t points = 0;
		for (int32_t i = 0; i < (int32_t)n; points++)
			U8_FWD_1(turn->speaker, i, (int32_t)n);
		if (points < 1 || points > RP_MAX_NAME_CHARS || strchr(turn->speaker, ']'))
			fz_fail("rp_turn.speaker", turn->speaker);
		if (turn->line < 1 || turn->column < 1)
			fz_fail("rp_turn", "place not 1-based");
		if (t > 0 && turn->line <= script->turns[t - 1].line)
			fz_fail("rp_turn", "turns not in line order");
		for (size_t k = 0; k < turn->n_paragraphs; k++)
			check_paragraph(&turn->paragraphs[k]);
	}
}

/* rp_split_spans: contiguous spans covering the paragraph, cut at code point boundaries,
 * adjacent spans in different languages, the last one a paragraph boundary. */
static void check_spans(const rp_paragraph *p)
{
	rp_span *spans = NULL;
	size_t n = 0;
	int rc = rp_split_spans(p, &spans, &n);
	if (rc != RP_OK)
		fz_fail("rp_split_spans: unexpected status", rp_strerror(rc));
	if (n == 0 || spans[0].start != 0 || spans[n - 1].end != p->len)
		fz_fail("rp_split_spans", "spans do not cover the paragraph");
	for (size_t k = 0; k < n; k++) {
		const rp_span *s = &spans[k];
		if (!s->lang || !*s->lang || s->start >= s->end)
			fz_fail("rp_span", "no language, or empty");
		if (k > 0 &&
		    (s->start != spans[k - 1].end || strcmp(s->lang, spans[k - 1].lang) == 0))
			fz_fail("rp_span",
			        "not contiguous, or the same language as the one before");
		if (U8_IS_TRAIL((uint8_t)p->text[s->start]))
			fz_fail("rp_span", "starts inside a code point");
		if ((unsigned)s->boundary > RP_BOUNDARY_PARAGRAPH)
			fz_fail("rp_span", "boundary out of range");
	}
	if (spans[n - 1].boundary != RP_BOUNDARY_PARAGRAPH)
		fz_fail("rp_span", "the last span is not a paragraph boundary");
	free(spans);
}

static bool is_ascii_or_fullwidth_digit(UChar32 c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

/* Length of the lexicon phonemes "[[...]]" at s (include/radioplay.h "Pronunciation lexicon":
 * printable ASCII without brackets, at most 200 characters inside), or 0 when s holds none. */
static size_t lexicon_phonemes_at(const char *s)
{
	if (strncmp(s, "[[", 2) != 0)
		return 0;
	size_t k = 2;
	while (s[k] >= 0x20 && s[k] < 0x7F && s[k] != '[' && s[k] != ']')
		k++;
	if (strncmp(s + k, "]]", 2) != 0 || k - 2 > 200)
		fz_fail("rp_item.spoken: [[ that is not lexicon phonemes", s);
	return k + 2;
}

/* ---- dotted chains as eSpeak NG 1.51 reads them ----
 * (docs/espeak-ng.md#dotted-abbreviation-chains)
 * A model of its word buffer, built differently from the sanitizer's guard (which reasons about
 * gaps between dots): words are cut at spaces, at punctuation (which joins chains, so it is no
 * word here), around each symbol and dot, at a change of script or lower to upper case, and
 * around characters above U+3040 in cmn and ja; a clause ends at ". " + a letter or digit that is
 * not lower case (after a letter or digit, not a Roman-numeral capital). A chain is words of one
 * character (a dot too) each followed by a dot word, then the word after (in ko a Hangul syllable
 * is jamo, never one character); LookupDictList copies each character and its dot, the word after
 * and a NUL; CheckDottedAbbrev the letters, and one more after the last dot. */
typedef struct fz_word {
	int32_t start, end; /* byte range in the spoken text */
	int chars;
	bool dot, clause_end; /* a dot; a dot that ends its clause */
} fz_word;

static bool fz_is_dot(UChar32 c)
{
	return c == '.' || c == 0x0E4F || c == 0x0971;
}

static bool fz_solid(UChar32 c)
{
	return (U_GET_GC_MASK(c) &
	        (U_GC_LU_MASK | U_GC_LL_MASK | U_GC_LT_MASK | U_GC_LO_MASK | U_GC_ND_MASK)) != 0;
}

/* bytes of c in eSpeak NG's word buffer, at most (Hangul syllables: ko's three jamo) */
static int fz_bytes(UChar32 c)
{
	if (c >= 0xAC00 && c <= 0xD7A3)
		return 9;
	int n = U8_LENGTH(c), l = U8_LENGTH(u_tolower(c));
	return n > l ? n : l;
}

static void check_chains(const char *s, int32_t n, const char *lang)
{
	bool ideo = strcmp(lang, "cmn") == 0 || strcmp(lang, "ja") == 0;
	bool ko = strcmp(lang, "ko") == 0;
	fz_word *w = calloc((size_t)n + 1, sizeof *w);
	if (!w)
		fz_fail("check_chains", "out of memory");
	size_t nw = 0;
	bool in_word = false;
	UChar32 prev = 0;
	for (int32_t i = 0; i < n;) {
		int32_t at = i;
		UChar32 c;
		U8_NEXT(s, i, n, c);
		int8_t gc = u_charType(c);
		bool punct = (U_MASK(gc) & U_GC_P_MASK) && !fz_is_dot(c);
		bool solid = fz_solid(c), mark = (U_MASK(gc) & U_GC_M_MASK) != 0;
		bool alone = fz_is_dot(c) || (!solid && !mark) || (ideo && c > 0x3040);
		if (c == ' ' || punct) {
			in_word = false;
		} else {
			UErrorCode e1 = U_ZERO_ERROR, e2 = U_ZERO_ERROR;
			bool split = !in_word || alone || (ideo && prev > 0x3040) ||
			             (solid && fz_solid(prev) &&
			              (uscript_getScript(c, &e1) != uscript_getScript(prev, &e2) ||
			               (u_islower(prev) && u_isupper(c))));
			if (split)
				w[nw++] = (fz_word){.start = at, .dot = fz_is_dot(c)};
			fz_word *cur = &w[nw - 1];
			cur->end = i;
			cur->chars += ko && c >= 0xAC00 && c <= 0xD7A3 ? 2 : 1;
			in_word = !alone;
		}
		prev = c;
	}
	/* clause ends: ". " + not lower case, after a letter or digit that is not I V X L C D M */
	for (size_t k = 1; k + 1 < nw; k++) {
		const fz_word *d = &w[k], *b = &w[k - 1], *a = &w[k + 1];
		if (!d->dot || s[d->start] != '.' || d->end >= n || s[d->end] != ' ')
			continue;
		UChar32 cb, ca;
		int32_t j = d->start;
		U8_PREV(s, 0, j, cb);
		if (cb == ' ') {
			int32_t jb = b->end;
			U8_PREV(s, 0, jb, cb);
		}
		j = a->start;
		U8_NEXT(s, j, n, ca);
		UVersionInfo age;
		u_charAge(cb, age);
		bool roman = d->start > 0 && s[d->start - 1] == (char)cb && cb < 0x80 &&
		             strchr("IVXLCDM", (int)cb);
		if (fz_solid(cb) && age[0] <= 9 && !roman && fz_solid(ca) &&
		    !u_hasBinaryProperty(ca, UCHAR_LOWERCASE) &&
		    !(U_GET_GC_MASK(ca) & U_GC_LT_MASK))
			w[k].clause_end = true;
	}
	for (size_t k = 0; k + 1 < nw; k++) {
		size_t j = k;
		int copy = 1, letters = 0;
		while (j + 1 < nw && w[j].chars == 1 && w[j + 1].dot) { /* a dot can be one too */
			UChar32 c;
			int32_t x = w[j].start;
			U8_NEXT(s, x, n, c);
			copy += fz_bytes(c) + 1;
			letters++;
			bool end = w[j + 1].clause_end;
			j += 2;
			if (end)
				break;
		}
		if (letters == 0)
			continue;
		if (j < nw && !w[j - 1].clause_end)
			for (int32_t x = w[j].start; x < w[j].end;) {
				UChar32 c;
				U8_NEXT(s, x, n, c);
				copy += fz_bytes(c);
			}
		if (copy > MAX_CHAIN_COPY || letters + 1 > MAX_CHAIN_LETTERS)
			fz_fail("rp_item.spoken: a dotted chain eSpeak NG 1.51 copies past the limit",
			        s);
	}
	free(w);
}

/* The text handed to eSpeak NG (README "What eSpeak NG is given"): valid UTF-8; no controls, no
 * white space but single inner spaces; no emoji, So, Sk or format characters; no [ ] { } but
 * lexicon phonemes [[...]] (and then rp_item.phonemes is set); tokens of at most MAX_TOKEN code
 * points (ideographs are words of their own), digit runs of at most MAX_DIGITS, no dotted chain
 * past MAX_CHAIN_COPY / MAX_CHAIN_LETTERS (check_chains, not for items with lexicon phonemes); no
 * digit in Mandarin but the tone digits of a lexicon respelling in pinyin (a digit right after an
 * ASCII letter: a Latin letter in script text makes an `en` span). The plan may add one ','
 * after the sanitized text (continuing intonation, src/plan/plan.c), not counted. Lexicon
 * replacements are the user's words and count like script text. */
static void check_spoken(const rp_item *it)
{
	const char *s = it->spoken;
	size_t n = s ? strlen(s) : 0;
	check_text("rp_item.spoken", s, n);
	if (n == 0 || s[0] == ' ' || s[n - 1] == ' ')
		fz_fail("rp_item.spoken: empty, or leading/trailing space", s);
	if (strstr(s, "  "))
		fz_fail("rp_item.spoken: double space", s);
	if (s[n - 1] == ',')
		n--;
	bool cmn = strcmp(it->lang, "cmn") == 0, phonemes = false;
	int token = 0, digits = 0;
	UChar32 prev = 0;
	for (int32_t i = 0; i < (int32_t)n; prev = (unsigned char)s[i - 1]) {
		size_t ph = lexicon_phonemes_at(s + i);
		if (ph) {
			phonemes = true;
			i += (int32_t)ph;
			token = digits = 0;
			continue;
		}
		UChar32 c;
		U8_NEXT(s, i, (int32_t)n, c);
		int8_t type = u_charType(c);
		if (type == U_CONTROL_CHAR || (c != ' ' && u_isUWhiteSpace(c)))
			fz_fail("rp_item.spoken: control character or white space other than ' '",
			        s);
		/* emoji: UTS #51 Extended_Pictographic with Emoji (♯ U+266F has only the first and is
		 * read as a symbol) */
		if ((u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) &&
		     u_hasBinaryProperty(c, UCHAR_EMOJI)) ||
		    type == U_OTHER_SYMBOL || type == U_MODIFIER_SYMBOL || type == U_FORMAT_CHAR)
			fz_fail("rp_item.spoken: emoji, symbol or format character", s);
		if (c == '[' || c == ']' || c == '{' || c == '}')
			fz_fail("rp_item.spoken: bracket", s);
		if (cmn && is_ascii_or_fullwidth_digit(c) &&
		    !(c >= '1' && c <= '5' && prev < 0x80 && isalpha(prev)))
			fz_fail("rp_item.spoken: digit in Mandarin", s);
		if (c == ' ' || u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) {
			token = digits = 0;
			continue;
		}
		digits = u_isdigit(c) ? digits + 1 : 0;
		if (++token > MAX_TOKEN || digits > MAX_DIGITS)
			fz_fail("rp_item.spoken: over-long token or digit run", s);
	}
	if (phonemes != it->phonemes)
		fz_fail("rp_item.phonemes does not match [[...]] in spoken", s);
	if (!phonemes)
		check_chains(s, (int32_t)strlen(s), it->lang);
}

/* rp_plan: speakers with presets; items of known types, speech with voice/text/spoken and a
 * 1-based place, pauses of positive length; no pause first in a turn or last in the plan (a turn
 * gap ends every turn but the last), no two pauses in a row (src/plan/plan.c flush_pause). */
static void check_plan(const rp_plan *plan, const rp_script *script, int sample_rate)
{
	if (plan->sample_rate != sample_rate || !plan->encoding || !plan->source)
		fz_fail("rp_plan", "header fields");
	for (size_t s = 0; s < plan->n_speakers; s++)
		if (!plan->speakers[s].name || !plan->speakers[s].preset.id[0])
			fz_fail("rp_speaker", "no name or no preset");
	if (plan->n_turns != script->n_turns)
		fz_fail("rp_plan", "not one plan turn per script turn");
	for (size_t t = 0; t < plan->n_turns; t++) {
		const rp_plan_turn *turn = &plan->turns[t];
		if (turn->speaker >= plan->n_speakers)
			fz_fail("rp_plan_turn", "speaker index out of range");
		for (size_t i = 0; i < turn->n_items; i++) {
			const rp_item *it = &turn->items[i];
			if (it->type == RP_ITEM_PAUSE) {
				if (it->ms <= 0 || i == 0 ||
				    (i + 1 == turn->n_items && t + 1 == plan->n_turns) ||
				    turn->items[i - 1].type == RP_ITEM_PAUSE)
					fz_fail("rp_item", "pause misplaced or not positive");
			} else if (it->type == RP_ITEM_SPEECH) {
				if (!it->lang || !it->voice || !*it->voice || !it->text)
					fz_fail("rp_item", "speech without lang, voice or text");
				check_text("rp_item.text", it->text, strlen(it->text));
				bool found =
					false; /* the item's text is the script's, from its turn */
				for (size_t k = 0; k < script->turns[t].n_paragraphs && !found; k++)
					found = strstr(script->turns[t].paragraphs[k].text,
					               it->text) != NULL;
				if (!found)
					fz_fail("rp_item.text: not a part of its turn's text",
					        it->text);
				if (it->line < 1 || it->column < 1)
					fz_fail("rp_item", "place not 1-based");
				check_spoken(it);
			} else {
				fz_fail("rp_item", "unknown type");
			}
		}
	}
}

rp_plan *fz_build_plan(const uint8_t *data, size_t size, int sample_rate)
{
	rp_source *src = fz_decode(data, size, NULL);
	if (!src)
		return NULL;
	rp_diags diags = {0};
	rp_script *script = NULL;
	int rc = rp_script_parse(src, &script, &diags);
	fz_check_diags(&diags);
	rp_plan *plan = NULL;
	if (rc == RP_OK) {
		if (!script)
			fz_fail("rp_script_parse", "RP_OK without a script");
		check_script(script);
		for (size_t t = 0; t < script->n_turns; t++)
			for (size_t k = 0; k < script->turns[t].n_paragraphs; k++)
				check_spans(&script->turns[t].paragraphs[k]);
		rp_plan_options opt;
		rp_plan_options_init(&opt);
		opt.sample_rate = sample_rate;
		opt.lexicon = lexicon;
		opt.emoji_names = size % 2 ? emoji_names : NULL; /* --emoji speak for odd sizes */
		rc = rp_plan_build(script, voices, &opt, &plan, &diags);
		if (rc != RP_OK || !plan)
			fz_fail("rp_plan_build: unexpected status", rp_strerror(rc));
		fz_check_diags(&diags);
		check_plan(plan, script, sample_rate);
	} else if (rc != RP_ERR_INPUT || script || diags.errors == 0) {
		fz_fail("rp_script_parse: unexpected failure", rp_strerror(rc));
	}
	rp_script_free(script);
	rp_source_free(src);
	rp_diags_clear(&diags);
	return plan;
}
