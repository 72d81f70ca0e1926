/* minisign.h — verification of minisign signatures (Ed25519), the format
 * publishers make with the real `minisign` tool: both the legacy form
 * ("Ed", the signature covers the file) and the prehashed form ("ED", it
 * covers BLAKE2b-512 of the file), the key id, and the trusted comment with
 * its global signature. Verification uses OpenSSL libcrypto; nothing here
 * parses the signed data itself — that happens only after this says yes. */
#ifndef UPSWAP_MINISIGN_H
#define UPSWAP_MINISIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MINISIGN_KEY_B64_LEN   56    /* base64 of 42 bytes */
#define MINISIGN_MAX_SIG_FILE  4096
#define MINISIGN_MAX_COMMENT   1024

struct minisign_key {
	uint8_t id[8];
	uint8_t pk[32];
};

/* Parses the base64 line of a minisign public key ("RWQ..."). */
bool minisign_parse_key(const char *b64, struct minisign_key *out);

/* The key id as 16 uppercase hex digits, zero-padded: the fixed form kept
 * in state files and compared. */
void minisign_key_id_hex(const uint8_t id[8], char out[17]);

/* The key id as minisign prints it, for people: the same number without
 * leading zeros, as in the comment of minisign's key files. */
void minisign_key_id_text(const uint8_t id[8], char out[17]);

enum minisign_result {
	MINISIGN_OK = 0,
	MINISIGN_MALFORMED,    /* empty, truncated or not the minisign format */
	MINISIGN_UNKNOWN_KEY,  /* signed by a key that is not trusted */
	MINISIGN_BAD_SIGNATURE,
};

/* Verifies sig_text (the .minisig file) over data with any of keys.
 * On success the trusted comment is copied to trusted_comment (may be NULL)
 * and *signer (may be NULL) is the index of the key that signed.
 * On failure why says what is wrong. */
enum minisign_result minisign_verify(const struct minisign_key *keys, size_t n_keys, const void *data, size_t len,
				     const char *sig_text, size_t sig_len, char *trusted_comment, size_t tc_size,
				     size_t *signer, char *why, size_t why_len);

#endif
