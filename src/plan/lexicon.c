/* Pronunciation lexicon (include/radioplay.h "Pronunciation lexicon"). */
#include "grow.h"
#include "radioplay.h"

#include <dirent.h>
#include <errno.h>
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

/* Check REPLACEMENT; returns NULL when fine, else the problem. */
static const char *check_replacement(const char *r, bool *phonemes)
{
	size_t n = strlen(r);
	*phonemes = n >= 4 && strncmp(r, "[[", 2) == 0 && strcmp(r + n - 2, "]]") == 0;
	const char *b = *phonemes ? r + 2 : r, *e = *phonemes ? r + n - 2 : r + n;
	if (b == e)
		return "empty replacement";
	if (*phonemes && e - b > MAX_PHONEMES)
		return "phonemes longer than 200 characters";
	for (const char *p = b; p < e; p++) {
		if (*p == '[' || *p == ']')
			return "brackets inside the replacement (phonemes are written [[...]])";
		if (*phonemes && (*p < 0x20 || *p > 0x7E))
			return "phonemes must be printable ASCII (eSpeak NG phoneme names)";
		if ((unsigned char)*p < 0x20 || *p == 0x7F)
			return "control character in the replacement";
	}
	return NULL;
}

/* Parse one line "LANG\tWORD\tREPLACEMENT" into e; returns NULL or the problem (and its column). */
static const char *parse_line(char *line, entry *e, int *col)
{
	char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
	*col = 1;
	if (!t1 || !t2)
		return "expected LANG<TAB>WORD<TAB>REPLACEMENT";
	*t1 = *t2 = '\0';
	const char *lang = line, *word = t1 + 1, *repl = t2 + 1;
	if (!*lang || strlen(lang) >= sizeof e->lang)
		return "LANG must be a language tag such as en or cmn";
	*col = (int)(word - line) + 1;
	if (!*word)
		return "empty WORD";
	*col = (int)(repl - line) + 1;
	if (strchr(repl, '\t'))
		return "more than three TAB-separated fields";
	const char *why = check_replacement(repl, &e->phonemes);
	if (why)
		return why;
	snprintf(e->lang, sizeof e->lang, "%s", lang);
	UErrorCode err = U_ZERO_ERROR;
	u_strFromUTF8(NULL, 0, &e->word_len, word, -1, &err);
	err = U_ZERO_ERROR;
	e->word = malloc(((size_t)e->word_len + 1) * sizeof(UChar));
	e->replacement = strdup(repl);
	if (!e->word || !e->replacement)
		return "out of memory";
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

int rp_lexicon_load(rp_lexicon **lex, const char *path, rp_diags *diags)
{
	rp_source *src = NULL;
	int rc = rp_source_load(path, NULL, &src, diags); /* any encoding scripts may have */
	if (rc != RP_OK)
		return rc;
	if (!*lex && !(*lex = calloc(1, sizeof **lex))) {
		rp_source_free(src);
		return RP_ERR_NOMEM;
	}
	rp_lexicon *l = *lex;
	size_t first = l->n;
	int line_no = 0;
	for (char *line = src->text, *next; line && rc == RP_OK; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		line_no++;
		if (!*line || *line == '#')
			continue;
		if (rp_grow((void **)&l->entries, &l->cap, l->n + 1, sizeof *l->entries)) {
			rc = RP_ERR_NOMEM;
			break;
		}
		entry e = {0};
		int col;
		const char *why = parse_line(line, &e, &col);
		if (why) {
			free_entry(&e);
			rp_diags_add(diags, RP_ERROR, path, line_no, col, "%s", why);
			rc = RP_ERR_INPUT;
		} else {
			l->entries[l->n++] = e;
		}
	}
	if (rc != RP_OK) { /* keep none of this file */
		for (size_t i = first; i < l->n; i++)
			free_entry(&l->entries[i]);
		l->n = first;
	}
	rp_source_free(src);
	return rc;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int rp_lexicon_load_dir(rp_lexicon **lex, const char *dir, rp_diags *diags)
{
	DIR *d = opendir(dir);
	if (!d)
		return errno == ENOENT ? RP_OK : RP_ERR_IO;
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;
	int rc = RP_OK;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		if (de->d_name[0] == '.' || l < 5 || strcmp(de->d_name + l - 4, ".txt") != 0)
			continue;
		char **nn = realloc(names, (n + 1) * sizeof *nn);
		if (!nn || !(nn[n] = strdup(de->d_name))) {
			names = nn ? nn : names;
			rc = RP_ERR_NOMEM;
			break;
		}
		names = nn;
		n++;
	}
	closedir(d);
	if (names)
		qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (rc == RP_OK)
			rc = rp_lexicon_load(lex, path, diags);
		free(names[i]);
	}
	free(names);
	return rc;
}

/* Does entry e match u[i..) as a whole word? */
static bool matches(const entry *e, const UChar *u, int32_t n, int32_t i)
{
	if (i + e->word_len > n ||
	    u_strCaseCompare(u + i, e->word_len, e->word, e->word_len, U_FOLD_CASE_DEFAULT, &(UErrorCode){U_ZERO_ERROR}) != 0)
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

char *rp_lexicon_apply(const rp_lexicon *lex, const char *text, const char *lang,
                       bool *phonemes)
{
	*phonemes = false;
	if (!lex || lex->n == 0)
		return strdup(text);
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
		for (size_t k = lex->n; k-- > 0 && !hit;) /* the last loaded wins */
			if (strcmp(lex->entries[k].lang, lang) == 0 && matches(&lex->entries[k], u, n, i))
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
