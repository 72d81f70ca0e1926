/* sdnotify.h — the two bits of systemd integration the helper uses, spoken
 * directly (the protocols are stable and tiny, so no libsystemd): readiness
 * and status via $NOTIFY_SOCKET, and sockets passed by socket activation
 * ($LISTEN_PID/$LISTEN_FDS). Both are no-ops outside systemd. */
#ifndef UPSWAP_SDNOTIFY_H
#define UPSWAP_SDNOTIFY_H

/* Sends e.g. "READY=1\nSTATUS=idle". Silently does nothing without systemd. */
void sd_notify_send(const char *state);

/* Finds activated sockets: the first SOCK_STREAM and SOCK_DGRAM unix
 * sockets among the passed fds (-1 when not passed). Unsets the variables. */
void sd_listen_fds_take(int *stream_fd, int *dgram_fd);

#endif
