/* The assessment object, shared by input (assessment.c) and roll-up
 * (rollup.c). */
#ifndef COMPLIANCE_ASSESSMENT_INTERNAL_H
#define COMPLIANCE_ASSESSMENT_INTERNAL_H

#include "compliance/assessment.h"
#include "profile_internal.h"

enum cp_entity_type {
	CP_KEMENTERIAN = 0,
	CP_LEMBAGA,
	CP_PROVINSI,
	CP_KOTA,
	CP_KABUPATEN,
	CP_NTYPES
};

extern const char *const cp_entity_type_names[CP_NTYPES];

typedef struct cp_product {
	char *name; /* NULL when the unit was scored directly */
	cnum score;
} cp_product;

typedef struct cp_unit {
	char *name;
	cp_product *products;
	size_t nproducts, capproducts;
	/* results */
	cnum exact;
	int64_t rounded;
	char score_text[CNUM_TEXT_MAX];
	char exact_text[CNUM_TEXT_MAX];
} cp_unit;

typedef struct cp_entity {
	char *name;
	int type;
	cp_unit *units;
	size_t nunits, capunits;
	size_t hash_next; /* next entity in the same hash bucket, or CP_NONE */
} cp_entity;

/* One entity's computed result. */
typedef struct cp_result {
	size_t entity;
	cnum mean;
	int64_t score;
	size_t band;
	size_t rank, rank_in_type;
	size_t nproducts;
	char score_text[CNUM_TEXT_MAX];
	char mean_text[CNUM_TEXT_MAX];
} cp_result;

/* What an add created, so that a failed batch can be undone. */
typedef struct cp_undo {
	int kind; /* 0 entity, 1 unit, 2 product */
	size_t entity, unit;
} cp_undo;

struct compliance_assessment {
	cp_alloc alloc;
	cp_error err;
	compliance_profile *profile;
	int rollup_option;
	int rollup_used;

	cp_entity *entities;
	size_t nentities, capentities;
	size_t *buckets;
	size_t nbuckets;

	cp_undo *undo;
	size_t nundo, capundo;
	int journaling;

	cp_result *results;
	size_t nresults;
	int computed;
};

/* Adds one score; on failure sets the error (without a location) and
 * names the offending field in *field. */
int cp_assessment_add(compliance_assessment *a, const char *entity, size_t entity_len,
                      const char *type, size_t type_len, const char *unit, size_t unit_len,
                      const char *product, size_t product_len, const char *score,
                      size_t score_len, const char **field);

#endif
