// gitignore-style glob matching on '/'-separated paths.
// `*` any run of characters within one path component, `?` one character (not '/'), `[a-z]`/`[!a-z]` one
// character of a set, `\x` a literal x, and `**` as a whole component: any number of components (zero included),
// so "a/**/b" matches "a/b" and "a/x/y/b", "**/t" matches "t" anywhere, and "a/**" everything below a.
#include "config.h"
#include "glob.h"

#include <stdint.h>
#include <string.h>

#include "../unicode/utf8.h"

/* Decodes one UTF-8 character; a malformed byte stands for itself. Returns its length (>= 1). */
static size_t next_char(const char *s, uint32_t *cp)
{
    /* s is NUL-terminated: the decoder stops at the first byte that is not a continuation byte */
    return (size_t)utf8_decode_lenient((const unsigned char *)s, UTF8_MAX_LEN, cp);
}

/* Length of the bracket expression at `p` (which points at '['), or 0 if it is not closed. */
static size_t class_length(const char *p)
{
    size_t i = 1;
    if (p[i] == '!' || p[i] == '^')
        i++;
    if (p[i] == ']') /* a ']' right after the opening is a member */
        i++;
    while (p[i] && p[i] != ']') {
        if (p[i] == '\\' && p[i + 1])
            i++;
        i++;
    }
    return p[i] == ']' ? i + 1 : 0;
}

/* Whether `c` belongs to the bracket expression p[0..len). */
static int class_contains(const char *p, size_t len, uint32_t c)
{
    size_t i = 1, end = len - 1; /* between '[' and ']' */
    int negated = p[i] == '!' || p[i] == '^';
    if (negated)
        i++;
    int found = 0, first = 1;
    while (i < end) {
        if (p[i] == ']' && !first)
            break;
        first = 0;
        uint32_t lo, hi;
        if (p[i] == '\\' && i + 1 < end)
            i++;
        i += next_char(p + i, &lo);
        hi = lo;
        if (p[i] == '-' && i + 1 < end) {
            i++;
            if (p[i] == '\\' && i + 1 < end)
                i++;
            i += next_char(p + i, &hi);
        }
        if (c >= lo && c <= hi)
            found = 1;
    }
    return found != negated;
}

/* Is the "**" at p a whole component: at the start or after '/', and followed by '/' or the end? */
static int is_globstar(const char *pattern, const char *p)
{
    return p[0] == '*' && p[1] == '*' && (p == pattern || p[-1] == '/') && (p[2] == '/' || p[2] == '\0');
}

static int match_from(const char *pattern, const char *p, const char *s)
{
    while (*p) {
        if (is_globstar(pattern, p)) {
            if (p[2] == '\0')
                return 1; /* "**" at the end: everything below */
            const char *rest = p + 3;
            /* Zero components, or skip whole components one at a time. */
            for (const char *at = s;; at++) {
                if ((at == s || at[-1] == '/') && match_from(pattern, rest, at))
                    return 1;
                if (!*at)
                    return 0;
            }
        }
        if (*p == '*') {
            while (*p == '*')
                p++;
            for (const char *at = s;; at++) {
                if (match_from(pattern, p, at))
                    return 1;
                if (!*at || *at == '/')
                    return 0;
            }
        }
        if (!*s)
            return 0;
        uint32_t c;
        size_t clen = next_char(s, &c);
        if (*p == '?') {
            if (c == '/')
                return 0;
            p++;
        } else if (*p == '[' && class_length(p)) {
            size_t len = class_length(p);
            if (c == '/' || !class_contains(p, len, c))
                return 0;
            p += len;
        } else {
            if (*p == '\\' && p[1])
                p++;
            uint32_t want;
            size_t wlen = next_char(p, &want);
            if (want != c)
                return 0;
            p += wlen;
        }
        s += clen;
    }
    return *s == '\0';
}

int glob_match(const char *pattern, const char *path)
{
    if (!strchr(pattern, '/')) {
        const char *base = strrchr(path, '/');
        return match_from(pattern, pattern, base ? base + 1 : path);
    }
    if (pattern[0] == '/' && path[0] != '/')
        pattern++; /* "/build" is anchored at the root, which a relative path starts from */
    return match_from(pattern, pattern, path);
}

const char *glob_problem(const char *pattern)
{
    if (!*pattern)
        return "an empty pattern matches nothing";
    for (const char *p = pattern; *p; p++) {
        if (*p == '\\') {
            if (!p[1])
                return "the pattern ends with a lone '\\'";
            p++;
        } else if (*p == '[') {
            size_t len = class_length(p);
            if (!len)
                return "unclosed '[' in the pattern";
            p += len - 1;
        }
    }
    return NULL;
}

/* Is `name` one of the '/'-separated components of `path`? */
static int has_component(const char *path, const char *name, size_t len)
{
    for (const char *c = path;;) {
        const char *slash = strchr(c, '/');
        size_t clen = slash ? (size_t)(slash - c) : strlen(c);
        if (clen == len && memcmp(c, name, len) == 0)
            return 1;
        if (!slash)
            return 0;
        c = slash + 1;
    }
}

/* Does one of the '/'-separated components of `path` end with `suffix` (`*.egg-info`)? */
static int has_component_ending(const char *path, const char *suffix, size_t len)
{
    for (const char *c = path;;) {
        const char *slash = strchr(c, '/');
        size_t clen = slash ? (size_t)(slash - c) : strlen(c);
        if (clen >= len && memcmp(c + clen - len, suffix, len) == 0)
            return 1;
        if (!slash)
            return 0;
        c = slash + 1;
    }
}

int glob_match_path_or_parent(const char *pattern, const char *relpath)
{
    char trimmed[4096];
    int anchored = 0;
    while (pattern[0] == '.' && pattern[1] == '/') {
        pattern += 2; /* "./build" is "/build": build at the root */
        anchored = 1;
    }
    size_t len = strlen(pattern);
    if (len >= sizeof trimmed)
        return 0;
    /* "build/" names a folder: same as "build" here, since a match on a folder covers its contents. */
    memcpy(trimmed, pattern, len + 1);
    while (len > 1 && trimmed[len - 1] == '/')
        trimmed[--len] = '\0';
    anchored = anchored || strchr(trimmed, '/') != NULL;
    const char *pat = trimmed[0] == '/' && trimmed[1] ? trimmed + 1 : trimmed; /* relpath has no leading '/' */
    if (!anchored && !strpbrk(pat, "*?[\\"))
        return has_component(relpath, pat, strlen(pat));   /* a plain name (`.git`, `build`): no glob needed */
    if (!anchored && pat[0] == '*' && pat[1] && !strpbrk(pat + 1, "*?[\\"))
        return has_component_ending(relpath, pat + 1, strlen(pat + 1));   /* `*.egg-info` */
    char prefix[4096];
    size_t path_len = strlen(relpath);
    if (path_len >= sizeof prefix)
        return 0;
    /* Try the whole path, then each folder it lies in (each prefix ending before a '/'). */
    memcpy(prefix, relpath, path_len + 1);
    for (size_t end = path_len;;) {
        prefix[end] = '\0';
        const char *component = prefix;
        if (!anchored) {
            const char *slash = strrchr(prefix, '/');
            component = slash ? slash + 1 : prefix;
        }
        if (match_from(pat, pat, component))
            return 1;
        while (end > 0 && prefix[end - 1] != '/')
            end--;
        if (end == 0)
            return 0;
        end--; /* drop the '/' too */
    }
}
