/* daemon.c — see daemon.h. Start-up order matters and is spelled out in
 * daemon_init: recovery of interrupted swaps runs before anything can ask
 * for a new one. */
#include "daemon.h"

#include <errno.h>
#include <pwd.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>

#include "feed_accept.h"
#include "fileio.h"
#include "log.h"
#include "sdnotify.h"
#include "util.h"

#define JOB_SLICE_MS 20

struct target *daemon_find_target(struct daemon *d, const char *name)
{
	for (size_t i = 0; i < d->n_targets; i++)
		if (strcmp(d->targets[i].cfg.name, name) == 0)
			return &d->targets[i];
	return NULL;
}

void emit_state(struct daemon *d, const struct target *t)
{
	struct json_object *ev = protocol_event(EV_STATE);
	json_object_object_add(ev, "target", target_to_json(t, true));
	server_broadcast(&d->server, ev);
}

void emit_error(struct daemon *d, const char *target, const struct job *job, enum err_code code, const char *msg)
{
	struct json_object *ev = protocol_event(EV_ERROR);
	json_add_str(ev, "target", target);
	if (job)
		json_add_int(ev, "job", (int64_t)job->id);
	json_add_str(ev, "code", err_code_name(code));
	json_add_str(ev, "message", msg);
	server_broadcast(&d->server, ev);
}

static void read_machine_id(struct daemon *d)
{
	_cleanup_free_ char *path = xasprintf("%s/etc/machine-id", d->paths.root);
	const char *candidates[] = { path, "/etc/machine-id" };
	for (size_t i = 0; i < ARRAY_SIZE(candidates); i++) {
		_cleanup_free_ char *text = NULL;
		size_t len;
		if (read_small_at(AT_FDCWD, candidates[i], 64, &text, &len) == 0) {
			text[strcspn(text, "\n")] = '\0';
			strlcpy_ok(d->machine_id, text, sizeof(d->machine_id));
			return;
		}
	}
}

/* The first check comes soon after start (spread over up to 5 minutes so a
 * fleet booting together does not hit the feed server at once); later ones
 * every interval, ±10%. */
static void schedule_next_check(struct target *t);

static void schedule_first_check(const struct daemon *d, struct target *t)
{
	if (!d->cfg.helper.check_on_start) {
		schedule_next_check(t);
		return;
	}
	/* A target never checked (just configured) is checked right away. */
	if (t->rec.last_check == 0) {
		t->next_check_ms = now_ms();
		return;
	}
	int64_t spread = t->cfg.interval_s * 1000 / 10;
	if (spread > 300 * 1000)
		spread = 300 * 1000;
	t->next_check_ms = now_ms() + (int64_t)random_below((uint64_t)spread + 1);
}

static void schedule_next_check(struct target *t)
{
	int64_t base = t->cfg.interval_s * 1000;
	int64_t jitter = base / 10;
	t->next_check_ms = now_ms() + base - jitter + (int64_t)random_below((uint64_t)(2 * jitter) + 1);
}

/* The feed accepted before a restart is known again at once (re-verified,
 * and only if it has not expired), so status shows what is available. */
static void load_saved_feed(struct daemon *d, struct target *t)
{
	_cleanup_free_ char *feed = NULL, *sig = NULL;
	size_t feed_len = 0, sig_len = 0;
	if (state_load_feed(d->dirs.state_dirfd, t->cfg.name, &feed, &feed_len, &sig, &sig_len) < 0)
		return;
	enum err_code code;
	char why[512];
	if (!feed_accept(t, d->dirs.state_dirfd, d->machine_id, &d->trust, feed, feed_len, sig, sig_len, FEED_SAVED,
			 NULL, NULL, &code, why, sizeof(why))) {
		log_info("%s: the saved feed is not usable any more (%s); the next check fetches it", t->cfg.name, why);
		t->rec.feed_etag[0] = t->rec.feed_last_modified[0] = '\0';
	}
}

/* Downloads run as fetch_user, or a dedicated "upswap" user, or nobody. */
static const char *fetch_user(const struct daemon *d)
{
	if (d->cfg.helper.fetch_user[0])
		return d->cfg.helper.fetch_user;
	return getpwnam("upswap") ? "upswap" : "nobody";
}

static void load_targets(struct daemon *d)
{
	config_load(&d->paths, &d->trust, &d->cfg);
	downloader_free(d->downloader);
	/* A served fetcher's user is systemd's choice: no user lookup (and no
	 * NSS modules loaded into the helper) for it. */
	bool drops = geteuid() == 0 && !d->opts.fetch_socket;
	d->downloader = downloader_new(d->opts.fetcher, d->opts.fetch_socket, drops ? fetch_user(d) : NULL);
	d->source_env = (struct source_env){ .dl = d->downloader, .trust = &d->trust, .cache_dirfd = d->cache_dirfd };
	d->source_env.limits = (struct download_limits){
		.connect_timeout_s = d->cfg.helper.connect_timeout_s,
		.stall_timeout_s = d->cfg.helper.stall_timeout_s,
		.max_rate = d->cfg.helper.max_download_rate,
		.ca_file = d->cfg.helper.ca_file,
	};
	d->source_env.retries = d->cfg.helper.download_retries;
	d->targets = xcalloc(d->cfg.n_targets, sizeof(struct target));
	d->n_targets = d->cfg.n_targets;
	for (size_t i = 0; i < d->n_targets; i++) {
		struct target *t = &d->targets[i];
		target_init(t, &d->cfg.targets[i], &d->source_env);
		if (state_load(d->dirs.state_dirfd, t->cfg.name, &t->rec) == -EBADMSG)
			target_set_error(t, E_IO_ERROR, "the state file was unreadable and was reset");
		target_refresh_installed(t, &d->trust);
		load_saved_feed(d, t);
		schedule_first_check(d, t);
	}
	log_info("%zu target%s configured%s", d->n_targets, d->n_targets == 1 ? "" : "s",
		 d->cfg.n_errors ? ", with configuration errors (see status)" : "");
}

static void free_targets(struct daemon *d)
{
	for (size_t i = 0; i < d->n_targets; i++)
		target_free(&d->targets[i]);
	free(d->targets);
	d->targets = NULL;
	d->n_targets = 0;
	config_free(&d->cfg);
}

static int open_state_dirs(struct daemon *d)
{
	d->dirs.state_dirfd = open(d->paths.state_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (d->dirs.state_dirfd < 0)
		return -errno;
	int r = open_subdir(d->dirs.state_dirfd, "journal");
	if (r < 0)
		return r;
	d->dirs.journal_dirfd = r;
	r = open_subdir(d->dirs.state_dirfd, "previous");
	if (r < 0)
		return r;
	d->dirs.previous_dirfd = r;
	d->dirs.trust = &d->trust;
	return 0;
}

static int open_signals(struct daemon *d)
{
	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0)
		return -errno;
	signal(SIGPIPE, SIG_IGN);
	d->signal_fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
	return d->signal_fd < 0 ? -errno : 0;
}

int daemon_init(struct daemon *d, const struct options *opts)
{
	memset(d, 0, sizeof(*d));
	d->opts = *opts;
	d->signal_fd = d->dirs.state_dirfd = d->dirs.journal_dirfd = d->dirs.previous_dirfd = d->cache_dirfd = -1;
	d->server.listen_fd = d->server.poke_fd = -1;
	d->sandbox = opts->root != NULL;
	d->start_ms = now_ms();
	d->last_check_ms = INT64_MIN / 2;
	d->trust = (struct trust){ .owner = geteuid(), .sandbox = d->sandbox };
	authz_init(&d->authz, geteuid(), !opts->no_polkit);

	int r = paths_init(&d->paths, opts->root);
	if (r < 0) {
		log_error("--root %s: must be an absolute path short enough for a socket name", opts->root);
		return r;
	}
	/* 1. Our own directories. */
	if ((r = paths_create_dirs(&d->paths)) < 0 || (r = open_state_dirs(d)) < 0) {
		log_error("cannot prepare %s: %s", d->paths.state_dir, strerror(-r));
		return r;
	}
	read_machine_id(d);
	d->cache_dirfd = open(d->paths.cache_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (d->cache_dirfd < 0) {
		log_error("cannot open the download cache %s: %s", d->paths.cache_dir, strerror(errno));
		return -EIO;
	}
	/* 2. Finish or undo swaps a crash interrupted, before anything else. */
	int left = install_recover_all(&d->dirs);
	if (left)
		log_error("%d interrupted swap%s could not be recovered; those targets will not be updated",
			  left, left == 1 ? "" : "s");
	/* 3. Configuration and remembered state. */
	load_targets(d);
	/* 4. Signals as events, then the sockets. */
	if ((r = open_signals(d)) < 0) {
		log_error("cannot set up signals: %s", strerror(-r));
		return r;
	}
	int act_stream, act_dgram;
	sd_listen_fds_take(&act_stream, &act_dgram);
	r = server_open(&d->server, d->paths.helper_sock, d->paths.poke_sock, act_stream, act_dgram, handle_line, d);
	if (r < 0) {
		log_error("cannot open the sockets in %s: %s", d->paths.run_dir, strerror(-r));
		return r;
	}
	log_notice("upswap-helper %s ready on %s%s", HELPER_VERSION, d->paths.helper_sock,
		   d->sandbox ? " (sandbox)" : "");
	return 0;
}

static void reload(struct daemon *d)
{
	log_notice("reloading the configuration");
	free_targets(d);
	load_targets(d);
	d->reload_pending = false;
}

static void handle_signals(struct daemon *d)
{
	struct signalfd_siginfo si;
	while (read(d->signal_fd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		switch (si.ssi_signo) {
		case SIGHUP:
			/* Reload once idle, then check everything now. */
			log_info("SIGHUP: reloading the configuration and checking now");
			d->reload_pending = true;
			break;
		case SIGTERM:
		case SIGINT:
			log_notice("%s: exiting", si.ssi_signo == SIGTERM ? "SIGTERM" : "SIGINT");
			d->quit = true;
			jobs_cancel(d, NULL, NULL, 0);
			break;
		default:
			break;
		}
	}
}

static void handle_pokes(struct daemon *d, uint64_t pokes)
{
	if (!pokes)
		return;
	d->stats.pokes += pokes;
	int64_t now = now_ms();
	if (now - d->last_check_ms < d->cfg.helper.min_check_interval_s * 1000) {
		d->stats.pokes_ignored += pokes;
		return;
	}
	d->last_check_ms = now;
	d->stats.pokes_ignored += pokes - 1;
	size_t n = jobs_queue_checks(d, NULL);
	log_info("poke: checking %zu target%s", n, n == 1 ? "" : "s");
}

static void run_timers(struct daemon *d)
{
	int64_t now = now_ms();
	for (size_t i = 0; i < d->n_targets; i++) {
		struct target *t = &d->targets[i];
		if (target_rescan_due(t, now))
			emit_state(d, t);
		if (now < t->next_check_ms)
			continue;
		schedule_next_check(t);
		jobs_queue_checks(d, t->cfg.name);
	}
}

static int clamp_wait(int64_t due)
{
	int64_t wait = due - now_ms();
	if (wait < 0)
		return 0;
	return wait > INT32_MAX ? INT32_MAX : (int)wait;
}

/* Sleep until the first of: a target's next check, curl's timer, a job's
 * retry; not at all if a job has work ready. */
static int poll_timeout(const struct daemon *d)
{
	if (d->quit || d->job_progress == JOB_READY || (d->reload_pending && d->n_jobs == 0))
		return 0;
	int timeout = -1;
	for (size_t i = 0; i < d->n_targets; i++) {
		int w = clamp_wait(d->targets[i].next_check_ms);
		if (timeout < 0 || w < timeout)
			timeout = w;
		if (d->targets[i].rescan_ms) {
			w = clamp_wait(d->targets[i].rescan_ms);
			if (w < timeout)
				timeout = w;
		}
	}
	int pk = authz_timeout_ms(&d->authz);
	if (pk >= 0 && (timeout < 0 || pk < timeout))
		timeout = pk;
	int64_t retry = job_wakeup_ms(d);
	if (retry >= 0 && (timeout < 0 || clamp_wait(retry) < timeout))
		timeout = clamp_wait(retry);
	return timeout;
}

static void notify_status(const struct daemon *d)
{
	static size_t last = (size_t)-1;
	if (last == d->n_jobs)
		return;
	last = d->n_jobs;
	char buf[128];
	if (d->n_jobs)
		snprintf(buf, sizeof(buf), "STATUS=working on %s (%zu queued)", d->jobs[0]->target, d->n_jobs - 1);
	else
		snprintf(buf, sizeof(buf), "STATUS=idle, %zu target%s", d->n_targets, d->n_targets == 1 ? "" : "s");
	sd_notify_send(buf);
}

int daemon_run(struct daemon *d)
{
	sd_notify_send("READY=1");
	struct pollfd *fds = NULL;
	size_t cap = 0;
	while (!(d->quit && d->n_jobs == 0)) {
		notify_status(d);
		size_t n_server = server_poll_count(&d->server);
		size_t n_dl = downloader_poll_count(d->downloader);
		size_t n_authz = authz_poll_count(&d->authz);
		size_t n = 1 + n_server + n_dl + n_authz;
		if (n > cap) {
			cap = n * 2;
			fds = xrealloc(fds, cap * sizeof(*fds));
		}
		fds[0] = (struct pollfd){ .fd = d->signal_fd, .events = POLLIN };
		server_fill_poll(&d->server, fds + 1);
		downloader_fill_poll(d->downloader, fds + 1 + n_server);
		authz_fill_poll(&d->authz, fds + 1 + n_server + n_dl);
		int r = poll(fds, n, poll_timeout(d));
		if (r < 0 && errno != EINTR) {
			log_error("poll failed: %s", strerror(errno));
			break;
		}
		if (r > 0) {
			if (fds[0].revents & POLLIN)
				handle_signals(d);
			downloader_dispatch(d->downloader, fds + 1 + n_server, n_dl);
			authz_dispatch(&d->authz, fds + 1 + n_server + n_dl, n_authz);
			handle_pokes(d, server_dispatch(&d->server, fds + 1, n_server));
		}
		authz_run_timers(&d->authz);
		if (!d->quit)
			run_timers(d);
		/* Long work in slices, so requests are answered in between. */
		int64_t slice_end = now_ms() + JOB_SLICE_MS;
		while (job_step(d) == JOB_READY && now_ms() < slice_end)
			;
		server_reap(&d->server);
		if (d->reload_pending && d->n_jobs == 0 && !d->quit) {
			reload(d);
			d->last_check_ms = now_ms();
			jobs_queue_checks(d, NULL);
		}
	}
	free(fds);
	sd_notify_send("STOPPING=1");
	log_notice("stopped");
	return 0;
}

void daemon_free(struct daemon *d)
{
	jobs_cancel(d, NULL, NULL, 0);
	while (d->n_jobs && job_step(d) != JOB_IDLE)
		;
	authz_free(&d->authz);
	server_close(&d->server);
	free_targets(d);
	downloader_free(d->downloader);
	d->downloader = NULL;
	if (d->cache_dirfd >= 0)
		close(d->cache_dirfd);
	if (d->signal_fd >= 0)
		close(d->signal_fd);
	if (d->dirs.state_dirfd >= 0)
		close(d->dirs.state_dirfd);
	if (d->dirs.journal_dirfd >= 0)
		close(d->dirs.journal_dirfd);
	if (d->dirs.previous_dirfd >= 0)
		close(d->dirs.previous_dirfd);
	paths_free(&d->paths);
}
