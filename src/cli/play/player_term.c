/* Keys, quit signals and terminal restoration for `radioplay play` (see player_term.h). */
#include "player_term.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t quit_signal;
static struct termios saved_termios;
static volatile sig_atomic_t termios_saved;
static volatile sig_atomic_t cursor_hidden;
static bool keys_enabled;

void rp_term_restore(void)
{
	if (cursor_hidden) {
		static const char show[] = "\033[?25h";
		ssize_t r = write(STDOUT_FILENO, show, sizeof show - 1);
		(void)r;
		cursor_hidden = 0;
	}
	if (termios_saved) {
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
		termios_saved = 0;
	}
}

/* Seconds on CLOCK_MONOTONIC (clock_gettime is async-signal-safe, POSIX.1-2008). */
static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static volatile double quit_time;

static void on_signal(int sig)
{
	if (quit_signal == 0) {
		quit_time = now_s();
		quit_signal = sig;
	} else if (now_s() - quit_time > 1.0) {
		/* Asked again a second later: the main loop is stuck; give up now, cleanly. (A repeat
		 * within the second is the same request delivered twice, e.g. by timeout(1) to the
		 * process and then to its process group.) */
		rp_term_restore();
		_exit(128 + sig);
	}
}

void rp_term_install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: poll() returns EINTR so the loop sees the flag at once */
	int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
		sigaction(sigs[i], &sa, NULL);
	atexit(rp_term_restore);
}

int rp_term_quit_signal(void)
{
	return quit_signal;
}

bool rp_term_keys_begin(void)
{
	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved_termios) != 0)
		return false;
	termios_saved = 1;
	struct termios raw = saved_termios;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
#ifdef VSUSP
	raw.c_cc[VSUSP] = _POSIX_VDISABLE;
#endif
	if (tcsetattr(STDIN_FILENO, TCSANOW, &raw) != 0) {
		termios_saved = 0;
		return false;
	}
	keys_enabled = true;
	return true;
}

void rp_term_hide_cursor(void)
{
	static const char hide[] = "\033[?25l";
	if (isatty(STDOUT_FILENO) && write(STDOUT_FILENO, hide, sizeof hide - 1) > 0)
		cursor_hidden = 1;
}

/* Read one byte if it arrives within `ms`; -1 otherwise. */
static int read_byte(int ms)
{
	struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
	if (poll(&pfd, 1, ms) <= 0)
		return -1;
	unsigned char c;
	ssize_t r = read(STDIN_FILENO, &c, 1);
	if (r == 0)
		return -2; /* end of input */
	return r == 1 ? c : -1;
}

rp_key rp_term_read_key(int timeout_ms)
{
	if (!keys_enabled) {
		poll(NULL, 0, timeout_ms);
		return RP_KEY_NONE;
	}
	int c = read_byte(timeout_ms);
	switch (c) {
	case -1: return RP_KEY_NONE;
	case -2:
		/* The terminal hung up: behave as if asked to quit. */
		return RP_KEY_QUIT;
	case ' ': return RP_KEY_PAUSE;
	case 'n':
	case 'N': return RP_KEY_NEXT;
	case 'p':
	case 'P': return RP_KEY_PREV;
	case 'q':
	case 'Q':
	case 3: /* Ctrl-C when the terminal does not turn it into SIGINT */ return RP_KEY_QUIT;
	case 033: {
		/* ESC [ C / ESC O C (right), ESC [ D / ESC O D (left); other sequences are eaten up to
		 * their final byte. A lone ESC is ignored. */
		int c1 = read_byte(30);
		if (c1 != '[' && c1 != 'O')
			return RP_KEY_OTHER;
		int c2;
		do
			c2 = read_byte(30);
		while (c2 >= 0x20 && c2 < 0x40); /* parameter and intermediate bytes */
		return c2 == 'C' ? RP_KEY_NEXT : c2 == 'D' ? RP_KEY_PREV : RP_KEY_OTHER;
	}
	default: return RP_KEY_OTHER;
	}
}
