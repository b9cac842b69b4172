/* Small helpers shared by the unit tests. */
#ifndef RP_TESTUTIL_H
#define RP_TESTUTIL_H

#include <stddef.h>

/* $RP_SOURCE_DIR (set by CTest) joined with `rel`; a static buffer, valid until the next call. */
const char *tu_source_path(const char *rel);
/* The folder holding the shared real scripts ($RP_SHARED_DIR/scripts), or NULL when absent. */
const char *tu_shared_scripts_dir(void);
/* The shared scripts' paths (tu_list_files of tu_shared_scripts_dir(), "*.txt"). When the folder
 * is missing the calling cmocka test fails under CI (CI set) and is skipped elsewhere. */
char **tu_shared_scripts(void);
/* Read a whole file; malloc'd, NUL-terminated; *n gets the size. NULL if it cannot be read. */
char *tu_read_file(const char *path, size_t *n);
/* Sorted list of the files in `dir` whose names end in `suffix` (full paths, malloc'd; the list
 * ends with NULL). Free with tu_free_list. */
char **tu_list_files(const char *dir, const char *suffix);
void tu_free_list(char **list);
/* Compare `actual` with the golden file `expected_path`. When RP_UPDATE_GOLDEN=1 is set, write
 * `actual` to the golden file instead. Returns 1 when equal (or updated), 0 otherwise and prints
 * a unified-style first difference. */
int tu_golden_check(const char *expected_path, const char *actual);

#endif
