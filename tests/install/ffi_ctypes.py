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
    lib.compliance_profile_band.restype = ctypes.c_char_p
    lib.compliance_profile_band.argtypes = [c_profile_p, ctypes.c_size_t, ctypes.c_int]
    lib.compliance_strerror.restype = ctypes.c_char_p
    lib.compliance_strerror.argtypes = [ctypes.c_int]

    COMPLIANCE_BAND_CATEGORY = 2
    COMPLIANCE_BAND_ZONE = 3
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
        category = lib.compliance_profile_band(profile, band.value, COMPLIANCE_BAND_CATEGORY)
        zone = lib.compliance_profile_band(profile, band.value, COMPLIANCE_BAND_ZONE)
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
    finally:
        lib.compliance_profile_free(profile)
        lib.compliance_ctx_free(ctx)

    print("ctypes: %s version %s; 87.995 -> %d (%s, %s)"
          % (path, version, rounded.value, category.decode(), zone.decode()))


if __name__ == "__main__":
    main()
