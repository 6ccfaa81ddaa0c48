/* sem_parent and sem_parent_in (Node.parent, set by the parser) must give, for every node below a
   scope and every load, the parent an independent walk of the tree finds (the node whose child
   field holds it); the module has none.
   Prints one `ok - NAME` / `not ok - NAME` per check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/parser.h"
#include "ast/ast_walk.h"
#include "semantic/semantic.h"
#include "semantic/semantic_internal.h"

static int failures;
static const Node *sem_module_node;   /* the tree of the source being tested */

static void check(int cond, const char *name)
{
    printf("%s - %s\n", cond ? "ok" : "not ok", name);
    if (!cond)
        failures++;
}

/* (scope, node) pairs and the parent the walk found for each. */
typedef struct Query {
    const Scope *scope;
    const Node *node;
    const Node *parent;
} Query;

typedef struct Queries {
    Query *items;
    int32_t n, cap;
    const Scope *scope;          /* while collecting: the scope whose subtree is walked */
    const Node *parent;          /* while collecting: the node whose children are visited */
} Queries;

static void add(Queries *q, const Node *node, const Node *parent)
{
    if (q->n == q->cap) {
        q->cap = q->cap ? q->cap * 2 : 256;
        q->items = realloc(q->items, (size_t)q->cap * sizeof *q->items);
        if (!q->items)
            abort();
    }
    q->items[q->n++] = (Query){ q->scope, node, parent };
}

static void add_query(const Node *node, void *arg)
{
    Queries *q = arg;
    add(q, node, q->parent);
    const Node *outer = q->parent;
    q->parent = node;
    ast_children_each(node, add_query, q);
    q->parent = outer;
}

/* The parent of `node` (NULL: not below root) by a walk of root's subtree. */
typedef struct Find {
    const Node *node, *parent, *found;
} Find;

static void find_parent(const Node *child, void *arg)
{
    Find *f = arg;
    if (child == f->node)
        f->found = f->parent;
    const Node *outer = f->parent;
    f->parent = child;
    ast_children_each(child, find_parent, f);
    f->parent = outer;
}

/* Every node below each non-module scope's node (not the node itself), and every load. */
static void collect(Queries *q, const Scope *scope)
{
    if (scope->kind != SCOPE_MODULE) {
        q->scope = scope;
        q->parent = scope->node;
        ast_children_each(scope->node, add_query, q);
    }
    for (int32_t i = 0; i < scope->nloads; i++) {
        Find f = { scope->loads[i], NULL, NULL };
        ast_children_each(sem_module_node, find_parent, &f);
        q->scope = scope;
        add(q, scope->loads[i], f.found);
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
    sem_module_node = pf.module;
    Queries q = { 0 };
    collect(&q, sem_module_scope(sem));
    int32_t wrong = sem_parent(sem, pf.module) != NULL;
    for (int32_t i = 0; i < q.n; i++)
        if (q.items[i].parent == NULL || sem_parent_in(sem, q.items[i].scope, q.items[i].node) != q.items[i].parent
            || sem_parent(sem, q.items[i].node) != q.items[i].parent)
            wrong++;
    const Scope *first = sem_module_scope(sem)->children[0];
    Find f = { first->node, NULL, NULL };
    ast_children_each(pf.module, find_parent, &f);
    if (sem_parent_in(sem, first, first->node) != f.found)
        wrong++;
    check(q.n > 0 && wrong == 0, name);
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
