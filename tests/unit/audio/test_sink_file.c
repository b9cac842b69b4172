/* The audio file sink (src/audio/sink_file.c): commit writes exactly the frames given and replaces
 * the target; without commit, and after write errors, the folder holds exactly what it held
 * before (hidden files included) and an existing target keeps its bytes; the named-temporary
 * fallback (RADIOPLAY_NO_O_TMPFILE=1) locks its temporary, and an open removes the stale
 * temporaries of its target but never a locked one; bad targets are RP_ERR_ARG. Every test runs
 * in both modes: the file without a name (O_TMPFILE) and the named temporary. */
#define _GNU_SOURCE /* O_TMPFILE */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "radioplay.h"
#include "testutil.h"

#define RATE 16000
#define FRAMES 10000

/* Selects the sink's mode for the next opens: 0 O_TMPFILE, 1 the named temporary. */
static void use_mode(int named)
{
	if (named)
		setenv("RADIOPLAY_NO_O_TMPFILE", "1", 1);
	else
		unsetenv("RADIOPLAY_NO_O_TMPFILE");
}

static char *temp_dir(void)
{
	char *d = strdup("/tmp/rp_sink_XXXXXX");
	assert_non_null(mkdtemp(d));
	return d;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every name in `dir`, hidden ones too (not . and ..), sorted, one per line; malloc'd. */
static char *listing(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	char *names[64];
	size_t n = 0, len = 1;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
			assert_true(n < 64);
			names[n] = strdup(e->d_name);
			len += strlen(names[n++]) + 1;
		}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_str);
	char *s = calloc(1, len);
	for (size_t i = 0; i < n; i++) {
		strcat(strcat(s, names[i]), "\n");
		free(names[i]);
	}
	return s;
}

static void assert_listing(const char *dir, const char *expected)
{
	char *now = listing(dir);
	assert_string_equal(now, expected);
	free(now);
}

static const char *join(const char *dir, const char *name)
{
	static char buf[4][4096];
	static int i;
	i = (i + 1) % 4;
	snprintf(buf[i], sizeof buf[i], "%s/%s", dir, name);
	return buf[i];
}

static void put_file(const char *path, const char *bytes)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(bytes, f);
	fclose(f);
}

static void assert_file(const char *path, const char *bytes)
{
	size_t n;
	char *got = tu_read_file(path, &n);
	assert_non_null(got);
	assert_int_equal(n, strlen(bytes));
	assert_memory_equal(got, bytes, n);
	free(got);
}

/* Empty `dir` (files and empty folders) and remove it. */
static void remove_dir(char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			if (unlink(join(dir, e->d_name)) != 0)
				rmdir(join(dir, e->d_name));
	closedir(d);
	assert_int_equal(rmdir(dir), 0);
	free(dir);
}

/* FRAMES frames that use the whole 16-bit range, both extremes included. */
static int16_t *pattern(void)
{
	int16_t *f = malloc(FRAMES * sizeof *f);
	for (int i = 0; i < FRAMES; i++)
		f[i] = (int16_t)((i * 7919) % 65536 - 32768);
	f[1] = INT16_MAX;
	return f;
}

/* Write the pattern in three pieces of different sizes. */
static void write_pattern(rp_file_sink *fs, const int16_t *f)
{
	rp_sink sink = rp_file_sink_as_sink(fs);
	assert_int_equal(sink.write(sink.user, f, 1), RP_OK);
	assert_int_equal(sink.write(sink.user, f + 1, 4000), RP_OK);
	assert_int_equal(sink.write(sink.user, f + 4001, FRAMES - 4001), RP_OK);
}

static bool have_o_tmpfile(const char *dir)
{
	int fd = open(dir, O_TMPFILE | O_RDWR, 0600);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* Commit: the file holds every frame exactly, at the rate, replacing the old file; it is an
 * ordinary file (0666 & ~umask); nothing else stays in the folder. While open, the unnamed mode
 * shows nothing in the folder and the named one exactly one locked temporary. */
static void test_commit_writes_valid_file(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		int format;
	} FILES[] = {
		{"out.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16},
		{"out.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16},
		{"out.AIFF", SF_FORMAT_AIFF | SF_FORMAT_PCM_16},
	};
	int16_t *f = pattern();
	for (int named = 0; named < 2; named++)
		for (size_t k = 0; k < sizeof FILES / sizeof *FILES; k++) {
			use_mode(named);
			char *dir = temp_dir();
			const char *path = join(dir, FILES[k].name);
			put_file(path, "old bytes");
			mode_t old_mask = umask(named ? 027 : 022);
			rp_diags diags = {0};
			rp_file_sink *fs = NULL;
			assert_int_equal(rp_file_sink_open(path, RATE, &fs, &diags), RP_OK);
			write_pattern(fs, f);
			char *open_listing = listing(dir);
			assert_file(path, "old bytes"); /* replaced only by commit */
			assert_int_equal(rp_file_sink_commit(fs), RP_OK);
			assert_int_equal(rp_file_sink_commit(fs),
			                 RP_OK); /* a second call does nothing */
			rp_file_sink_close(fs);
			umask(old_mask);
			assert_int_equal(diags.count, 0);

			char expect[64];
			snprintf(expect, sizeof expect, "%s\n", FILES[k].name);
			if (named || have_o_tmpfile(dir)) {
				char *tmp = strchr(open_listing, '\n') +
				            1; /* hidden names sort first */
				if (named)
					assert_true(open_listing[0] == '.' &&
					            strcmp(tmp, expect) == 0);
				else
					assert_string_equal(open_listing, expect);
			}
			free(open_listing);
			assert_listing(dir, expect);

			SF_INFO info = {0};
			SNDFILE *sf = sf_open(path, SFM_READ, &info);
			assert_non_null(sf);
			assert_int_equal(info.samplerate, RATE);
			assert_int_equal(info.channels, 1);
			assert_int_equal(info.format, FILES[k].format);
			assert_int_equal(info.frames, FRAMES);
			int16_t *back = calloc(FRAMES + 1, sizeof *back);
			assert_int_equal(sf_readf_short(sf, back, FRAMES + 1), FRAMES);
			assert_memory_equal(back, f, FRAMES * sizeof *f);
			free(back);
			sf_close(sf);
			struct stat st;
			assert_int_equal(stat(path, &st), 0);
			assert_int_equal(st.st_mode & 07777, named ? 0640 : 0644);
			remove_dir(dir);
		}
	free(f);
	unsetenv("RADIOPLAY_NO_O_TMPFILE");
}

/* Close without commit: the folder is exactly as before and the old target keeps its bytes. */
static void test_close_without_commit_leaves_nothing(void **state)
{
	(void)state;
	int16_t *f = pattern();
	for (int named = 0; named < 2; named++) {
		use_mode(named);
		char *dir = temp_dir();
		put_file(join(dir, "out.wav"), "precious");
		put_file(join(dir, ".hidden"), "x");
		char *before = listing(dir);
		for (int written = 0; written < 2; written++) {
			rp_diags diags = {0};
			rp_file_sink *fs = NULL;
			assert_int_equal(rp_file_sink_open(join(dir, "out.wav"), RATE, &fs, &diags),
			                 RP_OK);
			if (written)
				write_pattern(fs, f);
			rp_file_sink_close(fs);
			assert_int_equal(diags.count, 0);
			assert_listing(dir, before);
			assert_file(join(dir, "out.wav"), "precious");
		}
		/* a new target is not created either */
		rp_diags diags = {0};
		rp_file_sink *fs = NULL;
		assert_int_equal(rp_file_sink_open(join(dir, "new.flac"), RATE, &fs, &diags),
		                 RP_OK);
		write_pattern(fs, f);
		rp_file_sink_close(fs);
		assert_listing(dir, before);
		rp_file_sink_close(NULL);
		free(before);
		remove_dir(dir);
	}
	free(f);
	unsetenv("RADIOPLAY_NO_O_TMPFILE");
}

/* The named temporary exists while the sink is open and is locked; close removes it. */
static void test_named_temporary_is_locked(void **state)
{
	(void)state;
	use_mode(1);
	char *dir = temp_dir();
	rp_diags diags = {0};
	rp_file_sink *fs = NULL;
	assert_int_equal(rp_file_sink_open(join(dir, "out.wav"), RATE, &fs, &diags), RP_OK);
	char *open_listing = listing(dir);
	assert_int_equal(strlen(open_listing), strlen(".out.wav.XXXXXX\n"));
	assert_memory_equal(open_listing, ".out.wav.", 9);
	open_listing[strlen(open_listing) - 1] = '\0';
	int fd = open(join(dir, open_listing), O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), -1);
	assert_int_equal(errno, EWOULDBLOCK);
	rp_file_sink_close(fs);
	assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0); /* released */
	close(fd);
	assert_listing(dir, "");
	free(open_listing);
	remove_dir(dir);
	unsetenv("RADIOPLAY_NO_O_TMPFILE");
}

/* A child that holds an flock on `path` until its pipe closes: a render still running. */
static pid_t hold_lock(const char *path, int *release)
{
	int ready[2], hold[2];
	assert_int_equal(pipe(ready), 0);
	assert_int_equal(pipe(hold), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(ready[0]);
		close(hold[1]);
		int fd = open(path, O_RDONLY);
		char c = fd >= 0 && flock(fd, LOCK_EX) == 0 ? 'y' : 'n';
		if (write(ready[1], &c, 1) != 1 || read(hold[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(ready[1]);
	close(hold[0]);
	char c = 0;
	assert_int_equal(read(ready[0], &c, 1), 1);
	assert_int_equal(c, 'y');
	close(ready[0]);
	*release = hold[1];
	return pid;
}

/* Opening a target removes its temporaries whose lock can be taken (their renders died) and keeps
 * a locked one, other targets' temporaries, and names that only look alike. */
static void test_stale_temporaries_removed(void **state)
{
	(void)state;
	for (int named = 0; named < 2; named++) {
		use_mode(named);
		char *dir = temp_dir();
		put_file(join(dir, "out.wav"), "precious");
		put_file(join(dir, ".out.wav.Stale1"), "dead render");
		put_file(join(dir, ".out.wav.stale2"), "dead render");
		put_file(join(dir, ".out.wav.Locked"), "live render");
		put_file(join(dir, ".other.wav.Stale3"), "another target");
		put_file(join(dir, ".out.wav.backup1"), "7 letters: not ours");
		put_file(join(dir, ".out.wav.bak"), "3 letters: not ours");
		put_file(join(dir, "out.wav.Stale4"), "not hidden: not ours");
		put_file(join(dir, ".out.wav.Sta-le"), "not a letter: not ours");
		assert_int_equal(mkdir(join(dir, ".out.wav.Folder"), 0700), 0);
		assert_int_equal(symlink("out.wav", join(dir, ".out.wav.Linked")), 0);
		int release;
		pid_t child = hold_lock(join(dir, ".out.wav.Locked"), &release);
		const char *kept =
			".other.wav.Stale3\n.out.wav.Folder\n.out.wav.Linked\n"
			".out.wav.Locked\n.out.wav.Sta-le\n.out.wav.backup1\n.out.wav.bak\n"
			"out.wav\nout.wav.Stale4\n";

		rp_diags diags = {0};
		rp_file_sink *fs = NULL;
		assert_int_equal(rp_file_sink_open(join(dir, "out.wav"), RATE, &fs, &diags), RP_OK);
		rp_file_sink_close(fs);
		assert_int_equal(diags.count, 0);
		assert_listing(dir, kept);
		assert_file(join(dir, ".out.wav.Locked"), "live render");

		/* once its render is gone, the next open removes that one too */
		close(release);
		int status;
		assert_int_equal(waitpid(child, &status, 0), child);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		assert_int_equal(rp_file_sink_open(join(dir, "out.wav"), RATE, &fs, &diags), RP_OK);
		rp_file_sink_close(fs);
		assert_listing(dir, ".other.wav.Stale3\n.out.wav.Folder\n.out.wav.Linked\n"
		                    ".out.wav.Sta-le\n.out.wav.backup1\n.out.wav.bak\n"
		                    "out.wav\nout.wav.Stale4\n");
		remove_dir(dir);
	}
	unsetenv("RADIOPLAY_NO_O_TMPFILE");
}

/* A write error (here the file size limit, RLIMIT_FSIZE: EFBIG) is reported once, naming the
 * target and the system's reason; commit refuses; nothing is left and the old target is kept.
 * With FLAC the frames are written only when the file is finished: the error comes at commit. */
static void test_write_errors_reported(void **state)
{
	(void)state;
	int16_t *f = pattern();
	struct rlimit old;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
	for (int named = 0; named < 2; named++)
		for (int flac = 0; flac < 2; flac++) {
			use_mode(named);
			char *dir = temp_dir();
			const char *path = join(dir, flac ? "out.flac" : "out.wav");
			put_file(path, "precious");
			char *before = listing(dir);
			rp_diags diags = {0};
			rp_file_sink *fs = NULL;
			assert_int_equal(rp_file_sink_open(path, RATE, &fs, &diags), RP_OK);
			rp_sink sink = rp_file_sink_as_sink(fs);
			struct rlimit small = {1024, old.rlim_max};
			assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
			int w1 = sink.write(sink.user, f, 200); /* 400 bytes of WAV: fits */
			/* past the limit for WAV; FLAC keeps these (less than one 4096-frame block) */
			int w2 = sink.write(sink.user, f, flac ? 1500 : FRAMES);
			int w3 = sink.write(sink.user, f, 10);
			size_t errors_before_commit = diags.errors;
			int c = rp_file_sink_commit(fs);
			assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
			assert_int_equal(w1, RP_OK);
			assert_int_equal(w2, flac ? RP_OK : RP_ERR_IO);
			assert_int_equal(w3, flac ? RP_OK : RP_ERR_IO);
			assert_int_equal(errors_before_commit,
			                 flac ? 0 : 1); /* said when it happened */
			assert_int_equal(c, RP_ERR_IO);
			assert_int_equal(diags.errors, 1);
			assert_string_equal(diags.items[0].file, path);
			assert_string_equal(diags.items[0].message, "cannot write: File too large");
			assert_int_equal(rp_file_sink_commit(fs), RP_ERR_IO);
			assert_listing(dir, before); /* gone at the failed commit already */
			rp_file_sink_close(fs);
			assert_int_equal(diags.errors, 1);
			assert_listing(dir, before);
			assert_file(path, "precious");
			rp_diags_clear(&diags);
			free(before);
			remove_dir(dir);
		}
	signal(SIGXFSZ, old_handler);
	free(f);
	unsetenv("RADIOPLAY_NO_O_TMPFILE");
}

/* An unknown extension, a folder, a missing folder: an error naming the path, nothing created. */
static void test_bad_targets(void **state)
{
	(void)state;
	char *dir = temp_dir();
	assert_int_equal(mkdir(join(dir, "folder.wav"), 0700), 0);
	static const struct {
		const char *name;
		int rc;
		const char *message;
	} BAD[] = {
		{"out.mp9", RP_ERR_ARG,
	         "unknown output format: use a .wav, .flac, .ogg or .aiff file name"},
		{"noext", RP_ERR_ARG, "unknown output format"},
		{"folder.wav", RP_ERR_ARG, "output is a folder, not a file name"},
		{"missing/out.wav", RP_ERR_IO, "/missing: No such file or directory"},
	};
	for (int named = 0; named < 2; named++)
		for (size_t k = 0; k < sizeof BAD / sizeof *BAD; k++) {
			use_mode(named);
			const char *path = join(dir, BAD[k].name);
			rp_diags diags = {0};
			rp_file_sink *fs = (rp_file_sink *)1;
			assert_int_equal(rp_file_sink_open(path, RATE, &fs, &diags), BAD[k].rc);
			assert_null(fs);
			assert_int_equal(diags.errors, 1);
			assert_string_equal(diags.items[0].file, path);
			assert_non_null(strstr(diags.items[0].message, BAD[k].message));
			rp_diags_clear(&diags);
			assert_listing(dir, "folder.wav\n");
		}
	remove_dir(dir);
	unsetenv("RADIOPLAY_NO_O_TMPFILE");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commit_writes_valid_file),
		cmocka_unit_test(test_close_without_commit_leaves_nothing),
		cmocka_unit_test(test_named_temporary_is_locked),
		cmocka_unit_test(test_stale_temporaries_removed),
		cmocka_unit_test(test_write_errors_reported),
		cmocka_unit_test(test_bad_targets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
