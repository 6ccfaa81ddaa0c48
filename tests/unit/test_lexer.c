/* Lexer, source layer and string decoding: bad input and tricky cases. Expected messages and
   positions are CPython 3.13's (ast.parse on the same bytes).

   Also a helper mode for the strings oracle: `test_lexer --dump-strings FILE` prints every STRING token
   decoded, one per line (see tests/lexer/compare_strings.py). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexer/lexer.h"
#include "unicode/unicode.h"

static int failures;

static void report(int ok, const char *name, const char *detail)
{
    printf("%s - %s\n", ok ? "ok" : "not ok", name);
    if (!ok) {
        failures++;
        if (detail)
            printf("# %s\n", detail);
    }
}

/* Lex `len` bytes; returns 0/-1 like lex_tokens (or source_init), with tokens and err filled. */
typedef struct Lexed {
    Arena arena;
    Source src;
    Tokens toks;
    SyntaxErr err;
    int rc;
} Lexed;

static void lex_bytes(Lexed *l, const char *data, size_t len)
{
    memset(l, 0, sizeof *l);
    arena_init(&l->arena);
    l->rc = source_init(&l->src, "<test>", data, len, &l->arena, &l->err);
    if (l->rc == 0)
        l->rc = lex_tokens(&l->src, &l->arena, &l->toks, &l->err);
}

static void lex_str(Lexed *l, const char *text) { lex_bytes(l, text, strlen(text)); }

static void lexed_free(Lexed *l) { arena_free(&l->arena); }

/* Check that lexing fails with a message starting with `msg` at (line, col). */
static void expect_error(const char *name, const char *data, size_t len, const char *msg, int line, int col)
{
    Lexed l;
    lex_bytes(&l, data, len);
    char detail[512];
    snprintf(detail, sizeof detail, "rc=%d msg='%s' at %d,%d; want '%s' at %d,%d", l.rc, l.err.msg,
             (int)l.err.lineno, (int)l.err.col_offset, msg, line, col);
    report(l.rc == -1 && strncmp(l.err.msg, msg, strlen(msg)) == 0 && l.err.lineno == line &&
               l.err.col_offset == col,
           name, detail);
    lexed_free(&l);
}

#define EXPECT_ERROR(name, text, msg, line, col) expect_error(name, text, sizeof(text) - 1, msg, line, col)

/* Check the dump of the tokens. */
static void expect_dump(const char *name, const char *data, size_t len, const char *want)
{
    Lexed l;
    lex_bytes(&l, data, len);
    Buf out;
    buf_init(&out);
    if (l.rc == 0)
        lex_dump(&l.src, &l.toks, &out);
    const char *got = l.rc == 0 ? buf_cstr(&out) : l.err.msg;
    int ok = l.rc == 0 && strcmp(got, want) == 0;
    char *detail = malloc(strlen(got) + strlen(want) + 32);
    sprintf(detail, "got:\n%s\n# want:\n%s", got, want);
    report(ok, name, detail);
    free(detail);
    buf_free(&out);
    lexed_free(&l);
}

#define EXPECT_DUMP(name, text, want) expect_dump(name, text, sizeof(text) - 1, want)

/* Decode the first STRING token of `text`; compare the value (bytes) or the error message. */
static void expect_string(const char *name, const char *text, const char *want, size_t want_len, int want_error)
{
    Lexed l;
    lex_str(&l, text);
    int ok = 0;
    char detail[512] = "no STRING token";
    for (int32_t i = 0; l.rc == 0 && i < l.toks.n; i++) {
        const Token *t = &l.toks.items[i];
        ConstValue v;
        SyntaxErr err = {0};
        int u = 0, rc;
        if (t->type == T_STRING) {
            rc = lex_decode_literal(&l.src, t, &l.arena, &v, &u, &err);
        } else if (t->type == T_FSTRING_MIDDLE) {
            v.kind = CONST_STR;
            rc = lex_decode_fstring_middle(&l.src, t, 0, &l.arena, &v.text, &err);
        } else {
            continue;
        }
        if (want_error)
            ok = rc == -1 && strcmp(err.msg, want) == 0;
        else
            ok = rc == 0 && v.text.len == want_len && memcmp(v.text.s, want, want_len) == 0;
        snprintf(detail, sizeof detail, "rc=%d msg='%s' len=%u", rc, rc ? err.msg : "", rc ? 0u : v.text.len);
        break;
    }
    report(ok, name, detail);
    lexed_free(&l);
}

#define EXPECT_VALUE(name, text, want) expect_string(name, text, want, sizeof(want) - 1, 0)
#define EXPECT_DECODE_ERROR(name, text, msg) expect_string(name, text, msg, 0, 1)

static int count_type(const Lexed *l, int type)
{
    int n = 0;
    for (int32_t i = 0; i < l->toks.n; i++)
        n += l->toks.items[i].type == type;
    return n;
}

static void test_source_errors(void)
{
    EXPECT_ERROR("NUL byte", "x = 1\0\n", "source code string cannot contain null bytes", 0, 0);
    EXPECT_ERROR("invalid UTF-8 in an identifier", "x = \xff\n",
                 "(unicode error) 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte", 1, 4);
    EXPECT_ERROR("truncated UTF-8 at end of identifier", "x = 1\ny = \xc3\n",
                 "(unicode error) 'utf-8' codec can't decode byte 0xc3 in position 0: unexpected end of data", 2, 4);
    EXPECT_ERROR("unknown coding cookie", "# coding: foo\nx = 1\n", "unsupported encoding: foo", 0, 0);
    EXPECT_ERROR("multi-byte codec cookie", "# -*- coding: euc-jp -*-\n", "unsupported encoding: euc-jp", 0, 0);
    EXPECT_ERROR("BOM with latin-1 cookie", "\xef\xbb\xbf# coding: latin-1\n", "encoding problem: iso-8859-1 with BOM",
                 0, 0);
    EXPECT_ERROR("BOM with utf8 cookie", "\xef\xbb\xbf# coding: utf8\n", "encoding problem: utf8 with BOM", 0, 0);
    EXPECT_ERROR("ascii cookie, non-ASCII byte", "#!/x\n# vim: set fileencoding=ascii :\nx=\"\xc3\xa9\"\n",
                 "'ascii' codec can't decode byte 0xc3 in position 40: ordinal not in range(128)", 0, 0);
    EXPECT_ERROR("cp1252 undefined byte", "# coding: cp1252\nx='\x81'\n",
                 "'charmap' codec can't decode byte 0x81 in position 20: character maps to <undefined>", 0, 0);

    Lexed l;
    lex_str(&l, "# \xff\xfe comment\nx = 1\n");
    report(l.rc == 0 && l.toks.ncomments == 1 && l.toks.comments[0].lineno == 1, "invalid UTF-8 in a comment is accepted",
           l.err.msg);
    lexed_free(&l);

    lex_str(&l, "\xef\xbb\xbf");
    report(l.rc == 0 && l.src.had_bom && l.toks.n == 1 && l.toks.items[0].type == T_ENDMARKER &&
               l.toks.items[0].lineno == 1 && l.toks.items[0].col_offset == 0,
           "file of only a BOM", l.err.msg);
    lexed_free(&l);

    lex_str(&l, "");
    report(l.rc == 0 && l.toks.n == 1 && l.toks.items[0].type == T_ENDMARKER && l.toks.items[0].lineno == 1,
           "empty file", l.err.msg);
    lexed_free(&l);

    EXPECT_ERROR("second BOM is an invalid character", "\xef\xbb\xbf\xef\xbb\xbfx",
                 "invalid non-printable character U+FEFF", 1, 0);
}

static void test_line_endings(void)
{
    Lexed l;
    lex_str(&l, "# -*- coding: latin-1 -*-\nx = '\xe9'\n");
    report(l.rc == 0 && strstr(l.src.text, "'\xc3\xa9'") != NULL, "latin-1 source transcoded to UTF-8", l.err.msg);
    lexed_free(&l);

    EXPECT_DUMP("CR-only file", "if x:\r    y = 1\r# c\rz\r",
                "KW_if 'if' 1,0-1,2\nNAME 'x' 1,3-1,4\nCOLON ':' 1,4-1,5\nNEWLINE '\\r' 1,5-1,6\n"
                "INDENT '    ' 2,0-2,4\nNAME 'y' 2,4-2,5\nEQUAL '=' 2,6-2,7\nNUMBER '1' 2,8-2,9\n"
                "NEWLINE '\\r' 2,9-2,10\nDEDENT '' 4,0-4,0\nNAME 'z' 4,0-4,1\nNEWLINE '\\r' 4,1-4,2\n"
                "ENDMARKER '' 5,0-5,0");
    EXPECT_DUMP("CRLF file with a multi-line string", "x = '''a\r\nb'''\r\ny\r\n",
                "NAME 'x' 1,0-1,1\nEQUAL '=' 1,2-1,3\nSTRING '\\'\\'\\'a\\r\\nb\\'\\'\\'' 1,4-2,4\n"
                "NEWLINE '\\r\\n' 2,4-2,5\nNAME 'y' 3,0-3,1\nNEWLINE '\\r\\n' 3,1-3,2\nENDMARKER '' 4,0-4,0");
    EXPECT_DUMP("no final newline", "if x:\n    y # c",
                "KW_if 'if' 1,0-1,2\nNAME 'x' 1,3-1,4\nCOLON ':' 1,4-1,5\nNEWLINE '\\n' 1,5-1,6\n"
                "INDENT '    ' 2,0-2,4\nNAME 'y' 2,4-2,5\nNEWLINE '' 2,9-2,10\nDEDENT '' 3,0-3,0\n"
                "ENDMARKER '' 3,0-3,0");

    lex_str(&l, "x = 1\r\ny = 2\rz = 3\n");
    report(l.rc == 0 && l.src.nlines == 4 && source_line_of(&l.src, 8) == 2 && source_line_of(&l.src, 14) == 3 &&
               source_char_col(&l.src, 1, 4) == 5,
           "line table over mixed line endings", l.err.msg);
    lexed_free(&l);

    lex_str(&l, "\xc3\xa9t\xc3\xa9 = 1\n");
    report(l.rc == 0 && source_char_col(&l.src, 1, 6) == 5, "character columns count UTF-8 characters", l.err.msg);
    report(l.rc == 0 && !l.src.ascii_only, "a file with a non-ASCII byte is not ascii_only", l.err.msg);
    lexed_free(&l);

    /* the non-ASCII byte sits past the first eight-byte word, on line 2 */
    lex_str(&l, "x = 1234567\ny = '\xc3\xa9'; z = 1\n");
    report(l.rc == 0 && !l.src.ascii_only && source_char_col(&l.src, 2, 10) == 10 &&
               source_char_col(&l.src, 1, 4) == 5,
           "non-ASCII after the first word: columns still counted per line", l.err.msg);
    lexed_free(&l);

    lex_str(&l, "value = [1, 2, 3]  # plain ASCII\n");
    report(l.rc == 0 && l.src.ascii_only && source_char_col(&l.src, 1, 9) == 10,
           "an ASCII file: character column = byte column + 1", l.err.msg);
    lexed_free(&l);
}

static void test_indentation(void)
{
    EXPECT_ERROR("tabs after spaces", "if 1:\n\tx\n        y\n", "inconsistent use of tabs and spaces in indentation", 3, 0);
    EXPECT_ERROR("spaces then tab, same column", "if 1:\n        x\n\ty\n",
                 "inconsistent use of tabs and spaces in indentation", 3, 0);
    EXPECT_ERROR("unindent mismatch", "if 1:\n  x\n y\n", "unindent does not match any outer indentation level", 3, 2);
    Lexed l;
    lex_str(&l, "if 1:\n\tx\n\tif 2:\n\t\ty\n");
    report(l.rc == 0 && count_type(&l, T_INDENT) == 2 && count_type(&l, T_DEDENT) == 2, "consistent tabs", l.err.msg);
    lexed_free(&l);
    lex_str(&l, "if 1:\n    x\n  \x0c    y\n");
    report(l.rc == 0 && count_type(&l, T_INDENT) == 1, "form feed resets the indentation count", l.err.msg);
    lexed_free(&l);

    /* 100 levels: CPython's limit */
    Buf b;
    buf_init(&b);
    for (int i = 0; i < 101; i++) {
        for (int k = 0; k < i; k++)
            buf_putc(&b, ' ');
        buf_puts(&b, "if x:\n");
    }
    lex_bytes(&l, b.data, b.len);
    report(l.rc == -1 && strcmp(l.err.msg, "too many levels of indentation") == 0, "too many levels of indentation",
           l.err.msg);
    lexed_free(&l);
    buf_free(&b);
}

static void test_continuation_and_brackets(void)
{
    EXPECT_ERROR("character after backslash", "x = 1 \\ 2\n", "unexpected character after line continuation character",
                 1, 7);
    EXPECT_ERROR("backslash at EOF", "x = 1 \\", "unexpected EOF while parsing", 1, 7);
    EXPECT_ERROR("backslash-newline at EOF", "x = 1 \\\n", "unexpected EOF while parsing", 1, 7);
    EXPECT_ERROR("unmatched )", ")", "unmatched ')'", 1, 0);
    EXPECT_ERROR("mismatched bracket", "(]", "closing parenthesis ']' does not match opening parenthesis '('", 1, 1);
    EXPECT_ERROR("mismatched bracket on another line", "(\n]",
                 "closing parenthesis ']' does not match opening parenthesis '(' on line 1", 2, 0);
    EXPECT_ERROR("EOF inside brackets", "x = [1,\n2", "'[' was never closed", 1, 4);

    Buf b;
    buf_init(&b);
    for (int i = 0; i < 10000; i++)
        buf_putc(&b, '(');
    Lexed l;
    lex_bytes(&l, b.data, b.len);
    report(l.rc == -1 && strcmp(l.err.msg, "too many nested parentheses") == 0 && l.err.col_offset == 200,
           "10,000 nested parentheses", l.err.msg);
    lexed_free(&l);
    buf_free(&b);

    /* 1 MB on one line */
    buf_init(&b);
    buf_puts(&b, "x = 1");
    while (b.len < (1u << 20))
        buf_puts(&b, "+1");
    buf_putc(&b, '\n');
    lex_bytes(&l, b.data, b.len);
    int32_t want = 3 + 2 * (int32_t)((b.len - 6) / 2) + 2;
    report(l.rc == 0 && l.toks.n == want && l.toks.items[l.toks.n - 2].col_offset == (int32_t)b.len - 1,
           "1 MB single line", l.err.msg);
    lexed_free(&l);
    buf_free(&b);
}

/* Every keyword of the token list lexes as itself, and a name one letter off as a NAME. */
static void test_keywords(void)
{
    int bad = 0;
    char detail[128] = "";
    for (int type = 0; type < T__COUNT; type++) {
        if (strncmp(token_names[type], "KW_", 3) != 0)
            continue;
        char text[16];
        snprintf(text, sizeof text, "%s", token_texts[type]);
        Lexed l;
        lex_str(&l, text);
        int ok = l.rc == 0 && l.toks.n > 0 && l.toks.items[0].type == type;
        lexed_free(&l);
        text[strlen(text) - 1] = 'Q';   /* same length and first letter */
        lex_str(&l, text);
        ok = ok && l.rc == 0 && l.toks.n > 0 && l.toks.items[0].type == T_NAME;
        lexed_free(&l);
        if (!ok && !bad++)
            snprintf(detail, sizeof detail, "%s", token_texts[type]);
    }
    report(bad == 0, "every keyword lexes as its KW_ token", detail);
}

static void test_names_and_numbers(void)
{
    EXPECT_ERROR("invalid character", "x = \xe2\x82\xac", "invalid character '\xe2\x82\xac' (U+20AC)", 1, 4);
    EXPECT_ERROR("invalid character inside a name", "ab\xe2\x82\xac = 1", "invalid character '\xe2\x82\xac' (U+20AC)",
                 1, 2);
    EXPECT_ERROR("non-printable character", "x = \x01", "invalid non-printable character U+0001", 1, 4);
    EXPECT_ERROR("non-printable non-ASCII", "x = \xe2\x80\x8b", "invalid non-printable character U+200B", 1, 4);
    EXPECT_ERROR("dollar", "x = $", "invalid syntax", 1, 4);
    EXPECT_ERROR("leading zeros", "x = 0777", "leading zeros in decimal integer literals are not permitted", 1, 4);
    EXPECT_ERROR("leading zeros with underscore", "0_7", "leading zeros in decimal integer literals are not permitted",
                 1, 0);
    EXPECT_ERROR("empty hex", "0x", "invalid hexadecimal literal", 1, 1);
    EXPECT_ERROR("trailing underscore", "1_", "invalid decimal literal", 1, 1);
    EXPECT_ERROR("double underscore", "1__0", "invalid decimal literal", 1, 1);
    EXPECT_ERROR("letter after number", "1a", "invalid decimal literal", 1, 0);
    EXPECT_ERROR("binary digit", "0b12", "invalid digit '2' in binary literal", 1, 3);
    EXPECT_ERROR("octal digit", "0o8", "invalid digit '8' in octal literal", 1, 2);
    EXPECT_ERROR("exponent without digits", "1e+", "invalid decimal literal", 1, 2);
    EXPECT_ERROR("imaginary then letter", "1jx", "invalid imaginary literal", 1, 1);
    EXPECT_DUMP("number followed by keyword", "1if x else 0x1for",
                "NUMBER '1' 1,0-1,1\nKW_if 'if' 1,1-1,3\nNAME 'x' 1,4-1,5\nKW_else 'else' 1,6-1,10\n"
                "NUMBER '0x1f' 1,11-1,15\nKW_or 'or' 1,15-1,17\nNEWLINE '' 1,17-1,18\nENDMARKER '' 2,0-2,0");
    EXPECT_DUMP("non-ASCII identifiers and soft keywords",
                "\xc3\xa9t\xc3\xa9 = match\n",
                "NAME '\xc3\xa9t\xc3\xa9' 1,0-1,5\nEQUAL '=' 1,6-1,7\nNAME 'match' 1,8-1,13\nNEWLINE '\\n' 1,13-1,14\n"
                "ENDMARKER '' 2,0-2,0");
}

static void test_strings_lexing(void)
{
    EXPECT_ERROR("unterminated string", "x = \"abc\n", "unterminated string literal (detected at line 1)", 1, 4);
    EXPECT_ERROR("unterminated string at EOF", "x = 'abc", "unterminated string literal (detected at line 1)", 1, 4);
    EXPECT_ERROR("escaped end quote", "x = 'abc\\'\n",
                 "unterminated string literal (detected at line 1); perhaps you escaped the end quote?", 1, 4);
    EXPECT_ERROR("unterminated triple-quoted", "x = \"\"\"abc\n\n",
                 "unterminated triple-quoted string literal (detected at line 2)", 1, 4);
    EXPECT_ERROR("unterminated f-string", "f\"abc", "unterminated f-string literal (detected at line 1)", 1, 0);
    EXPECT_ERROR("unterminated triple f-string", "x = f'''{a}\n\n",
                 "unterminated triple-quoted f-string literal (detected at line 2)", 1, 4);
    EXPECT_ERROR("f-string field never closed", "f\"{a", "'{' was never closed", 1, 2);
    EXPECT_ERROR("f-string expecting }", "f\"{x\"", "f-string: expecting '}'", 1, 4);
    EXPECT_ERROR("f-string single }", "f\"}\"", "f-string: single '}' is not allowed", 1, 2);
    EXPECT_ERROR("f-string comment eats the quote", "f\"{#}\"", "'{' was never closed", 1, 2);
    EXPECT_ERROR("f-string nested too deeply", "f'{x:{y:{z:{w}}}}'", "f-string: expressions nested too deeply", 1, 10);
    EXPECT_ERROR("f-string unmatched )", "f'{)}'", "f-string: unmatched ')'", 1, 3);
}

static void test_fstring_tokens(void)
{
    EXPECT_DUMP("f-string braces, conversion, spec, debug", "f\"a{{b}}c{x!r:>{w}} {y=}\"\n",
                "FSTRING_START 'f\"' 1,0-1,2\nFSTRING_MIDDLE 'a{' 1,2-1,4\nFSTRING_MIDDLE 'b}' 1,5-1,7\n"
                "FSTRING_MIDDLE 'c' 1,8-1,9\nLBRACE '{' 1,9-1,10\nNAME 'x' 1,10-1,11\nEXCLAMATION '!' 1,11-1,12\n"
                "NAME 'r' 1,12-1,13\nCOLON ':' 1,13-1,14\nFSTRING_MIDDLE '>' 1,14-1,15\nLBRACE '{' 1,15-1,16\n"
                "NAME 'w' 1,16-1,17\nRBRACE '}' 1,17-1,18\nFSTRING_MIDDLE '' 1,18-1,18\nRBRACE '}' 1,18-1,19\n"
                "FSTRING_MIDDLE ' ' 1,19-1,20\nLBRACE '{' 1,20-1,21\nNAME 'y' 1,21-1,22\nEQUAL '=' 1,22-1,23\n"
                "RBRACE '}' 1,23-1,24\nFSTRING_END '\"' 1,24-1,25\nNEWLINE '\\n' 1,25-1,26\nENDMARKER '' 2,0-2,0");
    EXPECT_DUMP("nested f-string with the same quotes", "f\"{f\"{1}\"}\"\n",
                "FSTRING_START 'f\"' 1,0-1,2\nLBRACE '{' 1,2-1,3\nFSTRING_START 'f\"' 1,3-1,5\nLBRACE '{' 1,5-1,6\n"
                "NUMBER '1' 1,6-1,7\nRBRACE '}' 1,7-1,8\nFSTRING_END '\"' 1,8-1,9\nRBRACE '}' 1,9-1,10\n"
                "FSTRING_END '\"' 1,10-1,11\nNEWLINE '\\n' 1,11-1,12\nENDMARKER '' 2,0-2,0");
    EXPECT_DUMP("walrus-looking format spec", "f\"{x:=5}\"\n",
                "FSTRING_START 'f\"' 1,0-1,2\nLBRACE '{' 1,2-1,3\nNAME 'x' 1,3-1,4\nCOLON ':' 1,4-1,5\n"
                "FSTRING_MIDDLE '=5' 1,5-1,7\nRBRACE '}' 1,7-1,8\nFSTRING_END '\"' 1,8-1,9\nNEWLINE '\\n' 1,9-1,10\n"
                "ENDMARKER '' 2,0-2,0");
    EXPECT_DUMP("multi-line expression in a triple-quoted f-string", "f'''{\nx # c\n}'''\n",
                "FSTRING_START 'f\\'\\'\\'' 1,0-1,4\nLBRACE '{' 1,4-1,5\nNAME 'x' 2,0-2,1\nRBRACE '}' 3,0-3,1\n"
                "FSTRING_END '\\'\\'\\'' 3,1-3,4\nNEWLINE '\\n' 3,4-3,5\nENDMARKER '' 4,0-4,0");
    EXPECT_DUMP("\\N{...} in an f-string", "f\"\\N{DASH}{x}\"\n",
                "FSTRING_START 'f\"' 1,0-1,2\nFSTRING_MIDDLE '\\\\N{DASH}' 1,2-1,10\nLBRACE '{' 1,10-1,11\n"
                "NAME 'x' 1,11-1,12\nRBRACE '}' 1,12-1,13\nFSTRING_END '\"' 1,13-1,14\nNEWLINE '\\n' 1,14-1,15\n"
                "ENDMARKER '' 2,0-2,0");
    Lexed l;
    Buf b;
    buf_init(&b);
    for (int i = 0; i < 200; i++)
        buf_puts(&b, "f'{");
    lex_bytes(&l, b.data, b.len);
    report(l.rc == -1 && strcmp(l.err.msg, "too many nested f-strings") == 0, "too many nested f-strings", l.err.msg);
    lexed_free(&l);
    buf_free(&b);
}

static void test_string_decoding(void)
{
    EXPECT_VALUE("simple escapes", "'a\\n\\t\\\\\\'\\\"\\a\\b\\f\\v\\r'", "a\n\t\\'\"\a\b\f\v\r");
    EXPECT_VALUE("octal and hex", "'\\101\\0\\x41\\777'", "A\0A\xc7\xbf");
    EXPECT_VALUE("unicode escapes", "'\\u00e9\\U0001F600'", "\xc3\xa9\xf0\x9f\x98\x80");
    EXPECT_VALUE("lone surrogate", "'\\ud800'", "\xed\xa0\x80");
    EXPECT_VALUE("named escape", "'\\N{BULLET}\\N{latin small letter a}'", "\xe2\x80\xa2" "a");
    EXPECT_VALUE("named escape alias", "'\\N{BYTE ORDER MARK}'", "\xef\xbb\xbf");
    EXPECT_VALUE("CJK and Hangul names", "'\\N{CJK UNIFIED IDEOGRAPH-4E00}\\N{HANGUL SYLLABLE GA}'",
                 "\xe4\xb8\x80\xea\xb0\x80");
    EXPECT_VALUE("invalid escape kept", "'\\d\\8'", "\\d\\8");
    EXPECT_VALUE("line continuation in a string", "'a\\\nb'", "ab");
    EXPECT_VALUE("CRLF in a triple-quoted string", "'''a\r\nb\rc'''", "a\nb\nc");
    EXPECT_VALUE("raw string", "r'a\\nb\\''", "a\\nb\\'");
    EXPECT_VALUE("raw string keeps backslash-newline", "r'a\\\r\nb'", "a\\\nb");
    EXPECT_VALUE("bytes", "b'\\x00\\xff\\777\\u1234\\N{x}'", "\0\xff\xff\\u1234\\N{x}");
    EXPECT_VALUE("empty triple", "''''''", "");
    EXPECT_VALUE("f-string middle escapes", "f'a\\x41{x}'", "aA");
    EXPECT_DECODE_ERROR("non-ASCII in bytes", "b'\xc3\xa9'", "bytes can only contain ASCII literal characters");
    EXPECT_DECODE_ERROR("truncated \\x", "'a\\x1'",
                        "(unicode error) 'unicodeescape' codec can't decode bytes in position 1-3: truncated \\xXX escape");
    EXPECT_DECODE_ERROR("truncated \\x after non-ASCII", "'\xc3\xa9\\x1'",
                        "(unicode error) 'unicodeescape' codec can't decode bytes in position 10-12: truncated \\xXX escape");
    EXPECT_DECODE_ERROR("truncated \\u", "'\\u12'",
                        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-3: truncated \\uXXXX escape");
    EXPECT_DECODE_ERROR("illegal \\U", "'\\U0011ffff'",
                        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character");
    EXPECT_DECODE_ERROR("unknown name", "'\\N{foo}'",
                        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-6: unknown Unicode character name");
    EXPECT_DECODE_ERROR("named sequence is not a character", "'\\N{LATIN CAPITAL LETTER A WITH MACRON AND GRAVE}'",
                        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-47: unknown Unicode character name");
    EXPECT_DECODE_ERROR("malformed \\N", "'\\N'",
                        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: malformed \\N character escape");
    EXPECT_DECODE_ERROR("unclosed \\N{", "'\\N{EM DASH'",
                        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: malformed \\N character escape");
    EXPECT_DECODE_ERROR("bytes \\x", "b'ab\\x1z'", "(value error) invalid \\x escape at position 2");
    EXPECT_DECODE_ERROR("invalid UTF-8 in a string", "x = \"ab\xff\"",
                        "(unicode error) 'utf-8' codec can't decode byte 0xff in position 2: invalid start byte");
    EXPECT_DECODE_ERROR("truncated UTF-8 in a string", "x = \"\xe2\x82\"",
                        "(unicode error) 'utf-8' codec can't decode bytes in position 0-1: unexpected end of data");
    EXPECT_DECODE_ERROR("surrogate bytes in a string", "x = \"\xed\xa0\x80\"",
                        "(unicode error) 'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte");
    EXPECT_DECODE_ERROR("invalid UTF-8 after an escape", "'\\\xff'",
                        "(unicode error) 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");

    Lexed l;
    lex_str(&l, "u'x'");
    ConstValue v;
    int u = 0;
    SyntaxErr err = {0};
    report(l.rc == 0 && lex_decode_literal(&l.src, &l.toks.items[0], &l.arena, &v, &u, &err) == 0 && u == 1 &&
               v.kind == CONST_STR,
           "u prefix", err.msg);
    lexed_free(&l);
}

static void test_unicode_tables(void)
{
    uint32_t cp = 0;
    report(unicode_lookup_name("EM DASH", 7, &cp) && cp == 0x2014, "name lookup", NULL);
    report(unicode_lookup_name("em dash", 7, &cp) && cp == 0x2014, "name lookup ignores case", NULL);
    report(!unicode_lookup_name("cjk unified ideograph-4e00", 26, &cp), "computed CJK names are case-sensitive", NULL);
    report(unicode_lookup_name("nushu character-1b170", 21, &cp) && cp == 0x1B170, "stored ranges ignore case", NULL);
    report(unicode_lookup_name("VS256", 5, &cp) && cp == 0xE01EF, "alias lookup", NULL);
    report(unicode_is_xid_start(0x3C0) && unicode_is_xid_start(0x2118) && !unicode_is_xid_start('1') && unicode_is_xid_continue(0x301) &&
               !unicode_is_xid_start(0x301) && !unicode_is_printable(0x200B) && unicode_is_printable(0x20AC),
           "identifier and printable classes", NULL);
}

/* Random byte-level mutations of a tricky snippet (fixed seed): lexing and decoding must never crash or
   hang, and a successful token stream must be well formed. The suite runs this under ASan too. */
static void test_mutations(void)
{
    static const char base[] =
        "# -*- coding: utf-8 -*-\nif x:\n\ty = f'{a!r:>{w}} {b=}' + rb\"\\d\" \\\n  + '''\\N{BULLET}\r\n'''\n"
        "    z = [0x_1f, 1e-5j, .5, 0o7, \"\\u00e9\\x41\"]  # \xc3\xa9\n"
        "    w = f\"{f'{1}'}\" f'''{\nq}''' b'\\x00'\nelse:\n  pass\n";
    static const char interesting[] = "'\"{}()[]\\\n\r\t#fFrRbBuU0_.ej:!= \xff\xc3\x80\x0c";
    uint32_t seed = 12345;
    int bad = 0, accepted = 0;
    char detail[200] = "";
    char buf[sizeof base * 2];
    for (int iter = 0; iter < 20000 && !bad; iter++) {
        size_t len = sizeof base - 1;
        memcpy(buf, base, len);
        seed = seed * 1103515245u + 12345u;
        int edits = 1 + (int)((seed >> 16) % 4);
        for (int e = 0; e < edits; e++) {
            seed = seed * 1103515245u + 12345u;
            size_t at = (seed >> 8) % len;
            char ch = interesting[(seed >> 20) % (sizeof interesting - 1)];
            switch ((seed >> 28) % 3) {
            case 0: /* replace */
                buf[at] = ch;
                break;
            case 1: /* delete */
                memmove(buf + at, buf + at + 1, len - at - 1);
                len--;
                break;
            default: /* insert */
                memmove(buf + at + 1, buf + at, len - at);
                buf[at] = ch;
                len++;
            }
        }
        Lexed l;
        lex_bytes(&l, buf, len);
        if (l.rc == 0) {
            accepted++;
            if (l.toks.items[l.toks.n - 1].type != T_ENDMARKER)
                bad = snprintf(detail, sizeof detail, "iteration %d: no ENDMARKER", iter);
            for (int32_t i = 0; i < l.toks.n && !bad; i++) {
                const Token *t = &l.toks.items[i];
                if (t->end < t->start || t->end > l.src.len || (i && t->start < l.toks.items[i - 1].start) ||
                    t->lineno < 1 || t->end_lineno < t->lineno)
                    bad = snprintf(detail, sizeof detail, "iteration %d: token %d malformed", iter, (int)i);
                ConstValue v;
                SyntaxErr err;
                int u;
                if (t->type == T_STRING)
                    (void)lex_decode_literal(&l.src, t, &l.arena, &v, &u, &err);
                else if (t->type == T_FSTRING_MIDDLE)
                    (void)lex_decode_fstring_middle(&l.src, t, 0, &l.arena, &v.text, &err);
            }
        } else if (l.err.msg[0] == '\0') {
            bad = snprintf(detail, sizeof detail, "iteration %d: error without a message", iter);
        }
        lexed_free(&l);
    }
    snprintf(detail + strlen(detail), sizeof detail - strlen(detail), " (%d accepted)", accepted);
    report(!bad && accepted > 100, "20,000 random mutations: no crash, well-formed tokens", detail);
}

/* --dump-strings FILE: each STRING token decoded, as "line,col kind hex" lines, or the error. */
static int dump_strings(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 2;
    Buf data;
    buf_init(&data);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_add(&data, chunk, n);
    fclose(f);
    Lexed l;
    lex_bytes(&l, data.data ? data.data : "", data.len);
    int rc = 0;
    if (l.rc != 0) {
        printf("error %s\n", l.err.msg);
        rc = 1;
    }
    for (int32_t i = 0; l.rc == 0 && i < l.toks.n; i++) {
        const Token *t = &l.toks.items[i];
        if (t->type != T_STRING)
            continue;
        ConstValue v;
        SyntaxErr err = {0};
        int u = 0;
        if (lex_decode_literal(&l.src, t, &l.arena, &v, &u, &err) != 0) {
            printf("%d,%d error %s\n", (int)t->lineno, (int)t->col_offset, err.msg);
            continue;
        }
        printf("%d,%d %s%s ", (int)t->lineno, (int)t->col_offset, v.kind == CONST_BYTES ? "bytes" : "str",
               u ? "-u" : "");
        for (uint32_t k = 0; k < v.text.len; k++)
            printf("%02x", (unsigned char)v.text.s[k]);
        putchar('\n');
    }
    lexed_free(&l);
    buf_free(&data);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--dump-strings") == 0)
        return dump_strings(argv[2]);
    test_source_errors();
    test_line_endings();
    test_indentation();
    test_continuation_and_brackets();
    test_keywords();
    test_names_and_numbers();
    test_strings_lexing();
    test_fstring_tokens();
    test_string_decoding();
    test_unicode_tables();
    test_mutations();
    return failures ? 1 : 0;
}
