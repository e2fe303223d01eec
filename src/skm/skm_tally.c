/*
 * The SKM tally (include/compliance/tally.h): the running sums of a survey
 * (cp_skm_acc, shared with skm.c), without the ids, mergeable and written
 * to a portable text form (docs/design.md, "Serialised partial results"):
 *
 *   compliance-skm-tally 1
 *   profile skm-2017
 *   read 6
 *   complete 5
 *   blank 0
 *   element U1 6 20 17
 *   ...                      (one line per element, in the profile's order:
 *                             code, answers, their sum, the sum over the
 *                             complete respondents)
 *
 * A tally is finished by a survey (compliance_skm_add_tally() in skm.c,
 * then compliance_skm_compute()), so the IKM has one implementation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "skm/skm_internal.h"

#define TALLY_MAGIC "compliance-skm-tally"
#define TALLY_VERSION 1

/* ---- the sums, shared with skm.c ------------------------------------------------ */

int cp_skm_acc_alloc(const cp_alloc *al, cp_skm_acc *a, size_t nel)
{
	memset(a, 0, sizeof *a);
	a->count = cp_calloc(al, 3 * (nel ? nel : 1), sizeof *a->count);
	if (!a->count)
		return COMPLIANCE_E_NOMEM;
	a->sum = a->count + nel;
	a->lw_sum = a->sum + nel;
	return 0;
}

void cp_skm_acc_copy(cp_skm_acc *dst, const cp_skm_acc *src, size_t nel)
{
	dst->read = src->read;
	dst->complete = src->complete;
	dst->blank = src->blank;
	dst->room = src->room;
	memcpy(dst->count, src->count, 3 * nel * sizeof *dst->count);
}

int cp_skm_acc_can_add(cp_skm_acc *a, const unsigned *ans, size_t nel, int amax,
                       size_t *bad, int general)
{
	const uint64_t lim = UINT64_MAX - (unsigned)amax;
	uint64_t room;
	size_t i;

	*bad = SIZE_MAX;
	/* the fast path (issue 13): room left from the last time the sums
	 * were looked at (each add takes one) */
	if (a->room && !general)
		return 0;
	/* every respondent adds at most amax to a sum and 1 to the count */
	room = UINT64_MAX - a->read;
	for (i = 0; i < nel; i++) {
		uint64_t r = (UINT64_MAX - a->sum[i]) / (unsigned)amax;
		if (r < room)
			room = r;
	}
	a->room = room;
	if (room)
		return 0;
	if (a->read == UINT64_MAX)
		return COMPLIANCE_E_OVERFLOW;
	for (i = 0; i < nel; i++)
		if (ans[i] && a->sum[i] > lim) {
			*bad = i;
			return COMPLIANCE_E_OVERFLOW;
		}
	return 0;
}

void cp_skm_acc_add(cp_skm_acc *a, const unsigned *ans, size_t nel)
{
	size_t given = 0, i;
	uint64_t all;

	for (i = 0; i < nel; i++)
		given += ans[i] != 0;
	a->read++;
	a->blank += given == 0;
	/* without branches (issue 13): a blank adds 0 to its sums */
	all = (uint64_t)0 - (uint64_t)(given == nel); /* all ones or 0 */
	for (i = 0; i < nel; i++) {
		a->count[i] += ans[i] != 0;
		a->sum[i] += ans[i];
		a->lw_sum[i] += ans[i] & all;
	}
	a->complete += given == nel;
	a->room -= a->room != 0;
}

static int add_ok(uint64_t a, uint64_t b)
{
	return a <= UINT64_MAX - b;
}

int cp_skm_acc_merge(cp_skm_acc *dst, const cp_skm_acc *src, size_t nel)
{
	size_t i;

	/* check everything first: a failed merge changes nothing */
	if (!add_ok(dst->read, src->read) || !add_ok(dst->complete, src->complete) ||
	    !add_ok(dst->blank, src->blank))
		return COMPLIANCE_E_OVERFLOW;
	for (i = 0; i < 3 * nel; i++)
		if (!add_ok(dst->count[i], src->count[i]))
			return COMPLIANCE_E_OVERFLOW;
	/* src may be dst: read each value before writing it */
	dst->read += src->read;
	dst->complete += src->complete;
	dst->blank += src->blank;
	for (i = 0; i < 3 * nel; i++)
		dst->count[i] += src->count[i];
	dst->room = 0;
	return 0;
}

int cp_skm_same_method(const compliance_profile *a, const compliance_profile *b, char *why,
                       size_t size)
{
	size_t i;

	if (a == b)
		return 1;
	if (strcmp(a->id, b->id) != 0) {
		snprintf(why, size, "profile '%.100s' against '%.100s'", a->id, b->id);
		return 0;
	}
	if (a->nnodes != b->nnodes) {
		snprintf(why, size, "two profiles '%.100s' with %zu and %zu elements", a->id,
		         a->nnodes, b->nnodes);
		return 0;
	}
	for (i = 0; i < a->nnodes; i++)
		if (strcmp(a->nodes[i].text[COMPLIANCE_NODE_ID], b->nodes[i].text[COMPLIANCE_NODE_ID])) {
			snprintf(why, size, "two profiles '%.100s' whose element %zu differs ('%.40s' "
			         "against '%.40s')", a->id, i + 1, a->nodes[i].text[COMPLIANCE_NODE_ID],
			         b->nodes[i].text[COMPLIANCE_NODE_ID]);
			return 0;
		}
	if (a->nnodes && (cnum_cmp(a->nodes[0].min, b->nodes[0].min) ||
	                  cnum_cmp(a->nodes[0].max, b->nodes[0].max))) {
		snprintf(why, size, "two profiles '%.100s' with different answer scales", a->id);
		return 0;
	}
	return 1;
}

/* ---- the tally object ------------------------------------------------------------ */

static int tally_make(const cp_alloc *al, compliance_skm_tally **out, compliance_profile *p)
{
	compliance_skm_tally *t = cp_calloc(al, 1, sizeof *t);

	*out = NULL;
	if (!t)
		return COMPLIANCE_E_NOMEM;
	t->alloc = *al;
	t->nel = p->nnodes;
	if (cp_skm_acc_alloc(al, &t->acc, t->nel)) {
		cp_free(al, t);
		return COMPLIANCE_E_NOMEM;
	}
	t->profile = compliance_profile_ref(p);
	t->amin = t->nel ? (int)p->nodes[0].min.n : 1;
	t->amax = t->nel ? (int)p->nodes[0].max.n : 1;
	*out = t;
	return 0;
}

static int check_kind(compliance_ctx *ctx, const char *what, const compliance_profile *p)
{
	if (!p)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID,
		                   "%s: no method given: open one, e.g. compliance_profile_open(ctx, "
		                   "&p, \"skm-2017\")", what);
	if (p->kind != COMPLIANCE_PROFILE_SKM)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID,
		                   "%s: profile '%.100s' is not an SKM method (its kind is not "
		                   "\"skm\"); use e.g. \"skm-2017\"", what, p->id);
	return 0;
}

int compliance_skm_tally_new(compliance_ctx *ctx, compliance_skm_tally **out,
                             compliance_profile *profile)
{
	int rc;

	cp_ctx_clear(ctx);
	if (!out)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID,
		                   "compliance_skm_tally_new: out must not be NULL");
	*out = NULL;
	if ((rc = check_kind(ctx, "compliance_skm_tally_new", profile)))
		return rc;
	if (tally_make(cp_ctx_alloc(ctx), out, profile))
		return cp_ctx_fail(ctx, COMPLIANCE_E_NOMEM, "out of memory");
	return COMPLIANCE_OK;
}

void compliance_skm_tally_free(compliance_skm_tally *t)
{
	cp_alloc al;

	if (!t)
		return;
	al = t->alloc;
	cp_free(&al, t->acc.count);
	compliance_profile_free(t->profile);
	cp_free(&al, t);
}

const compliance_profile *compliance_skm_tally_profile(const compliance_skm_tally *t)
{
	return t ? t->profile : NULL;
}

int compliance_skm_tally_errcode(const compliance_skm_tally *t)
{
	return t ? t->err.code : COMPLIANCE_E_INVALID;
}

const char *compliance_skm_tally_errmsg(const compliance_skm_tally *t)
{
	return t ? t->err.msg : "";
}

uint64_t compliance_skm_tally_respondents(const compliance_skm_tally *t)
{
	return t ? t->acc.read : 0;
}

int compliance_skm_tally_add_respondent(compliance_skm_tally *t, const int *answers, size_t n)
{
	unsigned ans[64], *buf = ans;
	size_t i, bad;
	int rc = COMPLIANCE_OK;

	if (!t)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&t->err);
	if (!answers)
		return cp_error_set(&t->err, COMPLIANCE_E_INVALID, "answers must not be NULL");
	if (n != t->nel)
		return cp_error_set(&t->err, COMPLIANCE_E_INVALID,
		                    "%zu answers given: the method %.100s has %zu elements", n,
		                    t->profile->id, t->nel);
	if (n > sizeof ans / sizeof *ans && !(buf = cp_calloc(&t->alloc, n, sizeof *buf)))
		return cp_error_set(&t->err, COMPLIANCE_E_NOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		if (answers[i] != 0 && (answers[i] < t->amin || answers[i] > t->amax)) {
			rc = cp_error_set(&t->err, COMPLIANCE_E_RANGE,
			                  "field '%s': expected an answer from %d to %d (0 for no "
			                  "answer), found %d",
			                  t->profile->nodes[i].text[COMPLIANCE_NODE_ID], t->amin, t->amax,
			                  answers[i]);
			goto done;
		}
		buf[i] = (unsigned)answers[i];
	}
	if (cp_skm_acc_can_add(&t->acc, buf, n, t->amax, &bad, 0)) {
		rc = cp_error_set(&t->err, COMPLIANCE_E_OVERFLOW, "too many %s to count exactly",
		                  bad == SIZE_MAX ? "respondents" : "answers");
		goto done;
	}
	cp_skm_acc_add(&t->acc, buf, n);
done:
	if (buf != ans)
		cp_free(&t->alloc, buf);
	return rc;
}

int compliance_skm_tally_merge(compliance_skm_tally *t, const compliance_skm_tally *other)
{
	char why[256];

	if (!t)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&t->err);
	if (!other)
		return cp_error_set(&t->err, COMPLIANCE_E_INVALID, "merge: the other tally is NULL");
	if (!cp_skm_same_method(t->profile, other->profile, why, sizeof why))
		return cp_error_set(&t->err, COMPLIANCE_E_INVALID,
		                    "merge: the tallies are of different methods: %s", why);
	if (cp_skm_acc_merge(&t->acc, &other->acc, t->nel))
		return cp_error_set(&t->err, COMPLIANCE_E_OVERFLOW,
		                    "merge: too many respondents or answers to count exactly");
	return COMPLIANCE_OK;
}

/* ---- the text form -------------------------------------------------------------- */

int compliance_skm_tally_serialize(const compliance_skm_tally *t, char **out, size_t *len)
{
	size_t cap, pos, i;
	char *buf;
	int n;

	if (out)
		*out = NULL;
	if (!t || !out)
		return COMPLIANCE_E_INVALID;
	/* three 20-digit numbers and the code per element, five header lines */
	cap = 200 + strlen(t->profile->id);
	for (i = 0; i < t->nel; i++)
		cap += strlen(t->profile->nodes[i].text[COMPLIANCE_NODE_ID]) + 80;
	buf = malloc(cap); /* released with compliance_free() */
	if (!buf)
		return COMPLIANCE_E_NOMEM;
	n = snprintf(buf, cap, "%s %d\nprofile %s\nread %llu\ncomplete %llu\nblank %llu\n",
	             TALLY_MAGIC, TALLY_VERSION, t->profile->id, (unsigned long long)t->acc.read,
	             (unsigned long long)t->acc.complete, (unsigned long long)t->acc.blank);
	pos = (size_t)n;
	for (i = 0; i < t->nel; i++) {
		n = snprintf(buf + pos, cap - pos, "element %s %llu %llu %llu\n",
		             t->profile->nodes[i].text[COMPLIANCE_NODE_ID],
		             (unsigned long long)t->acc.count[i], (unsigned long long)t->acc.sum[i],
		             (unsigned long long)t->acc.lw_sum[i]);
		pos += (size_t)n;
	}
	*out = buf;
	if (len)
		*len = pos;
	return COMPLIANCE_OK;
}

/* The parse state: where we are, for messages. */
typedef struct tally_parser {
	const char *pos, *end;
	size_t line;
	cp_error *err;
} tally_parser;

/* Reads line `want` ("profile", "read", ...): its key and one value word
 * (into *v, *vlen). */
static int next_keyed(tally_parser *ps, const char *key, const char **v, size_t *vlen)
{
	const char *line, *w, *p, *e;
	size_t len, wlen;
	int rc;

	rc = cp_next_line(&ps->pos, ps->end, &line, &len);
	ps->line++;
	if (rc == 0)
		return cp_error_set(ps->err, COMPLIANCE_E_PARSE,
		                    "SKM tally: line %zu: the text ends early: expected the line '%s'",
		                    ps->line, key);
	if (rc < 0)
		return cp_error_set(ps->err, COMPLIANCE_E_PARSE,
		                    "SKM tally: line %zu: the line has no newline at its end (the "
		                    "text is cut short?)", ps->line);
	p = line;
	e = line + len;
	w = cp_next_word(&p, e, &wlen);
	if (wlen != strlen(key) || memcmp(w, key, wlen) != 0) {
		char q[64];
		cp_quote(q, sizeof q, w, wlen);
		return cp_error_set(ps->err, COMPLIANCE_E_PARSE,
		                    "SKM tally: line %zu: expected the line '%s', found %s", ps->line,
		                    key, q);
	}
	*v = p;
	*vlen = (size_t)(e - p);
	return 0;
}

static int parse_count(tally_parser *ps, const char *what, const char *s, size_t len,
                       uint64_t *out)
{
	char q[64];

	if (cp_parse_u64(s, len, out) == 0)
		return 0;
	cp_quote(q, sizeof q, s, len);
	return cp_error_set(ps->err, COMPLIANCE_E_PARSE,
	                    "SKM tally: line %zu: %s: expected a whole number from 0 to "
	                    "18446744073709551615 without leading zeros, found %s", ps->line, what,
	                    q);
}

static int key_count(tally_parser *ps, const char *key, uint64_t *out)
{
	const char *v = NULL;
	size_t len = 0;
	int rc;

	if ((rc = next_keyed(ps, key, &v, &len)))
		return rc;
	return parse_count(ps, key, v, len, out);
}

/* Checks that the numbers can come from one set of respondents. */
static int check_invariants(tally_parser *ps, const compliance_skm_tally *t)
{
	const cp_skm_acc *a = &t->acc;
	unsigned __int128 lo = 0, hi = 0, total = 0;
	const unsigned __int128 amin = (unsigned)t->amin, amax = (unsigned)t->amax;
	const uint64_t nonblank = a->read - a->blank;
	size_t i;

	if (t->nel && (a->blank > a->read || a->complete > a->read - a->blank))
		return cp_error_set(ps->err, COMPLIANCE_E_PARSE,
		                    "SKM tally: %llu complete and %llu blank respondents cannot be "
		                    "among %llu read", (unsigned long long)a->complete,
		                    (unsigned long long)a->blank, (unsigned long long)a->read);
	for (i = 0; i < t->nel; i++) {
		const char *code = t->profile->nodes[i].text[COMPLIANCE_NODE_ID];
		const unsigned __int128 c = a->count[i], s = a->sum[i], l = a->lw_sum[i];
		const unsigned __int128 k = a->complete;

		if (a->count[i] < a->complete || a->count[i] > nonblank)
			return cp_error_set(ps->err, COMPLIANCE_E_PARSE,
			                    "SKM tally: element %s: %llu answers, expected from the "
			                    "%llu complete respondents to the %llu who answered anything",
			                    code, (unsigned long long)a->count[i],
			                    (unsigned long long)a->complete, (unsigned long long)nonblank);
		if (s < amin * c || s > amax * c || l < amin * k || l > amax * k || l > s ||
		    s - l < amin * (c - k) || s - l > amax * (c - k))
			return cp_error_set(ps->err, COMPLIANCE_E_PARSE,
			                    "SKM tally: element %s: sums %llu and %llu (complete "
			                    "respondents) cannot come from %llu answers (%llu complete) "
			                    "from %d to %d", code, (unsigned long long)a->sum[i],
			                    (unsigned long long)a->lw_sum[i],
			                    (unsigned long long)a->count[i],
			                    (unsigned long long)a->complete, t->amin, t->amax);
		total += c - k; /* answers of the incomplete respondents */
	}
	/* each incomplete, non-blank respondent answered 1 to nel - 1 elements */
	lo = nonblank - a->complete;
	hi = lo * (t->nel ? t->nel - 1 : 0);
	if (t->nel && (total < lo || total > hi))
		return cp_error_set(ps->err, COMPLIANCE_E_PARSE,
		                    "SKM tally: the %llu respondents who answered some but not all "
		                    "elements cannot have given the elements' other answers",
		                    (unsigned long long)(nonblank - a->complete));
	return 0;
}

static int parse_into(tally_parser *ps, compliance_skm_tally *t)
{
	const compliance_profile *p = t->profile;
	const char *v = NULL, *w;
	size_t len = 0, wlen, i;
	char q[64];
	uint64_t version;
	int rc;

	if ((rc = next_keyed(ps, TALLY_MAGIC, &v, &len)))
		return ps->line == 1 && rc == COMPLIANCE_E_PARSE
		           ? cp_error_set(ps->err, COMPLIANCE_E_PARSE,
		                          "SKM tally: line 1: not an SKM tally: expected '%s %d'",
		                          TALLY_MAGIC, TALLY_VERSION)
		           : rc;
	if (cp_parse_u64(v, len, &version) || version != TALLY_VERSION) {
		cp_quote(q, sizeof q, v, len);
		return cp_error_set(ps->err, COMPLIANCE_E_PARSE,
		                    "SKM tally: line 1: version %s is not supported: expected %d", q,
		                    TALLY_VERSION);
	}
	if ((rc = next_keyed(ps, "profile", &v, &len)))
		return rc;
	if (len != strlen(p->id) || memcmp(v, p->id, len) != 0) {
		cp_quote(q, sizeof q, v, len);
		return cp_error_set(ps->err, COMPLIANCE_E_INVALID,
		                    "SKM tally: line 2: the tally is of profile %s, not of '%.100s'", q,
		                    p->id);
	}
	t->acc.room = 0; /* the sums are written here */
	if ((rc = key_count(ps, "read", &t->acc.read)) ||
	    (rc = key_count(ps, "complete", &t->acc.complete)) ||
	    (rc = key_count(ps, "blank", &t->acc.blank)))
		return rc;
	for (i = 0; i < t->nel; i++) {
		const char *code = p->nodes[i].text[COMPLIANCE_NODE_ID];
		const char *e;
		if ((rc = next_keyed(ps, "element", &v, &len)))
			return rc;
		e = v + len;
		w = cp_next_word(&v, e, &wlen);
		if (wlen != strlen(code) || memcmp(w, code, wlen) != 0) {
			cp_quote(q, sizeof q, w, wlen);
			return cp_error_set(ps->err, COMPLIANCE_E_PARSE,
			                    "SKM tally: line %zu: expected element '%s' (element %zu of "
			                    "%.100s), found %s", ps->line, code, i + 1, p->id, q);
		}
		w = cp_next_word(&v, e, &wlen);
		if ((rc = parse_count(ps, "answers", w, wlen, &t->acc.count[i])))
			return rc;
		w = cp_next_word(&v, e, &wlen);
		if ((rc = parse_count(ps, "sum", w, wlen, &t->acc.sum[i])))
			return rc;
		w = cp_next_word(&v, e, &wlen);
		if ((rc = parse_count(ps, "sum of the complete respondents", w, wlen,
		                      &t->acc.lw_sum[i])))
			return rc;
		if (v != e) {
			cp_quote(q, sizeof q, v, (size_t)(e - v));
			return cp_error_set(ps->err, COMPLIANCE_E_PARSE,
			                    "SKM tally: line %zu: unexpected text after the three "
			                    "numbers: %s", ps->line, q);
		}
	}
	if (ps->pos != ps->end)
		return cp_error_set(ps->err, COMPLIANCE_E_PARSE,
		                    "SKM tally: line %zu: unexpected text after the last element",
		                    ps->line + 1);
	return check_invariants(ps, t);
}

int compliance_skm_tally_parse(compliance_ctx *ctx, compliance_skm_tally **out,
                               compliance_profile *profile, const char *text, size_t size)
{
	compliance_skm_tally *t;
	tally_parser ps;
	int rc;

	cp_ctx_clear(ctx);
	if (!out)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID,
		                   "compliance_skm_tally_parse: out must not be NULL");
	*out = NULL;
	if ((rc = check_kind(ctx, "compliance_skm_tally_parse", profile)))
		return rc;
	if (!text && size)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID,
		                   "compliance_skm_tally_parse: text must not be NULL");
	if (tally_make(cp_ctx_alloc(ctx), &t, profile))
		return cp_ctx_fail(ctx, COMPLIANCE_E_NOMEM, "out of memory");
	ps.pos = text ? text : "";
	ps.end = ps.pos + size;
	ps.line = 0;
	ps.err = &t->err;
	if ((rc = parse_into(&ps, t))) {
		cp_ctx_fail(ctx, rc, "%s", t->err.msg);
		compliance_skm_tally_free(t);
		return rc;
	}
	cp_error_clear(&t->err);
	*out = t;
	return COMPLIANCE_OK;
}

int compliance_skm_tally_merge_text(compliance_skm_tally *t, const char *text, size_t size)
{
	compliance_skm_tally *other;
	compliance_ctx ctx;
	int rc;

	if (!t)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&t->err);
	memset(&ctx, 0, sizeof ctx);
	ctx.alloc = t->alloc;
	rc = compliance_skm_tally_parse(&ctx, &other, t->profile, text, size);
	if (rc)
		return cp_error_set(&t->err, rc, "%s", ctx.err.msg);
	rc = compliance_skm_tally_merge(t, other);
	compliance_skm_tally_free(other);
	return rc;
}
