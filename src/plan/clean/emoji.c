/* Emoji read by name (include/radioplay.h "Emoji names", src/plan/clean/emoji.h): CLDR text-to-speech
 * annotations loaded with libxml2, longest-sequence lookup, and the paragraph rewrite that puts
 * the names where the emoji were. */
#include "emoji.h"
#include "grow.h"
#include "strbuf.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

enum { MAX_LANGS = 32, MAX_SEQUENCE = 16 };

typedef struct entry {
	char *key;  /* the sequence as UTF-8, without U+FE0F (as CLDR writes it) */
	char *name; /* its tts annotation */
} entry;

typedef struct table {
	char lang[16];  /* our language tag ("cmn", "en", ...) */
	entry *entries; /* sorted by key (strcmp) */
	size_t n, cap;
} table;

struct rp_emoji_names {
	char *dir;
	pthread_mutex_t lock;    /* guards n_tables and the loading of tables[] */
	table tables[MAX_LANGS]; /* tables[0] is English; a table never moves once loaded */
	size_t n_tables;
};

/* CLDR locale of a BCP 47 primary language subtag as rp_span uses them. */
static const char *cldr_locale(const char *lang)
{
	if (strcmp(lang, "cmn") == 0)
		return "zh";
	return lang;
}

static int add_entry(table *t, const char *cp, const char *name)
{
	/* drop U+FE0F (EF B8 8F) from the key, as CLDR does in annotations/ */
	size_t n = strlen(cp), k = 0;
	char *key = malloc(n + 1);
	char *nm = NULL;
	const char *b = name, *e = name + strlen(name);
	while (b < e && (*b == ' ' || *b == '\n' || *b == '\t'))
		b++;
	while (e > b && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\t'))
		e--;
	if (key)
		nm = strndup(b, (size_t)(e - b));
	if (!key || !nm || rp_grow((void **)&t->entries, &t->cap, t->n + 1, sizeof *t->entries)) {
		free(key);
		free(nm);
		return RP_ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		if (i + 2 < n && memcmp(cp + i, "\xEF\xB8\x8F", 3) == 0) {
			i += 2;
			continue;
		}
		key[k++] = cp[i];
	}
	key[k] = '\0';
	t->entries[t->n++] = (entry){key, nm};
	return RP_OK;
}

/* Add every <annotation cp="..." type="tts">NAME</annotation> under `node`. */
static int add_annotations(table *t, xmlNode *node)
{
	int rc = RP_OK;
	for (xmlNode *n = node; n && rc == RP_OK; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(n->name, BAD_CAST "annotation") != 0) {
			rc = add_annotations(t, n->children);
			continue;
		}
		xmlChar *type = xmlGetProp(n, BAD_CAST "type");
		xmlChar *cp = type ? xmlGetProp(n, BAD_CAST "cp") : NULL;
		xmlChar *name = cp ? xmlNodeGetContent(n) : NULL;
		if (type && xmlStrcmp(type, BAD_CAST "tts") == 0 && cp && name && cp[0] && name[0])
			rc = add_entry(t, (const char *)cp, (const char *)name);
		xmlFree(type);
		xmlFree(cp);
		xmlFree(name);
	}
	return rc;
}

/* Load CLDR_DIR/SUBDIR/LOCALE.xml into t. Returns RP_OK, RP_ERR_IO (missing or not well-formed
 * XML) or RP_ERR_NOMEM. */
static int load_file(table *t, const char *dir, const char *subdir, const char *locale, char *path,
                     size_t path_size)
{
	snprintf(path, path_size, "%s/%s/%s.xml", dir, subdir, locale);
	/* no network, no external DTD (the files name ../../common/dtd/ldml.dtd), no entity
	 * expansion; errors are reported by our caller, not printed by libxml2 */
	xmlDoc *doc = xmlReadFile(path, NULL,
	                          XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		return RP_ERR_IO;
	int rc = add_annotations(t, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	return rc;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const entry *)a)->key, ((const entry *)b)->key);
}

static void free_table(table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->entries[i].key);
		free(t->entries[i].name);
	}
	free(t->entries);
	*t = (table){0};
}

/* Load both files of `lang` into t. A missing derived file is not an error (older CLDR). */
static int load_table(table *t, const char *dir, const char *lang, char *path, size_t path_size)
{
	snprintf(t->lang, sizeof t->lang, "%s", lang);
	const char *locale = cldr_locale(lang);
	int rc = load_file(t, dir, "annotations", locale, path, path_size);
	if (rc == RP_OK) {
		char derived[4096];
		int rc2 = load_file(t, dir, "annotationsDerived", locale, derived, sizeof derived);
		if (rc2 == RP_ERR_NOMEM)
			rc = rc2;
	}
	if (rc == RP_OK && t->n == 0)
		rc = RP_ERR_IO;
	if (rc == RP_OK)
		qsort(t->entries, t->n, sizeof *t->entries, cmp_entry);
	return rc;
}

int rp_emoji_names_load(const char *cldr_dir, rp_emoji_names **out, rp_diags *diags)
{
	*out = NULL;
	if (!cldr_dir) {
		const char *env = getenv("RADIOPLAY_CLDR_DIR");
		cldr_dir = env && *env ? env : RP_CLDR_DIR;
	}
	xmlInitParser(); /* once, before any thread parses (libxml2 threads documentation) */
	rp_emoji_names *names = calloc(1, sizeof *names);
	if (!names || !(names->dir = strdup(cldr_dir))) {
		free(names);
		return RP_ERR_NOMEM;
	}
	pthread_mutex_init(&names->lock, NULL);
	char path[4096];
	int rc = load_table(&names->tables[0], names->dir, "en", path, sizeof path);
	if (rc != RP_OK) {
		if (rc == RP_ERR_IO)
			rp_diags_add(
				diags, RP_ERROR, path, 0, 0,
				"cannot read the CLDR emoji names that --emoji speak needs "
				"(Debian package unicode-cldr-core; or set RADIOPLAY_CLDR_DIR to a "
				"CLDR 'common' folder)");
		rp_emoji_names_free(names);
		return rc;
	}
	names->n_tables = 1;
	*out = names;
	return RP_OK;
}

void rp_emoji_names_free(rp_emoji_names *names)
{
	if (!names)
		return;
	for (size_t i = 0; i < MAX_LANGS; i++)
		free_table(&names->tables[i]);
	pthread_mutex_destroy(&names->lock);
	free(names->dir);
	free(names);
}

/* The table of `lang`, loaded on first use; English when `lang` has none. */
static const table *table_for(rp_emoji_names *names, const char *lang)
{
	const table *found = &names->tables[0];
	pthread_mutex_lock(&names->lock);
	size_t i = 0;
	while (i < names->n_tables && strcmp(names->tables[i].lang, lang) != 0)
		i++;
	if (i < names->n_tables) {
		found = &names->tables[i];
	} else if (i < MAX_LANGS && strlen(lang) < sizeof names->tables[i].lang) {
		char path[4096];
		table *t = &names->tables[i];
		if (load_table(t, names->dir, lang, path, sizeof path) == RP_OK) {
			found = t;
		} else {
			free_table(t); /* remembered as empty: English from now on */
			snprintf(t->lang, sizeof t->lang, "%s", lang);
		}
		names->n_tables++;
	}
	pthread_mutex_unlock(&names->lock);
	return found->n ? found : &names->tables[0];
}

static const char *find(const table *t, const char *key)
{
	entry probe = {(char *)key, NULL};
	const entry *e = bsearch(&probe, t->entries, t->n, sizeof *t->entries, cmp_entry);
	return e ? e->name : NULL;
}

static bool is_keycap_base(UChar32 c)
{
	return (c >= '0' && c <= '9') || c == '#' || c == '*';
}

/* Code points that continue an emoji sequence (UTS #51 ED-17 emoji_zwj_element and modifiers). */
static bool continues_sequence(UChar32 c, UChar32 prev)
{
	return c == 0x200D || c == 0x20E3 || (c >= 0xE0020 && c <= 0xE007F) ||
	       u_hasBinaryProperty(c, UCHAR_EMOJI_MODIFIER) ||
	       (prev == 0x200D && u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC)) ||
	       (u_hasBinaryProperty(prev, UCHAR_REGIONAL_INDICATOR) &&
	        u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR));
}

size_t rp_emoji_name_at(rp_emoji_names *names, const char *lang, const char *text, size_t len,
                        size_t i, const char **name)
{
	*name = NULL;
	if (i >= len || len > INT32_MAX)
		return 0;
	int32_t j = (int32_t)i, n = (int32_t)len;
	UChar32 first;
	U8_NEXT(text, j, n, first);
	if (first < 0)
		return 0;
	/* the code point after `first`, skipping one U+FE0F */
	int32_t after = j;
	UChar32 next = -1;
	if (after < n)
		U8_NEXT(text, after, n, next);
	bool presentation = next == 0xFE0F;
	if (presentation && after < n)
		U8_NEXT(text, after, n, next);
	bool keycap = is_keycap_base(first) && next == 0x20E3;
	/* emoji (UTS #51): Extended_Pictographic with the Emoji property (★ and ♪ are pictographs,
	 * not emoji: art, src/plan/clean/art.h); ‼ ⁉ 〰 〽 are punctuation unless U+FE0F asks for an emoji */
	bool pictograph = u_hasBinaryProperty(first, UCHAR_EXTENDED_PICTOGRAPHIC) &&
	                  (presentation || (u_hasBinaryProperty(first, UCHAR_EMOJI) &&
	                                    !(U_GET_GC_MASK(first) & U_GC_P_MASK)));
	if (!keycap && !pictograph && !u_hasBinaryProperty(first, UCHAR_REGIONAL_INDICATOR))
		return 0;

	char key[MAX_SEQUENCE * 4 + 1];
	size_t key_len[MAX_SEQUENCE]; /* bytes of key after k + 1 code points */
	size_t end[MAX_SEQUENCE];     /* text offset after code point k and any U+FE0F after it */
	int count = 0;
	size_t kl = 0;
	UChar32 c = first, prev = 0;
	for (;;) {
		U8_APPEND_UNSAFE(key, kl, c);
		while (j < n) { /* take the U+FE0F that follow */
			int32_t k = j;
			UChar32 v;
			U8_NEXT(text, k, n, v);
			if (v != 0xFE0F)
				break;
			j = k;
		}
		key_len[count] = kl;
		end[count++] = (size_t)j;
		if (count == MAX_SEQUENCE || j >= n)
			break;
		prev = c;
		int32_t k = j;
		U8_NEXT(text, k, n, c);
		if (c < 0 || !continues_sequence(c, prev))
			break;
		j = k;
	}
	const table *t = table_for(names, lang);
	for (int k = count; k > 0; k--) {
		key[key_len[k - 1]] = '\0';
		const char *found = find(t, key);
		if (!found && t != &names->tables[0])
			found = find(&names->tables[0], key);
		if (found) {
			*name = found;
			return end[k - 1] - i;
		}
	}
	return 0;
}

/* ---------------------------------------------------------------------------------------------
 * The paragraph rewrite
 * ------------------------------------------------------------------------------------------- */

typedef struct expander {
	rp_strbuf out; /* the rewritten text; out.oom also when the edits ran out of memory */
	rp_text_edit *edits;
	size_t n_edits, cap_edits;
} expander;

/* The offset of the last code point before byte `i` of `s` that is not white space or U+FE0F,
 * and that code point in *c; 0 and *c = 0 when there is none. */
static size_t prev_visible(const char *s, size_t i, UChar32 *c)
{
	int32_t k = (int32_t)i;
	while (k > 0) {
		U8_PREV(s, 0, k, *c);
		if (*c >= 0 && !u_isUWhiteSpace(*c) && *c != 0xFE0F)
			return (size_t)k;
	}
	*c = 0;
	return 0;
}

/* The offset of the first code point at or after byte `i` of text[0..len) that is not white
 * space or U+FE0F (len at the end), and that code point in *c (0 at the end). */
static size_t next_visible(const char *text, size_t len, size_t i, UChar32 *c)
{
	int32_t k = (int32_t)i;
	while ((size_t)k < len) {
		int32_t at = k;
		U8_NEXT(text, k, (int32_t)len, *c);
		if (*c >= 0 && !u_isUWhiteSpace(*c) && *c != 0xFE0F)
			return (size_t)at;
	}
	*c = 0;
	return len;
}

static bool is_word_char(UChar32 c)
{
	return c > 0 && (u_isalpha(c) || u_isdigit(c));
}

static const char *comma_of(const char *lang)
{
	return strcmp(lang, "cmn") == 0 || strcmp(lang, "ja") == 0 ? "，" : ", ";
}

int rp_emoji_expand(rp_emoji_names *names, const char *text, size_t len, const rp_span *spans,
                    size_t n_spans, const char *und_lang, char **out, size_t *out_len,
                    rp_text_edit **edits, size_t *n_edits)
{
	*out = NULL;
	*out_len = 0;
	*edits = NULL;
	*n_edits = 0;
	expander x = {0};
	rp_strbuf_put(&x.out, "", 0);
	size_t span = 0, copied = 0;  /* text[copied..i) is waiting to be copied */
	const char *last_name = NULL; /* name of the emoji just read, while only spaces follow it */
	for (size_t i = 0; i < len && !x.out.oom;) {
		while (span + 1 < n_spans && spans[span].end <= i)
			span++;
		const char *lang = n_spans ? spans[span].lang : und_lang;
		if (strcmp(lang, "und") == 0)
			lang = und_lang;
		const char *name;
		size_t n = rp_emoji_name_at(names, lang, text, len, i, &name);
		if (n == 0) {
			unsigned char b = (unsigned char)text[i];
			if (!(b == ' ' || b == '\t' || b == '\n'))
				last_name = NULL;
			U8_FWD_1(text, i, len); /* the next code point */
			continue;
		}
		rp_strbuf_put(&x.out, text + copied, i - copied);
		rp_text_edit e = {.from_start = i, .from_end = i + n, .to_start = x.out.len};
		if (last_name != name) { /* a run of the same emoji is read once */
			const char *comma = comma_of(lang);
			/* only inside the span: at a span's edge the language change parts them */
			UChar32 before, in_text;
			prev_visible(x.out.s, x.out.len, &before);
			bool same_span = n_spans == 0 ||
			                 prev_visible(text, i, &in_text) >= spans[span].start;
			if (before && same_span && !(U_GET_GC_MASK(before) & U_GC_P_MASK)) {
				while (x.out.len > 0 && x.out.s[x.out.len - 1] == ' ') {
					x.out.len--; /* "好 😂" -> "好，笑哭了" */
					e.from_start--;
				}
				e.to_start = x.out.len;
				rp_strbuf_put(&x.out, comma, strlen(comma));
			}
			rp_strbuf_put(&x.out, name, strlen(name));
			UChar32 after;
			size_t at = next_visible(text, len, i + n, &after);
			const char *next_name; /* a following emoji puts its own comma before it */
			if (is_word_char(after) && (n_spans == 0 || at < spans[span].end) &&
			    !rp_emoji_name_at(names, lang, text, len, at, &next_name))
				/* ", " without its space when a space follows anyway */
				rp_strbuf_put(&x.out, comma,
				              strlen(comma) - (at > i + n && comma[1] == ' '));
		}
		e.to_end = x.out.len;
		if (!x.out.oom && rp_grow((void **)&x.edits, &x.cap_edits, x.n_edits + 1, sizeof e))
			x.out.oom = true;
		if (!x.out.oom)
			x.edits[x.n_edits++] = e;
		last_name = name;
		i += n;
		copied = i;
	}
	rp_strbuf_put(&x.out, text + copied, len - copied);
	if (x.out.oom) {
		free(x.out.s);
		free(x.edits);
		return RP_ERR_NOMEM;
	}
	*out = x.out.s;
	*out_len = x.out.len;
	*edits = x.edits;
	*n_edits = x.n_edits;
	return RP_OK;
}

size_t rp_text_edit_map(const rp_text_edit *edits, size_t n_edits, size_t offset, bool is_end)
{
	/* the last edit that starts at or before offset */
	size_t lo = 0, hi = n_edits;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (edits[mid].to_start <= offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return offset;
	const rp_text_edit *e = &edits[lo - 1];
	if (offset == e->to_start && e->to_start == e->to_end) /* a repeat, read with the first */
		return e->from_end;
	if (offset == e->to_start)
		return e->from_start;
	if (offset >= e->to_end)
		return e->from_end + (offset - e->to_end);
	return is_end ? e->from_end : e->from_start; /* inside a name */
}
