/*
 * cp_text_key (src/util/text.c): the one key that SKM columns and groups,
 * compare's entities and summary's groups join on; cp_text_squeeze: how
 * names and kept values are stored.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/util.h"

static void expect_key(const char *in, int fold, const char *want)
{
	char out[128];
	size_t n = cp_text_key(out, in, strlen(in), fold);

	assert_string_equal(out, want);
	assert_int_equal(n, strlen(want));
}

static void test_white_space(void **state)
{
	(void)state;
	expect_key("", 1, "");
	expect_key(" \t\r\n\v\f", 1, "");
	expect_key("  Kota  Bandung\t", 0, "Kota Bandung");
	expect_key("Kota\t\r\nBandung", 0, "Kota Bandung");
	expect_key("a b", 0, "a b");
}

static void test_fold(void **state)
{
	(void)state;
	expect_key(" KABUPATEN  Bekasi ", 1, "kabupaten bekasi");
	expect_key(" KABUPATEN  Bekasi ", 0, "KABUPATEN Bekasi");
	/* only ASCII letters fold; other bytes pass through unchanged */
	expect_key("\xC3\x89LAN_9-Z", 1, "\xC3\x89lan_9-z");
	/* U+00A0 is not ASCII white space: it stays (the assessment's names
	 * have it squeezed before they reach a key) */
	expect_key("a\xC2\xA0" "b", 1, "a\xC2\xA0" "b");
}

static void test_length_bound(void **state)
{
	char out[8];

	(void)state;
	/* the output never needs more than len + 1 bytes */
	assert_int_equal(cp_text_key(out, "abcdefg", 7, 1), 7);
	assert_string_equal(out, "abcdefg");
	/* a key stops at len, not at a NUL */
	assert_int_equal(cp_text_key(out, "AB CD", 3, 1), 2);
	assert_string_equal(out, "ab");
}

static void expect_squeeze(const char *in, const char *want)
{
	char out[128];
	size_t n = cp_text_squeeze(in, strlen(in), out);

	assert_int_equal(n, strlen(want));
	assert_memory_equal(out, want, n);
}

/* cp_text_squeeze: how entity, unit and kept-column values are stored:
 * spaces and U+00A0 only, case kept */
static void test_squeeze(void **state)
{
	(void)state;
	expect_squeeze("", "");
	expect_squeeze("   ", "");
	expect_squeeze("  Kota \xC2\xA0 Bandung  ", "Kota Bandung");
	expect_squeeze("\xC2\xA0Kab.\xC2\xA0\xC2\xA0" "Bekasi\xC2\xA0", "Kab. Bekasi");
	/* a tab is not a space here (names keep it; the CSV reader refuses
	 * control characters before) */
	expect_squeeze("A\tB", "A\tB");
	/* a lone 0xC2 at the end is not a no-break space */
	expect_squeeze("A \xC2", "A \xC2");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_white_space),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_length_bound),
		cmocka_unit_test(test_squeeze),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
