/* version.h — ordering of release version strings, to tell an upgrade from a
 * downgrade. Feeds also carry a serial; this only ranks releases. */
#ifndef UPSWAP_VERSION_H
#define UPSWAP_VERSION_H

/* Semantic-versioning order, relaxed for real-world strings:
 *  - the string is split at '+' (build metadata, ignored) and at the first
 *    '-' or '~' (pre-release: sorts before the plain release);
 *  - the main part is compared as dot-separated fields, numeric fields
 *    numerically (any length), others byte-wise, numbers before words;
 *    missing fields count as 0 ("1.2" == "1.2.0");
 *  - pre-release parts compare the same way, field by field.
 * Returns <0, 0, >0. Both inputs must pass version_is_valid(). */
int version_compare(const char *a, const char *b);

#endif
