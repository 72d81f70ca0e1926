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
