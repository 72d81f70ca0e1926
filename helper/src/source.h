/* source.h — where a target's feed, its signature and its artifacts come
 * from. The job only sees this seam: it starts a fetch, polls it from the
 * event loop until it finishes, and gets bytes (feed, signature) or an fd
 * (artifact). Local sources (file:// or a plain path) finish at once;
 * remote ones (https://, http:// when allowed) download through the
 * downloader, retry transient failures and resume partial artifacts from
 * the cache.
 *
 * Whatever a source returns is still untrusted: the feed's signature is
 * checked and then the feed is parsed by the job, and artifact bytes are
 * hashed again while they are installed and compared with the feed before
 * anything is renamed into place. */
#ifndef UPSWAP_SOURCE_H
#define UPSWAP_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "downloader.h"
#include "names.h"
#include "protocol.h"
#include "safe_path.h"
#include "sha256.h"

#define MAX_SIG_SIZE 4096

/* What sources need from the daemon. */
struct source_env {
	struct downloader *dl;
	const struct trust *trust;
	int cache_dirfd;                 /* ROOT/var/cache/upswap */
	struct download_limits limits;
	int64_t retries;                 /* extra attempts after transient failures */
};

struct source;

/* Whether a configured source string is one this helper can use. */
bool source_spec_valid(const char *spec, char *why, size_t why_len);
/* Whether it is fetched over the network (http:// or https://). */
bool source_is_remote(const char *spec);

struct source *source_new(const char *spec, const char *target, bool allow_http, const struct source_env *env);
void source_free(struct source *s);
const char *source_describe(const struct source *s);

struct feed_fetch {
	/* in: validators of the feed accepted last ("" if none) */
	char etag[256];
	char last_modified[64];
	/* out, once source_feed_poll returns true */
	bool failed;
	enum err_code code;
	char why[512];
	bool not_modified;               /* 304: the feed accepted last is still current */
	char *feed;
	size_t feed_len;
	char *sig;                       /* NULL: there is no signature file */
	size_t sig_len;
	char new_etag[256];
	char new_last_modified[64];
	/* private */
	struct download *dl;
	int step;
	int attempt;
	int64_t retry_at_ms;
};

void source_feed_begin(struct source *s, struct feed_fetch *f);
/* True once the fetch finished (see f->failed). */
bool source_feed_poll(struct source *s, struct feed_fetch *f);
void source_feed_end(struct feed_fetch *f);

struct artifact_fetch {
	/* in */
	char version[VERSION_MAX_LEN + 1];
	char sha256[SHA256_HEX_LEN + 1];
	const char *url;                 /* as the feed says; valid while the fetch runs */
	uint64_t size;
	void (*progress)(void *ctx, uint64_t done, uint64_t total);
	void *ctx;
	/* out, once source_artifact_poll returns true */
	bool failed;
	enum err_code code;
	char why[512];
	int fd;                          /* the bytes to install, read from offset 0 */
	/* private */
	struct download *dl;
	int dirfd;                       /* cache/TARGET */
	int part_fd;
	uint64_t have;                   /* bytes in the part file */
	uint64_t base;                   /* ...when the current attempt started */
	int attempt;
	int64_t retry_at_ms;
	bool restarted;
	char *full_url;
};

void source_artifact_begin(struct source *s, struct artifact_fetch *a);
bool source_artifact_poll(struct source *s, struct artifact_fetch *a);
/* Releases the fetch; discard=true also drops the cached copy (it was
 * installed, or its bytes turned out wrong). */
void source_artifact_end(struct source *s, struct artifact_fetch *a, bool discard);

/* When a waiting fetch wants to be polled again without I/O (a retry
 * timer), in monotonic ms; -1 if it only waits for I/O. */
int64_t source_fetch_wakeup(const struct feed_fetch *f, const struct artifact_fetch *a);

#endif
