/*
 * Exact rational numbers for scores and weights.
 *
 * A cnum is n/d with d > 0 and gcd(|n|, d) = 1, both held in 128-bit
 * integers. Every operation checks for overflow and reports it instead of
 * wrapping; nothing here touches binary floating point.
 */
#ifndef COMPLIANCE_NUMBER_H
#define COMPLIANCE_NUMBER_H

#include <stddef.h>
#include <stdint.h>

typedef __int128 cint;

typedef struct cnum {
	cint n;
	cint d;
} cnum;

/* Most digits a decimal literal may carry (sign and point excluded). */
#define CNUM_MAX_DIGITS 30

/* Longest text cnum_format_*() writes, NUL included. */
#define CNUM_TEXT_MAX 96

static inline cnum cnum_int(int64_t v)
{
	cnum r = { (cint)v, 1 };
	return r;
}

/* 0, or COMPLIANCE_E_OVERFLOW. */
int cnum_make(cnum *out, cint n, cint d);
int cnum_add(cnum *out, cnum a, cnum b);
int cnum_sub(cnum *out, cnum a, cnum b);
int cnum_mul(cnum *out, cnum a, cnum b);
/* COMPLIANCE_E_INVALID when b is zero. */
int cnum_div(cnum *out, cnum a, cnum b);
int cnum_cmp(cnum a, cnum b);
static inline int cnum_is_zero(cnum a) { return a.n == 0; }

/*
 * Parses a decimal: optional '-' or '+', digits, optional '.' and digits.
 * No exponent, no spaces, no thousands separators; '.' whatever the locale.
 * Returns 0, COMPLIANCE_E_PARSE (with *why set to a static explanation) or
 * COMPLIANCE_E_OVERFLOW (too many digits).
 */
int cnum_parse(cnum *out, const char *s, size_t len, const char **why);

/* Rounds half away from zero to `decimals` places; the result scaled by
 * 10^decimals goes to *scaled. 0 or COMPLIANCE_E_OVERFLOW. */
int cnum_round_scaled(int64_t *scaled, cnum a, int decimals);

/* The value scaled/10^decimals as a cnum. */
int cnum_from_scaled(cnum *out, int64_t scaled, int decimals);

/* Writes scaled/10^decimals with exactly `decimals` places. */
void cnum_format_scaled(char buf[CNUM_TEXT_MAX], int64_t scaled, int decimals);

/* Writes the exact value: a terminating decimal ("94.4583"), or "n/d". */
void cnum_format_exact(char buf[CNUM_TEXT_MAX], cnum a);

/* Writes the value rounded half-up to `decimals` places (for display of
 * intermediate values); on overflow writes the exact form. */
void cnum_format_round(char buf[CNUM_TEXT_MAX], cnum a, int decimals);

#endif
