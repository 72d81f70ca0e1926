/* test_procscan.c — finding processes that still run a replaced binary, and
 * the pid-reuse defence: a found process is only ever signalled through a
 * pidfd after checking that the pid still names the same process (same
 * start time, still running the replaced file). A fake /proc tree stands in
 * for the kernel's (a pid we own, so pidfd_open works on it); the real /proc
 * is exercised by the integration tests. */
#include "testutil.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>

#include "procscan.h"

struct fx {
	char *root, *proc;
	pid_t child;
	char piddir[512];
};

static void write_stat(struct fx *f, unsigned long long start)
{
	char *p = tu_path(f->piddir, "stat");
	char buf[512];
	/* comm with a space and a parenthesis, as real ones may have */
	snprintf(buf, sizeof(buf), "%d (my app) x) S 1 1 1 0 -1 4194560 100 0 0 0 0 0 0 0 20 0 1 0 %llu 1000 100\n",
		 (int)f->child, start);
	tu_write_str(p, buf);
	free(p);
}

static void set_exe(struct fx *f, const char *target)
{
	char *p = tu_path(f->piddir, "exe");
	unlink(p);
	assert_int_equal(symlink(target, p), 0);
	free(p);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->root = tu_mkdtemp();
	f->proc = tu_path(f->root, "proc");
	tu_mkdir(f->proc, 0755);
	f->child = fork();
	if (f->child == 0) {
		pause();
		_exit(0);
	}
	snprintf(f->piddir, sizeof(f->piddir), "%s/%d", f->proc, (int)f->child);
	tu_mkdir(f->piddir, 0755);
	write_stat(f, 4242);
	set_exe(f, "/opt/app/bin/app (deleted)");
	char *cmd = tu_path(f->piddir, "cmdline");
	tu_write(cmd, "app\0--serve\0" "8080\0", 17, 0644);
	free(cmd);
	/* An unrelated process: a different binary. */
	char *other = tu_path(f->proc, "1");
	tu_mkdir(other, 0755);
	char *exe = tu_path(other, "exe");
	assert_int_equal(symlink("/usr/bin/other (deleted)", exe), 0);
	free(exe);
	free(other);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	if (f->child > 0) {
		kill(f->child, SIGKILL);
		waitpid(f->child, NULL, 0);
	}
	tu_rmtree(f->root);
	free(f->root);
	free(f->proc);
	free(f);
	return 0;
}

static void finds_processes_on_the_replaced_binary(void **state)
{
	struct fx *f = *state;
	struct stale_process found[8];
	size_t n = procscan_stale(f->proc, "/opt/app/bin/app", found, 8);
	assert_int_equal(n, 1);
	assert_int_equal(found[0].pid, f->child);
	assert_int_equal(found[0].start_time, 4242);
	assert_string_equal(found[0].command, "app --serve 8080");
	/* A process on the current file (no "(deleted)") is not stale. */
	set_exe(f, "/opt/app/bin/app");
	assert_int_equal(procscan_stale(f->proc, "/opt/app/bin/app", found, 8), 0);
	/* Nor is one on another file whose name merely starts the same. */
	set_exe(f, "/opt/app/bin/app2 (deleted)");
	assert_int_equal(procscan_stale(f->proc, "/opt/app/bin/app", found, 8), 0);
}

static void a_reused_pid_is_never_pinned(void **state)
{
	struct fx *f = *state;
	struct stale_process found[8];
	assert_int_equal(procscan_stale(f->proc, "/opt/app/bin/app", found, 8), 1);
	int pidfd = procscan_pin(f->proc, &found[0], "/opt/app/bin/app");
	assert_true(pidfd >= 0); /* still the same process */
	close(pidfd);

	/* The pid now names another process: another start time. */
	write_stat(f, 9999);
	assert_int_equal(procscan_pin(f->proc, &found[0], "/opt/app/bin/app"), -ESRCH);
	/* Or it runs something else now. */
	write_stat(f, 4242);
	set_exe(f, "/usr/bin/bash");
	assert_int_equal(procscan_pin(f->proc, &found[0], "/opt/app/bin/app"), -ESRCH);
	/* Or it is gone. */
	set_exe(f, "/opt/app/bin/app (deleted)");
	kill(f->child, SIGKILL);
	waitpid(f->child, NULL, 0);
	f->child = -1;
	assert_int_equal(procscan_pin(f->proc, &found[0], "/opt/app/bin/app"), -ESRCH);
}

static void libraries_are_found_in_maps(void **state)
{
	struct fx *f = *state;
	assert_true(procscan_is_library("/usr/lib/libdemo.so"));
	assert_true(procscan_is_library("/usr/lib/libdemo.so.2.1"));
	assert_false(procscan_is_library("/usr/bin/demo"));
	set_exe(f, "/usr/bin/python3");
	char *maps = tu_path(f->piddir, "maps");
	tu_write_str(maps, "7f00-7f10 r-xp 00000000 fe:01 123 /usr/lib/libdemo.so.2 (deleted)\n"
			   "7f10-7f20 r-xp 00000000 fe:01 124 /usr/lib/libc.so.6\n");
	struct stale_process found[8];
	assert_int_equal(procscan_stale(f->proc, "/usr/lib/libdemo.so.2", found, 8), 1);
	assert_int_equal(procscan_stale(f->proc, "/usr/lib/libc.so.6", found, 8), 0);
	free(maps);
}

static void jars_are_found_among_open_files(void **state)
{
	struct fx *f = *state;
	assert_true(procscan_is_archive("/opt/app/lib/app.jar"));
	assert_false(procscan_is_archive("/opt/app/lib/jar"));
	assert_false(procscan_is_archive("/opt/app/bin/app"));
	set_exe(f, "/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
	char *fd = tu_path(f->piddir, "fd");
	tu_mkdir(fd, 0755);
	char *l3 = tu_path(fd, "3"), *l4 = tu_path(fd, "4");
	assert_int_equal(symlink("/usr/lib/jvm/java-17-openjdk-amd64/lib/modules", l3), 0);
	assert_int_equal(symlink("socket:[12345]", l4), 0);
	struct stale_process found[8];
	/* Only the current jar open: not stale. */
	char *l5 = tu_path(fd, "5");
	assert_int_equal(symlink("/opt/app/lib/app.jar", l5), 0);
	assert_int_equal(procscan_stale(f->proc, "/opt/app/lib/app.jar", found, 8), 0);
	/* The replaced jar still open: stale, and pinned as such. */
	unlink(l5);
	assert_int_equal(symlink("/opt/app/lib/app.jar (deleted)", l5), 0);
	assert_int_equal(procscan_stale(f->proc, "/opt/app/lib/app.jar", found, 8), 1);
	assert_int_equal(found[0].pid, f->child);
	int pidfd = procscan_pin(f->proc, &found[0], "/opt/app/lib/app.jar");
	assert_true(pidfd >= 0);
	close(pidfd);
	/* An open file is only looked at for jars: a binary must be executed. */
	char *l6 = tu_path(fd, "6");
	assert_int_equal(symlink("/opt/tool/bin/tool (deleted)", l6), 0);
	assert_int_equal(procscan_stale(f->proc, "/opt/tool/bin/tool", found, 8), 0);
	free(l3);
	free(l4);
	free(l5);
	free(l6);
	free(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(finds_processes_on_the_replaced_binary, setup, teardown),
		cmocka_unit_test_setup_teardown(a_reused_pid_is_never_pinned, setup, teardown),
		cmocka_unit_test_setup_teardown(libraries_are_found_in_maps, setup, teardown),
		cmocka_unit_test_setup_teardown(jars_are_found_among_open_files, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
