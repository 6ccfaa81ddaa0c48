/* Parser test driver, independent of the CLI: `driver FILE...` prints, per file, "=== PATH" then
   the ast dump or "SyntaxError: MSG (line L, column C)"; `driver --bench FILE...` parses each
   file (lex + parse) after reading them all, and prints the throughput. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../src/ast/ast_dump.h"
#include "../../src/parser/parser.h"
#include "../../src/util/buf.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    Buf b;
    buf_init(&b);
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        buf_add(&b, tmp, n);
    fclose(f);
    *len = b.len;
    return b.data ? b.data : calloc(1, 1);
}

/* --bench: read every file first, then time lexing + parsing alone, best of 5 rounds. */
static int bench_files(int n, char **paths)
{
    char **data = calloc((size_t)n, sizeof *data);
    size_t *lens = calloc((size_t)n, sizeof *lens);
    size_t total = 0;
    for (int i = 0; i < n; i++) {
        data[i] = slurp(paths[i], &lens[i]);
        if (!data[i]) {
            fprintf(stderr, "cannot read %s\n", paths[i]);
            return 2;
        }
        total += lens[i];
    }
    Arena a;
    arena_init(&a);
    double best = 1e9, best_lex = 1e9;
    int rejected = 0;
    for (int round = 0; round < 10; round++) {
        int lex_only = round % 2;
        struct timespec t0, t1;
        rejected = 0;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (int i = 0; i < n; i++) {
            ParsedFile pf;
            SyntaxErr err = {0};
            if (lex_only)
                rejected += source_init(&pf.src, paths[i], data[i], lens[i], &a, &err) != 0 ||
                            lex_tokens(&pf.src, &a, &pf.toks, &err) != 0;
            else
                rejected += parse_file(paths[i], data[i], lens[i], &a, &pf, &err) != 0;
            arena_reset(&a);
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        if (lex_only && secs < best_lex)
            best_lex = secs;
        if (!lex_only && secs < best)
            best = secs;
    }
    printf("%d files, %zu bytes, %d rejected\n", n, total, rejected);
    printf("source+lex+parse: %.3f s, %.1f MB/s\n", best, (double)total / 1e6 / best);
    printf("source+lex:       %.3f s, %.1f MB/s\n", best_lex, (double)total / 1e6 / best_lex);
    printf("parse alone:      %.3f s, %.1f MB/s\n", best - best_lex, (double)total / 1e6 / (best - best_lex));
    for (int i = 0; i < n; i++)
        free(data[i]);
    free(data);
    free(lens);
    arena_free(&a);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--bench") == 0)
        return bench_files(argc - 2, argv + 2);
    int bench = 0;
    Arena a;
    arena_init(&a);
    Buf out;
    buf_init(&out);
    size_t total = 0;
    int failures = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 1 + bench; i < argc; i++) {
        size_t len;
        char *data = slurp(argv[i], &len);
        if (!data) {
            fprintf(stderr, "cannot read %s\n", argv[i]);
            return 2;
        }
        total += len;
        ParsedFile pf;
        SyntaxErr err = {0};
        int rc = parse_file(argv[i], data, len, &a, &pf, &err);
        failures += rc != 0;
        if (!bench) {
            printf("=== %s\n", argv[i]);
            if (rc == 0) {
                out.len = 0;
                ast_dump(pf.module, &out);
                fwrite(out.data, 1, out.len, stdout);
                putchar('\n');
            } else {
                printf("SyntaxError: %s (line %d, column %d)\n", err.msg, (int)err.lineno, (int)err.col_offset);
            }
        }
        arena_reset(&a);
        free(data);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (bench) {
        double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        printf("%zu bytes %d rejected %.3f s %.1f MB/s\n", total, failures, secs, (double)total / 1e6 / secs);
    }
    buf_free(&out);
    arena_free(&a);
    return 0;
}
