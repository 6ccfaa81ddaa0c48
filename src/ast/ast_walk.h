/* The one way to walk the AST generically: every walk that follows child fields uses these two
   functions, which read the generated child table `ast_child_fields` (tools/gen_ast.py).

   ast_children_each(n, visit, arg)  the direct children of n, in field order      O(children)
   ast_walk(root, fn, arg)           pre-order over root's subtree; fn decides     O(nodes visited)
                                     per node whether to go into its children
   ast_link_parents(root)            sets Node.parent below root (the parser does  O(nodes)
                                     it for every tree it returns)

   Absent children (a NULL optional field, a NULL item such as a `**` key in a Dict) are skipped.
   Walkers that need more than a callback (the engine's scope-aware traversal, the parser's depth
   check with its own stack) call ast_children_each for the generic part. */
#ifndef GOTCHA_AST_WALK_H
#define GOTCHA_AST_WALK_H

#include "ast_nodes.h"

_Static_assert(_Alignof(Node *) % 2 == 0 && _Alignof(NodeList) % 2 == 0,
               "child field offsets are even, so AST_CHILD_LIST can mark the lists");

/* Call `visit(child, arg)` for every child of n, in field order. Inline: with a constant `visit`
   the compiler makes the calls direct (the engine's traversal relies on it). */
static inline void ast_children_each(const Node *n, void (*visit)(const Node *child, void *arg),
                                     void *arg)
{
    for (const uint16_t *entry = ast_child_fields[n->kind].field; *entry; entry++) {
        const char *field = (const char *)n + (*entry & ~AST_CHILD_LIST);
        if (*entry & AST_CHILD_LIST) {
            NodeList list = *(const NodeList *)field;
            for (int32_t i = 0; i < list.n; i++)
                if (list.items[i])
                    visit(list.items[i], arg);
        } else if (*(Node *const *)field) {
            visit(*(Node *const *)field, arg);
        }
    }
}

/* What an ast_walk callback asks for after seeing a node. Any value other than SKIP and STOP
   goes into the children (so a callback returning a truth value works: 0 skips, 1 descends). */
enum {
    AST_WALK_STOP = -1,   /* end the whole walk: no further node is seen */
    AST_WALK_SKIP = 0,    /* go on with the node's next sibling, not into its children */
    AST_WALK_INTO = 1,    /* go on with the node's first child */
};

typedef int (*AstWalkFn)(const Node *n, void *arg);

/* Pre-order walk of root's subtree (root included; NULL root: nothing), calling fn on each node
   as described above. Recursive: its depth is the tree's, which the parser bounds
   (parse_depth.c). */
void ast_walk(const Node *root, AstWalkFn fn, void *arg);

/* Set `parent` of every node of root's subtree (root's own is left alone). Recursive like
   ast_walk. */
void ast_link_parents(Node *root);

#endif
