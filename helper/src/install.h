/* install.h — one crash-safe swap as a transaction: the journal, the swap
 * steps (swap.h), the rollback copy and the state record, in the one order
 * that recovery can always finish or undo. Used by update and rollback jobs,
 * and at start-up to recover swaps a crash interrupted.
 *
 * Files it owns, under the state dir:
 *   journal/NAME.journal    the swap under way (journal.h)
 *   previous/NAME           the binary before the last swap (for rollback)
 *   previous/NAME~staged    the old binary while a swap is under way
 *   targets/NAME.json       the target's record (state.h) */
#ifndef UPSWAP_INSTALL_H
#define UPSWAP_INSTALL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "journal.h"
#include "protocol.h"
#include "safe_path.h"
#include "state.h"
#include "swap.h"

struct install_dirs {
	int state_dirfd;
	int journal_dirfd;
	int previous_dirfd;
	const struct trust *trust;
};

struct install {
	struct swap swap;
	int journal_fd;
	struct journal_record jrec;
	mode_t new_mode;
	bool begun;
};

struct install_error {
	enum err_code code;
	char message[512];
};

/* What the caller already knows about the file at the target path: its
 * hash, valid while the file's stat identity is unchanged. */
struct known_file {
	bool valid;
	struct stat st;
	char sha256[SHA256_HEX_LEN + 1];
	char version[VERSION_MAX_LEN + 1]; /* what these bytes are, if known ("" if not) */
};

/* Opens the target, checks that it is what `expected` (the recorded
 * install) says unless force, records the journal and creates the temp file.
 * new_sha256/new_version/new_size describe what will be written. `known` (may be
 * NULL) saves re-hashing an unchanged old file. */
int install_begin(const struct install_dirs *dirs, struct install *in, const char *target, const char *path,
		  mode_t new_mode, const struct version_ref *expected, bool force, const char *new_version,
		  const char *new_sha256, uint64_t new_size, bool rollback, const struct known_file *known,
		  struct install_error *err);

/* The old file's hash and version as found by install_begin. */
static inline bool install_has_old(const struct install *in) { return in->jrec.has_old; }

int install_write(struct install *in, const void *buf, size_t len, struct install_error *err);

/* Verifies the written bytes, makes them durable, renames them into place and
 * updates *rec (installed, previous, history) on disk. On success the new
 * binary is installed and *installed (may be NULL) describes it. On failure
 * before the rename nothing changed. */
int install_commit(const struct install_dirs *dirs, struct install *in, struct target_record *rec,
		   struct known_file *installed, struct install_error *err);

/* Undoes a swap that has not been renamed yet and releases everything. */
void install_abort(const struct install_dirs *dirs, struct install *in);

/* Finishes or undoes every journaled swap (start-up). Returns the number of
 * journals left in place because they could not be resolved. */
int install_recover_all(const struct install_dirs *dirs);

/* Finishes or undoes one target's journaled swap, if any. 0, or -errno when
 * it could not be resolved (the journal stays; updates of it are refused). */
int install_recover(const struct install_dirs *dirs, const char *target);

/* File name of the rollback copy of a target in the previous dir. */
char *install_backup_name(const char *target);

#endif
