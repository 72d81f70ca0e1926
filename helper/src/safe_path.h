/* safe_path.h — opening the files the helper acts on without being fooled.
 * A target's directory is opened once and every later step works relative to
 * that fd; the final name is never followed if it is a symlink; and the
 * directory plus all of its ancestors must be controlled by a trusted owner,
 * or an unprivileged user could swap a file in under the helper. */
#ifndef UPSWAP_SAFE_PATH_H
#define UPSWAP_SAFE_PATH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

struct trust {
	uid_t owner;  /* besides root: the helper's own uid (differs only in a sandbox) */
	bool sandbox; /* --root: also accept sticky world-writable ancestors like /tmp */
};

/* Whether a directory's stat is acceptable under the trust rules. */
bool trust_dir_ok(const struct trust *t, const struct stat *st);

/* Checks dirfd's directory and every ancestor up to "/" (walking "..", so
 * symlinks in the path that led here do not matter: the real directories
 * do). Returns 0, or -EPERM with *why saying which directory and why. */
int trust_check_dir_chain(const struct trust *t, int dirfd, const char *shown_path,
			  char *why, size_t why_len);

/* For config files: regular file, owned by root (or the helper's uid in a
 * sandbox), not writable by group or others. 0 or -EPERM/-EINVAL + *why. */
int trust_check_file(const struct trust *t, int fd, char *why, size_t why_len);

/* Splits an absolute, normalized path ("/a/b/c": no "//", ".", "..",
 * trailing '/') and opens its directory with O_DIRECTORY|O_CLOEXEC, then
 * checks the chain. On success *dirfd and *base (malloc'd) are set.
 * Errors: -EINVAL (bad path), -EPERM (untrusted), or -errno from open. */
int safe_open_parent(const struct trust *t, const char *path, int *dirfd, char **base,
		     char *why, size_t why_len);

/* fstatat(AT_SYMLINK_NOFOLLOW) of the target name: 0 with *st for a regular
 * file, -ENOENT if absent, -ELOOP for a symlink, -EINVAL for anything else. */
int safe_stat_target(int dirfd, const char *name, struct stat *st);

/* Opens the target name read-only with O_NOFOLLOW and checks it is the
 * regular file *expect (if non-NULL, same dev/ino) — no swap in between. */
int safe_open_target(int dirfd, const char *name, const struct stat *expect, int *fd_out);

/* Same inode with the same size, mtime and ctime: the content has not been
 * rewritten since (what make and rsync rely on too). Lets a hash be reused. */
bool stat_same_content(const struct stat *a, const struct stat *b);

#endif
