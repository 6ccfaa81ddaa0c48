/* "Did you mean ...?" hints: the closest of a list of known words to a misspelt one (an option of
   the command line, a key of the configuration). Cost: O(len(a) * len(b)) per comparison. */
#ifndef GOTCHA_SPELL_H
#define GOTCHA_SPELL_H

#include <stddef.h>

/* Levenshtein distance, where letters compare without case and '_' equals '-' (so `extend_select`
   is 0 away from `extend-select`). Words longer than 64 bytes are 64 away from everything. */
size_t spell_distance(const char *a, const char *b);

/* The word of known[0..n) closest to `word` when it is close enough to be a likely typo: at most 2
   edits, or at most a third of the word's length, or `word` is the start of that one known word
   (`--stat` for `--statistics`). NULL when none is. */
const char *spell_closest(const char *word, const char *const *known, size_t n);

#endif
