/*
 * The library's one wide integer: a fixed-width unsigned integer (cbig) of
 * CBIG_BITS bits, and the non-negative fractions built on it (cbigq).
 *
 * cnum (number.h) holds scores and weights in 128 bits; a sum of fractions
 * whose denominators are large independent counts (the SKM index, one
 * 64-bit answer count per element) needs more. cbig is fixed-width so it
 * never allocates; every operation that can exceed the width reports
 * COMPLIANCE_E_OVERFLOW instead of wrapping. No floating point.
 */
#ifndef COMPLIANCE_BIGNUM_H
#define COMPLIANCE_BIGNUM_H

#include <stddef.h>
#include <stdint.h>

#define CBIG_LIMBS 64 /* 32-bit limbs: 2048 bits */
#define CBIG_BITS (CBIG_LIMBS * 32)

/* Digits of the largest cbig (2^2048 - 1 has 617), NUL included. */
#define CBIG_DEC_MAX 620

typedef struct cbig {
	uint32_t w[CBIG_LIMBS]; /* little-endian limbs */
} cbig;

void cbig_set_u64(cbig *a, uint64_t v);
void cbig_set_u128(cbig *a, unsigned __int128 v);
int cbig_is_zero(const cbig *a);
/* -1, 0 or 1. */
int cbig_cmp(const cbig *a, const cbig *b);
/* Number of significant bits (0 for zero). */
size_t cbig_bits(const cbig *a);

/* r may alias a or b. 0 or COMPLIANCE_E_OVERFLOW (r unchanged then). */
int cbig_add(cbig *r, const cbig *a, const cbig *b);
int cbig_mul(cbig *r, const cbig *a, const cbig *b);
int cbig_mul_u64(cbig *r, const cbig *a, uint64_t m);
/* r = a - b; COMPLIANCE_E_RANGE (r unchanged) when b > a. */
int cbig_sub(cbig *r, const cbig *a, const cbig *b);
/* q = n / d, r = n % d; q or r may be NULL and may alias n or d.
 * COMPLIANCE_E_INVALID when d is zero. */
int cbig_divmod(cbig *q, cbig *r, const cbig *n, const cbig *d);
/* gcd(a, b); gcd(0, b) = b. */
void cbig_gcd(cbig *g, const cbig *a, const cbig *b);

/* The value as a uint64_t; COMPLIANCE_E_OVERFLOW when it does not fit. */
int cbig_to_u64(uint64_t *out, const cbig *a);
/* Parses decimal digits only (no sign, no point). 0, COMPLIANCE_E_PARSE or
 * COMPLIANCE_E_OVERFLOW. */
int cbig_parse(cbig *out, const char *s, size_t len);
/* Writes the decimal digits into buf[CBIG_DEC_MAX]; returns the length. */
size_t cbig_format(char *buf, const cbig *a);

/* A non-negative fraction n/d with d > 0, not kept reduced. */
typedef struct cbigq {
	cbig n, d;
} cbigq;

/* Text of cbigq_format_exact(): two numbers and '/', or a decimal. */
#define CBIGQ_TEXT_MAX (2 * CBIG_DEC_MAX + 2)
/* A terminating decimal with more places than this is written n/d. */
#define CBIGQ_MAX_DECIMALS 60

/* q = 0. */
void cbigq_zero(cbigq *q);
/* q += num / den (den > 0). 0, COMPLIANCE_E_INVALID (den zero) or
 * COMPLIANCE_E_OVERFLOW (q unchanged then). */
int cbigq_add(cbigq *q, const cbig *num, const cbig *den);
/* Reduces q to lowest terms. */
void cbigq_reduce(cbigq *q);
/* The value rounded half-up (q >= 0) to `decimals` places (0..18), scaled
 * by 10^decimals. 0, COMPLIANCE_E_OVERFLOW (beyond int64) or
 * COMPLIANCE_E_INVALID. */
int cbigq_round_scaled(int64_t *out, const cbigq *q, int decimals);
/* Writes the exact value of a reduced q: a terminating decimal of at most
 * CBIGQ_MAX_DECIMALS places ("78.125", "84"), else "n/d". */
void cbigq_format_exact(char buf[CBIGQ_TEXT_MAX], const cbigq *q);

#endif
