/* Audio file sink (include/radioplay.h rp_file_sink): libsndfile writing, through its virtual I/O,
 * into a file beside the target that gets the target's name only when the render is committed.
 *
 * Nothing may be left behind, even when the process is killed (kill -9), so the partial file has
 * no name: open(2) O_TMPFILE ("Create an unnamed temporary regular file ... Anything written to
 * the resulting file will be lost when the last file descriptor is closed, unless the file is
 * given a name") in the target's folder. Commit gives it a name as open(2) and linkat(2) show:
 * linkat("/proc/self/fd/N", ..., AT_SYMLINK_FOLLOW), because AT_EMPTY_PATH needs the
 * CAP_DAC_READ_SEARCH capability; the name is a hidden temporary, renamed over the target,
 * because linkat(2) cannot replace an existing name (EEXIST).
 * Where the filesystem has no O_TMPFILE (EOPNOTSUPP; EISDIR or EINVAL from older kernels) the
 * frames go to a named temporary .NAME.EXT.XXXXXX instead, held under flock(2) LOCK_EX for as long
 * as the sink is open: a temporary of the same target whose lock can be taken belongs to a render
 * that died, and the next open of that target removes it.
 *
 * Write errors are seen in the I/O callbacks, with their errno: sf_close() reports only whether
 * the descriptor closed, so a failure while libsndfile writes the header or the last FLAC or Vorbis
 * frames at close would otherwise go unseen and a truncated file would be committed. */
#define _GNU_SOURCE /* O_TMPFILE */
#include "radioplay.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sndfile.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TEMP_SUFFIX 6 /* letters or digits after ".NAME.EXT." */
static const char ALNUM[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

struct rp_file_sink {
	SNDFILE *sf;
	int fd;         /* the partial file, under flock(LOCK_EX); -1 when closed */
	int dirfd;      /* the target's folder: the names below are relative to it */
	bool unnamed;   /* fd is an O_TMPFILE file */
	bool tmp_named; /* `tmp` names fd's file (fallback, or between linkat and rename) */
	bool failed;    /* an error was reported; commit refuses */
	bool committed;
	int io_errno;    /* the first failed system call's errno in the I/O callbacks */
	char *path;      /* the target as given, for diagnostics */
	char *base;      /* its last component */
	char *tmp;       /* ".BASE.XXXXXX" */
	rp_diags *diags; /* borrowed */
};

/* libsndfile format for a file name's extension; 0 when unknown. */
static int format_for(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	if (!dot)
		return 0;
	static const struct {
		const char *ext;
		int format;
	} FORMATS[] = {
		{".wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16},
		{".flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16},
		{".ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS},
		{".aiff", SF_FORMAT_AIFF | SF_FORMAT_PCM_16},
		{".aif", SF_FORMAT_AIFF | SF_FORMAT_PCM_16},
	};
	for (size_t i = 0; i < sizeof FORMATS / sizeof *FORMATS; i++)
		if (strcasecmp(dot, FORMATS[i].ext) == 0)
			return FORMATS[i].format;
	return 0;
}

/* Report the sink's first failure, "PATH: error: WHAT: CAUSE", where CAUSE is strerror(err) and,
 * when libsndfile has an error of its own, sf_strerror(). Returns RP_ERR_IO. */
static int fail(rp_file_sink *fs, const char *what, int err)
{
	if (fs->failed)
		return RP_ERR_IO;
	fs->failed = true;
	const char *lib = fs->sf && sf_error(fs->sf) ? sf_strerror(fs->sf) : NULL;
	if (err && lib)
		rp_diags_add(fs->diags, RP_ERROR, fs->path, 0, 0, "%s: %s (libsndfile: %s)", what,
		             strerror(err), lib);
	else
		rp_diags_add(fs->diags, RP_ERROR, fs->path, 0, 0, "%s: %s", what,
		             err   ? strerror(err)
		             : lib ? lib
		                   : "the data was not all written");
	return RP_ERR_IO;
}

/* libsndfile's virtual I/O on fs->fd; a failure keeps its errno in fs->io_errno. */
static sf_count_t io_result(rp_file_sink *fs, sf_count_t r)
{
	if (r < 0 && !fs->io_errno)
		fs->io_errno = errno;
	return r;
}

static sf_count_t io_filelen(void *user)
{
	rp_file_sink *fs = user;
	struct stat st;
	return io_result(fs, fstat(fs->fd, &st) == 0 ? (sf_count_t)st.st_size : -1);
}

static sf_count_t io_seek(sf_count_t offset, int whence, void *user)
{
	rp_file_sink *fs = user;
	return io_result(fs, lseek(fs->fd, (off_t)offset, whence));
}

static sf_count_t io_tell(void *user)
{
	return io_seek(0, SEEK_CUR, user);
}

/* read(2) or write(2) all `n` bytes unless an error (or end of file) comes first. */
static sf_count_t io_transfer(rp_file_sink *fs, char *buf, const char *cbuf, sf_count_t n)
{
	sf_count_t done = 0;
	while (done < n) {
		ssize_t k = buf ? read(fs->fd, buf + done, (size_t)(n - done))
		                : write(fs->fd, cbuf + done, (size_t)(n - done));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			io_result(fs, k);
			break;
		}
		done += k;
	}
	return done;
}

static sf_count_t io_read(void *ptr, sf_count_t n, void *user)
{
	return io_transfer(user, ptr, NULL, n);
}

static sf_count_t io_write(const void *ptr, sf_count_t n, void *user)
{
	return io_transfer(user, NULL, ptr, n);
}

static SF_VIRTUAL_IO IO = {io_filelen, io_seek, io_read, io_write, io_tell};

/* Whether `name` in dirfd is the file open as `fd` (not gone, not replaced by another). */
static bool names_fd(int dirfd, const char *name, int fd)
{
	struct stat a, b;
	return fstatat(dirfd, name, &a, AT_SYMLINK_NOFOLLOW) == 0 && fstat(fd, &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* Whether `name` is a temporary of the target `base`: "." base "." and TEMP_SUFFIX letters or
 * digits, as mkstemp(3) and fresh_name() make them. */
static bool is_temp_of(const char *name, const char *base)
{
	size_t bl = strlen(base);
	if (name[0] != '.' || strncmp(name + 1, base, bl) != 0 || name[bl + 1] != '.')
		return false;
	const char *s = name + bl + 2;
	size_t n = 0;
	while (s[n] && strchr(ALNUM, s[n]))
		n++;
	return n == TEMP_SUFFIX && !s[n];
}

/* Remove the temporaries of this target that no live render holds: those whose lock we can take.
 * The name is checked again under the lock, so that a temporary made anew under the same name
 * (by a render that then locks it) is never removed. */
static void remove_stale(rp_file_sink *fs)
{
	int dfd = openat(fs->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
	if (!d) {
		if (dfd >= 0)
			close(dfd);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!is_temp_of(e->d_name, fs->base))
			continue;
		int fd = openat(fs->dirfd, e->d_name,
		                O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
		if (fd < 0)
			continue;
		struct stat st;
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		    flock(fd, LOCK_EX | LOCK_NB) == 0 && names_fd(fs->dirfd, e->d_name, fd))
			unlinkat(fs->dirfd, e->d_name, 0);
		close(fd);
	}
	closedir(d);
}

/* Put a new random suffix into fs->tmp. Uniqueness comes from the callers' O_EXCL or EEXIST
 * retry; the mix only makes collisions rare (time, process, and a counter for calls within one
 * clock tick). */
static void fresh_name(rp_file_sink *fs)
{
	static atomic_uint_fast64_t counter;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	uint64_t v = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30) ^
	             ((uint64_t)getpid() << 40) ^
	             (atomic_fetch_add(&counter, 1) + 1) * 0x9E3779B97F4A7C15u;
	v = (v ^ (v >> 30)) * 0xBF58476D1CE4E5B9u; /* splitmix64's finalizer */
	v = (v ^ (v >> 27)) * 0x94D049BB133111EBu;
	v ^= v >> 31;
	char *x = fs->tmp + strlen(fs->tmp) - TEMP_SUFFIX;
	for (int i = 0; i < TEMP_SUFFIX; i++, v /= 62)
		x[i] = ALNUM[v % 62];
}

/* Make fs->tmp name a new file with make(fs), under fresh names while one is taken (EEXIST).
 * Returns 0 or an errno. */
static int under_fresh_name(rp_file_sink *fs, int (*make)(rp_file_sink *fs))
{
	for (int tries = 0; tries < 100; tries++) {
		fresh_name(fs);
		if (make(fs) == 0) {
			fs->tmp_named = true;
			return 0;
		}
		if (errno != EEXIST)
			return errno;
	}
	return EEXIST;
}

static int create_named(rp_file_sink *fs)
{
	fs->fd = openat(fs->dirfd, fs->tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	return fs->fd < 0 ? -1 : 0;
}

static int link_unnamed(rp_file_sink *fs)
{
	char proc[64];
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fs->fd);
	return linkat(AT_FDCWD, proc, fs->dirfd, fs->tmp, AT_SYMLINK_FOLLOW);
}

/* The fallback: a named temporary, locked. Another open of the same target may take the lock
 * between our create and our flock and remove the file; then we try again. 0 or an errno. */
static int open_named(rp_file_sink *fs)
{
	for (int tries = 0; tries < 100; tries++) {
		int err = under_fresh_name(fs, create_named);
		if (err)
			return err;
		if (flock(fs->fd, LOCK_EX) != 0) {
			err = errno;
			unlinkat(fs->dirfd, fs->tmp, 0);
		} else if (names_fd(fs->dirfd, fs->tmp, fs->fd)) {
			return 0;
		}
		fs->tmp_named = false;
		close(fs->fd);
		fs->fd = -1;
		if (err)
			return err;
	}
	return EAGAIN;
}

/* The partial file: without a name where the filesystem can (and /proc lets commit name it),
 * else the named temporary. Returns 0 or an errno. */
static int open_partial(rp_file_sink *fs)
{
	const char *no = getenv("RADIOPLAY_NO_O_TMPFILE");
	if (!no || !*no || strcmp(no, "0") == 0) {
		fs->fd = openat(fs->dirfd, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0666);
		if (fs->fd >= 0) {
			char proc[64];
			struct stat st;
			snprintf(proc, sizeof proc, "/proc/self/fd/%d", fs->fd);
			if (stat(proc, &st) == 0 && flock(fs->fd, LOCK_EX) == 0) {
				fs->unnamed = true;
				return 0;
			}
			close(fs->fd);
			fs->fd = -1;
		} else if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL) {
			return errno;
		}
	}
	return open_named(fs);
}

/* Close libsndfile and the partial file, removing its name if it has one. */
static void discard(rp_file_sink *fs)
{
	if (fs->sf)
		sf_close(fs->sf);
	fs->sf = NULL;
	if (fs->tmp_named)
		unlinkat(fs->dirfd, fs->tmp, 0); /* still under our lock */
	fs->tmp_named = false;
	if (fs->fd >= 0)
		close(fs->fd);
	fs->fd = -1;
}

int rp_file_sink_open(const char *path, int sample_rate, rp_file_sink **out, rp_diags *diags)
{
	*out = NULL;
	int format = format_for(path);
	if (!format) {
		rp_diags_add(diags, RP_ERROR, path, 0, 0,
		             "unknown output format: use a .wav, .flac, .ogg or .aiff file name");
		return RP_ERR_ARG;
	}
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		rp_diags_add(diags, RP_ERROR, path, 0, 0, "output is a folder, not a file name");
		return RP_ERR_ARG;
	}
	rp_file_sink *fs = calloc(1, sizeof *fs);
	if (!fs)
		return RP_ERR_NOMEM;
	fs->fd = fs->dirfd = -1;
	fs->diags = diags;
	const char *slash = strrchr(path, '/');
	fs->base = strdup(slash ? slash + 1 : path);
	char *dir = !slash          ? strdup(".")
	            : slash == path ? strdup("/")
	                            : strndup(path, (size_t)(slash - path));
	fs->path = strdup(path);
	size_t tl = strlen(fs->base) + TEMP_SUFFIX + 3;
	fs->tmp = malloc(tl);
	if (!fs->base || !dir || !fs->path || !fs->tmp) {
		free(dir);
		rp_file_sink_close(fs);
		return RP_ERR_NOMEM;
	}
	snprintf(fs->tmp, tl, ".%s.%0*d", fs->base, TEMP_SUFFIX, 0);
	fs->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int err = fs->dirfd < 0 ? errno : 0;
	if (!err) {
		remove_stale(fs);
		err = open_partial(fs);
	}
	if (err) {
		rp_diags_add(diags, RP_ERROR, path, 0, 0, "cannot create a file in %s: %s", dir,
		             strerror(err));
		free(dir);
		rp_file_sink_close(fs);
		return RP_ERR_IO;
	}
	free(dir);
	SF_INFO info = {.samplerate = sample_rate, .channels = 1, .format = format};
	fs->sf = sf_open_virtual(&IO, SFM_WRITE, &info, fs);
	if (!fs->sf) {
		rp_diags_add(diags, RP_ERROR, path, 0, 0, "cannot write audio: %s",
		             fs->io_errno ? strerror(fs->io_errno) : sf_strerror(NULL));
		rp_file_sink_close(fs);
		return RP_ERR_AUDIO;
	}
	*out = fs;
	return RP_OK;
}

static int file_write(void *user, const int16_t *frames, size_t n)
{
	rp_file_sink *fs = user;
	if (fs->failed || !fs->sf)
		return RP_ERR_IO;
	if (sf_writef_short(fs->sf, frames, (sf_count_t)n) != (sf_count_t)n)
		return fail(fs, "cannot write", fs->io_errno);
	return RP_OK;
}

rp_sink rp_file_sink_as_sink(rp_file_sink *fs)
{
	return (rp_sink){.write = file_write, .mark = NULL, .user = fs};
}

/* Finish, flush and name the file; on error a diagnostic, and the caller discards. */
static int put_in_place(rp_file_sink *fs)
{
	if (fs->failed || !fs->sf)
		return RP_ERR_IO;
	if (sf_error(fs->sf))
		return fail(fs, "cannot write", fs->io_errno);
	sf_close(fs->sf); /* writes the header and the encoders' last frames */
	fs->sf = NULL;
	if (fs->io_errno)
		return fail(fs, "cannot write", fs->io_errno);
	if (fsync(fs->fd) != 0)
		return fail(fs, "cannot write (fsync)", errno);
	int err = fs->unnamed ? under_fresh_name(fs, link_unnamed) : 0;
	if (err)
		return fail(fs, "cannot give the finished file a name", err);
	if (renameat(fs->dirfd, fs->tmp, fs->dirfd, fs->base) != 0)
		return fail(fs, "cannot put the finished file in place", errno);
	fs->tmp_named = false;
	fsync(fs->dirfd); /* the rename survives a crash; some filesystems cannot (EINVAL): fine */
	return RP_OK;
}

int rp_file_sink_commit(rp_file_sink *fs)
{
	if (fs->committed)
		return RP_OK;
	int rc = put_in_place(fs);
	discard(fs); /* after a commit, only closes the descriptor */
	fs->committed = rc == RP_OK;
	return rc;
}

void rp_file_sink_close(rp_file_sink *fs)
{
	if (!fs)
		return;
	discard(fs);
	if (fs->dirfd >= 0)
		close(fs->dirfd);
	free(fs->path);
	free(fs->base);
	free(fs->tmp);
	free(fs);
}
