/* protocol.h — the wire protocol's closed sets (request kinds, event names,
 * error codes, target states, actions) defined once for the C side, the
 * request parser/validator, and the builders of replies, errors and events.
 * docs/protocol.md describes it; tests/test_protocol.c checks every table
 * here against docs/protocol/examples.json. */
#ifndef UPSWAP_PROTOCOL_H
#define UPSWAP_PROTOCOL_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "names.h"

#define PROTOCOL_VERSION   1
#define MAX_REQUEST_LINE   65536        /* bytes, including the '\n' */
#define MAX_HELPER_LINE    (1024 * 1024)
#define MAX_JSON_DEPTH     8
#define MAX_CLIENT_NAME    128
#define MAX_ID             9007199254740991LL /* 2^53 - 1 */

enum req_kind {
	REQ_HELLO,
	REQ_STATUS,
	REQ_LIST_TARGETS,
	REQ_CHECK,
	REQ_UPDATE,
	REQ_ROLLBACK,
	REQ_CANCEL,
	REQ_SUBSCRIBE,
	REQ_RESTART,
	REQ__COUNT
};

enum event_name {
	EV_STATE,
	EV_PROGRESS,
	EV_CHECKED,
	EV_UPDATED,
	EV_ERROR,
	EV_RESTARTED,
	EV__COUNT
};

enum err_code {
	E_PARSE_ERROR,
	E_BAD_REQUEST,
	E_UNKNOWN_KIND,
	E_UNKNOWN_FIELD,
	E_HELLO_REQUIRED,
	E_PROTOCOL_VERSION,
	E_UNKNOWN_TARGET,
	E_UNKNOWN_VERSION,
	E_NOT_AUTHORIZED,
	E_BUSY,
	E_UP_TO_DATE,
	E_DOWNGRADE,
	E_MODIFIED,
	E_NO_PREVIOUS,
	E_SOURCE_ERROR,
	E_VERIFY_FAILED,
	E_UNSAFE_PATH,
	E_IO_ERROR,
	E_DISK_FULL,
	E_CANCELLED,
	E_NO_RESTART_POLICY,
	E_INTERNAL,
	E__COUNT
};

enum target_state {
	TS_IDLE,
	TS_CHECKING,
	TS_DOWNLOADING,
	TS_VERIFYING,
	TS_SWAPPING,
	TS_ERROR,
	TS__COUNT
};

enum action {
	ACT_CHECK,
	ACT_UPDATE,
	ACT_DOWNGRADE,
	ACT_ROLLBACK,
	ACT_CONFIGURE,
	ACT_RESTART,
	ACT__COUNT
};

const char *req_kind_name(enum req_kind k);
const char *event_name_str(enum event_name e);
const char *err_code_name(enum err_code e);
const char *target_state_name(enum target_state s);
const char *action_name(enum action a);

/* A request after validation: every string field already checked. */
struct request {
	int64_t id;
	enum req_kind kind;
	int protocol;
	bool has_client, has_target, has_version, force;
	char client[MAX_CLIENT_NAME + 1];
	char target[NAME_MAX_LEN + 1];
	char version[VERSION_MAX_LEN + 1];
};

struct parse_error {
	enum err_code code;
	bool disconnect;   /* garbage: the connection is closed after the error */
	bool has_id;       /* whether `id` below could be read */
	int64_t id;
	char message[256];
};

/* Parses one request line (without its '\n'). Returns true and fills *req, or
 * false and fills *err. Never trusts lengths or types in the input. */
bool protocol_parse_request(const char *line, size_t len, struct request *req,
			    struct parse_error *err);

/* Builders. Each returns a new json object owned by the caller. */
struct json_object *protocol_reply(int64_t id, struct json_object *result);
struct json_object *protocol_error(bool has_id, int64_t id, enum err_code code,
				   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
struct json_object *protocol_event(enum event_name ev);

/* Serializes to one line: plain JSON, no raw newlines, '\n' appended.
 * Returns a malloc'd string and its length, or NULL if over max_len. */
char *protocol_serialize(struct json_object *msg, size_t max_len, size_t *len_out);

/* Small conveniences for building objects. */
void json_add_str(struct json_object *o, const char *key, const char *val_or_null);
void json_add_int(struct json_object *o, const char *key, int64_t val);
void json_add_bool(struct json_object *o, const char *key, bool val);

#endif
