/* libFuzzer target: lexicon file bytes -> rp_lexicon_load_memory -> rp_lexicon_apply.
 *
 * Each input is a lexicon file's bytes (include/radioplay.h "Pronunciation lexicon"). Checked
 * beyond "no crash":
 * - the result is RP_OK without errors or RP_ERR_INPUT with at least one error, every
 *   diagnostic at a line the input has and a column inside it (fz_check_loader);
 * - loading is deterministic: the same bytes again give the same status, size and diagnostics;
 * - on failure nothing is kept: a new lexicon stays NULL, one loaded before keeps its entries;
 * - on success there is one entry per line that is not blank or a comment, and each entry alone
 *   (its line loaded by itself) replaces its own WORD by its REPLACEMENT, with
 *   rp_lexicon_apply's phonemes flag set exactly for [[...]];
 * - rp_lexicon_apply on the input itself (any bytes up to the first NUL, in the entries'
 *   languages and others) returns valid UTF-8, the text unchanged for a language without
 *   entries, and the same text after the file is loaded a second time (the later copy wins with
 *   the same replacements).
 *
 * Built with clang -fsanitize=fuzzer,address,undefined when CMake has RADIOPLAY_FUZZ=ON.
 * Run: scripts/fuzz.sh 60 fuzz_lexicon, or
 *   build/fuzz/tests/fuzz/fuzz_lexicon -max_len=2048 -timeout=20 CORPUS_DIR
 * Seed corpus: tests/fuzz/corpus/lexicon/ (tests/fuzz/make_seeds.sh lexicon: the shipped
 * lexicon files in voices/lexicon/, their lines, malformed cases; minimized with
 * -set_cover_merge=1).
 */
#include "fuzz_common.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char NAME[] = "fuzz.txt";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* rp_lexicon_apply's result: UTF-8, NUL-terminated (never NULL: no allocation fails here). */
static char *apply(const rp_lexicon *lex, const char *text, const char *lang, bool *phonemes)
{
	char *out = rp_lexicon_apply(lex, text, lang, phonemes);
	if (!out)
		fz_fail("rp_lexicon_apply", "NULL");
	if (!fz_valid_utf8(out, strlen(out)))
		fz_fail("rp_lexicon_apply: not valid UTF-8", out);
	return out;
}

/* Entry line `line` (n bytes, no line end) alone is a lexicon of one entry that replaces its
 * WORD, in its LANG, by its REPLACEMENT. */
static void check_entry(const char *line, size_t n)
{
	rp_lexicon *one = NULL;
	rp_diags diags = {0};
	if (rp_lexicon_load_memory(&one, NAME, line, n, &diags) != RP_OK ||
	    rp_lexicon_size(one) != 1)
		fz_fail("an entry line of a lexicon that loaded does not load alone", NULL);
	char *copy = strndup(line, n);
	char *t1 = strchr(copy, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
	if (!t2)
		fz_fail("an entry line without two TABs loaded", copy);
	*t1 = *t2 = '\0';
	for (char *p = copy; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	const char *repl = t2 + 1;
	size_t rl = strlen(repl);
	bool want = rl >= 4 && strncmp(repl, "[[", 2) == 0 && strcmp(repl + rl - 2, "]]") == 0;
	bool phonemes;
	char *out = apply(one, t1 + 1, copy, &phonemes);
	if (strcmp(out, repl) != 0)
		fz_fail("an entry does not replace its own WORD by its REPLACEMENT", out);
	if (phonemes != want)
		fz_fail("rp_lexicon_apply: phonemes flag does not match [[...]]", repl);
	free(out);
	free(copy);
	rp_lexicon_free(one);
	rp_diags_clear(&diags);
}

/* The lines of a lexicon that loaded: each that is not blank or a comment is an entry. */
static size_t check_entries(const uint8_t *data, size_t size)
{
	size_t entries = 0, pos = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (pos < size) {
		const char *line = (const char *)data + pos;
		const char *nl = memchr(line, '\n', size - pos);
		size_t n = nl ? (size_t)(nl - line) : size - pos;
		pos += n + 1;
		if (n > 0 && line[n - 1] == '\r')
			n--;
		if (n == 0 || line[0] == '#')
			continue;
		check_entry(line, n);
		entries++;
	}
	return entries;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	rp_lexicon *lex = NULL, *again = NULL;
	rp_diags diags = {0}, diags2 = {0};
	int rc = rp_lexicon_load_memory(&lex, NAME, text, size, &diags);
	fz_check_loader("rp_lexicon_load_memory", rc, &diags, NAME, data, size);
	int rc2 = rp_lexicon_load_memory(&again, NAME, text, size, &diags2);
	if (rc2 != rc || rp_lexicon_size(again) != rp_lexicon_size(lex))
		fz_fail("rp_lexicon_load_memory", "the same bytes loaded twice differ");
	fz_check_same_diags("rp_lexicon_load_memory twice", &diags, &diags2);
	rp_lexicon_free(again);
	rp_diags_clear(&diags2);

	/* the input as text for rp_lexicon_apply (up to its first NUL) */
	char *input = strndup(text, size);
	const char *langs[] = {"en", "cmn", NULL};
	if (rc != RP_OK) {
		if (lex)
			fz_fail("rp_lexicon_load_memory", "a lexicon after an error");
		/* a lexicon loaded before keeps what it had */
		rp_lexicon *base = NULL;
		static const char BASE[] = "en\tbase\tbased\n";
		if (rp_lexicon_load_memory(&base, "base.txt", BASE, sizeof BASE - 1, &diags2) !=
		            RP_OK ||
		    rp_lexicon_load_memory(&base, NAME, text, size, &diags2) != rc ||
		    rp_lexicon_size(base) != 1)
			fz_fail("a failed load changed the lexicon it was loaded into", NULL);
		bool ph;
		char *out = apply(base, "base", "en", &ph);
		if (strcmp(out, "based") != 0)
			fz_fail("a failed load changed the entries of the lexicon before", out);
		free(out);
		rp_lexicon_free(base);
		rp_diags_clear(&diags2);
	} else {
		if (check_entries(data, size) != rp_lexicon_size(lex))
			fz_fail("not one entry per line that is not blank or a comment", NULL);
		/* the first entry's language too */
		static char first[16];
		if (sscanf(input, "%15[^\t\n]", first) == 1) {
			for (char *p = first; *p; p++)
				*p = (char)tolower((unsigned char)*p);
			langs[2] = first;
		}
	}

	char *before[3] = {0};
	for (size_t k = 0; k < 3 && langs[k]; k++) {
		bool ph;
		before[k] = apply(lex, input, langs[k], &ph);
	}
	bool ph;
	char *same = apply(lex, input, "zz-none", &ph);
	if (fz_valid_utf8(input, strlen(input)) && (strcmp(same, input) != 0 || ph))
		fz_fail("rp_lexicon_apply changed text in a language without entries", same);
	free(same);
	if (rc == RP_OK) { /* loaded twice: the later copy wins, with the same replacements */
		if (rp_lexicon_load_memory(&lex, NAME, text, size, &diags2) != RP_OK)
			fz_fail("rp_lexicon_load_memory",
			        "a lexicon that loaded does not load again");
		for (size_t k = 0; k < 3 && langs[k]; k++) {
			char *after = apply(lex, input, langs[k], &ph);
			if (strcmp(after, before[k]) != 0)
				fz_fail("rp_lexicon_apply differs with the file loaded twice",
				        after);
			free(after);
		}
		rp_diags_clear(&diags2);
	}
	for (size_t k = 0; k < 3; k++)
		free(before[k]);
	free(input);
	rp_lexicon_free(lex);
	rp_diags_clear(&diags);
	return 0;
}
