#!/usr/bin/env python3
"""The name <-> value table of the library (compliance_enum_name(),
compliance_enum_value(), compliance_enum_short_name(),
compliance_error_name()) must cover every enum of the public headers, with
the values the headers give, and nothing else.

The headers are parsed here, independently of the library; the library is
loaded with ctypes and asked about every constant:

  * every enum constant has an explicit value (house style);
  * compliance_enum_name(enum, value) is the constant's full name;
  * compliance_enum_short_name(enum, value) is the lowercase rest of the
    name after the enum's prefix: the longest "_"-ended prefix shared by
    all its constants (at least "COMPLIANCE_"; "COMPLIANCE_E_" for the
    error codes, whose COMPLIANCE_OK is "ok");
  * compliance_enum_value() gives the value back from the full name and
    from the short name, and COMPLIANCE_E_NOTFOUND for any other name;
  * compliance_error_name() names every error code, and gives
    "COMPLIANCE_E_UNKNOWN" for a value that is none;
  * the table in the source (src/util/enum_names.c) names no enum or
    constant that the headers lack.

usage: check_enums.py LIBRARY INCLUDE_DIR TABLE_SOURCE
       check_enums.py --emit INCLUDE_DIR     (prints the C table rows)
"""
import ctypes
import os
import re
import sys

failures = []


def fail(msg):
    failures.append(msg)


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def header_enums(include_dir):
    """[(enum_tag, [(constant, value or None)])] in header order."""
    enums = []
    for root, _, files in os.walk(include_dir):
        for name in sorted(files):
            if not name.endswith(".h"):
                continue
            with open(os.path.join(root, name), encoding="utf-8") as f:
                text = strip_comments(f.read())
            for m in re.finditer(r"\benum\s+(\w+)\s*\{(.*?)\}", text, flags=re.S):
                consts = []
                for item in m.group(2).split(","):
                    item = item.strip()
                    if not item:
                        continue
                    cm = re.fullmatch(r"(\w+)\s*(?:=\s*(-?\s*\d+))?", item)
                    if not cm:
                        fail("enum %s: cannot read '%s'" % (m.group(1), item))
                        continue
                    value = int(cm.group(2).replace(" ", "")) if cm.group(2) else None
                    consts.append((cm.group(1), value))
                enums.append((m.group(1), consts))
    return enums


def prefix_of(tag, names):
    if tag == "compliance_error":
        return "COMPLIANCE_E_"
    prefix = os.path.commonprefix(names) if len(names) > 1 else "COMPLIANCE_"
    prefix = prefix[: prefix.rfind("_") + 1]
    return prefix if len(prefix) >= len("COMPLIANCE_") else "COMPLIANCE_"


def short_name(tag, name, names):
    if tag == "compliance_error" and name == "COMPLIANCE_OK":
        return "ok"
    return name[len(prefix_of(tag, names)):].lower()


def emit(include_dir):
    for tag, consts in header_enums(include_dir):
        names = [c for c, _ in consts]
        for c, _ in consts:
            print('\t{ "%s", "%s", "%s", %s },' % (tag, c, short_name(tag, c, names), c))


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--emit":
        emit(sys.argv[2])
        return 0
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    library, include_dir, table_source = sys.argv[1:]
    lib = ctypes.CDLL(library)
    lib.compliance_enum_name.restype = ctypes.c_char_p
    lib.compliance_enum_name.argtypes = [ctypes.c_char_p, ctypes.c_int]
    lib.compliance_enum_short_name.restype = ctypes.c_char_p
    lib.compliance_enum_short_name.argtypes = [ctypes.c_char_p, ctypes.c_int]
    lib.compliance_enum_value.restype = ctypes.c_int
    lib.compliance_enum_value.argtypes = [ctypes.POINTER(ctypes.c_int), ctypes.c_char_p,
                                          ctypes.c_char_p]
    lib.compliance_error_name.restype = ctypes.c_char_p
    lib.compliance_error_name.argtypes = [ctypes.c_int]

    enums = header_enums(include_dir)
    if not any(tag == "compliance_error" for tag, _ in enums):
        fail("no enum compliance_error found in %s" % include_dir)
    seen = {}
    count = 0
    for tag, consts in enums:
        names = [c for c, _ in consts]
        values = {}
        for c, v in consts:
            count += 1
            seen.setdefault(tag, set()).add(c)
            if v is None:
                fail("%s: %s has no explicit value" % (tag, c))
                continue
            if v in values:
                fail("%s: %s and %s share the value %d" % (tag, values[v], c, v))
            values[v] = c
            got = lib.compliance_enum_name(tag.encode(), v)
            if got is None or got.decode() != c:
                fail("compliance_enum_name(%s, %d) = %r, expected %s" % (tag, v, got, c))
            short = short_name(tag, c, names)
            got = lib.compliance_enum_short_name(tag.encode(), v)
            if got is None or got.decode() != short:
                fail("compliance_enum_short_name(%s, %d) = %r, expected %s" % (tag, v, got, short))
            for n in (c, short):
                out = ctypes.c_int(12345)
                rc = lib.compliance_enum_value(ctypes.byref(out), tag.encode(), n.encode())
                if rc != 0 or out.value != v:
                    fail("compliance_enum_value(%s, %s) = %d, out %d; expected 0, out %d"
                         % (tag, n, rc, out.value, v))
            if tag == "compliance_error":
                got = lib.compliance_error_name(v)
                if got is None or got.decode() != c:
                    fail("compliance_error_name(%d) = %r, expected %s" % (v, got, c))
        # a value that is not in the enum
        missing = max(values) + 1 if values else 0
        if lib.compliance_enum_name(tag.encode(), missing) is not None:
            fail("compliance_enum_name(%s, %d) names a value the enum lacks" % (tag, missing))
        out = ctypes.c_int(0)
        if lib.compliance_enum_value(ctypes.byref(out), tag.encode(), b"COMPLIANCE_NO_SUCH") != -3:
            fail("compliance_enum_value(%s, COMPLIANCE_NO_SUCH) is not COMPLIANCE_E_NOTFOUND" % tag)
    if lib.compliance_error_name(-999).decode() != "COMPLIANCE_E_UNKNOWN":
        fail("compliance_error_name(-999) is not COMPLIANCE_E_UNKNOWN")
    if lib.compliance_enum_name(b"compliance_no_such_enum", 0) is not None:
        fail("compliance_enum_name of an unknown enum is not NULL")

    # the source table has nothing the headers lack
    with open(table_source, encoding="utf-8") as f:
        rows = re.findall(r'\{\s*"(\w+)",\s*"(\w+)",\s*"(\w+)",\s*(-?\w+)\s*\}', f.read())
    if not rows:
        fail("no table rows read from %s" % table_source)
    for tag, c, _, _ in rows:
        if c not in seen.get(tag, ()):
            fail("%s names %s in enum %s, which the headers lack" % (table_source, c, tag))
    if len(rows) != count:
        fail("%s has %d rows; the headers have %d constants" % (table_source, len(rows), count))

    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    if not failures:
        print("PASS: %d enums, %d constants, named both ways" % (len(enums), count))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
