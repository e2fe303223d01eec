/*
 * The string buffer (src/util/strbuf.c): appends, a failed allocation that
 * sticks, the display width of escaped text, and CSV text fields
 * neutralised against formula injection (OWASP: = + - @ TAB CR).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/strbuf.h"

static char *csv(const char *field)
{
	cp_alloc al;
	cp_strbuf b;

	cp_alloc_default(&al);
	cp_sb_init(&b, &al);
	cp_sb_csv_text(&b, field);
	return cp_sb_take(&b);
}

static void expect_csv(const char *field, const char *want)
{
	char *got = csv(field);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_csv_text(void **state)
{
	(void)state;
	expect_csv("Kota A", "Kota A");
	expect_csv("", "");
	expect_csv("a,b", "\"a,b\"");
	expect_csv("say \"hi\"", "\"say \"\"hi\"\"\"");
	expect_csv("two\nlines", "\"two\nlines\"");
	/* the six OWASP leading characters */
	expect_csv("=1+2", "\"'=1+2\"");
	expect_csv("+1", "\"'+1\"");
	expect_csv("-1", "\"'-1\"");
	expect_csv("@SUM(A1)", "\"'@SUM(A1)\"");
	expect_csv("\tx", "\"'\tx\"");
	expect_csv("\rx", "\"'\rx\"");
	expect_csv("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	/* only the first character counts */
	expect_csv("a=b", "a=b");
	expect_csv("Kab. -", "Kab. -");
}

static void test_width_and_append(void **state)
{
	cp_alloc al;
	cp_strbuf b;
	char *s;

	(void)state;
	cp_alloc_default(&al);
	cp_sb_init(&b, &al);
	assert_int_equal(cp_escaped_width("Kota"), 4);
	assert_int_equal(cp_escaped_width("\x1b"), 4);            /* \x1b */
	assert_int_equal(cp_escaped_width("\xc2\x9b"), 6);        /* \u009b */
	assert_int_equal(cp_escaped_width("Jak\xc3\xa9"), 4);     /* é is one */
	assert_int_equal(cp_sb_escaped(&b, "a\x1b" "b"), 6);
	cp_sb_spaces(&b, 2);
	cp_sb_printf(&b, "%d|%s", 42, "x");
	cp_sb_putc(&b, '!');
	s = cp_sb_take(&b);
	assert_string_equal(s, "a\\x1bb  42|x!");
	free(s);
	/* take on an empty buffer gives "" */
	cp_sb_init(&b, &al);
	s = cp_sb_take(&b);
	assert_string_equal(s, "");
	free(s);
}

static void *no_malloc(size_t size, void *ud)
{
	(void)size;
	(void)ud;
	return NULL;
}

static void *no_realloc(void *p, size_t size, void *ud)
{
	(void)p;
	(void)size;
	(void)ud;
	return NULL;
}

static void just_free(void *p, void *ud)
{
	(void)ud;
	free(p);
}

static void test_failure_sticks(void **state)
{
	cp_alloc al;
	cp_strbuf b;

	(void)state;
	al.a.malloc_fn = no_malloc;
	al.a.realloc_fn = no_realloc;
	al.a.free_fn = just_free;
	al.a.userdata = NULL;
	cp_sb_init(&b, &al);
	cp_sb_puts(&b, "x");
	assert_true(b.failed);
	cp_sb_printf(&b, "%s", "more");
	cp_sb_escaped(&b, "\x1b");
	assert_null(cp_sb_take(&b));
}

/* The non-allocating form for error messages: cut at a character. */
static void test_escape_fixed(void **state)
{
	char buf[8];

	(void)state;
	cp_escape_fixed(buf, sizeof buf, "ab\x1b");
	assert_string_equal(buf, "ab\\x1b");
	cp_escape_fixed(buf, sizeof buf, "abcdefghij");
	assert_string_equal(buf, "abcdefg");
	cp_escape_fixed(buf, sizeof buf, "abcde\xc3\xa9x"); /* é would straddle the end */
	assert_string_equal(buf, "abcde\xc3\xa9");
	cp_escape_fixed(buf, 7, "abcde\xc3\xa9x");
	assert_string_equal(buf, "abcde");
	cp_escape_fixed(buf, 1, "abc");
	assert_string_equal(buf, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_text),
		cmocka_unit_test(test_width_and_append),
		cmocka_unit_test(test_failure_sticks),
		cmocka_unit_test(test_escape_fixed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
