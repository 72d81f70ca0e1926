/* upswap-reexec.c — see upswap-reexec.h. Kept free of the helper's code so
 * programs can copy or link just this file. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* dup3, pipe2 */
#endif
#include "upswap-reexec.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

static char **saved_argv;
static char install_path[PATH_MAX];
static dev_t running_dev;
static ino_t running_ino;
static const volatile sig_atomic_t *stop_flag;

void upswap_reexec_stop_flag(const volatile sig_atomic_t *flag)
{
	stop_flag = flag;
}

/* The installed file a re-exec last failed on: not worth retrying at every
 * safe point; the next swap brings a new inode. */
static dev_t failed_dev;
static ino_t failed_ino;

/* Signals are blocked across the exec (see upswap_reexec): between execve()
 * and the new image's sigaction() every handler is back to its default, and
 * a SIGHUP or SIGTERM sent then (the helper's restart policy, a service
 * manager) would kill the process. Blocked, they stay pending and reach the
 * new image's handlers once it unblocks them here. The mask the program had
 * travels in UPSWAP_REEXEC_SIGMASK. */
#define SIGMASK_VAR "UPSWAP_REEXEC_SIGMASK"

static void restore_signal_mask(void)
{
	const char *saved = getenv(SIGMASK_VAR);
	if (!saved)
		return;
	sigset_t set;
	sigemptyset(&set);
	for (int sig = 1; sig < NSIG && saved[sig - 1]; sig++)
		if (saved[sig - 1] == '1')
			sigaddset(&set, sig);
	sigprocmask(SIG_SETMASK, &set, NULL);
	unsetenv(SIGMASK_VAR);
}

static void save_signal_mask(const sigset_t *set)
{
	char buf[NSIG];
	for (int sig = 1; sig < NSIG; sig++)
		buf[sig - 1] = sigismember(set, sig) == 1 ? '1' : '0';
	buf[NSIG - 1] = '\0';
	setenv(SIGMASK_VAR, buf, 1);
}

int upswap_reexec_init(int argc, char **argv, const char *path)
{
	(void)argc;
	saved_argv = argv;
	if (path) {
		if (strlen(path) >= sizeof(install_path))
			return -ENAMETOOLONG;
		strcpy(install_path, path);
	} else {
		/* Not argv[0]: that may be relative or found through PATH. */
		ssize_t n = readlink("/proc/self/exe", install_path, sizeof(install_path) - 1);
		if (n < 0)
			return -errno;
		install_path[n] = '\0';
		/* Replaced before we got here: the path is still the one to run. */
		static const char deleted[] = " (deleted)";
		size_t len = (size_t)n, dl = sizeof(deleted) - 1;
		if (len > dl && strcmp(install_path + len - dl, deleted) == 0)
			install_path[len - dl] = '\0';
	}
	struct stat st;
	if (stat("/proc/self/exe", &st) < 0)
		return -errno;
	running_dev = st.st_dev;
	running_ino = st.st_ino;
	restore_signal_mask();
	return 0;
}

bool upswap_binary_changed(void)
{
	struct stat st;
	/* A missing file (mid-install elsewhere) is not a reason to move. */
	if (!install_path[0] || stat(install_path, &st) < 0)
		return false;
	if (st.st_dev == failed_dev && st.st_ino == failed_ino)
		return false;
	return st.st_dev != running_dev || st.st_ino != running_ino;
}

/* The fds >= first that would survive an exec, so they can be made
 * close-on-exec for it and restored if it fails. */
static int inheritable_fds(int first, int **out, size_t *count)
{
	*out = NULL;
	*count = 0;
	DIR *d = opendir("/proc/self/fd");
	if (!d)
		return -errno;
	int self = dirfd(d);
	size_t cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		int fd = atoi(de->d_name);
		if (fd < first || fd == self)
			continue;
		int fl = fcntl(fd, F_GETFD);
		if (fl < 0 || (fl & FD_CLOEXEC))
			continue;
		if (*count == cap) {
			cap = cap ? cap * 2 : 16;
			int *grown = realloc(*out, cap * sizeof(int));
			if (!grown) {
				closedir(d);
				free(*out);
				*out = NULL;
				return -ENOMEM;
			}
			*out = grown;
		}
		(*out)[(*count)++] = fd;
	}
	closedir(d);
	return 0;
}

int upswap_reexec(const int *fds, size_t n)
{
	if (!saved_argv || !install_path[0])
		return -EINVAL;
	if (n > UPSWAP_REEXEC_MAX_FDS)
		return -E2BIG;
	/* Everything done below is undone if execve() fails, so the old image
	 * goes on exactly as before: the fds sitting in the slots 3.. are
	 * saved, and fds made close-on-exec get their flag back. */
	int high = UPSWAP_LISTEN_FDS_START + (int)n;
	int moved[UPSWAP_REEXEC_MAX_FDS], saved[UPSWAP_REEXEC_MAX_FDS];
	int saved_flags[UPSWAP_REEXEC_MAX_FDS];
	size_t n_moved = 0, n_saved = 0;
	int *cloexeced = NULL;
	size_t n_cloexeced = 0;
	int err = 0;

	/* Copies of the kept fds above every target slot first: a kept fd may
	 * already sit where another must go. */
	for (; n_moved < n; n_moved++) {
		moved[n_moved] = fcntl(fds[n_moved], F_DUPFD_CLOEXEC, high);
		if (moved[n_moved] < 0) {
			err = -errno;
			goto undo;
		}
	}
	for (; n_saved < n; n_saved++) {
		int slot = UPSWAP_LISTEN_FDS_START + (int)n_saved;
		saved_flags[n_saved] = fcntl(slot, F_GETFD);
		saved[n_saved] = saved_flags[n_saved] < 0 ? -1 : fcntl(slot, F_DUPFD_CLOEXEC, high);
		if (saved_flags[n_saved] >= 0 && saved[n_saved] < 0) {
			err = -errno;
			goto undo;
		}
	}
	err = inheritable_fds(high, &cloexeced, &n_cloexeced);
	if (err < 0)
		goto undo;
	for (size_t i = 0; i < n_cloexeced; i++)
		fcntl(cloexeced[i], F_SETFD, FD_CLOEXEC);
	/* dup2 gives the new fd without CLOEXEC: exactly these survive. */
	for (size_t i = 0; i < n; i++) {
		if (dup2(moved[i], UPSWAP_LISTEN_FDS_START + (int)i) < 0) {
			err = -errno;
			goto undo;
		}
	}
	char count[16], pid[16];
	snprintf(count, sizeof(count), "%zu", n);
	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	if (n) {
		setenv("UPSWAP_LISTEN_FDS", count, 1);
		setenv("UPSWAP_LISTEN_PID", pid, 1);
	} else {
		unsetenv("UPSWAP_LISTEN_FDS");
		unsetenv("UPSWAP_LISTEN_PID");
	}
	struct stat st;
	bool known = stat(install_path, &st) == 0;
	sigset_t all, before;
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &before);
	/* From here no handler runs: a stop requested up to now is seen, one
	 * requested later stays pending for the new image. */
	if (stop_flag && *stop_flag) {
		err = -ECANCELED;
	} else {
		save_signal_mask(&before);
		execve(install_path, saved_argv, environ);
		err = -errno;
		unsetenv(SIGMASK_VAR);
	}
	sigprocmask(SIG_SETMASK, &before, NULL);
	if (known && err != -ECANCELED) {
		failed_dev = st.st_dev;
		failed_ino = st.st_ino;
	}
	unsetenv("UPSWAP_LISTEN_FDS");
	unsetenv("UPSWAP_LISTEN_PID");

undo:
	for (size_t i = 0; i < n_cloexeced; i++)
		fcntl(cloexeced[i], F_SETFD, 0);
	free(cloexeced);
	for (size_t i = 0; i < n_saved; i++) {
		int slot = UPSWAP_LISTEN_FDS_START + (int)i;
		if (saved[i] < 0) {
			close(slot);
			continue;
		}
		dup3(saved[i], slot, (saved_flags[i] & FD_CLOEXEC) ? O_CLOEXEC : 0);
		close(saved[i]);
	}
	for (size_t i = 0; i < n_moved; i++)
		close(moved[i]);
	return err;
}

int upswap_listen_fds(int *fds, size_t max)
{
	const char *count = getenv("UPSWAP_LISTEN_FDS");
	const char *pid = getenv("UPSWAP_LISTEN_PID");
	int n = 0;
	if (count && pid && atoi(pid) == (int)getpid())
		n = atoi(count);
	unsetenv("UPSWAP_LISTEN_FDS");
	unsetenv("UPSWAP_LISTEN_PID");
	if (n <= 0)
		return 0;
	if ((size_t)n > max)
		n = (int)max;
	for (int i = 0; i < n; i++) {
		fds[i] = UPSWAP_LISTEN_FDS_START + i;
		fcntl(fds[i], F_SETFD, FD_CLOEXEC);
	}
	return n;
}
