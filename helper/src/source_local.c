/* source_local.c — the local source: a feed.json and its artifacts in a
 * directory on this machine ("file:///srv/upswap/demo/feed.json" or
 * "/srv/upswap/demo/feed.json"). The directory must be as trusted as the
 * targets themselves: whoever can write it chooses what root installs. */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "fileio.h"
#include "util.h"

struct source {
	char *spec;
	char *path;    /* absolute path of the feed file */
	struct trust trust;
};

static const char *local_path(const char *spec)
{
	if (str_has_prefix(spec, "file://"))
		return spec + 7;
	return spec;
}

bool source_spec_valid(const char *spec, char *why, size_t why_len)
{
	if (str_has_prefix(spec, "https://") || str_has_prefix(spec, "http://")) {
		snprintf(why, why_len, "remote feeds (%.8s...) are not supported by this helper yet; "
			 "use file:///path/feed.json", spec);
		return false;
	}
	const char *p = local_path(spec);
	if (p[0] != '/') {
		snprintf(why, why_len, "must be file:///ABSOLUTE/feed.json or an absolute path");
		return false;
	}
	if (!printable_is_valid(p, 4095)) {
		snprintf(why, why_len, "path has control or non-ASCII characters");
		return false;
	}
	return true;
}

struct source *source_new(const char *spec, const struct trust *trust)
{
	struct source *s = xcalloc(1, sizeof(*s));
	s->spec = xstrdup(spec);
	s->path = xstrdup(local_path(spec));
	s->trust = *trust;
	return s;
}

void source_free(struct source *s)
{
	if (!s)
		return;
	free(s->spec);
	free(s->path);
	free(s);
}

const char *source_describe(const struct source *s)
{
	return s->spec;
}

int source_fetch_feed(struct source *s, char **data, size_t *len, char *why, size_t why_len)
{
	_cleanup_close_ int dirfd = -1;
	_cleanup_free_ char *base = NULL;
	int r = safe_open_parent(&s->trust, s->path, &dirfd, &base, why, why_len);
	if (r < 0)
		return r;
	_cleanup_close_ int fd = openat(dirfd, base, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		r = -errno;
		snprintf(why, why_len, "cannot open feed %s: %s", s->path, strerror(errno));
		return r;
	}
	/* Whoever can rewrite an unsigned local feed chooses what root installs. */
	char twhy[256];
	r = trust_check_file(&s->trust, fd, twhy, sizeof(twhy));
	if (r < 0) {
		snprintf(why, why_len, "feed %s: %s", s->path, twhy);
		return r;
	}
	r = read_small_fd(fd, MAX_FEED_SIZE, data, len);
	if (r == -EFBIG)
		snprintf(why, why_len, "feed %s is larger than %d bytes", s->path, MAX_FEED_SIZE);
	else if (r < 0)
		snprintf(why, why_len, "reading feed %s: %s", s->path, strerror(-r));
	return r;
}

int source_open_artifact(struct source *s, const struct release *rel, int *fd_out, char *why, size_t why_len)
{
	if (!artifact_name_is_valid(rel->url)) {
		snprintf(why, why_len, "release %s: url '%.60s' must be a plain file name next to the feed "
			 "for a local source", rel->version, rel->url);
		return -EINVAL;
	}
	_cleanup_close_ int dirfd = -1;
	_cleanup_free_ char *base = NULL;
	int r = safe_open_parent(&s->trust, s->path, &dirfd, &base, why, why_len);
	if (r < 0)
		return r;
	_cleanup_close_ int fd = openat(dirfd, rel->url, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		r = -errno;
		snprintf(why, why_len, "cannot open artifact %s for %s: %s", rel->url, rel->version, strerror(errno));
		return r;
	}
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		snprintf(why, why_len, "artifact %s is not a regular file", rel->url);
		return -EINVAL;
	}
	*fd_out = steal_fd(&fd);
	return 0;
}
