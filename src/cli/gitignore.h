/* .gitignore files met while walking folders: patterns, `!` negation, `dir/` (folders only),
   anchored patterns (`/build`, `docs/x.txt`), `**`. A deeper file overrides a shallower one and a
   later line an earlier one, like git. Paths are absolute; each file's patterns are relative to its folder. */
#ifndef GOTCHA_GITIGNORE_H
#define GOTCHA_GITIGNORE_H

typedef struct IgnorePattern {
    char *glob;            /* without `!`, leading `/` and trailing `/` */
    unsigned char negate, dir_only, anchored;
} IgnorePattern;

typedef struct IgnoreFile {
    char *base;            /* absolute folder holding the file, no trailing '/' */
    IgnorePattern *patterns;
    int n;
} IgnoreFile;

typedef struct IgnoreStack {
    IgnoreFile *files;     /* outermost first */
    int n, cap;
} IgnoreStack;

/* Read `file` (a .gitignore, or .git/info/exclude) whose patterns are relative to folder `base`.
   Returns 1 if pushed (the caller pops it), 0 if there is no such file or it has no pattern. */
int ignore_push_file(IgnoreStack *st, const char *base, const char *file);
/* Parse gitignore text directly (for tests and the file reader). Returns 1 if pushed. */
int ignore_push_text(IgnoreStack *st, const char *base, const char *text);
void ignore_pop(IgnoreStack *st);
void ignore_stack_free(IgnoreStack *st);

/* 1 if `abs_path` is ignored by the stack. */
int ignore_match(const IgnoreStack *st, const char *abs_path, int is_dir);

/* Push the .gitignore files of the folders between the repository root (the nearest ancestor of
   `abs_dir` holding `.git`) and abs_dir's parent, plus `.git/info/exclude`. Returns how many were
   pushed. abs_dir itself is left for the walk. */
int ignore_push_ancestors(IgnoreStack *st, const char *abs_dir);

#endif
