/* Exact rational arithmetic on 128-bit integers; see number.h. */
#include "number/number.h"

#include <string.h>

#include "compliance/common.h"

static cint cabs128(cint v) { return v < 0 ? -v : v; }

/* Division of values that usually fit in 64 bits: avoid the slow 128-bit
 * library division when they do. */
static inline int fits64(cint v)
{
	return v >= (cint)INT64_MIN && v <= (cint)INT64_MAX;
}

static inline cint qdiv(cint a, cint b)
{
	if (fits64(a) && fits64(b) && !(a == (cint)INT64_MIN && b == -1))
		return (cint)((int64_t)a / (int64_t)b);
	return a / b;
}

static uint64_t gcd64(uint64_t a, uint64_t b)
{
	int shift;

	if (a == 0)
		return b;
	if (b == 0)
		return a;
	shift = __builtin_ctzll(a | b);
	a >>= __builtin_ctzll(a);
	do {
		b >>= __builtin_ctzll(b);
		if (a > b) {
			uint64_t t = b;
			b = a;
			a = t;
		}
		b -= a;
	} while (b != 0);
	return a << shift;
}

static cint gcd128(cint a, cint b)
{
	a = cabs128(a);
	b = cabs128(b);
	if (a <= (cint)UINT64_MAX && b <= (cint)UINT64_MAX)
		return (cint)gcd64((uint64_t)a, (uint64_t)b);
	while (b != 0) {
		if (a <= (cint)UINT64_MAX && b <= (cint)UINT64_MAX)
			return (cint)gcd64((uint64_t)a, (uint64_t)b);
		cint t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* The most negative value cannot be negated: keep both parts above it. */
static const cint CINT_MAX = (cint)(((unsigned __int128)1 << 127) - 1);

int cnum_make(cnum *out, cint n, cint d)
{
	cint g;

	if (d == 0)
		return COMPLIANCE_E_INVALID;
	if (n < -CINT_MAX || d < -CINT_MAX)
		return COMPLIANCE_E_OVERFLOW;
	if (d < 0) {
		n = -n;
		d = -d;
	}
	g = gcd128(n, d);
	if (g > 1) {
		n = qdiv(n, g);
		d = qdiv(d, g);
	}
	out->n = n;
	out->d = d;
	return 0;
}

static int mul_ok(cint *r, cint a, cint b)
{
	return !__builtin_mul_overflow(a, b, r) && *r >= -CINT_MAX;
}

static int add_ok(cint *r, cint a, cint b)
{
	return !__builtin_add_overflow(a, b, r) && *r >= -CINT_MAX;
}

int cnum_add(cnum *out, cnum a, cnum b)
{
	/* Knuth 4.5.1: with g = gcd(b, d), t = a*(d/g) + c*(b/g) and
	 * g2 = gcd(t, g), the sum is (t/g2) / ((b/g)*(d/g2)), already reduced:
	 * its denominator overflows only when the exact result does. */
	cint g, da, db, x, y, t, g2, d;

	if (a.d == b.d) {
		if (!add_ok(&t, a.n, b.n))
			return COMPLIANCE_E_OVERFLOW;
		return cnum_make(out, t, a.d);
	}
	g = gcd128(a.d, b.d);
	da = qdiv(a.d, g);
	db = qdiv(b.d, g);
	if (!mul_ok(&x, a.n, db) || !mul_ok(&y, b.n, da) || !add_ok(&t, x, y))
		return COMPLIANCE_E_OVERFLOW;
	g2 = g == 1 ? 1 : gcd128(t, g);
	if (g2 == 0)
		g2 = 1;
	if (!mul_ok(&d, da, qdiv(b.d, g2)))
		return COMPLIANCE_E_OVERFLOW;
	out->n = qdiv(t, g2);
	out->d = d;
	if (out->n == 0)
		out->d = 1;
	return 0;
}

int cnum_sub(cnum *out, cnum a, cnum b)
{
	b.n = -b.n;
	return cnum_add(out, a, b);
}

int cnum_mul(cnum *out, cnum a, cnum b)
{
	/* Cross-reduce first so that exact products stay small. */
	cint g1 = gcd128(a.n, b.d), g2 = gcd128(b.n, a.d);
	cint n, d;

	if (g1 == 0)
		g1 = 1;
	if (g2 == 0)
		g2 = 1;
	if (!mul_ok(&n, qdiv(a.n, g1), qdiv(b.n, g2)) || !mul_ok(&d, qdiv(a.d, g2), qdiv(b.d, g1)))
		return COMPLIANCE_E_OVERFLOW;
	/* reduced inputs, cross-reduced: the product is already reduced */
	if (d < 0) {
		n = -n;
		d = -d;
	}
	out->n = n;
	out->d = n == 0 ? 1 : d;
	return 0;
}

int cnum_div(cnum *out, cnum a, cnum b)
{
	cnum inv;

	if (b.n == 0)
		return COMPLIANCE_E_INVALID;
	inv.n = b.n < 0 ? -b.d : b.d;
	inv.d = cabs128(b.n);
	return cnum_mul(out, a, inv);
}

int cnum_cmp(cnum a, cnum b)
{
	cint l, r;

	/* Compare a.n * b.d with b.n * a.d; fall back to long division when
	 * the products do not fit. */
	if (mul_ok(&l, a.n, b.d) && mul_ok(&r, b.n, a.d))
		return (l > r) - (l < r);
	{
		cint qa, qb, ra, rb;

		if ((a.n < 0) != (b.n < 0))
			return a.n < 0 ? -1 : 1;
		if (a.n < 0) {
			cnum na = { -a.n, a.d }, nb = { -b.n, b.d };
			return -cnum_cmp(na, nb);
		}
		qa = a.n / a.d;
		qb = b.n / b.d;
		if (qa != qb)
			return qa < qb ? -1 : 1;
		ra = a.n % a.d;
		rb = b.n % b.d;
		if (ra == 0 || rb == 0)
			return (ra != 0) - (rb != 0);
		/* ra/a.d against rb/b.d: compare the reciprocals, reversed. */
		{
			cnum ia = { a.d, ra }, ib = { b.d, rb };
			return -cnum_cmp(ia, ib);
		}
	}
}

int cnum_parse(cnum *out, const char *s, size_t len, const char **why)
{
	const char *p = s, *end = s + len;
	int neg = 0, digits = 0, frac = 0, seen_point = 0, any = 0;
	cint n = 0, d = 1;
	const char *dummy; /* a local: a static one would be shared by threads */

	if (!why)
		why = &dummy;
	*why = "";
	if (p < end && (*p == '-' || *p == '+')) {
		neg = *p == '-';
		p++;
	}
	if (p == end) {
		*why = len ? "a sign with no digits" : "an empty value";
		return COMPLIANCE_E_PARSE;
	}
	for (; p < end; p++) {
		if (*p >= '0' && *p <= '9') {
			any = 1;
			if (n == 0 && *p == '0' && !seen_point)
				continue; /* leading zeros carry nothing */
			if (++digits > CNUM_MAX_DIGITS) {
				*why = "more than 30 digits";
				return COMPLIANCE_E_OVERFLOW;
			}
			n = n * 10 + (*p - '0');
			if (seen_point) {
				frac++;
				d *= 10;
			}
		} else if (*p == '.' && !seen_point) {
			seen_point = 1;
		} else if (*p == ',') {
			*why = "a comma: write decimals with '.'";
			return COMPLIANCE_E_PARSE;
		} else if (*p == 'e' || *p == 'E') {
			*why = "an exponent: write the number out in full";
			return COMPLIANCE_E_PARSE;
		} else {
			*why = "a character that is not part of a decimal number";
			return COMPLIANCE_E_PARSE;
		}
	}
	if (!any) {
		*why = "no digits";
		return COMPLIANCE_E_PARSE;
	}
	(void)frac;
	return cnum_make(out, neg ? -n : n, d);
}

static int pow10_128(cint *out, int k)
{
	cint r = 1;

	if (k < 0 || k > 36)
		return COMPLIANCE_E_OVERFLOW;
	while (k-- > 0)
		r *= 10;
	*out = r;
	return 0;
}

int cnum_round_scaled(int64_t *scaled, cnum a, int decimals)
{
	/* Long division one decimal at a time, so that no intermediate value
	 * exceeds 10 * d: any d below 2^123 rounds without overflow. */
	cint q, r, m = cabs128(a.n);
	int neg = a.n < 0, k;

	if (a.d <= 0)
		return COMPLIANCE_E_INVALID;
	if (decimals < 0 || decimals > 18) /* 10^decimals beyond an int64_t */
		return COMPLIANCE_E_OVERFLOW;
	if (m <= (cint)UINT64_MAX && a.d <= (cint)(UINT64_MAX / 10)) {
		/* the same steps in 64 bits: r * 10 < 10 * d fits, and a q that
		 * times 10 would pass INT64_MAX is caught before it is multiplied */
		uint64_t d = (uint64_t)a.d, q64 = (uint64_t)m / d, r64 = (uint64_t)m % d;
		if (q64 > (uint64_t)INT64_MAX)
			return COMPLIANCE_E_OVERFLOW;
		for (k = 0; k < decimals; k++) {
			uint64_t r10 = r64 * 10;
			if (q64 > (uint64_t)INT64_MAX / 10)
				return COMPLIANCE_E_OVERFLOW;
			q64 = q64 * 10 + r10 / d;
			r64 = r10 % d;
		}
		if (r64 >= d - r64)
			q64++;
		if (q64 > (uint64_t)INT64_MAX)
			return COMPLIANCE_E_OVERFLOW;
		*scaled = neg ? -(int64_t)q64 : (int64_t)q64;
		return 0;
	}
	q = m / a.d;
	r = m % a.d;
	if (q > (cint)INT64_MAX)
		return COMPLIANCE_E_OVERFLOW;
	for (k = 0; k < decimals; k++) {
		cint r10;
		if (!mul_ok(&r10, r, 10) || !mul_ok(&q, q, 10) || q > (cint)INT64_MAX)
			return COMPLIANCE_E_OVERFLOW;
		q += r10 / a.d;
		r = r10 % a.d;
	}
	/* half up (away from zero on |a|): round up when r >= d - r */
	if (r >= a.d - r)
		q++;
	if (q > (cint)INT64_MAX)
		return COMPLIANCE_E_OVERFLOW;
	*scaled = (int64_t)(neg ? -q : q);
	return 0;
}

int cnum_from_scaled(cnum *out, int64_t scaled, int decimals)
{
	cint p;

	if (pow10_128(&p, decimals))
		return COMPLIANCE_E_OVERFLOW;
	return cnum_make(out, scaled, p);
}

/* Writes the decimal digits of v >= 0; returns the length. */
static size_t put_u128(char *buf, unsigned __int128 v)
{
	char tmp[48];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v);
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
	return n;
}

static void format_scaled128(char *buf, cint scaled, int decimals)
{
	char digits[48];
	size_t len, pos = 0, i;
	unsigned __int128 mag = (unsigned __int128)cabs128(scaled);

	if (scaled < 0)
		buf[pos++] = '-';
	len = put_u128(digits, mag);
	if (decimals <= 0) {
		memcpy(buf + pos, digits, len + 1);
		return;
	}
	if (len <= (size_t)decimals) {
		buf[pos++] = '0';
		buf[pos++] = '.';
		for (i = len; i < (size_t)decimals; i++)
			buf[pos++] = '0';
		memcpy(buf + pos, digits, len + 1);
		return;
	}
	memcpy(buf + pos, digits, len - (size_t)decimals);
	pos += len - (size_t)decimals;
	buf[pos++] = '.';
	memcpy(buf + pos, digits + len - decimals, (size_t)decimals + 1);
}

void cnum_format_scaled(char buf[CNUM_TEXT_MAX], int64_t scaled, int decimals)
{
	format_scaled128(buf, scaled, decimals);
}

void cnum_format_exact(char buf[CNUM_TEXT_MAX], cnum a)
{
	cint d = a.d, p = 1;
	int k = 0, twos = 0, fives = 0;
	cint scaled;

	if (a.d <= 0) { /* never made by cnum_make: refuse to loop on it */
		memcpy(buf, "?", 2);
		return;
	}
	while (d % 2 == 0) {
		d /= 2;
		twos++;
	}
	while (d % 5 == 0) {
		d /= 5;
		fives++;
	}
	if (d == 1) {
		k = twos > fives ? twos : fives;
		if (pow10_128(&p, k) == 0 && mul_ok(&scaled, a.n, p / a.d)) {
			format_scaled128(buf, scaled, k);
			return;
		}
	}
	{
		size_t pos = 0;

		if (a.n < 0)
			buf[pos++] = '-';
		pos += put_u128(buf + pos, (unsigned __int128)cabs128(a.n));
		buf[pos++] = '/';
		put_u128(buf + pos, (unsigned __int128)a.d);
	}
}

void cnum_format_round(char buf[CNUM_TEXT_MAX], cnum a, int decimals)
{
	int64_t s;

	if (cnum_round_scaled(&s, a, decimals) == 0)
		cnum_format_scaled(buf, s, decimals);
	else
		cnum_format_exact(buf, a);
}
