/**
 * @file skm.h
 * @brief The community satisfaction survey (Survei Kepuasan Masyarakat,
 *        SKM) and its index (Indeks Kepuasan Masyarakat, IKM) under
 *        Permenpan RB 14/2017: answers in, the NRR of each element, the
 *        IKM, its quality band and label out.
 *
 * The method is data, a profile of kind ::COMPLIANCE_PROFILE_SKM: the
 * built-in "skm-2017" (profiles/skm-2017.json, opened with
 * compliance_profile_open() like any profile), or a file of the same form
 * (docs/profile-format.md). Every number of the method carries its source
 * and confidence there. "skm-2017" says:
 * - nine elements (unsur) U1 to U9, each answered 1 to 4;
 * - the NRR (nilai rata-rata) of an element is the mean of the answers
 *   given to it;
 * - IKM = 25 × (1/9) × (NRR of U1 + … + NRR of U9), with the weight exactly
 *   1/9 (not the rounded 0.111 printed in the regulation's worked example);
 * - the IKM is rounded half-up to 2 decimals, and the rounded value is
 *   classified on the bands A 88.31–100.00 Sangat Baik, B 76.61–88.30 Baik,
 *   C 65.00–76.60 Kurang Baik, D 25.00–64.99 Tidak Baik (lower bounds
 *   inclusive).
 *
 * In general: IKM = conversion × Σ (weight_i / total) × NRR_i over the
 * profile's elements (its top-level nodes), rounded half-up to the
 * profile's decimals and classified on its bands.
 *
 * Other built-in methods: "skm-2004" (Kep MenPAN 25/2004: fourteen
 * elements U1 to U14, weight exactly 1/14, bands A 81.26, B 62.51,
 * C 43.76, D 25.00) and "skm-2004-w0071", which is not the regulation's
 * method: it rounds each weight to 0.071 (profile key
 * "skm.weight_decimals") to reproduce published results that used it,
 * and says so in its id, name and sources (Kab. Bogor 2011: 74.67 as
 * published, 75.12 under "skm-2004").
 *
 * Everything is computed exactly with integers and rational numbers; no
 * binary floating point is involved, so the result does not depend on the
 * platform or the locale.
 *
 * **Missing answers.** A respondent may leave elements blank (0 through
 * the API, an empty field in CSV). Two policies, chosen with
 * ::COMPLIANCE_SKM_OPT_MISSING and reported with the result:
 * - ::COMPLIANCE_SKM_MISSING_AVAILABLE (default): each element's NRR is the
 *   mean over the respondents who answered that element;
 * - ::COMPLIANCE_SKM_MISSING_LISTWISE: respondents with any blank are left
 *   out entirely; every NRR is the mean over the complete respondents.
 *
 * A respondent who answered nothing at all is accepted: under either policy
 * it enters no NRR and is not counted as a respondent of the result, but it
 * is counted in ::COMPLIANCE_SKM_COUNT_BLANK (and its id, when given, is
 * still checked for duplicates).
 *
 * **Memory.** Input is streamed: the survey keeps per-element integer sums
 * and counts (separately for the complete respondents), never the answers,
 * so its memory does not grow with the number of respondents. The one
 * exception is the duplicate-id check: the ids seen so far are kept, their
 * bytes one after another in one buffer, indexed by an open-addressing
 * table hashed with SipHash under a random key per survey (so crafted ids
 * cannot be made to collide); beyond the id bytes it costs at most about
 * 40 bytes per id, and at most 2^31 ids are checked. Switch it off with
 * ::COMPLIANCE_SKM_OPT_CHECK_DUPLICATES for constant memory.
 *
 * **Errors.** A failed call changes nothing: a CSV file with a bad row adds
 * none of its rows, and respondents added earlier stay. The detail (file,
 * line, field, what was expected) is read with compliance_skm_errmsg(),
 * the code again with compliance_skm_errcode().
 *
 * **Threads.** A survey handle is used by one thread at a time; different
 * handles may be used by different threads, and may share one profile.
 */
#ifndef COMPLIANCE_SKM_H
#define COMPLIANCE_SKM_H

#include "compliance/common.h"
#include "compliance/assessment.h"
#include "compliance/profile.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Constants of the SKM interface (enum constants, so that FFI
 *        bindings see them).
 */
enum compliance_skm_constant {
	COMPLIANCE_SKM_NRR_DECIMALS = 3 /**< Decimals of the rounded NRR text, ::COMPLIANCE_SKM_NRR_ROUNDED (half-up, for display). */
};

/** @brief A community satisfaction survey: respondents in, the IKM out. */
typedef struct compliance_skm compliance_skm;

/**
 * @brief Options of a survey, for compliance_skm_set_option().
 */
enum compliance_skm_option {
	COMPLIANCE_SKM_OPT_MISSING = 1,         /**< A ::compliance_skm_missing value; default ::COMPLIANCE_SKM_MISSING_AVAILABLE. */
	COMPLIANCE_SKM_OPT_CHECK_DUPLICATES = 2, /**< 1 (default): reject a respondent id given twice, keeping every id; 0: keep no id, for constant memory. */
	COMPLIANCE_SKM_OPT_LETTERS = 3,   /**< Export reader only: 0 (default) refuses an answer coded with a letter, naming this option; 1 reads a, b, c, d (either case) as 1, 2, 3, 4. No public source states that mapping (docs/input-format.md), so it is never assumed. */
	COMPLIANCE_SKM_OPT_SEPARATOR = 4  /**< Export reader only: 0 (default) detects the separator from the header row; ',' (RFC 4180) or ';' (Excel in the Indonesian locale) forces it. */
};

/**
 * @brief The columns of an SKM export that are not answers, for
 *        compliance_skm_set_column() and compliance_skm_column().
 *
 * Found by header name, case-insensitively and with runs of white space
 * taken as one space, among the names docs/input-format.md lists (e.g.
 * "jenis kelamin" for the sex), unless named with
 * compliance_skm_set_column(). The group column has no default.
 */
enum compliance_skm_column {
	COMPLIANCE_SKM_COLUMN_ID = 0,         /**< The respondent's number or id: "respondent", "responden", "no", "no.", "nomor", "no responden", "id". */
	COMPLIANCE_SKM_COLUMN_GROUP = 1,      /**< The column whose values split the survey into groups (e.g. "Jenis Layanan"); none by default. */
	COMPLIANCE_SKM_COLUMN_SEX = 2,        /**< Sex: "jenis kelamin", "jk", "l/p", "sex"; L and P read as Laki-laki and Perempuan. */
	COMPLIANCE_SKM_COLUMN_EDUCATION = 3,  /**< Education: "pendidikan", "pendidikan terakhir", "education". */
	COMPLIANCE_SKM_COLUMN_OCCUPATION = 4, /**< Occupation: "pekerjaan", "pekerjaan utama", "occupation". */
	COMPLIANCE_SKM_COLUMN_AGE = 5         /**< Age: "umur", "usia", "age"; counted by its raw values, or in the bands given with compliance_skm_set_age_bands(). */
};

/**
 * @brief What the export reader saw in its last successful read, for
 *        compliance_skm_input().
 */
enum compliance_skm_input_field {
	COMPLIANCE_SKM_INPUT_DIALECT = 0,   /**< "excel-id" (';' separator) or "rfc4180" (','). */
	COMPLIANCE_SKM_INPUT_SEPARATOR = 1, /**< ";" or ",". */
	COMPLIANCE_SKM_INPUT_DETECTED = 2,  /**< "detected" (from the header row) or "given" (::COMPLIANCE_SKM_OPT_SEPARATOR). */
	COMPLIANCE_SKM_INPUT_BOM = 3,       /**< "yes" when a UTF-8 byte-order mark was skipped, else "no". */
	COMPLIANCE_SKM_INPUT_LINE_ENDS = 4, /**< "crlf" when a CRLF line end was met, else "lf". */
	COMPLIANCE_SKM_INPUT_CODES = 5      /**< "letters" when answers coded a to d were read (::COMPLIANCE_SKM_OPT_LETTERS on: a=1 ... d=4), else "digits". */
};

/**
 * @brief The weights of the spreadsheet templates, for
 *        compliance_skm_alt_result() and compliance_skm_alt_differs().
 *
 * Many SKM templates write the weight 1/9 as 0.111 or 0.11 (docs/methodology.md
 * §4). The alternative IKM is conversion × Σ w_i × NRR_i with each
 * element's share w_i rounded half-up to 3 or 2 decimals (0.111 and 0.11
 * under skm-2017), computed exactly with the exact NRRs, rounded and
 * classified as the method does: it says why a unit's spreadsheet can
 * disagree with the regulation's result.
 */
enum compliance_skm_alt_weight {
	COMPLIANCE_SKM_ALT_3DP = 0, /**< Each share rounded half-up to 3 decimals: 0.111 under skm-2017. */
	COMPLIANCE_SKM_ALT_2DP = 1  /**< Each share rounded half-up to 2 decimals: 0.11 under skm-2017. */
};

/**
 * @brief How missing answers are treated.
 */
enum compliance_skm_missing {
	COMPLIANCE_SKM_MISSING_AVAILABLE = 0, /**< Each element's NRR over those who answered it (default). */
	COMPLIANCE_SKM_MISSING_LISTWISE = 1   /**< Respondents with any blank are dropped. */
};

/**
 * @brief Respondent counts of the last compute, for compliance_skm_count().
 */
enum compliance_skm_count {
	COMPLIANCE_SKM_COUNT_RESPONDENTS = 0, /**< Respondents that entered the result: available-case, those with at least one answer; listwise, the complete ones. */
	COMPLIANCE_SKM_COUNT_READ = 1,        /**< Every respondent given, blank or incomplete ones included. */
	COMPLIANCE_SKM_COUNT_COMPLETE = 2,    /**< Respondents who answered every element. */
	COMPLIANCE_SKM_COUNT_BLANK = 3,       /**< Respondents who answered no element. */
	COMPLIANCE_SKM_COUNT_DROPPED = 4      /**< Respondents left out: READ minus RESPONDENTS. */
};

/**
 * @brief Text fields of the result, for compliance_skm_result().
 */
enum compliance_skm_field {
	COMPLIANCE_SKM_IKM = 0,       /**< The IKM rounded half-up to the profile's decimals (2), e.g. "84.54". */
	COMPLIANCE_SKM_IKM_EXACT = 1, /**< The exact IKM: a terminating decimal ("78.125") or a reduced fraction ("4565/54"). */
	COMPLIANCE_SKM_CATEGORY = 2,  /**< The quality band's category: "A", "B", "C" or "D" under skm-2017. */
	COMPLIANCE_SKM_LABEL = 3,     /**< The band's label: "Sangat Baik", "Baik", "Kurang Baik" or "Tidak Baik" under skm-2017. */
	COMPLIANCE_SKM_MISSING = 4,   /**< The missing-answer policy used: "available" or "listwise". */
	COMPLIANCE_SKM_WEIGHTS = 5    /**< The weight of each element as text: "1/9" (the profile's exact share) or, from compliance_skm_alt_result(), "0.111" or "0.11"; "mixed" when the elements' weights differ. */
};

/**
 * @brief Forms of an element's NRR, for compliance_skm_nrr().
 */
enum compliance_skm_nrr_form {
	COMPLIANCE_SKM_NRR_ROUNDED = 0, /**< Rounded half-up to ::COMPLIANCE_SKM_NRR_DECIMALS places, for display only: "3.333". */
	COMPLIANCE_SKM_NRR_EXACT = 1    /**< Exact: a terminating decimal ("3.6") or a reduced fraction ("10/3"). */
};

/**
 * @brief Text fields of an element, for compliance_skm_element().
 */
enum compliance_skm_element_field {
	COMPLIANCE_SKM_ELEMENT_CODE = 0,   /**< The node id, "U1".."U9" under skm-2017, as in the CSV header. */
	COMPLIANCE_SKM_ELEMENT_NAME = 1,   /**< The element's name in Indonesian, e.g. "Persyaratan". */
	COMPLIANCE_SKM_ELEMENT_WEIGHT = 2, /**< Its weight in the IKM as an exact fraction of the whole: "1/9". */
	COMPLIANCE_SKM_ELEMENT_SOURCE = 3  /**< The public source of the weight. */
};

/**
 * @brief Creates an empty survey under an SKM method.
 * @param ctx the context: the allocator (copied into the survey) and the
 *            error detail of this call; NULL uses the C library's allocator.
 * @param[out] out receives the survey; set to NULL on failure.
 * @param skm_profile the method: a profile of kind ::COMPLIANCE_PROFILE_SKM,
 *            e.g. "skm-2017" opened with compliance_profile_open(). It is
 *            required (NULL is refused, so that the method used is always
 *            the caller's explicit choice). The survey takes a reference:
 *            the caller may free its own at once.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_INVALID (@p out or @p skm_profile
 *         is NULL, or the profile is not of kind ::COMPLIANCE_PROFILE_SKM);
 *         ::COMPLIANCE_E_NOMEM.
 * @note The caller owns the survey: release it with compliance_skm_free().
 *       The survey does not refer to @p ctx afterwards.
 */
COMPLIANCE_API int compliance_skm_new(compliance_ctx *ctx, compliance_skm **out,
                                      compliance_profile *skm_profile);

/**
 * @brief The method of a survey.
 * @param skm the survey.
 * @return the profile given to compliance_skm_new(), owned by the survey
 *         (take a reference with compliance_profile_ref() to keep it
 *         longer); NULL for NULL. Its bands (compliance_profile_band())
 *         are indexed as compliance_skm_band_index() reports.
 */
COMPLIANCE_API const compliance_profile *compliance_skm_profile(const compliance_skm *skm);

/**
 * @brief How many elements (unsur) the method has: 9 under skm-2017.
 * @param skm the survey.
 * @return the count; 0 for NULL.
 */
COMPLIANCE_API size_t compliance_skm_element_count(const compliance_skm *skm);

/**
 * @brief A text field of an element.
 * @param skm the survey.
 * @param index from 0 (U1) to compliance_skm_element_count() - 1.
 * @param field a ::compliance_skm_element_field value.
 * @return a string owned by the survey, or NULL for NULL @p skm, a bad
 *         @p index or @p field.
 */
COMPLIANCE_API const char *compliance_skm_element(const compliance_skm *skm, size_t index,
                                                  int field);

/**
 * @brief The lowest and highest answer of the method's scale (1 and 4
 *        under skm-2017; 0 always means no answer).
 * @param skm the survey.
 * @param[out] min receives the lowest answer; may be NULL.
 * @param[out] max receives the highest answer; may be NULL.
 * @return ::COMPLIANCE_OK or ::COMPLIANCE_E_INVALID (NULL @p skm).
 */
COMPLIANCE_API int compliance_skm_answer_range(const compliance_skm *skm, int *min, int *max);

/**
 * @brief Releases a survey and everything it holds. NULL is ignored.
 * @param skm the survey; strings obtained from it become invalid.
 */
COMPLIANCE_API void compliance_skm_free(compliance_skm *skm);

/**
 * @brief The code of the last failure on this survey.
 * @param skm the survey.
 * @return the `COMPLIANCE_E_*` code the last call on @p skm returned, or
 *         ::COMPLIANCE_OK when it succeeded; ::COMPLIANCE_E_INVALID for NULL.
 */
COMPLIANCE_API int compliance_skm_errcode(const compliance_skm *skm);

/**
 * @brief The message of the last failure on this survey.
 * @param skm the survey.
 * @return a string owned by the survey, valid until its next call; "" when
 *         the last call succeeded or @p skm is NULL; never NULL.
 */
COMPLIANCE_API const char *compliance_skm_errmsg(const compliance_skm *skm);

/**
 * @brief Sets an option.
 *
 * The missing-answer policy may be changed at any time; it takes effect at
 * the next compliance_skm_compute() (both policies' sums are always kept).
 * ::COMPLIANCE_SKM_OPT_CHECK_DUPLICATES must be set before the first
 * respondent is added.
 *
 * @param skm the survey.
 * @param option a ::compliance_skm_option value.
 * @param value for ::COMPLIANCE_SKM_OPT_MISSING a ::compliance_skm_missing
 *              value; for ::COMPLIANCE_SKM_OPT_CHECK_DUPLICATES 0 or 1.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_INVALID (NULL @p skm, unknown
 *         option or value); ::COMPLIANCE_E_STATE (changing the duplicate
 *         check after respondents were added).
 */
COMPLIANCE_API int compliance_skm_set_option(compliance_skm *skm, int option, int value);

/**
 * @brief Adds one respondent's answers.
 * @param skm the survey.
 * @param id the respondent's id (UTF-8, not empty), checked for duplicates
 *           when ::COMPLIANCE_SKM_OPT_CHECK_DUPLICATES is on and copied;
 *           or NULL for an anonymous respondent, never checked.
 * @param answers the answers to the elements in order (U1..U9), each
 *                within the answer scale (1 to 4), or 0 for no answer.
 * @param n how many answers: must be compliance_skm_element_count().
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_RANGE (an answer outside the
 *         scale, 0 aside);
 *         ::COMPLIANCE_E_PARSE (an empty or invalid UTF-8 id);
 *         ::COMPLIANCE_E_DUPLICATE (the id was given before);
 *         ::COMPLIANCE_E_OVERFLOW (more respondents than a 64-bit count
 *         holds, or more than 2^31 ids to check); ::COMPLIANCE_E_NOMEM;
 *         ::COMPLIANCE_E_INVALID (NULL @p skm or @p answers, or @p n not
 *         the element count). On failure nothing is added.
 * @note Invalidates the results of an earlier compute.
 */
COMPLIANCE_API int compliance_skm_add_respondent(compliance_skm *skm, const char *id,
                                                 const int *answers, size_t n);

/**
 * @brief Reads respondents from CSV text.
 *
 * The header is exactly `respondent` then the element codes
 * (`respondent,U1,U2,U3,U4,U5,U6,U7,U8,U9` under skm-2017); each row has
 * as many fields: a non-empty respondent id, then one answer per element,
 * each a whole number within the answer scale written without sign or
 * leading zero (`1` to `4`), or left empty for no answer. RFC 4180
 * quoting, CRLF line ends, blank lines and a UTF-8 byte-order mark are
 * accepted; spaces around an unquoted field are ignored. A header with no
 * rows is valid (it adds nobody).
 *
 * Messages name the file, line and field, e.g.
 * `skm.csv:5: field 'U3': expected an answer from 1 to 4, found '5'`.
 *
 * @param skm the survey.
 * @param data the text (need not be NUL-terminated; may be NULL when
 *             @p size is 0).
 * @param size its length in bytes.
 * @param name the name used in messages ("skm.csv"); NULL gives "<buffer>".
 * @return ::COMPLIANCE_OK, or the first error: ::COMPLIANCE_E_PARSE (empty
 *         input, bad header, wrong field count, an answer that is not an
 *         integer, an empty or invalid id, malformed CSV);
 *         ::COMPLIANCE_E_RANGE (an integer answer outside the scale);
 *         ::COMPLIANCE_E_DUPLICATE (an id given twice, in this text or
 *         before); ::COMPLIANCE_E_OVERFLOW; ::COMPLIANCE_E_NOMEM;
 *         ::COMPLIANCE_E_INVALID. On error no row of @p data is kept and
 *         the survey is as it was before the call.
 * @note Memory use is bounded by the longest row (plus the id set, see the
 *       file's description). Invalidates the results of an earlier compute
 *       when it succeeds.
 */
COMPLIANCE_API int compliance_skm_read_csv_buffer(compliance_skm *skm, const char *data,
                                                  size_t size, const char *name);

/**
 * @brief Reads respondents from a CSV file, streaming it in chunks; see
 *        compliance_skm_read_csv_buffer() for the format.
 * @param skm the survey.
 * @param path the file's path; messages name it as given.
 * @return as compliance_skm_read_csv_buffer(), or ::COMPLIANCE_E_IO (the
 *         file cannot be opened or read).
 */
COMPLIANCE_API int compliance_skm_read_csv_file(compliance_skm *skm, const char *path);

/**
 * @brief Computes every element's NRR, the IKM, its rounding and band,
 *        under the current missing-answer policy.
 * @param skm the survey.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_MISSING (no respondents; no
 *         respondent with any answer; under available-case an element
 *         nobody answered, named in the message; under listwise no
 *         complete respondent); ::COMPLIANCE_E_OVERFLOW (an exact value
 *         beyond the library's 2048-bit integers: not reachable under
 *         skm-2017 with 64-bit counts); ::COMPLIANCE_E_RANGE (an IKM in no
 *         band of the profile); ::COMPLIANCE_E_INVALID. On failure the previous results,
 *         if any, are kept.
 * @note Allocates nothing. The survey stays open: more respondents may be
 *       added and the survey computed again.
 */
COMPLIANCE_API int compliance_skm_compute(compliance_skm *skm);

/**
 * @brief The missing-answer policy the last compute used.
 * @param skm the survey.
 * @return ::COMPLIANCE_SKM_MISSING_AVAILABLE or
 *         ::COMPLIANCE_SKM_MISSING_LISTWISE; ::COMPLIANCE_E_STATE before a
 *         compute or after a change of the data; ::COMPLIANCE_E_INVALID for
 *         NULL.
 */
COMPLIANCE_API int compliance_skm_missing_used(const compliance_skm *skm);

/**
 * @brief A respondent count of the last compute.
 * @param skm the survey.
 * @param which a ::compliance_skm_count value.
 * @return the count; 0 for NULL, an unknown @p which, before a compute or
 *         after a change of the data.
 */
COMPLIANCE_API uint64_t compliance_skm_count(const compliance_skm *skm, int which);

/**
 * @brief How many answers an element's NRR is the mean of (its
 *        denominator) in the last compute.
 * @param skm the survey.
 * @param element from 0 (U1) to compliance_skm_element_count() - 1.
 * @return the count; 0 for a bad argument or without a current result.
 */
COMPLIANCE_API uint64_t compliance_skm_element_answers(const compliance_skm *skm,
                                                       size_t element);

/**
 * @brief An element's NRR (mean answer) in the last compute, as text.
 * @param skm the survey.
 * @param element from 0 (U1) to compliance_skm_element_count() - 1.
 * @param form a ::compliance_skm_nrr_form value.
 * @return a string owned by the survey, valid until the next change of its
 *         data or compute; NULL for a bad argument, before a compute or
 *         after a change of the data.
 */
COMPLIANCE_API const char *compliance_skm_nrr(const compliance_skm *skm, size_t element,
                                              int form);

/**
 * @brief A text field of the last compute's result.
 * @param skm the survey.
 * @param field a ::compliance_skm_field value.
 * @return a string owned by the survey, valid until the next change of its
 *         data or compute; NULL for a bad field, before a compute or after
 *         a change of the data.
 */
COMPLIANCE_API const char *compliance_skm_result(const compliance_skm *skm, int field);

/**
 * @brief The IKM rounded half-up to the profile's decimals, as a scaled
 *        integer (8454 for 84.54 under skm-2017).
 * @param skm the survey.
 * @param[out] out receives the IKM scaled by 10^decimals (2500 to 10000
 *             under skm-2017).
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_STATE (no current result);
 *         ::COMPLIANCE_E_INVALID (NULL argument).
 */
COMPLIANCE_API int compliance_skm_ikm_scaled(const compliance_skm *skm, int64_t *out);

/**
 * @brief The quality band of the last compute, as an index for
 *        compliance_profile_band() on compliance_skm_profile().
 * @param skm the survey.
 * @param[out] out receives the band index (0 for A to 3 for D under
 *             skm-2017).
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_STATE (no current result);
 *         ::COMPLIANCE_E_INVALID (NULL argument).
 */
COMPLIANCE_API int compliance_skm_band_index(const compliance_skm *skm, size_t *out);

/**
 * @brief Reads respondents from an SKM export as offices hold it (CSV
 *        saved by a spreadsheet), the buffer form.
 *
 * The header row names the columns; the answer columns are found by name:
 * an element's code ("U1") or its name in the profile ("Persyaratan",
 * "Sistem, Mekanisme, dan Prosedur", ...), matched case-insensitively with
 * runs of white space taken as one space; each must be present once. The
 * other columns are the respondent id, the group, sex, education,
 * occupation and age (::compliance_skm_column), or ignored (date, service,
 * suggestions, ...). The separator is ',' or ';', detected from the header
 * row (more semicolons than commas outside quotes: ';') unless set with
 * ::COMPLIANCE_SKM_OPT_SEPARATOR; a UTF-8 byte-order mark and CRLF line
 * ends are accepted; compliance_skm_input() says what was seen.
 *
 * Rows: an answer is 1 to 4 (the profile's scale), a to d when
 * ::COMPLIANCE_SKM_OPT_LETTERS is on, or empty for no answer. A row with
 * an empty id (or without an id column) is an anonymous respondent. A row
 * whose fields are all empty (`;;;;`, `,,,,`, as Excel writes below the
 * data) is skipped. A row shorter than the header is refused when it
 * lacks an answer column (other missing fields count as empty); fields
 * beyond the header are refused unless empty. Values of the profile and
 * group columns must be valid UTF-8 (they are written to JSON); they are
 * compared on their first 255 bytes.
 *
 * The rows are also counted by sex, education, occupation and age
 * (compliance_skm_trait_count()), and split by the group column, if set,
 * into groups (compliance_skm_group()).
 *
 * @param skm the survey.
 * @param data the text (need not be NUL-terminated; may be NULL when
 *             @p size is 0).
 * @param size its length in bytes.
 * @param name the name used in messages; NULL gives "<buffer>".
 * @return ::COMPLIANCE_OK, or the first error: ::COMPLIANCE_E_PARSE (empty
 *         input, an answer column missing or given twice, a column named
 *         like an element code the method lacks (U10), the group or a
 *         named column not found, a row lacking an answer column or with
 *         text beyond the header, an answer that is not one, a letter while
 *         letters are off, an age that is not a whole number when age bands
 *         are set, a profile or group value that is not UTF-8, malformed
 *         CSV);
 *         ::COMPLIANCE_E_RANGE (a whole-number answer outside the scale);
 *         ::COMPLIANCE_E_DUPLICATE (an id given twice);
 *         ::COMPLIANCE_E_OVERFLOW (also more than 1000 groups or distinct
 *         values of a profile column: not the column it was taken for);
 *         ::COMPLIANCE_E_NOMEM;
 *         ::COMPLIANCE_E_INVALID. On error the survey, its groups and its
 *         counts are as they were before the call.
 */
COMPLIANCE_API int compliance_skm_read_export_buffer(compliance_skm *skm, const char *data,
                                                     size_t size, const char *name);

/**
 * @brief Reads respondents from an SKM export file, streaming it; see
 *        compliance_skm_read_export_buffer().
 * @param skm the survey.
 * @param path the file's path; messages name it as given.
 * @return as compliance_skm_read_export_buffer(), or ::COMPLIANCE_E_IO
 *         (the file cannot be opened or read).
 */
COMPLIANCE_API int compliance_skm_read_export_file(compliance_skm *skm, const char *path);

/**
 * @brief Names the header of a column of the export reader, overriding
 *        its default names.
 * @param skm the survey.
 * @param column a ::compliance_skm_column value.
 * @param header the header text (matched case-insensitively, white space
 *        normalised); "" for no such column; NULL for the default names.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_INVALID (NULL @p skm, unknown
 *         @p column); ::COMPLIANCE_E_STATE (the group column changed after
 *         respondents were added); ::COMPLIANCE_E_NOMEM.
 */
COMPLIANCE_API int compliance_skm_set_column(compliance_skm *skm, int column,
                                             const char *header);

/**
 * @brief Names the header of an element's answer column for the export
 *        reader, for exports whose headers are neither the code nor the
 *        name (a form's question text, "P1", "Unsur 1").
 * @param skm the survey.
 * @param element from 0 (U1) to compliance_skm_element_count() - 1.
 * @param header the header text (matched case-insensitively, white space
 *        normalised; not empty); NULL goes back to the code and name.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_INVALID (NULL @p skm, a bad
 *         @p element, an empty @p header); ::COMPLIANCE_E_NOMEM.
 */
COMPLIANCE_API int compliance_skm_set_element_column(compliance_skm *skm, size_t element,
                                                     const char *header);

/**
 * @brief The header of a column as found by the last successful export
 *        read.
 * @param skm the survey.
 * @param column a ::compliance_skm_column value.
 * @return the header text as written in the file, owned by the survey;
 *         NULL when the column was not found, before an export read, or
 *         for a bad argument.
 */
COMPLIANCE_API const char *compliance_skm_column(const compliance_skm *skm, int column);

/**
 * @brief Sets the age bands of the respondent profile, given by their
 *        lower bounds.
 *
 * No source gives the bands of the SKM report (docs/input-format.md), so
 * there are none by default and ages are counted by their raw values.
 * With bounds b0 < b1 < ... < bk, ages are counted in "<b0" (when b0 > 0),
 * "b0-(b1 - 1)", ..., and "bk+".
 *
 * @param skm the survey.
 * @param lower the lower bounds, strictly increasing, each at most 200.
 * @param n how many (0 switches the bands off; at most 32).
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_INVALID (NULL @p skm, NULL
 *         @p lower with @p n > 0, bounds not increasing or too many);
 *         ::COMPLIANCE_E_STATE (respondents were added already);
 *         ::COMPLIANCE_E_NOMEM.
 */
COMPLIANCE_API int compliance_skm_set_age_bands(compliance_skm *skm, const unsigned *lower,
                                                size_t n);

/**
 * @brief What the last successful export read saw.
 * @param skm the survey.
 * @param field a ::compliance_skm_input_field value.
 * @return a static string; NULL before an export read or for a bad
 *         argument.
 */
COMPLIANCE_API const char *compliance_skm_input(const compliance_skm *skm, int field);

/**
 * @brief How many distinct values a profile column took (sex, education,
 *        occupation or age band), over every respondent read.
 * @param skm the survey or a group of it.
 * @param column ::COMPLIANCE_SKM_COLUMN_SEX to ::COMPLIANCE_SKM_COLUMN_AGE.
 * @return the count (an empty field counts as the value ""); 0 for a bad
 *         argument or a column not found.
 */
COMPLIANCE_API size_t compliance_skm_trait_count(const compliance_skm *skm, int column);

/**
 * @brief One value of a profile column and how many respondents gave it,
 *        in the order first seen (age bands in their order).
 * @param skm the survey or a group of it.
 * @param column ::COMPLIANCE_SKM_COLUMN_SEX to ::COMPLIANCE_SKM_COLUMN_AGE.
 * @param index from 0 to compliance_skm_trait_count() - 1.
 * @param[out] count receives the number of respondents; may be NULL.
 * @return the value, owned by the survey (white space normalised, the
 *         first spelling met; "" for an empty field); NULL for a bad
 *         argument.
 */
COMPLIANCE_API const char *compliance_skm_trait_value(const compliance_skm *skm, int column,
                                                      size_t index, uint64_t *count);

/**
 * @brief How many groups the group column split the survey into.
 * @param skm the survey.
 * @return the count (0 without a group column); 0 for NULL.
 */
COMPLIANCE_API size_t compliance_skm_group_count(const compliance_skm *skm);

/**
 * @brief One group, a survey of its own holding the rows whose group
 *        value matched (case-insensitively, white space normalised), in
 *        the order first seen; every getter works on it. It is computed
 *        by compliance_skm_compute() on the whole survey; a group whose
 *        IKM is undefined (an element nobody in it answered) has no
 *        result and says why with compliance_skm_errmsg().
 * @param skm the survey.
 * @param index from 0 to compliance_skm_group_count() - 1.
 * @return the group, owned by the survey; NULL for a bad argument.
 */
COMPLIANCE_API const compliance_skm *compliance_skm_group(const compliance_skm *skm,
                                                          size_t index);

/**
 * @brief The value that defines a group.
 * @param skm a group from compliance_skm_group().
 * @return its value ("" for rows with an empty group field); NULL for a
 *         survey that is not a group.
 */
COMPLIANCE_API const char *compliance_skm_group_name(const compliance_skm *skm);

/**
 * @brief The quality band of an element's NRR in the last compute.
 *
 * The NRR bands are the profile's IKM bands divided by its conversion
 * factor, compared exactly with the exact NRR, lower bounds inclusive:
 * under skm-2017 1.00-2.5996 D Tidak Baik, 2.60-3.064 C Kurang Baik,
 * 3.0644-3.532 B Baik, 3.5324-4.00 A Sangat Baik (65.00/25, 76.61/25,
 * 88.31/25; docs/methodology.md §4 gives them to 2 decimals).
 * @param skm the survey.
 * @param element from 0 (U1) to compliance_skm_element_count() - 1.
 * @param[out] out receives the band index for compliance_profile_band_category()
 *             and compliance_profile_band_label() on compliance_skm_profile().
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_STATE (no current result);
 *         ::COMPLIANCE_E_INVALID (a bad argument).
 */
COMPLIANCE_API int compliance_skm_nrr_band(const compliance_skm *skm, size_t element,
                                           size_t *out);

/**
 * @brief The IKM of the last compute under a template's weights.
 * @param skm the survey.
 * @param alt a ::compliance_skm_alt_weight value.
 * @param field ::COMPLIANCE_SKM_IKM, ::COMPLIANCE_SKM_IKM_EXACT,
 *        ::COMPLIANCE_SKM_CATEGORY, ::COMPLIANCE_SKM_LABEL or
 *        ::COMPLIANCE_SKM_WEIGHTS.
 * @return a string owned by the survey; NULL for a bad argument or
 *         without a current result; for ::COMPLIANCE_SKM_CATEGORY and
 *         ::COMPLIANCE_SKM_LABEL also NULL when that IKM falls in no band
 *         of the profile (every answer 1 under 0.11 gives 24.75).
 */
COMPLIANCE_API const char *compliance_skm_alt_result(const compliance_skm *skm, int alt,
                                                     int field);

/**
 * @brief Whether a template's weights put the IKM in another band than
 *        the method does.
 * @param skm the survey.
 * @param alt a ::compliance_skm_alt_weight value.
 * @return 1 (another band, or no band), 0 (the same band);
 *         ::COMPLIANCE_E_STATE (no current result); ::COMPLIANCE_E_INVALID.
 */
COMPLIANCE_API int compliance_skm_alt_differs(const compliance_skm *skm, int alt);

/**
 * @brief Feeds a unit's computed SKM survey into a node of its indicator
 *        tree: the IKM becomes that node's value, and the explanation of
 *        the unit shows the survey under the node, down to each element's
 *        NRR (compliance_assessment_explain()).
 *
 * The value is the IKM as the survey's profile rounds it (compliance_skm_result()
 * with ::COMPLIANCE_SKM_IKM, "84.54" under skm-2017), entered unchanged as
 * an answer on the node's scale, which must hold the survey profile's whole
 * scale (25 to 100 under skm-2017): the node's share is then
 * (IKM - min) / (max - min). The built-in ombudsman-2023-instrument gives
 * its Output variable `output.ikm` the scale 25 to 100, so its share is
 * (IKM - 25) / 75; how ORI turns the IKM into Output points is not
 * published, so this mapping is inferred [I] (a profile that reads the IKM
 * as IKM / 100 gives the node the scale 0 to 100). A node without a scale
 * takes the value on the assessment profile's scale.
 * @param assessment the assessment.
 * @param entity the entity's name.
 * @param entity_type the entity's type (kementerian, lembaga, provinsi,
 *        kota or kabupaten).
 * @param unit the unit whose survey this is.
 * @param node_id the node fed, a leaf of the profile's tree (e.g. "output.ikm").
 * @param skm the unit's survey, computed (compliance_skm_compute()); it is
 *        read, not kept: its results are copied.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_STATE (the survey has no current
 *         result); ::COMPLIANCE_E_NOTFOUND (no such node); ::COMPLIANCE_E_RANGE
 *         (the node's scale does not hold the IKM's scale);
 *         ::COMPLIANCE_E_DUPLICATE (the node already has a value for that
 *         unit, or the unit was given a whole score, or the entity another
 *         type); ::COMPLIANCE_E_PARSE (an empty name, an unknown type);
 *         ::COMPLIANCE_E_NOMEM; ::COMPLIANCE_E_INVALID (a NULL argument,
 *         or a node with children). On failure nothing is added; the
 *         detail is read with compliance_assessment_errmsg().
 */
COMPLIANCE_API int compliance_assessment_add_skm(compliance_assessment *assessment,
                                                 const char *entity, const char *entity_type,
                                                 const char *unit, const char *node_id,
                                                 const compliance_skm *skm);

#ifdef __cplusplus
}
#endif

#endif /* COMPLIANCE_SKM_H */
