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
	COMPLIANCE_FORMAT_JSON = 2   /**< A JSON document, indented by 2. */
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
