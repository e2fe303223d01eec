/* The assessment object, shared by input (assessment.c) and roll-up
 * (rollup.c). */
#ifndef COMPLIANCE_ASSESSMENT_INTERNAL_H
#define COMPLIANCE_ASSESSMENT_INTERNAL_H

#include "compliance/assessment.h"
#include "profile/profile_internal.h"

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

/* A value given for one node of the indicator tree (an indicator's
 * answer, or an inner node's score on the profile's scale). */
typedef struct cp_value {
	size_t node;
	cnum value;
} cp_value;

/* An entity-level yes/no input (a qualifier's input or a flag). */
typedef struct cp_input {
	char *name;
	int value;
} cp_input;

typedef struct cp_unit {
	char *name;
	cp_product *products; /* direct scores (unit or products) */
	size_t nproducts, capproducts;
	cp_value *values;     /* or values in the indicator tree */
	size_t nvalues, capvalues;
	size_t nmissing;      /* results: answers missing under the policy */
	unsigned batch;       /* the batch that last journaled this unit's values */
	/* results */
	cnum exact;
	int64_t rounded;
} cp_unit;

typedef struct cp_entity {
	char *name;
	int type;
	cp_unit *units;
	size_t nunits, capunits;
	cp_input *inputs;
	size_t ninputs, capinputs;
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
	int qualified;         /* a qualifier changed the label */
	char label[256];       /* the band's label with qualifiers applied */
	char score_text[CNUM_TEXT_MAX];
	char mean_text[CNUM_TEXT_MAX];
} cp_result;

/* What an add created, so that a failed batch can be undone. */
typedef struct cp_undo {
	int kind; /* 0 entity, 1 unit, 2 product, 3 values (back to count), 4 input */
	size_t entity, unit, count;
} cp_undo;

struct compliance_assessment {
	cp_alloc alloc;
	cp_error err;
	compliance_profile *profile;
	int rollup_option;
	int rollup_used;
	int missing_policy;

	cp_entity *entities;
	size_t nentities, capentities;
	size_t *buckets;
	size_t nbuckets;

	cp_undo *undo;
	size_t nundo, capundo;
	int journaling;
	int computed_mark; /* computed, when journaling began */
	unsigned batch;    /* counts journaled batches */

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

/* Adds one value of the indicator tree (unit non-empty), or an
 * entity-level yes/no input (unit empty). */
int cp_assessment_add_value(compliance_assessment *a, const char *entity, size_t entity_len,
                            const char *type, size_t type_len, const char *unit,
                            size_t unit_len, const char *id, size_t id_len, const char *value,
                            size_t value_len, const char **field);

/* Undoes everything journaled since journaling started. */
void cp_assessment_rollback(compliance_assessment *a);

/* Per-node results of evaluating one unit. */
typedef struct cp_node_eval {
	int state;   /* CP_EVAL_* */
	cnum share;  /* 0..1 */
	cnum factor; /* points of the unit score per unit of share */
	cnum answer; /* the value given, when state is CP_EVAL_GIVEN */
} cp_node_eval;

enum { CP_EVAL_MISSING = 0, CP_EVAL_GIVEN = 1, CP_EVAL_COMPUTED = 2, CP_EVAL_MINIMUM = 3,
       CP_EVAL_EXCLUDED = 4 };

/* Evaluates a unit given by values: fills ev (p->nnodes entries) and the
 * exact unit score; with `factors`, also each node's points per unit of
 * share (for explanations and advice). Sets err with the entity and unit. */
int cp_evaluate_unit(const compliance_profile *p, const cp_entity *e, cp_unit *u, int policy,
                     int factors, cp_node_eval *ev, cnum *score, cp_error *err);

/* Builds a JSON report of one entity (explanation or advice) and writes
 * it as JSON or, through `render`, as text: the shared body of
 * compliance_assessment_explain() and compliance_assessment_advise(). */
struct json_t;
int cp_report(const compliance_assessment *a, size_t index, int format, char **out,
              struct json_t *(*build)(const compliance_assessment *, const cp_result *, int *),
              char *(*render)(struct json_t *));

/* The entity-level input named `name`: 1 yes, 0 no, -1 not given. */
int cp_entity_input(const cp_entity *e, const char *name);

#endif
