/* Diagnostics list and status strings (include/radioplay.h). */
#include "grow.h"
#include "radioplay.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

const char *rp_strerror(int status)
{
	switch (status) {
	case RP_OK: return "success";
	case RP_ERR_NOMEM: return "out of memory";
	case RP_ERR_IO: return "input/output error";
	case RP_ERR_INPUT: return "malformed input file";
	case RP_ERR_ARG: return "invalid argument";
	case RP_ERR_VOICE: return "voice not available";
	case RP_ERR_SYNTH: return "speech synthesis failed";
	case RP_ERR_AUDIO: return "audio error";
	case RP_ERR_ABORTED: return "stopped";
	default: return "unknown error";
	}
}

int rp_diags_add(rp_diags *d, rp_severity sev, const char *file, int line, int column,
                 const char *fmt, ...)
{
	if (!d)
		return RP_OK; /* the caller does not want the details */
	if (rp_grow((void **)&d->items, &d->capacity, d->count + 1, sizeof *d->items))
		return RP_ERR_NOMEM;
	va_list ap;
	va_start(ap, fmt);
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
	char *name = strdup(file ? file : "<input>");
	if (!msg || !name) {
		va_end(ap2);
		free(msg);
		free(name);
		return RP_ERR_NOMEM;
	}
	vsnprintf(msg, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	d->items[d->count++] = (rp_diag){sev, name, line, column, msg};
	if (sev == RP_ERROR)
		d->errors++;
	return RP_OK;
}

void rp_diags_print(const rp_diags *d, FILE *out)
{
	for (size_t i = 0; i < d->count; i++) {
		const rp_diag *g = &d->items[i];
		const char *kind = g->severity == RP_ERROR ? "error" : "warning";
		if (g->line > 0)
			fprintf(out, "%s:%d:%d: %s: %s\n", g->file, g->line,
			        g->column > 0 ? g->column : 1, kind, g->message);
		else
			fprintf(out, "%s: %s: %s\n", g->file, kind, g->message);
	}
}

void rp_diags_clear(rp_diags *d)
{
	for (size_t i = 0; i < d->count; i++) {
		free(d->items[i].file);
		free(d->items[i].message);
	}
	free(d->items);
	*d = (rp_diags){0};
}

const char *rp_char_name(uint32_t c, char *buf, size_t size)
{
	if (!size)
		return buf;
	UErrorCode err = U_ZERO_ERROR;
	int32_t n = c <= 0x10FFFF
	                    ? u_charName((UChar32)c, U_UNICODE_CHAR_NAME, buf, (int32_t)size, &err)
	                    : -1;
	if (n < 0 || U_FAILURE(err) || (size_t)n >= size)
		snprintf(buf, size, "?");
	return buf;
}
