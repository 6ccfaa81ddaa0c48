/* The cache folder (cache.h): keys, the pack (read once, written once through a rename), one
   warning when it cannot be written, and `gotcha clean`. */
#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "../project/project.h"
#include "../util/fileio.h"
#include "../util/xalloc.h"

#define MAX_ENTRY_SIZE ((size_t)256 * 1024 * 1024)
#define TAG_NAME "CACHEDIR.TAG"
/* The signature of the Cache Directory Tagging Specification: backup tools skip the folder. */
#define TAG_TEXT "Signature: 8a477f597d28d172789f06886806bc55\n# gotcha's cache: `gotcha clean` removes it.\n"

#define PACK_MAGIC "GTP2"
#define PACK_SLOT 32

typedef struct Slot {
    CacheKey key;
    const char *data;        /* into Cache.old, or into one of Cache.chunks (is_new) */
    size_t len;
    int is_new;              /* stored by this run */
} Slot;

/* Memory for the entries this run stores: they are copied in back to back, and a chunk is freed
   whole at close (a cold run stores thousands of entries: a handful of frees, not one each). */
typedef struct Chunk {
    struct Chunk *next;
    size_t used, cap;        /* bytes of data taken, and its size */
    char data[];
} Chunk;

#define CHUNK_SIZE ((size_t)1 << 20)

struct Cache {
    char *root;              /* the folder as given */
    char *dir;               /* root/<version> */
    char *pack;              /* dir/pack-<scope> */
    uint64_t salt[2];        /* hash of the version and the settings */
    const char *old;         /* the pack found at open: mapped (map), or read into old_copy */
    size_t old_len;
    void *map;               /* the pack's mapping, or NULL (munmap'ed at close) */
    Buf old_copy;
    const unsigned char *index;   /* its index (count slots), or NULL */
    uint32_t count;
    pthread_mutex_t lock;    /* guards what follows */
    Slot *slots;             /* entries of this run: loaded or stored */
    int32_t nslots, cap;
    Chunk *chunks;           /* the stored entries' bytes, the chunk being filled first */
    CacheRoom *room;       /* the arrays of the summaries read (loaded or kept) */
    int changed;             /* stored something, or the old pack held entries not used */
    atomic_int write_off;
    pthread_t writer;        /* writes the pack while the run goes on (cache_write_begin) */
    int writing;             /* writer started: cache_close joins it */
    const char *fail_what;   /* the pack could not be written: at which step, and errno */
    int fail_errno;
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

/* Four independent lanes over 32 bytes at a time (their multiplies overlap: a file's content is
   hashed at about a byte a cycle), folded into the two of h. */
static size_t hash_bulk(uint64_t h[2], const char *data, size_t len)
{
    uint64_t v[4] = { h[0], h[1], h[0] ^ 0x9E3779B97F4A7C15ull, h[1] + 0xC2B2AE3D27D4EB4Full };
    size_t i = 0;
    for (; i + 32 <= len; i += 32)
        for (int k = 0; k < 4; k++) {
            uint64_t w;
            memcpy(&w, data + i + 8 * k, 8);
            v[k] = rotl(v[k] + w * 0xC2B2AE3D27D4EB4Full, 31) * 0x9E3779B97F4A7C15ull;
        }
    h[0] = rotl(h[0] ^ v[0], 29) * 0x9E3779B97F4A7C15ull + rotl(v[2], 17);
    h[1] = (rotl(h[1] + v[1], 23) * 0xC2B2AE3D27D4EB4Full) ^ rotl(v[3], 41) ^ h[0];
    return i;
}

/* Two 64-bit lanes over the bytes, 8 at a time (long runs first through hash_bulk); the length
   goes into the last word. */
static void hash_add(uint64_t h[2], const char *data, size_t len)
{
    size_t i = len >= 64 ? hash_bulk(h, data, len) : 0;
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

CacheKey cache_key(const Cache *c, const char *path, const char *module, const char *bytes, size_t len)
{
    uint64_t h[2] = { c->salt[0], c->salt[1] };
    char *found = module ? NULL : project_module_name(path);
    hash_add(h, path, strlen(path) + 1);
    hash_add(h, module ? module : found, strlen(module ? module : found) + 1);
    hash_add(h, bytes, len);
    free(found);
    return (CacheKey){ { finish(h[0]), finish(h[1] ^ h[0]) } };
}

/* ---- the pack ----
   "GTP2"  count (u32)  { key (2 x u64)  offset (u64)  length (u64) }* sorted by key
   index checksum (u64: of every byte before it)   then the entries, back to back. */

static uint64_t read_u64(const unsigned char *p)
{
    /* written out: compilers make one load of it on a little-endian machine */
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24
           | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

static void store_u64(char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (char)(v >> (8 * i));
}

static void write_u64(Buf *b, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        buf_putc(b, (char)(v >> (8 * i)));
}

/* Check the pack's header, index and checksum; keep the index when they hold. */
static void pack_index(Cache *c)
{
    const unsigned char *d = (const unsigned char *)c->old;
    size_t len = c->old_len;
    if (len < 16 || memcmp(d, PACK_MAGIC, 4) != 0)
        return;
    uint32_t n = (uint32_t)d[4] | (uint32_t)d[5] << 8 | (uint32_t)d[6] << 16 | (uint32_t)d[7] << 24;
    size_t index_end = 8 + (size_t)n * PACK_SLOT;
    if (n > (len - 16) / PACK_SLOT || read_u64(d + index_end) != cache_entry_checksum(c->old, index_end))
        return;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t off = read_u64(d + 8 + (size_t)i * PACK_SLOT + 16), size = read_u64(d + 8 + (size_t)i * PACK_SLOT + 24);
        if (off < index_end + 8 || off > len || size > len - off)
            return;
    }
    c->index = d + 8;
    c->count = n;
}

/* The old pack, mapped read only: a warm run reads the entries it uses in place, without copying
   the whole pack first. A new pack replaces it through a rename, never in place, so the mapping
   stays what was found at open. Where mapping fails, the pack is read. 0, or -1 when there is none. */
static int pack_map(Cache *c)
{
    buf_init(&c->old_copy);
    int fd = open(c->pack, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && (uint64_t)st.st_size <= MAX_ENTRY_SIZE) {
        void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (map != MAP_FAILED) {
            close(fd);
            c->map = map;
            c->old = map;
            c->old_len = (size_t)st.st_size;
            return 0;
        }
    }
    close(fd);
    if (fileio_read_path(c->pack, &c->old_copy, MAX_ENTRY_SIZE) != 0)
        return -1;
    c->old = c->old_copy.data;
    c->old_len = c->old_copy.len;
    return 0;
}

Cache *cache_open(const char *dir, const char *version, const char *settings, const char *scope)
{
    Cache *c = xcalloc(1, sizeof *c);
    c->root = xstrdup(dir);
    c->dir = xasprintf("%s/%s", dir, version);
    c->salt[0] = 0x6F74636861ull;
    c->salt[1] = 0x676F746368ull;
    hash_add(c->salt, version, strlen(version) + 1);
    hash_add(c->salt, settings, strlen(settings) + 1);
    uint64_t h[2] = { c->salt[0], c->salt[1] };
    hash_add(h, scope, strlen(scope) + 1);
    c->pack = xasprintf("%s/pack-%016llx", c->dir, (unsigned long long)finish(h[0] ^ finish(h[1])));
    if (pack_map(c) == 0)
        pack_index(c);
    pthread_mutex_init(&c->lock, NULL);
    c->room = cache_room_new();
    atomic_init(&c->write_off, 0);
    return c;
}

static int key_cmp(const CacheKey *a, const CacheKey *b)
{
    if (a->h[0] != b->h[0])
        return a->h[0] < b->h[0] ? -1 : 1;
    return a->h[1] < b->h[1] ? -1 : a->h[1] > b->h[1];
}

/* The old pack's entry for `key`: its bytes and length, or NULL. */
static const char *pack_find(const Cache *c, const CacheKey *key, size_t *len)
{
    uint32_t lo = 0, hi = c->count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const unsigned char *slot = c->index + (size_t)mid * PACK_SLOT;
        CacheKey k = { { read_u64(slot), read_u64(slot + 8) } };
        int cmp = key_cmp(&k, key);
        if (cmp == 0) {
            *len = (size_t)read_u64(slot + 24);
            return c->old + read_u64(slot + 16);
        }
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static void add_slot_locked(Cache *c, Slot slot)
{
    if (c->nslots == c->cap)
        XGROW(c->slots, c->nslots + 1, c->cap, 256);
    c->slots[c->nslots++] = slot;
    c->changed |= slot.is_new;
}

static void keep_slot(Cache *c, Slot slot)
{
    pthread_mutex_lock(&c->lock);
    add_slot_locked(c, slot);
    pthread_mutex_unlock(&c->lock);
}

/* Room for `len` bytes in the chunks (their owner's lock held), the chunk being filled first.
   An entry too big to share a chunk gets one of its own, behind that one. */
static char *chunk_room(Chunk **chunks, size_t len)
{
    Chunk *head = *chunks;
    if (head && head->cap - head->used >= len) {
        head->used += len;
        return head->data + head->used - len;
    }
    size_t cap = len > CHUNK_SIZE / 8 ? len : CHUNK_SIZE;
    Chunk *k = xmalloc(sizeof *k + cap);
    k->used = len;
    k->cap = cap;
    if (head && cap == len) {
        k->next = head->next;
        head->next = k;
    } else {
        k->next = head;
        *chunks = k;
    }
    return k->data;
}

static void chunks_free(Chunk *k)
{
    for (Chunk *next; k; k = next) {
        next = k->next;
        free(k);
    }
}

/* A new entry for the pack: its bytes copied into the chunks (the copy outside the lock). */
static const char *keep_new(Cache *c, const CacheKey *key, const char *bytes, size_t len)
{
    pthread_mutex_lock(&c->lock);
    char *copy = chunk_room(&c->chunks, len);
    add_slot_locked(c, (Slot){ *key, copy, len, 1 });
    pthread_mutex_unlock(&c->lock);
    memcpy(copy, bytes, len);
    return copy;
}

int cache_load(Cache *c, const CacheKey *key, FileResult *res, CheckProject *proj)
{
    size_t len = 0;
    const char *data = c->index ? pack_find(c, key, &len) : NULL;
    if (!data || cache_entry_decode(key, data, len, c->room, res, proj) != 0)
        return -1;
    keep_slot(c, (Slot){ *key, data, len, 0 });
    return 0;
}

void cache_store(Cache *c, const CacheKey *key, const FileResult *res, CheckProject *proj)
{
    if (res->error)
        return;
    Buf data;
    buf_init(&data);
    size_t summary_at = cache_entry_encode(key, res, proj, &data);
    const char *kept = keep_new(c, key, data.data, data.len);
    /* the summary as a warm run reads it, in place in the kept bytes: the built one, malloc'ed
       piece by piece, is freed here on the worker instead of at the end of the run */
    ModSummary *read = summary_at ? cache_entry_read_summary(kept + summary_at, data.len - summary_at - 8, c->room) : NULL;
    if (read) {
        summary_free(proj->summary);
        proj->summary = read;
    }
    buf_free(&data);
}

/* ---- stat keys ----
   An alias entry: "GTA2" stat key (2 x u64) content key (2 x u64) checksum (u64). */

#define ALIAS_LEN 44

CacheKey cache_stat_key(const Cache *c, const char *path, const char *module, const struct stat *st)
{
    uint64_t h[2] = { c->salt[1], c->salt[0] };
    uint64_t facts[6] = { (uint64_t)st->st_size, (uint64_t)st->st_ino, (uint64_t)st->st_mtim.tv_sec,
                          (uint64_t)st->st_mtim.tv_nsec, (uint64_t)st->st_ctim.tv_sec, (uint64_t)st->st_ctim.tv_nsec };
    hash_add(h, "stat", 5);
    hash_add(h, path, strlen(path) + 1);
    if (module)
        hash_add(h, module, strlen(module) + 1);
    hash_add(h, (const char *)facts, sizeof facts);
    return (CacheKey){ { finish(h[0]), finish(h[1] ^ h[0]) } };
}

int cache_load_alias(Cache *c, const CacheKey *stat_key, CacheKey *content_key)
{
    size_t len = 0;
    const char *data = c->index ? pack_find(c, stat_key, &len) : NULL;
    if (!data || len != ALIAS_LEN || memcmp(data, "GTA2", 4) != 0
        || read_u64((const unsigned char *)data + 36) != cache_entry_checksum(data, 36)
        || read_u64((const unsigned char *)data + 4) != stat_key->h[0]
        || read_u64((const unsigned char *)data + 12) != stat_key->h[1])
        return -1;
    content_key->h[0] = read_u64((const unsigned char *)data + 20);
    content_key->h[1] = read_u64((const unsigned char *)data + 28);
    keep_slot(c, (Slot){ *stat_key, data, len, 0 });
    return 0;
}

void cache_store_alias(Cache *c, const CacheKey *stat_key, const CacheKey *content_key)
{
    char bytes[ALIAS_LEN];
    memcpy(bytes, "GTA2", 4);
    store_u64(bytes + 4, stat_key->h[0]);
    store_u64(bytes + 12, stat_key->h[1]);
    store_u64(bytes + 20, content_key->h[0]);
    store_u64(bytes + 28, content_key->h[1]);
    store_u64(bytes + 36, cache_entry_checksum(bytes, 36));
    keep_new(c, stat_key, bytes, ALIAS_LEN);
}

/* Write a whole file (0 or -1 with errno). */
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

/* The root (with its CACHEDIR.TAG and a .gitignore that ignores everything, when gotcha makes
   it) and the version folder. 0, or -1 with errno. */
static int make_folders(const Cache *c)
{
    struct stat st;
    if (stat(c->root, &st) != 0) {
        char *tag = xasprintf("%s/%s", c->root, TAG_NAME), *ignore = xasprintf("%s/.gitignore", c->root);
        int rc = (mkdir(c->root, 0755) == 0 || errno == EEXIST) && write_file(tag, TAG_TEXT, strlen(TAG_TEXT), 0) == 0
                 && write_file(ignore, "*\n", 2, 0) == 0 ? 0 : -1;
        free(tag);
        free(ignore);
        if (rc != 0)
            return -1;
    }
    return mkdir(c->dir, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

static void warn_once(Cache *c, const char *what, int err)
{
    if (atomic_exchange(&c->write_off, 1) == 0)
        fprintf(stderr, "gotcha: warning: cannot write the cache in %s (%s: %s); running without it\n",
                c->root, what, strerror(err));
}

static int slot_cmp(const void *a, const void *b)
{
    return key_cmp(&((const Slot *)a)->key, &((const Slot *)b)->key);
}

/* The header and index of the pack of this run's slots (sorted, one per key); the entries
   follow them in slot order. */
static void pack_header(Cache *c, Buf *out)
{
    qsort(c->slots, (size_t)c->nslots, sizeof *c->slots, slot_cmp);
    int32_t n = 0;
    for (int32_t i = 0; i < c->nslots; i++) {   /* one slot per key: a new one beats an old one */
        Slot *kept = n > 0 && key_cmp(&c->slots[n - 1].key, &c->slots[i].key) == 0 ? &c->slots[n - 1] : NULL;
        if (!kept) {
            c->slots[n++] = c->slots[i];
            continue;
        }
        if (c->slots[i].is_new && !kept->is_new)
            *kept = c->slots[i];   /* the other's bytes stay where they are, unused */
    }
    c->nslots = n;
    buf_add(out, PACK_MAGIC, 4);
    for (int i = 0; i < 4; i++)
        buf_putc(out, (char)((uint32_t)n >> (8 * i)));
    uint64_t offset = 8 + (uint64_t)n * PACK_SLOT + 8;
    for (int32_t i = 0; i < n; i++) {
        write_u64(out, c->slots[i].key.h[0]);
        write_u64(out, c->slots[i].key.h[1]);
        write_u64(out, offset);
        write_u64(out, c->slots[i].len);
        offset += c->slots[i].len;
    }
    write_u64(out, cache_entry_checksum(out->data, out->len));
}

/* Write the n pieces of v in order, as few writev calls as the system allows (0, or -1 with
   errno). v is consumed. */
static int write_pieces(int fd, struct iovec *v, int n)
{
    long most = sysconf(_SC_IOV_MAX);   /* pieces per call: 1024 on Linux, at least 16 by POSIX */
    if (most < 16)
        most = 16;
    while (n > 0) {
        ssize_t done = writev(fd, v, n < most ? n : (int)most);
        if (done < 0 && errno == EINTR)
            continue;
        if (done <= 0) {
            errno = done < 0 ? errno : EIO;
            return -1;
        }
        for (; n > 0 && (size_t)done >= v->iov_len; v++, n--)
            done -= (ssize_t)v->iov_len;
        if (n > 0) {   /* a piece written in part: the rest of it goes next */
            v->iov_base = (char *)v->iov_base + done;
            v->iov_len -= (size_t)done;
        }
    }
    return 0;
}

/* Header, index, then each entry straight from where it is (no second copy of the pack), in a
   few writev calls (a cold run's entries lie apart: one write each cost more than their bytes);
   entries that lie back to back (most of the old pack's: both are sorted by key) are one piece. */
static int pack_stream(Cache *c, const char *path)
{
    Buf header;
    buf_init(&header);
    pack_header(c, &header);
    struct iovec *pieces = xmalloc(((size_t)c->nslots + 1) * sizeof *pieces);
    int n = 0;
    pieces[n++] = (struct iovec){ header.data, header.len };
    for (int32_t i = 0, next; i < c->nslots; i = next) {
        size_t len = c->slots[i].len;
        for (next = i + 1; next < c->nslots && c->slots[next].data == c->slots[i].data + len; next++)
            len += c->slots[next].len;
        pieces[n++] = (struct iovec){ (void *)c->slots[i].data, len };
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int rc = fd < 0 ? -1 : write_pieces(fd, pieces, n);
    int saved = errno;
    if (fd >= 0 && close(fd) != 0 && rc == 0)
        rc = -1;
    else
        errno = saved;
    free(pieces);
    buf_free(&header);
    return rc;
}

/* Write the pack; a failure is kept in fail_what / fail_errno (cache_close says it: the writer
   thread prints nothing). */
static void pack_write(Cache *c)
{
    if (make_folders(c) != 0) {
        c->fail_what = "creating the folder";
        c->fail_errno = errno;
        return;
    }
    char *tmp = xasprintf("%s.tmp-%ld", c->pack, (long)getpid());
    if (pack_stream(c, tmp) != 0 || rename(tmp, c->pack) != 0) {
        c->fail_errno = errno;
        c->fail_what = "writing the pack";
        unlink(tmp);
    }
    free(tmp);
}

static int pack_needed(const Cache *c)
{
    return c->changed || (uint32_t)c->nslots != c->count;
}

static void *pack_writer(void *arg)
{
    pack_write(arg);
    return NULL;
}

void cache_write_begin(Cache *c)
{
    if (!c || c->writing || !pack_needed(c))
        return;
    c->writing = pthread_create(&c->writer, NULL, pack_writer, c) == 0;   /* else cache_close writes */
}

void cache_close(Cache *c)
{
    if (!c)
        return;
    if (c->writing)
        pthread_join(c->writer, NULL);
    else if (pack_needed(c))
        pack_write(c);
    if (c->fail_what)
        warn_once(c, c->fail_what, c->fail_errno);
    chunks_free(c->chunks);
    cache_room_free(c->room);
    free(c->slots);
    pthread_mutex_destroy(&c->lock);
    if (c->map)
        munmap(c->map, c->old_len);
    buf_free(&c->old_copy);
    free(c->root);
    free(c->dir);
    free(c->pack);
    free(c);
}

/* ---- summaries held without the cache ---- */

struct SummaryStore {
    pthread_mutex_t lock;    /* guards chunks */
    Chunk *chunks;
    CacheRoom *room;       /* the arrays of the summaries kept */
};

SummaryStore *cache_summaries_new(void)
{
    SummaryStore *s = xcalloc(1, sizeof *s);
    pthread_mutex_init(&s->lock, NULL);
    s->room = cache_room_new();
    return s;
}

void cache_summaries_keep(SummaryStore *s, CheckProject *proj)
{
    if (!proj->summary || proj->summary->blocks || proj->summary->held)
        return;
    Buf data;
    buf_init(&data);
    cache_entry_encode_summary(proj->summary, &data);
    pthread_mutex_lock(&s->lock);
    char *copy = chunk_room(&s->chunks, data.len);
    pthread_mutex_unlock(&s->lock);
    memcpy(copy, data.data, data.len);
    ModSummary *read = cache_entry_read_summary(copy, data.len, s->room);
    if (read) {
        summary_free(proj->summary);
        proj->summary = read;
    }
    buf_free(&data);
}

void cache_summaries_free(SummaryStore *s)
{
    if (!s)
        return;
    chunks_free(s->chunks);
    cache_room_free(s->room);
    pthread_mutex_destroy(&s->lock);
    free(s);
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
