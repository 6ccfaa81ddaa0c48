/* libFuzzer target: the whole front end on arbitrary bytes.
   source_init -> lex_tokens (+ lex_dump) -> parse_module -> ast_dump, each stage only when the
   previous one succeeded, exactly as `gotcha dump-tokens` / `dump-ast` chain them. A fresh arena per
   input, freed at the end, so LeakSanitizer sees any allocation that escapes the arena. */
#include <stddef.h>
#include <stdint.h>

#include "ast/ast_dump.h"
#include "lexer/lexer.h"
#include "parser/parser.h"
#include "util/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Arena arena;
    arena_init(&arena);
    SyntaxErr err = {0};
    Source src;
    Tokens toks;
    Buf out;
    buf_init(&out);
    if (source_init(&src, "<fuzz>", (const char *)data, size, &arena, &err) == 0 &&
        lex_tokens(&src, &arena, &toks, &err) == 0) {
        lex_dump(&src, &toks, &out);
        Node *module = parse_module(&src, &toks, &arena, &err);
        if (module)
            ast_dump(module, &out);
    }
    buf_free(&out);
    arena_free(&arena);
    return 0;
}
