/* target.c — see target.h. */
#include "target.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "install.h"
#include "log.h"
#include "peer.h"
#include "sha256.h"
#include "util.h"

void target_init(struct target *t, struct target_config *cfg, const struct source_env *env)
{
	memset(t, 0, sizeof(*t));
	t->cfg = *cfg;
	memset(cfg, 0, sizeof(*cfg)); /* ownership moved */
	t->source = source_new(t->cfg.source, t->cfg.name, t->cfg.allow_http, env);
	target_record_init(&t->rec);
	t->state = TS_IDLE;
}

void target_free(struct target *t)
{
	target_config_free(&t->cfg);
	source_free(t->source);
	if (t->has_feed)
		feed_free(&t->feed);
	memset(t, 0, sizeof(*t));
}

void target_set_installed(struct target *t, const struct known_file *k)
{
	memset(&t->installed, 0, sizeof(t->installed));
	if (!k->valid)
		return;
	t->installed.exists = t->installed.known = true;
	t->installed.st = k->st;
	strlcpy_ok(t->installed.sha256, k->sha256, sizeof(t->installed.sha256));
}

void target_refresh_installed(struct target *t, const struct trust *trust)
{
	_cleanup_close_ int dirfd = -1;
	_cleanup_free_ char *base = NULL;
	char why[512] = "";
	struct stat st;
	int r = safe_open_parent(trust, t->cfg.path, &dirfd, &base, why, sizeof(why));
	if (r == 0)
		r = safe_stat_target(dirfd, base, &st);
	if (r < 0) {
		memset(&t->installed, 0, sizeof(t->installed));
		/* Not there is normal (first install); anything else is reported. */
		if (r == -ELOOP || r == -EINVAL || r == -EPERM) {
			if (r == -ELOOP)
				snprintf(why, sizeof(why), "%s is a symlink; upswap replaces only regular files", t->cfg.path);
			else if (r == -EINVAL && !why[0])
				snprintf(why, sizeof(why), "%s is not a regular file", t->cfg.path);
			target_set_error(t, E_UNSAFE_PATH, why);
		}
		return;
	}
	if (t->installed.known && stat_same_content(&st, &t->installed.st))
		return;
	_cleanup_close_ int fd = -1;
	memset(&t->installed, 0, sizeof(t->installed));
	t->installed.exists = true;
	if (safe_open_target(dirfd, base, &st, &fd) < 0 || sha256_fd(fd, t->installed.sha256, NULL) < 0)
		return;
	/* Identity from the open file: what we hashed, not what the name means now. */
	if (fstat(fd, &t->installed.st) < 0)
		return;
	t->installed.known = true;
}

const char *target_installed_version(const struct target *t)
{
	if (!t->installed.known)
		return NULL;
	if (t->rec.installed.present && strcmp(t->rec.installed.sha256, t->installed.sha256) == 0)
		return t->rec.installed.version[0] ? t->rec.installed.version : NULL;
	if (t->has_feed) {
		const struct release *r = feed_find_sha(&t->feed, t->installed.sha256);
		if (r)
			return r->version;
	}
	return NULL;
}

bool target_modified(const struct target *t)
{
	if (!t->rec.installed.present)
		return false;
	if (!t->installed.exists)
		return true;
	return t->installed.known && strcmp(t->rec.installed.sha256, t->installed.sha256) != 0;
}

void target_update_available(struct target *t, const char *machine_id)
{
	t->available = NULL;
	if (!t->has_feed)
		return;
	t->available = feed_best(&t->feed, target_installed_version(t),
				 t->installed.known ? t->installed.sha256 : NULL, machine_id, t->cfg.name);
}

/* Drops listed processes that have exited (or whose pid now names another
 * process): cheap, unlike a walk of all of /proc. */
static void prune_exited(struct target *t)
{
	size_t j = 0;
	for (size_t i = 0; i < t->n_stale; i++) {
		const struct stale_process *p = &t->stale[i];
		if (proc_start_time(p->pid) == p->start_time)
			t->stale[j++] = *p;
	}
	t->n_stale = j;
}

void target_refresh_processes(struct target *t, bool force)
{
	int64_t now = now_ms();
	if (!force && t->stale_scanned_ms && now - t->stale_scanned_ms < 1000) {
		prune_exited(t);
		return;
	}
	t->stale_scanned_ms = now;
	t->n_stale = procscan_stale("/proc", t->cfg.path, t->stale, MAX_STALE_PROCESSES);
}

/* 0.5 s covers a program that re-execs at its next safe point; the later
 * ones, programs that take a while to restart. */
static const int64_t rescan_delays_ms[] = { 500, 2000, 5000, 15000, 60000 };

void target_watch_stale(struct target *t)
{
	t->rescan_step = 0;
	t->rescan_ms = t->n_stale ? now_ms() + rescan_delays_ms[0] : 0;
}

static bool same_processes(const struct stale_process *a, size_t na, const struct stale_process *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (a[i].pid != b[i].pid || a[i].start_time != b[i].start_time)
			return false;
	return true;
}

bool target_rescan_due(struct target *t, int64_t now)
{
	if (!t->rescan_ms || now < t->rescan_ms)
		return false;
	struct stale_process before[MAX_STALE_PROCESSES];
	size_t n_before = t->n_stale;
	memcpy(before, t->stale, n_before * sizeof(before[0]));
	target_refresh_processes(t, true);
	t->rescan_step++;
	if (t->n_stale == 0 || t->rescan_step >= ARRAY_SIZE(rescan_delays_ms))
		t->rescan_ms = 0;
	else
		t->rescan_ms = now + rescan_delays_ms[t->rescan_step];
	return !same_processes(before, n_before, t->stale, t->n_stale);
}

struct json_object *processes_json(const struct stale_process *p, size_t n)
{
	struct json_object *arr = json_object_new_array();
	for (size_t i = 0; i < n; i++) {
		struct json_object *o = json_object_new_object();
		json_add_int(o, "pid", p[i].pid);
		json_add_int(o, "uid", p[i].uid);
		json_add_str(o, "command", p[i].command);
		json_object_array_add(arr, o);
	}
	return arr;
}

void target_set_error(struct target *t, enum err_code code, const char *msg)
{
	t->has_error = true;
	t->error_code = code;
	strlcpy_ok(t->error_msg, msg, sizeof(t->error_msg));
}

void target_clear_error(struct target *t)
{
	t->has_error = false;
	t->error_msg[0] = '\0';
}

static struct json_object *installed_json(const struct target *t)
{
	if (!t->installed.exists)
		return NULL;
	struct json_object *o = json_object_new_object();
	json_add_str(o, "version", target_installed_version(t));
	json_add_str(o, "sha256", t->installed.known ? t->installed.sha256 : NULL);
	json_add_bool(o, "modified", target_modified(t));
	return o;
}

static struct json_object *available_json(const struct target *t)
{
	const struct release *r = t->available;
	if (!r)
		return NULL;
	struct json_object *o = json_object_new_object();
	json_add_str(o, "version", r->version);
	json_add_int(o, "size", (int64_t)r->size);
	json_add_str(o, "sha256", r->sha256);
	json_add_str(o, "notes", r->notes);
	json_add_bool(o, "critical", r->critical);
	return o;
}

struct json_object *target_to_json(const struct target *t, bool full)
{
	struct json_object *o = json_object_new_object();
	json_add_str(o, "name", t->cfg.name);
	json_add_str(o, "state", target_state_name(t->state));
	json_object_object_add(o, "installed", installed_json(t));
	json_object_object_add(o, "available", available_json(t));
	if (!full)
		return o;
	json_add_str(o, "path", t->cfg.path);
	json_add_str(o, "source", t->cfg.source);
	json_add_str(o, "restart", t->cfg.restart.text);
	json_add_int(o, "interval", t->cfg.interval_s);
	struct json_object *prev = NULL;
	if (t->rec.previous.present) {
		prev = json_object_new_object();
		json_add_str(prev, "version", t->rec.previous.version[0] ? t->rec.previous.version : NULL);
		json_add_str(prev, "sha256", t->rec.previous.sha256);
	}
	json_object_object_add(o, "previous", prev);
	json_object_object_add(o, "last_check", t->rec.last_check ? json_object_new_int64(t->rec.last_check) : NULL);
	struct json_object *err = NULL;
	if (t->has_error) {
		err = json_object_new_object();
		json_add_str(err, "code", err_code_name(t->error_code));
		json_add_str(err, "message", t->error_msg);
	}
	json_object_object_add(o, "last_error", err);
	json_object_object_add(o, "processes", processes_json(t->stale, t->n_stale));
	return o;
}
