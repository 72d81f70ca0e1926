/* job.c — the work the helper does for its targets, one job at a time in
 * request order, as a small state machine the event loop steps:
 *
 *   check:    fetch feed + signature → accept (feed_accept.c)
 *   update:   fetch feed + signature → accept → choose the release →
 *             fetch its bytes (download into the cache, resumable) →
 *             install them (install.c, in bounded slices) → commit
 *   rollback: install the kept previous binary the same way
 *
 * Waiting for the network never blocks: a step returns JOB_WAITING and the
 * loop polls the downloader. Every update/rollback ends in exactly one
 * `updated` or `error` event. */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "crashpoint.h"
#include "daemon.h"
#include "feed_accept.h"
#include "log.h"
#include "restart.h"
#include "sha256.h"
#include "util.h"
#include "version.h"

#define INSTALL_CHUNK        (1024 * 1024)
#define INSTALL_STEP_BYTES   (8 * 1024 * 1024)
#define PROGRESS_INTERVAL_MS 100

static const char *job_kind_name(enum job_kind k)
{
	return k == JOB_CHECK ? "check" : k == JOB_UPDATE ? "update" : "rollback";
}

struct job *job_enqueue(struct daemon *d, enum job_kind kind, const char *target)
{
	if (d->n_jobs >= MAX_JOBS)
		return NULL;
	struct job *j = xcalloc(1, sizeof(*j));
	j->owner = d;
	j->id = ++d->next_job_id;
	j->queued_ms = now_ms();
	j->kind = kind;
	j->rollback_fd = -1;
	j->inst.journal_fd = -1;
	j->inst.swap.dirfd = j->inst.swap.old_fd = j->inst.swap.temp_fd = -1;
	strlcpy_ok(j->target, target, sizeof(j->target));
	d->jobs[d->n_jobs++] = j;
	d->job_progress = JOB_READY;
	return j;
}

size_t jobs_queue_checks(struct daemon *d, const char *only)
{
	size_t queued = 0;
	for (size_t i = 0; i < d->n_targets; i++) {
		const char *name = d->targets[i].cfg.name;
		if (only && strcmp(only, name) != 0)
			continue;
		/* One waiting check per target is enough; an update checks anyway. */
		bool pending = false;
		for (size_t k = 1; k < d->n_jobs; k++)
			if (strcmp(d->jobs[k]->target, name) == 0 && !d->jobs[k]->cancel)
				pending = true;
		if (pending)
			continue;
		if (!job_enqueue(d, JOB_CHECK, name))
			break;
		queued++;
	}
	return queued;
}

size_t jobs_cancel(struct daemon *d, const char *target, uint64_t *ids, size_t max_ids)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n_jobs; i++) {
		struct job *j = d->jobs[i];
		if (j->cancel || (target && strcmp(j->target, target) != 0))
			continue;
		j->cancel = true;
		if (n < max_ids)
			ids[n++] = j->id;
	}
	if (n)
		d->job_progress = JOB_READY;
	return n;
}

/* ---- events ------------------------------------------------------------ */

static void emit_progress(struct daemon *d, struct job *j, const char *phase, bool force)
{
	int64_t now = now_ms();
	if (!force && now - j->progress_ms < PROGRESS_INTERVAL_MS)
		return;
	j->progress_ms = now;
	/* At least 1 ms, so a small file copied within one tick gets a rate. */
	int64_t elapsed = now - j->started_ms > 0 ? now - j->started_ms : 1;
	struct json_object *ev = protocol_event(EV_PROGRESS);
	json_add_str(ev, "target", j->target);
	json_add_int(ev, "job", (int64_t)j->id);
	json_add_str(ev, "phase", phase);
	json_add_int(ev, "done", (int64_t)j->done);
	json_add_int(ev, "total", (int64_t)j->total);
	json_add_int(ev, "rate", (int64_t)(j->done * 1000 / (uint64_t)elapsed));
	server_broadcast(&d->server, ev);
}

static void on_download_progress(void *ctx, uint64_t done, uint64_t total)
{
	struct job *j = ctx;
	j->done = done;
	j->total = total;
	emit_progress(j->owner, j, "download", false);
}

static void set_state(struct daemon *d, struct target *t, enum target_state s)
{
	if (t->state == s)
		return;
	t->state = s;
	emit_state(d, t);
}

/* ---- ending a job ------------------------------------------------------ */

/* Releases whatever the job still holds; discard drops a cached download
 * (installed, or proven wrong). */
static void release(struct daemon *d, struct target *t, struct job *j, bool discard)
{
	if (j->feed_active)
		source_feed_end(&j->feed);
	j->feed_active = false;
	if (j->artifact_active && t)
		source_artifact_end(t->source, &j->artifact, discard);
	j->artifact_active = false;
	if (j->rollback_fd >= 0)
		close(j->rollback_fd);
	j->rollback_fd = -1;
	(void)d;
}

static void fail_job(struct daemon *d, struct target *t, struct job *j, enum err_code code, const char *msg)
{
	if (j->installing || j->inst.begun)
		install_abort(&d->dirs, &j->inst);
	else
		swap_close(&j->inst.swap);
	j->installing = false;
	/* Bytes that failed verification must not be resumed or reused. */
	release(d, t, j, code == E_VERIFY_FAILED);
	bool quiet = code == E_CANCELLED || code == E_UP_TO_DATE;
	if (t) {
		/* Recovery may have recorded a swap that did happen: reread. */
		state_load(d->dirs.state_dirfd, t->cfg.name, &t->rec);
		target_refresh_installed(t, &d->trust);
		target_update_available(t, d->machine_id);
		if (!quiet)
			target_set_error(t, code, msg);
		t->state = quiet ? TS_IDLE : TS_ERROR;
	}
	if (!quiet) {
		d->stats.errors++;
		log_error("%s of %s: %s", job_kind_name(j->kind), j->target, msg);
	} else {
		log_info("%s: %s", j->target, msg);
	}
	emit_error(d, j->target, j->kind == JOB_CHECK ? NULL : j, code, msg);
	if (t)
		emit_state(d, t);
}

static void job_done(struct daemon *d)
{
	free(d->jobs[0]);
	memmove(&d->jobs[0], &d->jobs[1], (d->n_jobs - 1) * sizeof(d->jobs[0]));
	d->n_jobs--;
	/* Give the copy buffers back: an idle helper should stay small. */
	if (d->n_jobs == 0)
		malloc_trim(0);
}

/* ---- feed ----------------------------------------------------------------- */

static void begin_feed(struct daemon *d, struct target *t, struct job *j)
{
	set_state(d, t, TS_CHECKING);
	memset(&j->feed, 0, sizeof(j->feed));
	/* Ask "has it changed?" only when the copy to fall back on exists. */
	if (t->has_feed) {
		strlcpy_ok(j->feed.etag, t->rec.feed_etag, sizeof(j->feed.etag));
		strlcpy_ok(j->feed.last_modified, t->rec.feed_last_modified, sizeof(j->feed.last_modified));
	}
	source_feed_begin(t->source, &j->feed);
	j->feed_active = true;
	j->phase = PH_FEED;
}

/* Turns the finished fetch into the accepted feed; false (+ reason) if not. */
static bool accept_fetched_feed(struct daemon *d, struct target *t, struct job *j, enum err_code *code, char *why,
				size_t why_len)
{
	struct feed_fetch *f = &j->feed;
	if (f->failed) {
		*code = f->code;
		snprintf(why, why_len, "%s", f->why);
		return false;
	}
	bool ok;
	if (f->not_modified) {
		/* 304: the saved copy is re-verified, and must not have expired. */
		_cleanup_free_ char *feed = NULL, *sig = NULL;
		size_t feed_len = 0, sig_len = 0;
		if (state_load_feed(d->dirs.state_dirfd, t->cfg.name, &feed, &feed_len, &sig, &sig_len) < 0) {
			t->rec.feed_etag[0] = t->rec.feed_last_modified[0] = '\0';
			*code = E_SOURCE_ERROR;
			snprintf(why, why_len, "the server says the feed is unchanged but the saved copy is gone; "
				 "the next check fetches it again");
			return false;
		}
		ok = feed_accept(t, d->dirs.state_dirfd, d->machine_id, &d->trust, feed, feed_len, sig, sig_len,
				 FEED_SAVED, NULL, NULL, code, why, why_len);
		if (ok) {
			t->rec.last_check = now_wall();
			state_save(d->dirs.state_dirfd, t->cfg.name, &t->rec);
			log_info("%s: feed unchanged (HTTP 304)", t->cfg.name);
		}
	} else {
		ok = feed_accept(t, d->dirs.state_dirfd, d->machine_id, &d->trust, f->feed, f->feed_len, f->sig,
				 f->sig_len, FEED_FETCHED, f->new_etag, f->new_last_modified, code, why, why_len);
	}
	source_feed_end(f);
	j->feed_active = false;
	return ok;
}

static void finish_check(struct daemon *d, struct target *t)
{
	d->stats.checks++;
	target_clear_error(t);
	t->state = TS_IDLE;
	struct json_object *ev = protocol_event(EV_CHECKED);
	json_add_str(ev, "target", t->cfg.name);
	json_add_str(ev, "available", t->available ? t->available->version : NULL);
	json_add_int(ev, "serial", t->feed.serial);
	server_broadcast(&d->server, ev);
	emit_state(d, t);
	log_info("checked %s: feed serial %lld, %s", t->cfg.name, (long long)t->feed.serial,
		 t->available ? t->available->version : "nothing new");
	if (t->cfg.auto_update && t->available && job_enqueue(d, JOB_UPDATE, t->cfg.name))
		log_notice("auto_update: installing %s %s", t->cfg.name, t->available->version);
}

/* ---- choosing and fetching what to install ----------------------------- */

static bool choose_release(struct target *t, struct job *j, enum err_code *code, char *why, size_t why_len)
{
	const char *installed = target_installed_version(t);
	snprintf(j->from_version, sizeof(j->from_version), "%s", installed ? installed : "");
	const struct release *rel;
	if (j->version[0]) {
		rel = feed_find(&t->feed, j->version);
		if (!rel) {
			*code = E_UNKNOWN_VERSION;
			snprintf(why, why_len, "the feed of %s does not offer version %s", t->cfg.name, j->version);
			return false;
		}
		if (installed && version_compare(rel->version, installed) < 0 && !j->allow_downgrade) {
			*code = E_DOWNGRADE;
			snprintf(why, why_len, "%s %s is older than the installed %s; a downgrade needs the downgrade "
				 "permission", t->cfg.name, rel->version, installed);
			return false;
		}
		if (t->installed.known && strcmp(t->installed.sha256, rel->sha256) == 0 && !j->force) {
			*code = E_UP_TO_DATE;
			snprintf(why, why_len, "%s %s is already installed", t->cfg.name, rel->version);
			return false;
		}
	} else {
		rel = t->available;
		if (!rel) {
			*code = E_UP_TO_DATE;
			snprintf(why, why_len, "%s is up to date%s%s", t->cfg.name, installed ? " at " : "",
				 installed ? installed : "");
			return false;
		}
	}
	strlcpy_ok(j->new_version, rel->version, sizeof(j->new_version));
	strlcpy_ok(j->new_sha256, rel->sha256, sizeof(j->new_sha256));
	strlcpy_ok(j->artifact_url, rel->url, sizeof(j->artifact_url));
	j->total = rel->size;
	return true;
}

static void begin_artifact(struct daemon *d, struct target *t, struct job *j)
{
	struct artifact_fetch *a = &j->artifact;
	memset(a, 0, sizeof(*a));
	strlcpy_ok(a->version, j->new_version, sizeof(a->version));
	strlcpy_ok(a->sha256, j->new_sha256, sizeof(a->sha256));
	a->url = j->artifact_url;
	a->size = j->total;
	a->progress = on_download_progress;
	a->ctx = j;
	j->started_ms = now_ms();
	j->done = 0;
	set_state(d, t, TS_DOWNLOADING);
	source_artifact_begin(t->source, a);
	j->artifact_active = true;
	j->phase = PH_ARTIFACT;
}

/* Opens the kept previous binary as what a rollback installs. */
static bool open_rollback_copy(struct daemon *d, struct target *t, struct job *j, enum err_code *code, char *why,
			       size_t why_len)
{
	target_refresh_installed(t, &d->trust);
	const char *installed = target_installed_version(t);
	snprintf(j->from_version, sizeof(j->from_version), "%s", installed ? installed : "");
	_cleanup_free_ char *name = install_backup_name(t->cfg.name);
	if (!t->rec.previous.present ||
	    (j->rollback_fd = openat(d->dirs.previous_dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
		*code = E_NO_PREVIOUS;
		snprintf(why, why_len, "there is no previous version of %s to roll back to", t->cfg.name);
		return false;
	}
	char sha[SHA256_HEX_LEN + 1];
	uint64_t size;
	if (sha256_fd(j->rollback_fd, sha, &size) < 0 || strcmp(sha, t->rec.previous.sha256) != 0) {
		*code = E_VERIFY_FAILED;
		snprintf(why, why_len, "the kept previous version of %s is damaged (hash mismatch); not rolling back",
			 t->cfg.name);
		return false;
	}
	strlcpy_ok(j->new_version, t->rec.previous.version, sizeof(j->new_version));
	strlcpy_ok(j->new_sha256, sha, sizeof(j->new_sha256));
	j->total = size;
	return true;
}

/* ---- installing --------------------------------------------------------- */

static int install_source_fd(const struct job *j)
{
	return j->kind == JOB_ROLLBACK ? j->rollback_fd : j->artifact.fd;
}

static bool begin_install(struct daemon *d, struct target *t, struct job *j, enum err_code *code, char *why,
			  size_t why_len)
{
	struct install_error ierr;
	struct known_file known = { .valid = t->installed.known, .st = t->installed.st };
	strlcpy_ok(known.sha256, t->installed.sha256, sizeof(known.sha256));
	strlcpy_ok(known.version, j->from_version, sizeof(known.version));
	if (install_begin(&d->dirs, &j->inst, t->cfg.name, t->cfg.path, t->cfg.mode, &t->rec.installed, j->force,
			  j->new_version, j->new_sha256, j->total, j->kind == JOB_ROLLBACK, &known, &ierr) < 0) {
		*code = ierr.code;
		snprintf(why, why_len, "%s", ierr.message);
		return false;
	}
	j->installing = true;
	j->started_ms = now_ms();
	j->done = 0;
	j->phase = PH_INSTALL;
	set_state(d, t, TS_SWAPPING);
	emit_progress(d, j, "install", true);
	return true;
}

/* Copies up to INSTALL_STEP_BYTES; true when all bytes are written. */
static bool install_some(struct daemon *d, struct target *t, struct job *j, bool *failed)
{
	_cleanup_free_ char *buf = xmalloc(INSTALL_CHUNK);
	struct install_error ierr;
	int src = install_source_fd(j);
	char msg[256];
	for (uint64_t step = 0; step < INSTALL_STEP_BYTES;) {
		/* One byte more than promised: a longer file is caught here
		 * instead of being installed cut short. */
		uint64_t want = j->total - j->done + 1;
		if (want > INSTALL_CHUNK)
			want = INSTALL_CHUNK;
		ssize_t n = read(src, buf, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(msg, sizeof(msg), "reading the new bytes of %s failed: %s", t->cfg.name, strerror(errno));
			fail_job(d, t, j, E_SOURCE_ERROR, msg);
			*failed = true;
			return false;
		}
		if (n == 0) {
			if (j->done == j->total)
				return true;
			snprintf(msg, sizeof(msg), "the artifact of %s %s ended after %llu of %llu bytes; nothing was changed",
				 t->cfg.name, j->new_version, (unsigned long long)j->done, (unsigned long long)j->total);
			fail_job(d, t, j, E_VERIFY_FAILED, msg);
			*failed = true;
			return false;
		}
		if (j->done + (uint64_t)n > j->total) {
			snprintf(msg, sizeof(msg), "the artifact of %s %s is longer than the %llu bytes the feed says; "
				 "nothing was changed", t->cfg.name, j->new_version, (unsigned long long)j->total);
			fail_job(d, t, j, E_VERIFY_FAILED, msg);
			*failed = true;
			return false;
		}
		if (install_write(&j->inst, buf, (size_t)n, &ierr) < 0) {
			fail_job(d, t, j, ierr.code, ierr.message);
			*failed = true;
			return false;
		}
		j->done += (uint64_t)n;
		step += (uint64_t)n;
		if (!j->half_crossed && j->done * 2 >= j->total && j->done < j->total) {
			j->half_crossed = true;
			crashpoint(CP_TEMP_HALF_WRITTEN);
		}
		emit_progress(d, j, "install", false);
	}
	return false;
}

static void finish_install(struct daemon *d, struct target *t, struct job *j)
{
	struct install_error ierr;
	struct known_file now;
	set_state(d, t, TS_VERIFYING);
	if (install_commit(&d->dirs, &j->inst, &t->rec, &now, &ierr) < 0) {
		fail_job(d, t, j, ierr.code, ierr.message);
		return;
	}
	j->installing = false;
	release(d, t, j, true);
	bool rollback = j->kind == JOB_ROLLBACK;
	if (rollback)
		d->stats.rollbacks++;
	else
		d->stats.updates++;
	target_clear_error(t);
	target_set_installed(t, &now);
	target_refresh_installed(t, &d->trust);
	target_update_available(t, d->machine_id);
	t->state = TS_IDLE;
	int64_t done_ms = now_ms();
	log_notice("%s %s: %s -> %s in %lld ms (copying %llu bytes %lld, committing %lld)",
		   rollback ? "rolled back" : "updated", t->cfg.name,
		   j->from_version[0] ? j->from_version : "(unknown)", j->new_version[0] ? j->new_version : "(unknown)",
		   (long long)(done_ms - j->queued_ms), (unsigned long long)j->done,
		   (long long)(j->copied_ms - j->started_ms), (long long)(done_ms - j->copied_ms));
	struct json_object *ev = protocol_event(EV_UPDATED);
	json_add_str(ev, "target", t->cfg.name);
	json_add_int(ev, "job", (int64_t)j->id);
	json_add_str(ev, "from", j->from_version[0] ? j->from_version : NULL);
	json_add_str(ev, "to", j->new_version[0] ? j->new_version : NULL);
	json_add_str(ev, "sha256", j->new_sha256);
	json_add_bool(ev, "rollback", rollback);
	/* Who still runs the binary just replaced: they need a restart. */
	target_refresh_processes(t, true);
	json_object_object_add(ev, "processes", processes_json(t->stale, t->n_stale));
	/* Tells clients whether to wait for the policy's restarted event. */
	json_add_bool(ev, "restarting", restart_will_act(t, t->n_stale));
	server_broadcast(&d->server, ev);
	emit_state(d, t);
	restart_apply(d, t, t->stale, t->n_stale);
	target_watch_stale(t);
}

/* ---- the state machine ---------------------------------------------------- */

/* One step of the current job; true if the job is finished. */
static bool step(struct daemon *d, struct target *t, struct job *j, enum job_progress *progress)
{
	enum err_code code = E_INTERNAL;
	char why[512] = "";
	*progress = JOB_READY;
	switch (j->phase) {
	case PH_START:
		if (j->kind == JOB_ROLLBACK) {
			if (!open_rollback_copy(d, t, j, &code, why, sizeof(why)) ||
			    !begin_install(d, t, j, &code, why, sizeof(why)))
				goto failed;
			return false;
		}
		begin_feed(d, t, j);
		return false;
	case PH_FEED:
		if (!source_feed_poll(t->source, &j->feed)) {
			*progress = JOB_WAITING;
			return false;
		}
		if (!accept_fetched_feed(d, t, j, &code, why, sizeof(why)))
			goto failed;
		if (j->kind == JOB_CHECK) {
			finish_check(d, t);
			return true;
		}
		if (!choose_release(t, j, &code, why, sizeof(why)))
			goto failed;
		begin_artifact(d, t, j);
		return false;
	case PH_ARTIFACT:
		if (!source_artifact_poll(t->source, &j->artifact)) {
			*progress = JOB_WAITING;
			return false;
		}
		if (j->artifact.failed) {
			code = j->artifact.code;
			snprintf(why, sizeof(why), "%s", j->artifact.why);
			goto failed;
		}
		if (j->done)
			emit_progress(d, j, "download", true);
		if (!begin_install(d, t, j, &code, why, sizeof(why)))
			goto failed;
		return false;
	case PH_INSTALL: {
		bool install_failed = false;
		if (!install_some(d, t, j, &install_failed))
			return install_failed;
		j->copied_ms = now_ms();
		emit_progress(d, j, "install", true);
		finish_install(d, t, j);
		return true;
	}
	}
failed:
	fail_job(d, t, j, code, why);
	return true;
}

enum job_progress job_step(struct daemon *d)
{
	if (d->n_jobs == 0)
		return d->job_progress = JOB_IDLE;
	struct job *j = d->jobs[0];
	struct target *t = daemon_find_target(d, j->target);
	enum job_progress progress = JOB_READY;
	bool finished;
	if (!t) {
		if (j->kind != JOB_CHECK)
			emit_error(d, j->target, j, E_UNKNOWN_TARGET, "the target was removed from the configuration");
		finished = true;
	} else if (j->cancel) {
		char msg[160];
		snprintf(msg, sizeof(msg), "%s of %s was cancelled; nothing was changed", job_kind_name(j->kind), j->target);
		fail_job(d, t, j, E_CANCELLED, msg);
		finished = true;
	} else {
		finished = step(d, t, j, &progress);
	}
	if (finished) {
		job_done(d);
		progress = d->n_jobs ? JOB_READY : JOB_IDLE;
	}
	return d->job_progress = progress;
}

int64_t job_wakeup_ms(const struct daemon *d)
{
	if (d->n_jobs == 0)
		return -1;
	const struct job *j = d->jobs[0];
	return source_fetch_wakeup(j->feed_active ? &j->feed : NULL, j->artifact_active ? &j->artifact : NULL);
}
