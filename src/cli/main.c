/* radioplay: the command-line front end. A thin layer over the library (include/radioplay.h). */
#include "cli.h"
#include "player.h"

#include <samplerate.h>
#include <sndfile.h>
#include <string.h>

static const char HELP[] =
	"Usage: radioplay COMMAND [OPTIONS] SCRIPT\n"
	"Render a written dialogue script ([NAME]: text lines, any mix of Mandarin and English)\n"
	"as an audio drama with eSpeak NG: each speaker gets a voice, each language span the\n"
	"speaker's voice for that language.\n"
	"\n"
	"Commands:\n"
	"  render SCRIPT   write the drama to an audio file (default out/SCRIPT-NAME.wav)\n"
	"  play SCRIPT     play the drama through the sound card as it is synthesized\n"
	"  plan SCRIPT     print as JSON exactly what would be spoken, by whom, in which language\n"
	"  check SCRIPT    lint a script: encoding, warnings, voices, what is not spoken, numbers\n"
	"  voices          list the voice presets and the eSpeak NG voices they use\n"
	"\n"
	"SCRIPT '-' reads standard input. 'radioplay COMMAND --help' tells more.\n"
	"  -h, --help      show this help\n"
	"  --version       show the versions of radioplay and the libraries it uses\n"
	"\n"
	"Exit status: 0 success, 1 the script could not be rendered, 2 usage error.\n";

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} COMMANDS[] = {
	{"render", cmd_render}, {"plan", cmd_plan},    {"voices", cmd_voices},
	{"check", cmd_check},   {"play", rp_cmd_play},
};

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(HELP, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		fputs(HELP, stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		char sf[128];
		sf_command(NULL, SFC_GET_LIB_VERSION, sf, sizeof sf);
		printf("radioplay %s\neSpeak NG %s\n%s\n%s\n", RADIOPLAY_VERSION,
		       rp_espeak_version(), sf, src_get_version());
		return EXIT_OK;
	}
	for (size_t i = 0; i < sizeof COMMANDS / sizeof *COMMANDS; i++)
		if (strcmp(argv[1], COMMANDS[i].name) == 0)
			return COMMANDS[i].run(argc - 1, argv + 1);
	return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
}
