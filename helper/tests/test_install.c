/* test_install.c — the swap transaction on a real file system: the new
 * bytes land atomically with the old owner, mode and xattrs; a process
 * holding the old file keeps reading the old bytes; a modified, symlinked or
 * badly placed target is refused; bad bytes change nothing; and a SIGKILL at
 * every crash point leaves the target fully old or fully new after recovery,
 * with no journal, temp or staged file left over. */
#include "testutil.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <sys/xattr.h>

#include "crashpoint.h"
#include "fileio.h"
#include "install.h"
#include "sha256.h"
#include "swap.h"

static const char V1[] = "#!/bin/true\nversion one\n";
static const char V2[] = "#!/bin/true\nversion two, a little longer\n";

struct fixture {
	char *root, *bin, *app, *state, *journal, *previous;
	struct trust trust;
	struct install_dirs dirs;
	char sha1[SHA256_HEX_LEN + 1], sha2[SHA256_HEX_LEN + 1];
	struct version_ref v1_ref;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->root = tu_mkdtemp();
	f->bin = tu_path(f->root, "bin");
	f->app = tu_path(f->root, "bin/app");
	f->state = tu_path(f->root, "state");
	f->journal = tu_path(f->root, "state/journal");
	f->previous = tu_path(f->root, "state/previous");
	tu_mkdir(f->bin, 0755);
	tu_mkdir(f->state, 0755);
	tu_write(f->app, V1, sizeof(V1) - 1, 0751);
	f->trust = (struct trust){ .owner = geteuid(), .sandbox = true };
	f->dirs.state_dirfd = open(f->state, O_RDONLY | O_DIRECTORY);
	f->dirs.journal_dirfd = open_subdir(f->dirs.state_dirfd, "journal");
	f->dirs.previous_dirfd = open_subdir(f->dirs.state_dirfd, "previous");
	f->dirs.trust = &f->trust;
	sha256_hex_of(V1, sizeof(V1) - 1, f->sha1);
	sha256_hex_of(V2, sizeof(V2) - 1, f->sha2);
	f->v1_ref = (struct version_ref){ .present = true, .version = "1.0" };
	strcpy(f->v1_ref.sha256, f->sha1);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	close(f->dirs.state_dirfd);
	close(f->dirs.journal_dirfd);
	close(f->dirs.previous_dirfd);
	tu_rmtree(f->root);
	free(f->root);
	free(f->bin);
	free(f->app);
	free(f->state);
	free(f->journal);
	free(f->previous);
	free(f);
	return 0;
}

static void assert_file(const char *path, const char *want)
{
	size_t len;
	char *got = tu_read(path, &len);
	assert_non_null(got);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(got, want, len);
	free(got);
}

/* Nothing of ours left behind: only the target in bin/, no journal, no staged copy. */
static void assert_clean(struct fixture *f)
{
	assert_int_equal(tu_count_entries(f->bin), 1);
	assert_int_equal(tu_count_entries(f->journal), 0);
	char *staged = tu_path(f->previous, "app~staged");
	assert_int_not_equal(access(staged, F_OK), 0);
	free(staged);
}

static int run_install(struct fixture *f, const char *data, size_t len, const char *sha, bool force,
		       struct target_record *rec, struct install_error *err)
{
	struct install in;
	int r = install_begin(&f->dirs, &in, "app", f->app, 0755, &rec->installed, force, "2.0", sha, len, false, NULL, err);
	if (r == 0)
		r = install_write(&in, data, len, err);
	if (r == 0)
		r = install_commit(&f->dirs, &in, rec, NULL, err);
	if (r < 0)
		install_abort(&f->dirs, &in);
	return r;
}

static void update_is_atomic_and_keeps_metadata(void **state)
{
	struct fixture *f = *state;
	bool xattrs = setxattr(f->app, "user.upswap-test", "kept", 4, 0) == 0;
	int running = open(f->app, O_RDONLY); /* like a process executing the old binary */
	struct stat old_st;
	fstat(running, &old_st);

	struct target_record rec;
	target_record_init(&rec);
	rec.installed = f->v1_ref;
	struct install_error err;
	assert_int_equal(run_install(f, V2, sizeof(V2) - 1, f->sha2, false, &rec, &err), 0);

	assert_file(f->app, V2);
	struct stat st;
	assert_int_equal(stat(f->app, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0751);
	assert_int_equal(st.st_uid, old_st.st_uid);
	assert_int_not_equal(st.st_ino, old_st.st_ino);
	if (xattrs) {
		char v[16] = "";
		assert_int_equal(getxattr(f->app, "user.upswap-test", v, sizeof(v)), 4);
		assert_memory_equal(v, "kept", 4);
	} else {
		print_message("note: this file system has no user xattrs; xattr copy not exercised here\n");
	}
	/* The old inode is untouched and still readable through the open fd. */
	char buf[64] = "";
	assert_int_equal(pread(running, buf, sizeof(buf), 0), (ssize_t)(sizeof(V1) - 1));
	assert_memory_equal(buf, V1, sizeof(V1) - 1);
	/* ...and it is what rollback will restore: a hard link to that inode. */
	char *prev = tu_path(f->previous, "app");
	struct stat pst;
	assert_int_equal(stat(prev, &pst), 0);
	assert_int_equal(pst.st_ino, old_st.st_ino);
	free(prev);
	close(running);

	assert_true(rec.installed.present);
	assert_string_equal(rec.installed.version, "2.0");
	assert_string_equal(rec.installed.sha256, f->sha2);
	assert_string_equal(rec.previous.version, "1.0");
	assert_string_equal(rec.previous.sha256, f->sha1);
	assert_int_equal(rec.n_history, 1);
	struct target_record disk;
	assert_int_equal(state_load(f->dirs.state_dirfd, "app", &disk), 0);
	assert_string_equal(disk.installed.sha256, f->sha2);
	assert_string_equal(disk.previous.version, "1.0");
	assert_clean(f);
}

static void first_install_uses_configured_mode(void **state)
{
	struct fixture *f = *state;
	unlink(f->app);
	struct target_record rec;
	target_record_init(&rec);
	struct install in;
	struct install_error err;
	assert_int_equal(install_begin(&f->dirs, &in, "app", f->app, 0700, &rec.installed, false, "2.0", f->sha2,
				       sizeof(V2) - 1, false, NULL, &err), 0);
	assert_int_equal(install_write(&in, V2, sizeof(V2) - 1, &err), 0);
	struct known_file now;
	assert_int_equal(install_commit(&f->dirs, &in, &rec, &now, &err), 0);
	struct stat st;
	assert_int_equal(stat(f->app, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	/* What commit reports is exactly the installed file, so no re-hash is needed. */
	assert_true(now.valid);
	assert_true(stat_same_content(&st, &now.st));
	assert_string_equal(now.sha256, f->sha2);
	assert_false(rec.previous.present);
	assert_clean(f);
}

static void modified_binary_is_not_overwritten(void **state)
{
	struct fixture *f = *state;
	struct target_record rec;
	target_record_init(&rec);
	rec.installed = f->v1_ref;
	tu_write(f->app, "changed by hand\n", 16, 0755);
	struct install_error err;
	assert_int_not_equal(run_install(f, V2, sizeof(V2) - 1, f->sha2, false, &rec, &err), 0);
	assert_int_equal(err.code, E_MODIFIED);
	assert_non_null(strstr(err.message, "changed outside upswap"));
	assert_file(f->app, "changed by hand\n");
	assert_clean(f);
	/* force replaces it on purpose. */
	assert_int_equal(run_install(f, V2, sizeof(V2) - 1, f->sha2, true, &rec, &err), 0);
	assert_file(f->app, V2);
}

static void symlink_target_is_refused(void **state)
{
	struct fixture *f = *state;
	char *real = tu_path(f->root, "elsewhere");
	tu_write(real, V1, sizeof(V1) - 1, 0755);
	unlink(f->app);
	assert_int_equal(symlink(real, f->app), 0);
	struct target_record rec;
	target_record_init(&rec);
	struct install_error err;
	assert_int_not_equal(run_install(f, V2, sizeof(V2) - 1, f->sha2, true, &rec, &err), 0);
	assert_int_equal(err.code, E_UNSAFE_PATH);
	assert_non_null(strstr(err.message, "symlink"));
	assert_file(real, V1);
	free(real);
}

static void writable_directory_is_refused(void **state)
{
	struct fixture *f = *state;
	struct target_record rec;
	target_record_init(&rec);
	rec.installed = f->v1_ref;
	struct install_error err;
	for (int i = 0; i < 2; i++) {
		mode_t mode = i == 0 ? 0777 : 0775;
		chmod(f->bin, mode);
		assert_int_not_equal(run_install(f, V2, sizeof(V2) - 1, f->sha2, false, &rec, &err), 0);
		assert_int_equal(err.code, E_UNSAFE_PATH);
		assert_non_null(strstr(err.message, "only root may be able to write there"));
		assert_file(f->app, V1);
	}
	chmod(f->bin, 0755);
}

static void wrong_bytes_change_nothing(void **state)
{
	struct fixture *f = *state;
	struct target_record rec;
	target_record_init(&rec);
	rec.installed = f->v1_ref;
	struct install_error err;
	static const char evil[] = "#!/bin/sh\nrm -rf /\n";
	assert_int_not_equal(run_install(f, evil, sizeof(evil) - 1, f->sha2, false, &rec, &err), 0);
	assert_int_equal(err.code, E_VERIFY_FAILED);
	assert_file(f->app, V1);
	assert_false(rec.previous.present);
	assert_clean(f);
}

static void rollback_restores_previous(void **state)
{
	struct fixture *f = *state;
	struct target_record rec;
	target_record_init(&rec);
	rec.installed = f->v1_ref;
	struct install_error err;
	assert_int_equal(run_install(f, V2, sizeof(V2) - 1, f->sha2, false, &rec, &err), 0);
	char *prev = tu_path(f->previous, "app");
	int src = open(prev, O_RDONLY);
	struct install in;
	assert_int_equal(install_begin(&f->dirs, &in, "app", f->app, 0755, &rec.installed, false, "1.0", f->sha1,
				       sizeof(V1) - 1, true, NULL, &err), 0);
	char buf[256];
	ssize_t n = read(src, buf, sizeof(buf));
	assert_int_equal(install_write(&in, buf, (size_t)n, &err), 0);
	assert_int_equal(install_commit(&f->dirs, &in, &rec, NULL, &err), 0);
	close(src);
	assert_file(f->app, V1);
	assert_file(prev, V2);
	assert_string_equal(rec.installed.version, "1.0");
	assert_string_equal(rec.previous.version, "2.0");
	assert_true(rec.history[1].rollback);
	assert_clean(f);
	free(prev);
}

/* For every crash point: a child process runs the swap and is SIGKILLed
 * there; recovery then must leave old or new, and clean up. */
static void kill_at_every_step_then_recover(void **state)
{
	struct fixture *f = *state;
	for (int cp = 0; cp < CP__COUNT; cp++) {
		tu_write(f->app, V1, sizeof(V1) - 1, 0751);
		struct target_record rec;
		target_record_init(&rec);
		rec.installed = f->v1_ref;
		assert_int_equal(state_save(f->dirs.state_dirfd, "app", &rec), 0);
		char *prev = tu_path(f->previous, "app");
		unlink(prev);

		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			crashpoint_arm(crashpoint_name(cp));
			struct install_error err;
			_exit(run_install(f, V2, sizeof(V2) - 1, f->sha2, false, &rec, &err) == 0 ? 0 : 3);
		}
		int status;
		assert_int_equal(waitpid(pid, &status, 0), pid);
		bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
		/* The write-progress point belongs to the job loop, not to install. */
		if (cp == CP_TEMP_HALF_WRITTEN)
			assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		else if (!killed)
			fail_msg("crash point %s was never reached", crashpoint_name(cp));

		assert_int_equal(install_recover_all(&f->dirs), 0);
		size_t len = 0;
		char *now = tu_read(f->app, &len);
		bool is_new = len == sizeof(V2) - 1 && memcmp(now, V2, len) == 0;
		bool is_old = len == sizeof(V1) - 1 && memcmp(now, V1, len) == 0;
		free(now);
		if (!is_new && !is_old)
			fail_msg("after a crash at %s the target is torn", crashpoint_name(cp));
		bool renamed = cp >= CP_RENAMED || cp == CP_TEMP_HALF_WRITTEN;
		if (renamed != is_new)
			fail_msg("after a crash at %s the target is %s", crashpoint_name(cp), is_new ? "new" : "old");
		struct stat st;
		assert_int_equal(stat(f->app, &st), 0);
		assert_int_equal(st.st_mode & 07777, 0751);
		assert_clean(f);

		struct target_record disk;
		assert_int_equal(state_load(f->dirs.state_dirfd, "app", &disk), 0);
		assert_string_equal(disk.installed.sha256, is_new ? f->sha2 : f->sha1);
		if (is_new) {
			assert_true(disk.previous.present);
			assert_string_equal(disk.previous.sha256, f->sha1);
			assert_string_equal(disk.previous.version, "1.0");
			assert_file(prev, V1);
			assert_int_equal(disk.n_history, 1);
		}
		free(prev);
		print_message("crash at %-18s -> %s\n", crashpoint_name(cp), is_new ? "new" : "old");
	}
}

static void journal_torn_line_and_garbage(void **state)
{
	struct fixture *f = *state;
	struct journal_record j = { .target = "app", .has_old = true, .new_version = "2.0" };
	strcpy(j.path, f->app);
	strcpy(j.temp, ".app.upswap-new-000001");
	strcpy(j.old_sha256, f->sha1);
	strcpy(j.new_sha256, f->sha2);
	int fd = journal_begin(f->dirs.journal_dirfd, &j);
	assert_true(fd >= 0);
	assert_int_equal(journal_step(fd, "staged"), 0);
	assert_int_equal(write(fd, "{\"step\":\"rena", 13), 13); /* torn by a crash */
	close(fd);
	struct journal_record back;
	assert_int_equal(journal_read(f->dirs.journal_dirfd, "app.journal", &back), 0);
	assert_string_equal(back.last_step, "staged");
	assert_string_equal(back.path, f->app);
	assert_true(back.has_old);
	/* A second begin for the same target is refused while one exists. */
	assert_true(journal_begin(f->dirs.journal_dirfd, &j) < 0);
	assert_int_equal(install_recover_all(&f->dirs), 0);
	assert_int_equal(tu_count_entries(f->journal), 0);

	/* Garbage is moved aside, not trusted and not fatal. */
	char *bad = tu_path(f->journal, "app.journal");
	tu_write_str(bad, "this is not json\n");
	assert_int_equal(install_recover_all(&f->dirs), 0);
	char *aside = tu_path(f->journal, "app.journal.bad");
	assert_int_equal(access(aside, F_OK), 0);
	assert_file(f->app, V1);
	free(bad);
	free(aside);
}

static void stale_temps_are_removed(void **state)
{
	struct fixture *f = *state;
	char *stale = tu_path(f->bin, ".app.upswap-new-abcdef");
	char *other = tu_path(f->bin, ".other.upswap-new-abcdef");
	tu_write_str(stale, "half");
	tu_write_str(other, "not ours to remove");
	struct target_record rec;
	target_record_init(&rec);
	rec.installed = f->v1_ref;
	struct install_error err;
	assert_int_equal(run_install(f, V2, sizeof(V2) - 1, f->sha2, false, &rec, &err), 0);
	assert_int_not_equal(access(stale, F_OK), 0);
	assert_int_equal(access(other, F_OK), 0);
	free(stale);
	free(other);
}

/* A program that re-execs the moment it sees its new file must not get
 * ETXTBSY: by the rename, no fd may hold the new file open for writing. */
static void the_new_file_is_executable_when_it_is_renamed(void **state)
{
	struct fixture *f = *state;
	static const char script[] = "#!/bin/sh\nexit 7\n";
	struct swap s;
	char why[256] = "", sha[SHA256_HEX_LEN + 1];
	assert_int_equal(swap_prepare(&s, &f->trust, f->app, why, sizeof(why)), 0);
	swap_pick_temp_name(&s);
	assert_int_equal(swap_temp_create(&s, sizeof(script) - 1), 0);
	assert_int_equal(swap_temp_write(&s, script, sizeof(script) - 1), 0);
	assert_int_equal(swap_temp_finish(&s, 0755, sha, why, sizeof(why)), 0);
	assert_int_equal(swap_rename(&s), 0);

	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		execl(f->app, "app", (char *)NULL);
		_exit(errno == ETXTBSY ? 100 : 101);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) == 100)
		fail_msg("exec of the just-renamed file failed with ETXTBSY: a writer is still open");
	assert_int_equal(WEXITSTATUS(status), 7);
	/* The fd kept for bookkeeping still names the installed file. */
	struct stat a, b;
	assert_int_equal(fstat(s.temp_fd, &a), 0);
	assert_int_equal(stat(f->app, &b), 0);
	assert_int_equal(a.st_ino, b.st_ino);
	swap_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(update_is_atomic_and_keeps_metadata, setup, teardown),
		cmocka_unit_test_setup_teardown(first_install_uses_configured_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(modified_binary_is_not_overwritten, setup, teardown),
		cmocka_unit_test_setup_teardown(symlink_target_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(writable_directory_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(wrong_bytes_change_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(rollback_restores_previous, setup, teardown),
		cmocka_unit_test_setup_teardown(kill_at_every_step_then_recover, setup, teardown),
		cmocka_unit_test_setup_teardown(journal_torn_line_and_garbage, setup, teardown),
		cmocka_unit_test_setup_teardown(stale_temps_are_removed, setup, teardown),
		cmocka_unit_test_setup_teardown(the_new_file_is_executable_when_it_is_renamed, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
