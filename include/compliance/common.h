/**
 * @file common.h
 * @brief Error codes, version, allocator and the context handle.
 *
 * Every fallible function returns an `int`: ::COMPLIANCE_OK (0) on success
 * or a negative `COMPLIANCE_E_*` code. The human-readable detail of the
 * last failure (file, line, field, what was expected) is kept on the handle
 * that failed and read with compliance_ctx_errmsg() or the object's own
 * `_errmsg()` function.
 *
 * The library never prints, never calls `abort()` or `exit()`, keeps no
 * mutable global state and needs no initialisation call.
 */
#ifndef COMPLIANCE_COMMON_H
#define COMPLIANCE_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "compliance/version.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @def COMPLIANCE_API
 * @brief Marks a declaration as part of the exported interface.
 */
#ifndef COMPLIANCE_API
#  if defined(COMPLIANCE_BUILDING_LIBRARY) && defined(__GNUC__) && __GNUC__ >= 4
#    define COMPLIANCE_API __attribute__((visibility("default")))
#  else
#    define COMPLIANCE_API
#  endif
#endif

/**
 * @brief Result codes. The values are stable and never reused.
 */
enum compliance_error {
	COMPLIANCE_OK = 0,               /**< Success. */
	COMPLIANCE_E_INVALID = -1,       /**< Misuse: a NULL handle, a bad option or argument. */
	COMPLIANCE_E_NOMEM = -2,         /**< An allocation failed; nothing was changed. */
	COMPLIANCE_E_NOTFOUND = -3,      /**< No such profile, entity, band or node. */
	COMPLIANCE_E_PARSE = -4,         /**< Malformed input: not a number, a bad CSV or JSON field. */
	COMPLIANCE_E_RANGE = -5,         /**< A value outside the edition's scale or an answer scale. */
	COMPLIANCE_E_OVERFLOW = -6,      /**< An exact value grew beyond what the library can hold. */
	COMPLIANCE_E_IO = -7,            /**< A file could not be opened or read. */
	COMPLIANCE_E_DUPLICATE = -8,     /**< The same unit, entity, respondent or id was given twice. */
	COMPLIANCE_E_NO_ASSESSMENT = -9, /**< No assessment was held that year (2020). */
	COMPLIANCE_E_MISSING = -10,      /**< A required value is missing (an unpublished weight, an answer). */
	COMPLIANCE_E_PROFILE = -11,      /**< A profile file is invalid; see the context's diagnostics. */
	COMPLIANCE_E_STATE = -12,        /**< The call does not fit the object's state (e.g. not computed yet). */
	COMPLIANCE_E_BUFFER = -13        /**< A caller's buffer is too small; nothing was written past it. */
};

/**
 * @brief A static English description of an error code.
 * @param code a `COMPLIANCE_E_*` value or ::COMPLIANCE_OK.
 * @return a static string, never NULL ("unknown error" for unknown codes).
 * @note Thread-safe.
 */
COMPLIANCE_API const char *compliance_strerror(int code);

/**
 * @brief The name of an error code's constant, e.g. "COMPLIANCE_E_PARSE"
 *        for ::COMPLIANCE_E_PARSE (for messages, logs and bindings).
 * @param code a `COMPLIANCE_E_*` value or ::COMPLIANCE_OK.
 * @return a static string, never NULL: "COMPLIANCE_E_UNKNOWN" for a value
 *         that is no error code.
 * @note Thread-safe.
 */
COMPLIANCE_API const char *compliance_error_name(int code);

/**
 * @brief The full name of a constant of a public enum, from its value.
 *
 * Every enum of the public headers is known, by its tag with or without
 * the `compliance_` prefix: `compliance_enum_name("compliance_missing", 1)`
 * and `compliance_enum_name("missing", 1)` are both
 * "COMPLIANCE_MISSING_EXCLUDE".
 * @param enum_name the enum's tag, e.g. "compliance_missing".
 * @param value the value.
 * @return a static string; NULL for an unknown enum or a value it lacks,
 *         or a NULL @p enum_name.
 * @note Thread-safe.
 */
COMPLIANCE_API const char *compliance_enum_name(const char *enum_name, int value);

/**
 * @brief The short name of a constant of a public enum: the lowercase rest
 *        of its name after the enum's prefix ("exclude" for
 *        ::COMPLIANCE_MISSING_EXCLUDE, "kota" for
 *        ::COMPLIANCE_ENTITY_KOTA, "parse" for ::COMPLIANCE_E_PARSE, "ok"
 *        for ::COMPLIANCE_OK). These are the words the command-line
 *        program uses.
 * @param enum_name the enum's tag, as for compliance_enum_name().
 * @param value the value.
 * @return a static string; NULL for an unknown enum or value.
 * @note Thread-safe.
 */
COMPLIANCE_API const char *compliance_enum_short_name(const char *enum_name, int value);

/**
 * @brief The value of a constant of a public enum, from its full name
 *        ("COMPLIANCE_MISSING_EXCLUDE") or its short name ("exclude").
 * @param[out] out receives the value; unchanged on failure.
 * @param enum_name the enum's tag, as for compliance_enum_name().
 * @param name the constant's full or short name (exact case).
 * @return ::COMPLIANCE_OK, ::COMPLIANCE_E_NOTFOUND (no such enum or name)
 *         or ::COMPLIANCE_E_INVALID (a NULL argument).
 * @note Thread-safe.
 */
COMPLIANCE_API int compliance_enum_value(int *out, const char *enum_name, const char *name);

/**
 * @brief The library's run-time version as `MAJOR * 10000 + MINOR * 100 + PATCH`.
 * @return the version number; compare with ::COMPLIANCE_VERSION_NUMBER.
 */
COMPLIANCE_API unsigned compliance_version(void);

/**
 * @brief The library's run-time version as a string such as "0.1.0".
 * @return a static string, never NULL.
 */
COMPLIANCE_API const char *compliance_version_string(void);

/**
 * @brief A custom allocator (the layout of zstd's `ZSTD_customMem`).
 *
 * The three functions are used together, or not at all. `userdata` is
 * passed back unchanged. The layout of this structure is frozen.
 *
 * Every allocation of the library goes through it except those of jansson,
 * the JSON parser of profiles, whose allocator is process-global
 * (`json_set_alloc_funcs`): while a profile (a file, a buffer or a
 * built-in, which are JSON too, and the built-in an `"extends"` names) is
 * read, its parsed document is allocated by jansson's allocator (malloc by
 * default) and freed before the call returns. A JSON assessment input is
 * read by the library's own streaming reader, through this allocator. When jansson
 * reports running out of memory, the call fails with ::COMPLIANCE_E_NOMEM;
 * jansson 2.14 reports some failures as a syntax error and ignores a failed
 * growth of its string buffer (docs/input-format.md, "Memory").
 */
typedef struct compliance_allocator {
	/** Like malloc(3); may return NULL to signal failure. */
	void *(*malloc_fn)(size_t size, void *userdata);
	/** Like realloc(3); on failure returns NULL and leaves `ptr` valid. */
	void *(*realloc_fn)(void *ptr, size_t size, void *userdata);
	/** Like free(3); must accept NULL. */
	void (*free_fn)(void *ptr, void *userdata);
	/** Passed to every call. */
	void *userdata;
} compliance_allocator;

/**
 * @brief A context: an allocator, the last error and its diagnostics.
 *
 * Profiles are loaded through a context, and failures of functions that
 * take a context leave their detail on it. A context is used by one thread
 * at a time; give each thread its own.
 */
typedef struct compliance_ctx compliance_ctx;

/**
 * @brief Creates a context that allocates with the C library.
 * @param[out] out receives the new context; set to NULL on failure.
 * @return ::COMPLIANCE_OK, ::COMPLIANCE_E_INVALID (out is NULL) or
 *         ::COMPLIANCE_E_NOMEM.
 * @note Release with compliance_ctx_free().
 */
COMPLIANCE_API int compliance_ctx_new(compliance_ctx **out);

/**
 * @brief Creates a context whose objects allocate through @p alloc.
 * @param[out] out receives the new context; set to NULL on failure.
 * @param alloc the allocator, copied; NULL means the C library's.
 * @return ::COMPLIANCE_OK, ::COMPLIANCE_E_INVALID (out is NULL, or an
 *         allocator with a missing function) or ::COMPLIANCE_E_NOMEM.
 */
COMPLIANCE_API int compliance_ctx_new_with_allocator(compliance_ctx **out,
                                                     const compliance_allocator *alloc);

/**
 * @brief Releases a context. NULL is ignored.
 * @param ctx the context. Objects created through it stay valid: they keep
 *            their own copy of the allocator.
 */
COMPLIANCE_API void compliance_ctx_free(compliance_ctx *ctx);

/**
 * @brief The code of the last failure on this context.
 * @param ctx the context (NULL gives ::COMPLIANCE_E_INVALID).
 * @return the last `COMPLIANCE_E_*` code set on @p ctx, or ::COMPLIANCE_OK.
 */
COMPLIANCE_API int compliance_ctx_errcode(const compliance_ctx *ctx);

/**
 * @brief The message of the last failure on this context.
 * @param ctx the context.
 * @return a string owned by @p ctx, valid until its next call; "" when no
 *         error happened; never NULL.
 */
COMPLIANCE_API const char *compliance_ctx_errmsg(const compliance_ctx *ctx);

/**
 * @brief How many diagnostics the last failing call left (e.g. every
 *        problem found in a profile file).
 * @param ctx the context.
 * @return the count; 0 for NULL.
 */
COMPLIANCE_API size_t compliance_ctx_diag_count(const compliance_ctx *ctx);

/**
 * @brief One diagnostic as a full message ("file:line:column: path: text").
 * @param ctx the context.
 * @param index from 0 to compliance_ctx_diag_count() - 1.
 * @return a string owned by @p ctx, or NULL when @p index is out of range.
 */
COMPLIANCE_API const char *compliance_ctx_diag(const compliance_ctx *ctx, size_t index);

/**
 * @brief Releases memory the library allocated for the caller (for example
 *        the text returned by compliance_assessment_explain()).
 * @param ptr the pointer; NULL is ignored.
 */
COMPLIANCE_API void compliance_free(void *ptr);

#ifdef __cplusplus
}
#endif

#endif /* COMPLIANCE_COMMON_H */
