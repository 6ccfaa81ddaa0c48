/* The project phase in the server: a document's conditional findings (a default that another
   module mutates, src/project/project.h) are decided with the summaries of the workspace's
   Python files.

   The workspace is the client's workspace folders (or, without any, the top package folder of
   each opened file, as `gotcha check FILE` takes it). Its Python files are found and summarized
   the first time a document has a conditional finding (hidden folders, __pycache__,
   node_modules, site-packages and virtual environments skipped; at most
   LSP_MAX_WORKSPACE_FILES), then kept up to date file by file: a file saved or changed on disk
   (didSave, workspace/didChangeWatchedFiles) is summarized again. An open document stands for
   its file with its current text. A document whose findings depend on other files is checked
   again when one of them changes (src/lsp/lsp_docs.c). */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../util/fileio.h"
#include "../util/xalloc.h"
#include "lsp_internal.h"

#define MAX_SCAN_DEPTH 40

int lsp_path_is_python(const char *path)
{
    size_t n = strlen(path);
    return (n > 3 && strcmp(path + n - 3, ".py") == 0) || (n > 4 && strcmp(path + n - 4, ".pyi") == 0);
}

void lsp_work_add_root(LspServer *s, const char *path)
{
    LspWorkspace *w = &s->work;
    for (int32_t i = 0; i < w->nroots; i++)
        if (strcmp(w->roots[i], path) == 0)
            return;
    XGROW(w->roots, w->nroots + 1, w->roots_cap, 4);
    w->roots[w->nroots++] = xstrdup(path);
    w->scanned = 0;   /* found again with the new root */
}

void lsp_work_add_package_of(LspServer *s, const char *path)
{
    char *dir = project_package_dir(path);
    if (dir && dir[0] == '/')
        lsp_work_add_root(s, dir);
    free(dir);
}

static void free_files(LspWorkspace *w)
{
    for (int32_t i = 0; i < w->nfiles; i++) {
        free(w->files[i].path);
        summary_free(w->files[i].summary);
    }
    if (w->modules_valid)
        project_modules_free(w->modules, (size_t)w->nfiles);
    free(w->modules);
    w->modules = NULL;
    w->modules_valid = 0;
    w->nfiles = 0;
}

void lsp_work_free(LspWorkspace *w)
{
    free_files(w);
    free(w->files);
    for (int32_t i = 0; i < w->nroots; i++)
        free(w->roots[i]);
    free(w->roots);
    memset(w, 0, sizeof *w);
}

/* ---- finding the files ---- */

static int skipped_folder(const char *dir, const char *name)
{
    if (name[0] == '.' || strcmp(name, "__pycache__") == 0 || strcmp(name, "node_modules") == 0 ||
        strcmp(name, "site-packages") == 0)
        return 1;
    char *venv = xasprintf("%s/%s/pyvenv.cfg", dir, name);
    struct stat st;
    int is_venv = stat(venv, &st) == 0;
    free(venv);
    return is_venv;
}

static void add_file(LspWorkspace *w, char *path)
{
    XGROW(w->files, w->nfiles + 1, w->files_cap, 64);
    memset(&w->files[w->nfiles], 0, sizeof w->files[0]);
    w->files[w->nfiles++].path = path;
}

static void walk(LspWorkspace *w, const char *dir, int depth)
{
    DIR *dh = depth < MAX_SCAN_DEPTH ? opendir(dir) : NULL;
    if (!dh)
        return;
    struct dirent *e;
    while ((e = readdir(dh)) != NULL && w->nfiles < LSP_MAX_WORKSPACE_FILES) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *path = xasprintf("%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) && !skipped_folder(dir, e->d_name))
            walk(w, path, depth + 1);
        else if (S_ISREG(st.st_mode) && lsp_path_is_python(e->d_name)) {
            add_file(w, path);
            continue;
        }
        free(path);
    }
    closedir(dh);
}

static int cmp_files(const void *a, const void *b)
{
    return strcmp(((const LspWorkFile *)a)->path, ((const LspWorkFile *)b)->path);
}

/* ---- summaries ---- */

/* Read and summarize one file with `opt` (its stamp kept to notice changes). */
static void summarize(LspServer *s, LspWorkFile *f, const CheckOptions *opt)
{
    summary_free(f->summary);
    f->summary = NULL;
    struct stat st;
    Buf bytes;
    buf_init(&bytes);
    FILE *fp = stat(f->path, &st) == 0 && (uint64_t)st.st_size <= LSP_MAX_CHECKED ? fopen(f->path, "rb") : NULL;
    if (fp && fileio_read_stream(fp, &bytes, LSP_MAX_CHECKED) == 0) {
        FileResult res;
        CheckProject proj;
        memset(&proj, 0, sizeof proj);
        arena_reset(&s->check_arena);
        if (check_source_project(f->path, buf_cstr(&bytes), bytes.len, opt, &s->check_arena, &res, &proj) == 0)
            f->summary = proj.summary;
        else
            summary_free(proj.summary);
        arena_reset(&s->check_arena);
        diag_pending_free(&proj.pending);
        diag_result_free(&res);
        f->mtime_sec = st.st_mtim.tv_sec;
        f->mtime_nsec = st.st_mtim.tv_nsec;
        f->size = st.st_size;
    }
    if (fp)
        fclose(fp);
    buf_free(&bytes);
}

static void ensure_modules(LspWorkspace *w)
{
    if (w->modules_valid)
        return;
    const char **paths = xcalloc((size_t)w->nfiles + 1, sizeof *paths);
    for (int32_t i = 0; i < w->nfiles; i++)
        paths[i] = w->files[i].path;
    free(w->modules);
    w->modules = xcalloc((size_t)w->nfiles + 1, sizeof *w->modules);
    project_modules(paths, (size_t)w->nfiles, w->modules);
    free(paths);
    w->modules_valid = 1;
}

static void scan(LspServer *s, const CheckOptions *opt)
{
    LspWorkspace *w = &s->work;
    if (w->scanned)
        return;
    free_files(w);
    for (int32_t i = 0; i < w->nroots; i++)
        walk(w, w->roots[i], 0);
    qsort(w->files, (size_t)w->nfiles, sizeof *w->files, cmp_files);
    int32_t kept = 0;   /* two roots may hold the same files */
    for (int32_t i = 0; i < w->nfiles; i++) {
        if (kept > 0 && strcmp(w->files[kept - 1].path, w->files[i].path) == 0)
            free(w->files[i].path);
        else
            w->files[kept++] = w->files[i];
    }
    w->nfiles = kept;
    for (int32_t i = 0; i < w->nfiles; i++)
        summarize(s, &w->files[i], opt);
    w->scanned = 1;
}

static LspWorkFile *find_file(LspWorkspace *w, const char *path)
{
    LspWorkFile key = {.path = (char *)path};
    return w->nfiles ? bsearch(&key, w->files, (size_t)w->nfiles, sizeof *w->files, cmp_files) : NULL;
}

static int under_a_root(const LspWorkspace *w, const char *path)
{
    for (int32_t i = 0; i < w->nroots; i++) {
        size_t n = strlen(w->roots[i]);
        if (strncmp(path, w->roots[i], n) == 0 && (path[n] == '/' || w->roots[i][n - 1] == '/'))
            return 1;
    }
    return 0;
}

void lsp_work_file_changed(LspServer *s, const char *path)
{
    LspWorkspace *w = &s->work;
    if (!w->scanned)
        return;   /* read when first needed */
    struct stat st;
    int exists = stat(path, &st) == 0 && S_ISREG(st.st_mode);
    LspWorkFile *f = find_file(w, path);
    if (exists && f && f->mtime_sec == st.st_mtim.tv_sec && f->mtime_nsec == st.st_mtim.tv_nsec &&
        f->size == st.st_size)
        return;
    if (w->modules_valid)
        project_modules_free(w->modules, (size_t)w->nfiles);
    w->modules_valid = 0;
    if (f && !exists) {
        free(f->path);
        summary_free(f->summary);
        size_t at = (size_t)(f - w->files);
        memmove(f, f + 1, ((size_t)w->nfiles - at - 1) * sizeof *f);
        w->nfiles--;
        return;
    }
    if (!f && exists && under_a_root(w, path) && w->nfiles < LSP_MAX_WORKSPACE_FILES) {
        add_file(w, xstrdup(path));
        qsort(w->files, (size_t)w->nfiles, sizeof *w->files, cmp_files);
        f = find_file(w, path);
    }
    if (f)
        summarize(s, f, NULL);
}

/* ---- deciding ---- */

/* The open document standing for `path`, other than `self`, or NULL. */
static const LspDoc *open_doc(const LspServer *s, const LspDoc *self, const char *path)
{
    for (int32_t i = 0; i < s->ndocs; i++)
        if (&s->docs[i] != self && s->docs[i].path && strcmp(s->docs[i].path, path) == 0)
            return &s->docs[i];
    return NULL;
}

void lsp_project_decide(LspServer *s, LspDoc *d, FileResult *res, CheckProject *proj)
{
    if (proj->pending.n == 0)
        return;
    LspWorkspace *w = &s->work;
    if (s->use_fs) {
        int index = lsp_settings_of(s, d);   /* may grow s->settings */
        scan(s, &s->settings[index].opt);
        ensure_modules(w);
    }
    size_t cap = (size_t)w->nfiles + (size_t)s->ndocs + 1, n = 0;
    ProjectFile *files = xcalloc(cap, sizeof *files);
    files[n++] = (ProjectFile){.path = res->path, .summary = proj->summary, .pending = &proj->pending};
    for (int32_t i = 0; i < w->nfiles; i++) {
        const LspWorkFile *f = &w->files[i];
        const LspDoc *o = open_doc(s, NULL, f->path);
        if ((d->path && strcmp(f->path, d->path) == 0) || (o && o->summary))
            continue;   /* the document itself, or an open one with its text */
        files[n++] = (ProjectFile){.path = f->path, .summary = f->summary, .module = &w->modules[i]};
    }
    for (int32_t i = 0; i < s->ndocs; i++) {
        const LspDoc *o = &s->docs[i];
        if (o != d && o->path && o->summary)
            files[n++] = (ProjectFile){.path = o->path, .summary = o->summary};
    }
    DiagList *decided = xcalloc(n, sizeof *decided);
    project_run(files, n, decided);
    diag_result_merge(res, &decided[0]);
    for (size_t i = 1; i < n; i++)
        free(decided[i].items);
    free(decided);
    free(files);
}
