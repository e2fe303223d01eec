/*
 * Columns kept per entity: a column of the input the caller names before
 * reading (compliance_assessment_keep_column(), e.g. the province), whose
 * value each entity holds once, the same on every row of it. The readers
 * (input/) set the values through cp_attr_set(); a failed batch undoes
 * what it set (cp_attr_rollback(), called by the assessment's rollback).
 */
#include <stdio.h>
#include <string.h>

#include "score/assessment_internal.h"

size_t cp_attr_find(const compliance_assessment *a, const char *name, size_t len)
{
	char norm[CP_HDR_MAX];
	size_t k;

	cp_norm_header(name, len, norm);
	if (!norm[0])
		return CP_NONE;
	for (k = 0; k < a->nkeep; k++)
		if (!strcmp(a->keep[k].norm, norm))
			return k;
	return CP_NONE;
}

const char *cp_attr_value(const compliance_assessment *a, size_t k, size_t ei)
{
	const cp_keep *kp = &a->keep[k];

	return ei < kp->ncap && kp->attr[ei].text ? kp->attr[ei].text : "";
}

const char *cp_attr_where(const compliance_assessment *a, size_t k, size_t ei)
{
	const char *v = cp_attr_value(a, k, ei);

	return v[0] ? v + strlen(v) + 1 : "";
}

static void keep_release(compliance_assessment *a, cp_keep *kp)
{
	size_t i;

	for (i = 0; i < kp->ncap; i++)
		cp_free(&a->alloc, kp->attr[i].text);
	cp_free(&a->alloc, kp->attr);
	cp_free(&a->alloc, kp->name);
	memset(kp, 0, sizeof *kp);
}

void cp_attr_free(compliance_assessment *a)
{
	size_t k;

	for (k = 0; k < a->nkeep; k++)
		keep_release(a, &a->keep[k]);
	a->nkeep = 0;
}

int compliance_assessment_keep_column(compliance_assessment *a, const char *header)
{
	cp_keep *kp;
	size_t len;

	if (!a)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&a->err);
	if (!header) {
		cp_attr_free(a);
		return COMPLIANCE_OK;
	}
	len = strlen(header);
	if (!cp_utf8_valid(header, len))
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID,
		                    "keep_column: the column's name is not UTF-8 text");
	if (cp_attr_find(a, header, len) != CP_NONE)
		return COMPLIANCE_OK; /* kept already */
	if (a->nkeep == CP_KEEP_MAX)
		return cp_error_set(&a->err, COMPLIANCE_E_RANGE,
		                    "keep_column: '%.100s': at most %d columns are kept", header,
		                    CP_KEEP_MAX);
	kp = &a->keep[a->nkeep];
	cp_norm_header(header, len, kp->norm);
	if (!kp->norm[0])
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID,
		                    "keep_column: the column's name is empty or longer than %d bytes",
		                    CP_HDR_MAX - 2);
	kp->name = cp_strdup(&a->alloc, header);
	if (!kp->name) {
		kp->norm[0] = '\0';
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	}
	a->nkeep++;
	return COMPLIANCE_OK;
}

int cp_attr_set(compliance_assessment *a, size_t k, size_t ei, const char *value, size_t len,
                const char *where)
{
	cp_keep *kp = &a->keep[k];
	cp_attr *at;
	char buf[512], q[64];
	size_t n;

	if (len > sizeof buf)
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
		                    "the value is longer than %zu bytes", sizeof buf);
	n = cp_text_squeeze(value, len, buf);
	if (!n)
		return 0; /* an empty cell: the entity's value, given elsewhere */
	if (!cp_utf8_valid(buf, n))
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE, "the value is not UTF-8 text");
	if (ei >= kp->ncap) {
		size_t cap = kp->ncap;
		if (cp_grow(&a->alloc, (void **)&kp->attr, &cap, ei + 1, sizeof *kp->attr))
			return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
		memset(kp->attr + kp->ncap, 0, (cap - kp->ncap) * sizeof *kp->attr);
		kp->ncap = cap;
	}
	at = &kp->attr[ei];
	if (at->text) {
		if (strlen(at->text) == n && !memcmp(at->text, buf, n))
			return 0;
		cp_quote(q, sizeof q, buf, n);
		return cp_error_set(&a->err, COMPLIANCE_E_DUPLICATE,
		                    "entity '%.200s' has %s here but '%.200s' at %s: a kept column "
		                    "holds one value per entity (an empty cell takes the entity's "
		                    "value)",
		                    a->entities[ei].name, q, at->text, cp_attr_where(a, k, ei));
	}
	at->text = cp_malloc(&a->alloc, n + 1 + strlen(where) + 1);
	if (!at->text)
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "out of memory");
	memcpy(at->text, buf, n);
	at->text[n] = '\0';
	memcpy(at->text + n + 1, where, strlen(where) + 1);
	at->batch = a->batch;
	return 0;
}

void cp_attr_rollback(compliance_assessment *a)
{
	size_t k, i;

	for (k = 0; k < a->nkeep; k++) {
		cp_keep *kp = &a->keep[k];
		for (i = 0; i < kp->ncap; i++)
			if (kp->attr[i].text && (kp->attr[i].batch == a->batch || i >= a->mark_entities)) {
				cp_free(&a->alloc, kp->attr[i].text);
				kp->attr[i].text = NULL;
			}
	}
}

const char *compliance_assessment_entity_attribute(const compliance_assessment *a, size_t index,
                                                   const char *column)
{
	size_t k;

	if (!a || !column || !a->computed || index >= a->nresults)
		return NULL;
	k = cp_attr_find(a, column, strlen(column));
	return k == CP_NONE ? NULL : cp_attr_value(a, k, a->results[index].entity);
}
