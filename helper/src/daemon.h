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
#include "downloader.h"
#include "install.h"
#include "paths.h"
#include "server.h"
#include "target.h"

#define HELPER_VERSION "0.1.0"
#define MAX_JOBS 64

struct options {
	const char *root;     /* --root: sandbox; NULL for the system */
	bool foreground;
	bool no_polkit;       /* --no-polkit (sandboxes only): authorize by uid */
	const char *fetcher;  /* path of upswap-fetch */
	const char *fetch_socket; /* socket-activated upswap-fetch, or NULL: start fetcher */
	int log_level;
};

struct stats {
	uint64_t checks, pokes, pokes_ignored, updates, rollbacks, errors;
};

enum job_kind { JOB_CHECK, JOB_UPDATE, JOB_ROLLBACK };

enum job_phase {
	PH_START,      /* nothing done yet */
	PH_FEED,       /* fetching the feed and its signature */
	PH_ARTIFACT,   /* fetching the release's bytes */
	PH_INSTALL,    /* copying them next to the target (install.c) */
};

struct daemon;

struct job {
	struct daemon *owner;              /* for callbacks that only get the job */
	uint64_t id;
	enum job_kind kind;
	char target[NAME_MAX_LEN + 1];
	char version[VERSION_MAX_LEN + 1]; /* requested; "" = newest offered */
	bool force;
	bool allow_downgrade;
	bool cancel;
	enum job_phase phase;
	bool feed_active, artifact_active, installing;
	struct feed_fetch feed;
	struct artifact_fetch artifact;
	struct install inst;
	int rollback_fd;                   /* the kept previous binary, for a rollback */
	char new_version[VERSION_MAX_LEN + 1];
	char new_sha256[SHA256_HEX_LEN + 1];
	char from_version[VERSION_MAX_LEN + 1];
	char artifact_url[MAX_URL_LEN + 1];
	uint64_t total, done;
	int64_t queued_ms, started_ms, copied_ms, progress_ms; /* monotonic, for rates and the log */
	bool half_crossed;
};

/* What the current job needs from the loop next. */
enum job_progress {
	JOB_IDLE,      /* no jobs */
	JOB_READY,     /* more work can be done right away */
	JOB_WAITING,   /* waiting for the network or a retry timer */
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
	struct downloader *downloader;
	struct source_env source_env;
	int cache_dirfd;
	int signal_fd;
	struct job *jobs[MAX_JOBS];  /* jobs[0] runs, the rest wait in order */
	size_t n_jobs;
	uint64_t next_job_id;
	struct stats stats;
	int64_t start_ms;
	int64_t last_check_ms;       /* last check of all targets (for the rate limit) */
	bool quit;
	bool reload_pending;
	enum job_progress job_progress;
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
/* Does a bounded amount of work on the current job. */
enum job_progress job_step(struct daemon *d);
/* When the current job wants a poll without I/O (a retry), or -1. */
int64_t job_wakeup_ms(const struct daemon *d);

/* Requests (handlers.c): the server's line callback. */
void handle_line(void *ctx, struct client *c, const char *line, size_t len);

#endif
