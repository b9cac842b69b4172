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

volatile sig_atomic_t cli_stop_signal;

static void on_signal(int sig)
{
	cli_stop_signal = sig;
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
	fprintf(stderr, "\nTry 'radioplay %s%s--help'.\n", command ? command : "",
	        command ? " " : "");
	return EXIT_USAGE;
}

bool cli_parse_int(const char *arg, int lo, int hi, const char *command, const char *name, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < lo || v > hi) {
		cli_usage_error(command, "--%s %s: expected a whole number from %d to %d", name,
		                arg, lo, hi);
		return false;
	}
	*out = (int)v;
	return true;
}

void cli_plan_args_init(cli_plan_args *a)
{
	*a = (cli_plan_args){0};
	rp_load_options_init(&a->load);
	a->load.cast = &a->cast;
	a->load.lexicon_files = a->lexicons;
}

void cli_plan_args_clear(cli_plan_args *a)
{
	rp_cast_clear(&a->cast);
	rp_diags_clear(&a->diags);
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
	case OPT_CAST: a->load.cast_file = arg; return 1;
	case OPT_VOICES: a->load.voices_dir = arg; return 1;
	case OPT_LEXICON:
		if (a->load.n_lexicon_files == sizeof a->lexicons / sizeof *a->lexicons) {
			cli_usage_error(command, "--lexicon: at most 16 files");
			return -1;
		}
		a->lexicons[a->load.n_lexicon_files++] = arg;
		return 1;
	case OPT_ENCODING: a->load.source.encoding = arg; return 1;
	case OPT_STRICT: a->load.source.strict = true; return 1;
	case OPT_KEEP_MOJIBAKE: a->load.source.keep_mojibake = true; return 1;
	case OPT_EMOJI:
		if (strcmp(arg, "speak") != 0 && strcmp(arg, "skip") != 0) {
			cli_usage_error(command, "--emoji %s: expected 'skip' or 'speak'", arg);
			return -1;
		}
		a->load.emoji_speak = strcmp(arg, "speak") == 0;
		return 1;
	case OPT_TURN_GAP: gap = &a->load.plan.turn_gap_ms, name = "turn-gap"; break;
	case OPT_PARAGRAPH_GAP: gap = &a->load.plan.paragraph_gap_ms, name = "paragraph-gap"; break;
	case OPT_SENTENCE_GAP: gap = &a->load.plan.sentence_gap_ms, name = "sentence-gap"; break;
	case OPT_CLAUSE_GAP: gap = &a->load.plan.clause_gap_ms, name = "clause-gap"; break;
	default: return 0;
	}
	return cli_parse_int(arg, 0, 60000, command, name, gap) ? 1 : -1;
}

int cli_build_plan(cli_plan_args *a, rp_plan **plan)
{
	rp_diags_clear(&a->diags);
	int rc = rp_plan_load(a->script, &a->load, plan, &a->diags);
	if (rc == RP_OK) {
		if (!a->quiet)
			rp_diags_print(&a->diags, stderr);
	} else {
		rp_diags_print(&a->diags, stderr);
		if (a->diags.errors == 0)
			fprintf(stderr, "radioplay: %s\n", rp_strerror(rc));
	}
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

int cli_open_synth(rp_synth **synth)
{
	rp_diags diags = {0};
	int rc = rp_synth_open(synth, &diags);
	if (rc != RP_OK) {
		rp_diags_print(&diags, stderr);
		if (diags.errors == 0)
			fprintf(stderr, "radioplay: cannot start eSpeak NG: %s\n", rp_strerror(rc));
	}
	rp_diags_clear(&diags);
	return rc;
}
