/* .gitignore reading and matching. Glob matching itself is config's glob_match. */
#include "gitignore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../config/config.h"
#include "../util/buf.h"
#include "../util/fileio.h"
#include "../util/xalloc.h"

#define GITIGNORE_READ_LIMIT ((size_t)1 << 20)

/* One line of a gitignore file -> pattern; 0 for blank lines and comments. */
static int parse_line(const char *line, size_t len, IgnorePattern *out)
{
    memset(out, 0, sizeof *out);
    if (len > 0 && line[len - 1] == '\r')
        len--;
    /* trailing blanks go unless escaped with a backslash */
    while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t') && !(len > 1 && line[len - 2] == '\\'))
        len--;
    if (len == 0 || line[0] == '#')
        return 0;
    if (line[0] == '!') {
        out->negate = 1;
        line++, len--;
    } else if (line[0] == '\\' && len > 1 && (line[1] == '#' || line[1] == '!')) {
        line++, len--;
    }
    if (len > 0 && line[len - 1] == '/') {
        out->dir_only = 1;
        len--;
    }
    if (memchr(line, '/', len))
        out->anchored = 1;    /* a slash at the start or in the middle ties it to the file's folder */
    if (len > 0 && line[0] == '/')
        line++, len--;
    if (len == 0)
        return 0;
    out->glob = xstrndup(line, len);
    return 1;
}

int ignore_push_text(IgnoreStack *st, const char *base, const char *text)
{
    IgnoreFile file = {0};
    int cap = 0;
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        IgnorePattern pat;
        if (parse_line(p, len, &pat)) {
            XGROW(file.patterns, file.n + 1, cap, 8);
            file.patterns[file.n++] = pat;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    if (file.n == 0) {
        free(file.patterns);
        return 0;
    }
    XGROW(st->files, st->n + 1, st->cap, 8);
    size_t blen = strlen(base);
    while (blen > 1 && base[blen - 1] == '/')
        blen--;
    file.base = xstrndup(base, blen);
    st->files[st->n++] = file;
    return 1;
}

int ignore_push_file(IgnoreStack *st, const char *base, const char *path)
{
    Buf text;
    buf_init(&text);
    /* An unreadable file counts as empty; reading stops after 1 MiB (no real .gitignore is
       that large, and a huge one must not stall discovery). */
    fileio_read_path(path, &text, GITIGNORE_READ_LIMIT);
    int pushed = text.len > 0 && ignore_push_text(st, base, buf_cstr(&text));
    buf_free(&text);
    return pushed;
}

void ignore_pop(IgnoreStack *st)
{
    if (st->n == 0)
        return;
    IgnoreFile *file = &st->files[--st->n];
    for (int i = 0; i < file->n; i++)
        free(file->patterns[i].glob);
    free(file->patterns);
    free(file->base);
}

void ignore_stack_free(IgnoreStack *st)
{
    while (st->n > 0)
        ignore_pop(st);
    free(st->files);
    st->files = NULL;
    st->cap = 0;
}

/* `abs_path` relative to `base`, or NULL when it is not under it. */
static const char *relative_to(const char *abs_path, const char *base)
{
    size_t n = strlen(base);
    if (n == 1 && base[0] == '/')
        return abs_path + 1;
    if (strncmp(abs_path, base, n) != 0 || abs_path[n] != '/')
        return NULL;
    return abs_path + n + 1;
}

static int pattern_matches(const IgnorePattern *pat, const char *rel, int is_dir)
{
    if (pat->dir_only && !is_dir)
        return 0;
    /* glob_match compares a slash-less pattern with the base name; an anchored one without
       a slash left (`/build`) may only name a direct child of the file's folder */
    if (pat->anchored && !strchr(pat->glob, '/') && strchr(rel, '/'))
        return 0;
    return glob_match(pat->glob, rel);
}

int ignore_match(const IgnoreStack *st, const char *abs_path, int is_dir)
{
    for (int f = st->n - 1; f >= 0; f--) {
        const IgnoreFile *file = &st->files[f];
        const char *rel = relative_to(abs_path, file->base);
        if (!rel || !*rel)
            continue;
        for (int i = file->n - 1; i >= 0; i--)
            if (pattern_matches(&file->patterns[i], rel, is_dir))
                return !file->patterns[i].negate;
    }
    return 0;
}

static int has_git_dir(const char *dir)
{
    Buf p;
    buf_init(&p);
    buf_printf(&p, "%s/.git", dir);
    struct stat st;
    int found = stat(buf_cstr(&p), &st) == 0;   /* a folder, or a file in worktrees/submodules */
    buf_free(&p);
    return found;
}

/* Push dir/.gitignore for every folder from the repo root down to (not including) `stop`. */
static int push_chain(IgnoreStack *st, const char *repo_root, const char *abs_dir)
{
    int pushed = 0;
    Buf dir, file;
    buf_init(&dir);
    buf_init(&file);
    buf_puts(&dir, repo_root);
    const char *rest = abs_dir + strlen(repo_root);
    for (;;) {
        buf_printf(&file, "%s/.gitignore", strcmp(buf_cstr(&dir), "/") == 0 ? "" : dir.data);
        pushed += ignore_push_file(st, dir.data, file.data);
        file.len = 0;
        while (*rest == '/')
            rest++;
        const char *slash = strchr(rest, '/');
        if (!slash)
            break;   /* the next component is abs_dir itself: the walk reads its .gitignore */
        if (dir.len > 1)
            buf_putc(&dir, '/');
        buf_add(&dir, rest, (size_t)(slash - rest));
        rest = slash;
    }
    buf_free(&dir);
    buf_free(&file);
    return pushed;
}

int ignore_push_ancestors(IgnoreStack *st, const char *abs_dir)
{
    char *root = xstrdup(abs_dir);
    int pushed = 0;
    /* find the nearest strict ancestor holding .git; abs_dir itself as repo root needs nothing */
    if (has_git_dir(root)) {
        Buf exclude;
        buf_init(&exclude);
        buf_printf(&exclude, "%s/.git/info/exclude", root);
        pushed = ignore_push_file(st, root, buf_cstr(&exclude));
        buf_free(&exclude);
        free(root);
        return pushed;
    }
    for (;;) {
        char *slash = strrchr(root, '/');
        if (!slash)
            break;
        if (slash == root)
            slash[1] = '\0';
        else
            *slash = '\0';
        if (has_git_dir(root)) {
            Buf exclude;
            buf_init(&exclude);
            buf_printf(&exclude, "%s/.git/info/exclude", strcmp(root, "/") == 0 ? "" : root);
            pushed += ignore_push_file(st, root, buf_cstr(&exclude));
            buf_free(&exclude);
            pushed += push_chain(st, root, abs_dir);
            break;
        }
        if (strcmp(root, "/") == 0)
            break;
    }
    free(root);
    return pushed;
}
