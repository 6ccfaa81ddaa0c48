/* The small shared helpers: rule_util (name lists, AST strings, decorators), fileio (whole-file
   reads with limits) and xalloc. Prints one `ok - NAME` / `not ok - NAME` per check. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/rule_util.h"
#include "util/fileio.h"
#include "util/xalloc.h"

static int failures;

static void check(int cond, const char *name)
{
    printf("%s - %s\n", cond ? "ok" : "not ok", name);
    if (!cond)
        failures++;
}

static Str str_of(const char *s, uint32_t len)
{
    return (Str){ s, len };
}

static void test_name_lists(void)
{
    static const char *const NAMES[] = { "functools.cache", "functools.lru_cache", NULL };
    check(rule_cstr_in("functools.cache", NAMES), "rule_cstr_in finds a listed name");
    check(!rule_cstr_in("functools", NAMES), "rule_cstr_in rejects a prefix of a listed name");
    check(!rule_cstr_in(NULL, NAMES), "rule_cstr_in: an unresolved (NULL) name is in no list");
    static const char *const METHODS[] = { "append", "extend", NULL };
    check(rule_str_in(str_of("extend(", 6), METHODS), "rule_str_in compares only the Str's bytes");
    check(!rule_str_in(str_of("appendleft", 10), METHODS), "rule_str_in rejects a longer name");
    check(!rule_str_in(str_of("app", 3), METHODS), "rule_str_in rejects a shorter name");
}

static void test_str_helpers(void)
{
    check(rule_str_same(str_of("items", 5), str_of("items[0]", 5)), "rule_str_same: equal bytes");
    check(!rule_str_same(str_of("items", 5), str_of("item", 4)), "rule_str_same: other length");
    check(!rule_str_same(str_of("items", 5), str_of("itemz", 5)), "rule_str_same: other bytes");
    check(rule_str_same(str_of(NULL, 0), str_of("", 0)), "rule_str_same: two empty strings");

    char buf[6];
    memset(buf, 'x', sizeof buf);
    check(rule_str_to_cstr(str_of("hello world", 5), buf, sizeof buf) && strcmp(buf, "hello") == 0,
          "rule_str_to_cstr copies and terminates when it fits exactly");
    check(!rule_str_to_cstr(str_of("hello!", 6), buf, sizeof buf) && strcmp(buf, "hello") == 0,
          "rule_str_to_cstr refuses a name without room for the NUL and leaves the buffer alone");
    check(RULE_COUNT_OF(buf) == 6, "RULE_COUNT_OF counts array elements");
}

static void test_decorated_with(void)
{
    const char *decorators[] = { NULL, "functools.wraps", "classmethod" };
    FuncInfo info;
    memset(&info, 0, sizeof info);
    info.decorators = decorators;
    info.ndecorators = 3;
    check(rule_decorated_with(&info, (const char *const[]){ "staticmethod", "classmethod", NULL }),
          "rule_decorated_with finds a later decorator past an unresolved one");
    check(!rule_decorated_with(&info, (const char *const[]){ "staticmethod", NULL }),
          "rule_decorated_with: no listed decorator");
    info.ndecorators = 2;
    check(!rule_decorated_with(&info, (const char *const[]){ "classmethod", NULL }),
          "rule_decorated_with looks only at the first ndecorators");
}

/* A temporary file holding `len` bytes of `fill`; returns its path (static) or NULL. */
static const char *temp_file(size_t len, char fill)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/gotcha_test_fileio_XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    char *data = malloc(len ? len : 1);
    memset(data, fill, len);
    ssize_t written = write(fd, data, len);
    free(data);
    close(fd);
    return written == (ssize_t)len ? path : NULL;
}

static void test_fileio(void)
{
    const char *path = temp_file(20000, 'a');
    if (!path) {
        check(0, "fileio: temporary file");
        return;
    }
    Buf text;
    buf_init(&text);
    check(fileio_read_path(path, &text, SIZE_MAX) == 0 && text.len == 20000,
          "fileio_read_path reads a whole file past one chunk");
    buf_free(&text);

    buf_init(&text);
    check(fileio_read_path(path, &text, 100) == 0 && text.len >= 100 && text.len < 20000,
          "fileio_read_path stops once the limit is reached");
    buf_free(&text);

    buf_init(&text);
    buf_puts(&text, "kept");
    errno = 0;
    check(fileio_read_path("/nonexistent/gotcha/file", &text, SIZE_MAX) < 0 && errno == ENOENT &&
              text.len == 4,
          "fileio_read_path: a missing file is an error (errno kept) and adds nothing");
    buf_free(&text);

    char *bytes = NULL;
    size_t len = 0;
    int fd = open(path, O_RDONLY);
    check(fd >= 0 && fileio_read_fd(fd, 10, 1 << 20, &bytes, &len) == 0 && len == 20000 &&
              bytes[len] == '\0' && bytes[0] == 'a' && bytes[len - 1] == 'a',
          "fileio_read_fd grows past a stale size hint and NUL-terminates");
    free(bytes);
    if (fd >= 0)
        close(fd);

    bytes = NULL;
    fd = open(path, O_RDONLY);
    int rc = fd >= 0 ? fileio_read_fd(fd, 10, 1000, &bytes, &len) : -2;
    check(rc == 1 && bytes && len > 1000 && len < 20000,
          "fileio_read_fd reports a file that grew past max_size and keeps what it read");
    free(bytes);
    if (fd >= 0)
        close(fd);

    bytes = NULL;
    check(fileio_read_fd(-1, 0, 100, &bytes, &len) < 0 && errno == EBADF && !bytes,
          "fileio_read_fd: a read error returns -1 with errno and allocates nothing");
    unlink(path);
}

static void test_xalloc(void)
{
    char *copy = xstrndup("abcdef", 3);
    check(strcmp(copy, "abc") == 0, "xstrndup copies n bytes and terminates");
    free(copy);
    copy = xstrdup("");
    check(copy[0] == '\0', "xstrdup of an empty string");
    free(copy);
    char *msg = xasprintf("%s: %d%%", "done", 42);
    check(strcmp(msg, "done: 42%") == 0, "xasprintf formats into an exact-size block");
    free(msg);
    void *block = xrealloc(NULL, 0);
    check(block != NULL, "xrealloc of size 0 still returns a block");
    free(block);
}

int main(void)
{
    test_name_lists();
    test_str_helpers();
    test_decorated_with();
    test_fileio();
    test_xalloc();
    return failures ? 1 : 0;
}
