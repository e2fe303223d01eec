/* The frame and the escaping shared by the per-entity reports (report/doc.c). */
#ifndef COMPLIANCE_REPORT_DOC_H
#define COMPLIANCE_REPORT_DOC_H

#include <stddef.h>

#include "score/assessment_internal.h"

struct json_t;

/* Replaces every string in a JSON document (values, recursively) by its
 * terminal-safe form (cp_sb_escaped()): run by the text renderers before
 * they print a document's strings. 0 or COMPLIANCE_E_NOMEM. */
int cp_json_escape_strings(struct json_t *doc);

/* A document as the library writes JSON: json_dumps() with two spaces of
 * indent, members in their order, and a final newline when newline (the
 * form the CLI prints). NULL for a NULL doc or when out of memory; free()
 * it (compliance_free() for the caller). */
char *cp_json_text(const struct json_t *doc, int newline);

/* Builds a JSON report of one entity (explanation or advice) and writes
 * it as JSON or, through `render`, as text: the shared body of
 * compliance_assessment_explain(), _advise() and _sensitivity().
 * `what` names the operation in messages. Every failure sets a->err with
 * the entity's index (and name, once the index is valid) and why; `build`
 * sets a->err itself when it fails. */
int cp_report(compliance_assessment *a, const char *what, size_t index, int format, char **out,
              struct json_t *(*build)(compliance_assessment *, const cp_result *, int *),
              char *(*render)(struct json_t *));

#endif
