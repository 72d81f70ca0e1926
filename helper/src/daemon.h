/* daemon.h — the helper's whole run-time state and its event loop: one
 * thread, one poll() over the signalfd, the two sockets and the clients;
 * timers are poll timeouts; long work (copying a binary) runs in bounded
 * steps between polls, so no client ever waits behind it. Idle, the loop
 * sleeps until the next scheduled check. */
#ifndef UPSWAP_DAEMON_H
#define UPSWAP_DAEMON_H

#include <stdbool.h>
#include <stdint.h>

#include "authz.h"
#include "config.h"
#include "install.h"
#include "paths.h"
#include "server.h"
#include "target.h"

#define HELPER_VERSION "0.1.0"
#define MAX_JOBS 64

struct options {
	const char *root;     /* --root: sandbox; NULL for the system */
	bool foreground;
	int log_level;
};

struct stats {
	uint64_t checks, pokes, pokes_ignored, updates, rollbacks, errors;
};

enum job_kind { JOB_CHECK, JOB_UPDATE, JOB_ROLLBACK };

struct job {
	uint64_t id;
	enum job_kind kind;
	char target[NAME_MAX_LEN + 1];
	char version[VERSION_MAX_LEN + 1]; /* requested; "" = newest offered */
	bool force;
	bool allow_downgrade;
	bool cancel;
	/* while running */
	bool installing;
	struct install inst;
	int src_fd;
	char new_version[VERSION_MAX_LEN + 1];
	char new_sha256[SHA256_HEX_LEN + 1];
	char from_version[VERSION_MAX_LEN + 1];
	uint64_t total, done;
	int64_t queued_ms, started_ms, copied_ms, progress_ms; /* monotonic, for rates and the log */
	bool half_crossed;
};

struct daemon {
	struct options opts;
	bool sandbox;
	struct paths paths;
	struct trust trust;
	struct authz authz;
	struct config cfg;
	struct target *targets;
	size_t n_targets;
	struct install_dirs dirs;
	char machine_id[128];
	struct server server;
	int signal_fd;
	struct job *jobs[MAX_JOBS];  /* jobs[0] runs, the rest wait in order */
	size_t n_jobs;
	uint64_t next_job_id;
	struct stats stats;
	int64_t start_ms;
	int64_t last_check_ms;       /* last check of all targets (for the rate limit) */
	bool quit;
	bool reload_pending;
};

int daemon_init(struct daemon *d, const struct options *opts);
int daemon_run(struct daemon *d);
void daemon_free(struct daemon *d);

struct target *daemon_find_target(struct daemon *d, const char *name);

/* Events to subscribed clients. */
void emit_state(struct daemon *d, const struct target *t);
void emit_error(struct daemon *d, const char *target, const struct job *job, enum err_code code, const char *msg);

/* Jobs (job.c). */
struct job *job_enqueue(struct daemon *d, enum job_kind kind, const char *target);
/* Queues a check of every target (or one); returns how many were queued. */
size_t jobs_queue_checks(struct daemon *d, const char *only_target);
/* Marks matching jobs cancelled (NULL = all); writes their ids. */
size_t jobs_cancel(struct daemon *d, const char *target, uint64_t *ids, size_t max_ids);
/* Does a bounded amount of work on the current job. True if more is ready. */
bool job_step(struct daemon *d);

/* Requests (handlers.c): the server's line callback. */
void handle_line(void *ctx, struct client *c, const char *line, size_t len);

#endif
