/* sdnotify.c — see sdnotify.h. */
#include "sdnotify.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "log.h"
#include "util.h"

#define SD_LISTEN_FDS_START 3

void sd_notify_send(const char *state)
{
	const char *path = getenv("NOTIFY_SOCKET");
	if (!path || !*path)
		return;
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	size_t n = strlen(path);
	if (n >= sizeof(sun.sun_path) || (path[0] != '/' && path[0] != '@'))
		return;
	memcpy(sun.sun_path, path, n);
	if (path[0] == '@')
		sun.sun_path[0] = '\0'; /* abstract namespace */
	_cleanup_close_ int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return;
	socklen_t len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
	if (sendto(fd, state, strlen(state), MSG_NOSIGNAL, (struct sockaddr *)&sun, len) < 0)
		log_debug("sd_notify failed: %s", strerror(errno));
}

void sd_listen_fds_take(int *stream_fd, int *dgram_fd)
{
	*stream_fd = *dgram_fd = -1;
	const char *pid = getenv("LISTEN_PID"), *fds = getenv("LISTEN_FDS");
	if (!pid || !fds || strtol(pid, NULL, 10) != (long)getpid())
		return;
	long n = strtol(fds, NULL, 10);
	for (long i = 0; i < n && i < 16; i++) {
		int fd = SD_LISTEN_FDS_START + (int)i;
		int type;
		socklen_t len = sizeof(type);
		struct sockaddr_un sun;
		socklen_t alen = sizeof(sun);
		if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) < 0 ||
		    getsockname(fd, (struct sockaddr *)&sun, &alen) < 0 || sun.sun_family != AF_UNIX)
			continue;
		if (type == SOCK_STREAM && *stream_fd < 0)
			*stream_fd = fd;
		else if (type == SOCK_DGRAM && *dgram_fd < 0)
			*dgram_fd = fd;
	}
	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	unsetenv("LISTEN_FDNAMES");
}
