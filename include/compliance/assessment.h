/**
 * @file assessment.h
 * @brief Scoring entities: unit (or product) scores in, the entity score,
 *        its band and its national and per-type rank out.
 *
 * An assessment is used by one thread at a time. Its failures leave their
 * detail on it, read with compliance_assessment_errmsg(). A failed call
 * changes nothing: a CSV file with a bad row adds none of its rows.
 */
#ifndef COMPLIANCE_ASSESSMENT_H
#define COMPLIANCE_ASSESSMENT_H

#include "compliance/common.h"
#include "compliance/profile.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief A set of entities scored under one profile. */
typedef struct compliance_assessment compliance_assessment;

/**
 * @brief Options of an assessment, for compliance_assessment_set_option().
 */
enum compliance_option {
	COMPLIANCE_OPT_ROLLUP = 1,     /**< A ::compliance_rollup value. */
	COMPLIANCE_OPT_MISSING = 2,    /**< A ::compliance_missing value. */
	COMPLIANCE_OPT_DIALECT = 3,    /**< A ::compliance_dialect value: how CSV input is written. */
	COMPLIANCE_OPT_ENCODING = 4,   /**< A ::compliance_encoding value: the text encoding of CSV input. */
	COMPLIANCE_OPT_NAMES = 5,      /**< A ::compliance_names value: names that differ only in case. */
	COMPLIANCE_OPT_MAX_ERRORS = 6  /**< How many errors a CSV read reports before it stops (1 or more; default 20). */
};

/**
 * @brief The dialect of CSV input (::COMPLIANCE_OPT_DIALECT;
 *        compliance_assessment_csv_dialect() tells which one a read used).
 */
enum compliance_dialect {
	/** Chosen from the header row: more semicolons than commas outside
	 *  quotes is ::COMPLIANCE_DIALECT_EXCEL_ID, else RFC 4180 (the default). */
	COMPLIANCE_DIALECT_AUTO = 0,
	/** RFC 4180: `,` between fields, `.` before decimals. */
	COMPLIANCE_DIALECT_RFC4180 = 1,
	/** As Excel saves "CSV" in the Indonesian locale: `;` between fields and
	 *  a decimal comma (`97,98`; a point is read as well). */
	COMPLIANCE_DIALECT_EXCEL_ID = 2
};

/**
 * @brief The text encoding of CSV input (::COMPLIANCE_OPT_ENCODING). Text
 *        in another encoding is converted to UTF-8 through the C library's
 *        iconv(3) before it is parsed (the whole input is then held in
 *        memory).
 */
enum compliance_encoding {
	COMPLIANCE_ENCODING_UTF8 = 0,   /**< UTF-8, with or without a byte-order mark (the default). */
	COMPLIANCE_ENCODING_CP1252 = 1, /**< Windows-1252, what Excel saves as "CSV" on Windows. */
	COMPLIANCE_ENCODING_LATIN1 = 2  /**< ISO-8859-1. */
};

/**
 * @brief What an entity or unit name that differs from an earlier one only
 *        in the case of its ASCII letters does (::COMPLIANCE_OPT_NAMES).
 *        Names are compared after their spaces are normalised (trimmed,
 *        each run made one space) in every case.
 */
enum compliance_names {
	/** Refuse it, naming both spellings and their lines (the default). */
	COMPLIANCE_NAMES_REFUSE = 0,
	/** Read it as the earlier one; the first spelling is kept. */
	COMPLIANCE_NAMES_MERGE = 1
};

/**
 * @brief What a missing indicator answer does (chosen per run; the result
 *        records the policy and which answers were missing).
 */
enum compliance_missing {
	COMPLIANCE_MISSING_ERROR = 0,   /**< Refuse to score (the default). */
	COMPLIANCE_MISSING_EXCLUDE = 1, /**< Leave it out and re-weight among the answered siblings. */
	COMPLIANCE_MISSING_MINIMUM = 2  /**< Count it as the lowest answer of its scale. */
};

/**
 * @brief An entity's unit count against the range its profile declares
 *        (compliance_profile_unit_count_range()), for
 *        compliance_assessment_entity_unit_check().
 *
 * A warning, never an error: the entity is scored all the same (the mean
 * of the units given), so that partial data can be scored; the flag says
 * that the result may not be comparable with a published one.
 */
enum compliance_unit_check {
	COMPLIANCE_UNITS_IN_RANGE = 0,  /**< Within the profile's range. */
	COMPLIANCE_UNITS_UNCHECKED = 1, /**< The profile declares no range (the count is unknown). */
	COMPLIANCE_UNITS_TOO_FEW = 2,   /**< Fewer units than the profile's minimum. */
	COMPLIANCE_UNITS_TOO_MANY = 3   /**< More units than the profile's maximum. */
};

/**
 * @brief Sizes of the text the library writes into a caller's buffer.
 *
 * Reachable without a C compiler through
 * `compliance_enum_value(&out, "compliance_limit", "exact_text_size")`.
 */
enum compliance_limit {
	/** Bytes, the terminating NUL included, that always hold an exact
	 *  value written by compliance_assessment_unit_exact(). */
	COMPLIANCE_EXACT_TEXT_SIZE = 96
};

/**
 * @brief Creates an empty assessment under @p profile.
 * @param ctx the context: allocator and error detail for this call.
 * @param[out] out receives the assessment; NULL on failure.
 * @param profile the profile; the assessment keeps a reference to it.
 * @return ::COMPLIANCE_OK, ::COMPLIANCE_E_INVALID (NULL argument, or a
 *         profile of kind ::COMPLIANCE_PROFILE_SKM) or ::COMPLIANCE_E_NOMEM.
 * @note Release with compliance_assessment_free().
 */
COMPLIANCE_API int compliance_assessment_new(compliance_ctx *ctx, compliance_assessment **out,
                                             compliance_profile *profile);

/**
 * @brief Releases an assessment and its reference to the profile. NULL is ignored.
 * @param assessment the assessment.
 */
COMPLIANCE_API void compliance_assessment_free(compliance_assessment *assessment);

/**
 * @brief The message of the last failure on this assessment.
 * @param assessment the assessment.
 * @return a string owned by the assessment; "" when none; never NULL.
 */
COMPLIANCE_API const char *compliance_assessment_errmsg(const compliance_assessment *assessment);

/**
 * @brief The code of the last failure on this assessment.
 * @param assessment the assessment (NULL gives ::COMPLIANCE_E_INVALID).
 * @return the `COMPLIANCE_E_*` code of the last failed call on
 *         @p assessment, or ::COMPLIANCE_OK when the last call that can fail
 *         succeeded or none was made.
 */
COMPLIANCE_API int compliance_assessment_errcode(const compliance_assessment *assessment);

/**
 * @brief The profile the assessment scores under.
 * @param assessment the assessment.
 * @return the profile, owned by the assessment and valid while it lives
 *         (take a reference with compliance_profile_ref() to keep it
 *         longer); NULL for NULL.
 */
COMPLIANCE_API compliance_profile *compliance_assessment_profile(const compliance_assessment *assessment);

/**
 * @brief Sets an option.
 * @param assessment the assessment.
 * @param option a ::compliance_option value.
 * @param value the value; for ::COMPLIANCE_OPT_ROLLUP a ::compliance_rollup,
 *              for ::COMPLIANCE_OPT_MISSING a ::compliance_missing.
 * @return ::COMPLIANCE_OK or ::COMPLIANCE_E_INVALID (unknown option, or a
 *         roll-up the profile does not allow).
 */
COMPLIANCE_API int compliance_assessment_set_option(compliance_assessment *assessment,
                                                    int option, int value);

/**
 * @brief Names the header of one column of CSV input, for files whose
 *        header uses neither the column's name nor one of its aliases
 *        (docs/input-format.md): e.g. column "entity", header "Nama Pemda".
 *        Headers match whatever their case and spacing.
 * @param assessment the assessment.
 * @param column "entity", "entity_type", "unit", "product", "indicator",
 *               or "value" (also "score": the same column).
 * @param header the header text (copied), or NULL to forget the mapping.
 * @return ::COMPLIANCE_OK, ::COMPLIANCE_E_NOTFOUND (unknown column),
 *         ::COMPLIANCE_E_INVALID (NULL assessment or column; empty header)
 *         or ::COMPLIANCE_E_NOMEM.
 */
COMPLIANCE_API int compliance_assessment_map_column(compliance_assessment *assessment,
                                                    const char *column, const char *header);

/**
 * @brief Keeps one more column of the input for each entity, e.g. the
 *        province, read with compliance_assessment_entity_attribute().
 *
 * Call it before reading. The CSV reader (and so the XLSX one) finds the
 * column in the header by its name, matched as the other headers are
 * (any ASCII case; '_', '-' and runs of spaces alike: "Provinsi" matches
 * "provinsi" and "PROVINSI"), whatever the file's other columns; a file
 * without it is refused, the message naming the column and the header
 * found. The JSON reader takes the value from the entity's `"attributes"`
 * object (docs/input-format.md). Each value has its spaces normalised as
 * names are (trimmed, each run one space). An entity has one value: every
 * row of it that gives one gives the same, else the read fails naming the
 * file, both lines, the column and both values (::COMPLIANCE_E_DUPLICATE,
 * all or nothing as for other bad rows, each conflict one diagnostic). A
 * row whose cell is empty takes the entity's value; an entity no row of
 * which gives one has "".
 * @param assessment the assessment.
 * @param column the column's name (copied); NULL forgets every kept column
 *        and the values read for them.
 * @return ::COMPLIANCE_OK (also when the column is kept already);
 *         ::COMPLIANCE_E_RANGE (8 columns are kept already);
 *         ::COMPLIANCE_E_INVALID (NULL assessment; a name that is empty,
 *         longer than 158 bytes or not UTF-8 text); ::COMPLIANCE_E_NOMEM.
 */
COMPLIANCE_API int compliance_assessment_keep_column(compliance_assessment *assessment,
                                                     const char *column);

/**
 * @brief The dialect the last CSV read used (chosen by
 *        ::COMPLIANCE_OPT_DIALECT or found from the header row).
 * @param assessment the assessment.
 * @return ::COMPLIANCE_DIALECT_RFC4180 or ::COMPLIANCE_DIALECT_EXCEL_ID;
 *         ::COMPLIANCE_DIALECT_AUTO when no CSV was read yet;
 *         ::COMPLIANCE_E_INVALID for NULL.
 */
COMPLIANCE_API int compliance_assessment_csv_dialect(const compliance_assessment *assessment);

/**
 * @brief How many errors the last CSV read reported: every bad row up to
 *        ::COMPLIANCE_OPT_MAX_ERRORS, each a full message ("file:line:
 *        field 'name': ..."); when it stopped at the limit, one more that
 *        says so. compliance_assessment_errmsg() gives the first.
 * @param assessment the assessment.
 * @return the count; 0 after a read that succeeded, or for NULL.
 */
COMPLIANCE_API size_t compliance_assessment_diag_count(const compliance_assessment *assessment);

/**
 * @brief One error of the last CSV read.
 * @param assessment the assessment.
 * @param index from 0 to compliance_assessment_diag_count() - 1.
 * @return a string owned by the assessment, valid until its next CSV read
 *         or its release; NULL for a bad index or NULL.
 */
COMPLIANCE_API const char *compliance_assessment_diag(const compliance_assessment *assessment,
                                                      size_t index);

/**
 * @brief Adds the score of one unit of an entity.
 * @param assessment the assessment.
 * @param entity the entity's name (UTF-8, not empty).
 * @param entity_type kementerian, lembaga, provinsi, kota or kabupaten.
 * @param unit the unit's name, unique within the entity.
 * @param score an exact decimal within the profile's scale, e.g. "82.70".
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_PARSE (score not a number, empty
 *         name, unknown type); ::COMPLIANCE_E_RANGE (outside the scale);
 *         ::COMPLIANCE_E_DUPLICATE (unit already given, or the entity given
 *         with another type); ::COMPLIANCE_E_NOMEM; ::COMPLIANCE_E_INVALID.
 */
COMPLIANCE_API int compliance_assessment_add_unit_score(compliance_assessment *assessment,
                                                        const char *entity,
                                                        const char *entity_type,
                                                        const char *unit, const char *score);

/**
 * @brief Adds the score of one service product of a unit (2015–2021
 *        editions, which score products).
 * @param assessment the assessment.
 * @param entity the entity's name.
 * @param entity_type the entity's type.
 * @param unit the unit (OPD) the product belongs to.
 * @param product the product's name, unique within the unit.
 * @param score an exact decimal within the scale.
 * @return as compliance_assessment_add_unit_score().
 */
COMPLIANCE_API int compliance_assessment_add_product_score(compliance_assessment *assessment,
                                                           const char *entity,
                                                           const char *entity_type,
                                                           const char *unit,
                                                           const char *product,
                                                           const char *score);

/**
 * @brief The reserved unit name of an entity-level yes/no input (a
 *        qualifier's input or a flag) in compliance_assessment_add_value()
 *        and the values CSV. Reserved forms start with '@', which no node id
 *        may contain; no other unit name of the values form may start with it.
 */
#define COMPLIANCE_UNIT_ENTITY "@entity"

/**
 * @brief The reserved indicator that gives a unit's own score in
 *        compliance_assessment_add_value() and the values CSV.
 */
#define COMPLIANCE_INDICATOR_SCORE "@score"

/**
 * @brief Adds one value of the indicator tree for a unit, or an entity-level
 *        yes/no input.
 *
 * With a unit name, @p id names a node of the profile's tree: for an
 * indicator, @p value is an answer on its scale ("2" on 0–3; "ya"/"tidak",
 * "yes"/"no", "1"/"0" on a yes-no scale); for an inner node or a leaf
 * without a scale, a score on the profile's scale; the id
 * ::COMPLIANCE_INDICATOR_SCORE ("@score") gives the unit score itself. With
 * the unit ::COMPLIANCE_UNIT_ENTITY ("@entity"), @p id names a qualifier's
 * input or a flag of the profile, and @p value is yes or no. An empty unit
 * name is refused.
 * @param assessment the assessment.
 * @param entity the entity's name.
 * @param entity_type the entity's type.
 * @param unit the unit's name, or "@entity" for an entity-level input.
 * @param id a node id, "@score", or an entity-level input name.
 * @param value the value as text.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_NOTFOUND (no such node or input,
 *         or an unknown '@' indicator); ::COMPLIANCE_E_PARSE (also an empty
 *         unit name or an unknown '@' unit name);
 *         ::COMPLIANCE_E_RANGE (outside the scale);
 *         ::COMPLIANCE_E_DUPLICATE (value already given, or a unit given
 *         both a unit score and tree values); ::COMPLIANCE_E_NOMEM;
 *         ::COMPLIANCE_E_INVALID.
 */
COMPLIANCE_API int compliance_assessment_add_value(compliance_assessment *assessment,
                                                   const char *entity,
                                                   const char *entity_type,
                                                   const char *unit, const char *id,
                                                   const char *value);

/**
 * @brief Reads scores from CSV text. The header is
 *        `entity,entity_type,unit,score`, or
 *        `entity,entity_type,unit,product,score` for product scores, or
 *        `entity,entity_type,unit,indicator,value` for values of the
 *        indicator tree (see compliance_assessment_add_value()).
 *        RFC 4180 quoting, CRLF and a UTF-8 byte-order mark are accepted.
 * @param assessment the assessment.
 * @param data the text (need not be NUL-terminated).
 * @param size its length.
 * @param name the name used in messages ("scores.csv"); NULL gives "<buffer>".
 * @return ::COMPLIANCE_OK or the first error, whose message names the
 *         file, line and field; on error no row of @p data is kept.
 */
COMPLIANCE_API int compliance_assessment_read_csv_buffer(compliance_assessment *assessment,
                                                         const char *data, size_t size,
                                                         const char *name);

/**
 * @brief Reads scores from a CSV file; see compliance_assessment_read_csv_buffer().
 * @param assessment the assessment.
 * @param path the file's path.
 * @return as compliance_assessment_read_csv_buffer(), or ::COMPLIANCE_E_IO.
 */
COMPLIANCE_API int compliance_assessment_read_csv_file(compliance_assessment *assessment,
                                                       const char *path);

/**
 * @brief Reads input in the JSON form (docs/input-format.md):
 *        `{"entities": [{"entity": ..., "entity_type": ..., "inputs": {...},
 *        "units": [{"unit": ..., "score": "81.25"} or {"unit": ...,
 *        "values": {"node-id": 3, ...}}]}]}`. Numbers are read exactly, as
 *        written.
 * @param assessment the assessment.
 * @param data the JSON text (need not be NUL-terminated).
 * @param size its length.
 * @param name the name used in messages; NULL gives "<buffer>".
 * @return ::COMPLIANCE_OK or the first error, whose message names the file,
 *         line, column and JSON path; on error nothing of @p data is kept.
 */
COMPLIANCE_API int compliance_assessment_read_json_buffer(compliance_assessment *assessment,
                                                          const char *data, size_t size,
                                                          const char *name);

/**
 * @brief Reads input in the JSON form from a file; see
 *        compliance_assessment_read_json_buffer().
 * @param assessment the assessment.
 * @param path the file's path.
 * @return as compliance_assessment_read_json_buffer(), or ::COMPLIANCE_E_IO.
 */
COMPLIANCE_API int compliance_assessment_read_json_file(compliance_assessment *assessment,
                                                        const char *path);

/**
 * @brief Reads scores or answers from one sheet of an XLSX workbook, in the
 *        CSV forms of compliance_assessment_read_csv_buffer().
 *
 * The sheet is turned into CSV text and read under the name "PATH[SHEET]";
 * row N of the sheet is line N of the messages. Text cells are copied (a
 * line break inside a cell becomes a space); booleans are 1 and 0; a
 * number is the decimal Excel shows: the stored text (a binary double,
 * e.g. `8.7995000000000005E1`) rounded to 15 significant digits, half away
 * from zero, with exact decimal arithmetic, trailing zeros dropped
 * ("87.995"). A stored number exactly halfway between two 15-digit values
 * is refused, as are error cells (`#DIV/0!`); see docs/input-format.md.
 * Memory is bounded: a part that inflates beyond 64 MiB (a zip bomb) is
 * refused.
 * @param assessment the assessment.
 * @param path the workbook's path.
 * @param sheet the sheet's name, or NULL for the first sheet.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_IO (cannot open the file);
 *         ::COMPLIANCE_E_PARSE (not an XLSX workbook, corrupt, too large,
 *         a bad cell: the message names the file, sheet and cell; or any
 *         error of the CSV reader, naming the row as the line);
 *         ::COMPLIANCE_E_NOTFOUND (no sheet of that name: the message
 *         lists the sheets); ::COMPLIANCE_E_NOMEM; ::COMPLIANCE_E_INVALID
 *         (a NULL argument); and the codes of
 *         compliance_assessment_read_csv_buffer(). On error no row is kept.
 */
COMPLIANCE_API int compliance_assessment_read_xlsx_file(compliance_assessment *assessment,
                                                        const char *path, const char *sheet);

/**
 * @brief Computes every entity's score, band and ranks. Adding data
 *        afterwards requires computing again.
 * @param assessment the assessment.
 * @return ::COMPLIANCE_OK, ::COMPLIANCE_E_MISSING (also: the profile has no
 *         bands because their table is not published, as "pekppp-2022":
 *         the message says to give them in a profile that extends it),
 *         ::COMPLIANCE_E_OVERFLOW, ::COMPLIANCE_E_NOMEM or
 *         ::COMPLIANCE_E_INVALID. On failure the previous results are kept.
 */
COMPLIANCE_API int compliance_assessment_compute(compliance_assessment *assessment);

/**
 * @brief The roll-up the last compute used.
 * @param assessment the assessment.
 * @return ::COMPLIANCE_ROLLUP_UNITS or ::COMPLIANCE_ROLLUP_PRODUCTS, or
 *         ::COMPLIANCE_E_STATE before compute.
 */
COMPLIANCE_API int compliance_assessment_rollup(const compliance_assessment *assessment);

/**
 * @brief How many entities the computed results hold.
 * @param assessment the assessment.
 * @return the count; 0 before compute or for NULL.
 */
COMPLIANCE_API size_t compliance_assessment_entity_count(const compliance_assessment *assessment);

/**
 * @brief Finds an entity's index in the results by name.
 * @param assessment the assessment; a failure leaves its message (naming
 *        the entity and why) for compliance_assessment_errmsg().
 * @param name the entity's name.
 * @param[out] index receives the index.
 * @return ::COMPLIANCE_OK, ::COMPLIANCE_E_NOTFOUND (no entity of that
 *         name), ::COMPLIANCE_E_STATE (not computed) or
 *         ::COMPLIANCE_E_INVALID (a NULL argument).
 */
COMPLIANCE_API int compliance_assessment_find(compliance_assessment *assessment,
                                              const char *name, size_t *index);

/**
 * @brief An entity's name. Results are in rank order (descending score;
 *        equal scores by name).
 * @param assessment the assessment.
 * @param index the entity, from 0.
 * @return the name as given, owned by the assessment and valid until the
 *         next change or compute; NULL for a bad index, before compute or
 *         for NULL.
 */
COMPLIANCE_API const char *compliance_assessment_entity_name(const compliance_assessment *assessment,
                                                             size_t index);

/**
 * @brief An entity's type.
 * @param assessment the assessment.
 * @param index the entity.
 * @return a ::compliance_entity_type value (0 or more), or
 *         ::COMPLIANCE_E_NOTFOUND (bad index), ::COMPLIANCE_E_STATE (not
 *         computed) or ::COMPLIANCE_E_INVALID (NULL).
 */
COMPLIANCE_API int compliance_assessment_entity_type(const compliance_assessment *assessment,
                                                     size_t index);

/**
 * @brief An entity's rounded score as text, e.g. "73.02" (the profile's
 *        decimals; compliance_assessment_entity_score() gives it as an
 *        integer).
 * @param assessment the assessment.
 * @param index the entity.
 * @return a string owned by the assessment, valid until the next change or
 *         compute; NULL for a bad index, before compute or for NULL.
 */
COMPLIANCE_API const char *compliance_assessment_entity_score_text(const compliance_assessment *assessment,
                                                                   size_t index);

/**
 * @brief An entity's exact mean (after flag deductions, before rounding):
 *        a decimal when it terminates ("73.5"), else a reduced fraction
 *        ("51117/700").
 * @param assessment the assessment.
 * @param index the entity.
 * @return as compliance_assessment_entity_score_text().
 */
COMPLIANCE_API const char *compliance_assessment_entity_mean_text(const compliance_assessment *assessment,
                                                                  size_t index);

/**
 * @brief An entity's category, "A".."E", or "" for zone-only editions.
 * @param assessment the assessment.
 * @param index the entity.
 * @return as compliance_assessment_entity_score_text().
 */
COMPLIANCE_API const char *compliance_assessment_entity_category(const compliance_assessment *assessment,
                                                                 size_t index);

/**
 * @brief An entity's zone: "hijau", "kuning" or "merah".
 * @param assessment the assessment.
 * @param index the entity.
 * @return as compliance_assessment_entity_score_text().
 */
COMPLIANCE_API const char *compliance_assessment_entity_zone(const compliance_assessment *assessment,
                                                             size_t index);

/**
 * @brief An entity's label: the band's Indonesian label in the profile's
 *        default label set (set 0) with the suffixes of the qualifiers
 *        that apply to it (" Tanpa Maladministrasi"); the other sets:
 *        compliance_assessment_entity_label_set().
 * @param assessment the assessment.
 * @param index the entity.
 * @return as compliance_assessment_entity_score_text().
 */
COMPLIANCE_API const char *compliance_assessment_entity_label(const compliance_assessment *assessment,
                                                              size_t index);

/**
 * @brief Whether a qualifier of the profile applied to an entity (and so
 *        changed its label).
 * @param assessment the assessment.
 * @param index the entity.
 * @return 1 when one did, 0 when none did, or ::COMPLIANCE_E_NOTFOUND,
 *         ::COMPLIANCE_E_STATE or ::COMPLIANCE_E_INVALID.
 */
COMPLIANCE_API int compliance_assessment_entity_qualified(const compliance_assessment *assessment,
                                                          size_t index);

/**
 * @brief An entity's label in one label set of the profile
 *        (compliance_profile_label_set_count()), with the suffixes of the
 *        qualifiers that append to that set: under ombudsman-2025 set 0
 *        "opini" gives e.g. "Kualitas Sedang Tanpa Maladministrasi" and
 *        set 1 "kualitas-pelayanan" "Cukup". Set 0 gives what
 *        compliance_assessment_entity_label() gives.
 * @param assessment the assessment.
 * @param index the entity.
 * @param set the label set, from 0.
 * @return a string owned by the profile, valid while it lives: "" when
 *         the set does not label entities (its scope) or the band's label
 *         in it is not published; NULL for a bad index or set, before
 *         compute or for NULL.
 */
COMPLIANCE_API const char *compliance_assessment_entity_label_set(const compliance_assessment *assessment,
                                                                  size_t index, size_t set);

/**
 * @brief An entity's value in a kept column
 *        (compliance_assessment_keep_column()), e.g. its province.
 * @param assessment the assessment.
 * @param index the entity.
 * @param column the kept column's name, matched as headers are (any
 *        ASCII case).
 * @return a string owned by the assessment, valid until the next change,
 *         compute or keep_column: the value, its spaces normalised, or ""
 *         when no row of the entity gave one; NULL when @p column is not
 *         kept, for a bad index, before compute or for NULL.
 */
COMPLIANCE_API const char *compliance_assessment_entity_attribute(const compliance_assessment *assessment,
                                                                  size_t index,
                                                                  const char *column);

/**
 * @brief Whether an entity's result carries a certificate: its band's
 *        label in a label set that labels entities is marked
 *        `"certificate": true`. Under ombudsman-2025 this is the Opini
 *        certificate, awarded only at Kualitas Tertinggi (category A)
 *        [S, METHODOLOGY.md §2 2025, ORI releases of Feb 2026].
 * @param assessment the assessment.
 * @param index the entity.
 * @return 1 or 0, or ::COMPLIANCE_E_NOTFOUND (bad index),
 *         ::COMPLIANCE_E_STATE (not computed) or ::COMPLIANCE_E_INVALID.
 */
COMPLIANCE_API int compliance_assessment_entity_certificate(const compliance_assessment *assessment,
                                                            size_t index);

/**
 * @brief An entity's rounded score as a scaled integer (9446 for 94.46).
 * @param assessment the assessment.
 * @param index the entity.
 * @param[out] out the score scaled by 10^compliance_profile_decimals().
 * @return ::COMPLIANCE_OK, ::COMPLIANCE_E_NOTFOUND (bad index),
 *         ::COMPLIANCE_E_STATE or ::COMPLIANCE_E_INVALID.
 */
COMPLIANCE_API int compliance_assessment_entity_score(const compliance_assessment *assessment,
                                                      size_t index, int64_t *out);

/**
 * @brief An entity's ranks: national and within its type. Equal rounded
 *        scores share a rank, and the next rank skips (1, 2, 2, 4).
 * @param assessment the assessment.
 * @param index the entity.
 * @param[out] rank national rank from 1; may be NULL.
 * @param[out] rank_in_type rank among entities of the same type; may be NULL.
 * @return as compliance_assessment_entity_score().
 */
COMPLIANCE_API int compliance_assessment_entity_rank(const compliance_assessment *assessment,
                                                     size_t index, size_t *rank,
                                                     size_t *rank_in_type);

/**
 * @brief An entity's band index in the profile's band table.
 * @param assessment the assessment.
 * @param index the entity.
 * @param[out] band receives the band index.
 * @return as compliance_assessment_entity_score().
 */
COMPLIANCE_API int compliance_assessment_entity_band(const compliance_assessment *assessment,
                                                     size_t index, size_t *band);

/**
 * @brief How many units an entity has.
 * @param assessment the assessment.
 * @param index the entity.
 * @return the count; 0 for a bad index or before compute.
 */
COMPLIANCE_API size_t compliance_assessment_unit_count(const compliance_assessment *assessment,
                                                       size_t index);

/**
 * @brief How many product scores an entity has (equal to its unit count
 *        when units were scored directly).
 * @param assessment the assessment.
 * @param index the entity.
 * @return the count; 0 for a bad index or before compute.
 */
COMPLIANCE_API size_t compliance_assessment_product_count(const compliance_assessment *assessment,
                                                          size_t index);

/**
 * @brief Whether an entity's unit count (compliance_assessment_unit_count())
 *        lies within the range the profile declares, e.g. 3 to 6 units in
 *        2025. An entity outside it is scored anyway: this is the warning.
 * @param assessment the assessment.
 * @param index the entity.
 * @return a ::compliance_unit_check value; ::COMPLIANCE_E_INVALID for a
 *         NULL assessment, ::COMPLIANCE_E_STATE before compute,
 *         ::COMPLIANCE_E_NOTFOUND for a bad index.
 */
COMPLIANCE_API int compliance_assessment_entity_unit_check(const compliance_assessment *assessment,
                                                           size_t index);

/**
 * @brief The name of one unit of an entity, in the order given.
 * @param assessment the assessment.
 * @param index the entity.
 * @param unit the unit, from 0 to compliance_assessment_unit_count() - 1.
 * @return a string owned by the assessment, valid until the next change or
 *         compute; NULL for a bad index or unit, before compute or for NULL.
 */
COMPLIANCE_API const char *compliance_assessment_unit_name(const compliance_assessment *assessment,
                                                           size_t index, size_t unit);

/**
 * @brief A unit's score after the unit-stage rounding, as a scaled integer
 *        (8499 for 84.99; format it with compliance_format_scaled()).
 * @param[out] out the score scaled by 10^compliance_profile_decimals().
 * @param assessment the assessment.
 * @param index the entity.
 * @param unit the unit.
 * @return ::COMPLIANCE_OK, ::COMPLIANCE_E_NOTFOUND (bad index or unit),
 *         ::COMPLIANCE_E_STATE (not computed) or ::COMPLIANCE_E_INVALID
 *         (NULL).
 */
COMPLIANCE_API int compliance_assessment_unit_score(int64_t *out,
                                                    const compliance_assessment *assessment,
                                                    size_t index, size_t unit);

/**
 * @brief A unit's label in one label set: the label of the band its score
 *        falls in (the score after the unit-stage rounding when the profile
 *        rounds units, else the exact score); no qualifier applies to
 *        units. Under ombudsman-2025 set 1 "kualitas-pelayanan" labels
 *        units ("Sangat Baik" ... "Kurang").
 * @param assessment the assessment.
 * @param index the entity.
 * @param unit the unit.
 * @param set the label set, from 0.
 * @return a string owned by the profile: "" when the set does not label
 *         units (its scope), or the band's label in it is not published;
 *         NULL for a bad index, unit or set, before compute or for NULL.
 */
COMPLIANCE_API const char *compliance_assessment_unit_label(const compliance_assessment *assessment,
                                                            size_t index, size_t unit, size_t set);

/**
 * @brief A unit's exact score before rounding, as text: a decimal when it
 *        terminates ("70", "84.995"), else a reduced fraction ("272/3").
 * @param[out] buf receives the NUL-terminated text.
 * @param size the size of @p buf; ::COMPLIANCE_EXACT_TEXT_SIZE always
 *             suffices.
 * @param assessment the assessment.
 * @param index the entity.
 * @param unit the unit.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_BUFFER (@p size too small: @p buf
 *         holds "" when @p size > 0); ::COMPLIANCE_E_NOTFOUND,
 *         ::COMPLIANCE_E_STATE or ::COMPLIANCE_E_INVALID.
 */
COMPLIANCE_API int compliance_assessment_unit_exact(char *buf, size_t size,
                                                    const compliance_assessment *assessment,
                                                    size_t index, size_t unit);

/**
 * @brief The points a node of the indicator tree adds to a unit's score,
 *        exactly, as text: for a dimension (a top-level node) its points
 *        from 0 to its weight, as ORI publishes them (Input 5.83, Proses
 *        16.42, ...). The unit score is the sum of the dimensions' exact
 *        points, rounded once (METHODOLOGY.md §2): rounded points need not
 *        add up to it (5.83 + 16.42 + 22.14 + 8.46 = 52.85 against a unit
 *        score of 52.86). A node left out under ::COMPLIANCE_MISSING_EXCLUDE
 *        adds "0".
 * @param[out] buf receives the NUL-terminated text: a decimal when it
 *             terminates ("5.8296"), else a reduced fraction.
 * @param size the size of @p buf; ::COMPLIANCE_EXACT_TEXT_SIZE always
 *             suffices.
 * @param assessment the assessment.
 * @param index the entity.
 * @param unit the unit.
 * @param node the node's index in the profile (compliance_profile_node_id()),
 *             from 0 to compliance_profile_node_count() - 1.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_BUFFER (@p size too small: @p buf
 *         holds "" when @p size > 0); ::COMPLIANCE_E_MISSING (the unit was
 *         given as a whole score or by products, so it has no points per
 *         node); ::COMPLIANCE_E_NOTFOUND (bad index, unit or node);
 *         ::COMPLIANCE_E_STATE (not computed); ::COMPLIANCE_E_OVERFLOW;
 *         ::COMPLIANCE_E_NOMEM; ::COMPLIANCE_E_INVALID (NULL).
 */
COMPLIANCE_API int compliance_assessment_unit_points(char *buf, size_t size,
                                                     const compliance_assessment *assessment,
                                                     size_t index, size_t unit, size_t node);

/**
 * @brief The points a node adds to a unit's score (see
 *        compliance_assessment_unit_points()), rounded half-up to the
 *        profile's decimals, for display: 583 for 5.83.
 * @param[out] out the points scaled by 10^compliance_profile_decimals().
 * @param assessment the assessment.
 * @param index the entity.
 * @param unit the unit.
 * @param node the node's index in the profile.
 * @return as compliance_assessment_unit_points(), without
 *         ::COMPLIANCE_E_BUFFER.
 */
COMPLIANCE_API int compliance_assessment_unit_points_scaled(int64_t *out,
                                                            const compliance_assessment *assessment,
                                                            size_t index, size_t unit,
                                                            size_t node);

/**
 * @brief The missing-answer policy the last compute used.
 * @param assessment the assessment.
 * @return a ::compliance_missing value, or ::COMPLIANCE_E_STATE before compute.
 */
COMPLIANCE_API int compliance_assessment_missing_policy(const compliance_assessment *assessment);

/**
 * @brief Forms of compliance_assessment_explain().
 */
enum compliance_explain_format {
	COMPLIANCE_EXPLAIN_JSON = 0, /**< A JSON document (see `compliance explain --format json`). */
	COMPLIANCE_EXPLAIN_TEXT = 1  /**< A readable text. */
};

/**
 * @brief Explains one entity's score down to the indicator: each answer
 *        and its share, each node's share, weight (with source and
 *        confidence) and contribution in points, each unit score before
 *        and after rounding, the mean of the units (or products), the
 *        flags' deductions from it, the value that is rounded and the
 *        score, the band and why (its lower bound reached, the next band's
 *        not), the qualifiers and flags, the policies used. Enough to
 *        recompute the score by hand.
 * @param assessment a computed assessment; a failure leaves its message
 *        (naming the entity's index or name and why) for
 *        compliance_assessment_errmsg().
 * @param index the entity.
 * @param format a ::compliance_explain_format value.
 * @param[out] out receives a NUL-terminated UTF-8 text; release it with
 *             compliance_free().
 * @return ::COMPLIANCE_OK, ::COMPLIANCE_E_STATE (not computed),
 *         ::COMPLIANCE_E_NOTFOUND (bad index), ::COMPLIANCE_E_MISSING (the
 *         profile has no bands), ::COMPLIANCE_E_OVERFLOW,
 *         ::COMPLIANCE_E_NOMEM or ::COMPLIANCE_E_INVALID (NULL @p out or
 *         an unknown format).
 */
COMPLIANCE_API int compliance_assessment_explain(compliance_assessment *assessment,
                                                 size_t index, int format, char **out);

/**
 * @brief Advises the least effort that reaches the next band, or the
 *        target set with compliance_assessment_advise_target().
 *
 * Effort is counted in answer steps: raising an indicator by one level of
 * its scale is one step (a yes/no item is one step; a scale that is not a
 * range of integers is raised to its maximum in one step). The plan is
 * exact and provably minimal: a knapsack over each unit's indicators and
 * over the units finds the least number of steps whose best outcome
 * reaches the target, deciding every "reaches" by the same roll-up as
 * compliance_assessment_compute() (unit rounding, mean over units or
 * products, the flags' deductions, rounding half-up, band); then the
 * plans of that effort are enumerated, the first as the steps and up to 9
 * more as equal-cost alternatives. Each step names the unit, the
 * indicator, its answer now and the answer to give, and the score that
 * compute gives once it and the steps before it are taken. Indicators
 * locked with compliance_assessment_advise_lock() are never raised.
 * Missing answers follow the run's policy: under
 * ::COMPLIANCE_MISSING_MINIMUM they are raised from the minimum; under
 * ::COMPLIANCE_MISSING_EXCLUDE answering one re-weights its group, and
 * every combination of answers to a unit's unanswered indicators (up to
 * 6 of them and 256 combinations; more are left out and counted) is
 * weighed exactly. An entity
 * scored from unit scores only gets the smallest increase of its unit
 * scores that reaches the target, at the profile's decimals. Qualifiers
 * whose label suffix the entity lacks are listed with the input they
 * need; at the top band or at the maximum score the advice says so. The
 * JSON shape is documented in docs/design.md §3.2.
 * @param assessment a computed assessment; a failure leaves its message
 *        (naming the entity's index or name and why) for
 *        compliance_assessment_errmsg().
 * @param index the entity.
 * @param format ::COMPLIANCE_EXPLAIN_JSON or ::COMPLIANCE_EXPLAIN_TEXT.
 * @param[out] out receives a NUL-terminated UTF-8 text; release it with
 *             compliance_free().
 * @return ::COMPLIANCE_OK, ::COMPLIANCE_E_STATE, ::COMPLIANCE_E_NOTFOUND,
 *         ::COMPLIANCE_E_MISSING (the profile has no bands),
 *         ::COMPLIANCE_E_RANGE (more answer steps than an exact plan can
 *         weigh: about 5e7 table cells; lock indicators to narrow it),
 *         ::COMPLIANCE_E_OVERFLOW, ::COMPLIANCE_E_NOMEM or
 *         ::COMPLIANCE_E_INVALID.
 */
COMPLIANCE_API int compliance_assessment_advise(compliance_assessment *assessment,
                                                size_t index, int format, char **out);

/**
 * @brief Sets the target of compliance_assessment_advise(): a band, by its
 *        category ("A") or zone ("hijau": its lowest band), any case, or a
 *        score ("85", "85.00") that the rounded entity score must reach.
 * @param assessment the assessment.
 * @param target the target; NULL or "" for the next band up (the default).
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_PARSE (neither a band of the
 *         profile nor a number, or longer than 63 bytes);
 *         ::COMPLIANCE_E_RANGE (a score outside the profile's scale);
 *         ::COMPLIANCE_E_MISSING (the profile has no bands);
 *         ::COMPLIANCE_E_INVALID (NULL @p assessment).
 */
COMPLIANCE_API int compliance_assessment_advise_target(compliance_assessment *assessment,
                                                       const char *target);

/**
 * @brief Locks a node of the profile's tree for compliance_assessment_advise():
 *        the indicator, or every indicator below an inner node, is never
 *        raised (answers a team cannot change, e.g. perception surveys).
 * @param assessment the assessment.
 * @param indicator the node's id; NULL unlocks every node.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_NOTFOUND (no node of that id);
 *         ::COMPLIANCE_E_NOMEM; ::COMPLIANCE_E_INVALID (NULL @p assessment).
 */
COMPLIANCE_API int compliance_assessment_advise_lock(compliance_assessment *assessment,
                                                     const char *indicator);

#ifdef __cplusplus
}
#endif

#endif /* COMPLIANCE_ASSESSMENT_H */
