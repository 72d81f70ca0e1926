/* install.c — see install.h. The order of operations here is the crash-
 * safety argument, so each step says what a crash right after it leaves:
 *
 *   journal begin   → journal names old/new hashes; target untouched
 *   temp written    → a stray temp file; target untouched
 *   backup staged   → previous/NAME~staged holds the old inode; target untouched
 *   renamed         → target is new (atomic); recovery sees new hash, rolls forward
 *   state written   → record says new
 *   backup committed→ previous/NAME is the old binary
 *   journal cleared → done
 *
 * Recovery therefore only asks "does the target hash to the new bytes?":
 * yes → finish the bookkeeping; no → remove the leftovers. */
#include "install.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "crashpoint.h"
#include "log.h"
#include "sha256.h"
#include "util.h"

__attribute__((format(printf, 3, 4)))
static int fail(struct install_error *err, enum err_code code, const char *fmt, ...)
{
	err->code = code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return -1;
}

char *install_backup_name(const char *target)
{
	return xstrdup(target);
}

static char *staged_name(const char *target)
{
	/* '~' cannot occur in a target name, so this never collides with one. */
	return xasprintf("%s~staged", target);
}

/* Removes every temp file of this target's name left in its directory. */
static void remove_stale_temps(int dirfd, const char *name)
{
	_cleanup_free_ char *prefix = swap_temp_prefix(name);
	int fd = fcntl(dirfd, F_DUPFD_CLOEXEC, 3);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return;
	}
	rewinddir(d); /* the dup shares its offset with dirfd */
	struct dirent *de;
	bool removed = false;
	while ((de = readdir(d))) {
		if (!str_has_prefix(de->d_name, prefix))
			continue;
		struct stat st;
		if (fstatat(dirfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
		    unlinkat(dirfd, de->d_name, 0) == 0) {
			log_notice("removed stale temp file %s", de->d_name);
			removed = true;
		}
	}
	closedir(d);
	if (removed)
		fsync_dirfd(dirfd);
}

/* After the rename: record the new install and keep the old one for rollback. */
static int finish_forward(const struct install_dirs *dirs, const struct journal_record *j,
			  struct target_record *rec, bool from_recovery)
{
	_cleanup_free_ char *staged = staged_name(j->target);
	_cleanup_free_ char *backup = install_backup_name(j->target);
	bool have_backup = false;
	if (j->has_old) {
		struct stat st;
		if (fstatat(dirs->previous_dirfd, staged, &st, AT_SYMLINK_NOFOLLOW) == 0) {
			have_backup = true;
		} else {
			/* Already committed by an earlier run of this function? */
			_cleanup_close_ int fd = openat(dirs->previous_dirfd, backup, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
			char sha[SHA256_HEX_LEN + 1];
			have_backup = fd >= 0 && sha256_fd(fd, sha, NULL) == 0 && strcmp(sha, j->old_sha256) == 0;
		}
	}
	/* Recovery may run this a second time after the record was written. */
	bool recorded = from_recovery && rec->installed.present && strcmp(rec->installed.sha256, j->new_sha256) == 0;
	if (!recorded)
		state_add_history(rec, now_wall(), j->old_version, j->new_version, j->rollback);
	if (have_backup) {
		rec->previous.present = true;
		strlcpy_ok(rec->previous.version, j->old_version, sizeof(rec->previous.version));
		strlcpy_ok(rec->previous.sha256, j->old_sha256, sizeof(rec->previous.sha256));
	} else if (!j->has_old) {
		memset(&rec->previous, 0, sizeof(rec->previous));
	}
	rec->installed.present = true;
	strlcpy_ok(rec->installed.version, j->new_version, sizeof(rec->installed.version));
	strlcpy_ok(rec->installed.sha256, j->new_sha256, sizeof(rec->installed.sha256));
	int r = state_save(dirs->state_dirfd, j->target, rec);
	if (r < 0)
		return r;
	crashpoint(CP_STATE_WRITTEN);
	if (renameat(dirs->previous_dirfd, staged, dirs->previous_dirfd, backup) == 0)
		fsync_dirfd(dirs->previous_dirfd);
	else if (errno != ENOENT)
		return -errno;
	crashpoint(CP_BACKUP_COMMITTED);
	return 0;
}

int install_begin(const struct install_dirs *dirs, struct install *in, const char *target, const char *path,
		  mode_t new_mode, const struct version_ref *expected, bool force, const char *new_version,
		  const char *new_sha256, uint64_t new_size, bool rollback, const struct known_file *known,
		  struct install_error *err)
{
	memset(in, 0, sizeof(*in));
	in->journal_fd = -1;
	in->new_mode = new_mode;
	struct journal_record *j = &in->jrec;
	char why[512] = "";

	int r = swap_prepare(&in->swap, dirs->trust, path, why, sizeof(why));
	if (r < 0) {
		bool unsafe = r == -EPERM || r == -ELOOP || r == -EINVAL;
		return fail(err, unsafe ? E_UNSAFE_PATH : E_IO_ERROR, "%s", why);
	}
	strlcpy_ok(j->target, target, sizeof(j->target));
	strlcpy_ok(j->path, path, sizeof(j->path));
	strlcpy_ok(j->new_sha256, new_sha256, sizeof(j->new_sha256));
	strlcpy_ok(j->new_version, new_version, sizeof(j->new_version));
	j->rollback = rollback;

	if (in->swap.old_exists) {
		struct stat st;
		if (known && known->valid && fstat(in->swap.old_fd, &st) == 0 && stat_same_content(&st, &known->st)) {
			strlcpy_ok(j->old_sha256, known->sha256, sizeof(j->old_sha256));
		} else if ((r = sha256_fd(in->swap.old_fd, j->old_sha256, NULL)) < 0) {
			return fail(err, E_IO_ERROR, "cannot read %s: %s", path, strerror(-r));
		}
		j->has_old = true;
		if (expected->present && strcmp(expected->sha256, j->old_sha256) == 0)
			strlcpy_ok(j->old_version, expected->version, sizeof(j->old_version));
		else if (known && known->valid && strcmp(known->sha256, j->old_sha256) == 0)
			strlcpy_ok(j->old_version, known->version, sizeof(j->old_version));
		if (expected->present && strcmp(expected->sha256, j->old_sha256) != 0 && !force)
			return fail(err, E_MODIFIED,
				    "%s was changed outside upswap (sha256 %.12s... is not the recorded %.12s...); "
				    "nothing was replaced; update with force to replace it",
				    path, j->old_sha256, expected->sha256);
	} else if (expected->present && !force) {
		return fail(err, E_MODIFIED, "%s was removed outside upswap; update with force to reinstall it", path);
	}

	/* A journal left by a crash must be resolved before a new swap starts. */
	r = install_recover(dirs, target);
	if (r < 0)
		return fail(err, E_IO_ERROR, "an interrupted swap of %s could not be recovered: %s", target,
			    strerror(-r));
	remove_stale_temps(in->swap.dirfd, in->swap.name);

	swap_pick_temp_name(&in->swap);
	strlcpy_ok(j->temp, in->swap.temp, sizeof(j->temp));
	r = journal_begin(dirs->journal_dirfd, j);
	if (r < 0)
		return fail(err, r == -ENOSPC ? E_DISK_FULL : E_IO_ERROR, "cannot write the journal for %s: %s",
			    target, strerror(-r));
	in->journal_fd = r;
	in->begun = true;
	crashpoint(CP_JOURNAL_BEGUN);

	r = swap_temp_create(&in->swap, new_size);
	if (r == -ENOSPC || r == -EDQUOT)
		return fail(err, E_DISK_FULL, "no space for the %llu bytes of the new file next to %s; nothing was changed",
			    (unsigned long long)new_size, path);
	if (r < 0)
		return fail(err, E_IO_ERROR, "cannot create a temp file next to %s: %s", path, strerror(-r));
	crashpoint(CP_TEMP_CREATED);
	return 0;
}

int install_write(struct install *in, const void *buf, size_t len, struct install_error *err)
{
	int r = swap_temp_write(&in->swap, buf, len);
	if (r == -ENOSPC)
		return fail(err, E_DISK_FULL, "no space left next to %s after %llu bytes; nothing was changed",
			    in->swap.path, (unsigned long long)in->swap.written);
	if (r < 0)
		return fail(err, E_IO_ERROR, "writing the new file next to %s failed: %s", in->swap.path, strerror(-r));
	return 0;
}

int install_commit(const struct install_dirs *dirs, struct install *in, struct target_record *rec,
		   struct known_file *installed, struct install_error *err)
{
	struct journal_record *j = &in->jrec;
	char sha[SHA256_HEX_LEN + 1], why[512] = "";
	int r = swap_temp_finish(&in->swap, in->new_mode, sha, why, sizeof(why));
	if (r < 0)
		return fail(err, r == -ENOSPC ? E_DISK_FULL : E_IO_ERROR, "%s: %s; nothing was changed",
			    in->swap.path, why);
	if (strcmp(sha, j->new_sha256) != 0)
		return fail(err, E_VERIFY_FAILED,
			    "the bytes for %s %s hash to %.12s..., the feed says %.12s...; nothing was changed",
			    j->target, j->new_version, sha, j->new_sha256);
	crashpoint(CP_TEMP_SYNCED);

	if ((r = journal_step(in->journal_fd, "staged")) < 0)
		return fail(err, E_IO_ERROR, "journal write failed: %s; nothing was changed", strerror(-r));
	crashpoint(CP_JOURNAL_STAGED);

	_cleanup_free_ char *staged = staged_name(j->target);
	if ((r = swap_backup_old(&in->swap, dirs->previous_dirfd, staged)) < 0)
		return fail(err, r == -ENOSPC ? E_DISK_FULL : E_IO_ERROR,
			    "cannot keep the old %s for rollback: %s; nothing was changed", in->swap.path, strerror(-r));
	crashpoint(CP_BACKUP_LINKED);

	if ((r = journal_step(in->journal_fd, "renaming")) < 0)
		return fail(err, E_IO_ERROR, "journal write failed: %s; nothing was changed", strerror(-r));
	crashpoint(CP_JOURNAL_RENAMING);

	if ((r = swap_rename(&in->swap)) < 0)
		return fail(err, E_IO_ERROR, "rename into %s failed: %s; nothing was changed", in->swap.path,
			    strerror(-r));
	crashpoint(CP_RENAMED);
	if (installed) {
		/* The temp fd is the installed file now; rename changed its ctime. */
		installed->valid = fstat(in->swap.temp_fd, &installed->st) == 0;
		strlcpy_ok(installed->sha256, j->new_sha256, sizeof(installed->sha256));
	}
	/* From here on the new binary is in place: failures below are about
	 * bookkeeping, which the journal lets recovery finish. */
	r = swap_sync_dir(&in->swap);
	crashpoint(CP_DIR_SYNCED);
	if (r == 0)
		r = finish_forward(dirs, j, rec, false);
	if (r < 0)
		return fail(err, E_IO_ERROR, "%s was installed, but recording it failed (%s); "
			    "the helper will finish this on its next start", in->swap.path, strerror(-r));
	close(in->journal_fd);
	in->journal_fd = -1;
	journal_clear(dirs->journal_dirfd, j->target);
	in->begun = false;
	crashpoint(CP_JOURNAL_CLEARED);
	swap_close(&in->swap);
	return 0;
}

void install_abort(const struct install_dirs *dirs, struct install *in)
{
	swap_abort(&in->swap);
	if (in->journal_fd >= 0)
		close(in->journal_fd);
	in->journal_fd = -1;
	/* Recovery decides by the target's hash: not renamed → leftovers are
	 * removed; renamed but bookkeeping failed → the install is recorded. */
	if (in->begun)
		install_recover(dirs, in->jrec.target);
	in->begun = false;
	swap_close(&in->swap);
}

static int recover_one(const struct install_dirs *dirs, const char *file)
{
	struct journal_record j;
	int r = journal_read(dirs->journal_dirfd, file, &j);
	if (r < 0) {
		log_error("journal %s is unreadable (%s); moving it aside", file, strerror(-r));
		_cleanup_free_ char *aside = xasprintf("%s.bad", file);
		renameat(dirs->journal_dirfd, file, dirs->journal_dirfd, aside);
		fsync_dirfd(dirs->journal_dirfd);
		return 0;
	}
	_cleanup_close_ int dirfd = -1;
	_cleanup_free_ char *base = NULL;
	char why[512];
	r = safe_open_parent(dirs->trust, j.path, &dirfd, &base, why, sizeof(why));
	if (r < 0) {
		log_error("cannot recover the interrupted swap of %s: %s", j.target, why);
		return r;
	}
	char cur[SHA256_HEX_LEN + 1] = "";
	struct stat st;
	r = safe_stat_target(dirfd, base, &st);
	if (r == 0) {
		_cleanup_close_ int fd = -1;
		if (safe_open_target(dirfd, base, &st, &fd) < 0 || sha256_fd(fd, cur, NULL) < 0) {
			log_error("cannot read %s to recover its interrupted swap", j.path);
			return -EIO;
		}
	} else if (r != -ENOENT) {
		log_error("cannot recover the interrupted swap of %s: %s is not a regular file", j.target, j.path);
		return r;
	}
	/* The temp file is never the target: remove it first in both cases. */
	if (unlinkat(dirfd, j.temp, 0) == 0)
		fsync_dirfd(dirfd);
	remove_stale_temps(dirfd, base);

	if (cur[0] && strcmp(cur, j.new_sha256) == 0) {
		struct target_record rec;
		state_load(dirs->state_dirfd, j.target, &rec);
		r = finish_forward(dirs, &j, &rec, true);
		if (r < 0) {
			log_error("cannot record the recovered swap of %s: %s", j.target, strerror(-r));
			return r;
		}
		log_notice("recovered the interrupted %s of %s: %s is version %s", j.rollback ? "rollback" : "update",
			   j.target, j.path, j.new_version);
	} else {
		_cleanup_free_ char *staged = staged_name(j.target);
		if (unlinkat(dirs->previous_dirfd, staged, 0) == 0)
			fsync_dirfd(dirs->previous_dirfd);
		if (cur[0] && j.has_old && strcmp(cur, j.old_sha256) != 0)
			log_warning("%s matches neither the old nor the new version after an interrupted swap; "
				    "left as it is", j.path);
		log_notice("undid the interrupted %s of %s: %s was not replaced (step %s)",
			   j.rollback ? "rollback" : "update", j.target, j.path, j.last_step);
	}
	return journal_clear(dirs->journal_dirfd, j.target);
}

int install_recover(const struct install_dirs *dirs, const char *target)
{
	_cleanup_free_ char *file = xasprintf("%s.journal", target);
	struct stat st;
	if (fstatat(dirs->journal_dirfd, file, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? 0 : -errno;
	return recover_one(dirs, file);
}

int install_recover_all(const struct install_dirs *dirs)
{
	int fd = fcntl(dirs->journal_dirfd, F_DUPFD_CLOEXEC, 3);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	/* The dup shares its offset with journal_dirfd: start from the top. */
	rewinddir(d);
	char *files[64];
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d)) && n < ARRAY_SIZE(files)) {
		size_t len = strlen(de->d_name);
		if (de->d_name[0] != '.' && len > 8 && strcmp(de->d_name + len - 8, ".journal") == 0)
			files[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	int left = 0;
	for (size_t i = 0; i < n; i++) {
		if (recover_one(dirs, files[i]) < 0)
			left++;
		free(files[i]);
	}
	return left;
}
