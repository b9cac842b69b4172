/* Terminal handling for `radioplay play`: keys from standard input in non-canonical mode, the
 * quit signals, and putting the terminal back the way it was.
 *
 * The terminal settings (termios) and cursor visibility are restored by rp_term_restore(), which
 * is also registered with atexit() and is safe to call more than once and from a signal handler
 * (it only uses tcsetattr and write, both async-signal-safe per POSIX "Signal Concepts").
 * SIGINT, SIGTERM, SIGHUP and SIGQUIT do not kill the program: they set a flag that
 * rp_term_quit_requested() reports, so the main loop can stop the audio and clean up; a second
 * signal of the same kind while the first is being handled restores the terminal and exits.
 * Not thread-safe: call from the main thread only.
 */
#ifndef RP_PLAYER_TERM_H
#define RP_PLAYER_TERM_H

#include <stdbool.h>

typedef enum rp_key {
	RP_KEY_NONE = 0, /* nothing pressed within the timeout */
	RP_KEY_PAUSE,    /* space */
	RP_KEY_NEXT,     /* n, N, right arrow */
	RP_KEY_PREV,     /* p, P, left arrow */
	RP_KEY_QUIT,     /* q, Q, Ctrl-C (as a byte), end of input */
	RP_KEY_OTHER,
} rp_key;

/* Install the quit-signal handlers (always, terminal or not). */
void rp_term_install_signals(void);
/* The quit signal that arrived (SIGINT, ...), or 0. */
int rp_term_quit_signal(void);

/* If standard input is a terminal, save its settings and switch off canonical mode and echo
 * (keeping signals, with the suspend character disabled so Ctrl-Z cannot leave it raw).
 * Returns true when keys can be read. */
bool rp_term_keys_begin(void);
/* Hide the cursor on standard output (a terminal) until rp_term_restore(). */
void rp_term_hide_cursor(void);
/* Put back the saved terminal settings and show the cursor. Idempotent. */
void rp_term_restore(void);

/* Wait up to `timeout_ms` for a key on standard input (when rp_term_keys_begin() returned true)
 * or just sleep that long. Escape sequences for the arrow keys (ESC [ C, ESC [ D, ESC O C, ...)
 * are read whole. Returns RP_KEY_NONE on timeout or when a signal interrupted the wait. */
rp_key rp_term_read_key(int timeout_ms);

#endif
