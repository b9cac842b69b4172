/* Stage 2: the chat-format parser (include/radioplay.h, README "Script format").
 *
 *   [NAME]: text     tag at the start of a line (after optional white space); ':' or '：'
 *   text             continuation of the current turn
 *   (blank)          paragraph break inside a turn
 */
#include "grow.h"
#include "radioplay.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* A growing turn list plus the paragraph being collected. */
typedef struct parser {
	const rp_source *src;
	rp_diags *diags;
	rp_turn *turns;
	size_t n_turns, cap_turns;
	/* the open paragraph of the last turn: text and line starts */
	char *para;
	size_t para_len, para_cap;
	rp_line_start *lines;
	size_t n_lines, cap_lines;
} parser;

/* Number of code points in s[0..n). */
static int count_cp(const char *s, size_t n)
{
	int c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* Skip Unicode white space from s[i] while i < end; returns the new index. */
static size_t skip_space(const char *s, size_t i, size_t end)
{
	while (i < end) {
		int32_t j = (int32_t)i;
		UChar32 c;
		U8_NEXT(s, j, (int32_t)end, c);
		if (c < 0 || !u_isUWhiteSpace(c))
			break;
		i = (size_t)j;
	}
	return i;
}

/* Trim trailing Unicode white space of s[start..end); returns the new end. */
static size_t trim_end(const char *s, size_t start, size_t end)
{
	while (end > start) {
		int32_t j = (int32_t)end;
		UChar32 c;
		U8_PREV(s, (int32_t)start, j, c);
		if (c < 0 || !u_isUWhiteSpace(c))
			break;
		end = (size_t)j;
	}
	return end;
}

/* Close the open paragraph (if any) and attach it to the last turn. */
static int flush_paragraph(parser *p)
{
	if (p->para_len == 0)
		return RP_OK;
	rp_turn *t = &p->turns[p->n_turns - 1];
	rp_paragraph *np = realloc(t->paragraphs, (t->n_paragraphs + 1) * sizeof *np);
	if (!np)
		return RP_ERR_NOMEM;
	t->paragraphs = np;
	rp_paragraph *para = &np[t->n_paragraphs];
	para->text = malloc(p->para_len + 1);
	para->lines = malloc(p->n_lines * sizeof *para->lines);
	if (!para->text || !para->lines) {
		free(para->text);
		free(para->lines);
		return RP_ERR_NOMEM;
	}
	memcpy(para->text, p->para, p->para_len);
	para->text[p->para_len] = '\0';
	para->len = p->para_len;
	memcpy(para->lines, p->lines, p->n_lines * sizeof *para->lines);
	para->n_lines = p->n_lines;
	t->n_paragraphs++;
	p->para_len = 0;
	p->n_lines = 0;
	return RP_OK;
}

/* Append the text s[start..end) of source line `line` (starting at `column`) to the open
 * paragraph. */
static int add_text(parser *p, const char *s, size_t start, size_t end, int line, int column)
{
	size_t need = p->para_len + (end - start) + 2;
	if (rp_grow((void **)&p->para, &p->para_cap, need, 1) ||
	    rp_grow((void **)&p->lines, &p->cap_lines, p->n_lines + 1, sizeof *p->lines))
		return RP_ERR_NOMEM;
	if (p->para_len > 0)
		p->para[p->para_len++] = '\n';
	p->lines[p->n_lines++] = (rp_line_start){p->para_len, line, column};
	memcpy(p->para + p->para_len, s + start, end - start);
	p->para_len += end - start;
	return RP_OK;
}

/* If s[start..end) begins with a speaker tag, fill name range and the index after the tag.
 * Returns 1 for a tag, 0 for text, -1 for a malformed tag (diagnostic added). */
static int match_tag(parser *p, const char *s, size_t start, size_t end, int line, size_t *name_b,
                     size_t *name_e, size_t *after)
{
	size_t i = skip_space(s, start, end);
	if (i >= end || s[i] != '[')
		return 0;
	int col = count_cp(s + start, i - start) + 1;
	const char *close = memchr(s + i + 1, ']', end - i - 1);
	if (!close)
		return 0;
	size_t j = skip_space(s, (size_t)(close - s) + 1, end); /* "[A] :" is a tag too */
	size_t colon;
	if (j < end && s[j] == ':')
		colon = 1;
	else if (end - j >= 3 && memcmp(s + j, "\xEF\xBC\x9A", 3) == 0) /* U+FF1A '：' */
		colon = 3;
	else {
		rp_diags_add(p->diags, RP_WARNING, p->src->name, line, col,
		             "'%.*s' looks like a speaker tag but has no ':' after it; "
		             "it is read as text",
		             (int)(j - i), s + i);
		return 0;
	}
	size_t nb = skip_space(s, i + 1, (size_t)(close - s));
	size_t ne = trim_end(s, nb, (size_t)(close - s));
	int chars = count_cp(s + nb, ne - nb);
	if (chars == 0) {
		rp_diags_add(p->diags, RP_ERROR, p->src->name, line, col,
		             "empty speaker name in tag; write [NAME]:");
		return -1;
	}
	if (chars > RP_MAX_NAME_CHARS) {
		rp_diags_add(p->diags, RP_ERROR, p->src->name, line, col,
		             "speaker name has %d characters; at most %d are allowed", chars,
		             RP_MAX_NAME_CHARS);
		return -1;
	}
	*name_b = nb;
	*name_e = ne;
	*after = j + colon;
	return 1;
}

static int start_turn(parser *p, const char *name, size_t n, int line, int column)
{
	int rc = flush_paragraph(p);
	if (rc)
		return rc;
	if (rp_grow((void **)&p->turns, &p->cap_turns, p->n_turns + 1, sizeof *p->turns))
		return RP_ERR_NOMEM;
	rp_turn *t = &p->turns[p->n_turns];
	*t = (rp_turn){0};
	t->speaker = strndup(name, n);
	if (!t->speaker)
		return RP_ERR_NOMEM;
	t->line = line;
	t->column = column;
	p->n_turns++;
	return RP_OK;
}

static void free_turns(rp_turn *turns, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < turns[i].n_paragraphs; k++) {
			free(turns[i].paragraphs[k].text);
			free(turns[i].paragraphs[k].lines);
		}
		free(turns[i].paragraphs);
		free(turns[i].speaker);
	}
	free(turns);
}

int rp_script_parse(const rp_source *src, rp_script **out, rp_diags *diags)
{
	*out = NULL;
	parser p = {.src = src, .diags = diags};
	const char *s = src->text;
	size_t errors_before = diags->errors;
	int rc = RP_OK;
	int line = 0;
	bool preamble_reported = false;
	for (size_t pos = 0; pos <= src->len && rc == RP_OK;) {
		const char *nl = memchr(s + pos, '\n', src->len - pos);
		size_t end = nl ? (size_t)(nl - s) : src->len;
		line++;
		size_t nb, ne, after;
		int tag = match_tag(&p, s, pos, end, line, &nb, &ne, &after);
		size_t text_b = pos;
		if (tag == 1) {
			int col = count_cp(s + pos, skip_space(s, pos, end) - pos) + 1;
			rc = start_turn(&p, s + nb, ne - nb, line, col);
			text_b = after;
		}
		if (tag >= 0 && rc == RP_OK) {
			size_t b = skip_space(s, text_b, end);
			size_t e = trim_end(s, b, end);
			if (b == e) {
				if (tag == 0) /* blank line: paragraph break */
					rc = flush_paragraph(&p);
			} else if (p.n_turns == 0) {
				if (!preamble_reported)
					rp_diags_add(
						diags, RP_ERROR, src->name, line,
						count_cp(s + pos, b - pos) + 1,
						"text before the first speaker tag; a turn starts with "
						"[NAME]:");
				preamble_reported = true;
			} else {
				rc = add_text(&p, s, b, e, line, count_cp(s + pos, b - pos) + 1);
			}
		}
		if (!nl)
			break;
		pos = end + 1;
	}
	if (rc == RP_OK)
		rc = p.n_turns ? flush_paragraph(&p) : RP_OK;
	free(p.para);
	free(p.lines);
	if (rc == RP_OK && p.n_turns == 0 && diags->errors == errors_before)
		rp_diags_add(diags, RP_ERROR, src->name, 1, 1,
		             src->len == 0
		                     ? "empty script: no speaker turns (a turn starts with [NAME]:)"
		                     : "no speaker turns found (a turn starts with [NAME]:)");
	if (rc == RP_OK && diags->errors > errors_before)
		rc = RP_ERR_INPUT;
	if (rc != RP_OK) {
		free_turns(p.turns, p.n_turns);
		return rc;
	}
	rp_script *script = calloc(1, sizeof *script);
	if (!script || !(script->source_name = strdup(src->name))) {
		free(script);
		free_turns(p.turns, p.n_turns);
		return RP_ERR_NOMEM;
	}
	script->encoding = src->encoding;
	script->turns = p.turns;
	script->n_turns = p.n_turns;
	*out = script;
	return RP_OK;
}

void rp_script_free(rp_script *script)
{
	if (!script)
		return;
	free_turns(script->turns, script->n_turns);
	free(script->source_name);
	free(script);
}

void rp_paragraph_position(const rp_paragraph *p, size_t offset, int *line, int *column)
{
	size_t k = 0;
	while (k + 1 < p->n_lines && p->lines[k + 1].offset <= offset)
		k++;
	*line = p->lines[k].line;
	*column = p->lines[k].column +
	          count_cp(p->text + p->lines[k].offset, offset - p->lines[k].offset);
}
