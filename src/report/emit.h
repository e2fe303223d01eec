/* The renderers of report/emit.c, one per format. */
#ifndef COMPLIANCE_EMIT_H
#define COMPLIANCE_EMIT_H

struct json_t;
struct compliance_assessment;
struct compliance_skm;
struct cp_strbuf;

/* The renderers behind compliance_assessment_write() and
 * compliance_skm_write() (report/write.c), one per format, for a computed
 * assessment or survey. The strbuf ones append to b (a failure shows in
 * b->failed); cp_emit_json() returns the JSON text (cp_json_text(), with
 * the final newline), or NULL when out of memory. */
void cp_emit_table(const struct compliance_assessment *a, struct cp_strbuf *b);
void cp_emit_csv(const struct compliance_assessment *a, struct cp_strbuf *b, int excel_id);
char *cp_emit_json(const struct compliance_assessment *a);
void cp_emit_skm_table(const struct compliance_skm *s, struct cp_strbuf *b);
void cp_emit_skm_csv(const struct compliance_skm *s, struct cp_strbuf *b);

/* The SKM survey's JSON document (the COMPLIANCE_FORMAT_JSON form, also
 * read by the SKM rapor), or NULL when out of memory; json_decref() it. */
struct json_t *cp_skm_doc(const struct compliance_skm *s);

#endif
