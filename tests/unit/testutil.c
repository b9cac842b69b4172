#include "file.h"
#include "testutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *tu_source_path(const char *rel)
{
	static char buf[4096];
	const char *root = getenv("RP_SOURCE_DIR");
	snprintf(buf, sizeof buf, "%s/%s", root ? root : ".", rel);
	return buf;
}

const char *tu_shared_scripts_dir(void)
{
	static char buf[4096];
	const char *shared = getenv("RP_SHARED_DIR");
	if (!shared)
		return NULL;
	snprintf(buf, sizeof buf, "%s/scripts", shared);
	struct stat st;
	return stat(buf, &st) == 0 && S_ISDIR(st.st_mode) ? buf : NULL;
}

char *tu_read_file(const char *path, size_t *n)
{
	char *data = NULL;
	size_t size = 0;
	if (rp_read_file(path, &data, &size, NULL) != RP_OK)
		return NULL;
	if (n)
		*n = size;
	return data;
}

char **tu_list_files(const char *dir, const char *suffix)
{
	char **paths = NULL;
	size_t n = 0;
	rp_list_dir(dir, suffix, true, &paths, &n, NULL);     /* an unreadable folder: no files */
	char **list = realloc(paths, (n + 1) * sizeof *list); /* NULL-terminated */
	if (!list) {
		rp_list_free(paths, n);
		return calloc(1, sizeof *list);
	}
	list[n] = NULL;
	return list;
}

void tu_free_list(char **list)
{
	for (size_t i = 0; list && list[i]; i++)
		free(list[i]);
	free(list);
}

int tu_golden_check(const char *expected_path, const char *actual)
{
	const char *upd = getenv("RP_UPDATE_GOLDEN");
	if (upd && strcmp(upd, "1") == 0) {
		FILE *f = fopen(expected_path, "wb");
		if (!f)
			return 0;
		fputs(actual, f);
		fclose(f);
		return 1;
	}
	char *expected = tu_read_file(expected_path, NULL);
	if (!expected) {
		fprintf(stderr,
		        "%s: missing golden file (run with RP_UPDATE_GOLDEN=1 to create it)\n",
		        expected_path);
		return 0;
	}
	int ok = strcmp(expected, actual) == 0;
	if (!ok) {
		int line = 1;
		const char *e = expected, *a = actual;
		while (*e && *e == *a) {
			if (*e == '\n')
				line++;
			e++;
			a++;
		}
		const char *el = strchr(e, '\n'), *al = strchr(a, '\n');
		fprintf(stderr, "%s:%d: golden file differs\n  expected: %.*s\n  actual:   %.*s\n",
		        expected_path, line, el ? (int)(el - e) : (int)strlen(e), e,
		        al ? (int)(al - a) : (int)strlen(a), a);
	}
	free(expected);
	return ok;
}

char **tu_shared_scripts(void)
{
	const char *dir = tu_shared_scripts_dir();
	if (!dir) {
		if (getenv("CI"))
			fail_msg("the shared scripts are missing (RP_SHARED_DIR)");
		skip();
	}
	return tu_list_files(dir, ".txt");
}

size_t tu_for_each_shared_paragraph(tu_paragraph_fn fn, void *user)
{
	char **files = tu_shared_scripts();
	size_t visited = 0;
	for (size_t f = 0; files[f]; f++) {
		rp_diags diags = {0};
		rp_source *src;
		rp_script *script;
		assert_int_equal(rp_source_load(files[f], NULL, &src, &diags), RP_OK);
		assert_int_equal(rp_script_parse(src, &script, &diags), RP_OK);
		for (size_t t = 0; t < script->n_turns; t++)
			for (size_t k = 0; k < script->turns[t].n_paragraphs; k++) {
				const rp_paragraph *p = &script->turns[t].paragraphs[k];
				rp_span *spans;
				size_t n;
				assert_int_equal(rp_split_spans(p, &spans, &n), RP_OK);
				fn(user, files[f], p, spans, n);
				free(spans);
				visited++;
			}
		rp_script_free(script);
		rp_source_free(src);
		rp_diags_clear(&diags);
	}
	tu_free_list(files);
	return visited;
}

rp_plan *tu_plan_text(const char *text, const rp_load_options *opt)
{
	rp_diags diags = {0};
	rp_plan *plan = NULL;
	int rc = rp_plan_load_memory("test", text, strlen(text), opt, &plan, &diags);
	if (rc != RP_OK)
		rp_diags_print(&diags, stderr);
	rp_diags_clear(&diags);
	assert_int_equal(rc, RP_OK);
	assert_non_null(plan);
	return plan;
}
