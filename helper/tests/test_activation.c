/* test_activation.c — the real upswap-helper binary under systemd-style
 * socket activation and readiness notification: it must use the sockets it
 * is given (LISTEN_PID/LISTEN_FDS) instead of binding its own, say READY=1
 * and STATUS=... on $NOTIFY_SOCKET, serve requests, and on SIGTERM say
 * STOPPING=1, exit 0 and leave the passed sockets' files alone. Also: a
 * second helper refuses to start while one is listening, and a detached
 * helper is ready when its command returns. */
#include "testutil.h"

#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

static const char *helper_binary(void)
{
	const char *h = getenv("UPSWAP_HELPER");
	return h && *h ? h : "build/upswap-helper";
}

static int bind_unix(const char *path, int type)
{
	int fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
	assert_true(fd >= 0);
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	strncpy(sun.sun_path, path, sizeof(sun.sun_path) - 1);
	assert_int_equal(bind(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	if (type == SOCK_STREAM)
		assert_int_equal(listen(fd, 16), 0);
	return fd;
}

/* Receives one notify datagram (NUL-terminated) within timeout_ms. */
static bool recv_notify(int fd, char *buf, size_t size, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	if (poll(&p, 1, timeout_ms) != 1)
		return false;
	ssize_t n = recv(fd, buf, size - 1, 0);
	if (n < 0)
		return false;
	buf[n] = '\0';
	return true;
}

static bool await_notify(int fd, const char *needle, int timeout_ms)
{
	char buf[512];
	while (recv_notify(fd, buf, sizeof(buf), timeout_ms))
		if (strstr(buf, needle))
			return true;
	return false;
}

static char *request(const char *sock_path, const char *lines)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	strncpy(sun.sun_path, sock_path, sizeof(sun.sun_path) - 1);
	assert_int_equal(connect(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	assert_int_equal(write(fd, lines, strlen(lines)), (ssize_t)strlen(lines));
	shutdown(fd, SHUT_WR);
	char *buf = calloc(1, 65536);
	size_t n = 0;
	ssize_t r;
	while ((r = read(fd, buf + n, 65535 - n)) > 0)
		n += (size_t)r;
	close(fd);
	return buf;
}

static void socket_activation_and_notify(void **state)
{
	(void)state;
	char *root = tu_mkdtemp();
	chmod(root, 0755);
	char *stream = tu_path(root, "activated.sock");
	char *dgram = tu_path(root, "activated-poke.sock");
	char *notify = tu_path(root, "notify.sock");
	int s = bind_unix(stream, SOCK_STREAM);
	int d = bind_unix(dgram, SOCK_DGRAM);
	int n = bind_unix(notify, SOCK_DGRAM);

	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* The passed sockets are fds 3 and 4, as systemd would hand them over. */
		int s2 = fcntl(s, F_DUPFD, 10), d2 = fcntl(d, F_DUPFD, 10);
		dup2(s2, 3);
		dup2(d2, 4);
		char pidbuf[32];
		snprintf(pidbuf, sizeof(pidbuf), "%d", (int)getpid());
		setenv("LISTEN_PID", pidbuf, 1);
		setenv("LISTEN_FDS", "2", 1);
		setenv("NOTIFY_SOCKET", notify, 1);
		execl(helper_binary(), "upswap-helper", "--root", root, "--foreground", "--log-level", "warning",
		      (char *)NULL);
		_exit(127);
	}
	close(s);
	close(d);
	assert_true(await_notify(n, "READY=1", 10000));

	char *reply = request(stream, "{\"id\":1,\"kind\":\"hello\",\"protocol\":1}\n{\"id\":2,\"kind\":\"status\"}\n");
	assert_non_null(strstr(reply, "\"id\":1,\"kind\":\"reply\""));
	assert_non_null(strstr(reply, "\"id\":2,\"kind\":\"reply\""));
	free(reply);
	/* It did not bind its own socket under ROOT/run/upswap. */
	char *own = tu_path(root, "run/upswap/helper.sock");
	assert_int_not_equal(access(own, F_OK), 0);

	/* A poke through the passed datagram socket is counted. */
	int p = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	strncpy(sun.sun_path, dgram, sizeof(sun.sun_path) - 1);
	assert_int_equal(sendto(p, "!", 1, 0, (struct sockaddr *)&sun, sizeof(sun)), 1);
	close(p);
	bool counted = false;
	for (int i = 0; i < 100 && !counted; i++) {
		reply = request(stream, "{\"id\":1,\"kind\":\"hello\",\"protocol\":1}\n{\"id\":2,\"kind\":\"status\"}\n");
		counted = strstr(reply, "\"pokes\":1") != NULL;
		free(reply);
		if (!counted)
			usleep(20000);
	}
	assert_true(counted);

	kill(pid, SIGTERM);
	assert_true(await_notify(n, "STOPPING=1", 10000));
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	/* Sockets it was given belong to its manager: not unlinked. */
	assert_int_equal(access(stream, F_OK), 0);
	assert_int_equal(access(dgram, F_OK), 0);

	close(n);
	tu_rmtree(root);
	free(root);
	free(stream);
	free(dgram);
	free(notify);
	free(own);
}

static void second_helper_refuses_to_start(void **state)
{
	(void)state;
	char *root = tu_mkdtemp();
	chmod(root, 0755);
	pid_t first = fork();
	if (first == 0) {
		execl(helper_binary(), "upswap-helper", "--root", root, "--foreground", "--log-level", "err", (char *)NULL);
		_exit(127);
	}
	char *sock = tu_path(root, "run/upswap/helper.sock");
	for (int i = 0; i < 500 && access(sock, F_OK) != 0; i++)
		usleep(10000);
	assert_int_equal(access(sock, F_OK), 0);

	pid_t second = fork();
	if (second == 0) {
		execl(helper_binary(), "upswap-helper", "--root", root, "--foreground", "--log-level", "err", (char *)NULL);
		_exit(127);
	}
	int status;
	assert_int_equal(waitpid(second, &status, 0), second);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 1);
	/* ...and the first one still serves. */
	char *reply = request(sock, "{\"id\":1,\"kind\":\"hello\",\"protocol\":1}\n");
	assert_non_null(strstr(reply, "\"kind\":\"reply\""));
	free(reply);
	kill(first, SIGTERM);
	assert_int_equal(waitpid(first, &status, 0), first);
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_not_equal(access(sock, F_OK), 0); /* its own socket is cleaned up */
	tu_rmtree(root);
	free(root);
	free(sock);
}

/* Without --foreground the helper detaches, and the command returns only
 * once the sockets answer: "upswap-helper && upswap status" is safe. */
static void detached_helper_is_ready_when_the_command_returns(void **state)
{
	(void)state;
	char *root = tu_mkdtemp();
	chmod(root, 0755);
	pid_t starter = fork();
	if (starter == 0) {
		execl(helper_binary(), "upswap-helper", "--root", root, (char *)NULL);
		_exit(127);
	}
	int status;
	assert_int_equal(waitpid(starter, &status, 0), starter);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);

	char *sock = tu_path(root, "run/upswap/helper.sock");
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	strncpy(sun.sun_path, sock, sizeof(sun.sun_path) - 1);
	assert_int_equal(connect(fd, (struct sockaddr *)&sun, sizeof(sun)), 0); /* no waiting needed */
	struct ucred cred;
	socklen_t len = sizeof(cred);
	assert_int_equal(getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len), 0);
	close(fd);
	assert_int_not_equal(cred.pid, starter); /* the daemon is the detached child */

	assert_int_equal(kill(cred.pid, SIGTERM), 0);
	for (int i = 0; i < 500 && kill(cred.pid, 0) == 0; i++)
		usleep(10000);
	assert_int_not_equal(kill(cred.pid, 0), 0);
	assert_int_not_equal(access(sock, F_OK), 0);
	tu_rmtree(root);
	free(root);
	free(sock);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(socket_activation_and_notify),
		cmocka_unit_test(second_helper_refuses_to_start),
		cmocka_unit_test(detached_helper_is_ready_when_the_command_returns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
