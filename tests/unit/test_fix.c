/* Fix engine unit tests (src/fix): choosing fixes in a round, the round loop with a scripted
   check, encodings, the unified diff, and the atomic write with change detection. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fix/fix.h"

typedef struct Tally { int failed; } Tally;

static void check(Tally *t, int cond, const char *name, const char *detail)
{
    printf("%s - fix: %s\n", cond ? "ok" : "not ok", name);
    if (!cond) {
        printf("# %s\n", detail ? detail : "");
        t->failed++;
    }
}

/* ---- building diagnostics by hand ---- */

typedef struct Fixture {
    Diag diags[8];
    Fix fixes[8];
    Edit edits[8][2];
    int n;
} Fixture;

static void add(Fixture *f, const char *code, int safe, uint32_t s1, uint32_t e1, const char *t1,
                int two, uint32_t s2, uint32_t e2, const char *t2)
{
    int i = f->n++;
    f->edits[i][0] = (Edit){s1, e1, (char *)t1};
    f->edits[i][1] = (Edit){s2, e2, (char *)t2};
    f->fixes[i] = (Fix){.edits = f->edits[i], .nedits = two ? 2 : 1, .safe = (uint8_t)safe, .title = (char *)"t"};
    f->diags[i] = (Diag){.code = code, .line = 1, .col = 1, .fix = &f->fixes[i]};
}

static char *round_of(const char *text, Fixture *f, int unsafe, const char *newline, uint8_t *chosen,
                      int32_t *applied)
{
    Buf out;
    buf_init(&out);
    *applied = fix_apply_round(text, strlen(text), f->diags, f->n, unsafe, newline, &out, chosen);
    buf_cstr(&out);
    return out.data;
}

static void check_rounds(Tally *t)
{
    uint8_t chosen[8];
    int32_t applied;
    char *got;

    Fixture a = {0};
    add(&a, "GT201", 1, 6, 8, "==", 0, 0, 0, NULL);
    add(&a, "GT201", 1, 0, 1, "y", 0, 0, 0, NULL);
    got = round_of("x = a is b", &a, 0, "\n", chosen, &applied);
    check(t, applied == 2 && strcmp(got, "y = a == b") == 0, "two separate fixes in one round", got);
    free(got);

    Fixture b = {0};   /* overlapping: the later one waits, whatever the diagnostic order */
    add(&b, "GT102", 1, 4, 9, "B", 0, 0, 0, NULL);
    add(&b, "GT101", 1, 2, 6, "A", 0, 0, 0, NULL);
    got = round_of("0123456789", &b, 0, "\n", chosen, &applied);
    check(t, applied == 1 && chosen[1] && !chosen[0] && strcmp(got, "01A6789") == 0,
          "overlap: the fix starting first wins, the other waits", got);
    free(got);

    Fixture c = {0};   /* same start: by code */
    add(&c, "GT201", 1, 2, 4, "X", 0, 0, 0, NULL);
    add(&c, "GT101", 1, 2, 3, "Y", 0, 0, 0, NULL);
    got = round_of("abcdef", &c, 0, "\n", chosen, &applied);
    check(t, applied == 1 && chosen[1] && strcmp(got, "abYdef") == 0, "same start: the lower code wins", got);
    free(got);

    Fixture d = {0};   /* two insertions at one place keep the order of their fixes */
    add(&d, "GT101", 1, 4, 6, "N", 1, 13, 13, "g1\n");
    add(&d, "GT101", 1, 9, 11, "M", 1, 13, 13, "g2\n");
    got = round_of("f(a=[],b={})\nbody\n", &d, 0, "\n", chosen, &applied);
    check(t, applied == 2 && strcmp(got, "f(a=N,b=M)\ng1\ng2\nbody\n") == 0,
          "insertions at one place: both, in order", got);
    free(got);

    Fixture e = {0};   /* the same import added by two fixes: once */
    add(&e, "GT401", 0, 0, 0, "import functools\n", 1, 5, 5, "@w1 ");
    add(&e, "GT401", 0, 0, 0, "import functools\n", 1, 9, 9, "@w2 ");
    got = round_of("def a def b", &e, 1, "\n", chosen, &applied);
    check(t, applied == 2 && strcmp(got, "import functools\ndef a@w1  def@w2  b") == 0,
          "an identical edit of two fixes is applied once", got);
    free(got);
    got = round_of("def a def b", &e, 0, "\n", chosen, &applied);
    check(t, applied == 0 && strcmp(got, "def a def b") == 0, "unsafe fixes need --unsafe-fixes", got);
    free(got);

    Fixture g = {0};
    add(&g, "GT101", 1, 5, 99, "x", 0, 0, 0, NULL);
    got = round_of("short", &g, 0, "\n", chosen, &applied);
    check(t, applied == 0 && strcmp(got, "short") == 0, "an edit past the end is ignored", got);
    free(got);

    Fixture h = {0};
    add(&h, "GT101", 1, 7, 7, "if x:\n    x = 1\n", 0, 0, 0, NULL);
    got = round_of("a = 1\r\nb = 2\r\n", &h, 0, fix_newline_style("a = 1\r\nb = 2\r\n", 14), chosen, &applied);
    check(t, strcmp(got, "a = 1\r\nif x:\r\n    x = 1\r\nb = 2\r\n") == 0, "inserted lines follow CRLF", got);
    free(got);
}

/* ---- the loop, with a scripted check ---- */

typedef enum Script { REPLACE_A, ALWAYS_APPEND, BREAKS_SYNTAX } Script;

/* Offers a fix for the first "a" (REPLACE_A: each round fixes one, then re-checks), a fix that
   appends forever, or one that produces invalid Python. */
static int scripted_check(void *arg, const char *text, size_t len, FileResult *out)
{
    Script script = *(Script *)arg;
    memset(out, 0, sizeof *out);
    out->path = strdup("t.py");
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {   /* offsets are in the text after a BOM */
        text += 3;
        len -= 3;
    }
    const char *at = memchr(text, 'a', len);
    if (script == REPLACE_A && !at)
        return 0;
    out->diags = calloc(1, sizeof *out->diags);
    Fix *fix = calloc(1, sizeof *fix);
    fix->edits = calloc(1, sizeof *fix->edits);
    fix->nedits = 1;
    fix->safe = 1;
    fix->title = strdup("scripted");
    uint32_t pos = script == REPLACE_A ? (uint32_t)(at - text) : (uint32_t)len;
    uint32_t end = script == REPLACE_A ? pos + 1 : pos;
    const char *repl = script == REPLACE_A ? "b" : script == ALWAYS_APPEND ? "x = 1\n" : "(\n";
    fix->edits[0] = (Edit){pos, end, strdup(repl)};
    out->diags[0] = (Diag){.code = "GT101", .line = 1, .col = 1, .message = strdup("m"), .fix = fix};
    out->ndiags = 1;
    return 0;
}

static void check_loop(Tally *t)
{
    FixOutcome o;
    Script s = REPLACE_A;
    fix_bytes("t.py", "a = 1\nab = 2\n", 13, 0, scripted_check, &s, &o);
    check(t, o.status == FIX_CHANGED && o.napplied == 2 && o.rounds == 2 && o.converged
              && strcmp(o.text, "b = 1\nbb = 2\n") == 0,
          "rounds until no fix applies", o.text);
    fix_outcome_free(&o);

    s = ALWAYS_APPEND;
    fix_bytes("t.py", "y = 0\n", 6, 0, scripted_check, &s, &o);
    check(t, o.status == FIX_CHANGED && o.rounds == FIX_MAX_ROUNDS && !o.converged,
          "a fix offered forever stops after FIX_MAX_ROUNDS, not converged", NULL);
    fix_outcome_free(&o);

    s = BREAKS_SYNTAX;
    fix_bytes("t.py", "y = 0\n", 6, 0, scripted_check, &s, &o);
    check(t, o.status == FIX_FAILED && o.text == NULL && o.message && strstr(o.message, "does not parse"),
          "a result that does not parse is refused", o.message);
    fix_outcome_free(&o);

    s = REPLACE_A;
    fix_bytes("t.py", "\xEF\xBB\xBF" "a = 1\n", 9, 0, scripted_check, &s, &o);
    check(t, o.status == FIX_CHANGED && o.len == 9 && memcmp(o.text, "\xEF\xBB\xBF" "b = 1\n", 9) == 0,
          "a BOM is kept (offsets are after it)", o.text);
    fix_outcome_free(&o);

    const char latin[] = "# -*- coding: latin-1 -*-\ns = 'caf\xe9'\na = 1\n";
    fix_bytes("t.py", latin, sizeof latin - 1, 0, scripted_check, &s, &o);
    check(t, o.status == FIX_SKIPPED && o.text == NULL, "a latin-1 file with non-ASCII bytes is skipped", NULL);
    fix_outcome_free(&o);
    check(t, fix_bytes_are_text("# coding: latin-1\na = 1\n", 23), "an ASCII latin-1 file can be fixed", NULL);
    check(t, fix_bytes_are_text("# coding=utf-8\ns = '\xc3\xa9'\n", 24), "a UTF-8 cookie is UTF-8", NULL);
    check(t, fix_bytes_are_text("x = 1\n# coding: latin-1\ns = '\xe9'\n", 32),
          "a cookie after a code line does not count", NULL);
}

/* ---- diff ---- */

static void check_diff(Tally *t)
{
    Buf out;
    buf_init(&out);
    const char *old_text = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
    const char *new_text = "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13";
    fix_unified_diff("p.py", old_text, strlen(old_text), new_text, strlen(new_text), &out);
    const char *want = "--- a/p.py\n+++ b/p.py\n"
                       "@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+three\n 4\n 5\n 6\n"
                       "@@ -10,3 +10,4 @@\n 10\n 11\n 12\n+13\n\\ No newline at end of file\n";
    check(t, strcmp(buf_cstr(&out), want) == 0, "two hunks, no final newline", out.data);
    buf_free(&out);

    buf_init(&out);
    fix_unified_diff("p.py", "a\n", 2, "a\n", 2, &out);
    check(t, out.len == 0, "equal texts: no diff", NULL);
    buf_free(&out);

    buf_init(&out);
    fix_unified_diff("p.py", "", 0, "x\n", 2, &out);
    check(t, strcmp(buf_cstr(&out), "--- a/p.py\n+++ b/p.py\n@@ -0,0 +1 @@\n+x\n") == 0, "from an empty file",
          out.data);
    buf_free(&out);
}

/* ---- files ---- */

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void check_files(Tally *t)
{
    const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char dir[512], path[600];
    snprintf(dir, sizeof dir, "%s/gotcha-test-fix-XXXXXX", base);
    if (!mkdtemp(dir)) {
        check(t, 0, "temporary folder", "mkdtemp failed");
        return;
    }
    snprintf(path, sizeof path, "%s/f.py", dir);
    write_text(path, "a = 1\n");
    chmod(path, 0604);
    char *bytes = NULL, err[1024] = "";
    size_t len = 0;
    FileStamp stamp;
    int got = fix_read_file(path, 1 << 20, &bytes, &len, &stamp, err, sizeof err);
    check(t, got == 0 && len == 6 && stamp.hash == fix_hash("a = 1\n", 6), "read with a stamp", err);
    got = fix_write_file(path, &stamp, "b = 2\n", 6, err, sizeof err);
    struct stat st;
    stat(path, &st);
    char *again = NULL;
    FileStamp stamp2;
    fix_read_file(path, 1 << 20, &again, &len, &stamp2, err, sizeof err);
    check(t, got == 0 && (st.st_mode & 07777) == 0604 && again && strcmp(again, "b = 2\n") == 0,
          "atomic write keeps the mode", err);
    /* the stamp of the first read no longer matches: refused */
    got = fix_write_file(path, &stamp, "c = 3\n", 6, err, sizeof err);
    free(again);
    again = NULL;
    fix_read_file(path, 1 << 20, &again, &len, &stamp2, err + 512, sizeof err - 512);
    check(t, got != 0 && strstr(err, "changed on disk") && again && strcmp(again, "b = 2\n") == 0,
          "a file changed since it was read is left untouched", err);
    free(again);
    free(bytes);
    got = fix_read_file(dir, 1 << 20, &bytes, &len, &stamp, err, sizeof err);
    check(t, got == 1 && strstr(err, "not a regular file"), "a folder is skipped", err);
    write_text(path, "0123456789");
    got = fix_read_file(path, 4, &bytes, &len, &stamp, err, sizeof err);
    check(t, got == 1 && strstr(err, "max-file-size"), "a file over the size limit is skipped", err);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    Tally t = {0};
    check_rounds(&t);
    check_loop(&t);
    check_diff(&t);
    check_files(&t);
    return t.failed ? 1 : 0;
}
