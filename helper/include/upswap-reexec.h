/* upswap-reexec.h — let a long-running C program move onto its updated
 * binary by itself, at a moment of its choosing, without dropping work.
 *
 * upswap replaces a program's file with rename(): the running process keeps
 * the old inode. At a safe point (between requests, at the top of its main
 * loop) the program asks upswap_binary_changed(); if yes, it calls
 * upswap_reexec() keeping the fds it wants to hand over (listening sockets),
 * which execs the installed path with the same argv and environment — same
 * pid, so supervisors and pid files stay right. The new image gets the kept
 * fds back with upswap_listen_fds(), the way systemd passes sockets: as fds
 * 3, 4, … with UPSWAP_LISTEN_FDS/UPSWAP_LISTEN_PID in the environment.
 * Every other fd >= 3 is closed across the exec, CLOEXEC or not; if the
 * exec fails, everything is put back and the old image just goes on.
 *
 *   int main(int argc, char **argv) {
 *       install_signal_handlers();                   // they set `stop`
 *       upswap_reexec_init(argc, argv, "/opt/demo/bin/demo");
 *       upswap_reexec_stop_flag(&stop);
 *       int fds[1];
 *       int listener = upswap_listen_fds(fds, 1) == 1 ? fds[0] : open_listener();
 *       while (!stop) {
 *           serve_one(listener);                     // the safe point follows
 *           if (upswap_binary_changed())
 *               upswap_reexec(&listener, 1);         // returns only on failure
 *       }
 *   }
 *
 * Not thread-safe: call it from the thread that owns the main loop, with no
 * other threads running or with their work done (exec ends them all). */
#ifndef UPSWAP_REEXEC_H
#define UPSWAP_REEXEC_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define UPSWAP_LISTEN_FDS_START 3
#define UPSWAP_REEXEC_MAX_FDS 64

/* Records argv and the path to re-exec (NULL: the path the program was
 * started from, read from /proc/self/exe now) and which file this process
 * runs. 0, or -errno. argv must stay valid.
 *
 * Call it after installing your signal handlers: upswap_reexec() blocks
 * all signals across the exec, so that a SIGHUP or SIGTERM sent meanwhile
 * does not meet default dispositions and kill the process; this call
 * restores the mask the program had, and pending signals then reach the
 * handlers. */
int upswap_reexec_init(int argc, char **argv, const char *install_path);

/* The flag the program's signal handlers set to make it stop (SIGTERM).
 * upswap_reexec() looks at it after blocking all signals, right before the
 * exec, and returns -ECANCELED if it is set: a stop requested while the
 * program is on its way to the new binary is not lost in the exec. */
void upswap_reexec_stop_flag(const volatile sig_atomic_t *flag);

/* Whether the installed file is no longer the one this process runs: one
 * stat() and two comparisons, cheap enough for every loop iteration. */
bool upswap_binary_changed(void);

/* Execs the installed binary with the original argv and environment,
 * keeping fds[0..n-1] (they arrive as 3, 4, … in that order) and closing all
 * other fds >= 3. Returns only on failure: -errno, with the process intact
 * (fds, their flags and the signal mask as before); upswap_binary_changed()
 * then ignores that file until another one is installed, so a broken update
 * is not retried at every safe point. -ECANCELED: the stop flag was set. */
int upswap_reexec(const int *fds, size_t n);

/* In the new image: the fds handed over by the previous one (3, 4, …), at
 * most max of them, made close-on-exec again; the variables are removed.
 * Returns their number, 0 if this process was not re-exec'd. */
int upswap_listen_fds(int *fds, size_t max);

#ifdef __cplusplus
}
#endif

#endif
