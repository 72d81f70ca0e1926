/* source_http.c — the remote source: a feed at an https:// URL (http:// only
 * where the target allows it), its signature at the same URL + ".minisig",
 * and artifacts next to it or at absolute URLs. Transient failures (dropped
 * connections, timeouts, 5xx) are retried with backoff; an artifact is
 * downloaded into ROOT/var/cache/upswap/TARGET/SHA256.part, resumed with a
 * Range request after an interruption, renamed to SHA256 once complete and
 * handed out for installing, which checks its hash. */
#include "source_impl.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "feed.h"
#include "fileio.h"
#include "log.h"
#include "util.h"

#define FEED_TOTAL_TIMEOUT_S 120

static int64_t backoff_ms(int attempt)
{
	return 1000LL << (attempt < 5 ? attempt : 5);
}

static struct download_request base_request(const struct source *s, const char *url)
{
	return (struct download_request){
		.url = url,
		.allow_http = s->allow_http,
		.fd = -1,
		.limits = s->env.limits,
	};
}

/* ---- feed and signature ------------------------------------------------- */

static void start_feed_step(struct source *s, struct feed_fetch *f)
{
	download_free(f->dl);
	if (f->step == 0) {
		struct download_request r = base_request(s, s->location);
		r.max_bytes = MAX_FEED_SIZE;
		r.limits.total_timeout_s = FEED_TOTAL_TIMEOUT_S;
		r.if_none_match = f->etag;
		r.if_modified_since = f->last_modified;
		f->dl = download_start(s->env.dl, &r);
	} else {
		_cleanup_free_ char *url = xasprintf("%s.minisig", s->location);
		struct download_request r = base_request(s, url);
		r.max_bytes = MAX_SIG_SIZE;
		r.limits.total_timeout_s = FEED_TOTAL_TIMEOUT_S;
		f->dl = download_start(s->env.dl, &r);
	}
}

static void http_feed_begin(struct source *s, struct feed_fetch *f)
{
	start_feed_step(s, f);
}

/* After a failed transfer: schedule a retry (false) or give up (true). */
static bool retry_or_give_up(struct source *s, int *attempt, int64_t *retry_at, const struct download_result *r)
{
	if (r->transient && *attempt < s->env.retries) {
		*retry_at = now_ms() + backoff_ms(*attempt);
		log_info("%s: %s; retrying in %llds", s->target, r->error, (long long)(backoff_ms(*attempt) / 1000));
		(*attempt)++;
		return false;
	}
	return true;
}

static bool http_feed_poll(struct source *s, struct feed_fetch *f)
{
	if (f->retry_at_ms >= 0) {
		if (now_ms() < f->retry_at_ms)
			return false;
		f->retry_at_ms = -1;
		start_feed_step(s, f);
	}
	const struct download_result *r = download_result(f->dl);
	if (r->status == DL_RUNNING)
		return false;
	if (f->step == 0) {
		if (r->status == DL_FAILED) {
			if (r->too_large) {
				fetch_fail(&f->failed, f->why, "the feed at %s is larger than 1 MiB; refused", s->location);
				return true;
			}
			if (!retry_or_give_up(s, &f->attempt, &f->retry_at_ms, r))
				return false;
			fetch_fail(&f->failed, f->why, "fetching the feed %s failed: %s", s->location, r->error);
			return true;
		}
		strlcpy_ok(f->new_etag, r->etag, sizeof(f->new_etag));
		strlcpy_ok(f->new_last_modified, r->last_modified, sizeof(f->new_last_modified));
		if (r->not_modified) {
			f->not_modified = true;
			return true;
		}
		f->feed = download_take_body(f->dl, &f->feed_len);
		f->step = 1;
		f->attempt = 0;
		start_feed_step(s, f);
		return false;
	}
	if (r->status == DL_FAILED) {
		if (r->http_code == 404 || r->http_code == 410)
			return true; /* no signature file: the job decides whether that is acceptable */
		if (r->too_large) {
			fetch_fail(&f->failed, f->why, "the signature %s.minisig is larger than %d bytes; refused", s->location,
				   MAX_SIG_SIZE);
			return true;
		}
		if (!retry_or_give_up(s, &f->attempt, &f->retry_at_ms, r))
			return false;
		fetch_fail(&f->failed, f->why, "fetching the signature %s.minisig failed: %s", s->location, r->error);
		return true;
	}
	f->sig = download_take_body(f->dl, &f->sig_len);
	return true;
}

/* ---- artifacts -------------------------------------------------------- */

/* Absolute URLs must use an allowed scheme; relative ones are file names
 * next to the feed. */
static char *artifact_url(struct source *s, const char *url, char *why)
{
	if (strstr(url, "://")) {
		if (str_has_prefix(url, "https://") || (s->allow_http && str_has_prefix(url, "http://")))
			return xstrdup(url);
		snprintf(why, 512, "artifact URL %.100s: only https:// (or http:// where allowed) may be used", url);
		return NULL;
	}
	if (!artifact_name_is_valid(url)) {
		snprintf(why, 512, "artifact url '%.100s' must be a plain file name or an absolute https:// URL", url);
		return NULL;
	}
	const char *slash = strrchr(s->location, '/');
	return xasprintf("%.*s/%s", (int)(slash - s->location), s->location, url);
}

/* The cache keeps one artifact per target: drop the others. */
static void drop_other_cache_files(int dirfd, const char *keep)
{
	int fd = fcntl(dirfd, F_DUPFD_CLOEXEC, 3);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return;
	}
	rewinddir(d);
	struct dirent *de;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.' && !str_has_prefix(de->d_name, keep))
			unlinkat(dirfd, de->d_name, 0);
	closedir(d);
}

/* Progress of this transfer, on top of what earlier attempts left. */
static void on_artifact_progress(void *ctx, uint64_t received)
{
	struct artifact_fetch *a = ctx;
	if (a->progress)
		a->progress(a->ctx, a->base + received, a->size);
}

static void start_artifact_download(struct source *s, struct artifact_fetch *a)
{
	download_free(a->dl);
	if (a->have > 0)
		log_info("%s: resuming the download of %s at byte %llu", s->target, a->version, (unsigned long long)a->have);
	struct download_request r = base_request(s, a->full_url);
	r.fd = a->part_fd;
	r.resume_from = a->have;
	r.max_bytes = a->size;
	r.on_progress = on_artifact_progress;
	r.ctx = a;
	a->base = a->have;
	a->dl = download_start(s->env.dl, &r);
}

/* Resumes after what a previous attempt left in the part file. */
static int measure_existing_part(struct artifact_fetch *a)
{
	struct stat st;
	if (fstat(a->part_fd, &st) < 0)
		return -errno;
	if ((uint64_t)st.st_size > a->size) {
		if (ftruncate(a->part_fd, 0) < 0)
			return -errno;
		st.st_size = 0;
	}
	a->have = (uint64_t)st.st_size;
	return 0;
}

/* All bytes are there: make the part the cached artifact. Its hash is not
 * checked here but where it counts: installing hashes exactly the bytes it
 * writes next to the target and refuses the rename on a mismatch (and the
 * job then drops the cached copy). Hashing here too would only read every
 * byte twice. */
static void finish_artifact(struct source *s, struct artifact_fetch *a)
{
	_cleanup_free_ char *part = xasprintf("%s.part", a->sha256);
	/* No fsync: a copy damaged by a crash fails that hash check. */
	if (renameat(a->dirfd, part, a->dirfd, a->sha256) < 0) {
		fetch_fail(&a->failed, a->why, "cannot keep the download of %s in the cache: %s", s->target, strerror(errno));
		return;
	}
	a->fd = openat(a->dirfd, a->sha256, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (a->fd < 0)
		fetch_fail(&a->failed, a->why, "cannot reopen the download of %s: %s", s->target, strerror(errno));
}

/* A complete copy in the cache from an earlier attempt is used as it is
 * (installing checks its hash). */
static bool use_cached(struct artifact_fetch *a)
{
	_cleanup_close_ int fd = openat(a->dirfd, a->sha256, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0)
		return false;
	if (S_ISREG(st.st_mode) && (uint64_t)st.st_size == a->size) {
		a->fd = steal_fd(&fd);
		return true;
	}
	unlinkat(a->dirfd, a->sha256, 0);
	return false;
}

static void http_artifact_begin(struct source *s, struct artifact_fetch *a)
{
	a->full_url = artifact_url(s, a->url, a->why);
	if (!a->full_url) {
		a->failed = true;
		return;
	}
	int r = open_subdir(s->env.cache_dirfd, s->target);
	if (r < 0) {
		fetch_fail(&a->failed, a->why, "cannot open the cache for %s: %s", s->target, strerror(-r));
		return;
	}
	a->dirfd = r;
	drop_other_cache_files(a->dirfd, a->sha256);
	if (use_cached(a))
		return;
	_cleanup_free_ char *part = xasprintf("%s.part", a->sha256);
	a->part_fd = openat(a->dirfd, part, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (a->part_fd < 0 || (r = measure_existing_part(a)) < 0) {
		fetch_fail(&a->failed, a->why, "cannot prepare the download of %s in the cache: %s", s->target,
			   strerror(a->part_fd < 0 ? errno : -r));
		return;
	}
	if (a->have == a->size) {
		finish_artifact(s, a);
		return;
	}
	start_artifact_download(s, a);
}

static bool http_artifact_poll(struct source *s, struct artifact_fetch *a)
{
	if (a->failed || a->fd >= 0)
		return true;
	if (a->retry_at_ms >= 0) {
		if (now_ms() < a->retry_at_ms)
			return false;
		a->retry_at_ms = -1;
		start_artifact_download(s, a);
	}
	const struct download_result *r = download_result(a->dl);
	if (r->status == DL_RUNNING)
		return false;
	/* What the file holds now: what was there plus what this attempt wrote
	 * (a server ignoring Range restarts at 0, handled below). */
	struct stat st;
	if (fstat(a->part_fd, &st) == 0)
		a->have = (uint64_t)st.st_size <= a->size ? (uint64_t)st.st_size : a->size + 1;
	_cleanup_free_ char *part = xasprintf("%s.part", a->sha256);
	if (r->status == DL_DONE) {
		log_info("%s: downloaded %llu bytes of %s", s->target, (unsigned long long)r->received, a->full_url);
		if (a->have != a->size) {
			unlinkat(a->dirfd, part, 0);
			a->code = E_VERIFY_FAILED;
			fetch_fail(&a->failed, a->why, "the download of %s %s ended after %llu of %llu bytes; nothing was changed",
				   s->target, a->version, (unsigned long long)a->have, (unsigned long long)a->size);
			return true;
		}
		finish_artifact(s, a);
		return true;
	}
	if (r->range_ignored && !a->restarted) {
		/* The server cannot resume: start again from the first byte. */
		a->restarted = true;
		if (ftruncate(a->part_fd, 0) < 0) {
			fetch_fail(&a->failed, a->why, "cannot restart the download of %s", s->target);
			return true;
		}
		a->have = 0;
		start_artifact_download(s, a);
		return false;
	}
	if (r->too_large) {
		unlinkat(a->dirfd, part, 0);
		a->code = E_VERIFY_FAILED;
		fetch_fail(&a->failed, a->why, "the server sent more than the %llu bytes the feed says for %s %s; "
			   "stopped there, nothing was changed", (unsigned long long)a->size, s->target, a->version);
		return true;
	}
	if (!retry_or_give_up(s, &a->attempt, &a->retry_at_ms, r))
		return false;
	fetch_fail(&a->failed, a->why, "downloading %s failed: %s (%llu of %llu bytes kept; the next attempt resumes)",
		   a->full_url, r->error, (unsigned long long)a->have, (unsigned long long)a->size);
	return true;
}

static void http_artifact_end(struct source *s, struct artifact_fetch *a, bool discard)
{
	(void)s;
	if (discard && a->dirfd >= 0)
		unlinkat(a->dirfd, a->sha256, 0);
}

const struct source_ops source_http_ops = {
	.feed_begin = http_feed_begin,
	.feed_poll = http_feed_poll,
	.artifact_begin = http_artifact_begin,
	.artifact_poll = http_artifact_poll,
	.artifact_end = http_artifact_end,
};
