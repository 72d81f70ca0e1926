/* test_feed.c — feed parsing rejects every malformed or hostile document
 * with a message naming the field, and the offered release is chosen by
 * version, min_from, rollout and hash. */
#include "testutil.h"

#include "feed.h"

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define SHA_C "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"

static const char good[] =
	"{\"format\":1,\"product\":\"demo\",\"serial\":7,\"expires\":\"2099-01-01T00:00:00Z\",\"releases\":["
	"{\"version\":\"1.0.0\",\"url\":\"demo-1.0.0\",\"size\":10,\"sha256\":\"" SHA_A "\"},"
	"{\"version\":\"2.0.0\",\"url\":\"demo-2.0.0\",\"size\":20,\"sha256\":\"" SHA_B "\",\"notes\":\"Faster.\","
	"\"critical\":true,\"min_from\":\"1.0.0\",\"rollout\":100,\"published\":\"2026-12-04T12:00:00Z\"},"
	"{\"version\":\"3.0.0-rc1\",\"url\":\"demo-3.0.0-rc1\",\"size\":30,\"sha256\":\"" SHA_C "\",\"rollout\":0}"
	"],\"future_field\":{\"ignored\":true}}";

static void parses_good_feed(void **state)
{
	(void)state;
	struct feed f;
	char why[256];
	assert_true(feed_parse(good, strlen(good), "demo", &f, why, sizeof(why)));
	assert_int_equal(f.serial, 7);
	assert_int_equal(f.n_releases, 3);
	assert_int_equal(f.expires, 4070908800LL);
	const struct release *r = feed_find(&f, "2.0.0");
	assert_non_null(r);
	assert_int_equal(r->size, 20);
	assert_true(r->critical);
	assert_string_equal(r->notes, "Faster.");
	assert_string_equal(r->min_from, "1.0.0");
	assert_ptr_equal(feed_find_sha(&f, SHA_A), &f.releases[0]);
	feed_free(&f);
}

static void offered_release(void **state)
{
	(void)state;
	struct feed f;
	char why[256];
	assert_true(feed_parse(good, strlen(good), "demo", &f, why, sizeof(why)));
	/* 3.0.0-rc1 is at rollout 0: never offered. 2.0.0 needs at least 1.0.0. */
	assert_string_equal(feed_best(&f, "1.0.0", SHA_A, "m", "demo")->version, "2.0.0");
	assert_null(feed_best(&f, "2.0.0", SHA_B, "m", "demo"));
	/* Unknown installed version: min_from cannot be proven, 1.0.0 is the best. */
	assert_string_equal(feed_best(&f, NULL, NULL, "m", "demo")->version, "1.0.0");
	/* Same bytes as a release are never offered again. */
	assert_null(feed_best(&f, NULL, SHA_A, "m", "demo"));
	feed_free(&f);
}

static void rollout_is_deterministic_and_spread(void **state)
{
	(void)state;
	int b = rollout_bucket("machine-1", "demo", "2.0.0");
	assert_true(b >= 0 && b < 100);
	assert_int_equal(b, rollout_bucket("machine-1", "demo", "2.0.0"));
	int hist[10] = { 0 };
	for (int i = 0; i < 1000; i++) {
		char id[32];
		snprintf(id, sizeof(id), "machine-%d", i);
		hist[rollout_bucket(id, "demo", "2.0.0") / 10]++;
	}
	for (int i = 0; i < 10; i++)
		assert_true(hist[i] > 50 && hist[i] < 150);
}

static void expect_reject(const char *doc, const char *needle)
{
	struct feed f;
	char why[384] = "";
	if (feed_parse(doc, strlen(doc), "demo", &f, why, sizeof(why)))
		fail_msg("accepted: %s", doc);
	if (!strstr(why, needle))
		fail_msg("reason '%s' does not mention '%s' for %s", why, needle, doc);
}

#define REL(extra) "{\"format\":1,\"product\":\"demo\",\"serial\":1,\"releases\":[{" extra "}]}"
#define OKREL "\"version\":\"1.0\",\"url\":\"a\",\"size\":1,\"sha256\":\"" SHA_A "\""

static void rejects_bad_feeds(void **state)
{
	(void)state;
	expect_reject("", "not valid JSON");
	expect_reject("{\"format\":1", "not valid JSON");
	expect_reject("[]", "not a JSON object");
	expect_reject("{} {}", "at byte 3");
	expect_reject("{\"product\":\"demo\",\"serial\":1,\"releases\":[]}", "format");
	expect_reject("{\"format\":2,\"product\":\"demo\",\"serial\":1,\"releases\":[]}", "format: 2 is not supported");
	expect_reject("{\"format\":1,\"product\":\"other\",\"serial\":1,\"releases\":[]}", "feed is for 'other'");
	expect_reject("{\"format\":1,\"product\":\"demo\",\"serial\":-1,\"releases\":[]}", "serial");
	expect_reject("{\"format\":1,\"product\":\"demo\",\"serial\":1.5,\"releases\":[]}", "serial");
	expect_reject("{\"format\":1,\"product\":\"demo\",\"serial\":1}", "releases");
	expect_reject("{\"format\":1,\"product\":\"demo\",\"serial\":1,\"expires\":\"tomorrow\",\"releases\":[]}", "expires");
	expect_reject(REL("\"url\":\"a\",\"size\":1,\"sha256\":\"" SHA_A "\""), "releases[0].version");
	expect_reject(REL("\"version\":\"../1\",\"url\":\"a\",\"size\":1,\"sha256\":\"" SHA_A "\""), "releases[0].version");
	expect_reject(REL("\"version\":\"1\",\"size\":1,\"sha256\":\"" SHA_A "\""), "releases[0].url");
	expect_reject(REL("\"version\":\"1\",\"url\":\"a\",\"size\":-1,\"sha256\":\"" SHA_A "\""), "releases[0].size");
	expect_reject(REL("\"version\":\"1\",\"url\":\"a\",\"size\":99999999999,\"sha256\":\"" SHA_A "\""), "releases[0].size");
	expect_reject(REL("\"version\":\"1\",\"url\":\"a\",\"size\":1,\"sha256\":\"abc\""), "releases[0].sha256");
	expect_reject(REL(OKREL ",\"critical\":\"yes\""), "releases[0].critical");
	expect_reject(REL(OKREL ",\"rollout\":101"), "releases[0].rollout");
	expect_reject(REL(OKREL ",\"min_from\":\"a b\""), "releases[0].min_from");
	expect_reject(REL(OKREL ",\"notes\":7"), "releases[0].notes");
	expect_reject(REL(OKREL ",\"notes\":\"bell\\u0007\""), "releases[0].notes: control characters");
	expect_reject(REL(OKREL ",\"published\":\"2026-02-31T00:00:00Z\""), "releases[0].published");
	expect_reject("{\"format\":1,\"product\":\"demo\",\"serial\":1,\"releases\":[{" OKREL "},{" OKREL "}]}",
		      "listed twice");
	expect_reject("{\"format\":1,\"product\":\"demo\",\"serial\":1,\"releases\":[[[[[[[[[[1]]]]]]]]]]}", "not valid JSON");
}

static void rejects_oversized(void **state)
{
	(void)state;
	/* Notes longer than allowed. */
	size_t n = MAX_NOTES + 200;
	char *doc = malloc(n + 300);
	int off = sprintf(doc, "{\"format\":1,\"product\":\"demo\",\"serial\":1,\"releases\":[{" OKREL ",\"notes\":\"");
	memset(doc + off, 'x', MAX_NOTES + 1);
	strcpy(doc + off + MAX_NOTES + 1, "\"}]}");
	expect_reject(doc, "releases[0].notes");
	free(doc);
	/* More releases than allowed. */
	size_t cap = 300 * 200;
	doc = malloc(cap);
	off = sprintf(doc, "{\"format\":1,\"product\":\"demo\",\"serial\":1,\"releases\":[");
	for (int i = 0; i <= MAX_RELEASES; i++)
		off += sprintf(doc + off, "%s{\"version\":\"1.%d\",\"url\":\"a\",\"size\":1,\"sha256\":\"" SHA_A "\"}",
			       i ? "," : "", i);
	strcpy(doc + off, "]}");
	expect_reject(doc, "at most");
	free(doc);
	/* A document over the size cap is refused before parsing. */
	struct feed f;
	char why[256];
	char *huge = calloc(1, MAX_FEED_SIZE + 2);
	memset(huge, ' ', MAX_FEED_SIZE + 1);
	assert_false(feed_parse(huge, MAX_FEED_SIZE + 1, "demo", &f, why, sizeof(why)));
	assert_non_null(strstr(why, "larger than"));
	free(huge);
}

static void times(void **state)
{
	(void)state;
	assert_int_equal(feed_parse_time("1970-01-01T00:00:00Z"), 0);
	assert_int_equal(feed_parse_time("2026-12-04T12:00:00Z"), 1796385600LL);
	assert_int_equal(feed_parse_time("2026-12-04 12:00:00Z"), -1);
	assert_int_equal(feed_parse_time("2026-12-04T12:00:00+01:00"), -1);
	assert_int_equal(feed_parse_time("2026-13-04T12:00:00Z"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_good_feed),
		cmocka_unit_test(offered_release),
		cmocka_unit_test(rollout_is_deterministic_and_spread),
		cmocka_unit_test(rejects_bad_feeds),
		cmocka_unit_test(rejects_oversized),
		cmocka_unit_test(times),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
