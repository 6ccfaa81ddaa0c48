/* libFuzzer target: the cache entry reader (src/cache/cache_entry.c).
   Each input is used twice:
   1. as the body of an entry: framed with the magic, a key and the right checksum (so that the
      mutations reach the fields instead of failing the checksum), then decoded; whatever decodes
      must encode again to an entry that decodes and re-encodes to the same bytes;
   2. as Python source: checked (every rule on), its result encoded, decoded and encoded again,
      which must give the same bytes (the writer and the reader agree on real data).
   Each time the summary is also encoded alone (as cache_summaries_keep does), which must give
   the summary part of the entry, and read in place from the first encoding (as cache_store
   keeps it: into blocks of its own, then into a room), which must encode to the same bytes. The
   decoding of an entry body also goes into a room, which ASan checks is freed whole. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache.h"
#include "rules/registry.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const CacheKey key = { { 0x0123456789abcdefull, 0xfedcba9876543210ull } };

static void put_u64(Buf *b, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        buf_putc(b, (char)(v >> (8 * i)));
}

/* The summary read in place at the offset the encoder gave (what cache_store keeps) encodes to
   the same bytes as the summary it was written from. */
static void summary_in_place(const FileResult *res, const CheckProject *proj, const Buf *first, size_t at)
{
    if (!proj->summary)
        return;
    Buf alone;   /* the summary encoded alone (cache_summaries_keep) is the entry's summary part */
    buf_init(&alone);
    cache_entry_encode_summary(proj->summary, &alone);
    if (alone.len != first->len - at - 8 || memcmp(alone.data, first->data + at, alone.len) != 0)
        abort();
    buf_free(&alone);
    CacheRoom *room = cache_room_new();
    for (int in_room = 0; in_room < 2; in_room++) {   /* blocks of its own, then a room */
        CheckProject read = *proj;
        read.summary = cache_entry_read_summary(first->data + at, first->len - at - 8, in_room ? room : NULL);
        if (!read.summary || read.summary->held != in_room)
            abort();
        Buf again;
        buf_init(&again);
        cache_entry_encode(&key, res, &read, &again);
        if (again.len != first->len || memcmp(again.data, first->data, first->len) != 0)
            abort();
        summary_free(read.summary);
        buf_free(&again);
    }
    cache_room_free(room);
}

/* Encode, decode, encode: both encodings must be equal. */
static void roundtrip(const FileResult *res, const CheckProject *proj)
{
    Buf first, second;
    buf_init(&first);
    buf_init(&second);
    summary_in_place(res, proj, &first, cache_entry_encode(&key, res, proj, &first));
    FileResult back;
    CheckProject back_proj;
    if (cache_entry_decode(&key, first.data, first.len, NULL, &back, &back_proj) != 0)
        abort();   /* what the writer wrote, the reader reads */
    cache_entry_encode(&key, &back, &back_proj, &second);
    if (first.len != second.len || memcmp(first.data, second.data, first.len) != 0)
        abort();
    diag_result_free(&back);
    diag_pending_free(&back_proj.pending);
    summary_free(back_proj.summary);
    buf_free(&first);
    buf_free(&second);
}

static void as_entry_body(const uint8_t *data, size_t size)
{
    Buf entry;
    buf_init(&entry);
    buf_add(&entry, CACHE_ENTRY_MAGIC, 4);
    put_u64(&entry, key.h[0]);
    put_u64(&entry, key.h[1]);
    buf_add(&entry, (const char *)data, size);
    put_u64(&entry, cache_entry_checksum(entry.data, entry.len));
    FileResult res;
    CheckProject proj;
    CacheRoom *room = cache_room_new();
    if (cache_entry_decode(&key, entry.data, entry.len, room, &res, &proj) == 0) {
        roundtrip(&res, &proj);
        diag_result_free(&res);
        diag_pending_free(&proj.pending);
        summary_free(proj.summary);
    }
    cache_room_free(room);
    buf_free(&entry);
}

static void as_source(const uint8_t *data, size_t size)
{
    CheckOptions options = {0};
    for (int i = 0; i < registry_count; i++)
        options.rules.enabled[i] = 1;
    options.target_minor = 13;
    Arena arena;
    arena_init(&arena);
    FileResult res = {0};
    CheckProject proj;
    check_source_project("fuzz.py", (const char *)data, size, &options, &arena, &res, &proj);
    roundtrip(&res, &proj);
    diag_result_free(&res);
    diag_pending_free(&proj.pending);
    summary_free(proj.summary);
    arena_free(&arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    as_entry_body(data, size);
    as_source(data, size);
    return 0;
}
