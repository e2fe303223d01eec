/* The JSON position index (src/io/json_locate.c) and what the library
 * answers when jansson, whose allocator is process-global and does not
 * honour the per-context one, runs out of memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include <compliance.h>

#include "io/json_locate.h"

static void expect_loc(const cp_locator *lc, const char *path, const char *lexeme, int line,
                       int col)
{
	const cp_loc *loc = cp_locator_find(lc, path);

	if (!loc)
		fail_msg("%s: not found", path);
	if (lexeme && (loc->length != strlen(lexeme) ||
	               memcmp(lc->text + loc->offset, lexeme, loc->length) != 0))
		fail_msg("%s: lexeme '%.*s', expected '%s'", path, (int)loc->length,
		         lc->text + loc->offset, lexeme);
	if (loc->line != line || loc->col != col)
		fail_msg("%s: at %d:%d, expected %d:%d", path, loc->line, loc->col, line, col);
}

static void locate_paths(void **state)
{
	/* line 3 starts with 2 spaces; "é" is one column of two bytes */
	static const char text[] = "{\"a\": [1, 2.50,\n"
	                           " {\"b c\": -0.125, \"sc\\u006fre\": 80}],\n"
	                           "  \"\u00e9\": 7, \"x.y\": true, \"q\\\"\": null}";
	cp_alloc al;
	cp_locator lc;

	(void)state;
	cp_alloc_default(&al);
	assert_int_equal(cp_locate(&lc, &al, text, sizeof text - 1), 0);
	expect_loc(&lc, "$", NULL, 1, 1);
	expect_loc(&lc, "$.a", NULL, 1, 7);
	expect_loc(&lc, "$.a[0]", "1", 1, 8);
	expect_loc(&lc, "$.a[1]", "2.50", 1, 11);
	expect_loc(&lc, "$.a[2]", NULL, 2, 2);
	expect_loc(&lc, "$.a[2][\"b c\"]", "-0.125", 2, 10);
	/* the escaped key is found under its decoded name */
	expect_loc(&lc, "$.a[2].score", "80", 2, 32);
	expect_loc(&lc, "$[\"\u00e9\"]", "7", 3, 8);
	expect_loc(&lc, "$[\"x.y\"]", "true", 3, 18);
	expect_loc(&lc, "$[\"q\\\"\"]", "null", 3, 31);
	/* a path that only looks like one of them is not found */
	assert_null(cp_locator_find(&lc, "$.x.y"));
	assert_null(cp_locator_find(&lc, "$.a[3]"));
	assert_null(cp_locator_find(&lc, "$.a[2].sc\\u006fre"));
	cp_locator_free(&lc);
}

/* A repeated key (jansson refuses it where it matters; built-ins are
 * read without that check) finds the first value, as the scan did. */
static void locate_repeated_key(void **state)
{
	static const char text[] = "{\"k\": 1, \"k\": 2}";
	cp_alloc al;
	cp_locator lc;

	(void)state;
	cp_alloc_default(&al);
	assert_int_equal(cp_locate(&lc, &al, text, sizeof text - 1), 0);
	expect_loc(&lc, "$.k", "1", 1, 7);
	cp_locator_free(&lc);
}

/* Every one of 200,000 values is found at its own place (the table grows
 * past many sizes); not a timed test: the benchmark times it. */
static void locate_at_scale(void **state)
{
	enum { N = 200000 };
	size_t cap = (size_t)N * 24 + 16, n = 0, i;
	char *text = malloc(cap), path[64], lex[32];
	cp_alloc al;
	cp_locator lc;

	(void)state;
	assert_non_null(text);
	n += (size_t)snprintf(text + n, cap - n, "[");
	for (i = 0; i < N; i++)
		n += (size_t)snprintf(text + n, cap - n, "%s%zu.%zu%s", i ? "," : "", i, i % 7,
		                      i % 1000 == 999 ? "\n" : "");
	n += (size_t)snprintf(text + n, cap - n, "]");
	cp_alloc_default(&al);
	assert_int_equal(cp_locate(&lc, &al, text, n), 0);
	assert_int_equal(lc.nlocs, N + 1);
	for (i = 0; i < N; i++) {
		const cp_loc *loc;
		snprintf(path, sizeof path, "$[%zu]", i);
		snprintf(lex, sizeof lex, "%zu.%zu", i, i % 7);
		loc = cp_locator_find(&lc, path);
		assert_non_null(loc);
		assert_int_equal(loc->length, strlen(lex));
		assert_memory_equal(text + loc->offset, lex, loc->length);
		assert_int_equal(loc->line, (int)(i / 1000) + 1);
	}
	cp_locator_free(&lc);
	free(text);
}

/* jansson's allocator, failing its `fail_at`-th call. */
static size_t j_calls, j_fail_at;

static void *j_malloc(size_t size)
{
	if (++j_calls == j_fail_at)
		return NULL;
	return malloc(size);
}

static void j_free(void *p)
{
	free(p);
}

static const char profile_json[] =
	"{\"format\": \"libcompliance-profile/1\", \"id\": \"t\", \"year\": 2023,\n"
	" \"scale\": {\"min\": 0, \"max\": 100},\n"
	" \"rounding\": {\"mode\": \"half-up\", \"decimals\": 2, \"stages\": [\"unit\", \"entity\"]},\n"
	" \"bands\": [{\"min\": 50, \"max\": 100, \"category\": \"A\", \"zone\": \"hijau\", \"label\": \"Baik\"},\n"
	"           {\"min\": 0, \"max\": 49.99, \"category\": \"B\", \"zone\": \"merah\", \"label\": \"Buruk\"}],\n"
	" \"nodes\": [{\"id\": \"d1\", \"weight\": 40.5, \"source\": \"s\", \"confidence\": \"S\"},\n"
	"           {\"id\": \"d2\", \"weight\": \"59.5\"}]}";

static const char input_json[] =
	"{\"entities\": [{\"entity\": \"Kota A\", \"entity_type\": \"kota\",\n"
	"  \"units\": [{\"unit\": \"U1\", \"score\": 80.125}, {\"unit\": \"U2\", \"score\": 70}]}]}";

/* What jansson itself answers when its n-th allocation fails while it
 * parses `text`: 1 when it says out of memory (json_error_out_of_memory,
 * or no error text at all when it could not set up its lexer), 0 when it
 * parses the text all the same, -1 when it reports something else (jansson
 * 2.14 reports some failed allocations of its lexer as a syntax error, and
 * ignores others, dropping a character of a string: see common.h). */
static int jansson_answer(const char *text, size_t len, size_t n)
{
	json_error_t err;
	json_t *root;

	memset(&err, 0, sizeof err);
	j_calls = 0;
	j_fail_at = n;
	json_set_alloc_funcs(j_malloc, j_free);
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
	json_set_alloc_funcs(malloc, free);
	if (root) {
		json_decref(root);
		return j_calls < n ? 0 : -1;
	}
	return !err.text[0] || json_error_code(&err) == json_error_out_of_memory ? 1 : -1;
}

/* Out of memory inside jansson is COMPLIANCE_E_NOMEM wherever jansson says
 * so, never "invalid profile" or a parse error; a failure jansson itself
 * hides (see jansson_answer) cannot be seen by the library. */
static void jansson_nomem_profile(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	size_t n, nomem = 0;
	int rc;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	for (n = 1;; n++) {
		int jans = jansson_answer(profile_json, sizeof profile_json - 1, n);
		j_calls = 0;
		j_fail_at = n;
		json_set_alloc_funcs(j_malloc, j_free);
		rc = compliance_profile_load_buffer(ctx, &p, profile_json, sizeof profile_json - 1,
		                                    "t.json");
		json_set_alloc_funcs(malloc, free);
		if (rc == COMPLIANCE_OK) {
			compliance_profile_free(p);
			if (j_calls < n)
				break; /* no allocation failed: done */
			fail_msg("fail_at %zu: the failure went unseen", n);
		}
		if (jans == 1 && rc != COMPLIANCE_E_NOMEM)
			fail_msg("fail_at %zu: %d (%s), expected E_NOMEM", n, rc, compliance_ctx_errmsg(ctx));
		nomem += rc == COMPLIANCE_E_NOMEM;
	}
	assert_true(nomem > 10);
	compliance_ctx_free(ctx);
}

static void jansson_nomem_input(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a;
	size_t n, nomem = 0;
	int rc;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_open(ctx, &p, "ombudsman-2022"), COMPLIANCE_OK);
	for (n = 1;; n++) {
		int jans = jansson_answer(input_json, sizeof input_json - 1, n);
		assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
		j_calls = 0;
		j_fail_at = n;
		json_set_alloc_funcs(j_malloc, j_free);
		rc = compliance_assessment_read_json_buffer(a, input_json, sizeof input_json - 1,
		                                            "in.json");
		json_set_alloc_funcs(malloc, free);
		if (jans == 1 && rc != COMPLIANCE_E_NOMEM)
			fail_msg("fail_at %zu: %d (%s), expected E_NOMEM", n, rc,
			         compliance_assessment_errmsg(a));
		nomem += rc == COMPLIANCE_E_NOMEM;
		compliance_assessment_free(a);
		if (rc == COMPLIANCE_OK && j_calls < n)
			break;
	}
	assert_true(nomem > 5);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(locate_paths),
		cmocka_unit_test(locate_repeated_key),
		cmocka_unit_test(locate_at_scale),
		cmocka_unit_test(jansson_nomem_profile),
		cmocka_unit_test(jansson_nomem_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
