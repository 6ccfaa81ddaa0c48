/* ast.dump(tree, include_attributes=True) of Python 3.13, byte for byte. */
#ifndef GOTCHA_AST_DUMP_H
#define GOTCHA_AST_DUMP_H

#include "../util/buf.h"
#include "ast_nodes.h"

void ast_dump(const Node *node, Buf *out);

#endif
