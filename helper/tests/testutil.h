/* testutil.h — scratch directories and file helpers shared by the C tests.
 * Header-only so each test stays one self-contained binary. */
#ifndef UPSWAP_TESTUTIL_H
#define UPSWAP_TESTUTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A fresh directory under $TMPDIR (or /tmp); removed by tu_rmtree. */
static inline char *tu_mkdtemp(void)
{
	const char *base = getenv("TMPDIR");
	char *path = NULL;
	if (asprintf(&path, "%s/upswap-test-XXXXXX", base && *base ? base : "/tmp") < 0)
		abort();
	assert_non_null(mkdtemp(path));
	return path;
}

static inline void tu_rmtree(const char *path)
{
	char *cmd = NULL;
	if (asprintf(&cmd, "rm -rf '%s'", path) < 0)
		abort();
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static inline char *tu_path(const char *dir, const char *rel)
{
	char *p = NULL;
	if (asprintf(&p, "%s/%s", dir, rel) < 0)
		abort();
	return p;
}

static inline void tu_write(const char *path, const void *data, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

static inline void tu_write_str(const char *path, const char *s)
{
	tu_write(path, s, strlen(s), 0644);
}

/* Whole file as a NUL-terminated string (test files are small). */
static inline char *tu_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(1 << 20);
	size_t n = fread(buf, 1, (1 << 20) - 1, f);
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

static inline void tu_mkdir(const char *path, mode_t mode)
{
	assert_int_equal(mkdir(path, mode), 0);
	assert_int_equal(chmod(path, mode), 0);
}

/* Number of entries in a directory other than . and .. */
static inline int tu_count_entries(const char *dir)
{
	char *cmd = NULL;
	if (asprintf(&cmd, "ls -A '%s' | wc -l", dir) < 0)
		abort();
	FILE *p = popen(cmd, "r");
	int n = -1;
	assert_int_equal(fscanf(p, "%d", &n), 1);
	pclose(p);
	free(cmd);
	return n;
}

#endif
