/* .gitignore matching (src/cli/gitignore.c): git's rules for negation, folder-only patterns,
   anchoring, `**`, escapes, comments, and precedence between nested files. */
#include <stdio.h>
#include <string.h>

#include "cli/gitignore.h"

typedef struct Case {
    const char *name;
    const char *root_text;   /* /r/.gitignore */
    const char *sub_text;    /* /r/sub/.gitignore, or NULL */
    const char *path;
    int is_dir;
    int ignored;
} Case;

static const Case cases[] = {
    {"base name anywhere", "*.log\n", NULL, "/r/a/b/x.log", 0, 1},
    {"no match", "*.log\n", NULL, "/r/a/x.py", 0, 0},
    {"negation re-includes", "*.py\n!keep.py\n", NULL, "/r/a/keep.py", 0, 0},
    {"later line wins", "!keep.py\n*.py\n", NULL, "/r/keep.py", 0, 1},
    {"folder-only pattern skips files", "build/\n", NULL, "/r/build", 0, 0},
    {"folder-only pattern matches folders", "build/\n", NULL, "/r/x/build", 1, 1},
    {"leading slash anchors", "/top.py\n", NULL, "/r/sub/top.py", 0, 0},
    {"leading slash matches at the root", "/top.py\n", NULL, "/r/top.py", 0, 1},
    {"middle slash anchors", "docs/*.py\n", NULL, "/r/docs/a.py", 0, 1},
    {"middle slash does not float", "docs/*.py\n", NULL, "/r/x/docs/a.py", 0, 0},
    {"star does not cross folders", "docs/*.py\n", NULL, "/r/docs/sub/a.py", 0, 0},
    {"leading **/", "**/gen/*.py\n", NULL, "/r/a/b/gen/x.py", 0, 1},
    {"trailing /**", "out/**\n", NULL, "/r/out/a/b.py", 0, 1},
    {"comment and blank lines", "# *.py\n\n", NULL, "/r/a.py", 0, 0},
    {"escaped hash", "\\#weird.py\n", NULL, "/r/#weird.py", 0, 1},
    {"trailing spaces trimmed", "a.py   \n", NULL, "/r/a.py", 0, 1},
    {"CRLF line ends", "a.py\r\nb.py\r\n", NULL, "/r/b.py", 0, 1},
    {"nested file overrides", "*.py\n", "!x.py\n", "/r/sub/x.py", 0, 0},
    {"nested file is relative to its folder", NULL, "/x.py\n", "/r/sub/x.py", 0, 1},
    {"nested file does not reach outside", NULL, "*.py\n", "/r/x.py", 0, 0},
    {"question mark and class", "f?[0-9].py\n", NULL, "/r/fa1.py", 0, 1},
};

int main(void)
{
    int failed = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const Case *c = &cases[i];
        IgnoreStack st = {0};
        if (c->root_text)
            ignore_push_text(&st, "/r", c->root_text);
        if (c->sub_text)
            ignore_push_text(&st, "/r/sub/", c->sub_text);
        int got = ignore_match(&st, c->path, c->is_dir);
        int ok = got == c->ignored;
        printf("%s - gitignore: %s\n", ok ? "ok" : "not ok", c->name);
        if (!ok) {
            printf("# %s: expected %d, got %d\n", c->path, c->ignored, got);
            failed = 1;
        }
        ignore_stack_free(&st);
    }
    return failed;
}
