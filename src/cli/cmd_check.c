/* radioplay check: a lint for authors. Builds the plan as render would and reports what a
 * writer wants to know before rendering: encoding and repairs, warnings with FILE:LINE:COL,
 * speakers and their voices, characters that will not be spoken, and how numbers will be read. */
#include "cli.h"

#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

static const char HELP[] =
	"Usage: radioplay check SCRIPT [OPTIONS]\n"
	"Check a script before rendering it: the encoding found and repairs made, warnings and\n"
	"errors with FILE:LINE:COL, the speakers and their voices, characters that will not be\n"
	"spoken (emoji, symbols), and how numbers will be read.\n"
	"Exit status: 0 when there are no errors, 1 otherwise, 2 for usage errors.\n"
	"\n";

/* True when `c` is not spoken: the sanitizer drops it, and so all of its NFKC form, which is
 * what the sanitizer sees (‼ is read as !!, ™ as TM). */
static bool unspoken(UChar32 c)
{
	if (!rp_is_unspoken_char((uint32_t)c))
		return false;
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&err);
	UChar in[2], out[32];
	int32_t n = 0, m;
	U16_APPEND_UNSAFE(in, n, c);
	m = U_SUCCESS(err) ? unorm2_normalize(nfkc, in, n, out, 32, &err) : 0;
	if (U_FAILURE(err))
		return true;
	for (int32_t i = 0; i < m;) {
		UChar32 d;
		U16_NEXT(out, i, m, d);
		if (!rp_is_unspoken_char((uint32_t)d))
			return false;
	}
	return true;
}

/* Print one line per character of `it->text` that will not be spoken, at its LINE:COL. With
 * `names` (--emoji speak), emoji that have a name are spoken. */
static size_t report_unspoken(const char *file, const rp_item *it, rp_emoji_names *names)
{
	size_t n = 0;
	int line = it->line, col = it->column;
	for (int32_t i = 0, len = (int32_t)strlen(it->text); i < len;) {
		const char *emoji_name;
		size_t named = names ? rp_emoji_name_at(names, it->lang, it->text, (size_t)len,
		                                        (size_t)i, &emoji_name)
		                     : 0;
		if (named) { /* read by its name */
			for (int32_t end = i + (int32_t)named; i < end; col++)
				U8_FWD_1(it->text, i, len);
			continue;
		}
		UChar32 c;
		U8_NEXT(it->text, i, len, c);
		if (c == '\n') {
			line++;
			col = 1;
			continue;
		}
		if (c > 0 && unspoken(c) && u_charType(c) != U_FORMAT_CHAR &&
		    !u_hasBinaryProperty(c, UCHAR_VARIATION_SELECTOR) &&
		    !u_hasBinaryProperty(c, UCHAR_EMOJI_MODIFIER)) {
			char name[128];
			UErrorCode err = U_ZERO_ERROR;
			u_charName(c, U_UNICODE_CHAR_NAME, name, sizeof name, &err);
			char utf8[5] = {0};
			int32_t k = 0;
			U8_APPEND_UNSAFE(utf8, k, c);
			printf("%s:%d:%d: not spoken: %s (U+%04X %s)\n", file, line, col, utf8,
			       (unsigned)c, U_SUCCESS(err) ? name : "?");
			n++;
		}
		col++;
	}
	return n;
}

static bool has_digit(const char *s)
{
	for (int32_t i = 0, len = (int32_t)strlen(s); i < len;) {
		UChar32 c;
		U8_NEXT(s, i, len, c);
		if (c > 0 && u_isdigit(c))
			return true;
	}
	return false;
}

int cmd_check(int argc, char **argv)
{
	cli_plan_args a;
	cli_plan_args_init(&a);
	int status = cli_parse_plan_command(&a, argc, argv, "check", HELP);
	if (status >= 0)
		return status;
	a.quiet = true; /* warnings are printed below, on standard output */
	rp_synth *synth = NULL;
	rp_plan *plan = NULL;
	int rc = cli_open_and_plan(&a, &synth, &plan);
	if (rc == RP_OK) {
		size_t speech = 0, unspoken = 0, numbers = 0;
		for (size_t t = 0; t < plan->n_turns; t++)
			for (size_t k = 0; k < plan->turns[t].n_items; k++)
				speech += plan->turns[t].items[k].type == RP_ITEM_SPEECH;
		printf("%s: %s, %zu turns, %zu speakers, %zu spans\n", plan->source, plan->encoding,
		       plan->n_turns, plan->n_speakers, speech);
		for (size_t s = 0; s < plan->n_speakers; s++) {
			const rp_voice_preset *p = &plan->speakers[s].preset;
			printf("speaker %s: preset %s (%s)", plan->speakers[s].name, p->id,
			       p->gender == RP_GENDER_FEMALE ? "female" : "male");
			for (size_t k = 0; k < p->n_langs; k++)
				printf(", %s %s", p->langs[k].lang, p->langs[k].voice);
			printf("\n");
		}
		rp_diags_print(&plan->warnings, stdout);
		for (size_t t = 0; t < plan->n_turns; t++)
			for (size_t k = 0; k < plan->turns[t].n_items; k++) {
				const rp_item *it = &plan->turns[t].items[k];
				if (it->type != RP_ITEM_SPEECH)
					continue;
				unspoken += report_unspoken(plan->source, it, a.emoji_names);
				if (has_digit(it->text)) {
					printf("%s:%d:%d: numbers (%s): %s => %s\n", plan->source, it->line,
					       it->column, it->lang, it->text, it->spoken);
					numbers++;
				}
			}
		printf("%zu warnings, %zu characters not spoken, %zu spans with numbers\n",
		       plan->warnings.count, unspoken, numbers);
	}
	rp_plan_free(plan);
	rp_synth_close(synth);
	cli_plan_args_clear(&a);
	return rc == RP_OK ? EXIT_OK : EXIT_FAILED;
}
