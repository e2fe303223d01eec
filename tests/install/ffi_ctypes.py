#!/usr/bin/env python3
"""Loads an installed libcompliance with ctypes, without any C compiler, as a
Python binding would, and checks that the exported functions are reachable
and behave.

usage: ffi_ctypes.py LIBRARY EXPECTED_VERSION
"""
import ctypes
import sys


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def main():
    if len(sys.argv) != 3:
        fail("usage: ffi_ctypes.py LIBRARY EXPECTED_VERSION")
    path, expected_version = sys.argv[1], sys.argv[2]
    lib = ctypes.CDLL(path)

    # const char *compliance_version_string(void)
    lib.compliance_version_string.restype = ctypes.c_char_p
    lib.compliance_version_string.argtypes = []
    version = lib.compliance_version_string().decode("utf-8")
    if version != expected_version:
        fail("compliance_version_string() = %r, expected %r" % (version, expected_version))

    # unsigned compliance_version(void): MAJOR * 10000 + MINOR * 100 + PATCH
    lib.compliance_version.restype = ctypes.c_uint
    lib.compliance_version.argtypes = []
    major, minor, patch = (int(x) for x in expected_version.split("."))
    if lib.compliance_version() != major * 10000 + minor * 100 + patch:
        fail("compliance_version() = %d" % lib.compliance_version())

    c_ctx_p = ctypes.c_void_p
    c_profile_p = ctypes.c_void_p
    lib.compliance_ctx_new.restype = ctypes.c_int
    lib.compliance_ctx_new.argtypes = [ctypes.POINTER(c_ctx_p)]
    lib.compliance_ctx_free.restype = None
    lib.compliance_ctx_free.argtypes = [c_ctx_p]
    lib.compliance_ctx_errmsg.restype = ctypes.c_char_p
    lib.compliance_ctx_errmsg.argtypes = [c_ctx_p]
    lib.compliance_profile_open.restype = ctypes.c_int
    lib.compliance_profile_open.argtypes = [c_ctx_p, ctypes.POINTER(c_profile_p), ctypes.c_char_p]
    lib.compliance_profile_free.restype = None
    lib.compliance_profile_free.argtypes = [c_profile_p]
    lib.compliance_profile_classify.restype = ctypes.c_int
    lib.compliance_profile_classify.argtypes = [
        c_ctx_p, c_profile_p, ctypes.c_char_p,
        ctypes.POINTER(ctypes.c_int64), ctypes.POINTER(ctypes.c_size_t)]
    for getter in ("category", "zone"):
        fn = getattr(lib, "compliance_profile_band_" + getter)
        fn.restype = ctypes.c_char_p
        fn.argtypes = [c_profile_p, ctypes.c_size_t]
    lib.compliance_strerror.restype = ctypes.c_char_p
    lib.compliance_strerror.argtypes = [ctypes.c_int]

    COMPLIANCE_E_PARSE = -4

    ctx = c_ctx_p()
    rc = lib.compliance_ctx_new(ctypes.byref(ctx))
    if rc != 0 or not ctx:
        fail("compliance_ctx_new() = %d" % rc)
    profile = c_profile_p()
    try:
        rc = lib.compliance_profile_open(ctx, ctypes.byref(profile), b"ombudsman-2022")
        if rc != 0 or not profile:
            fail("compliance_profile_open(ombudsman-2022) = %d: %s"
                 % (rc, lib.compliance_ctx_errmsg(ctx).decode()))

        rounded = ctypes.c_int64(-1)
        band = ctypes.c_size_t(99)
        rc = lib.compliance_profile_classify(ctx, profile, b"87.995",
                                             ctypes.byref(rounded), ctypes.byref(band))
        if rc != 0:
            fail("compliance_profile_classify(87.995) = %d: %s"
                 % (rc, lib.compliance_ctx_errmsg(ctx).decode()))
        if rounded.value != 8800:
            fail("87.995 rounded to %d, expected 8800" % rounded.value)
        category = lib.compliance_profile_band_category(profile, band.value)
        zone = lib.compliance_profile_band_zone(profile, band.value)
        if category != b"A" or zone != b"hijau":
            fail("87.995 classified as %r/%r, expected A/hijau" % (category, zone))

        # An error comes back as a code, with its detail on the context.
        rc = lib.compliance_profile_classify(ctx, profile, b"not-a-number", None, None)
        if rc != COMPLIANCE_E_PARSE:
            fail("classify(not-a-number) = %d, expected COMPLIANCE_E_PARSE" % rc)
        if not lib.compliance_ctx_errmsg(ctx):
            fail("no error message after COMPLIANCE_E_PARSE")
        if not lib.compliance_strerror(rc):
            fail("compliance_strerror(%d) is empty" % rc)
        lib.compliance_error_name.restype = ctypes.c_char_p
        lib.compliance_error_name.argtypes = [ctypes.c_int]
        if lib.compliance_error_name(rc) != b"COMPLIANCE_E_PARSE":
            fail("compliance_error_name(%d) = %r" % (rc, lib.compliance_error_name(rc)))

        # Constants come from the library by name: no header is read here.
        lib.compliance_enum_value.restype = ctypes.c_int
        lib.compliance_enum_value.argtypes = [ctypes.POINTER(ctypes.c_int), ctypes.c_char_p,
                                              ctypes.c_char_p]
        lib.compliance_enum_short_name.restype = ctypes.c_char_p
        lib.compliance_enum_short_name.argtypes = [ctypes.c_char_p, ctypes.c_int]

        def const(enum, name):
            out = ctypes.c_int()
            if lib.compliance_enum_value(ctypes.byref(out), enum, name) != 0:
                fail("compliance_enum_value(%s, %s) failed" % (enum, name))
            return out.value

        exact_size = const(b"compliance_limit", b"exact_text_size")
        if const(b"compliance_error", b"COMPLIANCE_E_PARSE") != COMPLIANCE_E_PARSE:
            fail("compliance_enum_value gives another COMPLIANCE_E_PARSE")

        # An assessment read through the typed getters:
        # Kota A: (84.99 + 85.00) / 2 = 84.995 -> 85.00, B (78.00 to 87.99) hijau.
        c_assessment_p = ctypes.c_void_p
        lib.compliance_assessment_new.restype = ctypes.c_int
        lib.compliance_assessment_new.argtypes = [c_ctx_p, ctypes.POINTER(c_assessment_p),
                                                  c_profile_p]
        lib.compliance_assessment_free.restype = None
        lib.compliance_assessment_free.argtypes = [c_assessment_p]
        lib.compliance_assessment_add_unit_score.restype = ctypes.c_int
        lib.compliance_assessment_add_unit_score.argtypes = [c_assessment_p] + [ctypes.c_char_p] * 4
        lib.compliance_assessment_compute.restype = ctypes.c_int
        lib.compliance_assessment_compute.argtypes = [c_assessment_p]
        for getter in ("name", "score_text", "mean_text", "category", "zone", "label"):
            fn = getattr(lib, "compliance_assessment_entity_" + getter)
            fn.restype = ctypes.c_char_p
            fn.argtypes = [c_assessment_p, ctypes.c_size_t]
        for getter in ("type", "qualified"):
            fn = getattr(lib, "compliance_assessment_entity_" + getter)
            fn.restype = ctypes.c_int
            fn.argtypes = [c_assessment_p, ctypes.c_size_t]
        lib.compliance_assessment_unit_score.restype = ctypes.c_int
        lib.compliance_assessment_unit_score.argtypes = [
            ctypes.POINTER(ctypes.c_int64), c_assessment_p, ctypes.c_size_t, ctypes.c_size_t]
        lib.compliance_assessment_unit_exact.restype = ctypes.c_int
        lib.compliance_assessment_unit_exact.argtypes = [
            ctypes.c_char_p, ctypes.c_size_t, c_assessment_p, ctypes.c_size_t, ctypes.c_size_t]
        lib.compliance_assessment_profile.restype = c_profile_p
        lib.compliance_assessment_profile.argtypes = [c_assessment_p]

        a = c_assessment_p()
        if lib.compliance_assessment_new(ctx, ctypes.byref(a), profile) != 0:
            fail("compliance_assessment_new failed")
        try:
            for unit, score in ((b"U1", b"84.99"), (b"U2", b"85.00")):
                if lib.compliance_assessment_add_unit_score(a, b"Kota A", b"kota", unit, score):
                    fail("add_unit_score(%s) failed" % score)
            if lib.compliance_assessment_compute(a) != 0:
                fail("compute failed")
            got = (lib.compliance_assessment_entity_name(a, 0),
                   lib.compliance_assessment_entity_score_text(a, 0),
                   lib.compliance_assessment_entity_mean_text(a, 0),
                   lib.compliance_assessment_entity_category(a, 0),
                   lib.compliance_assessment_entity_zone(a, 0),
                   lib.compliance_assessment_entity_label(a, 0))
            if got != (b"Kota A", b"85.00", b"84.995", b"B", b"hijau", b"Kualitas Tinggi"):
                fail("typed getters gave %r" % (got,))
            etype = lib.compliance_assessment_entity_type(a, 0)
            if lib.compliance_enum_short_name(b"compliance_entity_type", etype) != b"kota":
                fail("entity type %d is not kota" % etype)
            if lib.compliance_assessment_entity_qualified(a, 0) != 0:
                fail("qualified without a qualifier")
            unit_score = ctypes.c_int64()
            if lib.compliance_assessment_unit_score(ctypes.byref(unit_score), a, 0, 0) != 0 \
                    or unit_score.value != 8499:
                fail("unit score %d, expected 8499" % unit_score.value)
            buf = ctypes.create_string_buffer(exact_size)
            if lib.compliance_assessment_unit_exact(buf, exact_size, a, 0, 0) != 0 \
                    or buf.value != b"84.99":
                fail("unit exact %r, expected 84.99" % buf.value)
            if lib.compliance_assessment_profile(a) != profile.value:
                fail("compliance_assessment_profile does not give the profile back")
        finally:
            lib.compliance_assessment_free(a)
    finally:
        lib.compliance_profile_free(profile)
        lib.compliance_ctx_free(ctx)

    print("ctypes: %s version %s; 87.995 -> %d (%s, %s)"
          % (path, version, rounded.value, category.decode(), zone.decode()))


if __name__ == "__main__":
    main()
