/*
 * compliance_assessment_read_xlsx_file(): one sheet of a workbook, turned
 * into CSV by io/xlsx.c (row N = line N) and read by the CSV reader under
 * the name "FILE[SHEET]".
 */
#include <stdio.h>
#include <string.h>

#include "compliance/assessment.h"
#include "io/xlsx.h"
#include "score/assessment_internal.h"

int compliance_assessment_read_xlsx_file(compliance_assessment *a, const char *path,
                                         const char *sheet)
{
	char *csv = NULL, *name = NULL, *label;
	size_t len, n;
	int rc;

	if (!a)
		return COMPLIANCE_E_INVALID;
	if (!path)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID, "read_xlsx_file: path is NULL");
	rc = cp_xlsx_read_csv(&a->alloc, &a->err, path, sheet, &csv, &len, &name);
	if (rc)
		return rc;
	n = strlen(path) + strlen(name) + 3;
	label = cp_malloc(&a->alloc, n);
	if (!label) {
		rc = cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "%s: out of memory", path);
	} else {
		snprintf(label, n, "%s[%s]", path, name);
		rc = compliance_assessment_read_csv_buffer(a, csv, len, label);
	}
	cp_free(&a->alloc, label);
	cp_free(&a->alloc, name);
	cp_free(&a->alloc, csv);
	return rc;
}
