/* Shared parts of the radioplay subcommands (src/cli/cli.h). */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char CLI_PLAN_OPTIONS_HELP[] =
	"Input:\n"
	"  --encoding NAME       the script's encoding (GBK, Big5, Shift_JIS, windows-1252, ...);\n"
	"                        default: UTF-8 when valid, else detected\n"
	"  --strict              decoding warnings (skipped bytes, repaired mojibake) are errors\n"
	"  --keep-mojibake       do not repair text that was decoded with the wrong code page\n"
	"  --emoji MODE          skip (default): emoji are not spoken; speak: read each emoji\n"
	"                        by its Unicode CLDR name in the language around it (needs\n"
	"                        Debian's unicode-cldr-core, or RADIOPLAY_CLDR_DIR set to a\n"
	"                        CLDR 'common' folder)\n"
	"Voices and pauses:\n"
	"  --voice NAME=PRESET   give speaker NAME the voice preset PRESET (repeatable;\n"
	"                        'radioplay voices' lists presets)\n"
	"  --cast FILE.ini       read NAME = PRESET lines from the [cast] section of FILE\n"
	"  --voices DIR          use the voice presets in DIR (default: the shipped ones)\n"
	"  --lexicon FILE        pronunciations: LANG<TAB>WORD<TAB>respelling or [[phonemes]]\n"
	"                        lines (repeatable; added to DIR/lexicon/*.txt, and win over them)\n"
	"  --turn-gap MS         silence between turns (default 500)\n"
	"  --paragraph-gap MS    silence between paragraphs of a turn (default 350)\n"
	"  --sentence-gap MS     silence after a sentence that ends a language span (default 300)\n"
	"  --clause-gap MS       silence after , ; : that ends a language span (default 60)\n";

volatile int cli_cancel;

static void on_signal(int sig)
{
	(void)sig;
	cli_cancel = 1;
}

void cli_install_signals(void)
{
	struct sigaction sa = {0};
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "radioplay%s%s: ", command ? " " : "", command ? command : "");
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'radioplay %s%s--help'.\n", command ? command : "", command ? " " : "");
	return EXIT_USAGE;
}

bool cli_parse_int(const char *arg, int lo, int hi, const char *command, const char *name,
                   int *out)
{
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < lo || v > hi) {
		cli_usage_error(command, "--%s %s: expected a whole number from %d to %d", name, arg, lo,
		                hi);
		return false;
	}
	*out = (int)v;
	return true;
}

void cli_plan_args_init(cli_plan_args *a)
{
	*a = (cli_plan_args){0};
	rp_plan_options_init(&a->plan);
}

void cli_plan_args_clear(cli_plan_args *a)
{
	rp_cast_clear(&a->cast);
	rp_emoji_names_free(a->emoji_names);
	a->emoji_names = NULL;
	a->plan.emoji_names = NULL;
}

int cli_plan_option(cli_plan_args *a, int opt, const char *arg, const char *command)
{
	int *gap = NULL;
	const char *name = NULL;
	switch (opt) {
	case OPT_VOICE:
		if (rp_cast_add_assignment(&a->cast, arg) != RP_OK) {
			cli_usage_error(command, "--voice %s: expected NAME=PRESET", arg);
			return -1;
		}
		return 1;
	case OPT_CAST:
		a->cast_file = arg;
		return 1;
	case OPT_VOICES:
		a->voices_dir = arg;
		return 1;
	case OPT_LEXICON:
		if (a->n_lexicons == sizeof a->lexicons / sizeof *a->lexicons) {
			cli_usage_error(command, "--lexicon: at most 16 files");
			return -1;
		}
		a->lexicons[a->n_lexicons++] = arg;
		return 1;
	case OPT_ENCODING:
		a->source.encoding = arg;
		return 1;
	case OPT_STRICT:
		a->source.strict = true;
		return 1;
	case OPT_KEEP_MOJIBAKE:
		a->source.keep_mojibake = true;
		return 1;
	case OPT_EMOJI:
		if (strcmp(arg, "speak") != 0 && strcmp(arg, "skip") != 0) {
			cli_usage_error(command, "--emoji %s: expected 'skip' or 'speak'", arg);
			return -1;
		}
		a->emoji_speak = strcmp(arg, "speak") == 0;
		return 1;
	case OPT_TURN_GAP:
		gap = &a->plan.turn_gap_ms, name = "turn-gap";
		break;
	case OPT_PARAGRAPH_GAP:
		gap = &a->plan.paragraph_gap_ms, name = "paragraph-gap";
		break;
	case OPT_SENTENCE_GAP:
		gap = &a->plan.sentence_gap_ms, name = "sentence-gap";
		break;
	case OPT_CLAUSE_GAP:
		gap = &a->plan.clause_gap_ms, name = "clause-gap";
		break;
	default:
		return 0;
	}
	return cli_parse_int(arg, 0, 60000, command, name, gap) ? 1 : -1;
}

int cli_build_plan(cli_plan_args *a, int sample_rate, rp_plan **plan)
{
	*plan = NULL;
	rp_diags diags = {0};
	rp_source *src = NULL;
	rp_script *script = NULL;
	rp_voice_library *lib = NULL;
	rp_lexicon *lex = NULL;
	const char *voices = a->voices_dir ? a->voices_dir : rp_default_voices_dir();
	int rc = rp_source_load(a->script, &a->source, &src, &diags);
	if (rc == RP_OK)
		rc = rp_script_parse(src, &script, &diags);
	if (rc == RP_OK)
		rc = rp_voice_library_load(voices, &lib, &diags);
	if (rc == RP_OK) { /* the shipped lexicon, then the user's, which win */
		char dir[4096];
		snprintf(dir, sizeof dir, "%s/lexicon", voices);
		rc = rp_lexicon_load_dir(&lex, dir, &diags);
		for (size_t i = 0; rc == RP_OK && i < a->n_lexicons; i++)
			rc = rp_lexicon_load(&lex, a->lexicons[i], &diags);
		a->plan.lexicon = lex;
	}
	if (rc == RP_OK && a->cast_file)
		rc = rp_cast_load(&a->cast, a->cast_file, &diags);
	if (rc == RP_OK && a->emoji_speak && !a->emoji_names) {
		const char *cldr = getenv("RADIOPLAY_CLDR_DIR");
		rc = rp_emoji_names_open(cldr && *cldr ? cldr : NULL, &a->emoji_names, &diags);
		a->plan.emoji_names = a->emoji_names;
	}
	if (rc == RP_OK) {
		a->plan.sample_rate = sample_rate;
		a->plan.cast = &a->cast;
		rc = rp_plan_build(script, lib, &a->plan, plan, &diags);
	}
	if (rc == RP_OK) {
		/* the plan carries every warning, the parser's first */
		rp_diags all = {0};
		for (size_t i = 0; i < diags.count; i++) {
			const rp_diag *d = &diags.items[i];
			rp_diags_add(&all, d->severity, d->file, d->line, d->column, "%s", d->message);
		}
		for (size_t i = 0; i < (*plan)->warnings.count; i++) {
			const rp_diag *d = &(*plan)->warnings.items[i];
			rp_diags_add(&all, d->severity, d->file, d->line, d->column, "%s", d->message);
		}
		rp_diags_clear(&(*plan)->warnings);
		(*plan)->warnings = all;
		if (!a->quiet)
			rp_diags_print(&all, stderr);
	} else {
		rp_diags_print(&diags, stderr);
		if (diags.count == 0)
			fprintf(stderr, "radioplay: %s\n", rp_strerror(rc));
	}
	rp_diags_clear(&diags);
	rp_voice_library_free(lib);
	rp_lexicon_free(lex);
	a->plan.lexicon = NULL;
	rp_script_free(script);
	rp_source_free(src);
	return rc;
}

int cli_parse_plan_command(cli_plan_args *a, int argc, char **argv, const char *command,
                           const char *help)
{
	static const struct option LONG[] = {
		CLI_PLAN_LONG_OPTIONS,
		{"quiet", no_argument, NULL, 'q'},
		{0},
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "qh", LONG, NULL)) != -1) {
		int h = cli_plan_option(a, c, optarg, command);
		if (h < 0) {
			cli_plan_args_clear(a);
			return EXIT_USAGE;
		}
		if (h)
			continue;
		if (c == 'q') {
			a->quiet = true;
			continue;
		}
		cli_plan_args_clear(a);
		if (c == 'h' || c == OPT_HELP) {
			fputs(help, stdout);
			fputs(CLI_PLAN_OPTIONS_HELP, stdout);
			return EXIT_OK;
		}
		return cli_usage_error(command, "invalid option");
	}
	if (optind != argc - 1) {
		cli_plan_args_clear(a);
		return cli_usage_error(command, optind >= argc ? "no SCRIPT given"
		                                               : "give exactly one SCRIPT");
	}
	a->script = argv[optind];
	return -1;
}

int cli_open_and_plan(cli_plan_args *a, rp_synth **synth, rp_plan **plan)
{
	*plan = NULL;
	int rc = rp_synth_open(synth);
	if (rc != RP_OK) {
		fprintf(stderr, "radioplay: cannot start eSpeak NG: %s\n", rp_strerror(rc));
		return rc;
	}
	return cli_build_plan(a, rp_synth_sample_rate(*synth), plan);
}
