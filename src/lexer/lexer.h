/* Lexer: Source text -> token array (whole file at once, so the parser can look ahead and backtrack). */
#ifndef GOTCHA_LEXER_H
#define GOTCHA_LEXER_H

#include "../ast/ast_nodes.h"
#include "../source/source.h"
#include "../util/arena.h"
#include "../util/syntax_err.h"
#include "token.h"

typedef struct Tokens {
    Token *items;        /* ends with exactly one ENDMARKER */
    int32_t n;
    Comment *comments;
    int32_t ncomments;
} Tokens;

/* Tokenize all of `s`, whose text ends in a NUL (source_init's does). Returns 0, or -1 with `err`
   set at CPython's position for tokenizer errors (unterminated string, bad indentation, invalid character, unmatched bracket...).
   Conventions (those of CPython's tokenize module, which tests/lexer/compare_tokens.py checks):
   - NEWLINE covers "\n", "\r\n" or "\r" (empty for the implicit final newline) and ends one column
     after its start; INDENT spans the line's indentation; DEDENT is empty at the next token, or at
     (last line + 1, 0) at EOF like ENDMARKER.
   - f-strings: FSTRING_MIDDLE may be empty; "{{" / "}}" end a FSTRING_MIDDLE after the first brace and
     the next one starts after the second (like CPython), so adjacent middles concatenate.
   - "<>" is a NOTEQUAL token (the parser rejects its text, as CPython does without barry_as_FLUFL).
   - `err` columns: 0-based UTF-8 byte column such that source_char_col() gives CPython's 1-based offset.
   On error, `out` holds the tokens read before it (no ENDMARKER). */
int lex_tokens(const Source *s, Arena *a, Tokens *out, SyntaxErr *err);

/* Decode one STRING token (prefix, quotes, body) into a CONST_STR or CONST_BYTES value.
   `*u_prefix` is set when the prefix is u/U (Constant.kind == 'u'). Returns 0, or -1 with `err`
   set (non-ASCII in bytes, truncated \x/\u escapes, unknown \N{name}...). Positions in `err` are
   computed from `tok`. */
int lex_decode_literal(const Source *s, const Token *tok, Arena *a, ConstValue *out, int *u_prefix,
                       SyntaxErr *err);

/* Decode the text of one FSTRING_MIDDLE token ("{{" and "}}" become single braces; escapes are
   processed unless `raw`). Returns 0, or -1 with `err` set. */
int lex_decode_fstring_middle(const Source *s, const Token *tok, int raw, Arena *a, Str *out,
                              SyntaxErr *err);

/* Debug listing used by `gotcha dump-tokens` and the lexer oracle test: one token per line,
   "TYPE 'text' line,col-end_line,end_col". */
#include "../util/buf.h"
void lex_dump(const Source *s, const Tokens *t, Buf *out);

#endif
