/*
 * What the survey (skm.c) and the tally (skm_tally.c) share: the running
 * sums of a set of respondents, and the tally object itself.
 */
#ifndef COMPLIANCE_SKM_INTERNAL_H
#define COMPLIANCE_SKM_INTERNAL_H

#include <stdint.h>

#include "compliance/tally.h"
#include "profile/profile_internal.h"
#include "util/util.h"

/* The running sums: everything a survey or a tally keeps about its
 * respondents. `count`, `sum` and `lw_sum` are one allocation of 3 * nel. */
typedef struct cp_skm_acc {
	uint64_t read;     /* respondents given */
	uint64_t complete; /* ... who answered every element */
	uint64_t blank;    /* ... who answered none */
	uint64_t *count;   /* answers given to each element */
	uint64_t *sum;     /* their sum */
	uint64_t *lw_sum;  /* sum over the complete respondents */
	/* respondents that can surely be added without an overflow (issue 13:
	 * cp_skm_acc_can_add() then checks no sum); 0: not known. Code that
	 * writes the sums other than through these functions sets it to 0. */
	uint64_t room;
} cp_skm_acc;

/* 0 or COMPLIANCE_E_NOMEM; an empty acc of nel elements. */
int cp_skm_acc_alloc(const cp_alloc *al, cp_skm_acc *a, size_t nel);
void cp_skm_acc_copy(cp_skm_acc *dst, const cp_skm_acc *src, size_t nel);

/* Whether one respondent's checked answers (0 blank, else amin..amax) can
 * be added without overflow: 0, or COMPLIANCE_E_OVERFLOW with *bad the
 * element whose sum would overflow (SIZE_MAX for the respondent count).
 * Works out a->room when it is 0 (the sums unchanged). `general` 1 checks
 * every sum whatever the room (tests/unit/test_internal_csv_fast.c). */
int cp_skm_acc_can_add(cp_skm_acc *a, const unsigned *ans, size_t nel, int amax,
                       size_t *bad, int general);
/* Adds one respondent's answers (after cp_skm_acc_can_add). */
void cp_skm_acc_add(cp_skm_acc *a, const unsigned *ans, size_t nel);
/* dst += src; 0, or COMPLIANCE_E_OVERFLOW with dst unchanged. */
int cp_skm_acc_merge(cp_skm_acc *dst, const cp_skm_acc *src, size_t nel);

/* 1 when two SKM profiles describe the same tally: the same id, element
 * codes (in order) and answer scale; else 0 with why[] saying how they
 * differ. */
int cp_skm_same_method(const compliance_profile *a, const compliance_profile *b, char *why,
                       size_t size);

/* One answer field of a survey's CSV: 0 with *out (0 blank, else the
 * answer), or an error set on the survey (without a location). The fast
 * path takes a single digit within the scale; `general` 1 skips it (the
 * differential test, tests/unit/test_internal_csv_fast.c). */
struct compliance_skm;
int cp_skm_answer(struct compliance_skm *s, const char *f, size_t len, unsigned *out,
                  int general);
/* One answer field of an export (compliance_skm_read_export_*()): as
 * cp_skm_answer(), and the letters a to d when the survey reads them. The
 * fast path (a single digit within the scale, tried before the letters);
 * `general` 1 skips it (tests/unit/test_internal_csv_fast.c). */
int cp_skm_export_answer(struct compliance_skm *s, const char *f, size_t len, unsigned *out,
                         int general);

/* 1 when a respondent id is valid UTF-8 text (cp_utf8_valid()), else 0.
 * The fast path takes printable ASCII; `general` 1 skips it
 * (tests/unit/test_internal_csv_fast.c). */
int cp_skm_id_valid(const char *id, size_t len, int general);

struct compliance_skm_tally {
	cp_alloc alloc;
	cp_error err;
	compliance_profile *profile;
	size_t nel;
	int amin, amax;
	cp_skm_acc acc;
};

#endif
