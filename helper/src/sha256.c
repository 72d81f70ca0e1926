/* sha256.c — see sha256.h. */
#include "sha256.h"

#include <errno.h>
#include <openssl/evp.h>
#include <unistd.h>

#include "util.h"

int sha256_init(struct sha256 *h)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (!ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(ctx);
		h->ctx = NULL;
		return -ENOMEM;
	}
	h->ctx = ctx;
	return 0;
}

void sha256_update(struct sha256 *h, const void *data, size_t len)
{
	EVP_DigestUpdate(h->ctx, data, len);
}

void sha256_final_hex(struct sha256 *h, char hex[SHA256_HEX_LEN + 1])
{
	unsigned char md[32];
	unsigned int n = 0;
	EVP_DigestFinal_ex(h->ctx, md, &n);
	static const char digits[] = "0123456789abcdef";
	for (unsigned i = 0; i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[SHA256_HEX_LEN] = '\0';
	sha256_free(h);
}

void sha256_free(struct sha256 *h)
{
	EVP_MD_CTX_free(h->ctx);
	h->ctx = NULL;
}

int sha256_fd(int fd, char hex[SHA256_HEX_LEN + 1], uint64_t *size_out)
{
	struct sha256 h;
	if (sha256_init(&h) < 0)
		return -ENOMEM;
	enum { CHUNK = 256 * 1024 };
	_cleanup_free_ unsigned char *buf = xmalloc(CHUNK);
	uint64_t off = 0;
	for (;;) {
		ssize_t n = pread(fd, buf, CHUNK, (off_t)off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			sha256_free(&h);
			return -e;
		}
		if (n == 0)
			break;
		sha256_update(&h, buf, (size_t)n);
		off += (uint64_t)n;
	}
	sha256_final_hex(&h, hex);
	if (size_out)
		*size_out = off;
	return 0;
}

void sha256_hex_of(const void *data, size_t len, char hex[SHA256_HEX_LEN + 1])
{
	struct sha256 h;
	if (sha256_init(&h) < 0)
		abort();
	sha256_update(&h, data, len);
	sha256_final_hex(&h, hex);
}
