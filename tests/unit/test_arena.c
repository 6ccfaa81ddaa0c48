/* Arena allocator and the source layer's fast paths (line table, UTF-8 check): each checked against
   a plain byte-by-byte expectation on inputs chosen to cross chunk and 8-byte-word boundaries. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source/source.h"
#include "util/arena.h"

static int failures;

static void report(int ok, const char *name, const char *detail)
{
    printf("%s - %s\n", ok ? "ok" : "not ok", name);
    if (!ok) {
        failures++;
        if (detail)
            printf("# %s\n", detail);
    }
}

/* ---- arena ---- */

static int all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

/* Zeroed, aligned, non-overlapping blocks of many sizes, across several resets that reuse chunks
   already dirtied by the previous round. */
static void test_alloc_zeroed_aligned(void)
{
    Arena a;
    arena_init(&a);
    int ok = 1;
    char detail[160] = "";
    for (int round = 0; round < 4 && ok; round++) {
        unsigned char *prev = NULL;
        size_t prev_len = 0;
        unsigned char prev_fill = 0;
        for (size_t i = 0; i < 3000 && ok; i++) {
            size_t n = (i * 7919u) % (round == 3 ? 300000u : 3000u);   /* last round: some chunk-sized blocks */
            unsigned char *p = arena_alloc(&a, n);
            if (!p || ((uintptr_t)p & 7u) || !all_zero(p, n)) {
                snprintf(detail, sizeof detail, "round %d, block %zu of %zu bytes: null, misaligned or not zeroed",
                         round, i, n);
                ok = 0;
            }
            for (size_t k = 0; ok && k < prev_len; k++)
                if (prev[k] != prev_fill)
                    ok = 0, snprintf(detail, sizeof detail, "round %d: block %zu overlaps the one before", round, i);
            /* Dirty it: the next blocks and rounds must still get zeroed memory. */
            prev_fill = (unsigned char)(i | 1u);
            memset(p, prev_fill, n);
            prev = p, prev_len = n;
        }
        arena_reset(&a);
    }
    arena_free(&a);
    report(ok, "arena_alloc: zeroed, 8-byte aligned, disjoint blocks across resets", detail);
}

/* Raw blocks keep what is written into them while more blocks are handed out. */
static void test_alloc_raw_keeps_data(void)
{
    Arena a;
    arena_init(&a);
    enum { N = 2000 };
    unsigned char *blocks[N];
    size_t sizes[N];
    for (size_t i = 0; i < N; i++) {
        sizes[i] = 1 + (i * 131u) % 1500u;
        blocks[i] = arena_alloc_raw(&a, sizes[i]);
        memset(blocks[i], (int)(i & 0xFF), sizes[i]);
    }
    int ok = 1;
    for (size_t i = 0; i < N && ok; i++)
        for (size_t k = 0; k < sizes[i]; k++)
            if (blocks[i][k] != (unsigned char)(i & 0xFF))
                ok = 0;
    report(ok && a.total >= 1500u * 1000u / 2, "arena_alloc_raw: blocks stay intact and are counted in total",
           NULL);
    arena_free(&a);
}

/* Zero-byte requests on a fresh arena still give a usable pointer; strndup terminates. */
static void test_edge_cases(void)
{
    Arena a;
    arena_init(&a);
    void *empty = arena_alloc(&a, 0);
    char *copy = arena_strndup(&a, "hello world", 5);
    int ok = empty != NULL && strcmp(copy, "hello") == 0;
    arena_reset(&a);
    ok = ok && a.total == 0 && arena_alloc_raw(&a, 0) != NULL;
    arena_free(&a);
    report(ok, "arena: zero-byte requests and strndup", NULL);
}

/* After a reset the same amount of work is served from the kept chunks: the addresses handed out
   lie inside the memory of the first round (no new chunk for a working set under the budget). */
static void test_reset_reuses_chunks(void)
{
    Arena a;
    arena_init(&a);
    enum { N = 40 };
    unsigned char *first[N];
    for (int i = 0; i < N; i++)
        first[i] = arena_alloc_raw(&a, 100000);   /* ~4 MB over several chunks */
    arena_reset(&a);
    int reused = 0;
    for (int i = 0; i < N; i++) {
        unsigned char *p = arena_alloc_raw(&a, 100000);
        for (int k = 0; k < N; k++)
            if (p >= first[k] - 300000 && p < first[k] + 300000) {   /* within the old chunks' span */
                reused++;
                break;
            }
    }
    arena_free(&a);
    char detail[80];
    snprintf(detail, sizeof detail, "%d of %d blocks came from kept chunks", reused, N);
    report(reused == N, "arena_reset: the next file reuses the kept chunks", detail);
}

/* ---- source: line table ---- */

/* Line of `offset` by walking the text: lines end after "\n", "\r\n" or a lone "\r". */
static int32_t line_by_walking(const char *t, size_t len, size_t offset)
{
    int32_t line = 1;
    for (size_t i = 0; i < offset && i < len; i++)
        if (t[i] == '\n' || (t[i] == '\r' && (i + 1 >= len || t[i + 1] != '\n')))
            line++;
    return line;
}

static void test_line_table(void)
{
    static const char alphabet[] = "ab \n\n\r#x";
    char text[200];
    int ok = 1;
    char detail[300] = "";
    unsigned seed = 12345;
    for (int trial = 0; trial < 3000 && ok; trial++) {
        size_t len = (size_t)trial % 41;   /* every length around the 8-byte words */
        int with_cr = trial % 3 == 0;
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            char c = alphabet[(seed >> 16) % (with_cr ? 8 : 5)];
            text[i] = c;
        }
        Arena a;
        arena_init(&a);
        Source s;
        SyntaxErr err;
        if (source_init(&s, "<t>", text, len, &a, &err) != 0) {
            ok = 0;
            snprintf(detail, sizeof detail, "trial %d rejected: %s", trial, err.msg);
        }
        int32_t want_lines = line_by_walking(text, len, len);
        if (ok && s.nlines != want_lines) {
            ok = 0;
            snprintf(detail, sizeof detail, "trial %d: %d lines, expected %d", trial, (int)s.nlines, (int)want_lines);
        }
        for (size_t off = 0; ok && off <= len; off++) {
            if (source_line_of(&s, off) != line_by_walking(text, len, off)) {
                ok = 0;
                snprintf(detail, sizeof detail, "trial %d: offset %zu on line %d, expected %d", trial, off,
                         (int)source_line_of(&s, off), (int)line_by_walking(text, len, off));
            }
        }
        arena_free(&a);
    }
    report(ok, "source line table == walking the text (\\n, \\r\\n, lone \\r, all lengths 0..40)", detail);
}

/* ---- source: UTF-8 check ---- */

/* An invalid byte after k ASCII bytes is reported at position k, whatever the alignment; valid
   multi-byte characters anywhere pass. */
static void test_utf8_positions(void)
{
    static const char valid[] = "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80 and more ascii";
    const size_t nvalid = sizeof valid - 1;
    char data[80], msg[200], want[200];
    int ok = 1;
    char detail[300] = "";
    for (size_t k = 0; k < 40 && ok; k++) {
        memset(data, 'a', k);
        data[k] = (char)0xFF;
        memcpy(data + k + 1, "tail of text", 12);
        snprintf(want, sizeof want,
                 "(unicode error) 'utf-8' codec can't decode byte 0xff in position %zu: invalid start byte", k);
        if (!source_utf8_error(data, k + 13, msg, sizeof msg) || strcmp(msg, want) != 0) {
            ok = 0;
            snprintf(detail, sizeof detail, "prefix %zu: got \"%s\"", k, msg);
        }
        memcpy(data + k, valid, nvalid);
        if (ok && source_utf8_error(data, k + nvalid, msg, sizeof msg)) {
            ok = 0;
            snprintf(detail, sizeof detail, "prefix %zu: valid text rejected: %s", k, msg);
        }
        data[k + 1] = 'x';   /* broken continuation of the 2-byte char at k */
        snprintf(want, sizeof want,
                 "(unicode error) 'utf-8' codec can't decode byte 0xc3 in position %zu: invalid continuation byte",
                 k);
        if (ok && (!source_utf8_error(data, k + nvalid, msg, sizeof msg) || strcmp(msg, want) != 0)) {
            ok = 0;
            snprintf(detail, sizeof detail, "prefix %zu, bad continuation: got \"%s\"", k, msg);
        }
    }
    report(ok, "source_utf8_error: positions at every alignment", detail);
}

int main(void)
{
    test_alloc_zeroed_aligned();
    test_alloc_raw_keeps_data();
    test_edge_cases();
    test_reset_reuses_chunks();
    test_line_table();
    test_utf8_positions();
    return failures ? 1 : 0;
}
