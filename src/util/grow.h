/* Growing arrays (internal). */
#ifndef RP_GROW_H
#define RP_GROW_H

#include <stddef.h>

/* Make the malloc'd array *buf (of *cap elements of `elem_size` bytes) hold at least `need`
 * elements: when it is too small, realloc it to the next doubling of *cap (16 at the least) and
 * update *buf and *cap. Returns RP_OK, or RP_ERR_NOMEM leaving *buf and *cap as they were.
 * `buf` is the address of the caller's pointer, cast: rp_grow((void **)&list->items, ...). */
int rp_grow(void **buf, size_t *cap, size_t need, size_t elem_size);

#endif
