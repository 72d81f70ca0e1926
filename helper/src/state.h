/* state.h — what the helper remembers about each target between runs, in
 * /var/lib/upswap/targets/NAME.json: the installed version and hash (so a
 * binary changed behind its back is noticed), the previous version kept for
 * rollback, the last feed serial accepted, and a short update history. */
#ifndef UPSWAP_STATE_H
#define UPSWAP_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "minisign.h"
#include "names.h"

#define MAX_HISTORY 20
#define MAX_ANNOUNCED_KEYS 8

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
	char feed_etag[256];          /* validators of the accepted feed, for a conditional GET */
	char feed_last_modified[64];
	/* Signing keys announced by signed feeds (next_keys), newest last, each
	 * with the id of the key that signed the announcing feed: an announced
	 * key is trusted only while the key that announced it is. */
	struct announced_key {
		char key[MINISIGN_KEY_B64_LEN + 1];
		char by[17];
	} announced[MAX_ANNOUNCED_KEYS];
	size_t n_announced;
};

void target_record_init(struct target_record *rec);

/* Loads targets/NAME.json under the state dir fd. A missing file gives an
 * empty record (return 0). A corrupt one is moved aside to NAME.json.corrupt,
 * an empty record is returned and -EBADMSG tells the caller to say so. */
int state_load(int state_dirfd, const char *name, struct target_record *rec);
int state_save(int state_dirfd, const char *name, const struct target_record *rec);

void state_add_history(struct target_record *rec, int64_t time, const char *from, const char *to,
		       bool rollback);

/* Adds a key announced by a feed signed with key id `by` (16 hex digits);
 * no duplicates; the oldest goes when full. True if new. */
bool state_announce_key(struct target_record *rec, const char *b64, const char *by);

/* The accepted feed and its signature, kept so that a 304 answer and a
 * restart still know it: feeds/NAME.json and feeds/NAME.json.minisig. */
int state_save_feed(int state_dirfd, const char *name, const char *feed, size_t feed_len, const char *sig,
		    size_t sig_len);
int state_load_feed(int state_dirfd, const char *name, char **feed, size_t *feed_len, char **sig, size_t *sig_len);

#endif
