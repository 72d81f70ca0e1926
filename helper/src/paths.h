/* paths.h — where the helper keeps things. Every path derives from one root
 * ("/" normally, a sandbox directory with --root), so tests and the demo run
 * the real helper unprivileged without touching the system. */
#ifndef UPSWAP_PATHS_H
#define UPSWAP_PATHS_H

struct paths {
	char *root;        /* "" for the real system, else the sandbox dir */
	char *config_dir;  /* ROOT/etc/upswap */
	char *helper_conf; /* ROOT/etc/upswap/helper.conf */
	char *targets_dir; /* ROOT/etc/upswap/targets.d */
	char *state_dir;   /* ROOT/var/lib/upswap */
	char *cache_dir;   /* ROOT/var/cache/upswap */
	char *run_dir;     /* ROOT/run/upswap */
	char *helper_sock; /* ROOT/run/upswap/helper.sock */
	char *poke_sock;   /* ROOT/run/upswap/poke.sock */
};

/* root may be NULL or "/" for the system. Returns 0 or -EINVAL if root is
 * not absolute or too long for a socket path. */
int paths_init(struct paths *p, const char *root);
void paths_free(struct paths *p);

/* mkdir -p for the helper's own directories (state, cache, run), mode 0755
 * and 0700 for state/cache internals. 0 or -errno. */
int paths_create_dirs(const struct paths *p);

#endif
