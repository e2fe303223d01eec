/* The assessment object, shared by input (assessment.c) and roll-up
 * (rollup.c). */
#ifndef COMPLIANCE_ASSESSMENT_INTERNAL_H
#define COMPLIANCE_ASSESSMENT_INTERNAL_H

#include "compliance/assessment.h"
#include "profile/profile_internal.h"
#include "util/hash.h"
#include "score/values.h"

enum cp_entity_type {
	CP_KEMENTERIAN = 0,
	CP_LEMBAGA,
	CP_PROVINSI,
	CP_KOTA,
	CP_KABUPATEN,
	CP_NTYPES
};

extern const char *const cp_entity_type_names[CP_NTYPES];

/* The columns of the assessment CSV, for compliance_assessment_map_column()
 * and the header (src/input/input_csv.c). CP_COL_VALUE is the number: the
 * `score` of a unit or product, or the `value` of an indicator. */
enum { CP_COL_ENTITY, CP_COL_TYPE, CP_COL_UNIT, CP_COL_PRODUCT, CP_COL_INDICATOR, CP_COL_VALUE,
       CP_NCOLUMNS };
extern const char *const cp_column_names[CP_NCOLUMNS];

#define CP_MAX_ERRORS_DEFAULT 20

/* An entity-level yes/no input (a qualifier's input or a flag). */
typedef struct cp_input {
	const char *name; /* in the assessment's name pool */
	int value;
} cp_input;

typedef struct cp_entity {
	const char *name; /* in the assessment's name pool */
	cp_unit *units;
	cp_input *inputs;
	uint32_t *unit_index; /* units by name once there are several (see assessment.c) */
	uint32_t unit_mask;   /* its size - 1 */
	uint32_t nunits, capunits;
	uint32_t ninputs, capinputs;
	uint32_t batch;  /* the batch that created or last journaled it */
	uint32_t result; /* its position in the results after compute */
	uint16_t type;       /* enum cp_entity_type */
	uint16_t units_heap; /* 1: units is a block of its own (cp_free it); 0: a
	                      * slice of the assessment's unit arena (issue 13) */
} cp_entity;

/* One entity's computed result: 40 bytes (issue 13: it was 544, with its
 * label and two texts held in fixed buffers). Its texts are in the
 * assessment's text block, its label in the label table (the label is the
 * same for every entity of a band under the same qualifiers); its product
 * count follows from the entity, which cannot change while the results
 * stand (any change clears `computed`). Read through the cp_result_*
 * functions below. */
typedef struct cp_result {
	int64_t score;
	size_t text;           /* offset in a->rtext: the score's text, NUL, the
	                        * exact mean's text, NUL */
	uint32_t entity;       /* the entity's index (entities are fewer than 2^32) */
	uint32_t band;
	uint32_t rank, rank_in_type;
	uint32_t qmask;        /* the qualifiers that applied (bit k); 0: none */
	uint8_t unit_check;    /* enum compliance_unit_check of the unit count */
	uint8_t type;          /* the entity's type (enum cp_entity_type) */
} cp_result;

/* What an entity or a unit held before a batch first changed it, so that
 * a failed batch can be undone (entities and units the batch created are
 * simply dropped). */
typedef struct cp_undo {
	uint32_t entity;
	uint32_t unit;   /* CP_UNDO_ENTITY for the entity's own counts */
	uint32_t count;  /* nunits, or the unit's nvalues */
	uint32_t count2; /* ninputs, or the unit's nproducts */
} cp_undo;

#define CP_UNDO_ENTITY UINT32_MAX

/* Names (entities, units, products, inputs): one arena of chunks, rewound
 * when a batch fails. */
typedef struct cp_pool_chunk cp_pool_chunk;
typedef struct cp_pool {
	cp_pool_chunk *head; /* the newest chunk */
} cp_pool;

/* The unit arena (assessment.c): chunks of units handed out to entities
 * created in the current batch, grown in place while the entity's slice
 * ends the newest chunk. */
typedef struct cp_unit_chunk cp_unit_chunk;
/* The units chunk c has handed out (for tests). */
size_t cp_unit_chunk_used(const cp_unit_chunk *c);

/* An SKM survey carried into a unit's node (compliance_assessment_add_skm,
 * src/skm/skm_feed.c), kept for the explanation: every text lives in one
 * block, `blob`. */
typedef struct cp_skm_feed_el {
	const char *code, *name, *nrr, *nrr_exact;
	uint64_t answers;
} cp_skm_feed_el;

typedef struct cp_skm_feed {
	const char *entity, *unit; /* the unit fed */
	size_t node;               /* the node fed */
	const char *profile, *ikm, *ikm_exact, *category, *label, *missing;
	uint64_t respondents, read;
	size_t nel;
	cp_skm_feed_el *el;
	char *blob;
} cp_skm_feed;

/* A column kept per entity (compliance_assessment_keep_column(),
 * attribute.c): its value for each entity, by the entity's index in the
 * entities array. */
#define CP_KEEP_MAX 8
typedef struct cp_attr {
	char *text;     /* "value\0where" (where: "file:line" it was first
	                 * given), allocated; NULL when not given */
	unsigned batch; /* the batch that set it (undone when that batch fails) */
} cp_attr;

typedef struct cp_keep {
	char *name;     /* the column as the caller named it */
	char norm[CP_HDR_MAX]; /* cp_norm_header() of it */
	cp_attr *attr;  /* per entity; ncap entries, zero beyond those set */
	size_t ncap;
} cp_keep;

struct compliance_assessment {
	cp_alloc alloc;
	cp_error err;
	compliance_profile *profile;
	int rollup_option;
	int rollup_used;
	int missing_policy;

	cp_entity *entities;
	size_t nentities, capentities;
	uint64_t *entity_index; /* open addressing: the low 32 bits of the name's hash
	                         * above entity + 1, 0 empty; load <= 1/2 */
	size_t entity_mask;     /* its size - 1; the index is NULL until the first entity */
	cp_hash_key entity_key, unit_key;
	cp_pool names;
	cp_unit_chunk *uarena; /* the unit arena's newest chunk */
	struct cp_idx_chunk *iarena; /* the units' indexes (assessment.c), under the C
	                              * library's allocator */
	uint32_t *ifree[32];         /* freed indexes of 2^k slots, each a list */
	size_t utail;          /* the entity whose slice ends it (may grow in place), or CP_NONE */

	cp_undo *undo;
	size_t nundo, capundo;
	int journaling;
	int computed_mark; /* computed, when journaling began */
	unsigned batch;    /* counts journaled batches */
	unsigned mark_batch;         /* the batch the marks below belong to */
	size_t mark_entities;        /* nentities when that batch first added */
	cp_pool_chunk *mark_chunk;   /* the name pool then */
	size_t mark_used;
	cp_unit_chunk *mark_uchunk; /* the unit arena then */
	size_t mark_uused;

	cp_result *results;
	size_t nresults;
	int computed;
	char *rtext;          /* the results' texts (cp_result.text) */
	char **rlabel;        /* the labels results use: band b under the applied
	                       * qualifiers m at [(b << nqualifiers) | m]; NULL
	                       * where no result has it */
	size_t nrlabel;

	cp_skm_feed *feeds; /* SKM surveys fed into nodes, for explain */
	size_t nfeeds, capfeeds;

	/* input options (docs/input-format.md) */
	int names_policy;   /* COMPLIANCE_NAMES_* */
	int dialect_option; /* COMPLIANCE_DIALECT_*: what the caller asked for */
	int dialect_used;   /* the dialect of the last CSV read (AUTO: none yet) */
	int encoding;       /* COMPLIANCE_ENCODING_* */
	size_t max_errors;  /* errors a CSV read reports before it stops */
	char *columns[CP_NCOLUMNS]; /* the user's header for each column, or NULL */
	size_t cur_line;    /* the input line being added (0: not from a file) */
	char *namebuf;      /* scratch: the names of the row being added, normalised */
	size_t namecap;
	/* the entity and unit the last add of values found, by the bytes of
	 * entity, type and unit as given (issue 13: rows of one unit follow
	 * each other); valid in the batch `last_batch` only, 0 none */
	char *last_raw;
	size_t last_cap, last_elen, last_tlen, last_ulen, last_ei, last_ui;
	uint32_t last_batch;
	size_t last_node; /* the node the last add of values found */
	/* the entity the last row of unit scores found, by the bytes of entity
	 * and type as given (issue 13: the units of an entity follow each
	 * other); valid in the batch `ent_batch` only, 0 none */
	char *ent_raw;
	size_t ent_cap, ent_elen, ent_tlen, ent_ei;
	uint32_t ent_batch;
	int no_last; /* 1: always look up (the differential test) */
	int slow_rank; /* the differential test: 1 ranks by the general sort, 2 by
	                * the merge by score alone where names ascend */
	char **diags;       /* the errors of the last CSV read, each a full message */
	size_t ndiags, capdiags;
	/* advice options (report/advise.c) */
	unsigned char *advice_locks; /* one per profile node: 1 locked; NULL when none */
	char advice_target[64];      /* a band's name or a score; "" for the next band */
	/* kept columns (attribute.c) */
	cp_keep keep[CP_KEEP_MAX];
	size_t nkeep;
	size_t last_entity; /* the entity the last add found or created */
};

/* Sets kept column k of entity ei to value[0..len) (spaces normalised as
 * names are; "" sets nothing), given at `where` ("file:line"). 0; or
 * COMPLIANCE_E_DUPLICATE (the entity has another value: a->err names both
 * and where the first was given), COMPLIANCE_E_PARSE (not UTF-8 text),
 * COMPLIANCE_E_NOMEM. */
int cp_attr_set(compliance_assessment *a, size_t k, size_t ei, const char *value, size_t len,
                const char *where);
/* Undoes the values the current batch set (rollback, before its entities
 * are dropped). */
void cp_attr_rollback(compliance_assessment *a);
/* Frees every kept column. */
void cp_attr_free(compliance_assessment *a);
/* The kept column named `name` (matched as headers are), or CP_NONE. */
size_t cp_attr_find(const compliance_assessment *a, const char *name, size_t len);
/* Entity ei's value of kept column k ("" when none), and where it was
 * first given ("" when none). */
const char *cp_attr_value(const compliance_assessment *a, size_t k, size_t ei);
const char *cp_attr_where(const compliance_assessment *a, size_t k, size_t ei);

/* Appends a copy of msg to the assessment's diagnostics; 0 or
 * COMPLIANCE_E_NOMEM. */
int cp_assessment_diag(compliance_assessment *a, const char *msg);
void cp_assessment_clear_diags(compliance_assessment *a);

/* The SKM survey fed into node `node` of unit `unit` of entity `entity`,
 * or NULL. */
const cp_skm_feed *cp_assessment_feed(const compliance_assessment *a, const char *entity,
                                      const char *unit, size_t node);

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

/* The entity named name[0..len), or CP_NONE; O(1) expected. */
size_t cp_assessment_find_entity(const compliance_assessment *a, const char *name, size_t len);

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

/*
 * The unit-score fast path (evaluate.c). For a profile whose weights are
 * all known, each leaf's points per answer step as an integer over one
 * common denominator: a unit that answers every leaf with an integer then
 * scores as one integer sum, reduced once, instead of about six
 * exact-fraction operations per answer. Anything else (a missing answer,
 * an inner node given, a decimal answer, an overflow) goes the general
 * way; both give the same canonical fraction (tests/unit
 * test_internal_fastpath.c compares them, and the differential test
 * compares the whole against the Python reference).
 */
typedef struct cp_fast {
	int usable;
	size_t nleaves;
	cint *num; /* per node: a leaf's numerator over den (0 for inner nodes) */
	cint *min; /* per node: a leaf's lowest answer */
	cint den;
	cnum base; /* the profile's scale minimum */
} cp_fast;

/* Builds the table (usable 0 when the profile does not allow it); 0 or
 * COMPLIANCE_E_NOMEM. */
int cp_fast_init(cp_fast *f, const compliance_profile *p, const cp_alloc *al);
void cp_fast_free(cp_fast *f, const cp_alloc *al);
/* 1 with *score set when the unit was scored by the fast path, 0 when the
 * general path must score it. */
int cp_fast_unit(const cp_fast *f, const compliance_profile *p, cp_unit *u, cnum *score);

/* Evaluates a unit given by values: fills ev (p->nnodes entries) and the
 * exact unit score; with `factors`, also each node's points per unit of
 * share (for explanations and advice). Sets err with the entity and unit. */
int cp_evaluate_unit(const compliance_profile *p, const cp_entity *e, cp_unit *u, int policy,
                     int factors, cp_node_eval *ev, cnum *score, cp_error *err);

/* One entity's roll-up, every stage of it. */
typedef struct cp_rollup_out {
	size_t count;       /* values averaged: units, or under the products
	                     * roll-up named products plus units scored whole */
	size_t nproducts;   /* product scores the entity holds */
	cnum mean;          /* their exact mean, before deductions */
	cnum deduction;     /* sum of the known deductions of the flags set */
	size_t ndeductions; /* how many flags deducted */
	cnum value;         /* mean - deduction, held within the scale: what is
	                     * rounded and classified */
	int clamped;        /* the value was held at the scale's end */
	int64_t score;      /* value rounded half-up, scaled by 10^decimals */
	size_t band;        /* the band: of the rounded score, or of the exact
	                     * value when the profile classifies before rounding */
	int qualified;      /* a qualifier applied */
	uint32_t qmask;     /* the qualifiers that applied (bit k) */
	char label[256];    /* the band's default-set label with the suffixes of
	                     * the qualifiers that apply to that set */
} cp_rollup_out;

/* The roll-up of one entity: the unit stage (each unit's exact score,
 * rounded when the profile rounds units), the mean over units or products
 * (`rollup`, a COMPLIANCE_ROLLUP_UNITS or _PRODUCTS value), the flags'
 * deductions, clamping to the scale, rounding, classification (the only
 * place an entity's band is chosen) and the qualifiers. `unit_exact` gives
 * each unit's exact score (e->nunits entries) for a what-if, or NULL for
 * the stored ones (u->exact, as computed); under the products roll-up a
 * unit's named products enter as stored. Returns 0, or an error code with
 * err (may be NULL) naming the entity and why. */
int cp_rollup_entity(const compliance_profile *p, const cp_entity *e, int rollup,
                     const cnum *unit_exact, cp_rollup_out *out, cp_error *err);

/* The unit stage of the roll-up: a unit's exact score as it enters the
 * mean, i.e. rounded half-up to the profile's decimals when the profile
 * rounds units (`rounded`, when not NULL, is that rounding already done),
 * else unchanged. 0 or COMPLIANCE_E_OVERFLOW. */
int cp_rollup_unit_stage(const compliance_profile *p, cnum exact, const int64_t *rounded,
                         cnum *out);

/* The rest of the roll-up once the values are summed: the mean of `count`
 * values summing to `sum`, the deductions of e's flags, clamping, rounding,
 * the band and e's qualifiers (cp_rollup_entity() ends with it; the entity
 * accumulator, entity_acc.c, calls it directly). Sets out->count; leaves
 * out->nproducts 0. Returns 0, or an error code with err (may be NULL). */
int cp_rollup_finish(const compliance_profile *p, const cp_entity *e, cnum sum, size_t count,
                     cp_rollup_out *out, cp_error *err);

/* The texts of a result: its rounded score ("73.02"), its exact mean
 * ("51117/700"), its label in the default set with its qualifiers. */
const char *cp_result_score_text(const compliance_assessment *a, const cp_result *r);
const char *cp_result_mean_text(const compliance_assessment *a, const cp_result *r);
const char *cp_result_label(const compliance_assessment *a, const cp_result *r);
/* The product scores the result's entity holds (under every roll-up). */
size_t cp_result_nproducts(const compliance_assessment *a, const cp_result *r);
/* Frees a block of result texts and `nlabel` labels (assessment.c). */
void cp_result_texts_free(const cp_alloc *al, char *text, char **label, size_t nlabel);
/* Frees the results, their texts and labels (compute's, not the
 * assessment's other state; assessment.c, below compute). */
void cp_results_free(compliance_assessment *a);

/* The default set's label of band `band` under the applied qualifiers
 * `qmask`, as the roll-up gives it (the band's label, then the suffix of
 * each qualifier that appends to the default set), into label[0..size). */
void cp_rollup_label(const compliance_profile *p, size_t band, uint32_t qmask, char *label,
                     size_t size);

/* The label of band `band` in label set `set` under the applied
 * qualifiers `qmask` ("" when not published). */
const char *cp_label_of(const compliance_profile *p, size_t set, size_t band, uint32_t qmask);

/* The entity-level input named `name`: 1 yes, 0 no, -1 not given. */
int cp_entity_input(const cp_entity *e, const char *name);

#endif
