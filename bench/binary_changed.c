/* binary_changed.c — what upswap_binary_changed() costs per call, next to
 * the one stat() it is built on. Built and run by bench/ReexecBench.java. */
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "upswap-reexec.h"

static double now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
	enum { N = 2000000 };
	upswap_reexec_init(argc, argv, NULL);
	/* The same path upswap_binary_changed() stats: this program's file. */
	char path[4096];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	if (n <= 0)
		return 1;
	path[n] = '\0';
	volatile int sink = 0;
	for (int round = 0; round < 3; round++) {
		double t0 = now_ns();
		for (int i = 0; i < N; i++)
			sink += upswap_binary_changed();
		double t1 = now_ns();
		struct stat st;
		for (int i = 0; i < N; i++)
			sink += stat(path, &st);
		double t2 = now_ns();
		printf("round %d: upswap_binary_changed() %4.0f ns/call   stat() of the same path %4.0f ns/call   ratio %.2fx\n",
		       round + 1, (t1 - t0) / N, (t2 - t1) / N, (t1 - t0) / (t2 - t1));
	}
	return sink == 12345;
}
