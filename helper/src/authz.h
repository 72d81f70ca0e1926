/* authz.h — may this peer do that? Decided from the peer's kernel-reported
 * identity only (uid, pid and the pid's start time from SO_PEERCRED and
 * /proc), never from anything a message says.
 *
 * With polkit (the default) the helper asks polkit about the peer process
 * by running `pkcheck --process PID,START_TIME,UID`, asynchronously: the
 * event loop watches each pkcheck and calls back when it has exited, so a
 * slow authentication prompt never blocks anyone else. Root is always
 * allowed (polkit would say so too); `check` is allowed to everyone.
 * Without polkit (--no-polkit, sandboxes only) root and the helper's own uid
 * may do everything. */
#ifndef UPSWAP_AUTHZ_H
#define UPSWAP_AUTHZ_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "peer.h"
#include "protocol.h"

#define AUTHZ_MAX_PENDING 32

enum verdict {
	VERDICT_YES,  /* allowed without asking */
	VERDICT_AUTH, /* allowed after the user authenticates */
	VERDICT_NO,
};

/* detail: why not (for the user), or "" */
typedef void (*authz_done_fn)(void *ctx, enum verdict v, const char *detail);

struct authz_check;

struct authz {
	uid_t helper_uid;
	bool use_polkit;
	const char *pkcheck;          /* path of pkcheck */
	struct authz_check *pending[AUTHZ_MAX_PENDING];
	size_t n_pending;
};

void authz_init(struct authz *a, uid_t helper_uid, bool use_polkit);
void authz_free(struct authz *a);

/* Decides whether `p` may do `act`. `interactive` lets polkit ask the user
 * (through their authentication agent). `done` is called exactly once —
 * right away when no question needs asking, else from authz_dispatch.
 * Returns false (and never calls done) when too many checks are pending. */
bool authz_request(struct authz *a, const struct peer *p, enum action act, bool interactive, authz_done_fn done,
		   void *ctx);

/* The polkit action id, e.g. "org.upswap.update". */
const char *authz_action_id(enum action act);
const char *verdict_name(enum verdict v); /* "yes", "auth", "no" */

/* Whether the peer is an administrator for rate limiting purposes. */
bool authz_is_admin(const struct authz *a, const struct peer *p);

/* poll() integration: one pipe per running pkcheck. */
size_t authz_poll_count(const struct authz *a);
void authz_fill_poll(const struct authz *a, struct pollfd *fds);
void authz_dispatch(struct authz *a, const struct pollfd *fds, size_t n);
/* Kills checks that ran too long; call once per loop iteration. */
void authz_run_timers(struct authz *a);
int authz_timeout_ms(const struct authz *a);

#endif
