/* handlers.c — what each request kind does. Every handler gets a request
 * that protocol.c already validated, and the peer's identity from the
 * kernel; privileged kinds ask authz first. Work that takes time becomes a
 * job (job.c) and the reply only carries its id. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "daemon.h"
#include "log.h"
#include "restart.h"
#include "util.h"
#include "version.h"

static void reply(struct daemon *d, struct client *c, const struct request *req, struct json_object *result)
{
	/* Bounded by design (targets x notes); should it ever not fit, say so
	 * rather than leave the client waiting. */
	if (!client_send(&d->server, c, protocol_reply(req->id, result)))
		client_send(&d->server, c, protocol_error(true, req->id, E_INTERNAL, "the reply would exceed %d bytes",
							  MAX_HELPER_LINE));
}

__attribute__((format(printf, 5, 6)))
static void reply_error(struct daemon *d, struct client *c, const struct request *req, enum err_code code,
			const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	client_send(&d->server, c, protocol_error(true, req->id, code, "%s", msg));
}

/* A request waiting for polkit. The client is looked up again by serial when
 * the answer comes: it may have gone away in between. */
struct pending {
	struct daemon *d;
	uint64_t client;
	struct peer peer;
	struct request req;
	enum action act;
	void (*proceed)(struct daemon *d, struct client *c, const struct request *req);
};

static void on_verdict(void *ctx, enum verdict v, const char *detail)
{
	struct pending *p = ctx;
	struct daemon *d = p->d;
	struct client *c = server_find_client(&d->server, p->client);
	if (c && v == VERDICT_YES) {
		p->proceed(d, c, &p->req);
	} else if (c) {
		log_notice("refused %s from pid %d uid %u: %s", req_kind_name(p->req.kind), (int)p->peer.pid,
			   (unsigned)p->peer.uid, detail);
		reply_error(d, c, &p->req, E_NOT_AUTHORIZED, "uid %u may not %s: %s", (unsigned)p->peer.uid,
			    req_kind_name(p->req.kind), detail[0] ? detail : "not authorized");
	}
	free(p);
}

/* Runs proceed once the peer is authorized for act (maybe after polkit). */
static void when_authorized(struct daemon *d, struct client *c, const struct request *req, enum action act,
			    void (*proceed)(struct daemon *, struct client *, const struct request *))
{
	struct pending *p = xcalloc(1, sizeof(*p));
	*p = (struct pending){ .d = d, .client = c->serial, .peer = c->peer, .req = *req, .act = act, .proceed = proceed };
	if (!authz_request(&d->authz, &c->peer, act, true, on_verdict, p)) {
		free(p);
		reply_error(d, c, req, E_BUSY, "too many authorization checks are under way; try again");
	}
}

static struct target *known_target(struct daemon *d, struct client *c, const struct request *req)
{
	struct target *t = daemon_find_target(d, req->target);
	if (!t)
		reply_error(d, c, req, E_UNKNOWN_TARGET, "no target named '%s' (see list-targets)", req->target);
	return t;
}

static void refresh_targets(struct daemon *d)
{
	for (size_t i = 0; i < d->n_targets; i++) {
		struct target *t = &d->targets[i];
		/* Never re-hash a file while a job is writing next to it. */
		if (t->state == TS_IDLE || t->state == TS_ERROR) {
			target_refresh_installed(t, &d->trust);
			target_update_available(t, d->machine_id);
			target_refresh_processes(t, false);
		}
	}
}

/* hello's `actions`: what this peer may do without a prompt, asked of polkit
 * for each action at once (without interaction). */
struct pending_hello {
	struct daemon *d;
	uint64_t client;
	int64_t id;
	struct peer peer;
	enum verdict verdicts[ACT__COUNT];
	int remaining;
};

struct hello_part {
	struct pending_hello *h;
	enum action act;
};

static void hello_reply(struct pending_hello *h)
{
	struct client *c = server_find_client(&h->d->server, h->client);
	if (c) {
		struct json_object *r = json_object_new_object();
		json_add_int(r, "protocol", PROTOCOL_VERSION);
		json_add_str(r, "helper", HELPER_VERSION);
		struct json_object *peer = json_object_new_object();
		json_add_int(peer, "uid", h->peer.uid);
		json_add_int(peer, "pid", h->peer.pid);
		json_object_object_add(r, "peer", peer);
		struct json_object *acts = json_object_new_object();
		for (int a = 0; a < ACT__COUNT; a++)
			json_add_str(acts, action_name(a), verdict_name(h->verdicts[a]));
		json_object_object_add(r, "actions", acts);
		client_send(&h->d->server, c, protocol_reply(h->id, r));
	}
	free(h);
}

static void on_hello_verdict(void *ctx, enum verdict v, const char *detail)
{
	(void)detail;
	struct hello_part *part = ctx;
	struct pending_hello *h = part->h;
	h->verdicts[part->act] = v;
	free(part);
	if (--h->remaining == 0)
		hello_reply(h);
}

static void do_hello(struct daemon *d, struct client *c, const struct request *req)
{
	if (req->protocol != PROTOCOL_VERSION) {
		reply_error(d, c, req, E_PROTOCOL_VERSION, "this helper speaks protocol %d, the client asked for %d",
			    PROTOCOL_VERSION, req->protocol);
		return;
	}
	c->hello_done = true;
	if (req->has_client)
		log_debug("client #%llu is %s", (unsigned long long)c->serial, req->client);
	struct pending_hello *h = xcalloc(1, sizeof(*h));
	*h = (struct pending_hello){ .d = d, .client = c->serial, .id = req->id, .peer = c->peer,
				     .remaining = ACT__COUNT + 1 };
	for (int a = 0; a < ACT__COUNT; a++) {
		struct hello_part *part = xcalloc(1, sizeof(*part));
		*part = (struct hello_part){ h, (enum action)a };
		if (!authz_request(&d->authz, &c->peer, (enum action)a, false, on_hello_verdict, part)) {
			free(part);
			h->verdicts[a] = VERDICT_NO; /* too busy to ask: say no, the request itself will ask again */
			h->remaining--;
		}
	}
	/* The extra count keeps the reply from going out before every question
	 * is asked, even when all answers come back at once. */
	if (--h->remaining == 0)
		hello_reply(h);
}

static void do_status(struct daemon *d, struct client *c, const struct request *req)
{
	refresh_targets(d);
	struct json_object *r = json_object_new_object();
	json_add_str(r, "version", HELPER_VERSION);
	json_add_str(r, "state", d->n_jobs ? "busy" : "idle");
	json_add_int(r, "uptime", (now_ms() - d->start_ms) / 1000);
	struct json_object *job = NULL;
	if (d->n_jobs) {
		static const char *const kinds[] = { "check", "update", "rollback" };
		job = json_object_new_object();
		json_add_int(job, "id", (int64_t)d->jobs[0]->id);
		json_add_str(job, "kind", kinds[d->jobs[0]->kind]);
		json_add_str(job, "target", d->jobs[0]->target);
	}
	json_object_object_add(r, "job", job);
	json_add_int(r, "queue", d->n_jobs ? (int64_t)d->n_jobs - 1 : 0);
	struct json_object *st = json_object_new_object();
	json_add_int(st, "checks", (int64_t)d->stats.checks);
	json_add_int(st, "pokes", (int64_t)d->stats.pokes);
	json_add_int(st, "pokes_ignored", (int64_t)d->stats.pokes_ignored);
	json_add_int(st, "updates", (int64_t)d->stats.updates);
	json_add_int(st, "rollbacks", (int64_t)d->stats.rollbacks);
	json_add_int(st, "errors", (int64_t)d->stats.errors);
	json_object_object_add(r, "stats", st);
	struct json_object *arr = json_object_new_array();
	for (size_t i = 0; i < d->n_targets; i++)
		json_object_array_add(arr, target_to_json(&d->targets[i], false));
	json_object_object_add(r, "targets", arr);
	struct json_object *errs = json_object_new_array();
	for (size_t i = 0; i < d->cfg.n_errors; i++)
		json_object_array_add(errs, json_object_new_string(d->cfg.errors[i]));
	json_object_object_add(r, "config_errors", errs);
	reply(d, c, req, r);
}

static void do_list_targets(struct daemon *d, struct client *c, const struct request *req)
{
	refresh_targets(d);
	struct json_object *arr = json_object_new_array();
	for (size_t i = 0; i < d->n_targets; i++)
		json_object_array_add(arr, target_to_json(&d->targets[i], true));
	struct json_object *r = json_object_new_object();
	json_object_object_add(r, "targets", arr);
	reply(d, c, req, r);
}

static void do_check(struct daemon *d, struct client *c, const struct request *req)
{
	if (req->has_target && !known_target(d, c, req))
		return;
	int64_t now = now_ms();
	int64_t wait_ms = d->last_check_ms + d->cfg.helper.min_check_interval_s * 1000 - now;
	struct json_object *r = json_object_new_object();
	struct json_object *names = json_object_new_array();
	/* Anyone may ask, but only as often as the rate limit allows;
	 * administrators are not limited. */
	if (wait_ms > 0 && !authz_is_admin(&d->authz, &c->peer)) {
		json_add_bool(r, "started", false);
		json_object_object_add(r, "targets", names);
		json_add_int(r, "retry_after", (wait_ms + 999) / 1000);
		reply(d, c, req, r);
		return;
	}
	d->last_check_ms = now;
	size_t before = d->n_jobs;
	jobs_queue_checks(d, req->has_target ? req->target : NULL);
	for (size_t i = before; i < d->n_jobs; i++)
		json_object_array_add(names, json_object_new_string(d->jobs[i]->target));
	json_add_bool(r, "started", d->n_jobs > before);
	json_object_object_add(r, "targets", names);
	reply(d, c, req, r);
}

static void queue_update(struct daemon *d, struct client *c, const struct request *req)
{
	struct target *t = known_target(d, c, req); /* again: a reload may have happened meanwhile */
	if (!t)
		return;
	bool rollback = req->kind == REQ_ROLLBACK;
	if (rollback && !t->rec.previous.present) {
		reply_error(d, c, req, E_NO_PREVIOUS, "there is no previous version of %s to roll back to", t->cfg.name);
		return;
	}
	struct job *j = job_enqueue(d, rollback ? JOB_ROLLBACK : JOB_UPDATE, t->cfg.name);
	if (!j) {
		reply_error(d, c, req, E_BUSY, "the helper already has %d jobs queued; try again later", MAX_JOBS);
		return;
	}
	if (req->has_version)
		strlcpy_ok(j->version, req->version, sizeof(j->version));
	j->force = req->force;
	/* Only an explicitly requested older version is a downgrade, and the
	 * downgrade action was what got authorized for it. */
	if (!rollback && req->has_version) {
		const char *installed = target_installed_version(t);
		j->allow_downgrade = installed && version_compare(req->version, installed) < 0;
	}
	log_info("%s of %s%s%s requested by pid %d uid %u (job %llu)", rollback ? "rollback" : "update", t->cfg.name,
		 req->has_version ? " to " : "", req->has_version ? req->version : "", (int)c->peer.pid,
		 (unsigned)c->peer.uid, (unsigned long long)j->id);
	struct json_object *r = json_object_new_object();
	json_add_int(r, "job", (int64_t)j->id);
	reply(d, c, req, r);
}

static void do_update(struct daemon *d, struct client *c, const struct request *req)
{
	struct target *t = known_target(d, c, req);
	if (!t)
		return;
	enum action act = ACT_UPDATE;
	if (req->kind == REQ_ROLLBACK) {
		if (!t->rec.previous.present) {
			reply_error(d, c, req, E_NO_PREVIOUS, "there is no previous version of %s to roll back to",
				    t->cfg.name);
			return;
		}
		act = ACT_ROLLBACK;
	} else if (req->has_version) {
		target_refresh_installed(t, &d->trust);
		const char *installed = target_installed_version(t);
		if (installed && version_compare(req->version, installed) < 0)
			act = ACT_DOWNGRADE;
	}
	when_authorized(d, c, req, act, queue_update);
}

static void cancel_jobs(struct daemon *d, struct client *c, const struct request *req)
{
	uint64_t ids[MAX_JOBS];
	size_t n = jobs_cancel(d, req->has_target ? req->target : NULL, ids, MAX_JOBS);
	struct json_object *arr = json_object_new_array();
	for (size_t i = 0; i < n; i++)
		json_object_array_add(arr, json_object_new_int64((int64_t)ids[i]));
	struct json_object *r = json_object_new_object();
	json_object_object_add(r, "cancelled", arr);
	reply(d, c, req, r);
}

static void do_cancel(struct daemon *d, struct client *c, const struct request *req)
{
	if (req->has_target && !known_target(d, c, req))
		return;
	when_authorized(d, c, req, ACT_UPDATE, cancel_jobs);
}

static bool has_restart_policy(struct daemon *d, struct client *c, const struct request *req, struct target *t)
{
	enum restart_kind k = t->cfg.restart.kind;
	if (k == RESTART_SIGNAL || k == RESTART_SYSTEMD)
		return true;
	reply_error(d, c, req, E_NO_RESTART_POLICY, "%s has restart = %s: its programs pick up the new binary "
		    "themselves or are restarted by their users", t->cfg.name, t->cfg.restart.text);
	return false;
}

static void run_restart(struct daemon *d, struct client *c, const struct request *req)
{
	struct target *t = known_target(d, c, req);
	if (!t || !has_restart_policy(d, c, req, t))
		return;
	target_refresh_processes(t, true);
	struct json_object *pids = json_object_new_array();
	for (size_t i = 0; i < t->n_stale; i++)
		json_object_array_add(pids, json_object_new_int64(t->stale[i].pid));
	struct json_object *r = json_object_new_object();
	json_object_object_add(r, "processes", pids);
	reply(d, c, req, r);
	log_info("restart of %s requested by pid %d uid %u", t->cfg.name, (int)c->peer.pid, (unsigned)c->peer.uid);
	restart_apply(d, t, t->stale, t->n_stale);
	target_watch_stale(t);
}

/* Restarting one's own processes needs nobody's permission; anyone else's
 * (or a system service) needs the restart action. */
static void do_restart(struct daemon *d, struct client *c, const struct request *req)
{
	struct target *t = known_target(d, c, req);
	if (!t || !has_restart_policy(d, c, req, t))
		return;
	target_refresh_processes(t, true);
	bool others = t->cfg.restart.kind == RESTART_SYSTEMD;
	for (size_t i = 0; i < t->n_stale; i++)
		others |= t->stale[i].uid != c->peer.uid;
	if (!others)
		run_restart(d, c, req);
	else
		when_authorized(d, c, req, ACT_RESTART, run_restart);
}

static void do_subscribe(struct daemon *d, struct client *c, const struct request *req)
{
	c->subscribed = true;
	struct json_object *r = json_object_new_object();
	json_add_bool(r, "subscribed", true);
	reply(d, c, req, r);
}

void handle_line(void *ctx, struct client *c, const char *line, size_t len)
{
	struct daemon *d = ctx;
	struct request req;
	struct parse_error err;
	if (!protocol_parse_request(line, len, &req, &err)) {
		client_send(&d->server, c, protocol_error(err.has_id, err.id, err.code, "%s", err.message));
		if (err.disconnect) {
			log_info("client #%llu (pid %d uid %u) sent garbage (%s); disconnecting",
				 (unsigned long long)c->serial, (int)c->peer.pid, (unsigned)c->peer.uid, err.message);
			client_close_after_flush(c);
		}
		return;
	}
	if (!c->hello_done && req.kind != REQ_HELLO) {
		reply_error(d, c, &req, E_HELLO_REQUIRED, "send 'hello' with the protocol version first");
		return;
	}
	switch (req.kind) {
	case REQ_HELLO:
		do_hello(d, c, &req);
		break;
	case REQ_STATUS:
		do_status(d, c, &req);
		break;
	case REQ_LIST_TARGETS:
		do_list_targets(d, c, &req);
		break;
	case REQ_CHECK:
		do_check(d, c, &req);
		break;
	case REQ_UPDATE:
	case REQ_ROLLBACK:
		do_update(d, c, &req);
		break;
	case REQ_CANCEL:
		do_cancel(d, c, &req);
		break;
	case REQ_SUBSCRIBE:
		do_subscribe(d, c, &req);
		break;
	case REQ_RESTART:
		do_restart(d, c, &req);
		break;
	case REQ__COUNT:
	default:
		/* protocol.c never yields this; refusing is the only safe answer. */
		reply_error(d, c, &req, E_INTERNAL, "unhandled request kind");
		break;
	}
}
