/*
 * An SKM survey carried into an assessment (issue 10): the unit's IKM,
 * as its SKM profile rounds and publishes it, becomes the value of one node
 * of the unit's indicator tree (the 2023 instrument's Output variable
 * output.ikm), and the survey's elements are kept for the explanation.
 *
 * The mapping: the IKM enters unchanged, as an answer on the node's own
 * scale, which must hold the SKM profile's whole scale (25-100 under
 * skm-2017); the node's share is then (IKM - min) / (max - min) as for any
 * indicator. ombudsman-2023-instrument gives output.ikm the scale 25-100
 * (share (IKM - 25) / 75); how ORI turns the IKM into Output points is not
 * published, so this is inferred [I] (docs/input-format.md).
 *
 * This layer (skm/) comes after score/ and input/: it reads the survey
 * through its public getters and adds through the assessment's own add.
 */
#include <stdio.h>
#include <string.h>

#include "compliance/skm.h"
#include "score/assessment_internal.h"

/* Copies the n texts src[] into one block; dst[] point into it. */
static char *pack(const cp_alloc *al, const char **src, const char **dst, size_t n)
{
	size_t i, len = 0;
	char *blob, *w;

	for (i = 0; i < n; i++)
		len += strlen(src[i] ? src[i] : "") + 1;
	blob = cp_malloc(al, len ? len : 1);
	if (!blob)
		return NULL;
	for (i = 0, w = blob; i < n; i++) {
		size_t l = strlen(src[i] ? src[i] : "");
		memcpy(w, src[i] ? src[i] : "", l + 1);
		dst[i] = w;
		w += l + 1;
	}
	return blob;
}

int compliance_assessment_add_skm(compliance_assessment *a, const char *entity,
                                  const char *entity_type, const char *unit, const char *node_id,
                                  const compliance_skm *skm)
{
	const compliance_profile *p, *sp;
	const cp_node *nd;
	cp_skm_feed f;
	const char **src = NULL, **dst = NULL;
	char lo[CNUM_TEXT_MAX], hi[CNUM_TEXT_MAX], slo[CNUM_TEXT_MAX], shi[CNUM_TEXT_MAX];
	const char *ikm;
	size_t node, nel, ntext, k;
	cnum min, max;
	int rc;

	if (!a)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&a->err);
	if (!entity || !entity_type || !unit || !node_id || !skm)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID,
		                    "add_skm: entity, entity_type, unit, node and survey must not be "
		                    "NULL");
	p = a->profile;
	sp = compliance_skm_profile(skm);
	ikm = compliance_skm_result(skm, COMPLIANCE_SKM_IKM);
	if (!ikm)
		return cp_error_set(&a->err, COMPLIANCE_E_STATE,
		                    "add_skm: unit '%.200s': the survey has no result: compute it first "
		                    "(compliance_skm_compute)", unit);
	node = cp_profile_find_node(p, node_id, strlen(node_id));
	if (node == CP_NONE)
		return cp_error_set(&a->err, COMPLIANCE_E_NOTFOUND,
		                    "add_skm: unit '%.200s': profile %s has no node '%.200s'", unit,
		                    p->id, node_id);
	nd = &p->nodes[node];
	if (nd->first_child != CP_NONE)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID,
		                    "add_skm: unit '%.200s': node '%s' has children: an IKM feeds a leaf "
		                    "(e.g. output.ikm of ombudsman-2023-instrument)", unit, node_id);
	/* the node's scale must hold the IKM's whole scale: the IKM enters
	 * unchanged, an answer on that scale */
	min = nd->has_scale ? nd->min : p->scale_min;
	max = nd->has_scale ? nd->max : p->scale_max;
	if (cnum_cmp(sp->scale_min, min) < 0 || cnum_cmp(sp->scale_max, max) > 0) {
		cnum_format_exact(lo, min);
		cnum_format_exact(hi, max);
		cnum_format_exact(slo, sp->scale_min);
		cnum_format_exact(shi, sp->scale_max);
		return cp_error_set(&a->err, COMPLIANCE_E_RANGE,
		                    "add_skm: unit '%.200s': node '%s' takes %s to %s, which does not "
		                    "hold the IKM's scale %s to %s of %s: the IKM enters unchanged, so "
		                    "give the node a scale that holds it (e.g. 25 to 100)", unit,
		                    node_id, lo, hi, slo, shi, sp->id);
	}
	/* everything the explanation shows, copied before the value is added,
	 * so that nothing can fail after it */
	memset(&f, 0, sizeof f);
	nel = compliance_skm_element_count(skm);
	ntext = 8 + 4 * nel;
	src = cp_calloc(&a->alloc, ntext, sizeof *src);
	dst = cp_calloc(&a->alloc, ntext, sizeof *dst);
	f.el = cp_calloc(&a->alloc, nel ? nel : 1, sizeof *f.el);
	if (!src || !dst || !f.el)
		goto nomem;
	src[0] = entity;
	src[1] = unit;
	src[2] = sp->id;
	src[3] = ikm;
	src[4] = compliance_skm_result(skm, COMPLIANCE_SKM_IKM_EXACT);
	src[5] = compliance_skm_result(skm, COMPLIANCE_SKM_CATEGORY);
	src[6] = compliance_skm_result(skm, COMPLIANCE_SKM_LABEL);
	src[7] = compliance_skm_result(skm, COMPLIANCE_SKM_MISSING);
	for (k = 0; k < nel; k++) {
		src[8 + 4 * k] = compliance_skm_element(skm, k, COMPLIANCE_SKM_ELEMENT_CODE);
		src[9 + 4 * k] = compliance_skm_element(skm, k, COMPLIANCE_SKM_ELEMENT_NAME);
		src[10 + 4 * k] = compliance_skm_nrr(skm, k, COMPLIANCE_SKM_NRR_ROUNDED);
		src[11 + 4 * k] = compliance_skm_nrr(skm, k, COMPLIANCE_SKM_NRR_EXACT);
	}
	if (!(f.blob = pack(&a->alloc, src, dst, ntext)))
		goto nomem;
	f.entity = dst[0];
	f.unit = dst[1];
	f.node = node;
	f.profile = dst[2];
	f.ikm = dst[3];
	f.ikm_exact = dst[4];
	f.category = dst[5];
	f.label = dst[6];
	f.missing = dst[7];
	f.respondents = compliance_skm_count(skm, COMPLIANCE_SKM_COUNT_RESPONDENTS);
	f.read = compliance_skm_count(skm, COMPLIANCE_SKM_COUNT_READ);
	f.nel = nel;
	for (k = 0; k < nel; k++) {
		f.el[k].code = dst[8 + 4 * k];
		f.el[k].name = dst[9 + 4 * k];
		f.el[k].nrr = dst[10 + 4 * k];
		f.el[k].nrr_exact = dst[11 + 4 * k];
		f.el[k].answers = compliance_skm_element_answers(skm, k);
	}
	if (a->nfeeds == a->capfeeds) {
		size_t cap = a->capfeeds ? 2 * a->capfeeds : 8;
		cp_skm_feed *nf = cp_realloc(&a->alloc, a->feeds, cap * sizeof *nf);
		if (!nf)
			goto nomem;
		a->feeds = nf;
		a->capfeeds = cap;
	}
	cp_free(&a->alloc, src);
	cp_free(&a->alloc, dst);
	src = dst = NULL;
	/* the value: the IKM as its profile rounds it, e.g. "84.54" */
	rc = compliance_assessment_add_value(a, entity, entity_type, unit, node_id, ikm);
	if (rc) {
		cp_free(&a->alloc, f.el);
		cp_free(&a->alloc, f.blob);
		return rc;
	}
	a->feeds[a->nfeeds++] = f;
	return COMPLIANCE_OK;
nomem:
	cp_free(&a->alloc, src);
	cp_free(&a->alloc, dst);
	cp_free(&a->alloc, f.el);
	cp_free(&a->alloc, f.blob);
	return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "add_skm: unit '%.200s': out of memory",
	                    unit);
}
