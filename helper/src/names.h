/* names.h — what a target name, a version string, a hash and an artifact
 * file name may look like. Everything that reaches a path or a log line from
 * outside (socket, feed, config) passes one of these first. */
#ifndef UPSWAP_NAMES_H
#define UPSWAP_NAMES_H

#include <stdbool.h>

#define NAME_MAX_LEN    64   /* target / product names */
#define VERSION_MAX_LEN 64
#define SHA256_HEX_LEN  64

/* [a-z0-9][a-z0-9._-]{0,63} */
bool name_is_valid(const char *s);
/* 1..64 chars of [0-9A-Za-z.+~-], starting with an alphanumeric */
bool version_is_valid(const char *s);
/* exactly 64 lowercase hex digits */
bool sha256_hex_is_valid(const char *s);
/* A plain file name for an artifact next to a local feed: 1..128 chars of
 * [A-Za-z0-9._+-], not starting with '.'. No '/', so never leaves the dir. */
bool artifact_name_is_valid(const char *s);
/* Printable ASCII without control characters, at most max bytes. */
bool printable_is_valid(const char *s, unsigned max);

#endif
