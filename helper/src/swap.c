/* swap.c — see swap.h. */
#include "swap.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/xattr.h>

#include "util.h"

#define MAX_XATTR_LIST  (64 * 1024)
#define SWAP_FLUSH_EVERY (8 * 1024 * 1024)
#define MAX_XATTR_VALUE (64 * 1024)

int swap_prepare(struct swap *s, const struct trust *trust, const char *path, char *why, size_t why_len)
{
	memset(s, 0, sizeof(*s));
	s->dirfd = s->old_fd = s->temp_fd = -1;
	s->path = xstrdup(path);
	int r = safe_open_parent(trust, path, &s->dirfd, &s->name, why, why_len);
	if (r < 0)
		return r;
	r = safe_stat_target(s->dirfd, s->name, &s->old_st);
	if (r == -ENOENT)
		return 0; /* first install */
	if (r == -ELOOP) {
		snprintf(why, why_len, "%s is a symlink; upswap replaces only regular files", path);
		return r;
	}
	if (r == -EINVAL) {
		snprintf(why, why_len, "%s is not a regular file", path);
		return r;
	}
	if (r < 0) {
		snprintf(why, why_len, "cannot stat %s: %s", path, strerror(-r));
		return r;
	}
	r = safe_open_target(s->dirfd, s->name, &s->old_st, &s->old_fd);
	if (r < 0) {
		snprintf(why, why_len, "cannot open %s: %s", path, strerror(-r));
		return r;
	}
	s->old_exists = true;
	return 0;
}

char *swap_temp_prefix(const char *name)
{
	/* Cut long names so the temp name stays within NAME_MAX. */
	return xasprintf(".%.200s" SWAP_TEMP_TAG, name);
}

void swap_pick_temp_name(struct swap *s)
{
	_cleanup_free_ char *prefix = swap_temp_prefix(s->name);
	snprintf(s->temp, sizeof(s->temp), "%s%06llx", prefix, (unsigned long long)random_below(1u << 24));
}

int swap_temp_create(struct swap *s, uint64_t size)
{
	int fd = openat(s->dirfd, s->temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	if (size > 0) {
		/* KEEP_SIZE: the file only grows as bytes are written. */
		if (fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, (off_t)size) < 0 &&
		    (errno == ENOSPC || errno == EDQUOT || errno == EFBIG)) {
			close(fd);
			unlinkat(s->dirfd, s->temp, 0);
			return -ENOSPC;
		}
		/* EOPNOTSUPP and friends: this file system cannot reserve; the
		 * writes will still report a full disk. */
	}
	if (sha256_init(&s->hash) < 0) {
		close(fd);
		unlinkat(s->dirfd, s->temp, 0);
		return -ENOMEM;
	}
	s->temp_fd = fd;
	s->written = s->flushed = 0;
	return 0;
}

int swap_temp_write(struct swap *s, const void *buf, size_t len)
{
	int r = write_all(s->temp_fd, buf, len);
	if (r == -EDQUOT)
		r = -ENOSPC;
	if (r < 0)
		return r;
	sha256_update(&s->hash, buf, len);
	s->written += len;
	/* Start writeback of what is written so far while the rest is copied
	 * and hashed: the fsync at the end then waits for the tail only. */
	if (s->written - s->flushed >= SWAP_FLUSH_EVERY) {
		sync_file_range(s->temp_fd, (off_t)s->flushed, (off_t)(s->written - s->flushed), SYNC_FILE_RANGE_WRITE);
		s->flushed = s->written;
	}
	return 0;
}

static int copy_xattrs(int from, int to, char *why, size_t why_len)
{
	ssize_t n = flistxattr(from, NULL, 0);
	if (n < 0)
		return (errno == ENOTSUP) ? 0 : -errno;
	if (n == 0)
		return 0;
	if (n > MAX_XATTR_LIST)
		return -E2BIG;
	_cleanup_free_ char *names = xmalloc((size_t)n);
	n = flistxattr(from, names, (size_t)n);
	if (n < 0)
		return -errno;
	_cleanup_free_ char *value = xmalloc(MAX_XATTR_VALUE);
	for (char *name = names; name < names + n; name += strlen(name) + 1) {
		ssize_t vlen = fgetxattr(from, name, value, MAX_XATTR_VALUE);
		if (vlen < 0) {
			snprintf(why, why_len, "cannot read extended attribute %s: %s", name, strerror(errno));
			return -errno;
		}
		if (fsetxattr(to, name, value, (size_t)vlen, 0) < 0) {
			/* Losing e.g. security.capability would silently break the
			 * program, so any attribute that cannot be kept stops the swap. */
			int e = errno;
			snprintf(why, why_len, "cannot keep extended attribute %s: %s", name, strerror(e));
			return -e;
		}
	}
	return 0;
}

int swap_temp_finish(struct swap *s, mode_t new_mode, char sha256[SHA256_HEX_LEN + 1], char *why,
		     size_t why_len)
{
	sha256_final_hex(&s->hash, sha256);
	if (s->old_exists) {
		/* chown first: it clears setuid bits and file capabilities, which
		 * fchmod and the xattr copy then put back. */
		if ((s->old_st.st_uid != geteuid() || s->old_st.st_gid != getegid()) &&
		    fchown(s->temp_fd, s->old_st.st_uid, s->old_st.st_gid) < 0) {
			int e = errno;
			snprintf(why, why_len, "cannot give the new file owner %u:%u: %s", (unsigned)s->old_st.st_uid,
				 (unsigned)s->old_st.st_gid, strerror(e));
			return -e;
		}
		if (fchmod(s->temp_fd, s->old_st.st_mode & 07777) < 0) {
			int e = errno;
			snprintf(why, why_len, "cannot set mode %04o: %s", (unsigned)(s->old_st.st_mode & 07777), strerror(e));
			return -e;
		}
		int r = copy_xattrs(s->old_fd, s->temp_fd, why, why_len);
		if (r < 0) {
			if (!why[0])
				snprintf(why, why_len, "cannot copy extended attributes: %s", strerror(-r));
			return r;
		}
	} else if (fchmod(s->temp_fd, new_mode) < 0) {
		int e = errno;
		snprintf(why, why_len, "cannot set mode %04o: %s", (unsigned)new_mode, strerror(e));
		return -e;
	}
	if (fsync(s->temp_fd) < 0) {
		int e = errno;
		snprintf(why, why_len, "fsync of the new file failed: %s", strerror(e));
		return e == EDQUOT ? -ENOSPC : -e;
	}
	/* Give up write access before the rename: while any fd has the file
	 * open for writing, execve() of it fails with ETXTBSY, and a program
	 * that re-execs the moment it sees the new file would hit that. The
	 * read-only fd still answers fstat() after the rename. */
	int ro = openat(s->dirfd, s->temp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat a, b;
	if (ro < 0 || fstat(ro, &a) < 0 || fstat(s->temp_fd, &b) < 0 || a.st_dev != b.st_dev ||
	    a.st_ino != b.st_ino) {
		int e = ro < 0 ? errno : EIO;
		if (ro >= 0)
			close(ro);
		snprintf(why, why_len, "cannot reopen the new file read-only: %s", strerror(e));
		return -e;
	}
	close(s->temp_fd);
	s->temp_fd = ro;
	return 0;
}

int copy_fd_to_new_file(int src_fd, int dirfd, const char *dst_name, mode_t mode)
{
	_cleanup_close_ int out = openat(dirfd, dst_name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
	if (out < 0)
		return -errno;
	enum { CHUNK = 1 << 20 };
	_cleanup_free_ char *buf = xmalloc(CHUNK);
	off_t off = 0;
	int r = 0;
	for (;;) {
		ssize_t n = pread(src_fd, buf, CHUNK, off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = -errno;
			break;
		}
		if (n == 0)
			break;
		if ((r = write_all(out, buf, (size_t)n)) < 0)
			break;
		off += n;
	}
	if (r == 0 && fsync(out) < 0)
		r = -errno;
	if (r < 0)
		unlinkat(dirfd, dst_name, 0);
	return r;
}

int swap_backup_old(struct swap *s, int backup_dirfd, const char *backup_name)
{
	if (!s->old_exists)
		return 0;
	unlinkat(backup_dirfd, backup_name, 0);
	/* Link the very inode we opened and hashed, not whatever the name
	 * points to now. AT_EMPTY_PATH needs CAP_DAC_READ_SEARCH; the /proc
	 * form works for the file's owner too (sandbox runs). */
	if (linkat(s->old_fd, "", backup_dirfd, backup_name, AT_EMPTY_PATH) == 0)
		return fsync_dirfd(backup_dirfd);
	char proc[64];
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", s->old_fd);
	if (linkat(AT_FDCWD, proc, backup_dirfd, backup_name, AT_SYMLINK_FOLLOW) == 0)
		return fsync_dirfd(backup_dirfd);
	if (errno != EXDEV && errno != EPERM && errno != ENOENT)
		return -errno;
	/* Another file system (or links refused): keep a copy instead. */
	int r = copy_fd_to_new_file(s->old_fd, backup_dirfd, backup_name, 0600);
	return r < 0 ? r : fsync_dirfd(backup_dirfd);
}

int swap_rename(struct swap *s)
{
	if (renameat(s->dirfd, s->temp, s->dirfd, s->name) < 0)
		return -errno;
	s->temp[0] = '\0'; /* it is the target now: never unlink it */
	return 0;
}

int swap_sync_dir(struct swap *s)
{
	return fsync_dirfd(s->dirfd);
}

void swap_abort(struct swap *s)
{
	if (s->temp_fd >= 0) {
		close(s->temp_fd);
		s->temp_fd = -1;
	}
	if (s->hash.ctx)
		sha256_free(&s->hash);
	if (s->dirfd >= 0 && s->temp[0]) {
		unlinkat(s->dirfd, s->temp, 0);
		fsync_dirfd(s->dirfd);
		s->temp[0] = '\0';
	}
}

void swap_close(struct swap *s)
{
	swap_abort(s);
	if (s->old_fd >= 0)
		close(s->old_fd);
	if (s->dirfd >= 0)
		close(s->dirfd);
	free(s->name);
	free(s->path);
	memset(s, 0, sizeof(*s));
	s->dirfd = s->old_fd = s->temp_fd = -1;
}
