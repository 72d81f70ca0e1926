/* source_impl.h — what the source kinds share; only source*.c include it. */
#ifndef UPSWAP_SOURCE_IMPL_H
#define UPSWAP_SOURCE_IMPL_H

#include "source.h"

struct source_ops {
	void (*feed_begin)(struct source *s, struct feed_fetch *f);
	bool (*feed_poll)(struct source *s, struct feed_fetch *f);
	void (*artifact_begin)(struct source *s, struct artifact_fetch *a);
	bool (*artifact_poll)(struct source *s, struct artifact_fetch *a);
	void (*artifact_end)(struct source *s, struct artifact_fetch *a, bool discard);
};

struct source {
	char *spec;
	char *target;
	bool allow_http;
	struct source_env env;
	const struct source_ops *ops;
	char *location;      /* local: the feed's path; remote: the feed's URL */
};

extern const struct source_ops source_local_ops;
extern const struct source_ops source_http_ops;

__attribute__((format(printf, 3, 4)))
void fetch_fail(bool *failed, char *why, const char *fmt, ...);

#endif
