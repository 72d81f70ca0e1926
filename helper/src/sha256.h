/* sha256.h — streaming SHA-256 (OpenSSL libcrypto) for artifacts and
 * installed binaries, with lowercase hex output as feeds spell it. */
#ifndef UPSWAP_SHA256_H
#define UPSWAP_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include "names.h"

struct sha256 {
	void *ctx; /* EVP_MD_CTX */
};

int sha256_init(struct sha256 *h);
void sha256_update(struct sha256 *h, const void *data, size_t len);
/* Writes 64 hex digits + NUL into hex and frees the context. */
void sha256_final_hex(struct sha256 *h, char hex[SHA256_HEX_LEN + 1]);
void sha256_free(struct sha256 *h);

/* Hashes an open file from offset 0 to EOF (pread, the fd offset is left
 * alone). *size_out gets the byte count. 0 or -errno. */
int sha256_fd(int fd, char hex[SHA256_HEX_LEN + 1], uint64_t *size_out);

void sha256_hex_of(const void *data, size_t len, char hex[SHA256_HEX_LEN + 1]);

#endif
