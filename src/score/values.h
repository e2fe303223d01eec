/* A unit of an assessment and its values of the indicator tree (the block
 * behind cp_unit.values: values.c). Below the assessment object
 * (assessment_internal.h), which holds units in its entities. */
#ifndef COMPLIANCE_SCORE_VALUES_H
#define COMPLIANCE_SCORE_VALUES_H

#include <stddef.h>
#include <stdint.h>

#include "number/number.h"
#include "util/util.h"

/* A named product's score. */
typedef struct cp_product {
	const char *name; /* in the assessment's name pool */
	cnum score;
} cp_product;

/*
 * A value given for one node of the indicator tree (an indicator's answer,
 * or an inner node's score on the profile's scale), 8 bytes: a whole answer
 * of 32 bits in `small`; any other (node has CP_VALUE_FRAC) is an exact
 * fraction held at the end of the unit's block (values.c). Read them with
 * cp_value_node() and cp_unit_answer().
 */
typedef struct cp_value {
	uint32_t node; /* the node, | CP_VALUE_FRAC for a fraction */
	int32_t small; /* the whole answer */
} cp_value;

#define CP_VALUE_FRAC 0x80000000u
#define CP_VALUE_NODE_MAX 0x7ffffffeu

static inline size_t cp_value_node(const cp_value *v)
{
	return v->node & ~CP_VALUE_FRAC;
}


/*
 * A unit: scored directly (nproducts 1, products NULL, the score held in
 * `exact`), by named products (nproducts > 0, products non-NULL) or by
 * values of the indicator tree (nvalues > 0). 80 bytes: a unit-score row
 * costs this, its share of the units array and its name in the pool.
 */
typedef struct cp_unit {
	cnum exact;       /* the score given directly, else the computed score */
	int64_t rounded;  /* result: exact rounded to the profile's decimals */
	const char *name; /* in the assessment's name pool */
	union {           /* one array: a unit has values or products, never both */
		cp_value *values;
		cp_product *products;
	};
	uint32_t nvalues, capvalues;
	uint32_t nproducts, capproducts;
	uint32_t nmissing; /* results: answers missing under the policy */
	uint32_t batch;    /* the batch that created or last journaled it */
} cp_unit;

/* A unit's values (values.c). The block holds `cap` slots, a bitmap of
 * the nodes given and, once an answer is not whole, the fractions. */
/* Appends node's value to u (the block made for `cap` nodes when u has
 * none; the caller has checked the node is not given yet). 0,
 * COMPLIANCE_E_INVALID (node beyond the block) or COMPLIANCE_E_NOMEM. */
int cp_unit_push_value(const cp_alloc *al, cp_unit *u, size_t cap, size_t node, cnum v);
/* Removes the newest value; returns its node. */
size_t cp_unit_pop_value(cp_unit *u);
/* Whether the unit has a value for node (inline: a call a row). */
static inline int cp_unit_has_value(const cp_unit *u, size_t node)
{
	const unsigned char *bits;

	if (node >= u->capvalues)
		return 0; /* also when the unit has no block (values NULL) */
	bits = (const unsigned char *)(u->values + u->capvalues);
	return bits[node / 8] >> (node % 8) & 1;
}
/* The k-th value given. */
cnum cp_unit_answer(const cp_unit *u, size_t k);
/* The bitmap of the nodes given. */
unsigned char *cp_unit_value_bits(const cp_unit *u);
/* *out: u with n more values (node[i] answered level[i]) in a block of its
 * own (the caller frees out->values); 0 or COMPLIANCE_E_NOMEM. */
int cp_unit_values_with(const cp_alloc *al, const cp_unit *u, const size_t *node,
                        const cnum *level, size_t n, cp_unit *out);

#endif
