/* What sem_value_kinds claims for each probe of a Python file: every call `probe(ID, EXPR)` prints
   `ID KINDS`, KINDS being `int|str|...` (the SemValueKind bits) or `-` when nothing is sure.
   tests/suites/45-value-kinds.sh runs the same file under CPython 3.13, where `probe` records the
   type of EXPR each time it runs, and checks every observed type against the claim (soundness),
   and the claims against tests/semantic/value_kinds.expected (what is known today).
   Usage: test_semantic_values FILE.py; exit 1 when the file cannot be read or parsed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast/ast_walk.h"
#include "parser/parser.h"
#include "semantic/semantic.h"
#include "util/fileio.h"

typedef struct Walk {
    Semantic *sem;
    const Scope *scope;
} Walk;

static void print_kinds(long id, unsigned kinds)
{
    static const struct { unsigned bit; const char *name; } names[] = {
        { SEM_VALUE_INT, "int" }, { SEM_VALUE_FLOAT, "float" }, { SEM_VALUE_STR, "str" },
        { SEM_VALUE_BYTES, "bytes" }, { SEM_VALUE_TUPLE, "tuple" },
    };
    printf("%ld ", id);
    if (!kinds)
        printf("-");
    for (size_t i = 0, first = 1; i < sizeof names / sizeof names[0]; i++) {
        if (kinds & names[i].bit) {
            printf("%s%s", first ? "" : "|", names[i].name);
            first = 0;
        }
    }
    printf("\n");
}

/* `probe(ID, EXPR)` with an int literal ID. */
static int is_probe(const Node *n)
{
    if (n->kind != NK_Call || n->v.Call.args.n != 2)
        return 0;
    const Node *f = n->v.Call.func, *id = n->v.Call.args.items[0];
    return f->kind == NK_Name && sem_str_eq(f->v.Name.id, "probe") && id->kind == NK_Constant &&
           id->v.Constant.value.kind == CONST_INT;
}

/* Pre-order, in the scope each node is in (a def's defaults count as inside: put no probe there). */
static void visit(const Node *n, void *arg)
{
    Walk *w = arg;
    if (is_probe(n)) {
        Str id = n->v.Call.args.items[0]->v.Constant.value.text;
        char buf[24];
        size_t len = id.len < sizeof buf - 1 ? id.len : sizeof buf - 1;
        memcpy(buf, id.s, len);
        buf[len] = 0;
        print_kinds(strtol(buf, NULL, 10), sem_value_kinds(w->sem, w->scope, n->v.Call.args.items[1]));
    }
    const Scope *inner = sem_scope_of_def(w->sem, n);
    Walk child = { w->sem, inner ? inner : w->scope };
    ast_children_each(n, visit, &child);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE.py\n", argv[0]);
        return 1;
    }
    Buf text;
    buf_init(&text);
    if (fileio_read_path(argv[1], &text, SIZE_MAX) != 0) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        buf_free(&text);
        return 1;
    }
    Arena a;
    arena_init(&a);
    ParsedFile pf;
    SyntaxErr err;
    int status = 1;
    if (parse_file(argv[1], buf_cstr(&text), text.len, &a, &pf, &err) == 0) {
        Semantic *sem = sem_build(pf.module, &pf.src, NULL, &a);
        Walk w = { sem, sem_module_scope(sem) };
        ast_children_each(pf.module, visit, &w);
        status = 0;
    } else {
        fprintf(stderr, "%s does not parse\n", argv[1]);
    }
    arena_free(&a);
    buf_free(&text);
    return status;
}
