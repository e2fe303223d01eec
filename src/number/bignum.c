/*
 * The library's one wide integer (see bignum.h): schoolbook multiplication,
 * shift-and-subtract division and binary GCD over fixed 32-bit limbs. The
 * widths met in practice (a few hundred bits) make these simple methods
 * fast enough; the loops stop at the highest non-zero limb.
 */
#include <string.h>

#include "compliance/common.h"
#include "number/bignum.h"

/* Limbs in use: the index of the highest non-zero limb plus one. */
static size_t used(const cbig *a)
{
	size_t i = CBIG_LIMBS;

	while (i > 0 && !a->w[i - 1])
		i--;
	return i;
}

void cbig_set_u64(cbig *a, uint64_t v)
{
	memset(a, 0, sizeof *a);
	a->w[0] = (uint32_t)v;
	a->w[1] = (uint32_t)(v >> 32);
}

void cbig_set_u128(cbig *a, unsigned __int128 v)
{
	int i;

	memset(a, 0, sizeof *a);
	for (i = 0; i < 4; i++)
		a->w[i] = (uint32_t)(v >> (32 * i));
}

int cbig_is_zero(const cbig *a)
{
	return used(a) == 0;
}

int cbig_cmp(const cbig *a, const cbig *b)
{
	size_t i = CBIG_LIMBS;

	while (i-- > 0)
		if (a->w[i] != b->w[i])
			return a->w[i] < b->w[i] ? -1 : 1;
	return 0;
}

size_t cbig_bits(const cbig *a)
{
	size_t n = used(a), b = 32;

	if (!n)
		return 0;
	while (!((a->w[n - 1] >> (b - 1)) & 1))
		b--;
	return (n - 1) * 32 + b;
}

int cbig_add(cbig *r, const cbig *a, const cbig *b)
{
	cbig t;
	uint64_t carry = 0;
	size_t i;

	for (i = 0; i < CBIG_LIMBS; i++) {
		uint64_t s = (uint64_t)a->w[i] + b->w[i] + carry;
		t.w[i] = (uint32_t)s;
		carry = s >> 32;
	}
	if (carry)
		return COMPLIANCE_E_OVERFLOW;
	*r = t;
	return 0;
}

/* a - b modulo 2^CBIG_BITS, in place. */
static void sub_wrap(cbig *a, const cbig *b)
{
	uint64_t borrow = 0;
	size_t i;

	for (i = 0; i < CBIG_LIMBS; i++) {
		uint64_t d = (uint64_t)a->w[i] - b->w[i] - borrow;
		a->w[i] = (uint32_t)d;
		borrow = (d >> 32) & 1;
	}
}

int cbig_sub(cbig *r, const cbig *a, const cbig *b)
{
	cbig t;

	if (cbig_cmp(a, b) < 0)
		return COMPLIANCE_E_RANGE;
	t = *a;
	sub_wrap(&t, b);
	*r = t;
	return 0;
}

int cbig_mul(cbig *r, const cbig *a, const cbig *b)
{
	uint32_t t[2 * CBIG_LIMBS];
	size_t na = used(a), nb = used(b), i, j;

	if (na + nb > CBIG_LIMBS + 1) /* the product has at least na + nb - 1 limbs */
		return COMPLIANCE_E_OVERFLOW;
	memset(t, 0, sizeof t);
	for (i = 0; i < na; i++) {
		uint64_t carry = 0;
		for (j = 0; j < nb; j++) {
			uint64_t p = (uint64_t)a->w[i] * b->w[j] + t[i + j] + carry;
			t[i + j] = (uint32_t)p;
			carry = p >> 32;
		}
		t[i + nb] = (uint32_t)carry;
	}
	for (i = CBIG_LIMBS; i < 2 * CBIG_LIMBS; i++)
		if (t[i])
			return COMPLIANCE_E_OVERFLOW;
	memcpy(r->w, t, sizeof r->w);
	return 0;
}

int cbig_mul_u64(cbig *r, const cbig *a, uint64_t m)
{
	cbig b;

	cbig_set_u64(&b, m);
	return cbig_mul(r, a, &b);
}

static void shl1(cbig *a, size_t n)
{
	size_t i = n < CBIG_LIMBS ? n + 1 : CBIG_LIMBS;

	while (i-- > 1)
		a->w[i] = (a->w[i] << 1) | (a->w[i - 1] >> 31);
	a->w[0] <<= 1;
}

static void shr1(cbig *a)
{
	size_t n = used(a), i;

	for (i = 0; i + 1 < n; i++)
		a->w[i] = (a->w[i] >> 1) | (a->w[i + 1] << 31);
	if (n)
		a->w[n - 1] >>= 1;
}

int cbig_divmod(cbig *q, cbig *r, const cbig *n, const cbig *d)
{
	cbig qq, rr;
	size_t i = cbig_bits(n), nd = used(d);

	if (!nd)
		return COMPLIANCE_E_INVALID;
	memset(&qq, 0, sizeof qq);
	memset(&rr, 0, sizeof rr);
	while (i-- > 0) {
		/* rr < d before the shift, so 2 rr + 1 fits in one limb more
		 * than d, or wraps out of the top when d fills every limb. */
		unsigned out = rr.w[CBIG_LIMBS - 1] >> 31;
		shl1(&rr, nd);
		rr.w[0] |= (n->w[i / 32] >> (i % 32)) & 1;
		if (out || cbig_cmp(&rr, d) >= 0) {
			sub_wrap(&rr, d);
			qq.w[i / 32] |= (uint32_t)1 << (i % 32);
		}
	}
	if (q)
		*q = qq;
	if (r)
		*r = rr;
	return 0;
}

void cbig_gcd(cbig *g, const cbig *x, const cbig *y)
{
	cbig a = *x, b = *y;
	size_t shift = 0;

	if (cbig_is_zero(&a)) {
		*g = b;
		return;
	}
	if (cbig_is_zero(&b)) {
		*g = a;
		return;
	}
	while (!(a.w[0] & 1) && !(b.w[0] & 1)) {
		shr1(&a);
		shr1(&b);
		shift++;
	}
	while (!(a.w[0] & 1))
		shr1(&a);
	do {
		while (!(b.w[0] & 1))
			shr1(&b);
		if (cbig_cmp(&a, &b) > 0) {
			cbig t = a;
			a = b;
			b = t;
		}
		sub_wrap(&b, &a);
	} while (!cbig_is_zero(&b));
	while (shift-- > 0)
		shl1(&a, used(&a));
	*g = a;
}

int cbig_to_u64(uint64_t *out, const cbig *a)
{
	if (used(a) > 2)
		return COMPLIANCE_E_OVERFLOW;
	*out = ((uint64_t)a->w[1] << 32) | a->w[0];
	return 0;
}

int cbig_parse(cbig *out, const char *s, size_t len)
{
	cbig v, digit;
	size_t i;

	if (!len)
		return COMPLIANCE_E_PARSE;
	cbig_set_u64(&v, 0);
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return COMPLIANCE_E_PARSE;
		cbig_set_u64(&digit, (uint64_t)(s[i] - '0'));
		if (cbig_mul_u64(&v, &v, 10) || cbig_add(&v, &v, &digit))
			return COMPLIANCE_E_OVERFLOW;
	}
	*out = v;
	return 0;
}

/* a /= d in place (d != 0); returns the remainder. */
static uint32_t div_u32(cbig *a, uint32_t d)
{
	uint64_t rem = 0;
	size_t i = used(a);

	while (i-- > 0) {
		uint64_t cur = (rem << 32) | a->w[i];
		a->w[i] = (uint32_t)(cur / d);
		rem = cur % d;
	}
	return (uint32_t)rem;
}

size_t cbig_format(char *buf, const cbig *x)
{
	char tmp[CBIG_DEC_MAX];
	cbig a = *x;
	size_t n = 0, i;

	do {
		uint32_t chunk = div_u32(&a, 1000000000u);
		int k;
		for (k = 0; k < 9; k++) {
			tmp[n++] = (char)('0' + chunk % 10);
			chunk /= 10;
			if (cbig_is_zero(&a) && !chunk)
				break;
		}
	} while (!cbig_is_zero(&a));
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
	return n;
}

void cbigq_zero(cbigq *q)
{
	cbig_set_u64(&q->n, 0);
	cbig_set_u64(&q->d, 1);
}

int cbigq_add(cbigq *q, const cbig *num, const cbig *den)
{
	cbig n, t, d;

	if (cbig_is_zero(den))
		return COMPLIANCE_E_INVALID;
	/* n/d + num/den = (n den + num d) / (d den) */
	if (cbig_mul(&n, &q->n, den) || cbig_mul(&t, num, &q->d) || cbig_add(&n, &n, &t) ||
	    cbig_mul(&d, &q->d, den))
		return COMPLIANCE_E_OVERFLOW;
	q->n = n;
	q->d = d;
	return 0;
}

void cbigq_reduce(cbigq *q)
{
	cbig g;

	cbig_gcd(&g, &q->n, &q->d);
	if (cbig_is_zero(&g))
		return;
	cbig_divmod(&q->n, NULL, &q->n, &g);
	cbig_divmod(&q->d, NULL, &q->d, &g);
}

int cbigq_round_scaled(int64_t *out, const cbigq *q, int decimals)
{
	cbig t, two_d;
	uint64_t v, p = 1;
	int i;

	if (decimals < 0 || decimals > 18 || cbig_is_zero(&q->d))
		return COMPLIANCE_E_INVALID;
	for (i = 0; i < decimals; i++)
		p *= 10;
	/* half-up: floor((2 p n + d) / (2 d)) */
	if (cbig_mul_u64(&t, &q->n, 2 * p) || cbig_add(&t, &t, &q->d) ||
	    cbig_mul_u64(&two_d, &q->d, 2))
		return COMPLIANCE_E_OVERFLOW;
	cbig_divmod(&t, NULL, &t, &two_d);
	if (cbig_to_u64(&v, &t) || v > (uint64_t)INT64_MAX)
		return COMPLIANCE_E_OVERFLOW;
	*out = (int64_t)v;
	return 0;
}

void cbigq_format_exact(char buf[CBIGQ_TEXT_MAX], const cbigq *q)
{
	cbig rest = q->d, ip, rem, digit;
	size_t twos = 0, fives = 0, k, pos, i;

	while (!cbig_is_zero(&rest) && !(rest.w[0] & 1)) {
		shr1(&rest);
		twos++;
	}
	for (;;) {
		cbig t = rest;
		if (cbig_is_zero(&t) || div_u32(&t, 5) != 0)
			break;
		rest = t;
		fives++;
	}
	k = twos > fives ? twos : fives;
	if (used(&rest) != 1 || rest.w[0] != 1 || k > CBIGQ_MAX_DECIMALS) {
		pos = cbig_format(buf, &q->n);
		buf[pos++] = '/';
		cbig_format(buf + pos, &q->d);
		return;
	}
	cbig_divmod(&ip, &rem, &q->n, &q->d);
	pos = cbig_format(buf, &ip);
	if (k == 0)
		return;
	buf[pos++] = '.';
	for (i = 0; i < k; i++) {
		/* rem < d and d has a factor of 2 or 5, so 10 rem fits when d
		 * does with four bits to spare; otherwise the fraction form. */
		if (cbig_mul_u64(&rem, &rem, 10)) {
			pos = cbig_format(buf, &q->n);
			buf[pos++] = '/';
			cbig_format(buf + pos, &q->d);
			return;
		}
		cbig_divmod(&digit, &rem, &rem, &q->d);
		buf[pos++] = (char)('0' + digit.w[0]);
	}
	buf[pos] = '\0';
}
