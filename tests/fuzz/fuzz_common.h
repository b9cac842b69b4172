/* Shared parts of the libFuzzer targets in tests/fuzz/ (fuzz_plan.c, fuzz_synth.c, and for the
 * input file loaders fuzz_lexicon.c, fuzz_cast.c, fuzz_voice.c).
 *
 * fz_build_plan() runs the planning pipeline on fuzzer bytes, exactly as `radioplay plan` does
 * with its default options and the shipped lexicon (include/radioplay.h stages 1-4):
 *   rp_source_from_memory -> rp_script_parse -> rp_split_spans -> rp_plan_build
 * and after each stage checks the invariants include/radioplay.h and the README promise for its
 * output; a broken invariant calls abort() with a message, which libFuzzer reports as a crash
 * (with the input saved as an artifact). Expected failures (RP_ERR_INPUT for text that is not a
 * script) are not findings. Not thread-safe (libFuzzer calls targets from one thread). */
#ifndef RP_FUZZ_COMMON_H
#define RP_FUZZ_COMMON_H

#include "radioplay.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Load the shipped voice presets and lexicon (rp_default_voices_dir(): $RADIOPLAY_VOICES or the
 * source tree's voices/, and its lexicon/) once per process, as `radioplay plan` does; aborts
 * when they cannot be loaded (the target would test less than it says). Call from LLVMFuzzerInitialize. */
void fz_init_voices(void);
/* The shipped presets fz_init_voices loaded. */
const rp_voice_library *fz_voices(void);

/* Decode `size` bytes as a script named "fuzz.txt", with `opt` (NULL: defaults), and check
 * rp_source's invariants. Returns the source (caller frees) or NULL when decoding refused it. */
rp_source *fz_decode(const uint8_t *data, size_t size, const rp_source_options *opt);

/* The whole planning pipeline with default options and `sample_rate` Hz, checking every stage;
 * inputs of odd size are planned with emoji read by name (--emoji speak).
 * Returns the plan (caller frees with rp_plan_free) or NULL when the input is not a usable
 * script. Aborts on a broken invariant or an unexpected status (RP_ERR_NOMEM, RP_ERR_VOICE...). */
rp_plan *fz_build_plan(const uint8_t *data, size_t size, int sample_rate);

/* s[0..n) is valid UTF-8 (NUL bytes allowed). */
bool fz_valid_utf8(const char *s, size_t n);

/* Well-formed diagnostics: a file, a UTF-8 message, places not negative, the error count right. */
void fz_check_diags(const rp_diags *d);

/* What every loader of an input file (rp_lexicon_load_memory, rp_cast_load_memory,
 * rp_voice_preset_parse) promises for `size` bytes it was given as file `name`: RP_OK without an
 * error diagnostic, or RP_ERR_INPUT with at least one; each diagnostic names `name` and either
 * the file as a whole (line 0, column 0) or a line the input has that is not empty, at a column
 * from 1 to one past its end (columns count code points, so at most its bytes + 1). */
void fz_check_loader(const char *what, int rc, const rp_diags *d, const char *name,
                     const uint8_t *data, size_t size);
/* `a` and `b` hold the same diagnostics in the same order (loading is deterministic). */
void fz_check_same_diags(const char *what, const rp_diags *a, const rp_diags *b);

/* The libFuzzer entry points each target defines (declared for -Wmissing-prototypes). */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Print `what` and abort() (a finding). */
_Noreturn void fz_fail(const char *what, const char *detail);

#endif
