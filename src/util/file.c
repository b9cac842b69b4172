/* Reading a whole input file into memory (src/util/file.h). */
#include "file.h"
#include "grow.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *rp_file_shown_name(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

/* Read a whole stream into memory, NUL-terminated. */
static int slurp(FILE *f, char **data, size_t *n)
{
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	if (!buf)
		return RP_ERR_NOMEM;
	for (;;) {
		if (len + 1 >= cap) {
			char *b = cap <= SIZE_MAX / 2 ? realloc(buf, cap *= 2) : NULL;
			if (!b) {
				free(buf);
				return RP_ERR_NOMEM;
			}
			buf = b;
		}
		size_t got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
		if (got == 0) {
			if (ferror(f)) {
				free(buf);
				return RP_ERR_IO;
			}
			break;
		}
	}
	buf[len] = '\0';
	*data = buf;
	*n = len;
	return RP_OK;
}

int rp_read_file(const char *path, char **data, size_t *n, rp_diags *diags)
{
	*data = NULL;
	*n = 0;
	bool is_stdin = strcmp(path, "-") == 0;
	const char *name = rp_file_shown_name(path);
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		rp_diags_add(diags, RP_ERROR, name, 0, 0, "cannot open: %s", strerror(errno));
		return RP_ERR_IO;
	}
	int rc = slurp(f, data, n);
	int err = errno;
	if (!is_stdin)
		fclose(f);
	if (rc == RP_ERR_IO)
		rp_diags_add(diags, RP_ERROR, name, 0, 0, "cannot read: %s", strerror(err));
	return rc;
}

int rp_load_file(const char *path, rp_memory_loader load, void *target, rp_diags *diags)
{
	char *data;
	size_t n;
	int rc = rp_read_file(path, &data, &n, diags);
	if (rc == RP_OK)
		rc = load(target, rp_file_shown_name(path), data, n, diags);
	free(data);
	return rc;
}

static int cmp_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void rp_list_free(char **paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}

int rp_list_dir(const char *dir, const char *suffix, bool missing_ok, char ***paths, size_t *n,
                rp_diags *diags)
{
	*paths = NULL;
	*n = 0;
	DIR *d = opendir(dir);
	if (!d) {
		if (missing_ok && errno == ENOENT)
			return RP_OK;
		rp_diags_add(diags, RP_ERROR, dir, 0, 0, "cannot open folder: %s", strerror(errno));
		return RP_ERR_IO;
	}
	char **list = NULL;
	size_t count = 0, cap = 0, sl = strlen(suffix);
	int rc = RP_OK;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (e->d_name[0] == '.' || l <= sl || strcmp(e->d_name + l - sl, suffix) != 0)
			continue;
		char *path = NULL;
		size_t size = strlen(dir) + 1 + l + 1;
		if (rp_grow((void **)&list, &cap, count + 1, sizeof *list) != RP_OK ||
		    !(path = malloc(size))) {
			rc = RP_ERR_NOMEM;
			break;
		}
		snprintf(path, size, "%s/%s", dir, e->d_name);
		list[count++] = path;
	}
	closedir(d);
	if (rc != RP_OK) {
		rp_list_free(list, count);
		return rc;
	}
	if (count > 1)
		qsort(list, count, sizeof *list, cmp_paths);
	*paths = list;
	*n = count;
	return RP_OK;
}
