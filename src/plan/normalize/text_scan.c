/* Scanners shared by the per-language rules (text_scan.h). */
#include "text_scan.h"

#include <string.h>

size_t rp_count_digits(const char *text, size_t len, size_t i)
{
	size_t n = 0;
	while (i + n < len && text[i + n] >= '0' && text[i + n] <= '9')
		n++;
	return n;
}

bool rp_starts_with(const char *text, size_t len, size_t i, const char *prefix)
{
	size_t n = strlen(prefix);
	return i <= len && len - i >= n && memcmp(text + i, prefix, n) == 0;
}

long rp_digits_value(const char *d, size_t n)
{
	long v = 0;
	for (size_t k = 0; k < n && k < 9; k++)
		v = v * 10 + (d[k] - '0');
	return v;
}

size_t rp_apostrophe_len(const char *text, size_t len, size_t i)
{
	if (i < len && text[i] == '\'')
		return 1;
	if (rp_starts_with(text, len, i, "’") || rp_starts_with(text, len, i, "‘"))
		return strlen("’");
	return 0;
}
