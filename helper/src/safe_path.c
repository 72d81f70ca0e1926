/* safe_path.c — see safe_path.h. */
#include "safe_path.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

#define MAX_DEPTH 256

bool trust_dir_ok(const struct trust *t, const struct stat *st)
{
	if (!S_ISDIR(st->st_mode))
		return false;
	bool owner_ok = st->st_uid == 0 || st->st_uid == t->owner;
	bool write_ok = !(st->st_mode & (S_IWGRP | S_IWOTH)) ||
			(t->sandbox && (st->st_mode & S_ISVTX) && st->st_uid == 0);
	return owner_ok && write_ok;
}

int trust_check_dir_chain(const struct trust *t, int dirfd, const char *shown_path,
			  char *why, size_t why_len)
{
	_cleanup_close_ int fd = fcntl(dirfd, F_DUPFD_CLOEXEC, 3);
	if (fd < 0)
		return -errno;
	for (int level = 0; level < MAX_DEPTH; level++) {
		struct stat st;
		if (fstat(fd, &st) < 0)
			return -errno;
		if (!trust_dir_ok(t, &st)) {
			snprintf(why, why_len,
				 "%s (%d level%s up from %s) is owned by uid %u with mode %04o: "
				 "only root may be able to write there",
				 level == 0 ? "directory" : "ancestor directory",
				 level, level == 1 ? "" : "s", shown_path,
				 (unsigned)st.st_uid, (unsigned)(st.st_mode & 07777));
			return -EPERM;
		}
		int parent = openat(fd, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (parent < 0)
			return -errno;
		struct stat pst;
		if (fstat(parent, &pst) < 0) {
			int e = errno;
			close(parent);
			return -e;
		}
		close(fd);
		fd = parent;
		if (pst.st_dev == st.st_dev && pst.st_ino == st.st_ino)
			return 0; /* "/" is its own parent */
	}
	snprintf(why, why_len, "%s is nested more than %d directories deep", shown_path, MAX_DEPTH);
	return -ELOOP;
}

int trust_check_file(const struct trust *t, int fd, char *why, size_t why_len)
{
	struct stat st;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode)) {
		snprintf(why, why_len, "not a regular file");
		return -EINVAL;
	}
	if (!(st.st_uid == 0 || st.st_uid == t->owner) || (st.st_mode & (S_IWGRP | S_IWOTH))) {
		snprintf(why, why_len, "owned by uid %u with mode %04o: must be owned by root and "
			 "writable only by its owner", (unsigned)st.st_uid, (unsigned)(st.st_mode & 07777));
		return -EPERM;
	}
	return 0;
}

static bool path_is_normalized(const char *path)
{
	size_t n = strlen(path);
	if (n < 2 || n >= 4096 || path[0] != '/' || path[n - 1] == '/')
		return false;
	for (const char *c = path; *c;) {
			/* c points at a '/'; look at the component after it. */
		const char *start = c + 1;
		const char *end = strchr(start, '/');
		size_t len = end ? (size_t)(end - start) : strlen(start);
		if (len == 0 || (len == 1 && start[0] == '.') ||
		    (len == 2 && start[0] == '.' && start[1] == '.') || len > 255)
			return false;
		if (!end)
			break;
		c = end;
	}
	return true;
}

int safe_open_parent(const struct trust *t, const char *path, int *dirfd, char **base,
		     char *why, size_t why_len)
{
	if (!path_is_normalized(path)) {
		snprintf(why, why_len, "'%s' is not an absolute, normalized file path", path);
		return -EINVAL;
	}
	const char *slash = strrchr(path, '/');
	_cleanup_free_ char *dir = slash == path ? xstrdup("/") : xasprintf("%.*s", (int)(slash - path), path);
	_cleanup_close_ int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		snprintf(why, why_len, "cannot open directory %s: %s", dir, strerror(e));
		return -e;
	}
	int r = trust_check_dir_chain(t, fd, dir, why, why_len);
	if (r < 0)
		return r;
	*base = xstrdup(slash + 1);
	*dirfd = steal_fd(&fd);
	return 0;
}

int safe_stat_target(int dirfd, const char *name, struct stat *st)
{
	if (fstatat(dirfd, name, st, AT_SYMLINK_NOFOLLOW) < 0)
		return -errno;
	if (S_ISLNK(st->st_mode))
		return -ELOOP;
	if (!S_ISREG(st->st_mode))
		return -EINVAL;
	return 0;
}

int safe_open_target(int dirfd, const char *name, const struct stat *expect, int *fd_out)
{
	/* O_NONBLOCK: a FIFO planted under the name must not hang the helper. */
	_cleanup_close_ int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	struct stat st;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EINVAL;
	if (expect && (st.st_dev != expect->st_dev || st.st_ino != expect->st_ino))
		return -ESTALE;
	*fd_out = steal_fd(&fd);
	return 0;
}

bool stat_same_content(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}
