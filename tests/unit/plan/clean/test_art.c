/* ASCII art and runs of drawing symbols (src/plan/clean/art.h): a table of inputs and the text left after
 * blanking, art blocks in multi-line paragraphs with their on_block ranges, and the shared real
 * scripts (what is blanked there, and that no letter, digit or emoji is lost). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "art.h"
#include "radioplay.h"
#include "sanitize.h"
#include "testutil.h"

/* `got` (the blanked copy of `in`, same length) written with one space per blanked code point,
 * into out[cap]. Fails when a code point was changed other than to spaces, or partly. */
static void collapse(const char *in, const char *got, size_t len, char *out, size_t cap)
{
	size_t o = 0;
	for (int32_t i = 0; (size_t)i < len;) {
		int32_t s = i;
		UChar32 c;
		U8_NEXT(in, i, (int32_t)len, c);
		(void)c;
		bool same = memcmp(in + s, got + s, (size_t)(i - s)) == 0;
		bool spaces = true;
		for (int32_t k = s; k < i; k++)
			spaces = spaces && got[k] == ' ';
		if (!same && !spaces)
			fail_msg("\"%s\": byte %d changed to something else than spaces", in, s);
		size_t n = same ? (size_t)(i - s) : 1;
		assert_true(o + n < cap);
		memcpy(out + o, same ? in + s : " ", n);
		o += n;
	}
	out[o] = '\0';
}

static bool kept_class(UChar32 c)
{
	if (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK))
		return true;
	return c >= 0x80 && (u_hasBinaryProperty(c, UCHAR_EMOJI) ||
	                     u_hasBinaryProperty(c, UCHAR_EMOJI_COMPONENT));
}

/* Every letter, digit and emoji of in[0..len) is unchanged in out. */
static void assert_words_kept(const char *file, const char *in, const char *out, size_t len)
{
	for (int32_t i = 0; (size_t)i < len;) {
		int32_t s = i;
		UChar32 c;
		U8_NEXT(in, i, (int32_t)len, c);
		if (kept_class(c) && memcmp(in + s, out + s, (size_t)(i - s)) != 0)
			fail_msg("%s: U+%04X lost in \"%s\"", file, (unsigned)c, in);
	}
}

/* Blank `in` and compare with `want`, where each blanked code point is one space. Returns the
 * number of bytes blanked. */
static size_t expect_blocks(const char *in, const char *want, rp_art_block_fn fn, void *ctx)
{
	size_t len = strlen(in);
	char *buf = malloc(len + 1);
	memcpy(buf, in, len + 1);
	size_t n = rp_blank_ascii_art(buf, len, fn, ctx);
	assert_int_equal(buf[len], '\0');
	char got[1024];
	collapse(in, buf, len, got, sizeof got);
	if (strcmp(got, want) != 0)
		fail_msg("blank(\"%s\") = \"%s\", want \"%s\"", in, got, want);
	size_t changed = 0;
	for (size_t i = 0; i < len; i++)
		changed += in[i] != buf[i];
	assert_int_equal(n, changed);
	free(buf);
	return n;
}

static void expect(const char *in, const char *want)
{
	expect_blocks(in, want, NULL, NULL);
}

static void test_symbol_runs(void **state)
{
	(void)state;
	expect("**bold**.", "  bold  .");
	expect("=====", "     ");
	expect("###重点###", "   重点   ");
	expect(">>> next", "    next");
	expect("back <<<", "back    ");
	expect("__init__", "  init  ");
	expect("~~~好~~~", "   好   ");
	expect("★★★ 五星", "    五星");
	expect("see // here", "see    here");
	expect("好！========", "好！        "); /* not 等于等于... */
	expect("加油++++！", "加油    ！");
	expect("♪♪ la la", "   la la");
	expect("**注意**：明天", "  注意  ：明天");
	expect("(╯°□°)╯ oh", "        oh");   /* an art line: its word stays */
	expect("a => b -> c", "a    b    c"); /* not an art line: 4 drawing, 3 letters */
	expect("see https://x.com/a", "see https:  x.com/a"); /* "slash slash" */
	/* emoticons inside runs are the sanitizer's, whole; the marks around them are not */
	expect("\\(^o^)/ yay", " (^o^)  yay");
	expect("ok **:-)** ok", "ok   :-)** ok"); /* the sanitizer's mouth takes the ** after it */
	expect("**:-)**", "       ");             /* an art line: blanked whole */
	expect("好的~~(^_^) 走吧", "好的  (^_^) 走吧");
	expect("嗯(^o^)/~~ 好", "嗯(^o^)    好");
	/* found as the sanitizer's regular expression finds them (leftmost first): "=(" is a western
	 * face, so the ^_^ after it is an eye-mouth-eye face, not a bracketed one */
	expect("好的==(^_^)==走吧", "好的 =(^_^)  走吧");
	expect("wait..., ***really***?!", "wait...,    really   ?!");
	/* arrows and dash rules are not faces (src/plan/clean/sanitize.c): blanked here */
	expect("a --> b <-- c", "a     b     c");
	expect("no ----- yes +-+", "no       yes    ");
}

/* What the plan uses: the same, with every emoticon blanked whole as well. */
static void test_unspoken_marks(void **state)
{
	(void)state;
	char text[] = "好的 :) 走吧 ;-) **嗯** :D (^_^) 3:2";
	size_t n = rp_blank_unspoken_marks(text, strlen(text), NULL, NULL);
	assert_string_equal(text, "好的    走吧       嗯            3:2");
	assert_int_equal(n, 2 + 3 + 4 + 2 + 5);
}

static void test_kept(void **state)
{
	(void)state;
	const char *same[] = {
		"-- by the way",
		"Wait--what",
		"no --- yes",
		"好——真的",
		"——。",
		"C++ and g++, C#.",
		"a/b",
		"1+1=2",
		"x*y",
		"50/50",
		"50% off ¥100 $5",
		"Wait... what?!",
		"好！！！！",
		"“好的。”",
		"| hello |",
		"nice :-) ok",
		":) :( ;-) =)",
		"hmm :-/ ok",
		"<3",
		"T_T",
		"开心(^_^)你呢",
		"ok (╯°□°)╯ fine",
		"snake_case",
		"a - b",
		"#1 fan",
		"@alice & bob",
		"🎬🔥 😀",
		"👩‍👩‍👧 🇨🇳 #️⃣ *️⃣ 1️⃣",
		"❤️❤️❤️",
		"©®™",
		"x^2",
		"~好",
		"1.5-2.5",
	};
	for (size_t i = 0; i < sizeof same / sizeof *same; i++)
		assert_int_equal(expect_blocks(same[i], same[i], NULL, NULL), 0);
}

/* The sanitizer still finds every emoticon whole after blanking: it makes the same text of the
 * blanked and the original line (white space aside, which it folds). */
static void test_emoticons_left_to_sanitizer(void **state)
{
	(void)state;
	const char *lines[] = {
		"nice :-) ok",        "hmm :-/ ok",        ":) :( ;-) =) <3 xD", "开心(^_^)你呢",
		"ok (╯°□°)╯ fine",    "好的~~(^_^) 走吧",  "T_T 好吧",           "^_^ 好",
		"wow >_< -_- ^^; ok", "那种vibe ¥_¥ 真好", "(T_T) 呜呜",         "^-^ ok",
		"o_O what",
	};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		size_t len = strlen(lines[i]);
		char *buf = strdup(lines[i]);
		rp_blank_ascii_art(buf, len, NULL, NULL);
		char *want = rp_sanitize_for_espeak(lines[i], len, "en");
		char *got = rp_sanitize_for_espeak(buf, len, "en");
		if (strcmp(want, got) != 0)
			fail_msg("\"%s\" -> \"%s\": sanitized \"%s\", unblanked \"%s\"", lines[i],
			         buf, got, want);
		free(buf);
		free(want);
		free(got);
	}
}

typedef struct blocks {
	size_t n;
	size_t start[8], end[8];
} blocks;

static void on_block(size_t start, size_t end, void *ctx)
{
	blocks *b = ctx;
	assert_true(b->n < 8);
	b->start[b->n] = start;
	b->end[b->n] = end;
	b->n++;
}

static void on_block_any(size_t start, size_t end, void *ctx)
{
	assert_true(start <= end);
	((blocks *)ctx)->n++;
}

static void test_art_lines(void **state)
{
	(void)state;
	const char *art[] = {"  /\\_/\\", "  > ^ <", "+-------+", "┌──┐", "= = =",
	                     "^_^",       "(^_^)",   "|___|___|", "-_-",  "/\\/\\/\\"};
	for (size_t i = 0; i < sizeof art / sizeof *art; i++) {
		blocks b = {0};
		char want[64];
		size_t w = 0;
		for (int32_t k = 0; art[i][k];) { /* one space per code point */
			UChar32 c;
			U8_NEXT(art[i], k, -1, c);
			(void)c;
			want[w++] = ' ';
		}
		want[w] = '\0';
		expect_blocks(art[i], want, on_block, &b);
		assert_int_equal(b.n, 1);
		assert_int_equal(b.start[0], 0);
		assert_int_equal(b.end[0], strlen(art[i]));
	}
	/* a cat between two lines of text: one block, the face line joins it as its fringe */
	const char *cat = "look:\n  /\\_/\\\n ( o.o )\n  > ^ <\nmeow";
	blocks b = {0};
	expect_blocks(cat, "look:\n       \n        \n       \nmeow", on_block, &b);
	assert_int_equal(b.n, 1);
	assert_int_equal(b.start[0], 6);
	assert_int_equal(b.end[0], strlen(cat) - 5);
	/* two boxes (the emoji inside stays). A line of one repeated mark (=====) counts as one
	 * drawing code point, so it is no art line, but it joins the art below it as fringe */
	const char *two = "+--+\n|🎬|\n+--+\n好的\n=====\n-----\n+--+\n|  |\n+--+";
	b = (blocks){0};
	expect_blocks(two, "    \n 🎬 \n    \n好的\n     \n     \n    \n    \n    ", on_block, &b);
	assert_int_equal(b.n, 2);
	assert_int_equal(b.start[0], 0);
	assert_int_equal(b.end[0], strlen("+--+\n|🎬|\n+--+"));
	assert_int_equal(b.start[1], strlen("+--+\n|🎬|\n+--+\n好的\n"));
	assert_int_equal(b.end[1], strlen(two));
	/* alone, a rule is a symbol run (rule 3): blanked, but no block; a caption with a word
	 * does not join the art under it */
	b = (blocks){0};
	expect_blocks("重点\n＝＝＝＝\ncat\n(=^.^=)", "重点\n    \ncat\n       ", on_block, &b);
	assert_int_equal(b.n, 1);
	assert_int_equal(b.start[0], strlen("重点\n＝＝＝＝\ncat\n"));
	/* not art lines: fewer drawing marks than letters */
	b = (blocks){0};
	expect_blocks("| hello |\n1+1=2\n-- by the way", "| hello |\n1+1=2\n-- by the way",
	              on_block, &b);
	assert_int_equal(b.n, 0);
}

static void test_edges(void **state)
{
	(void)state;
	char empty[1] = "";
	assert_int_equal(rp_blank_ascii_art(empty, 0, NULL, NULL), 0);
	assert_int_equal(rp_blank_ascii_art(NULL, 0, NULL, NULL), 0);
	/* invalid UTF-8 counts as a letter and is left alone */
	expect("\xff\xfe**\xc3", "\xff\xfe  \xc3"); /* a run of 2 marks between two "letters" */
	expect("a\xe4\xb8\n==\xff==", "a\xe4\xb8\n  \xff  ");
	expect("\xff\n+--+\n|  |\n+--+", "\xff\n    \n    \n    ");
	expect("\n\n", "\n\n");
	expect("\xe2\x94", "\xe2\x94"); /* a cut box-drawing character */
}

/* Random texts of pieces that matter here (fixed seed): only whole code points become spaces,
 * '\n' and letters, digits and emoji outside art blocks are never touched (art blocks keep
 * words), and blanking again changes nothing. */
static void test_random_texts(void **state)
{
	(void)state;
	static const char *pieces[] = {
		"*",    "**",       "=",  "==", "-",  "--", "—",      "_",       "/",
		"\\",   "|",        "#",  "+",  "++", "^",  "~",      "`",       "@",
		"&",    "<",        ">",  "(",  ")",  "（", "）",     ":",       ";",
		".",    "!",        "！", "。", "…",  " ",  " ",      "\n",      "a",
		"b",    "C",        "o",  "x",  "T",  "D",  "1",      "0",       "好",
		"的",   "★",        "┌",  "─",  "♪",  "🎬",  "❤️", "#️⃣", "👩‍👧",
		"\xff", "\xe4\xb8", "¥",  "%",  "ー", "▽",  "＝",     "／",      "\t",
	};
	enum { N_PIECES = sizeof pieces / sizeof *pieces };
	uint32_t seed = 12345;
	size_t blanked = 0, blocks_total = 0;
	for (int round = 0; round < 3000; round++) {
		char in[256];
		size_t len = 0;
		int count = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 24;
		for (int k = 0; k < count; k++) {
			seed = seed * 1103515245u + 12345u;
			const char *piece = pieces[(seed >> 16) % N_PIECES];
			memcpy(in + len, piece, strlen(piece));
			len += strlen(piece);
		}
		in[len] = '\0';
		char once[256], twice[256];
		memcpy(once, in, len + 1);
		blocks b = {0};
		size_t n = rp_blank_ascii_art(once, len, on_block_any, &b);
		blanked += n;
		blocks_total += b.n;
		char collapsed[1024];
		collapse(in, once, len, collapsed, sizeof collapsed); /* whole code points only */
		for (size_t i = 0; i < len; i++)
			if ((in[i] == '\n') != (once[i] == '\n'))
				fail_msg("\"%s\": a line end moved at byte %zu", in, i);
		if (b.n == 0)
			assert_words_kept("random", in, once, len);
		memcpy(twice, once, len + 1);
		assert_int_equal(rp_blank_ascii_art(twice, len, NULL, NULL), 0);
		assert_memory_equal(once, twice, len);
	}
	printf("random texts: %zu bytes blanked, %zu art blocks\n", blanked, blocks_total);
	assert_true(blanked > 0 && blocks_total > 0);
}

/* ----- the shared scripts ----- */

typedef struct shared_counts {
	size_t paragraphs, changed, bytes, blocks;
	size_t decorated_bytes; /* bytes blanked in the decorated copies */
	size_t block_start, block_end;
} shared_counts;

static void count_block(size_t start, size_t end, void *ctx)
{
	shared_counts *sc = ctx;
	sc->blocks++;
	sc->block_start = start;
	sc->block_end = end;
}

/* A cat drawn under the paragraph, and symbol runs around it (13 + 6 bytes blanked). */
static const char CAT[] = "\n  /\\_/\\\n ( o.o )\n  > ^ <";
enum { CAT_BYTES = 13, RUN_BYTES = 6 };

static void visit(void *user, const char *file, const rp_paragraph *p, const rp_span *spans,
                  size_t n_spans)
{
	(void)spans;
	(void)n_spans;
	shared_counts *sc = user;
	char *buf = malloc(p->len + 1);
	memcpy(buf, p->text, p->len + 1);
	size_t n = rp_blank_ascii_art(buf, p->len, count_block, sc);
	sc->paragraphs++;
	sc->bytes += n;
	sc->changed += n > 0;
	assert_words_kept(file, p->text, buf, p->len);
	if (n > 0 && getenv("RP_ART_VERBOSE"))
		printf("%s\n  <%s>\n  <%s>\n", file, p->text, buf);
	free(buf);

	/* decorated: "** TEXT ** =>" + CAT: exactly the decoration is blanked, as one block */
	size_t dlen = 3 + p->len + 6 + sizeof CAT - 1;
	char *dec = malloc(dlen + 1), *out = malloc(dlen + 1);
	snprintf(dec, dlen + 1, "** %s ** =>%s", p->text, CAT);
	memcpy(out, dec, dlen + 1);
	size_t before = sc->blocks;
	size_t dn = rp_blank_ascii_art(out, dlen, count_block, sc);
	assert_words_kept(file, dec + 3, out + 3, p->len); /* the cat's o.o is blanked */
	if (dn != n + CAT_BYTES + RUN_BYTES || sc->blocks != before + 1 ||
	    sc->block_start != dlen - (sizeof CAT - 2) || sc->block_end != dlen)
		fail_msg(
			"%s: decorated \"%s\": %zu bytes blanked, blocks %zu, [%zu, %zu) -> \"%s\"",
			file, dec, dn, sc->blocks - before, sc->block_start, sc->block_end, out);
	sc->decorated_bytes += dn;
	free(dec);
	free(out);
}

static void test_shared_scripts(void **state)
{
	(void)state;
	shared_counts sc = {0};
	size_t n = tu_for_each_shared_paragraph(visit, &sc);
	if (n == 0)
		skip();
	printf("shared scripts: %zu paragraphs, %zu changed, %zu bytes blanked; decorated: %zu "
	       "bytes blanked, %zu art blocks\n",
	       sc.paragraphs, sc.changed, sc.bytes, sc.decorated_bytes, sc.blocks);
	/* The three scripts are chat without art; their only symbol runs are —— (76, kept as
	 * pauses), …… and ... (not drawing), ¥_¥ (one drawing mark; the sanitizer's emoticon) and
	 * emoji: nothing is blanked. */
	assert_int_equal(sc.paragraphs, 272);
	assert_int_equal(sc.bytes, 0);
	assert_int_equal(sc.decorated_bytes, 272 * (CAT_BYTES + RUN_BYTES));
	assert_int_equal(sc.blocks, 272);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_symbol_runs),
		cmocka_unit_test(test_kept),
		cmocka_unit_test(test_emoticons_left_to_sanitizer),
		cmocka_unit_test(test_art_lines),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_unspoken_marks),
		cmocka_unit_test(test_random_texts),
		cmocka_unit_test(test_shared_scripts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
