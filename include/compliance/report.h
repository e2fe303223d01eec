/**
 * @file report.h
 * @brief Results written out as text: an assessment's or an SKM survey's
 *        table, CSV or JSON, exactly as the `compliance` program prints
 *        them, and the escaping every human-readable output uses.
 *
 * Human-readable text (::COMPLIANCE_FORMAT_TABLE, and the text forms of
 * compliance_assessment_explain() and compliance_assessment_advise())
 * never contains a control character taken from input: C0 controls
 * (ESC, CR, LF, TAB, ...) and DEL are written as `\xNN`, C1 controls
 * (U+0080..U+009F) as `\u00NN`, and a byte that is not valid UTF-8 as
 * `\xNN`; see compliance_text_escape().
 *
 * CSV (::COMPLIANCE_FORMAT_CSV) is RFC 4180 and is neutralised against
 * formula injection as OWASP recommends: a text field (a name, type,
 * category, zone or label; never a number) that starts with `=`, `+`,
 * `-`, `@`, a tab or a carriage return is written with a leading single
 * quote and quoted, e.g. `"'=HYPERLINK(...)"`, so that a spreadsheet shows
 * it as text instead of evaluating it. Strip one leading `'` from such a
 * field to get the original text back.
 *
 * The returned texts are allocated with malloc(3), not with the context's
 * allocator; release them with compliance_free().
 */
#ifndef COMPLIANCE_REPORT_H
#define COMPLIANCE_REPORT_H

#include "compliance/common.h"
#include "compliance/assessment.h"
#include "compliance/skm.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Output formats of compliance_assessment_write() and
 *        compliance_skm_write().
 */
enum compliance_format {
	COMPLIANCE_FORMAT_TABLE = 0, /**< Aligned columns for a terminal, control characters escaped. */
	COMPLIANCE_FORMAT_CSV = 1,   /**< RFC 4180 with a header line, formula-like text neutralised. */
	COMPLIANCE_FORMAT_JSON = 2,  /**< A JSON document, indented by 2. */
	/** CSV as Excel saves and opens it in the Indonesian locale: a UTF-8
	 *  byte-order mark, `;` between fields, a decimal comma (`73,02`) and
	 *  CRLF line ends; text neutralised as ::COMPLIANCE_FORMAT_CSV and
	 *  quoted when it holds a `;`. Assessments only. */
	COMPLIANCE_FORMAT_CSV_EXCEL_ID = 3,
	/** An XLSX workbook: compliance_assessment_write_xlsx() and
	 *  compliance_profile_write_template() (not compliance_assessment_write(),
	 *  which writes text). */
	COMPLIANCE_FORMAT_XLSX = 4
};

/**
 * @brief Writes an assessment's results (every entity, in rank order:
 *        entity, entity_type, units, score, category, zone, label, rank,
 *        rank_in_type; JSON adds the exact mean) as `compliance score`
 *        prints them.
 *
 * Every format ends with a newline.
 *
 * @param assessment a computed assessment; errors are set on it
 *        (compliance_assessment_errmsg()).
 * @param format a ::compliance_format value.
 * @param out receives the NUL-terminated text; release it with
 *        compliance_free(). Set to NULL on failure.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_INVALID for a NULL argument or
 *         an unknown format; ::COMPLIANCE_E_STATE when the assessment is
 *         not computed; ::COMPLIANCE_E_NOMEM when out of memory.
 */
COMPLIANCE_API int compliance_assessment_write(compliance_assessment *assessment, int format,
                                               char **out);

/**
 * @brief Writes an assessment's results as an XLSX workbook: the columns
 *        of compliance_assessment_write() on one sheet, "hasil", under a
 *        bold header row.
 *
 * The units, rank and rank_in_type columns are numbers (integers, exact in
 * a spreadsheet's binary doubles); the score is written as text holding
 * its exact decimal ("73.02"), never through a binary double, so that the
 * cell says exactly what the CSV and JSON forms say; every other field is
 * text (never a formula: no neutralising quote is needed). The workbook is
 * the same under any LC_NUMERIC: libxlsxwriter's own numbers are
 * formatted under a thread-local "C" locale.
 *
 * @param assessment a computed assessment; errors are set on it
 *        (compliance_assessment_errmsg()).
 * @param path the file to write (replaced if it exists).
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_INVALID for a NULL argument;
 *         ::COMPLIANCE_E_STATE when the assessment is not computed;
 *         ::COMPLIANCE_E_IO when the file cannot be written;
 *         ::COMPLIANCE_E_NOMEM when out of memory.
 */
COMPLIANCE_API int compliance_assessment_write_xlsx(compliance_assessment *assessment,
                                                    const char *path);

/**
 * @brief Writes an answer sheet for a profile's indicator tree: one row
 *        for each unit and each indicator, in the CSV input form
 *        `entity,entity_type,unit,indicator,value` with the values empty,
 *        which compliance_assessment_read_csv_file() or
 *        compliance_assessment_read_xlsx_file() reads back once filled.
 *
 * The XLSX form puts the rows on a sheet "jawaban" with a drop-down of the
 * allowed answers on each value cell (integer scales of at most 11 levels;
 * a decimal range check otherwise) whose prompt names the indicator, and a
 * second sheet "petunjuk" with instructions (Indonesian and English) and
 * every indicator's id, name, scale and allowed answers.
 *
 * @param profile a profile with an indicator tree.
 * @param format ::COMPLIANCE_FORMAT_CSV or ::COMPLIANCE_FORMAT_XLSX.
 * @param entity the entity name written on every row; NULL or "" leaves
 *        it to be filled in.
 * @param entity_type the entity type written on every row; NULL or "".
 * @param units the unit names (none empty, none starting with '@').
 * @param nunits their number (at least 1).
 * @param path the file to write (replaced if it exists).
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_INVALID (a NULL argument, an
 *         unknown format, no unit or a bad unit name);
 *         ::COMPLIANCE_E_NOTFOUND (the profile has no indicator with an
 *         answer scale: its input is unit scores); ::COMPLIANCE_E_IO;
 *         ::COMPLIANCE_E_NOMEM.
 */
COMPLIANCE_API int compliance_profile_write_template(const compliance_profile *profile,
                                                     int format, const char *entity,
                                                     const char *entity_type,
                                                     const char *const *units, size_t nunits,
                                                     const char *path);

/**
 * @brief Writes an SKM survey's result (respondents, each element's NRR,
 *        the IKM, its category and label) as `compliance skm` prints it.
 *
 * Every format ends with a newline.
 *
 * @param skm a computed survey.
 * @param format a ::compliance_format value.
 * @param out receives the NUL-terminated text; release it with
 *        compliance_free(). Set to NULL on failure.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_INVALID for a NULL argument or
 *         an unknown format; ::COMPLIANCE_E_STATE when the survey is not
 *         computed; ::COMPLIANCE_E_NOMEM when out of memory.
 */
COMPLIANCE_API int compliance_skm_write(const compliance_skm *skm, int format, char **out);

/**
 * @brief Makes text safe to print on a terminal: the escaping every
 *        human-readable output of the library uses.
 *
 * C0 controls (U+0000..U+001F) and DEL become `\xNN` (ESC is `\x1b`, CR
 * `\x0d`), C1 controls (U+0080..U+009F) become `\u00NN`, and a byte that is
 * not part of valid UTF-8 becomes `\xNN`. Printable ASCII (the backslash
 * included) and other valid UTF-8 are copied unchanged.
 *
 * @param text NUL-terminated text.
 * @param out receives the escaped text; release it with compliance_free().
 *        Set to NULL on failure.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_INVALID for a NULL argument;
 *         ::COMPLIANCE_E_NOMEM when out of memory.
 */
COMPLIANCE_API int compliance_text_escape(const char *text, char **out);

#ifdef __cplusplus
}
#endif

#endif /* COMPLIANCE_REPORT_H */
