/* Parser: tokens -> AST of CPython's Python.asdl (see src/ast/ast_nodes.h), in the file's arena. */
#ifndef GOTCHA_PARSER_H
#define GOTCHA_PARSER_H

#include "../ast/ast_nodes.h"
#include "../lexer/lexer.h"

/* Maximum nesting (brackets, expressions, blocks) before "too many nested ..." instead of a stack overflow. */
#define PARSER_MAX_DEPTH 200

/* Parse a whole module. Returns the Module node (every node's `parent` set), or NULL with `err`
   set where CPython 3.13's ast.parse raises SyntaxError (grammar errors and the invalid_* checks:
   assignment to literals, misplaced starred expressions, ...). */
Node *parse_module(const Source *s, const Tokens *t, Arena *a, SyntaxErr *err);

/* Everything the front end produces for one file. */
typedef struct ParsedFile {
    Source src;
    Tokens toks;
    Node *module;   /* NULL when the file does not parse */
} ParsedFile;

/* source_init + lex_tokens + parse_module. Returns 0, or -1 with `err` set. */
int parse_file(const char *path, const char *bytes, size_t len, Arena *a, ParsedFile *out,
               SyntaxErr *err);

#endif
