/*
 * The reading fast paths of issue 13 against the general paths they
 * shortcut (differential): the CSV reader's whole-record fast path
 * (cp_csv.no_fast switches it off), record by record, on chosen and on
 * random inputs, from a buffer and from a FILE read in chunks; the SKM
 * reader's one-digit answers.
 */
#define _GNU_SOURCE /* fmemopen */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "compliance/profile.h"
#include "compliance/skm.h"
#include "io/csv.h"
#include "skm/skm_internal.h"

/* A growing text: what a reader saw, to compare. */
typedef struct text {
	char *s;
	size_t len, cap;
} text;

static void put(text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->s = realloc(t->s, t->cap);
		assert_non_null(t->s);
	}
	memcpy(t->s + t->len, s, n);
	t->len += n;
	t->s[t->len] = '\0';
}

static void putf(text *t, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	put(t, buf, (size_t)n);
}

/* Every record of data (a buffer, or a FILE over it when `file`), with the
 * separator `sep`, the general path only when `slow`: each record's line,
 * fields (with their lengths, NULs included) and the end (rc, why, line,
 * what was seen). */
static void read_all(const char *data, size_t size, char sep, int file, int slow, text *t)
{
	cp_alloc al;
	cp_csv c;
	FILE *f = NULL;
	const char *why = NULL;
	int rc;

	cp_alloc_default(&al);
	if (file) {
		f = fmemopen((void *)(uintptr_t)data, size ? size : 1, "rb");
		assert_non_null(f);
		if (!size)
			(void)fgetc(f); /* an empty stream */
		cp_csv_init_file(&c, &al, f);
	} else {
		cp_csv_init_buffer(&c, &al, data, size);
	}
	cp_csv_set_separator(&c, sep);
	c.no_fast = slow;
	while ((rc = cp_csv_next(&c, &why)) == 1) {
		size_t i;
		putf(t, "%zu/%zu:", c.line, c.next_line);
		for (i = 0; i < c.nfields; i++) {
			putf(t, "[%zu:", cp_csv_len(&c, i));
			put(t, cp_csv_field(&c, i), cp_csv_len(&c, i) + 1);
			put(t, "]", 1);
		}
		put(t, "\n", 1);
	}
	putf(t, "end rc=%d why=%s line=%zu bom=%d crlf=%d\n", rc, why ? why : "(null)", c.line,
	     c.saw_bom, c.saw_crlf);
	cp_csv_free(&c);
	if (f)
		fclose(f);
}

/* The fast and the general path agree on data, both separators, from a
 * buffer and from a file. */
static void same(const char *data, size_t size)
{
	static const char seps[] = { ',', ';' };
	size_t k;
	int file;

	for (k = 0; k < 2; k++)
		for (file = 0; file < 2; file++) {
			text fast = { 0 }, slow = { 0 };
			read_all(data, size, seps[k], file, 0, &fast);
			read_all(data, size, seps[k], file, 1, &slow);
			if (fast.len != slow.len || memcmp(fast.s, slow.s, fast.len)) {
				print_error("input (%zu bytes, sep %c, %s):\n%.*s\nfast:\n%s\ngeneral:\n%s\n",
				            size, seps[k], file ? "file" : "buffer", (int)size, data,
				            fast.s, slow.s);
				fail();
			}
			free(fast.s);
			free(slow.s);
		}
}

static void same_str(const char *s)
{
	same(s, strlen(s));
}

static void test_chosen(void **state)
{
	static const char *const cases[] = {
		"",
		"\n",
		"a\n",
		"a",
		"a,b,c\nd,e,f\n",
		"a,b,c\r\nd,e,f\r\n",
		"a,b,c\r\nd,e,f",
		"a;b;c\nd;e;f\n",
		"a;b,5;c\n1,2;3\n",                   /* the other separator is text */
		"entity,unit,value\nX,U,\"87,5\"\n", /* a quoted field */
		"x,\"a \"\"q\"\" b\",y\n",
		"x,\"multi\nline\",y\nz\n",
		"\xEF\xBB\xBF" "a,b\n1,2\n",        /* a byte-order mark */
		"\xEF\xBB" "a,b\n",                  /* a broken one */
		"a,b\n\n\n1,2\n",                    /* blank lines */
		"a,b\r\n\r\n1,2\r\n",
		"a,b\n   \n1,2\n",                   /* a line of spaces */
		"a,b\n,,\n;;\n",                     /* separators only */
		" a,b \n1 , 2\n\t3\t,4\n",           /* fields to trim */
		"a b,c  d\n",                        /* inner spaces stay */
		"a,b\n1,2,3\n4\n",                   /* missing and extra fields */
		"a,b\r1,2\r",                        /* CR alone */
		"a,b\rc\n",
		"a,b\r\r\nc\n",
		"a,\"b\"x\n",                        /* text after a quote */
		"a,b\"c\n",                          /* a quote inside a field */
		"a,\"open\n",                        /* never closed */
		"a,b\n1,\0002\n",                    /* a NUL */
		"ent\xC3\xA9,caf\xC3,\xFF\xFE\n",    /* bytes that are not UTF-8 */
		"a,\n,b\n,\n",
		"87,5;1.5;-3\n",                     /* decimal commas */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++)
		same_str(cases[i]);
	same("a,b\n1,\0002\n", 11);
	same("a,b\n1,2\n\0", 9);
}

/* Records that cross the reader's 64 KiB chunks, and the limits. */
static void test_big(void **state)
{
	size_t n = 200000, i, len = 0;
	char *buf = malloc(n + 64);

	(void)state;
	assert_non_null(buf);
	/* lines of growing length, CRLF every third, crossing chunks */
	for (i = 0; len + 40 < n; i++) {
		len += (size_t)sprintf(buf + len, "e%zu,kota,u%zu,%s%zu%s", i, i % 7,
		                       i % 5 ? "" : " ", i, i % 3 ? "\n" : "\r\n");
	}
	same(buf, len);
	free(buf);
	/* 4096 fields, 4097 fields */
	buf = malloc(3 * 4097 + 8);
	assert_non_null(buf);
	for (len = 0, i = 0; i < 4096; i++)
		len += (size_t)sprintf(buf + len, i ? ",%zu" : "%zu", i % 10);
	buf[len++] = '\n';
	same(buf, len);
	len--;
	len += (size_t)sprintf(buf + len, ",x\n");
	same(buf, len);
	free(buf);
	/* a record at the byte limit and one byte past it */
	n = CP_CSV_MAX_RECORD + 4;
	buf = malloc(n);
	assert_non_null(buf);
	memset(buf, 'x', n);
	buf[CP_CSV_MAX_RECORD - 1] = '\n';
	same(buf, CP_CSV_MAX_RECORD);
	buf[CP_CSV_MAX_RECORD - 1] = 'x';
	buf[CP_CSV_MAX_RECORD] = '\n';
	same(buf, CP_CSV_MAX_RECORD + 1);
	free(buf);
}

/* Random inputs over the bytes that matter. */
static void test_random(void **state)
{
	static const char alphabet[] = { 'a', 'b', '1', ',', ';', '"', '\r', '\n', ' ', '\t',
	                                 '\0', (char)0xC3, (char)0xA9, (char)0xEF, (char)0xBB,
	                                 (char)0xBF, '.', 'a', '\n', ',' };
	uint64_t x = 0x9E3779B97F4A7C15u;
	char buf[96];
	int round;

	(void)state;
	for (round = 0; round < 30000; round++) {
		size_t len, i;
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		len = (size_t)(x % sizeof buf);
		for (i = 0; i < len; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			/* mostly ordinary text, so that records reach the fast path */
			buf[i] = x % 3 ? "abc12 .,"[(x >> 8) % 8] : alphabet[(x >> 8) % sizeof alphabet];
		}
		same(buf, len);
	}
}

/* Every answer field of up to two bytes, under both SKM scales: the same
 * code, answer and message with the one-digit fast path and without. */
static void test_skm_answers(void **state)
{
	static const char *const ids[] = { "skm-2017", "skm-2004" };
	size_t k;

	(void)state;
	for (k = 0; k < 2; k++) {
		compliance_ctx *ctx;
		compliance_profile *p;
		compliance_skm *s;
		unsigned v;

		assert_int_equal(compliance_ctx_new(&ctx), 0);
		assert_int_equal(compliance_profile_open(ctx, &p, ids[k]), 0);
		assert_int_equal(compliance_skm_new(ctx, &s, p), 0);
		for (v = 0; v < 1u + 256 + 256 * 256; v++) {
			char f[3] = { 0 }, msg[512];
			size_t len = v == 0 ? 0 : v <= 256 ? 1 : 2;
			unsigned out1 = 77, out2 = 77;
			int rc1, rc2;

			if (len == 1)
				f[0] = (char)(v - 1);
			else if (len == 2) {
				f[0] = (char)((v - 257) >> 8);
				f[1] = (char)((v - 257) & 0xff);
			}
			rc1 = cp_skm_answer(s, f, len, &out1, 0);
			snprintf(msg, sizeof msg, "%s", compliance_skm_errmsg(s));
			rc2 = cp_skm_answer(s, f, len, &out2, 1);
			assert_int_equal(rc1, rc2);
			assert_int_equal(out1, out2);
			if (rc1)
				assert_string_equal(msg, compliance_skm_errmsg(s));
		}
		compliance_skm_free(s);
		compliance_profile_free(p);
		compliance_ctx_free(ctx);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chosen),
		cmocka_unit_test(test_big),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_skm_answers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
