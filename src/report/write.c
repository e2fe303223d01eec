/*
 * The public writers: compliance_assessment_write() and
 * compliance_skm_write() check their arguments and hand each format to its
 * renderer: the table, CSV and JSON in emit.c, the rapor (HTML) in html.c.
 * The top room of the writers: nothing in src/ calls these, so a renderer
 * that needs another form of the same result (the rapor needs the SKM
 * document) takes it from the renderer, never back through here.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "compliance/report.h"
#include "compliance/skm.h"
#include "report/doc.h"
#include "report/emit.h"
#include "report/html.h"
#include "score/assessment_internal.h"
#include "util/strbuf.h"

int compliance_assessment_write(compliance_assessment *a, int format, char **out)
{
	cp_alloc al;
	cp_strbuf b;

	if (!a)
		return COMPLIANCE_E_INVALID;
	if (!out)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID, "write: out is NULL");
	*out = NULL;
	if (format == COMPLIANCE_FORMAT_XLSX)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID,
		                    "write: COMPLIANCE_FORMAT_XLSX writes a file: call "
		                    "compliance_assessment_write_xlsx()");
	if (format != COMPLIANCE_FORMAT_TABLE && format != COMPLIANCE_FORMAT_CSV &&
	    format != COMPLIANCE_FORMAT_JSON && format != COMPLIANCE_FORMAT_CSV_EXCEL_ID &&
	    format != COMPLIANCE_FORMAT_HTML)
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID,
		                    "write: unknown format %d: expected COMPLIANCE_FORMAT_TABLE, "
		                    "_CSV, _JSON, _CSV_EXCEL_ID or _HTML", format);
	if (!a->computed)
		return cp_error_set(&a->err, COMPLIANCE_E_STATE,
		                    "write: the assessment is not computed: call "
		                    "compliance_assessment_compute() first");
	if (format == COMPLIANCE_FORMAT_JSON) {
		*out = cp_emit_json(a);
	} else {
		cp_alloc_default(&al); /* the text is released with compliance_free() */
		cp_sb_init(&b, &al);
		if (format == COMPLIANCE_FORMAT_TABLE)
			cp_emit_table(a, &b);
		else if (format == COMPLIANCE_FORMAT_HTML)
			cp_write_html(a, &b);
		else
			cp_emit_csv(a, &b, format == COMPLIANCE_FORMAT_CSV_EXCEL_ID);
		*out = cp_sb_take(&b);
	}
	if (!*out)
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM, "write: out of memory");
	cp_error_clear(&a->err);
	return COMPLIANCE_OK;
}


int compliance_skm_write(const compliance_skm *s, int format, char **out)
{
	cp_alloc al;
	cp_strbuf b;

	if (!s || !out)
		return COMPLIANCE_E_INVALID;
	*out = NULL;
	if (format != COMPLIANCE_FORMAT_TABLE && format != COMPLIANCE_FORMAT_CSV &&
	    format != COMPLIANCE_FORMAT_JSON && format != COMPLIANCE_FORMAT_HTML)
		return COMPLIANCE_E_INVALID;
	if (!compliance_skm_result(s, COMPLIANCE_SKM_IKM))
		return COMPLIANCE_E_STATE;
	if (format == COMPLIANCE_FORMAT_JSON) {
		{
		json_t *doc = cp_skm_doc(s);
		*out = cp_json_text(doc, 1);
		json_decref(doc);
	}
	} else {
		cp_alloc_default(&al);
		cp_sb_init(&b, &al);
		if (format == COMPLIANCE_FORMAT_TABLE)
			cp_emit_skm_table(s, &b);
		else if (format == COMPLIANCE_FORMAT_HTML)
			cp_write_skm_html(s, &b);
		else
			cp_emit_skm_csv(s, &b);
		*out = cp_sb_take(&b);
	}
	return *out ? COMPLIANCE_OK : COMPLIANCE_E_NOMEM;
}
