#!/usr/bin/env python3
"""Deterministic benchmark data for bench/run.sh.

    gen.py national OUTDIR [--entities 600] [--units 7] [--seed S]
        OUTDIR/profile-2023-bench.json: extends ombudsman-2023 with 4 dimensions
        x 10 indicators on 0-3 scales (input.1 weighs 12.22 as published; the
        other weights are made up), and OUTDIR/answers-national.csv in the long
        format entity,entity_type,unit,indicator,value: ENTITIES x UNITS x 40 rows.

    gen.py skm OUTFILE --respondents N [--seed S] [--flood]
        an SKM survey: respondent,U1,...,U9 with answers 1-4.

    gen.py units OUTFILE --entities E --units U [--seed S]
        unit scores, entity,entity_type,unit,score: E entities x U units,
        one row each (E x U rows), scores 0.00-100.00.

    gen.py national-json CSV OUTFILE
        the national answers (gen.py national) in the JSON input form of
        docs/input-format.md: one object per entity, its units' values.

    gen.py big-profile OUTFILE --nodes N
        a profile of N nodes that extends nothing: N/1000 dimensions of
        weight 100/(N/1000) (N a multiple of 1000, at most 100,000) with 999
        indicators each on a 0-3 scale, weights 0.1 (one 0.2) summing to 100.
"""

import argparse
import json
import os
import random

DIMS = ["input", "proses", "output", "pengaduan"]
UNITS = ["Dinas Kesehatan", "Disdukcapil", "Dinas Pendidikan", "Dinas Sosial", "DPMPTSP",
         "Puskesmas I", "Puskesmas II", "Unit VIII", "Unit IX", "Unit X"]
# national shape: 586 local governments and central bodies in 2023, rounded up
TYPE_SHARES = [("kementerian", 34), ("lembaga", 40), ("provinsi", 34), ("kota", 93),
               ("kabupaten", 399)]


def profile():
    nodes = []
    for d in DIMS:
        kids = []
        for i in range(1, 11):
            if d == "input":
                w = "12.22" if i == 1 else ("9.78" if i == 10 else "9.75")
            else:
                w = "10"
            kids.append({"id": "%s.%d" % (d, i), "name": "%s indicator %d" % (d, i),
                         "weight": w, "source": "benchmark", "confidence": "unknown",
                         "scale": {"min": 0, "max": 3}})
        nodes.append({"id": d, "weights_total": 100, "children": kids})
    return {"format": "libcompliance-profile/1", "id": "bench-2023", "extends": "ombudsman-2023",
            "name": "Benchmark: the 2023 method with 10 indicators per dimension",
            "nodes": nodes}


def national(outdir, n_entities, n_units, seed):
    rng = random.Random(seed)
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "profile-2023-bench.json"), "w", encoding="utf-8") as f:
        json.dump(profile(), f, indent=1)
        f.write("\n")
    types = []
    total = sum(n for _, n in TYPE_SHARES)
    for t, n in TYPE_SHARES:
        types += [t] * (n * n_entities // total)
    while len(types) < n_entities:
        types.append("kabupaten")
    rows = 0
    path = os.path.join(outdir, "answers-national.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("entity,entity_type,unit,indicator,value\n")
        for e in range(n_entities):
            name = "Entitas %04d" % (e + 1)
            level = rng.random()  # entities differ: some answer mostly 3, some mostly 0
            for u in UNITS[:n_units]:
                lines = []
                for d in DIMS:
                    for i in range(1, 11):
                        v = min(3, max(0, round(level * 3 + rng.gauss(0, 0.9))))
                        lines.append("%s,%s,%s,%s.%d,%d\n" % (name, types[e], u, d, i, v))
                f.write("".join(lines))
                rows += len(lines)
    return path, rows


# The offset basis as libcompliance 0.1 wrote it (one digit short of the
# standard 14695981039346656037), and the FNV prime.
FNV_OFFSET, FNV_PRIME = 1469598103934665603, 1099511628211


def flood_ids(n, bits=19):
    """n distinct ids whose 64-bit FNV-1a hashes agree in their low `bits`
    bits: the ids that flooded the unkeyed duplicate-id table of
    libcompliance 0.1 (bucket = hash % a power of two). Found by meeting in
    the middle: 4-character prefixes forward, 3-character suffixes backward
    from the target 0 (mod 2^bits)."""
    mod = 1 << bits
    mask = mod - 1
    prime = FNV_PRIME & mask
    inv = pow(prime, -1, mod)
    alpha = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    need = {}
    for a in alpha:
        for b in alpha:
            for c in alpha:
                x = 0
                for ch in reversed(a + b + c):
                    x = ((x * inv) & mask) ^ ord(ch)
                need.setdefault(x, []).append(a + b + c)
    out = []
    for a in alpha:
        for b in alpha:
            for c in alpha:
                for d in alpha:
                    h = FNV_OFFSET & mask
                    for ch in "F" + a + b + c + d:
                        h = ((h ^ ord(ch)) * prime) & mask
                    for suf in need.get(h, ()):
                        out.append("F" + a + b + c + d + suf)
                        if len(out) == n:
                            return out
    raise SystemExit("not enough colliding ids")


def skm(outfile, n, seed, flood=False):
    rng = random.Random(seed)
    ids = flood_ids(n) if flood else None
    os.makedirs(os.path.dirname(os.path.abspath(outfile)), exist_ok=True)
    with open(outfile, "w", encoding="utf-8", newline="") as f:
        f.write("respondent,U1,U2,U3,U4,U5,U6,U7,U8,U9\n")
        chunk = []
        for r in range(n):
            a = rng.choices("1234", weights=(5, 15, 50, 30), k=9)
            chunk.append("%s,%s\n" % (ids[r] if ids else "R%07d" % (r + 1), ",".join(a)))
            if len(chunk) == 10000:
                f.write("".join(chunk))
                chunk = []
        f.write("".join(chunk))


def units(outfile, n_entities, n_units, seed):
    rng = random.Random(seed)
    os.makedirs(os.path.dirname(os.path.abspath(outfile)), exist_ok=True)
    types = [t for t, _ in TYPE_SHARES]
    names = ["Unit %d" % (u + 1) for u in range(n_units)]
    with open(outfile, "w", encoding="utf-8", newline="") as f:
        f.write("entity,entity_type,unit,score\n")
        for e in range(n_entities):
            head = "Entitas %07d,%s," % (e + 1, types[e % len(types)])
            base = rng.randrange(0, 9001)
            f.write("".join("%s%s,%d.%02d\n" % (head, names[u], *divmod((base + u * 37) % 10001, 100))
                            for u in range(n_units)))
    return n_entities * n_units


def national_json(csv_path, outfile):
    entities = {}
    with open(csv_path, encoding="utf-8") as f:
        next(f)
        for line in f:
            e, t, u, ind, v = line.rstrip("\n").split(",")
            ent = entities.get(e)
            if ent is None:
                ent = entities[e] = {"entity": e, "entity_type": t, "units": {}}
            ent["units"].setdefault(u, {})[ind] = int(v)
    doc = {"entities": [{"entity": x["entity"], "entity_type": x["entity_type"],
                         "units": [{"unit": u, "values": vals} for u, vals in x["units"].items()]}
                        for x in entities.values()]}
    with open(outfile, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    return len(doc["entities"])


def big_profile(outfile, n_nodes):
    if n_nodes % 1000 or not 1000 <= n_nodes <= 100000:
        raise SystemExit("big-profile: --nodes must be a multiple of 1000 up to 100000")
    dims = n_nodes // 1000
    # dimension weights in hundredths that sum to 100.00 exactly
    cents = [10000 // dims] * dims
    cents[-1] += 10000 - sum(cents)
    nodes = []
    for d in range(dims):
        kids = [{"id": "d%03d.i%03d" % (d + 1, i + 1), "name": "indicator %d.%d" % (d + 1, i + 1),
                 "weight": "0.2" if i == 0 else "0.1", "scale": {"min": 0, "max": 3}}
                for i in range(999)]
        nodes.append({"id": "d%03d" % (d + 1), "name": "dimension %d" % (d + 1),
                      "weight": "%d.%02d" % divmod(cents[d], 100), "weights_total": 100,
                      "children": kids})
    bands = [("A", "88.00", "100.00", "hijau", "Kualitas Tertinggi"),
             ("B", "78.00", "87.99", "hijau", "Kualitas Tinggi"),
             ("C", "54.00", "77.99", "kuning", "Kualitas Sedang"),
             ("D", "32.00", "53.99", "merah", "Kualitas Rendah"),
             ("E", "0.00", "31.99", "merah", "Kualitas Terendah")]
    doc = {"format": "libcompliance-profile/1", "id": "bench-big", "year": 2023,
           "name": "Benchmark: %d nodes" % n_nodes,
           "scale": {"min": 0, "max": 100},
           "rounding": {"mode": "half-up", "decimals": 2, "stages": ["unit", "entity"]},
           "rollup": {"default": "units", "allowed": ["units"]},
           "bands": [{"category": c, "min": lo, "max": hi, "zone": z, "label": l}
                     for c, lo, hi, z, l in bands],
           "weights_total": 100, "nodes": nodes}
    os.makedirs(os.path.dirname(os.path.abspath(outfile)), exist_ok=True)
    with open(outfile, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    return n_nodes



def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="what", required=True)
    a = sub.add_parser("national")
    a.add_argument("outdir")
    a.add_argument("--entities", type=int, default=600)
    a.add_argument("--units", type=int, default=7)
    a.add_argument("--seed", type=int, default=2023)
    b = sub.add_parser("skm")
    b.add_argument("outfile")
    b.add_argument("--respondents", type=int, required=True)
    b.add_argument("--seed", type=int, default=2017)
    b.add_argument("--flood", action="store_true",
                   help="respondent ids crafted to collide under an unkeyed FNV-1a table")

    c = sub.add_parser("units")
    c.add_argument("outfile")
    c.add_argument("--entities", type=int, required=True)
    c.add_argument("--units", type=int, required=True)
    c.add_argument("--seed", type=int, default=8)
    d = sub.add_parser("national-json")
    d.add_argument("csv")
    d.add_argument("outfile")
    g = sub.add_parser("big-profile")
    g.add_argument("outfile")
    g.add_argument("--nodes", type=int, required=True)
    args = ap.parse_args()
    if args.what == "units":
        rows = units(args.outfile, args.entities, args.units, args.seed)
        print("%s: %d rows" % (args.outfile, rows))
    elif args.what == "national-json":
        n = national_json(args.csv, args.outfile)
        print("%s: %d entities" % (args.outfile, n))
    elif args.what == "big-profile":
        big_profile(args.outfile, args.nodes)
        print("%s: %d nodes" % (args.outfile, args.nodes))
    elif args.what == "national":
        path, rows = national(args.outdir, args.entities, args.units, args.seed)
        print("%s: %d rows" % (path, rows))
    else:
        skm(args.outfile, args.respondents, args.seed, args.flood)
        print("%s: %d respondents" % (args.outfile, args.respondents))


if __name__ == "__main__":
    main()
