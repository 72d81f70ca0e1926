/* test_version.c — version ordering (what counts as an upgrade) and the
 * name/version/hash validators every untrusted string passes through. */
#include "testutil.h"

#include "names.h"
#include "version.h"

static int sign(int x) { return (x > 0) - (x < 0); }

static void ordering(void **state)
{
	(void)state;
	static const struct {
		const char *a, *b;
		int want;
	} cases[] = {
		{ "1.0.0", "1.0.0", 0 },   { "1.0", "1.0.0", 0 },       { "1.0.1", "1.0.0", 1 },
		{ "1.10", "1.9", 1 },      { "2", "10", -1 },           { "1.0.0-rc1", "1.0.0", -1 },
		{ "1.0.0-rc2", "1.0.0-rc10", 1 }, /* byte-wise word fields: rc2 > rc10 */
		{ "1.0.0-1", "1.0.0-2", -1 },     { "1.0.0+build5", "1.0.0+build9", 0 },
		{ "1.0~beta", "1.0", -1 },        { "0010.1", "10.1", 0 },     { "1.a", "1.1", 1 },
		{ "99999999999999999999.0", "99999999999999999998.0", 1 },
		{ "3.0.0", "2.99.99", 1 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int got = sign(version_compare(cases[i].a, cases[i].b));
		if (got != cases[i].want)
			fail_msg("compare(%s, %s) = %d, want %d", cases[i].a, cases[i].b, got, cases[i].want);
		/* antisymmetric */
		assert_int_equal(sign(version_compare(cases[i].b, cases[i].a)), -cases[i].want);
	}
}

static void names(void **state)
{
	(void)state;
	assert_true(name_is_valid("demo"));
	assert_true(name_is_valid("a.b-c_d9"));
	assert_false(name_is_valid(""));
	assert_false(name_is_valid("Demo"));
	assert_false(name_is_valid(".hidden"));
	assert_false(name_is_valid("../etc"));
	assert_false(name_is_valid("a/b"));
	assert_false(name_is_valid("a b"));
	char long_name[80];
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	assert_false(name_is_valid(long_name));
	long_name[64] = '\0';
	assert_true(name_is_valid(long_name));
}

static void versions_and_hashes(void **state)
{
	(void)state;
	assert_true(version_is_valid("1.2.3-rc.1+git~x"));
	assert_false(version_is_valid("-1"));
	assert_false(version_is_valid("1 2"));
	assert_false(version_is_valid("1/2"));
	assert_false(version_is_valid(""));
	assert_true(sha256_hex_is_valid("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
	assert_false(sha256_hex_is_valid("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"));
	assert_false(sha256_hex_is_valid("e3b0"));
	assert_true(artifact_name_is_valid("demo-2.0.0"));
	assert_false(artifact_name_is_valid("../demo"));
	assert_false(artifact_name_is_valid(".demo"));
	assert_false(artifact_name_is_valid("sub/demo"));
	assert_true(printable_is_valid("upswap-cli 0.1", 128));
	assert_false(printable_is_valid("bell\a", 128));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ordering),
		cmocka_unit_test(names),
		cmocka_unit_test(versions_and_hashes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
