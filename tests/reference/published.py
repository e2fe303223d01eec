#!/usr/bin/env python3
"""The reference (compliance_ref.py) against the published results in
tests/data (copied from the shared vectors): every entity of unit-means.csv
scored from its published unit scores, every row of classifications.csv
classified as a one-unit entity. This checks the reference itself,
independently of the C library.

    published.py --repo REPO_ROOT

The last line is "N passed, N failed"; the exit status is 1 on a failure.
"""

import argparse
import csv
import io
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compliance_ref as ref  # noqa: E402


def score(repo, profile, rows, tmp):
    path = os.path.join(tmp, "input.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("entity,entity_type,unit,score\n")
        for r in rows:
            f.write(",".join(ref.csv_field(x) for x in r) + "\n")
    out, err = io.StringIO(), io.StringIO()
    rc = ref.run(["score", "--profile", profile, "--profiles-dir",
                  os.path.join(repo, "profiles"), path], out, err)
    if rc:
        return None, err.getvalue()
    return list(csv.DictReader(io.StringIO(out.getvalue()))), ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo", required=True)
    args = ap.parse_args()
    data = os.path.join(args.repo, "tests", "data")
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        groups = {}
        with open(os.path.join(data, "unit-means.csv"), encoding="utf-8") as f:
            for r in csv.DictReader(f):
                key = (r["profile"], r["entity"])
                groups.setdefault(key, []).append(r)
        for (profile, entity), rows in groups.items():
            res, err = score(args.repo, profile,
                             [[r["entity"], r["entity_type"], r["unit"], r["unit_score"]]
                              for r in rows], tmp)
            want = (rows[0]["published_entity_score"], rows[0]["published_category"] or "-",
                    rows[0]["published_zone"])
            got = (res[0]["score"], res[0]["category"], res[0]["zone"]) if res else err
            ok = res is not None and got == want
            print("%s %s %s: published %s, reference %s" % ("ok  " if ok else "FAIL", profile,
                                                             entity, want, got))
            passed += ok
            failed += not ok
        with open(os.path.join(data, "classifications.csv"), encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader)
            for r in reader:
                row = dict(zip(header[:6], r[:6]))  # the source may hold a bare comma
                res, err = score(args.repo, row["profile"],
                                 [[row["entity"], "kota", "u", row["score"]]], tmp)
                want = (row["score"], row["published_category"] or "-",
                        row["published_zone"])
                got = (res[0]["score"], res[0]["category"], res[0]["zone"]) if res else err
                ok = res is not None and got == want
                if ok and row["published_label"]:
                    ok = res[0]["label"] == row["published_label"]
                    got = got + (res[0]["label"],)
                print("%s %s %s %s: published %s, reference %s"
                      % ("ok  " if ok else "FAIL", row["profile"], row["entity"], row["score"],
                         want, got))
                passed += ok
                failed += not ok
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
