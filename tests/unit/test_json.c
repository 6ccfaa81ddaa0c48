/* JSON reader and writer (src/json/) and the language server's text positions and message loop
   on in-memory streams (src/lsp/). Prints one `ok - NAME` / `not ok - NAME` per check.
   `test_json --roundtrip` reads JSON documents from stdin (one per line) and prints each as
   json_put_value writes it, or "error" (the Python oracle in tests/lsp/json_oracle.py compares). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/json.h"
#include "lsp/lsp.h"
#include "util/fileio.h"

static int failures;

static void check(int cond, const char *name)
{
    printf("%s - %s\n", cond ? "ok" : "not ok", name);
    if (!cond)
        failures++;
}

/* Parse and write back: "error" when it does not parse. */
static char *roundtrip(const char *text, size_t len)
{
    Arena a;
    arena_init(&a);
    char err[128];
    JsonValue *v = json_parse(text, len, &a, err, sizeof err);
    Buf out;
    buf_init(&out);
    if (v)
        json_put_value(&out, v);
    else
        buf_puts(&out, "error");
    char *s = strdup(buf_cstr(&out));
    buf_free(&out);
    arena_free(&a);
    return s;
}

static void expect(const char *in, const char *want, const char *name)
{
    char *got = roundtrip(in, strlen(in));
    check(strcmp(got, want) == 0, name);
    if (strcmp(got, want) != 0)
        printf("# got %s, want %s\n", got, want);
    free(got);
}

static void test_reader(void)
{
    expect(" {\"a\" : [1, -2.5e3, true, false, null, \"x\"]} ", "{\"a\":[1,-2.5e3,true,false,null,\"x\"]}",
           "values, whitespace, numbers as written");
    expect("\"\\u00e9\\ud834\\udd1e\\n\\\"\\/\"", "\"\xc3\xa9\xf0\x9d\x84\x9e\\n\\\"/\"", "escapes and a surrogate pair");
    expect("\"\\ud834x\"", "\"\xef\xbf\xbdx\"", "a lone high surrogate becomes U+FFFD");
    expect("\"\\udd1e\"", "\"\xef\xbf\xbd\"", "a lone low surrogate becomes U+FFFD");
    expect("\"a\\u0000b\"", "\"a\\u0000b\"", "NUL inside a string is kept");
    expect("[1,]", "error", "trailing comma");
    expect("{\"a\":1,}", "error", "trailing comma in an object");
    expect("01", "error", "leading zero");
    expect("1.", "error", "a point without digits");
    expect("-", "error", "a lone minus");
    expect("NaN", "error", "NaN");
    expect("\"a\tb\"", "error", "a raw control character in a string");
    expect("\"\xff\"", "error", "a string that is not UTF-8");
    expect("\"\xed\xa0\x80\"", "error", "an encoded surrogate");
    expect("\"abc", "error", "an unterminated string");
    expect("\"\\x\"", "error", "an unknown escape");
    expect("\"\\u12\"", "error", "a short \\u escape");
    expect("{1:2}", "error", "a key that is not a string");
    expect("[1] [2]", "error", "two values");
    expect("", "error", "empty input");
    expect("{}", "{}", "empty object");
    expect("[]", "[]", "empty array");
}

static void test_depth(void)
{
    char deep[2 * JSON_MAX_DEPTH + 10];
    size_t n = 0;
    for (int i = 0; i < JSON_MAX_DEPTH; i++)
        deep[n++] = '[';
    for (int i = 0; i < JSON_MAX_DEPTH; i++)
        deep[n++] = ']';
    char *ok = roundtrip(deep, n);
    check(strcmp(ok, "error") != 0, "JSON_MAX_DEPTH levels parse");
    free(ok);
    memmove(deep + 1, deep, n);
    deep[0] = '[';
    deep[++n] = ']';
    char *bad = roundtrip(deep, n + 1);
    check(strcmp(bad, "error") == 0, "one level more is an error");
    free(bad);
}

static void test_lookup(void)
{
    Arena a;
    arena_init(&a);
    const char *text = "{\"id\": 7, \"big\": 1e300, \"frac\": 1.5, \"s\": \"x\", \"t\": true, \"o\": {\"k\": [1]}}";
    JsonValue *v = json_parse(text, strlen(text), &a, NULL, 0);
    int64_t n = 0;
    check(v && json_get_int(v, "id", 0, 10, &n) && n == 7, "json_get_int reads an integer");
    check(!json_get_int(v, "id", 0, 5, &n), "json_get_int refuses a value out of range");
    check(!json_get_int(v, "big", INT64_MIN, INT64_MAX, &n) && !json_get_int(v, "frac", 0, 10, &n),
          "json_get_int refuses a huge number and a fraction");
    check(json_get_str(v, "s") && strcmp(json_get_str(v, "s"), "x") == 0 && !json_get_str(v, "id"),
          "json_get_str");
    check(json_get_true(v, "t") && !json_get_true(v, "s"), "json_get_true");
    static const char *const path[] = {"o", "k", NULL};
    const JsonValue *k = json_path(v, path);
    check(k && k->type == JSON_ARRAY && k->u.array.n == 1, "json_path");
    check(!json_get(NULL, "a") && !json_get(k, "a"), "json_get on NULL and on an array");
    arena_free(&a);
}

static void test_writer(void)
{
    Buf b;
    buf_init(&b);
    json_put_strn(&b, "a\"\\\n\t\r\x01\x7f\xc3\xa9\xff", 11);
    check(strcmp(buf_cstr(&b), "\"a\\\"\\\\\\n\\t\\r\\u0001\\u007f\xc3\xa9\\ufffd\"") == 0,
          "json_put_strn escapes, keeps UTF-8, replaces other bytes");
    buf_free(&b);
}

/* ---- the server on an in-memory stream ---- */

static void add_message(Buf *in, const char *body)
{
    buf_printf(in, "Content-Length: %zu\r\n\r\n%s", strlen(body), body);
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
        n++;
    return n;
}

static void test_server_memory(void)
{
    Buf in, out;
    buf_init(&in);
    buf_init(&out);
    add_message(&in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
    add_message(&in, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
                     "{\"uri\":\"file:///m.py\",\"languageId\":\"python\",\"version\":1,"
                     "\"text\":\"def f(x=[]):\\n    x.append(1)\\n\"}}}");
    for (int i = 2; i < 12; i++) {
        char msg[300];
        snprintf(msg, sizeof msg, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":"
                 "{\"textDocument\":{\"uri\":\"file:///m.py\",\"version\":%d},\"contentChanges\":"
                 "[{\"range\":{\"start\":{\"line\":9,\"character\":0},\"end\":{\"line\":9,\"character\":0}},"
                 "\"text\":\"#\\n\"}]}}", i);
        add_message(&in, msg);
    }
    int status = lsp_serve_memory(in.data, in.len, &out, 0);
    const char *o = buf_cstr(&out);
    check(status == 1, "in memory: the end of input gives status 1");
    check(count(o, "publishDiagnostics") == 1 && strstr(o, "\"version\":11") && strstr(o, "GT101"),
          "in memory: queued edits give one check, of the last version");
    add_message(&in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
    add_message(&in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
    out.len = 0;
    check(lsp_serve_memory(in.data, in.len, &out, 0) == 0, "in memory: shutdown + exit gives status 0");
    buf_free(&in);
    buf_free(&out);
}

/* `--roundtrip`: one document per line of stdin. */
static int roundtrip_lines(void)
{
    Buf all;
    buf_init(&all);
    if (fileio_read_stream(stdin, &all, SIZE_MAX) != 0)
        return 2;
    const char *p = buf_cstr(&all), *end = p + all.len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        char *s = roundtrip(p, n);
        printf("%s\n", s);
        free(s);
        p += n + 1;
    }
    buf_free(&all);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--roundtrip") == 0)
        return roundtrip_lines();
    test_reader();
    test_depth();
    test_lookup();
    test_writer();
    test_server_memory();
    return failures ? 1 : 0;
}
