/*
 * The community satisfaction survey (SKM) and its index (IKM) under
 * Permenpan RB 14/2017; see include/compliance/skm.h.
 *
 * Input is streamed into integer sums and counts per element, kept twice:
 * over every answer given (available-case) and over the respondents who
 * answered all nine elements (listwise). Only the duplicate-id check keeps
 * per-respondent state, a hash set of ids.
 *
 * The NRRs are exact rationals (cnum). The IKM is a sum of nine fractions
 * whose denominators are the nine answer counts: with counts in the tens of
 * thousands that differ a little (a few blanks per element), the common
 * denominator passes 10^40 and no longer fits cnum's 128 bits. The IKM is
 * therefore summed with the small fixed-width unsigned integers below
 * (768 bits; nine 64-bit counts need at most 9 * 64 + 16 bits), reduced,
 * then rounded half-up with integer division. No floating point anywhere.
 */
#include <stdio.h>
#include <string.h>

#include "compliance/skm.h"
#include "io/csv.h"
#include "util/util.h"
#include "number/number.h"

#define NEL COMPLIANCE_SKM_ELEMENTS

/* ---- the method "skm-2017": static data ------------------------------------ */

static const char SKM_PROFILE_ID[] = "skm-2017";
static const char SKM_SOURCE[] = "Permenpan RB 14/2017";

/* Quality bands on the IKM rounded to 2 decimals, best first; the lower
 * bound is inclusive. The text is the single source of the numbers: the
 * bounds are parsed exactly (cnum) when classifying. */
static const struct skm_band {
	const char *category, *lower, *upper, *label;
} skm_bands[] = {
	{ "A", "88.31", "100.00", "Sangat Baik" },
	{ "B", "76.61", "88.30", "Baik" },
	{ "C", "65.00", "76.60", "Kurang Baik" },
	{ "D", "25.00", "64.99", "Tidak Baik" },
};
#define NBANDS (sizeof skm_bands / sizeof skm_bands[0])

static const struct skm_element {
	const char *code, *name;
} skm_elements[NEL] = {
	{ "U1", "Persyaratan" },
	{ "U2", "Sistem, Mekanisme, dan Prosedur" },
	{ "U3", "Waktu Penyelesaian" },
	{ "U4", "Biaya/Tarif" },
	{ "U5", "Produk Spesifikasi Jenis Pelayanan" },
	{ "U6", "Kompetensi Pelaksana" },
	{ "U7", "Perilaku Pelaksana" },
	{ "U8", "Penanganan Pengaduan, Saran dan Masukan" },
	{ "U9", "Sarana dan Prasarana" },
};

static const char SKM_HEADER[] = "respondent,U1,U2,U3,U4,U5,U6,U7,U8,U9";

const char *compliance_skm_profile_id(void)
{
	return SKM_PROFILE_ID;
}

size_t compliance_skm_band_count(void)
{
	return NBANDS;
}

const char *compliance_skm_band(size_t index, int field)
{
	if (index >= NBANDS)
		return NULL;
	switch (field) {
	case COMPLIANCE_SKM_BAND_CATEGORY: return skm_bands[index].category;
	case COMPLIANCE_SKM_BAND_LOWER: return skm_bands[index].lower;
	case COMPLIANCE_SKM_BAND_UPPER: return skm_bands[index].upper;
	case COMPLIANCE_SKM_BAND_LABEL: return skm_bands[index].label;
	case COMPLIANCE_SKM_BAND_SOURCE: return SKM_SOURCE;
	default: return NULL;
	}
}

const char *compliance_skm_element(size_t index, int field)
{
	if (index >= NEL)
		return NULL;
	switch (field) {
	case COMPLIANCE_SKM_ELEMENT_CODE: return skm_elements[index].code;
	case COMPLIANCE_SKM_ELEMENT_NAME: return skm_elements[index].name;
	default: return NULL;
	}
}

/* ---- fixed-width unsigned integers for the IKM sum --------------------------- */

#define BIG_LIMBS 24 /* 768 bits */
#define BIG_BITS (BIG_LIMBS * 32)

typedef struct big {
	uint32_t w[BIG_LIMBS]; /* little-endian */
} big;

static void big_set(big *a, uint64_t v)
{
	memset(a, 0, sizeof *a);
	a->w[0] = (uint32_t)v;
	a->w[1] = (uint32_t)(v >> 32);
}

static int big_is_zero(const big *a)
{
	size_t i;

	for (i = 0; i < BIG_LIMBS; i++)
		if (a->w[i])
			return 0;
	return 1;
}

static int big_cmp(const big *a, const big *b)
{
	size_t i = BIG_LIMBS;

	while (i-- > 0)
		if (a->w[i] != b->w[i])
			return a->w[i] < b->w[i] ? -1 : 1;
	return 0;
}

/* r = a + b; 1 on overflow. r may alias a or b. */
static int big_add(big *r, const big *a, const big *b)
{
	uint64_t carry = 0;
	size_t i;

	for (i = 0; i < BIG_LIMBS; i++) {
		uint64_t s = (uint64_t)a->w[i] + b->w[i] + carry;
		r->w[i] = (uint32_t)s;
		carry = s >> 32;
	}
	return carry != 0;
}

/* r = a - b modulo 2^BIG_BITS. r may alias a or b. */
static void big_sub(big *r, const big *a, const big *b)
{
	uint64_t borrow = 0;
	size_t i;

	for (i = 0; i < BIG_LIMBS; i++) {
		uint64_t d = (uint64_t)a->w[i] - b->w[i] - borrow;
		r->w[i] = (uint32_t)d;
		borrow = (d >> 32) & 1;
	}
}

/* r = a * b; 1 on overflow. r may alias a or b. */
static int big_mul(big *r, const big *a, const big *b)
{
	uint32_t t[2 * BIG_LIMBS];
	size_t i, j;

	memset(t, 0, sizeof t);
	for (i = 0; i < BIG_LIMBS; i++) {
		uint64_t carry = 0;
		if (!a->w[i])
			continue;
		for (j = 0; j < BIG_LIMBS; j++) {
			uint64_t p = (uint64_t)a->w[i] * b->w[j] + t[i + j] + carry;
			t[i + j] = (uint32_t)p;
			carry = p >> 32;
		}
		t[i + BIG_LIMBS] = (uint32_t)carry;
	}
	for (i = BIG_LIMBS; i < 2 * BIG_LIMBS; i++)
		if (t[i])
			return 1;
	memcpy(r->w, t, sizeof r->w);
	return 0;
}

static int big_mul_u64(big *a, uint64_t m)
{
	big b;

	big_set(&b, m);
	return big_mul(a, a, &b);
}

/* Shifts left by one bit; returns the bit shifted out. */
static unsigned big_shl1(big *a)
{
	unsigned out = a->w[BIG_LIMBS - 1] >> 31;
	size_t i = BIG_LIMBS;

	while (i-- > 1)
		a->w[i] = (a->w[i] << 1) | (a->w[i - 1] >> 31);
	a->w[0] <<= 1;
	return out;
}

static void big_shr1(big *a)
{
	size_t i;

	for (i = 0; i + 1 < BIG_LIMBS; i++)
		a->w[i] = (a->w[i] >> 1) | (a->w[i + 1] << 31);
	a->w[BIG_LIMBS - 1] >>= 1;
}

static int big_bit(const big *a, size_t i)
{
	return (int)((a->w[i / 32] >> (i % 32)) & 1);
}

/* Number of significant bits (0 for zero). */
static size_t big_bits(const big *a)
{
	size_t i = BIG_LIMBS;

	while (i-- > 0) {
		if (a->w[i]) {
			size_t b = 32;
			while (!((a->w[i] >> (b - 1)) & 1))
				b--;
			return i * 32 + b;
		}
	}
	return 0;
}

/* q = n / d, r = n % d (d != 0), by shift and subtract. q or r may be NULL. */
static void big_divmod(big *q, big *r, const big *n, const big *d)
{
	big qq, rr;
	size_t i = big_bits(n);

	memset(&qq, 0, sizeof qq);
	memset(&rr, 0, sizeof rr);
	while (i-- > 0) {
		unsigned out = big_shl1(&rr);
		rr.w[0] |= (uint32_t)big_bit(n, i);
		/* rr < 2d: when a bit fell out, rr >= d and the wrapping
		 * subtraction still gives the true remainder. */
		if (out || big_cmp(&rr, d) >= 0) {
			big_sub(&rr, &rr, d);
			qq.w[i / 32] |= (uint32_t)1 << (i % 32);
		}
	}
	if (q)
		*q = qq;
	if (r)
		*r = rr;
}

/* a /= d in place (d != 0); returns the remainder. */
static uint32_t big_div_u32(big *a, uint32_t d)
{
	uint64_t rem = 0;
	size_t i = BIG_LIMBS;

	while (i-- > 0) {
		uint64_t cur = (rem << 32) | a->w[i];
		a->w[i] = (uint32_t)(cur / d);
		rem = cur % d;
	}
	return (uint32_t)rem;
}

/* Binary GCD; gcd(0, b) = b. */
static void big_gcd(big *g, const big *x, const big *y)
{
	big a = *x, b = *y;
	size_t shift = 0;

	if (big_is_zero(&a)) {
		*g = b;
		return;
	}
	if (big_is_zero(&b)) {
		*g = a;
		return;
	}
	while (!(a.w[0] & 1) && !(b.w[0] & 1)) {
		big_shr1(&a);
		big_shr1(&b);
		shift++;
	}
	while (!(a.w[0] & 1))
		big_shr1(&a);
	do {
		while (!(b.w[0] & 1))
			big_shr1(&b);
		if (big_cmp(&a, &b) > 0) {
			big t = a;
			a = b;
			b = t;
		}
		big_sub(&b, &b, &a);
	} while (!big_is_zero(&b));
	while (shift-- > 0)
		big_shl1(&a);
	*g = a;
}

/* Writes the decimal digits of a; returns the length (at most 232). */
static size_t big_to_dec(char *buf, const big *x)
{
	char tmp[BIG_BITS / 3 + 2];
	big a = *x;
	size_t n = 0, i;

	do {
		uint32_t chunk = big_div_u32(&a, 1000000000u);
		int k;
		for (k = 0; k < 9; k++) {
			tmp[n++] = (char)('0' + chunk % 10);
			chunk /= 10;
			if (big_is_zero(&a) && !chunk)
				break;
		}
	} while (!big_is_zero(&a));
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
	return n;
}

/* The exact IKM text holds two 768-bit numbers and a '/'. */
#define SKM_EXACT_MAX (2 * (BIG_BITS / 3 + 2) + 2)
/* A terminating decimal longer than this is written as a fraction. */
#define SKM_MAX_DECIMALS 60

/* Writes n/d (reduced, d > 0) as a terminating decimal when it is one with
 * at most SKM_MAX_DECIMALS places, else as "n/d". */
static void big_format_exact(char *buf, const big *n, const big *d)
{
	big rest = *d, ip, rem, one;
	size_t twos = 0, fives = 0, k, pos, i;

	big_set(&one, 1);
	while (!(rest.w[0] & 1) && !big_is_zero(&rest)) {
		big_shr1(&rest);
		twos++;
	}
	for (;;) {
		big t = rest;
		if (big_div_u32(&t, 5) != 0)
			break;
		rest = t;
		fives++;
	}
	k = twos > fives ? twos : fives;
	if (big_cmp(&rest, &one) != 0 || k > SKM_MAX_DECIMALS) {
		pos = big_to_dec(buf, n);
		buf[pos++] = '/';
		big_to_dec(buf + pos, d);
		return;
	}
	big_divmod(&ip, &rem, n, d);
	pos = big_to_dec(buf, &ip);
	if (k == 0)
		return;
	buf[pos++] = '.';
	for (i = 0; i < k; i++) {
		big digit;
		big_mul_u64(&rem, 10); /* rem < d, so 10 * rem fits */
		big_divmod(&digit, &rem, &rem, d);
		buf[pos++] = (char)('0' + digit.w[0]);
	}
	buf[pos] = '\0';
}

/* ---- the survey object ------------------------------------------------------- */

/* The running sums: everything the survey keeps about its respondents. */
typedef struct skm_acc {
	uint64_t read;          /* respondents given */
	uint64_t complete;      /* ... who answered all nine */
	uint64_t blank;         /* ... who answered none */
	uint64_t count[NEL];    /* answers given to each element */
	uint64_t sum[NEL];      /* their sum */
	uint64_t lw_sum[NEL];   /* sum over the complete respondents */
} skm_acc;

/* One id of the duplicate check. */
typedef struct skm_id {
	struct skm_id *next;
	uint64_t hash;
	uint64_t gen; /* the read that added it, for rollback */
	size_t len;
	char text[];
} skm_id;

typedef struct skm_result {
	int missing;
	uint64_t counts[5];
	uint64_t answers[NEL];
	int64_t ikm;
	size_t band;
	char nrr_rounded[NEL][CNUM_TEXT_MAX];
	char nrr_exact[NEL][CNUM_TEXT_MAX];
	char ikm_text[CNUM_TEXT_MAX];
	char ikm_exact[SKM_EXACT_MAX];
} skm_result;

struct compliance_skm {
	cp_alloc alloc;
	cp_error err;
	int missing;
	int check_duplicates;

	skm_acc acc;

	skm_id **buckets;
	size_t nbuckets, nids;
	uint64_t gen;

	int computed;
	skm_result res;
};

static uint64_t hash_id(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

int compliance_skm_new(compliance_ctx *ctx, compliance_skm **out)
{
	const cp_alloc *al = cp_ctx_alloc(ctx);
	compliance_skm *s;

	cp_ctx_clear(ctx);
	if (!out)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID, "compliance_skm_new: out must not be NULL");
	*out = NULL;
	s = cp_calloc(al, 1, sizeof *s);
	if (!s)
		return cp_ctx_fail(ctx, COMPLIANCE_E_NOMEM, "out of memory");
	s->alloc = *al;
	s->missing = COMPLIANCE_SKM_MISSING_AVAILABLE;
	s->check_duplicates = 1;
	*out = s;
	return COMPLIANCE_OK;
}

void compliance_skm_free(compliance_skm *s)
{
	size_t i;
	cp_alloc al;

	if (!s)
		return;
	al = s->alloc;
	for (i = 0; i < s->nbuckets; i++) {
		skm_id *e = s->buckets[i];
		while (e) {
			skm_id *next = e->next;
			cp_free(&al, e);
			e = next;
		}
	}
	cp_free(&al, s->buckets);
	cp_free(&al, s);
}

const char *compliance_skm_errmsg(const compliance_skm *s)
{
	return s ? s->err.msg : "";
}

int compliance_skm_set_option(compliance_skm *s, int option, int value)
{
	if (!s)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&s->err);
	switch (option) {
	case COMPLIANCE_SKM_OPT_MISSING:
		if (value != COMPLIANCE_SKM_MISSING_AVAILABLE && value != COMPLIANCE_SKM_MISSING_LISTWISE)
			return cp_error_set(&s->err, COMPLIANCE_E_INVALID,
			                    "unknown missing-answer policy %d: expected 0 (available) or "
			                    "1 (listwise)", value);
		s->missing = value;
		return COMPLIANCE_OK;
	case COMPLIANCE_SKM_OPT_CHECK_DUPLICATES:
		if (value != 0 && value != 1)
			return cp_error_set(&s->err, COMPLIANCE_E_INVALID,
			                    "the duplicate check is 0 (off) or 1 (on), not %d", value);
		if (value != s->check_duplicates && s->acc.read)
			return cp_error_set(&s->err, COMPLIANCE_E_STATE,
			                    "the duplicate check must be set before the first respondent "
			                    "(%llu already added)", (unsigned long long)s->acc.read);
		s->check_duplicates = value;
		return COMPLIANCE_OK;
	default:
		return cp_error_set(&s->err, COMPLIANCE_E_INVALID, "unknown option %d", option);
	}
}

static skm_id *find_id(const compliance_skm *s, const char *id, size_t len, uint64_t h)
{
	skm_id *e;

	if (!s->nbuckets)
		return NULL;
	for (e = s->buckets[h % s->nbuckets]; e; e = e->next)
		if (e->hash == h && e->len == len && !memcmp(e->text, id, len))
			return e;
	return NULL;
}

/* Makes room for one more id (load factor at most 1). */
static int reserve_id(compliance_skm *s)
{
	size_t n, i;
	skm_id **b;

	if (s->nids < s->nbuckets)
		return 0;
	n = s->nbuckets ? s->nbuckets * 2 : 64;
	if (n < s->nbuckets)
		return COMPLIANCE_E_NOMEM;
	b = cp_calloc(&s->alloc, n, sizeof *b);
	if (!b)
		return COMPLIANCE_E_NOMEM;
	for (i = 0; i < s->nbuckets; i++) {
		skm_id *e = s->buckets[i];
		while (e) {
			skm_id *next = e->next;
			e->next = b[e->hash % n];
			b[e->hash % n] = e;
			e = next;
		}
	}
	cp_free(&s->alloc, s->buckets);
	s->buckets = b;
	s->nbuckets = n;
	return 0;
}

/* Removes the ids added by read `gen` (a failed read). */
static void rollback_ids(compliance_skm *s, uint64_t gen)
{
	size_t i;

	for (i = 0; i < s->nbuckets; i++) {
		skm_id **pp = &s->buckets[i];
		while (*pp) {
			skm_id *e = *pp;
			if (e->gen == gen) {
				*pp = e->next;
				cp_free(&s->alloc, e);
				s->nids--;
			} else {
				pp = &e->next;
			}
		}
	}
}

/*
 * Adds one respondent whose answers are already checked (0..4). On failure
 * sets the error (without a location), names the offending field in
 * *field, and changes nothing.
 */
static int add_checked(compliance_skm *s, const char *id, size_t len, const unsigned char *ans,
                       const char **field)
{
	skm_acc *a = &s->acc;
	int given = 0, i;
	uint64_t h = 0;
	char q[64];

	*field = "respondent";
	if (id) {
		if (!len)
			return cp_error_set(&s->err, COMPLIANCE_E_PARSE, "the respondent id is empty");
		if (!cp_utf8_valid(id, len))
			return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
			                    "the respondent id is not valid UTF-8 text");
	}
	if (a->read == UINT64_MAX)
		return cp_error_set(&s->err, COMPLIANCE_E_OVERFLOW, "too many respondents to count");
	for (i = 0; i < NEL; i++) {
		if (ans[i] && a->sum[i] > UINT64_MAX - 4) {
			*field = skm_elements[i].code;
			return cp_error_set(&s->err, COMPLIANCE_E_OVERFLOW,
			                    "too many answers to sum exactly");
		}
		given += ans[i] != 0;
	}
	if (id && s->check_duplicates) {
		skm_id *e;
		h = hash_id(id, len);
		if (find_id(s, id, len, h)) {
			cp_quote(q, sizeof q, id, len);
			return cp_error_set(&s->err, COMPLIANCE_E_DUPLICATE,
			                    "respondent %s is listed twice", q);
		}
		if (reserve_id(s))
			return cp_error_set(&s->err, COMPLIANCE_E_NOMEM, "out of memory");
		e = cp_malloc(&s->alloc, sizeof *e + len);
		if (!e)
			return cp_error_set(&s->err, COMPLIANCE_E_NOMEM, "out of memory");
		e->hash = h;
		e->gen = s->gen;
		e->len = len;
		memcpy(e->text, id, len);
		e->next = s->buckets[h % s->nbuckets];
		s->buckets[h % s->nbuckets] = e;
		s->nids++;
	}
	/* nothing can fail from here on */
	a->read++;
	if (given == 0)
		a->blank++;
	for (i = 0; i < NEL; i++) {
		if (!ans[i])
			continue;
		a->count[i]++;
		a->sum[i] += ans[i];
		if (given == NEL)
			a->lw_sum[i] += ans[i];
	}
	if (given == NEL)
		a->complete++;
	s->computed = 0;
	return COMPLIANCE_OK;
}

int compliance_skm_add_respondent(compliance_skm *s, const char *id,
                                  const int answers[COMPLIANCE_SKM_ELEMENTS])
{
	unsigned char ans[NEL];
	const char *field;
	char msg[CP_ERRMSG_MAX], q[64];
	int i, rc;

	if (!s)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&s->err);
	if (!answers)
		return cp_error_set(&s->err, COMPLIANCE_E_INVALID, "answers must not be NULL");
	if (id)
		cp_quote(q, sizeof q, id, strlen(id));
	for (i = 0; i < NEL; i++) {
		if (answers[i] < 0 || answers[i] > 4) {
			if (id)
				return cp_error_set(&s->err, COMPLIANCE_E_RANGE,
				                    "respondent %s: field '%s': expected an answer from 1 to "
				                    "4 (0 for no answer), found %d", q, skm_elements[i].code,
				                    answers[i]);
			return cp_error_set(&s->err, COMPLIANCE_E_RANGE,
			                    "field '%s': expected an answer from 1 to 4 (0 for no "
			                    "answer), found %d", skm_elements[i].code, answers[i]);
		}
		ans[i] = (unsigned char)answers[i];
	}
	rc = add_checked(s, id, id ? strlen(id) : 0, ans, &field);
	if (rc && rc != COMPLIANCE_E_NOMEM && strcmp(field, "respondent") != 0) {
		snprintf(msg, sizeof msg, "%s", s->err.msg);
		if (id)
			cp_error_set(&s->err, rc, "respondent %s: field '%s': %s", q, field, msg);
		else
			cp_error_set(&s->err, rc, "field '%s': %s", field, msg);
	}
	return rc;
}

/* ---- CSV input ------------------------------------------------------------------ */

/* Parses one answer field: 0 (blank), 1..4, or an error. */
static int parse_answer(compliance_skm *s, const char *f, size_t len, unsigned char *out)
{
	char q[64];
	size_t i = 0;
	int integer;

	if (len == 0) {
		*out = 0;
		return 0;
	}
	if (len == 1 && f[0] >= '1' && f[0] <= '4') {
		*out = (unsigned char)(f[0] - '0');
		return 0;
	}
	cp_quote(q, sizeof q, f, len);
	if (len == 1 && f[0] == '0')
		return cp_error_set(&s->err, COMPLIANCE_E_RANGE,
		                    "expected an answer from 1 to 4, found %s (leave the field "
		                    "empty for no answer)", q);
	/* A plain integer ("5", "-1", "12") is out of range; anything else
	 * ("3.5", "x", "03", "+3") is not an answer at all. */
	if (f[0] == '-')
		i = 1;
	integer = i < len && f[i] != '0';
	for (; i < len; i++)
		if (f[i] < '0' || f[i] > '9')
			integer = 0;
	return cp_error_set(&s->err, integer ? COMPLIANCE_E_RANGE : COMPLIANCE_E_PARSE,
	                    "expected an answer from 1 to 4, found %s", q);
}

static int check_header(compliance_skm *s, const cp_csv *c, const char *name)
{
	size_t i;
	char q[64];

	for (i = 0; i < c->nfields && i <= NEL; i++) {
		const char *want = i ? skm_elements[i - 1].code : "respondent";
		if (strcmp(cp_csv_field(c, i), want) != 0) {
			cp_quote(q, sizeof q, cp_csv_field(c, i), cp_csv_len(c, i));
			return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
			                    "%s:%zu: expected the header %s: field %zu is %s, expected "
			                    "'%s'", name, c->line, SKM_HEADER, i + 1, q, want);
		}
	}
	if (c->nfields != NEL + 1)
		return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
		                    "%s:%zu: expected the header %s: found %zu fields, expected %d",
		                    name, c->line, SKM_HEADER, c->nfields, NEL + 1);
	return 0;
}

static int read_rows(compliance_skm *s, cp_csv *c, const char *name)
{
	const char *why;
	int rc;

	while ((rc = cp_csv_next(c, &why)) == 1) {
		unsigned char ans[NEL];
		const char *field;
		char msg[CP_ERRMSG_MAX];
		size_t i;

		if (c->nfields < NEL + 1)
			return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
			                    "%s:%zu: field '%s' is missing: expected %d fields (%s), "
			                    "found %zu", name, c->line,
			                    c->nfields ? skm_elements[c->nfields - 1].code : "respondent",
			                    NEL + 1, SKM_HEADER, c->nfields);
		if (c->nfields > NEL + 1)
			return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
			                    "%s:%zu: field %d is one too many: expected %d fields (%s), "
			                    "found %zu", name, c->line, NEL + 2, NEL + 1, SKM_HEADER,
			                    c->nfields);
		for (i = 0; i < NEL; i++) {
			rc = parse_answer(s, cp_csv_field(c, i + 1), cp_csv_len(c, i + 1), &ans[i]);
			if (rc) {
				snprintf(msg, sizeof msg, "%s", s->err.msg);
				return cp_error_set(&s->err, rc, "%s:%zu: field '%s': %s", name, c->line,
				                    skm_elements[i].code, msg);
			}
		}
		rc = add_checked(s, cp_csv_field(c, 0), cp_csv_len(c, 0), ans, &field);
		if (rc) {
			if (rc == COMPLIANCE_E_NOMEM)
				return cp_error_set(&s->err, rc, "%s:%zu: out of memory", name, c->line);
			snprintf(msg, sizeof msg, "%s", s->err.msg);
			return cp_error_set(&s->err, rc, "%s:%zu: field '%s': %s", name, c->line, field,
			                    msg);
		}
	}
	if (rc == 0)
		return COMPLIANCE_OK;
	if (rc == COMPLIANCE_E_NOMEM)
		return cp_error_set(&s->err, rc, "%s: out of memory", name);
	if (rc == COMPLIANCE_E_IO)
		return cp_csv_error(&s->err, c, rc, name, why);
	return cp_error_set(&s->err, rc, "%s:%zu: malformed CSV: %s", name, c->line, why);
}

/* Reads a whole CSV source; on failure restores the survey as it was. */
static int read_csv(compliance_skm *s, cp_csv *c, const char *name)
{
	skm_acc saved = s->acc;
	int computed = s->computed;
	const char *why;
	int rc;

	rc = cp_csv_next(c, &why);
	if (rc == 0)
		return cp_error_set(&s->err, COMPLIANCE_E_PARSE,
		                    "%s: the file is empty: expected the header %s", name, SKM_HEADER);
	if (rc == COMPLIANCE_E_NOMEM)
		return cp_error_set(&s->err, rc, "%s: out of memory", name);
	if (rc == COMPLIANCE_E_IO)
		return cp_csv_error(&s->err, c, rc, name, why);
	if (rc < 0)
		return cp_error_set(&s->err, rc, "%s:%zu: malformed CSV: %s", name, c->line, why);
	rc = check_header(s, c, name);
	if (rc)
		return rc;
	s->gen++;
	rc = read_rows(s, c, name);
	if (rc) {
		rollback_ids(s, s->gen);
		s->acc = saved;
		s->computed = computed;
	}
	return rc;
}

static int read_csv_any(void *obj, cp_csv *c, const char *name)
{
	return read_csv(obj, c, name);
}

int compliance_skm_read_csv_buffer(compliance_skm *s, const char *data, size_t size,
                                   const char *name)
{
	if (!s)
		return COMPLIANCE_E_INVALID;
	return cp_csv_read_buffer(&s->alloc, &s->err, data, size, name, read_csv_any, s);
}

int compliance_skm_read_csv_file(compliance_skm *s, const char *path)
{
	if (!s)
		return COMPLIANCE_E_INVALID;
	return cp_csv_read_file(&s->alloc, &s->err, path, read_csv_any, s);
}

/* ---- computing the IKM --------------------------------------------------------- */

static int classify(int64_t hundredths, size_t *band)
{
	cnum v, lower;
	size_t i;
	int rc;

	rc = cnum_from_scaled(&v, hundredths, COMPLIANCE_SKM_IKM_DECIMALS);
	if (rc)
		return rc;
	for (i = 0; i < NBANDS; i++) {
		rc = cnum_parse(&lower, skm_bands[i].lower, strlen(skm_bands[i].lower), NULL);
		if (rc)
			return rc;
		if (cnum_cmp(v, lower) >= 0) {
			*band = i;
			return 0;
		}
	}
	return COMPLIANCE_E_RANGE; /* below 25.00: impossible with answers 1..4 */
}

static int compute_into(compliance_skm *s, skm_result *r)
{
	const skm_acc *a = &s->acc;
	const int listwise = s->missing == COMPLIANCE_SKM_MISSING_LISTWISE;
	big n, d, g, t, q, two_d;
	int i, rc;

	memset(r, 0, sizeof *r);
	r->missing = s->missing;
	if (a->read == 0)
		return cp_error_set(&s->err, COMPLIANCE_E_MISSING,
		                    "no respondents: the IKM needs at least one answer to every "
		                    "element");
	if (a->read == a->blank)
		return cp_error_set(&s->err, COMPLIANCE_E_MISSING,
		                    "no respondent answered any element (%llu read, all blank)",
		                    (unsigned long long)a->read);
	if (listwise && a->complete == 0)
		return cp_error_set(&s->err, COMPLIANCE_E_MISSING,
		                    "listwise deletion leaves no respondent: no respondent answered "
		                    "all %d elements (%llu read)", NEL, (unsigned long long)a->read);
	r->counts[COMPLIANCE_SKM_COUNT_READ] = a->read;
	r->counts[COMPLIANCE_SKM_COUNT_COMPLETE] = a->complete;
	r->counts[COMPLIANCE_SKM_COUNT_BLANK] = a->blank;
	r->counts[COMPLIANCE_SKM_COUNT_RESPONDENTS] = listwise ? a->complete : a->read - a->blank;
	r->counts[COMPLIANCE_SKM_COUNT_DROPPED] = a->read - r->counts[COMPLIANCE_SKM_COUNT_RESPONDENTS];

	/* IKM = 25/9 * sum(sum_i / count_i), accumulated as the fraction n/d */
	big_set(&n, 0);
	big_set(&d, 1);
	for (i = 0; i < NEL; i++) {
		uint64_t cnt = listwise ? a->complete : a->count[i];
		uint64_t sum = listwise ? a->lw_sum[i] : a->sum[i];
		cnum nrr;

		if (cnt == 0)
			return cp_error_set(&s->err, COMPLIANCE_E_MISSING,
			                    "element %s (%s) was answered by no respondent (%llu read): "
			                    "its NRR and the IKM are undefined",
			                    skm_elements[i].code, skm_elements[i].name,
			                    (unsigned long long)a->read);
		r->answers[i] = cnt;
		rc = cnum_make(&nrr, (cint)sum, (cint)cnt);
		if (rc)
			return cp_error_set(&s->err, COMPLIANCE_E_OVERFLOW,
			                    "the NRR of %s cannot be held exactly", skm_elements[i].code);
		cnum_format_round(r->nrr_rounded[i], nrr, COMPLIANCE_SKM_NRR_DECIMALS);
		cnum_format_exact(r->nrr_exact[i], nrr);
		/* n/d + sum/cnt = (n * cnt + sum * d) / (d * cnt) */
		t = d;
		if (big_mul_u64(&n, cnt) || big_mul_u64(&t, sum) || big_add(&n, &n, &t) ||
		    big_mul_u64(&d, cnt))
			goto overflow;
	}
	if (big_mul_u64(&n, 25) || big_mul_u64(&d, 9))
		goto overflow;
	big_gcd(&g, &n, &d);
	big_divmod(&n, NULL, &n, &g);
	big_divmod(&d, NULL, &d, &g);
	big_format_exact(r->ikm_exact, &n, &d);

	/* half-up to hundredths: floor((200 n + d) / (2 d)) */
	t = n;
	two_d = d;
	if (big_mul_u64(&t, 200) || big_add(&t, &t, &d) || big_mul_u64(&two_d, 2))
		goto overflow;
	big_divmod(&q, NULL, &t, &two_d);
	if (big_bits(&q) > 62)
		goto overflow;
	r->ikm = (int64_t)(((uint64_t)q.w[1] << 32) | q.w[0]);
	cnum_format_scaled(r->ikm_text, r->ikm, COMPLIANCE_SKM_IKM_DECIMALS);
	rc = classify(r->ikm, &r->band);
	if (rc)
		return cp_error_set(&s->err, rc, "IKM %s falls in no band of %s", r->ikm_text,
		                    SKM_PROFILE_ID);
	return COMPLIANCE_OK;

overflow:
	return cp_error_set(&s->err, COMPLIANCE_E_OVERFLOW, "the IKM cannot be held exactly");
}

int compliance_skm_compute(compliance_skm *s)
{
	skm_result r;
	int rc;

	if (!s)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&s->err);
	rc = compute_into(s, &r);
	if (rc)
		return rc;
	s->res = r;
	s->computed = 1;
	return COMPLIANCE_OK;
}

/* ---- results ------------------------------------------------------------------ */

int compliance_skm_missing_used(const compliance_skm *s)
{
	if (!s)
		return COMPLIANCE_E_INVALID;
	return s->computed ? s->res.missing : COMPLIANCE_E_STATE;
}

uint64_t compliance_skm_count(const compliance_skm *s, int which)
{
	if (!s || !s->computed || which < 0 || which > COMPLIANCE_SKM_COUNT_DROPPED)
		return 0;
	return s->res.counts[which];
}

uint64_t compliance_skm_element_answers(const compliance_skm *s, size_t element)
{
	if (!s || !s->computed || element >= NEL)
		return 0;
	return s->res.answers[element];
}

const char *compliance_skm_nrr(const compliance_skm *s, size_t element, int form)
{
	if (!s || !s->computed || element >= NEL)
		return NULL;
	switch (form) {
	case COMPLIANCE_SKM_NRR_ROUNDED: return s->res.nrr_rounded[element];
	case COMPLIANCE_SKM_NRR_EXACT: return s->res.nrr_exact[element];
	default: return NULL;
	}
}

const char *compliance_skm_result(const compliance_skm *s, int field)
{
	if (!s || !s->computed)
		return NULL;
	switch (field) {
	case COMPLIANCE_SKM_IKM: return s->res.ikm_text;
	case COMPLIANCE_SKM_IKM_EXACT: return s->res.ikm_exact;
	case COMPLIANCE_SKM_CATEGORY: return skm_bands[s->res.band].category;
	case COMPLIANCE_SKM_LABEL: return skm_bands[s->res.band].label;
	case COMPLIANCE_SKM_MISSING:
		return s->res.missing == COMPLIANCE_SKM_MISSING_LISTWISE ? "listwise" : "available";
	default: return NULL;
	}
}

int compliance_skm_ikm_scaled(const compliance_skm *s, int64_t *out)
{
	if (!s || !out)
		return COMPLIANCE_E_INVALID;
	if (!s->computed)
		return COMPLIANCE_E_STATE;
	*out = s->res.ikm;
	return COMPLIANCE_OK;
}

int compliance_skm_band_index(const compliance_skm *s, size_t *out)
{
	if (!s || !out)
		return COMPLIANCE_E_INVALID;
	if (!s->computed)
		return COMPLIANCE_E_STATE;
	*out = s->res.band;
	return COMPLIANCE_OK;
}
