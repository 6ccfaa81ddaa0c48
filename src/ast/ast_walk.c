/* ast_walk: the callback-driven pre-order walk over ast_children_each (see ast_walk.h). */
#include "ast_walk.h"

typedef struct Walk {
    AstWalkFn fn;
    void *arg;
    int stopped;   /* fn returned AST_WALK_STOP: the remaining nodes are passed over */
} Walk;

static void walk_node(const Node *n, void *walk)
{
    Walk *w = walk;
    if (w->stopped)
        return;
    int step = w->fn(n, w->arg);
    if (step == AST_WALK_STOP)
        w->stopped = 1;
    else if (step != AST_WALK_SKIP)
        ast_children_each(n, walk_node, w);
}

void ast_walk(const Node *root, AstWalkFn fn, void *arg)
{
    if (!root)
        return;
    Walk w = { fn, arg, 0 };
    walk_node(root, &w);
}

static void link_below(Node *n);

/* Small enough to be inlined into the loop over the children: leaves (most nodes: Name,
   Constant...) cost no call. */
static inline void link_parent(const Node *child, void *parent)
{
    Node *n = (Node *)child;   /* the tree is the caller's to change: ast_link_parents takes it mutable */
    n->parent = parent;
    if (ast_child_fields[n->kind].field[0])
        link_below(n);
}

static void link_below(Node *n)
{
    ast_children_each(n, link_parent, n);
}

void ast_link_parents(Node *root)
{
    link_below(root);
}
