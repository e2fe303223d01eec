/*
 * libxlsxwriter loaded on first use (report/xlsx_write.c): the table is
 * complete from the configured SONAME, the same for every call and thread;
 * a library that cannot be found, or lacks a symbol, is a message naming
 * it, not a crash. (That libcompliance.so does not need it at start is
 * checked on the installed library by install.consume; that workbooks are
 * still written, by the xlsx tests.)
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report/xlsx_write.h"

static void test_load_configured(void **state)
{
	cp_lxw t;
	char why[256] = "";

	(void)state;
	memset(&t, 0, sizeof t);
	assert_int_equal(cp_lxw_load(CP_XLSXWRITER_SONAME, &t, why, sizeof why), 0);
#define CP_LXW_CHECK(name) assert_non_null(t.name);
	CP_LXW_SYMBOLS(CP_LXW_CHECK)
#undef CP_LXW_CHECK
	/* a call through the table answers as the library does */
	assert_string_equal(t.lxw_strerror(LXW_NO_ERROR), "No error.");
}

static void test_missing_library(void **state)
{
	cp_lxw t;
	char why[256] = "";

	(void)state;
	assert_int_equal(cp_lxw_load("libcompliance-no-such-library.so.9", &t, why, sizeof why), -1);
	assert_non_null(strstr(why, "libcompliance-no-such-library.so.9"));
}

static void test_missing_symbol(void **state)
{
	cp_lxw t;
	char why[256] = "";

	(void)state;
	/* libc is there, and has no workbook_new */
	assert_int_equal(cp_lxw_load("libc.so.6", &t, why, sizeof why), -1);
	assert_string_equal(why, "libc.so.6 has no symbol workbook_new");
}

static void *get_one(void *arg)
{
	const char *why = NULL;

	*(const cp_lxw **)arg = cp_lxw_get(&why);
	return NULL;
}

/* Threads that ask at once all get the one table. */
static void test_get_once(void **state)
{
	enum { N = 8 };
	pthread_t th[N];
	const cp_lxw *got[N];
	const char *why = NULL;
	const cp_lxw *first;
	int i;

	(void)state;
	for (i = 0; i < N; i++)
		assert_int_equal(pthread_create(&th[i], NULL, get_one, &got[i]), 0);
	for (i = 0; i < N; i++)
		assert_int_equal(pthread_join(th[i], NULL), 0);
	first = cp_lxw_get(&why);
	assert_non_null(first);
	for (i = 0; i < N; i++)
		assert_ptr_equal(got[i], first);
	assert_non_null(first->workbook_new);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_configured),
		cmocka_unit_test(test_missing_library),
		cmocka_unit_test(test_missing_symbol),
		cmocka_unit_test(test_get_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
