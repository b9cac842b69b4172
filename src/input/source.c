/* Stage 1: reading a script file into an rp_source (include/radioplay.h). */
#include "decode.h"
#include "file.h"
#include "radioplay.h"

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

int rp_source_load(const char *path, const rp_source_options *opt, rp_source **out, rp_diags *diags)
{
	*out = NULL;
	char *data = NULL;
	size_t n = 0;
	int rc = rp_read_file(path, &data, &n, diags);
	if (rc == RP_OK)
		rc = rp_source_from_memory(rp_file_shown_name(path), data, n, opt, out, diags);
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
