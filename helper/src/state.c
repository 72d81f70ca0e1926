/* state.c — see state.h. */
#include "state.h"

#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "fileio.h"
#include "log.h"
#include "protocol.h"
#include "util.h"

#define MAX_STATE_FILE (256 * 1024)

void target_record_init(struct target_record *rec)
{
	memset(rec, 0, sizeof(*rec));
	rec->last_serial = -1;
}

static bool load_ref(struct json_object *o, struct version_ref *ref)
{
	memset(ref, 0, sizeof(*ref));
	if (!o || json_object_is_type(o, json_type_null))
		return true;
	struct json_object *v, *h;
	if (!json_object_object_get_ex(o, "sha256", &h) || !json_object_is_type(h, json_type_string) ||
	    !sha256_hex_is_valid(json_object_get_string(h)))
		return false;
	strlcpy_ok(ref->sha256, json_object_get_string(h), sizeof(ref->sha256));
	if (json_object_object_get_ex(o, "version", &v) && json_object_is_type(v, json_type_string)) {
		const char *s = json_object_get_string(v);
		if (*s && !version_is_valid(s))
			return false;
		strlcpy_ok(ref->version, s, sizeof(ref->version));
	}
	ref->present = true;
	return true;
}

static bool load_int(struct json_object *root, const char *key, int64_t *out)
{
	struct json_object *v;
	if (!json_object_object_get_ex(root, key, &v))
		return true;
	if (!json_object_is_type(v, json_type_int))
		return false;
	*out = json_object_get_int64(v);
	return true;
}

static bool parse_record(const char *text, struct target_record *rec)
{
	struct json_object *root = json_tokener_parse(text);
	bool ok = false;
	if (!json_object_is_type(root, json_type_object))
		goto finish;
	struct json_object *v;
	if (!load_ref(json_object_object_get_ex(root, "installed", &v) ? v : NULL, &rec->installed) ||
	    !load_ref(json_object_object_get_ex(root, "previous", &v) ? v : NULL, &rec->previous) ||
	    !load_int(root, "last_serial", &rec->last_serial) || !load_int(root, "last_check", &rec->last_check))
		goto finish;
	if (json_object_object_get_ex(root, "history", &v) && json_object_is_type(v, json_type_array)) {
		size_t n = json_object_array_length(v);
		for (size_t i = 0; i < n && rec->n_history < MAX_HISTORY; i++) {
			struct json_object *e = json_object_array_get_idx(v, i), *f;
			struct history_entry *h = &rec->history[rec->n_history];
			memset(h, 0, sizeof(*h));
			if (!json_object_is_type(e, json_type_object))
				goto finish;
			if (json_object_object_get_ex(e, "time", &f))
				h->time = json_object_get_int64(f);
			if (json_object_object_get_ex(e, "from", &f) && json_object_is_type(f, json_type_string))
				strlcpy_ok(h->from, json_object_get_string(f), sizeof(h->from));
			if (json_object_object_get_ex(e, "to", &f) && json_object_is_type(f, json_type_string))
				strlcpy_ok(h->to, json_object_get_string(f), sizeof(h->to));
			if (json_object_object_get_ex(e, "rollback", &f))
				h->rollback = json_object_get_boolean(f);
			rec->n_history++;
		}
	}
	struct json_object *s;
	if (json_object_object_get_ex(root, "feed_etag", &s) && json_object_is_type(s, json_type_string))
		strlcpy_ok(rec->feed_etag, json_object_get_string(s), sizeof(rec->feed_etag));
	if (json_object_object_get_ex(root, "feed_last_modified", &s) && json_object_is_type(s, json_type_string))
		strlcpy_ok(rec->feed_last_modified, json_object_get_string(s), sizeof(rec->feed_last_modified));
	if (json_object_object_get_ex(root, "announced_keys", &v) && json_object_is_type(v, json_type_array)) {
		size_t n = json_object_array_length(v);
		for (size_t i = 0; i < n && rec->n_announced < MAX_ANNOUNCED_KEYS; i++) {
			struct json_object *e = json_object_array_get_idx(v, i), *k, *by;
			struct minisign_key parsed;
			if (json_object_object_get_ex(e, "key", &k) && json_object_object_get_ex(e, "by", &by) &&
			    json_object_is_type(k, json_type_string) && json_object_is_type(by, json_type_string) &&
			    minisign_parse_key(json_object_get_string(k), &parsed) &&
			    strlen(json_object_get_string(by)) == 16) {
				struct announced_key *a = &rec->announced[rec->n_announced++];
				strlcpy_ok(a->key, json_object_get_string(k), sizeof(a->key));
				strlcpy_ok(a->by, json_object_get_string(by), sizeof(a->by));
			}
		}
	}
	ok = true;
finish:
	json_object_put(root);
	return ok;
}

int state_load(int state_dirfd, const char *name, struct target_record *rec)
{
	target_record_init(rec);
	_cleanup_close_ int dirfd = open_subdir(state_dirfd, "targets");
	if (dirfd < 0)
		return dirfd;
	_cleanup_free_ char *file = xasprintf("%s.json", name);
	_cleanup_free_ char *text = NULL;
	size_t len;
	int r = read_small_at(dirfd, file, MAX_STATE_FILE, &text, &len);
	if (r == -ENOENT)
		return 0;
	if (r == 0 && parse_record(text, rec))
		return 0;
	/* Keep the evidence, start afresh; the caller reports it. */
	_cleanup_free_ char *aside = xasprintf("%s.json.corrupt", name);
	renameat(dirfd, file, dirfd, aside);
	target_record_init(rec);
	log_error("state file %s/targets/%s was unreadable (%s); moved to %s", "var/lib/upswap", file,
		  r < 0 ? strerror(-r) : "bad JSON", aside);
	return -EBADMSG;
}

static struct json_object *ref_json(const struct version_ref *ref)
{
	if (!ref->present)
		return NULL;
	struct json_object *o = json_object_new_object();
	json_add_str(o, "version", ref->version[0] ? ref->version : NULL);
	json_add_str(o, "sha256", ref->sha256);
	return o;
}

int state_save(int state_dirfd, const char *name, const struct target_record *rec)
{
	_cleanup_close_ int dirfd = open_subdir(state_dirfd, "targets");
	if (dirfd < 0)
		return dirfd;
	struct json_object *root = json_object_new_object();
	json_object_object_add(root, "installed", ref_json(&rec->installed));
	json_object_object_add(root, "previous", ref_json(&rec->previous));
	json_add_int(root, "last_serial", rec->last_serial);
	json_add_int(root, "last_check", rec->last_check);
	struct json_object *hist = json_object_new_array();
	for (size_t i = 0; i < rec->n_history; i++) {
		const struct history_entry *h = &rec->history[i];
		struct json_object *e = json_object_new_object();
		json_add_int(e, "time", h->time);
		json_add_str(e, "from", h->from[0] ? h->from : NULL);
		json_add_str(e, "to", h->to);
		json_add_bool(e, "rollback", h->rollback);
		json_object_array_add(hist, e);
	}
	json_object_object_add(root, "history", hist);
	json_add_str(root, "feed_etag", rec->feed_etag);
	json_add_str(root, "feed_last_modified", rec->feed_last_modified);
	struct json_object *keys = json_object_new_array();
	for (size_t i = 0; i < rec->n_announced; i++) {
		struct json_object *e = json_object_new_object();
		json_add_str(e, "key", rec->announced[i].key);
		json_add_str(e, "by", rec->announced[i].by);
		json_object_array_add(keys, e);
	}
	json_object_object_add(root, "announced_keys", keys);
	size_t len;
	const char *text = json_object_to_json_string_length(root, JSON_C_TO_STRING_PRETTY, &len);
	_cleanup_free_ char *file = xasprintf("%s.json", name);
	int r = atomic_write_at(dirfd, file, text, len, 0644);
	json_object_put(root);
	return r;
}

void state_add_history(struct target_record *rec, int64_t time, const char *from, const char *to,
		       bool rollback)
{
	if (rec->n_history == MAX_HISTORY) {
		memmove(&rec->history[0], &rec->history[1], (MAX_HISTORY - 1) * sizeof(rec->history[0]));
		rec->n_history--;
	}
	struct history_entry *h = &rec->history[rec->n_history++];
	memset(h, 0, sizeof(*h));
	h->time = time;
	strlcpy_ok(h->from, from ? from : "", sizeof(h->from));
	strlcpy_ok(h->to, to, sizeof(h->to));
	h->rollback = rollback;
}

bool state_announce_key(struct target_record *rec, const char *b64, const char *by)
{
	for (size_t i = 0; i < rec->n_announced; i++)
		if (strcmp(rec->announced[i].key, b64) == 0)
			return false;
	if (rec->n_announced == MAX_ANNOUNCED_KEYS) {
		memmove(&rec->announced[0], &rec->announced[1], (MAX_ANNOUNCED_KEYS - 1) * sizeof(rec->announced[0]));
		rec->n_announced--;
	}
	struct announced_key *a = &rec->announced[rec->n_announced++];
	strlcpy_ok(a->key, b64, sizeof(a->key));
	strlcpy_ok(a->by, by, sizeof(a->by));
	return true;
}

int state_save_feed(int state_dirfd, const char *name, const char *feed, size_t feed_len, const char *sig,
		    size_t sig_len)
{
	_cleanup_close_ int dirfd = open_subdir(state_dirfd, "feeds");
	if (dirfd < 0)
		return dirfd;
	_cleanup_free_ char *f = xasprintf("%s.json", name);
	_cleanup_free_ char *g = xasprintf("%s.json.minisig", name);
	/* Signature first: a crash between the two leaves a pair that fails
	 * verification (and is refetched), never an unsigned feed. */
	int r = sig ? atomic_write_at(dirfd, g, sig, sig_len, 0644) : (unlinkat(dirfd, g, 0), 0);
	if (r == 0)
		r = atomic_write_at(dirfd, f, feed, feed_len, 0644);
	return r;
}

int state_load_feed(int state_dirfd, const char *name, char **feed, size_t *feed_len, char **sig, size_t *sig_len)
{
	_cleanup_close_ int dirfd = open_subdir(state_dirfd, "feeds");
	if (dirfd < 0)
		return dirfd;
	_cleanup_free_ char *f = xasprintf("%s.json", name);
	_cleanup_free_ char *g = xasprintf("%s.json.minisig", name);
	int r = read_small_at(dirfd, f, MAX_STATE_FILE * 4, feed, feed_len);
	if (r < 0)
		return r;
	r = read_small_at(dirfd, g, 4096, sig, sig_len);
	if (r == -ENOENT) {
		*sig = NULL;
		*sig_len = 0;
		r = 0;
	}
	if (r < 0) {
		free(*feed);
		*feed = NULL;
	}
	return r;
}
