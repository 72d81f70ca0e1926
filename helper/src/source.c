/* source.c — choosing the kind of source from its spec, and what all kinds
 * share. See source.h. */
#include "source_impl.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

bool source_is_remote(const char *spec)
{
	return str_has_prefix(spec, "https://") || str_has_prefix(spec, "http://");
}

static const char *local_path(const char *spec)
{
	return str_has_prefix(spec, "file://") ? spec + 7 : spec;
}

bool source_spec_valid(const char *spec, char *why, size_t why_len)
{
	if (!printable_is_valid(spec, 4095) || strpbrk(spec, " \"'\\<>")) {
		snprintf(why, why_len, "must be printable ASCII without spaces or quotes");
		return false;
	}
	if (source_is_remote(spec)) {
		const char *host = strstr(spec, "://") + 3;
		if (!*host || *host == '/') {
			snprintf(why, why_len, "the URL has no host");
			return false;
		}
		return true;
	}
	if (strstr(spec, "://") && !str_has_prefix(spec, "file://")) {
		snprintf(why, why_len, "only https://, http:// (with allow_http) and file:// sources are supported");
		return false;
	}
	if (local_path(spec)[0] != '/') {
		snprintf(why, why_len, "must be an https:// URL, file:///ABSOLUTE/feed.json or an absolute path");
		return false;
	}
	return true;
}

struct source *source_new(const char *spec, const char *target, bool allow_http, const struct source_env *env)
{
	struct source *s = xcalloc(1, sizeof(*s));
	s->spec = xstrdup(spec);
	s->target = xstrdup(target);
	s->allow_http = allow_http;
	s->env = *env;
	if (source_is_remote(spec)) {
		s->ops = &source_http_ops;
		s->location = xstrdup(spec);
	} else {
		s->ops = &source_local_ops;
		s->location = xstrdup(local_path(spec));
	}
	return s;
}

void source_free(struct source *s)
{
	if (!s)
		return;
	free(s->spec);
	free(s->target);
	free(s->location);
	free(s);
}

const char *source_describe(const struct source *s)
{
	return s->spec;
}

void fetch_fail(bool *failed, char *why, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, 512, fmt, ap);
	va_end(ap);
	*failed = true;
}

void source_feed_begin(struct source *s, struct feed_fetch *f)
{
	f->failed = f->not_modified = false;
	f->feed = f->sig = NULL;
	f->feed_len = f->sig_len = 0;
	f->new_etag[0] = f->new_last_modified[0] = '\0';
	f->dl = NULL;
	f->step = f->attempt = 0;
	f->retry_at_ms = -1;
	f->code = E_SOURCE_ERROR;
	s->ops->feed_begin(s, f);
}

bool source_feed_poll(struct source *s, struct feed_fetch *f)
{
	return s->ops->feed_poll(s, f);
}

void source_feed_end(struct feed_fetch *f)
{
	download_free(f->dl);
	f->dl = NULL;
	free(f->feed);
	free(f->sig);
	f->feed = f->sig = NULL;
}

void source_artifact_begin(struct source *s, struct artifact_fetch *a)
{
	a->failed = false;
	a->code = E_SOURCE_ERROR;
	a->fd = a->part_fd = a->dirfd = -1;
	a->dl = NULL;
	a->have = 0;
	a->attempt = 0;
	a->retry_at_ms = -1;
	a->restarted = false;
	a->full_url = NULL;
	s->ops->artifact_begin(s, a);
}

bool source_artifact_poll(struct source *s, struct artifact_fetch *a)
{
	return s->ops->artifact_poll(s, a);
}

void source_artifact_end(struct source *s, struct artifact_fetch *a, bool discard)
{
	s->ops->artifact_end(s, a, discard);
	download_free(a->dl);
	a->dl = NULL;
	if (a->fd >= 0)
		close(a->fd);
	if (a->part_fd >= 0)
		close(a->part_fd);
	if (a->dirfd >= 0)
		close(a->dirfd);
	a->fd = a->part_fd = a->dirfd = -1;
	free(a->full_url);
	a->full_url = NULL;
}

int64_t source_fetch_wakeup(const struct feed_fetch *f, const struct artifact_fetch *a)
{
	if (f && f->retry_at_ms >= 0)
		return f->retry_at_ms;
	if (a && a->retry_at_ms >= 0)
		return a->retry_at_ms;
	return -1;
}
