/*
 * The reading fast paths of issue 13 against the general paths they
 * shortcut (differential): the CSV reader's whole-record fast path
 * (cp_csv.no_fast switches it off), record by record, on chosen and on
 * random inputs, from a buffer and from a FILE read in chunks; the SKM
 * reader's one-digit answers (of a CSV and of an export); the running
 * sums added without branches against the branchy reference; the
 * batched duplicate-id check of a survey (cp_ids_push/cp_ids_flush)
 * against one id at a time (cp_ids_add), and sets past the big-block
 * size against the ids given; an assessment's last entity and unit remembered between
 * rows against looking them up every row; the UTF-8 check's ASCII words
 * against a byte-wise reference, a survey's id check (printable ASCII
 * first) against cp_utf8_valid(), and the unit arena against adding rows
 * one by one.
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

#include "compliance/assessment.h"
#include "compliance/profile.h"
#include "compliance/skm.h"
#include "io/csv.h"
#include "score/assessment_internal.h"
#include "skm/skm_ids.h"
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
		if (c.ascii) { /* the hint is right */
			assert_false(slow);
			for (i = 0; i < c.reclen; i++)
				assert_true((unsigned char)c.rec[i] < 0x80);
		}
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
 * code, answer and message with the one-digit fast path and without, of a
 * survey's CSV and of an export (letters off and on). */
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
			int rc1, rc2, letters;

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
			/* an export's answers, letters off and on */
			for (letters = 0; letters < 2; letters++) {
				assert_int_equal(compliance_skm_set_option(s, COMPLIANCE_SKM_OPT_LETTERS,
				                                           letters), 0);
				out1 = out2 = 77;
				rc1 = cp_skm_export_answer(s, f, len, &out1, 0);
				snprintf(msg, sizeof msg, "%s", compliance_skm_errmsg(s));
				rc2 = cp_skm_export_answer(s, f, len, &out2, 1);
				assert_int_equal(rc1, rc2);
				assert_int_equal(out1, out2);
				if (rc1)
					assert_string_equal(msg, compliance_skm_errmsg(s));
			}
		}
		compliance_skm_free(s);
		compliance_profile_free(p);
		compliance_ctx_free(ctx);
	}
}

/* The length of the valid UTF-8 prefix of s, byte by byte, by the
 * definition (RFC 3629, table 3-7 of Unicode): the reference. */
static size_t utf8_ref(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n;
		unsigned lo = 0x80, hi = 0xBF, k;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1;
		else if (c == 0xE0)
			n = 2, lo = 0xA0;
		else if (c == 0xED)
			n = 2, hi = 0x9F;
		else if (c >= 0xE1 && c <= 0xEF)
			n = 2;
		else if (c == 0xF0)
			n = 3, lo = 0x90;
		else if (c == 0xF4)
			n = 3, hi = 0x8F;
		else if (c >= 0xF1 && c <= 0xF3)
			n = 3;
		else
			return i;
		if (len - i <= n)
			return i;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return i;
		for (k = 2; k <= n; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xBF)
				return i;
		i += n + 1;
	}
	return len;
}

static uint64_t next(uint64_t *x);

/* ASCII runs of every length up to 40 with one bad or multi-byte
 * sequence at every position (so at every offset of an 8-byte word), and
 * random bytes: the same answer as the reference. */
static void test_utf8_words(void **state)
{
	static const char *const seqs[] = { "\x80", "\xC3\xA9", "\xC3", "\xE2\x82\xAC",
		                            "\xE2\x82", "\xED\xA0\x80", "\xF0\x9F\x98\x80",
		                            "\xF4\x90\x80\x80", "\xC0\xAF", "\xFF", "\x7F",
		                            "\x01" };
	unsigned char buf[64];
	uint64_t x = 0xA0761D6478BD642Fu;
	size_t len, at, k;
	int round;

	(void)state;
	for (len = 0; len <= 40; len++)
		for (at = 0; at <= len; at++)
			for (k = 0; k < sizeof seqs / sizeof *seqs; k++) {
				size_t sl = strlen(seqs[k]), total = len + sl, i;
				for (i = 0; i < len; i++)
					buf[i < at ? i : i + sl] = (unsigned char)('a' + i % 26);
				memcpy(buf + at, seqs[k], sl);
				for (i = 0; i <= total; i++) { /* every prefix, too */
					assert_int_equal(cp_csv_utf8_check((const char *)buf, i),
					                 utf8_ref(buf, i));
					/* a survey's id check: fast path and general */
					assert_int_equal(cp_skm_id_valid((const char *)buf, i, 0),
					                 cp_skm_id_valid((const char *)buf, i, 1));
				}
			}
	/* every id of one and two bytes */
	for (k = 0; k < 256 + 256 * 256; k++) {
		size_t n = k < 256 ? 1 : 2;
		buf[0] = (unsigned char)(k < 256 ? k : (k - 256) >> 8);
		buf[1] = (unsigned char)((k - 256) & 0xff);
		assert_int_equal(cp_skm_id_valid((const char *)buf, n, 0),
		                 cp_skm_id_valid((const char *)buf, n, 1));
	}
	for (round = 0; round < 200000; round++) {
		size_t i;
		len = (size_t)(next(&x) % 40);
		for (i = 0; i < len; i++) {
			uint64_t r = next(&x);
			buf[i] = r % 4 ? (unsigned char)(' ' + (r >> 8) % 90) : (unsigned char)(r >> 16);
		}
		assert_int_equal(cp_csv_utf8_check((const char *)buf, len), utf8_ref(buf, len));
		assert_int_equal(cp_skm_id_valid((const char *)buf, len, 0),
		                 cp_skm_id_valid((const char *)buf, len, 1));
	}
}

static uint64_t next(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* Random runs of ids from a small pool (so that ids repeat, within a batch
 * and across batches), room reserved now and then: the batch finds the
 * first repeat where one at a time finds it, both find what the pool's
 * ids seen so far say, and both sets hold the ids given, also after a
 * truncation. */
static void test_ids_batch(void **state)
{
	uint64_t x = 0x2545F4914F6CDD1Du;
	cp_alloc al;
	int round;

	(void)state;
	cp_alloc_default(&al);
	for (round = 0; round < 3000; round++) {
		cp_ids one, batch;
		size_t pool = 2 + next(&x) % 400, n = next(&x) % 150, i, first = SIZE_MAX, got = SIZE_MAX;
		size_t base = 0, nadded = 0, added[150];
		unsigned char seen[402] = { 0 };
		char id[32];

		cp_ids_init(&one);
		cp_ids_init(&batch);
		for (i = 0; i < n; i++) {
			size_t k = (size_t)(next(&x) % pool);
			size_t len = (size_t)snprintf(id, sizeof id, "R%zu", k);
			int rc;
			if (first == SIZE_MAX) {
				rc = cp_ids_add(&one, &al, id, len);
				/* the truth: the pool's ids seen so far */
				assert_int_equal(rc, seen[k] ? COMPLIANCE_E_DUPLICATE : 0);
				if (rc == COMPLIANCE_E_DUPLICATE)
					first = i;
				else
					seen[k] = 1, added[nadded++] = k;
			}
			if (got == SIZE_MAX) {
				const char *dupid;
				size_t dup, duplen;
				/* now and then room made ahead (a guess, too small or
				 * too large) */
				if (next(&x) % 64 == 0)
					assert_int_equal(cp_ids_reserve(&batch, &al, (size_t)(next(&x) % 300),
					                                (size_t)(next(&x) % 2000)), 0);
				if (batch.npend == CP_IDS_BATCH) {
					base = batch.n;
					if (cp_ids_flush(&batch, &dup, &dupid, &duplen)) {
						got = base + dup;
						continue;
					}
				}
				assert_int_equal(cp_ids_push(&batch, &al, id, len), 0);
			}
		}
		if (got == SIZE_MAX && batch.npend) {
			const char *dupid;
			size_t dup, duplen;
			base = batch.n;
			if (cp_ids_flush(&batch, &dup, &dupid, &duplen)) {
				got = base + dup;
				/* the bytes of the id found twice */
				assert_true(duplen > 0 && dupid[0] == 'R');
			}
		}
		assert_int_equal(got, first);
		assert_int_equal(batch.npend, 0);
		assert_int_equal(batch.n, one.n);
		assert_int_equal(batch.nbytes, one.nbytes);
		for (i = 0; i < pool; i++) {
			size_t len = (size_t)snprintf(id, sizeof id, "R%zu", i);
			assert_int_equal(cp_ids_contains(&batch, id, len), seen[i]);
			assert_int_equal(cp_ids_contains(&one, id, len), seen[i]);
		}
		/* a batch left waiting is dropped by a truncation (to half: more
		 * than half go when the count is odd, the table made again) */
		for (i = 0; i < 5; i++) {
			size_t len = (size_t)snprintf(id, sizeof id, "new%zu", i);
			assert_int_equal(cp_ids_push(&batch, &al, id, len), 0);
		}
		cp_ids_truncate(&batch, batch.n / 2);
		cp_ids_truncate(&one, one.n / 2);
		assert_int_equal(batch.nbytes, one.nbytes);
		memset(seen, 0, sizeof seen);
		for (i = 0; i < nadded / 2; i++)
			seen[added[i]] = 1;
		for (i = 0; i < pool; i++) {
			size_t len = (size_t)snprintf(id, sizeof id, "R%zu", i);
			assert_int_equal(cp_ids_contains(&batch, id, len), seen[i]);
			assert_int_equal(cp_ids_contains(&one, id, len), seen[i]);
		}
		/* and they take ids again */
		for (i = 0; i < pool; i++) {
			size_t len = (size_t)snprintf(id, sizeof id, "R%zu", i);
			assert_int_equal(cp_ids_add(&one, &al, id, len),
			                 seen[i] ? COMPLIANCE_E_DUPLICATE : 0);
		}
		cp_ids_free(&one, &al);
		cp_ids_free(&batch, &al);
	}
}

/* The running sums as they were added before issue 13 (a branch a
 * field): the reference of cp_skm_acc_add() and cp_skm_acc_can_add(). */
static void acc_add_ref(cp_skm_acc *a, const unsigned *ans, size_t nel)
{
	size_t given = 0, i;

	for (i = 0; i < nel; i++)
		given += ans[i] != 0;
	a->read++;
	if (given == 0)
		a->blank++;
	for (i = 0; i < nel; i++) {
		if (!ans[i])
			continue;
		a->count[i]++;
		a->sum[i] += ans[i];
		if (given == nel)
			a->lw_sum[i] += ans[i];
	}
	if (given == nel)
		a->complete++;
}

static int acc_can_add_ref(const cp_skm_acc *a, const unsigned *ans, size_t nel, int amax,
                           size_t *bad)
{
	size_t i;

	*bad = SIZE_MAX;
	if (a->read == UINT64_MAX)
		return COMPLIANCE_E_OVERFLOW;
	for (i = 0; i < nel; i++)
		if (ans[i] && a->sum[i] > UINT64_MAX - (unsigned)amax) {
			*bad = i;
			return COMPLIANCE_E_OVERFLOW;
		}
	return 0;
}

/* Random rows (blank, partly and fully answered) into two accs, the
 * branch-free adds against the reference, and the overflow check (with
 * its room counted down) on sums near the top (every element first,
 * none, several) and on the respondent count near it: the same sums and
 * the same answer, row after row until the overflow. */
static void test_skm_acc(void **state)
{
	uint64_t x = 0x9E3779B97F4A7C15u;
	cp_alloc al;
	cp_skm_acc a, r;
	size_t nel, i, round;

	(void)state;
	cp_alloc_default(&al);
	for (nel = 1; nel <= 12; nel++) {
		unsigned ans[12];
		assert_int_equal(cp_skm_acc_alloc(&al, &a, nel), 0);
		assert_int_equal(cp_skm_acc_alloc(&al, &r, nel), 0);
		for (round = 0; round < 2000; round++) {
			int kind = (int)(next(&x) % 4);
			size_t bad1, bad2;
			int rc1, rc2;
			for (i = 0; i < nel; i++)
				ans[i] = kind == 0 ? 0 : kind == 1 ? 1 + (unsigned)(next(&x) % 4)
				                                  : (unsigned)(next(&x) % 5);
			if (round % 50 == 49) {
				/* sums near the top (written directly: the room is
				 * not known) */
				for (i = 0; i < nel; i++) {
					uint64_t v = UINT64_MAX - next(&x) % 40;
					if (next(&x) % 3 == 0)
						a.sum[i] = r.sum[i] = v;
				}
				if (next(&x) % 7 == 0)
					a.read = r.read = UINT64_MAX - next(&x) % 3;
				a.room = 0;
			}
			rc1 = cp_skm_acc_can_add(&a, ans, nel, 4, &bad1, 0);
			rc2 = acc_can_add_ref(&r, ans, nel, 4, &bad2);
			assert_int_equal(rc1, rc2);
			assert_int_equal(bad1, bad2);
			if (rc1) {
				/* start again from small sums */
				for (i = 0; i < 3 * nel; i++)
					a.count[i] = r.count[i] = next(&x) % 1000;
				a.read = r.read = next(&x) % 1000;
				a.room = 0;
				continue;
			}
			cp_skm_acc_add(&a, ans, nel);
			acc_add_ref(&r, ans, nel);
			assert_true(a.read == r.read && a.complete == r.complete && a.blank == r.blank);
			assert_memory_equal(a.count, r.count, 3 * nel * sizeof *a.count);
		}
		cp_free(&al, a.count);
		cp_free(&al, r.count);
	}
}

/* Sets past the big-block size (skm_ids.c: blocks of 4 MiB and more are
 * aligned to huge pages and copied, not reallocated, when they grow): one
 * grown id by id from nothing across the size, one given all its room
 * first and fed in batches; both hold exactly the ids given (what is in
 * and what is not), find a repeat of an early id, and truncate alike. */
static void test_ids_big(void **state)
{
	const size_t n = 600000; /* ends 4.8 MB, table 8 MiB, bytes 4.2 MB */
	cp_ids one, batch;
	cp_alloc al;
	size_t i, base, dup, duplen;
	const char *dupid;
	char id[32];

	(void)state;
	cp_alloc_default(&al);
	cp_ids_init(&one);
	cp_ids_init(&batch);
	assert_int_equal(cp_ids_reserve(&batch, &al, n, n * 7), 0);
	for (i = 0; i < n; i++) {
		size_t len = (size_t)snprintf(id, sizeof id, "R%zu", i * 7919u);
		assert_int_equal(cp_ids_add(&one, &al, id, len), 0);
		if (batch.npend == CP_IDS_BATCH)
			assert_int_equal(cp_ids_flush(&batch, &dup, &dupid, &duplen), 0);
		assert_int_equal(cp_ids_push(&batch, &al, id, len), 0);
	}
	assert_int_equal(cp_ids_flush(&batch, &dup, &dupid, &duplen), 0);
	assert_int_equal(one.n, n);
	assert_int_equal(batch.n, n);
	assert_int_equal(batch.nbytes, one.nbytes);
	assert_true(one.capends * sizeof *one.ends >= ((size_t)4 << 20));
	for (i = 0; i < 2 * n; i += 97) {
		size_t len = (size_t)snprintf(id, sizeof id, "R%zu", i * 7919u);
		assert_int_equal(cp_ids_contains(&one, id, len), i < n);
		assert_int_equal(cp_ids_contains(&batch, id, len), i < n);
		len = (size_t)snprintf(id, sizeof id, "R%zu", i * 7919u + 1);
		assert_int_equal(cp_ids_contains(&one, id, len), 0);
		assert_int_equal(cp_ids_contains(&batch, id, len), 0);
	}
	/* the last id's bytes where ends says */
	assert_memory_equal(one.bytes + one.ends[n - 2], "R4751392081", 11);
	assert_memory_equal(batch.bytes + batch.ends[n - 2], "R4751392081", 11);
	/* a repeat of the 18th id, third in a batch */
	base = batch.n;
	for (i = 0; i < 3; i++) {
		size_t len = (size_t)snprintf(id, sizeof id, "R%zu", i < 2 ? (n + i) * 7919u : 17u * 7919u);
		assert_int_equal(cp_ids_push(&batch, &al, id, len), 0);
		assert_int_equal(cp_ids_add(&one, &al, id, len), i < 2 ? 0 : COMPLIANCE_E_DUPLICATE);
	}
	assert_int_equal(cp_ids_flush(&batch, &dup, &dupid, &duplen), COMPLIANCE_E_DUPLICATE);
	assert_int_equal(dup, 2);
	assert_int_equal(batch.n, base + 2);
	assert_int_equal(duplen, 7);
	assert_memory_equal(dupid, "R134623", 7);
	cp_ids_truncate(&one, n / 2);
	cp_ids_truncate(&batch, n / 2);
	assert_int_equal(batch.nbytes, one.nbytes);
	for (i = n / 2 - 1000; i < n / 2 + 1000; i++) {
		size_t len = (size_t)snprintf(id, sizeof id, "R%zu", i * 7919u);
		assert_int_equal(cp_ids_contains(&one, id, len), i < n / 2);
		assert_int_equal(cp_ids_contains(&batch, id, len), i < n / 2);
	}
	cp_ids_free(&one, &al);
	cp_ids_free(&batch, &al);
}

/* Through a survey's CSV: a duplicate id at each position around the
 * batch's boundaries, and a bad row after it, reports the duplicate at
 * its line (the first error), and a failed read keeps nothing. */
static void test_skm_duplicate_lines(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_skm *s;
	size_t at, bad;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), 0);
	assert_int_equal(compliance_profile_open(ctx, &p, "skm-2017"), 0);
	assert_int_equal(compliance_skm_new(ctx, &s, p), 0);
	for (at = 2; at < 3 * CP_IDS_BATCH + 3; at += 1)
		for (bad = 0; bad < 3; bad++) {
			char csv[16384], want[128];
			size_t len, row;
			len = (size_t)sprintf(csv, "respondent,U1,U2,U3,U4,U5,U6,U7,U8,U9\n");
			for (row = 1; row <= 3 * CP_IDS_BATCH + 4; row++) {
				/* row `at` repeats the id of row at / 2 (or of the row
				 * before it); a malformed answer `bad` rows later (none
				 * when bad is 0) */
				size_t idn = row == at ? (bad == 1 ? at - 1 : at / 2) : row;
				len += (size_t)sprintf(csv + len, "R%zu,1,2,3,4,%s,1,2,3,4\n", idn,
				                       bad && row == at + bad ? "x" : "1");
			}
			assert_int_equal(compliance_skm_read_csv_buffer(s, csv, len, "s.csv"),
			                 COMPLIANCE_E_DUPLICATE);
			/* line = row + 1 (the header is line 1) */
			snprintf(want, sizeof want,
			         "s.csv:%zu: field 'respondent': respondent 'R%zu' is listed twice",
			         at + 1, bad == 1 ? at - 1 : at / 2);
			assert_string_equal(compliance_skm_errmsg(s), want);
			/* the export reader (compliance skm), its id column named */
			memcpy(csv, "Nomor     ", 10);
			assert_int_equal(compliance_skm_read_export_buffer(s, csv, len, "s.csv"),
			                 COMPLIANCE_E_DUPLICATE);
			snprintf(want, sizeof want,
			         "s.csv:%zu: field 'Nomor': respondent 'R%zu' is listed twice", at + 1,
			         bad == 1 ? at - 1 : at / 2);
			assert_string_equal(compliance_skm_errmsg(s), want);
		}
	/* nothing was kept: the same ids read cleanly */
	{
		char csv[4096];
		size_t len, row;
		len = (size_t)sprintf(csv, "respondent,U1,U2,U3,U4,U5,U6,U7,U8,U9\n");
		for (row = 1; row <= 70; row++)
			len += (size_t)sprintf(csv + len, "R%zu,1,2,3,4,1,1,2,3,4\n", row);
		assert_int_equal(compliance_skm_read_csv_buffer(s, csv, len, "s.csv"), 0);
		/* and again: every id is now a duplicate, the first at line 2 */
		assert_int_equal(compliance_skm_read_csv_buffer(s, csv, len, "s.csv"),
		                 COMPLIANCE_E_DUPLICATE);
		assert_string_equal(compliance_skm_errmsg(s),
		                    "s.csv:2: field 'respondent': respondent 'R1' is listed twice");
	}
	compliance_skm_free(s);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

static const char *const indicators[] = {
	"input.kompetensi.1", "input.kompetensi.2", "input.kompetensi.3", "input.kompetensi.4",
	"input.kompetensi.5", "input.kompetensi.6", "input.sarana.1",     "input.sarana.2",
	"input.sarana.3",     "input.sarana.4",     "input.sarana.5",     "input.sarana.6",
	"input.sarana.7",     "input.sarana.8",     "input.sarana.9",     "proses.1",
	"proses.2",           "proses.3",           "proses.4",           "proses.5",
	"proses.6",           "proses.7",           "proses.8",           "proses.9",
	"proses.10",          "proses.11",          "output.persepsi.1",  "output.persepsi.2",
	"output.persepsi.3",  "output.persepsi.4",  "output.persepsi.5",  "output.ikm",
	"pengaduan.1",
	"pengaduan.2",        "pengaduan.3",        "pengaduan.4",        "pengaduan.5",
	"pengaduan.6",
};

/* What reading csv into `a` (twice: the second time into what the first
 * left) gives: codes, messages, diagnostics and, when it was read, every
 * entity's and unit's score. */
static void assess(compliance_assessment *a, const char *csv, const char *csv2, text *t)
{
	const char *texts[2] = { csv, csv2 };
	size_t k, i, j;

	for (k = 0; k < 2; k++) {
		int rc = compliance_assessment_read_csv_buffer(a, texts[k], strlen(texts[k]), "in.csv");
		putf(t, "read rc=%d ", rc);
		put(t, compliance_assessment_errmsg(a), strlen(compliance_assessment_errmsg(a)));
		put(t, "\n", 1);
		for (i = 0; i < compliance_assessment_diag_count(a); i++) {
			const char *d = compliance_assessment_diag(a, i);
			put(t, d, strlen(d));
			put(t, "\n", 1);
		}
	}
	putf(t, "compute rc=%d ", compliance_assessment_compute(a));
	put(t, compliance_assessment_errmsg(a), strlen(compliance_assessment_errmsg(a)));
	put(t, "\n", 1);
	for (i = 0; i < compliance_assessment_entity_count(a); i++) {
		const char *name = compliance_assessment_entity_name(a, i);
		const char *score = compliance_assessment_entity_score_text(a, i);
		putf(t, "%s %d %s:", name ? name : "-", compliance_assessment_entity_type(a, i),
		     score ? score : "-");
		for (j = 0; j < compliance_assessment_unit_count(a, i); j++) {
			char ex[COMPLIANCE_EXACT_TEXT_SIZE];
			const char *un = compliance_assessment_unit_name(a, i, j);
			assert_int_equal(compliance_assessment_unit_exact(ex, sizeof ex, a, i, j), 0);
			putf(t, " [%s %s]", un ? un : "-", ex);
		}
		put(t, "\n", 1);
	}
}

/* Reads the two files into two fresh assessments under the name policy,
 * one remembering the last row's entity and unit, the other looking them
 * up on every row (a->no_last): codes, messages, diagnostics and scores
 * must be the same. */
static void remembered_vs_looked_up(compliance_ctx *ctx, compliance_profile *p, int policy,
                                    char *const csv[2])
{
	text fast = { 0 }, slow = { 0 };
	compliance_assessment *a1, *a2;

	assert_int_equal(compliance_assessment_new(ctx, &a1, p), 0);
	assert_int_equal(compliance_assessment_new(ctx, &a2, p), 0);
	assert_int_equal(compliance_assessment_set_option(a1, COMPLIANCE_OPT_NAMES, policy), 0);
	assert_int_equal(compliance_assessment_set_option(a2, COMPLIANCE_OPT_NAMES, policy), 0);
	assert_int_equal(compliance_assessment_set_option(a1, COMPLIANCE_OPT_MAX_ERRORS, 1000), 0);
	assert_int_equal(compliance_assessment_set_option(a2, COMPLIANCE_OPT_MAX_ERRORS, 1000), 0);
	a2->no_last = 1;
	assess(a1, csv[0], csv[1], &fast);
	assess(a2, csv[0], csv[1], &slow);
	if (strcmp(fast.s, slow.s)) {
		print_error("%s\n---\n%s\nremembered:\n%s\nlooked up:\n%s\n", csv[0], csv[1],
		            fast.s, slow.s);
		fail();
	}
	free(fast.s);
	free(slow.s);
	compliance_assessment_free(a1);
	compliance_assessment_free(a2);
}

/* Random files of two entities and their units, indicators in order or
 * not (the node after the last one is tried first), names respelled (case, spaces, no-break spaces, quotes), types changed,
 * values repeated or bad: remembering the last entity and unit gives what
 * looking them up every row gives, under both name policies. */
static void test_last_unit(void **state)
{
	static const char *const entities[] = { "Kota Contoh", "kota contoh", "Kota  Contoh",
		                                "\" Kota Contoh\"", "Kota\302\240Contoh", "Kota Lain",
		                                "KOTA LAIN", "" };
	static const char *const types[] = { "kota", "KOTA", "kabupaten", "kota " };
	static const char *const units[] = { "Disdukcapil", "disdukcapil", "Disdukcapil ",
		                             "Dinkes", "DINKES", "Din\xC2\xA0kes", "@entity", "",
		                             "Dinkes\xFF" };
	static const char *const values[] = { "2.0", "03", "-1", "0", "1.5", "3/1", "\"2 \"", "",
		                              "2\xC3", "\xE9" };
	uint64_t x = 0xD1B54A32D192ED03u;
	compliance_ctx *ctx;
	compliance_profile *p;
	int round;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), 0);
	/* the 2023 instrument with every weight given, so that units score */
	assert_int_equal(compliance_profile_load_file(
	                         ctx, &p, COMPLIANCE_TEST_DATA "/profiles/instrument-2023-weights.json"),
	                 0);
	for (round = 0; round < 400; round++) {
		char *csv[2];
		size_t k;
		int policy = round % 2;

		for (k = 0; k < 2; k++) {
			/* blocks of one entity and unit (each entity and unit spelled
			 * its plain way: 0 or 5, 0 or 3), every indicator in a block;
			 * now and then a row respells a name, changes the type or
			 * breaks */
			size_t cap = 64 * 1024, len = 0, nblocks = 1 + (size_t)(next(&x) % 4), b, i;
			csv[k] = malloc(cap);
			assert_non_null(csv[k]);
			len += (size_t)sprintf(csv[k], "entity,entity_type,unit,indicator,value\n");
			for (b = 0; b < nblocks; b++) {
				size_t combo = next(&x) % 10 == 0 ? 0 : (b + (size_t)round) % 4;
				size_t ent0 = combo / 2 ? 5 : 0, unit0 = combo % 2 ? 3 : 0;
				for (i = 0; i < sizeof indicators / sizeof *indicators; i++) {
					/* a third of the files clean, a third respelled only */
					uint64_t r = next(&x);
					int clean = round % 3 == 0, wild = round % 3 == 2;
					size_t ent = ent0, unit = unit0, typ = 0;
					if (!clean && r % 40 == 0)
						ent = ent0 ? 6 : 1 + (size_t)(next(&x) % 4);
					if (!clean && (r >> 8) % 40 == 0)
						unit = unit0 ? 4 + (size_t)(next(&x) % 2) : 1 + (size_t)(next(&x) % 2);
					if (wild && (r >> 16) % 100 == 0)
						typ = (size_t)(next(&x) % 4);
					if (wild && (r >> 24) % 600 == 0)
						ent = 7;
					if (wild && (r >> 24) % 600 == 1)
						unit = 6 + (size_t)(next(&x) % 3);
					/* now and then an indicator out of order, unknown, a
					 * prefix of one, or a dimension */
					const char *ind = indicators[i];
					if (wild && (r >> 32) % 50 == 0)
						ind = indicators[next(&x) % (sizeof indicators / sizeof *indicators)];
					else if (wild && (r >> 32) % 50 == 1)
						ind = (r >> 48) % 3 == 0 ? "input.sarana" : (r >> 48) % 3 == 1 ? "proses.1x" : "proses";
					len += (size_t)snprintf(csv[k] + len, cap - len, "%s,%s,%s,%s,%s\n",
					                        entities[ent], types[typ], units[unit], ind,
					                        !strcmp(ind, "output.ikm")
					                                ? ((r >> 40) % 2 ? "87.5" : "90")
					                        : wild && (r >> 40) % 500 == 0  ? "9"
					                        : wild && (r >> 40) % 60 == 1 ? values[(r >> 50) % 10]
					                        : (r >> 40) % 3        ? "2"
					                                               : "3");
					assert_true(len < cap);
				}
			}
		}
		remembered_vs_looked_up(ctx, p, policy, csv);
		free(csv[0]);
		free(csv[1]);
	}
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/* Random files of unit scores (entity,entity_type,unit,score), the units of
 * an entity one after the other, names respelled (case, spaces, no-break
 * spaces, quotes), types changed, units repeated, scores bad or outside the
 * scale: remembering the last entity (and leaving plain names as they are)
 * gives what looking it up every row gives, under both name policies. */
static void test_last_entity(void **state)
{
	static const char *const entities[] = { "Kota Contoh", "kota contoh", "Kota  Contoh",
		                                "\" Kota Contoh\"", "Kota\302\240Contoh", "Kota Lain",
		                                "KOTA LAIN", "", "Kota\xFF", "Kota Contoh\xC2" };
	static const char *const types[] = { "kota", "KOTA", "kabupaten", "kota ", "desa" };
	static const char *const units[] = { "Disdukcapil", "disdukcapil", "Disdukcapil ",
		                             "Dinkes", "DINKES", "Din\xC2\xA0kes", "@entity", "",
		                             "Dinkes\xFF", " Dinas  Sosial ", "Dinas Sosial",
		                             "\"Dinas, Sosial\"" };
	static const char *const scores[] = { "87.5", "90", "100", "0", "82.70", "100.01", "-1",
		                              "abc", "", "1,5", "007.25", "1e2", "+50", ".5" };
	uint64_t x = 0x9E3779B97F4A7C15u;
	compliance_ctx *ctx;
	compliance_profile *p;
	int round;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), 0);
	assert_int_equal(compliance_profile_load_file(
	                         ctx, &p, COMPLIANCE_TEST_DATA "/profiles/instrument-2023-weights.json"),
	                 0);
	for (round = 0; round < 400; round++) {
		char *csv[2];
		size_t k;
		int policy = round % 2;

		for (k = 0; k < 2; k++) {
			size_t cap = 64 * 1024, len = 0, nblocks = 1 + (size_t)(next(&x) % 6), b, i;
			csv[k] = malloc(cap);
			assert_non_null(csv[k]);
			len += (size_t)sprintf(csv[k], "entity,entity_type,unit,score\n");
			for (b = 0; b < nblocks; b++) {
				/* a block of one entity (spelled its plain way, 0 or 5)
				 * and its units; now and then a row respells a name,
				 * changes the type or breaks */
				size_t ent0 = (b + (size_t)round) % 2 ? 5 : 0;
				size_t nrows = 1 + (size_t)(next(&x) % 12);
				for (i = 0; i < nrows; i++) {
					uint64_t r = next(&x);
					int clean = round % 3 == 0, wild = round % 3 == 2;
					size_t ent = ent0, typ = 0, unit = (size_t)(r >> 20) % 12;
					char unitbuf[64];
					const char *uname = units[unit];
					if (clean) {
						snprintf(unitbuf, sizeof unitbuf, "Unit %zu", i + 1);
						uname = unitbuf;
					}
					if (!clean && r % 20 == 0)
						ent = ent0 ? 6 : 1 + (size_t)(next(&x) % 4);
					if (wild && (r >> 8) % 40 == 0)
						typ = (size_t)(next(&x) % 5);
					if (wild && (r >> 8) % 40 == 1)
						ent = 7 + (size_t)(next(&x) % 3);
					len += (size_t)snprintf(csv[k] + len, cap - len, "%s,%s,%s,%s\n",
					                        entities[ent], types[typ], uname,
					                        wild && (r >> 40) % 10 == 0
					                                ? scores[(r >> 50) % 14]
					                                : scores[(r >> 50) % 5]);
					assert_true(len < cap);
				}
			}
		}
		remembered_vs_looked_up(ctx, p, policy, csv);
		free(csv[0]);
		free(csv[1]);
	}
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/* Every entity's name and type and every unit's name and exact score, in
 * order, as stored (the results need not be computed). */
static void units_of(compliance_assessment *a, text *t)
{
	size_t i, j;

	t->len = 0;
	put(t, "", 0);
	for (i = 0; i < a->nentities; i++) {
		const cp_entity *e = &a->entities[i];
		putf(t, "%s %d %u:", e->name, (int)e->type, (unsigned)e->nunits);
		assert_true(e->nunits <= e->capunits);
		for (j = 0; j < e->nunits; j++) {
			char ex[CNUM_TEXT_MAX];
			cnum_format_exact(ex, e->units[j].exact);
			/* the fraction as held: its lowest terms */
			putf(t, " [%s %s %u %llx/%llx:%llx/%llx]", e->units[j].name, ex,
			     (unsigned)e->units[j].nproducts,
			     (unsigned long long)((unsigned __int128)e->units[j].exact.n >> 64),
			     (unsigned long long)e->units[j].exact.n,
			     (unsigned long long)((unsigned __int128)e->units[j].exact.d >> 64),
			     (unsigned long long)e->units[j].exact.d);
		}
		put(t, "\n", 1);
	}
}

/* A random decimal-looking score: leading zeros, digits, a point, many
 * decimals, zeros only, a sign, two points, nothing, a letter. */
static void random_score(uint64_t *x, char *buf, size_t size)
{
	static const char *const odd[] = { "", ".", "+5", "-0", "1..2", "5.", ".5", "0.", "00",
		                           "1e2", "12a", " 5", "5 ", "0x10", "1,5" };
	uint64_t r = next(x);
	size_t len = 0, i, nint = (size_t)(r >> 8) % 5, nfrac = (size_t)(r >> 16) % 24;
	size_t nzero = (size_t)(r >> 24) % 4;

	if (r % 16 == 0) {
		snprintf(buf, size, "%s", odd[(r >> 40) % (sizeof odd / sizeof *odd)]);
		return;
	}
	if (r % 16 == 1)
		nint = 17 + (size_t)(r >> 32) % 4; /* past 18 digits, outside the scale */
	if (r % 16 == 3) {
		/* tiny: past 18 decimals with few digits, or just within */
		len = (size_t)snprintf(buf, size, "0.");
		for (i = 0; i < 15 + (r >> 32) % 6; i++)
			buf[len++] = '0';
		for (i = 0; i < 1 + (r >> 40) % 3; i++)
			buf[len++] = (char)('0' + next(x) % 10);
		buf[len] = '\0';
		return;
	}
	for (i = 0; i < nzero; i++)
		buf[len++] = '0';
	for (i = 0; i < nint; i++)
		buf[len++] = (char)('0' + (r % 16 == 2 ? 0 : next(x) % 10));
	if (nint > 2 && r % 16 != 1)
		len -= nint - 2; /* within the scale (0 to 100) mostly */
	if ((r >> 32) % 4) {
		buf[len++] = '.';
		for (i = 0; i < nfrac; i++)
			buf[len++] = (char)('0' + ((r >> 36) % 3 == 0 ? (i % 3 ? 0 : 5) : next(x) % 10));
	}
	if (!len || (r >> 48) % 40 == 0)
		buf[len++] = '0';
	buf[len] = '\0';
	(void)size;
}

/* Plain decimal scores read without cnum_parse() (parse_score's
 * plain_score(), issue 13) against cnum_parse() (a->no_last): random
 * scores, leading zeros, up to 23 decimals, past 18 digits, zeros only,
 * odd texts; codes, messages and every unit's exact score the same. */
static void test_plain_score(void **state)
{
	uint64_t x = 0x2545F4914F6CDD1Du;
	compliance_ctx *ctx;
	compliance_profile *p;
	int round;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), 0);
	assert_int_equal(compliance_profile_open(ctx, &p, "ombudsman-2023"), 0);
	for (round = 0; round < 300; round++) {
		char *csv[2];
		size_t k;

		for (k = 0; k < 2; k++) {
			size_t cap = 16 * 1024, len = 0, i;
			csv[k] = malloc(cap);
			assert_non_null(csv[k]);
			len += (size_t)sprintf(csv[k], "entity,entity_type,unit,score\n");
			for (i = 0; i < 40; i++) {
				char score[64];
				random_score(&x, score, sizeof score);
				len += (size_t)snprintf(csv[k] + len, cap - len, "Kota %zu,kota,Unit %zu,%s\n",
				                        i / 7, k * 100 + i, score);
				assert_true(len < cap);
			}
		}
		remembered_vs_looked_up(ctx, p, round % 2, csv);
		/* the fractions themselves: in lowest terms both ways */
		{
			compliance_assessment *a1, *a2;
			text t1 = { 0 }, t2 = { 0 };
			assert_int_equal(compliance_assessment_new(ctx, &a1, p), 0);
			assert_int_equal(compliance_assessment_new(ctx, &a2, p), 0);
			a2->no_last = 1;
			for (k = 0; k < 2; k++) {
				size_t n = strlen(csv[k]);
				assert_int_equal(compliance_assessment_read_csv_buffer(a1, csv[k], n, "in.csv"),
				                 compliance_assessment_read_csv_buffer(a2, csv[k], n, "in.csv"));
			}
			units_of(a1, &t1);
			units_of(a2, &t2);
			if (strcmp(t1.s, t2.s)) {
				print_error("%s\nplain:\n%s\ncnum_parse:\n%s\n", csv[0], t1.s, t2.s);
				fail();
			}
			free(t1.s);
			free(t2.s);
			compliance_assessment_free(a1);
			compliance_assessment_free(a2);
		}
		free(csv[0]);
		free(csv[1]);
	}
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/* The units the arena's newest chunk hands out (-1 when it has none): a
 * failed batch leaves the arena as it was. */
static size_t units_used(const compliance_assessment *a)
{
	return a->uarena ? cp_unit_chunk_used(a->uarena) : (size_t)-1;
}

/* Reads each file into a (the second line of each is an error when `bad`
 * says so) and adds the rows of the files that were read through the API
 * into b, one by one; then both must hold the same. */
static void arena_files(compliance_assessment *a, compliance_assessment *b,
                        const char *const *files, size_t n)
{
	text ta = { 0 }, tb = { 0 };
	size_t i;

	for (i = 0; i < n; i++) {
		const char *s = files[i];
		const cp_unit_chunk *chunk = a->uarena;
		size_t used = units_used(a);
		int rc = compliance_assessment_read_csv_buffer(a, s, strlen(s), "in.csv");
		if (rc) {
			/* the arena as it was */
			assert_ptr_equal(a->uarena, chunk);
			assert_int_equal(units_used(a), used);
		} else {
			const char *line = strchr(s, '\n') + 1;
			while (*line) {
				char ent[64], type[32], unit[64], score[32];
				assert_int_equal(sscanf(line, "%63[^,],%31[^,],%63[^,],%31[^\n]", ent, type,
				                        unit, score),
				                 4);
				assert_int_equal(compliance_assessment_add_unit_score(b, ent, type, unit, score),
				                 0);
				line = strchr(line, '\n') + 1;
			}
		}
		units_of(a, &ta);
		units_of(b, &tb);
		if (strcmp(ta.s, tb.s)) {
			print_error("file %zu: arena:\n%s\none by one:\n%s\n", i, ta.s, tb.s);
			fail();
		}
	}
	free(ta.s);
	free(tb.s);
}

/* The entity that ends the arena when a file begins gets units in a file
 * that fails; the next file gives a new entity and then that entity a
 * unit again: it must not land in the new entity's units (a slice may not
 * grow past the mark of a batch that could fail). */
static void test_unit_arena_rollback(void **state)
{
	static const char *const files[] = {
		"entity,entity_type,unit,score\nE1,kota,U1,10\nE1,kota,U2,20\n",
		"entity,entity_type,unit,score\nE1,kota,U3,30\nE1,kota,U4,40\nE2,kota,U1,50\n"
		"E2,kota,U2,abc\n",
		"entity,entity_type,unit,score\nE3,kota,U1,60\nE3,kota,U2,70\nE1,kota,U3,80\n",
		"entity,entity_type,unit,score\nE2,kota,U1,90\nE1,kota,U4,91\nE3,kota,U3,92\n"
		"E1,kota,U5,93\n",
	};
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a, *b;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), 0);
	assert_int_equal(compliance_profile_open(ctx, &p, "ombudsman-2023"), 0);
	assert_int_equal(compliance_assessment_new(ctx, &a, p), 0);
	assert_int_equal(compliance_assessment_new(ctx, &b, p), 0);
	arena_files(a, b, files, sizeof files / sizeof *files);
	assert_int_equal(a->nentities, 3);
	assert_int_equal(a->entities[0].nunits, 5);
	compliance_assessment_free(a);
	compliance_assessment_free(b);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

/* The name pool's chunks double to 8 MiB, their text on a 2 MiB boundary
 * past 1 MiB: a name longer than what such a chunk leaves after the
 * boundary gets a chunk of its own (it was written past the chunk when
 * the chunk was only as large as the name with the padding counted). */
static void test_pool_long_name(void **state)
{
	compliance_ctx *ctx;
	compliance_profile *p;
	compliance_assessment *a;
	char unit[64];
	size_t i, n = 40000, big = (size_t)3 << 20;
	char *name = malloc(big + 1);

	(void)state;
	assert_non_null(name);
	memset(name, 'x', big);
	name[big] = '\0';
	assert_int_equal(compliance_ctx_new(&ctx), 0);
	assert_int_equal(compliance_profile_open(ctx, &p, "ombudsman-2023"), 0);
	assert_int_equal(compliance_assessment_new(ctx, &a, p), 0);
	/* about 1.5 MiB of names: the pool's newest chunk is its 1 MiB one */
	for (i = 0; i < n; i++) {
		snprintf(unit, sizeof unit, "Unit layanan dengan nama panjang %06zu", i);
		assert_int_equal(compliance_assessment_add_unit_score(a, "Kota Contoh", "kota", unit,
		                                                      "80"),
		                 0);
	}
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota Contoh", "kota", name, "70"),
	                 0);
	assert_int_equal(compliance_assessment_add_unit_score(a, "Kota Lain", "kota", "Unit 1", "60"),
	                 0);
	assert_int_equal(a->nentities, 2);
	assert_int_equal(a->entities[0].nunits, n + 1);
	assert_string_equal(a->entities[0].units[n].name, name);
	assert_string_equal(a->entities[0].units[n - 1].name,
	                    "Unit layanan dengan nama panjang 039999");
	assert_string_equal(a->entities[1].units[0].name, "Unit 1");
	assert_int_equal(compliance_assessment_compute(a), 0);
	compliance_assessment_free(a);
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
	free(name);
}

/* The unit arena (issue 13: the units of entities a batch creates are
 * slices of shared chunks, grown in place while they end the newest chunk,
 * moved to a block of their own otherwise, rewound with a failed batch)
 * against adding the same rows one by one through the API (each add a
 * batch of its own: an entity's units move to a block of their own at its
 * second unit): random files of entities whose units come in blocks or
 * interleaved, some entities added to again in later files, now and then
 * a file that fails (a bad score or a repeated unit, the file undone),
 * files that go on with the entity the file before ended with;
 * after each file both hold the same. Sizes cross several chunks (the
 * first holds 64 units), one file of 200,000 units (and 4 MB of names)
 * the 2 MiB ones. */
static void test_unit_arena(void **state)
{
	uint64_t x = 0xA0761D6478BD642Fu;
	compliance_ctx *ctx;
	compliance_profile *p;
	int round;

	(void)state;
	assert_int_equal(compliance_ctx_new(&ctx), 0);
	assert_int_equal(compliance_profile_open(ctx, &p, "ombudsman-2023"), 0);
	for (round = 0; round < 100; round++) {
		compliance_assessment *a1, *a2;
		text ta = { 0 }, tb = { 0 }, csv = { 0 };
		size_t nfiles = 1 + (size_t)(next(&x) % 5), f;
		size_t next_entity = 0, last_e = 0, ends[6] = { 0 };

		assert_int_equal(compliance_assessment_new(ctx, &a1, p), 0);
		assert_int_equal(compliance_assessment_new(ctx, &a2, p), 0);
		for (f = 0; f < nfiles; f++) {
			/* rows: entity number, unit number, score */
			size_t nrows = round == 7 && f == 0 ? 200000 : (size_t)(next(&x) % 700), r;
			size_t (*rows)[3] = malloc((nrows + 1) * sizeof *rows);
			int bad = next(&x) % 4 == 0, interleave = next(&x) % 3 == 0, rc;
			size_t first = next_entity, live = 1 + (size_t)(next(&x) % 4);
			size_t *nunit = calloc(first + nrows + 8, sizeof *nunit);
			size_t lead = next(&x) % 2 ? (size_t)(next(&x) % 6) : 0;

			assert_non_null(rows);
			assert_non_null(nunit);
			/* unit numbers from 100000 * (file + 1) up: new in every file */
			for (r = 0; r < nrows; r++) {
				size_t e;
				if (first && r < lead)
					e = last_e; /* the entity that ended the file before */
				else if (next(&x) % 50 == 0 && first)
					e = next(&x) % 2 ? ends[next(&x) % (f + 1)]
					                 : (size_t)(next(&x) % first); /* an older one */
				else if (interleave)
					e = next_entity + (size_t)(next(&x) % live);
				else
					e = next_entity;
				if (!interleave && next(&x) % 60 == 0)
					next_entity++, e = next_entity;
				rows[r][0] = e;
				rows[r][1] = 100000 * (f + 1) + nunit[e]++;
				rows[r][2] = (size_t)(next(&x) % 10001);
			}
			next_entity += live + 1;
			if (nrows)
				last_e = rows[nrows - 1][0];
			ends[f + 1] = last_e;
			csv.len = 0;
			putf(&csv, "entity,entity_type,unit,score\n");
			for (r = 0; r < nrows; r++) {
				size_t e = rows[r][0];
				if (bad && r == nrows / 2) {
					/* a bad score, or the unit of the row before again */
					size_t be = r ? rows[r - 1][0] : e;
					putf(&csv, "Entitas %zu,%s,Unit %zu,%s\n", be,
					     be % 2 ? "kota" : "kabupaten", r ? rows[r - 1][1] : (size_t)1,
					     r % 2 || !r ? "abc" : "50");
				}
				putf(&csv, "Entitas %zu,%s,Unit %zu,%zu.%02zu\n", e, e % 2 ? "kota" : "kabupaten",
				     rows[r][1], rows[r][2] / 100, rows[r][2] % 100);
			}
			rc = compliance_assessment_read_csv_buffer(a1, csv.s, csv.len, "in.csv");
			assert_int_equal(rc != 0, bad && nrows > 0);
			if (!rc) {
				for (r = 0; r < nrows; r++) {
					char ent[64], unit[64], score[32];
					size_t e = rows[r][0];
					snprintf(ent, sizeof ent, "Entitas %zu", e);
					snprintf(unit, sizeof unit, "Unit %zu", rows[r][1]);
					snprintf(score, sizeof score, "%zu.%02zu", rows[r][2] / 100,
					         rows[r][2] % 100);
					assert_int_equal(compliance_assessment_add_unit_score(
					                         a2, ent, e % 2 ? "kota" : "kabupaten", unit, score),
					                 0);
				}
			}
			units_of(a1, &ta);
			units_of(a2, &tb);
			if (strcmp(ta.s, tb.s)) {
				print_error("round %d file %zu: arena:\n%.2000s\none by one:\n%.2000s\n", round,
				            f, ta.s, tb.s);
				fail();
			}
			free(rows);
			free(nunit);
		}
		assert_int_equal(compliance_assessment_compute(a1), 0);
		compliance_assessment_free(a1);
		compliance_assessment_free(a2);
		free(ta.s);
		free(tb.s);
		free(csv.s);
	}
	compliance_profile_free(p);
	compliance_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chosen),
		cmocka_unit_test(test_big),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_skm_answers),
		cmocka_unit_test(test_ids_batch),
		cmocka_unit_test(test_ids_big),
		cmocka_unit_test(test_skm_acc),
		cmocka_unit_test(test_skm_duplicate_lines),
		cmocka_unit_test(test_last_unit),
		cmocka_unit_test(test_last_entity),
		cmocka_unit_test(test_utf8_words),
		cmocka_unit_test(test_plain_score),
		cmocka_unit_test(test_unit_arena),
		cmocka_unit_test(test_pool_long_name),
		cmocka_unit_test(test_unit_arena_rollback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
