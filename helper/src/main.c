/* main.c — upswap-helper's command line: parse options, optionally detach,
 * then hand over to the daemon (daemon.c). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "crashpoint.h"
#include "daemon.h"
#include "log.h"
#include "util.h"

#ifndef LIBEXECDIR
#define LIBEXECDIR "/usr/libexec"
#endif

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: upswap-helper [OPTION]...\n"
		"The privileged half of upswap: checks feeds and atomically swaps the binaries\n"
		"configured in /etc/upswap/targets.d/, on request of local clients.\n"
		"\n"
		"  -r, --root DIR        keep config, state, cache and sockets under DIR (a sandbox\n"
		"                        for tests and demos; may run unprivileged)\n"
		"  -f, --foreground      do not detach; log to stderr (as a systemd service: to\n"
		"                        the journal, with priorities); detached, it logs to syslog\n"
		"  -l, --log-level LVL   err, warning, notice, info (default) or debug\n"
		"      --no-polkit       only with --root: authorize by uid (root and the helper's\n"
		"                        own uid) instead of asking polkit\n"
		"      --check-config    load the configuration, report problems, exit\n"
		"      --fetch-socket PATH  ask the socket-activated upswap-fetch at PATH\n"
		"                        (upswap-fetch.socket) to download, instead of starting\n"
		"                        it: the helper then needs no network access itself\n"
		"      --fetcher PATH    the upswap-fetch downloader (default: next to this\n"
		"                        binary, else " LIBEXECDIR "/upswap/upswap-fetch)\n"
		"  -h, --help            show this help\n"
		"  -V, --version         show the version\n"
		"\n"
		"Signals: SIGHUP reloads the configuration and checks now; SIGTERM and SIGINT\n"
		"abandon unfinished work safely and exit.\n"
		"Sockets: ROOT/run/upswap/helper.sock (requests), ROOT/run/upswap/poke.sock (pokes).\n");
}

/* Detaches; the parent exits only once the child is ready (or failed), so
 * "upswap-helper && upswap status" works. Returns the ready-pipe fd. */
static int detach(void)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0) {
		perror("upswap-helper: pipe");
		exit(1);
	}
	pid_t pid = fork();
	if (pid < 0) {
		perror("upswap-helper: fork");
		exit(1);
	}
	if (pid > 0) {
		close(p[1]);
		char c;
		ssize_t n;
		do
			n = read(p[0], &c, 1);
		while (n < 0 && errno == EINTR);
		_exit(n == 1 ? 0 : 1);
	}
	close(p[0]);
	setsid();
	if (chdir("/") < 0)
		_exit(1);
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		close(null);
	}
	log_use_syslog();
	return p[1];
}

enum { OPT_NO_POLKIT = 256, OPT_CHECK_CONFIG, OPT_LIST_CRASH_POINTS, OPT_FETCHER, OPT_FETCH_SOCKET };

/* upswap-fetch next to this binary (build tree, tests), else where the
 * package installs it. */
static char *default_fetcher(void)
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		self[n] = '\0';
		char *slash = strrchr(self, '/');
		if (slash) {
			char *p = xasprintf("%.*s/upswap-fetch", (int)(slash - self), self);
			if (access(p, X_OK) == 0)
				return p;
			free(p);
		}
	}
	return xstrdup(LIBEXECDIR "/upswap/upswap-fetch");
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "root", required_argument, NULL, 'r' },
		{ "foreground", no_argument, NULL, 'f' },
		{ "log-level", required_argument, NULL, 'l' },
		{ "no-polkit", no_argument, NULL, OPT_NO_POLKIT },
		{ "check-config", no_argument, NULL, OPT_CHECK_CONFIG },
		{ "list-crash-points", no_argument, NULL, OPT_LIST_CRASH_POINTS },
		{ "fetcher", required_argument, NULL, OPT_FETCHER },
		{ "fetch-socket", required_argument, NULL, OPT_FETCH_SOCKET },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct options opts = { .log_level = LOG_INFO };
	bool no_polkit = false, check_config = false;
	int c;
	while ((c = getopt_long(argc, argv, "r:fl:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'r':
			opts.root = optarg;
			break;
		case 'f':
			opts.foreground = true;
			break;
		case 'l':
			opts.log_level = log_level_from_name(optarg);
			if (opts.log_level < 0) {
				fprintf(stderr, "upswap-helper: unknown log level '%s' (err, warning, notice, info, debug)\n",
					optarg);
				return 2;
			}
			break;
		case OPT_NO_POLKIT:
			no_polkit = true;
			break;
		case OPT_CHECK_CONFIG:
			check_config = true;
			break;
		case OPT_FETCHER:
			opts.fetcher = optarg;
			break;
		case OPT_FETCH_SOCKET:
			if (optarg[0] != '/') {
				fprintf(stderr, "upswap-helper: --fetch-socket needs an absolute path\n");
				return 2;
			}
			opts.fetch_socket = optarg;
			break;
		case OPT_LIST_CRASH_POINTS:
			for (int i = 0; i < CP__COUNT; i++)
				printf("%s\n", crashpoint_name(i));
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("upswap-helper %s\n", HELPER_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "upswap-helper: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return 2;
	}
	opts.no_polkit = no_polkit;
	_cleanup_free_ char *fetcher = opts.fetcher ? NULL : default_fetcher();
	if (!opts.fetcher)
		opts.fetcher = fetcher;
	if (no_polkit && !opts.root) {
		fprintf(stderr, "upswap-helper: --no-polkit is only allowed together with --root (a sandbox)\n");
		return 2;
	}
	if (opts.root && opts.root[0] != '/') {
		fprintf(stderr, "upswap-helper: --root needs an absolute path\n");
		return 2;
	}
	log_set_level(opts.log_level);

	if (check_config) {
		struct paths paths;
		if (paths_init(&paths, opts.root) < 0) {
			fprintf(stderr, "upswap-helper: bad --root\n");
			return 2;
		}
		struct trust trust = { .owner = geteuid(), .sandbox = opts.root != NULL };
		struct config cfg;
		log_set_level(LOG_CRIT); /* the problems are printed below, once */
		config_load(&paths, &trust, &cfg);
		for (size_t i = 0; i < cfg.n_errors; i++)
			fprintf(stderr, "upswap-helper: %s\n", cfg.errors[i]);
		for (size_t i = 0; i < cfg.n_targets; i++)
			printf("%s: %s from %s (restart %s, every %llds)\n", cfg.targets[i].name, cfg.targets[i].path,
			       cfg.targets[i].source, cfg.targets[i].restart.text, (long long)cfg.targets[i].interval_s);
		int rc = cfg.n_errors ? 1 : 0;
		config_free(&cfg);
		paths_free(&paths);
		return rc;
	}

	/* Test hook: never honoured outside a sandbox. */
	const char *crash_at = getenv("UPSWAP_TEST_CRASH_AT");
	if (crash_at && *crash_at) {
		if (!opts.root) {
			fprintf(stderr, "upswap-helper: UPSWAP_TEST_CRASH_AT is ignored outside --root\n");
		} else if (!crashpoint_arm(crash_at)) {
			fprintf(stderr, "upswap-helper: unknown crash point '%s' (see --list-crash-points)\n", crash_at);
			return 2;
		}
	}

	int ready_fd = -1;
	if (!opts.foreground)
		ready_fd = detach();

	umask(022);
	struct daemon d;
	int r = daemon_init(&d, &opts);
	if (r < 0) {
		daemon_free(&d);
		return 1;
	}
	if (ready_fd >= 0) {
		if (write(ready_fd, "R", 1) < 0)
			log_warning("cannot tell the parent process that we are ready");
		close(ready_fd);
	}
	r = daemon_run(&d);
	daemon_free(&d);
	return r < 0 ? 1 : 0;
}
