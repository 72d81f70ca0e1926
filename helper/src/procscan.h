/* procscan.h — which processes still run a binary that upswap replaced.
 * After a rename() over a running program, the process keeps the old inode
 * and the kernel shows its /proc/PID/exe as "PATH (deleted)". That, not a
 * pid list anybody hands in, is how the helper finds them; for a shared
 * library target the same mark appears in /proc/PID/maps, and for a Java
 * archive (a JVM keeps its jars open) in the links of /proc/PID/fd. */
#ifndef UPSWAP_PROCSCAN_H
#define UPSWAP_PROCSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define MAX_STALE_PROCESSES 64
#define MAX_COMMAND_SHOWN   256

struct stale_process {
	pid_t pid;
	uid_t uid;
	uint64_t start_time;          /* /proc/PID/stat field 22: pins the pid */
	char command[MAX_COMMAND_SHOWN + 1];
};

/* Whether a target file is a shared library (mapped, not executed). */
bool procscan_is_library(const char *path);

/* Whether a target file is a Java archive (held open by a JVM, not executed). */
bool procscan_is_archive(const char *path);

/* Fills out with up to max processes running (or mapping) a replaced copy of
 * path. proc is "/proc" (tests may pass another root). Returns the count. */
size_t procscan_stale(const char *proc, const char *path, struct stale_process *out, size_t max);

/* Opens a pidfd for p and checks it is still the same process (start time)
 * still running the replaced path: then signals sent through the pidfd
 * cannot hit a recycled pid. Returns the pidfd, or -ESRCH (gone or reused). */
int procscan_pin(const char *proc, const struct stale_process *p, const char *path);

#endif
