/* protocol.c — see protocol.h. The parser is the helper's first line of
 * defence: it runs on bytes from any local user, so it bounds the input
 * before json-c sees it, caps nesting, demands valid UTF-8 and rejects every
 * field it does not know. */
#include "protocol.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

static const char *const req_kind_names[REQ__COUNT] = {
	[REQ_HELLO] = "hello",
	[REQ_STATUS] = "status",
	[REQ_LIST_TARGETS] = "list-targets",
	[REQ_CHECK] = "check",
	[REQ_UPDATE] = "update",
	[REQ_ROLLBACK] = "rollback",
	[REQ_CANCEL] = "cancel",
	[REQ_SUBSCRIBE] = "subscribe",
	[REQ_RESTART] = "restart",
};

static const char *const event_names[EV__COUNT] = {
	[EV_STATE] = "state",
	[EV_PROGRESS] = "progress",
	[EV_CHECKED] = "checked",
	[EV_UPDATED] = "updated",
	[EV_ERROR] = "error",
	[EV_RESTARTED] = "restarted",
};

static const char *const err_code_names[E__COUNT] = {
	[E_PARSE_ERROR] = "parse-error",
	[E_BAD_REQUEST] = "bad-request",
	[E_UNKNOWN_KIND] = "unknown-kind",
	[E_UNKNOWN_FIELD] = "unknown-field",
	[E_HELLO_REQUIRED] = "hello-required",
	[E_PROTOCOL_VERSION] = "protocol-version",
	[E_UNKNOWN_TARGET] = "unknown-target",
	[E_UNKNOWN_VERSION] = "unknown-version",
	[E_NOT_AUTHORIZED] = "not-authorized",
	[E_BUSY] = "busy",
	[E_UP_TO_DATE] = "up-to-date",
	[E_DOWNGRADE] = "downgrade",
	[E_MODIFIED] = "modified",
	[E_NO_PREVIOUS] = "no-previous",
	[E_SOURCE_ERROR] = "source-error",
	[E_VERIFY_FAILED] = "verify-failed",
	[E_UNSAFE_PATH] = "unsafe-path",
	[E_IO_ERROR] = "io-error",
	[E_DISK_FULL] = "disk-full",
	[E_CANCELLED] = "cancelled",
	[E_NO_RESTART_POLICY] = "no-restart-policy",
	[E_INTERNAL] = "internal",
};

static const char *const target_state_names[TS__COUNT] = {
	[TS_IDLE] = "idle",
	[TS_CHECKING] = "checking",
	[TS_DOWNLOADING] = "downloading",
	[TS_VERIFYING] = "verifying",
	[TS_SWAPPING] = "swapping",
	[TS_ERROR] = "error",
};

static const char *const action_names[ACT__COUNT] = {
	[ACT_CHECK] = "check",
	[ACT_UPDATE] = "update",
	[ACT_DOWNGRADE] = "downgrade",
	[ACT_ROLLBACK] = "rollback",
	[ACT_CONFIGURE] = "configure",
	[ACT_RESTART] = "restart",
};

const char *req_kind_name(enum req_kind k) { return k < REQ__COUNT ? req_kind_names[k] : "?"; }
const char *event_name_str(enum event_name e) { return e < EV__COUNT ? event_names[e] : "?"; }
const char *err_code_name(enum err_code e) { return e < E__COUNT ? err_code_names[e] : "?"; }
const char *target_state_name(enum target_state s) { return s < TS__COUNT ? target_state_names[s] : "?"; }
const char *action_name(enum action a) { return a < ACT__COUNT ? action_names[a] : "?"; }

/* Which fields each request kind takes. `id` and `kind` are always there. */
enum field {
	F_PROTOCOL = 1 << 0,
	F_CLIENT = 1 << 1,
	F_TARGET = 1 << 2,
	F_VERSION = 1 << 3,
	F_FORCE = 1 << 4,
};

static const struct field_name {
	const char *name;
	enum field bit;
} field_names[] = {
	{ "protocol", F_PROTOCOL },
	{ "client", F_CLIENT },
	{ "target", F_TARGET },
	{ "version", F_VERSION },
	{ "force", F_FORCE },
};

static const struct kind_spec {
	unsigned allowed;
	unsigned required;
} kind_specs[REQ__COUNT] = {
	[REQ_HELLO] = { F_PROTOCOL | F_CLIENT, F_PROTOCOL },
	[REQ_STATUS] = { 0, 0 },
	[REQ_LIST_TARGETS] = { 0, 0 },
	[REQ_CHECK] = { F_TARGET, 0 },
	[REQ_UPDATE] = { F_TARGET | F_VERSION | F_FORCE, F_TARGET },
	[REQ_ROLLBACK] = { F_TARGET, F_TARGET },
	[REQ_CANCEL] = { F_TARGET, 0 },
	[REQ_SUBSCRIBE] = { 0, 0 },
	[REQ_RESTART] = { F_TARGET, F_TARGET },
};

__attribute__((format(printf, 4, 5)))
static bool fail(struct parse_error *err, enum err_code code, bool disconnect, const char *fmt, ...)
{
	err->code = code;
	err->disconnect = disconnect;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return false;
}

/* Copies an untrusted key into a short printable form for error messages. */
static void sanitize(const char *in, char *out, size_t size)
{
	size_t j = 0;
	for (size_t i = 0; in[i] && j + 1 < size; i++) {
		unsigned char c = (unsigned char)in[i];
		out[j++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	out[j] = '\0';
	if (strlen(in) >= size && size > 4)
		memcpy(out + size - 4, "...", 4);
}

static bool only_whitespace(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(" \t\r", p[i]))
			return false;
	return true;
}

static struct json_object *parse_json(const char *line, size_t len, struct parse_error *err)
{
	if (len >= MAX_REQUEST_LINE) {
		fail(err, E_PARSE_ERROR, true, "request is longer than %d bytes", MAX_REQUEST_LINE - 1);
		return NULL;
	}
	if (memchr(line, '\0', len)) {
		fail(err, E_PARSE_ERROR, true, "request contains a NUL byte");
		return NULL;
	}
	struct json_tokener *tok = json_tokener_new_ex(MAX_JSON_DEPTH);
	if (!tok) {
		fail(err, E_INTERNAL, true, "out of memory");
		return NULL;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	struct json_object *obj = json_tokener_parse_ex(tok, line, (int)len);
	enum json_tokener_error jerr = json_tokener_get_error(tok);
	size_t end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);

	if (!obj || jerr != json_tokener_success) {
		json_object_put(obj);
		if (jerr == json_tokener_continue)
			fail(err, E_PARSE_ERROR, true, "incomplete JSON");
		else if (jerr == json_tokener_error_depth)
			fail(err, E_PARSE_ERROR, true, "JSON nested deeper than %d levels", MAX_JSON_DEPTH);
		else
			fail(err, E_PARSE_ERROR, true, "not JSON: %s at byte %zu",
			     json_tokener_error_desc(jerr), end);
		return NULL;
	}
	if (!only_whitespace(line + end, len - end)) {
		json_object_put(obj);
		fail(err, E_PARSE_ERROR, true, "trailing data after the JSON object at byte %zu", end);
		return NULL;
	}
	if (!json_object_is_type(obj, json_type_object)) {
		json_object_put(obj);
		fail(err, E_PARSE_ERROR, true, "not a JSON object");
		return NULL;
	}
	return obj;
}

static bool get_string(struct json_object *obj, const char *key, const char **out,
		       struct parse_error *err)
{
	struct json_object *v = json_object_object_get(obj, key);
	if (!json_object_is_type(v, json_type_string))
		return fail(err, E_BAD_REQUEST, false, "field '%s' must be a string", key);
	*out = json_object_get_string(v);
	/* json-c strings may contain NUL; such a string must not pass as shorter. */
	if ((size_t)json_object_get_string_len(v) != strlen(*out))
		return fail(err, E_BAD_REQUEST, false, "field '%s' contains a NUL byte", key);
	return true;
}

bool protocol_parse_request(const char *line, size_t len, struct request *req,
			    struct parse_error *err)
{
	memset(req, 0, sizeof(*req));
	memset(err, 0, sizeof(*err));

	struct json_object *obj = parse_json(line, len, err);
	if (!obj)
		return false;
	bool ok = false;

	struct json_object *id = json_object_object_get(obj, "id");
	if (!id) {
		fail(err, E_BAD_REQUEST, false, "missing field 'id'");
		goto finish;
	}
	if (!json_object_is_type(id, json_type_int)) {
		fail(err, E_BAD_REQUEST, false, "field 'id' must be an integer");
		goto finish;
	}
	int64_t idv = json_object_get_int64(id);
	if (idv < 0 || idv > MAX_ID) {
		fail(err, E_BAD_REQUEST, false, "field 'id' must be between 0 and 2^53-1");
		goto finish;
	}
	err->has_id = true;
	err->id = idv;
	req->id = idv;

	struct json_object *kind = json_object_object_get(obj, "kind");
	if (!kind) {
		fail(err, E_BAD_REQUEST, false, "missing field 'kind'");
		goto finish;
	}
	if (!json_object_is_type(kind, json_type_string)) {
		fail(err, E_BAD_REQUEST, false, "field 'kind' must be a string");
		goto finish;
	}
	const char *kname = json_object_get_string(kind);
	int k = -1;
	for (int i = 0; i < REQ__COUNT; i++)
		if (strcmp(kname, req_kind_names[i]) == 0)
			k = i;
	if (k < 0) {
		char shown[40];
		sanitize(kname, shown, sizeof(shown));
		fail(err, E_UNKNOWN_KIND, false, "unknown request kind '%s'", shown);
		goto finish;
	}
	req->kind = (enum req_kind)k;
	const struct kind_spec *spec = &kind_specs[k];

	unsigned present = 0;
	json_object_object_foreach(obj, key, val) {
		(void)val;
		if (strcmp(key, "id") == 0 || strcmp(key, "kind") == 0)
			continue;
		unsigned bit = 0;
		for (size_t i = 0; i < ARRAY_SIZE(field_names); i++)
			if (strcmp(key, field_names[i].name) == 0)
				bit = field_names[i].bit;
		if (!bit || !(spec->allowed & bit)) {
			char shown[40];
			sanitize(key, shown, sizeof(shown));
			fail(err, E_UNKNOWN_FIELD, false, "'%s' does not take a field '%s'", kname, shown);
			goto finish;
		}
		present |= bit;
	}
	unsigned missing = spec->required & ~present;
	for (size_t i = 0; i < ARRAY_SIZE(field_names); i++)
		if (missing & field_names[i].bit) {
			fail(err, E_BAD_REQUEST, false, "'%s' needs a field '%s'", kname, field_names[i].name);
			goto finish;
		}

	if (present & F_PROTOCOL) {
		struct json_object *v = json_object_object_get(obj, "protocol");
		int64_t p = json_object_get_int64(v);
		if (!json_object_is_type(v, json_type_int) || p < 0 || p > 65535) {
			fail(err, E_BAD_REQUEST, false, "field 'protocol' must be a small non-negative integer");
			goto finish;
		}
		req->protocol = (int)p;
	}
	if (present & F_CLIENT) {
		const char *s;
		if (!get_string(obj, "client", &s, err))
			goto finish;
		if (!printable_is_valid(s, MAX_CLIENT_NAME)) {
			fail(err, E_BAD_REQUEST, false, "field 'client' must be printable ASCII of at most %d bytes",
			     MAX_CLIENT_NAME);
			goto finish;
		}
		strlcpy_ok(req->client, s, sizeof(req->client));
		req->has_client = true;
	}
	if (present & F_TARGET) {
		const char *s;
		if (!get_string(obj, "target", &s, err))
			goto finish;
		if (!name_is_valid(s)) {
			fail(err, E_BAD_REQUEST, false,
			     "field 'target' is not a valid target name ([a-z0-9][a-z0-9._-]{0,63})");
			goto finish;
		}
		strlcpy_ok(req->target, s, sizeof(req->target));
		req->has_target = true;
	}
	if (present & F_VERSION) {
		const char *s;
		if (!get_string(obj, "version", &s, err))
			goto finish;
		if (!version_is_valid(s)) {
			fail(err, E_BAD_REQUEST, false,
			     "field 'version' is not a valid version (1-64 chars of [0-9A-Za-z.+~-])");
			goto finish;
		}
		strlcpy_ok(req->version, s, sizeof(req->version));
		req->has_version = true;
	}
	if (present & F_FORCE) {
		struct json_object *v = json_object_object_get(obj, "force");
		if (!json_object_is_type(v, json_type_boolean)) {
			fail(err, E_BAD_REQUEST, false, "field 'force' must be true or false");
			goto finish;
		}
		req->force = json_object_get_boolean(v);
	}
	ok = true;
finish:
	json_object_put(obj);
	return ok;
}

struct json_object *protocol_reply(int64_t id, struct json_object *result)
{
	struct json_object *o = json_object_new_object();
	json_object_object_add(o, "id", json_object_new_int64(id));
	json_object_object_add(o, "kind", json_object_new_string("reply"));
	json_object_object_add(o, "result", result ? result : json_object_new_object());
	return o;
}

struct json_object *protocol_error(bool has_id, int64_t id, enum err_code code, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	struct json_object *o = json_object_new_object();
	json_object_object_add(o, "id", has_id ? json_object_new_int64(id) : NULL);
	json_object_object_add(o, "kind", json_object_new_string("error"));
	json_object_object_add(o, "code", json_object_new_string(err_code_name(code)));
	json_object_object_add(o, "message", json_object_new_string(msg));
	return o;
}

struct json_object *protocol_event(enum event_name ev)
{
	struct json_object *o = json_object_new_object();
	json_object_object_add(o, "kind", json_object_new_string("event"));
	json_object_object_add(o, "event", json_object_new_string(event_name_str(ev)));
	return o;
}

char *protocol_serialize(struct json_object *msg, size_t max_len, size_t *len_out)
{
	size_t n = 0;
	const char *s = json_object_to_json_string_length(
		msg, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &n);
	if (!s || n + 1 > max_len)
		return NULL;
	char *line = xmalloc(n + 1);
	memcpy(line, s, n);
	line[n] = '\n';
	*len_out = n + 1;
	return line;
}

void json_add_str(struct json_object *o, const char *key, const char *val)
{
	json_object_object_add(o, key, val ? json_object_new_string(val) : NULL);
}

void json_add_int(struct json_object *o, const char *key, int64_t val)
{
	json_object_object_add(o, key, json_object_new_int64(val));
}

void json_add_bool(struct json_object *o, const char *key, bool val)
{
	json_object_object_add(o, key, json_object_new_boolean(val));
}
