/* Typo hints by edit distance (see spell.h). */
#include "spell.h"

#include <string.h>

static size_t min3(size_t a, size_t b, size_t c) { return a < b ? (a < c ? a : c) : (b < c ? b : c); }

/* Spellings that mean the same word for a hint: case, and '_' for '-'. */
static char fold(char c)
{
    if (c == '_')
        return '-';
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

size_t spell_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 64;
    size_t row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t above = row[j];
            row[j] = min3(row[j] + 1, row[j - 1] + 1, diagonal + (fold(a[i - 1]) != fold(b[j - 1])));
            diagonal = above;
        }
    }
    return row[lb];
}

/* The one known word that starts with `word` (4 characters at least), or NULL. */
static const char *unique_completion(const char *word, const char *const *known, size_t n)
{
    size_t len = strlen(word);
    const char *found = NULL;
    if (len < 4)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (strncmp(known[i], word, len) == 0) {
            if (found)
                return NULL;
            found = known[i];
        }
    return found;
}

const char *spell_closest(const char *word, const char *const *known, size_t n)
{
    const char *closest = NULL;
    size_t best = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        size_t d = spell_distance(word, known[i]);
        if (d < best) {
            best = d;
            closest = known[i];
        }
    }
    if (closest && (best <= 2 || best * 3 <= strlen(word)))
        return closest;
    return unique_completion(word, known, n);
}
