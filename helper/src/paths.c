/* paths.c — see paths.h. */
#include "paths.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>

#include "util.h"

int paths_init(struct paths *p, const char *root)
{
	memset(p, 0, sizeof(*p));
	if (!root || strcmp(root, "/") == 0)
		root = "";
	if (root[0] && root[0] != '/')
		return -EINVAL;
	size_t n = strlen(root);
	while (n > 1 && root[n - 1] == '/')
		n--;
	p->root = xasprintf("%.*s", (int)n, root);
	p->config_dir = xasprintf("%s/etc/upswap", p->root);
	p->helper_conf = xasprintf("%s/helper.conf", p->config_dir);
	p->targets_dir = xasprintf("%s/targets.d", p->config_dir);
	p->state_dir = xasprintf("%s/var/lib/upswap", p->root);
	p->cache_dir = xasprintf("%s/var/cache/upswap", p->root);
	p->run_dir = xasprintf("%s/run/upswap", p->root);
	p->helper_sock = xasprintf("%s/helper.sock", p->run_dir);
	p->poke_sock = xasprintf("%s/poke.sock", p->run_dir);
	struct sockaddr_un sun;
	if (strlen(p->helper_sock) >= sizeof(sun.sun_path)) {
		paths_free(p);
		return -ENAMETOOLONG;
	}
	return 0;
}

void paths_free(struct paths *p)
{
	free(p->root);
	free(p->config_dir);
	free(p->helper_conf);
	free(p->targets_dir);
	free(p->state_dir);
	free(p->cache_dir);
	free(p->run_dir);
	free(p->helper_sock);
	free(p->poke_sock);
	memset(p, 0, sizeof(*p));
}

static int mkdir_p(const char *path, mode_t mode)
{
	_cleanup_free_ char *buf = xstrdup(path);
	for (char *s = buf + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(buf, 0755) < 0 && errno != EEXIST)
			return -errno;
		*s = '/';
	}
	if (mkdir(buf, mode) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

int paths_create_dirs(const struct paths *p)
{
	const struct {
		const char *path;
		mode_t mode;
	} dirs[] = {
		{ p->state_dir, 0755 },
		{ p->cache_dir, 0755 },
		{ p->run_dir, 0755 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++) {
		int r = mkdir_p(dirs[i].path, dirs[i].mode);
		if (r < 0)
			return r;
	}
	return 0;
}
