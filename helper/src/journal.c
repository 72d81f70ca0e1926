/* journal.c — see journal.h. */
#include "journal.h"

#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "fileio.h"
#include "protocol.h"
#include "util.h"

#define MAX_JOURNAL_FILE (64 * 1024)

int journal_begin(int journal_dirfd, const struct journal_record *rec)
{
	_cleanup_free_ char *file = xasprintf("%s.journal", rec->target);
	_cleanup_close_ int fd = openat(journal_dirfd, file,
					O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	struct json_object *o = json_object_new_object();
	json_add_str(o, "step", "begin");
	json_add_str(o, "target", rec->target);
	json_add_str(o, "path", rec->path);
	json_add_str(o, "temp", rec->temp);
	json_add_str(o, "old_sha256", rec->has_old ? rec->old_sha256 : NULL);
	json_add_str(o, "old_version", rec->old_version[0] ? rec->old_version : NULL);
	json_add_str(o, "new_sha256", rec->new_sha256);
	json_add_str(o, "new_version", rec->new_version[0] ? rec->new_version : NULL);
	json_add_bool(o, "rollback", rec->rollback);
	size_t len;
	const char *text = json_object_to_json_string_length(o, JSON_C_TO_STRING_PLAIN, &len);
	int r = write_all(fd, text, len);
	if (r == 0)
		r = write_all(fd, "\n", 1);
	json_object_put(o);
	if (r == 0 && fsync(fd) < 0)
		r = -errno;
	if (r == 0)
		r = fsync_dirfd(journal_dirfd);
	if (r < 0) {
		unlinkat(journal_dirfd, file, 0);
		return r;
	}
	return steal_fd(&fd);
}

int journal_step(int journal_fd, const char *step)
{
	char line[JOURNAL_STEP_MAX + 16];
	int n = snprintf(line, sizeof(line), "{\"step\":\"%s\"}\n", step);
	int r = write_all(journal_fd, line, (size_t)n);
	if (r == 0 && fdatasync(journal_fd) < 0)
		r = -errno;
	return r;
}

int journal_clear(int journal_dirfd, const char *target)
{
	_cleanup_free_ char *file = xasprintf("%s.journal", target);
	if (unlinkat(journal_dirfd, file, 0) < 0 && errno != ENOENT)
		return -errno;
	return fsync_dirfd(journal_dirfd);
}

static bool copy_str(struct json_object *o, const char *key, char *dst, size_t size, bool (*valid)(const char *),
		     bool optional)
{
	struct json_object *v;
	if (!json_object_object_get_ex(o, key, &v) || json_object_is_type(v, json_type_null)) {
		dst[0] = '\0';
		return optional;
	}
	if (!json_object_is_type(v, json_type_string))
		return false;
	const char *s = json_object_get_string(v);
	if (valid && !valid(s))
		return false;
	return strlcpy_ok(dst, s, size);
}

static bool path_ok(const char *s)
{
	return s[0] == '/';
}

static bool temp_name_ok(const char *s)
{
	return s[0] == '.' && !strchr(s, '/') && strcmp(s, ".") && strcmp(s, "..");
}

int journal_read(int journal_dirfd, const char *file, struct journal_record *rec)
{
	memset(rec, 0, sizeof(*rec));
	_cleanup_free_ char *text = NULL;
	size_t len;
	int r = read_small_at(journal_dirfd, file, MAX_JOURNAL_FILE, &text, &len);
	if (r < 0)
		return r;
	bool have_begin = false;
	for (char *line = text, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (!next)
			break; /* torn last line: that step never started */
		*next++ = '\0';
		struct json_object *o = json_tokener_parse(line);
		struct json_object *step;
		if (!json_object_is_type(o, json_type_object) || !json_object_object_get_ex(o, "step", &step) ||
		    !json_object_is_type(step, json_type_string)) {
			json_object_put(o);
			break;
		}
		const char *s = json_object_get_string(step);
		strlcpy_ok(rec->last_step, s, sizeof(rec->last_step));
		if (!have_begin) {
			struct json_object *rb;
			bool ok = strcmp(s, "begin") == 0 &&
				  copy_str(o, "target", rec->target, sizeof(rec->target), name_is_valid, false) &&
				  copy_str(o, "path", rec->path, sizeof(rec->path), path_ok, false) &&
				  copy_str(o, "temp", rec->temp, sizeof(rec->temp), temp_name_ok, false) &&
				  copy_str(o, "old_sha256", rec->old_sha256, sizeof(rec->old_sha256), sha256_hex_is_valid, true) &&
				  copy_str(o, "old_version", rec->old_version, sizeof(rec->old_version), version_is_valid, true) &&
				  copy_str(o, "new_sha256", rec->new_sha256, sizeof(rec->new_sha256), sha256_hex_is_valid, false) &&
				  copy_str(o, "new_version", rec->new_version, sizeof(rec->new_version), version_is_valid, true);
			rec->has_old = rec->old_sha256[0] != '\0';
			rec->rollback = json_object_object_get_ex(o, "rollback", &rb) && json_object_get_boolean(rb);
			json_object_put(o);
			if (!ok)
				return -EBADMSG;
			have_begin = true;
		} else {
			json_object_put(o);
		}
	}
	return have_begin ? 0 : -EBADMSG;
}
