/* Front-end debugging commands: dump-ast (the oracle interface) and dump-tokens. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ast/ast_dump.h"
#include "../parser/parser.h"
#include "../util/buf.h"
#include "commands.h"

static char *read_all(FILE *f, size_t *len)
{
    Buf b;
    buf_init(&b);
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        buf_add(&b, tmp, n);
    if (ferror(f)) {
        buf_free(&b);
        return NULL;
    }
    *len = b.len;
    if (!b.data)
        return calloc(1, 1);
    return b.data;
}

char *read_path(const char *path, size_t *len)
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

/* dump-ast / dump-tokens: print the tree (or tokens), or the SyntaxError like CPython does. */
static int dump(const char *path, int tokens_only)
{
    size_t len;
    char *data = read_path(path, &len);
    if (!data)
        return 2;
    Arena a;
    arena_init(&a);
    SyntaxErr err = {0};
    Buf out;
    buf_init(&out);
    int rc = 0;
    if (tokens_only) {
        Source src;
        Tokens toks;
        if (source_init(&src, path, data, len, &a, &err) == 0 && lex_tokens(&src, &a, &toks, &err) == 0)
            lex_dump(&src, &toks, &out);
        else
            rc = 1;
    } else {
        ParsedFile pf;
        if (parse_file(path, data, len, &a, &pf, &err) == 0)
            ast_dump(pf.module, &out);
        else
            rc = 1;
    }
    if (rc == 0) {
        fwrite(out.data, 1, out.len, stdout);
        putchar('\n');
    } else {
        printf("SyntaxError: %s (line %d, column %d)\n", err.msg, (int)err.lineno, (int)err.col_offset);
    }
    buf_free(&out);
    arena_free(&a);
    free(data);
    return rc;
}

int cmd_dump_ast(const char *path) { return dump(path, 0); }

int cmd_dump_tokens(const char *path) { return dump(path, 1); }
