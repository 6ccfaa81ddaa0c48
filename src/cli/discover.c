/* Walks folders, skipping excluded and ignored folders, virtual environments and symlink loops.
   The folders of a root are jobs on a shared stack that the threads (DiscoverOptions.threads)
   take from, so one big package does not keep a thread busy while the other waits; files are
   sorted at the end and messages printed in the order a walk on one thread meets them. */
#define _GNU_SOURCE   /* getdents64 (Linux) */
#include "discover.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
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

/* A folder being walked, shared with the jobs of the folders below it (each holds a reference):
   its descriptor stays open for them (they are opened relative to it, and a symlink is checked
   against it for a loop), and the .gitignore patterns that apply below it. */
typedef struct Dir {
    struct Dir *parent;
    int fd;
    atomic_int refs;
    const IgnoreStack *ignores;   /* the parent's, or own_ignores */
    IgnoreStack own_ignores;      /* the parent's files (borrowed) and this folder's .gitignore */
} Dir;

/* A folder to walk: `name` (the last part of `shown`) in `parent`, NULL for a root. */
typedef struct Job {
    Dir *parent;
    char *shown, *abs;       /* malloc'ed */
    const char *name;
    int via_link;            /* reached through a symlink: checked for a loop */
} Job;

/* A warning or error, printed once the root is walked, in walk order (by `key`). */
typedef struct Message {
    char *key;               /* the path it concerns */
    char *text;
    size_t seq;              /* its place among all the messages (gather) */
} Message;

/* One root's walk: the jobs not taken yet (last in, first out: a walk stays deep, so few folders
   keep their descriptor open), and how many threads are walking one. */
typedef struct Walk {
    const DiscoverOptions *opt;
    const IgnoreStack *root_ignores;   /* the .gitignore files above the root */
    pthread_mutex_t lock;
    pthread_cond_t changed;
    Job *jobs;
    size_t njobs;
    int32_t cap;
    int busy;
} Walk;

/* What one thread found, put together with the others' at the end. */
typedef struct Found {
    Discovery out;
    Message *messages;
    size_t nmessages;
    int32_t cap;
} Found;

/* The walk's threads: thread `item` of pool_for_each keeps what it finds in found[item]. */
typedef struct WalkRun {
    Walk *walk;
    Found *found;
} WalkRun;

static void say(Found *f, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(Found *f, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0)
        return;
    char *text = xmalloc((size_t)len + 1);
    va_start(ap, fmt);
    vsnprintf(text, (size_t)len + 1, fmt, ap);
    va_end(ap);
    XGROW(f->messages, (int32_t)f->nmessages + 1, f->cap, 16);
    f->messages[f->nmessages++] = (Message){xstrdup(key), text, 0};
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

/* Read the folder; 0, or -1 when it cannot be read (message said, run marked failed, unless it
   is a virtual environment below a root, which is left out anyway). A folder below another is
   opened relative to the parent's descriptor (the path is not walked again). */
static int read_folder(Found *found, const Job *job, Folder *f)
{
    const char *dir = job->shown[0] ? job->shown : ".";
    memset(f, 0, sizeof *f);
    f->fd = job->parent ? openat(job->parent->fd, job->name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                        : open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    Listing l = {0};
    buf_init(&l.names);
    if (f->fd < 0 || list_fd(f->fd, &l) != 0) {
        int err = errno;
        if (!job->parent || !has_venv_file(dir)) {
            say(found, job->shown, "gotcha: error: cannot read folder %s: %s\n", dir, strerror(err));
            found->out.failed = 1;
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

/* The listing; the descriptor, if still open, with it. */
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

/* Is folder `fd` (reached through a symlink) `d` or a folder above it? Only a symlink can lead
   back to a folder being walked: no identity is asked otherwise. */
static int is_ancestor(const Dir *d, int fd)
{
    DirId id, above;
    if (dir_id(fd, &id) != 0)
        return 0;
    for (; d; d = d->parent)
        if (dir_id(d->fd, &above) == 0 && above.dev == id.dev && above.ino == id.ino)
            return 1;
    return 0;
}

static void dir_release(Dir *d)
{
    while (d && atomic_fetch_sub(&d->refs, 1) == 1) {
        Dir *parent = d->parent;
        close(d->fd);
        if (d->ignores == &d->own_ignores) {
            ignore_pop(&d->own_ignores);   /* its own file; the parent's are borrowed */
            free(d->own_ignores.files);
        }
        free(d);
        d = parent;
    }
}

/* Join `name` to a path held in a Buf (empty = the current folder). */
static void join(Buf *b, const char *name)
{
    if (b->len > 0 && b->data[b->len - 1] != '/')
        buf_putc(b, '/');
    buf_puts(b, name);
}

static int skipped_by_settings(const Walk *w, const IgnoreStack *ignores, const char *shown, const char *abs,
                               int is_dir)
{
    if (config_path_excluded(w->opt->cfg, shown))
        return 1;
    return w->opt->use_gitignore && ignore_match(ignores, abs, is_dir);
}

/* The folders met in a folder: its jobs, pushed together once its entries are seen. */
typedef struct Jobs {
    Job *items;
    size_t n;
    int32_t cap;
} Jobs;

static void add_job(Jobs *jobs, Dir *parent, const Buf *shown, const Buf *abs, const char *name, int via_link)
{
    XGROW(jobs->items, (int32_t)jobs->n + 1, jobs->cap, 16);
    char *path = xstrdup(shown->data);
    jobs->items[jobs->n++] = (Job){parent, path, xstrdup(abs->data), path + strlen(path) - strlen(name), via_link};
}

static void visit_entry(const Walk *w, Found *found, Dir *d, Buf *shown, Buf *abs, const Entry *e, Jobs *jobs)
{
    /* What the listing says is enough to pass over other files and to take a folder (which its
       job opens, and checks for a loop when a symlink led there); symlinks and unknown types are
       stat'ed. */
    if (e->type == DT_REG && !discover_is_python_name(e->name))
        return;
    if (e->type == DT_DIR) {
        if (!skipped_by_settings(w, d->ignores, shown->data, abs->data, 1))
            add_job(jobs, d, shown, abs, e->name, 0);
        return;
    }
    struct stat st;
    if (fstatat(d->fd, e->name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return;   /* vanished since the folder was listed */
    int is_link = S_ISLNK(st.st_mode);
    if (is_link && stat(shown->data, &st) != 0)
        return;   /* dangling symlink */
    if (S_ISDIR(st.st_mode)) {
        if (!skipped_by_settings(w, d->ignores, shown->data, abs->data, 1))
            add_job(jobs, d, shown, abs, e->name, is_link);
        return;
    }
    if (!discover_is_python_name(e->name))
        return;
    if (!S_ISREG(st.st_mode)) {
        say(found, shown->data, "gotcha: warning: skipping %s: %s\n", shown->data, file_kind(st.st_mode));
        return;
    }
    if (!skipped_by_settings(w, d->ignores, shown->data, abs->data, 0))
        add_file(&found->out, shown->data, &st);
}

/* A folder below a root is left out when it is a virtual environment or, reached through a
   symlink, one being walked (a symlink loop). */
static int leave_out(Found *found, const Job *job, const Folder *f)
{
    if (is_venv(f, job->shown))
        return 1;
    if (!job->via_link || !is_ancestor(job->parent, f->fd))
        return 0;
    say(found, job->shown, "gotcha: warning: skipping %s: symlink loop\n", job->shown);
    return 1;
}

/* The folder's Dir: its descriptor moves there from the listing, and the .gitignore patterns
   below it are its parent's, plus its own file's when it has one. */
static Dir *new_dir(const Walk *w, const Job *job, Folder *f)
{
    Dir *d = xcalloc(1, sizeof *d);
    d->parent = job->parent;   /* the job's reference is the Dir's now */
    d->fd = f->fd;
    f->fd = -1;
    atomic_init(&d->refs, 1);
    d->ignores = job->parent ? job->parent->ignores : w->root_ignores;
    if (w->opt->use_gitignore && folder_has(f, ".gitignore")) {
        const IgnoreStack *above = d->ignores;
        d->own_ignores.files = xmalloc(((size_t)above->n + 1) * sizeof *above->files);
        if (above->n)
            memcpy(d->own_ignores.files, above->files, (size_t)above->n * sizeof *above->files);
        d->own_ignores.n = d->own_ignores.cap = above->n;
        Buf gi;
        buf_init(&gi);
        buf_printf(&gi, "%s/.gitignore", job->shown[0] ? job->shown : ".");
        if (ignore_push_file(&d->own_ignores, job->abs, gi.data))
            d->ignores = &d->own_ignores;
        else
            free(d->own_ignores.files);
        buf_free(&gi);
    }
    return d;
}

static void push_jobs(Walk *w, Jobs *jobs)
{
    if (jobs->n == 0)
        return;
    pthread_mutex_lock(&w->lock);
    XGROW(w->jobs, (int32_t)(w->njobs + jobs->n), w->cap, 64);
    for (size_t i = jobs->n; i-- > 0;)   /* the first folder on top: taken first */
        w->jobs[w->njobs++] = jobs->items[i];
    pthread_cond_broadcast(&w->changed);
    pthread_mutex_unlock(&w->lock);
}

/* Walk the job's folder: its files into `found`, its folders pushed as jobs. */
static void run_job(Walk *w, Found *found, Job *job)
{
    Folder f;
    if (read_folder(found, job, &f) != 0 || (job->parent && leave_out(found, job, &f))) {
        folder_free(&f);
        dir_release(job->parent);
        return;
    }
    Dir *d = new_dir(w, job, &f);
    Buf shown, abs;
    buf_init(&shown);
    buf_init(&abs);
    buf_puts(&shown, job->shown);
    buf_puts(&abs, job->abs);
    size_t shown_len = shown.len, abs_len = abs.len;
    Jobs jobs = {0};
    for (size_t i = 0; i < f.count; i++) {
        join(&shown, f.entries[i].name);
        join(&abs, f.entries[i].name);
        visit_entry(w, found, d, &shown, &abs, &f.entries[i], &jobs);
        shown.len = shown_len;
        abs.len = abs_len;
        buf_cstr(&shown);
        buf_cstr(&abs);
    }
    atomic_fetch_add(&d->refs, (int)jobs.n);
    push_jobs(w, &jobs);
    free(jobs.items);
    buf_free(&shown);
    buf_free(&abs);
    folder_free(&f);
    dir_release(d);
}

/* A thread of the walk: take jobs until there are none and no thread is walking one (which
   could push more). */
static void walk_worker(void *ctx, size_t item, Arena *arena)
{
    (void)arena;
    const WalkRun *run = ctx;
    Walk *w = run->walk;
    Found *found = &run->found[item];
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (w->njobs == 0 && w->busy > 0)
            pthread_cond_wait(&w->changed, &w->lock);
        if (w->njobs == 0)
            break;
        Job job = w->jobs[--w->njobs];
        w->busy++;
        pthread_mutex_unlock(&w->lock);
        run_job(w, found, &job);
        free(job.shown);
        free(job.abs);
        pthread_mutex_lock(&w->lock);
        if (--w->busy == 0 && w->njobs == 0)
            pthread_cond_broadcast(&w->changed);
    }
    pthread_mutex_unlock(&w->lock);
}

/* Paths in walk order: part by part, each part as strcmp orders a folder's names, a folder
   before what is in it. */
static int cmp_walk_order(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned x = *a == '/' ? 1 : *a ? (unsigned char)*a + 1u : 0;
        unsigned y = *b == '/' ? 1 : *b ? (unsigned char)*b + 1u : 0;
        if (x != y)
            return x < y ? -1 : 1;
        if (!x)
            return 0;
    }
}

static int cmp_messages(const void *a, const void *b)
{
    const Message *x = a, *y = b;
    int c = cmp_walk_order(x->key, y->key);
    /* one path's messages come from one job, on one thread, in the order said */
    return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* The threads' finds into `out`; their messages printed in walk order. */
static void gather(Found *found, int nthreads, Discovery *out)
{
    size_t nmessages = 0;
    for (int t = 0; t < nthreads; t++)
        nmessages += found[t].nmessages;
    Message *all = xmalloc((nmessages + 1) * sizeof *all);
    nmessages = 0;
    for (int t = 0; t < nthreads; t++) {
        Found *f = &found[t];
        for (size_t k = 0; k < f->out.n; k++) {
            XGROW(out->files, (int32_t)out->n + 1, out->cap, 64);
            out->files[out->n++] = f->out.files[k];
        }
        out->failed |= f->out.failed;
        free(f->out.files);
        for (size_t k = 0; k < f->nmessages; k++, nmessages++) {
            all[nmessages] = f->messages[k];
            all[nmessages].seq = nmessages;
        }
        free(f->messages);
    }
    qsort(all, nmessages, sizeof *all, cmp_messages);
    for (size_t i = 0; i < nmessages; i++) {
        fputs(all[i].text, stderr);
        free(all[i].key);
        free(all[i].text);
    }
    free(all);
}

/* Walk the folder `shown` (`abs` its absolute path) on the threads. */
static void walk_tree(const DiscoverOptions *opt, const IgnoreStack *root_ignores, const char *shown,
                      const char *abs, Discovery *out)
{
    int nthreads = opt->threads > 1 ? opt->threads : 1;
    Walk w = {.opt = opt, .root_ignores = root_ignores};
    pthread_mutex_init(&w.lock, NULL);
    pthread_cond_init(&w.changed, NULL);
    XGROW(w.jobs, 1, w.cap, 64);
    w.jobs[w.njobs++] = (Job){NULL, xstrdup(shown), xstrdup(abs), NULL, 0};
    Found *found = xcalloc((size_t)nthreads, sizeof *found);
    WalkRun run = {&w, found};
    pool_for_each((size_t)nthreads, nthreads, walk_worker, &run);
    gather(found, nthreads, out);
    free(found);
    free(w.jobs);
    pthread_cond_destroy(&w.changed);
    pthread_mutex_destroy(&w.lock);
}

/* A root folder: its absolute path anchors .gitignore matching. */
static void walk_root(const DiscoverOptions *opt, const char *path, Discovery *out)
{
    char *real = realpath(path, NULL);
    if (!real) {
        fprintf(stderr, "gotcha: error: cannot resolve %s: %s\n", path, strerror(errno));
        out->failed = 1;
        return;
    }
    Buf shown;
    buf_init(&shown);
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    /* "." shows its files as "a.py", not "./a.py" */
    if (!(len == 1 && path[0] == '.'))
        buf_add(&shown, path, len);
    IgnoreStack ignores = {0};
    if (opt->use_gitignore)
        ignore_push_ancestors(&ignores, real);
    walk_tree(opt, &ignores, buf_cstr(&shown), strcmp(real, "/") == 0 ? "" : real, out);
    ignore_stack_free(&ignores);
    buf_free(&shown);
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

static void discover_one(const DiscoverOptions *opt, const char *path, Discovery *out)
{
    path = without_dot_slash(path);
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            fprintf(stderr, "gotcha: error: %s: no such file or folder\n", path);
        else
            fprintf(stderr, "gotcha: error: %s: %s\n", path, strerror(errno));
        out->failed = 1;
        return;
    }
    if (opt->force_exclude && config_path_excluded(opt->cfg, path)) {
        if (opt->verbose)
            fprintf(stderr, "gotcha: skipping %s: excluded (--force-exclude)\n", path);
        return;
    }
    if (S_ISDIR(st.st_mode))
        walk_root(opt, path, out);
    else if (S_ISREG(st.st_mode))
        add_file(out, path, &st);   /* named explicitly: always checked */
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
    for (int i = 0; i < npaths; i++)
        if (strcmp(paths[i], "-") != 0)
            discover_one(opt, paths[i], out);
    sort_unique(out);
}

void discovery_free(Discovery *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->files[i].path);
    free(d->files);
    memset(d, 0, sizeof *d);
}
