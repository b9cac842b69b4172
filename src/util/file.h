/* Reading a whole input file into memory (internal). */
#ifndef RP_FILE_H
#define RP_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "radioplay.h"

/* The name diagnostics show for `path`: "<stdin>" for "-", else `path` itself. */
const char *rp_file_shown_name(const char *path);

/* Read all of `path` ("-": standard input) into *data, malloc'd (the caller frees), *n bytes,
 * followed by one NUL byte that *n does not count. Input files are text of at most a few MB.
 * Errors: RP_ERR_IO (cannot open or read: an error diagnostic naming rp_file_shown_name(path)
 * with strerror), RP_ERR_NOMEM; *data is NULL on error. Thread-safe. */
int rp_read_file(const char *path, char **data, size_t *n, rp_diags *diags);

/* A loader of an input file's bytes from memory (rp_lexicon_load_memory and the like, through a
 * small adapter): parse `len` bytes of `text` named `name` into `target`. */
typedef int (*rp_memory_loader)(void *target, const char *name, const char *text, size_t len,
                                rp_diags *diags);
/* rp_read_file(path), then load(target, rp_file_shown_name(path), bytes, n, diags): what each
 * file-based loader is. Returns the status of either. */
int rp_load_file(const char *path, rp_memory_loader load, void *target, rp_diags *diags);

/* The files in folder `dir` whose names end in `suffix` (".ini") and do not start with '.', as
 * paths "DIR/NAME" in name order (strcmp, so the same on every machine): *paths is a malloc'd
 * array of *n malloc'd strings; free with rp_list_free. A folder that does not exist is an empty
 * list when `missing_ok`. Errors: RP_ERR_IO (the folder cannot be read: an error diagnostic
 * naming it, with strerror), RP_ERR_NOMEM; the list is empty on error. */
int rp_list_dir(const char *dir, const char *suffix, bool missing_ok, char ***paths, size_t *n,
                rp_diags *diags);
void rp_list_free(char **paths, size_t n);

#endif
