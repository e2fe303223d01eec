/* The CSV forms of assessment input (docs/input-format.md): unit scores,
 * product scores, or indicator values. A failed read keeps nothing of the
 * file. */
#include <stdio.h>
#include <string.h>

#include "score/assessment_internal.h"
#include "io/csv.h"

static const char *const header_units[] = { "entity", "entity_type", "unit", "score" };
static const char *const header_products[] = { "entity", "entity_type", "unit", "product",
	                                       "score" };
static const char *const header_values[] = { "entity", "entity_type", "unit", "indicator",
	                                     "value" };

static int header_is(const cp_csv *c, const char *const *names, size_t n)
{
	size_t i;

	if (c->nfields != n)
		return 0;
	for (i = 0; i < n; i++)
		if (strcmp(cp_csv_field(c, i), names[i]) != 0)
			return 0;
	return 1;
}

static int read_csv(compliance_assessment *a, cp_csv *c, const char *name)
{
	const char *why;
	int rc, products, values = 0;
	size_t nf;
	const char *hdr;

	rc = cp_csv_next(c, &why);
	if (rc == 0)
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
		                    "%s: the file is empty: expected the header "
		                    "entity,entity_type,unit,score", name);
	if (rc < 0)
		goto csv_error;
	if (header_is(c, header_units, 4)) {
		products = 0;
	} else if (header_is(c, header_products, 5)) {
		products = 1;
	} else if (header_is(c, header_values, 5)) {
		products = 0;
		values = 1;
	} else {
		return cp_error_set(&a->err, COMPLIANCE_E_PARSE,
		                    "%s:%zu: expected the header entity,entity_type,unit,score "
		                    "(or entity,entity_type,unit,product,score, or "
		                    "entity,entity_type,unit,indicator,value)", name, c->line);
	}
	nf = products || values ? 5 : 4;
	hdr = values ? "entity,entity_type,unit,indicator,value"
	             : products ? "entity,entity_type,unit,product,score" : "entity,entity_type,unit,score";
	a->journaling = 1;
	a->computed_mark = a->computed;
	a->batch++;
	a->nundo = 0;
	while ((rc = cp_csv_next(c, &why)) == 1) {
		const char *field;
		char msg[CP_ERRMSG_MAX];

		if (c->nfields != nf) {
			const char *const *names =
				values ? header_values : products ? header_products : header_units;
			if (c->nfields < nf)
				rc = cp_error_set(&a->err, COMPLIANCE_E_PARSE,
				                  "%s:%zu: field '%s' is missing: expected %zu fields (%s), "
				                  "found %zu", name, c->line, names[c->nfields], nf,
				                  hdr, c->nfields);
			else
				rc = cp_error_set(&a->err, COMPLIANCE_E_PARSE,
				                  "%s:%zu: field %zu is one too many: expected %zu fields "
				                  "(%s), found %zu", name, c->line, nf + 1, nf,
				                  hdr, c->nfields);
			goto fail;
		}
		if (values)
			rc = cp_assessment_add_value(a, cp_csv_field(c, 0), cp_csv_len(c, 0),
			                             cp_csv_field(c, 1), cp_csv_len(c, 1), cp_csv_field(c, 2),
			                             cp_csv_len(c, 2), cp_csv_field(c, 3), cp_csv_len(c, 3),
			                             cp_csv_field(c, 4), cp_csv_len(c, 4), &field);
		else
		rc = cp_assessment_add(a, cp_csv_field(c, 0), cp_csv_len(c, 0), cp_csv_field(c, 1),
		                       cp_csv_len(c, 1), cp_csv_field(c, 2), cp_csv_len(c, 2),
		                       products ? cp_csv_field(c, 3) : NULL,
		                       products ? cp_csv_len(c, 3) : 0, cp_csv_field(c, nf - 1),
		                       cp_csv_len(c, nf - 1), &field);
		if (rc) {
			snprintf(msg, sizeof msg, "%s", a->err.msg);
			cp_error_set(&a->err, rc, "%s:%zu: field '%s': %s", name, c->line, field, msg);
			goto fail;
		}
	}
	if (rc < 0)
		goto csv_error_fail;
	a->journaling = 0;
	a->nundo = 0;
	return COMPLIANCE_OK;

csv_error_fail:
	cp_assessment_rollback(a);
	a->journaling = 0;
	a->nundo = 0;
csv_error:
	return cp_csv_error(&a->err, c, rc, name, why);
fail:
	cp_assessment_rollback(a);
	a->journaling = 0;
	a->nundo = 0;
	return rc;
}

static int read_csv_any(void *obj, cp_csv *c, const char *name)
{
	return read_csv(obj, c, name);
}

int compliance_assessment_read_csv_buffer(compliance_assessment *a, const char *data, size_t size,
                                          const char *name)
{
	if (!a)
		return COMPLIANCE_E_INVALID;
	return cp_csv_read_buffer(&a->alloc, &a->err, data, size, name, read_csv_any, a);
}

int compliance_assessment_read_csv_file(compliance_assessment *a, const char *path)
{
	if (!a)
		return COMPLIANCE_E_INVALID;
	return cp_csv_read_file(&a->alloc, &a->err, path, read_csv_any, a);
}
