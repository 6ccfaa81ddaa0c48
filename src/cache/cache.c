/* The cache folder (cache.h): keys, loading, atomic stores, one warning when it cannot be
   written, and `gotcha clean`. */
#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../project/project.h"
#include "../util/fileio.h"
#include "../util/xalloc.h"

#define MAX_ENTRY_SIZE ((size_t)256 * 1024 * 1024)
#define TAG_NAME "CACHEDIR.TAG"
/* The signature of the Cache Directory Tagging Specification: backup tools skip the folder. */
#define TAG_TEXT "Signature: 8a477f597d28d172789f06886806bc55\n# gotcha's cache: `gotcha clean` removes it.\n"

struct Cache {
    char *root;              /* the folder as given */
    char *dir;               /* root/<version>: where the entries are */
    uint64_t salt[2];        /* hash of the version and the settings */
    pthread_mutex_t lock;    /* creating the folders */
    int ready;               /* the folders exist (under lock) */
    atomic_int write_off;    /* a store failed: no more stores, no more warnings */
    atomic_uint next_tmp;    /* temporary file names */
};

/* ---- keys ---- */

static uint64_t rotl(uint64_t x, int r)
{
    return x << r | x >> (64 - r);
}

static uint64_t finish(uint64_t h)
{
    h ^= h >> 32;
    h *= 0x165667B19E3779F9ull;
    h ^= h >> 29;
    h *= 0x9E3779B97F4A7C15ull;
    return h ^ h >> 32;
}

/* Two 64-bit lanes over the bytes, 8 at a time; the length goes into the last word. */
static void hash_add(uint64_t h[2], const char *data, size_t len)
{
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, data + i, 8);
        h[0] = rotl(h[0] ^ w, 31) * 0x9E3779B97F4A7C15ull;
        h[1] = (rotl(h[1] + w, 27) * 0xC2B2AE3D27D4EB4Full) ^ h[0];
    }
    uint64_t w = (uint64_t)len << 56;
    for (size_t k = 0; i + k < len; k++)
        w ^= (uint64_t)(unsigned char)data[i + k] << (8 * k);
    h[0] = rotl(h[0] ^ w, 31) * 0x9E3779B97F4A7C15ull;
    h[1] = (rotl(h[1] + w, 27) * 0xC2B2AE3D27D4EB4Full) ^ h[0];
}

CacheKey cache_key(const Cache *c, const char *path, const char *bytes, size_t len)
{
    uint64_t h[2] = { c->salt[0], c->salt[1] };
    char *module = project_module_name(path);
    hash_add(h, path, strlen(path) + 1);
    hash_add(h, module, strlen(module) + 1);
    hash_add(h, bytes, len);
    free(module);
    return (CacheKey){ { finish(h[0]), finish(h[1] ^ h[0]) } };
}

/* ---- the folder ---- */

Cache *cache_open(const char *dir, const char *version, const char *settings)
{
    Cache *c = xcalloc(1, sizeof *c);
    c->root = xstrdup(dir);
    c->dir = xasprintf("%s/%s", dir, version);
    c->salt[0] = 0x6F74636861ull;
    c->salt[1] = 0x676F746368ull;
    hash_add(c->salt, version, strlen(version) + 1);
    hash_add(c->salt, settings, strlen(settings) + 1);
    pthread_mutex_init(&c->lock, NULL);
    atomic_init(&c->write_off, 0);
    atomic_init(&c->next_tmp, 0);
    return c;
}

void cache_close(Cache *c)
{
    if (!c)
        return;
    pthread_mutex_destroy(&c->lock);
    free(c->root);
    free(c->dir);
    free(c);
}

static char *entry_path(const Cache *c, const CacheKey *key)
{
    return xasprintf("%s/%016llx%016llx", c->dir, (unsigned long long)key->h[0], (unsigned long long)key->h[1]);
}

int cache_load(Cache *c, const CacheKey *key, FileResult *res, CheckProject *proj)
{
    char *path = entry_path(c, key);
    Buf data;
    buf_init(&data);
    int rc = fileio_read_path(path, &data, MAX_ENTRY_SIZE) == 0 && data.len > 0
             ? cache_entry_decode(key, data.data, data.len, res, proj) : -1;
    buf_free(&data);
    free(path);
    return rc;
}

/* Write a whole small file (0 or -1 with errno). */
static int write_file(const char *path, const char *data, size_t len, int excl)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (excl ? O_EXCL : O_TRUNC), 0644);
    if (fd < 0)
        return -1;
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int saved = errno;
            close(fd);
            errno = saved ? saved : EIO;
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return close(fd);
}

/* The root (with its CACHEDIR.TAG and a .gitignore that ignores everything) and the version
   folder. 0, or -1 with errno. */
static int make_folders(Cache *c)
{
    pthread_mutex_lock(&c->lock);
    int rc = 0;
    if (!c->ready) {
        struct stat st;
        if (stat(c->root, &st) != 0) {
            char *tag = xasprintf("%s/%s", c->root, TAG_NAME), *ignore = xasprintf("%s/.gitignore", c->root);
            rc = (mkdir(c->root, 0755) == 0 || errno == EEXIST) && write_file(tag, TAG_TEXT, strlen(TAG_TEXT), 0) == 0
                 && write_file(ignore, "*\n", 2, 0) == 0 ? 0 : -1;
            free(tag);
            free(ignore);
        }
        if (rc == 0 && mkdir(c->dir, 0755) != 0 && errno != EEXIST)
            rc = -1;
        c->ready = rc == 0;
    }
    pthread_mutex_unlock(&c->lock);
    return rc;
}

static void warn_once(Cache *c, const char *what, int err)
{
    if (atomic_exchange(&c->write_off, 1) == 0)
        fprintf(stderr, "gotcha: warning: cannot write the cache in %s (%s: %s); running without it\n",
                c->root, what, strerror(err));
}

void cache_store(Cache *c, const CacheKey *key, const FileResult *res, const CheckProject *proj)
{
    if (res->error || atomic_load(&c->write_off))
        return;
    if (make_folders(c) != 0) {
        warn_once(c, "creating the folder", errno);
        return;
    }
    Buf data;
    buf_init(&data);
    cache_entry_encode(key, res, proj, &data);
    char *tmp = xasprintf("%s/.tmp-%ld-%u", c->dir, (long)getpid(), atomic_fetch_add(&c->next_tmp, 1));
    char *path = entry_path(c, key);
    if (write_file(tmp, data.data, data.len, 1) != 0 || rename(tmp, path) != 0) {
        int err = errno;
        unlink(tmp);
        warn_once(c, "writing an entry", err);
    }
    free(tmp);
    free(path);
    buf_free(&data);
}

/* ---- gotcha clean ---- */

/* Remove `path` and what it holds, symlinks not followed, `depth` levels at most. */
static int remove_tree(const char *path, int depth, char *err, size_t errlen)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : (snprintf(err, errlen, "%s: %s", path, strerror(errno)), -1);
    if (S_ISDIR(st.st_mode) && depth > 0) {
        DIR *d = opendir(path);
        if (!d)
            return snprintf(err, errlen, "%s: %s", path, strerror(errno)), -1;
        struct dirent *e;
        int rc = 0;
        while (rc == 0 && (e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char *child = xasprintf("%s/%s", path, e->d_name);
            rc = remove_tree(child, depth - 1, err, errlen);
            free(child);
        }
        closedir(d);
        if (rc != 0)
            return rc;
        if (rmdir(path) != 0)
            return snprintf(err, errlen, "%s: %s", path, strerror(errno)), -1;
        return 0;
    }
    if (unlink(path) != 0)
        return snprintf(err, errlen, "%s: %s", path, strerror(errno)), -1;
    return 0;
}

int cache_clean(const char *dir, char *err, size_t errlen)
{
    struct stat st;
    if (lstat(dir, &st) != 0)
        return errno == ENOENT ? 0 : (snprintf(err, errlen, "%s: %s", dir, strerror(errno)), -1);
    char *tag = xasprintf("%s/%s", dir, TAG_NAME);
    int ours = S_ISDIR(st.st_mode) && access(tag, F_OK) == 0;
    free(tag);
    if (!ours) {   /* never remove a folder gotcha did not make */
        snprintf(err, errlen, "%s is not a gotcha cache (no %s in it): left alone", dir, TAG_NAME);
        return -1;
    }
    return remove_tree(dir, 3, err, errlen);
}
