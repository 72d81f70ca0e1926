/* test_config.c — target and helper configuration: good files load, and
 * every kind of mistake is reported with file and line while the other
 * targets still load. */
#include "testutil.h"

#include "config.h"

/* Two real minisign public keys (made with minisign -G). */
#define K1 "RWTPTf0+5m5M3g/9hP9pDiGqrstsPFb+oicweOK3KBQQ9+Q2TkNWfCfb"
#define K2 "RWRdNUsILSl3F0Jx7MfyLEl+Ap9PhfHVv+lqDyMVihXZOcVGpxmD/ngN"

static struct helper_config defaults = { .min_check_interval_s = 60, .default_interval_s = 3600 };

static bool parse(const char *text, struct target_config *t, struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	return config_parse_target("demo.conf", text, strlen(text), "demo", &defaults, t, cfg);
}

static void assert_error_contains(struct config *cfg, const char *needle)
{
	assert_int_equal(cfg->n_errors, 1);
	if (!strstr(cfg->errors[0], needle))
		fail_msg("error '%s' does not mention '%s'", cfg->errors[0], needle);
	config_free(cfg);
}

static void full_target(void **state)
{
	(void)state;
	struct target_config t;
	struct config cfg;
	assert_true(parse("# demo program\n"
			  "path = /opt/demo/bin/demo\n"
			  "source = file:///srv/upswap/demo/feed.json\n"
			  "  product=demo-app  \n"
			  "restart = signal:SIGHUP\n"
			  "interval = 30m\n"
			  "mode = 0750\n"
			  "auto_update = yes\n",
			  &t, &cfg));
	assert_string_equal(t.name, "demo");
	assert_string_equal(t.product, "demo-app");
	assert_string_equal(t.path, "/opt/demo/bin/demo");
	assert_int_equal(t.restart.kind, RESTART_SIGNAL);
	assert_int_equal(t.restart.signo, 1);
	assert_int_equal(t.interval_s, 1800);
	assert_int_equal(t.mode, 0750);
	assert_true(t.auto_update);
	assert_int_equal(cfg.n_errors, 0);
	target_config_free(&t);
}

static void remote_targets_with_keys(void **state)
{
	(void)state;
	struct target_config t;
	struct config cfg;
	assert_true(parse("path=/x\nsource=https://example.org/app/feed.json\nkey=" K1 "\nkey = " K2 "\n", &t, &cfg));
	assert_int_equal(t.n_keys, 2);
	assert_false(t.allow_http);
	target_config_free(&t);
	assert_true(parse("path=/x\nsource=http://127.0.0.1:8080/feed.json\nkey=" K1 "\nallow_http=yes\n", &t, &cfg));
	assert_true(t.allow_http);
	target_config_free(&t);
}

static void defaults_apply(void **state)
{
	(void)state;
	struct target_config t;
	struct config cfg;
	assert_true(parse("path=/usr/local/bin/x\nsource=/srv/feed.json\n", &t, &cfg));
	assert_string_equal(t.product, "demo");
	assert_int_equal(t.interval_s, 3600);
	assert_int_equal(t.restart.kind, RESTART_NONE);
	assert_int_equal(t.mode, 0755);
	assert_false(t.auto_update);
	target_config_free(&t);
}

static void mistakes_name_file_and_line(void **state)
{
	(void)state;
	struct target_config t;
	struct config cfg;
	assert_false(parse("path=/x/y\nsource=/f.json\npth=/x\n", &t, &cfg));
	assert_error_contains(&cfg, "demo.conf:3: unknown key 'pth'");
	assert_false(parse("path=/x/y\npath=/x/z\n", &t, &cfg));
	assert_error_contains(&cfg, "demo.conf:2: 'path' is set twice");
	assert_false(parse("source=/f.json\n", &t, &cfg));
	assert_error_contains(&cfg, "missing 'path'");
	assert_false(parse("path=/x/y\n", &t, &cfg));
	assert_error_contains(&cfg, "missing 'source'");
	assert_false(parse("path=relative/y\nsource=/f.json\n", &t, &cfg));
	assert_error_contains(&cfg, "demo.conf:1: path must be absolute");
	assert_false(parse("path=/x\nsource=https://example.org/feed.json\n", &t, &cfg));
	assert_error_contains(&cfg, "a remote source needs at least one 'key'");
	assert_false(parse("path=/x\nsource=ftp://example.org/feed.json\n", &t, &cfg));
	assert_error_contains(&cfg, "demo.conf:2: source");
	assert_false(parse("path=/x\nsource=http://example.org/feed.json\nkey=" K1 "\n", &t, &cfg));
	assert_error_contains(&cfg, "plain http://");
	assert_false(parse("path=/x\nsource=/f.json\nkey=RWQnotakey\n", &t, &cfg));
	assert_error_contains(&cfg, "demo.conf:3: key must be a minisign public key");
	assert_false(parse("path=/x\nsource=/f.json\ninterval=10s\n", &t, &cfg));
	assert_error_contains(&cfg, "demo.conf:3: interval");
	assert_false(parse("path=/x\nsource=/f.json\nrestart=reboot\n", &t, &cfg));
	assert_error_contains(&cfg, "demo.conf:3: restart");
	assert_false(parse("path=/x\nsource=/f.json\nmode=4755\n", &t, &cfg));
	assert_error_contains(&cfg, "demo.conf:3: mode");
	assert_false(parse("path=/x\nsource=/f.json\nauto_update=maybe\n", &t, &cfg));
	assert_error_contains(&cfg, "demo.conf:3: auto_update");
	assert_false(parse("path=/x\njust words\n", &t, &cfg));
	assert_error_contains(&cfg, "demo.conf:2: expected 'key = value'");
	assert_false(parse("path=/x\nsource=/f\x01.json\n", &t, &cfg));
	assert_error_contains(&cfg, "demo.conf:2: control character");
	assert_false(parse("product=Bad Name\n", &t, &cfg));
	assert_error_contains(&cfg, "demo.conf:1: product");
}

static void limits(void **state)
{
	(void)state;
	struct target_config t;
	struct config cfg;
	char *big = malloc(MAX_CONF_SIZE + 2);
	memset(big, '#', MAX_CONF_SIZE + 1);
	big[MAX_CONF_SIZE + 1] = '\0';
	assert_false(parse(big, &t, &cfg));
	assert_error_contains(&cfg, "larger than");
	memset(big, 'x', MAX_CONF_LINE + 5);
	big[MAX_CONF_LINE + 5] = '\0';
	assert_false(parse(big, &t, &cfg));
	assert_error_contains(&cfg, "longer than");
	free(big);
}

static void durations_and_policies(void **state)
{
	(void)state;
	assert_int_equal(parse_duration("90"), 90);
	assert_int_equal(parse_duration("90s"), 90);
	assert_int_equal(parse_duration("15m"), 900);
	assert_int_equal(parse_duration("6h"), 21600);
	assert_int_equal(parse_duration("1d"), 86400);
	assert_int_equal(parse_duration(""), -1);
	assert_int_equal(parse_duration("-5"), -1);
	assert_int_equal(parse_duration("5 m"), -1);
	assert_int_equal(parse_duration("400d"), -1);
	assert_int_equal(parse_duration("99999999999999999999"), -1);
	assert_int_equal(parse_size("500"), 500);
	assert_int_equal(parse_size("64K"), 65536);
	assert_int_equal(parse_size("10M"), 10485760);
	assert_int_equal(parse_size("1G"), 1073741824);
	assert_int_equal(parse_size("1KB"), -1);
	assert_int_equal(parse_size("x"), -1);
	struct restart_policy p;
	assert_true(parse_restart_policy("none", &p));
	assert_true(parse_restart_policy("notify", &p));
	assert_int_equal(p.kind, RESTART_NOTIFY);
	assert_true(parse_restart_policy("signal:USR2", &p));
	assert_int_equal(p.signo, 12);
	assert_false(parse_restart_policy("signal:KILLALL", &p));
	assert_true(parse_restart_policy("systemd:demo.service", &p));
	assert_string_equal(p.unit, "demo.service");
	assert_false(p.reload);
	assert_true(parse_restart_policy("systemd-reload:web.service", &p));
	assert_int_equal(p.kind, RESTART_SYSTEMD);
	assert_true(p.reload);
	assert_string_equal(p.unit, "web.service");
	assert_false(parse_restart_policy("systemd-reload:", &p));
	assert_false(parse_restart_policy("systemd:", &p));
	assert_false(parse_restart_policy("systemd:a b", &p));
}

/* Whole directory: one good target, one broken, one with unsafe permissions,
 * one with a bad file name; the good one loads, the others are reported. */
static void load_directory(void **state)
{
	(void)state;
	char *root = tu_mkdtemp();
	char *etc = tu_path(root, "etc"), *up = tu_path(root, "etc/upswap"), *td = tu_path(root, "etc/upswap/targets.d");
	tu_mkdir(etc, 0755);
	tu_mkdir(up, 0755);
	tu_mkdir(td, 0755);
	char *f;
	tu_write_str(f = tu_path(td, "good.conf"), "path=/opt/good\nsource=/srv/good/feed.json\n");
	free(f);
	tu_write_str(f = tu_path(td, "broken.conf"), "path=/opt/broken\n");
	free(f);
	tu_write(f = tu_path(td, "open.conf"), "path=/x\nsource=/y\n", 18, 0666);
	free(f);
	tu_write_str(f = tu_path(td, "Bad Name.conf"), "path=/x\nsource=/y\n");
	free(f);
	tu_write_str(f = tu_path(td, "ignored.txt"), "not a conf file\n");
	free(f);
	tu_write_str(f = tu_path(up, "helper.conf"), "min_check_interval = 5m\ncheck_on_start = no\nstall_timeout = 2s\nmax_download_rate = 1M\n"
						 "download_retries = 0\n");
	free(f);

	struct paths paths;
	assert_int_equal(paths_init(&paths, root), 0);
	struct trust trust = { .owner = geteuid(), .sandbox = true };
	struct config cfg;
	config_load(&paths, &trust, &cfg);
	assert_int_equal(cfg.helper.min_check_interval_s, 300);
	assert_false(cfg.helper.check_on_start);
	assert_int_equal(cfg.helper.stall_timeout_s, 2);
	assert_int_equal(cfg.helper.max_download_rate, 1048576);
	assert_int_equal(cfg.helper.download_retries, 0);
	assert_int_equal(cfg.helper.connect_timeout_s, 30);
	assert_int_equal(cfg.n_targets, 1);
	assert_string_equal(cfg.targets[0].name, "good");
	assert_int_equal(cfg.n_errors, 3);
	bool saw_perm = false, saw_missing = false, saw_name = false;
	for (size_t i = 0; i < cfg.n_errors; i++) {
		saw_perm |= strstr(cfg.errors[i], "open.conf: ignored") != NULL;
		saw_missing |= strstr(cfg.errors[i], "broken.conf: missing 'source'") != NULL;
		saw_name |= strstr(cfg.errors[i], "Bad Name.conf: ignored") != NULL;
	}
	assert_true(saw_perm && saw_missing && saw_name);
	config_free(&cfg);
	paths_free(&paths);
	tu_rmtree(root);
	free(root);
	free(etc);
	free(up);
	free(td);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(full_target),
		cmocka_unit_test(defaults_apply),
		cmocka_unit_test(remote_targets_with_keys),
		cmocka_unit_test(mistakes_name_file_and_line),
		cmocka_unit_test(limits),
		cmocka_unit_test(durations_and_policies),
		cmocka_unit_test(load_directory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
