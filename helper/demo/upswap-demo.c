/* upswap-demo.c — the program the README demo keeps running while upswap
 * replaces it. Built twice with different DEMO_VERSION values, so the two
 * binaries differ; it prints its version and which file it runs from, so
 * you can watch a running copy keep the old inode while new starts get the
 * new one. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef DEMO_VERSION
#define DEMO_VERSION "0.0.0"
#endif

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

int main(int argc, char **argv)
{
	int interval = 1, count = -1;
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("upswap-demo %s\n", DEMO_VERSION);
		return 0;
	}
	if (argc > 2 && strcmp(argv[1], "--count") == 0)
		count = atoi(argv[2]);
	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	for (int i = 0; !stop && (count < 0 || i < count); i++) {
		char exe[512];
		ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		exe[n > 0 ? n : 0] = '\0';
		printf("upswap-demo %s (pid %d) running from %s\n", DEMO_VERSION, (int)getpid(), exe);
		fflush(stdout);
		sleep((unsigned)interval);
	}
	return 0;
}
