/* Walks folders (sorted, so messages come in a stable order), skipping excluded and ignored
   folders, virtual environments and symlink loops. A root folder's entries are walked on the
   thread pool (DiscoverOptions.threads), their results put together in entry order. */
#define _GNU_SOURCE   /* getdents64 (Linux) */
#include "discover.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/buf.h"
#include "gitignore.h"
#include "pool.h"
#include "../util/xalloc.h"

typedef struct DirId {
    dev_t dev;
    ino_t ino;
} DirId;

/* A folder being walked: its descriptor (open while its entries are walked), and its identity,
   asked of the descriptor only when a symlink to a folder is followed (only a symlink can lead
   back to a folder being walked: no fstat per folder otherwise). */
typedef struct Ancestor {
    int fd;
    int known;
    DirId id;
} Ancestor;

typedef struct Walk {
    const DiscoverOptions *opt;
    Discovery *out;
    IgnoreStack ignores;
    Ancestor *ancestors;   /* folders being walked, outermost first: a symlink back to one is a loop */
    int depth, cap;
    Buf *messages;         /* NULL: say() prints to stderr; else it collects there (a walk on a worker) */
} Walk;

/* A warning or error of the walk, printed now or collected for printing in walk order. */
static void say(Walk *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(Walk *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (w->messages) {
        va_list again;
        va_copy(again, ap);
        int len = vsnprintf(NULL, 0, fmt, again);
        va_end(again);
        if (len > 0) {
            char *text = xmalloc((size_t)len + 1);
            vsnprintf(text, (size_t)len + 1, fmt, ap);
            buf_add(w->messages, text, (size_t)len);
            free(text);
        }
    } else {
        vfprintf(stderr, fmt, ap);
    }
    va_end(ap);
}

int discover_is_python_name(const char *name)
{
    size_t n = strlen(name);
    return (n > 3 && strcmp(name + n - 3, ".py") == 0) || (n > 4 && strcmp(name + n - 4, ".pyi") == 0);
}

static void add_file(Discovery *d, const char *path, const struct stat *st)
{
    XGROW(d->files, d->n + 1, d->cap, 64);
    d->files[d->n++] = (FoundFile){xstrdup(path), (uint64_t)st->st_size, *st};
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

/* One name of a folder and what the listing says it is (DT_UNKNOWN: ask stat). */
typedef struct Entry {
    const char *name;        /* in the folder's `names` */
    unsigned char type;
} Entry;

/* A folder being walked: its open descriptor (entries are stat'ed relative to it, without
   walking the path again) and its names, sorted, all in one block. */
typedef struct Folder {
    int fd;                  /* -1: not open */
    Entry *entries;
    size_t count;
    char *names;
} Folder;

static int cmp_entries(const void *a, const void *b)
{
    return strcmp(((const Entry *)a)->name, ((const Entry *)b)->name);
}

static int has_venv_file(const char *dir)
{
    Buf p;
    buf_init(&p);
    buf_printf(&p, "%s/pyvenv.cfg", dir);
    int found = access(buf_cstr(&p), F_OK) == 0;
    buf_free(&p);
    return found;
}

/* A listing being read: names packed one after the other (offsets until the block stops
   growing), then turned into sorted entries. */
typedef struct Listing {
    Buf names;
    size_t *offsets;
    unsigned char *types;
    size_t count, cap;
} Listing;

static void listing_add(Listing *l, const char *name, unsigned char type)
{
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        return;
    if (l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        l->offsets = xrealloc(l->offsets, l->cap * sizeof *l->offsets);
        l->types = xrealloc(l->types, l->cap);
    }
    l->offsets[l->count] = l->names.len;
    l->types[l->count++] = type;
    buf_add(&l->names, name, strlen(name) + 1);
}

#if defined(__linux__)
/* The names of the open folder `fd`, read with getdents64 (fdopendir + readdir would add an fstat
   and two fcntl calls per folder: a third of a warm run's system calls). */
static int list_fd(int fd, Listing *l)
{
    _Alignas(8) char chunk[8192];
    for (;;) {
        ssize_t n = getdents64(fd, chunk, sizeof chunk);
        if (n < 0)
            return -1;
        if (n == 0)
            return 0;
        for (ssize_t at = 0; at < n;) {
            const struct dirent64 *d = (const struct dirent64 *)(chunk + at);
            listing_add(l, d->d_name, d->d_type);
            at += d->d_reclen;
        }
    }
}
#else
static int list_fd(int fd, Listing *l)
{
    int copy = dup(fd);
    DIR *dir = copy >= 0 ? fdopendir(copy) : NULL;
    if (!dir) {
        if (copy >= 0)
            close(copy);
        return -1;
    }
    errno = 0;
    for (struct dirent *e; (e = readdir(dir)) != NULL;)
        listing_add(l, e->d_name, e->d_type);
    int err = errno;
    closedir(dir);
    errno = err;
    return err ? -1 : 0;
}
#endif

/* Read the folder; 0, or -1 when it cannot be read (message printed, run marked failed, unless
   it is a virtual environment below a root, which is left out anyway). A folder below another is
   opened relative to the parent's descriptor (the path is not walked again). */
static int read_folder(Walk *w, const char *dir, const Folder *parent, const char *name, Folder *f)
{
    int is_root = parent == NULL;
    memset(f, 0, sizeof *f);
    f->fd = is_root ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                    : openat(parent->fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    Listing l = {0};
    buf_init(&l.names);
    if (f->fd < 0 || list_fd(f->fd, &l) != 0) {
        int err = errno;
        if (is_root || !has_venv_file(dir)) {
            say(w, "gotcha: error: cannot read folder %s: %s\n", dir, strerror(err));
            w->out->failed = 1;
        }
        free(l.offsets);
        free(l.types);
        buf_free(&l.names);
        if (f->fd >= 0)
            close(f->fd);
        f->fd = -1;
        return -1;
    }
    f->names = l.names.data;   /* the block stops growing here: names can point into it */
    f->count = l.count;
    f->entries = xmalloc((l.count + 1) * sizeof *f->entries);
    for (size_t i = 0; i < l.count; i++)
        f->entries[i] = (Entry){f->names + l.offsets[i], l.types[i]};
    free(l.offsets);
    free(l.types);
    if (f->count > 1)
        qsort(f->entries, f->count, sizeof *f->entries, cmp_entries);
    return 0;
}

static void folder_free(Folder *f)
{
    free(f->entries);
    free(f->names);
    if (f->fd >= 0)
        close(f->fd);
}

/* Does the folder hold `name` (as its listing says; the caller confirms with the file system)? */
static int folder_has(const Folder *f, const char *name)
{
    Entry key = {name, 0};
    return f->count && bsearch(&key, f->entries, f->count, sizeof key, cmp_entries) != NULL;
}

/* A virtual environment: a pyvenv.cfg in it (the listing is asked first: most folders have none). */
static int is_venv(const Folder *f, const char *dir)
{
    return folder_has(f, "pyvenv.cfg") && has_venv_file(dir);
}

/* The identity of folder `fd`; 0, or -1 when fstat fails. */
static int dir_id(int fd, DirId *id)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return -1;
    *id = (DirId){st.st_dev, st.st_ino};
    return 0;
}

/* Is folder `fd` (reached through a symlink) one being walked? The ancestors' identities are
   asked the first time a symlink needs them. */
static int is_ancestor(Walk *w, int fd)
{
    DirId id;
    if (dir_id(fd, &id) != 0)
        return 0;
    for (int i = 0; i < w->depth; i++) {
        Ancestor *a = &w->ancestors[i];
        if (!a->known)
            a->known = dir_id(a->fd, &a->id) == 0;
        if (a->known && a->id.dev == id.dev && a->id.ino == id.ino)
            return 1;
    }
    return 0;
}

static void push_ancestor(Walk *w, int fd)
{
    XGROW(w->ancestors, w->depth + 1, w->cap, 32);
    w->ancestors[w->depth++] = (Ancestor){fd, 0, {0, 0}};
}

static void walk_dir(Walk *w, const Folder *parent, const char *name, int via_link, Buf *shown, Buf *abs);

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

static void visit_entry(Walk *w, const Folder *parent, Buf *shown, Buf *abs, const Entry *e)
{
    /* What the listing says is enough to pass over other files and to enter a folder (which
       walk_dir opens and checks for a loop); symlinks and unknown types are stat'ed. */
    if (e->type == DT_REG && !discover_is_python_name(e->name))
        return;
    if (e->type == DT_DIR) {
        if (!skipped_by_settings(w, shown->data, abs->data, 1))
            walk_dir(w, parent, e->name, 0, shown, abs);
        return;
    }
    struct stat st;
    if (fstatat(parent->fd, e->name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return;   /* vanished since the folder was listed */
    int is_link = S_ISLNK(st.st_mode);
    if (is_link && stat(shown->data, &st) != 0)
        return;   /* dangling symlink */
    if (S_ISDIR(st.st_mode)) {
        if (!skipped_by_settings(w, shown->data, abs->data, 1))
            walk_dir(w, parent, e->name, is_link, shown, abs);
        return;
    }
    if (!discover_is_python_name(e->name))
        return;
    if (!S_ISREG(st.st_mode)) {
        say(w, "gotcha: warning: skipping %s: %s\n", shown->data, file_kind(st.st_mode));
        return;
    }
    if (!skipped_by_settings(w, shown->data, abs->data, 0))
        add_file(w->out, shown->data, &st);
}

/* A folder below a root is left out when it is a virtual environment or, reached through a
   symlink, one being walked (a symlink loop). */
static int leave_out(Walk *w, const Folder *f, const char *dir, int via_link)
{
    if (is_venv(f, dir))
        return 1;
    if (!via_link || !is_ancestor(w, f->fd))
        return 0;
    say(w, "gotcha: warning: skipping %s: symlink loop\n", dir);
    return 1;
}

/* The folder's entries, one after the other on this thread. */
static void walk_entries(Walk *w, const Folder *f, Buf *shown, Buf *abs)
{
    size_t shown_len = shown->len, abs_len = abs->len;
    for (size_t i = 0; i < f->count; i++) {
        join(shown, f->entries[i].name);
        join(abs, f->entries[i].name);
        visit_entry(w, f, shown, abs, &f->entries[i]);
        shown->len = shown_len;
        abs->len = abs_len;
        buf_cstr(shown);
        buf_cstr(abs);
    }
}

/* A root folder's entries walked on the pool, each into an EntryWalk of its own; the results are
   put together in entry order, so files and messages come as a walk on one thread gives them. */
typedef struct EntryWalk {
    Discovery out;
    Buf messages;
} EntryWalk;

typedef struct RootEntries {
    const Walk *root;          /* read only while the workers run */
    const Folder *folder;
    const char *shown, *abs;   /* the root folder's paths */
    EntryWalk *walks;
} RootEntries;

/* A copy of `n` items of `size` bytes (at least one slot, so that it is never NULL). */
static void *copy_items(const void *items, int n, size_t size)
{
    void *copy = xmalloc(((size_t)n + 1) * size);
    if (n > 0)
        memcpy(copy, items, (size_t)n * size);
    return copy;
}

static void walk_entry_item(void *ctx, size_t item, Arena *arena)
{
    (void)arena;
    const RootEntries *r = ctx;
    EntryWalk *ew = &r->walks[item];
    buf_init(&ew->messages);
    /* the root's .gitignore files are shared, read only; this walk pushes and pops above them */
    Walk w = {.opt = r->root->opt, .out = &ew->out, .messages = &ew->messages, .depth = r->root->depth,
              .cap = r->root->depth + 1};
    w.ignores = (IgnoreStack){copy_items(r->root->ignores.files, r->root->ignores.n, sizeof(IgnoreFile)),
                              r->root->ignores.n, r->root->ignores.n + 1};
    w.ancestors = copy_items(r->root->ancestors, r->root->depth, sizeof(Ancestor));
    Buf shown, abs;
    buf_init(&shown);
    buf_init(&abs);
    buf_puts(&shown, r->shown);
    buf_puts(&abs, r->abs);
    join(&shown, r->folder->entries[item].name);
    join(&abs, r->folder->entries[item].name);
    visit_entry(&w, r->folder, &shown, &abs, &r->folder->entries[item]);
    buf_free(&shown);
    buf_free(&abs);
    free(w.ignores.files);
    free(w.ancestors);
}

static void walk_entries_parallel(Walk *w, const Folder *f, Buf *shown, Buf *abs)
{
    RootEntries r = {.root = w, .folder = f, .shown = buf_cstr(shown), .abs = buf_cstr(abs),
                     .walks = xcalloc(f->count, sizeof(EntryWalk))};
    pool_for_each(f->count, w->opt->threads, walk_entry_item, &r);
    for (size_t i = 0; i < f->count; i++) {
        EntryWalk *ew = &r.walks[i];
        if (ew->messages.len)
            say(w, "%.*s", (int)ew->messages.len, ew->messages.data);
        for (size_t k = 0; k < ew->out.n; k++) {
            XGROW(w->out->files, w->out->n + 1, w->out->cap, 64);
            w->out->files[w->out->n++] = ew->out.files[k];
        }
        w->out->failed |= ew->out.failed;
        free(ew->out.files);
        buf_free(&ew->messages);
    }
    free(r.walks);
}

/* Walk folder `shown` (`abs` its absolute path): a root when `parent` is NULL, else `name` in `parent`. */
static void walk_dir(Walk *w, const Folder *parent, const char *name, int via_link, Buf *shown, Buf *abs)
{
    const char *dir = shown->len ? shown->data : ".";
    int is_root = parent == NULL;
    Folder f;
    if (read_folder(w, dir, parent, name, &f) != 0)
        return;
    if (!is_root && leave_out(w, &f, dir, via_link)) {
        folder_free(&f);
        return;
    }
    push_ancestor(w, f.fd);
    int pushed = 0;
    if (w->opt->use_gitignore && folder_has(&f, ".gitignore")) {
        Buf gi;
        buf_init(&gi);
        buf_printf(&gi, "%s/.gitignore", dir);
        pushed = ignore_push_file(&w->ignores, abs->data, gi.data);
        buf_free(&gi);
    }
    if (is_root && w->opt->threads > 1 && f.count > 1)
        walk_entries_parallel(w, &f, shown, abs);
    else
        walk_entries(w, &f, shown, abs);
    folder_free(&f);
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
    walk_dir(w, NULL, NULL, 0, &shown, &abs);
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
        add_file(w->out, path, &st);   /* named explicitly: always checked */
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
