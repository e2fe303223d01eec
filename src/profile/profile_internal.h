/* The profile object, shared by the loader, classification and scoring. */
#ifndef COMPLIANCE_PROFILE_INTERNAL_H
#define COMPLIANCE_PROFILE_INTERNAL_H

#include <stdatomic.h>

#include "compliance/assessment.h"
#include "compliance/profile.h"
#include "util/util.h"
#include "number/number.h"
#include "util/hash.h"

#define CP_NONE ((size_t)-1)

typedef struct cp_fact {
	const char *source;
	int confidence;
} cp_fact;

typedef struct cp_band {
	cnum lower, upper;
	const char *text[7]; /* indexed by enum compliance_band_field */
	int confidence;
} cp_band;

typedef struct cp_node {
	const char *text[7]; /* indexed by enum compliance_node_field */
	const char *note;
	cnum weight;
	int weight_known;
	int confidence;
	int depth;
	size_t parent;       /* CP_NONE for a top-level node */
	size_t first_child;  /* CP_NONE for a leaf */
	size_t nchildren;
	size_t next_sibling; /* CP_NONE for the last */
	cnum total;          /* sum of the children's weights (declared or summed) */
	int total_declared;
	int has_scale;       /* an indicator with an answer scale */
	cnum min, max;
	const char **labels; /* rubric labels per level, or NULL */
	size_t nlabels;
} cp_node;

typedef struct cp_flag {
	const char *id, *name, *source;
	cnum deduction;
	int deduction_known;
	int confidence;
} cp_flag;

typedef struct cp_qualifier {
	const char *id, *input, *suffix, *source;
	int when;
	int confidence;
} cp_qualifier;

struct compliance_profile {
	atomic_int refs;
	cp_alloc alloc;
	char **strings; /* every string the profile owns */
	size_t nstrings, capstrings;

	const char *id, *name, *extends;
	int year;
	cnum scale_min, scale_max;
	const char *scale_min_text, *scale_max_text;
	int decimals;
	int round_unit, round_entity;
	const char *rounding_text;
	int rollup_default;   /* COMPLIANCE_ROLLUP_UNITS or _PRODUCTS */
	int rollup_allowed;   /* bit mask of (1 << rollup) */
	cp_fact facts[4];     /* indexed by enum compliance_fact */

	cp_band *bands;       /* highest first */
	size_t nbands;
	int has_categories;

	cp_node *nodes;       /* depth-first */
	size_t nnodes;
	size_t first_top;     /* first top-level node, CP_NONE when none */
	cnum top_total;

	size_t *node_table; /* open addressing over node ids: index + 1, 0 empty;
	                     * at least twice the node count, keyed (node_key) */
	size_t node_mask;
	cp_hash_key node_key;

	cp_flag *flags;
	size_t nflags;
	cp_qualifier *qualifiers;
	size_t nqualifiers;
};

/* Loads JSON text into a new profile; see compliance_profile_load_buffer(). */
int cp_profile_load(compliance_ctx *ctx, compliance_profile **out, const char *data,
                    size_t size, const char *name);

/* Frees a profile whose reference count reached zero (or a half-built one). */
void cp_profile_destroy(compliance_profile *p);

/* Copies a string into the profile; NULL on allocation failure. */
const char *cp_profile_str(compliance_profile *p, const char *s);

/* The band holding a rounded scaled score, or CP_NONE. */
size_t cp_profile_band_of(const compliance_profile *p, int64_t scaled);

/* The node with this id, or CP_NONE. */
size_t cp_profile_find_node(const compliance_profile *p, const char *id, size_t len);
/* Builds the id table; 0 or COMPLIANCE_E_NOMEM. */
int cp_profile_index_nodes(compliance_profile *p);

/* Checks a value lies within the scale; 0 or COMPLIANCE_E_RANGE. */
int cp_profile_in_scale(const compliance_profile *p, cnum v);

/* The built-in profiles' JSON text (generated at build time). */
typedef struct cp_builtin {
	const char *id;
	const char *json;
	size_t size;
} cp_builtin;

extern const cp_builtin cp_builtins[];
extern const size_t cp_nbuiltins;

#endif
