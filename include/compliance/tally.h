/**
 * @file tally.h
 * @brief Mergeable partial results: an SKM tally (answer counts and sums
 *        per element) and an entity accumulator (the unit scores of one
 *        entity), each of which can be fed, merged with another of the same
 *        profile, written to a portable text form and read back, and
 *        finished to exactly the result the survey or the assessment
 *        computes.
 *
 * They let a result be computed where the data is split: by the parallel
 * workers of a database (the PostgreSQL extension's aggregates keep one as
 * their state), or by the hundreds of offices of a national roll-up, each
 * of which sends its tally instead of its respondents' answers (a tally
 * holds counts and sums only, no personal data).
 *
 * **Exactness.** A tally holds integers; an accumulator the exact sum of
 * its unit scores (a rational number, written as a reduced fraction). Feeding
 * the same respondents or units in any split and merging the parts gives
 * byte-for-byte the result of one survey (compliance_skm_compute()) or one
 * assessment (compliance_assessment_compute()) over all of them: the
 * finishing step is the library's own computation, not a copy of it.
 *
 * **What they do not check.** A tally or an accumulator keeps no ids or
 * names, so the duplicate checks of the survey (respondent ids) and of the
 * assessment (unit names) do not apply: feeding the same respondent or unit
 * twice, or merging a part twice, counts it twice. Keep the parts disjoint.
 * An accumulator carries no entity-level inputs: no flag deducts and no
 * qualifier applies (as for an entity given none).
 *
 * **Text forms** (docs/design.md, "Serialised partial results"): ASCII
 * lines, versioned, naming the profile; the parsers check every line and
 * every invariant between the numbers, and refuse the text of another
 * profile or version with a message that says which line is wrong.
 *
 * **Threads.** Each handle is used by one thread at a time; different
 * handles may share a profile.
 */
#ifndef COMPLIANCE_TALLY_H
#define COMPLIANCE_TALLY_H

#include "compliance/common.h"
#include "compliance/profile.h"

/* The survey by its struct tag (the typedef compliance_skm is in
 * compliance/skm.h): this header does not need the survey's. */
struct compliance_skm;

#ifdef __cplusplus
extern "C" {
#endif

/* ---- SKM tally --------------------------------------------------------------- */

/** @brief The counts of an SKM survey: mergeable and serialisable. */
typedef struct compliance_skm_tally compliance_skm_tally;

/**
 * @brief Creates an empty tally under an SKM method.
 * @param ctx the context: the allocator (copied) and the error detail of
 *            this call; NULL uses the C library's allocator.
 * @param[out] out receives the tally; set to NULL on failure.
 * @param skm_profile a profile of kind ::COMPLIANCE_PROFILE_SKM (e.g.
 *            "skm-2017"); the tally takes a reference.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_INVALID (@p out or @p skm_profile
 *         NULL, or a profile of another kind); ::COMPLIANCE_E_NOMEM.
 * @note Release with compliance_skm_tally_free().
 */
COMPLIANCE_API int compliance_skm_tally_new(compliance_ctx *ctx, compliance_skm_tally **out,
                                            compliance_profile *skm_profile);

/**
 * @brief Releases a tally. NULL is ignored.
 * @param tally the tally.
 */
COMPLIANCE_API void compliance_skm_tally_free(compliance_skm_tally *tally);

/**
 * @brief The method of a tally.
 * @param tally the tally.
 * @return the profile, owned by the tally; NULL for NULL.
 */
COMPLIANCE_API const compliance_profile *compliance_skm_tally_profile(const compliance_skm_tally *tally);

/**
 * @brief The code of the last failure on this tally.
 * @param tally the tally.
 * @return the code the last call on @p tally returned (::COMPLIANCE_OK
 *         when it succeeded); ::COMPLIANCE_E_INVALID for NULL.
 */
COMPLIANCE_API int compliance_skm_tally_errcode(const compliance_skm_tally *tally);

/**
 * @brief The message of the last failure on this tally.
 * @param tally the tally.
 * @return a string owned by the tally, valid until its next call; "" when
 *         the last call succeeded or @p tally is NULL; never NULL.
 */
COMPLIANCE_API const char *compliance_skm_tally_errmsg(const compliance_skm_tally *tally);

/**
 * @brief How many respondents the tally holds (blank ones included), as
 *        ::COMPLIANCE_SKM_COUNT_READ would count them.
 * @param tally the tally.
 * @return the count; 0 for NULL.
 */
COMPLIANCE_API uint64_t compliance_skm_tally_respondents(const compliance_skm_tally *tally);

/**
 * @brief Adds one anonymous respondent's answers (no id: see the file's
 *        description on duplicates).
 * @param tally the tally.
 * @param answers the answers to the elements in order, each within the
 *        method's scale (1 to 4 under skm-2017), or 0 for no answer.
 * @param n how many answers: the method's element count.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_RANGE (an answer outside the
 *         scale); ::COMPLIANCE_E_OVERFLOW (a count or sum beyond 64 bits);
 *         ::COMPLIANCE_E_INVALID (NULL argument, @p n not the element
 *         count). On failure nothing is added.
 */
COMPLIANCE_API int compliance_skm_tally_add_respondent(compliance_skm_tally *tally,
                                                       const int *answers, size_t n);

/**
 * @brief Adds every respondent a survey holds (its sums and counts; its
 *        respondent ids stay behind).
 * @param tally the tally.
 * @param skm a survey under the same method (computed or not).
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_INVALID (NULL argument, or a
 *         survey under another method); ::COMPLIANCE_E_OVERFLOW. On
 *         failure the tally is unchanged.
 */
COMPLIANCE_API int compliance_skm_tally_add_survey(compliance_skm_tally *tally,
                                                   const struct compliance_skm *skm);

/**
 * @brief Merges another tally into this one.
 *
 * The two must be under the same method: the same profile id, elements
 * (codes, in order) and answer scale.
 *
 * @param tally the tally that receives.
 * @param other the tally merged in (unchanged; may be @p tally itself,
 *        which doubles it).
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_INVALID (NULL argument, or
 *         another method: the message names both);
 *         ::COMPLIANCE_E_OVERFLOW (a sum beyond 64 bits). On failure the
 *         tally is unchanged.
 */
COMPLIANCE_API int compliance_skm_tally_merge(compliance_skm_tally *tally,
                                              const compliance_skm_tally *other);

/**
 * @brief Writes the tally's portable text form.
 * @param tally the tally.
 * @param[out] out receives the NUL-terminated text (ASCII, lines ending in
 *        "\n"), allocated with malloc(3): release it with compliance_free().
 *        NULL on failure.
 * @param[out] len receives its length without the NUL; may be NULL.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_INVALID (NULL @p tally or
 *         @p out); ::COMPLIANCE_E_NOMEM.
 */
COMPLIANCE_API int compliance_skm_tally_serialize(const compliance_skm_tally *tally, char **out,
                                                  size_t *len);

/**
 * @brief Reads a tally from its text form (compliance_skm_tally_serialize()).
 * @param ctx the context: the allocator and the error detail (which line,
 *        what was expected).
 * @param[out] out receives the new tally; NULL on failure.
 * @param skm_profile the method the text must be of (its id is checked
 *        against the text's `profile` line, its elements against the
 *        element lines).
 * @param text the text (need not be NUL-terminated).
 * @param size its length in bytes.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_PARSE (not a tally text, another
 *         version, a malformed or missing line, numbers that cannot belong
 *         to one set of respondents, e.g. a sum above 4 times its count);
 *         ::COMPLIANCE_E_INVALID (a NULL argument, a profile of another
 *         kind, or the text of another method); ::COMPLIANCE_E_NOMEM.
 */
COMPLIANCE_API int compliance_skm_tally_parse(compliance_ctx *ctx, compliance_skm_tally **out,
                                              compliance_profile *skm_profile, const char *text,
                                              size_t size);

/**
 * @brief Parses a tally text and merges it in: compliance_skm_tally_parse()
 *        then compliance_skm_tally_merge().
 * @param tally the tally that receives.
 * @param text the text.
 * @param size its length.
 * @return as compliance_skm_tally_parse() and compliance_skm_tally_merge();
 *         the detail is on @p tally. On failure the tally is unchanged.
 */
COMPLIANCE_API int compliance_skm_tally_merge_text(compliance_skm_tally *tally, const char *text,
                                                   size_t size);

/**
 * @brief Adds a tally's respondents to a survey, which then computes its
 *        result (compliance_skm_compute()) over them and its own: the IKM,
 *        NRRs, counts and band are those of one survey over all the
 *        respondents.
 * @param skm the survey (its respondent ids, if any, are not affected: a
 *        tally is anonymous).
 * @param tally a tally under the same method.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_INVALID (NULL argument, or
 *         another method); ::COMPLIANCE_E_OVERFLOW. On failure the survey
 *         is unchanged; the detail is on @p skm (compliance_skm_errmsg()).
 * @note Invalidates the survey's earlier result.
 */
COMPLIANCE_API int compliance_skm_add_tally(struct compliance_skm *skm,
                                            const compliance_skm_tally *tally);

/* ---- entity accumulator ------------------------------------------------------ */

/** @brief The unit scores of one entity: mergeable and serialisable. */
typedef struct compliance_entity_acc compliance_entity_acc;

/**
 * @brief Text fields of an accumulator's result, for
 *        compliance_entity_acc_result().
 */
enum compliance_entity_acc_field {
	COMPLIANCE_ENTITY_ACC_SCORE = 0,    /**< The entity score, rounded as the profile says ("85.50"): compliance_assessment_entity_score_text(). */
	COMPLIANCE_ENTITY_ACC_MEAN = 1,     /**< The exact value classified (the mean, within the scale): compliance_assessment_entity_mean_text(). */
	COMPLIANCE_ENTITY_ACC_CATEGORY = 2, /**< The band's category ("A".."E"; "" for zone-only editions). */
	COMPLIANCE_ENTITY_ACC_ZONE = 3,     /**< The band's zone ("hijau", "kuning", "merah"). */
	COMPLIANCE_ENTITY_ACC_LABEL = 4     /**< The band's label (no qualifier applies). */
};

/**
 * @brief Creates an empty accumulator under an assessment profile.
 * @param ctx the context: the allocator and the error detail; may be NULL.
 * @param[out] out receives the accumulator; NULL on failure.
 * @param profile a profile of kind ::COMPLIANCE_PROFILE_ASSESSMENT (e.g.
 *        "ombudsman-2023"); the accumulator takes a reference.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_INVALID (NULL argument, or a
 *         profile of another kind); ::COMPLIANCE_E_NOMEM.
 * @note Release with compliance_entity_acc_free().
 */
COMPLIANCE_API int compliance_entity_acc_new(compliance_ctx *ctx, compliance_entity_acc **out,
                                             compliance_profile *profile);

/**
 * @brief Releases an accumulator. NULL is ignored.
 * @param acc the accumulator; strings obtained from it become invalid.
 */
COMPLIANCE_API void compliance_entity_acc_free(compliance_entity_acc *acc);

/**
 * @brief The profile of an accumulator.
 * @param acc the accumulator.
 * @return the profile, owned by the accumulator; NULL for NULL.
 */
COMPLIANCE_API const compliance_profile *compliance_entity_acc_profile(const compliance_entity_acc *acc);

/**
 * @brief The code of the last failure on this accumulator.
 * @param acc the accumulator.
 * @return the code of its last call (::COMPLIANCE_OK when it succeeded);
 *         ::COMPLIANCE_E_INVALID for NULL.
 */
COMPLIANCE_API int compliance_entity_acc_errcode(const compliance_entity_acc *acc);

/**
 * @brief The message of the last failure on this accumulator.
 * @param acc the accumulator.
 * @return a string owned by the accumulator; "" when the last call
 *         succeeded or @p acc is NULL; never NULL.
 */
COMPLIANCE_API const char *compliance_entity_acc_errmsg(const compliance_entity_acc *acc);

/**
 * @brief How many unit scores the accumulator holds.
 * @param acc the accumulator.
 * @return the count; 0 for NULL.
 */
COMPLIANCE_API uint64_t compliance_entity_acc_units(const compliance_entity_acc *acc);

/**
 * @brief Adds one unit's score, as compliance_assessment_add_unit_score()
 *        would (the unit stage of the roll-up, rounding it when the profile
 *        rounds units, is applied here).
 * @param acc the accumulator.
 * @param score an exact decimal within the profile's scale, e.g. "82.70".
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_PARSE (not a decimal);
 *         ::COMPLIANCE_E_RANGE (outside the scale); ::COMPLIANCE_E_OVERFLOW
 *         (more digits than supported, or a sum that cannot be held
 *         exactly); ::COMPLIANCE_E_INVALID (NULL argument). On failure
 *         nothing is added.
 * @note Invalidates the result of an earlier compute.
 */
COMPLIANCE_API int compliance_entity_acc_add_unit_score(compliance_entity_acc *acc,
                                                        const char *score);

/**
 * @brief Merges another accumulator into this one.
 * @param acc the accumulator that receives.
 * @param other an accumulator under the same profile (same id, decimals,
 *        unit rounding and scale); unchanged; may be @p acc.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_INVALID (NULL argument, another
 *         profile); ::COMPLIANCE_E_OVERFLOW. On failure nothing changes.
 */
COMPLIANCE_API int compliance_entity_acc_merge(compliance_entity_acc *acc,
                                               const compliance_entity_acc *other);

/**
 * @brief Writes the accumulator's portable text form.
 * @param acc the accumulator.
 * @param[out] out receives the NUL-terminated text, allocated with
 *        malloc(3): release it with compliance_free(). NULL on failure.
 * @param[out] len receives its length without the NUL; may be NULL.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_INVALID; ::COMPLIANCE_E_NOMEM.
 */
COMPLIANCE_API int compliance_entity_acc_serialize(const compliance_entity_acc *acc, char **out,
                                                   size_t *len);

/**
 * @brief Reads an accumulator from its text form.
 * @param ctx the context: the allocator and the error detail.
 * @param[out] out receives the new accumulator; NULL on failure.
 * @param profile the profile the text must be of (checked against its
 *        `profile` line).
 * @param text the text (need not be NUL-terminated).
 * @param size its length in bytes.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_PARSE (not an accumulator text,
 *         another version, a malformed or missing line, a sum that no
 *         that many scores within the scale can have);
 *         ::COMPLIANCE_E_INVALID (NULL argument, a profile of another kind,
 *         the text of another profile); ::COMPLIANCE_E_NOMEM.
 */
COMPLIANCE_API int compliance_entity_acc_parse(compliance_ctx *ctx, compliance_entity_acc **out,
                                               compliance_profile *profile, const char *text,
                                               size_t size);

/**
 * @brief Parses an accumulator text and merges it in.
 * @param acc the accumulator that receives.
 * @param text the text.
 * @param size its length.
 * @return as compliance_entity_acc_parse() and compliance_entity_acc_merge();
 *         the detail is on @p acc. On failure nothing changes.
 */
COMPLIANCE_API int compliance_entity_acc_merge_text(compliance_entity_acc *acc, const char *text,
                                                    size_t size);

/**
 * @brief Finishes the roll-up: the mean of the unit scores, clamping,
 *        rounding and the band, by the same code as
 *        compliance_assessment_compute() for an entity given these unit
 *        scores and no entity-level inputs.
 * @param acc the accumulator.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_MISSING (no unit score, or a
 *         profile without bands); ::COMPLIANCE_E_RANGE (a score in no
 *         band); ::COMPLIANCE_E_OVERFLOW; ::COMPLIANCE_E_INVALID. On
 *         failure an earlier result is dropped.
 */
COMPLIANCE_API int compliance_entity_acc_compute(compliance_entity_acc *acc);

/**
 * @brief A text field of the last compute.
 * @param acc the accumulator.
 * @param field a ::compliance_entity_acc_field value.
 * @return a string owned by the accumulator, valid until its next change
 *         or compute; NULL for a bad field or without a current result.
 */
COMPLIANCE_API const char *compliance_entity_acc_result(const compliance_entity_acc *acc,
                                                        int field);

/**
 * @brief The entity score of the last compute as a scaled integer (8550
 *        for 85.50 with 2 decimals).
 * @param acc the accumulator.
 * @param[out] out receives the score scaled by 10^decimals.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_STATE (no current result);
 *         ::COMPLIANCE_E_INVALID (NULL argument).
 */
COMPLIANCE_API int compliance_entity_acc_score_scaled(const compliance_entity_acc *acc,
                                                      int64_t *out);

/**
 * @brief The band of the last compute, as an index for
 *        compliance_profile_band().
 * @param acc the accumulator.
 * @param[out] out receives the band index.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_STATE (no current result);
 *         ::COMPLIANCE_E_INVALID (NULL argument).
 */
COMPLIANCE_API int compliance_entity_acc_band_index(const compliance_entity_acc *acc,
                                                    size_t *out);

#ifdef __cplusplus
}
#endif

#endif /* COMPLIANCE_TALLY_H */
