/* target.h — one managed binary at run time: its configuration, what the
 * state file remembers, the last accepted feed, what is installed right now
 * (identified by hash), and how it is shown to clients. */
#ifndef UPSWAP_TARGET_H
#define UPSWAP_TARGET_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>

#include "config.h"
#include "feed.h"
#include "procscan.h"
#include "protocol.h"
#include "safe_path.h"
#include "source.h"
#include "state.h"

struct installed_info {
	bool exists;
	bool known;                            /* hash could be computed */
	struct stat st;                        /* identity of the hashed file */
	char sha256[SHA256_HEX_LEN + 1];
};

struct target {
	struct target_config cfg;
	struct source *source;
	struct target_record rec;
	enum target_state state;
	bool has_feed;
	struct feed feed;                      /* last accepted feed */
	const struct release *available;       /* into feed, or NULL */
	struct installed_info installed;
	bool has_error;
	enum err_code error_code;
	char error_msg[512];
	int64_t next_check_ms;                 /* monotonic */
	struct stale_process stale[MAX_STALE_PROCESSES]; /* still running a replaced copy */
	size_t n_stale;
	int64_t stale_scanned_ms;
	/* After a swap or a restart, the processes found move on by themselves
	 * (a program re-execs at its safe point, a signalled one restarts):
	 * they are looked for again at growing intervals, so clients learn
	 * when "restart needed" is over without asking. */
	int64_t rescan_ms;                     /* monotonic; 0: none due */
	unsigned rescan_step;
};

void target_init(struct target *t, struct target_config *cfg, const struct source_env *env);
void target_free(struct target *t);

struct known_file;
/* Takes what a swap just installed as the current file, without re-hashing. */
void target_set_installed(struct target *t, const struct known_file *k);

/* Re-stats the installed file and re-hashes it if its identity changed. */
void target_refresh_installed(struct target *t, const struct trust *trust);

/* The installed version: what the state recorded for this hash, else the
 * feed release with this hash, else NULL. */
const char *target_installed_version(const struct target *t);
/* True when the helper recorded an install and the file no longer matches. */
bool target_modified(const struct target *t);

/* Recomputes `available` from the feed and what is installed. */
void target_update_available(struct target *t, const char *machine_id);

/* Rescans /proc for processes still running a replaced copy of the target
 * (at most once a second unless forced). */
void target_refresh_processes(struct target *t, bool force);
/* Schedules the follow-up scans (see rescan_ms) if processes were found. */
void target_watch_stale(struct target *t);
/* Runs a follow-up scan if due: true if the set of processes changed. */
bool target_rescan_due(struct target *t, int64_t now);
/* [{pid, uid, command}] of the processes found by the last scan. */
struct json_object *processes_json(const struct stale_process *p, size_t n);

void target_set_error(struct target *t, enum err_code code, const char *msg);
void target_clear_error(struct target *t);

/* {name, state, installed, available} — or with full=true every field. */
struct json_object *target_to_json(const struct target *t, bool full);

#endif
