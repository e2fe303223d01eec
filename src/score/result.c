/*
 * The results of a computed assessment, read through typed getters: the
 * entity's name, type, score (a scaled integer and text), exact mean,
 * category, zone, label, qualifier, rank and band; each unit's name,
 * rounded score and exact score; the policies the compute used.
 */
#include <string.h>

#include "score/assessment_internal.h"

/* The public enum and the internal one are the same numbers. */
_Static_assert((int)COMPLIANCE_ENTITY_KEMENTERIAN == (int)CP_KEMENTERIAN &&
                   (int)COMPLIANCE_ENTITY_LEMBAGA == (int)CP_LEMBAGA &&
                   (int)COMPLIANCE_ENTITY_PROVINSI == (int)CP_PROVINSI &&
                   (int)COMPLIANCE_ENTITY_KOTA == (int)CP_KOTA &&
                   (int)COMPLIANCE_ENTITY_KABUPATEN == (int)CP_KABUPATEN,
               "enum compliance_entity_type follows enum cp_entity_type");
/* A result stays small (issue 13: a million entities hold a million). */
_Static_assert(sizeof(cp_result) <= 40, "cp_result is at most 40 bytes");
/* The documented buffer size holds every exact text. */
_Static_assert(CNUM_TEXT_MAX <= COMPLIANCE_EXACT_TEXT_SIZE,
               "COMPLIANCE_EXACT_TEXT_SIZE holds CNUM_TEXT_MAX");

int compliance_assessment_errcode(const compliance_assessment *a)
{
	return a ? a->err.code : COMPLIANCE_E_INVALID;
}

compliance_profile *compliance_assessment_profile(const compliance_assessment *a)
{
	return a ? a->profile : NULL;
}

int compliance_assessment_missing_policy(const compliance_assessment *a)
{
	if (!a)
		return COMPLIANCE_E_INVALID;
	return a->computed ? a->missing_policy : COMPLIANCE_E_STATE;
}

int compliance_assessment_rollup(const compliance_assessment *a)
{
	if (!a)
		return COMPLIANCE_E_INVALID;
	return a->computed ? a->rollup_used : COMPLIANCE_E_STATE;
}

size_t compliance_assessment_entity_count(const compliance_assessment *a)
{
	return a && a->computed ? a->nresults : 0;
}

/* The result at `index`, or NULL with the reason in *rc. */
static const cp_result *result_at(const compliance_assessment *a, size_t index, int *rc)
{
	if (!a) {
		*rc = COMPLIANCE_E_INVALID;
		return NULL;
	}
	if (!a->computed) {
		*rc = COMPLIANCE_E_STATE;
		return NULL;
	}
	if (index >= a->nresults) {
		*rc = COMPLIANCE_E_NOTFOUND;
		return NULL;
	}
	*rc = 0;
	return &a->results[index];
}

const char *cp_result_score_text(const compliance_assessment *a, const cp_result *r)
{
	return a->rtext + r->text;
}

const char *cp_result_mean_text(const compliance_assessment *a, const cp_result *r)
{
	const char *s = a->rtext + r->text;

	return s + strlen(s) + 1;
}

const char *cp_result_label(const compliance_assessment *a, const cp_result *r)
{
	return a->rlabel[((size_t)r->band << a->profile->nqualifiers) | r->qmask];
}

size_t cp_result_nproducts(const compliance_assessment *a, const cp_result *r)
{
	const cp_entity *e = &a->entities[r->entity];
	size_t j, n = 0;

	for (j = 0; j < e->nunits; j++)
		n += e->units[j].nproducts;
	return n;
}

/* The unit `unit` of the entity at `index`, or NULL with the reason in *rc. */
static const cp_unit *unit_at(const compliance_assessment *a, size_t index, size_t unit, int *rc)
{
	const cp_result *r = result_at(a, index, rc);

	if (!r)
		return NULL;
	if (unit >= a->entities[r->entity].nunits) {
		*rc = COMPLIANCE_E_NOTFOUND;
		return NULL;
	}
	return &a->entities[r->entity].units[unit];
}

/* The band of a result. */
static const cp_band *band_of(const compliance_assessment *a, const cp_result *r)
{
	return &a->profile->bands[r->band];
}

const char *compliance_assessment_entity_name(const compliance_assessment *a, size_t index)
{
	int rc;
	const cp_result *r = result_at(a, index, &rc);

	return r ? a->entities[r->entity].name : NULL;
}

int compliance_assessment_entity_type(const compliance_assessment *a, size_t index)
{
	int rc;
	const cp_result *r = result_at(a, index, &rc);

	return r ? (int)r->type : rc;
}

const char *compliance_assessment_entity_score_text(const compliance_assessment *a, size_t index)
{
	int rc;
	const cp_result *r = result_at(a, index, &rc);

	return r ? cp_result_score_text(a, r) : NULL;
}

const char *compliance_assessment_entity_mean_text(const compliance_assessment *a, size_t index)
{
	int rc;
	const cp_result *r = result_at(a, index, &rc);

	return r ? cp_result_mean_text(a, r) : NULL;
}

const char *compliance_assessment_entity_category(const compliance_assessment *a, size_t index)
{
	int rc;
	const cp_result *r = result_at(a, index, &rc);

	return r ? band_of(a, r)->text[COMPLIANCE_BAND_CATEGORY] : NULL;
}

const char *compliance_assessment_entity_zone(const compliance_assessment *a, size_t index)
{
	int rc;
	const cp_result *r = result_at(a, index, &rc);

	return r ? band_of(a, r)->text[COMPLIANCE_BAND_ZONE] : NULL;
}

const char *compliance_assessment_entity_label(const compliance_assessment *a, size_t index)
{
	int rc;
	const cp_result *r = result_at(a, index, &rc);

	return r ? cp_result_label(a, r) : NULL;
}

int compliance_assessment_entity_qualified(const compliance_assessment *a, size_t index)
{
	int rc;
	const cp_result *r = result_at(a, index, &rc);

	return r ? (r->qmask != 0) : rc;
}

int compliance_assessment_entity_score(const compliance_assessment *a, size_t index, int64_t *out)
{
	int rc;
	const cp_result *r = result_at(a, index, &rc);

	if (!r)
		return rc;
	if (!out)
		return COMPLIANCE_E_INVALID;
	*out = r->score;
	return COMPLIANCE_OK;
}

int compliance_assessment_entity_rank(const compliance_assessment *a, size_t index, size_t *rank,
                                      size_t *rank_in_type)
{
	int rc;
	const cp_result *r = result_at(a, index, &rc);

	if (!r)
		return rc;
	if (rank)
		*rank = r->rank;
	if (rank_in_type)
		*rank_in_type = r->rank_in_type;
	return COMPLIANCE_OK;
}

int compliance_assessment_entity_band(const compliance_assessment *a, size_t index, size_t *band)
{
	int rc;
	const cp_result *r = result_at(a, index, &rc);

	if (!r)
		return rc;
	if (!band)
		return COMPLIANCE_E_INVALID;
	*band = r->band;
	return COMPLIANCE_OK;
}

size_t compliance_assessment_unit_count(const compliance_assessment *a, size_t index)
{
	int rc;
	const cp_result *r = result_at(a, index, &rc);

	return r ? a->entities[r->entity].nunits : 0;
}

size_t compliance_assessment_product_count(const compliance_assessment *a, size_t index)
{
	int rc;
	const cp_result *r = result_at(a, index, &rc);

	return r ? cp_result_nproducts(a, r) : 0;
}

int compliance_assessment_entity_unit_check(const compliance_assessment *a, size_t index)
{
	int rc;
	const cp_result *r = result_at(a, index, &rc);

	return r ? (int)r->unit_check : rc;
}

const char *compliance_assessment_unit_name(const compliance_assessment *a, size_t index,
                                            size_t unit)
{
	int rc;
	const cp_unit *u = unit_at(a, index, unit, &rc);

	return u ? u->name : NULL;
}

int compliance_assessment_unit_score(int64_t *out, const compliance_assessment *a, size_t index,
                                     size_t unit)
{
	int rc;
	const cp_unit *u = unit_at(a, index, unit, &rc);

	if (!u)
		return rc;
	if (!out)
		return COMPLIANCE_E_INVALID;
	*out = u->rounded;
	return COMPLIANCE_OK;
}

int compliance_assessment_unit_exact(char *buf, size_t size, const compliance_assessment *a,
                                     size_t index, size_t unit)
{
	char text[CNUM_TEXT_MAX];
	size_t len;
	int rc;
	const cp_unit *u = unit_at(a, index, unit, &rc);

	if (!u)
		return rc;
	if (!buf)
		return COMPLIANCE_E_INVALID;
	cnum_format_exact(text, u->exact);
	len = strlen(text);
	if (len >= size) {
		if (size > 0)
			buf[0] = '\0';
		return COMPLIANCE_E_BUFFER;
	}
	memcpy(buf, text, len + 1);
	return COMPLIANCE_OK;
}

/* The points of node `node` in a unit scored from the indicator tree:
 * the node's share times its points per unit of share (for a dimension,
 * 0 to its weight on a 0-100 scale whose top weights sum to 100), by the
 * evaluation explain uses. Nothing is recorded on the assessment. */
static int unit_points(const compliance_assessment *a, size_t index, size_t unit, size_t node,
                       cnum *out)
{
	const compliance_profile *p;
	cp_node_eval *ev;
	cp_unit u;
	cp_error err;
	cnum score;
	int rc;
	const cp_unit *up = unit_at(a, index, unit, &rc);

	if (!up)
		return rc;
	p = a->profile;
	if (node >= p->nnodes)
		return COMPLIANCE_E_NOTFOUND;
	if (!up->nvalues)
		return COMPLIANCE_E_MISSING; /* given as a whole score or by products */
	ev = cp_calloc(&a->alloc, p->nnodes, sizeof *ev);
	if (!ev)
		return COMPLIANCE_E_NOMEM;
	u = *up; /* a copy: evaluation notes its missing count */
	cp_error_clear(&err);
	rc = cp_evaluate_unit(p, &a->entities[a->results[index].entity], &u, a->missing_policy, 1,
	                      ev, &score, &err);
	if (!rc) {
		if (ev[node].state == CP_EVAL_EXCLUDED || ev[node].state == CP_EVAL_MISSING)
			*out = cnum_int(0);
		else
			rc = cnum_mul(out, ev[node].factor, ev[node].share);
	}
	cp_free(&a->alloc, ev);
	return rc;
}

int compliance_assessment_unit_points(char *buf, size_t size, const compliance_assessment *a,
                                      size_t index, size_t unit, size_t node)
{
	char text[CNUM_TEXT_MAX];
	size_t len;
	cnum v;
	int rc;

	if (!buf)
		return COMPLIANCE_E_INVALID;
	if ((rc = unit_points(a, index, unit, node, &v)))
		return rc;
	cnum_format_exact(text, v);
	len = strlen(text);
	if (len >= size) {
		if (size > 0)
			buf[0] = '\0';
		return COMPLIANCE_E_BUFFER;
	}
	memcpy(buf, text, len + 1);
	return COMPLIANCE_OK;
}

int compliance_assessment_unit_points_scaled(int64_t *out, const compliance_assessment *a,
                                             size_t index, size_t unit, size_t node)
{
	cnum v;
	int rc;

	if (!out)
		return COMPLIANCE_E_INVALID;
	if ((rc = unit_points(a, index, unit, node, &v)))
		return rc;
	return cnum_round_scaled(out, v, a->profile->decimals);
}

const char *compliance_assessment_entity_label_set(const compliance_assessment *a, size_t index,
                                                   size_t set)
{
	int rc;
	const cp_result *r = result_at(a, index, &rc);

	if (!r || set >= a->profile->nlabel_sets)
		return NULL;
	if (!(a->profile->label_sets[set].scope & COMPLIANCE_LABEL_SCOPE_ENTITY))
		return "";
	return cp_label_of(a->profile, set, r->band, r->qmask);
}

int compliance_assessment_entity_certificate(const compliance_assessment *a, size_t index)
{
	int rc;
	const cp_result *r = result_at(a, index, &rc);
	size_t s;

	if (!r)
		return rc;
	for (s = 0; s < a->profile->nlabel_sets; s++) {
		const cp_label_set *set = &a->profile->label_sets[s];
		if ((set->scope & COMPLIANCE_LABEL_SCOPE_ENTITY) && set->labels[r->band].certificate)
			return 1;
	}
	return 0;
}

/* The band of a unit's score: rounded when the profile rounds units. */
static size_t unit_band(const compliance_profile *p, const cp_unit *u)
{
	size_t b;

	if (p->round_unit)
		return cp_profile_band_of(p, u->rounded);
	for (b = 0; b < p->nbands; b++)
		if (cnum_cmp(u->exact, p->bands[b].lower) >= 0)
			return b;
	return CP_NONE;
}

const char *compliance_assessment_unit_label(const compliance_assessment *a, size_t index,
                                             size_t unit, size_t set)
{
	int rc;
	const cp_unit *u = unit_at(a, index, unit, &rc);
	size_t b;

	if (!u || set >= a->profile->nlabel_sets)
		return NULL;
	if (!(a->profile->label_sets[set].scope & COMPLIANCE_LABEL_SCOPE_UNIT))
		return "";
	b = unit_band(a->profile, u);
	return b == CP_NONE ? "" : a->profile->label_sets[set].labels[b].text;
}
