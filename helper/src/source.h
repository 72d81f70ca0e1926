/* source.h — where a target's feed and artifacts come from. This is the
 * seam between "what to install" and "how to get the bytes": the job only
 * sees fetch_feed and open_artifact. A local source (file:// or a plain
 * path) reads a feed directory on this machine; remote sources plug in here.
 *
 * Whatever a source returns is still untrusted: the feed is parsed and
 * checked by feed.c, and artifact bytes are hashed while they are installed
 * and compared with the feed before anything is renamed into place. */
#ifndef UPSWAP_SOURCE_H
#define UPSWAP_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "feed.h"
#include "safe_path.h"

struct source;

/* Whether a configured source string is one this helper can use. */
bool source_spec_valid(const char *spec, char *why, size_t why_len);

struct source *source_new(const char *spec, const struct trust *trust);
void source_free(struct source *s);
const char *source_describe(const struct source *s);

/* Reads the feed document (at most MAX_FEED_SIZE bytes). 0, or -errno with
 * *why filled. *data is malloc'd and NUL-terminated. */
int source_fetch_feed(struct source *s, char **data, size_t *len, char *why, size_t why_len);

/* Opens the bytes of a release for reading from offset 0. 0 or -errno. */
int source_open_artifact(struct source *s, const struct release *rel, int *fd, char *why, size_t why_len);

#endif
