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
	COMPLIANCE_FORMAT_XLSX = 4,
	/** The rapor: one self-contained HTML page for people to read and
	 *  print (compliance_assessment_write() and compliance_skm_write();
	 *  see there). */
	COMPLIANCE_FORMAT_HTML = 5
};

/**
 * @brief Writes an assessment's results (every entity, in rank order:
 *        entity, entity_type, units, score, category, zone, label, rank,
 *        rank_in_type; JSON adds the exact mean) as `compliance score`
 *        prints them.
 *
 * Every format ends with a newline.
 *
 * ::COMPLIANCE_FORMAT_HTML writes the rapor (`compliance report`): one
 * self-contained HTML page (inline CSS and SVG, no script, a
 * Content-Security-Policy that forbids every network load), Indonesian
 * with an English switch, printable: the counts per category and zone
 * (overall and by entity type), the national table with ranks, and for
 * each entity a bar chart of its unit scores against the profile's band
 * edges, its explanation, its advice and its sensitivity to the weights
 * not published within ±20 % (the text forms of
 * compliance_assessment_explain(), compliance_assessment_advise() and
 * compliance_assessment_sensitivity(); an entity one of them cannot serve
 * shows why). Every text from input is
 * escaped for HTML after its control characters are made visible.
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
 * ::COMPLIANCE_FORMAT_HTML writes the survey's rapor: one self-contained
 * page (the same CSP and language switch as the assessment's): the IKM,
 * each element's NRR with its quality band and a bar on the answer scale,
 * the IKM under the templates' weights (0.111, 0.11) with a mark where the
 * band differs, the respondent profile, and one section per group.
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

/**
 * @brief Carries an assessment's answers onto another edition through a
 *        crosswalk, for a like-for-like score under that edition.
 *
 * The crosswalk is CSV text with the header `from,to` or `from,to,values`:
 * one row per node of @p from's profile; `to` is the node of @p to's
 * profile that asks the same thing, or empty (or `-`) for no equivalent;
 * `values`, when given, maps answers (`0=tidak;1=ya;2=ya;3=ya`). Without
 * it an answer keeps its share of its scale exactly (0..3 onto 0..1: 3 ->
 * 1, 0 -> 0); an answer whose share falls between two answers of the new
 * scale is refused with the entity, unit, node and value (give a `values`
 * column rather than have it rounded). A node mapped twice, or two nodes
 * onto one, is refused with both lines.
 *
 * Carried into @p to: every answer of a mapped node, every unit score
 * given whole (unchanged: counted in the report, as a score under another
 * method), and every entity-level input @p to's profile knows. Left out,
 * and listed in the report: answers of nodes with no equivalent or not in
 * the crosswalk, product scores, unknown inputs; the report also lists the
 * leaves of @p to's profile that received no answer (the missing-answer
 * policy of @p to decides what they count).
 *
 * Report (JSON): from, to, crosswalk (the name), answers_carried,
 * unit_scores_carried, product_scores_dropped, inputs_carried,
 * no_equivalent[], not_in_crosswalk[], inputs_dropped[] (entity, input),
 * to_leaves_without_answers[], rows[] (from, to, line, answers).
 *
 * @param from the assessment whose answers are carried (not changed).
 * @param to the assessment under the other edition that receives them;
 *        compute it afterwards. On failure it is left as it was.
 * @param data the crosswalk's CSV text.
 * @param size its length in bytes.
 * @param name the crosswalk's name for messages (a file name), or NULL.
 * @param[out] report receives the JSON report; release it with
 *        compliance_free(). NULL on failure.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_PARSE (a malformed crosswalk),
 *         ::COMPLIANCE_E_NOTFOUND (a node unknown to its profile),
 *         ::COMPLIANCE_E_DUPLICATE, ::COMPLIANCE_E_RANGE (an answer that
 *         cannot be carried), an error of adding to @p to (with its
 *         message), ::COMPLIANCE_E_NOMEM or ::COMPLIANCE_E_INVALID. The
 *         message is on @p from (compliance_assessment_errmsg()).
 */
COMPLIANCE_API int compliance_assessment_crosswalk(compliance_assessment *from,
                                                   compliance_assessment *to, const char *data,
                                                   size_t size, const char *name, char **report);

/** @brief compliance_assessment_sensitivity()'s bound: any split of a
 *         group's unstated weights that keeps their sum. */
#define COMPLIANCE_SENSITIVITY_ANY_SPLIT 0

/**
 * @brief How far an entity's score and category can move when the weights
 *        the profile does not state vary: exact extremes, not sampling.
 *
 * The weights that vary are those of nodes whose confidence is unknown or
 * inferred (compliance_profile_node_confidence()); stated and verified
 * weights stay. Within each sibling group the varying weights keep their
 * sum (the group's published total) and each lies within ± @p percent of
 * its value, or, for ::COMPLIANCE_SENSITIVITY_ANY_SPLIT, anywhere from 0 to
 * their sum. The same weights serve every unit of the entity.
 *
 * With every answer present the entity's unrounded mean is linear in each
 * group's weights, so its extremes lie at vertices of the weight polytope
 * and are found exactly (bottom up, a greedy fill per group; exact
 * rational arithmetic). The report gives: the exact minimum and maximum of
 * the mean; the method's score, category and label at the weights of each
 * extreme (through the same roll-up as compliance_assessment_compute():
 * unit rounding, deductions, clamping, rounding, band, qualifiers), which
 * are attained; the weights chosen; and whether the category can change
 * ("yes", "no", or "possibly"). When the profile rounds units before
 * averaging, the rounded pipeline's extremes can lie up to one rounding
 * step beyond those attained: "outer" then gives bounds that hold (each
 * unit moved by half a step), and "possibly" says only they cross a band
 * edge. JSON: entity, profile, bound, score, category, now/min/max (score,
 * category, zone, label), mean_min/mean_max (exact, decimal), exact,
 * category_can_change, varying[] (node, name, confidence, weight,
 * weight_at_min, weight_at_max), outer (when not exact), note.
 *
 * An entity scored only from unit scores has no weight to vary: its range
 * is its score. Under the exclude policy for missing answers an excluded
 * answer renormalises each unit differently; such an entity is refused
 * (::COMPLIANCE_E_STATE), choose the minimum or error policy.
 *
 * @param assessment a computed assessment; a failure leaves its message.
 * @param index the entity (its rank order, as the other getters).
 * @param percent 1 to 100 (± that percentage of each weight), or
 *        ::COMPLIANCE_SENSITIVITY_ANY_SPLIT.
 * @param format ::COMPLIANCE_EXPLAIN_JSON or ::COMPLIANCE_EXPLAIN_TEXT.
 * @param[out] out receives a NUL-terminated UTF-8 text; release it with
 *             compliance_free().
 * @return ::COMPLIANCE_OK, ::COMPLIANCE_E_STATE (not computed, or an
 *         excluded answer), ::COMPLIANCE_E_NOTFOUND (bad index),
 *         ::COMPLIANCE_E_OVERFLOW (a value beyond the exact range),
 *         ::COMPLIANCE_E_NOMEM or ::COMPLIANCE_E_INVALID (NULL @p out, an
 *         unknown format, or @p percent outside 0..100).
 */
COMPLIANCE_API int compliance_assessment_sensitivity(compliance_assessment *assessment,
                                                     size_t index, int percent, int format,
                                                     char **out);

/**
 * @brief Compares two computed assessments (two years, or two editions):
 *        `compliance compare`.
 *
 * Entities are joined on their normalised names (trimmed, runs of white
 * space as one space, ASCII letters case-folded) or, for names listed in
 * @p id_map, on their id. For each joined entity: both scores, the change,
 * both categories (the zone in zone-only editions), the move (up, down,
 * same: by category when the two band tables name the same bands, else by
 * zone), a drop flag (a worse category), both ranks and, per unit joined by
 * normalised name, both scores and the change. Also the entities of one
 * assessment only, the five biggest rises and falls, the category
 * transition matrix, and whether the methods can be compared: read from
 * the profiles (scale, rounding, roll-up, bands, the dimensions at the top
 * of the indicator tree and their weights); `comparable` is false with the
 * differences listed (2024 against 2025: the dimensions differ), or null
 * when a profile publishes no tree. The JSON shape is documented in
 * docs/design.md §3.5; the CSV has one row per entity, per unit and per
 * entity of one assessment only (`presence`: both, before, after).
 *
 * @param before the earlier assessment, computed.
 * @param after the later assessment, computed; errors are set on it.
 * @param id_map NULL, or CSV text with the header `entity,id`: each name
 *        (normalised) joins on its id instead.
 * @param id_map_size the bytes of @p id_map.
 * @param format a ::compliance_format value.
 * @param out receives the NUL-terminated text; release it with
 *        compliance_free(). Set to NULL on failure.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_INVALID (a NULL argument, an
 *         unknown format); ::COMPLIANCE_E_STATE (an assessment not
 *         computed); ::COMPLIANCE_E_PARSE (a malformed id map);
 *         ::COMPLIANCE_E_DUPLICATE (two entities of one assessment join
 *         on the same key); ::COMPLIANCE_E_NOMEM.
 */
COMPLIANCE_API int compliance_compare_write(compliance_assessment *before,
                                            compliance_assessment *after, const char *id_map,
                                            size_t id_map_size, int format, char **out);

/**
 * @brief Compares two computed assessments as compliance_compare_write()
 *        does, joining the entities on a kept column instead of their
 *        names: `compliance compare --id-column COLUMN`.
 *
 * Both assessments keep @p id_column (compliance_assessment_keep_column()
 * before reading). Each entity's id is its value there, normalised as
 * names are (trimmed, runs of white space as one space, ASCII letters
 * case-folded), so that two years whose names are spelled differently
 * join on the id. Every entity needs an id, and no two entities of one
 * assessment may share one.
 *
 * @param before the earlier assessment, computed.
 * @param after the later assessment, computed; errors are set on it.
 * @param id_column the kept column's name, or NULL to join on names
 *        (as compliance_compare_write() without a map).
 * @param format a ::compliance_format value.
 * @param out receives the NUL-terminated text; release it with
 *        compliance_free(). Set to NULL on failure.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_INVALID (a NULL argument, an
 *         unknown format); ::COMPLIANCE_E_STATE (an assessment not
 *         computed); ::COMPLIANCE_E_NOTFOUND (@p id_column not kept by an
 *         assessment); ::COMPLIANCE_E_MISSING (an entity without an id: the
 *         message names it); ::COMPLIANCE_E_DUPLICATE (two entities of one
 *         assessment with the same id: the message names both and where
 *         each id was given); ::COMPLIANCE_E_NOMEM.
 */
COMPLIANCE_API int compliance_compare_write_by(compliance_assessment *before,
                                               compliance_assessment *after,
                                               const char *id_column, int format, char **out);

/**
 * @brief Writes how many entities of a computed assessment fall in each
 *        category and zone: overall, by entity type and, with a group
 *        map, by group (e.g. the province): `compliance score --summary`.
 *
 * JSON: `{"profile", "all", "by_entity_type": {type: row}, "by_group":
 * {group: row}, "ungrouped": [names]}` with each row `{"total",
 * "categories": {band: n}, "zones": {zone: n}}` (every band and zone of the
 * profile a key; `by_group` and `ungrouped` only with a map). CSV: the
 * header `by,group,total` and one column per category then per zone; rows
 * `all,all,...`, `entity_type,<type>,...`, `group,<group>,...`. The table
 * prints the same rows aligned, and the entities in no group.
 *
 * @param assessment a computed assessment; errors are set on it.
 * @param group_map NULL, or CSV text with the header `entity,group`; names
 *        are matched normalised (trimmed, spaces collapsed, ASCII case
 *        ignored).
 * @param group_map_size the bytes of @p group_map.
 * @param format a ::compliance_format value.
 * @param out receives the NUL-terminated text; release it with
 *        compliance_free(). Set to NULL on failure.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_INVALID (a NULL argument, an
 *         unknown format); ::COMPLIANCE_E_STATE (not computed);
 *         ::COMPLIANCE_E_PARSE (a malformed group map);
 *         ::COMPLIANCE_E_NOMEM.
 */
COMPLIANCE_API int compliance_assessment_write_summary(compliance_assessment *assessment,
                                                       const char *group_map,
                                                       size_t group_map_size, int format,
                                                       char **out);

/**
 * @brief Writes the summary of compliance_assessment_write_summary(),
 *        grouped by a kept column of the input (e.g. the province):
 *        `compliance score --summary --group-by COLUMN`.
 *
 * The document is that of compliance_assessment_write_summary() with a
 * map, and `"group_column"` (the column's name as kept) after
 * `"profile"`: `by_group` counts the entities by their value in the
 * column, in the order the values are first met in rank order; entities
 * without a value are counted under the group `""` (the table shows it as
 * "(no group)") and listed in `ungrouped`.
 *
 * @param assessment a computed assessment; errors are set on it.
 * @param column a column kept with compliance_assessment_keep_column()
 *        before reading; NULL gives the summary without groups.
 * @param format a ::compliance_format value.
 * @param out receives the NUL-terminated text; release it with
 *        compliance_free(). Set to NULL on failure.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_INVALID (a NULL argument, an
 *         unknown format); ::COMPLIANCE_E_STATE (not computed);
 *         ::COMPLIANCE_E_NOTFOUND (@p column is not kept);
 *         ::COMPLIANCE_E_NOMEM.
 */
COMPLIANCE_API int compliance_assessment_write_summary_by(compliance_assessment *assessment,
                                                          const char *column, int format,
                                                          char **out);

/**
 * @brief Writes every unit's score: `compliance score --units`.
 *
 * One row per unit, the entities in rank order and their units in input
 * order: entity, entity_type, unit, score (rounded as the profile says),
 * exact (the exact unit score); CSV and JSON add the entity's score and
 * rank (`entity_score`, `entity_rank`).
 *
 * @param assessment a computed assessment; errors are set on it.
 * @param format a ::compliance_format value.
 * @param out receives the NUL-terminated text; release it with
 *        compliance_free(). Set to NULL on failure.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_INVALID (a NULL argument, an
 *         unknown format); ::COMPLIANCE_E_STATE (not computed);
 *         ::COMPLIANCE_E_NOMEM.
 */
COMPLIANCE_API int compliance_assessment_write_units(compliance_assessment *assessment,
                                                     int format, char **out);

#ifdef __cplusplus
}
#endif

#endif /* COMPLIANCE_REPORT_H */
