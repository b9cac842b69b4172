/* radioplay plan (the plan as JSON) and radioplay voices (the presets). */
#include "cli.h"

#include <getopt.h>
#include <string.h>

static const char PLAN_HELP[] =
	"Usage: radioplay plan SCRIPT [OPTIONS]\n"
	"Print as JSON exactly what 'radioplay render' would speak: the speakers and their voices,\n"
	"every language span with the eSpeak NG voice, the text as written and the text spoken,\n"
	"and the pauses between them. Warnings go to the JSON and to standard error.\n"
	"\n"
	"  -q, --quiet           no warnings on standard error\n";

int cmd_plan(int argc, char **argv)
{
	cli_plan_args a;
	cli_plan_args_init(&a);
	int status = cli_parse_plan_command(&a, argc, argv, "plan", PLAN_HELP);
	if (status >= 0)
		return status;
	rp_plan *plan = NULL;
	int rc = cli_build_plan(&a, &plan);
	if (rc == RP_OK && (rc = rp_plan_write_json(plan, &a.diags, stdout)) != RP_OK)
		fprintf(stderr, "radioplay: cannot write the plan: %s\n", rp_strerror(rc));
	rp_plan_free(plan);
	cli_plan_args_clear(&a);
	return rc == RP_OK ? EXIT_OK : EXIT_FAILED;
}

static const char VOICES_HELP[] =
	"Usage: radioplay voices [--voices DIR]\n"
	"List the voice presets (voices/*.ini): id, name, gender, pitch, range, rate, and the\n"
	"eSpeak NG voice each uses per language. Speakers without --voice or --cast get presets\n"
	"in order of first appearance, alternating female and male.\n";

int cmd_voices(int argc, char **argv)
{
	static const struct option LONG[] = {
		{"voices", required_argument, NULL, OPT_VOICES},
		{"help", no_argument, NULL, OPT_HELP},
		{0},
	};
	const char *dir = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", LONG, NULL)) != -1) {
		if (c == OPT_VOICES) {
			dir = optarg;
		} else if (c == 'h' || c == OPT_HELP) {
			fputs(VOICES_HELP, stdout);
			return EXIT_OK;
		} else {
			return cli_usage_error("voices", "invalid option");
		}
	}
	if (optind != argc)
		return cli_usage_error("voices", "unexpected argument '%s'", argv[optind]);
	if (!dir)
		dir = rp_default_voices_dir();
	rp_diags diags = {0};
	rp_voice_library *lib = NULL;
	int rc = rp_voice_library_load(dir, &lib, &diags);
	rp_diags_print(&diags, stderr);
	rp_diags_clear(&diags);
	if (rc != RP_OK)
		return EXIT_FAILED;
	printf("Voice presets in %s:\n", dir);
	for (size_t i = 0; i < lib->n_presets; i++) {
		const rp_voice_preset *p = &lib->presets[i];
		printf("%-10s %-10s %-7s pitch %3d  range %3d  rate %3d wpm\n", p->id, p->name,
		       p->gender == RP_GENDER_FEMALE ? "female"
		       : p->gender == RP_GENDER_MALE ? "male"
		                                     : "-",
		       p->pitch, p->range, p->rate);
		for (size_t k = 0; k < p->n_langs; k++)
			printf("           %-4s %s\n", p->langs[k].lang, p->langs[k].voice);
	}
	rp_voice_library_free(lib);
	return EXIT_OK;
}
