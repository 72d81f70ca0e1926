/* upswap-demo.c — the program the demo and the tests keep running while
 * upswap replaces it. Built with different DEMO_VERSION values, so the
 * binaries differ.
 *
 * It does what a well-behaved long-running program should do with upswap:
 * at a safe point of its main loop (between two lines, or between two
 * requests) it asks whether its installed file was replaced and, if so,
 * re-execs onto it with libupswap-reexec, same pid, handing its listening
 * socket over so no connection is refused. SIGHUP (the "signal:HUP" restart
 * policy) only makes it reach that safe point sooner.
 *
 *   upswap-demo [--count N]          print a line a second (N times)
 *   upswap-demo --serve PORT         answer HTTP on 127.0.0.1:PORT
 *   upswap-demo --version
 *
 * In --serve mode every answer is "upswap-demo VERSION pid PID" and the
 * connection is closed after it: requests are never half-served across an
 * exec, and ones that arrive during it wait in the listen backlog. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "upswap-reexec.h"

#ifndef DEMO_VERSION
#define DEMO_VERSION "0.0.0"
#endif

/* How long the loop may sleep before its next safe point, in ms. */
#define SAFE_POINT_MS 200

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

/* Only interrupts the wait; the safe point does the rest. */
static void on_hup(int sig)
{
	(void)sig;
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_hup;
	sigaction(SIGHUP, &sa, NULL);
	/* A client that hangs up mid-answer must not kill the server. */
	signal(SIGPIPE, SIG_IGN);
}

static void say(const char *what)
{
	char exe[512];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = '\0';
	printf("upswap-demo %s (pid %d) %s %s\n", DEMO_VERSION, (int)getpid(), what, exe);
	fflush(stdout);
}

/* The safe point: nothing is half done here. */
static void maybe_reexec(const int *keep, size_t n)
{
	if (!upswap_binary_changed())
		return;
	say("moving to the new binary; was running");
	int rc = upswap_reexec(keep, n);
	/* Still here: asked to stop meanwhile, or keep serving with the old
	 * binary and say why. */
	if (rc != -ECANCELED)
		fprintf(stderr, "upswap-demo: re-exec failed: %s\n", strerror(-rc));
}

static int open_listener(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(fd, 128) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Reads the request head (bounded, with a deadline) and answers it. */
static void serve_one(int conn)
{
	char req[4096];
	size_t got = 0;
	while (got < sizeof(req) - 1) {
		struct pollfd p = { .fd = conn, .events = POLLIN };
		int ready = poll(&p, 1, 2000);
		/* A signal (SIGHUP: "there is an update") must not cost the
		 * request being read: it is answered, then the safe point comes. */
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready <= 0)
			return;
		ssize_t r = read(conn, req + got, sizeof(req) - 1 - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return;
		got += (size_t)r;
		req[got] = '\0';
		if (strstr(req, "\r\n\r\n") || strstr(req, "\n\n"))
			break;
	}
	char body[128], answer[384];
	int blen = snprintf(body, sizeof(body), "upswap-demo %s pid %d\n", DEMO_VERSION, (int)getpid());
	int len = snprintf(answer, sizeof(answer),
			   "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
			   "Content-Length: %d\r\nConnection: close\r\n\r\n%s",
			   blen, body);
	for (int off = 0; off < len;) {
		ssize_t w = write(conn, answer + off, (size_t)(len - off));
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		off += (int)w;
	}
}

static int serve(int port)
{
	int fds[1];
	int listener;
	if (upswap_listen_fds(fds, 1) == 1) {
		listener = fds[0];
		say("took over the listening socket; now running");
	} else {
		listener = open_listener(port);
		if (listener < 0) {
			fprintf(stderr, "upswap-demo: cannot listen on 127.0.0.1:%d: %s\n", port, strerror(errno));
			return 1;
		}
		say("listening; running");
	}
	while (!stop) {
		struct pollfd p = { .fd = listener, .events = POLLIN };
		int r = poll(&p, 1, SAFE_POINT_MS);
		if (r > 0) {
			int conn = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
			if (conn >= 0) {
				serve_one(conn);
				close(conn);
			}
		}
		maybe_reexec(&listener, 1);
	}
	return 0;
}

static int print_loop(int count)
{
	/* The count survives a re-exec in argv only as given; a restart
	 * resumes counting, which is what a demo wants to show. */
	for (int i = 0; !stop && (count < 0 || i < count); i++) {
		say("running from");
		struct timespec t = { .tv_sec = 1 };
		nanosleep(&t, NULL);
		maybe_reexec(NULL, 0);
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("upswap-demo %s\n", DEMO_VERSION);
		return 0;
	}
	/* Handlers first: init unblocks signals that arrived during a re-exec. */
	install_signals();
	int rc = upswap_reexec_init(argc, argv, NULL);
	if (rc < 0)
		fprintf(stderr, "upswap-demo: cannot watch for updates: %s\n", strerror(-rc));
	upswap_reexec_stop_flag(&stop);
	if (argc > 2 && strcmp(argv[1], "--serve") == 0)
		return serve(atoi(argv[2]));
	if (argc > 2 && strcmp(argv[1], "--count") == 0)
		return print_loop(atoi(argv[2]));
	return print_loop(-1);
}
