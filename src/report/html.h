/* The rapor (report/html.c): the HTML form of compliance_assessment_write()
 * and compliance_skm_write(). */
#ifndef COMPLIANCE_REPORT_HTML_H
#define COMPLIANCE_REPORT_HTML_H

struct compliance_assessment;
struct compliance_skm;
struct cp_strbuf;

/* The rapor (COMPLIANCE_FORMAT_HTML) of a computed assessment, appended to
 * b. COMPLIANCE_OK or COMPLIANCE_E_NOMEM. */
int cp_write_html(struct compliance_assessment *a, struct cp_strbuf *b);

/* The SKM rapor: the survey's JSON document (cp_skm_doc()) as a page.
 * COMPLIANCE_OK or COMPLIANCE_E_NOMEM. */
int cp_write_skm_html(const struct compliance_skm *s, struct cp_strbuf *b);

#endif
