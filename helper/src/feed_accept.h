/* feed_accept.h — turning fetched bytes into a target's accepted feed.
 * The order is the security argument: verify the minisign signature with
 * the target's trusted keys first (configured keys plus keys announced by
 * earlier signed feeds), only then parse the JSON, then refuse a feed for
 * another product, an older serial than the last accepted (replay) or an
 * expired one (freeze). An accepted feed may announce further keys
 * (next_keys, for key rotation); it is kept in the state dir so that a
 * "304 Not Modified" and a restart still know it. */
#ifndef UPSWAP_FEED_ACCEPT_H
#define UPSWAP_FEED_ACCEPT_H

#include <stdbool.h>
#include <stddef.h>

#include "protocol.h"
#include "target.h"

enum feed_origin {
	FEED_FETCHED,      /* new bytes from the source: remembered if accepted */
	FEED_SAVED,        /* the copy kept from an earlier acceptance */
};

/* On success t->feed, t->available and t->rec (serial, check time,
 * announced keys; validators for fetched feeds) are updated and saved. */
bool feed_accept(struct target *t, int state_dirfd, const char *machine_id, const struct trust *trust,
		 const char *data, size_t len, const char *sig, size_t sig_len, enum feed_origin origin,
		 const char *etag, const char *last_modified, enum err_code *code, char *why, size_t why_len);

#endif
