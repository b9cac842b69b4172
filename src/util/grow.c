/* Growing arrays (src/util/grow.h). */
#include "grow.h"

#include <stdint.h>
#include <stdlib.h>

#include "radioplay.h"

int rp_grow(void **buf, size_t *cap, size_t need, size_t elem_size)
{
	if (need <= *cap)
		return RP_OK;
	size_t n = *cap ? *cap : 16;
	while (n < need) {
		if (n > SIZE_MAX / 2 / elem_size)
			return RP_ERR_NOMEM;
		n *= 2;
	}
	void *p = realloc(*buf, n * elem_size);
	if (!p)
		return RP_ERR_NOMEM;
	*buf = p;
	*cap = n;
	return RP_OK;
}
