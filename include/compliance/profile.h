/**
 * @file profile.h
 * @brief Assessment profiles: one edition's scale, rounding, bands, weights,
 *        each number with its source and confidence; and classification.
 *
 * A profile is immutable once loaded. It is reference-counted with atomic
 * operations, so one profile may be shared read-only by any number of
 * threads, and objects that use it (an assessment) keep it alive.
 */
#ifndef COMPLIANCE_PROFILE_H
#define COMPLIANCE_PROFILE_H

#include "compliance/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief An immutable assessment profile (an edition of the method). */
typedef struct compliance_profile compliance_profile;

/**
 * @brief How well a number is established (docs/methodology.md).
 */
enum compliance_confidence {
	COMPLIANCE_CONF_UNKNOWN = 0,  /**< Not published; must come from the user. */
	COMPLIANCE_CONF_STATED = 1,   /**< [S] stated in a named public source. */
	COMPLIANCE_CONF_VERIFIED = 2, /**< [V] verified by recomputing published results. */
	COMPLIANCE_CONF_INFERRED = 3  /**< [I] inferred from stated facts. */
};

/**
 * @brief Facts of a profile that carry a source and a confidence.
 */
enum compliance_fact {
	COMPLIANCE_FACT_SCALE = 0,    /**< The score scale (minimum and maximum). */
	COMPLIANCE_FACT_ROUNDING = 1, /**< The rounding rule and stages. */
	COMPLIANCE_FACT_ROLLUP = 2,   /**< How units roll up into the entity. */
	COMPLIANCE_FACT_BANDS = 3,    /**< The band table as a whole. */
	COMPLIANCE_FACT_UNITS = 4     /**< How many units an entity has (compliance_profile_unit_count_range()). */
};

/**
 * @brief What a profile describes, for compliance_profile_kind().
 */
enum compliance_profile_kind {
	COMPLIANCE_PROFILE_ASSESSMENT = 0, /**< An Ombudsman compliance assessment edition (compliance_assessment_new()). */
	COMPLIANCE_PROFILE_SKM = 1         /**< A community satisfaction survey method, e.g. "skm-2017" (compliance_skm_new()). */
};

/**
 * @brief How scores roll up into the entity score.
 */
enum compliance_rollup {
	COMPLIANCE_ROLLUP_DEFAULT = 0,  /**< The profile's default. */
	COMPLIANCE_ROLLUP_UNITS = 1,    /**< Mean of unit scores (a unit's products averaged first). */
	COMPLIANCE_ROLLUP_PRODUCTS = 2  /**< Mean over all product scores (2015–2021). */
};

/**
 * @brief The type of an entity (its government level).
 *
 * The lowercase suffix is the text of the `entity_type` input column
 * ("kementerian", ...); compliance_enum_name() and compliance_enum_value()
 * convert both ways.
 */
enum compliance_entity_type {
	COMPLIANCE_ENTITY_KEMENTERIAN = 0, /**< A ministry. */
	COMPLIANCE_ENTITY_LEMBAGA = 1,     /**< A non-ministerial agency. */
	COMPLIANCE_ENTITY_PROVINSI = 2,    /**< A province. */
	COMPLIANCE_ENTITY_KOTA = 3,        /**< A city. */
	COMPLIANCE_ENTITY_KABUPATEN = 4    /**< A regency. */
};

/**
 * @brief How many profiles are built into the library.
 * @return the count.
 */
COMPLIANCE_API size_t compliance_builtin_count(void);

/**
 * @brief The id of the @p index-th built-in profile, in the order of
 *        their ids (the assessment editions in year order, then "skm-2017").
 * @param index from 0 to compliance_builtin_count() - 1.
 * @return a static string, or NULL when @p index is out of range.
 */
COMPLIANCE_API const char *compliance_builtin_id(size_t index);

/**
 * @brief Opens a built-in profile by id, e.g. "ombudsman-2023".
 * @param ctx the context for the allocator and the error detail.
 * @param[out] out receives the profile; NULL on failure.
 * @param id the profile id.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_NOTFOUND for an unknown id (the
 *         message lists the known ids); ::COMPLIANCE_E_NO_ASSESSMENT for
 *         "ombudsman-2020"; ::COMPLIANCE_E_INVALID; ::COMPLIANCE_E_NOMEM.
 * @note Release with compliance_profile_free(). With the C library's
 *       allocator (a context without its own, or a NULL context) a built-in
 *       is parsed once per process and shared: every open returns a new
 *       reference to the same immutable profile (thread-safe), and the
 *       library keeps one reference of each until the process ends. A
 *       context with its own allocator gets a copy of its own, allocated
 *       through it.
 */
COMPLIANCE_API int compliance_profile_open(compliance_ctx *ctx, compliance_profile **out,
                                           const char *id);

/**
 * @brief Loads a profile from a JSON file (format: docs/profile-format.md).
 * @param ctx the context; on ::COMPLIANCE_E_PROFILE every problem found is
 *            one of its diagnostics, with file, line, column and JSON path.
 * @param[out] out receives the profile; NULL on failure.
 * @param path the file's path.
 * @return ::COMPLIANCE_OK, ::COMPLIANCE_E_IO, ::COMPLIANCE_E_PROFILE,
 *         ::COMPLIANCE_E_NOTFOUND (the built-in it extends does not exist),
 *         ::COMPLIANCE_E_INVALID or ::COMPLIANCE_E_NOMEM.
 */
COMPLIANCE_API int compliance_profile_load_file(compliance_ctx *ctx, compliance_profile **out,
                                                const char *path);

/**
 * @brief Loads a profile from JSON text in memory.
 * @param ctx the context, as for compliance_profile_load_file().
 * @param[out] out receives the profile; NULL on failure.
 * @param data the JSON text (need not be NUL-terminated).
 * @param size its length in bytes.
 * @param name the name used in messages (e.g. a file name); NULL gives "<buffer>".
 * @return as compliance_profile_load_file(), without ::COMPLIANCE_E_IO.
 */
COMPLIANCE_API int compliance_profile_load_buffer(compliance_ctx *ctx, compliance_profile **out,
                                                  const char *data, size_t size,
                                                  const char *name);

/**
 * @brief Takes one more reference to a profile.
 * @param profile the profile (NULL is ignored).
 * @return @p profile.
 * @note Thread-safe.
 */
COMPLIANCE_API compliance_profile *compliance_profile_ref(compliance_profile *profile);

/**
 * @brief Drops one reference; the last one frees the profile. NULL is ignored.
 * @param profile the profile.
 * @note Thread-safe.
 */
COMPLIANCE_API void compliance_profile_free(compliance_profile *profile);

/**
 * @brief The profile's id.
 * @param profile the profile.
 * @return a string owned by the profile; "" for NULL.
 */
COMPLIANCE_API const char *compliance_profile_id(const compliance_profile *profile);

/**
 * @brief What the profile describes: an assessment edition or an SKM
 *        survey method (its JSON "kind").
 * @param profile the profile.
 * @return a ::compliance_profile_kind value, or ::COMPLIANCE_E_INVALID for
 *         NULL.
 */
COMPLIANCE_API int compliance_profile_kind(const compliance_profile *profile);

/**
 * @brief The profile's name, e.g. "Penilaian Kepatuhan 2023".
 * @param profile the profile.
 * @return a string owned by the profile; "" for NULL.
 */
COMPLIANCE_API const char *compliance_profile_name(const compliance_profile *profile);

/**
 * @brief The assessment year.
 * @param profile the profile.
 * @return the year, or 0 for NULL.
 */
COMPLIANCE_API int compliance_profile_year(const compliance_profile *profile);

/**
 * @brief The lowest score of the scale, as an exact decimal ("0").
 * @param profile the profile.
 * @return a string owned by the profile; "" for NULL.
 */
COMPLIANCE_API const char *compliance_profile_scale_min(const compliance_profile *profile);

/**
 * @brief The highest score of the scale, as an exact decimal ("100" or "75").
 * @param profile the profile.
 * @return a string owned by the profile; "" for NULL.
 */
COMPLIANCE_API const char *compliance_profile_scale_max(const compliance_profile *profile);

/**
 * @brief The rounding rule, e.g. "half-up 2 decimals at unit, entity".
 * @param profile the profile.
 * @return a string owned by the profile; "" for NULL.
 */
COMPLIANCE_API const char *compliance_profile_rounding(const compliance_profile *profile);

/**
 * @brief Decimals kept by rounding (2 for every built-in edition).
 * @param profile the profile.
 * @return the number of decimals, or -1 for NULL.
 */
COMPLIANCE_API int compliance_profile_decimals(const compliance_profile *profile);

/**
 * @brief Whether the edition has opinion categories A–E (2022 on).
 * @param profile the profile.
 * @return 1 when it has categories, 0 when it has zones only or for NULL.
 */
COMPLIANCE_API int compliance_profile_has_categories(const compliance_profile *profile);

/**
 * @brief The source of one of the profile's facts.
 * @param profile the profile.
 * @param fact a ::compliance_fact value.
 * @return a string owned by the profile ("" when none), or NULL for an
 *         unknown @p fact or a NULL profile.
 */
COMPLIANCE_API const char *compliance_profile_fact_source(const compliance_profile *profile,
                                                          int fact);

/**
 * @brief The confidence of one of the profile's facts.
 * @param profile the profile.
 * @param fact a ::compliance_fact value.
 * @return a ::compliance_confidence value, or ::COMPLIANCE_E_INVALID.
 */
COMPLIANCE_API int compliance_profile_fact_confidence(const compliance_profile *profile,
                                                      int fact);

/**
 * @brief How many units (unit layanan, loci) an entity of this edition and
 *        type has, as the profile declares it (key `units`): e.g. 5 to 7
 *        for a local government in 2024, 3 to 6 in 2025. Its source and
 *        confidence are the fact ::COMPLIANCE_FACT_UNITS. Scoring does not
 *        depend on it: an entity outside the range is still scored, and
 *        flagged (compliance_assessment_entity_unit_check()).
 * @param profile the profile.
 * @param entity_type a ::compliance_entity_type value.
 * @param[out] min receives the lowest count, 0 when unknown (may be NULL).
 * @param[out] max receives the highest count, 0 when unknown (may be NULL).
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_NOTFOUND when the profile
 *         declares no range for this type (not published: unknown);
 *         ::COMPLIANCE_E_INVALID for a NULL profile or an unknown type.
 */
COMPLIANCE_API int compliance_profile_unit_count_range(const compliance_profile *profile,
                                                       int entity_type, size_t *min,
                                                       size_t *max);

/**
 * @brief The short code of a confidence: "S", "V", "I" or "unknown".
 * @param confidence a ::compliance_confidence value.
 * @return a static string; "?" for an unknown value.
 */
COMPLIANCE_API const char *compliance_confidence_code(int confidence);

/**
 * @brief How many bands the profile has, from the highest to the lowest.
 * @param profile the profile.
 * @return the count; 0 for NULL, or for a profile whose band table is not
 *         published (e.g. "pekppp-2022": its bands come from the user).
 */
COMPLIANCE_API size_t compliance_profile_band_count(const compliance_profile *profile);

/**
 * @brief A band's text: its inclusive lower bound as printed, e.g. "88.00".
 * @param profile the profile.
 * @param index the band, 0 being the highest.
 * @return a string owned by the profile ("" when the profile gives none),
 *         or NULL for a bad index or a NULL profile.
 */
COMPLIANCE_API const char *compliance_profile_band_lower(const compliance_profile *profile,
                                                         size_t index);

/**
 * @brief A band's text: its upper bound as printed, e.g. "87.99" or "100.00".
 * @param profile the profile.
 * @param index the band, 0 being the highest.
 * @return a string owned by the profile ("" when the profile gives none),
 *         or NULL for a bad index or a NULL profile.
 */
COMPLIANCE_API const char *compliance_profile_band_upper(const compliance_profile *profile,
                                                         size_t index);

/**
 * @brief A band's text: its category, "A".."E", or "" for zone-only editions.
 * @param profile the profile.
 * @param index the band, 0 being the highest.
 * @return a string owned by the profile ("" when the profile gives none),
 *         or NULL for a bad index or a NULL profile.
 */
COMPLIANCE_API const char *compliance_profile_band_category(const compliance_profile *profile,
                                                            size_t index);

/**
 * @brief A band's text: its zone: "hijau", "kuning" or "merah".
 * @param profile the profile.
 * @param index the band, 0 being the highest.
 * @return a string owned by the profile ("" when the profile gives none),
 *         or NULL for a bad index or a NULL profile.
 */
COMPLIANCE_API const char *compliance_profile_band_zone(const compliance_profile *profile,
                                                        size_t index);

/**
 * @brief A band's text: its Indonesian label, e.g. "Kualitas Tertinggi".
 * @param profile the profile.
 * @param index the band, 0 being the highest.
 * @return a string owned by the profile ("" when the profile gives none),
 *         or NULL for a bad index or a NULL profile.
 */
COMPLIANCE_API const char *compliance_profile_band_label(const compliance_profile *profile,
                                                         size_t index);

/**
 * @brief A band's text: its English label, e.g. "Highest quality".
 * @param profile the profile.
 * @param index the band, 0 being the highest.
 * @return a string owned by the profile ("" when the profile gives none),
 *         or NULL for a bad index or a NULL profile.
 */
COMPLIANCE_API const char *compliance_profile_band_label_en(const compliance_profile *profile,
                                                            size_t index);

/**
 * @brief A band's text: the public source of the band.
 * @param profile the profile.
 * @param index the band, 0 being the highest.
 * @return a string owned by the profile ("" when the profile gives none),
 *         or NULL for a bad index or a NULL profile.
 */
COMPLIANCE_API const char *compliance_profile_band_source(const compliance_profile *profile,
                                                          size_t index);

/**
 * @brief The confidence of a band's bounds and label.
 * @param profile the profile.
 * @param index the band.
 * @return a ::compliance_confidence value, or ::COMPLIANCE_E_INVALID.
 */
COMPLIANCE_API int compliance_profile_band_confidence(const compliance_profile *profile,
                                                      size_t index);

/** @brief Label set scope bit: the set labels units (compliance_profile_label_set_scope()). */
#define COMPLIANCE_LABEL_SCOPE_UNIT 1
/** @brief Label set scope bit: the set labels entities (compliance_profile_label_set_scope()). */
#define COMPLIANCE_LABEL_SCOPE_ENTITY 2

/**
 * @brief How many label sets the profile's bands carry. Set 0 is the
 *        default set, whose labels compliance_profile_band_label() and
 *        compliance_assessment_entity_label() give; a profile without
 *        `label_sets` has only it (id "default", for entities). 2025 has
 *        two: "opini" and "kualitas-pelayanan" (docs/profile-format.md).
 * @param profile the profile.
 * @return the count (1 or more for a loaded profile); 0 for NULL.
 */
COMPLIANCE_API size_t compliance_profile_label_set_count(const compliance_profile *profile);

/**
 * @brief A label set's id, e.g. "opini".
 * @param profile the profile.
 * @param set the label set, from 0.
 * @return a string owned by the profile, or NULL for a bad set or a NULL
 *         profile.
 */
COMPLIANCE_API const char *compliance_profile_label_set_id(const compliance_profile *profile,
                                                           size_t set);

/**
 * @brief A label set's name, e.g. "Kualitas Pelayanan".
 * @param profile the profile.
 * @param set the label set, from 0.
 * @return a string owned by the profile ("" when not declared), or NULL
 *         for a bad set or a NULL profile.
 */
COMPLIANCE_API const char *compliance_profile_label_set_name(const compliance_profile *profile,
                                                             size_t set);

/**
 * @brief Whom a label set labels.
 * @param profile the profile.
 * @param set the label set, from 0.
 * @return a bit mask of ::COMPLIANCE_LABEL_SCOPE_UNIT and
 *         ::COMPLIANCE_LABEL_SCOPE_ENTITY, or ::COMPLIANCE_E_INVALID (bad
 *         set or NULL profile).
 */
COMPLIANCE_API int compliance_profile_label_set_scope(const compliance_profile *profile,
                                                      size_t set);

/**
 * @brief The public source of a label set as a whole.
 * @param profile the profile.
 * @param set the label set, from 0.
 * @return a string owned by the profile ("" when none), or NULL for a bad
 *         set or a NULL profile.
 */
COMPLIANCE_API const char *compliance_profile_label_set_source(const compliance_profile *profile,
                                                               size_t set);

/**
 * @brief The confidence of a label set as a whole.
 * @param profile the profile.
 * @param set the label set, from 0.
 * @return a ::compliance_confidence value, or ::COMPLIANCE_E_INVALID.
 */
COMPLIANCE_API int compliance_profile_label_set_confidence(const compliance_profile *profile,
                                                           size_t set);

/**
 * @brief A band's label in one label set, e.g. "Sangat Baik".
 * @param profile the profile.
 * @param band the band, 0 being the highest.
 * @param set the label set, from 0 (set 0 gives compliance_profile_band_label()).
 * @return a string owned by the profile: "" when the label is not
 *         published (its confidence is then ::COMPLIANCE_CONF_UNKNOWN);
 *         NULL for a bad band or set or a NULL profile.
 */
COMPLIANCE_API const char *compliance_profile_band_set_label(const compliance_profile *profile,
                                                             size_t band, size_t set);

/**
 * @brief A band's English label in one label set, e.g. "Very good".
 * @param profile the profile.
 * @param band the band, 0 being the highest.
 * @param set the label set, from 0.
 * @return a string owned by the profile ("" when none), or NULL for a bad
 *         band or set or a NULL profile.
 */
COMPLIANCE_API const char *compliance_profile_band_set_label_en(const compliance_profile *profile,
                                                                size_t band, size_t set);

/**
 * @brief The source of a band's label in one label set (for set 0 given
 *        by the band's `label`: the band's source).
 * @param profile the profile.
 * @param band the band, 0 being the highest.
 * @param set the label set, from 0.
 * @return a string owned by the profile ("" when none), or NULL for a bad
 *         band or set or a NULL profile.
 */
COMPLIANCE_API const char *compliance_profile_band_set_source(const compliance_profile *profile,
                                                              size_t band, size_t set);

/**
 * @brief The confidence of a band's label in one label set: which label
 *        goes with which band (2025's Kualitas Pelayanan mapping is
 *        ::COMPLIANCE_CONF_INFERRED, and ::COMPLIANCE_CONF_UNKNOWN below 32).
 * @param profile the profile.
 * @param band the band, 0 being the highest.
 * @param set the label set, from 0.
 * @return a ::compliance_confidence value, or ::COMPLIANCE_E_INVALID.
 */
COMPLIANCE_API int compliance_profile_band_set_confidence(const compliance_profile *profile,
                                                          size_t band, size_t set);

/**
 * @brief Whether a band's label in one label set carries a certificate
 *        (2025: the Opini certificate, awarded only at Kualitas Tertinggi,
 *        METHODOLOGY.md §2 2025 [S]).
 * @param profile the profile.
 * @param band the band, 0 being the highest.
 * @param set the label set, from 0.
 * @return 1 or 0, or ::COMPLIANCE_E_INVALID (bad band or set, NULL).
 */
COMPLIANCE_API int compliance_profile_band_set_certificate(const compliance_profile *profile,
                                                           size_t band, size_t set);

/**
 * @brief How many nodes the indicator tree has (dimensions, variables,
 *        indicators), in depth-first order.
 * @param profile the profile.
 * @return the count; 0 for NULL.
 */
COMPLIANCE_API size_t compliance_profile_node_count(const compliance_profile *profile);

/**
 * @brief A node of the indicator tree: its identifier, unique in the profile.
 * @param profile the profile.
 * @param index the node, in depth-first order.
 * @return a string owned by the profile, or NULL for a bad index or a NULL
 *         profile.
 */
COMPLIANCE_API const char *compliance_profile_node_id(const compliance_profile *profile,
                                                      size_t index);

/**
 * @brief A node of the indicator tree: its display name.
 * @param profile the profile.
 * @param index the node, in depth-first order.
 * @return a string owned by the profile, or NULL for a bad index or a NULL
 *         profile.
 */
COMPLIANCE_API const char *compliance_profile_node_name(const compliance_profile *profile,
                                                        size_t index);

/**
 * @brief A node of the indicator tree: its parent's id, or "" for a dimension.
 * @param profile the profile.
 * @param index the node, in depth-first order.
 * @return a string owned by the profile, or NULL for a bad index or a NULL
 *         profile.
 */
COMPLIANCE_API const char *compliance_profile_node_parent(const compliance_profile *profile,
                                                          size_t index);

/**
 * @brief A node of the indicator tree: its weight within the parent as an exact decimal, or "" when not published.
 * @param profile the profile.
 * @param index the node, in depth-first order.
 * @return a string owned by the profile, or NULL for a bad index or a NULL
 *         profile.
 */
COMPLIANCE_API const char *compliance_profile_node_weight(const compliance_profile *profile,
                                                          size_t index);

/**
 * @brief A node of the indicator tree: the source of its weight.
 * @param profile the profile.
 * @param index the node, in depth-first order.
 * @return a string owned by the profile, or NULL for a bad index or a NULL
 *         profile.
 */
COMPLIANCE_API const char *compliance_profile_node_source(const compliance_profile *profile,
                                                          size_t index);

/**
 * @brief A node of the indicator tree: for an indicator, the lowest answer of its scale; "" for an inner node.
 * @param profile the profile.
 * @param index the node, in depth-first order.
 * @return a string owned by the profile, or NULL for a bad index or a NULL
 *         profile.
 */
COMPLIANCE_API const char *compliance_profile_node_scale_min(const compliance_profile *profile,
                                                             size_t index);

/**
 * @brief A node of the indicator tree: for an indicator, the highest answer of its scale; "" for an inner node.
 * @param profile the profile.
 * @param index the node, in depth-first order.
 * @return a string owned by the profile, or NULL for a bad index or a NULL
 *         profile.
 */
COMPLIANCE_API const char *compliance_profile_node_scale_max(const compliance_profile *profile,
                                                             size_t index);

/**
 * @brief The depth of a node: 0 for a dimension, 1 for its children, ...
 * @param profile the profile.
 * @param index the node.
 * @return the depth, or ::COMPLIANCE_E_INVALID.
 */
COMPLIANCE_API int compliance_profile_node_depth(const compliance_profile *profile, size_t index);

/**
 * @brief The confidence of a node's weight.
 * @param profile the profile.
 * @param index the node.
 * @return a ::compliance_confidence value, or ::COMPLIANCE_E_INVALID.
 */
COMPLIANCE_API int compliance_profile_node_confidence(const compliance_profile *profile,
                                                      size_t index);

/**
 * @brief Classifies a score: rounds it as the profile says (half-up to its
 *        decimals), then finds the band whose inclusive lower bound it
 *        reaches.
 * @param ctx where an error's detail goes (may be NULL).
 * @param profile the profile.
 * @param score an exact decimal such as "87.995" ('.' as the separator,
 *              whatever the locale).
 * @param[out] rounded receives the rounded score scaled by 10^decimals
 *             (8800 for "88.00"); may be NULL.
 * @param[out] band receives the band index; may be NULL.
 * @return ::COMPLIANCE_OK; ::COMPLIANCE_E_PARSE (not a decimal number);
 *         ::COMPLIANCE_E_RANGE (below the scale's minimum or above its
 *         maximum); ::COMPLIANCE_E_MISSING (the profile has no bands:
 *         their table is not published, as for "pekppp-2022", and comes
 *         from the user's profile; the message says so);
 *         ::COMPLIANCE_E_OVERFLOW (more digits than supported);
 *         ::COMPLIANCE_E_INVALID.
 * @note Thread-safe for a shared profile when each thread has its own ctx.
 */
COMPLIANCE_API int compliance_profile_classify(compliance_ctx *ctx,
                                               const compliance_profile *profile,
                                               const char *score, int64_t *rounded,
                                               size_t *band);

/**
 * @brief Writes a scaled integer as a decimal: (9446, 2) gives "94.46".
 * @param buf the buffer.
 * @param size its size in bytes; 24 bytes always suffice.
 * @param value the scaled value.
 * @param decimals how many decimals @p value carries (0 to 18).
 * @return ::COMPLIANCE_OK, ::COMPLIANCE_E_BUFFER (truncated, still
 *         NUL-terminated when @p size > 0) or ::COMPLIANCE_E_INVALID.
 */
COMPLIANCE_API int compliance_format_scaled(char *buf, size_t size, int64_t value, int decimals);

#ifdef __cplusplus
}
#endif

#endif /* COMPLIANCE_PROFILE_H */
