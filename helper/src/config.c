/* config.c — see config.h. The parser is deliberately small: one key per
 * line, every key known, every value checked, every limit explicit. */
#include "config.h"

#include <dirent.h>
#include <stddef.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "fileio.h"
#include "log.h"
#include "source.h"
#include "util.h"

__attribute__((format(printf, 2, 3)))
static void add_error(struct config *cfg, const char *fmt, ...)
{
	char *msg = NULL;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	if (!msg)
		return;
	log_error("config: %s", msg);
	if (cfg->n_errors >= 64) { /* bounded: the first ones say enough */
		free(msg);
		return;
	}
	cfg->errors = xrealloc(cfg->errors, (cfg->n_errors + 1) * sizeof(char *));
	cfg->errors[cfg->n_errors++] = msg;
}

int64_t parse_duration(const char *s)
{
	if (!*s || *s < '0' || *s > '9')
		return -1;
	int64_t v = 0;
	const char *p = s;
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (*p - '0');
		if (v > 366LL * 86400)
			return -1;
	}
	int64_t mult;
	if (*p == '\0' || strcmp(p, "s") == 0)
		mult = 1;
	else if (strcmp(p, "m") == 0)
		mult = 60;
	else if (strcmp(p, "h") == 0)
		mult = 3600;
	else if (strcmp(p, "d") == 0)
		mult = 86400;
	else
		return -1;
	v *= mult;
	return v > 366LL * 86400 ? -1 : v;
}

int64_t parse_size(const char *s)
{
	if (!*s || *s < '0' || *s > '9')
		return -1;
	int64_t v = 0;
	const char *p = s;
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (*p - '0');
		if (v > (1LL << 40))
			return -1;
	}
	int shift = 0;
	if (*p == 'K' || *p == 'k')
		shift = 10;
	else if (*p == 'M')
		shift = 20;
	else if (*p == 'G')
		shift = 30;
	else if (*p != '\0')
		return -1;
	if (shift && p[1] != '\0')
		return -1;
	return v << shift;
}

static int signal_from_name(const char *name)
{
	static const struct {
		const char *name;
		int signo;
	} sigs[] = {
		{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT }, { "TERM", SIGTERM },
		{ "USR1", SIGUSR1 }, { "USR2", SIGUSR2 }, { "WINCH", SIGWINCH }, { "CONT", SIGCONT },
	};
	if (strncasecmp(name, "SIG", 3) == 0)
		name += 3;
	for (size_t i = 0; i < ARRAY_SIZE(sigs); i++)
		if (strcasecmp(name, sigs[i].name) == 0)
			return sigs[i].signo;
	return -1;
}

bool parse_restart_policy(const char *s, struct restart_policy *out)
{
	memset(out, 0, sizeof(*out));
	if (!strlcpy_ok(out->text, s, sizeof(out->text)))
		return false;
	if (strcmp(s, "none") == 0) {
		out->kind = RESTART_NONE;
		return true;
	}
	if (strcmp(s, "notify") == 0) {
		out->kind = RESTART_NOTIFY;
		return true;
	}
	if (str_has_prefix(s, "signal:")) {
		out->kind = RESTART_SIGNAL;
		out->signo = signal_from_name(s + 7);
		return out->signo > 0;
	}
	/* systemd-reload: for services that re-exec themselves on reload
	 * (ExecReload=kill -HUP $MAINPID): no downtime, unlike a restart. */
	bool reload = str_has_prefix(s, "systemd-reload:");
	if (reload || str_has_prefix(s, "systemd:")) {
		const char *unit = s + (reload ? 15 : 8);
		out->kind = RESTART_SYSTEMD;
		out->reload = reload;
		if (!*unit || !printable_is_valid(unit, sizeof(out->unit) - 1) || strpbrk(unit, " /'\"\\"))
			return false;
		return strlcpy_ok(out->unit, unit, sizeof(out->unit));
	}
	return false;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/* Calls fn(key, value, line) for each setting; stops at the first false. */
typedef bool (*kv_fn)(void *ctx, const char *key, const char *value, unsigned line);

static bool parse_kv(const char *file, const char *text, size_t len, struct config *cfg, kv_fn fn, void *ctx)
{
	if (len > MAX_CONF_SIZE) {
		add_error(cfg, "%s: larger than %d bytes", file, MAX_CONF_SIZE);
		return false;
	}
	if (memchr(text, '\0', len)) {
		add_error(cfg, "%s: contains a NUL byte", file);
		return false;
	}
	unsigned lineno = 0;
	size_t pos = 0;
	while (pos < len) {
		lineno++;
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
		if (n >= MAX_CONF_LINE) {
			add_error(cfg, "%s:%u: line longer than %d bytes", file, lineno, MAX_CONF_LINE - 1);
			return false;
		}
		char buf[MAX_CONF_LINE];
		memcpy(buf, text + pos, n);
		buf[n] = '\0';
		pos += n + (nl ? 1 : 0);
		char *line = trim(buf);
		if (!*line || *line == '#')
			continue;
		char *eq = strchr(line, '=');
		if (!eq) {
			add_error(cfg, "%s:%u: expected 'key = value'", file, lineno);
			return false;
		}
		*eq = '\0';
		char *key = trim(line), *value = trim(eq + 1);
		if (!*key) {
			add_error(cfg, "%s:%u: missing key before '='", file, lineno);
			return false;
		}
		for (char *c = value; *c; c++)
			if ((unsigned char)*c < 0x20 && *c != '\t') {
				add_error(cfg, "%s:%u: control character in value", file, lineno);
				return false;
			}
		if (!fn(ctx, key, value, lineno))
			return false;
	}
	return true;
}

struct target_ctx {
	const char *file;
	struct config *cfg;
	struct target_config *t;
	unsigned seen;
};

enum tkey {
	K_PATH = 1, K_SOURCE = 2, K_PRODUCT = 4, K_RESTART = 8, K_INTERVAL = 16, K_MODE = 32, K_AUTO = 64,
	K_KEY = 128, K_ALLOW_HTTP = 256,
};

static bool parse_bool(const char *v, bool *out)
{
	if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1")) {
		*out = true;
		return true;
	}
	if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0")) {
		*out = false;
		return true;
	}
	return false;
}

static bool target_kv(void *vctx, const char *key, const char *value, unsigned line)
{
	struct target_ctx *c = vctx;
	struct target_config *t = c->t;
	static const struct {
		const char *name;
		enum tkey bit;
	} keys[] = {
		{ "path", K_PATH }, { "source", K_SOURCE }, { "product", K_PRODUCT },
		{ "restart", K_RESTART }, { "interval", K_INTERVAL }, { "mode", K_MODE },
		{ "auto_update", K_AUTO }, { "key", K_KEY }, { "allow_http", K_ALLOW_HTTP },
	};
	enum tkey k = 0;
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		if (strcmp(key, keys[i].name) == 0)
			k = keys[i].bit;
	if (!k) {
		add_error(c->cfg, "%s:%u: unknown key '%.40s' (known: path, source, key, product, restart, "
			  "interval, mode, auto_update, allow_http)", c->file, line, key);
		return false;
	}
	/* `key` may be given several times (several trusted signing keys). */
	if ((c->seen & k) && k != K_KEY) {
		add_error(c->cfg, "%s:%u: '%s' is set twice", c->file, line, key);
		return false;
	}
	c->seen |= k;
	char why[256] = "";
	switch (k) {
	case K_PATH:
		if (value[0] != '/' || strlen(value) >= 4096) {
			add_error(c->cfg, "%s:%u: path must be absolute", c->file, line);
			return false;
		}
		t->path = xstrdup(value);
		return true;
	case K_SOURCE:
		if (strlen(value) > MAX_SOURCE_LEN || !source_spec_valid(value, why, sizeof(why))) {
			add_error(c->cfg, "%s:%u: source: %s", c->file, line, why[0] ? why : "too long");
			return false;
		}
		t->source = xstrdup(value);
		return true;
	case K_PRODUCT:
		if (!name_is_valid(value)) {
			add_error(c->cfg, "%s:%u: product must match [a-z0-9][a-z0-9._-]{0,63}", c->file, line);
			return false;
		}
		strlcpy_ok(t->product, value, sizeof(t->product));
		return true;
	case K_RESTART:
		if (!parse_restart_policy(value, &t->restart)) {
			add_error(c->cfg, "%s:%u: restart must be none, notify, signal:NAME, systemd:UNIT or systemd-reload:UNIT",
				  c->file, line);
			return false;
		}
		return true;
	case K_INTERVAL:
		t->interval_s = parse_duration(value);
		if (t->interval_s < 60) {
			add_error(c->cfg, "%s:%u: interval must be a duration of at least 60s (e.g. 30m, 6h, 1d)",
				  c->file, line);
			return false;
		}
		return true;
	case K_MODE: {
		char *end;
		unsigned long m = strtoul(value, &end, 8);
		if (*end || !*value || m > 0777) {
			add_error(c->cfg, "%s:%u: mode must be octal permission bits like 0755 "
				  "(no setuid/setgid/sticky)", c->file, line);
			return false;
		}
		t->mode = (mode_t)m;
		return true;
	}
	case K_AUTO:
		if (!parse_bool(value, &t->auto_update)) {
			add_error(c->cfg, "%s:%u: auto_update must be yes or no", c->file, line);
			return false;
		}
		return true;
	case K_ALLOW_HTTP:
		if (!parse_bool(value, &t->allow_http)) {
			add_error(c->cfg, "%s:%u: allow_http must be yes or no", c->file, line);
			return false;
		}
		return true;
	case K_KEY:
		if (t->n_keys >= MAX_KEYS) {
			add_error(c->cfg, "%s:%u: at most %d keys per target", c->file, line, MAX_KEYS);
			return false;
		}
		if (!minisign_parse_key(value, &t->keys[t->n_keys])) {
			add_error(c->cfg, "%s:%u: key must be a minisign public key (the base64 line of the .pub "
				  "file, starting with RW)", c->file, line);
			return false;
		}
		t->n_keys++;
		return true;
	}
	return false;
}

void target_config_free(struct target_config *t)
{
	free(t->path);
	free(t->source);
	free(t->conf_file);
	memset(t, 0, sizeof(*t));
}

bool config_parse_target(const char *file, const char *text, size_t len, const char *name,
			 const struct helper_config *defaults, struct target_config *out,
			 struct config *cfg)
{
	memset(out, 0, sizeof(*out));
	strlcpy_ok(out->name, name, sizeof(out->name));
	strlcpy_ok(out->product, name, sizeof(out->product));
	parse_restart_policy("none", &out->restart);
	out->interval_s = defaults->default_interval_s;
	out->mode = 0755;
	out->conf_file = xstrdup(file);
	struct target_ctx ctx = { .file = file, .cfg = cfg, .t = out };
	bool ok = parse_kv(file, text, len, cfg, target_kv, &ctx);
	if (ok && !(ctx.seen & K_PATH)) {
		add_error(cfg, "%s: missing 'path'", file);
		ok = false;
	}
	if (ok && !(ctx.seen & K_SOURCE)) {
		add_error(cfg, "%s: missing 'source'", file);
		ok = false;
	}
	/* Anything fetched over the network must be signed. */
	if (ok && source_is_remote(out->source) && out->n_keys == 0) {
		add_error(cfg, "%s: a remote source needs at least one 'key' (the feed's minisign public key)", file);
		ok = false;
	}
	if (ok && str_has_prefix(out->source, "http://") && !out->allow_http) {
		add_error(cfg, "%s: source is plain http://; use https://, or set 'allow_http = yes' (tests only)", file);
		ok = false;
	}
	if (!ok)
		target_config_free(out);
	return ok;
}

struct helper_ctx {
	const char *file;
	struct config *cfg;
};

static bool helper_kv(void *vctx, const char *key, const char *value, unsigned line)
{
	struct helper_ctx *c = vctx;
	struct helper_config *h = &c->cfg->helper;
	if (strcmp(key, "check_on_start") == 0) {
		if (!parse_bool(value, &h->check_on_start)) {
			add_error(c->cfg, "%s:%u: check_on_start must be yes or no", c->file, line);
			return false;
		}
		return true;
	}
	if (strcmp(key, "max_download_rate") == 0) {
		h->max_download_rate = parse_size(value);
		if (h->max_download_rate < 0) {
			add_error(c->cfg, "%s:%u: max_download_rate must be bytes per second like 500K or 10M "
				  "(0 = unlimited)", c->file, line);
			return false;
		}
		return true;
	}
	if (strcmp(key, "ca_file") == 0) {
		if (value[0] != '/' || !strlcpy_ok(h->ca_file, value, sizeof(h->ca_file))) {
			add_error(c->cfg, "%s:%u: ca_file must be the absolute path of a PEM CA bundle", c->file, line);
			return false;
		}
		return true;
	}
	if (strcmp(key, "systemctl") == 0) {
		if (value[0] != '/' || !strlcpy_ok(h->systemctl, value, sizeof(h->systemctl))) {
			add_error(c->cfg, "%s:%u: systemctl must be an absolute path", c->file, line);
			return false;
		}
		return true;
	}
	if (strcmp(key, "fetch_user") == 0) {
		if (!name_is_valid(value) || !strlcpy_ok(h->fetch_user, value, sizeof(h->fetch_user))) {
			add_error(c->cfg, "%s:%u: fetch_user must be a user name", c->file, line);
			return false;
		}
		return true;
	}
	if (strcmp(key, "download_retries") == 0) {
		char *end;
		long v = strtol(value, &end, 10);
		if (*end || !*value || v < 0 || v > 10) {
			add_error(c->cfg, "%s:%u: download_retries must be a number from 0 to 10", c->file, line);
			return false;
		}
		h->download_retries = v;
		return true;
	}
	static const struct {
		const char *name;
		size_t offset;
		int64_t min;
	} durations[] = {
		{ "min_check_interval", offsetof(struct helper_config, min_check_interval_s), 0 },
		{ "default_interval", offsetof(struct helper_config, default_interval_s), 60 },
		{ "connect_timeout", offsetof(struct helper_config, connect_timeout_s), 1 },
		{ "stall_timeout", offsetof(struct helper_config, stall_timeout_s), 1 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(durations); i++) {
		if (strcmp(key, durations[i].name) != 0)
			continue;
		int64_t v = parse_duration(value);
		if (v < durations[i].min) {
			add_error(c->cfg, "%s:%u: %s must be a duration of at least %llds", c->file, line, key,
				  (long long)durations[i].min);
			return false;
		}
		*(int64_t *)((char *)h + durations[i].offset) = v;
		return true;
	}
	add_error(c->cfg, "%s:%u: unknown key '%.40s' (known: min_check_interval, default_interval, check_on_start, "
		  "connect_timeout, stall_timeout, max_download_rate, download_retries, ca_file, fetch_user, systemctl)", c->file, line, key);
	return false;
}

/* Reads a whole trusted config file (bounded). NULL + error on failure. */
static char *read_conf_file(int dirfd, const char *name, const char *shown, const struct trust *trust,
			    size_t *len, struct config *cfg, bool missing_ok)
{
	_cleanup_close_ int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		if (!(missing_ok && errno == ENOENT))
			add_error(cfg, "%s: cannot open: %s", shown, strerror(errno));
		return NULL;
	}
	char why[256];
	if (trust_check_file(trust, fd, why, sizeof(why)) < 0) {
		add_error(cfg, "%s: ignored: %s", shown, why);
		return NULL;
	}
	char *text = NULL;
	int r = read_small_fd(fd, MAX_CONF_SIZE, &text, len);
	if (r == -EFBIG)
		add_error(cfg, "%s: larger than %d bytes", shown, MAX_CONF_SIZE);
	else if (r < 0)
		add_error(cfg, "%s: read failed: %s", shown, strerror(-r));
	return r < 0 ? NULL : text;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void config_load(const struct paths *paths, const struct trust *trust, struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->helper.min_check_interval_s = 60;
	cfg->helper.default_interval_s = 6 * 3600;
	cfg->helper.check_on_start = true;
	cfg->helper.connect_timeout_s = 30;
	cfg->helper.stall_timeout_s = 60;
	cfg->helper.download_retries = 2;
	strlcpy_ok(cfg->helper.systemctl, "/usr/bin/systemctl", sizeof(cfg->helper.systemctl));

	_cleanup_close_ int cdir = open(paths->config_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cdir < 0) {
		add_error(cfg, "%s: cannot open: %s", paths->config_dir, strerror(errno));
		return;
	}
	size_t len;
	_cleanup_free_ char *hc = read_conf_file(cdir, "helper.conf", paths->helper_conf, trust, &len, cfg, true);
	if (hc) {
		struct helper_ctx hctx = { paths->helper_conf, cfg };
		parse_kv(paths->helper_conf, hc, len, cfg, helper_kv, &hctx);
	}

	_cleanup_close_ int tdir = openat(cdir, "targets.d", O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (tdir < 0) {
		if (errno != ENOENT)
			add_error(cfg, "%s: cannot open: %s", paths->targets_dir, strerror(errno));
		return;
	}
	int dfd = fcntl(tdir, F_DUPFD_CLOEXEC, 3);
	DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
	if (!d) {
		if (dfd >= 0)
			close(dfd);
		add_error(cfg, "%s: cannot list: %s", paths->targets_dir, strerror(errno));
		return;
	}
	char **names = NULL;
	size_t n_names = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		if (de->d_name[0] == '.' || n < 6 || strcmp(de->d_name + n - 5, ".conf") != 0)
			continue;
		if (n_names >= 4 * MAX_TARGETS)
			break;
		names = xrealloc(names, (n_names + 1) * sizeof(char *));
		names[n_names++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n_names, sizeof(char *), cmp_str);

	for (size_t i = 0; i < n_names; i++) {
		_cleanup_free_ char *shown = xasprintf("%s/%s", paths->targets_dir, names[i]);
		_cleanup_free_ char *tname = xasprintf("%.*s", (int)(strlen(names[i]) - 5), names[i]);
		if (!name_is_valid(tname)) {
			add_error(cfg, "%s: ignored: file name must be NAME.conf with NAME matching "
				  "[a-z0-9][a-z0-9._-]{0,63}", shown);
			continue;
		}
		if (cfg->n_targets >= MAX_TARGETS) {
			add_error(cfg, "%s: ignored: more than %d targets", shown, MAX_TARGETS);
			continue;
		}
		_cleanup_free_ char *text = read_conf_file(tdir, names[i], shown, trust, &len, cfg, false);
		if (!text)
			continue;
		struct target_config t;
		if (!config_parse_target(shown, text, len, tname, &cfg->helper, &t, cfg))
			continue;
		cfg->targets = xrealloc(cfg->targets, (cfg->n_targets + 1) * sizeof(*cfg->targets));
		cfg->targets[cfg->n_targets++] = t;
	}
	for (size_t i = 0; i < n_names; i++)
		free(names[i]);
	free(names);
}

void config_free(struct config *cfg)
{
	for (size_t i = 0; i < cfg->n_targets; i++)
		target_config_free(&cfg->targets[i]);
	free(cfg->targets);
	for (size_t i = 0; i < cfg->n_errors; i++)
		free(cfg->errors[i]);
	free(cfg->errors);
	memset(cfg, 0, sizeof(*cfg));
}
