/* downloader.c — see downloader.h. */
#include "downloader.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "log.h"
#include "util.h"

#define MAX_SOCKETS   16
#define MAX_REDIRECTS 5
#define USER_AGENT    "upswap-helper/0.1.0"

struct watched {
	curl_socket_t fd;
	short events;
};

struct downloader {
	CURLM *multi;
	struct watched socks[MAX_SOCKETS];
	size_t n_socks;
	int64_t timer_due_ms;          /* -1: none */
	struct download *active;       /* list of downloads, for resuming paused ones */
};

struct download {
	struct downloader *dl;
	CURL *easy;
	struct curl_slist *headers;
	struct download_request req;
	struct download_result res;
	size_t body_cap;
	uint64_t offset;               /* next file offset to write */
	char errbuf[CURL_ERROR_SIZE];
	bool attached;
	/* Our own pacing for max_rate (libcurl 7.88's limiter lets short
	 * transfers burst far past it): a token bucket that pauses the transfer
	 * when it is ahead and resumes it from the loop's timer. */
	int64_t start_ms;
	bool paused;
	int64_t resume_ms;
	struct download *next;
};

#define RATE_BURST (64 * 1024)

static int socket_cb(CURL *easy, curl_socket_t fd, int what, void *userp, void *socketp)
{
	(void)easy;
	(void)socketp;
	struct downloader *dl = userp;
	size_t i;
	for (i = 0; i < dl->n_socks && dl->socks[i].fd != fd; i++)
		;
	if (what == CURL_POLL_REMOVE) {
		if (i < dl->n_socks)
			dl->socks[i] = dl->socks[--dl->n_socks];
		return 0;
	}
	if (i == dl->n_socks) {
		if (dl->n_socks == MAX_SOCKETS) {
			log_error("downloader: more than %d sockets at once", MAX_SOCKETS);
			return -1;
		}
		dl->n_socks++;
		dl->socks[i].fd = fd;
	}
	dl->socks[i].events = (short)(((what & CURL_POLL_IN) ? POLLIN : 0) | ((what & CURL_POLL_OUT) ? POLLOUT : 0));
	return 0;
}

static int timer_cb(CURLM *multi, long timeout_ms, void *userp)
{
	(void)multi;
	struct downloader *dl = userp;
	dl->timer_due_ms = timeout_ms < 0 ? -1 : now_ms() + timeout_ms;
	return 0;
}

struct downloader *downloader_new(void)
{
	static bool global_done;
	if (!global_done) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return NULL;
		global_done = true;
	}
	struct downloader *dl = xcalloc(1, sizeof(*dl));
	dl->timer_due_ms = -1;
	dl->multi = curl_multi_init();
	if (!dl->multi) {
		free(dl);
		return NULL;
	}
	curl_multi_setopt(dl->multi, CURLMOPT_SOCKETFUNCTION, socket_cb);
	curl_multi_setopt(dl->multi, CURLMOPT_SOCKETDATA, dl);
	curl_multi_setopt(dl->multi, CURLMOPT_TIMERFUNCTION, timer_cb);
	curl_multi_setopt(dl->multi, CURLMOPT_TIMERDATA, dl);
	curl_multi_setopt(dl->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, 4L);
	return dl;
}

void downloader_free(struct downloader *dl)
{
	if (!dl)
		return;
	curl_multi_cleanup(dl->multi);
	free(dl);
}

static bool bad_url(struct download *d)
{
	snprintf(d->res.error, sizeof(d->res.error), "bad URL %.400s", d->req.url);
	return false;
}

/* Whether to hold this chunk back to keep under max_rate. */
static bool ahead_of_rate(struct download *d, size_t len)
{
	int64_t rate = d->req.limits.max_rate;
	if (rate <= 0)
		return false;
	int64_t elapsed = now_ms() - d->start_ms;
	uint64_t allowed = (uint64_t)(rate * elapsed / 1000) + RATE_BURST;
	uint64_t want = d->res.received + len;
	if (want <= allowed)
		return false;
	d->paused = true;
	d->resume_ms = d->start_ms + (int64_t)((want - RATE_BURST) * 1000 / (uint64_t)rate);
	return true;
}

static size_t write_cb(char *data, size_t size, size_t nmemb, void *userp)
{
	struct download *d = userp;
	size_t len = size * nmemb;
	/* Bodies of error replies are not content: count them, keep nothing. */
	long code = 0;
	curl_easy_getinfo(d->easy, CURLINFO_RESPONSE_CODE, &code);
	if (code >= 300) {
		d->res.wire_bytes += len;
		return len;
	}
	if (ahead_of_rate(d, len))
		return CURL_WRITEFUNC_PAUSE; /* the same data comes again after the pause */
	d->res.wire_bytes += len;
	uint64_t limit = d->req.max_bytes;
	uint64_t have = d->req.fd >= 0 ? d->offset : d->res.received;
	if (have + len > limit) {
		d->res.too_large = true;
		snprintf(d->res.error, sizeof(d->res.error), "the server sent more than the %llu bytes expected",
			 (unsigned long long)limit);
		return 0; /* stop now: CURLE_WRITE_ERROR */
	}
	if (d->req.fd >= 0) {
		size_t done = 0;
		while (done < len) {
			ssize_t n = pwrite(d->req.fd, data + done, len - done, (off_t)d->offset);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				snprintf(d->res.error, sizeof(d->res.error), "writing the download to the cache failed: %s",
					 strerror(n < 0 ? errno : EIO));
				return 0;
			}
			done += (size_t)n;
			d->offset += (uint64_t)n;
		}
	} else {
		if (d->res.body_len + len + 1 > d->body_cap) {
			size_t cap = d->body_cap ? d->body_cap : 4096;
			while (cap < d->res.body_len + len + 1)
				cap *= 2;
			d->res.body = xrealloc(d->res.body, cap);
			d->body_cap = cap;
		}
		memcpy(d->res.body + d->res.body_len, data, len);
		d->res.body_len += len;
		d->res.body[d->res.body_len] = '\0';
	}
	d->res.received += len;
	if (d->req.on_data && !d->req.on_data(d->req.ctx, data, len)) {
		snprintf(d->res.error, sizeof(d->res.error), "the download was stopped");
		return 0;
	}
	return len;
}

static void copy_header_value(const char *line, size_t len, char *out, size_t out_size)
{
	const char *v = memchr(line, ':', len);
	if (!v)
		return;
	v++;
	size_t n = len - (size_t)(v - line);
	while (n && (*v == ' ' || *v == '\t')) {
		v++;
		n--;
	}
	while (n && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' '))
		n--;
	if (n >= out_size)
		return; /* oversized validators are simply not used */
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)v[i] < 0x20 || (unsigned char)v[i] > 0x7e)
			return;
	memcpy(out, v, n);
	out[n] = '\0';
}

static size_t header_cb(char *line, size_t size, size_t nmemb, void *userp)
{
	struct download *d = userp;
	size_t len = size * nmemb;
	d->res.wire_bytes += len;
	/* A new response (after a redirect) starts over. */
	if (len > 5 && strncmp(line, "HTTP/", 5) == 0) {
		d->res.etag[0] = d->res.last_modified[0] = '\0';
	} else if (len > 5 && strncasecmp(line, "ETag:", 5) == 0) {
		copy_header_value(line, len, d->res.etag, sizeof(d->res.etag));
	} else if (len > 14 && strncasecmp(line, "Last-Modified:", 14) == 0) {
		copy_header_value(line, len, d->res.last_modified, sizeof(d->res.last_modified));
	}
	return len;
}

static bool configure(struct download *d)
{
	CURL *e = d->easy;
	const struct download_request *r = &d->req;
	const char *protos = r->allow_http ? "http,https" : "https";
	if (curl_easy_setopt(e, CURLOPT_URL, r->url) != CURLE_OK)
		return bad_url(d);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, protos);
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, protos);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)MAX_REDIRECTS);
	curl_easy_setopt(e, CURLOPT_USERAGENT, USER_AGENT);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	/* Larger reads mean fewer callbacks and writes for big artifacts. */
	curl_easy_setopt(e, CURLOPT_BUFFERSIZE, 256L * 1024);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, d->errbuf);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, d);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, header_cb);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, d);
	curl_easy_setopt(e, CURLOPT_PRIVATE, d);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	if (r->limits.ca_file && *r->limits.ca_file)
		curl_easy_setopt(e, CURLOPT_CAINFO, r->limits.ca_file);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, (long)r->limits.connect_timeout_s);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, (long)r->limits.stall_timeout_s);
	if (r->limits.total_timeout_s > 0)
		curl_easy_setopt(e, CURLOPT_TIMEOUT, (long)r->limits.total_timeout_s);
	if (r->fd >= 0 && r->resume_from > 0)
		curl_easy_setopt(e, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)r->resume_from);
	char line[400];
	if (r->if_none_match && *r->if_none_match) {
		snprintf(line, sizeof(line), "If-None-Match: %s", r->if_none_match);
		d->headers = curl_slist_append(d->headers, line);
	}
	if (r->if_modified_since && *r->if_modified_since) {
		snprintf(line, sizeof(line), "If-Modified-Since: %s", r->if_modified_since);
		d->headers = curl_slist_append(d->headers, line);
	}
	if (d->headers)
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, d->headers);
	return true;
}

struct download *download_start(struct downloader *dl, const struct download_request *req)
{
	struct download *d = xcalloc(1, sizeof(*d));
	d->dl = dl;
	d->req = *req;
	d->offset = req->fd >= 0 ? req->resume_from : 0;
	d->res.status = DL_RUNNING;
	d->start_ms = now_ms();
	d->next = dl->active;
	dl->active = d;
	d->easy = curl_easy_init();
	if (!d->easy || !configure(d)) {
		d->res.status = DL_FAILED;
		if (!d->res.error[0])
			snprintf(d->res.error, sizeof(d->res.error), "cannot set up a download of %s", req->url);
		return d;
	}
	if (curl_multi_add_handle(dl->multi, d->easy) != CURLM_OK) {
		d->res.status = DL_FAILED;
		snprintf(d->res.error, sizeof(d->res.error), "cannot start a download of %s", req->url);
		return d;
	}
	d->attached = true;
	return d;
}

const struct download_result *download_result(const struct download *d)
{
	return &d->res;
}

char *download_take_body(struct download *d, size_t *len)
{
	char *b = d->res.body;
	*len = d->res.body_len;
	d->res.body = NULL;
	d->res.body_len = 0;
	d->body_cap = 0;
	if (!b)
		b = xcalloc(1, 1);
	return b;
}

void download_free(struct download *d)
{
	if (!d)
		return;
	for (struct download **p = &d->dl->active; *p; p = &(*p)->next)
		if (*p == d) {
			*p = d->next;
			break;
		}
	if (d->attached)
		curl_multi_remove_handle(d->dl->multi, d->easy);
	curl_easy_cleanup(d->easy);
	curl_slist_free_all(d->headers);
	free(d->res.body);
	free(d);
}

static bool transient_error(CURLcode rc)
{
	switch (rc) {
	case CURLE_PARTIAL_FILE:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_COULDNT_CONNECT:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return true;
	default:
		return false;
	}
}

static void finish(struct download *d, CURLcode rc)
{
	struct download_result *r = &d->res;
	curl_easy_getinfo(d->easy, CURLINFO_RESPONSE_CODE, &r->http_code);
	curl_multi_remove_handle(d->dl->multi, d->easy);
	d->attached = false;
	if (rc == CURLE_OK && r->http_code == 304) {
		r->not_modified = true;
		r->status = DL_DONE;
		return;
	}
	if (rc == CURLE_OK && r->http_code >= 200 && r->http_code < 300) {
		r->status = DL_DONE;
		return;
	}
	r->status = DL_FAILED;
	if (rc == CURLE_RANGE_ERROR) {
		r->range_ignored = true;
		snprintf(r->error, sizeof(r->error), "the server does not resume downloads (no Range support)");
	} else if (rc == CURLE_OK) {
		r->transient = r->http_code >= 500;
		snprintf(r->error, sizeof(r->error), "the server answered HTTP %ld", r->http_code);
	} else if (!r->error[0] || rc != CURLE_WRITE_ERROR) {
		r->transient = transient_error(rc);
		snprintf(r->error, sizeof(r->error), "%s%s", rc == CURLE_OPERATION_TIMEDOUT ? "timed out: " : "",
			 d->errbuf[0] ? d->errbuf : curl_easy_strerror(rc));
	}
}

static void check_done(struct downloader *dl)
{
	CURLMsg *msg;
	int left;
	while ((msg = curl_multi_info_read(dl->multi, &left))) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		struct download *d = NULL;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&d);
		if (d)
			finish(d, msg->data.result);
	}
}

size_t downloader_poll_count(const struct downloader *dl)
{
	return dl->n_socks;
}

void downloader_fill_poll(const struct downloader *dl, struct pollfd *fds)
{
	for (size_t i = 0; i < dl->n_socks; i++)
		fds[i] = (struct pollfd){ .fd = dl->socks[i].fd, .events = dl->socks[i].events };
}

void downloader_dispatch(struct downloader *dl, const struct pollfd *fds, size_t n)
{
	/* Copy first: curl's callbacks change the socket table while we act. */
	struct pollfd ready[MAX_SOCKETS];
	size_t k = 0;
	for (size_t i = 0; i < n && k < MAX_SOCKETS; i++)
		if (fds[i].revents)
			ready[k++] = fds[i];
	int running;
	for (size_t i = 0; i < k; i++) {
		int ev = ((ready[i].revents & POLLIN) ? CURL_CSELECT_IN : 0) |
			 ((ready[i].revents & POLLOUT) ? CURL_CSELECT_OUT : 0) |
			 ((ready[i].revents & (POLLERR | POLLHUP | POLLNVAL)) ? CURL_CSELECT_ERR : 0);
		curl_multi_socket_action(dl->multi, ready[i].fd, ev, &running);
	}
	if (k)
		check_done(dl);
}

int downloader_timeout_ms(const struct downloader *dl)
{
	int64_t due = dl->timer_due_ms;
	for (const struct download *d = dl->active; d; d = d->next)
		if (d->paused && (due < 0 || d->resume_ms < due))
			due = d->resume_ms;
	if (due < 0)
		return -1;
	int64_t wait = due - now_ms();
	return wait <= 0 ? 0 : (wait > INT32_MAX ? INT32_MAX : (int)wait);
}

void downloader_run_timers(struct downloader *dl)
{
	int64_t now = now_ms();
	for (struct download *d = dl->active; d; d = d->next)
		if (d->paused && d->resume_ms <= now && d->attached) {
			d->paused = false;
			curl_easy_pause(d->easy, CURLPAUSE_CONT); /* may deliver (and pause) at once */
		}
	if (dl->timer_due_ms >= 0 && now >= dl->timer_due_ms) {
		dl->timer_due_ms = -1;
		int running;
		curl_multi_socket_action(dl->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	}
	check_done(dl);
}
