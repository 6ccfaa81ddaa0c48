/* Front-end debugging commands: dump-ast (the oracle interface) and dump-tokens. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../ast/ast_dump.h"
#include "../parser/parser.h"
#include "../util/buf.h"
#include "../util/fileio.h"
#include "commands.h"
#include "../util/xalloc.h"

static char *read_all(FILE *f, size_t *len)
{
    Buf b;
    buf_init(&b);
    if (fileio_read_stream(f, &b, SIZE_MAX) < 0) {
        buf_free(&b);
        return NULL;
    }
    *len = b.len;
    if (!b.data)
        return xcalloc(1, 1);
    return b.data;
}

char *cli_read_path(const char *path, size_t *len)
{
    if (strcmp(path, "-") == 0)
        return read_all(stdin, len);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "gotcha: cannot read %s: %s\n", path, strerror(errno));
        return NULL;
    }
    char *data = read_all(f, len);
    if (!data)
        fprintf(stderr, "gotcha: cannot read %s: %s\n", path, strerror(errno));
    fclose(f);
    return data;
}

/* The dump-ast (or dump-tokens) text of one file's bytes: the tree and a newline, or the
   SyntaxError line that stands for CPython's exception. Returns 0, or 1 for a syntax error. */
static int dump_text(const char *path, const char *data, size_t len, int tokens_only, Arena *a,
                     Buf *out)
{
    SyntaxErr err = {0};
    int rc = 0;
    if (tokens_only) {
        Source src;
        Tokens toks;
        if (source_init(&src, path, data, len, a, &err) == 0 && lex_tokens(&src, a, &toks, &err) == 0)
            lex_dump(&src, &toks, out);
        else
            rc = 1;
    } else {
        ParsedFile pf;
        if (parse_file(path, data, len, a, &pf, &err) == 0)
            ast_dump(pf.module, out);
        else
            rc = 1;
    }
    if (rc == 0)
        buf_putc(out, '\n');
    else
        buf_printf(out, "SyntaxError: %s (line %d, column %d)\n", err.msg, (int)err.lineno,
                   (int)err.col_offset);
    return rc;
}

/* dump-ast / dump-tokens: print the tree (or tokens), or the SyntaxError like CPython does. */
static int dump(const char *path, int tokens_only)
{
    size_t len;
    char *data = cli_read_path(path, &len);
    if (!data)
        return 2;
    Arena a;
    arena_init(&a);
    Buf out;
    buf_init(&out);
    int rc = dump_text(path, data, len, tokens_only, &a, &out);
    fwrite(out.data, 1, out.len, stdout);
    buf_free(&out);
    arena_free(&a);
    free(data);
    return rc;
}

int cmd_dump_ast(const char *path) { return dump(path, 0); }

int cmd_dump_tokens(const char *path) { return dump(path, 1); }

/* The NUL-separated paths read from stdin (a trailing NUL is optional), as an array of
   pointers into one malloc'ed block (*block, freed by the caller with the array). */
static char **read_path_list(char **block, size_t *npaths)
{
    size_t len;
    char *data = cli_read_path("-", &len);
    if (!data)
        return NULL;
    char *text = xrealloc(data, len + 1);  /* room for a final NUL */
    text[len] = '\0';
    size_t max_paths = 1;  /* one more than the separators */
    for (size_t i = 0; i < len; i++)
        max_paths += text[i] == '\0';
    char **paths = xmalloc(max_paths * sizeof *paths);
    if (!paths) {
        free(text);
        return NULL;
    }
    size_t n = 0;
    for (size_t at = 0; at < len; at += strlen(text + at) + 1)
        if (text[at] != '\0')
            paths[n++] = text + at;
    *block = text;
    *npaths = n;
    return paths;
}

/* dump-ast --batch: NUL-separated paths on stdin; for each, in order, what `dump-ast PATH`
   would print, followed by one NUL byte. Exit 0 unless the list cannot be read. */
int cmd_dump_ast_batch(void)
{
    char *block;
    size_t npaths;
    char **paths = read_path_list(&block, &npaths);
    if (!paths)
        return 2;
    Arena a;
    arena_init(&a);
    Buf out;
    buf_init(&out);
    for (size_t i = 0; i < npaths; i++) {
        size_t len;
        char *data = cli_read_path(paths[i], &len);
        out.len = 0;
        if (data)
            dump_text(paths[i], data, len, 0, &a, &out);
        else
            buf_puts(&out, "Error: cannot read file\n");
        buf_putc(&out, '\0');
        fwrite(out.data, 1, out.len, stdout);
        free(data);
        arena_reset(&a);
    }
    buf_free(&out);
    arena_free(&a);
    free(paths);
    free(block);
    return 0;
}

/* dump-ast --batch-sources: like --batch, but stdin holds the sources themselves, each as its
   length in decimal, a newline, then that many bytes (tests feed thousands of generated
   sources without writing them to disk). Exit 0, or 2 on a malformed stream. */
int cmd_dump_ast_batch_sources(void)
{
    size_t len;
    char *stream = cli_read_path("-", &len);
    if (!stream)
        return 2;
    Arena a;
    arena_init(&a);
    Buf out;
    buf_init(&out);
    int rc = 0;
    size_t at = 0;
    for (unsigned index = 0; at < len; index++) {
        char *end;
        unsigned long long size = strtoull(stream + at, &end, 10);
        if (end == stream + at || end >= stream + len || *end != '\n' ||
            size > (unsigned long long)(len - (size_t)(end + 1 - stream))) {
            fprintf(stderr, "gotcha: malformed source stream at byte %zu\n", at);
            rc = 2;
            break;
        }
        const char *source = end + 1;
        /* Its own exact-size copy, as a file would be: no NUL after it, nothing to overread. */
        char *copy = xmalloc(size ? (size_t)size : 1);
        if (!copy) {
            rc = 2;
            break;
        }
        memcpy(copy, source, (size_t)size);
        char name[32];
        snprintf(name, sizeof name, "<source %u>", index);
        out.len = 0;
        dump_text(name, copy, (size_t)size, 0, &a, &out);
        buf_putc(&out, '\0');
        fwrite(out.data, 1, out.len, stdout);
        free(copy);
        arena_reset(&a);
        at = (size_t)(source - stream) + (size_t)size;
    }
    buf_free(&out);
    arena_free(&a);
    free(stream);
    return rc;
}

/* ---------------------------------------------------------------- parse-bench */

typedef struct LoadedFile { const char *path; char *data; size_t len; } LoadedFile;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int compare_doubles(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* One round: lex + parse every file, the arena reset between files. Returns the seconds spent
   and counts the files that do not parse. */
static double parse_round(const LoadedFile *files, size_t nfiles, Arena *a, size_t *rejected)
{
    *rejected = 0;
    double start = now_seconds();
    for (size_t i = 0; i < nfiles; i++) {
        ParsedFile pf;
        SyntaxErr err = {0};
        if (parse_file(files[i].path, files[i].data, files[i].len, a, &pf, &err) != 0)
            (*rejected)++;
        arena_reset(a);
    }
    return now_seconds() - start;
}

/* parse-bench [ROUNDS]: read the NUL-separated paths on stdin into memory, then time lex+parse of
   all of them ROUNDS times (default 5) on this thread and print the median round as MB/s
   (1 MB = 10^6 bytes of file content). */
int cmd_parse_bench(int argc, char **argv)
{
    int rounds = argc >= 1 ? atoi(argv[0]) : 5;
    if (rounds < 1)
        rounds = 5;
    char *block;
    size_t npaths;
    char **paths = read_path_list(&block, &npaths);
    if (!paths)
        return 2;
    LoadedFile *files = xcalloc(npaths ? npaths : 1, sizeof *files);
    double *times = xcalloc((size_t)rounds, sizeof *times);
    size_t nfiles = 0, total_bytes = 0, rejected = 0;
    for (size_t i = 0; files && i < npaths; i++) {
        size_t len;
        char *data = cli_read_path(paths[i], &len);
        if (!data)
            continue;
        files[nfiles++] = (LoadedFile){paths[i], data, len};
        total_bytes += len;
    }
    Arena a;
    arena_init(&a);
    for (int r = 0; times && r < rounds; r++)
        times[r] = parse_round(files, nfiles, &a, &rejected);
    arena_free(&a);
    int rc = 2;
    if (files && times) {
        qsort(times, (size_t)rounds, sizeof *times, compare_doubles);
        double median = times[rounds / 2];
        printf("parse-bench files=%zu bytes=%zu rejected=%zu rounds=%d median_s=%.4f min_s=%.4f "
               "mb_per_s=%.1f\n",
               nfiles, total_bytes, rejected, rounds, median, times[0],
               median > 0 ? (double)total_bytes / 1e6 / median : 0.0);
        rc = 0;
    }
    for (size_t i = 0; i < nfiles; i++)
        free(files[i].data);
    free(files);
    free(times);
    free(paths);
    free(block);
    return rc;
}
