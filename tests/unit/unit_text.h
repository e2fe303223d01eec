/* Test helpers shared by the unit tests: a unit's scores as text, through
 * the typed getters (the scaled integer and the exact text). Each returns a
 * static buffer, valid until the next call of the same helper. */
#ifndef COMPLIANCE_TEST_UNIT_TEXT_H
#define COMPLIANCE_TEST_UNIT_TEXT_H

#include "compliance.h"

/* A unit's rounded score as text, through the scaled-integer getter. */
static inline const char *unit_score_text(const compliance_assessment *a, size_t i, size_t u)
{
	static char buf[64];
	int64_t v;

	if (compliance_assessment_unit_score(&v, a, i, u) != COMPLIANCE_OK ||
	    compliance_format_scaled(buf, sizeof buf,
	                             v, compliance_profile_decimals(compliance_assessment_profile(a))))
		return NULL;
	return buf;
}

/* A unit's exact score as text. */
static inline const char *unit_exact_text(const compliance_assessment *a, size_t i, size_t u)
{
	static char buf[COMPLIANCE_EXACT_TEXT_SIZE];

	return compliance_assessment_unit_exact(buf, sizeof buf, a, i, u) == COMPLIANCE_OK ? buf : NULL;
}

#endif
