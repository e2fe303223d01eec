/**
 * @file compliance.h
 * @brief libcompliance: Indonesia's public-service compliance assessments
 *        (Ombudsman RI), computed exactly.
 *
 * Include this one header. Link with `-lcompliance`
 * (`pkg-config --cflags --libs libcompliance`).
 */
#ifndef COMPLIANCE_H
#define COMPLIANCE_H

#include "compliance/version.h"
#include "compliance/common.h"
#include "compliance/profile.h"
#include "compliance/assessment.h"
#include "compliance/skm.h"
#include "compliance/tally.h"
#include "compliance/report.h"

#endif /* COMPLIANCE_H */
