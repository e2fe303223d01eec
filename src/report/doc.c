/*
 * What every per-entity report shares (explanation, advice, sensitivity):
 * the frame that builds one entity's JSON document and writes it as JSON
 * or as text (cp_report), and the escaping that keeps a document's strings
 * safe on a terminal (cp_json_escape_strings, compliance_text_escape).
 *
 * The lowest room of src/report: it uses the score layer and jansson, and
 * nothing else of this folder.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compliance/report.h"
#include "report/doc.h"
#include "score/assessment_internal.h"
#include "util/strbuf.h"

int compliance_text_escape(const char *text, char **out)
{
	cp_alloc al;
	cp_strbuf b;

	if (!out)
		return COMPLIANCE_E_INVALID;
	*out = NULL;
	if (!text)
		return COMPLIANCE_E_INVALID;
	cp_alloc_default(&al);
	cp_sb_init(&b, &al);
	cp_sb_escaped(&b, text);
	*out = cp_sb_take(&b);
	return *out ? COMPLIANCE_OK : COMPLIANCE_E_NOMEM;
}

int cp_json_escape_strings(json_t *doc)
{
	cp_alloc al;
	cp_strbuf b;
	size_t i;
	const char *key;
	json_t *v;
	void *tmp;

	if (json_is_array(doc)) {
		json_array_foreach(doc, i, v)
			if (cp_json_escape_strings(v))
				return COMPLIANCE_E_NOMEM;
	} else if (json_is_object(doc)) {
		json_object_foreach_safe(doc, tmp, key, v)
			if (cp_json_escape_strings(v))
				return COMPLIANCE_E_NOMEM;
	} else if (json_is_string(doc)) {
		const char *s = json_string_value(doc);
		size_t len = json_string_length(doc), k = 0;
		while (k < len && (unsigned char)s[k] >= 0x20 && (unsigned char)s[k] < 0x7F)
			k++;
		if (k == len) /* printable ASCII only: nothing to escape */
			return COMPLIANCE_OK;
		cp_alloc_default(&al);
		cp_sb_init(&b, &al);
		cp_sb_escaped(&b, s);
		if (b.failed || json_string_setn(doc, b.s ? b.s : "", b.len)) {
			cp_sb_free(&b);
			return COMPLIANCE_E_NOMEM;
		}
		cp_sb_free(&b);
	}
	return COMPLIANCE_OK;
}

int cp_report(compliance_assessment *a, const char *what, size_t index, int format, char **out,
              json_t *(*build)(compliance_assessment *, const cp_result *, int *),
              char *(*render)(json_t *))
{
	json_t *doc;
	char *text, q[64];
	int rc;

	if (!a)
		return COMPLIANCE_E_INVALID;
	cp_error_clear(&a->err);
	if (out)
		*out = NULL;
	if (!out || (format != COMPLIANCE_EXPLAIN_JSON && format != COMPLIANCE_EXPLAIN_TEXT))
		return cp_error_set(&a->err, COMPLIANCE_E_INVALID,
		                    "%s: entity at index %zu: %s", what, index,
		                    !out ? "the output pointer is NULL"
		                         : "the format must be COMPLIANCE_EXPLAIN_JSON or "
		                           "COMPLIANCE_EXPLAIN_TEXT");
	if (!a->computed)
		return cp_error_set(&a->err, COMPLIANCE_E_STATE,
		                    "%s: entity at index %zu: the assessment has no results: compute "
		                    "it first", what, index);
	if (index >= a->nresults)
		return cp_error_set(&a->err, COMPLIANCE_E_NOTFOUND,
		                    "%s: no entity at index %zu: the results hold %zu", what, index,
		                    a->nresults);
	{
		const char *name = a->entities[a->results[index].entity].name;
		cp_quote(q, sizeof q, name, strlen(name));
	}
	rc = 0;
	doc = build(a, &a->results[index], &rc);
	if (!doc) {
		if (!rc)
			rc = COMPLIANCE_E_NOMEM;
		if (a->err.code) {
			/* the builder said why; name the operation and the index too */
			char why[sizeof a->err.msg];
			snprintf(why, sizeof why, "%s", a->err.msg);
			return cp_error_set(&a->err, rc, "%s (entity at index %zu): %s", what, index, why);
		}
		return cp_error_set(&a->err, rc, "%s: entity %s (index %zu): %s", what, q, index,
		                    rc == COMPLIANCE_E_OVERFLOW
		                        ? "a value grew too large to hold exactly"
		                        : compliance_strerror(rc));
	}
	text = format == COMPLIANCE_EXPLAIN_JSON ? cp_json_text(doc, 0)
	                                         : render(doc);
	json_decref(doc);
	if (!text)
		return cp_error_set(&a->err, COMPLIANCE_E_NOMEM,
		                    "%s: entity %s (index %zu): out of memory writing the %s", what, q,
		                    index, format == COMPLIANCE_EXPLAIN_JSON ? "JSON" : "text");
	*out = text;
	return COMPLIANCE_OK;
}

char *cp_json_text(const json_t *doc, int newline)
{
	char *s = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL, *t;
	size_t n;

	if (!s || !newline)
		return s;
	n = strlen(s);
	t = realloc(s, n + 2);
	if (!t) {
		free(s);
		return NULL;
	}
	t[n] = '\n';
	t[n + 1] = '\0';
	return t;
}
