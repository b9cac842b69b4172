/* radioplay check: a lint for authors. Builds the plan as render would and reports what a
 * writer wants to know before rendering: encoding and repairs, warnings with FILE:LINE:COL,
 * speakers and their voices, characters that will not be spoken, and how numbers will be read. */
#include "cli.h"

#include <stdint.h>
#include <string.h>

static const char HELP[] =
	"Usage: radioplay check SCRIPT [OPTIONS]\n"
	"Check a script before rendering it: the encoding found and repairs made, warnings and\n"
	"errors with FILE:LINE:COL, the speakers and their voices, characters that will not be\n"
	"spoken (emoji, symbols), and how numbers will be read.\n"
	"Exit status: 0 when there are no errors, 1 otherwise, 2 for usage errors.\n"
	"\n";

/* Print one line per character of `it` that will not be spoken, at its LINE:COL. */
static size_t report_unspoken(const char *file, const rp_item *it)
{
	for (size_t i = 0; i < it->n_unspoken; i++) {
		const rp_unspoken *u = &it->unspoken[i];
		char name[128];
		printf("%s:%d:%d: not spoken: %s (U+%04X %s)\n", file, u->line, u->column, u->utf8,
		       (unsigned)u->code_point, rp_char_name(u->code_point, name, sizeof name));
	}
	return it->n_unspoken;
}

int cmd_check(int argc, char **argv)
{
	cli_plan_args a;
	cli_plan_args_init(&a);
	int status = cli_parse_plan_command(&a, argc, argv, "check", HELP);
	if (status >= 0)
		return status;
	a.quiet = true; /* warnings are printed below, on standard output */
	rp_plan *plan = NULL;
	int rc = cli_build_plan(&a, &plan);
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
		rp_diags_print(&a.diags, stdout);
		for (size_t t = 0; t < plan->n_turns; t++)
			for (size_t k = 0; k < plan->turns[t].n_items; k++) {
				const rp_item *it = &plan->turns[t].items[k];
				if (it->type != RP_ITEM_SPEECH)
					continue;
				unspoken += report_unspoken(plan->source, it);
				if (it->numbers) {
					printf("%s:%d:%d: numbers (%s): %s => %s\n", plan->source,
					       it->line, it->column, it->lang, it->text,
					       it->spoken);
					numbers++;
				}
			}
		printf("%zu warnings, %zu characters not spoken, %zu spans with numbers\n",
		       a.diags.count, unspoken, numbers);
	}
	rp_plan_free(plan);
	cli_plan_args_clear(&a);
	return rc == RP_OK ? EXIT_OK : EXIT_FAILED;
}
