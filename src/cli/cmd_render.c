/* radioplay render: plan -> rp_render -> (resampler) -> file sink. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char HELP[] =
	"Usage: radioplay render SCRIPT [OPTIONS]\n"
	"Render SCRIPT to an audio file. The file appears only when the render succeeded; an\n"
	"existing file of that name is replaced then, and never damaged by a failed render.\n"
	"\n"
	"  -o, --output FILE     where to write (default out/NAME.wav for SCRIPT NAME.txt,\n"
	"                        out/stdin.wav for '-'); .wav (16-bit PCM), .flac, .ogg, .aiff\n"
	"  --rate HZ             sample rate of the file (default: eSpeak NG's, 22050 Hz);\n"
	"                        other rates are converted with libsamplerate\n"
	"  -q, --quiet           no progress and no warnings on standard error\n";

/* out/STEM.wav for script path `script` (STEM = file name without its extension). */
static char *default_output(const char *script)
{
	const char *base = strcmp(script, "-") == 0 ? "stdin" : script;
	const char *slash = strrchr(base, '/');
	base = slash ? slash + 1 : base;
	const char *dot = strrchr(base, '.');
	int stem = dot && dot != base ? (int)(dot - base) : (int)strlen(base);
	size_t n = (size_t)stem + 16;
	char *path = malloc(n);
	if (path)
		snprintf(path, n, "out/%.*s.wav", stem, base);
	return path;
}

static void show_progress(void *user, size_t done, size_t total)
{
	(void)user;
	fprintf(stderr, "\rrendering: turn %zu of %zu (%zu%%)", done, total,
	        total ? done * 100 / total : 100);
	fflush(stderr);
}

/* The sink render writes into: passes everything on to `down`, and stops the render
 * (RP_ERR_ABORTED) once SIGINT or SIGTERM came (cli_stop_signal). */
typedef struct stoppable_sink {
	rp_sink down;
} stoppable_sink;

static int stoppable_write(void *user, const int16_t *frames, size_t n)
{
	stoppable_sink *s = user;
	if (cli_stop_signal)
		return RP_ERR_ABORTED;
	return s->down.write(s->down.user, frames, n);
}

static int stoppable_mark(void *user, size_t turn, int64_t frame)
{
	stoppable_sink *s = user;
	return s->down.mark ? s->down.mark(s->down.user, turn, frame) : RP_OK;
}

static int stoppable_item(void *user, size_t turn, size_t item, int64_t start, int64_t end)
{
	stoppable_sink *s = user;
	return s->down.item ? s->down.item(s->down.user, turn, item, start, end) : RP_OK;
}

static rp_sink stoppable_as_sink(stoppable_sink *s)
{
	return (rp_sink){.write = stoppable_write,
	                 .mark = stoppable_mark,
	                 .item = stoppable_item,
	                 .user = s};
}

int cmd_render(int argc, char **argv)
{
	static const struct option LONG[] = {
		CLI_PLAN_LONG_OPTIONS,
		{"output", required_argument, NULL, 'o'},
		{"rate", required_argument, NULL, 'r'},
		{"quiet", no_argument, NULL, 'q'},
		{0},
	};
	cli_plan_args a;
	cli_plan_args_init(&a);
	const char *output = NULL;
	int rate = 0, c, status = EXIT_OK;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:qh", LONG, NULL)) != -1) {
		int h = cli_plan_option(&a, c, optarg, "render");
		if (h < 0) {
			cli_plan_args_clear(&a);
			return EXIT_USAGE;
		}
		if (h)
			continue;
		switch (c) {
		case 'o': output = optarg; break;
		case 'r':
			if (!cli_parse_int(optarg, 8000, 192000, "render", "rate", &rate)) {
				cli_plan_args_clear(&a);
				return EXIT_USAGE;
			}
			break;
		case 'q': a.quiet = true; break;
		case 'h':
		case OPT_HELP:
			fputs(HELP, stdout);
			fputs(CLI_PLAN_OPTIONS_HELP, stdout);
			cli_plan_args_clear(&a);
			return EXIT_OK;
		default:
			cli_plan_args_clear(&a);
			return cli_usage_error("render", "invalid option");
		}
	}
	if (optind != argc - 1) {
		cli_plan_args_clear(&a);
		return cli_usage_error("render", optind >= argc ? "no SCRIPT given"
		                                                : "give exactly one SCRIPT");
	}
	a.script = argv[optind];
	char *out_path = output ? strdup(output) : default_output(a.script);
	if (!output)
		mkdir("out",
		      0777); /* the default folder; an error shows when the file is created */

	rp_synth *synth = NULL;
	rp_plan *plan = NULL;
	rp_file_sink *file = NULL;
	rp_resampler *resampler = NULL;
	rp_diags diags = {0};
	int rc = cli_build_plan(&a, &plan);
	if (rc == RP_OK)
		rc = cli_open_synth(&synth);
	int out_rate = rate ? rate : (plan ? plan->sample_rate : 0);
	if (rc == RP_OK)
		rc = rp_file_sink_open(out_path, out_rate, &file, &diags);
	stoppable_sink stoppable = {0};
	if (rc == RP_OK) {
		stoppable.down = rp_file_sink_as_sink(file);
		if (out_rate != plan->sample_rate) {
			rc = rp_resampler_new(plan->sample_rate, out_rate, &stoppable.down,
			                      &resampler, &diags);
			if (rc == RP_OK)
				stoppable.down = rp_resampler_as_sink(resampler);
		}
	}
	int64_t frames = 0;
	if (rc == RP_OK) {
		cli_install_signals();
		rp_sink sink = stoppable_as_sink(&stoppable);
		rp_render_options ro;
		rp_render_options_init(&ro);
		bool progress = !a.quiet && isatty(STDERR_FILENO);
		if (progress)
			ro.progress = show_progress;
		rc = rp_render(plan, synth, &sink, &ro, &frames, &diags);
		if (rc == RP_OK && resampler)
			rc = rp_resampler_flush(resampler);
		if (progress)
			fputc('\n', stderr);
		if (rc == RP_OK)
			rc = rp_file_sink_commit(file); /* a failure is in diags */
		rp_diags_print(&diags, stderr);
		if (rc != RP_OK)
			fprintf(stderr, "radioplay: %s: render %s%s%s; %s was not written\n",
			        a.script, rc == RP_ERR_ABORTED ? "stopped" : "failed",
			        diags.errors || rc == RP_ERR_ABORTED ? "" : ": ",
			        diags.errors || rc == RP_ERR_ABORTED ? "" : rp_strerror(rc),
			        out_path);
	} else {
		rp_diags_print(&diags, stderr);
	}
	rp_file_sink_close(file);
	if (rc == RP_OK && !a.quiet)
		fprintf(stderr, "radioplay: wrote %s (%.1f s, %d Hz)\n", out_path,
		        (double)frames / plan->sample_rate, out_rate);
	status = rc == RP_OK ? EXIT_OK : EXIT_FAILED;
	rp_diags_clear(&diags);
	rp_resampler_free(resampler);
	rp_plan_free(plan);
	rp_synth_close(synth);
	cli_plan_args_clear(&a);
	free(out_path);
	return status;
}
