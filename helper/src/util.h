/* util.h — small building blocks every helper file uses: scope-bound cleanup
 * (so error paths cannot leak fds or memory), checked allocation, clocks and
 * bounded string helpers. Nothing here knows about upswap itself. */
#ifndef UPSWAP_UTIL_H
#define UPSWAP_UTIL_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static inline void freep(void *p) { free(*(void **)p); }
static inline void closep(int *fd)
{
	if (*fd >= 0) {
		int saved = errno;
		close(*fd);
		errno = saved;
	}
}

#define _cleanup_free_  __attribute__((cleanup(freep)))
#define _cleanup_close_ __attribute__((cleanup(closep)))

/* Hands ownership out of a _cleanup_ variable. */
#define steal_pointer(pp) ({ __typeof__(*(pp)) _p = *(pp); *(pp) = NULL; _p; })
#define steal_fd(fdp) ({ int _fd = *(fdp); *(fdp) = -1; _fd; })

/* Allocation failure in a daemon this small means the machine is in trouble;
 * there is nothing sensible to roll back to, so these abort. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Milliseconds on CLOCK_MONOTONIC (timers) and seconds of wall time (state). */
int64_t now_ms(void);
int64_t now_wall(void);

/* Copies at most size-1 bytes and always terminates; returns false if cut. */
bool strlcpy_ok(char *dst, const char *src, size_t size);

bool str_has_prefix(const char *s, const char *prefix);

/* Uniform random number in [0, bound) from getrandom(); 0 if bound is 0. */
uint64_t random_below(uint64_t bound);

/* write() all of buf, retrying on EINTR and short writes. 0 or -errno. */
int write_all(int fd, const void *buf, size_t len);

/* fsync a directory by fd (makes renames/unlinks in it durable). 0 or -errno. */
int fsync_dirfd(int dirfd);

#endif
