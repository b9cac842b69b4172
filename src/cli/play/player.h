/* `radioplay play`: play a script through the sound card while it is synthesized.
 *
 * The pipeline is render's (cli_build_plan, then rp_render); only the sink differs: frames go
 * through a lock-free ring buffer to a PortAudio callback (player_audio.h). A synthesis thread
 * runs rp_render ahead of playback; the main thread draws the display (player_display.h), reads
 * keys (player_term.h) and restarts the render at another turn for --from, next and previous.
 */
#ifndef RP_PLAYER_H
#define RP_PLAYER_H

/* Entry point of the `play` subcommand; argv[0] is "play". Returns the process exit status:
 * 0 played to the end or quit with q, 1 failed (no device, bad script, synthesis error),
 * 2 usage error, 130 stopped by SIGINT (and 128 + the signal for SIGTERM, SIGHUP, SIGQUIT). */
int rp_cmd_play(int argc, char **argv);

#endif
