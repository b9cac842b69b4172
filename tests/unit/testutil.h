/* Small helpers shared by the unit tests. */
#ifndef RP_TESTUTIL_H
#define RP_TESTUTIL_H

#include <stddef.h>

#include "radioplay.h"

/* $RP_SOURCE_DIR (set by CTest) joined with `rel`; a static buffer, valid until the next call. */
const char *tu_source_path(const char *rel);
/* The folder holding the shared real scripts ($RP_SHARED_DIR/scripts), or NULL when absent. */
const char *tu_shared_scripts_dir(void);
/* The shared scripts' paths (tu_list_files of tu_shared_scripts_dir(), "*.txt"). When the folder
 * is missing the calling cmocka test fails under CI (CI set) and is skipped elsewhere. */
char **tu_shared_scripts(void);
/* Called for every paragraph of the shared scripts with its language spans (rp_split_spans). */
typedef void (*tu_paragraph_fn)(void *user, const char *file, const rp_paragraph *p,
                                const rp_span *spans, size_t n_spans);
/* Load and parse every shared script (tu_shared_scripts: skip or CI failure when absent),
 * split each paragraph into spans and call fn; asserts that every stage succeeds. Returns the
 * number of paragraphs visited. */
size_t tu_for_each_shared_paragraph(tu_paragraph_fn fn, void *user);
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
/* The plan of the script `text` (rp_plan_load_memory, named "test"; `opt` NULL: the defaults,
 * voices from $RADIOPLAY_VOICES). Asserts that it loads, printing the diagnostics when not. */
rp_plan *tu_plan_text(const char *text, const rp_load_options *opt);

#endif
