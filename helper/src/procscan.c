/* procscan.c — see procscan.h. */
#include "procscan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "peer.h"
#include "util.h"

#define DELETED " (deleted)"

bool procscan_is_library(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	return (n > 3 && strcmp(base + n - 3, ".so") == 0) || strstr(base, ".so.") != NULL;
}

bool procscan_is_archive(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	return n > 4 && strcmp(base + n - 4, ".jar") == 0;
}

/* The target's path with the kernel's mark for an unlinked name. */
static bool names_replaced(const char *link, size_t len, const char *path)
{
	size_t plen = strlen(path);
	return len == plen + sizeof(DELETED) - 1 && memcmp(link, path, plen) == 0 &&
	       memcmp(link + plen, DELETED, sizeof(DELETED) - 1) == 0;
}

static bool exe_is_replaced(int piddir, const char *path)
{
	char link[4200];
	ssize_t n = readlinkat(piddir, "exe", link, sizeof(link) - 1);
	return n > 0 && names_replaced(link, (size_t)n, path);
}

static bool maps_replaced(int piddir, const char *path)
{
	_cleanup_free_ char *maps = NULL;
	size_t len = 0;
	if (read_small_at(piddir, "maps", 4 << 20, &maps, &len) < 0)
		return false;
	_cleanup_free_ char *needle = xasprintf(" %s" DELETED "\n", path);
	return strstr(maps, needle) != NULL;
}

/* A JVM keeps its jars open (it does not map them): the replaced one shows
 * as an fd on "PATH (deleted)". Bounded, for processes with huge fd tables. */
#define MAX_FDS_LOOKED_AT 65536

static bool fds_replaced(int piddir, const char *path)
{
	int fddir = openat(piddir, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fddir < 0)
		return false;
	DIR *d = fdopendir(fddir);
	if (!d) {
		close(fddir);
		return false;
	}
	bool found = false;
	struct dirent *de;
	for (int seen = 0; !found && seen < MAX_FDS_LOOKED_AT && (de = readdir(d)); seen++) {
		if (de->d_name[0] == '.')
			continue;
		char link[4200];
		ssize_t n = readlinkat(dirfd(d), de->d_name, link, sizeof(link) - 1);
		found = n > 0 && names_replaced(link, (size_t)n, path);
	}
	closedir(d);
	return found;
}

/* Whether the process runs, maps (a library) or holds open (a jar) a
 * replaced copy of path. */
static bool still_uses(int piddir, const char *path)
{
	return exe_is_replaced(piddir, path) || (procscan_is_library(path) && maps_replaced(piddir, path)) ||
	       (procscan_is_archive(path) && fds_replaced(piddir, path));
}

static void read_command(int piddir, char *out, size_t size)
{
	out[0] = '\0';
	int fd = openat(piddir, "cmdline", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	ssize_t n = read(fd, out, size - 1);
	close(fd);
	if (n <= 0) {
		out[0] = '\0';
		return;
	}
	/* Arguments are NUL-separated; show them space-separated and printable. */
	for (ssize_t i = 0; i < n; i++)
		if (out[i] == '\0')
			out[i] = ' ';
		else if ((unsigned char)out[i] < 0x20 || (unsigned char)out[i] == 0x7f)
			out[i] = '?';
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

/* Start time (field 22) and uid of a process, from its /proc directory. */
static bool read_identity(int piddir, uint64_t *start, uid_t *uid)
{
	struct stat st;
	if (fstat(piddir, &st) < 0)
		return false;
	*uid = st.st_uid;
	char buf[1024];
	int fd = openat(piddir, "stat", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	*start = proc_stat_start_time(buf);
	return *start != 0;
}

size_t procscan_stale(const char *proc, const char *path, struct stale_process *out, size_t max)
{
	DIR *d = opendir(proc);
	if (!d)
		return 0;
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d)) && n < max) {
		char *end;
		long pid = strtol(de->d_name, &end, 10);
		if (*end || pid <= 0)
			continue;
		int piddir = openat(dirfd(d), de->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (piddir < 0)
			continue;
		if (still_uses(piddir, path)) {
			struct stale_process *p = &out[n];
			p->pid = (pid_t)pid;
			if (read_identity(piddir, &p->start_time, &p->uid)) {
				read_command(piddir, p->command, sizeof(p->command));
				n++;
			}
		}
		close(piddir);
	}
	closedir(d);
	return n;
}

int procscan_pin(const char *proc, const struct stale_process *p, const char *path)
{
	int pidfd = pidfd_open(p->pid, 0);
	if (pidfd < 0)
		return -ESRCH;
	/* With the pidfd held, the pid cannot be recycled under us: check that
	 * it still names the process we found. */
	char dir[64];
	snprintf(dir, sizeof(dir), "%s/%d", proc, (int)p->pid);
	int piddir = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	uint64_t start = 0;
	uid_t uid;
	bool same = piddir >= 0 && read_identity(piddir, &start, &uid) && start == p->start_time &&
		    still_uses(piddir, path);
	if (piddir >= 0)
		close(piddir);
	if (!same) {
		close(pidfd);
		return -ESRCH;
	}
	return pidfd;
}
