/* test_protocol.c — the C side of the protocol against the shared fixture
 * (docs/protocol/examples.json): the same closed sets, every example
 * request accepted with the right kind, every rejected line refused with
 * the documented code and disconnect behaviour. The Java tests check the
 * same file, so the two sides cannot drift apart. */
#include "testutil.h"

#include <json-c/json.h>

#include "protocol.h"
#include "version.h"

static struct json_object *fixture;

static int load_fixture(void **state)
{
	(void)state;
	const char *path = getenv("UPSWAP_FIXTURE");
	if (!path)
		path = "../docs/protocol/examples.json";
	fixture = json_object_from_file(path);
	if (!fixture) {
		fprintf(stderr, "cannot read the protocol fixture %s\n", path);
		return -1;
	}
	return 0;
}

static int free_fixture(void **state)
{
	(void)state;
	json_object_put(fixture);
	return 0;
}

static struct json_object *get(const char *key)
{
	struct json_object *v = NULL;
	assert_true(json_object_object_get_ex(fixture, key, &v));
	return v;
}

/* The fixture list and the C table hold exactly the same names. */
static void assert_same_set(const char *key, int count, const char *(*name_of)(int))
{
	struct json_object *arr = get(key);
	assert_int_equal(json_object_array_length(arr), count);
	for (int i = 0; i < count; i++) {
		bool found = false;
		for (size_t k = 0; k < json_object_array_length(arr); k++)
			if (strcmp(json_object_get_string(json_object_array_get_idx(arr, k)), name_of(i)) == 0)
				found = true;
		if (!found)
			fail_msg("%s: C has '%s', the fixture does not", key, name_of(i));
	}
}

static const char *req_name(int i) { return req_kind_name((enum req_kind)i); }
static const char *ev_name(int i) { return event_name_str((enum event_name)i); }
static const char *err_name(int i) { return err_code_name((enum err_code)i); }
static const char *ts_name(int i) { return target_state_name((enum target_state)i); }
static const char *act_name(int i) { return action_name((enum action)i); }

static void closed_sets_match_fixture(void **state)
{
	(void)state;
	assert_int_equal(json_object_get_int(get("protocol")), PROTOCOL_VERSION);
	assert_same_set("request_kinds", REQ__COUNT, req_name);
	assert_same_set("event_names", EV__COUNT, ev_name);
	assert_same_set("error_codes", E__COUNT, err_name);
	assert_same_set("target_states", TS__COUNT, ts_name);
	assert_same_set("actions", ACT__COUNT, act_name);
}

static void example_requests_parse(void **state)
{
	(void)state;
	struct json_object *reqs = get("requests");
	bool seen[REQ__COUNT] = { false };
	for (size_t i = 0; i < json_object_array_length(reqs); i++) {
		struct json_object *o = json_object_array_get_idx(reqs, i);
		const char *line = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
		struct request req;
		struct parse_error err;
		if (!protocol_parse_request(line, strlen(line), &req, &err))
			fail_msg("fixture request %s rejected: %s (%s)", line, err.message, err_code_name(err.code));
		struct json_object *kind, *id;
		json_object_object_get_ex(o, "kind", &kind);
		json_object_object_get_ex(o, "id", &id);
		assert_string_equal(req_kind_name(req.kind), json_object_get_string(kind));
		assert_true(req.id == json_object_get_int64(id));
		seen[req.kind] = true;
	}
	for (int k = 0; k < REQ__COUNT; k++)
		if (!seen[k])
			fail_msg("the fixture has no example request of kind %s", req_kind_name(k));
}

static void rejected_lines_fail_as_documented(void **state)
{
	(void)state;
	struct json_object *rej = get("rejected");
	assert_true(json_object_array_length(rej) > 10);
	for (size_t i = 0; i < json_object_array_length(rej); i++) {
		struct json_object *o = json_object_array_get_idx(rej, i), *line, *code, *disc;
		json_object_object_get_ex(o, "line", &line);
		json_object_object_get_ex(o, "code", &code);
		json_object_object_get_ex(o, "disconnect", &disc);
		struct request req;
		struct parse_error err;
		const char *text = json_object_get_string(line);
		if (protocol_parse_request(text, strlen(text), &req, &err))
			fail_msg("accepted a line the fixture says must be rejected: %s", text);
		if (strcmp(err_code_name(err.code), json_object_get_string(code)) != 0)
			fail_msg("%s: got %s (%s), the fixture says %s", text, err_code_name(err.code), err.message,
				 json_object_get_string(code));
		assert_int_equal(err.disconnect, json_object_get_boolean(disc));
		assert_true(strlen(err.message) > 5);
	}
}

static void oversized_line_is_refused_before_parsing(void **state)
{
	(void)state;
	size_t n = MAX_REQUEST_LINE + 10;
	char *line = malloc(n);
	memset(line, ' ', n);
	memcpy(line, "{\"id\":1,\"kind\":\"status\"}", 24);
	struct request req;
	struct parse_error err;
	assert_false(protocol_parse_request(line, n, &req, &err));
	assert_int_equal(err.code, E_PARSE_ERROR);
	assert_true(err.disconnect);
	/* The same object padded to just under the limit is fine. */
	assert_true(protocol_parse_request(line, MAX_REQUEST_LINE - 1, &req, &err));
	free(line);
}

static void nul_bytes_and_bad_utf8_are_garbage(void **state)
{
	(void)state;
	static const char with_nul[] = "{\"id\":1,\"kind\":\"status\"}\0x";
	struct request req;
	struct parse_error err;
	assert_false(protocol_parse_request(with_nul, sizeof(with_nul) - 1, &req, &err));
	assert_int_equal(err.code, E_PARSE_ERROR);
	static const char bad_utf8[] = "{\"id\":1,\"kind\":\"check\",\"target\":\"\xff\xfe\"}";
	assert_false(protocol_parse_request(bad_utf8, strlen(bad_utf8), &req, &err));
	assert_int_equal(err.code, E_PARSE_ERROR);
	static const char escaped_nul[] = "{\"id\":1,\"kind\":\"check\",\"target\":\"a\\u0000b\"}";
	assert_false(protocol_parse_request(escaped_nul, strlen(escaped_nul), &req, &err));
	assert_int_equal(err.code, E_BAD_REQUEST);
}

static void builders_make_fixture_shaped_messages(void **state)
{
	(void)state;
	struct json_object *e = protocol_error(true, 9, E_UNKNOWN_TARGET, "no target named '%s'", "x");
	size_t len;
	char *line = protocol_serialize(e, MAX_HELPER_LINE, &len);
	assert_non_null(line);
	assert_int_equal(line[len - 1], '\n');
	assert_null(memchr(line, '\n', len - 1));
	assert_non_null(strstr(line, "\"kind\":\"error\""));
	assert_non_null(strstr(line, "\"code\":\"unknown-target\""));
	assert_non_null(strstr(line, "\"id\":9"));
	free(line);
	json_object_put(e);

	/* Strings with newlines never break the framing. */
	struct json_object *ev = protocol_event(EV_ERROR);
	json_add_str(ev, "message", "two\nlines");
	line = protocol_serialize(ev, MAX_HELPER_LINE, &len);
	assert_null(memchr(line, '\n', len - 1));
	free(line);
	/* And nothing larger than the cap goes out. */
	assert_null(protocol_serialize(ev, 10, &len));
	json_object_put(ev);
}

/* Version ranking decides what is an upgrade; the publisher (Java) must
 * rank exactly like the helper, so the cases live in the shared fixture. */
static void version_order_matches_fixture(void **state)
{
	(void)state;
	struct json_object *cases = get("version_order");
	assert_true(json_object_array_length(cases) >= 10);
	for (size_t i = 0; i < json_object_array_length(cases); i++) {
		struct json_object *c = json_object_array_get_idx(cases, i);
		const char *a = json_object_get_string(json_object_array_get_idx(c, 0));
		const char *b = json_object_get_string(json_object_array_get_idx(c, 1));
		int want = json_object_get_int(json_object_array_get_idx(c, 2));
		int got = version_compare(a, b);
		got = (got > 0) - (got < 0);
		if (got != want)
			fail_msg("version_compare(%s, %s) = %d, the fixture says %d", a, b, got, want);
		got = version_compare(b, a);
		assert_int_equal((got > 0) - (got < 0), -want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(closed_sets_match_fixture),
		cmocka_unit_test(example_requests_parse),
		cmocka_unit_test(rejected_lines_fail_as_documented),
		cmocka_unit_test(oversized_line_is_refused_before_parsing),
		cmocka_unit_test(nul_bytes_and_bad_utf8_are_garbage),
		cmocka_unit_test(builders_make_fixture_shaped_messages),
		cmocka_unit_test(version_order_matches_fixture),
	};
	return cmocka_run_group_tests(tests, load_fixture, free_fixture);
}
