/* test_reexec.c — libupswap-reexec: a process notices its file was replaced,
 * re-execs onto the new one under the same pid with exactly the fds it chose
 * to keep and its signal mask, a signal sent during the exec is not lost
 * (nor fatal), and a failed exec leaves it exactly as it was.
 *
 * The process that re-execs is a copy of this test binary started in
 * "probe" mode, so the real execve() runs on a real replaced file. */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#include "upswap-reexec.h"

static int count_fds_from_3(void)
{
	DIR *d = opendir("/proc/self/fd");
	if (!d)
		return -1;
	int n = 0, self = dirfd(d);
	struct dirent *de;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.' && atoi(de->d_name) >= 3 && atoi(de->d_name) != self)
			n++;
	closedir(d);
	return n;
}

static volatile sig_atomic_t hups;

static void on_hup(int sig)
{
	(void)sig;
	hups++;
}

/* The probe: before the exec it keeps one pipe end and leaks one
 * inheritable fd on purpose; after it, it reports what it was handed. */
static int probe(int argc, char **argv)
{
	int fds[UPSWAP_REEXEC_MAX_FDS];
	int got = upswap_listen_fds(fds, UPSWAP_REEXEC_MAX_FDS);
	if (got > 0) {
		struct stat st;
		if (fstat(fds[0], &st) < 0)
			return 3;
		printf("post %d %d %d %lu %d\n", (int)getpid(), got, fds[0], (unsigned long)st.st_ino,
		       count_fds_from_3());
		printf("cloexec %d\n", (fcntl(fds[0], F_GETFD) & FD_CLOEXEC) ? 1 : 0);
		/* Signals arrive blocked; one sent now (as if during the exec)
		 * waits for the handler and is delivered by init. */
		sigset_t cur;
		sigprocmask(SIG_SETMASK, NULL, &cur);
		int all_blocked = sigismember(&cur, SIGHUP) == 1 && sigismember(&cur, SIGTERM) == 1;
		raise(SIGHUP);
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_hup;
		sigaction(SIGHUP, &sa, NULL);
		upswap_reexec_init(argc, argv, NULL);
		sigprocmask(SIG_SETMASK, NULL, &cur);
		printf("signals %d %d %d %d\n", all_blocked, (int)hups, sigismember(&cur, SIGUSR2) == 1,
		       sigismember(&cur, SIGHUP) == 1);
		return 0;
	}
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0 || upswap_reexec_init(argc, argv, NULL) < 0)
		return 2;
	int leak = open("/dev/null", O_RDONLY); /* not CLOEXEC: must not survive */
	sigset_t usr2; /* the program's own mask, to be restored after the exec */
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	sigprocmask(SIG_BLOCK, &usr2, NULL);
	struct stat st;
	fstat(p[0], &st);
	printf("pre %d %lu %d\n", (int)getpid(), (unsigned long)st.st_ino, leak);
	fflush(stdout);
	for (int i = 0; i < 1000 && !upswap_binary_changed(); i++) {
		struct timespec t = { .tv_nsec = 10 * 1000 * 1000 };
		nanosleep(&t, NULL);
	}
	int rc = upswap_reexec(&p[0], 1);
	printf("failed %d\n", rc);
	return 1;
}

static void copy_file(const char *from, const char *to)
{
	char *cmd = NULL;
	assert_true(asprintf(&cmd, "cp '%s' '%s' && chmod 755 '%s'", from, to, to) > 0);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static void self_exe(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);
	assert_true(n > 0);
	buf[n] = '\0';
}

static void reexec_keeps_chosen_fds_and_closes_the_rest(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp();
	char *app = tu_path(dir, "app"), *next = tu_path(dir, "app.new");
	char me[4096];
	self_exe(me, sizeof(me));
	copy_file(me, app);

	int out[2];
	assert_int_equal(pipe2(out, O_CLOEXEC), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(out[1], 1);
		execl(app, "app", "probe", (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	FILE *f = fdopen(out[0], "r");
	int pre_pid, leak, post_pid, got, fd0, others, cloexec;
	unsigned long pre_ino, post_ino;
	assert_int_equal(fscanf(f, "pre %d %lu %d\n", &pre_pid, &pre_ino, &leak), 3);
	assert_int_equal(pre_pid, pid);
	assert_true(leak > 3);

	/* The update: a new file renamed over the one the probe runs. */
	copy_file(me, next);
	assert_int_equal(rename(next, app), 0);

	assert_int_equal(fscanf(f, "post %d %d %d %lu %d\n", &post_pid, &got, &fd0, &post_ino, &others), 5);
	assert_int_equal(fscanf(f, "cloexec %d\n", &cloexec), 1);
	int all_blocked, hup_count, usr2_blocked, hup_blocked;
	assert_int_equal(fscanf(f, "signals %d %d %d %d\n", &all_blocked, &hup_count, &usr2_blocked, &hup_blocked), 4);
	fclose(f);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);

	assert_int_equal(post_pid, pid);            /* same process */
	assert_int_equal(got, 1);                   /* one fd handed over */
	assert_int_equal(fd0, UPSWAP_LISTEN_FDS_START);
	assert_int_equal(post_ino, pre_ino);        /* the very same pipe */
	assert_int_equal(others, 1);                /* the leaked fd is gone */
	assert_int_equal(cloexec, 1);               /* not passed further */
	assert_int_equal(all_blocked, 1);           /* no default disposition could fire */
	assert_int_equal(hup_count, 1);             /* the pending SIGHUP reached the handler */
	assert_int_equal(usr2_blocked, 1);          /* the program's own mask is back */
	assert_int_equal(hup_blocked, 0);
	tu_rmtree(dir);
	free(app);
	free(next);
	free(dir);
}

static void fd_identity(int fd, ino_t *ino, int *flags)
{
	struct stat st;
	*flags = fcntl(fd, F_GETFD);
	*ino = (*flags >= 0 && fstat(fd, &st) == 0) ? st.st_ino : 0;
}

static void a_failed_exec_leaves_the_process_as_it_was(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp();
	char *app = tu_path(dir, "app"), *next = tu_path(dir, "app.new");
	/* Executable bits, but not a program: execve() says ENOEXEC. */
	tu_write(app, "not a program\n", 14, 0755);
	static char arg0[] = "app";
	static char *argv[] = { arg0, NULL };
	assert_int_equal(upswap_reexec_init(1, argv, app), 0);
	assert_true(upswap_binary_changed());

	int p[2];
	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	int leak = open("/dev/null", O_RDONLY);
	assert_true(leak >= 0);
	ino_t slot_ino, leak_ino, keep_ino;
	int slot_flags, leak_flags, keep_flags;
	fd_identity(UPSWAP_LISTEN_FDS_START, &slot_ino, &slot_flags);
	fd_identity(leak, &leak_ino, &leak_flags);
	fd_identity(p[1], &keep_ino, &keep_flags);
	int before = count_fds_from_3();

	sigset_t mask_before, mask_after;
	sigprocmask(SIG_SETMASK, NULL, &mask_before);
	int rc = upswap_reexec(&p[1], 1);
	assert_true(rc == -ENOEXEC || rc == -EACCES);
	sigprocmask(SIG_SETMASK, NULL, &mask_after);
	for (int sig = 1; sig < NSIG; sig++)
		assert_int_equal(sigismember(&mask_after, sig), sigismember(&mask_before, sig));
	assert_null(getenv("UPSWAP_REEXEC_SIGMASK"));

	ino_t ino;
	int flags;
	fd_identity(UPSWAP_LISTEN_FDS_START, &ino, &flags);
	assert_int_equal(ino, slot_ino);
	assert_int_equal(flags, slot_flags);
	fd_identity(leak, &ino, &flags);
	assert_int_equal(ino, leak_ino);
	assert_int_equal(flags, leak_flags); /* its CLOEXEC was undone */
	fd_identity(p[1], &ino, &flags);
	assert_int_equal(ino, keep_ino);
	assert_int_equal(flags, keep_flags);
	assert_int_equal(count_fds_from_3(), before);
	assert_null(getenv("UPSWAP_LISTEN_FDS"));

	/* Not retried on the same broken file, noticed again on the next one. */
	assert_false(upswap_binary_changed());
	tu_write(next, "still not a program\n", 20, 0755);
	assert_int_equal(rename(next, app), 0);
	assert_true(upswap_binary_changed());

	close(leak);
	close(p[0]);
	close(p[1]);
	tu_rmtree(dir);
	free(app);
	free(next);
	free(dir);
}

static void a_missing_file_is_not_a_change(void **state)
{
	(void)state;
	char me[4096];
	self_exe(me, sizeof(me));
	static char arg0[] = "app";
	static char *argv[] = { arg0, NULL };
	assert_int_equal(upswap_reexec_init(1, argv, NULL), 0);
	assert_false(upswap_binary_changed()); /* runs its own path */
	assert_int_equal(upswap_reexec_init(1, argv, "/nonexistent/upswap-test"), 0);
	assert_false(upswap_binary_changed());
	assert_int_equal(upswap_reexec_init(1, argv, "/bin/sh"), 0);
	assert_true(upswap_binary_changed()); /* another file entirely */
}

static void handed_fds_are_only_taken_by_their_process(void **state)
{
	(void)state;
	int fds[4];
	setenv("UPSWAP_LISTEN_FDS", "1", 1);
	setenv("UPSWAP_LISTEN_PID", "1", 1); /* someone else's */
	assert_int_equal(upswap_listen_fds(fds, 4), 0);
	assert_null(getenv("UPSWAP_LISTEN_FDS"));
	assert_null(getenv("UPSWAP_LISTEN_PID"));
	assert_int_equal(upswap_listen_fds(fds, 4), 0);
}

/* SIGTERM handled just before the exec: the stop must win, not be lost. */
static void a_stop_request_cancels_the_exec(void **state)
{
	(void)state;
	static char arg0[] = "app";
	static char *argv[] = { arg0, NULL };
	static volatile sig_atomic_t stop;
	/* If the exec did happen, the test would end as /bin/false: failing. */
	assert_int_equal(upswap_reexec_init(1, argv, "/bin/false"), 0);
	upswap_reexec_stop_flag(&stop);
	stop = 1;
	int before = count_fds_from_3();
	int p[2];
	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	assert_int_equal(upswap_reexec(&p[0], 1), -ECANCELED);
	/* Nothing happened: still here, fds as they were, the update still pending. */
	assert_int_equal(count_fds_from_3(), before + 2);
	assert_true(upswap_binary_changed());
	sigset_t cur;
	sigprocmask(SIG_SETMASK, NULL, &cur);
	assert_int_equal(sigismember(&cur, SIGTERM), 0);
	upswap_reexec_stop_flag(NULL);
	close(p[0]);
	close(p[1]);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "probe") == 0)
		return probe(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reexec_keeps_chosen_fds_and_closes_the_rest),
		cmocka_unit_test(a_failed_exec_leaves_the_process_as_it_was),
		cmocka_unit_test(a_stop_request_cancels_the_exec),
		cmocka_unit_test(a_missing_file_is_not_a_change),
		cmocka_unit_test(handed_fds_are_only_taken_by_their_process),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
