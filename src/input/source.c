/* Stage 1: reading a script file into an rp_source (include/radioplay.h). */
#include "decode.h"
#include "radioplay.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int rp_source_from_memory(const char *name, const void *bytes, size_t n,
                          const rp_source_options *opt, rp_source **out, rp_diags *diags)
{
	*out = NULL;
	rp_source *src = calloc(1, sizeof *src);
	if (!src || !(src->name = strdup(name))) {
		free(src);
		return RP_ERR_NOMEM;
	}
	rp_decode_options dopt = {0};
	if (opt)
		dopt = (rp_decode_options){opt->encoding, opt->strict, opt->keep_mojibake};
	int rc = rp_decode(name, bytes, n, &dopt, &src->text, &src->len, &src->encoding, diags);
	if (rc != RP_OK) {
		rp_source_free(src);
		return rc;
	}
	*out = src;
	return RP_OK;
}

/* Read a whole stream into memory. Scripts are text of at most a few MB. */
static int slurp(FILE *f, unsigned char **data, size_t *n)
{
	size_t cap = 1 << 16, len = 0;
	unsigned char *buf = malloc(cap);
	if (!buf)
		return RP_ERR_NOMEM;
	for (;;) {
		if (len == cap) {
			unsigned char *b = realloc(buf, cap *= 2);
			if (!b) {
				free(buf);
				return RP_ERR_NOMEM;
			}
			buf = b;
		}
		size_t got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0) {
			if (ferror(f)) {
				free(buf);
				return RP_ERR_IO;
			}
			break;
		}
	}
	*data = buf;
	*n = len;
	return RP_OK;
}

int rp_source_load(const char *path, const rp_source_options *opt, rp_source **out,
                   rp_diags *diags)
{
	*out = NULL;
	bool is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "<stdin>" : path;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		rp_diags_add(diags, RP_ERROR, name, 0, 0, "cannot open: %s", strerror(errno));
		return RP_ERR_IO;
	}
	unsigned char *data = NULL;
	size_t n = 0;
	int rc = slurp(f, &data, &n);
	int err = errno;
	if (!is_stdin)
		fclose(f);
	if (rc == RP_ERR_IO)
		rp_diags_add(diags, RP_ERROR, name, 0, 0, "cannot read: %s", strerror(err));
	if (rc != RP_OK)
		return rc;
	rc = rp_source_from_memory(name, data, n, opt, out, diags);
	free(data);
	return rc;
}

void rp_source_free(rp_source *src)
{
	if (!src)
		return;
	free(src->name);
	free(src->text);
	free(src);
}
