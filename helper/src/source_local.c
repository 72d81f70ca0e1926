/* source_local.c — the local source: a feed.json (with its feed.json.minisig)
 * and its artifacts in a directory on this machine ("file:///srv/upswap/demo/
 * feed.json" or "/srv/upswap/demo/feed.json"). The directory and the feed
 * must be as trusted as the targets themselves: whoever can write them
 * chooses what root installs if the feed is unsigned. Everything completes
 * synchronously. */
#include "source_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "feed.h"
#include "fileio.h"
#include "util.h"

static void local_feed_begin(struct source *s, struct feed_fetch *f)
{
	_cleanup_close_ int dirfd = -1;
	_cleanup_free_ char *base = NULL;
	char why[400] = "";
	if (safe_open_parent(s->env.trust, s->location, &dirfd, &base, why, sizeof(why)) < 0) {
		fetch_fail(&f->failed, f->why, "%s", why);
		return;
	}
	_cleanup_close_ int fd = openat(dirfd, base, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		fetch_fail(&f->failed, f->why, "cannot open feed %s: %s", s->location, strerror(errno));
		return;
	}
	/* Whoever can rewrite an unsigned local feed chooses what root installs. */
	if (trust_check_file(s->env.trust, fd, why, sizeof(why)) < 0) {
		fetch_fail(&f->failed, f->why, "feed %s: %s", s->location, why);
		return;
	}
	int r = read_small_fd(fd, MAX_FEED_SIZE, &f->feed, &f->feed_len);
	if (r < 0) {
		fetch_fail(&f->failed, f->why, r == -EFBIG ? "feed %s is larger than 1 MiB" : "reading feed %s failed",
			   s->location);
		return;
	}
	_cleanup_free_ char *sig_name = xasprintf("%s.minisig", base);
	r = read_small_at(dirfd, sig_name, MAX_SIG_SIZE, &f->sig, &f->sig_len);
	if (r == -ENOENT) {
		f->sig = NULL;
		f->sig_len = 0;
	} else if (r < 0) {
		fetch_fail(&f->failed, f->why, r == -EFBIG ? "signature %s.minisig is larger than %d bytes"
							   : "reading signature %s.minisig failed",
			   s->location, MAX_SIG_SIZE);
	}
}

static bool local_feed_poll(struct source *s, struct feed_fetch *f)
{
	(void)s;
	(void)f;
	return true; /* finished in begin */
}

static void local_artifact_begin(struct source *s, struct artifact_fetch *a)
{
	if (!artifact_name_is_valid(a->url)) {
		fetch_fail(&a->failed, a->why, "release %s: url '%.60s' must be a plain file name next to the feed "
			   "for a local source", a->version, a->url);
		return;
	}
	_cleanup_close_ int dirfd = -1;
	_cleanup_free_ char *base = NULL;
	char why[400] = "";
	if (safe_open_parent(s->env.trust, s->location, &dirfd, &base, why, sizeof(why)) < 0) {
		fetch_fail(&a->failed, a->why, "%s", why);
		return;
	}
	_cleanup_close_ int fd = openat(dirfd, a->url, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	if (fd < 0) {
		fetch_fail(&a->failed, a->why, "cannot open artifact %s for %s: %s", a->url, a->version, strerror(errno));
		return;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		fetch_fail(&a->failed, a->why, "artifact %s is not a regular file", a->url);
		return;
	}
	if ((uint64_t)st.st_size != a->size) {
		a->code = E_VERIFY_FAILED;
		fetch_fail(&a->failed, a->why, "artifact %s is %lld bytes, the feed says %llu; nothing was changed",
			   a->url, (long long)st.st_size, (unsigned long long)a->size);
		return;
	}
	a->fd = steal_fd(&fd);
}

static bool local_artifact_poll(struct source *s, struct artifact_fetch *a)
{
	(void)s;
	(void)a;
	return true;
}

static void local_artifact_end(struct source *s, struct artifact_fetch *a, bool discard)
{
	(void)s;
	(void)a;
	(void)discard; /* the feed directory is the publisher's, never ours to clean */
}

const struct source_ops source_local_ops = {
	.feed_begin = local_feed_begin,
	.feed_poll = local_feed_poll,
	.artifact_begin = local_artifact_begin,
	.artifact_poll = local_artifact_poll,
	.artifact_end = local_artifact_end,
};
