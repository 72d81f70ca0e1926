/* fileio.h — durable small-file I/O relative to directory fds: the helper's
 * own state and journal files are written so that a crash leaves either the
 * old or the new content, never a torn file. */
#ifndef UPSWAP_FILEIO_H
#define UPSWAP_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

/* Writes data to a fresh temp file in dirfd, fsyncs it, renames it over
 * name and fsyncs the directory. 0 or -errno. */
int atomic_write_at(int dirfd, const char *name, const void *data, size_t len, mode_t mode);

/* Reads a whole regular file (not following symlinks) of at most max bytes;
 * *out is NUL-terminated and malloc'd. -EFBIG if larger, -EINVAL if not a
 * regular file, else 0 or -errno. */
int read_small_at(int dirfd, const char *name, size_t max, char **out, size_t *len);

/* The same for an already open fd, read from its current offset to EOF. */
int read_small_fd(int fd, size_t max, char **out, size_t *len);

/* Opens (creating with mode 0700 if needed) a subdirectory without following
 * symlinks. Returns the fd or -errno. */
int open_subdir(int dirfd, const char *name);

#endif
