/* The cache entry format (cache.h). Little-endian fields, written byte by byte:

     "GTC5"  key (2 x u64)  nnoqa_unused (u32)
     ndiags (u32)    diag*
     npending (u32)  { diag  when (u8)  cond }*
     has_summary (u8) [ summary ]
     checksum (u64): of every byte before it

   diag    = code (str) line col end_line end_col (i32) start end (u32) message (str)
             has_fix (u8) [ title (str) safe (u8) nedits (u32) { start end (u32) text (str) }* ]
   cond    = kind (u8) name (str) nrefs (u32) ref*
   ref     = target (str) index (i32) keyword (str) line (i32)
   summary = names, funcs, classes, stars, all, uses, calls: each a count (u32) then the items
             (summary.h)
   str     = length (u32; 0xFFFFFFFF = NULL) then the bytes and a NUL

   A summary is read in place: its strings point into the entry's bytes (the NUL ending each one
   is checked), its arrays come from a room shared by the run's summaries (CacheRoom: each
   thread fills a chunk of its own) or, without one, from a few blocks it owns (ModSummary.blocks):
   reading one costs no malloc or two, not one per string. Findings are copied (they outlive the cache's pack). A new
   summary field is read with get_str / get_room like its neighbours (summary_free frees nothing
   of a read summary but its blocks).

   The reader checks every length against what is left before it allocates, so a corrupt count
   cannot make it allocate more than the entry's size in items. */
#include "cache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "../rules/registry.h"
#include "../util/xalloc.h"

#define NULL_LEN 0xFFFFFFFFu

/* ---- writing ---- */

/* buf_add for the few bytes of a field: inline while the buffer has room (an entry is written
   field by field, a call each cost more than the bytes). */
static void put_bytes(Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        buf_add(b, s, n);
        return;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void put_u8(Buf *b, uint8_t v)
{
    char byte = (char)v;
    put_bytes(b, &byte, 1);
}

static void put_u32(Buf *b, uint32_t v)
{
    char bytes[4] = { (char)v, (char)(v >> 8), (char)(v >> 16), (char)(v >> 24) };
    put_bytes(b, bytes, 4);
}

static void put_u64(Buf *b, uint64_t v)
{
    put_u32(b, (uint32_t)v);
    put_u32(b, (uint32_t)(v >> 32));
}

static void put_str(Buf *b, const char *s)
{
    if (!s) {
        put_u32(b, NULL_LEN);
        return;
    }
    size_t n = strlen(s);
    put_u32(b, (uint32_t)n);
    put_bytes(b, s, n + 1);   /* the NUL too: the reader points into the entry */
}

static void put_diag(Buf *b, const Diag *d)
{
    put_str(b, d->code);
    put_u32(b, (uint32_t)d->line);
    put_u32(b, (uint32_t)d->col);
    put_u32(b, (uint32_t)d->end_line);
    put_u32(b, (uint32_t)d->end_col);
    put_u32(b, d->start);
    put_u32(b, d->end);
    put_str(b, d->message);
    put_u8(b, d->fix != NULL);
    if (!d->fix)
        return;
    put_str(b, d->fix->title);
    put_u8(b, d->fix->safe);
    put_u32(b, (uint32_t)d->fix->nedits);
    for (int32_t i = 0; i < d->fix->nedits; i++) {
        put_u32(b, d->fix->edits[i].start);
        put_u32(b, d->fix->edits[i].end);
        put_str(b, d->fix->edits[i].text);
    }
}

static void put_ref(Buf *b, const DiagRef *r)
{
    put_str(b, r->target);
    put_u32(b, (uint32_t)r->index);
    put_str(b, r->keyword);
    put_u32(b, (uint32_t)r->line);
}

static void put_refs(Buf *b, const DiagRef *refs, int32_t n)
{
    put_u32(b, (uint32_t)n);
    for (int32_t i = 0; i < n; i++)
        put_ref(b, &refs[i]);
}

static void put_strs(Buf *b, char **items, int32_t n)
{
    put_u32(b, (uint32_t)n);
    for (int32_t i = 0; i < n; i++)
        put_str(b, items[i]);
}

static void put_func(Buf *b, const SumFunc *f)
{
    put_str(b, f->name);
    put_u32(b, (uint32_t)f->line);
    put_u8(b, f->is_method);
    put_u8(b, f->returns);
    put_u32(b, (uint32_t)f->ret_param);
    put_str(b, f->ret_ref);
    put_u32(b, (uint32_t)f->npositional);
    put_u32(b, (uint32_t)f->nparams);
    for (int32_t k = 0; k < f->nparams; k++) {
        const SumParam *p = &f->params[k];
        put_str(b, p->name);
        put_u32(b, p->effects);
        put_u32(b, (uint32_t)p->line);
        put_u8(b, p->store);
        put_str(b, p->store_name);
        put_u32(b, (uint32_t)p->store_line);
        put_refs(b, p->passes, p->npasses);
    }
}

static void put_class(Buf *b, const SumClass *c)
{
    put_str(b, c->name);
    put_u32(b, (uint32_t)c->line);
    put_u8(b, c->facts);
    put_strs(b, c->bases, c->nbases);
    put_u32(b, (uint32_t)c->nmutations);
    for (int32_t k = 0; k < c->nmutations; k++) {
        put_str(b, c->mutations[k].attr);
        put_str(b, c->mutations[k].method);
        put_u32(b, (uint32_t)c->mutations[k].line);
    }
}

static void put_summary(Buf *b, const ModSummary *m)
{
    put_u32(b, (uint32_t)m->nnames);
    for (int32_t i = 0; i < m->nnames; i++) {
        put_str(b, m->names[i].name);
        put_u8(b, m->names[i].value);
        put_u32(b, (uint32_t)m->names[i].line);
        put_str(b, m->names[i].target);
    }
    put_u32(b, (uint32_t)m->nfuncs);
    for (int32_t i = 0; i < m->nfuncs; i++)
        put_func(b, &m->funcs[i]);
    put_u32(b, (uint32_t)m->nclasses);
    for (int32_t i = 0; i < m->nclasses; i++)
        put_class(b, &m->classes[i]);
    put_strs(b, m->stars, m->nstars);
    put_u8(b, m->has_all);
    put_strs(b, m->all, m->nall);
    put_u32(b, (uint32_t)m->nuses);
    for (int32_t i = 0; i < m->nuses; i++) {
        const SumUse *u = &m->uses[i];
        put_str(b, u->ref);
        put_str(b, u->attr);
        put_str(b, u->keywords);
        put_u32(b, (uint32_t)u->npos);
        put_str(b, u->where);
        put_u32(b, (uint32_t)u->line);
        put_u8(b, u->flags);
    }
    put_u32(b, (uint32_t)m->ncalls);
    for (int32_t i = 0; i < m->ncalls; i++) {
        put_str(b, m->calls[i].name);
        put_str(b, m->calls[i].ref);
        put_u32(b, (uint32_t)m->calls[i].npos);
        put_str(b, m->calls[i].keywords);
    }
}

/* The checksum of an entry: 8 bytes at a time (read little-endian, so that every machine computes
   the same), each word folded in by a multiply and a rotation; the length and a final mix make
   the last bits depend on every byte. A byte at a time (FNV) cost more than the rest of reading. */
static inline uint64_t word_le(const unsigned char *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24
           | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

static inline uint64_t fold(uint64_t h, uint64_t w)
{
    h ^= w * 0x9E3779B97F4A7C15ull;
    return (h << 27 | h >> 37) * 0xC2B2AE3D27D4EB4Full;
}

uint64_t cache_entry_checksum(const char *data, size_t len)
{
    const unsigned char *p = (const unsigned char *)data;
    uint64_t a = 0x6A09E667F3BCC908ull, b = 0xBB67AE8584CAA73Bull ^ len;
    size_t i = 0;
    for (; i + 16 <= len; i += 16) {   /* two lanes: the multiplies overlap */
        a = fold(a, word_le(p + i));
        b = fold(b, word_le(p + i + 8));
    }
    for (; i + 8 <= len; i += 8)
        a = fold(a, word_le(p + i));
    uint64_t tail = 0;
    for (size_t k = 0; i + k < len; k++)
        tail |= (uint64_t)p[i + k] << (8 * k);
    uint64_t h = fold(a ^ (b << 1 | b >> 63), tail ^ (uint64_t)(len - i) << 59);
    h ^= h >> 31;
    h *= 0xFF51AFD7ED558CCDull;
    return h ^ h >> 29;
}

void cache_entry_encode_summary(const ModSummary *m, Buf *out)
{
    put_summary(out, m);
}

size_t cache_entry_encode(const CacheKey *key, const FileResult *res, const CheckProject *proj, Buf *out)
{
    size_t summary_at = 0;
    buf_add(out, CACHE_ENTRY_MAGIC, 4);
    put_u64(out, key->h[0]);
    put_u64(out, key->h[1]);
    put_u32(out, (uint32_t)res->nnoqa_unused);
    put_u32(out, (uint32_t)res->ndiags);
    for (int32_t i = 0; i < res->ndiags; i++)
        put_diag(out, &res->diags[i]);
    put_u32(out, (uint32_t)proj->pending.n);
    for (int32_t i = 0; i < proj->pending.n; i++) {
        const DiagPending *p = &proj->pending.items[i];
        put_diag(out, &p->diag);
        put_u8(out, p->when);
        put_u8(out, p->cond.kind);
        put_str(out, p->cond.name);
        put_refs(out, p->cond.refs, p->cond.nrefs);
    }
    put_u8(out, proj->summary != NULL);
    if (proj->summary) {
        summary_at = out->len;
        put_summary(out, proj->summary);
    }
    put_u64(out, cache_entry_checksum(out->data, out->len));
    return summary_at;
}

/* ---- reading ---- */

/* A block of a decoded summary's memory: chained through its first word (ModSummary.blocks). */
typedef struct Block {
    struct Block *next;
    _Alignas(16) unsigned char data[];
} Block;

typedef struct Reader {
    const unsigned char *p, *end;
    int bad;                 /* set by the first read past the end or malformed field */
    CacheRoom *room;       /* where the summary's arrays go, or NULL: into blocks */
    Block *blocks;           /* the summary being read: its blocks, newest first */
    unsigned char *cur;      /* free bytes of the newest block */
    size_t left, next_size;  /* how many; the size of the next block */
} Reader;

/* ---- rooms ---- */

#define ROOM_CHUNK ((size_t)1 << 20)

struct CacheRoom {
    pthread_mutex_t lock;    /* guards chunks */
    Block *chunks;
    uint64_t id;             /* never reused: a thread's chunk belongs to this room if ids agree */
};

static atomic_uint_fast64_t room_ids;

/* The chunk this thread fills, and for which room. */
static _Thread_local struct {
    uint64_t id;
    unsigned char *cur;
    size_t left;
} filling;

CacheRoom *cache_room_new(void)
{
    CacheRoom *room = xcalloc(1, sizeof *room);
    pthread_mutex_init(&room->lock, NULL);
    room->id = atomic_fetch_add(&room_ids, 1) + 1;
    return room;
}

void cache_room_free(CacheRoom *room)
{
    if (!room)
        return;
    for (Block *b = room->chunks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    pthread_mutex_destroy(&room->lock);
    free(room);
}

/* `need` bytes (a multiple of 8) of the room, from this thread's chunk; a new chunk when it is
   full (what was left of the old one stays unused). */
static void *room_take(CacheRoom *room, size_t need)
{
    if (filling.id != room->id || need > filling.left) {
        size_t size = need > ROOM_CHUNK / 4 ? need : ROOM_CHUNK;
        Block *b = xcalloc(1, sizeof *b + size);   /* zeroed once: a new mapping costs no memset */
        pthread_mutex_lock(&room->lock);
        b->next = room->chunks;
        room->chunks = b;
        pthread_mutex_unlock(&room->lock);
        if (size == need && filling.id == room->id)
            return b->data;   /* a large one alone: the chunk being filled goes on */
        filling.id = room->id;
        filling.cur = b->data;
        filling.left = size;
    }
    void *p = filling.cur;
    filling.cur += need;
    filling.left -= need;
    return p;
}

static inline uint8_t get_u8(Reader *r)
{
    if (r->bad || r->p >= r->end) {
        r->bad = 1;
        return 0;
    }
    return *r->p++;
}

static inline uint32_t get_u32(Reader *r)
{
    if (r->bad || r->end - r->p < 4) {
        r->bad = 1;
        return 0;
    }
    uint32_t v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 | (uint32_t)r->p[3] << 24;
    r->p += 4;
    return v;
}

static uint64_t get_u64(Reader *r)
{
    uint64_t lo = get_u32(r);
    return lo | (uint64_t)get_u32(r) << 32;
}

/* A string in place (it points into the entry), or NULL (for a NULL string or on error: check
   r->bad). The NUL after it is checked, not the bytes before it: a NUL inside (which only a
   crafted entry with a right checksum can hold) shortens the string, as C reads it, and nothing
   else. */
static inline char *get_str(Reader *r)
{
    uint32_t n = get_u32(r);
    if (r->bad || n == NULL_LEN)
        return NULL;
    if ((size_t)(r->end - r->p) <= n || r->p[n] != 0) {
        r->bad = 1;
        return NULL;
    }
    char *s = (char *)r->p;   /* the summary's strings are never written through */
    r->p += n + 1;
    return s;
}

/* A malloc'ed copy of a string (for what outlives the entry's bytes), or NULL as get_str. */
static char *get_str_copy(Reader *r)
{
    const char *s = get_str(r);
    return s ? xstrdup(s) : NULL;
}

/* A count of items of at least `min_size` bytes each that can still be in the entry. */
static inline int32_t get_count(Reader *r, size_t min_size)
{
    uint32_t n = get_u32(r);
    if (r->bad || n > INT32_MAX || (size_t)n > (size_t)(r->end - r->p) / min_size) {
        r->bad = 1;
        return 0;
    }
    return (int32_t)n;
}

/* Zeroed room for n items of `size` bytes (one when n is 0, so that an empty array is not NULL)
   in the reader's room or else in the summary's blocks, aligned for pointers. The first block is
   sized from the entry, later ones double: a summary takes one or two mallocs. A warm run's memory is mostly this room, and
   each new page of it costs a fault: no item more than asked. */
static void *get_room(Reader *r, size_t n, size_t size)
{
    size_t need = ((n ? n : 1) * size + 7) & ~(size_t)7;
    if (r->room)
        return room_take(r->room, need);   /* zeroed already: a room's bytes are used once */
    if (need > r->left) {
        size_t want = need > r->next_size ? need : r->next_size;
        Block *b = xmalloc(sizeof *b + want);
        b->next = r->blocks;
        r->blocks = b;
        r->cur = b->data;
        r->left = want;
        r->next_size = want * 2;
    }
    void *p = r->cur;
    memset(p, 0, need);
    r->cur += need;
    r->left -= need;
    return p;
}

/* The rule table's own code string (diagnostics point to it), or NULL for a code no rule has. */
static const char *known_code(const char *code)
{
    int i = code ? registry_index(code) : -1;
    return i >= 0 ? registry_table[i]->code : NULL;
}

static void get_fix(Reader *r, Diag *d)
{
    const char *title = get_str(r);
    uint8_t safe = get_u8(r);
    d->fix = diag_fix_new(title ? title : "", safe);
    int32_t n = get_count(r, 12);
    for (int32_t i = 0; i < n && !r->bad; i++) {
        uint32_t start = get_u32(r), end = get_u32(r);
        const char *text = get_str(r);
        if (!r->bad)
            diag_fix_add_edit(d->fix, start, end, text ? text : "");
    }
}

/* A diagnostic (its strings copied); on error what it holds is freed and r->bad set. */
static void get_diag(Reader *r, Diag *d)
{
    memset(d, 0, sizeof *d);
    d->code = known_code(get_str(r));
    d->line = (int32_t)get_u32(r);
    d->col = (int32_t)get_u32(r);
    d->end_line = (int32_t)get_u32(r);
    d->end_col = (int32_t)get_u32(r);
    d->start = get_u32(r);
    d->end = get_u32(r);
    d->message = get_str_copy(r);
    if (get_u8(r))
        get_fix(r, d);
    if (!d->code || !d->message)
        r->bad = 1;
    if (r->bad) {
        free(d->message);
        diag_fix_free(d->fix);
        memset(d, 0, sizeof *d);
    }
}

/* References, their strings in place; the array in the summary's blocks, or malloc'ed when
   `own` (the caller frees the array only). */
static DiagRef *get_refs(Reader *r, int32_t *n, int own)
{
    *n = get_count(r, 16);
    if (!*n)
        return NULL;
    DiagRef *refs = own ? xcalloc((size_t)*n, sizeof *refs) : get_room(r, (size_t)*n, sizeof *refs);
    for (int32_t i = 0; i < *n; i++) {
        refs[i].target = get_str(r);
        refs[i].index = (int32_t)get_u32(r);
        refs[i].keyword = get_str(r);
        refs[i].line = (int32_t)get_u32(r);
        if (!refs[i].target)
            r->bad = 1;
    }
    return refs;
}

static char **get_strs(Reader *r, int32_t *n)
{
    *n = get_count(r, 4);
    char **items = get_room(r, (size_t)*n, sizeof *items);
    for (int32_t i = 0; i < *n; i++)
        if (!(items[i] = get_str(r)))
            r->bad = 1;
    return items;
}

static void get_func(Reader *r, SumFunc *f)
{
    f->name = get_str(r);
    f->line = (int32_t)get_u32(r);
    f->is_method = get_u8(r);
    f->returns = get_u8(r);
    f->ret_param = (int32_t)get_u32(r);
    f->ret_ref = get_str(r);
    f->npositional = (int32_t)get_u32(r);
    f->nparams = get_count(r, 16);
    f->params = get_room(r, (size_t)f->nparams, sizeof *f->params);
    for (int32_t k = 0; k < f->nparams; k++) {
        SumParam *p = &f->params[k];
        p->name = get_str(r);
        p->effects = (uint16_t)get_u32(r);
        p->line = (int32_t)get_u32(r);
        p->store = get_u8(r);
        p->store_name = get_str(r);
        p->store_line = (int32_t)get_u32(r);
        p->passes = get_refs(r, &p->npasses, 0);
        if (!p->name || p->store > SUM_STORE_ITEM || (p->store != SUM_STORE_NONE) != (p->store_name != NULL))
            r->bad = 1;
    }
    if (!f->name || f->returns > SUM_RETURN_UNKNOWN || f->npositional < 0 || f->npositional > f->nparams)
        r->bad = 1;
}

static void get_class(Reader *r, SumClass *c)
{
    c->name = get_str(r);
    c->line = (int32_t)get_u32(r);
    c->facts = get_u8(r);
    c->bases = get_strs(r, &c->nbases);
    c->nmutations = get_count(r, 12);
    c->mutations = get_room(r, (size_t)c->nmutations, sizeof *c->mutations);
    for (int32_t k = 0; k < c->nmutations; k++) {
        c->mutations[k].attr = get_str(r);
        c->mutations[k].method = get_str(r);
        c->mutations[k].line = (int32_t)get_u32(r);
        if (!c->mutations[k].attr || !c->mutations[k].method)
            r->bad = 1;
    }
    if (!c->name)
        r->bad = 1;
}

/* Lookups bsearch the three tables: they must be sorted as summary_build leaves them. */
static int sorted_summary(const ModSummary *m)
{
    for (int32_t i = 1; i < m->nnames; i++)
        if (strcmp(m->names[i - 1].name, m->names[i].name) > 0)
            return 0;
    for (int32_t i = 1; i < m->nfuncs; i++)
        if (strcmp(m->funcs[i - 1].name, m->funcs[i].name) > 0)
            return 0;
    for (int32_t i = 1; i < m->nclasses; i++)
        if (strcmp(m->classes[i - 1].name, m->classes[i].name) > 0)
            return 0;
    for (int32_t i = 1; i < m->ncalls; i++)
        if (strcmp(m->calls[i - 1].name, m->calls[i].name) > 0)
            return 0;
    return 1;
}

static void get_summary_items(Reader *r, ModSummary *m)
{
    m->nnames = get_count(r, 13);
    m->names = get_room(r, (size_t)m->nnames, sizeof *m->names);
    for (int32_t i = 0; i < m->nnames; i++) {
        m->names[i].name = get_str(r);
        m->names[i].value = get_u8(r);
        m->names[i].line = (int32_t)get_u32(r);
        m->names[i].target = get_str(r);
        if (!m->names[i].name || m->names[i].value > SUM_VALUE_IMPORT
            || (m->names[i].value == SUM_VALUE_IMPORT) != (m->names[i].target != NULL))
            r->bad = 1;
    }
    m->nfuncs = get_count(r, 26);
    m->funcs = get_room(r, (size_t)m->nfuncs, sizeof *m->funcs);
    for (int32_t i = 0; i < m->nfuncs && !r->bad; i++)
        get_func(r, &m->funcs[i]);
    m->nclasses = r->bad ? 0 : get_count(r, 17);
    m->classes = get_room(r, (size_t)m->nclasses, sizeof *m->classes);
    for (int32_t i = 0; i < m->nclasses && !r->bad; i++)
        get_class(r, &m->classes[i]);
    m->stars = get_strs(r, &m->nstars);
    m->has_all = get_u8(r);
    m->all = get_strs(r, &m->nall);
    m->nuses = r->bad ? 0 : get_count(r, 25);
    m->uses = get_room(r, (size_t)m->nuses, sizeof *m->uses);
    for (int32_t i = 0; i < m->nuses && !r->bad; i++) {
        SumUse *u = &m->uses[i];
        u->ref = get_str(r);
        u->attr = get_str(r);
        u->keywords = get_str(r);
        u->npos = (int32_t)get_u32(r);
        u->where = get_str(r);
        u->line = (int32_t)get_u32(r);
        u->flags = get_u8(r);
        if (!u->ref || !u->where || (u->npos >= 0) != (u->keywords != NULL))
            r->bad = 1;
    }
    m->ncalls = r->bad ? 0 : get_count(r, 16);
    m->calls = get_room(r, (size_t)m->ncalls, sizeof *m->calls);
    for (int32_t i = 0; i < m->ncalls && !r->bad; i++) {
        SumNameCall *c = &m->calls[i];
        c->name = get_str(r);
        c->ref = get_str(r);
        c->npos = (int32_t)get_u32(r);
        c->keywords = get_str(r);
        if (!c->name || !c->ref || !c->keywords || c->npos < 0)
            r->bad = 1;
    }
    if (!r->bad && !sorted_summary(m))
        r->bad = 1;
}

/* The summary, read in place: free it (summary_free) before the entry's bytes. */
static ModSummary *get_summary(Reader *r)
{
    r->next_size = (size_t)(r->end - r->p) * 2 + 256;
    ModSummary *m = get_room(r, 1, sizeof *m);
    get_summary_items(r, m);
    m->blocks = r->blocks;
    m->held = r->room != NULL;
    r->blocks = NULL;
    r->left = 0;
    return m;
}

ModSummary *cache_entry_read_summary(const char *data, size_t len, CacheRoom *room)
{
    Reader r = { (const unsigned char *)data, (const unsigned char *)data + len, 0, room, NULL, NULL, 0, 0 };
    ModSummary *m = get_summary(&r);
    if (!r.bad && r.p == r.end)
        return m;
    summary_free(m);
    return NULL;
}

static void get_pending(Reader *r, DiagPendingList *list)
{
    int32_t n = get_count(r, 43);
    for (int32_t i = 0; i < n && !r->bad; i++) {
        Diag d;
        get_diag(r, &d);
        if (r->bad)
            return;
        uint8_t when = get_u8(r);
        DiagCond c = { .kind = get_u8(r) };
        c.name = get_str(r);
        c.refs = get_refs(r, &c.nrefs, 1);
        if (when > 1 || c.kind > DIAG_COND_RETURNS_INSTANCE)
            r->bad = 1;
        if (r->bad) {   /* a reference without its target cannot be copied */
            free(d.message);
            diag_fix_free(d.fix);
            free(c.refs);
            return;
        }
        diag_pending_add(list, &d, when, &c);   /* copies the condition; the list owns d now */
        free(c.refs);
    }
}

int cache_entry_decode(const CacheKey *key, const char *data, size_t len, CacheRoom *room, FileResult *res,
                       CheckProject *proj)
{
    memset(res, 0, sizeof *res);
    memset(proj, 0, sizeof *proj);
    if (len < 4 + 16 + 8 || memcmp(data, CACHE_ENTRY_MAGIC, 4) != 0)
        return -1;
    uint64_t stored = 0;
    for (int i = 7; i >= 0; i--)
        stored = stored << 8 | (unsigned char)data[len - 8 + (size_t)i];
    if (stored != cache_entry_checksum(data, len - 8))
        return -1;
    Reader r = { (const unsigned char *)data + 4, (const unsigned char *)data + len - 8, 0, room, NULL, NULL, 0, 0 };
    if (get_u64(&r) != key->h[0] || get_u64(&r) != key->h[1])
        return -1;
    res->nnoqa_unused = (int32_t)get_u32(&r);
    int32_t n = get_count(&r, 33);
    res->diags = xcalloc((size_t)n + 1, sizeof *res->diags);
    for (int32_t i = 0; i < n && !r.bad; i++) {
        get_diag(&r, &res->diags[i]);
        if (!r.bad)
            res->ndiags++;
    }
    if (!r.bad)
        get_pending(&r, &proj->pending);
    if (!r.bad && get_u8(&r))
        proj->summary = get_summary(&r);
    if (!r.bad && r.p == r.end)
        return 0;
    diag_result_free(res);
    diag_pending_free(&proj->pending);
    summary_free(proj->summary);
    memset(proj, 0, sizeof *proj);
    return -1;
}
