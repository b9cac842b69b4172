/* Shared parts of the radioplay subcommands (internal to the command-line program). */
#ifndef RP_CLI_H
#define RP_CLI_H

#include "radioplay.h"

#include <signal.h>

/* Exit statuses (README "Command line"). */
enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

/* Options every command that builds a plan understands. */
typedef struct cli_plan_args {
	const char *script;       /* path or "-" */
	rp_load_options load;     /* what rp_plan_load is given; points into the fields below */
	rp_cast cast;             /* --voice NAME=PRESET */
	const char *lexicons[16]; /* --lexicon FILE, in order */
	bool quiet;
	rp_diags diags; /* everything rp_plan_load said (cli_build_plan) */
} cli_plan_args;

/* getopt_long option codes for the shared options; commands add their own above 1000. */
enum {
	OPT_VOICE = 256,
	OPT_CAST,
	OPT_VOICES,
	OPT_TURN_GAP,
	OPT_PARAGRAPH_GAP,
	OPT_SENTENCE_GAP,
	OPT_CLAUSE_GAP,
	OPT_HELP,
	OPT_ENCODING,
	OPT_STRICT,
	OPT_KEEP_MOJIBAKE,
	OPT_LEXICON,
	OPT_EMOJI
};

/* clang-format off: one option a line */
#define CLI_PLAN_LONG_OPTIONS                                                                      \
	{"voice", required_argument, NULL, OPT_VOICE},                                             \
		{"cast", required_argument, NULL, OPT_CAST},                                       \
		{"voices", required_argument, NULL, OPT_VOICES},                                   \
		{"turn-gap", required_argument, NULL, OPT_TURN_GAP},                               \
		{"paragraph-gap", required_argument, NULL, OPT_PARAGRAPH_GAP},                     \
		{"sentence-gap", required_argument, NULL, OPT_SENTENCE_GAP},                       \
		{"clause-gap", required_argument, NULL, OPT_CLAUSE_GAP},                           \
		{"lexicon", required_argument, NULL, OPT_LEXICON},                                 \
		{"encoding", required_argument, NULL, OPT_ENCODING},                               \
		{"strict", no_argument, NULL, OPT_STRICT},                                         \
		{"keep-mojibake", no_argument, NULL, OPT_KEEP_MOJIBAKE},                           \
		{"emoji", required_argument, NULL, OPT_EMOJI},                                     \
	{                                                                                          \
		"help", no_argument, NULL, OPT_HELP                                                \
	}
/* clang-format on */

/* Help text for the shared options. */
extern const char CLI_PLAN_OPTIONS_HELP[];

void cli_plan_args_init(cli_plan_args *a);
void cli_plan_args_clear(cli_plan_args *a);
/* Handle one shared option. Returns 1 if handled, 0 if `opt` is not a shared option, -1 on a
 * usage error (message printed). */
int cli_plan_option(cli_plan_args *a, int opt, const char *arg, const char *command);
/* Parse a whole number in [lo, hi]; prints "radioplay CMD: --NAME: ..." and returns false if not. */
bool cli_parse_int(const char *arg, int lo, int hi, const char *command, const char *name,
                   int *out);
/* Print a usage error and the hint to use --help; returns EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Build the plan (rp_plan_load). Its diagnostics stay in a->diags and are printed to stderr
 * unless a->quiet (errors always). Returns RP_OK or the failing status. */
int cli_build_plan(cli_plan_args *a, rp_plan **plan);

/* Parse the arguments of a command that takes the shared plan options, -q/--quiet, -h/--help
 * and exactly one SCRIPT (plan, check). Returns -1 when the command should go on (a->script is
 * set); otherwise the exit status to return at once (help printed: EXIT_OK; usage error
 * reported: EXIT_USAGE), with `a` cleared. */
int cli_parse_plan_command(cli_plan_args *a, int argc, char **argv, const char *command,
                           const char *help);

/* Start eSpeak NG; prints what failed. RP_OK or the status. */
int cli_open_synth(rp_synth **synth);

/* The signal that asked the program to stop (SIGINT, SIGTERM), 0 while none; set once
 * cli_install_signals() ran. */
extern volatile sig_atomic_t cli_stop_signal;
void cli_install_signals(void);

int cmd_render(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_voices(int argc, char **argv);
int cmd_check(int argc, char **argv);

#endif
