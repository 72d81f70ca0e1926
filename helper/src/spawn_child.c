/* spawn_child.c — see spawn_child.h. */
#include "spawn_child.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

extern char **environ;

pid_t spawn_child(const char *path, char *const argv[], const struct spawn_fds *fds)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	if (fds->out >= 0)
		posix_spawn_file_actions_adddup2(&fa, fds->out, STDOUT_FILENO);
	else
		posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	if (fds->err >= 0)
		posix_spawn_file_actions_adddup2(&fa, fds->err, STDERR_FILENO);
	if (fds->fd3 >= 0)
		posix_spawn_file_actions_adddup2(&fa, fds->fd3, 3);
	posix_spawnattr_t attr;
	posix_spawnattr_init(&attr);
	sigset_t none;
	sigemptyset(&none);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
	pid_t pid;
	int r = posix_spawn(&pid, path, &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	return r == 0 ? pid : -r;
}
