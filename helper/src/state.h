/* state.h — what the helper remembers about each target between runs, in
 * /var/lib/upswap/targets/NAME.json: the installed version and hash (so a
 * binary changed behind its back is noticed), the previous version kept for
 * rollback, the last feed serial accepted, and a short update history. */
#ifndef UPSWAP_STATE_H
#define UPSWAP_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "names.h"

#define MAX_HISTORY 20

struct version_ref {
	bool present;
	char version[VERSION_MAX_LEN + 1]; /* "" when not known */
	char sha256[SHA256_HEX_LEN + 1];
};

struct history_entry {
	int64_t time;
	char from[VERSION_MAX_LEN + 1]; /* "" when not known */
	char to[VERSION_MAX_LEN + 1];
	bool rollback;
};

struct target_record {
	struct version_ref installed;
	struct version_ref previous;
	int64_t last_serial;  /* -1: no feed accepted yet */
	int64_t last_check;   /* Unix time, 0: never */
	struct history_entry history[MAX_HISTORY]; /* oldest first */
	size_t n_history;
};

void target_record_init(struct target_record *rec);

/* Loads targets/NAME.json under the state dir fd. A missing file gives an
 * empty record (return 0). A corrupt one is moved aside to NAME.json.corrupt,
 * an empty record is returned and -EBADMSG tells the caller to say so. */
int state_load(int state_dirfd, const char *name, struct target_record *rec);
int state_save(int state_dirfd, const char *name, const struct target_record *rec);

void state_add_history(struct target_record *rec, int64_t time, const char *from, const char *to,
		       bool rollback);

#endif
