/* config.h — what root configures: helper-wide settings in
 * /etc/upswap/helper.conf and one file per managed binary in
 * /etc/upswap/targets.d/NAME.conf. Format: "key = value" lines, '#'
 * comments. A broken target file costs only that target: the error (with
 * file and line) is logged and shown in `status`, the others load. */
#ifndef UPSWAP_CONFIG_H
#define UPSWAP_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "minisign.h"
#include "names.h"
#include "paths.h"
#include "safe_path.h"

/* With 4 KiB of notes each, 100 targets keep a full list-targets reply
 * under the protocol's 1 MiB line limit. */
#define MAX_TARGETS       100
#define MAX_CONF_SIZE     (64 * 1024)
#define MAX_CONF_LINE     1024
#define MAX_SOURCE_LEN    2048
#define MAX_KEYS          8

enum restart_kind { RESTART_NONE, RESTART_NOTIFY, RESTART_SIGNAL, RESTART_SYSTEMD };

struct restart_policy {
	enum restart_kind kind;
	int signo;          /* RESTART_SIGNAL */
	char unit[256];     /* RESTART_SYSTEMD */
	bool reload;        /* RESTART_SYSTEMD: `systemctl reload`, not try-restart */
	char text[272];     /* as configured, for display */
};

struct target_config {
	char name[NAME_MAX_LEN + 1];
	char product[NAME_MAX_LEN + 1]; /* the feed's "product"; defaults to name */
	char *path;                     /* absolute path of the managed binary */
	char *source;                   /* where the feed is (see source.h) */
	char *conf_file;
	struct restart_policy restart;
	int64_t interval_s;             /* between timer-driven checks */
	mode_t mode;                    /* for a first install; later swaps keep the old mode */
	bool auto_update;               /* install what a check finds, without a request */
	bool allow_http;                /* plain http:// sources and artifacts (tests, demos) */
	struct minisign_key keys[MAX_KEYS]; /* trusted feed signing keys */
	size_t n_keys;
};

struct helper_config {
	int64_t min_check_interval_s;   /* rate limit for pokes and unprivileged checks */
	int64_t default_interval_s;
	bool check_on_start;            /* first check within minutes of start, or only after an interval */
	int64_t connect_timeout_s;      /* downloads: giving up on connecting */
	int64_t stall_timeout_s;        /* downloads: giving up when nothing arrives for this long */
	int64_t max_download_rate;      /* bytes/s, 0 = unlimited */
	int64_t download_retries;       /* extra attempts after a transient network error */
	char ca_file[4096];             /* CA bundle for https ("" = the system's) */
	char fetch_user[33];            /* whom downloads run as ("" = upswap, else nobody) */
	char systemctl[4096];           /* for restart = systemd:UNIT */
};

struct config {
	struct helper_config helper;
	struct target_config *targets;
	size_t n_targets;
	char **errors;                  /* "file:line: what" */
	size_t n_errors;
};

/* Loads helper.conf (optional) and targets.d/ *.conf, sorted by name. Never
 * fails as a whole: problems land in cfg->errors. */
void config_load(const struct paths *paths, const struct trust *trust, struct config *cfg);
void config_free(struct config *cfg);

/* "90", "90s", "15m", "6h", "1d" → seconds; -1 if malformed or > 1 year. */
int64_t parse_duration(const char *s);

/* "500", "64K", "10M", "1G" (powers of 1024) → bytes; -1 if malformed. */
int64_t parse_size(const char *s);

/* Parses "none", "notify", "signal:HUP"/"signal:SIGHUP", "systemd:UNIT". */
bool parse_restart_policy(const char *s, struct restart_policy *out);

/* Parses a whole target file's text (for tests and config_load). name is
 * the target name from the file name. Returns true if the target is usable;
 * otherwise appends to cfg->errors. */
bool config_parse_target(const char *file, const char *text, size_t len, const char *name,
			 const struct helper_config *defaults, struct target_config *out,
			 struct config *cfg);

void target_config_free(struct target_config *t);

#endif
