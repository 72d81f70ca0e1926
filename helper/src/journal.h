/* journal.h — the write-ahead record of a swap in progress, one file per
 * target in /var/lib/upswap/journal/NAME.journal. Each step is appended and
 * fdatasync'd *before* it runs, so after a crash the helper knows which
 * swap was under way and which hashes mean "old" and "new"; recovery.c then
 * looks at the file system to decide (the rename itself is atomic). */
#ifndef UPSWAP_JOURNAL_H
#define UPSWAP_JOURNAL_H

#include <stdbool.h>

#include "names.h"

#define JOURNAL_STEP_MAX 32

struct journal_record {
	char target[NAME_MAX_LEN + 1];
	char path[4096];                    /* the target's path, so recovery needs no config */
	char temp[256];                     /* temp file name in the target's dir */
	bool has_old;                       /* was there a file before? */
	char old_sha256[SHA256_HEX_LEN + 1];
	char old_version[VERSION_MAX_LEN + 1]; /* "" if unknown */
	char new_sha256[SHA256_HEX_LEN + 1];
	char new_version[VERSION_MAX_LEN + 1];
	bool rollback;
	char last_step[JOURNAL_STEP_MAX];   /* filled by journal_read */
};

/* Creates NAME.journal (must not exist), writes the begin record, syncs file
 * and directory. Returns the open fd (for journal_step) or -errno. */
int journal_begin(int journal_dirfd, const struct journal_record *rec);

/* Appends {"step": step} and fdatasyncs. 0 or -errno. */
int journal_step(int journal_fd, const char *step);

/* Removes NAME.journal and syncs the directory. 0 or -errno (-ENOENT ok). */
int journal_clear(int journal_dirfd, const char *target);

/* Reads a journal file. A torn last line (crash while appending) is ignored:
 * that step had not started. -EBADMSG if the begin record is unusable. */
int journal_read(int journal_dirfd, const char *file, struct journal_record *rec);

#endif
