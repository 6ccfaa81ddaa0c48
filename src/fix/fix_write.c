/* Reading a file with its stamp, and replacing it atomically (temp file + fsync + rename). */
#include "fix.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../util/fileio.h"

uint64_t fix_hash(const char *data, size_t len)
{
    uint64_t h = 1469598103934665603ull;   /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)data[i];
        h *= 1099511628211ull;
    }
    return h;
}

static void stamp_from_stat(const struct stat *st, FileStamp *stamp)
{
    stamp->size = (uint64_t)st->st_size;
    stamp->mtime_sec = (int64_t)st->st_mtim.tv_sec;
    stamp->mtime_nsec = (int64_t)st->st_mtim.tv_nsec;
    stamp->dev = (uint64_t)st->st_dev;
    stamp->ino = (uint64_t)st->st_ino;
    stamp->mode = st->st_mode;
    stamp->uid = st->st_uid;
    stamp->gid = st->st_gid;
}

/* Read all of fd (its fstat size is only a hint); a file that grew past max_size since the
   fstat is refused like one that was too large from the start. 0, or -1 with errno set. */
static int read_all(int fd, size_t size_hint, size_t max_size, char **bytes, size_t *len)
{
    int rc = fileio_read_fd(fd, size_hint, max_size, bytes, len);
    if (rc == 1) {
        free(*bytes);
        *bytes = NULL;
        errno = EFBIG;
        return -1;
    }
    return rc;
}

int fix_read_file(const char *path, size_t max_size, char **bytes, size_t *len, FileStamp *stamp,
                  char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "skipping %s: not a regular file", path);
        close(fd);
        return 1;
    }
    if ((uint64_t)st.st_size > max_size) {
        snprintf(err, errlen, "skipping %s: larger than --max-file-size (%zu bytes)", path, max_size);
        close(fd);
        return 1;
    }
    if (read_all(fd, (size_t)st.st_size, max_size, bytes, len) != 0) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    close(fd);
    stamp_from_stat(&st, stamp);
    stamp->size = *len;
    stamp->hash = fix_hash(*bytes, *len);
    return 0;
}

/* ---- writing ---- */

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t put = write(fd, data, len);
        if (put < 0 && errno == EINTR)
            continue;
        if (put < 0)
            return -1;
        if (put == 0) {
            errno = ENOSPC;
            return -1;
        }
        data += put;
        len -= (size_t)put;
    }
    return 0;
}

/* Create a new file `<dir>/.<name>.gotcha-XXXXXX` (O_EXCL, mode 0600 until fchmod). */
static int create_temp(const char *target, char *temp_path, size_t cap)
{
    char dir_copy[PATH_MAX], base_copy[PATH_MAX];
    snprintf(dir_copy, sizeof dir_copy, "%s", target);
    snprintf(base_copy, sizeof base_copy, "%s", target);
    const char *dir = dirname(dir_copy), *base = basename(base_copy);
    unsigned long seed = (unsigned long)getpid() ^ (unsigned long)time(NULL) ^ (unsigned long)(uintptr_t)temp_path;
    for (int attempt = 0; attempt < 100; attempt++) {
        seed = seed * 6364136223846793005ul + 1442695040888963407ul;
        int n = snprintf(temp_path, cap, "%s/.%s.gotcha-%06lx", dir, base, (seed >> 20) & 0xFFFFFF);
        if (n < 0 || (size_t)n >= cap) {
            errno = ENAMETOOLONG;
            return -1;
        }
        int fd = open(temp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

/* The test hook (see fix.h): change the original under our feet. */
static void test_hook_before_rename(const char *path)
{
    const char *what = getenv("GOTCHA_TEST_BEFORE_RENAME");
    if (!what || !*what)
        return;
    struct stat st;
    if (stat(path, &st) != 0)
        return;
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return;
    if (strcmp(what, "append") == 0) {
        lseek(fd, 0, SEEK_END);
        (void)!write(fd, "# edited meanwhile\n", 19);
    } else if (strcmp(what, "same-size") == 0 && st.st_size > 0) {
        char first;
        if (pread(fd, &first, 1, 0) == 1) {
            first = first == '#' ? ' ' : '#';
            (void)!pwrite(fd, &first, 1, 0);
        }
        struct timespec times[2] = {st.st_atim, st.st_mtim};
        futimens(fd, times);   /* same size and mtime: only the content hash can tell */
    }
    close(fd);
}

/* Is the file still what was read? */
static int unchanged_since(const char *path, const FileStamp *read_stamp, char *err, size_t errlen)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, errlen, "%s was removed while it was being fixed: nothing written", path);
        return 0;
    }
    int same = (uint64_t)st.st_size == read_stamp->size && (int64_t)st.st_mtim.tv_sec == read_stamp->mtime_sec
               && (int64_t)st.st_mtim.tv_nsec == read_stamp->mtime_nsec
               && (uint64_t)st.st_ino == read_stamp->ino && (uint64_t)st.st_dev == read_stamp->dev;
    if (same) {
        char *bytes = NULL;
        size_t len = 0;
        int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        same = fd >= 0 && read_all(fd, (size_t)st.st_size, read_stamp->size + 1, &bytes, &len) == 0
               && len == read_stamp->size && fix_hash(bytes, len) == read_stamp->hash;
        if (fd >= 0)
            close(fd);
        free(bytes);
    }
    if (!same)
        snprintf(err, errlen, "%s changed on disk while it was being fixed: left untouched", path);
    return same;
}

static void sync_folder(const char *target)
{
    char dir_copy[PATH_MAX];
    snprintf(dir_copy, sizeof dir_copy, "%s", target);
    int fd = open(dirname(dir_copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);   /* makes the rename durable; failure here does not undo it */
        close(fd);
    }
}

int fix_write_file(const char *path, const FileStamp *read_stamp, const char *text, size_t len,
                   char *err, size_t errlen)
{
    /* a symlink stays a symlink: replace what it points to */
    char target[PATH_MAX];
    if (!realpath(path, target)) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    if (access(target, W_OK) != 0) {
        snprintf(err, errlen, "cannot write %s: %s; left untouched", path, strerror(errno));
        return -1;
    }
    char temp[PATH_MAX + 32];
    int fd = create_temp(target, temp, sizeof temp);
    if (fd < 0) {
        snprintf(err, errlen, "cannot write %s: cannot create a temporary file beside it: %s; left untouched",
                 path, strerror(errno));
        return -1;
    }
    const char *step = "write";
    int ok = write_all(fd, text, len) == 0;
    if (ok) {
        (void)!fchown(fd, read_stamp->uid, read_stamp->gid);   /* only allowed for root/owner */
        step = "set the mode of";
        ok = fchmod(fd, read_stamp->mode & 07777) == 0;
    }
    if (ok) {
        step = "sync";
        ok = fsync(fd) == 0;
    }
    int saved = errno;
    if (close(fd) != 0 && ok) {
        saved = errno;
        step = "close";
        ok = 0;
    }
    if (!ok) {
        unlink(temp);
        snprintf(err, errlen, "cannot write %s: %s of the temporary file failed: %s; left untouched",
                 path, step, strerror(saved));
        return -1;
    }
    test_hook_before_rename(target);
    if (!unchanged_since(target, read_stamp, err, errlen)) {
        unlink(temp);
        return -1;
    }
    if (rename(temp, target) != 0) {
        saved = errno;
        unlink(temp);
        snprintf(err, errlen, "cannot write %s: rename failed: %s; left untouched", path, strerror(saved));
        return -1;
    }
    sync_folder(target);
    return 0;
}
