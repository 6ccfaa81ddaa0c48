/* Lexer: the token stream CPython 3.13's tokenizer gives its parser (Parser/lexer/lexer.c), including
   PEP 701 f-strings, with CPython's positions and error messages.

   The control flow follows CPython's closely (read a char, back up a char) because its corner cases ARE
   the specification: where a token starts and ends around f-string braces, indentation after
   continuation lines, which error wins. Differences from the real thing:
   - "\r\n" and a lone "\r" read as one '\n' (CPython translates newlines before tokenizing);
   - the line counter advances lazily when the first char of the next line is read, as CPython's
     line-by-line reader does, so positions of tokens ending at a line end agree;
   - a missing final newline is supplied once, like CPython's implicit newline. */
#include "lexer.h"

#include <assert.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "../unicode/unicode.h"
#include "../unicode/utf8.h"

#define LEX_EOF (-1)
#define TABSIZE 8
#define MAX_INDENT 100        /* CPython's MAXINDENT */
#define MAX_PAREN_LEVEL 200   /* CPython's MAXLEVEL */
#define MAX_FSTRING_LEVEL 150 /* CPython's MAXFSTRINGLEVEL */
#define MAX_EXPR_NESTING 3    /* nested replacement fields in format specs */

enum { MODE_REGULAR, MODE_FSTRING };

/* One f-string being read (CPython's tokenizer_mode). Entry 0 is the regular top level. */
typedef struct FStringMode {
    uint8_t kind;              /* MODE_REGULAR inside a replacement field, else MODE_FSTRING */
    char quote;
    uint8_t quote_size;        /* 1 or 3 */
    uint8_t raw;
    uint8_t in_format_spec;
    int curly_depth;           /* brackets open inside this f-string */
    int expr_start_depth;      /* curly_depth at which the innermost replacement field started, -1 none */
    uint32_t start;            /* offset of the FSTRING_START token */
    uint32_t start_line_start; /* offset of the line holding it */
    int32_t start_lineno;
} FStringMode;

typedef struct Lexer {
    const char *text;
    size_t len;
    const Source *src;
    Arena *arena;
    SyntaxErr *err;

    size_t pos;               /* next byte to read */
    size_t line_start;        /* offset of the current line */
    size_t line_end;          /* offset of the next line (or len) */
    int32_t lineno;           /* 0 before the first char is read */
    bool ends_with_newline;
    bool implicit_newline_given;
    bool at_eof;              /* EOF was read: trailing DEDENTs and ENDMARKER go to the next line */

    bool atbol;
    int pendin;               /* pending INDENT (>0) or DEDENT (<0) tokens */
    int indent;
    int indstack[MAX_INDENT];
    int altindstack[MAX_INDENT];

    int level;
    char parenstack[MAX_PAREN_LEVEL];
    int32_t paren_lineno[MAX_PAREN_LEVEL];
    int32_t paren_col[MAX_PAREN_LEVEL];

    int mode_index;
    FStringMode modes[MAX_FSTRING_LEVEL];

    /* Start of the token being read (CPython's tok->start, first_lineno, multi_line_start). */
    size_t start;
    int32_t first_lineno;
    size_t multi_line_start;

    Token *toks;
    int32_t ntoks, cap_toks;
    Comment *comments;
    int32_t ncomments, cap_comments;
} Lexer;

/* ---- character stream ---- */

static inline void advance_line(Lexer *lx)
{
    lx->lineno++;
    lx->line_start = lx->pos;
    lx->line_end = lx->lineno < lx->src->nlines ? lx->src->line_starts[lx->lineno] : lx->len;
}

/* The char at pos, a "\r\n" or lone "\r" read as '\n'. */
static inline int read_char(Lexer *lx)
{
    unsigned char c = (unsigned char)lx->text[lx->pos++];
    if (c == '\r') {
        if (lx->pos < lx->len && lx->text[lx->pos] == '\n')
            lx->pos++;
        return '\n';
    }
    return c;
}

/* nextc at the end of a line: the end of the text, or the first char of the next line. */
static __attribute__((noinline)) int nextc_line_end(Lexer *lx)
{
    if (lx->pos >= lx->len) {
        if (!lx->ends_with_newline && !lx->implicit_newline_given && lx->lineno > 0) {
            lx->implicit_newline_given = true;
            return '\n';
        }
        lx->at_eof = true;
        return LEX_EOF;
    }
    if (lx->pos == lx->line_end)
        advance_line(lx);
    return read_char(lx);
}

/* Next char as CPython's tok_nextc sees it: newlines translated to '\n', bytes >= 0x80 as is.
   line_end <= len, so one comparison keeps the common case (inside a line) short. */
static inline int nextc(Lexer *lx)
{
    if (lx->pos >= lx->line_end)
        return nextc_line_end(lx);
    return read_char(lx);
}

/* The end of the run of spaces at t[p] before `stop`: indentation is read eight bytes at a time. */
static inline size_t spaces_end(const unsigned char *t, size_t p, size_t stop)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (; p + 8 <= stop; p += 8) {
        uint64_t word;
        memcpy(&word, t + p, 8);
        uint64_t other = word ^ 0x2020202020202020ull;   /* a byte other than ' ' is not 0 */
        if (other)
            return p + (size_t)(__builtin_ctzll(other) >> 3);
    }
#endif
    while (p < stop && t[p] == ' ')
        p++;
    return p;
}

static inline void backup(Lexer *lx, int c)
{
    if (c == LEX_EOF)
        return;
    if (c == '\n') {
        if (lx->pos >= lx->len && lx->implicit_newline_given) {
            lx->implicit_newline_given = false;
            return;
        }
        if (lx->pos >= 2 && lx->text[lx->pos - 1] == '\n' && lx->text[lx->pos - 2] == '\r')
            lx->pos -= 2;
        else
            lx->pos--;
        return;
    }
    lx->pos--;
}


/* ---- errors ---- */

/* Byte column of the char before the read position: CPython reports tokenizer errors at
   "characters read so far" as a 1-based offset, i.e. at that char. */
static int32_t col_before_cursor(const Lexer *lx)
{
    size_t p = lx->pos;
    if (lx->implicit_newline_given && p >= lx->len)
        return (int32_t)(p - lx->line_start);
    if (p <= lx->line_start)
        return 0;
    p--;
    while (p > lx->line_start && utf8_is_continuation((unsigned char)lx->text[p]))
        p--;
    return (int32_t)(p - lx->line_start);
}

static int error_at(Lexer *lx, int32_t lineno, int32_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int error_at(Lexer *lx, int32_t lineno, int32_t col, const char *fmt, ...)
{
    SyntaxErr *e = lx->err;
    e->lineno = e->end_lineno = lineno;
    e->col_offset = e->end_col_offset = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return -1;
}

#define ERROR_HERE(lx, ...) error_at((lx), (lx)->lineno, col_before_cursor(lx), __VA_ARGS__)

/* ---- output ---- */

/* Append a token over text[start, end); it starts at (lineno, col) and ends on the current line.
   The lexer's fields are read before the token's are stored (a store to the token could otherwise
   change them, as far as the compiler knows). */
static inline void emit_at(Lexer *lx, int type, size_t start, size_t end, int32_t lineno, int32_t col)
{
    if (lx->ntoks == lx->cap_toks)
        lx->toks = arena_grow(lx->arena, lx->toks, &lx->cap_toks, lx->ntoks + 1, sizeof *lx->toks, 256);
    int32_t end_lineno = lx->lineno, end_col = (int32_t)(end - lx->line_start);
    Token *t = &lx->toks[lx->ntoks++];
    t->type = (uint16_t)type;
    t->flags = 0;
    t->start = (uint32_t)start;
    t->end = (uint32_t)end;
    t->lineno = lineno;
    t->col_offset = col;
    t->end_lineno = end_lineno;
    t->end_col_offset = end_col;
}

static inline void emit(Lexer *lx, int type, size_t start, size_t end)
{
    emit_at(lx, type, start, end, lx->lineno, (int32_t)(start - lx->line_start));
}

/* DEDENT and ENDMARKER at EOF: empty, at column 0 of the line after the last one (CPython's tokenize). */
static void emit_trailing(Lexer *lx, int type)
{
    emit_at(lx, type, lx->len, lx->len, lx->lineno + 1, 0);
    lx->toks[lx->ntoks - 1].end_lineno = lx->lineno + 1;
    lx->toks[lx->ntoks - 1].end_col_offset = 0;
}

static void add_comment(Lexer *lx, size_t start, size_t end)
{
    if (lx->ncomments == lx->cap_comments)
        lx->comments = arena_grow(lx->arena, lx->comments, &lx->cap_comments, lx->ncomments + 1,
                                  sizeof *lx->comments, 256);
    Comment *c = &lx->comments[lx->ncomments++];
    c->start = (uint32_t)start;
    c->end = (uint32_t)end;
    c->lineno = lx->lineno;
}

/* ---- character classes ---- */

/* CC_ASCII_ID: an ASCII identifier char (names are scanned with it, non-ASCII ones then slowly). */
enum { CC_IDSTART = 1, CC_IDCHAR = 2, CC_DIGIT = 4, CC_HEX = 8, CC_ASCII_ID = 16 };

static const uint8_t char_class[256] = {
#define IDS (CC_IDSTART | CC_IDCHAR | CC_ASCII_ID)
#define DIG (CC_IDCHAR | CC_ASCII_ID | CC_DIGIT | CC_HEX)
    ['0'] = DIG, ['1'] = DIG, ['2'] = DIG, ['3'] = DIG, ['4'] = DIG, ['5'] = DIG, ['6'] = DIG, ['7'] = DIG,
    ['8'] = DIG, ['9'] = DIG,
    ['A'] = IDS | CC_HEX, ['B'] = IDS | CC_HEX, ['C'] = IDS | CC_HEX, ['D'] = IDS | CC_HEX, ['E'] = IDS | CC_HEX,
    ['F'] = IDS | CC_HEX, ['G'] = IDS, ['H'] = IDS, ['I'] = IDS, ['J'] = IDS, ['K'] = IDS, ['L'] = IDS, ['M'] = IDS,
    ['N'] = IDS, ['O'] = IDS, ['P'] = IDS, ['Q'] = IDS, ['R'] = IDS, ['S'] = IDS, ['T'] = IDS, ['U'] = IDS,
    ['V'] = IDS, ['W'] = IDS, ['X'] = IDS, ['Y'] = IDS, ['Z'] = IDS, ['_'] = IDS,
    ['a'] = IDS | CC_HEX, ['b'] = IDS | CC_HEX, ['c'] = IDS | CC_HEX, ['d'] = IDS | CC_HEX, ['e'] = IDS | CC_HEX,
    ['f'] = IDS | CC_HEX, ['g'] = IDS, ['h'] = IDS, ['i'] = IDS, ['j'] = IDS, ['k'] = IDS, ['l'] = IDS, ['m'] = IDS,
    ['n'] = IDS, ['o'] = IDS, ['p'] = IDS, ['q'] = IDS, ['r'] = IDS, ['s'] = IDS, ['t'] = IDS, ['u'] = IDS,
    ['v'] = IDS, ['w'] = IDS, ['x'] = IDS, ['y'] = IDS, ['z'] = IDS,
#define NA (CC_IDSTART | CC_IDCHAR)
#define NA8 NA, NA, NA, NA, NA, NA, NA, NA
#define NA64 NA8, NA8, NA8, NA8, NA8, NA8, NA8, NA8
    [128] = NA64, NA64, /* any non-ASCII byte may be part of an identifier; checked afterwards */
#undef NA64
#undef NA8
#undef NA
#undef DIG
#undef IDS
};

static inline bool is_id_start(int c) { return c >= 0 && (char_class[c] & CC_IDSTART); }
static inline bool is_id_char(int c) { return c >= 0 && (char_class[c] & CC_IDCHAR); }
static inline bool is_digit(int c) { return c >= '0' && c <= '9'; }
static inline bool is_xdigit(int c) { return c >= 0 && (char_class[c] & CC_HEX); }

/* ---- keywords ---- */

/* Keywords by a hash of their length, first and last letters that tells all 35 apart: a NAME is
   compared with one keyword at most. Two keywords in one slot would be two initializers of one
   element, which -Woverride-init (in -Wextra) rejects; a letter mistyped below leaves a keyword
   where it is never looked up, which test_lexer's keyword check catches. */
typedef struct Keyword { const char *text; uint8_t len; uint8_t type; } Keyword;
#define KEYWORD_SLOT(len, first, last) (((unsigned)(len) + (unsigned)(first) + 11u * (unsigned)(last)) & 127u)
#define KW(word, first, last) \
    [KEYWORD_SLOT(sizeof #word - 1, first, last)] = { #word, sizeof #word - 1, T_KW_##word }

static const Keyword keyword_slots[128] = {
    KW(False, 'F', 'e'), KW(None, 'N', 'e'), KW(True, 'T', 'e'), KW(and, 'a', 'd'), KW(as, 'a', 's'),
    KW(assert, 'a', 't'), KW(async, 'a', 'c'), KW(await, 'a', 't'), KW(break, 'b', 'k'), KW(class, 'c', 's'),
    KW(continue, 'c', 'e'), KW(def, 'd', 'f'), KW(del, 'd', 'l'), KW(elif, 'e', 'f'), KW(else, 'e', 'e'),
    KW(except, 'e', 't'), KW(finally, 'f', 'y'), KW(for, 'f', 'r'), KW(from, 'f', 'm'), KW(global, 'g', 'l'),
    KW(if, 'i', 'f'), KW(import, 'i', 't'), KW(in, 'i', 'n'), KW(is, 'i', 's'), KW(lambda, 'l', 'a'),
    KW(nonlocal, 'n', 'l'), KW(not, 'n', 't'), KW(or, 'o', 'r'), KW(pass, 'p', 's'), KW(raise, 'r', 'e'),
    KW(return, 'r', 'n'), KW(try, 't', 'y'), KW(while, 'w', 'e'), KW(with, 'w', 'h'), KW(yield, 'y', 'd'),
};
#undef KW

static inline int keyword_type(const char *s, size_t n)
{
    if (n < 2 || n > 8)
        return T_NAME;
    const Keyword *k = &keyword_slots[KEYWORD_SLOT(n, (unsigned char)s[0], (unsigned char)s[n - 1])];
    if (k->len != n)
        return T_NAME;
    for (size_t i = 0; i < n; i++)   /* at most 8 bytes: cheaper inline than a call of memcmp */
        if (k->text[i] != s[i])
            return T_NAME;
    return k->type;
}

/* ---- operators ---- */

/* The token of each one-char operator; 0 (ENDMARKER, never an operator) for the other bytes. */
static const uint8_t one_char_types[256] = {
    ['('] = T_LPAR, [')'] = T_RPAR, ['['] = T_LSQB, [']'] = T_RSQB, [':'] = T_COLON, [','] = T_COMMA,
    [';'] = T_SEMI, ['+'] = T_PLUS, ['-'] = T_MINUS, ['*'] = T_STAR, ['/'] = T_SLASH, ['|'] = T_VBAR,
    ['&'] = T_AMPER, ['<'] = T_LESS, ['>'] = T_GREATER, ['='] = T_EQUAL, ['.'] = T_DOT, ['%'] = T_PERCENT,
    ['{'] = T_LBRACE, ['}'] = T_RBRACE, ['~'] = T_TILDE, ['^'] = T_CIRCUMFLEX, ['@'] = T_AT,
    ['!'] = T_EXCLAMATION,
};
_Static_assert(T_ENDMARKER == 0 && T__COUNT <= 256, "0 marks no operator; types fit in a byte");

static int one_char_op(int c)
{
    return c >= 0 && one_char_types[c] ? one_char_types[c] : -1;
}

/* The second chars of the two-char operators: any other char extends no operator. */
static bool may_extend_op(int c2)
{
    return c2 == '=' || c2 == '*' || c2 == '/' || c2 == '<' || c2 == '>';
}

static int two_char_op(int c1, int c2)
{
    switch (c1) {
    case '!': return c2 == '=' ? T_NOTEQUAL : -1;
    case '%': return c2 == '=' ? T_PERCENTEQUAL : -1;
    case '&': return c2 == '=' ? T_AMPEREQUAL : -1;
    case '*': return c2 == '*' ? T_DOUBLESTAR : c2 == '=' ? T_STAREQUAL : -1;
    case '+': return c2 == '=' ? T_PLUSEQUAL : -1;
    case '-': return c2 == '=' ? T_MINEQUAL : c2 == '>' ? T_RARROW : -1;
    case '/': return c2 == '/' ? T_DOUBLESLASH : c2 == '=' ? T_SLASHEQUAL : -1;
    case ':': return c2 == '=' ? T_COLONEQUAL : -1;
    case '<': return c2 == '<' ? T_LEFTSHIFT : c2 == '=' ? T_LESSEQUAL : c2 == '>' ? T_NOTEQUAL : -1;
    case '=': return c2 == '=' ? T_EQEQUAL : -1;
    case '>': return c2 == '=' ? T_GREATEREQUAL : c2 == '>' ? T_RIGHTSHIFT : -1;
    case '@': return c2 == '=' ? T_ATEQUAL : -1;
    case '^': return c2 == '=' ? T_CIRCUMFLEXEQUAL : -1;
    case '|': return c2 == '=' ? T_VBAREQUAL : -1;
    default: return -1;
    }
}

static int three_char_op(int c1, int c2, int c3)
{
    if (c3 != '=' && !(c1 == '.' && c2 == '.' && c3 == '.'))
        return -1;
    if (c1 == '*' && c2 == '*')
        return T_DOUBLESTAREQUAL;
    if (c1 == '.' && c2 == '.')
        return T_ELLIPSIS;
    if (c1 == '/' && c2 == '/')
        return T_DOUBLESLASHEQUAL;
    if (c1 == '<' && c2 == '<')
        return T_LEFTSHIFTEQUAL;
    if (c1 == '>' && c2 == '>')
        return T_RIGHTSHIFTEQUAL;
    return -1;
}

/* ---- identifiers ---- */

/* PEP 3131 check of a NAME holding non-ASCII bytes (CPython's verify_identifier). */
static __attribute__((noinline, cold)) int verify_identifier(Lexer *lx)
{
    const char *s = lx->text + lx->start;
    size_t n = lx->pos - lx->start;
    char msg[200];
    if (source_utf8_error(s, n, msg, sizeof msg))
        return ERROR_HERE(lx, "%s", msg);
    size_t i = 0;
    bool first = true;
    while (i < n) {
        uint32_t cp;
        int len = utf8_decode((const unsigned char *)s + i, &cp);
        bool ok = first ? (cp == '_' || unicode_is_xid_start(cp)) : unicode_is_xid_continue(cp);
        if (!ok) {
            lx->pos = lx->start + i + (size_t)len;   /* CPython reports at the bad char */
            char utf8[5] = {0};
            memcpy(utf8, s + i, (size_t)len);
            if (unicode_is_printable(cp))
                return ERROR_HERE(lx, "invalid character '%s' (U+%04X)", utf8, (unsigned)cp);
            return ERROR_HERE(lx, "invalid non-printable character U+%04X", (unsigned)cp);
        }
        first = false;
        i += (size_t)len;
    }
    return 0;
}

/* ---- numbers ---- */

/* After a number: a following identifier char is an error, except the keywords a valid program can
   have there ("1if x else y"), which CPython only warns about. Returns 0 or -1. */
static int verify_end_of_number(Lexer *lx, int c, const char *kind)
{
    bool keyword_follows = false;
    if (c == 'a' || c == 'e' || c == 'f' || c == 'o' || c == 'n') {
        static const char *const rest[] = {"nd", "lse", "or", "r", "ot"};
        const char *want = rest[c == 'a' ? 0 : c == 'e' ? 1 : c == 'f' ? 2 : c == 'o' ? 3 : 4];
        size_t n = strlen(want);
        size_t p = lx->pos;
        if (p + n <= lx->len && memcmp(lx->text + p, want, n) == 0) {
            int after = p + n < lx->len ? (unsigned char)lx->text[p + n] : '\n';
            keyword_follows = !is_id_char(after);
        }
    } else if (c == 'i') {
        int c2 = lx->pos < lx->len ? (unsigned char)lx->text[lx->pos] : '\n';
        keyword_follows = c2 == 'f' || c2 == 'n' || c2 == 's';
    }
    if (keyword_follows)
        return 0;   /* SyntaxWarning "invalid ... literal" in CPython */
    if (c >= 0 && c < 128 && is_id_char(c)) {
        backup(lx, c);
        return ERROR_HERE(lx, "invalid %s literal", kind);
    }
    return 0;
}

/* Digits and single underscores; returns the first char after them, or -2 after an error. */
static int decimal_tail(Lexer *lx)
{
    int c;
    for (;;) {
        do
            c = nextc(lx);
        while (is_digit(c));
        if (c != '_')
            break;
        c = nextc(lx);
        if (!is_digit(c)) {
            backup(lx, c);
            ERROR_HERE(lx, "invalid decimal literal");
            return -2;
        }
    }
    return c;
}

/* Digits of a 0x / 0o / 0b literal. `kind` names it in messages. */
static int radix_digits(Lexer *lx, int radix, const char *kind)
{
    int c = nextc(lx);
    do {
        if (c == '_')
            c = nextc(lx);
        bool ok = radix == 16 ? is_xdigit(c) : (c >= '0' && c < '0' + radix);
        if (!ok) {
            if (radix != 16 && is_digit(c))
                return ERROR_HERE(lx, "invalid digit '%c' in %s literal", c, kind);
            backup(lx, c);
            return ERROR_HERE(lx, "invalid %s literal", kind);
        }
        do
            c = nextc(lx);
        while (radix == 16 ? is_xdigit(c) : (c >= '0' && c < '0' + radix));
    } while (c == '_');
    if (radix != 16 && is_digit(c))
        return ERROR_HERE(lx, "invalid digit '%c' in %s literal", c, kind);
    if (verify_end_of_number(lx, c, kind) < 0)
        return -1;
    backup(lx, c);
    return 0;
}

/* Fraction, exponent and imaginary suffix; `c` is the char after the integer part (after the '.'
   when `after_dot`). */
static int number_rest(Lexer *lx, int c, bool after_dot)
{
    if (after_dot || c == '.') {
        if (!after_dot)
            c = nextc(lx);
        if (is_digit(c)) {
            c = decimal_tail(lx);
            if (c == -2)
                return -1;
        }
    }
    if (c == 'e' || c == 'E') {
        int e = c;
        c = nextc(lx);
        if (c == '+' || c == '-') {
            c = nextc(lx);
            if (!is_digit(c)) {
                backup(lx, c);
                return ERROR_HERE(lx, "invalid decimal literal");
            }
        } else if (!is_digit(c)) {
            backup(lx, c);
            if (verify_end_of_number(lx, e, "decimal") < 0)
                return -1;
            backup(lx, e);   /* "1e" followed by a keyword: the number is "1" */
            return 0;
        }
        c = decimal_tail(lx);
        if (c == -2)
            return -1;
    }
    if (c == 'j' || c == 'J') {
        c = nextc(lx);
        if (verify_end_of_number(lx, c, "imaginary") < 0)
            return -1;
    } else if (verify_end_of_number(lx, c, "decimal") < 0) {
        return -1;
    }
    backup(lx, c);
    return 0;
}

static __attribute__((noinline)) int lex_number(Lexer *lx, int c)
{
    if (c == '0') {
        c = nextc(lx);
        if (c == 'x' || c == 'X')
            return radix_digits(lx, 16, "hexadecimal");
        if (c == 'o' || c == 'O')
            return radix_digits(lx, 8, "octal");
        if (c == 'b' || c == 'B')
            return radix_digits(lx, 2, "binary");
        bool nonzero = false;
        for (;;) {   /* "0", "00", "0_0": maybe an old-style octal */
            if (c == '_') {
                c = nextc(lx);
                if (!is_digit(c)) {
                    backup(lx, c);
                    return ERROR_HERE(lx, "invalid decimal literal");
                }
            }
            if (c != '0')
                break;
            c = nextc(lx);
        }
        if (is_digit(c)) {
            nonzero = true;
            c = decimal_tail(lx);
            if (c == -2)
                return -1;
        }
        if (c == '.' || c == 'e' || c == 'E' || c == 'j' || c == 'J')
            return number_rest(lx, c, false);
        if (nonzero) {
            backup(lx, c);
            return error_at(lx, lx->lineno, (int32_t)(lx->start - lx->line_start),
                            "leading zeros in decimal integer literals are not permitted; "
                            "use an 0o prefix for octal integers");
        }
        if (verify_end_of_number(lx, c, "decimal") < 0)
            return -1;
        backup(lx, c);
        return 0;
    }
    c = decimal_tail(lx);
    if (c == -2)
        return -1;
    return number_rest(lx, c, false);
}

/* ---- strings ---- */

/* Rest of a STRING token after its prefix; `quote` was just read. */
static __attribute__((noinline)) int lex_string(Lexer *lx, int quote)
{
    int quote_size = 1, end_quote_size = 0;
    bool escaped_quote = false;
    lx->first_lineno = lx->lineno;
    lx->multi_line_start = lx->line_start;
    int c = nextc(lx);
    if (c == quote) {
        c = nextc(lx);
        if (c == quote)
            quote_size = 3;
        else
            end_quote_size = 1;   /* empty string */
    }
    if (c != quote)
        backup(lx, c);
    while (end_quote_size != quote_size) {
        /* Fast path: the plain bytes of the current line up to the quote or a backslash, found
           by memchr (docstring lines are long), before the line break (a line has none elsewhere). */
        const char *t = lx->text;
        size_t p = lx->pos, end = lx->line_end;
        if (end > p && t[end - 1] == '\n')
            end--;
        if (end > p && t[end - 1] == '\r')
            end--;
        const char *at = memchr(t + p, quote, end - p);
        if (at)
            end = (size_t)(at - t);
        at = memchr(t + p, '\\', end - p);
        p = at ? (size_t)(at - t) : end;
        if (p > lx->pos) {
            lx->pos = p;
            end_quote_size = 0;
        }
        c = nextc(lx);
        if (c == LEX_EOF || (quote_size == 1 && c == '\n')) {
            int32_t detected = lx->lineno;
            int32_t col = (int32_t)(lx->start - lx->multi_line_start);
            FStringMode *m = &lx->modes[lx->mode_index];
            if (lx->mode_index > 0 && m->quote == quote && m->quote_size == quote_size)
                return error_at(lx, lx->first_lineno, col, "f-string: expecting '}'");
            if (quote_size == 3)
                return error_at(lx, lx->first_lineno, col,
                                "unterminated triple-quoted string literal (detected at line %d)", (int)detected);
            if (escaped_quote)
                return error_at(lx, lx->first_lineno, col,
                                "unterminated string literal (detected at line %d); perhaps you escaped the end quote?",
                                (int)detected);
            return error_at(lx, lx->first_lineno, col, "unterminated string literal (detected at line %d)",
                            (int)detected);
        }
        if (c == quote) {
            end_quote_size++;
        } else {
            end_quote_size = 0;
            if (c == '\\') {
                c = nextc(lx);
                if (c == quote)
                    escaped_quote = true;
            }
        }
    }
    emit_at(lx, T_STRING, lx->start, lx->pos, lx->first_lineno, (int32_t)(lx->start - lx->multi_line_start));
    return 0;
}

/* FSTRING_START: push a mode for the f-string whose opening quote was just read. */
static __attribute__((noinline)) int lex_fstring_start(Lexer *lx, int quote)
{
    int quote_size = 1;
    lx->first_lineno = lx->lineno;
    lx->multi_line_start = lx->line_start;
    int after = nextc(lx);
    if (after == quote) {
        int after2 = nextc(lx);
        if (after2 == quote) {
            quote_size = 3;
        } else {
            backup(lx, after2);
            backup(lx, after);
        }
    } else {
        backup(lx, after);
    }
    if (lx->mode_index + 1 >= MAX_FSTRING_LEVEL)
        return ERROR_HERE(lx, "too many nested f-strings");
    FStringMode *m = &lx->modes[++lx->mode_index];
    memset(m, 0, sizeof *m);
    m->kind = MODE_FSTRING;
    m->quote = (char)quote;
    m->quote_size = (uint8_t)quote_size;
    m->start = (uint32_t)lx->start;
    m->start_line_start = (uint32_t)lx->line_start;
    m->start_lineno = lx->lineno;
    char p0 = lx->text[lx->start], p1 = lx->text[lx->start + 1];
    m->raw = (p0 == 'r' || p0 == 'R' || p1 == 'r' || p1 == 'R');
    m->curly_depth = 0;
    m->expr_start_depth = -1;
    emit(lx, T_FSTRING_START, lx->start, lx->pos);
    return 0;
}

/* ---- indentation ---- */

static int indent_error(Lexer *lx)
{
    return error_at(lx, lx->lineno, 0, "inconsistent use of tabs and spaces in indentation");
}

/* Whole-line position CPython uses for indentation errors (it moves to the end of the line). */
static int32_t line_end_col(const Lexer *lx)
{
    size_t e = lx->line_end;
    while (e > lx->line_start && (lx->text[e - 1] == '\n' || lx->text[e - 1] == '\r'))
        e--;
    return (int32_t)(e - lx->line_start);
}

/* Continuation line: a backslash was read. Returns 0, or -1 with the error set. */
static int continuation_line(Lexer *lx)
{
    int c = nextc(lx);
    if (c != '\n')
        return ERROR_HERE(lx, "unexpected character after line continuation character");
    c = nextc(lx);
    if (c == LEX_EOF)
        return ERROR_HERE(lx, "unexpected EOF while parsing");
    backup(lx, c);
    return 0;
}

/* Measure the indentation of a new line and queue INDENT/DEDENT tokens. Sets *blankline. */
static int read_indentation(Lexer *lx, bool *blankline)
{
    int col = 0, altcol = 0, cont_line_col = 0, c;
    for (;;) {
        c = nextc(lx);
        if (c == ' ') {
            /* The rest of a run of spaces lies on this line: count it in one go. */
            size_t p = spaces_end((const unsigned char *)lx->text, lx->pos, lx->line_end);
            int run = 1 + (int)(p - lx->pos);
            lx->pos = p;
            col += run, altcol += run;
        } else if (c == '\t') {
            col = (col / TABSIZE + 1) * TABSIZE;
            altcol = altcol + 1;
        } else if (c == '\f') {
            col = altcol = 0;
        } else if (c == '\\') {
            cont_line_col = cont_line_col ? cont_line_col : col;
            if (continuation_line(lx) < 0)
                return -1;
        } else {
            break;
        }
    }
    backup(lx, c);
    *blankline = (c == '#' || c == '\n');
    if (*blankline || lx->level != 0)
        return 0;
    if (cont_line_col) {
        col = cont_line_col;
        altcol = cont_line_col;
    }
    if (col == lx->indstack[lx->indent]) {
        if (altcol != lx->altindstack[lx->indent])
            return indent_error(lx);
    } else if (col > lx->indstack[lx->indent]) {
        if (lx->indent + 1 >= MAX_INDENT)
            return error_at(lx, lx->lineno, line_end_col(lx), "too many levels of indentation");
        if (altcol <= lx->altindstack[lx->indent])
            return indent_error(lx);
        lx->pendin++;
        lx->indent++;
        lx->indstack[lx->indent] = col;
        lx->altindstack[lx->indent] = altcol;
    } else {
        while (lx->indent > 0 && col < lx->indstack[lx->indent]) {
            lx->pendin--;
            lx->indent--;
        }
        if (col != lx->indstack[lx->indent])
            return error_at(lx, lx->lineno, line_end_col(lx), "unindent does not match any outer indentation level");
        if (altcol != lx->altindstack[lx->indent])
            return indent_error(lx);
    }
    return 0;
}

/* ---- brackets ---- */

static int open_bracket(Lexer *lx, int c, FStringMode *cur)
{
    if (lx->level >= MAX_PAREN_LEVEL)
        return ERROR_HERE(lx, "too many nested parentheses");
    lx->parenstack[lx->level] = (char)c;
    lx->paren_lineno[lx->level] = lx->lineno;
    lx->paren_col[lx->level] = (int32_t)(lx->start - lx->line_start);
    lx->level++;
    if (lx->mode_index > 0)
        cur->curly_depth++;
    return 0;
}

static int close_bracket(Lexer *lx, int c, FStringMode *cur)
{
    bool in_fstring = lx->mode_index > 0;
    if (in_fstring && cur->curly_depth == 0 && c == '}')
        return ERROR_HERE(lx, "f-string: single '}' is not allowed");
    if (lx->level == 0)
        return ERROR_HERE(lx, "unmatched '%c'", c);
    lx->level--;
    int opening = lx->parenstack[lx->level];
    if (!((opening == '(' && c == ')') || (opening == '[' && c == ']') || (opening == '{' && c == '}'))) {
        if (in_fstring && opening == '{' && cur->curly_depth - 1 == cur->expr_start_depth)
            return ERROR_HERE(lx, "f-string: unmatched '%c'", c);
        if (lx->paren_lineno[lx->level] != lx->lineno)
            return ERROR_HERE(lx, "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d", c,
                              opening, (int)lx->paren_lineno[lx->level]);
        return ERROR_HERE(lx, "closing parenthesis '%c' does not match opening parenthesis '%c'", c, opening);
    }
    if (in_fstring) {
        cur->curly_depth--;
        if (cur->curly_depth < 0)
            return ERROR_HERE(lx, "f-string: unmatched '%c'", c);
        if (c == '}' && cur->curly_depth == cur->expr_start_depth) {
            cur->expr_start_depth--;
            cur->kind = MODE_FSTRING;
            cur->in_format_spec = 0;
        }
    }
    return 0;
}

/* ---- regular mode ---- */

/* 1 if the name text[0, n) is a string prefix, in CPython's allowed combinations: one of b, r, u, f,
   or r with b or f, in either order and any case. *is_f tells an f-string. */
static bool is_string_prefix(const unsigned char *text, size_t n, bool *is_f)
{
    int rs = 0, bs = 0, fs = 0;
    for (size_t i = 0; i < n; i++) {
        int c = text[i] | 0x20;   /* ASCII letters to lower case; other bytes never match below */
        rs += c == 'r', bs += c == 'b', fs += c == 'f';
    }
    *is_f = fs == 1;
    if (n == 1)
        return rs + bs + fs == 1 || (text[0] | 0x20) == 'u';
    return n == 2 && rs == 1 && bs + fs == 1;
}

static int lex_name(Lexer *lx, int c)
{
    bool nonascii = c >= 128;
    /* The rest of the name lies on the current line: scan the bytes directly. */
    const unsigned char *t = (const unsigned char *)lx->text;
    size_t p = lx->pos, stop = lx->line_end;
    while (p < stop && (char_class[t[p]] & CC_ASCII_ID))
        p++;
    if (p < stop && t[p] >= 0x80) {   /* rare: finish with the non-ASCII bytes allowed */
        nonascii = true;
        while (p < stop && (char_class[t[p]] & CC_IDCHAR))
            p++;
    }
    lx->pos = p;
    /* A name ending before the line end is followed by a plain char of this line: nothing to read
       (a quote there makes it a string prefix when it is one). At the line end, nextc decides (next
       line, implicit newline, EOF). */
    bool is_f;
    if (p == stop) {
        c = nextc(lx);
        backup(lx, c);
    } else if ((t[p] == '"' || t[p] == '\'') && p - lx->start <= 2 &&
               is_string_prefix(t + lx->start, p - lx->start, &is_f)) {
        int quote = nextc(lx);
        return is_f ? lex_fstring_start(lx, quote) : lex_string(lx, quote);
    }
    if (nonascii && verify_identifier(lx) < 0)
        return -1;
    int type = nonascii ? T_NAME : keyword_type(lx->text + lx->start, lx->pos - lx->start);
    emit(lx, type, lx->start, lx->pos);
    if (nonascii)
        lx->toks[lx->ntoks - 1].flags = TOKEN_NONASCII;
    return 0;
}

/* Skip a comment; c == '#' was read at lx->start. */
static void skip_comment(Lexer *lx)
{
    /* The comment runs to the end of the current line, before its "\n", "\r\n" or "\r". */
    const char *t = lx->text;
    size_t p = lx->line_end;
    if (p > lx->pos && t[p - 1] == '\n')
        p--;
    if (p > lx->pos && t[p - 1] == '\r')
        p--;
    lx->pos = p;
    add_comment(lx, lx->start, p);
}

static int lex_operator(Lexer *lx, int c, FStringMode *cur)
{
    /* Most operators are one char followed by a byte of the same line that extends none ('\r' and
       '\n' extend none either): then there is nothing to read and back up. */
    bool single = lx->pos < lx->line_end && two_char_op(c, (unsigned char)lx->text[lx->pos]) < 0;
    if (!single) {
        int c2 = nextc(lx);
        int type2 = two_char_op(c, c2);
        if (type2 >= 0) {
            int c3 = nextc(lx);
            int type3 = three_char_op(c, c2, c3);
            if (type3 >= 0)
                type2 = type3;
            else
                backup(lx, c3);
            emit(lx, type2, lx->start, lx->pos);
            return 0;
        }
        backup(lx, c2);
    }
    if (c == '(' || c == '[' || c == '{') {
        if (open_bracket(lx, c, cur) < 0)
            return -1;
    } else if (c == ')' || c == ']' || c == '}') {
        if (close_bracket(lx, c, cur) < 0)
            return -1;
    }
    int type = one_char_op(c);
    if (type < 0) {
        if (c < 0x20 || c == 0x7F)
            return ERROR_HERE(lx, "invalid non-printable character U+%04X", (unsigned)c);
        /* '$', '?', '`': CPython passes an OP token that no grammar rule accepts. */
        return ERROR_HERE(lx, "invalid syntax");
    }
    emit(lx, type, lx->start, lx->pos);
    return 0;
}

/* Spaces before a token, counted in a local. */
static inline void skip_spaces(Lexer *lx)
{
    size_t p = lx->pos;
    while (p < lx->line_end && lx->text[p] == ' ')
        p++;
    lx->pos = p;
}

/* One token (or a NEWLINE/INDENT/DEDENT) in regular mode. *done is set at ENDMARKER. */
static inline __attribute__((always_inline)) int lex_regular_token(Lexer *lx, FStringMode *cur, bool *done)
{
    int c;
    bool blankline;
nextline:
    blankline = false;
    if (lx->atbol) {
        lx->atbol = false;
        if (read_indentation(lx, &blankline) < 0)
            return -1;
    }
    lx->start = lx->pos;
    if (lx->pendin != 0) {
        /* INDENT spans the line's whitespace; DEDENT is empty at the first token. At EOF, DEDENTs go
           to the line after the last one, as CPython's trailing tokens. */
        if (lx->pendin < 0) {
            lx->pendin++;
            if (lx->at_eof)
                emit_trailing(lx, T_DEDENT);
            else
                emit(lx, T_DEDENT, lx->pos, lx->pos);
        } else {
            lx->pendin--;
            emit(lx, T_INDENT, lx->line_start, lx->pos);
        }
        return 0;
    }
again:
    skip_spaces(lx);
    do {
        lx->start = lx->pos;
        c = nextc(lx);
    } while (c == ' ' || c == '\t' || c == '\f');
    if (c == '#') {
        skip_comment(lx);
        lx->start = lx->pos;
        c = nextc(lx);
    }
    if (c == LEX_EOF) {
        if (lx->level > 0) {
            int i = lx->level - 1;
            return error_at(lx, lx->paren_lineno[i], lx->paren_col[i], "'%c' was never closed", lx->parenstack[i]);
        }
        emit_trailing(lx, T_ENDMARKER);
        *done = true;
        return 0;
    }
    if (is_id_start(c))
        return lex_name(lx, c);
    if (c == '\n') {
        lx->atbol = true;
        if (blankline || lx->level > 0)
            goto nextline;
        /* The newline token covers "\n", "\r\n" or "\r" (nothing for the implicit final newline);
           like CPython's tokenize it ends one column after its start. */
        emit(lx, T_NEWLINE, lx->start, lx->pos);
        Token *t = &lx->toks[lx->ntoks - 1];
        t->end_lineno = t->lineno;
        t->end_col_offset = t->col_offset + 1;
        return 0;
    }
    if (c == '.') {
        c = nextc(lx);
        if (is_digit(c)) {
            if (number_rest(lx, c, true) < 0)
                return -1;
            emit(lx, T_NUMBER, lx->start, lx->pos);
            return 0;
        }
        if (c == '.') {
            int c3 = nextc(lx);
            if (c3 == '.') {
                emit(lx, T_ELLIPSIS, lx->start, lx->pos);
                return 0;
            }
            backup(lx, c3);
        }
        backup(lx, c);
        emit(lx, T_DOT, lx->start, lx->pos);
        return 0;
    }
    if (is_digit(c)) {
        if (lex_number(lx, c) < 0)
            return -1;
        emit(lx, T_NUMBER, lx->start, lx->pos);
        return 0;
    }
    if (c == '"' || c == '\'')
        return lex_string(lx, c);
    if (c == '\\') {
        if (continuation_line(lx) < 0)
            return -1;
        goto again;
    }
    /* Inside a replacement field, a ':' at the field's own bracket depth starts the format spec
       (so "{x:=5}" is x with spec "=5", as in CPython). */
    if (c == ':' && lx->mode_index > 0 && cur->expr_start_depth >= 0 &&
        cur->curly_depth - 1 == cur->expr_start_depth) {
        cur->kind = MODE_FSTRING;
        cur->in_format_spec = 1;
        emit(lx, T_COLON, lx->start, lx->pos);
        return 0;
    }
    return lex_operator(lx, c, cur);
}

/* A token of the current line at [start, end): what emit stores, from the run's locals. */
static inline void put_plain(Token *tok, int type, size_t start, size_t end, int32_t lineno, size_t line_start)
{
    tok->type = (uint16_t)type;
    tok->flags = 0;
    tok->start = (uint32_t)start;
    tok->end = (uint32_t)end;
    tok->lineno = lineno;
    tok->col_offset = (int32_t)(start - line_start);
    tok->end_lineno = lineno;
    tok->end_col_offset = (int32_t)(end - line_start);
}

/* The start of a line whose indentation changes nothing, taken without the general path. At the
   end of the previous line (atbol, lx->pos == lx->line_end < len), it advances to the line (as
   nextc does on reading its first char). A line of spaces and a '\n' is passed over, and so is one
   of spaces and a comment up to its "\n" or "\r\n" (its Comment noted, as skip_comment does): the
   general path makes no token of them either. When the line starts with spaces only (no tab, form
   feed or backslash) followed by a char that is neither '#' nor a line end, and it is inside
   brackets or indented as the current block (then read_indentation queues no INDENT or DEDENT and
   finds no error), returns true with lx->pos after the spaces and atbol cleared, as
   read_indentation leaves them. Else false, lx->pos at the line's first byte, where the general
   path reads it. */
static bool plain_line_start(Lexer *lx)
{
    const unsigned char *t = (const unsigned char *)lx->text;
    for (;;) {
        if (lx->pos != lx->line_end || lx->pos >= lx->len)
            return false;
        advance_line(lx);
        size_t p = spaces_end(t, lx->pos, lx->line_end), end = lx->line_end;
        int c = t[p];
        if (p < end && t[end - 1] == '\n' && (c == '\n' || c == '#')) {   /* not the text's last line */
            if (c == '#')
                add_comment(lx, p, end - 1 > p && t[end - 2] == '\r' ? end - 2 : end - 1);
            lx->pos = end;
            continue;
        }
        if (p == end || c == '#' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\\')
            return false;
        int col = (int)(p - lx->pos);
        if (lx->level == 0 && (col != lx->indstack[lx->indent] || col != lx->altindstack[lx->indent]))
            return false;
        lx->pos = p;
        lx->atbol = false;
        return true;
    }
}

/* The common tokens of the current line, read with local cursors (the lexer's fields are loaded
   once per run, not once per token): after spaces, an ASCII name or keyword or an operator of one
   char, followed by a plain char of the same line (so nothing is to be read and backed up).
   Outside f-strings, not at a line start, no INDENT/DEDENT pending: then lex_regular_token would
   read the same tokens the same way. Also the line's '\n' and its NEWLINE (none inside brackets;
   like CPython's tokenize it ends one column after its start), then the next line when
   plain_line_start takes its start. Stops at the first other token, with lx->pos after the spaces
   before it (or at the start of a line plain_line_start leaves to the general path), or when the
   token array is full (emit grows it). Returns 0, or -1 on a bracket error. */
static int lex_plain_run(Lexer *lx)
{
    const unsigned char *t = (const unsigned char *)lx->text;
    size_t stop = lx->line_end, line_start = lx->line_start;
    int32_t lineno = lx->lineno;
    Token *const toks = lx->toks;
    const int32_t cap = lx->cap_toks;
    int32_t n = lx->ntoks;
    size_t p = lx->pos;
    int rc = 0;
    for (;;) {
        while (p < stop && t[p] == ' ')
            p++;
        if (n == cap)
            break;
        if (p + 1 == stop && t[p] == '\n') {
            lx->atbol = true;
            if (lx->level == 0)
                put_plain(&toks[n++], T_NEWLINE, p, p + 1, lineno, line_start);
            lx->pos = p + 1;
            bool plain = plain_line_start(lx);
            p = lx->pos;
            if (!plain)
                break;
            stop = lx->line_end, line_start = lx->line_start, lineno = lx->lineno;
            continue;
        }
        if (p + 1 >= stop)   /* "\r\n", a lone "\r", the end of the text: the general path */
            break;
        int c = t[p], next = t[p + 1];
        if ((char_class[c] & (CC_ASCII_ID | CC_DIGIT)) == CC_ASCII_ID) {
            /* The line ends in '\n' or '\r', or the text in its NUL: none is an identifier char,
               so the scan stops by itself at `stop` at the latest. */
            size_t q = p + 1;
            while (char_class[t[q]] & CC_ASCII_ID)
                q++;
            if (q == stop || t[q] >= 0x80 || t[q] == '"' || t[q] == '\'')
                break;   /* at the line end, non-ASCII, or maybe a string prefix */
            put_plain(&toks[n++], keyword_type(lx->text + p, q - p), p, q, lineno, line_start);
            p = q;
            continue;
        }
        int type = one_char_types[c];
        if (!type || (may_extend_op(next) && two_char_op(c, next) >= 0) ||
            (c == '.' && (is_digit(next) || next == '.')))
            break;
        if (c == '(' || c == '[' || c == '{' || c == ')' || c == ']' || c == '}') {
            lx->start = p;   /* where the bracket functions place the bracket and their errors */
            lx->pos = p + 1;
            rc = c == '(' || c == '[' || c == '{' ? open_bracket(lx, c, &lx->modes[0])
                                                 : close_bracket(lx, c, &lx->modes[0]);
            if (rc < 0) {
                p++;
                break;
            }
        }
        put_plain(&toks[n++], type, p, p + 1, lineno, line_start);
        p++;
    }
    lx->pos = p;
    lx->ntoks = n;
    return rc;
}

/* Regular-mode tokens: one inside an f-string replacement field (the caller switches modes), else
   as many as come before the next f-string or the end, saving a call per token. */
static int lex_regular(Lexer *lx, FStringMode *cur, bool *done)
{
    for (;;) {
        /* a plain token changes none of the three */
        if (lx->mode_index == 0 && lx->pendin == 0 && (!lx->atbol || plain_line_start(lx)) &&
            lex_plain_run(lx) < 0)
            return -1;
        int rc = lex_regular_token(lx, cur, done);
        if (rc < 0 || *done || lx->mode_index != 0)
            return rc;
    }
}

/* ---- f-string mode ---- */

static int lex_fstring(Lexer *lx, FStringMode *cur, bool *done)
{
    lx->start = lx->pos;
    lx->first_lineno = lx->lineno;
    int start_char = nextc(lx);
    if (start_char == '{') {
        int peek1 = nextc(lx);
        backup(lx, peek1);
        backup(lx, start_char);
        if (peek1 != '{') {
            cur->expr_start_depth++;
            if (cur->expr_start_depth >= MAX_EXPR_NESTING)
                return ERROR_HERE(lx, "f-string: expressions nested too deeply");
            cur->kind = MODE_REGULAR;
            return lex_regular(lx, cur, done);
        }
    } else {
        backup(lx, start_char);
    }
    /* At the closing quote(s)? */
    int i = 0;
    for (; i < cur->quote_size; i++) {
        int q = nextc(lx);
        if (q != cur->quote) {
            backup(lx, q);
            break;
        }
    }
    if (i == cur->quote_size) {
        emit(lx, T_FSTRING_END, lx->start, lx->pos);
        lx->mode_index--;
        return 0;
    }
    /* Undo the partial quote match: the middle starts at lx->start. */
    lx->pos = lx->start;

    lx->multi_line_start = lx->line_start;
    int end_quote_size = 0;
    bool unicode_escape = false;
    int32_t middle_col = (int32_t)(lx->start - lx->multi_line_start);
    while (end_quote_size != cur->quote_size) {
        int c = nextc(lx);
        bool in_format_spec = cur->in_format_spec && cur->expr_start_depth >= 0;
        if (c == LEX_EOF || (cur->quote_size == 1 && c == '\n')) {
            if (in_format_spec && c == '\n') {
                backup(lx, c);
                cur->kind = MODE_REGULAR;
                cur->in_format_spec = 0;
                emit_at(lx, T_FSTRING_MIDDLE, lx->start, lx->pos, lx->first_lineno, middle_col);
                return 0;
            }
            int32_t detected = lx->lineno;
            int32_t col = (int32_t)(cur->start - cur->start_line_start);
            if (cur->quote_size == 3)
                return error_at(lx, cur->start_lineno, col,
                                "unterminated triple-quoted f-string literal (detected at line %d)", (int)detected);
            return error_at(lx, cur->start_lineno, col, "unterminated f-string literal (detected at line %d)",
                            (int)detected);
        }
        if (c == cur->quote) {
            end_quote_size++;
            continue;
        }
        end_quote_size = 0;
        if (c == '{') {
            int peek = nextc(lx);
            if (peek != '{' || in_format_spec) {
                backup(lx, peek);
                backup(lx, c);
                cur->expr_start_depth++;
                if (cur->expr_start_depth >= MAX_EXPR_NESTING)
                    return ERROR_HERE(lx, "f-string: expressions nested too deeply");
                cur->kind = MODE_REGULAR;
                cur->in_format_spec = 0;
                emit_at(lx, T_FSTRING_MIDDLE, lx->start, lx->pos, lx->first_lineno, middle_col);
            } else {
                /* "{{": the middle keeps one brace, the next one starts after the second */
                emit_at(lx, T_FSTRING_MIDDLE, lx->start, lx->pos - 1, lx->first_lineno, middle_col);
            }
            return 0;
        }
        if (c == '}') {
            if (unicode_escape) {
                emit_at(lx, T_FSTRING_MIDDLE, lx->start, lx->pos, lx->first_lineno, middle_col);
                return 0;
            }
            int peek = nextc(lx);
            if (peek == '}' && !in_format_spec && cur->curly_depth == 0) {
                emit_at(lx, T_FSTRING_MIDDLE, lx->start, lx->pos - 1, lx->first_lineno, middle_col);
            } else {
                backup(lx, peek);
                backup(lx, c);
                cur->kind = MODE_REGULAR;
                cur->in_format_spec = 0;
                emit_at(lx, T_FSTRING_MIDDLE, lx->start, lx->pos, lx->first_lineno, middle_col);
            }
            return 0;
        }
        if (c == '\\') {
            int peek = nextc(lx);
            if (peek == '{' || peek == '}') {
                backup(lx, peek);   /* the brace is handled as a brace; "\{" is only a warning */
                continue;
            }
            if (!cur->raw && peek == 'N') {
                peek = nextc(lx);
                if (peek == '{')
                    unicode_escape = true;
                else
                    backup(lx, peek);
            }
        }
    }
    /* Closing quote found: the middle ends before it, FSTRING_END comes next. */
    for (int k = 0; k < cur->quote_size; k++)
        backup(lx, cur->quote);
    emit_at(lx, T_FSTRING_MIDDLE, lx->start, lx->pos, lx->first_lineno, middle_col);
    return 0;
}

/* ---- driver ---- */

int lex_tokens(const Source *s, Arena *a, Tokens *out, SyntaxErr *err)
{
    assert(s->text[s->len] == '\0');   /* as source_init leaves it: the scans of names rely on it */
    Lexer *lx = arena_alloc(a, sizeof *lx);
    lx->text = s->text;
    lx->len = s->len;
    lx->src = s;
    lx->arena = a;
    lx->err = err;
    lx->ends_with_newline = s->len > 0 && (s->text[s->len - 1] == '\n' || s->text[s->len - 1] == '\r');
    lx->atbol = true;
    /* Line 1 starts at the first char read (line_end 0 triggers it); an empty file stays at line 0 so
       that its ENDMARKER is at line 1, as in CPython. */
    lx->line_end = 0;
    lx->lineno = 0;
    /* Real code has about one token per 6 bytes; 1 per 4 leaves few files needing a grow, and the
       unused tail is never touched. */
    lx->cap_toks = (int32_t)(s->len / 4 + 64);
    lx->toks = arena_alloc_raw(a, sizeof(Token) * (size_t)lx->cap_toks);
    int rc = 0;
    bool done = false;
    while (!done) {
        FStringMode *cur = &lx->modes[lx->mode_index];
        rc = cur->kind == MODE_REGULAR ? lex_regular(lx, cur, &done) : lex_fstring(lx, cur, &done);
        if (rc < 0)
            break;
    }
    out->items = lx->toks;
    out->n = lx->ntoks;
    out->comments = lx->comments;
    out->ncomments = lx->ncomments;
    return rc < 0 ? -1 : 0;
}

/* ---- dump ---- */

static void dump_text(Buf *out, const char *s, size_t n)
{
    buf_putc(out, '\'');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\' || c == '\'') {
            buf_putc(out, '\\');
            buf_putc(out, (char)c);
        } else if (c == '\n') {
            buf_puts(out, "\\n");
        } else if (c == '\r') {
            buf_puts(out, "\\r");
        } else if (c == '\t') {
            buf_puts(out, "\\t");
        } else if (c < 0x20 || c == 0x7F) {
            buf_printf(out, "\\x%02x", c);
        } else {
            buf_putc(out, (char)c);
        }
    }
    buf_putc(out, '\'');
}

void lex_dump(const Source *s, const Tokens *t, Buf *out)
{
    for (int32_t i = 0; i < t->n; i++) {
        const Token *k = &t->items[i];
        if (i)
            buf_putc(out, '\n');
        buf_puts(out, token_names[k->type]);
        buf_putc(out, ' ');
        dump_text(out, s->text + k->start, k->end - k->start);
        buf_printf(out, " %d,%d-%d,%d", (int)k->lineno, (int)k->col_offset, (int)k->end_lineno,
                   (int)k->end_col_offset);
    }
}
