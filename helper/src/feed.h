/* feed.h — the feed document a publisher serves (docs/feed.md): parsed from
 * bounded bytes into checked releases, and the choice of which release a
 * machine is offered. Parsing trusts nothing: every field is typed, bounded
 * and validated, and a feed that fails any check is rejected whole. */
#ifndef UPSWAP_FEED_H
#define UPSWAP_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "names.h"

#define FEED_FORMAT        1
#define MAX_FEED_SIZE      (1024 * 1024)
#define MAX_RELEASES       256
#define MAX_NOTES          4096
#define MAX_URL_LEN        2048
#define MAX_ARTIFACT_SIZE  (4ULL << 30)

struct release {
	char version[VERSION_MAX_LEN + 1];
	char sha256[SHA256_HEX_LEN + 1];
	char min_from[VERSION_MAX_LEN + 1]; /* "" if none */
	char *url;
	char *notes;
	uint64_t size;
	int rollout;    /* percent of machines offered this release, 0..100 */
	bool critical;
};

#define MAX_NEXT_KEYS 8

struct feed {
	char product[NAME_MAX_LEN + 1];
	int64_t serial;
	int64_t expires;  /* Unix time, 0 = never */
	struct release *releases;
	size_t n_releases;
	/* Signing keys this feed announces (key rotation), base64 lines. */
	char next_keys[MAX_NEXT_KEYS][57];
	size_t n_next_keys;
};

/* Parses and validates a feed for `product`. On failure returns false with a
 * message naming the field (e.g. "releases[2].sha256: not 64 hex digits"). */
bool feed_parse(const char *data, size_t len, const char *product, struct feed *out,
		char *why, size_t why_len);
void feed_free(struct feed *f);

/* "2026-12-04T12:00:00Z" → Unix time; -1 if malformed. UTC only. */
int64_t feed_parse_time(const char *s);

const struct release *feed_find(const struct feed *f, const char *version);
const struct release *feed_find_sha(const struct feed *f, const char *sha256);

/* Deterministic rollout bucket 0..99 for (machine, target, version). */
int rollout_bucket(const char *machine_id, const char *target, const char *version);

/* The release to offer: the newest one newer than `installed_version` (NULL
 * if unknown) that this machine's rollout bucket and `min_from` allow and
 * whose hash differs from installed_sha (NULL if none). NULL if none. */
const struct release *feed_best(const struct feed *f, const char *installed_version,
				const char *installed_sha, const char *machine_id, const char *target);

#endif
