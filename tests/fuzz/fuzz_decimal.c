/*
 * compliance_profile_classify() with the input as the score (a NUL-terminated
 * copy: the score ends at the first NUL byte), under every built-in profile
 * and the example instrument profile.
 *
 * Besides the sanitizers, an oracle: the input is also read here, digit by
 * digit as text, and the library must agree on the outcome (parse error,
 * too many digits, outside the scale, or the value rounded half-up and its
 * band). Any disagreement aborts.
 */
#include "fuzz_common.h"

#define MAX_PROFILES 32

static compliance_profile *profiles[MAX_PROFILES];
static size_t nprofiles;
static compliance_ctx *ctx;

static void fail(const char *what, const char *input, const compliance_profile *p, int rc)
{
	fprintf(stderr, "fuzz_decimal: %s\n  input '%.200s' under %s: rc %d (%s): %s\n", what, input,
	        compliance_profile_id(p), rc, compliance_strerror(rc), compliance_ctx_errmsg(ctx));
	abort();
}

static void setup(void)
{
	size_t i;

	if (ctx)
		return;
	ctx = fz_ctx_new();
	for (i = 0; i < compliance_builtin_count() && nprofiles < MAX_PROFILES - 1; i++)
		if (compliance_profile_open(ctx, &profiles[nprofiles], compliance_builtin_id(i)) == 0)
			nprofiles++;
	if (compliance_profile_load_file(ctx, &profiles[nprofiles], COMPLIANCE_FUZZ_INSTRUMENT)) {
		fprintf(stderr, "fuzz_decimal: %s\n", compliance_ctx_errmsg(ctx));
		abort();
	}
	nprofiles++;
}

/* A decimal as text: sign, integer digits without leading zeros, fraction
 * digits (as written, and without trailing zeros for comparison). */
typedef struct dec {
	int neg;
	const char *ip;
	size_t ilen;
	const char *fp;
	size_t flen;    /* as written */
	size_t fsig;    /* without trailing zeros */
	size_t counted; /* the digits the library counts */
} dec;

/* 1 when s is [+-]digits[.digits] with at least one digit. Either way
 * d->counted is the number of digits the library counts (leading zeros of
 * the integer part excluded) in the longest prefix that reads as a number,
 * since the library reports too many digits as soon as it meets them. */
static int read_dec(const char *s, dec *d)
{
	const char *p = s;
	size_t lead = 0;

	memset(d, 0, sizeof *d);
	if (*p == '+' || *p == '-')
		d->neg = *p++ == '-';
	while (*p == '0') {
		p++;
		lead++;
	}
	d->ip = p;
	while (*p >= '0' && *p <= '9')
		p++;
	d->ilen = (size_t)(p - d->ip);
	if (*p == '.') {
		p++;
		d->fp = p;
		while (*p >= '0' && *p <= '9')
			p++;
		d->flen = (size_t)(p - d->fp);
	}
	d->counted = d->ilen + d->flen;
	if (*p != '\0' || (lead + d->ilen + d->flen) == 0)
		return 0;
	d->fsig = d->flen;
	while (d->fsig && d->fp[d->fsig - 1] == '0')
		d->fsig--;
	if (d->ilen == 0 && d->fsig == 0)
		d->neg = 0; /* -0 is 0 */
	return 1;
}

/* Compares magnitudes. */
static int cmp_mag(const dec *a, const dec *b)
{
	size_t i, n;

	if (a->ilen != b->ilen)
		return a->ilen < b->ilen ? -1 : 1;
	for (i = 0; i < a->ilen; i++)
		if (a->ip[i] != b->ip[i])
			return a->ip[i] < b->ip[i] ? -1 : 1;
	n = a->fsig > b->fsig ? a->fsig : b->fsig;
	for (i = 0; i < n; i++) {
		char x = i < a->fsig ? a->fp[i] : '0', y = i < b->fsig ? b->fp[i] : '0';
		if (x != y)
			return x < y ? -1 : 1;
	}
	return 0;
}

static int cmp_dec(const dec *a, const dec *b)
{
	if (a->neg != b->neg)
		return a->neg ? -1 : 1;
	return a->neg ? -cmp_mag(a, b) : cmp_mag(a, b);
}

/* Rounds half away from zero to `decimals` places, scaled; 0 when the
 * integer part is too long for this oracle. */
static int round_dec(const dec *d, int decimals, int64_t *out)
{
	int64_t v = 0;
	size_t i;

	if (d->ilen > 15)
		return 0;
	for (i = 0; i < d->ilen; i++)
		v = v * 10 + (d->ip[i] - '0');
	for (i = 0; i < (size_t)decimals; i++)
		v = v * 10 + (i < d->flen ? d->fp[i] - '0' : 0);
	if ((size_t)decimals < d->flen && d->fp[decimals] >= '5')
		v++;
	*out = d->neg ? -v : v;
	return 1;
}

static void check(const compliance_profile *p, const char *s)
{
	int64_t rounded = -1, lower;
	size_t band = (size_t)-1, b;
	int rc = compliance_profile_classify(ctx, p, s, &rounded, &band);
	dec d, lo, hi, bl;
	int dec_places = compliance_profile_decimals(p);

	if (!compliance_ctx_errmsg(ctx))
		fail("errmsg is NULL", s, p, rc);
	if (rc != 0 && compliance_ctx_errmsg(ctx)[0] == '\0')
		fail("an error without a message", s, p, rc);
	if (!read_dec(s, &d)) {
		/* not a number: a parse error, or too many digits when more than
		 * 30 come before what makes it no number */
		if (rc != COMPLIANCE_E_PARSE && !(rc == COMPLIANCE_E_OVERFLOW && d.counted > 30))
			fail("not a decimal, but not COMPLIANCE_E_PARSE", s, p, rc);
		return;
	}
	if (d.counted > 30) {
		if (rc != COMPLIANCE_E_OVERFLOW)
			fail("more than 30 digits, but not COMPLIANCE_E_OVERFLOW", s, p, rc);
		return;
	}
	if (!read_dec(compliance_profile_scale_min(p), &lo) ||
	    !read_dec(compliance_profile_scale_max(p), &hi))
		return; /* a fractional scale end written as n/d: no oracle */
	if (cmp_dec(&d, &lo) < 0 || cmp_dec(&d, &hi) > 0) {
		if (rc != COMPLIANCE_E_RANGE)
			fail("outside the scale, but not COMPLIANCE_E_RANGE", s, p, rc);
		return;
	}
	if (compliance_profile_band_count(p) == 0) {
		/* no bands (pekppp-2022: the user's profile gives them) */
		if (rc != COMPLIANCE_E_MISSING)
			fail("a profile without bands, but not COMPLIANCE_E_MISSING", s, p, rc);
		return;
	}
	if (rc != 0)
		fail("a decimal within the scale was refused", s, p, rc);
	{
		int64_t expect;
		if (!round_dec(&d, dec_places, &expect))
			return;
		if (expect != rounded)
			fail("wrong rounding", s, p, rc);
	}
	for (b = 0; b < compliance_profile_band_count(p); b++) {
		const char *t = compliance_profile_band_lower(p, b);
		if (!t || !read_dec(t, &bl) || !round_dec(&bl, dec_places, &lower))
			return;
		if (rounded >= lower)
			break;
	}
	if (b != band)
		fail("wrong band", s, p, rc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;
	size_t i;

	size_t mark;

	setup();
	mark = fz_live;
	s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	for (i = 0; i < nprofiles; i++)
		check(profiles[i], s);
	free(s);
	fz_check_released("fuzz_decimal", mark);
	return 0;
}
