/* peer.h — who is on the other end of a connection, from the kernel
 * (SO_PEERCRED) and /proc, never from what the client says. The process start
 * time pins the pid: a later check of the same pid that finds a different
 * start time is a different process (pid reuse). */
#ifndef UPSWAP_PEER_H
#define UPSWAP_PEER_H

#include <stdint.h>
#include <sys/types.h>

struct peer {
	pid_t pid;
	uid_t uid;
	gid_t gid;
	uint64_t start_time; /* clock ticks since boot, /proc/PID/stat field 22; 0 if unknown */
};

/* Fills *p from a connected AF_UNIX socket. 0 or -errno. */
int peer_from_socket(int fd, struct peer *p);

/* Start time of pid from /proc. 0 if the process is gone or the file is
 * unreadable. */
uint64_t proc_start_time(pid_t pid);

/* Field 22 (start time) of the text of a /proc/PID/stat file; 0 if
 * malformed. The command name (field 2) may hold spaces and ')'. */
uint64_t proc_stat_start_time(const char *stat_text);

#endif
