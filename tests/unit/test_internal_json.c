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
#include "io/json_stream.h"

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

/* The assessment input no longer goes through jansson: a failed
 * allocation of the library's own allocator (the context's), at any
 * point of the read, is COMPLIANCE_E_NOMEM and keeps nothing. */
typedef struct failing {
	size_t calls, fail_at;
} failing;

static void *f_malloc(size_t size, void *ud)
{
	failing *f = ud;
	if (f->fail_at && ++f->calls == f->fail_at)
		return NULL;
	return malloc(size);
}

static void *f_realloc(void *ptr, size_t size, void *ud)
{
	failing *f = ud;
	if (f->fail_at && ++f->calls == f->fail_at)
		return NULL;
	return realloc(ptr, size);
}

static void f_free(void *ptr, void *ud)
{
	(void)ud;
	free(ptr);
}

static void input_nomem(void **state)
{
	/* escapes (the decode buffer), an object of 20 keys (the key index)
	 * and a refused second read (the position index) */
	static const char text[] =
		"{\"entities\": [{\"entity\": \"Kota \\u0041\", \"entity_type\": \"kota\",\n"
		"  \"units\": [{\"unit\": \"U1\", \"score\": 80.125}, {\"unit\": \"U2\", \"score\": 70},\n"
		"  {\"unit\": \"U3\", \"values\": {\"a\": 1, \"b\": 1, \"c\": 1, \"d\": 1, \"e\": 1, \"f\": 1,\n"
		"   \"g\": 1, \"h\": 1, \"i\": 1, \"j\": 1, \"k\": 1, \"l\": 1, \"m\": 1, \"n\": 1, \"o\": 1,\n"
		"   \"p\": 1, \"q\": 1, \"r\": 1, \"s\": 1, \"t\": 1}}]}]}";
	failing f = { 0, 0 };
	compliance_allocator al = { f_malloc, f_realloc, f_free, &f };
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a;
	size_t n, nomem = 0;
	int rc;

	(void)state;
	assert_int_equal(compliance_ctx_new_with_allocator(&ctx, &al), COMPLIANCE_OK);
	assert_int_equal(compliance_profile_open(ctx, &p, "ombudsman-2022"), COMPLIANCE_OK);
	for (n = 1;; n++) {
		assert_int_equal(compliance_assessment_new(ctx, &a, p), COMPLIANCE_OK);
		f.calls = 0;
		f.fail_at = n;
		rc = compliance_assessment_read_json_buffer(a, text, sizeof text - 1, "in.json");
		f.fail_at = 0;
		/* the U3 values are not nodes of ombudsman-2022: refused (found
		 * and located) unless memory ran out first */
		if (rc != COMPLIANCE_E_NOMEM && rc != COMPLIANCE_E_NOTFOUND)
			fail_msg("fail_at %zu: %d (%s)", n, rc, compliance_assessment_errmsg(a));
		assert_int_equal(compliance_assessment_entity_count(a), 0);
		if (rc == COMPLIANCE_E_NOTFOUND)
			/* (0:0 when the position index itself ran out of memory) */
			if (!strstr(compliance_assessment_errmsg(a), "in.json:3:") &&
			    !strstr(compliance_assessment_errmsg(a), "in.json:0:0:"))
				fail_msg("%s", compliance_assessment_errmsg(a));
		nomem += rc == COMPLIANCE_E_NOMEM;
		compliance_assessment_free(a);
		if (rc != COMPLIANCE_E_NOMEM && f.calls < n)
			break;
	}
	assert_true(nomem > 5);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/* The tokens of `text` in one line (refusals in jansson's words and at
 * jansson's place, the column counting the characters read on the line:
 * the same as jansson 2.14 gives, checked by reading thousands of mutated
 * inputs through both readers): "{ K:a I:1 R:2.5 S:x T F N [ ] }", or
 * up to the refusal "... E:L:C:message". */
static const char *tokens(const char *text, size_t len)
{
	static char out[16384];
	cp_alloc al;
	cp_jstream s;
	cp_jtok t;
	size_t n = 0;
	int r;

	cp_alloc_default(&al);
	cp_jstream_init(&s, &al, text, len);
	out[0] = '\0';
	do {
		r = cp_jstream_next(&s, &t);
		switch (r) {
		case CP_JT_OBJECT: n += (size_t)snprintf(out + n, sizeof out - n, "{ "); break;
		case CP_JT_OBJECT_END: n += (size_t)snprintf(out + n, sizeof out - n, "} "); break;
		case CP_JT_ARRAY: n += (size_t)snprintf(out + n, sizeof out - n, "[ "); break;
		case CP_JT_ARRAY_END: n += (size_t)snprintf(out + n, sizeof out - n, "] "); break;
		case CP_JT_TRUE: n += (size_t)snprintf(out + n, sizeof out - n, "T "); break;
		case CP_JT_FALSE: n += (size_t)snprintf(out + n, sizeof out - n, "F "); break;
		case CP_JT_NULL: n += (size_t)snprintf(out + n, sizeof out - n, "N "); break;
		case CP_JT_KEY:
		case CP_JT_STRING:
		case CP_JT_INTEGER:
		case CP_JT_REAL:
			n += (size_t)snprintf(out + n, sizeof out - n, "%c:%.*s ",
			                      "KSIR"[r - CP_JT_KEY], (int)t.len, t.text);
			break;
		case CP_JT_ERROR:
			n += (size_t)snprintf(out + n, sizeof out - n, "E:%d:%d:%s", s.err_line, s.err_col,
			                      s.msg);
			break;
		}
	} while (r != CP_JT_EOF && r != CP_JT_ERROR && n < sizeof out - 1);
	cp_jstream_free(&s);
	if (n && out[n - 1] == ' ')
		out[n - 1] = '\0';
	return out;
}

/* Every mismatch is printed before the test fails. */
static int mismatches;

static void check_tokens(const char *text, size_t len, const char *want)
{
	const char *got = tokens(text, len);

	if (strcmp(got, want)) {
		print_error("%s\n  got  %s\n  want %s\n", text, got, want);
		mismatches++;
	}
}

#define TOKENS(text, want) check_tokens(text, sizeof text - 1, want)

static void stream_tokens(void **state)
{
	(void)state;
	mismatches = 0;
	TOKENS("{\"a\": [1, -0, 2.50, 1e5, -1.5E-3, 0.0, true, false, null, \"x\"], \"b\": {}}",
	       "{ K:a [ I:1 I:-0 R:2.50 R:1e5 R:-1.5E-3 R:0.0 T F N S:x ] K:b { } }");
	TOKENS(" \t\r\n[ ] ", "[ ]");
	TOKENS("[[[]],{}]", "[ [ [ ] ] { } ]");
	/* the 64-bit integer range, as strtoll() (and so jansson) */
	TOKENS("[9223372036854775807,-9223372036854775808]",
	       "[ I:9223372036854775807 I:-9223372036854775808 ]");
	TOKENS("[9223372036854775808]", "[ E:1:20:too big integer near '9223372036854775808'");
	TOKENS("[-9223372036854775809]",
	       "[ E:1:21:too big negative integer near '-9223372036854775809'");
	/* reals: overflow exactly where a binary64 becomes infinite */
	TOKENS("[1.7976931348623157e308, 1e-400, 0e999999]",
	       "[ R:1.7976931348623157e308 R:1e-400 R:0e999999 ]");
	TOKENS("[1.797693134862315807937289714053034150799341327100378269361737789804449682927647"
	       "5094664901797758720709633028641669288791094655554785194040263065748867150582068190"
	       "8902000708383676273854845817711531764475730270069855571366959622842914819860834936"
	       "475292719074168444365510704342711559699508093042880177904174497791e308]",
	       "[ R:1.79769313486231580793728971405303415079934132710037826936173778980444968292764"
	       "75094664901797758720709633028641669288791094655554785194040263065748867150582068190"
	       "8902000708383676273854845817711531764475730270069855571366959622842914819860834936"
	       "475292719074168444365510704342711559699508093042880177904174497791e308 ]");
	TOKENS("[1.7976931348623158079e308]", "[ R:1.7976931348623158079e308 ]");
	TOKENS("[1.7976931348623158080e308]",
	       "[ E:1:26:real number overflow");
	TOKENS("[1e309]", "[ E:1:6:real number overflow near '1e309'");
	TOKENS("[-0.000000000000000000000000000000000000000000000001e400]",
	       "[ E:1:56:real number overflow");
	/* numbers outside the grammar */
	TOKENS("[01]", "[ E:1:2:invalid token near '0'");
	TOKENS("[-]", "[ E:1:2:invalid token near '-'");
	TOKENS("[+1]", "[ E:1:2:invalid token near '+'");
	TOKENS("[1.]", "[ E:1:2:invalid token near '1'");
	TOKENS("[.5]", "[ E:1:2:invalid token near '.'");
	TOKENS("[1e]", "[ E:1:3:invalid token near '1e'");
	TOKENS("[1e+]", "[ E:1:4:invalid token near '1e+'");
	TOKENS("[NaN]", "[ E:1:4:invalid token near 'NaN'");
	TOKENS("[tru]", "[ E:1:4:invalid token near 'tru'");
	TOKENS("[1 2]", "[ I:1 E:1:4:']' expected near '2'");
	TOKENS("{\"a\" 1}", "{ K:a E:1:6:':' expected near '1'");
	TOKENS("{\"a\":1,}", "{ K:a I:1 E:1:8:string or '}' expected near '}'");
	TOKENS("[1,]", "[ I:1 E:1:4:unexpected token near ']'");
	TOKENS("{1:2}", "{ E:1:2:string or '}' expected near '1'");
	assert_int_equal(mismatches, 0);
}

static void stream_strings(void **state)
{
	(void)state;
	mismatches = 0;
	/* every escape; \u to UTF-8 in 1, 2, 3 and 4 bytes (a surrogate pair) */
	TOKENS("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]", "[ S:\"\\/\b\f\n\r\t ]");
	TOKENS("[\"\\u0041\\u00e9\\u20AC\\uD83D\\uDE00\"]",
	       "[ S:A\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80 ]");
	TOKENS("{\"k\\u0065y\": 1}", "{ K:key I:1 }");
	TOKENS("[\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"]",
	       "[ S:\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80 ]");
	/* bad surrogates */
	TOKENS("[\"\\uD800\"]", "[ E:1:9:invalid Unicode '\\uD800' near '\"\\uD800\"'");
	TOKENS("[\"\\uDC00\"]", "[ E:1:9:invalid Unicode '\\uDC00' near '\"\\uDC00\"'");
	TOKENS("[\"\\uD800\\u0041\"]", "[ E:1:15:invalid Unicode '\\uD800\\u0041' near '\"\\uD800\\u0041\"'");
	TOKENS("[\"\\uD800x\"]", "[ E:1:10:invalid Unicode '\\uD800' near '\"\\uD800x\"'");
	/* bad escapes, control characters, NUL */
	TOKENS("[\"\\x\"]", "[ E:1:4:invalid escape near '\"\\x'");
	TOKENS("[\"\\u12G4\"]", "[ E:1:7:invalid escape near '\"\\u12G'");
	TOKENS("[\"a\tb\"]", "[ E:1:3:control character 0x9 near '\"a'");
	TOKENS("[\"a\nb\"]", "[ E:1:3:unexpected newline near '\"a'");
	TOKENS("[\"\\u0000\"]", "[ E:1:9:\\u0000 is not allowed without JSON_ALLOW_NUL near '\"\\u0000\"'");
	TOKENS("{\"\\u0000\": 1}", "{ E:1:9:NUL byte in object key not supported near '\"\\u0000\"'");
	/* strict UTF-8: an overlong form, an encoded surrogate, a lone
	 * continuation byte, a truncated sequence */
	TOKENS("[\"\xc0\xaf\"]", "[ E:1:2:unable to decode byte 0xc0 near '\"'");
	TOKENS("[\"\xed\xa0\x80\"]", "[ E:1:2:unable to decode byte 0xed near '\"'");
	TOKENS("[\"\x80\"]", "[ E:1:2:unable to decode byte 0x80 near '\"'");
	TOKENS("[\"\xc3\"]", "[ E:1:2:unable to decode byte 0xc3 near '\"'");
	TOKENS("[\xc3\xa9]", "[ E:1:2:invalid token near '\xc3\xa9'");
	/* truncated */
	TOKENS("[\"abc", "[ E:1:5:premature end of input near '\"abc'");
	TOKENS("[\"ab\\", "[ E:1:5:premature end of input near '\"ab\\'");
	assert_int_equal(mismatches, 0);
}

static void stream_structure(void **state)
{
	static char deep[2 * CP_JSTREAM_MAX_DEPTH + 8];
	size_t i;

	(void)state;
	mismatches = 0;
	/* the root: an object or an array, then nothing */
	TOKENS("", "E:1:0:'[' or '{' expected near end of file");
	TOKENS("   ", "E:1:3:'[' or '{' expected near end of file");
	TOKENS("1", "E:1:1:'[' or '{' expected near '1'");
	TOKENS("\"a\"", "E:1:3:'[' or '{' expected near '\"a\"'");
	/* a byte order mark is the caller's to drop (input_json drops one):
	 * here it is text, refused as jansson refuses it */
	TOKENS("\xEF\xBB\xBF[]", "E:1:1:'[' or '{' expected near '\xEF\xBB\xBF'");
	TOKENS("{} x", "{ } E:1:4:end of file expected near 'x'");
	TOKENS("{}{}", "{ } E:1:3:end of file expected near '{'");
	TOKENS("[] ,", "[ ] E:1:4:end of file expected near ','");
	/* truncated anywhere */
	TOKENS("{", "{ E:1:1:string or '}' expected near end of file");
	TOKENS("{\"a\"", "{ K:a E:1:4:':' expected near end of file");
	TOKENS("{\"a\":", "{ K:a E:1:5:unexpected token near end of file");
	TOKENS("{\"a\":1", "{ K:a I:1 E:1:6:'}' expected near end of file");
	TOKENS("[1,", "[ I:1 E:1:3:unexpected token near end of file");
	TOKENS("[", "[ E:1:1:']' expected near end of file");
	/* duplicate keys are refused in every object, escaped or not */
	TOKENS("{\"a\": 1, \"a\": 2}", "{ K:a I:1 E:1:12:duplicate object key near '\"a\"'");
	TOKENS("{\"a\": 1, \"\\u0061\": 2}", "{ K:a I:1 E:1:17:duplicate object key near '\"\\u0061\"'");
	TOKENS("[{\"a\": 1}, {\"a\": 2}]", "[ { K:a I:1 } { K:a I:2 } ]");
	TOKENS("{\"a\": {\"a\": 1}, \"b\": 2}", "{ K:a { K:a I:1 } K:b I:2 }");
	/* nesting: 2048 values deep (as jansson), not 2049 */
	for (i = 0; i < CP_JSTREAM_MAX_DEPTH; i++)
		deep[i] = '[';
	for (i = 0; i < CP_JSTREAM_MAX_DEPTH; i++)
		deep[CP_JSTREAM_MAX_DEPTH + i] = ']';
	assert_int_equal(strlen(tokens(deep, 2 * CP_JSTREAM_MAX_DEPTH)),
	                 4 * CP_JSTREAM_MAX_DEPTH - 1);
	memmove(deep + 1, deep, 2 * CP_JSTREAM_MAX_DEPTH);
	deep[0] = '[';
	deep[2 * CP_JSTREAM_MAX_DEPTH + 1] = ']';
	assert_non_null(strstr(tokens(deep, 2 * CP_JSTREAM_MAX_DEPTH + 2),
	                       "E:1:2049:maximum parsing depth reached"));
	/* lines and columns: 1-based, columns in characters */
	TOKENS("{\"\xc3\xa9\": 1,\n  \"b\": x}", "{ K:\xc3\xa9 I:1 K:b E:2:8:invalid token near 'x'");
	assert_int_equal(mismatches, 0);
}

/* Many keys in one object: the key index, past its growth. */
static void stream_many_keys(void **state)
{
	enum { N = 5000 };
	static char text[N * 16 + 16];
	size_t n = 0, i;
	cp_alloc al;
	cp_jstream s;
	cp_jtok t;
	int r, keys = 0;

	(void)state;
	n += (size_t)snprintf(text + n, sizeof text - n, "{");
	for (i = 0; i < N; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "%s\"k%zu\":%zu", i ? "," : "", i, i);
	n += (size_t)snprintf(text + n, sizeof text - n, "}");
	cp_alloc_default(&al);
	cp_jstream_init(&s, &al, text, n);
	while ((r = cp_jstream_next(&s, &t)) > 0)
		keys += r == CP_JT_KEY;
	assert_int_equal(r, CP_JT_EOF);
	assert_int_equal(keys, N);
	cp_jstream_free(&s);
	/* the same with the last key repeating the 3,000th */
	n -= 1;
	n += (size_t)snprintf(text + n, sizeof text - n, ",\"k2999\":1}");
	cp_jstream_init(&s, &al, text, n);
	while ((r = cp_jstream_next(&s, &t)) > 0)
		;
	assert_int_equal(r, CP_JT_ERROR);
	assert_non_null(strstr(s.msg, "duplicate object key"));
	cp_jstream_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(locate_paths),
		cmocka_unit_test(locate_repeated_key),
		cmocka_unit_test(locate_at_scale),
		cmocka_unit_test(jansson_nomem_profile),
		cmocka_unit_test(input_nomem),
		cmocka_unit_test(stream_tokens),
		cmocka_unit_test(stream_strings),
		cmocka_unit_test(stream_structure),
		cmocka_unit_test(stream_many_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
