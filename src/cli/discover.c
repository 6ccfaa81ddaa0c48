/* Walks folders (sorted, so messages come in a stable order), skipping excluded and ignored
   folders, virtual environments and symlink loops. */
#include "discover.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/buf.h"
#include "gitignore.h"
#include "../util/xalloc.h"

typedef struct DirId {
    dev_t dev;
    ino_t ino;
} DirId;

typedef struct Walk {
    const DiscoverOptions *opt;
    Discovery *out;
    IgnoreStack ignores;
    DirId *ancestors;      /* folders being walked, outermost first: a symlink back to one is a loop */
    int depth, cap;
} Walk;

int discover_is_python_name(const char *name)
{
    size_t n = strlen(name);
    return (n > 3 && strcmp(name + n - 3, ".py") == 0) || (n > 4 && strcmp(name + n - 4, ".pyi") == 0);
}

static void add_file(Discovery *d, const char *path, uint64_t size)
{
    XGROW(d->files, d->n + 1, d->cap, 64);
    d->files[d->n++] = (FoundFile){xstrdup(path), size};
}

static const char *file_kind(mode_t mode)
{
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISSOCK(mode))
        return "a socket";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    return "not a regular file";
}

static int is_venv(const char *dir)
{
    Buf p;
    buf_init(&p);
    buf_printf(&p, "%s/pyvenv.cfg", dir);
    int found = access(buf_cstr(&p), F_OK) == 0;
    buf_free(&p);
    return found;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names in the folder, sorted; NULL (message printed, run marked failed) when it cannot be read. */
static char **read_names(Walk *w, const char *dir, size_t *count, DirId *id)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "gotcha: error: cannot read folder %s: %s\n", dir, strerror(errno));
        w->out->failed = 1;
        return NULL;
    }
    struct stat st;
    if (fstat(dirfd(d), &st) == 0)
        *id = (DirId){st.st_dev, st.st_ino};
    char **names = NULL;
    size_t n = 0;
    int32_t cap = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        XGROW(names, n + 1, cap, 32);
        names[n++] = xstrdup(e->d_name);
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_names);
    *count = n;
    return names ? names : xcalloc(1, sizeof *names);
}

static int is_ancestor(const Walk *w, DirId id)
{
    for (int i = 0; i < w->depth; i++)
        if (w->ancestors[i].dev == id.dev && w->ancestors[i].ino == id.ino)
            return 1;
    return 0;
}

static void push_ancestor(Walk *w, DirId id)
{
    XGROW(w->ancestors, w->depth + 1, w->cap, 32);
    w->ancestors[w->depth++] = id;
}

static void walk_dir(Walk *w, Buf *shown, Buf *abs);

/* Join `name` to a path held in a Buf (empty = the current folder). */
static void join(Buf *b, const char *name)
{
    if (b->len > 0 && b->data[b->len - 1] != '/')
        buf_putc(b, '/');
    buf_puts(b, name);
}

static int skipped_by_settings(Walk *w, const char *shown, const char *abs, int is_dir)
{
    if (config_path_excluded(w->opt->cfg, shown))
        return 1;
    return w->opt->use_gitignore && ignore_match(&w->ignores, abs, is_dir);
}

static void visit_entry(Walk *w, Buf *shown, Buf *abs, const char *name)
{
    struct stat st;
    if (lstat(shown->data, &st) != 0)
        return;   /* vanished since the folder was listed */
    if (S_ISLNK(st.st_mode) && stat(shown->data, &st) != 0)
        return;   /* dangling symlink */
    if (S_ISDIR(st.st_mode)) {
        if (skipped_by_settings(w, shown->data, abs->data, 1) || is_venv(shown->data))
            return;
        DirId id = {st.st_dev, st.st_ino};
        if (is_ancestor(w, id)) {
            fprintf(stderr, "gotcha: warning: skipping %s: symlink loop\n", shown->data);
            return;
        }
        walk_dir(w, shown, abs);
        return;
    }
    if (!discover_is_python_name(name))
        return;
    if (!S_ISREG(st.st_mode)) {
        fprintf(stderr, "gotcha: warning: skipping %s: %s\n", shown->data, file_kind(st.st_mode));
        return;
    }
    if (!skipped_by_settings(w, shown->data, abs->data, 0))
        add_file(w->out, shown->data, (uint64_t)st.st_size);
}

static void walk_dir(Walk *w, Buf *shown, Buf *abs)
{
    size_t count = 0;
    DirId id = {0, 0};
    const char *dir = shown->len ? shown->data : ".";
    char **names = read_names(w, dir, &count, &id);
    if (!names)
        return;
    push_ancestor(w, id);
    int pushed = 0;
    if (w->opt->use_gitignore) {
        Buf gi;
        buf_init(&gi);
        buf_printf(&gi, "%s/.gitignore", dir);
        pushed = ignore_push_file(&w->ignores, abs->data, gi.data);
        buf_free(&gi);
    }
    size_t shown_len = shown->len, abs_len = abs->len;
    for (size_t i = 0; i < count; i++) {
        join(shown, names[i]);
        join(abs, names[i]);
        visit_entry(w, shown, abs, names[i]);
        shown->len = shown_len;
        abs->len = abs_len;
        buf_cstr(shown);
        buf_cstr(abs);
        free(names[i]);
    }
    free(names);
    if (pushed)
        ignore_pop(&w->ignores);
    w->depth--;
}

/* A root folder: its absolute path anchors .gitignore matching. */
static void walk_root(Walk *w, const char *path)
{
    char *real = realpath(path, NULL);
    if (!real) {
        fprintf(stderr, "gotcha: error: cannot resolve %s: %s\n", path, strerror(errno));
        w->out->failed = 1;
        return;
    }
    Buf shown, abs;
    buf_init(&shown);
    buf_init(&abs);
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    /* "." shows its files as "a.py", not "./a.py" */
    if (!(len == 1 && path[0] == '.'))
        buf_add(&shown, path, len);
    buf_cstr(&shown);
    buf_puts(&abs, strcmp(real, "/") == 0 ? "" : real);
    int pushed = w->opt->use_gitignore ? ignore_push_ancestors(&w->ignores, real) : 0;
    walk_dir(w, &shown, &abs);
    while (pushed-- > 0)
        ignore_pop(&w->ignores);
    buf_free(&shown);
    buf_free(&abs);
    free(real);
}

/* "./a.py" and "a.py" name the same file: drop leading "./" so they collapse into one entry. */
static const char *without_dot_slash(const char *path)
{
    while (path[0] == '.' && path[1] == '/' && path[2] != '\0') {
        path += 2;
        while (*path == '/' && path[1] != '\0')
            path++;
    }
    return path;
}

static void discover_one(Walk *w, const char *path)
{
    path = without_dot_slash(path);
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            fprintf(stderr, "gotcha: error: %s: no such file or folder\n", path);
        else
            fprintf(stderr, "gotcha: error: %s: %s\n", path, strerror(errno));
        w->out->failed = 1;
        return;
    }
    if (w->opt->force_exclude && config_path_excluded(w->opt->cfg, path)) {
        if (w->opt->verbose)
            fprintf(stderr, "gotcha: skipping %s: excluded (--force-exclude)\n", path);
        return;
    }
    if (S_ISDIR(st.st_mode))
        walk_root(w, path);
    else if (S_ISREG(st.st_mode))
        add_file(w->out, path, (uint64_t)st.st_size);   /* named explicitly: always checked */
    else
        fprintf(stderr, "gotcha: warning: skipping %s: %s\n", path, file_kind(st.st_mode));
}

static int cmp_found(const void *a, const void *b)
{
    return strcmp(((const FoundFile *)a)->path, ((const FoundFile *)b)->path);
}

static void sort_unique(Discovery *d)
{
    if (d->n == 0)
        return;
    qsort(d->files, d->n, sizeof *d->files, cmp_found);
    size_t kept = 1;
    for (size_t i = 1; i < d->n; i++) {
        if (strcmp(d->files[i].path, d->files[kept - 1].path) == 0)
            free(d->files[i].path);
        else
            d->files[kept++] = d->files[i];
    }
    d->n = kept;
}

void discover_paths(char *const *paths, int npaths, const DiscoverOptions *opt, Discovery *out)
{
    memset(out, 0, sizeof *out);
    Walk w = {.opt = opt, .out = out};
    for (int i = 0; i < npaths; i++)
        if (strcmp(paths[i], "-") != 0)
            discover_one(&w, paths[i]);
    ignore_stack_free(&w.ignores);
    free(w.ancestors);
    sort_unique(out);
}

void discovery_free(Discovery *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->files[i].path);
    free(d->files);
    memset(d, 0, sizeof *d);
}
