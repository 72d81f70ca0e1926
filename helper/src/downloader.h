/* downloader.h — HTTP(S) transfers for the helper, each done by a separate
 * unprivileged upswap-fetch process (helper/fetch/fetch.c): the helper never
 * parses what a remote server sends except through this small, strictly
 * checked report, and never loads libcurl itself. Running fetches are part
 * of the helper's poll(): one report pipe each.
 *
 * A transfer goes either into a bounded memory buffer (feeds, signatures;
 * through a memfd) or into a file descriptor from a given offset (artifacts,
 * resumable). A transfer that delivers more body bytes than its bound is
 * stopped at once: a server sending endless data costs at most bound+1
 * bytes of it. */
#ifndef UPSWAP_DOWNLOADER_H
#define UPSWAP_DOWNLOADER_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct downloader;
struct download;

struct download_limits {
	int64_t connect_timeout_s;
	int64_t stall_timeout_s;      /* abort if under 1 byte/s for this long */
	int64_t total_timeout_s;      /* 0 = none (artifacts); feeds get one */
	int64_t max_rate;             /* bytes/s, 0 = unlimited */
	const char *ca_file;          /* PEM CA bundle, NULL/"" = the system's */
};

struct download_request {
	const char *url;
	bool allow_http;              /* else https only, redirects included */
	int fd;                       /* -1: into memory */
	uint64_t resume_from;         /* with fd: ask for bytes from here on (Range) */
	uint64_t max_bytes;           /* body bound (total size for a resumed file) */
	const char *if_none_match;    /* conditional GET, or NULL */
	const char *if_modified_since;
	struct download_limits limits;
	/* Called as body bytes arrive (received in this transfer). */
	void (*on_progress)(void *ctx, uint64_t received);
	void *ctx;
};

enum download_status {
	DL_RUNNING,
	DL_DONE,          /* 2xx or 304: see the result */
	DL_FAILED,
};

struct download_result {
	enum download_status status;
	long http_code;
	bool not_modified;            /* 304 */
	bool range_ignored;           /* asked to resume, got the whole body (200) */
	bool too_large;               /* the body passed max_bytes */
	bool transient;               /* worth retrying: dropped connection, timeout, 5xx */
	char *body;                   /* memory transfers: NUL-terminated */
	size_t body_len;
	uint64_t received;            /* body bytes in this transfer */
	uint64_t wire_bytes;          /* header + body bytes received */
	char etag[256];
	char last_modified[64];
	char error[512];
};

/* fetcher: path of upswap-fetch; user: whom it runs as when the helper is root. */
/* fetcher: the upswap-fetch to start per transfer, as `user` when root;
 * socket: if set, ask the socket-activated upswap-fetch there instead
 * (fetch/fetch_serve.h), which runs under systemd as its own user. */
struct downloader *downloader_new(const char *fetcher, const char *socket, const char *user);
void downloader_free(struct downloader *dl);

struct download *download_start(struct downloader *dl, const struct download_request *req);
/* Current result; status DL_RUNNING until it finishes. */
const struct download_result *download_result(const struct download *d);
/* Takes the body of a finished memory transfer (caller frees). */
char *download_take_body(struct download *d, size_t *len);
/* Stops (if running) and frees. */
void download_free(struct download *d);

/* poll() integration: one fd per running fetch. */
size_t downloader_poll_count(const struct downloader *dl);
void downloader_fill_poll(const struct downloader *dl, struct pollfd *fds);
void downloader_dispatch(struct downloader *dl, const struct pollfd *fds, size_t n);

#endif
