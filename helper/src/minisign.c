/* minisign.c — see minisign.h. The signature file is parsed strictly:
 * exactly four lines, fixed prefixes, base64 that decodes to exactly the
 * expected sizes. An empty or partial file never verifies. */
#include "minisign.h"

#include <inttypes.h>
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

#define SIG_BLOB_LEN 74   /* alg[2] key_id[8] sig[64] */
#define KEY_BLOB_LEN 42   /* alg[2] key_id[8] pk[32] */

/* Strict base64 (standard alphabet, '=' padding): returns the decoded length
 * or -1. OpenSSL decodes; this only adds the padding arithmetic and limits. */
static int b64_decode(const char *in, size_t in_len, uint8_t *out, size_t out_max)
{
	if (in_len == 0 || in_len % 4 != 0 || in_len / 4 * 3 > out_max + 2)
		return -1;
	uint8_t buf[192];
	if (in_len / 4 * 3 > sizeof(buf))
		return -1;
	int n = EVP_DecodeBlock(buf, (const unsigned char *)in, (int)in_len);
	if (n < 0)
		return -1;
	int pad = (in[in_len - 1] == '=') + (in[in_len - 2] == '=');
	n -= pad;
	if (n < 0 || (size_t)n > out_max)
		return -1;
	memcpy(out, buf, (size_t)n);
	return n;
}

bool minisign_parse_key(const char *b64, struct minisign_key *out)
{
	uint8_t blob[KEY_BLOB_LEN];
	size_t n = strlen(b64);
	if (n != MINISIGN_KEY_B64_LEN || b64_decode(b64, n, blob, sizeof(blob)) != KEY_BLOB_LEN)
		return false;
	if (blob[0] != 'E' || blob[1] != 'd')
		return false;
	memcpy(out->id, blob + 2, 8);
	memcpy(out->pk, blob + 10, 32);
	return true;
}

/* The id is a little-endian 64-bit number. */
static uint64_t key_id_value(const uint8_t id[8])
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = (v << 8) | id[i];
	return v;
}

void minisign_key_id_hex(const uint8_t id[8], char out[17])
{
	snprintf(out, 17, "%016" PRIX64, key_id_value(id));
}

void minisign_key_id_text(const uint8_t id[8], char out[17])
{
	snprintf(out, 17, "%" PRIX64, key_id_value(id));
}

__attribute__((format(printf, 4, 5)))
static enum minisign_result fail(enum minisign_result r, char *why, size_t why_len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, why_len, fmt, ap);
	va_end(ap);
	return r;
}

static bool ed25519_verify(const uint8_t pk[32], const uint8_t sig[64], const void *msg, size_t len)
{
	EVP_PKEY *key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pk, 32);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	bool ok = key && ctx && EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, key) == 1 &&
		  EVP_DigestVerify(ctx, sig, 64, msg, len) == 1;
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(key);
	return ok;
}

static bool blake2b512(const void *data, size_t len, uint8_t out[64])
{
	unsigned int n = 0;
	return EVP_Digest(data, len, out, &n, EVP_blake2b512(), NULL) == 1 && n == 64;
}

/* Splits the next '\n'-terminated line; NULL if there is none. */
static const char *next_line(const char **p, const char *end, size_t *len)
{
	if (*p >= end)
		return NULL;
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	if (!nl)
		return NULL;
	const char *line = *p;
	*len = (size_t)(nl - line);
	if (*len > 0 && line[*len - 1] == '\r')
		(*len)--;
	*p = nl + 1;
	return line;
}

enum minisign_result minisign_verify(const struct minisign_key *keys, size_t n_keys, const void *data, size_t len,
				     const char *sig_text, size_t sig_len, char *trusted_comment, size_t tc_size,
				     size_t *signer, char *why, size_t why_len)
{
	static const char untrusted_prefix[] = "untrusted comment: ";
	static const char trusted_prefix[] = "trusted comment: ";
	if (sig_len == 0)
		return fail(MINISIGN_MALFORMED, why, why_len, "the signature is empty");
	if (sig_len > MINISIGN_MAX_SIG_FILE)
		return fail(MINISIGN_MALFORMED, why, why_len, "the signature file is larger than %d bytes",
			    MINISIGN_MAX_SIG_FILE);
	if (memchr(sig_text, '\0', sig_len))
		return fail(MINISIGN_MALFORMED, why, why_len, "the signature contains a NUL byte");

	/* minisign ends the last line with '\n'; accept a missing one too. */
	_cleanup_free_ char *text = xmalloc(sig_len + 2);
	memcpy(text, sig_text, sig_len);
	size_t tlen = sig_len;
	if (text[tlen - 1] != '\n')
		text[tlen++] = '\n';
	text[tlen] = '\0';
	const char *p = text, *end = text + tlen;
	size_t l1, l2, l3, l4;
	const char *line1 = next_line(&p, end, &l1);
	const char *line2 = next_line(&p, end, &l2);
	const char *line3 = next_line(&p, end, &l3);
	const char *line4 = next_line(&p, end, &l4);
	if (!line1 || !line2 || !line3 || !line4)
		return fail(MINISIGN_MALFORMED, why, why_len, "the signature is truncated (fewer than 4 lines)");
	if (p != end)
		return fail(MINISIGN_MALFORMED, why, why_len, "the signature has extra data after its 4 lines");
	if (l1 < sizeof(untrusted_prefix) - 1 || memcmp(line1, untrusted_prefix, sizeof(untrusted_prefix) - 1) != 0)
		return fail(MINISIGN_MALFORMED, why, why_len, "line 1 of the signature is not an untrusted comment");
	if (l3 < sizeof(trusted_prefix) - 1 || memcmp(line3, trusted_prefix, sizeof(trusted_prefix) - 1) != 0)
		return fail(MINISIGN_MALFORMED, why, why_len, "line 3 of the signature is not a trusted comment");

	uint8_t blob[SIG_BLOB_LEN], global[64];
	if (b64_decode(line2, l2, blob, sizeof(blob)) != SIG_BLOB_LEN)
		return fail(MINISIGN_MALFORMED, why, why_len, "line 2 of the signature is not a base64 signature");
	if (b64_decode(line4, l4, global, sizeof(global)) != 64)
		return fail(MINISIGN_MALFORMED, why, why_len, "line 4 of the signature is not a base64 global signature");
	bool prehashed;
	if (blob[0] == 'E' && blob[1] == 'd')
		prehashed = false;
	else if (blob[0] == 'E' && blob[1] == 'D')
		prehashed = true;
	else
		return fail(MINISIGN_MALFORMED, why, why_len, "unknown signature algorithm '%c%c'",
			    blob[0] >= 0x20 && blob[0] < 0x7f ? blob[0] : '?', blob[1] >= 0x20 && blob[1] < 0x7f ? blob[1] : '?');

	const struct minisign_key *key = NULL;
	for (size_t i = 0; i < n_keys && !key; i++)
		if (memcmp(keys[i].id, blob + 2, 8) == 0) {
			key = &keys[i];
			if (signer)
				*signer = i;
		}
	if (!key) {
		char id[17];
		minisign_key_id_text(blob + 2, id);
		return fail(MINISIGN_UNKNOWN_KEY, why, why_len, "signed with key %s, which is not trusted for this target", id);
	}

	const uint8_t *sig = blob + 10;
	uint8_t digest[64];
	if (prehashed && !blake2b512(data, len, digest))
		return fail(MINISIGN_BAD_SIGNATURE, why, why_len, "BLAKE2b-512 is not available");
	if (!ed25519_verify(key->pk, sig, prehashed ? (const void *)digest : data, prehashed ? 64 : len))
		return fail(MINISIGN_BAD_SIGNATURE, why, why_len, "the signature does not match the data");

	/* The global signature binds the trusted comment to this signature. */
	const char *comment = line3 + sizeof(trusted_prefix) - 1;
	size_t clen = l3 - (sizeof(trusted_prefix) - 1);
	if (clen > MINISIGN_MAX_COMMENT)
		return fail(MINISIGN_MALFORMED, why, why_len, "the trusted comment is longer than %d bytes",
			    MINISIGN_MAX_COMMENT);
	uint8_t signed_comment[64 + MINISIGN_MAX_COMMENT];
	memcpy(signed_comment, sig, 64);
	memcpy(signed_comment + 64, comment, clen);
	if (!ed25519_verify(key->pk, global, signed_comment, 64 + clen))
		return fail(MINISIGN_BAD_SIGNATURE, why, why_len, "the trusted comment's signature does not match");
	if (trusted_comment && tc_size) {
		size_t n = clen < tc_size - 1 ? clen : tc_size - 1;
		memcpy(trusted_comment, comment, n);
		trusted_comment[n] = '\0';
	}
	return MINISIGN_OK;
}
