/* sem_parent_in (parents mapped per scope subtree) must give sem_parent's answer (the whole-file
   map) for every node below a scope. The subtree answers are all taken before the first sem_parent
   call (checked: once the whole-file map exists, sem_parent_in uses it); the scope roots, which
   sem_parent_in answers from the whole-file map, come last.
   Prints one `ok - NAME` / `not ok - NAME` per check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/parser.h"
#include "ast/ast_walk.h"
#include "semantic/semantic.h"
#include "semantic/semantic_internal.h"

static int failures;

static void check(int cond, const char *name)
{
    printf("%s - %s\n", cond ? "ok" : "not ok", name);
    if (!cond)
        failures++;
}

/* (scope, node) pairs and the parent sem_parent_in gave for each. */
typedef struct Query {
    const Scope *scope;
    const Node *node;
    const Node *parent_in;
} Query;

typedef struct Queries {
    Query *items;
    int32_t n, cap;
    const Scope *scope;          /* while collecting: the scope whose subtree is walked */
} Queries;

static void add_query(const Node *node, void *arg)
{
    Queries *q = arg;
    if (q->n == q->cap) {
        q->cap = q->cap ? q->cap * 2 : 256;
        q->items = realloc(q->items, (size_t)q->cap * sizeof *q->items);
        if (!q->items)
            abort();
    }
    q->items[q->n++] = (Query){ q->scope, node, NULL };
    ast_children_each(node, add_query, q);
}

/* Every node below each non-module scope's node (not the node itself), and every load. */
static void collect(Queries *q, const Scope *scope)
{
    if (scope->kind != SCOPE_MODULE) {
        q->scope = scope;
        ast_children_each(scope->node, add_query, q);
        for (int32_t i = 0; i < scope->nloads; i++)
            add_query(scope->loads[i], q);
    }
    for (int32_t c = 0; c < scope->nchildren; c++)
        collect(q, scope->children[c]);
}

static void test_source(const char *name, const char *text)
{
    Arena a;
    arena_init(&a);
    ParsedFile pf;
    SyntaxErr err;
    if (parse_file("t.py", text, strlen(text), &a, &pf, &err) != 0) {
        check(0, name);
        printf("# does not parse\n");
        arena_free(&a);
        return;
    }
    Semantic *sem = sem_build(pf.module, &pf.src, NULL, &a);
    Queries q = { 0 };
    collect(&q, sem_module_scope(sem));
    for (int32_t i = 0; i < q.n; i++)
        q.items[i].parent_in = sem_parent_in(sem, q.items[i].scope, q.items[i].node);
    int whole_file_map_unused = !sem->parents_built;
    int32_t wrong = 0;
    for (int32_t i = 0; i < q.n; i++)
        if (q.items[i].parent_in != sem_parent(sem, q.items[i].node))
            wrong++;
    const Scope *first = sem_module_scope(sem)->children[0];
    if (sem_parent_in(sem, first, first->node) != sem_parent(sem, first->node))
        wrong++;
    check(q.n > 0 && whole_file_map_unused && wrong == 0, name);
    if (!whole_file_map_unused)
        printf("# a node below a scope was not in the scope's map\n");
    if (wrong)
        printf("# %d of %d parents differ\n", (int)wrong, (int)q.n);
    free(q.items);
    arena_free(&a);
}

int main(void)
{
    test_source("parents in nested functions, lambdas and classes",
                "import os\n"
                "@deco(lambda x: x)\n"
                "def outer(a, b=[1, 2], *args, k=lambda: 0, **kw) -> int:\n"
                "    f = open(a)\n"
                "    try:\n"
                "        data = f.read()\n"
                "    finally:\n"
                "        f.close()\n"
                "    def inner(c):\n"
                "        return [c + y for y in b if y]\n"
                "    class Local(Base, metaclass=M):\n"
                "        attr = {k: v for k, v in kw.items()}\n"
                "        def method(self):\n"
                "            return (z for z in self.attr)\n"
                "    return inner, Local, data\n");
    test_source("parents in comprehensions, type parameters and match",
                "result = [[x * y for y in range(x)] for x in (i for i in data)]\n"
                "def generic[T: int](items: list[T]) -> T:\n"
                "    match items:\n"
                "        case [first, *rest] if first:\n"
                "            return first\n"
                "        case {'k': value, **others}:\n"
                "            return value\n"
                "    with open(items[0]) as fh, ctx() as (p, q):\n"
                "        yield from (fh, p, q)\n"
                "class Box[U]:\n"
                "    def get(self) -> U:\n"
                "        return (lambda: self.value)()\n"
                "async def agen():\n"
                "    async with lock:\n"
                "        async for item in stream:\n"
                "            await item\n");
    return failures ? 1 : 0;
}
