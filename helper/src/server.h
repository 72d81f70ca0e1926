/* server.h — the helper's sockets and its connected clients: the stream
 * socket (requests, replies, events) and the datagram poke socket. It frames
 * lines, enforces the size caps and per-client/per-uid limits, and keeps a
 * bounded output queue per client so that a client that stops reading is
 * dropped instead of slowing anyone down. It knows nothing of what the lines
 * mean: complete lines are handed to a callback. */
#ifndef UPSWAP_SERVER_H
#define UPSWAP_SERVER_H

#include <json-c/json.h>
#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "peer.h"

#define MAX_CLIENTS          256
#define MAX_CLIENTS_PER_UID  32
#define MAX_CLIENT_OUTPUT    (1024 * 1024)
#define MAX_TOTAL_OUTPUT     (16 * 1024 * 1024)

struct client {
	int fd;
	uint64_t serial;      /* for log lines */
	struct peer peer;
	char *in;
	size_t in_len, in_cap;
	char *out;
	size_t out_len, out_off, out_cap;
	bool hello_done;
	bool subscribed;
	bool dead;            /* close at the end of this loop iteration */
	bool close_when_flushed;
};

struct server;
/* Called for each complete line (without '\n'); may queue replies. */
typedef void (*line_handler)(void *ctx, struct client *c, const char *line, size_t len);

struct server {
	int listen_fd;
	int poke_fd;
	bool own_socket_files;  /* created by us (not socket-activated): unlink on exit */
	char *stream_path;
	char *poke_path;
	struct client **clients;
	size_t n_clients;
	uint64_t next_serial;
	size_t total_output;
	line_handler on_line;
	void *ctx;
	uint64_t refused_connections;
};

/* Uses activated fds if given (>= 0), otherwise creates, binds and listens
 * on the paths (mode 0666). Refuses to start if another helper answers on
 * the stream path. 0 or -errno (with a logged reason). */
int server_open(struct server *s, const char *stream_path, const char *poke_path, int activated_stream,
		int activated_poke, line_handler on_line, void *ctx);
void server_close(struct server *s);

/* Number of pollfd entries server_fill_poll writes (2 + clients). */
size_t server_poll_count(const struct server *s);
void server_fill_poll(const struct server *s, struct pollfd *fds);
/* Handles readiness. Returns the number of poke datagrams drained. */
uint64_t server_dispatch(struct server *s, const struct pollfd *fds, size_t n);

/* Queues a message (serialized and '\n'-terminated) for one client and
 * consumes the reference. A client whose queue overflows is dropped.
 * False if the message itself was over MAX_HELPER_LINE (nothing sent). */
bool client_send(struct server *s, struct client *c, struct json_object *msg);
/* Queues a message for every subscribed client; consumes the reference. */
void server_broadcast(struct server *s, struct json_object *msg);
/* Sends what is queued, then closes (after a protocol error). */
void client_close_after_flush(struct client *c);

/* The connected client with this serial, or NULL if it has gone (replies
 * that wait for something, e.g. polkit, look their client up this way). */
struct client *server_find_client(struct server *s, uint64_t serial);

/* Drops clients marked dead; call once per loop iteration. */
void server_reap(struct server *s);

#endif
