/* The profile object, shared by the loader, classification and scoring. */
#ifndef COMPLIANCE_PROFILE_INTERNAL_H
#define COMPLIANCE_PROFILE_INTERNAL_H

#include <stdatomic.h>

#include "compliance/profile.h"
#include "util/util.h"
#include "number/number.h"
#include "util/hash.h"

#define CP_NONE ((size_t)-1)

/* Text fields of a band: the index of cp_band.text (public through the
 * typed getters compliance_profile_band_*() since 0.2). */
enum cp_band_field {
	COMPLIANCE_BAND_LOWER = 0,    /* Inclusive lower bound, e.g. "88.00". */
	COMPLIANCE_BAND_UPPER = 1,    /* Upper bound as printed, e.g. "100.00". */
	COMPLIANCE_BAND_CATEGORY = 2, /* "A".."E", or "" for zone-only editions. */
	COMPLIANCE_BAND_ZONE = 3,     /* "hijau", "kuning" or "merah". */
	COMPLIANCE_BAND_LABEL = 4,    /* Indonesian label, e.g. "Kualitas Tertinggi". */
	COMPLIANCE_BAND_LABEL_EN = 5, /* English label, e.g. "Highest quality". */
	COMPLIANCE_BAND_SOURCE = 6    /* The public source of this band. */
};

/* Text fields of a node: the index of cp_node.text (public through the
 * typed getters compliance_profile_node_*() since 0.2). */
enum cp_node_field {
	COMPLIANCE_NODE_ID = 0,        /* Identifier, unique in the profile. */
	COMPLIANCE_NODE_NAME = 1,      /* Display name. */
	COMPLIANCE_NODE_PARENT = 2,    /* Parent's id, or "" for a dimension. */
	COMPLIANCE_NODE_WEIGHT = 3,    /* Weight within the parent as an exact decimal, or "" when unknown. */
	COMPLIANCE_NODE_SOURCE = 4,    /* The source of the weight. */
	COMPLIANCE_NODE_SCALE_MIN = 5, /* Indicators: lowest answer; "" for inner nodes. */
	COMPLIANCE_NODE_SCALE_MAX = 6  /* Indicators: highest answer; "" for inner nodes. */
};

typedef struct cp_fact {
	const char *source;
	int confidence;
} cp_fact;

typedef struct cp_band {
	cnum lower, upper;
	const char *text[7]; /* indexed by enum compliance_band_field */
	int confidence;
} cp_band;

/* One band's label in one label set. */
typedef struct cp_label {
	const char *text;    /* "" when the label is not published (unknown) */
	const char *text_en; /* "" when not given */
	const char *source;
	int confidence;
	int certificate;     /* the label carries a certificate (2025 Opini: Tertinggi) */
} cp_label;

/* A label set: set 0 is the default one, read from the bands' `label`
 * keys (or from `labels[id]`); the others from each band's `labels`. */
typedef struct cp_label_set {
	const char *id, *name, *source;
	int confidence;
	int scope;           /* COMPLIANCE_LABEL_SCOPE_UNIT | _ENTITY */
	cp_label *labels;    /* one per band, highest first */
	uint32_t qmask;      /* the qualifiers whose suffix this set takes (bit k) */
	const char **qualified; /* with qualifiers: the label of band b under the
	                         * applied mask m (m within qmask) at
	                         * [(b << nqualifiers) | m]; NULL without */
} cp_label_set;

/* At most this many qualifiers: a result records the applied ones as bits
 * and each label set precomputes its labels per combination. */
#define CP_MAX_QUALIFIERS 8

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
	uint32_t sets;   /* the label sets it appends to (bit s); default set 0 */
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
	cp_fact facts[5];     /* indexed by enum compliance_fact */
	size_t units_min, units_max; /* units an entity has, when units_known */
	int units_known;      /* the profile declares a range (else unknown) */
	unsigned units_types; /* bit (1 << compliance_entity_type): the range applies */

	cp_band *bands;       /* highest first */
	size_t nbands;
	int has_categories;
	cp_label_set *label_sets; /* at least one (the default set) */
	size_t nlabel_sets;
	int label_sets_declared;  /* the profile declared `label_sets` */

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

	int kind;             /* enum compliance_profile_kind */
	cnum skm_conversion;  /* kind skm: IKM = conversion x the weighted mean NRR */
	cp_fact skm_fact;     /* its source and confidence */
	int skm_weight_decimals; /* kind skm: decimals each element's share is
	                          * rounded to (0.071 for 1/14); -1 exact */


	int skeleton;                /* "skeleton": true: null weights allowed */
	const char *missing_weights; /* a skeleton's unpublished weights, or NULL */
};

/* Loads JSON text into a new profile; see compliance_profile_load_buffer(). */
int cp_profile_load(compliance_ctx *ctx, compliance_profile **out, const char *data,
                    size_t size, const char *name);

/* Frees a profile whose reference count reached zero (or a half-built one). */
void cp_profile_destroy(compliance_profile *p);

/* Copies a string into the profile; NULL on allocation failure. */
const char *cp_profile_str(compliance_profile *p, const char *s);

/* The message for a profile without bands (their table not published):
 * they come from the user's profile. */
void cp_profile_bands_missing(const compliance_profile *p, char *buf, size_t size);

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
