/* authz.c — see authz.h. */
#include "authz.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "spawn_child.h"
#include "util.h"

/* An interactive check may wait for a person typing a password. */
#define PKCHECK_TIMEOUT_MS (5 * 60 * 1000)

struct authz_check {
	pid_t pid;
	int err_fd;                   /* pkcheck's stderr: its explanation */
	char err[512];
	size_t err_len;
	enum action act;
	bool interactive;
	int64_t deadline_ms;
	authz_done_fn done;
	void *ctx;
};

static const char *const action_ids[ACT__COUNT] = {
	[ACT_CHECK] = "org.upswap.check",
	[ACT_UPDATE] = "org.upswap.update",
	[ACT_DOWNGRADE] = "org.upswap.downgrade",
	[ACT_ROLLBACK] = "org.upswap.rollback",
	[ACT_CONFIGURE] = "org.upswap.configure",
	[ACT_RESTART] = "org.upswap.restart",
};

const char *authz_action_id(enum action act)
{
	return act < ACT__COUNT ? action_ids[act] : "?";
}

const char *verdict_name(enum verdict v)
{
	switch (v) {
	case VERDICT_YES:
		return "yes";
	case VERDICT_AUTH:
		return "auth";
	case VERDICT_NO:
		return "no";
	}
	return "no";
}

void authz_init(struct authz *a, uid_t helper_uid, bool use_polkit)
{
	memset(a, 0, sizeof(*a));
	a->helper_uid = helper_uid;
	a->use_polkit = use_polkit;
	a->pkcheck = "/usr/bin/pkcheck";
}

bool authz_is_admin(const struct authz *a, const struct peer *p)
{
	return p->uid == 0 || (!a->use_polkit && p->uid == a->helper_uid);
}

static pid_t spawn_pkcheck(struct authz *a, const struct peer *p, enum action act, bool interactive, int *err_fd)
{
	int pipefd[2];
	if (pipe2(pipefd, O_CLOEXEC | O_NONBLOCK) < 0)
		return -1;
	char process[96];
	snprintf(process, sizeof(process), "%d,%llu,%u", (int)p->pid, (unsigned long long)p->start_time,
		 (unsigned)p->uid);
	char *argv[] = { (char *)"pkcheck", (char *)"--action-id", (char *)action_ids[act], (char *)"--process",
			 process, interactive ? (char *)"--allow-user-interaction" : NULL, NULL };
	struct spawn_fds fds = { .out = -1, .err = pipefd[1], .fd3 = -1 };
	pid_t pid = spawn_child(a->pkcheck, argv, &fds);
	int r = pid < 0 ? (int)-pid : 0;
	close(pipefd[1]);
	if (r != 0) {
		close(pipefd[0]);
		errno = r;
		return -1;
	}
	*err_fd = pipefd[0];
	return pid;
}

bool authz_request(struct authz *a, const struct peer *p, enum action act, bool interactive, authz_done_fn done,
		   void *ctx)
{
	if (act == ACT_CHECK || p->uid == 0) {
		done(ctx, VERDICT_YES, "");
		return true;
	}
	if (!a->use_polkit) {
		done(ctx, p->uid == a->helper_uid ? VERDICT_YES : VERDICT_NO,
		     p->uid == a->helper_uid ? "" : "only an administrator may do that here");
		return true;
	}
	if (p->start_time == 0) {
		done(ctx, VERDICT_NO, "the requesting process could not be identified");
		return true;
	}
	if (a->n_pending == AUTHZ_MAX_PENDING)
		return false;
	struct authz_check *c = xcalloc(1, sizeof(*c));
	c->act = act;
	c->interactive = interactive;
	c->done = done;
	c->ctx = ctx;
	c->deadline_ms = now_ms() + PKCHECK_TIMEOUT_MS;
	c->pid = spawn_pkcheck(a, p, act, interactive, &c->err_fd);
	if (c->pid < 0) {
		int e = errno;
		free(c);
		log_error("cannot run %s: %s", a->pkcheck, strerror(e));
		done(ctx, VERDICT_NO, "polkit is not available on this system (pkcheck could not be run)");
		return true;
	}
	a->pending[a->n_pending++] = c;
	return true;
}

static void complete(struct authz *a, size_t i, int status)
{
	struct authz_check *c = a->pending[i];
	a->pending[i] = a->pending[--a->n_pending];
	close(c->err_fd);
	c->err[c->err_len] = '\0';
	for (char *s = c->err; *s; s++)
		if (*s == '\n' || *s == '\r')
			*s = ' ';
	enum verdict v = VERDICT_NO;
	char detail[600];
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	switch (code) {
	case 0:
		v = VERDICT_YES;
		detail[0] = '\0';
		break;
	case 2:
		/* Authentication would allow it, but nobody could be asked. */
		v = VERDICT_AUTH;
		snprintf(detail, sizeof(detail), "%s needs authentication and no polkit authentication agent answered "
			 "(run it from a desktop session with an agent, or with sudo)", action_ids[c->act]);
		break;
	case 3:
		snprintf(detail, sizeof(detail), "the authentication for %s was dismissed", action_ids[c->act]);
		break;
	case 1:
		snprintf(detail, sizeof(detail), "polkit does not allow %s for this user%s%s", action_ids[c->act],
			 c->err_len ? ": " : "", c->err);
		break;
	default:
		snprintf(detail, sizeof(detail), "polkit could not decide on %s (pkcheck %s %d)%s%s", action_ids[c->act],
			 WIFEXITED(status) ? "exited with" : "killed by signal",
			 WIFEXITED(status) ? code : WTERMSIG(status), c->err_len ? ": " : "", c->err);
		break;
	}
	c->done(c->ctx, v, detail);
	free(c);
}

static void reap(struct authz *a, size_t i)
{
	int status = 0;
	while (waitpid(a->pending[i]->pid, &status, 0) < 0 && errno == EINTR)
		;
	complete(a, i, status);
}

size_t authz_poll_count(const struct authz *a)
{
	return a->n_pending;
}

void authz_fill_poll(const struct authz *a, struct pollfd *fds)
{
	for (size_t i = 0; i < a->n_pending; i++)
		fds[i] = (struct pollfd){ .fd = a->pending[i]->err_fd, .events = POLLIN };
}

void authz_dispatch(struct authz *a, const struct pollfd *fds, size_t n)
{
	/* Walk backwards: completing one moves the last into its place. */
	for (size_t i = n < a->n_pending ? n : a->n_pending; i-- > 0;) {
		if (!fds[i].revents)
			continue;
		struct authz_check *c = a->pending[i];
		char buf[256];
		ssize_t r;
		while ((r = read(c->err_fd, buf, sizeof(buf))) > 0) {
			size_t room = sizeof(c->err) - 1 - c->err_len;
			size_t take = (size_t)r < room ? (size_t)r : room;
			memcpy(c->err + c->err_len, buf, take);
			c->err_len += take;
		}
		if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR))
			reap(a, i); /* EOF: pkcheck has exited */
	}
}

int authz_timeout_ms(const struct authz *a)
{
	int64_t first = -1;
	for (size_t i = 0; i < a->n_pending; i++)
		if (first < 0 || a->pending[i]->deadline_ms < first)
			first = a->pending[i]->deadline_ms;
	if (first < 0)
		return -1;
	int64_t wait = first - now_ms();
	return wait < 0 ? 0 : (int)(wait > INT32_MAX ? INT32_MAX : wait);
}

void authz_run_timers(struct authz *a)
{
	int64_t now = now_ms();
	for (size_t i = a->n_pending; i-- > 0;) {
		if (a->pending[i]->deadline_ms > now)
			continue;
		log_warning("pkcheck for %s took too long; refusing", action_ids[a->pending[i]->act]);
		kill(a->pending[i]->pid, SIGKILL);
		reap(a, i);
	}
}

void authz_free(struct authz *a)
{
	for (size_t i = a->n_pending; i-- > 0;) {
		kill(a->pending[i]->pid, SIGKILL);
		reap(a, i);
	}
}
