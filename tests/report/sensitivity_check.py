#!/usr/bin/env python3
"""Checks `compliance sensitivity` against brute force over every vertex.

    sensitivity_check.py COMPLIANCE PROFILE ANSWERS ENTITY BOUND TOP_WEIGHTS

PROFILE is an instrument profile (examples/profiles/instrument-2023.json):
top-level dimensions with children that are indicators (a 0..N scale or
yes-no); TOP_WEIGHTS the dimensions' weights as METHODOLOGY §2 states them
("input=21.85,proses=32.37,output=24.24,pengaduan=21.54"), given here so
that nothing is read back from the library. ANSWERS is the CSV of the
example (entity,entity_type,unit,indicator,value; "@score" a unit score).
BOUND is a whole percentage ("20") or "any".

Independently of the library (Python fractions), for every combination of
vertices of the groups' weight polytopes {lo <= v <= hi, sum v = S} (the
weights of confidence unknown or inferred vary; the others stay), computes
the entity's unrounded mean and the method's score (units rounded half-up
to 2 decimals, their mean rounded half-up to 2 decimals), and checks:

* mean_min and mean_max of the library's JSON equal the brute-force
  minimum and maximum of the unrounded mean, exactly;
* the library's attained scores lie within the brute-force range of the
  method's score, and that range within the library's outer bounds;
* the weights the library reports at each extreme give that extreme.
"""
import csv
import itertools
import json
import subprocess
import sys
from fractions import Fraction as F


def frac(s):
    s = str(s)
    if "/" in s:
        n, d = s.split("/")
        return F(int(n), int(d))
    return F(s)


def round2(x):
    """Half-up to 2 decimals (x >= 0 here)."""
    return F(int(x * 100 + F(1, 2)), 100)


def vertices(group, percent):
    """Weight vectors at the vertices of the group's polytope: the fixed
    weights as they are, the varying ones at lo or hi but one, which takes
    the rest of their sum when that lies within its bounds."""
    var = [i for i, c in enumerate(group) if c["vary"]]
    base = [c["w"] for c in group]
    if not var:
        return [base]
    S = sum(base[i] for i in var)
    lo = {i: (base[i] * (100 - percent) / 100 if percent else F(0)) for i in var}
    hi = {i: (base[i] * (100 + percent) / 100 if percent else S) for i in var}
    out = []
    for free in var:
        others = [i for i in var if i != free]
        for pick in itertools.product((0, 1), repeat=len(others)):
            v = list(base)
            for i, p in zip(others, pick):
                v[i] = hi[i] if p else lo[i]
            v[free] = S - sum(v[i] for i in others)
            if lo[free] <= v[free] <= hi[free]:
                out.append(v)
    return out


def main():
    exe, profile, answers, entity, bound, top = sys.argv[1:7]
    percent = 0 if bound == "any" else int(bound)
    prof = json.load(open(profile, encoding="utf-8"))
    topw = {k: F(v) for k, v in (kv.split("=") for kv in top.split(","))}
    dims = []
    for d in prof["nodes"]:
        kids = []
        for c in d["children"]:
            sc = c.get("scale")
            lo, hi = (0, 1) if sc == "yes-no" else (sc["min"], sc["max"])
            kids.append({"id": c["id"], "w": F(str(c["weight"])), "lo": lo, "hi": hi,
                         "vary": c.get("confidence") in ("unknown", "inferred", "I")})
        dims.append({"id": d["id"], "W": topw[d["id"]], "kids": kids})
    units, direct = {}, {}
    for r in csv.DictReader(open(answers, encoding="utf-8")):
        if r["entity"] != entity:
            continue
        if r["indicator"] == "@score":
            direct[r["unit"]] = F(r["value"])
            continue
        v = {"ya": 1, "tidak": 0}.get(r["value"].strip().lower())
        units.setdefault(r["unit"], {})[r["indicator"]] = F(v if v is not None else r["value"])
    n_units = len(units) + len(direct)

    def unit_score(ans, wsets):
        tot = sum(d["W"] for d in dims)
        s = F(0)
        for d, ws in zip(dims, wsets):
            share = sum(w * (ans[k["id"]] - k["lo"]) / (k["hi"] - k["lo"])
                        for k, w in zip(d["kids"], ws)) / sum(ws)
            s += d["W"] / tot * share
        return 100 * s

    def evaluate(wsets):
        us = [unit_score(a, wsets) for a in units.values()]
        mean = (sum(us) + sum(direct.values())) / n_units
        rounded = round2((sum(round2(u) for u in us) + sum(round2(x) for x in direct.values()))
                         / n_units)
        return mean, rounded

    best = None
    for combo in itertools.product(*(vertices(d["kids"], percent) for d in dims)):
        mean, score = evaluate(combo)
        if best is None:
            best = [mean, mean, score, score]
        best = [min(best[0], mean), max(best[1], mean), min(best[2], score), max(best[3], score)]
    mean_min, mean_max, score_min, score_max = best

    out = subprocess.run([exe, "sensitivity", "--profile", profile, "--bound",
                          "any" if not percent else "%d%%" % percent, "--format", "json",
                          answers, entity], capture_output=True, text=True)
    if out.returncode != 0:
        print("FAIL: sensitivity exited %d: %s" % (out.returncode, out.stderr))
        return 1
    doc = json.loads(out.stdout)
    fails = []
    got_min, got_max = frac(doc["mean_min"]["exact"]), frac(doc["mean_max"]["exact"])
    print("bound %s: mean %s .. %s (brute force %s .. %s); score %s .. %s (brute force %s .. %s)"
          % (bound, got_min, got_max, mean_min, mean_max, doc["min"]["score"],
             doc["max"]["score"], score_min, score_max))
    if got_min != mean_min:
        fails.append("mean_min %s, brute force %s" % (got_min, mean_min))
    if got_max != mean_max:
        fails.append("mean_max %s, brute force %s" % (got_max, mean_max))
    lo_s, hi_s = F(doc["min"]["score"]), F(doc["max"]["score"])
    if not (score_min <= lo_s and hi_s <= score_max):
        fails.append("attained %s..%s outside the brute-force range %s..%s"
                     % (lo_s, hi_s, score_min, score_max))
    if "outer" in doc:
        olo, ohi = F(doc["outer"]["min"]["score"]), F(doc["outer"]["max"]["score"])
        if not (olo <= score_min and score_max <= ohi):
            fails.append("outer %s..%s does not hold the brute-force range %s..%s"
                         % (olo, ohi, score_min, score_max))
    elif (lo_s, hi_s) != (score_min, score_max):
        fails.append("exact claimed but %s..%s differs from %s..%s"
                     % (lo_s, hi_s, score_min, score_max))
    # the reported weights reproduce the extremes
    at = {v["node"]: (frac(v["weight_at_min"]), frac(v["weight_at_max"])) for v in doc["varying"]}
    for which, target in ((0, mean_min), (1, mean_max)):
        ws = [[at[k["id"]][which] if k["id"] in at else k["w"] for k in d["kids"]] for d in dims]
        if evaluate(ws)[0] != target:
            fails.append("the weights at the %s give %s, not %s"
                         % (("minimum", "maximum")[which], evaluate(ws)[0], target))
    expect_vary = {k["id"] for d in dims for k in d["kids"] if k["vary"]}
    if set(at) != expect_vary:
        fails.append("varying %s, expected %s" % (sorted(at), sorted(expect_vary)))
    for f in fails:
        print("FAIL: " + f)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
