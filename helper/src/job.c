/* job.c — the work the helper does for its targets, one job at a time in
 * request order: check (fetch and verify the feed, work out what is
 * offered), update (check, choose the release, then install it through
 * install.c in bounded steps, reporting progress), and rollback (install the
 * kept previous binary the same way). Every outcome ends in exactly one
 * `updated` or `error` event for update/rollback jobs. */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "crashpoint.h"
#include "daemon.h"
#include "log.h"
#include "sha256.h"
#include "util.h"
#include "version.h"

#define INSTALL_CHUNK        (1024 * 1024)
#define INSTALL_STEP_BYTES   (8 * 1024 * 1024)
#define PROGRESS_INTERVAL_MS 100

struct job *job_enqueue(struct daemon *d, enum job_kind kind, const char *target)
{
	if (d->n_jobs >= MAX_JOBS)
		return NULL;
	struct job *j = xcalloc(1, sizeof(*j));
	j->id = ++d->next_job_id;
	j->queued_ms = now_ms();
	j->kind = kind;
	j->src_fd = -1;
	j->inst.journal_fd = -1;
	j->inst.swap.dirfd = j->inst.swap.old_fd = j->inst.swap.temp_fd = -1;
	strlcpy_ok(j->target, target, sizeof(j->target));
	d->jobs[d->n_jobs++] = j;
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
	return n;
}

static void emit_progress(struct daemon *d, struct job *j, bool force)
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
	json_add_str(ev, "phase", "install");
	json_add_int(ev, "done", (int64_t)j->done);
	json_add_int(ev, "total", (int64_t)j->total);
	json_add_int(ev, "rate", (int64_t)(j->done * 1000 / (uint64_t)elapsed));
	server_broadcast(&d->server, ev);
}

static void set_state(struct daemon *d, struct target *t, enum target_state s)
{
	if (t->state == s)
		return;
	t->state = s;
	emit_state(d, t);
}

/* Fetches, parses and checks the feed; on success it becomes t->feed. */
static bool refresh_feed(struct daemon *d, struct target *t, enum err_code *code, char *why, size_t why_len)
{
	_cleanup_free_ char *data = NULL;
	size_t len = 0;
	int r = source_fetch_feed(t->source, &data, &len, why, why_len);
	if (r < 0) {
		*code = E_SOURCE_ERROR;
		return false;
	}
	struct feed feed;
	char perr[384];
	if (!feed_parse(data, len, t->cfg.product, &feed, perr, sizeof(perr))) {
		*code = E_SOURCE_ERROR;
		snprintf(why, why_len, "feed %s rejected: %s", source_describe(t->source), perr);
		return false;
	}
	if (t->rec.last_serial >= 0 && feed.serial < t->rec.last_serial) {
		*code = E_SOURCE_ERROR;
		snprintf(why, why_len, "feed %s rejected: serial %lld is lower than the last accepted %lld "
			 "(an old feed is being replayed)", source_describe(t->source), (long long)feed.serial,
			 (long long)t->rec.last_serial);
		feed_free(&feed);
		return false;
	}
	if (feed.expires && feed.expires < now_wall()) {
		*code = E_SOURCE_ERROR;
		snprintf(why, why_len, "feed %s rejected: it expired %lld seconds ago (a stale feed is being "
			 "served)", source_describe(t->source), (long long)(now_wall() - feed.expires));
		feed_free(&feed);
		return false;
	}
	if (t->has_feed)
		feed_free(&t->feed);
	t->feed = feed;
	t->has_feed = true;
	t->rec.last_serial = feed.serial;
	t->rec.last_check = now_wall();
	r = state_save(d->dirs.state_dirfd, t->cfg.name, &t->rec);
	if (r < 0)
		log_warning("cannot save state of %s: %s", t->cfg.name, strerror(-r));
	target_refresh_installed(t, &d->trust);
	target_update_available(t, d->machine_id);
	return true;
}

static void fail_job(struct daemon *d, struct target *t, struct job *j, enum err_code code, const char *msg)
{
	if (j->installing || j->inst.begun)
		install_abort(&d->dirs, &j->inst);
	else
		swap_close(&j->inst.swap);
	j->installing = false;
	if (t) {
		/* Recovery may have recorded a swap that did happen: reread. */
		state_load(d->dirs.state_dirfd, t->cfg.name, &t->rec);
		target_refresh_installed(t, &d->trust);
		target_update_available(t, d->machine_id);
		if (code != E_CANCELLED && code != E_UP_TO_DATE)
			target_set_error(t, code, msg);
		t->state = (code == E_CANCELLED || code == E_UP_TO_DATE) ? TS_IDLE : TS_ERROR;
	}
	if (code != E_CANCELLED && code != E_UP_TO_DATE) {
		d->stats.errors++;
		log_error("%s %s: %s", j->kind == JOB_CHECK ? "check of" : j->kind == JOB_UPDATE ? "update of" : "rollback of",
			  j->target, msg);
	} else {
		log_info("%s: %s", j->target, msg);
	}
	emit_error(d, j->target, j->kind == JOB_CHECK ? NULL : j, code, msg);
	if (t)
		emit_state(d, t);
}

static void run_check(struct daemon *d, struct target *t, struct job *j)
{
	char why[512];
	enum err_code code;
	d->stats.checks++;
	set_state(d, t, TS_CHECKING);
	if (!refresh_feed(d, t, &code, why, sizeof(why))) {
		fail_job(d, t, j, code, why);
		return;
	}
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
	if (t->cfg.auto_update && t->available) {
		struct job *u = job_enqueue(d, JOB_UPDATE, t->cfg.name);
		if (u)
			log_notice("auto_update: installing %s %s", t->cfg.name, t->available->version);
	}
}

/* Chooses what an update installs and opens its bytes. */
static bool start_update(struct daemon *d, struct target *t, struct job *j, enum err_code *code, char *why,
			 size_t why_len)
{
	set_state(d, t, TS_CHECKING);
	if (!refresh_feed(d, t, code, why, why_len))
		return false;
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
	char swhy[512];
	int r = source_open_artifact(t->source, rel, &j->src_fd, swhy, sizeof(swhy));
	if (r < 0) {
		*code = E_SOURCE_ERROR;
		snprintf(why, why_len, "%s", swhy);
		return false;
	}
	struct stat st;
	if (fstat(j->src_fd, &st) == 0 && (uint64_t)st.st_size != rel->size) {
		*code = E_VERIFY_FAILED;
		snprintf(why, why_len, "artifact for %s %s is %lld bytes, the feed says %llu; nothing was changed",
			 t->cfg.name, rel->version, (long long)st.st_size, (unsigned long long)rel->size);
		return false;
	}
	strlcpy_ok(j->new_version, rel->version, sizeof(j->new_version));
	strlcpy_ok(j->new_sha256, rel->sha256, sizeof(j->new_sha256));
	j->total = rel->size;
	return true;
}

/* Opens the kept previous binary as what a rollback installs. */
static bool start_rollback(struct daemon *d, struct target *t, struct job *j, enum err_code *code, char *why,
			   size_t why_len)
{
	target_refresh_installed(t, &d->trust);
	const char *installed = target_installed_version(t);
	snprintf(j->from_version, sizeof(j->from_version), "%s", installed ? installed : "");
	_cleanup_free_ char *name = install_backup_name(t->cfg.name);
	if (!t->rec.previous.present ||
	    (j->src_fd = openat(d->dirs.previous_dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
		*code = E_NO_PREVIOUS;
		snprintf(why, why_len, "there is no previous version of %s to roll back to", t->cfg.name);
		return false;
	}
	char sha[SHA256_HEX_LEN + 1];
	uint64_t size;
	if (sha256_fd(j->src_fd, sha, &size) < 0 || strcmp(sha, t->rec.previous.sha256) != 0) {
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
	log_notice("%s %s: %s -> %s in %lld ms (preparing %lld, copying %llu bytes %lld, committing %lld)",
		   rollback ? "rolled back" : "updated", t->cfg.name,
		   j->from_version[0] ? j->from_version : "(unknown)", j->new_version[0] ? j->new_version : "(unknown)",
		   (long long)(done_ms - j->queued_ms), (long long)(j->started_ms - j->queued_ms),
		   (unsigned long long)j->done, (long long)(j->copied_ms - j->started_ms),
		   (long long)(done_ms - j->copied_ms));
	struct json_object *ev = protocol_event(EV_UPDATED);
	json_add_str(ev, "target", t->cfg.name);
	json_add_int(ev, "job", (int64_t)j->id);
	json_add_str(ev, "from", j->from_version[0] ? j->from_version : NULL);
	json_add_str(ev, "to", j->new_version[0] ? j->new_version : NULL);
	json_add_str(ev, "sha256", j->new_sha256);
	json_add_bool(ev, "rollback", rollback);
	server_broadcast(&d->server, ev);
	emit_state(d, t);
}

/* Copies up to INSTALL_STEP_BYTES; true when all bytes are written. */
static bool install_some(struct daemon *d, struct target *t, struct job *j, bool *failed)
{
	_cleanup_free_ char *buf = xmalloc(INSTALL_CHUNK);
	struct install_error ierr;
	for (uint64_t step = 0; step < INSTALL_STEP_BYTES;) {
		/* Ask for one byte more than the feed promised: a longer artifact
		 * is caught here instead of being installed cut short. */
		uint64_t want = j->total - j->done + 1;
		if (want > INSTALL_CHUNK)
			want = INSTALL_CHUNK;
		ssize_t n = read(j->src_fd, buf, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			char msg[256];
			snprintf(msg, sizeof(msg), "reading the artifact of %s failed: %s", t->cfg.name, strerror(errno));
			fail_job(d, t, j, E_SOURCE_ERROR, msg);
			*failed = true;
			return false;
		}
		if (n == 0) {
			if (j->done == j->total)
				return true;
			char msg[256];
			snprintf(msg, sizeof(msg), "the artifact of %s %s ended after %llu of %llu bytes; nothing was changed",
				 t->cfg.name, j->new_version, (unsigned long long)j->done, (unsigned long long)j->total);
			fail_job(d, t, j, E_VERIFY_FAILED, msg);
			*failed = true;
			return false;
		}
		if (j->done + (uint64_t)n > j->total) {
			char msg[256];
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
		emit_progress(d, j, false);
	}
	return false;
}

static void job_free(struct job *j)
{
	if (j->src_fd >= 0)
		close(j->src_fd);
	free(j);
}

static void job_done(struct daemon *d)
{
	job_free(d->jobs[0]);
	memmove(&d->jobs[0], &d->jobs[1], (d->n_jobs - 1) * sizeof(d->jobs[0]));
	d->n_jobs--;
	/* Give the copy buffers back: an idle helper should stay small. */
	if (d->n_jobs == 0)
		malloc_trim(0);
}

bool job_step(struct daemon *d)
{
	if (d->n_jobs == 0)
		return false;
	struct job *j = d->jobs[0];
	struct target *t = daemon_find_target(d, j->target);
	if (!t) {
		if (j->kind != JOB_CHECK)
			emit_error(d, j->target, j, E_UNKNOWN_TARGET, "the target was removed from the configuration");
		job_done(d);
		return d->n_jobs > 0;
	}
	if (j->cancel) {
		char msg[128];
		snprintf(msg, sizeof(msg), "%s of %s was cancelled; nothing was changed",
			 j->kind == JOB_ROLLBACK ? "rollback" : j->kind == JOB_UPDATE ? "update" : "check", j->target);
		fail_job(d, t, j, E_CANCELLED, msg);
		job_done(d);
		return d->n_jobs > 0;
	}
	if (j->kind == JOB_CHECK) {
		run_check(d, t, j);
		job_done(d);
		return d->n_jobs > 0;
	}
	if (!j->installing) {
		enum err_code code = E_INTERNAL;
		char why[512] = "";
		bool ok = j->kind == JOB_UPDATE ? start_update(d, t, j, &code, why, sizeof(why))
						: start_rollback(d, t, j, &code, why, sizeof(why));
		struct install_error ierr;
		struct known_file known = { .valid = t->installed.known, .st = t->installed.st };
		strlcpy_ok(known.sha256, t->installed.sha256, sizeof(known.sha256));
		strlcpy_ok(known.version, j->from_version, sizeof(known.version));
		if (ok && install_begin(&d->dirs, &j->inst, t->cfg.name, t->cfg.path, t->cfg.mode, &t->rec.installed,
					j->force, j->new_version, j->new_sha256, j->total, j->kind == JOB_ROLLBACK,
					&known, &ierr) < 0) {
			ok = false;
			code = ierr.code;
			snprintf(why, sizeof(why), "%s", ierr.message);
		}
		if (!ok) {
			fail_job(d, t, j, code, why);
			job_done(d);
			return d->n_jobs > 0;
		}
		j->installing = true;
		j->started_ms = now_ms();
		set_state(d, t, TS_SWAPPING);
		emit_progress(d, j, true);
		return true;
	}
	bool failed = false;
	if (install_some(d, t, j, &failed)) {
		j->copied_ms = now_ms();
		emit_progress(d, j, true);
		finish_install(d, t, j);
		job_done(d);
	} else if (failed) {
		job_done(d);
	}
	return d->n_jobs > 0;
}
