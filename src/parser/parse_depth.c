/* CPython converts the tree to Python objects recursively and gives up ("maximum recursion depth
   exceeded during ast construction") past a fixed depth; ast.parse then rejects the file. We
   reject the same trees, which also keeps every recursive walker of our AST within bounds. */
#include "parser_internal.h"

#include <assert.h>

#include "../ast/ast_walk.h"

typedef struct DepthItem {
    const Node *node;
    int32_t depth;
} DepthItem;

typedef struct DepthStack {
    DepthItem *items;
    int32_t n, cap;
    int32_t child_depth;   /* push_child: the depth of the children being pushed */
    Arena *arena;
} DepthStack;

static void depth_push(DepthStack *st, const Node *node, int32_t depth)
{
    assert(node != NULL);   /* the module, then children from ast_children_each (never NULL) */
    if (st->n == st->cap)
        st->items = arena_grow(st->arena, st->items, &st->cap, st->n + 1, sizeof *st->items, 1024);
    st->items[st->n].node = node;
    st->items[st->n].depth = depth;
    st->n++;
}

static void push_child(const Node *child, void *stack)
{
    DepthStack *st = stack;
    depth_push(st, child, st->child_depth);
}

/* Bytes of source a positioned node covers. */
static int64_t node_extent(const Source *src, const Node *n)
{
    int64_t start = (int64_t)src->line_starts[n->lineno - 1] + n->col_offset;
    int64_t end = (int64_t)src->line_starts[n->end_lineno - 1] + n->end_col_offset;
    return end - start;
}

const Node *parse_tree_deeper_than(const Node *root, int32_t limit, const Source *src, Arena *a)
{
    DepthStack st = {NULL, 0, 0, 0, a};
    depth_push(&st, root, 1);
    while (st.n > 0) {
        DepthItem it = st.items[--st.n];
        if (it.depth > limit)
            return it.node;
        const KindInfo *info = &ast_kinds[it.node->kind];
        /* Each level of nesting needs a token of its own, except short runs of wrappers that share
           their child's extent (Expr, MatchValue...): a subtree is at most 4 levels per byte deep.
           Small subtrees are skipped, so only the big statements are walked. */
        if (info->has_position && it.node->lineno > 0 &&
            it.depth + 4 * node_extent(src, it.node) + 4 <= (int64_t)limit)
            continue;
        st.child_depth = it.depth + 1;
        ast_children_each(it.node, push_child, &st);
    }
    return NULL;
}
