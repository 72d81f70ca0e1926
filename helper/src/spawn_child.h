/* spawn_child.h — starting the helper's short-lived children (pkcheck,
 * upswap-fetch) the same careful way: stdin from /dev/null, only the fds
 * they are meant to have, and an empty signal mask (the helper blocks its
 * signals for its signalfd; children must not inherit that). */
#ifndef UPSWAP_SPAWN_CHILD_H
#define UPSWAP_SPAWN_CHILD_H

#include <sys/types.h>

struct spawn_fds {
	int out;   /* becomes fd 1; -1: /dev/null */
	int err;   /* becomes fd 2; -1: the helper's own stderr */
	int fd3;   /* becomes fd 3; -1: none */
};

/* Returns the pid, or -errno. Every other fd of the helper is CLOEXEC. */
pid_t spawn_child(const char *path, char *const argv[], const struct spawn_fds *fds);

#endif
