"""Loading libcompliance with ctypes and declaring the C prototypes.

The library is loaded by its SONAME (``libcompliance.so.1``), never by the
``libcompliance.so`` symlink of the -dev package: that link names whatever
ABI the headers on the machine describe, not the one this module declares.
``COMPLIANCE_LIBRARY`` (or :func:`compliance.load`) may name a library file
instead, e.g. a build tree's ``build/libcompliance.so.1`` in tests.
"""
import ctypes
import os

#: The SONAME of the ABI whose prototypes are declared below (CMakeLists.txt:
#: COMPLIANCE_SOVERSION). The tests check it against the build's.
SONAME = "libcompliance.so.1"
#: Runtime versions this module accepts: 0.2.x (compliance_version()
#: = MAJOR * 10000 + MINOR * 100 + PATCH).
VERSION_MIN = 200
VERSION_MAX = 299

c_char_p = ctypes.c_char_p
c_int = ctypes.c_int
c_size_t = ctypes.c_size_t
c_void_p = ctypes.c_void_p
c_int64 = ctypes.c_int64
c_uint64 = ctypes.c_uint64
P = ctypes.POINTER

# name: (restype, argtypes)
_PROTOS = {
    "compliance_version": (ctypes.c_uint, []),
    "compliance_version_string": (c_char_p, []),
    "compliance_strerror": (c_char_p, [c_int]),
    "compliance_error_name": (c_char_p, [c_int]),
    "compliance_enum_short_name": (c_char_p, [c_char_p, c_int]),
    "compliance_enum_value": (c_int, [P(c_int), c_char_p, c_char_p]),
    "compliance_free": (None, [c_void_p]),
    "compliance_ctx_new": (c_int, [P(c_void_p)]),
    "compliance_ctx_free": (None, [c_void_p]),
    "compliance_ctx_errcode": (c_int, [c_void_p]),
    "compliance_ctx_errmsg": (c_char_p, [c_void_p]),
    "compliance_ctx_diag_count": (c_size_t, [c_void_p]),
    "compliance_ctx_diag": (c_char_p, [c_void_p, c_size_t]),
    # profiles
    "compliance_builtin_count": (c_size_t, []),
    "compliance_builtin_id": (c_char_p, [c_size_t]),
    "compliance_profile_open": (c_int, [c_void_p, P(c_void_p), c_char_p]),
    "compliance_profile_load_file": (c_int, [c_void_p, P(c_void_p), c_char_p]),
    "compliance_profile_load_buffer": (c_int, [c_void_p, P(c_void_p), c_char_p, c_size_t,
                                               c_char_p]),
    "compliance_profile_free": (None, [c_void_p]),
    "compliance_profile_id": (c_char_p, [c_void_p]),
    "compliance_profile_kind": (c_int, [c_void_p]),
    "compliance_profile_name": (c_char_p, [c_void_p]),
    "compliance_profile_year": (c_int, [c_void_p]),
    "compliance_profile_scale_min": (c_char_p, [c_void_p]),
    "compliance_profile_scale_max": (c_char_p, [c_void_p]),
    "compliance_profile_decimals": (c_int, [c_void_p]),
    "compliance_profile_has_categories": (c_int, [c_void_p]),
    "compliance_profile_band_count": (c_size_t, [c_void_p]),
    "compliance_profile_band_lower": (c_char_p, [c_void_p, c_size_t]),
    "compliance_profile_band_upper": (c_char_p, [c_void_p, c_size_t]),
    "compliance_profile_band_category": (c_char_p, [c_void_p, c_size_t]),
    "compliance_profile_band_zone": (c_char_p, [c_void_p, c_size_t]),
    "compliance_profile_band_label": (c_char_p, [c_void_p, c_size_t]),
    "compliance_profile_label_set_count": (c_size_t, [c_void_p]),
    "compliance_profile_label_set_id": (c_char_p, [c_void_p, c_size_t]),
    "compliance_profile_classify": (c_int, [c_void_p, c_void_p, c_char_p, P(c_int64),
                                            P(c_size_t)]),
    "compliance_format_scaled": (c_int, [c_char_p, c_size_t, c_int64, c_int]),
    # assessments
    "compliance_assessment_new": (c_int, [c_void_p, P(c_void_p), c_void_p]),
    "compliance_assessment_free": (None, [c_void_p]),
    "compliance_assessment_errmsg": (c_char_p, [c_void_p]),
    "compliance_assessment_errcode": (c_int, [c_void_p]),
    "compliance_assessment_set_option": (c_int, [c_void_p, c_int, c_int]),
    "compliance_assessment_add_unit_score": (c_int, [c_void_p, c_char_p, c_char_p, c_char_p,
                                                     c_char_p]),
    "compliance_assessment_add_product_score": (c_int, [c_void_p, c_char_p, c_char_p,
                                                        c_char_p, c_char_p, c_char_p]),
    "compliance_assessment_add_value": (c_int, [c_void_p, c_char_p, c_char_p, c_char_p,
                                                c_char_p, c_char_p]),
    "compliance_assessment_read_csv_buffer": (c_int, [c_void_p, c_char_p, c_size_t, c_char_p]),
    "compliance_assessment_read_csv_file": (c_int, [c_void_p, c_char_p]),
    "compliance_assessment_read_json_buffer": (c_int, [c_void_p, c_char_p, c_size_t,
                                                       c_char_p]),
    "compliance_assessment_read_json_file": (c_int, [c_void_p, c_char_p]),
    "compliance_assessment_compute": (c_int, [c_void_p]),
    "compliance_assessment_rollup": (c_int, [c_void_p]),
    "compliance_assessment_entity_count": (c_size_t, [c_void_p]),
    "compliance_assessment_find": (c_int, [c_void_p, c_char_p, P(c_size_t)]),
    "compliance_assessment_entity_name": (c_char_p, [c_void_p, c_size_t]),
    "compliance_assessment_entity_type": (c_int, [c_void_p, c_size_t]),
    "compliance_assessment_entity_score_text": (c_char_p, [c_void_p, c_size_t]),
    "compliance_assessment_entity_mean_text": (c_char_p, [c_void_p, c_size_t]),
    "compliance_assessment_entity_category": (c_char_p, [c_void_p, c_size_t]),
    "compliance_assessment_entity_zone": (c_char_p, [c_void_p, c_size_t]),
    "compliance_assessment_entity_label": (c_char_p, [c_void_p, c_size_t]),
    "compliance_assessment_entity_qualified": (c_int, [c_void_p, c_size_t]),
    "compliance_assessment_entity_certificate": (c_int, [c_void_p, c_size_t]),
    "compliance_assessment_entity_label_set": (c_char_p, [c_void_p, c_size_t, c_size_t]),
    "compliance_assessment_entity_rank": (c_int, [c_void_p, c_size_t, P(c_size_t),
                                                  P(c_size_t)]),
    "compliance_assessment_entity_band": (c_int, [c_void_p, c_size_t, P(c_size_t)]),
    "compliance_assessment_entity_unit_check": (c_int, [c_void_p, c_size_t]),
    "compliance_assessment_unit_count": (c_size_t, [c_void_p, c_size_t]),
    "compliance_assessment_unit_name": (c_char_p, [c_void_p, c_size_t, c_size_t]),
    "compliance_assessment_unit_score": (c_int, [P(c_int64), c_void_p, c_size_t, c_size_t]),
    "compliance_assessment_unit_label": (c_char_p, [c_void_p, c_size_t, c_size_t, c_size_t]),
    "compliance_assessment_unit_exact": (c_int, [c_char_p, c_size_t, c_void_p, c_size_t,
                                                 c_size_t]),
    "compliance_assessment_explain": (c_int, [c_void_p, c_size_t, c_int, P(c_void_p)]),
    "compliance_assessment_advise": (c_int, [c_void_p, c_size_t, c_int, P(c_void_p)]),
    "compliance_assessment_write": (c_int, [c_void_p, c_int, P(c_void_p)]),
    # SKM
    "compliance_skm_new": (c_int, [c_void_p, P(c_void_p), c_void_p]),
    "compliance_skm_free": (None, [c_void_p]),
    "compliance_skm_errcode": (c_int, [c_void_p]),
    "compliance_skm_errmsg": (c_char_p, [c_void_p]),
    "compliance_skm_set_option": (c_int, [c_void_p, c_int, c_int]),
    "compliance_skm_element_count": (c_size_t, [c_void_p]),
    "compliance_skm_element": (c_char_p, [c_void_p, c_size_t, c_int]),
    "compliance_skm_add_respondent": (c_int, [c_void_p, c_char_p, P(c_int), c_size_t]),
    "compliance_skm_read_csv_buffer": (c_int, [c_void_p, c_char_p, c_size_t, c_char_p]),
    "compliance_skm_read_csv_file": (c_int, [c_void_p, c_char_p]),
    "compliance_skm_compute": (c_int, [c_void_p]),
    "compliance_skm_count": (c_uint64, [c_void_p, c_int]),
    "compliance_skm_element_answers": (c_uint64, [c_void_p, c_size_t]),
    "compliance_skm_nrr": (c_char_p, [c_void_p, c_size_t, c_int]),
    "compliance_skm_result": (c_char_p, [c_void_p, c_int]),
    "compliance_assessment_add_skm": (c_int, [c_void_p, c_char_p, c_char_p, c_char_p, c_char_p,
                                              c_void_p]),
    "compliance_skm_write": (c_int, [c_void_p, c_int, P(c_void_p)]),
}


def find_library(path=None):
    """The file to load: @p path, else $COMPLIANCE_LIBRARY, else the SONAME
    (found by the dynamic loader's search: ld.so.cache, LD_LIBRARY_PATH)."""
    if path is None:
        path = os.environ.get("COMPLIANCE_LIBRARY") or None
    if path is None:
        return SONAME
    path = os.fspath(path)
    if os.path.basename(path) == "libcompliance.so":
        raise OSError(
            "%s is the development symlink (libcompliance-dev), which follows whatever "
            "ABI the installed headers describe; point at %s instead" % (path, SONAME))
    return path


def load_library(path=None):
    """Loads the library and declares its prototypes; returns the CDLL."""
    lib = ctypes.CDLL(find_library(path))
    for name, (restype, argtypes) in _PROTOS.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
    return lib
