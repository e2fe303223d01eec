#!/usr/bin/env python3
"""Generates profiles/ombudsman-2026.json from profiles/ombudsman-2025.json.

docs/methodology.md §2 (2026): an assessment cycle runs in 2026 in the Opini
format, but no change of method and no result had been published; the 2026
profile is the 2025 one with every number marked inferred ("I") until ORI
publishes. So every source/confidence pair of the 2025 profile becomes
confidence "I" with a source naming the carry-over and the 2025 source.
What 2025 marks unknown (a null weight, an unpublished label) stays
unknown: carrying it over does not make it known.

  tools/gen-ombudsman-2026.py            write profiles/ombudsman-2026.json
  tools/gen-ombudsman-2026.py --check    exit 1 when the file differs

The `extends` mechanism is not used: a profile that extends a built-in keeps
the built-in's source and confidence for what it does not replace, so it
could not mark every number inferred without restating all of them.
"""
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROFILES = os.path.join(HERE, "..", "profiles")
CARRY = ("Carried over from ombudsman-2025 until ORI publishes the 2026 method "
         "(docs/methodology.md §2, 2026: a cycle runs in the Opini format, no change of "
         "method or result published). 2025: ")


def infer(obj):
    """Marks every sourced object inferred, recursively."""
    if isinstance(obj, list):
        for v in obj:
            infer(v)
        return
    if not isinstance(obj, dict):
        return
    for v in obj.values():
        infer(v)
    if "confidence" in obj or "source" in obj:
        unknown = obj.get("confidence") == "unknown"
        obj["source"] = CARRY + (obj.get("source") or "(no source given)")
        obj["confidence"] = "unknown" if unknown else "I"


def generate():
    with open(os.path.join(PROFILES, "ombudsman-2025.json"), encoding="utf-8") as f:
        p = json.load(f, object_pairs_hook=collections.OrderedDict)
    infer(p)
    p["id"] = "ombudsman-2026"
    p["year"] = 2026
    p["name"] = ("Opini Ombudsman RI 2026 (the 2025 method, Peraturan Ombudsman 61/2025, "
                 "carried over: every number inferred until ORI publishes)")
    return json.dumps(p, indent=2, ensure_ascii=False) + "\n"


def main():
    text = generate()
    out = os.path.join(PROFILES, "ombudsman-2026.json")
    if sys.argv[1:] == ["--check"]:
        with open(out, encoding="utf-8") as f:
            if f.read() != text:
                sys.stderr.write("profiles/ombudsman-2026.json differs from what "
                                 "tools/gen-ombudsman-2026.py generates: run it\n")
                return 1
        return 0
    if sys.argv[1:]:
        sys.stderr.write("usage: gen-ombudsman-2026.py [--check]\n")
        return 2
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
