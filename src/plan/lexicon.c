/* Pronunciation lexicon (include/radioplay.h "Pronunciation lexicon"). */
#include "file.h"
#include "grow.h"
#include "lines.h"
#include "radioplay.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

enum { MAX_PHONEMES = 200 };

typedef struct entry {
	char lang[16];
	UChar *word; /* UTF-16, as written */
	int32_t word_len;
	bool ideographic; /* the word holds an ideograph: match anywhere, not by word boundary */
	char *replacement;
	bool phonemes;
} entry;

struct rp_lexicon {
	entry *entries;
	size_t n, cap;
};

static void free_entry(entry *e)
{
	free(e->word);
	free(e->replacement);
}

size_t rp_lexicon_size(const rp_lexicon *lex)
{
	return lex ? lex->n : 0;
}

void rp_lexicon_free(rp_lexicon *lex)
{
	if (!lex)
		return;
	for (size_t i = 0; i < lex->n; i++)
		free_entry(&lex->entries[i]);
	free(lex->entries);
	free(lex);
}

/* Check REPLACEMENT; returns NULL when fine, else the problem and *at its byte offset in r. */
static const char *check_replacement(const char *r, bool *phonemes, size_t *at)
{
	size_t n = strlen(r);
	*phonemes = n >= 4 && strncmp(r, "[[", 2) == 0 && strcmp(r + n - 2, "]]") == 0;
	const char *b = *phonemes ? r + 2 : r, *e = *phonemes ? r + n - 2 : r + n;
	*at = 0;
	if (b == e)
		return "empty replacement";
	if (*phonemes && e - b > MAX_PHONEMES)
		return "phonemes longer than 200 characters";
	for (const char *p = b; p < e; p++) {
		*at = (size_t)(p - r);
		if (*p == '[' || *p == ']')
			return "brackets inside the replacement (phonemes are written [[...]])";
		if (*phonemes && (*p < 0x20 || *p > 0x7E))
			return "phonemes must be printable ASCII (eSpeak NG phoneme names)";
		if ((unsigned char)*p < 0x20 || *p == 0x7F)
			return "control character in the replacement";
	}
	return NULL;
}

/* A language tag as rp_span.lang has them: ASCII letters, digits and '-', lower-cased here. */
static bool is_lang_tag(char *s, size_t max)
{
	size_t n = 0;
	for (char *p = s; *p; p++, n++) {
		if (!isalnum((unsigned char)*p) && *p != '-')
			return false;
		*p = (char)tolower((unsigned char)*p);
	}
	return n > 0 && n < max;
}

/* Parse one line "LANG\tWORD\tREPLACEMENT" (NUL-terminated, valid UTF-8) into e; returns NULL or
 * the problem, with *at the byte offset where it is. */
static const char *parse_line(char *line, entry *e, size_t *at)
{
	char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
	*at = 0;
	if (!t1)
		return "expected LANG<TAB>WORD<TAB>REPLACEMENT";
	if (!t2) {
		*at = strlen(line);
		return "expected LANG<TAB>WORD<TAB>REPLACEMENT: no TAB after WORD";
	}
	*t1 = *t2 = '\0';
	char *lang = line, *word = t1 + 1, *repl = t2 + 1;
	if (!is_lang_tag(lang, sizeof e->lang))
		return "LANG must be a language tag such as en or cmn";
	*at = (size_t)(word - line);
	if (!*word)
		return "empty WORD";
	*at = (size_t)(repl - line);
	char *t3 = strchr(repl, '\t');
	if (t3) {
		*at = (size_t)(t3 - line);
		return "more than three TAB-separated fields";
	}
	size_t in_repl;
	const char *why = check_replacement(repl, &e->phonemes, &in_repl);
	if (why) {
		*at += in_repl;
		return why;
	}
	snprintf(e->lang, sizeof e->lang, "%s", lang);
	UErrorCode err = U_ZERO_ERROR;
	u_strFromUTF8(NULL, 0, &e->word_len, word, -1, &err);
	err = U_ZERO_ERROR;
	e->word = malloc(((size_t)e->word_len + 1) * sizeof(UChar));
	e->replacement = strdup(repl);
	if (!e->word || !e->replacement)
		return NULL; /* the caller sees the missing copies */
	u_strFromUTF8(e->word, e->word_len + 1, NULL, word, -1, &err);
	e->ideographic = false;
	for (int32_t i = 0; i < e->word_len;) {
		UChar32 c;
		U16_NEXT(e->word, i, e->word_len, c);
		if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC))
			e->ideographic = true;
	}
	return NULL;
}

int rp_lexicon_load_memory(rp_lexicon **lex, const char *name, const char *text, size_t len,
                           rp_diags *diags)
{
	bool created = !*lex;
	if (created && !(*lex = calloc(1, sizeof **lex)))
		return RP_ERR_NOMEM;
	rp_lexicon *l = *lex;
	size_t first = l->n;
	rp_lines r;
	rp_lines_init(&r, name, text, len, diags);
	int rc = RP_OK, got;
	char *line;
	size_t n;
	while ((got = rp_lines_next(&r, &line, &n)) != RP_LINES_END) {
		if (got == RP_ERR_NOMEM ||
		    rp_grow((void **)&l->entries, &l->cap, l->n + 1, sizeof *l->entries) != RP_OK) {
			rc = RP_ERR_NOMEM;
			break;
		}
		if (got == RP_LINES_BAD) {
			rc = RP_ERR_INPUT;
			continue;
		}
		if (n == 0 || *line == '#')
			continue;
		entry e = {0};
		size_t at;
		const char *why = parse_line(line, &e, &at);
		if (why) {
			free_entry(&e);
			if (rp_lines_error(&r, at, "%s", why) == RP_ERR_NOMEM) {
				rc = RP_ERR_NOMEM;
				break;
			}
			rc = RP_ERR_INPUT;
		} else if (!e.word || !e.replacement) {
			free_entry(&e);
			rc = RP_ERR_NOMEM;
			break;
		} else {
			l->entries[l->n++] = e;
		}
	}
	rp_lines_free(&r);
	if (rc != RP_OK) { /* keep none of this file */
		for (size_t i = first; i < l->n; i++)
			free_entry(&l->entries[i]);
		l->n = first;
		if (created) {
			rp_lexicon_free(l);
			*lex = NULL;
		}
	}
	return rc;
}

static int load_into(void *lex, const char *name, const char *text, size_t len, rp_diags *diags)
{
	return rp_lexicon_load_memory(lex, name, text, len, diags);
}

int rp_lexicon_load(rp_lexicon **lex, const char *path, rp_diags *diags)
{
	return rp_load_file(path, load_into, lex, diags);
}

int rp_lexicon_load_dir(rp_lexicon **lex, const char *dir, rp_diags *diags)
{
	char **names;
	size_t n;
	int first_error = rp_list_dir(dir, ".txt", true, &names, &n, diags);
	for (size_t i = 0; i < n; i++) {
		int r = rp_lexicon_load(lex, names[i], diags);
		if (first_error == RP_OK)
			first_error = r;
		if (r == RP_ERR_NOMEM)
			break;
	}
	rp_list_free(names, n);
	return first_error;
}

/* Does entry e match u[i..) as a whole word? */
static bool matches(const entry *e, const UChar *u, int32_t n, int32_t i)
{
	if (i + e->word_len > n ||
	    u_strCaseCompare(u + i, e->word_len, e->word, e->word_len, U_FOLD_CASE_DEFAULT,
	                     &(UErrorCode){U_ZERO_ERROR}) != 0)
		return false;
	if (e->ideographic)
		return true;
	if (i > 0) {
		UChar32 c;
		int32_t k = i;
		U16_PREV(u, 0, k, c);
		if (u_isalnum(c))
			return false;
	}
	if (i + e->word_len < n) {
		UChar32 c;
		int32_t k = i + e->word_len;
		U16_NEXT(u, k, n, c);
		if (u_isalnum(c))
			return false;
	}
	return true;
}

char *rp_lexicon_apply(const rp_lexicon *lex, const char *text, const char *lang, bool *phonemes)
{
	*phonemes = false;
	size_t n_entries = lex ? lex->n : 0;
	if (n_entries == 0 && rp_utf8_first_bad(text, strlen(text), NULL) == strlen(text))
		return strdup(text); /* else on, to turn ill-formed sequences into U+FFFD */
	UErrorCode err = U_ZERO_ERROR;
	int32_t n = 0;
	u_strFromUTF8WithSub(NULL, 0, &n, text, -1, 0xFFFD, NULL, &err);
	err = U_ZERO_ERROR;
	UChar *u = malloc(((size_t)n + 1) * sizeof *u);
	size_t cap = strlen(text) + 1, len = 0;
	char *out = malloc(cap);
	if (!u || !out) {
		free(u);
		free(out);
		return NULL;
	}
	u_strFromUTF8WithSub(u, n + 1, NULL, text, -1, 0xFFFD, NULL, &err);
	for (int32_t i = 0; i < n;) {
		const entry *hit = NULL;
		for (size_t k = n_entries; k-- > 0 && !hit;) /* the last loaded wins */
			if (strcmp(lex->entries[k].lang, lang) == 0 &&
			    matches(&lex->entries[k], u, n, i))
				hit = &lex->entries[k];
		const char *piece;
		char buf[4];
		int32_t blen = 0;
		size_t plen;
		if (hit) {
			piece = hit->replacement;
			plen = strlen(piece);
			*phonemes |= hit->phonemes;
			i += hit->word_len;
		} else {
			UChar32 c;
			U16_NEXT(u, i, n, c);
			U8_APPEND_UNSAFE(buf, blen, c);
			piece = buf;
			plen = (size_t)blen;
		}
		if (len + plen + 1 > cap) {
			cap = (len + plen + 1) * 2;
			char *no = realloc(out, cap);
			if (!no) {
				free(out);
				free(u);
				return NULL;
			}
			out = no;
		}
		memcpy(out + len, piece, plen);
		len += plen;
	}
	out[len] = '\0';
	free(u);
	return out;
}
