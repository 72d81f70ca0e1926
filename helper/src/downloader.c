/* downloader.c — see downloader.h. */
#include "downloader.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../fetch/fetch_report.h"
#include "../fetch/fetch_serve.h"
#include "log.h"
#include "spawn_child.h"
#include "util.h"

struct downloader {
	char *fetcher;
	char *socket;                  /* a socket-activated upswap-fetch, or NULL */
	char *user;
	struct download *active;       /* running fetches */
};

struct download {
	struct downloader *dl;
	struct download *next;
	pid_t pid;                     /* a child upswap-fetch, or -1 (none, or served) */
	int report_fd;                 /* read end of the fetcher's fd 3, or the connection */
	int body_fd;                   /* memory transfers: the memfd the body went to */
	uint64_t max_bytes;
	char line[FETCH_REPORT_MAX_LINE];
	size_t line_len;
	bool got_result;
	enum download_status reported;  /* from the R line; takes effect when the fetcher is gone */
	void (*on_progress)(void *ctx, uint64_t received);
	void *ctx;
	struct download_result res;
};

struct downloader *downloader_new(const char *fetcher, const char *socket, const char *user)
{
	struct downloader *dl = xcalloc(1, sizeof(*dl));
	dl->fetcher = xstrdup(fetcher);
	dl->socket = socket && *socket ? xstrdup(socket) : NULL;
	dl->user = xstrdup(user ? user : "");
	return dl;
}

void downloader_free(struct downloader *dl)
{
	if (!dl)
		return;
	while (dl->active)
		download_free(dl->active);
	free(dl->fetcher);
	free(dl->socket);
	free(dl->user);
	free(dl);
}

static void fail_now(struct download *d, const char *what)
{
	d->res.status = DL_FAILED;
	snprintf(d->res.error, sizeof(d->res.error), "%s", what);
}

/* argv for upswap-fetch; strings live in `store` until spawned. */
static void build_args(const struct downloader *dl, const struct download_request *r, char *store, size_t size,
		       char **argv, size_t max)
{
	size_t n = 0, used = 0;
#define ARG(s) (argv[n < max - 1 ? n++ : n] = (char *)(s))
#define NUM(v)                                                                              \
	do {                                                                                \
		int k = snprintf(store + used, size - used, "%lld", (long long)(v));        \
		ARG(store + used);                                                          \
		used += (size_t)k + 1;                                                      \
	} while (0)
	ARG("upswap-fetch");
	ARG("--url");
	ARG(r->url);
	if (r->allow_http)
		ARG("--allow-http");
	ARG("--max-bytes");
	NUM(r->max_bytes);
	if (r->fd >= 0 && r->resume_from) {
		ARG("--resume-from");
		NUM(r->resume_from);
	}
	if (r->if_none_match && *r->if_none_match) {
		ARG("--if-none-match");
		ARG(r->if_none_match);
	}
	if (r->if_modified_since && *r->if_modified_since) {
		ARG("--if-modified-since");
		ARG(r->if_modified_since);
	}
	ARG("--connect-timeout");
	NUM(r->limits.connect_timeout_s);
	ARG("--stall-timeout");
	NUM(r->limits.stall_timeout_s);
	if (r->limits.total_timeout_s > 0) {
		ARG("--total-timeout");
		NUM(r->limits.total_timeout_s);
	}
	if (r->limits.max_rate > 0) {
		ARG("--max-rate");
		NUM(r->limits.max_rate);
	}
	if (r->limits.ca_file && *r->limits.ca_file) {
		ARG("--ca-file");
		ARG(r->limits.ca_file);
	}
	if (*dl->user && !dl->socket) {
		ARG("--user");
		ARG(dl->user);
	}
	argv[n] = NULL;
#undef ARG
#undef NUM
}

/* A socket-activated upswap-fetch (fetch_serve.h): connects, sends argv
 * (without argv[0]) and the body fd; returns the connection, on which the
 * reports come back, or -errno. Local and accepted by systemd at once, so
 * connecting and sending do not block the loop for long. */
static int ask_fetch_service(const char *path, char *const argv[], int body_fd)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	if (strlen(path) >= sizeof(sa.sun_path))
		return -ENAMETOOLONG;
	memcpy(sa.sun_path, path, strlen(path) + 1);
	char buf[FETCH_SERVE_MAX_REQUEST];
	size_t len = 0;
	for (size_t i = 1; argv[i]; i++) {
		size_t n = strlen(argv[i]) + 1;
		/* An empty argument would read as the end of the request. */
		if (n == 1 || i > FETCH_SERVE_MAX_ARGS || len + n + 1 > sizeof(buf))
			return -E2BIG;
		memcpy(buf + len, argv[i], n);
		len += n;
	}
	buf[len++] = '\0';
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		int e = errno;
		close(fd);
		return -e;
	}
	union {
		struct cmsghdr h;
		char space[CMSG_SPACE(sizeof(int))];
	} ctl;
	memset(&ctl, 0, sizeof(ctl));
	struct iovec iov = { buf, len };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.space,
			    .msg_controllen = sizeof(ctl.space) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &body_fd, sizeof(int));
	size_t sent = 0;
	while (sent < len) {
		ssize_t n = sendmsg(fd, &m, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			return -e;
		}
		sent += (size_t)n;
		/* The fd went with the first bytes. */
		iov.iov_base = buf + sent;
		iov.iov_len = len - sent;
		m.msg_control = NULL;
		m.msg_controllen = 0;
	}
	return fd;
}

struct download *download_start(struct downloader *dl, const struct download_request *req)
{
	struct download *d = xcalloc(1, sizeof(*d));
	d->dl = dl;
	d->pid = -1;
	d->report_fd = d->body_fd = -1;
	d->max_bytes = req->max_bytes;
	d->on_progress = req->on_progress;
	d->ctx = req->ctx;
	d->res.status = DL_RUNNING;
	d->next = dl->active;
	dl->active = d;

	int out = req->fd;
	if (out < 0) {
		d->body_fd = memfd_create("upswap-download", MFD_CLOEXEC);
		if (d->body_fd < 0) {
			fail_now(d, "cannot make a buffer for the download");
			return d;
		}
		out = d->body_fd;
	}
	char store[512];
	char *argv[40];
	build_args(dl, req, store, sizeof(store), argv, ARRAY_SIZE(argv));
	if (dl->socket) {
		int conn = ask_fetch_service(dl->socket, argv, out);
		if (conn < 0) {
			log_error("cannot reach the downloader at %s: %s", dl->socket, strerror(-conn));
			fail_now(d, "the downloader service (upswap-fetch.socket) cannot be reached");
			return d;
		}
		d->report_fd = conn;
		fcntl(d->report_fd, F_SETFL, O_NONBLOCK);
		return d;
	}
	int pipefd[2];
	if (pipe2(pipefd, O_CLOEXEC) < 0) {
		fail_now(d, "cannot make a pipe for the downloader");
		return d;
	}
	struct spawn_fds fds = { .out = out, .err = -1, .fd3 = pipefd[1] };
	d->pid = spawn_child(dl->fetcher, argv, &fds);
	int r = d->pid < 0 ? (int)-d->pid : 0;
	close(pipefd[1]);
	if (r != 0) {
		close(pipefd[0]);
		d->pid = -1;
		log_error("cannot run %s: %s", dl->fetcher, strerror(r));
		fail_now(d, "the downloader (upswap-fetch) could not be started");
		return d;
	}
	d->report_fd = pipefd[0];
	fcntl(d->report_fd, F_SETFL, O_NONBLOCK);
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
	return b ? b : xcalloc(1, 1);
}

static void stop_fetcher(struct download *d)
{
	if (d->pid > 0) {
		kill(d->pid, SIGKILL);
		while (waitpid(d->pid, NULL, 0) < 0 && errno == EINTR)
			;
		d->pid = -1;
	}
	if (d->report_fd >= 0)
		close(d->report_fd);
	d->report_fd = -1;
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
	stop_fetcher(d);
	if (d->body_fd >= 0)
		close(d->body_fd);
	free(d->res.body);
	free(d);
}

/* Strict parsing: the fetcher has handled network data; believe nothing odd. */
static bool parse_u64(const char **p, uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(*p, &end, 10);
	if (end == *p || errno || (*end != ' ' && *end != '\0'))
		return false;
	*out = v;
	*p = *end ? end + 1 : end;
	return true;
}

static void printable_copy(char *dst, size_t size, const char *src)
{
	size_t j = 0;
	for (size_t i = 0; src[i] && j + 1 < size; i++)
		dst[j++] = (src[i] >= 0x20 && src[i] < 0x7f) ? src[i] : '?';
	dst[j] = '\0';
}

static void handle_line(struct download *d, const char *line)
{
	struct download_result *r = &d->res;
	if (line[0] == 'P' && line[1] == ' ') {
		const char *p = line + 2;
		uint64_t received;
		if (parse_u64(&p, &received) && received <= d->max_bytes) {
			r->received = received;
			if (d->on_progress)
				d->on_progress(d->ctx, received);
		}
	} else if (str_has_prefix(line, "H etag ")) {
		printable_copy(r->etag, sizeof(r->etag), line + 7);
	} else if (str_has_prefix(line, "H last-modified ")) {
		printable_copy(r->last_modified, sizeof(r->last_modified), line + 16);
	} else if (str_has_prefix(line, "R ") && !d->got_result) {
		const char *p = line + 2;
		bool ok = str_has_prefix(p, "ok ");
		if (!ok && !str_has_prefix(p, "fail "))
			return;
		p += ok ? 3 : 5;
		uint64_t v[7];
		for (int i = 0; i < 7; i++)
			if (!parse_u64(&p, &v[i]))
				return;
		d->got_result = true;
		r->http_code = (long)v[0];
		r->not_modified = ok && v[0] == 304 && v[1];
		r->range_ignored = v[2] != 0;
		r->too_large = v[3] != 0;
		r->transient = v[4] != 0;
		r->received = v[5];
		r->wire_bytes = v[6];
		printable_copy(r->error, sizeof(r->error), ok ? "" : p);
		d->reported = ok ? DL_DONE : DL_FAILED;
	}
}

/* Reads the memfd the body was written to, never more than allowed. */
static void collect_body(struct download *d)
{
	struct download_result *r = &d->res;
	size_t cap = (size_t)d->max_bytes + 2;
	r->body = xmalloc(cap);
	ssize_t n = pread(d->body_fd, r->body, cap - 1, 0);
	if (n < 0)
		n = 0;
	if ((uint64_t)n > d->max_bytes) {
		r->too_large = true;
		r->status = DL_FAILED;
		snprintf(r->error, sizeof(r->error), "the server sent more than the %llu bytes expected",
			 (unsigned long long)d->max_bytes);
		n = 0;
	}
	r->body[n] = '\0';
	r->body_len = (size_t)n;
}

static void finish(struct download *d)
{
	int status = 0;
	if (d->pid > 0) {
		while (waitpid(d->pid, &status, 0) < 0 && errno == EINTR)
			;
		d->pid = -1;
	}
	close(d->report_fd);
	d->report_fd = -1;
	if (!d->got_result) {
		d->res.status = DL_FAILED;
		d->res.error[0] = '\0';
		if (d->dl->socket)
			snprintf(d->res.error, sizeof(d->res.error),
				 "the downloader service (upswap-fetch) hung up without a result; see its journal");
		else
			snprintf(d->res.error, sizeof(d->res.error),
				 "the downloader (upswap-fetch) ended without a result (%s %d)",
				 WIFSIGNALED(status) ? "signal" : "status",
				 WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
		return;
	}
	/* Only now, with every byte written and the process gone, is it done. */
	d->res.status = d->reported;
	if (d->res.status == DL_DONE && !d->res.not_modified && d->body_fd >= 0)
		collect_body(d);
}

static void read_reports(struct download *d)
{
	for (;;) {
		ssize_t n = read(d->report_fd, d->line + d->line_len, sizeof(d->line) - 1 - d->line_len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (n <= 0) {
			finish(d);
			return;
		}
		d->line_len += (size_t)n;
		d->line[d->line_len] = '\0';
		char *start = d->line, *nl;
		while ((nl = memchr(start, '\n', d->line_len - (size_t)(start - d->line)))) {
			*nl = '\0';
			handle_line(d, start);
			start = nl + 1;
		}
		size_t rest = d->line_len - (size_t)(start - d->line);
		if (rest == sizeof(d->line) - 1) {
			rest = 0; /* an endless line: drop it */
		}
		memmove(d->line, start, rest);
		d->line_len = rest;
	}
}

size_t downloader_poll_count(const struct downloader *dl)
{
	size_t n = 0;
	for (const struct download *d = dl->active; d; d = d->next)
		if (d->report_fd >= 0)
			n++;
	return n;
}

void downloader_fill_poll(const struct downloader *dl, struct pollfd *fds)
{
	size_t i = 0;
	for (const struct download *d = dl->active; d; d = d->next)
		if (d->report_fd >= 0)
			fds[i++] = (struct pollfd){ .fd = d->report_fd, .events = POLLIN };
}

void downloader_dispatch(struct downloader *dl, const struct pollfd *fds, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!fds[i].revents)
			continue;
		for (struct download *d = dl->active; d; d = d->next)
			if (d->report_fd == fds[i].fd) {
				read_reports(d);
				break;
			}
	}
}
