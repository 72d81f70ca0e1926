/* restart.c — see restart.h. */
#include "restart.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "daemon.h"
#include "log.h"
#include "spawn_child.h"
#include "util.h"

static struct json_object *result_json(const struct stale_process *p, bool ok, const char *msg)
{
	struct json_object *o = json_object_new_object();
	if (p)
		json_add_int(o, "pid", p->pid);
	json_add_bool(o, "ok", ok);
	json_add_str(o, "message", msg);
	return o;
}

static void signal_processes(struct target *t, const struct stale_process *procs, size_t n, int signo,
			     struct json_object *results)
{
	for (size_t i = 0; i < n; i++) {
		char msg[200];
		int pidfd = procscan_pin("/proc", &procs[i], t->cfg.path);
		if (pidfd < 0) {
			snprintf(msg, sizeof(msg), "process %d is gone or is no longer the one running the old binary; "
				 "left alone", (int)procs[i].pid);
			json_object_array_add(results, result_json(&procs[i], false, msg));
			continue;
		}
		bool ok = pidfd_send_signal(pidfd, signo, NULL, 0) == 0;
		int e = errno;
		close(pidfd);
		if (ok)
			snprintf(msg, sizeof(msg), "sent SIG%s", sigabbrev_np(signo));
		else
			snprintf(msg, sizeof(msg), "could not signal process %d: %s", (int)procs[i].pid, strerror(e));
		log_notice("%s: %s to pid %d (%s)", t->cfg.name, msg, (int)procs[i].pid, procs[i].command);
		json_object_array_add(results, result_json(&procs[i], ok, msg));
	}
}

/* systemctl --no-block only queues the restart: the helper never waits on
 * a unit's stop/start, so a slow unit cannot stall it. */
static void restart_unit(const struct daemon *d, struct target *t, struct json_object *results)
{
	const char *verb = t->cfg.restart.reload ? "reload" : "try-restart";
	char *argv[] = { (char *)"systemctl", (char *)"--no-block", (char *)verb, t->cfg.restart.unit, NULL };
	struct spawn_fds fds = { .out = -1, .err = -1, .fd3 = -1 };
	pid_t pid = spawn_child(d->cfg.helper.systemctl, argv, &fds);
	char msg[300];
	int status = 0;
	if (pid < 0) {
		snprintf(msg, sizeof(msg), "cannot run %.200s: %s", d->cfg.helper.systemctl, strerror((int)-pid));
	} else {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			snprintf(msg, sizeof(msg), "asked systemd to %s %s", t->cfg.restart.reload ? "reload" : "restart",
				 t->cfg.restart.unit);
		else
			snprintf(msg, sizeof(msg), "systemctl %s %s failed (status %d)", verb, t->cfg.restart.unit,
				 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	}
	bool ok = pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
	log_notice("%s: %s", t->cfg.name, msg);
	json_object_array_add(results, result_json(NULL, ok, msg));
}

bool restart_will_act(const struct target *t, size_t n)
{
	const struct restart_policy *policy = &t->cfg.restart;
	if (policy->kind == RESTART_NONE || policy->kind == RESTART_NOTIFY)
		return false;
	return policy->kind != RESTART_SIGNAL || n > 0;
}

void restart_apply(struct daemon *d, struct target *t, const struct stale_process *procs, size_t n)
{
	const struct restart_policy *policy = &t->cfg.restart;
	if (!restart_will_act(t, n))
		return;
	struct json_object *results = json_object_new_array();
	if (policy->kind == RESTART_SIGNAL)
		signal_processes(t, procs, n, policy->signo, results);
	else
		restart_unit(d, t, results);
	struct json_object *ev = protocol_event(EV_RESTARTED);
	json_add_str(ev, "target", t->cfg.name);
	json_add_str(ev, "how", policy->text);
	json_object_object_add(ev, "results", results);
	server_broadcast(&d->server, ev);
	target_refresh_processes(t, true);
	emit_state(d, t);
}
