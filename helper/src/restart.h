/* restart.h — getting programs onto the binary that was just installed, by
 * the target's restart policy: `signal:NAME` sends the signal to each
 * process still running the replaced copy (through a pidfd, after checking
 * it is still the process that was found: a recycled pid is never
 * signalled), `systemd:UNIT` asks systemd to try-restart the unit and
 * `systemd-reload:UNIT` to reload it; `none`
 * and `notify` leave it to the program or its user. Outcomes become a
 * `restarted` event. */
#ifndef UPSWAP_RESTART_H
#define UPSWAP_RESTART_H

#include <stdbool.h>
#include <stddef.h>

#include "procscan.h"

struct daemon;
struct target;

/* Applies the target's policy to these processes (a policy of none/notify
 * does nothing) and broadcasts the outcome. */
/* Whether restart_apply() will act (and so emit a restarted event) for these processes. */
bool restart_will_act(const struct target *t, size_t n);
void restart_apply(struct daemon *d, struct target *t, const struct stale_process *procs, size_t n);

#endif
