/* Audio file sink (include/radioplay.h rp_file_sink): libsndfile writing to a temporary file
 * beside the target, renamed over it only when the render succeeded. */
#include "radioplay.h"

#include <errno.h>
#include <fcntl.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

struct rp_file_sink {
	SNDFILE *sf;
	char *path;
	char *tmp;
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
	fs->path = strdup(path);
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	size_t tl = strlen(path) + 16;
	fs->tmp = malloc(tl);
	if (!fs->path || !fs->tmp) {
		free(fs->path);
		free(fs->tmp);
		free(fs);
		return RP_ERR_NOMEM;
	}
	snprintf(fs->tmp, tl, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
	int fd = mkstemp(fs->tmp);
	if (fd < 0) {
		rp_diags_add(diags, RP_ERROR, path, 0, 0, "cannot create a file in %.*s: %s",
		             dirlen ? (int)dirlen : 1, dirlen ? path : ".", strerror(errno));
		free(fs->path);
		free(fs->tmp);
		free(fs);
		return RP_ERR_IO;
	}
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask); /* mkstemp makes 0600; the result is an ordinary file */
	SF_INFO info = {.samplerate = sample_rate, .channels = 1, .format = format};
	fs->sf = sf_open_fd(fd, SFM_WRITE, &info, SF_TRUE);
	if (!fs->sf) {
		rp_diags_add(diags, RP_ERROR, path, 0, 0, "cannot write audio: %s",
		             sf_strerror(NULL));
		close(fd);
		unlink(fs->tmp);
		free(fs->path);
		free(fs->tmp);
		free(fs);
		return RP_ERR_AUDIO;
	}
	*out = fs;
	return RP_OK;
}

static int file_write(void *user, const int16_t *frames, size_t n)
{
	rp_file_sink *fs = user;
	return sf_writef_short(fs->sf, frames, (sf_count_t)n) == (sf_count_t)n ? RP_OK : RP_ERR_IO;
}

rp_sink rp_file_sink_as_sink(rp_file_sink *fs)
{
	return (rp_sink){.write = file_write, .mark = NULL, .user = fs};
}

int rp_file_sink_finish(rp_file_sink *fs, bool commit)
{
	if (!fs)
		return RP_OK;
	int rc = RP_OK;
	if (commit)
		sf_write_sync(fs->sf);
	if (sf_close(fs->sf) != 0)
		rc = RP_ERR_IO;
	if (commit && rc == RP_OK && rename(fs->tmp, fs->path) != 0)
		rc = RP_ERR_IO;
	if (!commit || rc != RP_OK)
		unlink(fs->tmp);
	free(fs->path);
	free(fs->tmp);
	free(fs);
	return rc;
}
