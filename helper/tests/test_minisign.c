/* test_minisign.c — signatures made by the real `minisign` tool verify, in
 * both forms; every kind of broken, empty, truncated, foreign or tampered
 * signature is refused with the right reason. (An empty signature must never
 * pass: fwupd's CVE-2020-10759 was exactly that.) */
#include "testutil.h"

#include "minisign.h"
#include "state.h"

struct fx {
	char *dir;
	struct minisign_key key, other;
	char *data;
	size_t data_len;
};

static char *run_capture(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char *buf = calloc(1, 4096);
	size_t n = fread(buf, 1, 4095, p);
	buf[n] = '\0';
	assert_int_equal(pclose(p), 0);
	return buf;
}

/* Second line of a minisign .pub file. */
static void load_pub(const char *path, struct minisign_key *key)
{
	char *text = tu_read(path, NULL);
	assert_non_null(text);
	char *line = strchr(text, '\n');
	assert_non_null(line);
	line++;
	line[strcspn(line, "\r\n")] = '\0';
	assert_true(minisign_parse_key(line, key));
	free(text);
}

static void make_key(const char *dir, const char *name, struct minisign_key *key)
{
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "cd '%s' && minisign -G -W -p %s.pub -s %s.key >/dev/null 2>&1 && echo ok", dir, name,
		 name);
	free(run_capture(cmd));
	char *pub = NULL;
	assert_true(asprintf(&pub, "%s/%s.pub", dir, name) > 0);
	load_pub(pub, key);
	free(pub);
}

static char *sign(struct fx *f, const char *extra_flags)
{
	char cmd[1024];
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && rm -f feed.json.minisig && minisign -S %s -s main.key -m feed.json -t 'upswap feed test' "
		 ">/dev/null 2>&1 && cat feed.json.minisig",
		 f->dir, extra_flags);
	return run_capture(cmd);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->dir = tu_mkdtemp();
	make_key(f->dir, "main", &f->key);
	make_key(f->dir, "other", &f->other);
	f->data = strdup("{\"format\":1,\"product\":\"demo\",\"serial\":3,\"releases\":[]}\n");
	f->data_len = strlen(f->data);
	char *path = tu_path(f->dir, "feed.json");
	tu_write_str(path, f->data);
	free(path);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tu_rmtree(f->dir);
	free(f->dir);
	free(f->data);
	free(f);
	return 0;
}

static enum minisign_result verify(struct fx *f, const char *sig, const void *data, size_t len, char *why)
{
	char tc[256];
	struct minisign_key keys[2] = { f->other, f->key };
	size_t signer = 99;
	enum minisign_result r = minisign_verify(keys, 2, data, len, sig, strlen(sig), tc, sizeof(tc), &signer, why, 256);
	if (r == MINISIGN_OK)
		assert_int_equal(signer, 1); /* the main key, second in the list */
	return r;
}

static void real_signatures_verify_in_both_forms(void **state)
{
	struct fx *f = *state;
	char why[256] = "";
	for (int legacy = 0; legacy < 2; legacy++) {
		char *sig = sign(f, legacy ? "-l" : "");
		char tc[256] = "";
		enum minisign_result r = minisign_verify(&f->key, 1, f->data, f->data_len, sig, strlen(sig), tc,
							 sizeof(tc), NULL, why, sizeof(why));
		if (r != MINISIGN_OK)
			fail_msg("%s signature refused: %s", legacy ? "legacy" : "prehashed", why);
		assert_non_null(strstr(tc, "upswap feed test"));
		/* The line-2 algorithm differs between the forms ("Ed" vs "ED"). */
		free(sig);
	}
}

static void tampered_data_fails(void **state)
{
	struct fx *f = *state;
	char why[256] = "";
	for (int legacy = 0; legacy < 2; legacy++) {
		char *sig = sign(f, legacy ? "-l" : "");
		char *copy = strdup(f->data);
		copy[20] ^= 1; /* one bit of one byte */
		assert_int_equal(verify(f, sig, copy, f->data_len, why), MINISIGN_BAD_SIGNATURE);
		assert_non_null(strstr(why, "does not match"));
		/* One byte more or less fails too. */
		assert_int_equal(verify(f, sig, f->data, f->data_len - 1, why), MINISIGN_BAD_SIGNATURE);
		free(copy);
		free(sig);
	}
}

static void tampered_trusted_comment_fails(void **state)
{
	struct fx *f = *state;
	char why[256] = "";
	char *sig = sign(f, "");
	char *tc = strstr(sig, "trusted comment: upswap feed test");
	assert_non_null(tc);
	tc[strlen("trusted comment: upswap feed t")] = 'T';
	assert_int_equal(verify(f, sig, f->data, f->data_len, why), MINISIGN_BAD_SIGNATURE);
	assert_non_null(strstr(why, "trusted comment"));
	free(sig);
}

static void unknown_key_is_refused(void **state)
{
	struct fx *f = *state;
	char why[256] = "";
	char *sig = sign(f, "");
	assert_int_equal(minisign_verify(&f->other, 1, f->data, f->data_len, sig, strlen(sig), NULL, 0, NULL, why, sizeof(why)),
			 MINISIGN_UNKNOWN_KEY);
	char id[17];
	minisign_key_id_text(f->key.id, id);
	assert_non_null(strstr(why, id)); /* names the key id as minisign prints it */
	/* And no keys at all is the same answer, never a pass. */
	assert_int_equal(minisign_verify(NULL, 0, f->data, f->data_len, sig, strlen(sig), NULL, 0, NULL, why, sizeof(why)),
			 MINISIGN_UNKNOWN_KEY);
	free(sig);
}

static void key_ids_read_as_minisign_prints_them(void **state)
{
	(void)state;
	/* 0x0E6B9BAD09586475, little-endian: minisign prints E6B9BAD09586475. */
	const uint8_t id[8] = { 0x75, 0x64, 0x58, 0x09, 0xAD, 0x9B, 0x6B, 0x0E };
	char hex[17];
	minisign_key_id_text(id, hex);
	assert_string_equal(hex, "E6B9BAD09586475");
	/* State files keep the fixed 16-digit form, as earlier versions wrote it. */
	minisign_key_id_hex(id, hex);
	assert_string_equal(hex, "0E6B9BAD09586475");
	const uint8_t full[8] = { 0x09, 0x72, 0x6A, 0xA6, 0x24, 0xE7, 0x6C, 0x40 };
	minisign_key_id_text(full, hex);
	assert_string_equal(hex, "406CE724A66A7209");
	minisign_key_id_hex(full, hex);
	assert_string_equal(hex, "406CE724A66A7209");
}

/* Who announced a key is kept in the state file in the fixed form, so an
 * announcement by a key whose id starts with a zero survives a restart. */
static void announcements_by_a_key_with_a_leading_zero_are_kept(void **state)
{
	struct fx *f = *state;
	const uint8_t id[8] = { 0x75, 0x64, 0x58, 0x09, 0xAD, 0x9B, 0x6B, 0x0E };
	char by[17];
	minisign_key_id_hex(id, by);
	struct target_record rec;
	target_record_init(&rec);
	assert_true(state_announce_key(&rec, "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3", by));
	int dirfd = open(f->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(dirfd >= 0);
	assert_int_equal(state_save(dirfd, "app", &rec), 0);
	struct target_record back;
	assert_int_equal(state_load(dirfd, "app", &back), 0);
	assert_int_equal(back.n_announced, 1);
	assert_string_equal(back.announced[0].by, "0E6B9BAD09586475");
	close(dirfd);
}

static void broken_signatures_are_malformed(void **state)
{
	struct fx *f = *state;
	char why[256] = "";
	char *sig = sign(f, "");
	size_t n = strlen(sig);
	/* empty */
	assert_int_equal(minisign_verify(&f->key, 1, f->data, f->data_len, "", 0, NULL, 0, NULL, why, sizeof(why)),
			 MINISIGN_MALFORMED);
	assert_non_null(strstr(why, "empty"));
	/* every truncation */
	for (size_t cut = 1; cut < n - 1; cut++) {
		enum minisign_result r =
			minisign_verify(&f->key, 1, f->data, f->data_len, sig, cut, NULL, 0, NULL, why, sizeof(why));
		if (r == MINISIGN_OK)
			fail_msg("a signature cut to %zu of %zu bytes verified", cut, n);
	}
	/* extra junk after the four lines */
	char *junk = NULL;
	assert_true(asprintf(&junk, "%sextra\n", sig) > 0);
	assert_int_equal(verify(f, junk, f->data, f->data_len, why), MINISIGN_MALFORMED);
	free(junk);
	/* wrong prefixes, garbage base64, unknown algorithm */
	assert_int_equal(verify(f, "not a signature\n", f->data, f->data_len, why), MINISIGN_MALFORMED);
	char *bad = strdup(sig);
	char *l2 = strchr(bad, '\n') + 1;
	l2[3] = '*';
	assert_int_equal(verify(f, bad, f->data, f->data_len, why), MINISIGN_MALFORMED);
	free(bad);
	bad = strdup(sig);
	bad[0] = 'U';
	assert_int_equal(verify(f, bad, f->data, f->data_len, why), MINISIGN_MALFORMED);
	free(bad);
	/* a signature of all zero bytes with the right shape */
	const char *zero = "untrusted comment: x\n"
			   "RUQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n"
			   "trusted comment: x\n"
			   "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n";
	assert_int_not_equal(verify(f, zero, f->data, f->data_len, why), MINISIGN_OK);
	free(sig);
}

static void keys_parse_strictly(void **state)
{
	struct fx *f = *state;
	(void)f;
	struct minisign_key k;
	assert_false(minisign_parse_key("", &k));
	assert_false(minisign_parse_key("RWQ", &k));
	assert_false(minisign_parse_key("untrusted comment: minisign public key", &k));
	/* right length, wrong algorithm bytes */
	assert_false(minisign_parse_key("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &k));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(real_signatures_verify_in_both_forms),
		cmocka_unit_test(tampered_data_fails),
		cmocka_unit_test(tampered_trusted_comment_fails),
		cmocka_unit_test(unknown_key_is_refused),
		cmocka_unit_test(broken_signatures_are_malformed),
		cmocka_unit_test(keys_parse_strictly),
		cmocka_unit_test(key_ids_read_as_minisign_prints_them),
		cmocka_unit_test(announcements_by_a_key_with_a_leading_zero_are_kept),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
