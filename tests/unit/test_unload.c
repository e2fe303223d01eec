/*
 * Loading and unloading the shared library as an interpreter or a database
 * engine does (dlopen, use, dlclose), several times: the built-in profile
 * cache is released at unload (src/profile/profile_open.c cache_release),
 * so that under LeakSanitizer (the ASan run of tools/ci-extra.sh) nothing
 * is reported; and a library loaded again works as the first time.
 */
#include <dlfcn.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "compliance.h"

typedef int (*ctx_new_fn)(compliance_ctx **);
typedef void (*ctx_free_fn)(compliance_ctx *);
typedef int (*open_fn)(compliance_ctx *, compliance_profile **, const char *);
typedef void (*pfree_fn)(compliance_profile *);
typedef int (*classify_fn)(compliance_ctx *, const compliance_profile *, const char *, int64_t *,
                           size_t *);
typedef const char *(*cat_fn)(const compliance_profile *, size_t);

static void test_load_use_unload(void **state)
{
	int round;

	(void)state;
	for (round = 0; round < 3; round++) {
		void *h = dlopen(COMPLIANCE_LIBRARY, RTLD_NOW | RTLD_LOCAL);
		ctx_new_fn ctx_new;
		ctx_free_fn ctx_free;
		open_fn open_p;
		pfree_fn pfree;
		classify_fn classify;
		cat_fn cat;
		compliance_ctx *ctx;
		compliance_profile *p, *again;
		int64_t r;
		size_t b;

		assert_non_null(h);
		*(void **)&ctx_new = dlsym(h, "compliance_ctx_new");
		*(void **)&ctx_free = dlsym(h, "compliance_ctx_free");
		*(void **)&open_p = dlsym(h, "compliance_profile_open");
		*(void **)&pfree = dlsym(h, "compliance_profile_free");
		*(void **)&classify = dlsym(h, "compliance_profile_classify");
		*(void **)&cat = dlsym(h, "compliance_profile_band_category");
		assert_non_null(ctx_new);
		assert_non_null(classify);
		assert_int_equal(ctx_new(&ctx), 0);
		assert_int_equal(open_p(ctx, &p, "ombudsman-2023"), 0);
		assert_int_equal(open_p(ctx, &again, "ombudsman-2023"), 0);
		assert_ptr_equal(p, again); /* the cache shares one */
		assert_int_equal(open_p(ctx, &again, "skm-2017"), 0);
		pfree(again);
		/* 87.995 rounds half-up to 88.00: A under 2023 */
		assert_int_equal(classify(ctx, p, "87.995", &r, &b), 0);
		assert_int_equal(r, 8800);
		assert_string_equal(cat(p, b), "A");
		pfree(p);
		pfree(p);
		ctx_free(ctx);
		assert_int_equal(dlclose(h), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_use_unload),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
