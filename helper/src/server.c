/* server.c — see server.h. */
#include "server.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include "log.h"
#include "protocol.h"
#include "util.h"

#define MAX_ACCEPT_PER_WAKE 64
#define MAX_POKES_PER_WAKE  4096
#define READ_CHUNK          16384

static int make_addr(const char *path, struct sockaddr_un *sun, socklen_t *len)
{
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	if (!strlcpy_ok(sun->sun_path, path, sizeof(sun->sun_path)))
		return -ENAMETOOLONG;
	*len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1);
	return 0;
}

/* A socket file left by a helper that died is removed; a live one stops us. */
static int clear_stale_socket(const char *path, int type)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -errno;
	if (!S_ISSOCK(st.st_mode)) {
		log_error("%s exists and is not a socket; not touching it", path);
		return -EEXIST;
	}
	struct sockaddr_un sun;
	socklen_t len;
	int r = make_addr(path, &sun, &len);
	if (r < 0)
		return r;
	_cleanup_close_ int fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&sun, len) == 0) {
		log_error("another upswap-helper is already listening on %s", path);
		return -EADDRINUSE;
	}
	if (unlink(path) < 0 && errno != ENOENT)
		return -errno;
	return 0;
}

static int bind_socket(const char *path, int type)
{
	int r = clear_stale_socket(path, type);
	if (r < 0)
		return r;
	struct sockaddr_un sun;
	socklen_t len;
	if ((r = make_addr(path, &sun, &len)) < 0)
		return r;
	_cleanup_close_ int fd = socket(AF_UNIX, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	/* Any local user may connect or poke: authorization is per request. */
	mode_t old = umask(0111);
	r = bind(fd, (struct sockaddr *)&sun, len);
	umask(old);
	if (r < 0) {
		r = -errno;
		log_error("cannot bind %s: %s", path, strerror(errno));
		return r;
	}
	if (chmod(path, 0666) < 0)
		return -errno;
	if (type == SOCK_STREAM && listen(fd, 128) < 0)
		return -errno;
	return steal_fd(&fd);
}

static int set_nonblock_cloexec(int fd)
{
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0 || fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
		return -errno;
	return 0;
}

int server_open(struct server *s, const char *stream_path, const char *poke_path, int activated_stream,
		int activated_poke, line_handler on_line, void *ctx)
{
	memset(s, 0, sizeof(*s));
	s->listen_fd = s->poke_fd = -1;
	s->on_line = on_line;
	s->ctx = ctx;
	s->stream_path = xstrdup(stream_path);
	s->poke_path = xstrdup(poke_path);
	int r;
	if (activated_stream >= 0) {
		if ((r = set_nonblock_cloexec(activated_stream)) < 0)
			return r;
		s->listen_fd = activated_stream;
	} else {
		if ((r = bind_socket(stream_path, SOCK_STREAM)) < 0)
			return r;
		s->listen_fd = r;
		s->own_socket_files = true;
	}
	if (activated_poke >= 0) {
		if ((r = set_nonblock_cloexec(activated_poke)) < 0)
			return r;
		s->poke_fd = activated_poke;
	} else {
		if ((r = bind_socket(poke_path, SOCK_DGRAM)) < 0)
			return r;
		s->poke_fd = r;
	}
	return 0;
}

static void client_free(struct server *s, struct client *c)
{
	s->total_output -= c->out_len - c->out_off;
	if (c->fd >= 0)
		close(c->fd);
	free(c->in);
	free(c->out);
	free(c);
}

void server_close(struct server *s)
{
	for (size_t i = 0; i < s->n_clients; i++)
		client_free(s, s->clients[i]);
	free(s->clients);
	if (s->listen_fd >= 0)
		close(s->listen_fd);
	if (s->poke_fd >= 0)
		close(s->poke_fd);
	if (s->own_socket_files) {
		unlink(s->stream_path);
		unlink(s->poke_path);
	}
	free(s->stream_path);
	free(s->poke_path);
	memset(s, 0, sizeof(*s));
	s->listen_fd = s->poke_fd = -1;
}

size_t server_poll_count(const struct server *s)
{
	return 2 + s->n_clients;
}

void server_fill_poll(const struct server *s, struct pollfd *fds)
{
	fds[0] = (struct pollfd){ .fd = s->listen_fd, .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = s->poke_fd, .events = POLLIN };
	for (size_t i = 0; i < s->n_clients; i++) {
		const struct client *c = s->clients[i];
		short ev = 0;
		if (!c->close_when_flushed)
			ev |= POLLIN;
		if (c->out_len > c->out_off)
			ev |= POLLOUT;
		fds[2 + i] = (struct pollfd){ .fd = c->dead ? -1 : c->fd, .events = ev };
	}
}

static void flush_client(struct server *s, struct client *c)
{
	while (c->out_off < c->out_len) {
		ssize_t n = send(c->fd, c->out + c->out_off, c->out_len - c->out_off, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				c->dead = true;
			break;
		}
		c->out_off += (size_t)n;
		s->total_output -= (size_t)n;
	}
	if (c->out_off == c->out_len) {
		/* Idle clients hold no buffers. */
		free(c->out);
		c->out = NULL;
		c->out_len = c->out_off = c->out_cap = 0;
		if (c->close_when_flushed)
			c->dead = true;
	}
}

static void queue_bytes(struct server *s, struct client *c, const char *data, size_t n)
{
	if (c->dead)
		return;
	size_t pending = c->out_len - c->out_off;
	if (pending + n > MAX_CLIENT_OUTPUT || s->total_output + n > MAX_TOTAL_OUTPUT) {
		log_warning("client #%llu (pid %d, uid %u) is not reading its messages; disconnecting it",
			    (unsigned long long)c->serial, (int)c->peer.pid, (unsigned)c->peer.uid);
		c->dead = true;
		return;
	}
	if (c->out_off > 0 && c->out_off == c->out_len)
		c->out_off = c->out_len = 0;
	if (c->out_off > 0 && c->out_len + n > c->out_cap) {
		memmove(c->out, c->out + c->out_off, pending);
		c->out_off = 0;
		c->out_len = pending;
	}
	if (c->out_len + n > c->out_cap) {
		size_t cap = c->out_cap ? c->out_cap : 4096;
		while (cap < c->out_len + n)
			cap *= 2;
		c->out = xrealloc(c->out, cap);
		c->out_cap = cap;
	}
	memcpy(c->out + c->out_len, data, n);
	c->out_len += n;
	s->total_output += n;
	if (pending == 0)
		flush_client(s, c); /* usually goes out at once, no queue kept */
}

static char *serialize(struct json_object *msg, size_t *len)
{
	char *line = protocol_serialize(msg, MAX_HELPER_LINE, len);
	if (!line)
		log_error("internal: a message to a client exceeded %d bytes and was dropped", MAX_HELPER_LINE);
	return line;
}

bool client_send(struct server *s, struct client *c, struct json_object *msg)
{
	size_t len;
	_cleanup_free_ char *line = serialize(msg, &len);
	json_object_put(msg);
	if (line)
		queue_bytes(s, c, line, len);
	return line != NULL;
}

void server_broadcast(struct server *s, struct json_object *msg)
{
	size_t len;
	_cleanup_free_ char *line = serialize(msg, &len);
	json_object_put(msg);
	if (!line)
		return;
	for (size_t i = 0; i < s->n_clients; i++)
		if (s->clients[i]->subscribed)
			queue_bytes(s, s->clients[i], line, len);
}

void client_close_after_flush(struct client *c)
{
	c->close_when_flushed = true;
	shutdown(c->fd, SHUT_RD);
	if (c->out_len == c->out_off)
		c->dead = true;
}

static void too_long(struct server *s, struct client *c)
{
	client_send(s, c, protocol_error(false, 0, E_PARSE_ERROR, "request is longer than %d bytes",
					 MAX_REQUEST_LINE - 1));
	client_close_after_flush(c);
	c->in_len = 0;
}

static void read_client(struct server *s, struct client *c)
{
	for (int round = 0; round < 8 && !c->dead && !c->close_when_flushed; round++) {
		if (c->in_cap - c->in_len < READ_CHUNK && c->in_cap < MAX_REQUEST_LINE) {
			size_t cap = c->in_cap ? c->in_cap * 2 : READ_CHUNK;
			if (cap > MAX_REQUEST_LINE)
				cap = MAX_REQUEST_LINE;
			c->in = xrealloc(c->in, cap);
			c->in_cap = cap;
		}
		ssize_t n = read(c->fd, c->in + c->in_len, c->in_cap - c->in_len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				c->dead = true;
			break;
		}
		if (n == 0) {
			c->dead = true;
			break;
		}
		size_t scan_from = c->in_len;
		c->in_len += (size_t)n;
		size_t start = 0;
		for (size_t i = scan_from; i < c->in_len; i++) {
			if (c->in[i] != '\n')
				continue;
			s->on_line(s->ctx, c, c->in + start, i - start);
			start = i + 1;
			if (c->dead || c->close_when_flushed) {
				c->in_len = 0;
				return;
			}
		}
		if (start > 0) {
			memmove(c->in, c->in + start, c->in_len - start);
			c->in_len -= start;
		}
		if (c->in_len >= MAX_REQUEST_LINE) {
			too_long(s, c);
			return;
		}
	}
	if (c->in_len == 0 && c->in) {
		free(c->in);
		c->in = NULL;
		c->in_cap = 0;
	}
}

static size_t count_uid(const struct server *s, uid_t uid)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n_clients; i++)
		if (s->clients[i]->peer.uid == uid && !s->clients[i]->dead)
			n++;
	return n;
}

static void accept_clients(struct server *s)
{
	for (int i = 0; i < MAX_ACCEPT_PER_WAKE; i++) {
		int fd = accept4(s->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				log_warning("accept failed: %s", strerror(errno));
			return;
		}
		struct peer peer;
		if (peer_from_socket(fd, &peer) < 0) {
			close(fd);
			continue;
		}
		if (s->n_clients >= MAX_CLIENTS || count_uid(s, peer.uid) >= MAX_CLIENTS_PER_UID) {
			/* Log the first refusals only: a flood must not flood the journal. */
			if (s->refused_connections++ < 10)
				log_warning("refusing a connection from pid %d uid %u: too many connections",
					    (int)peer.pid, (unsigned)peer.uid);
			close(fd);
			continue;
		}
		struct client *c = xcalloc(1, sizeof(*c));
		c->fd = fd;
		c->peer = peer;
		c->serial = ++s->next_serial;
		s->clients = xrealloc(s->clients, (s->n_clients + 1) * sizeof(*s->clients));
		s->clients[s->n_clients++] = c;
		log_debug("client #%llu connected: pid %d uid %u", (unsigned long long)c->serial, (int)peer.pid,
			  (unsigned)peer.uid);
	}
}

static uint64_t drain_pokes(struct server *s)
{
	uint64_t n = 0;
	char byte[16];
	for (int i = 0; i < MAX_POKES_PER_WAKE; i++) {
		ssize_t r = recv(s->poke_fd, byte, sizeof(byte), MSG_DONTWAIT);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		n++;
	}
	return n;
}

uint64_t server_dispatch(struct server *s, const struct pollfd *fds, size_t n)
{
	/* Clients first: accepting appends to the array the pollfds map onto. */
	for (size_t i = 2; i < n && i - 2 < s->n_clients; i++) {
		struct client *c = s->clients[i - 2];
		short re = fds[i].revents;
		if (!re || c->dead)
			continue;
		if (re & POLLIN)
			read_client(s, c);
		else if (re & (POLLHUP | POLLERR | POLLNVAL))
			c->dead = true;
		if ((re & POLLOUT) && !c->dead)
			flush_client(s, c);
	}
	uint64_t pokes = 0;
	if (fds[1].revents & POLLIN)
		pokes = drain_pokes(s);
	if (fds[0].revents & POLLIN)
		accept_clients(s);
	return pokes;
}

struct client *server_find_client(struct server *s, uint64_t serial)
{
	for (size_t i = 0; i < s->n_clients; i++)
		if (s->clients[i]->serial == serial && !s->clients[i]->dead)
			return s->clients[i];
	return NULL;
}

void server_reap(struct server *s)
{
	size_t j = 0;
	for (size_t i = 0; i < s->n_clients; i++) {
		struct client *c = s->clients[i];
		if (c->dead) {
			log_debug("client #%llu disconnected", (unsigned long long)c->serial);
			client_free(s, c);
		} else {
			s->clients[j++] = c;
		}
	}
	s->n_clients = j;
}
