/* test_version.c — the name/version/hash validators every untrusted string
 * passes through. (Version ordering is checked against the shared fixture
 * in test_protocol.c, where the Java side checks it too.) */
#include "testutil.h"

#include "names.h"

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
		cmocka_unit_test(names),
		cmocka_unit_test(versions_and_hashes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
