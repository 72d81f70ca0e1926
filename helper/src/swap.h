/* swap.h — the atomic replacement of one installed binary. This is where
 * the swap happens:
 *
 *   1. open the target's directory once (checked: trusted owner all the way
 *      up) and work relative to that fd from then on;
 *   2. create a temp file next to the target with O_CREAT|O_EXCL|O_NOFOLLOW —
 *      never write into the running executable;
 *   3. write the new bytes, hashing exactly what is written;
 *   4. give it the old file's owner, mode and extended attributes (file
 *      capabilities included), fsync it;
 *   5. hard-link the old file into the state dir for rollback;
 *   6. renameat() it over the target (atomic: every observer sees old or
 *      new) and fsync the directory.
 *
 * Processes running the old binary keep their inode; new starts get the new
 * one. The journal (journal.h) around these calls makes them crash-safe. */
#ifndef UPSWAP_SWAP_H
#define UPSWAP_SWAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "names.h"
#include "safe_path.h"
#include "sha256.h"

#define SWAP_TEMP_TAG ".upswap-new-"

struct swap {
	int dirfd;           /* the target's directory */
	char *name;          /* the target's file name in it */
	char *path;          /* the full path, for messages */
	bool old_exists;
	struct stat old_st;
	int old_fd;          /* the old file, opened O_NOFOLLOW: hashed, backed up, metadata copied */
	char temp[256];      /* "" until swap_temp_create */
	int temp_fd;
	struct sha256 hash;
	uint64_t written;
	uint64_t flushed;    /* bytes handed to writeback early (sync_file_range) */
};

/* Opens the directory and the current file. -EPERM/-ELOOP/-EINVAL mean the
 * path is unsafe (why says how). 0 or -errno. */
int swap_prepare(struct swap *s, const struct trust *trust, const char *path, char *why, size_t why_len);

/* Picks a temp name ".<name>.upswap-new-XXXXXX" (not yet created). */
void swap_pick_temp_name(struct swap *s);
/* Prefix every temp file of this target starts with, for stale clean-up. */
char *swap_temp_prefix(const char *name);

/* Creates the temp file and reserves `size` bytes for it, so a full disk is
 * found before anything is written (where the file system can reserve). */
int swap_temp_create(struct swap *s, uint64_t size);
/* Writes and hashes. -ENOSPC (or -EDQUOT) when the disk is full. */
int swap_temp_write(struct swap *s, const void *buf, size_t len);
/* Copies owner, mode and xattrs from the old file (or sets new_mode for a
 * first install), fsyncs, and returns the hash of what was written. */
int swap_temp_finish(struct swap *s, mode_t new_mode, char sha256[SHA256_HEX_LEN + 1], char *why,
		     size_t why_len);

/* Hard-links the old file into backup_dirfd as backup_name (copies it when
 * the state dir is on another file system). 0 or -errno. */
int swap_backup_old(struct swap *s, int backup_dirfd, const char *backup_name);

/* renameat(temp → name). After this the new binary is in place. */
int swap_rename(struct swap *s);
int swap_sync_dir(struct swap *s);

/* Removes the temp file if any (safe to call at any point before rename). */
void swap_abort(struct swap *s);
void swap_close(struct swap *s);

/* Copies all of src_fd into a new file dst_name in dirfd (O_EXCL), fsyncs. */
int copy_fd_to_new_file(int src_fd, int dirfd, const char *dst_name, mode_t mode);

#endif
