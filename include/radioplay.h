/*
 * radioplay.h - render a written dialogue script as an audio drama.
 *
 * The pipeline has one data shape between each stage (see ARCHITECTURE.md):
 *
 *   bytes --rp_source_load--> rp_source (UTF-8 text)
 *         --rp_script_parse--> rp_script (turns -> paragraphs)
 *         --rp_split_spans--> rp_span[] (one language each)
 *         --rp_plan_build--> rp_plan (speech and pause items, voices chosen)
 *         --rp_render--> 16-bit mono frames pushed into an rp_sink
 *                        (WAV/FLAC/... file, resampler, ring for live playback, ...)
 *
 * Most programs need two calls: rp_plan_load() runs the first four stages on a file (or
 * rp_plan_load_memory() on bytes) with one options struct and one diagnostics list, and
 * rp_render() plays the plan into a sink. The stage functions are public too, for tools that
 * stop early (a linter, a parser test).
 *
 * Conventions used throughout:
 * - Text is UTF-8. Lines and columns are 1-based; a column counts Unicode code points (not bytes)
 *   from the start of the source line, as editors show it.
 * - Audio is 16-bit signed PCM, mono, at the rate eSpeak NG reports (22050 Hz for the voices
 *   radioplay ships). A frame is one sample per channel; with one channel frame == sample.
 * - Durations are milliseconds (ms) in options and plans, frames in audio code.
 * - Functions returning int return RP_OK (0) or a negative rp_status; rp_strerror() names it.
 *   Details for the user (file, line, column) go into an rp_diags list passed by the caller.
 * - Objects made in memory are created by *_new, *_load, *_parse or *_build and released by
 *   *_free; objects that hold an outside resource (eSpeak NG, a file being written) by *_open and
 *   *_close. Release functions accept NULL. Whoever created an object owns it. Value structs
 *   (rp_diags, rp_cast) are zero-initialised and emptied with *_clear.
 * - Callbacks that take frames or events return an int: RP_OK to go on, or a negative rp_status
 *   to stop, which the caller then returns (rp_sink, rp_pcm_fn).
 * - Stopping a render from another thread or a signal handler: make the sink's write return
 *   RP_ERR_ABORTED (rp_ring_sink_cancel does it for the ring sink, thread-safe and
 *   async-signal-safe).
 * - Thread safety: objects are not locked; one object may be used by one thread at a time.
 *   rp_synth wraps eSpeak NG, which is one global instance per process (eSpeak NG issues #495,
 *   #659): at most one rp_synth may exist in a process, and a process opens it once
 *   (docs/espeak-ng.md#one-instance-per-process).
 */
#ifndef RADIOPLAY_H
#define RADIOPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RADIOPLAY_VERSION "0.1.0"

/* ---------------------------------------------------------------------------------------------
 * Status codes and diagnostics
 * ------------------------------------------------------------------------------------------- */

/* Result of every fallible call. Stable values: tools may rely on them. */
typedef enum rp_status {
	RP_OK = 0,
	RP_ERR_NOMEM = -1,   /* an allocation failed */
	RP_ERR_IO = -2,      /* a file could not be read or written (errno tells more) */
	RP_ERR_INPUT = -3,   /* an input file is malformed: a script, lexicon, cast or voice preset
	                        file (or its bytes given from memory); rp_diags holds the places */
	RP_ERR_ARG = -4,     /* a caller passed an invalid argument or option value */
	RP_ERR_VOICE = -5,   /* a voice preset or eSpeak NG voice that was asked for does not exist
	                        (or a folder holds no presets) */
	RP_ERR_SYNTH = -6,   /* eSpeak NG failed */
	RP_ERR_AUDIO = -7,   /* libsndfile, libsamplerate or the audio device failed */
	RP_ERR_ABORTED = -8, /* a sink or the user asked to stop (e.g. SIGINT) */
} rp_status;

/* Static English text for a status code; never NULL. Thread-safe. */
const char *rp_strerror(int status);

typedef enum rp_severity { RP_WARNING = 0, RP_ERROR = 1 } rp_severity;

/* One message about a place in an input file, printed as "FILE:LINE:COL: error: MESSAGE".
 * line/column are 1-based; 0 means "the file as a whole" (then only "FILE: ..." is printed). */
typedef struct rp_diag {
	rp_severity severity;
	char *file; /* owned copy of the file name as the user gave it ("-" is shown as <stdin>) */
	int line;
	int column;    /* in code points */
	char *message; /* owned, no trailing newline */
} rp_diag;

/* A growable list of diagnostics. Zero-initialise ({0}) before first use; rp_diags_clear()
 * releases the items. Not thread-safe. */
typedef struct rp_diags {
	rp_diag *items;
	size_t count;
	size_t capacity;
	size_t errors; /* how many items have RP_ERROR */
} rp_diags;

/* Append a diagnostic; message is printf-formatted. `d` may be NULL (nothing is kept). Returns
 * RP_OK or RP_ERR_NOMEM. */
int rp_diags_add(rp_diags *d, rp_severity sev, const char *file, int line, int column,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Print every item, one per line, to `out` in compiler style. */
void rp_diags_print(const rp_diags *d, FILE *out);
void rp_diags_clear(rp_diags *d);

/* The Unicode name of code point `c` ("FACE WITH TEARS OF JOY"; ICU u_charName), written into
 * buf (NUL-terminated); "" for a code point without a name (unassigned, private use), "?" when
 * the name does not fit in size - 1 bytes or `c` is not a code point. Returns buf.
 * Thread-safe. */
const char *rp_char_name(uint32_t c, char *buf, size_t size);

/* ---------------------------------------------------------------------------------------------
 * Stage 1: source text
 * ------------------------------------------------------------------------------------------- */

/* A script file decoded to UTF-8.
 * Invariants: `text` is valid UTF-8, NUL-terminated, holds no NUL, no byte-order mark, and uses
 * "\n" line ends only (CRLF and CR were converted). `len` is in bytes, without the NUL. */
typedef struct rp_source {
	char *name; /* as given: a path, or "<stdin>" */
	char *text;
	size_t len;
	const char *encoding; /* static string naming the input encoding, e.g. "UTF-8", "GB18030" */
} rp_source;

/* How to decode a script; zero-initialise ({0}) for the defaults. */
typedef struct rp_source_options {
	const char *encoding; /* force this encoding (ICU name or alias: "GBK", "Big5",
	                         "windows-1252", ...); NULL = UTF-8 if valid, else detect (ICU ucsdet) */
	bool strict;          /* decoding warnings (skipped bytes, repaired mojibake) are errors */
	bool keep_mojibake;   /* do not repair UTF-8 mojibake */
} rp_source_options;

/* Read `path` ("-" = standard input) and decode it to UTF-8: a byte-order mark, valid UTF-8, or
 * a legacy encoding found by ICU's charset detector; UTF-8 mojibake (text decoded once as a
 * Windows code page) is repaired with a warning. The rules are in src/input/decode.h. `opt` may be NULL.
 * Invalid byte sequences are skipped with a warning at their LINE:COL.
 * Errors: RP_ERR_IO (cannot open/read: a diagnostic names the file and strerror),
 * RP_ERR_INPUT (not text: NUL bytes, mostly undecodable; or a warning under opt->strict),
 * RP_ERR_ARG (unknown encoding name). *out is NULL on error. */
int rp_source_load(const char *path, const rp_source_options *opt, rp_source **out,
                   rp_diags *diags);
/* The same, from memory (`name` is used in diagnostics). The bytes are copied. */
int rp_source_from_memory(const char *name, const void *bytes, size_t n,
                          const rp_source_options *opt, rp_source **out, rp_diags *diags);
void rp_source_free(rp_source *src);

/* ---------------------------------------------------------------------------------------------
 * Stage 2: the script (chat format) - turns and paragraphs
 * ------------------------------------------------------------------------------------------- */

/* Where a line of a paragraph starts: byte `offset` into rp_paragraph.text is source line `line`,
 * column `column`. */
typedef struct rp_line_start {
	size_t offset;
	int line;
	int column;
} rp_line_start;

/* A paragraph: one or more consecutive non-blank source lines of a turn, joined with "\n".
 * Leading and trailing white space of the paragraph is removed; inner text is kept as written. */
typedef struct rp_paragraph {
	char *text;           /* owned, NUL-terminated UTF-8 */
	size_t len;           /* bytes */
	rp_line_start *lines; /* owned, n_lines >= 1, ascending offsets */
	size_t n_lines;
} rp_paragraph;

/* A turn: everything speaker `speaker` says from its tag line up to the next tag.
 * A turn may have zero paragraphs (a tag with no text). */
typedef struct rp_turn {
	char *speaker; /* owned; 1..RP_MAX_NAME_CHARS code points, no ']' */
	int line;      /* line of the tag */
	int column;    /* column of '[' */
	rp_paragraph *paragraphs;
	size_t n_paragraphs;
} rp_turn;

#define RP_MAX_NAME_CHARS 64

typedef struct rp_script {
	char *source_name;    /* owned copy of rp_source.name */
	const char *encoding; /* static; rp_source.encoding */
	rp_turn *turns;
	size_t n_turns;
} rp_script;

/* Parse the chat format (the README's "Script format" section is the specification):
 *   [NAME]: text      a tag at the start of a line begins a turn; ':' or fullwidth '：', then an
 *                     optional space; NAME is 1..64 code points without ']' (spaces around it trimmed)
 *   text              a line without a tag continues the current turn
 *   (blank line)      inside a turn: a paragraph break
 * Text before the first tag is an error unless blank. An empty script (no turns) is an error.
 * Returns RP_OK, RP_ERR_INPUT (with diagnostics; *out NULL) or RP_ERR_NOMEM. */
int rp_script_parse(const rp_source *src, rp_script **out, rp_diags *diags);
void rp_script_free(rp_script *script);

/* Map byte `offset` of paragraph `p` to a source line and column (code points). */
void rp_paragraph_position(const rp_paragraph *p, size_t offset, int *line, int *column);

/* ---------------------------------------------------------------------------------------------
 * Stage 3: language spans
 * ------------------------------------------------------------------------------------------- */

/* Why a span ends; decides the pause that follows it (rp_plan_options). */
typedef enum rp_boundary {
	RP_BOUNDARY_NONE = 0,  /* the sentence goes on in another language: no pause */
	RP_BOUNDARY_CLAUSE,    /* the span ends in , ; : 、，；： — a short clause pause */
	RP_BOUNDARY_SENTENCE,  /* the span ends in . ! ? 。！？… — a sentence pause */
	RP_BOUNDARY_PARAGRAPH, /* last span of the paragraph */
} rp_boundary;

/* A run of a paragraph in one language. Byte range [start, end) of the paragraph's text.
 * `lang` is a BCP 47 primary language subtag (static string: "en", "cmn", "ja", "ko", "ru", ...),
 * or "und" for a run of only white space, punctuation and symbols that belongs to no language
 * (a paragraph of only emoji, say). */
typedef struct rp_span {
	const char *lang;
	size_t start;
	size_t end;
	rp_boundary boundary;
} rp_span;

/* Split a paragraph into language spans by Unicode script (ICU uscript_getScript), following the
 * rules in the README ("Language spans"): Han -> cmn, Latin -> en, Hiragana/Katakana and Han next
 * to kana -> ja, Hangul -> ko, Cyrillic -> ru, other scripts -> the eSpeak NG language for that
 * script; Common and Inherited characters join the span around them.
 * Spans are contiguous, cover the whole paragraph, and adjacent spans differ in `lang`.
 * *spans is malloc'd (caller frees). Returns RP_OK or RP_ERR_NOMEM. */
int rp_split_spans(const rp_paragraph *p, rp_span **spans, size_t *n_spans);

/* ---------------------------------------------------------------------------------------------
 * Voices
 * ------------------------------------------------------------------------------------------- */

typedef enum rp_gender { RP_GENDER_UNKNOWN = 0, RP_GENDER_FEMALE, RP_GENDER_MALE } rp_gender;

#define RP_MAX_LANGS 16

/* A voice preset: one INI file in voices/ (see the README's "Voices" section).
 * pitch and range are eSpeak NG's 0..100 scales, rate is words per minute (80..450).
 * All strings are NUL-terminated UTF-8; lang and voice are ASCII. */
typedef struct rp_voice_preset {
	char id[64];   /* the file name without ".ini", lower case: what --voice NAME=ID names */
	char name[64]; /* display name from [voice] name */
	rp_gender gender;
	int pitch;
	int range;
	int rate;
	char variant
		[32]; /* eSpeak NG variant shared by all languages ("f3"), from the `en` voice */
	size_t n_langs;
	struct {
		char lang[16];  /* BCP 47, as in rp_span.lang */
		char voice[64]; /* eSpeak NG voice name with variant, e.g. "cmn-latn-pinyin+f3" */
	} langs[RP_MAX_LANGS];
} rp_voice_preset;

/* Parse one voice preset from `len` bytes of INI `text` (read with inih; need not be
 * NUL-terminated, may hold any bytes). `id` becomes the preset's id, lower-cased (ASCII): 1..63
 * bytes of UTF-8, the file name without ".ini" when read from a folder. `name` is the file name
 * diagnostics show. The file format (the README's "Voices"):
 *   [voice]      name = display name (at most 63 bytes; default: the id)
 *                gender = female | male      pitch = 0..100   range = 0..100 (default 50 each)
 *                rate = 80..450 (words per minute, default 175)
 *   [languages]  LANG = eSpeak NG voice, e.g. en = en-us+f3: LANG a language tag as in
 *                rp_span.lang (lower-cased, at most 15 bytes, each at most once, at most
 *                RP_MAX_LANGS), the voice printable ASCII without spaces (at most 63 bytes, the
 *                variant after '+' at most 31); cmn must be a cmn-latn-pinyin voice
 *   ; or # starts a comment line, " ;" an inline comment; KEY: VALUE is KEY = VALUE; an
 *   indented line is a line like any other (no multi-line values); lines are UTF-8 ("\r\n" and a
 *   leading byte-order mark accepted) of at most 198 bytes (inih's line buffer).
 * Both sections are needed. The variant is the en voice's (else the first voice's) part after
 * '+'. Every malformed line gets an error diagnostic at FILE:LINE:COL (column of the key or
 * value at fault; a line that is not UTF-8 or holds a NUL, at the bad byte); a missing section
 * is one at FILE.
 * Returns RP_OK (*out filled), RP_ERR_INPUT (malformed; *out untouched), RP_ERR_ARG (`id` is not
 * 1..63 bytes of UTF-8: a diagnostic), RP_ERR_NOMEM. Thread-safe: inih's global settings are
 * only read. */
int rp_voice_preset_parse(const char *id, const char *name, const char *text, size_t len,
                          rp_voice_preset *out, rp_diags *diags);

/* A set of presets. Create with rp_voice_library_new (empty) and rp_voice_library_add, or
 * rp_voice_library_load; release with rp_voice_library_free. Read the fields; change them only
 * through these functions. */
typedef struct rp_voice_library {
	rp_voice_preset *presets; /* owned, sorted by id (strcmp) */
	size_t n_presets;
	size_t capacity; /* allocated presets */
} rp_voice_library;

/* An empty library (*out; RP_OK or RP_ERR_NOMEM). rp_plan_build needs at least one preset. */
int rp_voice_library_new(rp_voice_library **out);
/* Add a copy of `preset` (from rp_voice_preset_parse, or filled by hand: its strings
 * NUL-terminated), kept in id order. Errors: RP_ERR_ARG (the id is empty, or a preset with the
 * same id ignoring ASCII case is already there, or n_langs > RP_MAX_LANGS; lib unchanged),
 * RP_ERR_NOMEM. */
int rp_voice_library_add(rp_voice_library *lib, const rp_voice_preset *preset);
/* Load every "*.ini" of folder `dir` in name order: rp_voice_preset_parse of each file's bytes,
 * then rp_voice_library_add. Every file is read, so every malformed one is reported.
 * Returns RP_OK (*out set), else *out is NULL and: RP_ERR_IO (the folder or a preset file cannot
 * be read: diagnostic with strerror), RP_ERR_INPUT (a preset file is malformed, its name is too
 * long or not UTF-8, or two files' ids differ only in case), RP_ERR_VOICE (no "*.ini" at all),
 * RP_ERR_NOMEM. The first of these is returned; all are reported. */
int rp_voice_library_load(const char *dir, rp_voice_library **out, rp_diags *diags);
void rp_voice_library_free(rp_voice_library *lib);
/* The preset whose id is `id` ignoring ASCII case, or NULL. */
const rp_voice_preset *rp_voice_library_find(const rp_voice_library *lib, const char *id);

/* The folder of shipped presets: $RADIOPLAY_VOICES if set, else the build-time default
 * (the source tree's voices/ when run from a build tree, else the installed share folder). */
const char *rp_default_voices_dir(void);

/* One speaker -> preset assignment; both strings owned by the rp_cast. */
typedef struct rp_cast_entry {
	char *speaker;
	char *preset;
} rp_cast_entry;

/* Speaker -> preset assignments chosen by the user (--voice NAME=PRESET, --cast FILE), in the
 * order given; a later entry for the same speaker wins. */
typedef struct rp_cast {
	size_t count;
	rp_cast_entry *entries;
} rp_cast;

/* Add speaker -> preset (both copied). RP_ERR_ARG if one is empty, RP_ERR_NOMEM. */
int rp_cast_add(rp_cast *cast, const char *speaker, const char *preset);
/* Add "NAME=PRESET" (as given to --voice). RP_ERR_ARG if there is no '=' or a side is empty. */
int rp_cast_add_assignment(rp_cast *cast, const char *assignment);
/* Append the entries of a cast file given as `len` bytes of INI `text` (read with inih; need not
 * be NUL-terminated, may hold any bytes), named `name` in diagnostics: a [cast] section of lines
 * "NAME = preset" (see examples/cast.ini), NAME a speaker as a script's tag writes it (1 to
 * RP_MAX_NAME_CHARS code points, no ']', no white space at either end, no control characters),
 * preset an id. Comments and line rules as for presets (rp_voice_preset_parse). Whether the
 * presets exist is not checked here: rp_plan_build fails with RP_ERR_VOICE for one that does
 * not.
 * Errors: RP_ERR_INPUT (a key outside [cast], a bad NAME, an empty preset, a line that is not
 * UTF-8 or INI: an error diagnostic at FILE:LINE:COL for every such line; no entry of this text
 * is kept), RP_ERR_NOMEM. Thread-safe for different casts. */
int rp_cast_load_memory(rp_cast *cast, const char *name, const char *text, size_t len,
                        rp_diags *diags);
/* The same, from the file `path` ("-": standard input). RP_ERR_IO when it cannot be read
 * (diagnostic with strerror). */
int rp_cast_load(rp_cast *cast, const char *path, rp_diags *diags);
void rp_cast_clear(rp_cast *cast);

/* ---------------------------------------------------------------------------------------------
 * Pronunciation lexicon
 * ------------------------------------------------------------------------------------------- */

/* Words whose pronunciation the user fixes. Files hold lines LANG<TAB>WORD<TAB>REPLACEMENT
 * (blank lines and lines starting with '#' are skipped): LANG a BCP 47 tag as in rp_span.lang,
 * WORD one or more words, REPLACEMENT a respelling in that language or eSpeak NG phonemes written
 * [[...]] (printable ASCII without brackets, at most 200 characters). Only lexicon phonemes are
 * ever passed to eSpeak NG with espeakPHONEMES. Matching is by whole word for words made of
 * letters that are not ideographs, case-insensitive (ICU case folding); ideographic words match
 * anywhere. When entries overlap, the one loaded last wins. Not thread-safe while loading. */
typedef struct rp_lexicon rp_lexicon;

/* Add the entries of a lexicon file given as `len` bytes of `text` (need not be NUL-terminated,
 * may hold any bytes) to *lex, which is created when NULL; `name` is the file name diagnostics
 * show. The text is UTF-8 ("\r\n" line ends and a leading byte-order mark accepted). LANG is
 * ASCII letters, digits and '-' (at most 15, lower-cased), WORD is not empty.
 * Every malformed line gets an error diagnostic at FILE:LINE:COL, the column (code points) where
 * the problem is: a missing TAB, a bad LANG, an empty WORD, a bad REPLACEMENT or phonemes (at
 * the character at fault), a fourth field, a NUL byte or a byte sequence that is not UTF-8.
 * Errors: RP_ERR_INPUT (no entry of this text is kept: *lex is as before, NULL if it was),
 * RP_ERR_NOMEM. Not thread-safe for the same *lex; different lexicons may load at once. */
int rp_lexicon_load_memory(rp_lexicon **lex, const char *name, const char *text, size_t len,
                           rp_diags *diags);
/* The same, from the file `path` ("-": standard input). RP_ERR_IO when it cannot be read
 * (diagnostic with strerror). */
int rp_lexicon_load(rp_lexicon **lex, const char *path, rp_diags *diags);
/* Load every "*.txt" in `dir` in name order; a missing folder is not an error. Every file is
 * read (each malformed line reported); returns the first error: RP_ERR_IO (the folder or a file
 * cannot be read), RP_ERR_INPUT, RP_ERR_NOMEM. */
int rp_lexicon_load_dir(rp_lexicon **lex, const char *dir, rp_diags *diags);
size_t rp_lexicon_size(const rp_lexicon *lex);
void rp_lexicon_free(rp_lexicon *lex);

/* Apply `lex` (may be NULL) to the sanitized, NUL-terminated `text` of language `lang`: a new
 * malloc'd string, valid UTF-8 (ill-formed input sequences become U+FFFD), or NULL when out of
 * memory; *phonemes is set when a [[...]] replacement was made. Thread-safe for a lexicon that
 * is not being loaded. */
char *rp_lexicon_apply(const rp_lexicon *lex, const char *text, const char *lang, bool *phonemes);

/* ---------------------------------------------------------------------------------------------
 * Emoji names (`--emoji speak`)
 * ------------------------------------------------------------------------------------------- */

/* The names of emoji in several languages: the short names that Unicode CLDR gives each emoji
 * sequence for text to speech (<annotation cp="😂" type="tts">, UTS #35 part 2 "Annotations"),
 * read with libxml2 from CLDR_DIR/annotations/LOCALE.xml and CLDR_DIR/annotationsDerived/LOCALE.xml
 * (the second has skin tones, ZWJ sequences, flags and keycaps). Languages are BCP 47 primary
 * subtags as in rp_span.lang; "cmn" reads CLDR's "zh" (Simplified Chinese). A language is loaded
 * the first time a plan needs it (about 5 ms); one whose files are missing or unreadable gets the
 * English names. Thread safety: one set of names may serve plans built on several threads at once
 * (loading is under a mutex); load and free are not thread-safe. */
typedef struct rp_emoji_names rp_emoji_names;

/* Open the names under `cldr_dir`: NULL means $RADIOPLAY_CLDR_DIR when set and not empty, else
 * Debian's unicode-cldr-core folder /usr/share/unicode/cldr/common. English is loaded at once
 * (every other language falls back to it). Errors: RP_ERR_IO (the English files cannot be read
 * or hold no names: a diagnostic names the file and the Debian package), RP_ERR_NOMEM. */
int rp_emoji_names_load(const char *cldr_dir, rp_emoji_names **out, rp_diags *diags);
void rp_emoji_names_free(rp_emoji_names *names);

/* ---------------------------------------------------------------------------------------------
 * Stage 4: the plan - exactly what will be spoken
 * ------------------------------------------------------------------------------------------- */

typedef enum rp_item_type { RP_ITEM_SPEECH = 0, RP_ITEM_PAUSE } rp_item_type;

/* A character of a speech item's written text that is not spoken: an emoji without a name in
 * the plan's mode (all emoji unless --emoji speak), a symbol (So, Sk), a private-use or
 * unassigned code point, or one whose NFKC form is all of these. Format characters, variation
 * selectors and emoji modifiers, which are never seen, are not listed. */
typedef struct rp_unspoken {
	int line, column; /* where it stands in the script (column in code points) */
	uint32_t code_point;
	char utf8[5]; /* the character in UTF-8, NUL-terminated */
} rp_unspoken;

typedef struct rp_item {
	rp_item_type type;
	/* RP_ITEM_SPEECH: */
	const char *lang; /* BCP 47, static */
	char *voice;      /* owned; eSpeak NG voice name, e.g. "en-us+f3" */
	char *text;       /* owned; the span as written */
	char *spoken;     /* owned; sanitized text handed to eSpeak NG (never SSML; [[phonemes]]
	                     only from the lexicon) */
	bool phonemes;    /* spoken holds lexicon phonemes: synthesize with espeakPHONEMES */
	bool numbers;     /* text holds a digit (Unicode Nd): the number rules read it */
	int line, column; /* where the span starts in the script */
	rp_unspoken *unspoken; /* owned, in text order; NULL when n_unspoken is 0 */
	size_t n_unspoken;
	/* RP_ITEM_PAUSE: */
	int ms;
} rp_item;

typedef struct rp_speaker {
	char *name;
	rp_voice_preset preset; /* a copy of the preset chosen for this speaker */
} rp_speaker;

typedef struct rp_plan_turn {
	size_t speaker; /* index into rp_plan.speakers */
	int line;
	rp_item *items;
	size_t n_items;
} rp_plan_turn;

typedef struct rp_plan {
	char *source;
	const char *encoding; /* static; the script's input encoding (rp_script.encoding) */
	int sample_rate;      /* Hz of the frames rp_render produces */
	rp_speaker *speakers; /* in order of first appearance */
	size_t n_speakers;
	rp_plan_turn *turns;
	size_t n_turns;
} rp_plan;

/* The rate, in Hz, at which eSpeak NG 1.51 synthesizes with every voice (espeak_Initialize's
 * return value; docs/espeak-ng.md#sample-rate). Plans are made for it without starting eSpeak NG,
 * and rp_render refuses a synth that reports another rate. */
#define RP_ESPEAK_SAMPLE_RATE 22050

/* Settings for rp_plan_build; fill with rp_plan_options_init() and change what you need. */
typedef struct rp_plan_options {
	int sample_rate;      /* Hz of the frames rp_render will make: RP_ESPEAK_SAMPLE_RATE */
	int turn_gap_ms;      /* silence between turns, default 500 */
	int paragraph_gap_ms; /* between paragraphs of a turn, default 350 */
	int sentence_gap_ms; /* after a sentence that ends a span inside a paragraph, default 300 */
	int clause_gap_ms;   /* after , ; : that ends a span inside a sentence, default 60 */
	const rp_cast *cast; /* may be NULL */
	const rp_lexicon *lexicon;   /* may be NULL */
	rp_emoji_names *emoji_names; /* NULL (default): emoji are not spoken; else they are read
	                                by name in their span's language (rp_emoji_names_load);
	                                borrowed, must outlive rp_plan_build */
} rp_plan_options;

void rp_plan_options_init(rp_plan_options *opt);

/* Build the plan: give each speaker a preset (cast first, then automatically in order of first
 * appearance, alternating female and male presets, deterministic), split turns into spans, choose
 * each span's eSpeak NG voice and sanitized text (README "What eSpeak NG is given"), and put
 * pauses between them.
 * Errors: RP_ERR_VOICE (cast names a preset that does not exist, or `lib` has no presets:
 * diagnostic), RP_ERR_ARG, RP_ERR_NOMEM. Warnings go to `diags` too: a cast entry for a speaker
 * the script lacks, a turn with nothing to say, a block of ASCII art that is not spoken
 * (src/plan/clean/art.h). */
int rp_plan_build(const rp_script *script, const rp_voice_library *lib, const rp_plan_options *opt,
                  rp_plan **out, rp_diags *diags);
void rp_plan_free(rp_plan *plan);

/* Everything that goes into a plan, for rp_plan_load; fill with rp_load_options_init(). */
typedef struct rp_load_options {
	rp_source_options source; /* decoding (--encoding, --strict, --keep-mojibake) */
	rp_plan_options plan;     /* pauses; its cast, lexicon and emoji_names are ignored: the
	                              loader makes them from the fields below */
	const char *voices_dir;   /* voice presets; NULL: rp_default_voices_dir(). Its lexicon/
	                              folder holds the shipped lexicon, loaded first */
	const rp_cast *cast;      /* speaker -> preset (--voice); may be NULL */
	const char *cast_file;    /* an INI file with a [cast] section, read after `cast`; NULL */
	const char *const *lexicon_files; /* the user's lexicons, in order (later ones win) */
	size_t n_lexicon_files;
	bool emoji_speak;     /* read emoji by their CLDR names (rp_emoji_names_load) */
	const char *cldr_dir; /* for emoji_speak; NULL: as rp_emoji_names_load says */
} rp_load_options;

void rp_load_options_init(rp_load_options *opt);

/* Run the first four stages on the script at `path` ("-": standard input): decode
 * (rp_source_load), parse (rp_script_parse), load the voice presets, lexicons, cast and emoji
 * names that `opt` names, and build the plan (rp_plan_build). `opt` may be NULL (defaults).
 * Every diagnostic of every stage goes to `diags`, in the order found: warnings of a plan that
 * was made, and the errors that stopped one. The plan does not refer to anything loaded on the
 * way; free it with rp_plan_free. Does not start eSpeak NG (plan and check work without it).
 * Errors: those of the stages (RP_ERR_IO, RP_ERR_INPUT, RP_ERR_ARG, RP_ERR_VOICE, RP_ERR_NOMEM);
 * *out is NULL then. Thread-safe for different `diags` and `out`. */
int rp_plan_load(const char *path, const rp_load_options *opt, rp_plan **out, rp_diags *diags);
/* The same for a script in memory: `name` is used in diagnostics and as rp_plan.source; the
 * `n` bytes are copied. */
int rp_plan_load_memory(const char *name, const void *bytes, size_t n, const rp_load_options *opt,
                        rp_plan **out, rp_diags *diags);

/* Write the plan as JSON (the README's "Plan" section documents the fields), with the warnings
 * of `warnings` (may be NULL: none) as its "warnings" array. RP_ERR_IO on a write error. */
int rp_plan_write_json(const rp_plan *plan, const rp_diags *warnings, FILE *out);

/* ---------------------------------------------------------------------------------------------
 * Synthesis (eSpeak NG)
 * ------------------------------------------------------------------------------------------- */

typedef struct rp_synth rp_synth;

/* Receives synthesized samples: `frames` 16-bit mono frames at the synth's sample rate, valid
 * during the call. Return RP_OK to go on, or a negative rp_status to stop synthesis; the
 * rp_synth_speak call then returns that status. Called on the thread that called
 * rp_synth_speak. */
typedef int (*rp_pcm_fn)(void *user, const int16_t *frames, size_t n_frames);

/* Initialise eSpeak NG (AUDIO_OUTPUT_SYNCHRONOUS; data found as eSpeak NG finds it: the
 * ESPEAK_DATA_PATH environment variable, else its built-in path). eSpeak NG keeps global state
 * and is not thread-safe (eSpeak NG issues #68, #495, #1527), so at most one rp_synth exists in
 * a process at a time; opening is guarded, so two threads racing get one synth and one
 * RP_ERR_ARG. Use the synth from one thread at a time.
 * Errors: RP_ERR_SYNTH (eSpeak NG's data cannot be found or read: a diagnostic says so),
 * RP_ERR_ARG (one exists already), RP_ERR_NOMEM. */
int rp_synth_open(rp_synth **out, rp_diags *diags);
void rp_synth_close(rp_synth *s);
/* Hz of the frames the synth delivers (RP_ESPEAK_SAMPLE_RATE with eSpeak NG 1.51). */
int rp_synth_sample_rate(const rp_synth *s);

/* Speak `text` (already sanitized, UTF-8) with eSpeak NG voice `voice` ("en-us+f3"), at `rate`
 * words per minute, `pitch` and `range` 0..100; `phonemes` passes espeakPHONEMES so that [[...]]
 * is read as phonemes (only for lexicon replacements: rp_item.phonemes). No pause is added after
 * the final clause (no espeakENDPAUSE). One espeak_Synth call; audio is delivered through `fn`
 * before it returns.
 * Deterministic across processes: a new process given the same calls produces the same samples
 * (rand() is seeded with a fixed value before each call, since eSpeak NG draws noise from it;
 * this resets the process's rand() sequence; docs/espeak-ng.md#rand-and-determinism). Within one process
 * eSpeak NG keeps some state between calls, so the same span may differ by a few samples from one
 * call to the next.
 * Errors: RP_ERR_VOICE (unknown voice), RP_ERR_SYNTH, or the status `fn` returned. */
int rp_synth_speak(rp_synth *s, const char *voice, int rate, int pitch, int range, const char *text,
                   bool phonemes, rp_pcm_fn fn, void *user);

/* eSpeak NG's version string (static). Does not need an rp_synth. */
const char *rp_espeak_version(void);

/* ---------------------------------------------------------------------------------------------
 * Stage 5: rendering into a sink
 * ------------------------------------------------------------------------------------------- */

/* Where rendered audio goes. `write` receives 16-bit mono frames at the sink's input rate in
 * order; it returns RP_OK, or a negative status, which stops the render (RP_ERR_ABORTED to stop
 * it on purpose). `mark` (may be NULL) is told, before the first frame of each turn, which turn
 * starts and at which output frame (counted from the start of the render). `item` (may be NULL)
 * is told, after each item of the plan has been written, the frames [start, end) it occupies: for
 * speech, from its first to its last frame above the silence threshold (trimmed); for a pause,
 * its silence. These are what subtitles and measurements need. All three return RP_OK or a
 * negative status, as write does. The callbacks run on the rendering thread. The sink does not
 * own `user`. */
typedef struct rp_sink {
	int (*write)(void *user, const int16_t *frames, size_t n_frames);
	int (*mark)(void *user, size_t turn, int64_t frame);
	int (*item)(void *user, size_t turn, size_t item, int64_t start, int64_t end);
	void *user;
} rp_sink;

typedef struct rp_render_options {
	size_t first_turn;     /* 0-based index of the first turn to render, default 0 */
	const char *speaker;   /* render only this speaker's turns (NULL: all) */
	int silence_threshold; /* a 5 ms block whose RMS is at or below this (in 16-bit sample
	                           units) is silence when trimming spans; default 328 (-40 dBFS) */
	/* Called after each turn (may be NULL): turns done so far and in all. */
	void (*progress)(void *user, size_t done, size_t total);
	void *progress_user;
} rp_render_options;

void rp_render_options_init(rp_render_options *opt);

/* Synthesize the plan into `sink`: for each speech item one rp_synth_speak call, with leading and
 * trailing silence of the synthesized audio trimmed in 5 ms blocks (so that the pauses in the
 * plan are the silences heard), and each pause item as that many ms of zero frames. Memory use
 * does not grow with the script's length: audio is streamed (at most 3 s of silence is held
 * back). `*frames_out` (may be NULL) gets the frame count. `opt` may be NULL (defaults).
 * Errors: RP_ERR_ARG (the synth's rate is not the plan's: a diagnostic), what synthesis returned
 * (RP_ERR_VOICE, RP_ERR_SYNTH: a diagnostic names the span's FILE:LINE:COL and voice), or what
 * the sink returned. */
int rp_render(const rp_plan *plan, rp_synth *synth, const rp_sink *sink,
              const rp_render_options *opt, int64_t *frames_out, rp_diags *diags);

/* ---------------------------------------------------------------------------------------------
 * Sinks
 * ------------------------------------------------------------------------------------------- */

/* An audio file written through libsndfile, atomically: a file appears at `path`, or replaces the
 * one there, only when rp_file_sink_commit() succeeds, complete and flushed to disk. Until then,
 * and when the render fails or the process is killed (even kill -9), an existing file at `path`
 * is untouched and nothing new is left in its folder.
 * The container follows the extension: .wav (16-bit PCM), .flac, .ogg (Vorbis), .aiff/.aif;
 * anything else is RP_ERR_ARG. The file is an ordinary one: mode 0666 & ~umask.
 * How: frames go to a file without a name (open(2) O_TMPFILE) in the target's folder, which
 * commit names with linkat(2) and renames over `path`. Where the filesystem has no O_TMPFILE they
 * go to a hidden temporary `.NAME.EXT.XXXXXX` beside the target (X: a letter or digit), locked
 * with flock(2) LOCK_EX while the sink is open; a kill leaves that one behind, and the next
 * rp_file_sink_open() of the same target removes every such temporary whose lock it can take (its
 * render died), never one whose lock is held (a render still running).
 * Test hook: RADIOPLAY_NO_O_TMPFILE=1 in the environment forces the named temporary.
 * Ownership and threads: the caller owns the sink and frees it with rp_file_sink_close(); `diags`
 * is borrowed and must outlive the sink. One thread at a time may use a sink; sinks for other
 * targets may be used in parallel (nothing process-wide, such as the umask, is changed). */
typedef struct rp_file_sink rp_file_sink;

/* Open `path` for mono 16-bit frames at `sample_rate` Hz. `diags` (may be NULL) gets the errors of
 * this call and, later, of writes and commit, naming `path` and the real cause: strerror(errno)
 * of the failed system call and, when libsndfile has an error of its own, sf_strerror(), e.g.
 * "out/a.wav: error: cannot write: No space left on device".
 * Errors (*out is NULL): RP_ERR_ARG (unknown extension, `path` is a folder), RP_ERR_IO (the folder
 * is missing or not writable), RP_ERR_AUDIO (libsndfile refuses the rate), RP_ERR_NOMEM. */
int rp_file_sink_open(const char *path, int sample_rate, rp_file_sink **out, rp_diags *diags);
/* The sink to render into; valid until rp_file_sink_close(). Its `write` takes `n_frames` int16
 * samples and returns RP_OK or RP_ERR_IO with a diagnostic (the first error only; every later
 * write fails too); `mark` and `item` are NULL. */
rp_sink rp_file_sink_as_sink(rp_file_sink *fs);
/* Finish the file (libsndfile's header, the encoders' last frames), fsync it and put it in place
 * at `path` atomically, replacing an existing file only now. RP_OK; a second call does nothing.
 * Errors: RP_ERR_IO with a diagnostic, also when an earlier write had failed; then nothing was
 * replaced and the partial file is gone already. Call rp_file_sink_close() in either case. */
int rp_file_sink_commit(rp_file_sink *fs);
/* Free `fs` (NULL is fine). Without a successful commit the partial file is discarded: the folder
 * holds what it held before the open. */
void rp_file_sink_close(rp_file_sink *fs);

/* A sink that converts from `in_rate` to `out_rate` with libsamplerate (SRC_SINC_MEDIUM_QUALITY,
 * streaming) and passes the result to `downstream`; marks and item ranges are converted to
 * output frames. The downstream sink must outlive it. rp_resampler_flush() pushes the
 * converter's tail; call it once after the render. The resampler keeps `diags` (borrowed; may
 * be NULL) and adds libsamplerate's own message there when conversion fails.
 * Errors: RP_ERR_ARG (a rate is not positive, or the ratio is beyond libsamplerate's 1/256..256),
 * RP_ERR_AUDIO (libsamplerate failed: src_strerror's message in diags), RP_ERR_NOMEM; the
 * sink's write returns downstream errors as they are. Not thread-safe. */
typedef struct rp_resampler rp_resampler;
int rp_resampler_new(int in_rate, int out_rate, const rp_sink *downstream, rp_resampler **out,
                     rp_diags *diags);
rp_sink rp_resampler_as_sink(rp_resampler *r);
int rp_resampler_flush(rp_resampler *r);
void rp_resampler_free(rp_resampler *r);

/* ---------------------------------------------------------------------------------------------
 * Streaming: the ring sink and the timeline (live playback, or any front end that streams)
 * ------------------------------------------------------------------------------------------- */

/* A sink that hands frames, turn marks and item ranges from the rendering thread (the producer)
 * to one consumer thread, such as an audio device callback, through lock-free single-producer
 * single-consumer rings (C11 atomics). Positions are frames on the ring's stream: all frames
 * written since the ring was made, over every render.
 * - Producer (the thread running rp_render into rp_ring_sink_as_sink): write() waits, sleeping
 *   in 2 ms steps, while the frame ring is full, and so do mark() and item() while the event
 *   ring is full; all three return RP_ERR_ABORTED once rp_ring_sink_cancel() was called.
 * - Consumer: rp_ring_sink_read and rp_ring_sink_discard never allocate, lock, wait or make a
 *   system call, so they may run in a real-time audio callback (PortAudio's rule for callbacks,
 *   portaudio.h PaStreamCallback).
 * - Events (rp_ring_sink_next_event) are read by one thread, which may be the consumer or a third
 *   (a display).
 * - rp_ring_sink_cancel, the counters and rp_ring_sink_ended may be called from any thread.
 * Frames are 16-bit mono at whatever rate the producer renders; the ring does not convert. */
typedef struct rp_ring_sink rp_ring_sink;

/* What happened where on the stream. */
typedef enum rp_ring_event_type {
	RP_RING_TURN = 0, /* turn `turn` starts at `start` */
	RP_RING_ITEM,     /* item `item` of turn `turn` occupies [start, end) (rp_sink.item) */
	RP_RING_END,      /* the render ended at `start` (rp_ring_sink_end) */
} rp_ring_event_type;

typedef struct rp_ring_event {
	rp_ring_event_type type;
	size_t turn, item;
	uint64_t start, end; /* frames on the ring's stream */
} rp_ring_event;

/* A ring of at least `frames` frames and `events` events (both rounded up to powers of two).
 * Errors: RP_ERR_ARG (a size is 0 or too big), RP_ERR_NOMEM; *out is NULL then. */
int rp_ring_sink_new(size_t frames, size_t events, rp_ring_sink **out);
/* No thread may be using the ring. Accepts NULL. */
void rp_ring_sink_free(rp_ring_sink *rs);
/* The sink to render into. Mark and item frames of a render are counted from that render's
 * start, which is where rp_ring_sink_begin() was last called. */
rp_sink rp_ring_sink_as_sink(rp_ring_sink *rs);
/* Producer, before each render: its frames start at the current stream position; cancellation
 * is lifted and the end flag cleared. */
void rp_ring_sink_begin(rp_ring_sink *rs);
/* Producer, after a render that finished: push an RP_RING_END event at the stream position and
 * raise the end flag (the consumer may stop once the ring is empty). RP_ERR_ABORTED (nothing
 * pushed, flag not raised) when the ring is cancelled, before or while waiting for room. */
int rp_ring_sink_end(rp_ring_sink *rs);
/* Any thread (also a signal handler): make a waiting or future write, mark or item return
 * RP_ERR_ABORTED, until rp_ring_sink_begin. */
void rp_ring_sink_cancel(rp_ring_sink *rs);
bool rp_ring_sink_cancelled(const rp_ring_sink *rs);
/* Any thread: whether rp_ring_sink_end was called since the last begin. */
bool rp_ring_sink_ended(const rp_ring_sink *rs);

/* Consumer: copy up to `n` frames out; returns how many there were. Real-time safe. */
size_t rp_ring_sink_read(rp_ring_sink *rs, int16_t *frames, size_t n);
/* Consumer: drop every frame available now; returns how many. Real-time safe. Dropped frames
 * count as read. */
size_t rp_ring_sink_discard(rp_ring_sink *rs);
/* Event reader: take the next event; false when there is none now. */
bool rp_ring_sink_next_event(rp_ring_sink *rs, rp_ring_event *ev);
/* Event reader: drop every event available now. */
void rp_ring_sink_discard_events(rp_ring_sink *rs);

/* Any thread; snapshots. Frames written / read (or discarded) since the ring was made, frames
 * held now, and how many it can hold. */
uint64_t rp_ring_sink_written(const rp_ring_sink *rs);
uint64_t rp_ring_sink_consumed(const rp_ring_sink *rs);
size_t rp_ring_sink_buffered(const rp_ring_sink *rs);
size_t rp_ring_sink_capacity(const rp_ring_sink *rs);

/* Where a player is in a script: which turns play, how long each lasts, the text to show.
 * Turn lengths are not known before synthesis: each starts as an estimate from the plan (pauses
 * exactly, speech from the spoken text's length at the speaker's rate) and is replaced by the
 * measured length once the render has got past the turn (the distance between two turn marks).
 * The estimates of turns not measured yet are scaled by how far off the estimates of measured
 * turns were, so the total converges as playback goes on. Times are seconds on the script's own
 * time line: the selected turns (all, or one speaker's) one after the other, from turn 1.
 * Not thread-safe: one thread at a time. */
typedef struct rp_timeline rp_timeline;

/* For `plan` (which must outlive it), playing only `speaker`'s turns when not NULL. `rate` is the
 * frames per second of measured lengths. NULL when out of memory. */
rp_timeline *rp_timeline_new(const rp_plan *plan, const char *speaker, int rate);
void rp_timeline_free(rp_timeline *tl);
/* Change the frames per second of measured lengths (before any is measured). */
void rp_timeline_set_rate(rp_timeline *tl, int rate);

size_t rp_timeline_turns(const rp_timeline *tl);
/* Whether `turn` (0-based) plays. */
bool rp_timeline_selected(const rp_timeline *tl, size_t turn);
/* First selected turn at or after `turn`; rp_timeline_turns() if none. */
size_t rp_timeline_next(const rp_timeline *tl, size_t turn);
/* Last selected turn before `turn`; SIZE_MAX if none. */
size_t rp_timeline_prev(const rp_timeline *tl, size_t turn);

/* Record that `turn` lasted `frames` frames in the rendered stream. */
void rp_timeline_measure(rp_timeline *tl, size_t turn, int64_t frames);
/* Seconds `turn` lasts (measured, else a scaled estimate; 0 if not selected). */
double rp_timeline_length(const rp_timeline *tl, size_t turn);
/* Seconds from the start of the time line to the start of `turn`. */
double rp_timeline_start(const rp_timeline *tl, size_t turn);
/* Seconds in all; *estimated tells whether any selected turn is not measured yet. */
double rp_timeline_total(const rp_timeline *tl, bool *estimated);

/* The turn's speaker and text as written (its spans joined; paragraphs separated by "\n\n").
 * Owned by the timeline. */
const char *rp_timeline_speaker(const rp_timeline *tl, size_t turn);
const char *rp_timeline_text(const rp_timeline *tl, size_t turn);
/* Where speech item `item` of `turn` stands in rp_timeline_text(): bytes [*start, *end). False for
 * a pause or an index out of range. */
bool rp_timeline_item_text(const rp_timeline *tl, size_t turn, size_t item, size_t *start,
                           size_t *end);

#ifdef __cplusplus
}
#endif
#endif /* RADIOPLAY_H */
