/* Token kinds and the token record: the contract between the lexer and the parser. */
#ifndef GOTCHA_TOKEN_H
#define GOTCHA_TOKEN_H

#include <stdint.h>

#define GT_TOKEN_LIST(X) \
    X(ENDMARKER, "") X(NAME, "") X(NUMBER, "") X(STRING, "") X(NEWLINE, "") X(INDENT, "") X(DEDENT, "") \
    X(FSTRING_START, "") X(FSTRING_MIDDLE, "") X(FSTRING_END, "") \
    X(LPAR, "(") X(RPAR, ")") X(LSQB, "[") X(RSQB, "]") X(COLON, ":") X(COMMA, ",") X(SEMI, ";") \
    X(PLUS, "+") X(MINUS, "-") X(STAR, "*") X(SLASH, "/") X(VBAR, "|") X(AMPER, "&") X(LESS, "<") \
    X(GREATER, ">") X(EQUAL, "=") X(DOT, ".") X(PERCENT, "%") X(LBRACE, "{") X(RBRACE, "}") \
    X(EQEQUAL, "==") X(NOTEQUAL, "!=") X(LESSEQUAL, "<=") X(GREATEREQUAL, ">=") X(TILDE, "~") \
    X(CIRCUMFLEX, "^") X(LEFTSHIFT, "<<") X(RIGHTSHIFT, ">>") X(DOUBLESTAR, "**") X(PLUSEQUAL, "+=") \
    X(MINEQUAL, "-=") X(STAREQUAL, "*=") X(SLASHEQUAL, "/=") X(PERCENTEQUAL, "%=") X(AMPEREQUAL, "&=") \
    X(VBAREQUAL, "|=") X(CIRCUMFLEXEQUAL, "^=") X(LEFTSHIFTEQUAL, "<<=") X(RIGHTSHIFTEQUAL, ">>=") \
    X(DOUBLESTAREQUAL, "**=") X(DOUBLESLASH, "//") X(DOUBLESLASHEQUAL, "//=") X(AT, "@") X(ATEQUAL, "@=") \
    X(RARROW, "->") X(ELLIPSIS, "...") X(COLONEQUAL, ":=") X(EXCLAMATION, "!") \
    X(KW_False, "False") X(KW_None, "None") X(KW_True, "True") X(KW_and, "and") X(KW_as, "as") \
    X(KW_assert, "assert") X(KW_async, "async") X(KW_await, "await") X(KW_break, "break") \
    X(KW_class, "class") X(KW_continue, "continue") X(KW_def, "def") X(KW_del, "del") X(KW_elif, "elif") \
    X(KW_else, "else") X(KW_except, "except") X(KW_finally, "finally") X(KW_for, "for") X(KW_from, "from") \
    X(KW_global, "global") X(KW_if, "if") X(KW_import, "import") X(KW_in, "in") X(KW_is, "is") \
    X(KW_lambda, "lambda") X(KW_nonlocal, "nonlocal") X(KW_not, "not") X(KW_or, "or") X(KW_pass, "pass") \
    X(KW_raise, "raise") X(KW_return, "return") X(KW_try, "try") X(KW_while, "while") X(KW_with, "with") \
    X(KW_yield, "yield")

typedef enum TokenType {
#define GT_TOKEN_ENUM(name, text) T_##name,
    GT_TOKEN_LIST(GT_TOKEN_ENUM)
#undef GT_TOKEN_ENUM
    T__COUNT
} TokenType;

extern const char *const token_names[T__COUNT]; /* "NAME", "LPAR", "KW_if"... */
extern const char *const token_texts[T__COUNT]; /* "(" for LPAR, "if" for KW_if, "" otherwise */

/* One token. Soft keywords (match, case, type, _) stay NAME tokens; the parser looks at their text.
   Positions follow CPython: 1-based lines, 0-based UTF-8 byte columns, end exclusive. */
enum { TOKEN_NONASCII = 1 };   /* Token.flags: a NAME holding non-ASCII bytes (NFKC applies) */

typedef struct Token {
    uint16_t type;           /* TokenType */
    uint8_t flags;           /* TOKEN_* bits */
    uint32_t start, end;     /* byte range in Source.text */
    int32_t lineno, col_offset, end_lineno, end_col_offset;
    uint32_t unused;         /* pads to 32 bytes: the parser, which reads tokens most, indexes them
                                with a shift */
} Token;
_Static_assert(sizeof(Token) == 32, "a token is 32 bytes");

/* A comment, kept for `# noqa` and `# type: ignore` handling. */
typedef struct Comment {
    uint32_t start, end;     /* byte range in Source.text, from '#' to end of line (exclusive) */
    int32_t lineno;
} Comment;

#endif
