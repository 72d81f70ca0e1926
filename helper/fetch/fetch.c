/* upswap-fetch — the only part of upswap that talks to the network.
 *
 * upswap-helper runs one of these per HTTP(S) transfer instead of linking
 * libcurl itself: the code that parses what remote servers send (HTTP, TLS,
 * redirects) runs in a short-lived process that first drops root for an
 * unprivileged user and gets nothing but an fd to write the body into. A
 * hole in that code reaches a nobody that can write one cache file; the
 * helper still checks every byte it installs against the signed feed. It
 * also keeps the helper itself small: libcurl and its dozens of libraries
 * are loaded only while something downloads.
 *
 *   upswap-fetch --url URL [--allow-http] --max-bytes N [--resume-from N]
 *                [--if-none-match V] [--if-modified-since V]
 *                [--connect-timeout S] [--stall-timeout S] [--total-timeout S]
 *                [--max-rate BYTES_PER_S] [--ca-file PEM] [--user NAME]
 *
 * The body goes to fd 1 (written from --resume-from on); reports go to fd 3,
 * one line each (see fetch_report.h).
 *
 *   upswap-fetch --serve
 *
 * is the same downloader as a socket-activated service (upswap-fetch.socket,
 * Accept=yes): the connection is fd 0, and the helper sends the options
 * above over it together with the fd to write the body into (fetch_serve.h).
 * Reports go back over the connection. So the root helper needs no network
 * access at all, and this runs as an unprivileged dynamic user in its own
 * sandbox, not as the helper's child. */
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "fetch_report.h"
#include "fetch_serve.h"

#define MAX_REDIRECTS 5
#define RATE_BURST (64 * 1024)
#define PROGRESS_EVERY (256 * 1024)

struct transfer {
	CURL *easy;
	uint64_t max_bytes;
	uint64_t offset;        /* next file offset to write */
	uint64_t received;      /* body bytes in this transfer */
	uint64_t wire;          /* header + body bytes */
	uint64_t reported;      /* last progress line */
	int64_t max_rate;
	struct timespec start;
	bool too_large;
	bool write_failed;
	char etag[256];
	char last_modified[64];
	FILE *report;
};

static int64_t elapsed_ms(const struct timespec *since)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

/* A token bucket: sleep while ahead of max_rate. (libcurl 7.88's own
 * limiter lets short transfers burst far past it.) */
static void pace(struct transfer *t, size_t len)
{
	if (t->max_rate <= 0)
		return;
	uint64_t want = t->received + len;
	if (want <= RATE_BURST)
		return;
	int64_t due_ms = (int64_t)((want - RATE_BURST) * 1000 / (uint64_t)t->max_rate);
	int64_t wait = due_ms - elapsed_ms(&t->start);
	if (wait > 0) {
		struct timespec ts = { wait / 1000, (wait % 1000) * 1000000 };
		while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
			;
	}
}

static size_t write_cb(char *data, size_t size, size_t nmemb, void *userp)
{
	struct transfer *t = userp;
	size_t len = size * nmemb;
	t->wire += len;
	long code = 0;
	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &code);
	if (code >= 300)
		return len; /* an error page is not content */
	if (t->offset + len > t->max_bytes) {
		t->too_large = true;
		return 0; /* stop right here: CURLE_WRITE_ERROR */
	}
	pace(t, len);
	for (size_t done = 0; done < len;) {
		ssize_t n = pwrite(STDOUT_FILENO, data + done, len - done, (off_t)t->offset);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			t->write_failed = true;
			return 0;
		}
		done += (size_t)n;
		t->offset += (uint64_t)n;
	}
	t->received += len;
	if (t->received - t->reported >= PROGRESS_EVERY) {
		t->reported = t->received;
		fprintf(t->report, "P %llu\n", (unsigned long long)t->received);
		fflush(t->report);
	}
	return len;
}

static void copy_value(const char *line, size_t len, char *out, size_t size)
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
	if (n == 0 || n >= size)
		return;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)v[i] < 0x21 && v[i] != ' ')
			return;
	memcpy(out, v, n);
	out[n] = '\0';
}

static size_t header_cb(char *line, size_t size, size_t nmemb, void *userp)
{
	struct transfer *t = userp;
	size_t len = size * nmemb;
	t->wire += len;
	if (len > 5 && strncmp(line, "HTTP/", 5) == 0)
		t->etag[0] = t->last_modified[0] = '\0'; /* a new response (after a redirect) */
	else if (len > 5 && strncasecmp(line, "ETag:", 5) == 0)
		copy_value(line, len, t->etag, sizeof(t->etag));
	else if (len > 14 && strncasecmp(line, "Last-Modified:", 14) == 0)
		copy_value(line, len, t->last_modified, sizeof(t->last_modified));
	return len;
}

static bool transient(CURLcode rc)
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

/* Served: the helper hung up (cancel, or it exited), so stop. Progress
 * lines only come every PROGRESS_EVERY bytes; a stalled transfer would
 * otherwise only notice at its stall timeout. */
static int hangup_cb(void *userp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
	(void)userp, (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
	struct pollfd p = { .fd = FETCH_REPORT_FD, .events = POLLRDHUP };
	return poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR)) ? 1 : 0;
}

/* fd, renumbered above FETCH_REPORT_FD (close-on-exec); -1 stays -1. */
static int above_report_fd(int fd)
{
	if (fd < 0 || fd > FETCH_REPORT_FD)
		return fd;
	int moved = fcntl(fd, F_DUPFD_CLOEXEC, FETCH_REPORT_FD + 1);
	close(fd);
	return moved;
}

/* --serve: read the request from the connection on fd 0 (fetch_serve.h)
 * and set up the fds as if the helper had started us: the body fd as fd 1,
 * the connection as fd 3, /dev/null as fd 0. Returns the request's argv
 * (argv[0] included), or NULL after saying why on stderr. */
static char **serve_request(void)
{
	static char name[] = "upswap-fetch";
	static char buf[FETCH_SERVE_MAX_REQUEST];
	static char *args[FETCH_SERVE_MAX_ARGS + 2];
	size_t len = 0;
	int body = -1;
	for (;;) {
		union {
			struct cmsghdr h;
			char space[CMSG_SPACE(sizeof(int) * 4)];
		} ctl;
		struct iovec iov = { buf + len, sizeof(buf) - len };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.space,
				    .msg_controllen = sizeof(ctl.space) };
		ssize_t n = recvmsg(STDIN_FILENO, &m, MSG_CMSG_CLOEXEC);
		if (n < 0 && errno == EINTR)
			continue;
		for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
			if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
				continue;
			size_t nfds = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
			for (size_t i = 0; i < nfds; i++) {
				int fd;
				memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
				if (body < 0)
					body = fd;
				else
					close(fd); /* one fd per request; more is a broken client */
			}
		}
		if (n <= 0 || (m.msg_flags & MSG_CTRUNC)) {
			fprintf(stderr, "upswap-fetch: %s\n",
				n < 0 ? "cannot read the request" : n == 0 ? "the connection ended inside the request"
								     : "the request carried too many fds");
			return NULL;
		}
		len += (size_t)n;
		/* The request ends with an empty argument: two NULs in a row. */
		if (len >= 2 && buf[len - 1] == '\0' && buf[len - 2] == '\0')
			break;
		if (len == sizeof(buf)) {
			fprintf(stderr, "upswap-fetch: the request is larger than %d bytes\n", FETCH_SERVE_MAX_REQUEST);
			return NULL;
		}
	}
	if (body < 0) {
		fprintf(stderr, "upswap-fetch: the request carried no fd to write the body into\n");
		return NULL;
	}
	size_t n = 0;
	args[n++] = name;
	for (size_t i = 0; i + 1 < len; i += strlen(buf + i) + 1) {
		if (n == FETCH_SERVE_MAX_ARGS + 1) {
			fprintf(stderr, "upswap-fetch: the request has more than %d arguments\n", FETCH_SERVE_MAX_ARGS);
			return NULL;
		}
		args[n++] = buf + i;
	}
	args[n] = NULL;
	/* Both out of the way of the fds 0, 1 and 3 about to be set. */
	body = above_report_fd(body);
	int null = above_report_fd(open("/dev/null", O_RDONLY | O_CLOEXEC));
	if (body < 0 || null < 0 || dup2(body, STDOUT_FILENO) < 0 || dup2(STDIN_FILENO, FETCH_REPORT_FD) < 0 ||
	    dup2(null, STDIN_FILENO) < 0) {
		fprintf(stderr, "upswap-fetch: cannot set up the request's fds: %s\n", strerror(errno));
		return NULL;
	}
	close(null);
	close(body);
	return args;
}

/* Step 1 of everything: stop being root. */
static int drop_privileges(const char *user)
{
	if (geteuid() != 0)
		return 0; /* a sandbox helper running as its user: nothing to drop */
	if (!user || !*user) {
		fprintf(stderr, "upswap-fetch: running as root needs --user\n");
		return -1;
	}
	struct passwd *pw = getpwnam(user);
	if (!pw || pw->pw_uid == 0) {
		fprintf(stderr, "upswap-fetch: user '%s' does not exist or is root\n", user);
		return -1;
	}
	if (setgroups(0, NULL) < 0 || setresgid(pw->pw_gid, pw->pw_gid, pw->pw_gid) < 0 ||
	    setresuid(pw->pw_uid, pw->pw_uid, pw->pw_uid) < 0 || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
		fprintf(stderr, "upswap-fetch: cannot drop to user '%s': %s\n", user, strerror(errno));
		return -1;
	}
	if (setuid(0) == 0) { /* must be impossible now */
		fprintf(stderr, "upswap-fetch: still able to become root; refusing to run\n");
		return -1;
	}
	return 0;
}

static long num_arg(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*end || v < 0) {
		fprintf(stderr, "upswap-fetch: bad number '%s'\n", s);
		exit(2);
	}
	return (long)v;
}

int main(int argc, char **argv)
{
	enum { O_URL = 256, O_ALLOW_HTTP, O_MAX, O_RESUME, O_INM, O_IMS, O_CT, O_ST, O_TT, O_RATE, O_CA, O_USER };
	static const struct option opts[] = {
		{ "url", required_argument, NULL, O_URL }, { "allow-http", no_argument, NULL, O_ALLOW_HTTP },
		{ "max-bytes", required_argument, NULL, O_MAX }, { "resume-from", required_argument, NULL, O_RESUME },
		{ "if-none-match", required_argument, NULL, O_INM },
		{ "if-modified-since", required_argument, NULL, O_IMS },
		{ "connect-timeout", required_argument, NULL, O_CT }, { "stall-timeout", required_argument, NULL, O_ST },
		{ "total-timeout", required_argument, NULL, O_TT }, { "max-rate", required_argument, NULL, O_RATE },
		{ "ca-file", required_argument, NULL, O_CA }, { "user", required_argument, NULL, O_USER },
		{ NULL, 0, NULL, 0 },
	};
	bool served = argc == 2 && strcmp(argv[1], "--serve") == 0;
	if (served) {
		if (!(argv = serve_request()))
			return 2;
		for (argc = 0; argv[argc]; argc++)
			;
	}
	const char *url = NULL, *inm = NULL, *ims = NULL, *ca = NULL, *user = NULL;
	bool allow_http = false;
	long connect_timeout = 30, stall_timeout = 60, total_timeout = 0;
	struct transfer t = { .max_bytes = 0 };
	uint64_t resume = 0;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case O_URL: url = optarg; break;
		case O_ALLOW_HTTP: allow_http = true; break;
		case O_MAX: t.max_bytes = (uint64_t)num_arg(optarg); break;
		case O_RESUME: resume = (uint64_t)num_arg(optarg); break;
		case O_INM: inm = optarg; break;
		case O_IMS: ims = optarg; break;
		case O_CT: connect_timeout = num_arg(optarg); break;
		case O_ST: stall_timeout = num_arg(optarg); break;
		case O_TT: total_timeout = num_arg(optarg); break;
		case O_RATE: t.max_rate = num_arg(optarg); break;
		case O_CA: ca = optarg; break;
		case O_USER: user = optarg; break;
		default: return 2;
		}
	}
	t.report = fdopen(FETCH_REPORT_FD, "w");
	if (!url || !t.report || optind != argc) {
		fprintf(stderr, "upswap-fetch: usage: see the comment at the top of fetch.c; fd 3 must be open\n");
		return 2;
	}
	if (drop_privileges(user) < 0) {
		fprintf(t.report, "R fail 0 0 0 0 0 0 0 the downloader could not drop its privileges\n");
		return 1;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || !(t.easy = curl_easy_init())) {
		fprintf(t.report, "R fail 0 0 0 0 0 0 0 libcurl could not start\n");
		return 1;
	}
	char errbuf[CURL_ERROR_SIZE] = "";
	const char *protos = allow_http ? "http,https" : "https";
	struct curl_slist *headers = NULL;
	char hdr[400];
	CURL *e = t.easy;
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, protos);
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, protos);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)MAX_REDIRECTS);
	curl_easy_setopt(e, CURLOPT_USERAGENT, "upswap-helper/0.1.0");
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_BUFFERSIZE, 256L * 1024);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, header_cb);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, &t);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	if (ca && *ca)
		curl_easy_setopt(e, CURLOPT_CAINFO, ca);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, connect_timeout);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, stall_timeout);
	if (total_timeout > 0)
		curl_easy_setopt(e, CURLOPT_TIMEOUT, total_timeout);
	if (resume > 0)
		curl_easy_setopt(e, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)resume);
	if (served) {
		curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, hangup_cb);
		curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
	}
	if (inm && *inm) {
		snprintf(hdr, sizeof(hdr), "If-None-Match: %s", inm);
		headers = curl_slist_append(headers, hdr);
	}
	if (ims && *ims) {
		snprintf(hdr, sizeof(hdr), "If-Modified-Since: %s", ims);
		headers = curl_slist_append(headers, hdr);
	}
	if (headers)
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers);
	t.offset = resume;
	clock_gettime(CLOCK_MONOTONIC, &t.start);

	CURLcode rc = curl_easy_perform(e);
	long code = 0;
	curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &code);
	if (t.etag[0])
		fprintf(t.report, "H etag %s\n", t.etag);
	if (t.last_modified[0])
		fprintf(t.report, "H last-modified %s\n", t.last_modified);

	bool ok = rc == CURLE_OK && ((code >= 200 && code < 300) || code == 304);
	bool range_ignored = rc == CURLE_RANGE_ERROR;
	bool is_transient = !ok && (transient(rc) || (rc == CURLE_OK && code >= 500));
	char msg[512];
	if (ok)
		snprintf(msg, sizeof(msg), "ok");
	else if (t.too_large)
		snprintf(msg, sizeof(msg), "the server sent more than the %llu bytes expected",
			 (unsigned long long)t.max_bytes);
	else if (t.write_failed)
		snprintf(msg, sizeof(msg), "writing the download failed");
	else if (range_ignored)
		snprintf(msg, sizeof(msg), "the server does not resume downloads (no Range support)");
	else if (rc == CURLE_OK)
		snprintf(msg, sizeof(msg), "the server answered HTTP %ld", code);
	else
		snprintf(msg, sizeof(msg), "%s%s", rc == CURLE_OPERATION_TIMEDOUT ? "timed out: " : "",
			 errbuf[0] ? errbuf : curl_easy_strerror(rc));
	for (char *p = msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	fprintf(t.report, "R %s %ld %d %d %d %d %llu %llu %s\n", ok ? "ok" : "fail", code, code == 304, range_ignored,
		t.too_large, is_transient, (unsigned long long)t.received, (unsigned long long)t.wire, msg);
	fflush(t.report);
	curl_slist_free_all(headers);
	curl_easy_cleanup(e);
	curl_global_cleanup();
	return 0;
}
