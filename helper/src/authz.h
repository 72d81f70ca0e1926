/* authz.h — may this peer do that? Decided from the peer's kernel-reported
 * identity only. The current rule set: anyone may check; root and the
 * helper's own uid (the sandbox owner) may do everything else. Policy
 * engines (polkit) plug in behind authz_query, so callers never change. */
#ifndef UPSWAP_AUTHZ_H
#define UPSWAP_AUTHZ_H

#include <stdbool.h>
#include <sys/types.h>

#include "peer.h"
#include "protocol.h"

enum verdict {
	VERDICT_YES,  /* allowed without asking */
	VERDICT_AUTH, /* allowed after the user authenticates */
	VERDICT_NO,
};

struct authz {
	uid_t helper_uid;
};

enum verdict authz_query(const struct authz *a, const struct peer *p, enum action act);
const char *verdict_name(enum verdict v); /* "yes", "auth", "no" */

/* Whether the peer is an administrator for rate limiting purposes. */
bool authz_is_admin(const struct authz *a, const struct peer *p);

#endif
