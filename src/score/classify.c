/* Classification: round half-up, then the band whose inclusive lower
 * bound the rounded score reaches. */
#include <stdio.h>
#include <string.h>

#include "profile/profile_internal.h"

size_t cp_profile_band_of(const compliance_profile *p, int64_t scaled)
{
	cnum v;
	size_t i;

	if (cnum_from_scaled(&v, scaled, p->decimals))
		return CP_NONE;
	for (i = 0; i < p->nbands; i++)
		if (cnum_cmp(v, p->bands[i].lower) >= 0)
			return i;
	return CP_NONE;
}

void cp_profile_bands_missing(const compliance_profile *p, char *buf, size_t size)
{
	const char *src = p->facts[COMPLIANCE_FACT_BANDS].source;

	snprintf(buf, size, "profile %.100s has no bands: its band table is not published "
	         "(%.300s); the bands come from your own profile: {\"extends\": \"%.100s\", "
	         "\"bands\": [...]}", p->id, src && src[0] ? src : "no source", p->id);
}

int cp_profile_in_scale(const compliance_profile *p, cnum v)
{
	if (cnum_cmp(v, p->scale_min) < 0 || cnum_cmp(v, p->scale_max) > 0)
		return COMPLIANCE_E_RANGE;
	return 0;
}

int compliance_profile_classify(compliance_ctx *ctx, const compliance_profile *p,
                                const char *score, int64_t *rounded, size_t *band)
{
	const char *why;
	char q[64];
	cnum v;
	int64_t s;
	size_t b;
	int rc;

	cp_ctx_clear(ctx);
	if (!p || !score)
		return cp_ctx_fail(ctx, COMPLIANCE_E_INVALID,
		                   "compliance_profile_classify: profile and score must not be NULL");
	cp_quote(q, sizeof q, score, strlen(score));
	rc = cnum_parse(&v, score, strlen(score), &why);
	if (rc)
		return cp_ctx_fail(ctx, rc, "score %s: expected a decimal number such as 87.995, found %s",
		                   q, why);
	if (cp_profile_in_scale(p, v))
		return cp_ctx_fail(ctx, COMPLIANCE_E_RANGE,
		                   "score %s is outside the scale of %s: expected %s to %s", q, p->id,
		                   p->scale_min_text, p->scale_max_text);
	if (cnum_round_scaled(&s, v, p->decimals))
		return cp_ctx_fail(ctx, COMPLIANCE_E_OVERFLOW, "score %s cannot be rounded exactly", q);
	if (!p->nbands) {
		char msg[CP_ERRMSG_MAX];
		cp_profile_bands_missing(p, msg, sizeof msg);
		return cp_ctx_fail(ctx, COMPLIANCE_E_MISSING, "score %s: %s", q, msg);
	}
	b = cp_profile_band_of(p, s);
	if (b == CP_NONE)
		return cp_ctx_fail(ctx, COMPLIANCE_E_RANGE, "score %s falls in no band of %s", q, p->id);
	if (rounded)
		*rounded = s;
	if (band)
		*band = b;
	return COMPLIANCE_OK;
}

int compliance_format_scaled(char *buf, size_t size, int64_t value, int decimals)
{
	char tmp[CNUM_TEXT_MAX];
	size_t len;

	if (!buf || decimals < 0 || decimals > 18)
		return COMPLIANCE_E_INVALID;
	cnum_format_scaled(tmp, value, decimals);
	len = strlen(tmp);
	if (size == 0)
		return COMPLIANCE_E_BUFFER;
	if (len >= size) {
		memcpy(buf, tmp, size - 1);
		buf[size - 1] = '\0';
		return COMPLIANCE_E_BUFFER;
	}
	memcpy(buf, tmp, len + 1);
	return COMPLIANCE_OK;
}
