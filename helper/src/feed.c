/* feed.c — see feed.h. */
#include "feed.h"

#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "minisign.h"
#include "sha256.h"
#include "util.h"
#include "version.h"

__attribute__((format(printf, 3, 4)))
static bool fail(char *why, size_t why_len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, why_len, fmt, ap);
	va_end(ap);
	return false;
}

int64_t feed_parse_time(const char *s)
{
	int y, mo, d, h, mi, se, n = 0;
	if (strlen(s) != 20 ||
	    sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi, &se, &n) != 6 || n != 20)
		return -1;
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
		return -1;
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
			 .tm_hour = h, .tm_min = mi, .tm_sec = se };
	time_t t = timegm(&tm);
	/* timegm normalizes 31 Feb into March: round-trip to reject it. */
	struct tm back;
	if (t == (time_t)-1 || !gmtime_r(&t, &back) || back.tm_mday != d || back.tm_mon != mo - 1)
		return -1;
	return (int64_t)t;
}

static struct json_object *field(struct json_object *o, const char *key)
{
	struct json_object *v = NULL;
	return json_object_object_get_ex(o, key, &v) ? v : NULL;
}

/* Strings from the feed: no embedded NUL, bounded. */
static const char *get_str(struct json_object *v, size_t max)
{
	if (!json_object_is_type(v, json_type_string))
		return NULL;
	const char *s = json_object_get_string(v);
	size_t n = (size_t)json_object_get_string_len(v);
	return (n == strlen(s) && n <= max) ? s : NULL;
}

static bool get_uint(struct json_object *v, uint64_t max, uint64_t *out)
{
	if (!json_object_is_type(v, json_type_int))
		return false;
	int64_t x = json_object_get_int64(v);
	if (x < 0 || (uint64_t)x > max)
		return false;
	*out = (uint64_t)x;
	return true;
}

static bool parse_release(struct json_object *r, size_t i, struct release *rel, char *why, size_t why_len)
{
	if (!json_object_is_type(r, json_type_object))
		return fail(why, why_len, "releases[%zu]: not an object", i);
	const char *s = get_str(field(r, "version"), VERSION_MAX_LEN);
	if (!s || !version_is_valid(s))
		return fail(why, why_len, "releases[%zu].version: missing or not a valid version", i);
	strlcpy_ok(rel->version, s, sizeof(rel->version));

	s = get_str(field(r, "url"), MAX_URL_LEN);
	if (!s || !*s)
		return fail(why, why_len, "releases[%zu].url: missing or longer than %d bytes", i, MAX_URL_LEN);
	rel->url = xstrdup(s);

	if (!get_uint(field(r, "size"), MAX_ARTIFACT_SIZE, &rel->size))
		return fail(why, why_len, "releases[%zu].size: missing or not an integer 0..%llu", i,
			    (unsigned long long)MAX_ARTIFACT_SIZE);

	s = get_str(field(r, "sha256"), SHA256_HEX_LEN);
	if (!s || !sha256_hex_is_valid(s))
		return fail(why, why_len, "releases[%zu].sha256: missing or not 64 lowercase hex digits", i);
	strlcpy_ok(rel->sha256, s, sizeof(rel->sha256));

	struct json_object *v = field(r, "notes");
	if (v) {
		s = get_str(v, MAX_NOTES);
		if (!s)
			return fail(why, why_len, "releases[%zu].notes: not a string of at most %d bytes", i, MAX_NOTES);
		for (const char *c = s; *c; c++)
			if ((unsigned char)*c < 0x20 && *c != '\n' && *c != '\t')
				return fail(why, why_len, "releases[%zu].notes: control characters other than "
					    "newline and tab are not allowed", i);
		rel->notes = xstrdup(s);
	} else {
		rel->notes = xstrdup("");
	}
	v = field(r, "critical");
	if (v) {
		if (!json_object_is_type(v, json_type_boolean))
			return fail(why, why_len, "releases[%zu].critical: not true/false", i);
		rel->critical = json_object_get_boolean(v);
	}
	v = field(r, "min_from");
	if (v) {
		s = get_str(v, VERSION_MAX_LEN);
		if (!s || !version_is_valid(s))
			return fail(why, why_len, "releases[%zu].min_from: not a valid version", i);
		strlcpy_ok(rel->min_from, s, sizeof(rel->min_from));
	}
	rel->rollout = 100;
	v = field(r, "rollout");
	if (v) {
		uint64_t pct;
		if (!get_uint(v, 100, &pct))
			return fail(why, why_len, "releases[%zu].rollout: not an integer 0..100", i);
		rel->rollout = (int)pct;
	}
	v = field(r, "published");
	if (v) {
		s = get_str(v, 32);
		if (!s || feed_parse_time(s) < 0)
			return fail(why, why_len, "releases[%zu].published: not a UTC time like 2026-12-04T12:00:00Z", i);
	}
	return true;
}

bool feed_parse(const char *data, size_t len, const char *product, struct feed *out,
		char *why, size_t why_len)
{
	memset(out, 0, sizeof(*out));
	if (len > MAX_FEED_SIZE)
		return fail(why, why_len, "feed is larger than %d bytes", MAX_FEED_SIZE);
	if (memchr(data, '\0', len))
		return fail(why, why_len, "feed contains a NUL byte");

	struct json_tokener *tok = json_tokener_new_ex(8);
	if (!tok)
		return fail(why, why_len, "out of memory");
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	struct json_object *root = json_tokener_parse_ex(tok, data, (int)len);
	enum json_tokener_error jerr = json_tokener_get_error(tok);
	size_t end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	bool ok = false;

	if (!root || jerr != json_tokener_success) {
		fail(why, why_len, "not valid JSON: %s at byte %zu",
		     jerr == json_tokener_continue ? "unexpected end" : json_tokener_error_desc(jerr), end);
		goto finish;
	}
	for (size_t i = end; i < len; i++)
		if (!strchr(" \t\r\n", data[i])) {
			fail(why, why_len, "trailing data after the JSON document at byte %zu", i);
			goto finish;
		}
	if (!json_object_is_type(root, json_type_object)) {
		fail(why, why_len, "not a JSON object");
		goto finish;
	}
	uint64_t u;
	if (!get_uint(field(root, "format"), 1000, &u)) {
		fail(why, why_len, "format: missing or not an integer");
		goto finish;
	}
	if (u != FEED_FORMAT) {
		fail(why, why_len, "format: %llu is not supported (this helper reads format %d)",
		     (unsigned long long)u, FEED_FORMAT);
		goto finish;
	}
	const char *s = get_str(field(root, "product"), NAME_MAX_LEN);
	if (!s || !name_is_valid(s)) {
		fail(why, why_len, "product: missing or not a valid name");
		goto finish;
	}
	if (strcmp(s, product) != 0) {
		fail(why, why_len, "product: feed is for '%s', this target expects '%s'", s, product);
		goto finish;
	}
	strlcpy_ok(out->product, s, sizeof(out->product));
	if (!get_uint(field(root, "serial"), (uint64_t)9007199254740991LL, &u)) {
		fail(why, why_len, "serial: missing or not an integer 0..2^53-1");
		goto finish;
	}
	out->serial = (int64_t)u;
	struct json_object *v = field(root, "expires");
	if (v) {
		s = get_str(v, 32);
		if (!s || (out->expires = feed_parse_time(s)) < 0) {
			fail(why, why_len, "expires: not a UTC time like 2026-12-04T12:00:00Z");
			goto finish;
		}
	}
	struct json_object *nk = field(root, "next_keys");
	if (nk) {
		if (!json_object_is_type(nk, json_type_array) || json_object_array_length(nk) > MAX_NEXT_KEYS) {
			fail(why, why_len, "next_keys: not an array of at most %d keys", MAX_NEXT_KEYS);
			goto finish;
		}
		for (size_t i = 0; i < json_object_array_length(nk); i++) {
			const char *k = get_str(json_object_array_get_idx(nk, i), 56);
			struct minisign_key parsed;
			if (!k || !minisign_parse_key(k, &parsed)) {
				fail(why, why_len, "next_keys[%zu]: not a minisign public key", i);
				goto finish;
			}
			strlcpy_ok(out->next_keys[out->n_next_keys++], k, sizeof(out->next_keys[0]));
		}
	}
	struct json_object *rels = field(root, "releases");
	if (!json_object_is_type(rels, json_type_array)) {
		fail(why, why_len, "releases: missing or not an array");
		goto finish;
	}
	size_t n = json_object_array_length(rels);
	if (n > MAX_RELEASES) {
		fail(why, why_len, "releases: %zu entries, at most %d allowed", n, MAX_RELEASES);
		goto finish;
	}
	out->releases = xcalloc(n, sizeof(struct release));
	for (size_t i = 0; i < n; i++) {
		out->n_releases = i + 1; /* so feed_free sees what was filled */
		if (!parse_release(json_object_array_get_idx(rels, i), i, &out->releases[i], why, why_len))
			goto finish;
		for (size_t j = 0; j < i; j++)
			if (strcmp(out->releases[j].version, out->releases[i].version) == 0) {
				fail(why, why_len, "releases[%zu].version: '%s' is listed twice", i,
				     out->releases[i].version);
				goto finish;
			}
	}
	ok = true;
finish:
	json_object_put(root);
	if (!ok)
		feed_free(out);
	return ok;
}

void feed_free(struct feed *f)
{
	for (size_t i = 0; i < f->n_releases; i++) {
		free(f->releases[i].url);
		free(f->releases[i].notes);
	}
	free(f->releases);
	memset(f, 0, sizeof(*f));
}

const struct release *feed_find(const struct feed *f, const char *version)
{
	for (size_t i = 0; i < f->n_releases; i++)
		if (strcmp(f->releases[i].version, version) == 0)
			return &f->releases[i];
	return NULL;
}

const struct release *feed_find_sha(const struct feed *f, const char *sha256)
{
	for (size_t i = 0; i < f->n_releases; i++)
		if (strcmp(f->releases[i].sha256, sha256) == 0)
			return &f->releases[i];
	return NULL;
}

int rollout_bucket(const char *machine_id, const char *target, const char *version)
{
	_cleanup_free_ char *key = xasprintf("%s\n%s\n%s", machine_id, target, version);
	char hex[SHA256_HEX_LEN + 1];
	sha256_hex_of(key, strlen(key), hex);
	uint64_t v = 0;
	for (int i = 0; i < 16; i++) {
		char c = hex[i];
		v = v * 16 + (uint64_t)(c <= '9' ? c - '0' : c - 'a' + 10);
	}
	return (int)(v % 100);
}

const struct release *feed_best(const struct feed *f, const char *installed_version,
				const char *installed_sha, const char *machine_id, const char *target)
{
	const struct release *best = NULL;
	for (size_t i = 0; i < f->n_releases; i++) {
		const struct release *r = &f->releases[i];
		if (installed_sha && strcmp(r->sha256, installed_sha) == 0)
			continue;
		if (installed_version && version_compare(r->version, installed_version) <= 0)
			continue;
		if (r->min_from[0] && (!installed_version || version_compare(installed_version, r->min_from) < 0))
			continue;
		if (r->rollout < 100 && rollout_bucket(machine_id, target, r->version) >= r->rollout)
			continue;
		if (!best || version_compare(r->version, best->version) > 0)
			best = r;
	}
	return best;
}
