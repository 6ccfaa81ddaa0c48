/* Test-only LD_PRELOAD shim for tests/suites/55-fix.sh: makes the fix engine's temporary file
   (a name containing ".gotcha-") fail, as root cannot be stopped by permissions.
     FAILSHIM=create   creating it fails with EACCES (a read-only folder)
     FAILSHIM=write    the first write puts 1 byte, the next ones fail with ENOSPC (a full disk) */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static int temp_fd = -1;       /* single-threaded test runs (--threads 1) */
static int temp_writes = 0;

static int is_temp(const char *path, int flags)
{
    return (flags & O_CREAT) && path && strstr(path, ".gotcha-") != NULL;
}

static int shim_open(const char *symbol, const char *path, int flags, mode_t mode)
{
    int (*real_open)(const char *, int, ...) = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, symbol);
    const char *mode_env = getenv("FAILSHIM");
    if (mode_env && is_temp(path, flags) && strcmp(mode_env, "create") == 0) {
        errno = EACCES;
        return -1;
    }
    int fd = real_open(path, flags, mode);
    if (fd >= 0 && mode_env && is_temp(path, flags) && strcmp(mode_env, "write") == 0) {
        temp_fd = fd;
        temp_writes = 0;
    }
    return fd;
}

int open(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    return shim_open("open", path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    return shim_open("open64", path, flags, mode);
}

ssize_t write(int fd, const void *buf, size_t n)
{
    ssize_t (*real_write)(int, const void *, size_t) =
        (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    if (fd >= 0 && fd == temp_fd) {
        if (temp_writes++ > 0) {
            errno = ENOSPC;
            return -1;
        }
        return real_write(fd, buf, n > 0 ? 1 : 0);
    }
    return real_write(fd, buf, n);
}

int close(int fd)
{
    int (*real_close)(int) = (int (*)(int))dlsym(RTLD_NEXT, "close");
    if (fd == temp_fd)
        temp_fd = -1;
    return real_close(fd);
}
