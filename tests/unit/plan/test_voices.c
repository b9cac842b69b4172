/* Voice presets and casting: the shipped presets load and differ, the same from memory as from
 * their files; a library built from memory presets; automatic assignment is deterministic and
 * alternates gender; --voice and --cast override it; broken presets and cast files are
 * RP_ERR_INPUT with FILE:LINE:COL for every malformed line; an unknown preset is RP_ERR_VOICE. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "radioplay.h"
#include "testutil.h"
#include "voices.h"

static rp_voice_library *load_shipped(void)
{
	rp_diags diags = {0};
	rp_voice_library *lib = NULL;
	assert_int_equal(rp_voice_library_load(tu_source_path("voices"), &lib, &diags), RP_OK);
	assert_int_equal(diags.count, 0);
	rp_diags_clear(&diags);
	return lib;
}

static void test_shipped_presets(void **state)
{
	(void)state;
	rp_voice_library *lib = load_shipped();
	assert_true(lib->n_presets >= 6);
	size_t female = 0, male = 0;
	for (size_t i = 0; i < lib->n_presets; i++) {
		const rp_voice_preset *p = &lib->presets[i];
		female += p->gender == RP_GENDER_FEMALE;
		male += p->gender == RP_GENDER_MALE;
		char en[64], cmn[64];
		rp_voice_for_lang(p, "en", en, sizeof en);
		rp_voice_for_lang(p, "cmn", cmn, sizeof cmn);
		/* one timbre across languages: the same variant for English and Mandarin */
		assert_non_null(strchr(en, '+'));
		assert_string_equal(strchr(en, '+'), strchr(cmn, '+'));
		assert_int_equal(strncmp(cmn, "cmn-latn-pinyin", 15), 0);
		for (size_t k = 0; k < i; k++) /* clearly different: variant, pitch or rate */
			assert_false(strcmp(lib->presets[k].variant, p->variant) == 0 &&
			             abs(lib->presets[k].pitch - p->pitch) < 10 &&
			             abs(lib->presets[k].rate - p->rate) < 10);
	}
	assert_true(female >= 3 && male >= 3);
	/* a language without an entry: the preset's variant on that language */
	char el[64];
	assert_string_equal(rp_voice_for_lang(&lib->presets[0], "el", el, sizeof el), "el+f3");
	rp_voice_library_free(lib);
}

static rp_plan *plan_for(const char *text, const rp_voice_library *lib, const rp_cast *cast,
                         rp_diags *diags, int *rc)
{
	rp_source *src;
	rp_script *script;
	rp_plan *plan = NULL;
	assert_int_equal(rp_source_from_memory("t", text, strlen(text), NULL, &src, diags), RP_OK);
	assert_int_equal(rp_script_parse(src, &script, diags), RP_OK);
	rp_plan_options opt;
	rp_plan_options_init(&opt);
	opt.cast = cast;
	*rc = rp_plan_build(script, lib, &opt, &plan, diags);
	rp_script_free(script);
	rp_source_free(src);
	return plan;
}

static const char FOUR[] = "[Zoe]: a\n[Yan]: b\n[Xu]: c\n[Zoe]: d\n[旁白]: e\n";

static void test_automatic_assignment(void **state)
{
	(void)state;
	rp_voice_library *lib = load_shipped();
	rp_diags diags = {0};
	int rc;
	rp_plan *plan = plan_for(FOUR, lib, NULL, &diags, &rc);
	assert_int_equal(rc, RP_OK);
	assert_int_equal(plan->n_speakers, 4); /* in order of first appearance */
	assert_string_equal(plan->speakers[0].name, "Zoe");
	assert_string_equal(plan->speakers[3].name, "旁白");
	rp_gender g[] = {RP_GENDER_FEMALE, RP_GENDER_MALE, RP_GENDER_FEMALE, RP_GENDER_MALE};
	for (size_t s = 0; s < 4; s++) {
		assert_int_equal(plan->speakers[s].preset.gender, g[s]);
		for (size_t t = 0; t < s; t++)
			assert_string_not_equal(plan->speakers[s].preset.id,
			                        plan->speakers[t].preset.id);
	}
	/* deterministic: the same script gets the same presets */
	rp_plan *again = plan_for(FOUR, lib, NULL, &diags, &rc);
	for (size_t s = 0; s < 4; s++)
		assert_string_equal(plan->speakers[s].preset.id, again->speakers[s].preset.id);
	rp_plan_free(again);
	rp_plan_free(plan);
	rp_voice_library_free(lib);
	rp_diags_clear(&diags);
}

static void test_cast(void **state)
{
	(void)state;
	rp_voice_library *lib = load_shipped();
	rp_diags diags = {0};
	rp_cast cast = {0};
	assert_int_equal(rp_cast_add_assignment(&cast, "Yan=eve"), RP_OK);
	assert_int_equal(rp_cast_add_assignment(&cast, "noequals"), RP_ERR_ARG);
	assert_int_equal(rp_cast_add_assignment(&cast, "=eve"), RP_ERR_ARG);
	char path[] = "/tmp/rp_cast_XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	fputs("; the cast\n[cast]\n旁白 = dmitri\nNobody = felix\n", f);
	fclose(f);
	assert_int_equal(rp_cast_load(&cast, path, &diags), RP_OK);
	int rc;
	rp_diags_clear(&diags);
	rp_plan *plan = plan_for(FOUR, lib, &cast, &diags, &rc);
	assert_int_equal(rc, RP_OK);
	assert_string_equal(plan->speakers[1].preset.id, "eve");
	assert_string_equal(plan->speakers[3].preset.id, "dmitri");
	/* automatic ones avoid the cast's presets and alternate from their neighbours */
	assert_string_not_equal(plan->speakers[0].preset.id, "eve");
	assert_int_equal(plan->speakers[2].preset.gender, RP_GENDER_MALE); /* after female eve */
	/* a cast entry for a speaker who never speaks is a warning */
	assert_int_equal(diags.count, 1);
	assert_int_equal(diags.items[0].severity, RP_WARNING);
	assert_non_null(strstr(diags.items[0].message, "Nobody"));
	rp_plan_free(plan);

	/* a preset that does not exist is an error */
	rp_cast bad = {0};
	rp_cast_add_assignment(&bad, "Zoe=nobody");
	plan = plan_for(FOUR, lib, &bad, &diags, &rc);
	assert_int_equal(rc, RP_ERR_VOICE);
	assert_null(plan);
	rp_cast_clear(&bad);

	/* a cast file with a line outside [cast] names the line; none of its entries is kept */
	f = fopen(path, "w");
	fputs("[cast]\nA = ada\n[other]\nB = bruno\n", f);
	fclose(f);
	rp_diags d2 = {0};
	size_t before = cast.count;
	assert_int_equal(rp_cast_load(&cast, path, &d2), RP_ERR_INPUT);
	assert_int_equal(cast.count, before);
	assert_int_equal(d2.errors, 1);
	assert_int_equal(d2.items[0].line, 4);
	assert_int_equal(d2.items[0].column, 1);
	assert_string_equal(d2.items[0].file, path);
	rp_diags_clear(&d2);
	unlink(path);
	assert_int_equal(rp_cast_load(&cast, path, &d2), RP_ERR_IO); /* gone now */
	assert_non_null(strstr(d2.items[0].message, "No such file or directory"));
	rp_diags_clear(&d2);
	rp_cast_clear(&cast);
	rp_voice_library_free(lib);
	rp_diags_clear(&diags);
}

typedef struct bad_case {
	const char *text;
	size_t len;
	int line, column; /* of the first diagnostic */
	const char *says;
	size_t errors; /* how many lines are reported */
} bad_case;

#define BAD(text, line, column, says)                                                              \
	{                                                                                          \
		text, sizeof text - 1, line, column, says, 1                                       \
	}
#define LONG_NAME "name = xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
#define X50 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"

static const bad_case BAD_PRESETS[] = {
	BAD("[voice]\nname = X\npitch = 150\n[languages]\nen = en\n", 3, 9, "expected 0 to 100"),
	BAD("[voice]\ngender = robot\n[languages]\nen = en\n", 2, 10, "female or male"),
	BAD("[voice]\nrate = 20\n", 2, 8, "80 to 450"),
	BAD("[voice]\nname = X\n[languages]\ncmn = cmn+f3\n", 4, 7, "cmn-latn-pinyin"),
	BAD("[voice]\n  colour = blue ; why\n", 2, 3, "unknown key 'colour'"),
	BAD("[voice]\nname = X\n", 0, 0, "[languages]"),
	BAD("[voice]\nname = X\njust words\n[languages]\nen = en\n", 3, 1, "expected KEY = VALUE"),
	/* a broken section line, and so the key after it is outside a section */
	{"  [voice\nname = X\n", 0, 1, 3, "expected ']'", 2},
	BAD("[voice]\nname = A\0B\n[languages]\nen = en\n", 2, 9, "NUL byte"),
	BAD("[voice]\nname = Zo\xc3\xab\xff\n", 2, 11, "invalid UTF-8 byte 0xFF"),
	BAD("pitch = 50\n[voice]\n[languages]\nen = en\n", 1, 1, "outside a section"),
	BAD("[voice]\nname = X\n[colours]\nred = 1\n", 4, 1, "unknown section [colours]"),
	BAD("[voice]\nname = X\n[languages]\nen = en\nEN = en-us\n", 5, 1, "twice"),
	BAD("[voice]\nname = X\n[languages]\nen us = en\n", 4, 1, "not a language tag"),
	BAD("[voice]\nname = X\n[languages]\nen = en us\n", 4, 6, "eSpeak NG voice"),
	BAD("[voice]\n" LONG_NAME "\n", 2, 8, "name longer than 63 bytes"),
	BAD("[voice]\nname = " X50 X50 X50 X50 "\n", 2, 199, "longer than 198 bytes"),
	{"[voice]\npitch = 150\nrate = 20\nrange = -1\n", 0, 2, 9, "expected 0 to 100", 3},
};

static void check_bad(const bad_case *c, const rp_diags *diags, const char *file, size_t i)
{
	if (diags->errors != c->errors || diags->count != c->errors)
		fail_msg("case %zu: %zu diagnostics, want %zu errors", i, diags->count, c->errors);
	const rp_diag *d = &diags->items[0];
	assert_string_equal(d->file, file);
	if (d->line != c->line || d->column != c->column || !strstr(d->message, c->says))
		fail_msg("case %zu: %d:%d: %s; want %d:%d: ...%s...", i, d->line, d->column,
		         d->message, c->line, c->column, c->says);
	for (size_t k = 1; k < diags->count; k++) /* one per malformed line */
		assert_true(diags->items[k].line > diags->items[k - 1].line);
}

/* Write `len` bytes of `text` (0: strlen) to DIR/NAME; the path goes to path[size]. */
static void write_in(const char *dir, const char *name, const char *text, size_t len, char *path,
                     size_t size)
{
	snprintf(path, size, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fwrite(text, 1, len ? len : strlen(text), f);
	fclose(f);
}

/* rp_voice_library_load(dir) fails with `status`, its first diagnostic saying `says`; returns
 * the number of errors. */
static size_t expect_load_error(const char *dir, int status, const char *says)
{
	rp_diags diags = {0};
	rp_voice_library *lib = NULL;
	assert_int_equal(rp_voice_library_load(dir, &lib, &diags), status);
	assert_null(lib);
	assert_true(diags.count > 0);
	if (!strstr(diags.items[0].message, says))
		fail_msg("\"%s\" lacks \"%s\"", diags.items[0].message, says);
	size_t errors = diags.errors;
	rp_diags_clear(&diags);
	return errors;
}

static const char GOOD[] = "[voice]\nname = G\n[languages]\nen = en+m1\n";

static void test_bad_presets(void **state)
{
	(void)state;
	char dir[] = "/tmp/rp_voices_XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	for (size_t i = 0; i < sizeof BAD_PRESETS / sizeof *BAD_PRESETS; i++) {
		const bad_case *c = &BAD_PRESETS[i];
		size_t len = c->len ? c->len : strlen(c->text);
		bad_case all = *c;
		all.len = len;
		/* from memory, without a NUL after the text */
		char *copy = malloc(len);
		memcpy(copy, c->text, len);
		rp_voice_preset p = {.pitch = -7};
		rp_diags diags = {0};
		assert_int_equal(rp_voice_preset_parse("bad", "mem.ini", copy, len, &p, &diags),
		                 RP_ERR_INPUT);
		free(copy);
		assert_int_equal(p.pitch, -7); /* untouched */
		check_bad(&all, &diags, "mem.ini", i);
		rp_diags_clear(&diags);
		/* from a folder: the same, with the file's path */
		write_in(dir, "bad.ini", c->text, len, path, sizeof path);
		rp_voice_library *lib = NULL;
		assert_int_equal(rp_voice_library_load(dir, &lib, &diags), RP_ERR_INPUT);
		assert_null(lib);
		check_bad(&all, &diags, path, i);
		rp_diags_clear(&diags);
	}
	/* every bad file is reported, a good one beside them does not hide them */
	char good[256];
	write_in(dir, "good.ini", GOOD, 0, good, sizeof good);
	assert_int_equal(expect_load_error(dir, RP_ERR_INPUT, "expected 0 to 100"), 3);
	unlink(path);
	/* two ids that differ in case only; a file name that cannot be an id (64 bytes) */
	write_in(dir, "Good.ini", GOOD, 0, path, sizeof path);
	assert_int_equal(expect_load_error(dir, RP_ERR_INPUT, "id 'good'"), 1);
	unlink(path);
	write_in(dir, X50 "xxxxxxxxxxxxxx.ini", GOOD, 0, path, sizeof path);
	assert_int_equal(expect_load_error(dir, RP_ERR_INPUT, "file name too long"), 1);
	unlink(path);
	/* a preset that cannot be read: RP_ERR_IO and why */
	snprintf(path, sizeof path, "%s/folder.ini", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	expect_load_error(dir, RP_ERR_IO, "Is a directory");
	rmdir(path);
	unlink(good);
	expect_load_error(dir, RP_ERR_VOICE, "no voice presets"); /* none */
	rmdir(dir);
	expect_load_error("/nonexistent/voices", RP_ERR_IO, "No such file or directory");
	rp_diags diags = {0};
	/* the id must be 1..63 bytes of UTF-8 */
	rp_voice_preset p;
	static const char OK[] = "[voice]\nname = N\n[languages]\nen = en\n";
	assert_int_equal(rp_voice_preset_parse("", "x", OK, sizeof OK - 1, &p, &diags), RP_ERR_ARG);
	assert_int_equal(rp_voice_preset_parse("\xff", "x", OK, sizeof OK - 1, &p, &diags),
	                 RP_ERR_ARG);
	assert_int_equal(rp_voice_preset_parse(X50 "xxxxxxxxxxxxxx", "x", OK, sizeof OK - 1, &p,
	                                       &diags),
	                 RP_ERR_ARG);
	assert_int_equal(diags.errors, 3);
	assert_int_equal(rp_voice_preset_parse(X50 "xxxxxxxxxxxxx", "x", OK, sizeof OK - 1, &p,
	                                       &diags),
	                 RP_OK);
	rp_diags_clear(&diags);
}

static void assert_presets_equal(const rp_voice_preset *a, const rp_voice_preset *b)
{
	assert_string_equal(a->id, b->id);
	assert_string_equal(a->name, b->name);
	assert_int_equal(a->gender, b->gender);
	assert_int_equal(a->pitch, b->pitch);
	assert_int_equal(a->range, b->range);
	assert_int_equal(a->rate, b->rate);
	assert_string_equal(a->variant, b->variant);
	assert_int_equal(a->n_langs, b->n_langs);
	for (size_t k = 0; k < a->n_langs; k++) {
		assert_string_equal(a->langs[k].lang, b->langs[k].lang);
		assert_string_equal(a->langs[k].voice, b->langs[k].voice);
	}
}

/* The shipped presets parsed from memory and added to a new library give the library that
 * rp_voice_library_load reads from voices/; so does examples/cast.ini. */
static void test_memory_like_files(void **state)
{
	(void)state;
	rp_voice_library *shipped = load_shipped(), *lib;
	assert_int_equal(rp_voice_library_new(&lib), RP_OK);
	char **files = tu_list_files(tu_source_path("voices"), ".ini");
	size_t n_files = 0;
	for (; files[n_files]; n_files++) {
		char id[64];
		const char *base = strrchr(files[n_files], '/') + 1;
		snprintf(id, sizeof id, "%.*s", (int)(strlen(base) - 4), base);
		size_t len;
		char *text = tu_read_file(files[n_files], &len);
		rp_voice_preset p;
		rp_diags diags = {0};
		assert_int_equal(rp_voice_preset_parse(id, files[n_files], text, len, &p, &diags),
		                 RP_OK);
		assert_int_equal(diags.count, 0);
		free(text);
		/* added in reverse name order: the library keeps them sorted anyway */
		assert_int_equal(rp_voice_library_add(lib, &p), RP_OK);
		assert_int_equal(rp_voice_library_add(lib, &p), RP_ERR_ARG); /* the id is taken */
	}
	tu_free_list(files);
	assert_int_equal(lib->n_presets, n_files);
	assert_int_equal(lib->n_presets, shipped->n_presets);
	for (size_t i = 0; i < lib->n_presets; i++)
		assert_presets_equal(&lib->presets[i], &shipped->presets[i]);
	assert_ptr_equal(rp_voice_library_find(lib, "ADA"), &lib->presets[0]);
	assert_null(rp_voice_library_find(lib, "nobody"));
	rp_voice_library_free(lib);
	rp_voice_library_free(shipped);

	rp_cast from_file = {0}, from_memory = {0};
	rp_diags diags = {0};
	const char *path = tu_source_path("examples/cast.ini");
	assert_int_equal(rp_cast_load(&from_file, path, &diags), RP_OK);
	size_t len;
	char *text = tu_read_file(path, &len);
	assert_int_equal(rp_cast_load_memory(&from_memory, "cast.ini", text, len, &diags), RP_OK);
	free(text);
	assert_int_equal(diags.count, 0);
	assert_int_equal(from_file.count, 2);
	assert_int_equal(from_memory.count, from_file.count);
	for (size_t i = 0; i < from_file.count; i++) {
		assert_string_equal(from_memory.entries[i].speaker, from_file.entries[i].speaker);
		assert_string_equal(from_memory.entries[i].preset, from_file.entries[i].preset);
	}
	assert_string_equal(from_file.entries[0].speaker, "Mia");
	assert_string_equal(from_file.entries[0].preset, "clara");
	rp_cast_clear(&from_file);
	rp_cast_clear(&from_memory);
}

/* A library built by hand: the presets it has are the ones the plan uses; none is an error;
 * a preset without a Mandarin voice still reads Mandarin with cmn-latn-pinyin. */
static void test_library_from_memory(void **state)
{
	(void)state;
	static const char ONE[] =
		"[voice]\nname = Solo\ngender = male\n[languages]\nen = en-gb+m7\n";
	rp_voice_preset p;
	rp_diags diags = {0};
	assert_int_equal(rp_voice_preset_parse("Solo", "solo.ini", ONE, sizeof ONE - 1, &p, &diags),
	                 RP_OK);
	assert_string_equal(p.id, "solo");
	assert_string_equal(p.variant, "m7");
	assert_int_equal(p.pitch, 50);
	assert_int_equal(p.rate, 175);
	static const char INDENTED[] = "[voice]\n  name = I\n  [languages]\n    en = en\n";
	rp_voice_preset ind;
	assert_int_equal(rp_voice_preset_parse("i", "i.ini", INDENTED, sizeof INDENTED - 1, &ind,
	                                       &diags),
	                 RP_OK);
	assert_string_equal(ind.name, "I");
	assert_int_equal(ind.n_langs, 1);
	char buf[64];
	assert_string_equal(rp_voice_for_lang(&p, "cmn", buf, sizeof buf), "cmn-latn-pinyin+m7");
	assert_string_equal(rp_voice_for_lang(&p, "ja", buf, sizeof buf), "ja+m7");

	rp_voice_library *lib;
	assert_int_equal(rp_voice_library_new(&lib), RP_OK);
	int rc;
	rp_plan *plan = plan_for("[A]: hello\n", lib, NULL, &diags, &rc);
	assert_int_equal(rc, RP_ERR_VOICE); /* no presets to choose from */
	assert_null(plan);
	rp_diags_clear(&diags);
	assert_int_equal(rp_voice_library_add(lib, &p), RP_OK);
	rp_voice_preset upper = p;
	upper.id[0] = 'S';
	assert_int_equal(rp_voice_library_add(lib, &upper), RP_ERR_ARG); /* ids ignore case */
	plan = plan_for("[A]: hello 你好\n[B]: bye\n", lib, NULL, &diags, &rc);
	assert_int_equal(rc, RP_OK);
	assert_string_equal(plan->speakers[0].preset.id, "solo");
	assert_string_equal(plan->speakers[1].preset.id, "solo");
	assert_string_equal(plan->turns[0].items[0].voice, "en-gb+m7");
	assert_string_equal(plan->turns[0].items[1].voice, "cmn-latn-pinyin+m7");
	rp_plan_free(plan);
	rp_voice_library_free(lib);
	rp_diags_clear(&diags);
}

/* Cast files from memory: every malformed line at LINE:COL; an unknown preset fails only when
 * the plan is built, with RP_ERR_VOICE. */
static void test_bad_casts(void **state)
{
	(void)state;
	static const bad_case CASES[] = {
		BAD("[cast]\nA = ada\n[other]\nB = bruno\n", 4, 1, "inside a [cast] section"),
		BAD("Mia = clara\n", 1, 1, "inside a [cast] section"),
		BAD("[cast]\n = ada\n", 2, 2, "no speaker name"),
		BAD("[cast]\nMia =\n", 2, 6, "no preset"),
		BAD("[cast]\nA]B = ada\n", 2, 1, "without ']'"),
		BAD("[cast]\nMia\xe3\x80\x80 = ada\n", 2, 1, "white space"), /* U+3000 after Mia */
		BAD("[cast]\nMi\ta = ada\n", 2, 1, "control characters"),
		BAD("[cast]\nMia clara\n", 2, 1, "expected NAME = preset"),
		BAD("[cast]\n\xe6\x97\x81\xe7\x99\xbd = \xff\n", 2, 6,
	            "invalid UTF-8"), /* 旁白 = ? */
		BAD("[cast]\nMia = cl\0ara\n", 2, 9, "NUL byte"),
		{"[cast\nMia = clara\n", 0, 1, 1, "expected ']'", 2},
		{"[cast]\nA = ada\n=x\nB = \n[c\n", 0, 3, 1, "no speaker name", 3},
		/* an indented line is no continuation of the one before: inih would have called it
		 * "0...0" again, cut to 49 bytes inside 껿 (found by fuzz_cast) */
		BAD("[cast]\n000000000000000000000000000000000000000000000000\xea\xbb\xbf"
	            "0 = clara\n ada\n",
	            3, 2, "expected NAME = preset"),
	};
	for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
		rp_cast cast = {0};
		rp_diags diags = {0};
		assert_int_equal(rp_cast_add_assignment(&cast, "Kept=eve"), RP_OK);
		bad_case c = CASES[i];
		c.len = c.len ? c.len : strlen(c.text);
		assert_int_equal(rp_cast_load_memory(&cast, "c.ini", c.text, c.len, &diags),
		                 RP_ERR_INPUT);
		assert_int_equal(cast.count, 1); /* what was there stays, nothing of the file */
		check_bad(&c, &diags, "c.ini", i);
		rp_diags_clear(&diags);
		rp_cast_clear(&cast);
	}
	/* names a script can have, including ':' free CJK ones; a preset that does not exist */
	static const char OK[] =
		"; c\n[cast]\n\xe6\x97\x81\xe7\x99\xbd = dmitri\r\nZoe = nobody\r\n";
	rp_cast cast = {0};
	rp_diags diags = {0};
	assert_int_equal(rp_cast_load_memory(&cast, "c.ini", OK, sizeof OK - 1, &diags), RP_OK);
	assert_int_equal(cast.count, 2);
	assert_string_equal(cast.entries[0].speaker, "旁白");
	assert_string_equal(cast.entries[1].preset, "nobody");
	/* indented lines are lines of their own */
	static const char INDENTED[] = "[cast]\n  Mia = clara\n\tLeo = dmitri\n";
	assert_int_equal(rp_cast_load_memory(&cast, "i.ini", INDENTED, sizeof INDENTED - 1, &diags),
	                 RP_OK);
	assert_int_equal(cast.count, 4);
	assert_string_equal(cast.entries[3].speaker, "Leo");
	rp_voice_library *lib = load_shipped();
	int rc;
	rp_plan *plan = plan_for(FOUR, lib, &cast, &diags, &rc);
	assert_int_equal(rc, RP_ERR_VOICE);
	assert_null(plan);
	assert_non_null(strstr(diags.items[0].message, "'nobody'"));
	rp_diags_clear(&diags);
	rp_cast_clear(&cast);
	rp_voice_library_free(lib);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_presets),
		cmocka_unit_test(test_automatic_assignment),
		cmocka_unit_test(test_cast),
		cmocka_unit_test(test_bad_presets),
		cmocka_unit_test(test_memory_like_files),
		cmocka_unit_test(test_library_from_memory),
		cmocka_unit_test(test_bad_casts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
